"""Text view of a unit: a next-character session's whole text, each character's background coloured
by the selected unit's h, c or any gate at that character (issue 15), and the search for units by
example under it. The panel: it follows the model, colours the text and runs the searches.

The numbers are the model's run over the whole text (:meth:`SessionModel.text_run`, see
:mod:`lstm_studio.session.text_run`): the state carried from character to character across the
whole text, not restarted at each sequence window as the time panels' window is. The selected
unit is the model's selection, so every panel agrees; the sequence window of the other panels is
framed in the text and the time cursor's character outlined. A click on a character in the
window moves the time cursor there; a click outside says so, and a double click moves the
window there (one undoable step, :class:`MoveWindowCommand`). Hovering shows the character's values.

The text is drawn by :mod:`~lstm_studio.app.panels.text_canvas`, the units found by example are
listed by :mod:`~lstm_studio.app.panels.unit_search`.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QToolTip, QVBoxLayout, QWidget

from lstm_studio.app.panels.text_canvas import (
    ColourBar,
    Colours,
    TextCanvas,
    TextScroll,
    colour_levels,
    glyph,
    value_colours,
)
from lstm_studio.app.panels.unit_search import TOP_UNITS, UnitSearch, unit_name
from lstm_studio.app.widgets import LiveText, RefreshWhenSeen, scrolling
from lstm_studio.session.text_run import (
    MATCH_UNITS,
    NEIGHBOURHOOD,
    matches,
    quantities,
    rank_units,
    window_at,
    window_start,
)

Area = Qt.DockWidgetArea
TRAINING_REFRESH_MS = 1000
"""While a run trains, the text view follows the weights at most once a second (a run over the
whole text takes a good part of a second)."""


EDIT_PAUSE_MS = 150
"""The text view and the saturation plot follow edits once they pause this long."""


def schedule(timer: QTimer, training: bool) -> None:
    """Start ``timer`` for a refresh: EDIT_PAUSE_MS after the last of a stream of edits, or
    TRAINING_REFRESH_MS after the first change while a run trains (not postponed further)."""
    if training:
        if not timer.isActive():
            timer.start(TRAINING_REFRESH_MS)
    else:
        timer.start(EDIT_PAUSE_MS)


class MoveWindowCommand(QUndoCommand):
    """The sequence window moved to another place of the text (inputs, targets and the time
    cursor), as one undoable step. ``placed(start)`` is told where the window starts before each
    change (a repetitive text holds the same window at several places)."""

    def __init__(self, model, inputs, targets, step: int, start: int, old_start, text: str, placed=None):
        super().__init__(text)
        self._model = model
        self._placed = placed
        self._old = (model.document.inputs.copy(), model.document.targets.copy(), model.view.time_step, old_start)
        self._new = (inputs, targets, step, start)

    def _apply(self, values) -> None:
        inputs, targets, step, start = values
        if self._placed is not None:
            self._placed(start)
        with self._model.changes():
            self._model.set_inputs(inputs)
            self._model.set_targets(targets)
        self._model.set_time_step(step)

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class TextViewPanel(RefreshWhenSeen, QWidget):
    """The text coloured by the selected unit, and the search for units by example."""

    def __init__(self, model, undo_stack=None, parent=None):
        super().__init__(parent)
        self.model = model
        self.undo_stack = undo_stack
        self.run = None
        self.start = None  # where the sequence window starts in the text
        self.search_span = None
        self.found = []
        self.setToolTip(self.tr(
            "The whole training text, each character's background coloured by the selected unit's "
            "value after reading it (the state carried across the whole text). Click a character "
            "to move the time cursor there; drag over a span to find the units that are on there "
            "and off around it."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        bar = QHBoxLayout()
        self.quantity_label = QLabel(self.tr("Colour by:"))
        bar.addWidget(self.quantity_label)
        self.quantity_combo = QComboBox()
        self.quantity_combo.setToolTip(self.tr("Which value of the selected unit colours each character"))
        self.quantity_combo.currentIndexChanged.connect(self._quantity_chosen)
        bar.addWidget(self.quantity_combo)
        self.colour_bar = ColourBar()
        self.colour_bar.setToolTip(self.tr("The colours' values: σ gates 0..1; h, g and n −1..1; "
                                           "c symmetric about 0, fitted to the unit"))
        bar.addWidget(self.colour_bar)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.info = LiveText(parent=self, wrap=True)
        layout.addWidget(self.info)
        self.canvas = TextCanvas()
        self.scroll = TextScroll(self.canvas)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.scroll)
        self.hover = LiveText(parent=self, wrap=True)
        self.hover.setToolTip(self.tr("The values of the selected unit at the character under the mouse"))
        layout.addWidget(self.hover)
        self.message = LiveText(parent=self, wrap=True)
        self.message.hide()
        layout.addWidget(self.message)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.setSpacing(2)
        self.search_title = LiveText(parent=lower, wrap=True)
        lower_layout.addWidget(self.search_title)
        self.search = UnitSearch()
        self.search.setToolTip(self.tr("Units ranked by mean value on the selected span minus mean over "
                                       "the {0} characters on each side; click a row to select the unit "
                                       "everywhere. Underlined in the text: where the best {1} are all at "
                                       "least 3/4 of the way from their level around the span to their "
                                       "level on it.").format(NEIGHBOURHOOD, MATCH_UNITS))
        lower_layout.addWidget(self.search)
        lower_layout.addStretch(1)
        self.search_scroll = scrolling(lower)
        self.search_scroll.setMinimumHeight(30)
        self.splitter.addWidget(self.search_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.insertWidget(layout.count() - 2, self.splitter, 1)

        self.canvas.clicked.connect(self.character_clicked)
        self.canvas.doubleClicked.connect(self.move_window_to)
        self.canvas.spanSelected.connect(self.select_span)
        self.canvas.hovered.connect(self.show_values)
        self.search.unitClicked.connect(lambda layer, direction, unit: self.model.set_selection(
            layer=layer, direction=direction, unit=unit))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh_or_defer)
        for signal in (model.evaluationChanged, model.documentReplaced, model.structureChanged,
                       model.textRunChanged):
            signal.connect(self.schedule)
        model.selectionChanged.connect(self._selection_changed)
        model.timeStepChanged.connect(self._time_changed)
        model.colourScaleChanged.connect(self._recolour)
        self._fill_quantities()
        self.refresh()

    # -- following the model -----------------------------------------------------------------------
    def schedule(self, *_args) -> None:
        """Refresh soon: once a stream of edits pauses (a weight dragged), at most once a second
        while a run trains (a run over a long text takes a good part of a second)."""
        schedule(self._timer, self.model.training)

    def refresh(self) -> None:
        self._timer.stop()
        self._fill_quantities()
        self.run = self.model.text_run()
        if self.run is None:
            self.canvas.set_text("")
            self.canvas.set_colours(Colours())
            if self.model.text_run_pending:  # a large network's first run: the text comes when it is ready
                self.info.setText(self.tr(
                    "Reading the text… The network's run over the text is computed in the background "
                    "and shown here when it is ready."))
            else:
                self.info.setText(self.tr(
                    "The text view shows the text of a next-character session. Choose the task "
                    "“Next-character prediction” in the Training panel (or open a text example from "
                    "File ▸ Examples) to see what each unit does along the text."))
            self.search.clear()
            self.search_title.setText("")
            self.hover.setText("")
            self.set_message("")
            return
        if self.run.text != self.canvas.text:  # another text: the last search and place are of the old one
            self.search_span, self.start = None, None
        self.canvas.set_text(self.run.text)
        self.scroll.widget().lay_out(self.scroll.viewport().width())
        self.canvas.resize(self.scroll.viewport().width(), self.canvas.height())
        self.start = window_start(self.model.document, self.start)
        steps = self.model.config.seq_len
        self.canvas.window = None if self.start is None else (self.start, self.start + steps)
        self._recolour()
        self._time_changed(self.model.view.time_step)
        if self.search_span is not None and self.search_span[1] <= len(self.run.text):
            self.select_span(*self.search_span)
        else:
            self.search_span = None
            self.canvas.span, self.canvas.marks = None, []
            self.search.clear()
            self.search_title.setText(self.tr("Drag over a span of the text to find the units that are on "
                                              "there and off around it."))

    def _fill_quantities(self) -> None:
        names = quantities(self.model.config.kind)
        if [self.quantity_combo.itemData(k) for k in range(self.quantity_combo.count())] == list(names):
            return
        current = self.quantity_combo.currentData()
        self.quantity_combo.blockSignals(True)
        self.quantity_combo.clear()
        for name in names:
            self.quantity_combo.addItem(self.quantity_title(name), name)
        index = self.quantity_combo.findData(current)
        self.quantity_combo.setCurrentIndex(max(0, index))
        self.quantity_combo.blockSignals(False)

    def quantity_title(self, name: str) -> str:
        return {
            "h": self.tr("h — hidden state"),
            "c": self.tr("c — cell state"),
            "i": self.tr("i — input gate"),
            "f": self.tr("f — forget gate"),
            "g": self.tr("g — candidate cell input"),
            "o": self.tr("o — output gate"),
            "r": self.tr("r — reset gate"),
            "z": self.tr("z — update gate"),
            "n": self.tr("n — candidate state"),
        }.get(name, name)

    @property
    def quantity(self) -> str:
        return self.quantity_combo.currentData() or "h"

    def set_quantity(self, name: str) -> None:
        index = self.quantity_combo.findData(name)
        if index >= 0:
            self.quantity_combo.setCurrentIndex(index)

    def _quantity_chosen(self) -> None:
        self._recolour()
        if self.search_span is not None:
            self.select_span(*self.search_span)

    def unit_values(self, quantity: str | None = None) -> np.ndarray:
        """The selected unit's values of ``quantity`` (default: the chosen one) at every character."""
        view = self.model.view
        return self.run.of(quantity or self.quantity, view.layer, view.direction)[:, view.unit]

    def _shows_selection(self) -> bool:
        """Whether the run shown holds the selected unit (after a change of sizes it may not, until
        the refresh that follows)."""
        view = self.model.view
        if self.run is None:
            return False
        if (view.layer, view.direction) not in self.run.values or view.unit >= self.run.hidden_size:
            self.schedule()
            return False
        return True

    def _recolour(self, *_args) -> None:
        if not self._shows_selection():
            return
        values = self.unit_values()
        low, high, name = colour_levels(self.run.kind, self.quantity, values, self.model.view.colour_scale)
        self.levels = (low, high, name)
        self.colour_bar.set_levels(low, high, name)
        self.canvas.set_colours(value_colours(values, low, high, name))
        self._show_info()
        self.search.set_selected((self.model.view.layer, self.model.view.direction, self.model.view.unit))

    def _show_info(self) -> None:
        view, run = self.model.view, self.run
        unit = unit_name(view.layer, view.direction, view.unit, (run.num_layers, run.num_directions))
        if len(run.text) < run.total:
            extent = self.tr("the first {0} of {1} characters").format(f"{len(run.text):,}", f"{run.total:,}")
        else:
            extent = self.tr("all {0} characters").format(f"{len(run.text):,}")
        if self.start is None:
            window = self.tr("the sequence window is not in the text (its inputs were edited)")
        else:
            window = self.tr("dashed frame: the sequence window (characters {0}–{1})").format(
                self.start + 1, self.start + self.model.config.seq_len)
        self.info.setText(self.tr("{0}: {1} at each character of {2}, the state carried across the whole "
                                  "text from h0 · {3}").format(unit, self.quantity_title(self.quantity),
                                                                extent, window))

    def _selection_changed(self) -> None:
        self._recolour()

    def _time_changed(self, t: int) -> None:
        self.canvas.cursor = None if self.start is None else self.start + t
        self.canvas.update()

    def set_message(self, text: str) -> None:
        """Say why a click did not move the cursor (hidden when there is nothing to say)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- the mouse ---------------------------------------------------------------------------------
    def character_clicked(self, k: int) -> None:
        """Move the time cursor to character ``k`` if it lies in the sequence window, else say how
        to move the window there."""
        steps = self.model.config.seq_len
        if self.start is not None and self.start <= k < self.start + steps:
            self.model.set_time_step(k - self.start)
            self.set_message("")
        elif self.start is None:
            self.set_message(self.tr("The sequence window's inputs are not characters of the text "
                                         "(they were edited), so no character of the text is in it."))
        else:
            self.set_message(self.tr(
                "Character {0} lies outside the sequence window (characters {1}–{2}): double-click it "
                "to move the window there.").format(k + 1, self.start + 1, self.start + steps))

    def move_window_to(self, k: int) -> None:
        """Move the sequence window so that it holds character ``k`` (one undoable step) and put
        the time cursor on it."""
        document = self.model.document
        if self.run is None or self.model.training:
            return
        steps = document.config.seq_len
        if self.start is not None and self.start <= k < self.start + steps:
            return
        start = int(np.clip(k - steps // 2, 0, max(0, self.run.total - steps - 1)))
        inputs, targets = window_at(document, start)
        command = MoveWindowCommand(self.model, inputs, targets, k - start, start, self.start,
                                    self.tr("Move the sequence window to character {0}").format(k + 1),
                                    placed=self._placed)
        if self.undo_stack is not None:
            self.undo_stack.push(command)
        else:
            command.redo()
        self.set_message("")

    def _placed(self, start) -> None:
        self.start = start

    def show_values(self, k: int) -> None:
        """The selected unit's values at character ``k`` in the hover line and a tooltip."""
        if k < 0 or not self._shows_selection() or k >= len(self.run.text):
            self.hover.setText("")
            return
        view = self.model.view
        values = ", ".join("{0} = {1}".format(name, f"{self.run.of(name, view.layer, view.direction)[k, view.unit]:.3f}")
                           for name in self.run.quantities)
        unit = unit_name(view.layer, view.direction, view.unit, (self.run.num_layers, self.run.num_directions))
        text = self.tr("“{0}” (character {1}) · {2}: {3}").format(
            glyph(self.run.text[k]), k + 1, unit, values)
        steps = self.model.config.seq_len
        if self.start is not None and self.start <= k < self.start + steps:
            text += " · " + self.tr("t = {0} of the sequence window").format(k - self.start + 1)
        self.hover.setText(text)
        if self.canvas.underMouse():
            QToolTip.showText(self.canvas.mapToGlobal(self.canvas.character_rect(k).bottomLeft().toPoint()),
                              text, self.canvas)

    def _make_room_for_search(self) -> None:
        """Give the found units the height they need, up to half of the split (the text keeps the rest)."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        need = self.search_title.heightForWidth(max(self.search_scroll.viewport().width(), 200)) + \
            self.search.height() + 8
        lower = int(min(need, total * 0.5))
        if sizes[1] < lower:
            self.splitter.setSizes([total - lower, lower])

    # -- units by example --------------------------------------------------------------------------
    def select_span(self, start: int, stop: int) -> None:
        """Rank the units by span start..stop−1 (characters), list the best under the text and
        underline where the best ones are all on elsewhere."""
        if self.run is None:
            return
        start, stop = max(0, start), min(len(self.run.text), stop)
        if stop <= start:
            return
        self.search_span = (start, stop)
        self.canvas.span = (start, stop)
        quantity = self.quantity
        ranked = rank_units(self.run, start, stop, quantity, count=TOP_UNITS)
        self.found = ranked
        self.canvas.marks = matches(self.run, ranked, quantity)
        context = (max(0, start - NEIGHBOURHOOD), min(len(self.run.text), stop + NEIGHBOURHOOD))
        rows = []
        for r in ranked:
            values = self.run.of(quantity, r.layer, r.direction)[:, r.unit]
            low, high, name = colour_levels(self.run.kind, quantity, values, self.model.view.colour_scale)
            rows.append((r, value_colours(values[context[0]:context[1]], low, high, name)))
        self.search._layers = (self.run.num_layers, self.run.num_directions)
        self.search.set_result(self.run.text, (start, stop), context, rows)
        self._make_room_for_search()
        others = sum(1 for a, b in self.canvas.marks if b <= start or a >= stop)
        span_text = "".join(glyph(ch) for ch in self.run.text[start:stop])
        if len(span_text) > 30:
            span_text = span_text[:29] + "…"
        self.search_title.setText(self.tr(
            "Units whose {0} is on on “{1}” and off around it (score: mean on the span − mean over {2} "
            "characters on each side); underlined: {3} other places where the best {4} are all on. "
            "Click a row to select the unit.").format(quantity, span_text, NEIGHBOURHOOD, others,
                                                       min(MATCH_UNITS, len(ranked))))
        self.canvas.update()


def install(window) -> None:
    """Add the text view as a tab beside the Output panel (``window.text_view``)."""
    panel = TextViewPanel(window.model, window.undo_stack)
    window.text_view = panel
    window.add_dock("text_view", QCoreApplication.translate("TextViewPanel", "Text view of a unit"), panel, Area.RightDockWidgetArea,
                    beside="output")
