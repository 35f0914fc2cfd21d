"""Shared pieces of the time-axis panels (gates, states, gradient flow, output and loss).

Every panel is a :class:`TimePanel`: a header, one :class:`TimeAxes` (a pyqtgraph layout of
plots whose x axis is the time step t) and a hover read-out line. The plots are

* :class:`Heatmap` — units × time image with a fixed-level colour bar and a marker around the
  selected unit's row;
* :class:`CurvePlot` — curves, faint curve bundles and bars against t (optionally log y).

All of them show the shared time cursor at ``model.view.time_step``; a left click or drag in any
of them moves it (``model.set_time_step``) and a click on a heatmap cell selects that unit
(``model.set_selection(unit=row)``). Plot items are created once per structure
(``structureChanged``); new numbers only go through ``setImage``/``setData``; the time cursor,
the selection and "reveal" mode re-slice arrays that are already stored.

Time is counted as in the course notes: every label a user reads (time-axis ticks, hover
read-outs) says t = 1..T, while ``model.view.time_step`` and every array stay 0-based (step t
is drawn at x = t − 1; see :class:`TimeAxis` and :func:`step_label`).

"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QGraphicsScene, QHBoxLayout, QVBoxLayout, QWidget

from lstm_studio.app import i18n
from lstm_studio.app.panels.plots.colours import plot_colours
from lstm_studio.app.panels.plots.curves import CurvePlot
from lstm_studio.app.panels.plots.heatmap import Heatmap
from lstm_studio.app.panels.plots.items import discard, no_contents
from lstm_studio.app.panels.plots.time_plot import TimePlot
from lstm_studio.app.widgets import LiveText, RefreshWhenSeen

PLOT_ASPECT = 2.0
"""Width/height that plots look best at; panels lay plots out in a grid or a row to be close."""


class TimeAxes(pg.GraphicsLayoutWidget):
    """The plots of one panel, kept in step with the model's time cursor, unit and display mode."""

    def __init__(self, model, readout: LiveText, parent=None):
        super().__init__(parent)
        self.model = model
        self.readout_label = readout
        self.plots: list[TimePlot] = []
        self.in_row = None
        self.step_rule = None
        """Which steps the panel shows, when not the model's :meth:`visible_steps`: a callable
        returning a count or a pair (first, stop), as :meth:`TimePlot.show_steps` takes."""
        self.visible_steps = self.wanted_steps()
        self.ci.setContentsMargins(2, 2, 2, 2)
        no_contents(self.ci)
        # few items that change geometry on every update: a BSP index would be rebuilt each time
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.scene().sigMouseMoved.connect(self._hover)

    def clear_plots(self) -> None:
        """Take every plot out and delete it now (:func:`discard`), not at some later
        garbage collection."""
        for plot in self.plots:
            self._unplace(plot)
            discard(plot.plot)
        self.plots = []
        self.in_row = None

    def add(self, plot: TimePlot, row: int, col: int):
        """Add ``plot`` at (row, col) of the panel's grid (used when the panel is tall enough)."""
        plot.grid = (row, col)
        self.plots.append(plot)
        plot.set_steps(self.model.config.seq_len)
        plot.set_time(self.model.view.time_step)
        plot.set_unit(self.model.view.unit)
        return plot

    def heatmap(self, row, col, title, value_name) -> Heatmap:
        return self.add(Heatmap(self, title, value_name), row, col)

    def curves(self, row, col, title, y_label, log=False, bar_space=True) -> CurvePlot:
        return self.add(CurvePlot(self, title, y_label, log=log, bar_space=bar_space), row, col)

    def arrange(self, force: bool = False) -> None:
        """Place the plots in their grid, or all in one row (in the order they were added) when
        that gives plots closer to PLOT_ASPECT — e.g. in a wide, short dock."""
        if not self.plots:
            return
        rows = 1 + max(plot.grid[0] for plot in self.plots)
        columns = 1 + max(plot.grid[1] for plot in self.plots)
        width, height = max(self.width(), 1), max(self.height(), 1)

        def misfit(r, c):
            return abs(np.log(width * r / (height * c) / PLOT_ASPECT))

        in_row = rows > 1 and misfit(1, len(self.plots)) < misfit(rows, columns)
        if in_row == self.in_row and not force:
            return
        self.in_row = in_row
        # moved inside Qt's grid layout only: the items stay in the scene (taking them out and
        # back through pyqtgraph's GraphicsLayout left dangling pointers behind)
        for plot in self.plots:
            self._unplace(plot)
        for index, plot in enumerate(self.plots):
            row, col = (0, index) if in_row else plot.grid
            self.ci.layout.addItem(plot.plot, row, col)
            plot.set_stacked(not in_row)

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
        model.structureChanged.connect(self.rebuild)
        model.evaluationChanged.connect(self.refresh_or_defer)
        model.trainingChanged.connect(self._training_changed)
        model.timeStepChanged.connect(self.axes.set_time)
        model.displayModeChanged.connect(self._display_mode_changed)
        model.colourScaleChanged.connect(self._colour_scale_changed)
        model.selectionChanged.connect(self._selection_changed)
        self.setup()
        self.rebuild()

    def setup(self) -> None:
        """Hook: add the panel's own controls (e.g. to ``self.header``) before the first build."""

    def changeEvent(self, event):
        """A theme switch changes the palette: rebuild once the plot colours have changed too."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            QTimer.singleShot(0, self, self._restyle)

    def _restyle(self) -> None:
        if plot_colours() != self._built_colours:
            self.rebuild()

    def build(self) -> None:
        raise NotImplementedError

    def update_values(self) -> None:
        raise NotImplementedError

    def rebuild(self) -> None:
        """Create the plot items for the current structure, then draw."""
        self._built_colours = plot_colours()
        self.axes.clear_plots()
        self.selector.rebuild()
        self.build()
        self.axes.arrange(force=True)
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
        self.update_values()
        self.last_update_seconds = time.perf_counter() - started


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
