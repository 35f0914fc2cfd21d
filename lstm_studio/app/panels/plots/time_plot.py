"""One plot against time: the base of heatmaps and curve plots (title, time axis, cursor, the
kept ranges while training).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from lstm_studio.app.panels.plots.axes import (
    BOTTOM_LABEL_OVERHANG,
    CursorLine,
    DecadeAxis,
    TimeAxis,
    TimeViewBox,
    step_label,
    step_span,
)
from lstm_studio.app.panels.plots.colours import CURSOR_COLOR, FREE_RUN_COLOR, background
from lstm_studio.app.panels.plots.items import cache_axes, cache_drawing, no_contents
from lstm_studio.app.panels.plots.scales import TRAINING_KEEP_FILL
from lstm_studio.app.theme import scaled, scaled_points

TITLE_POINTS = 9
"""Point size of plot titles at the normal presentation scale."""
TITLE_ROW = 30
"""Pixels of a plot's title row at the normal scale (pyqtgraph's own height)."""
COLOR_BAR_SPACE = 72
"""Pixels right of a heatmap taken by its colour bar (at the normal scale: see
:func:`color_bar_space`); curve plots may keep the same margin."""
CURSOR_WIDTH = 2


def color_bar_space() -> int:
    """COLOR_BAR_SPACE at the presentation scale (its labels grow with it)."""
    return round(scaled(COLOR_BAR_SPACE))


def set_title(plot: pg.PlotItem, title: str) -> None:
    """Give ``plot`` the title ``title`` in the presentation scale's size, in a row tall enough
    for it (pyqtgraph fixes the row at 30 pixels)."""
    plot.setTitle(title, size=scaled_points(TITLE_POINTS))
    if title:
        height = max(TITLE_ROW, int(plot.titleLabel.item.boundingRect().height()) + 4)
        plot.titleLabel.setMaximumHeight(height)
        plot.layout.setRowFixedHeight(0, height)


def scale_axes(*axes: pg.AxisItem) -> None:
    """Tick labels in the application font (which follows the presentation scale)."""
    for axis in axes:
        axis.setTickFont(QApplication.font())


class TimePlot:
    """A plot against the time step: cursor line, click/drag to move time, reveal slicing."""

    def __init__(self, axes: pg.GraphicsLayoutWidget, title: str, y_label: str):
        """``axes``: the panel's :class:`TimeAxes` that lays this plot out (it holds the model)."""
        self.axes = axes
        self.view = TimeViewBox(self._picked, self.reset_view)
        self.plot = pg.PlotItem(viewBox=self.view, axisItems={
            "left": DecadeAxis("left"), "bottom": TimeAxis("bottom")})
        set_title(self.plot, title)
        self.plot.setLabel("bottom", QCoreApplication.translate("TimePlot", "time step t"))
        self.plot.setLabel("left", y_label)
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        scale_axes(self.plot.getAxis("left"), self.plot.getAxis("bottom"))
        # the first step's label ("1") may reach a few pixels left of the time axis
        self.plot.getAxis("bottom").setStyle(hideOverlappingLabels=BOTTOM_LABEL_OVERHANG)
        self.plot.hideButtons()
        cache_axes(self.plot)
        no_contents(self.plot, self.plot.titleLabel, self.view)  # the view draws no border
        cache_drawing(self.plot.titleLabel.item)
        self.plot.setMenuEnabled(False)
        self.cursor = CursorLine(pg.mkPen(CURSOR_COLOR, width=scaled(CURSOR_WIDTH)))
        self.cursor.setZValue(20)
        self.plot.addItem(self.cursor, ignoreBounds=True)
        self.view.sigYRangeChanged.connect(self._span_cursor)
        self._span_cursor()
        self.free_run_line = None  # made when first needed (see set_free_run)
        self.free_run_label = None  # the text beside it
        self.steps = 1
        self.steady = False
        """Whether the scales (y range, colour levels) may stay as they are for new data of the
        same quantity (see :func:`steady_range`); False after a change of what is shown."""

    def keep_fill(self, fill: float) -> float:
        """How much of a scale new data must fill to keep it: ``fill``, or less while the
        network trains (TRAINING_KEEP_FILL), so that scales settle instead of redrawing at
        every snapshot while the numbers wander."""
        return min(fill, TRAINING_KEEP_FILL) if self.axes.model.training else fill

    def viewport_point(self, x: float, y: float) -> QPoint:
        """Where view position (x, y) lies in the pixel coordinates of the panel's viewport."""
        scene_point = self.view.mapViewToScene(QPointF(x, y))
        return self.axes.mapFromScene(scene_point)

    def set_steps(self, steps: int) -> None:
        """Fix the x range to steps 0..steps-1 (pixel centres on integers; labelled 1..steps)."""
        self.steps = steps
        self.plot.getAxis("bottom").set_steps(steps)
        self.view.setXRange(-0.5, steps - 0.5, padding=0)

    def set_step_labels(self, labels) -> None:
        """Write ``labels[t]`` under every step t of the time axis (None: step numbers only)."""
        self.plot.getAxis("bottom").set_step_labels(labels)

    def step_name(self, t: int) -> str:
        """Step ``t`` (0-based) as read-outs name it: "5", or "5 “e”" when the time axis writes
        a character under it."""
        labels = self.plot.getAxis("bottom").step_labels
        if labels and 0 <= t < len(labels) and labels[t]:
            return "{0} “{1}”".format(step_label(t), labels[t])
        return str(step_label(t))

    def reset_view(self) -> None:
        """Undo zooming: all steps, and the y range the data was fitted to."""
        self.view.setXRange(-0.5, self.steps - 0.5, padding=0)

    def set_time(self, t: int) -> None:
        self.cursor.setValue(t)

    def set_free_run(self, start: int | None, label: str | None = None) -> None:
        """Mark free running: a vertical line before step ``start`` (0-based), where the inputs
        become the network's own predictions, with ``label`` beside it; None: no line."""
        line = self.free_run_line
        if start is None:
            if line is not None:
                line.hide()
            return
        if line is None or self.free_run_label != label:
            if line is not None:
                self.plot.removeItem(line)
            line = pg.InfiniteLine(
                angle=90, movable=False, label=label,
                pen=pg.mkPen(FREE_RUN_COLOR, width=scaled(2), style=Qt.PenStyle.DashDotLine),
                labelOpts={"position": 0.04, "color": FREE_RUN_COLOR, "anchors": [(0, 1), (0, 1)],
                           "fill": background(200)})
            line.setZValue(15)
            self.plot.addItem(line, ignoreBounds=True)
            self.free_run_line, self.free_run_label = line, label
        line.setValue(start - 0.5)
        line.show()

    def _span_cursor(self, _view=None, y_range=None) -> None:
        low, high = y_range if y_range is not None else self.view.viewRange()[1]
        self.cursor.setLine(0.0, low, 0.0, high)

    def set_unit(self, unit: int) -> None:
        """Highlight ``unit`` (no-op for plots without units)."""

    def set_stacked(self, stacked: bool) -> None:
        """Told whether the plot sits in a grid (True) or in a single row (no-op by default)."""

    def show_steps(self, n) -> None:
        """Show steps 0..n-1 of the stored data (``n = steps`` shows everything), or with a
        pair ``n = (first, stop)`` steps first..stop-1 (see :func:`step_span`)."""
        raise NotImplementedError

    def readout(self, x: float, y: float) -> str:
        """Exact values under view position (x, y), or '' outside the data."""
        raise NotImplementedError

    def _step_at(self, x: float) -> int | None:
        t = int(np.floor(x + 0.5))
        first, stop = step_span(self.axes.visible_steps)
        return t if first <= t < min(self.steps, stop) else None

    def _picked(self, x: float, y: float, clicked: bool) -> None:
        self.axes.picked(x)
