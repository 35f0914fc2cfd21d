"""Shared pieces of the time-axis panels (gates, states, gradient flow, output and loss).

Every panel is a :class:`TimePanel`: a header, one :class:`TimeAxes` (a pyqtgraph layout of
plots whose x axis is the time step t) and a hover read-out line. The plots are

* :class:`Heatmap` — units × time image with a fixed-level colour bar and a marker around the
  selected unit's row;
* :class:`CurvePlot` — curves, faint curve bundles and bars against t (optionally log y).

All of them show the shared time cursor at ``model.view.time_step``; a left click or drag in any
of them moves it (``model.set_time_step``) and a click on a heatmap cell selects that unit
(``model.set_selection(unit=row)``). Plot items are created when a panel is built and when a
change of structure changes which plots it has (:meth:`TimePanel.plots_key`: a new kind, a new
loss); new sizes only reshape them, and a new kind reuses the heatmaps it can. New numbers only go
through ``setImage``/``setData``; the time cursor, the selection and "reveal" mode re-slice arrays
that are already stored.

Time is counted as in the course notes: every label a user reads (time-axis ticks, hover
read-outs) says t = 1..T, while ``model.view.time_step`` and every array stay 0-based (step t
is drawn at x = t − 1; see :class:`TimeAxis` and :func:`step_label`).

"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QCheckBox, QComboBox, QGraphicsScene, QHBoxLayout, QVBoxLayout, QWidget

from lstm_studio.app import i18n
from lstm_studio.app.panels.plots.colours import plot_colours
from lstm_studio.app.panels.plots.curves import CurvePlot
from lstm_studio.app.panels.plots.heatmap import Heatmap
from lstm_studio.app.panels.plots.items import discard, no_contents
from lstm_studio.app.panels.plots.time_plot import MIN_DATA_SIZE, TimePlot
from lstm_studio.app.theme import scale_source, scaled
from lstm_studio.app.widgets import LiveText, RefreshWhenSeen, call_soon
from lstm_studio.session.characters import visible

PLOT_ASPECT = 2.0
"""Width/height that plots look best at; panels lay plots out in a grid or a row to be close."""


class TimeAxes(pg.GraphicsLayoutWidget):
    """The plots of one panel, kept in step with the model's time cursor, unit and display mode."""

    def __init__(self, model, readout: LiveText, parent=None):
        super().__init__(parent)
        self.model = model
        self.readout_label = readout
        self.plots: list[TimePlot] = []
        self.spare: list[TimePlot] = []  # see set_plots_aside
        self.in_row = None
        self.places = None  # (row, column) of each plot, as arrange() placed them
        self.minimum_width = 0  # see measure_minimum
        self.step_rule = None
        """Which steps the panel shows, when not the model's :meth:`visible_steps`: a callable
        returning a count or a pair (first, stop), as :meth:`TimePlot.show_steps` takes."""
        self.visible_steps = self.wanted_steps()
        self.step_labels = None
        """What the time axes write under each step: the input characters of a next-character
        session (:func:`step_labels`), else None."""
        self.ci.setContentsMargins(2, 2, 2, 2)
        no_contents(self.ci)
        # few items that change geometry on every update: a BSP index would be rebuilt each time
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.scene().sigMouseMoved.connect(self._hover)

    def clear_plots(self) -> None:
        """Take every plot out and delete it now (:func:`discard`), not at some later
        garbage collection."""
        self.set_plots_aside()
        self.discard_spare()

    def remove(self, plot: TimePlot) -> None:
        """Take ``plot`` out and delete it now (the panel arranges its plots next)."""
        self.plots.remove(plot)
        self._unplace(plot)
        discard(plot.plot)

    def set_plots_aside(self) -> None:
        """Take every plot out of the layout, for the next build to reuse those it may
        (:meth:`heatmap` with ``reuse``); :meth:`discard_spare` deletes the others."""
        plots, self.plots = self.plots, []  # a size hint asked meanwhile sees no deleted plot
        for plot in plots:
            self._unplace(plot)
        self.spare.extend(plots)
        self.in_row = None
        self.places = None

    def discard_spare(self) -> None:
        """Delete the plots set aside and not reused, now (:func:`discard`), not at some later
        garbage collection."""
        spare, self.spare = self.spare, []
        for plot in spare:
            discard(plot.plot)

    def add(self, plot: TimePlot, row: int, col: int):
        """Add ``plot`` at (row, col) of the panel's grid (used when the panel is tall enough)."""
        plot.grid = (row, col)
        self.plots.append(plot)
        self.fit(plot)
        return plot

    def fit(self, plot: TimePlot) -> None:
        """Fit ``plot`` to the model's steps, the step labels, the time cursor and the unit."""
        plot.set_steps(self.model.config.seq_len)
        plot.set_step_labels(self.step_labels)
        plot.set_time(self.model.view.time_step)
        plot.set_unit(self.model.view.unit)

    def heatmap(self, row, col, title, value_name, reuse: bool = False) -> Heatmap:
        """A heatmap at (row, col). ``reuse``: one set aside by :meth:`set_plots_aside` that was
        made with ``reuse`` too, when there is one, titled anew (making one takes 25–30 ms: a
        plot and a colour bar). Only for heatmaps the panel adds nothing to but its data."""
        spare = next((plot for plot in self.spare if isinstance(plot, Heatmap) and plot.reusable),
                     None) if reuse else None
        if spare is None:
            heatmap = Heatmap(self, title, value_name)
            heatmap.reusable = reuse
        else:
            self.spare.remove(spare)
            heatmap = spare
            heatmap.retitle(title, value_name)
        return self.add(heatmap, row, col)

    def curves(self, row, col, title, y_label, log=False, bar_space=True) -> CurvePlot:
        return self.add(CurvePlot(self, title, y_label, log=log, bar_space=bar_space), row, col)

    def arrange(self, force: bool = False) -> None:
        """Place the plots: in their designed grid, all in one row (in the order they were
        added), or two to a row — whichever lets every plot keep a readable data area beside
        its axes, colour bar and title (:meth:`needed_size`) and gives plots closest to
        PLOT_ASPECT; where none does, the one whose most squeezed data area comes nearest to
        readable. A wide, short dock gets a row; a narrow, short one two columns."""
        if not self.plots:
            return
        width, height = max(self.width(), 1), max(self.height(), 1)
        count = len(self.plots)
        candidates = self.candidate_places()

        data_width, data_height = (scaled(size) for size in MIN_DATA_SIZE)

        def score(places):
            rows, columns = 1 + max(r for r, _ in places), 1 + max(c for _, c in places)
            need_width, need_height = self.needed_size(places)
            aspect_misfit = abs(np.log(width * rows / (height * columns) / PLOT_ASPECT))
            # the data areas, the room beyond the readable minimum (or what is missing) shared
            # out evenly: how near the worst of them comes to readable, 1 where all are
            readable = min((data_width + (width - need_width) / columns) / data_width,
                           (data_height + (height - need_height) / rows) / data_height, 1.0)
            return (-readable, aspect_misfit)

        places = min(candidates, key=score)  # ties: the designed grid, listed first
        need_width, need_height = self.needed_size(places)
        kept = [plot.keep_data_area(need_width <= width, need_height <= height)  # where they fit
                for plot in self.plots]
        if places == self.places and not force:
            if any(kept):  # the layout may be smaller now: fitted to the view again (see below)
                self._fit_layout()
            return
        self.places = places
        rows = 1 + max(r for r, _ in places)
        self.in_row = rows == 1 and count > 1
        # moved inside Qt's grid layout only: the items stay in the scene (taking them out and
        # back through pyqtgraph's GraphicsLayout left dangling pointers behind)
        for plot in self.plots:
            self._unplace(plot)
        for plot, (row, col) in zip(self.plots, places):
            self.ci.layout.addItem(plot.plot, row, col)
            plot.set_stacked(rows > 1)
        # back to the view's size: a grid taller than the view had stretched the layout beyond
        # it, and the view only refits its layout when the view itself is resized
        self._fit_layout()

    def _fit_layout(self) -> None:
        """Fit the plots' layout to the view now, with the plots' minimum sizes as they are now
        (Qt would take those it measured before, and keep a layout larger than the view)."""
        for plot in self.plots:
            plot.plot.layout.invalidate()
        self.ci.layout.invalidate()
        self.ci.setGeometry(self.range)
        self.ci.layout.activate()  # the plots placed now, not at the next layout pass
        for plot in self.plots:
            plot.plot.layout.activate()

    def candidate_places(self) -> list[list[tuple[int, int]]]:
        """Where the plots may go: the designed grid, one row, and two to a row (3 plots or more)."""
        count = len(self.plots)
        candidates = [[plot.grid for plot in self.plots], [(0, k) for k in range(count)]]
        if count > 2:
            candidates.append([(k // 2, k % 2) for k in range(count)])
        return candidates

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As wide as the narrowest arrangement that keeps every plot whole (see
        :meth:`measure_minimum`), so that the dock areas give the panels their room: the side
        column is squeezed before the plots are. A stored figure: Qt asks during style changes
        too, when the layout's style may already be gone."""
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self.minimum_width), hint.height())

    def measure_minimum(self) -> None:
        """Store the width of the narrowest arrangement of today's plots (and tell the layout)."""
        widest = min((self.needed_size(places)[0] for places in self.candidate_places()), default=0.0)
        width = int(np.ceil(widest)) + 2 * self.frameWidth() if self.plots else 0
        if width != self.minimum_width:
            self.minimum_width = width
            self.updateGeometry()

    def needed_size(self, places) -> tuple[float, float]:
        """Pixels (width, height) the plots need at ``places`` (row, column each), each with a
        readable data area (:meth:`TimePlot.needed_size`): per column the widest, per row the
        tallest, with spacing and margins."""
        stacked = len({row for row, _ in places}) > 1
        widths, heights = {}, {}
        for plot, (row, col) in zip(self.plots, places):
            width, height = plot.needed_size(stacked)
            widths[col] = max(widths.get(col, 0.0), width)
            heights[row] = max(heights.get(row, 0.0), height)
        layout = self.ci.layout
        left, top, right, bottom = layout.getContentsMargins()
        return (sum(widths.values()) + layout.horizontalSpacing() * (len(widths) - 1) + left + right + 4,
                sum(heights.values()) + layout.verticalSpacing() * (len(heights) - 1) + top + bottom + 4)

    def _unplace(self, plot: TimePlot) -> None:
        if plot.plot.parentLayoutItem() is not None:
            self.ci.layout.removeItem(plot.plot)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if hasattr(self, "plots"):  # pyqtgraph's constructor resizes before ours has run
            self.arrange()

    # model -> plots
    def set_time(self, t: int) -> None:
        for plot in self.plots:
            plot.set_time(t)
        self.refresh_steps()

    def set_unit(self, unit: int) -> None:
        for plot in self.plots:
            plot.set_unit(unit)

    def refresh_step_labels(self) -> None:
        """Label the time axes with the model's input characters (only when they changed)."""
        labels = step_labels(self.model)
        if labels != self.step_labels:
            self.step_labels = labels
            for plot in self.plots:
                plot.set_step_labels(labels)

    def wanted_steps(self):
        """The steps to show now: the model's visible steps, or those of ``step_rule``."""
        return self.step_rule() if self.step_rule is not None else self.model.visible_steps()

    def refresh_steps(self) -> None:
        """Re-slice every plot to the steps to show (only when they changed)."""
        n = self.wanted_steps()
        if n != self.visible_steps:
            self.visible_steps = n
            for plot in self.plots:
                plot.show_steps(n)

    # plots -> model
    def picked(self, x: float, unit: int | None = None) -> None:
        """A click/drag at time position ``x`` (and on a heatmap row ``unit``)."""
        if unit is not None:
            self.model.set_selection(unit=unit)
        self.model.set_time_step(int(np.floor(x + 0.5)))

    def _hover(self, scene_pos) -> None:
        for plot in self.plots:
            if plot.view.sceneBoundingRect().contains(scene_pos):
                point = plot.view.mapSceneToView(scene_pos)
                text = plot.readout(point.x(), point.y())
                if text:
                    self.readout_label.setText(text)
                return


def step_labels(model) -> list[str] | None:
    """The input character of every step as a time axis writes it (space as ␣, newline as ⏎,
    see :func:`characters.visible`), or None when the session has no characters."""
    found = model.step_characters()  # the same object until the inputs or the text change
    if found is None:
        return None
    if _shown_labels[0] is not found:  # every panel refreshes with the same characters
        _shown_labels[:] = [found, [visible(c) if c else "" for c in found[0]]]
    return _shown_labels[1]


_shown_labels: list = [None, None]  # (model.step_characters(), the labels made of them)


class LayerSelector(QWidget):
    """Layer and direction choosers (shown only when there is a choice)."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.layer_box = QComboBox(self)
        self.layer_box.setToolTip(QCoreApplication.translate(
            "LayerSelector", "Which layer the plots show"))
        self.direction_box = QComboBox(self)
        self.direction_box.setToolTip(QCoreApplication.translate(
            "LayerSelector", "Which direction of a bidirectional layer the plots show"))
        layout.addWidget(self.layer_box)
        layout.addWidget(self.direction_box)
        self.layer_box.activated.connect(lambda i: self.model.set_selection(layer=i))
        self.direction_box.activated.connect(lambda i: self.model.set_selection(direction=i))

    def rebuild(self) -> None:
        config = self.model.config
        self.layer_box.clear()
        self.layer_box.addItems([QCoreApplication.translate("LayerSelector", "layer {0}").format(k + 1)
                                 for k in range(config.num_layers)])
        self.direction_box.clear()
        self.direction_box.addItems([QCoreApplication.translate("LayerSelector", "forward"),
                                     QCoreApplication.translate("LayerSelector", "reverse")]
                                    [:config.num_directions])
        self.layer_box.setVisible(config.num_layers > 1)
        self.direction_box.setVisible(config.num_directions > 1)
        self.sync()

    def sync(self) -> None:
        self.layer_box.setCurrentIndex(self.model.view.layer)
        self.direction_box.setCurrentIndex(self.model.view.direction)


class ColourScaleBox(QCheckBox):
    """Checked: bounded quantities keep fixed colour scales (the view's ``colour_scale`` is
    "fixed"); unchecked: every heatmap is fitted to its data ("auto"). Reads and writes the
    session model, like View ▸ Fixed colour scales."""

    def __init__(self, model, parent=None):
        super().__init__(QCoreApplication.translate("ColourScaleBox", "fixed colour scales"), parent)
        self.model = model
        self.setToolTip(colour_scale_tip())
        self.sync()
        self.toggled.connect(lambda fixed: model.set_colour_scale("fixed" if fixed else "auto"))
        model.colourScaleChanged.connect(self.sync)
        model.documentReplaced.connect(self.sync)

    def sync(self, *_args) -> None:
        blocked = self.blockSignals(True)
        self.setChecked(self.model.view.colour_scale == "fixed")
        self.blockSignals(blocked)


def colour_scale_tip() -> str:
    """What the fixed colour scales option does (tooltip of the check boxes and the menu)."""
    return QCoreApplication.translate(
        "ColourScaleBox",
        "Fixed colour scales for bounded values: gates σ 0..1, tanh values and the hidden state h "
        "−1..1 (LSTM, GRU, tanh RNN), so that a gate of 0.001 looks shut. Unbounded values (cell "
        "state c, ReLU h, gradients) are always fitted to the data. Off: every colour scale is "
        "fitted to the data. Saved with the session.")


def direction_name(direction: int) -> str:
    return (QCoreApplication.translate("LayerSelector", "forward") if direction == 0
            else QCoreApplication.translate("LayerSelector", "reverse"))


class TimePanel(RefreshWhenSeen, QWidget):
    """Base of the time-axis panels: header, plots, hover read-out and the model wiring.

    Subclasses implement :meth:`build` (create plot items for the current structure in
    ``self.axes``) and :meth:`update_values` (push the evaluation's numbers into them).
    ``last_update_seconds`` is the duration of the latest :meth:`refresh`.
    """

    uses_layer = True
    """Whether the panel shows the selected layer/direction (then it offers a selector)."""
    labels_free_run = False
    """Whether the free-running marker of the panel's first plot says what it marks."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.last_update_seconds = 0.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        self.header = QHBoxLayout()
        self.info = LiveText(parent=self, wrap=True)
        self.header.addWidget(self.info, 1)
        self.selector = LayerSelector(model, self)
        self.selector.setVisible(self.uses_layer)
        self.header.addWidget(self.selector)
        layout.addLayout(self.header)
        self.readout = LiveText(QCoreApplication.translate(
            "TimePanel", "Hover a plot to read exact values; click or drag to move the time step; "
            "double-click to undo zooming."),
            self, stretch=True)
        self.readout.setToolTip(QCoreApplication.translate(
            "TimePanel", "Exact values under the mouse pointer"))
        self.axes = TimeAxes(model, self.readout, self)
        layout.addWidget(self.axes, 1)
        layout.addWidget(self.readout)
        self._shown_layer = None
        self._built_key = None
        model.structureChanged.connect(self._structure_changed)
        model.evaluationChanged.connect(self.refresh_for_result)
        model.trainingChanged.connect(self._training_changed)
        model.timeStepChanged.connect(self.axes.set_time)
        model.displayModeChanged.connect(self._display_mode_changed)
        model.colourScaleChanged.connect(self._colour_scale_changed)
        model.selectionChanged.connect(self._selection_changed)
        scale_source().changed.connect(self._rescale)
        self.setup()
        self.rebuild()

    def setup(self) -> None:
        """Hook: add the panel's own controls (e.g. to ``self.header``) before the first build."""

    def changeEvent(self, event):
        """A theme switch changes the palette: rebuild once the plot colours have changed too."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            call_soon(self, self._restyle)
        elif event.type() == QEvent.Type.FontChange:  # larger text, wider axes and titles
            call_soon(self, self.axes.measure_minimum)

    def _restyle(self) -> None:
        if plot_colours() != self._built_colours:
            self.rebuild()

    def _rescale(self, _scale: float) -> None:
        """A new presentation scale: the plots are made again with its fonts, widths and sizes."""
        self.rebuild()

    def build(self) -> None:
        raise NotImplementedError

    def update_values(self) -> None:
        raise NotImplementedError

    def plots_key(self):
        """What the panel's plots (which ones, titled how) depend on besides the sizes, or None
        (the default): rebuilt on every change of structure.

        A change of structure that keeps the key reshapes the plots already there
        (:meth:`reshape`) instead of making them again: a pyqtgraph plot takes about 10 ms to
        make, a heatmap's colour bar 15 ms more, so a panel's rebuild keeps the GUI thread
        40–120 ms (issue 14)."""
        return None

    def reshape_plots(self) -> None:
        """Hook: fit the plots the panel keeps to new sizes (a heatmap's units, say); every
        plot's steps, labels, time and unit are fitted already."""

    def _structure_changed(self) -> None:
        key = self.plots_key()
        if key is not None and key == self._built_key:
            self.reshape()
        else:
            self.rebuild(reuse=True)

    def reshape(self) -> None:
        """Fit the plots already made to the current sizes (steps, units, layers), then draw: in
        the panel's own turn when the worker's result comes with the change (see
        :meth:`refresh_for_result`)."""
        self.axes.step_labels = step_labels(self.model)
        self.selector.rebuild()
        for plot in self.axes.plots:
            plot.steady = False  # other numbers: fit their scales afresh
            self.axes.fit(plot)
        self.reshape_plots()
        self.refresh_for_result()

    def rebuild(self, reuse: bool = False) -> None:
        """Create the plot items for the current structure, then draw. ``reuse``: heatmaps the
        panel made reusable may serve again (see :meth:`TimeAxes.heatmap`); not after a change
        of theme or presentation scale, whose colours and sizes they were made with."""
        self._built_colours = plot_colours()
        self._built_key = self.plots_key()
        if not reuse:
            self.axes.clear_plots()
        self.axes.set_plots_aside()
        self.axes.step_labels = step_labels(self.model)
        self.selector.rebuild()
        try:
            self.build()
        finally:
            self.axes.discard_spare()
        self.axes.arrange(force=True)
        self.axes.measure_minimum()  # new plots, new minimum width
        self.refresh()

    def refresh(self) -> None:
        """Push the current evaluation into the plots (no item is created)."""
        started = time.perf_counter()
        self._stale = False
        self.axes.visible_steps = self.axes.wanted_steps()
        shown = (self.model.view.layer, self.model.view.direction)
        if shown != self._shown_layer:  # other numbers: fit their scales afresh
            for plot in self.axes.plots:
                plot.steady = False
        self._shown_layer = shown
        self.axes.refresh_step_labels()
        self.update_values()
        self.show_free_run()
        self.last_update_seconds = time.perf_counter() - started


    def show_free_run(self) -> None:
        """Mark where a free-running evaluation starts feeding predictions back (the first plot
        labelled when ``labels_free_run``), or take the marks away."""
        start = getattr(self.model.evaluation, "free_run_from", None)
        label = QCoreApplication.translate("TimePanel", "own predictions from here") \
            if self.labels_free_run else None
        for index, plot in enumerate(self.axes.plots):
            plot.set_free_run(start, label if index == 0 else None)

    def retranslate(self) -> None:
        """After a language switch (the plot titles, labels and legends are re-set by the
        window's walk, :func:`~lstm_studio.app.widgets.retranslate_tree`): the names the hover
        read-outs use, and the header computed with the numbers, through the usual refresh. The
        plots stay as they are (zoom included)."""
        for plot in self.axes.plots:
            named = [(plot, "value_name"), *((series, "name") for series in getattr(plot, "series", ()))]
            for holder, attribute in named:
                name = getattr(holder, attribute, None)
                new = i18n.retranslated(name) if isinstance(name, str) else None
                if new is not None:
                    setattr(holder, attribute, new)
        self.refresh_or_defer()

    def _training_changed(self, running: bool) -> None:
        if not running:  # the scales were kept loosely during the run: fit them to the result
            for plot in self.axes.plots:
                plot.steady = False
            self.refresh_or_defer()

    def layer_caption(self) -> str:
        """"layer 1 · forward" style caption of the selected layer (empty for simple networks)."""
        config, view = self.model.config, self.model.view
        parts = []
        if config.num_layers > 1:
            parts.append(QCoreApplication.translate("LayerSelector", "layer {0}").format(view.layer + 1))
        if config.num_directions > 1:
            parts.append(direction_name(view.direction))
        return " · ".join(parts)

    def _selection_changed(self) -> None:
        view = self.model.view
        self.selector.sync()
        if self.uses_layer and (view.layer, view.direction) != self._shown_layer:
            self.refresh()
        self.axes.set_unit(view.unit)
        self.unit_changed(view.unit)

    def _display_mode_changed(self, _mode: str) -> None:
        self.axes.refresh_steps()

    def _colour_scale_changed(self, _mode: str) -> None:
        for plot in self.axes.plots:  # other levels: fit them afresh, not kept from before
            plot.steady = False
        self.refresh_or_defer()

    def add_colour_scale_box(self) -> "ColourScaleBox":
        """A "fixed colour scales" check box in the header (the setting lives in the model)."""
        box = ColourScaleBox(self.model, self)
        self.header.insertWidget(1, box)
        return box

    def unit_changed(self, unit: int) -> None:
        """Hook: re-slice per-unit curves (the heatmap markers already moved)."""
