"""Editor of the input sequence or the targets: a table of time × channels, a plot to draw on,
generators, the sequence size and (for targets) where and how the loss applies.

Every edit is one command on the undo stack; a drawn stroke is one merged command. The table is
an :mod:`~lstm_studio.app.editors.array_table`.
"""

from __future__ import annotations

import itertools

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.app.editors.array_table import ArrayTableModel, array_table
from lstm_studio.app.editors.channel_backdrop import ChannelBackdrop
from lstm_studio.app.editors.commands import (
    MERGE_INPUT_STROKE,
    MERGE_TARGET_STROKE,
    ConfigCommand,
    GestureCommand,
    ModelSettingCommand,
    ReplaceDocumentCommand,
    SetArrayCommand,
)
from lstm_studio.app.editors.sequence_plot import (  # noqa: F401 - the names tests use
    CHANNEL_COLOURS,
    MARK_GREY,
    MAX_BOLD_CHANNELS,
    MAX_POINTS_WITH_SYMBOLS,
    MIN_DRAWING_HEIGHT,
    DrawViewBox,
    channel_colour,
    with_symbols,
)
from lstm_studio.app.i18n import error_text
from lstm_studio.app.panels.free_run import FedInputsOverlay
from lstm_studio.app.panels.plots.axes import TimeAxis, step_label
from lstm_studio.app.theme import scaled
from lstm_studio.app.widgets import CommandEditorMixin, blocked, double_spin_box
from lstm_studio.session import generators
from lstm_studio.session.characters import visible
from lstm_studio.session.document import LIMITS
from lstm_studio.session.document import VALUE_LIMIT


class SequenceEditor(CommandEditorMixin, QWidget):
    """Edits ``target`` ("inputs" or "targets") of the session through ``undo_stack``.

    Signals ``errorOccurred(message)`` when typed or generated values are refused.
    """

    errorOccurred = Signal(str)

    GENERATOR_SETTINGS = {
        "zeros": (),
        "constant": ("value",),
        "step": ("k", "value"),
        "impulse": ("k", "value"),
        "sine": ("period", "phase", "amplitude"),
        "uniform": ("low", "high", "seed"),
        "gaussian": ("mean", "std", "seed"),
        "one_hot": ("text", "vocabulary"),
    }

    def __init__(self, model, undo_stack, target: str = "inputs", parent=None):
        super().__init__(parent)
        self.model, self.undo_stack, self.target = model, undo_stack, target
        self._merge_id = MERGE_INPUT_STROKE if target == "inputs" else MERGE_TARGET_STROKE
        self._strokes = itertools.count()
        self._stroke = None  # (gesture id, last step, last value) while drawing
        symbol = "x" if target == "inputs" else "y"
        self.setToolTip(
            self.tr("The input sequence x_t: type values, draw on the plot or use a generator.")
            if target == "inputs"
            else self.tr("The targets y_t the loss compares the read-out with, and where the loss applies.")
        )

        self.table_model = ArrayTableModel(
            model, undo_stack, target,
            row_label=self.row_label,
            column_label=lambda k: self.column_label(k, symbol),
            parent=self,
            column_colour=channel_colour,
            column_tip=lambda k: self.column_tip(k, symbol),
        )
        self.table_model.errorOccurred.connect(self._refuse)
        self.table = array_table(
            self.table_model,
            self.tr("One row per time step, one column per channel: double-click or type to edit; "
                    "Ctrl+C / Ctrl+V copy and paste blocks (e.g. from a spreadsheet)."),
        )

        self.view_box = DrawViewBox()
        self.view_box.setMouseEnabled(x=False, y=False)
        self.plot = pg.PlotWidget(viewBox=self.view_box, axisItems={"bottom": TimeAxis("bottom")})
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setLabel("bottom", self.tr("time step t"))
        self.plot.setToolTip(self.tr("Drag with the left mouse button to draw the chosen channel."))
        self.view_box.strokeStarted.connect(self._start_stroke)
        self.view_box.strokePoint.connect(self._draw_to)
        self.view_box.strokeFinished.connect(self._finish_stroke)
        self.cursor = pg.InfiniteLine(angle=90, movable=False,
                                      pen=pg.mkPen(MARK_GREY, style=Qt.PenStyle.DashLine))
        self.plot.addItem(self.cursor)
        self.curves: list[pg.PlotDataItem] = []
        """One per channel; hidden while the backdrop draws its channel (then its values may be
        out of date: ``_stale``)."""
        self._stale: set[int] = set()  # channels whose hidden curve holds older values
        self.backdrop = ChannelBackdrop(channel_colour)
        self.plot.addItem(self.backdrop, ignoreBounds=True)
        # a stroke on every channel of the backdrop: the points drawn, until the stroke ends
        # (drawing the picture of 256 channels again at every point took 40-80 ms)
        self.stroke_preview = self.plot.plot(pen=pg.mkPen(MARK_GREY, width=3))
        self.stroke_preview.setVisible(False)
        self._stroke_points: dict[int, float] = {}
        self._drawn = None  # the array the curves show (the document's: replaced, never written into)

        self.channel = QComboBox()
        self.channel.setToolTip(self.tr("The channel a drawn stroke or a generator changes."))
        self.channel.currentIndexChanged.connect(self._highlight_channel)

        self.length = self._size_spin(LIMITS["seq_len"], self.tr("Sequence length T (truncates or pads with zeros)."))
        self.length.valueChanged.connect(lambda n: self._configure(seq_len=n))
        size_name = generators.SIZE_OF[target]
        self.channels = self._size_spin(
            LIMITS[size_name],
            self.tr("Number of input channels (input size).") if target == "inputs"
            else self.tr("Number of target channels (output size of the read-out)."),
        )
        self.channels.valueChanged.connect(lambda n: self._configure(**{size_name: n}))

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setToolTip(self.tr("Why the last edit was refused."))

        top = QVBoxLayout()  # two short rows: in one, they outgrew a laptop's dock (about 420 px)
        for pairs in (((self.tr("Channel"), self.channel),),
                      ((self.tr("Length"), self.length), (self.tr("Channels"), self.channels))):
            row = QHBoxLayout()
            for label, widget in pairs:
                row.addWidget(QLabel(label))
                row.addWidget(widget)
            row.addStretch(1)
            top.addLayout(row)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.plot.setMinimumHeight(round(scaled(MIN_DRAWING_HEIGHT)))
        splitter.addWidget(self.plot)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._build_generators())
        if target == "targets":
            layout.addWidget(self._build_loss_controls())
        layout.addWidget(self.message)
        # scrolls rather than holding the docks it is tabbed with to its full height
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        model.structureChanged.connect(self.rebuild)
        model.dataChanged.connect(self._on_data_changed)
        model.timeStepChanged.connect(self.cursor.setValue)
        self.rebuild()
        self.fed_inputs = FedInputsOverlay(self) if target == "inputs" else None

    # -- building ----------------------------------------------------------------------------
    def row_label(self, t: int) -> str:
        """Header of step ``t`` (0-based): "t=5" (t = 1..T, as the course notes count), with the
        step's character in a next-character session ("t=5 e")."""
        plot = getattr(self, "plot", None)  # the table is made first
        labels = plot.getAxis("bottom").step_labels if plot is not None else None
        if labels and t < len(labels) and labels[t]:
            return f"t={step_label(t)} {labels[t]}"
        return f"t={step_label(t)}"

    def column_label(self, k: int, symbol: str) -> str:
        """Header of channel ``k``: its character in a next-character session (space as ␣,
        newline as ⏎), its column's name in a session opened from a CSV table with a header,
        else x0, x1, … (y0, … for targets)."""
        characters = self.model.vocabulary()
        if characters is not None and k < len(characters):
            return visible(characters[k])
        name = self.column_name(k)
        return name if name else f"{symbol}{k}"

    def column_name(self, k: int) -> str:
        """The CSV header's name of channel ``k`` ("" when it has none)."""
        names = self.model.channel_names(self.target)
        return names[k].strip() if names is not None and k < len(names) else ""

    def column_tip(self, k: int, symbol: str) -> str | None:
        name = self.column_name(k)
        if name:
            return self.tr("Channel {0}{1}: the column “{2}” of the table").format(symbol, k, name)
        characters = self.model.vocabulary()
        if characters is None or k >= len(characters):
            return None
        return self.tr("Channel {0}{1}: the character {2}").format(symbol, k, repr(characters[k]))

    def step_labels(self) -> list[str] | None:
        """Characters under the time axis: the input (or, for targets, the true next) character
        of every step in a next-character session, else None."""
        found = self.model.step_characters()
        if found is None:
            return None
        return [visible(c) if c else "" for c in found[0 if self.target == "inputs" else 1]]

    def _size_spin(self, maximum: int, tooltip: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, maximum)
        spin.setKeyboardTracking(False)
        spin.setToolTip(tooltip)
        return spin

    def _build_generators(self) -> QGroupBox:
        box = QGroupBox(self.tr("Generator"))
        box.setToolTip(self.tr("Fill the chosen channel (or every channel) with a generated sequence."))
        self.generator = QComboBox()
        names = {
            "zeros": self.tr("Zeros"), "constant": self.tr("Constant"), "step": self.tr("Step at t=k"),
            "impulse": self.tr("Impulse at t=k"), "sine": self.tr("Sine"),
            "uniform": self.tr("Uniform noise"), "gaussian": self.tr("Gaussian noise"),
            "one_hot": self.tr("One-hot text"),
        }
        for key, name in names.items():
            self.generator.addItem(name, key)
        self.generator.setToolTip(self.tr("Which sequence to generate."))

        def number(low, high, value, tip):
            return double_spin_box(low, high, 3, 1.0, tip, value)

        k = QSpinBox()
        k.setToolTip(self.tr("The time step k of the step or impulse (1 to T)."))
        seed = QSpinBox()
        seed.setRange(0, 2**31 - 1)
        seed.setToolTip(self.tr("Seed of the random numbers: the same seed gives the same noise "
                                 "(channel k uses seed + k)."))
        text, vocabulary = QLineEdit(), QLineEdit()
        text.setToolTip(self.tr("Text to encode, one character per time step (sets the length)."))
        vocabulary.setToolTip(self.tr("Characters of the vocabulary, one per channel (empty: those of the text)."))
        vocabulary.setPlaceholderText(self.tr("characters of the text"))
        self.settings = {
            "value": number(-VALUE_LIMIT, VALUE_LIMIT, 1.0, self.tr("The value of the sequence.")),
            "k": k,
            "period": number(0.01, 1e5, 10.0, self.tr("Period of the sine in time steps.")),
            "phase": number(-1e3, 1e3, 0.0, self.tr("Phase of the sine in radians.")),
            "amplitude": number(-VALUE_LIMIT, VALUE_LIMIT, 1.0, self.tr("Amplitude of the sine.")),
            "low": number(-VALUE_LIMIT, VALUE_LIMIT, -1.0, self.tr("Lowest value of the noise.")),
            "high": number(-VALUE_LIMIT, VALUE_LIMIT, 1.0, self.tr("Highest value of the noise.")),
            "mean": number(-VALUE_LIMIT, VALUE_LIMIT, 0.0, self.tr("Mean of the noise.")),
            "std": number(0.0, VALUE_LIMIT, 1.0, self.tr("Standard deviation of the noise.")),
            "seed": seed,
            "text": text,
            "vocabulary": vocabulary,
        }
        labels = {
            "value": self.tr("Value"), "k": self.tr("Step k"), "period": self.tr("Period"),
            "phase": self.tr("Phase"), "amplitude": self.tr("Amplitude"), "low": self.tr("Low"),
            "high": self.tr("High"), "mean": self.tr("Mean"), "std": self.tr("Std. dev."),
            "seed": self.tr("Seed"), "text": self.tr("Text"), "vocabulary": self.tr("Vocabulary"),
        }
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setToolTip(self.tr("Generate into the chosen channel (one undoable step)."))
        self.apply_button.clicked.connect(self.apply_generator)
        # only the settings of the chosen generator are shown, in one row under the kind
        self.setting_labels = {}
        settings_row = QHBoxLayout()
        for key, widget in self.settings.items():
            self.setting_labels[key] = QLabel(labels[key])
            self.setting_labels[key].setToolTip(widget.toolTip())
            settings_row.addWidget(self.setting_labels[key])
            settings_row.addWidget(widget, 1)
        top = QHBoxLayout()
        top.addWidget(self.generator, 1)
        top.addWidget(self.apply_button)
        layout = QVBoxLayout(box)
        layout.addLayout(top)
        layout.addLayout(settings_row)
        self.generator.currentIndexChanged.connect(self._show_settings)
        self._show_settings()
        return box

    def _build_loss_controls(self) -> QGroupBox:
        box = QGroupBox(self.tr("Loss"))
        box.setToolTip(self.tr("How the read-out is compared with the targets, and at which steps."))
        self.loss_kind = QComboBox()
        self.loss_kind.addItem(self.tr("Mean squared error"), "mse")
        self.loss_kind.addItem(self.tr("Cross-entropy"), "cross_entropy")
        self.loss_kind.setToolTip(self.tr("MSE compares values; cross-entropy treats each target row as a class "
                                          "(the argmax of the row)."))
        self.loss_kind.activated.connect(self._set_loss_kind)
        self.loss_steps = QComboBox()
        self.loss_steps.addItem(self.tr("Every step"), "every")
        self.loss_steps.addItem(self.tr("Last step only"), "last")
        self.loss_steps.addItem(self.tr("Chosen steps"), "chosen")
        self.loss_steps.setToolTip(self.tr("The time steps where the loss applies."))
        self.loss_steps.activated.connect(self._set_loss_mode)
        self.steps_text = QLineEdit()
        self.steps_text.setPlaceholderText("1, 5, 10-12")
        self.steps_text.setToolTip(self.tr("Steps where the loss applies, counted from 1 (t = 1..T), e.g. "
                                           "“1, 5, 10-12”; Enter applies."))
        self.steps_text.editingFinished.connect(self._set_loss_steps_text)
        self._steps_shown = None  # the model's loss steps as the box last showed them
        layout = QHBoxLayout(box)
        layout.addWidget(self.loss_kind, 2)
        layout.addWidget(QLabel(self.tr("at")))
        layout.addWidget(self.loss_steps, 1)
        layout.addWidget(self.steps_text, 1)
        return box

    def _show_settings(self) -> None:
        used = self.GENERATOR_SETTINGS[self.generator.currentData()]
        for key, widget in self.settings.items():
            widget.setVisible(key in used)
            self.setting_labels[key].setVisible(key in used)
        self.channel.setEnabled(self.generator.currentData() != "one_hot")

    # -- following the model -----------------------------------------------------------------
    def array(self) -> np.ndarray:
        return getattr(self.model.document, self.target)

    def rebuild(self) -> None:
        """Kind or sizes changed: one curve per channel (those of channels still there are kept:
        making 256 of them again took over a second) and refresh every control."""
        config = self.model.config
        channels = self.array().shape[1]
        while len(self.curves) > channels:
            self.plot.removeItem(self.curves.pop())
        symbol = "o" if with_symbols(config.seq_len, channels) else None
        for curve in self.curves:
            if curve.opts["symbol"] != symbol:
                curve.setSymbol(symbol)
        self.curves += [self.plot.plot(pen=channel_colour(k), symbol=symbol, symbolSize=4,
                                       symbolBrush=channel_colour(k))
                        for k in range(len(self.curves), channels)]
        previous = self.channel.currentIndex()
        with blocked(self.channel, self.length, self.channels, self.settings["k"]):
            names = self._channel_names(channels)
            if names != [self.channel.itemText(index) for index in range(self.channel.count())]:
                self._fill_channels(names)  # (257 names took 10 ms: not again for other sizes)
            self.channel.setCurrentIndex(previous if 0 <= previous < self.channel.count() else 1)
            self.length.setValue(config.seq_len)
            self.channels.setValue(channels)
            self.settings["k"].setRange(1, config.seq_len)  # t = 1..T
        self.plot.getAxis("bottom").set_steps(config.seq_len)
        self.plot.setXRange(-0.5, config.seq_len - 0.5, padding=0)
        self.cursor.setValue(self.model.view.time_step)
        self._highlight_channel()
        self.refresh()

    def _channel_names(self, channels: int) -> list[str]:
        """The channel box's entries: "All channels", then each channel, with its character or
        column name when it has one."""
        names = [self.tr("All channels")]
        characters = self.model.vocabulary()
        for k in range(channels):
            if characters is not None and k < len(characters):
                names.append(self.tr("Channel {0} ({1})").format(k, visible(characters[k])))
            elif self.column_name(k):
                names.append(self.tr("Channel {0} ({1})").format(k, self.column_name(k)))
            else:
                names.append(self.tr("Channel {0}").format(k))
        return names

    def _fill_channels(self, names: list[str]) -> None:
        self.channel.clear()
        for index, name in enumerate(names):  # item data: None for all channels, else the channel
            self.channel.addItem(name, index - 1 if index else None)
            self.channel.setItemData(index, name, Qt.ItemDataRole.ToolTipRole)  # whole, if the box cuts it
        view = self.channel.view()
        widest = max(view.fontMetrics().horizontalAdvance(name) for name in names)
        view.setMinimumWidth(widest + 2 * view.frameWidth() + 24)  # margins and a scroll bar

    def refresh(self) -> None:
        """New numbers: redraw the curves whose channel changed (the table follows through its
        model). A stroke changes one channel of up to 256 at every point, and setting each
        curve's data again took most of the GUI thread's time (issue 14)."""
        shown, values = self._drawn, self.array()
        self._drawn = values
        t = np.arange(values.shape[0])
        axis = self.plot.getAxis("bottom")
        labels = axis.step_labels
        axis.set_step_labels(self.step_labels())
        if axis.step_labels != labels and values.shape[0]:  # the row headers name them too
            self.table_model.headerDataChanged.emit(Qt.Orientation.Vertical, 0, values.shape[0] - 1)
        if shown is not None and shown.shape == values.shape:
            changed = np.flatnonzero(~(shown == values).all(axis=0))
        else:
            changed, self._stale = range(len(self.curves)), set()
        live = set(self.live_channels())
        for k in changed:  # a hidden curve gets its values when it is shown (the backdrop draws them)
            if k in live:
                self.curves[k].setData(t, values[:, k])
            else:
                self._stale.add(int(k))
        self._share_out_curves()
        if self._stroke is None:
            reach = max(1.5, 1.2 * float(np.max(np.abs(values)))) if values.size else 1.5
            self.plot.setYRange(-reach, reach, padding=0)
        if self.target == "targets":
            self._refresh_loss()

    def _on_data_changed(self, what: str) -> None:
        if what == "all" and self.array() is self._drawn:
            return  # a new document or structure: rebuild() drew exactly these numbers just now
        if what in (self.target, "all") or (what == "loss" and self.target == "targets"):
            self.refresh()

    def _highlight_channel(self) -> None:
        """The chosen channel's curve (all of them for "All channels", up to MAX_BOLD_CHANNELS)
        drawn bold; only curves whose width changes get a new pen (each new pen redraws its
        curve)."""
        chosen = self.channel.currentData()
        if chosen is None and len(self.curves) > MAX_BOLD_CHANNELS:
            chosen = -1  # all chosen, and too many to draw bold
        for k, curve in enumerate(self.curves):
            width = 3 if chosen in (None, k) else 1
            pen = curve.opts["pen"]
            if not isinstance(pen, QPen) or pen.width() != width:
                curve.setPen(pg.mkPen(channel_colour(k), width=width))
        self._share_out_curves()

    def live_channels(self) -> list[int]:
        """The channels drawn as curves of their own: all of them up to MAX_BOLD_CHANNELS, or
        when each step is marked; beyond, only the chosen one (none for "All channels"), the
        others by the backdrop."""
        channels, steps = len(self.curves), self.model.config.seq_len
        if channels <= MAX_BOLD_CHANNELS or with_symbols(steps, channels):
            return list(range(channels))
        chosen = self.channel.currentData()
        return [chosen] if chosen is not None and chosen < channels else []

    def _share_out_curves(self) -> None:
        """Show the live channels' curves and give the others to the backdrop."""
        if self._drawn is None or self._drawn.shape[1] != len(self.curves):
            return  # a rebuild is under way: its refresh shares them out
        live = set(self.live_channels())
        if self._stroke is not None and not live and self._stroke_points:  # drawing on all of them
            steps = sorted(self._stroke_points)
            self.stroke_preview.setData(steps, [self._stroke_points[t] for t in steps])
            self.stroke_preview.setVisible(True)
            return  # the backdrop draws them again when the stroke ends
        self.stroke_preview.setVisible(False)
        for k in live & self._stale:
            self.curves[k].setData(np.arange(self._drawn.shape[0]), self._drawn[:, k])
        self._stale -= live
        for k, curve in enumerate(self.curves):
            if curve.isVisible() != (k in live):
                curve.setVisible(k in live)
        self.backdrop.set_curves(self._drawn, [k for k in range(len(self.curves)) if k not in live])

    def _refresh_loss(self) -> None:
        doc = self.model.document
        mask = doc.loss_mask
        mode = "every" if mask.all() else "last" if mask.sum() == 1 and mask[-1] else "chosen"
        with blocked(self.loss_kind, self.loss_steps):
            self.loss_kind.setCurrentIndex(self.loss_kind.findData(doc.loss))
            self.loss_steps.setCurrentIndex(self.loss_steps.findData(mode))
        # The box follows the model whenever the model changes, focused or not (text left from
        # before an undo would otherwise come back as a new command when the box loses focus);
        # an unchanged model leaves what the user is typing alone.
        shown = generators.format_steps(mask)
        if shown != self._steps_shown or not self.steps_text.hasFocus():
            self._steps_shown = shown
            if self.steps_text.text() != shown:
                self.steps_text.setText(shown)

    # -- edits -------------------------------------------------------------------------------
    def _configure(self, **changes) -> None:
        if all(getattr(self.model.config, k) == v for k, v in changes.items()):
            return
        if not self._push(lambda: ConfigCommand(self.model, self.tr("Change size"), **changes)):
            self.rebuild()  # put the refused value back

    def apply_generator(self) -> None:
        """Generate into the chosen channel (all channels if none); one-hot text replaces the sequence."""
        name = self.generator.currentData()
        settings = {key: self._setting(key) for key in self.GENERATOR_SETTINGS[name]}
        title = self.tr("Generate {0}").format(self.generator.currentText())
        if name == "one_hot":
            vocabulary = settings["vocabulary"] or generators.vocabulary_of(settings["text"])
            self._push(lambda: ReplaceDocumentCommand(
                self.model,
                generators.with_one_hot_text(self.model.document, self.target, settings["text"], vocabulary),
                title,
            ))
            return
        self._push(lambda: SetArrayCommand(
            self.model, self.target,
            generators.filled(self.array(), name, self.channel.currentData(), **settings),
            title,
        ))

    def _setting(self, key: str):
        widget = self.settings[key]
        if key == "k":  # the spin box counts t = 1..T, the generators index from 0
            return widget.value() - 1
        return widget.text() if isinstance(widget, QLineEdit) else widget.value()

    def _set_loss_kind(self) -> None:
        old, new = self.model.document.loss, self.loss_kind.currentData()
        if old != new:
            self._push(lambda: ModelSettingCommand(self.tr("Change loss"),
                                                   lambda kind: self.model.set_loss(kind=kind), old, new))

    def _set_loss_mask(self, mask: np.ndarray) -> None:
        old = self.model.document.loss_mask.copy()
        if not np.array_equal(old, mask):
            self._push(lambda: ModelSettingCommand(self.tr("Loss steps"),
                                                   lambda steps: self.model.set_loss(mask=steps), old, mask))

    def _set_loss_mode(self) -> None:
        mode = self.loss_steps.currentData()
        length = self.model.config.seq_len
        if mode == "chosen":
            self.steps_text.setFocus()
            return
        mask = np.ones(length, dtype=bool) if mode == "every" else np.arange(length) == length - 1
        self._set_loss_mask(mask)

    def _set_loss_steps_text(self) -> None:
        if self.steps_text.text() == self._steps_shown:  # focus left, nothing typed: no command
            self._refresh_loss()  # "Chosen steps" picked but not used: back to the model's mode
            return
        try:
            mask = generators.parse_steps(self.steps_text.text(), self.model.config.seq_len)
        except ValueError as error:
            self._refuse(error_text(error))
            return
        self._set_loss_mask(mask)
        self._refresh_loss()

    # -- drawing -----------------------------------------------------------------------------
    def _start_stroke(self) -> None:
        self._stroke = (next(self._strokes), None, None)
        self._stroke_points = {}

    def _draw_to(self, point: QPointF) -> None:
        """Set the chosen channel at every time step the stroke crossed since its last point."""
        if self._stroke is None:
            return
        gesture, last_t, last_value = self._stroke
        length = self.array().shape[0]
        t = int(np.clip(round(point.x()), 0, length - 1))
        value = float(np.clip(point.y(), -VALUE_LIMIT, VALUE_LIMIT))
        if last_t is None or last_t == t:
            steps, values = np.array([t]), np.array([value])
        else:  # a straight line from the last point, at every step in between
            steps = np.arange(min(t, last_t), max(t, last_t) + 1)
            values = last_value + (value - last_value) * (steps - last_t) / (t - last_t)
        self._stroke = (gesture, t, value)
        channel = self.channel.currentData()
        self._stroke_points.update(zip(steps.tolist(), values.tolist()))
        new = self.array().copy()
        for k in range(new.shape[1]) if channel is None else [channel]:
            new[steps, k] = values
        if np.array_equal(new, self.array()):
            return
        self._push(lambda: GestureCommand(self.model, self.target, new, self.tr("Draw {0}").format(self.target),
                                          gesture=(self.target, gesture), merge_id=self._merge_id))

    def _finish_stroke(self) -> None:
        self._stroke = None
        self.refresh()


if __name__ == "__main__":  # preview: the editor alone on the demo session
    import sys

    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from lstm_studio.session.model import SessionModel

    app = QApplication(sys.argv)
    editor = SequenceEditor(SessionModel(), QUndoStack(), sys.argv[1] if len(sys.argv) > 1 else "inputs")
    editor.resize(600, 800)
    editor.show()
    app.exec()
