"""One plot against time: the base of heatmaps and curve plots (title, time axis, cursor, the
kept ranges while training).
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QSizeF, Qt
from PySide6.QtGui import QFontMetricsF
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
MIN_DATA_SIZE = (120, 48)
"""Pixels (width, height, at the normal scale) of the smallest data area that still reads: a
panel arranges its plots so that each keeps at least this much (see :meth:`TimePlot.needed_size`)."""
SHORTEST_TITLE = 40
"""Pixels (at the normal scale) a title asks for at least; narrower than its text, it is
shortened with "…" (see :class:`ElidedTitle`)."""


def color_bar_space() -> int:
    """COLOR_BAR_SPACE at the presentation scale (its labels grow with it)."""
    return round(scaled(COLOR_BAR_SPACE))


class ElidedTitle(pg.LabelItem):
    """A plot title (plain text) that asks only for SHORTEST_TITLE pixels of width: where the plot
    is narrower than the text, the text ends in "…" and the tool tip holds all of it. (A title
    that asked for its whole width set the plot's minimum width: a panel could then not put its
    plots side by side.)"""

    def __init__(self, parent=None, **style):
        self.full_text = ""
        self._shortening = False
        super().__init__("", parent=parent, **style)

    def setText(self, text, **style):  # noqa: N802 - pyqtgraph's name
        self.full_text = text
        self._show(text, **style)
        self._shorten()

    def _show(self, text, **style):
        self._shortening = True  # LabelItem.setText calls resizeEvent
        try:
            super().setText(html.escape(text), **style)
        finally:
            self._shortening = False
        self.shown_text = text
        self.text = self.full_text  # as pyqtgraph's title: the text it was given

    def _shorten(self) -> None:
        """Show as much of the text as fits the title's width."""
        width = self.rect().width() - 2 * self.item.document().documentMargin()
        font = self.item.font()
        size = str(self.opts.get("size", "")).removesuffix("pt")
        try:
            font.setPointSizeF(float(size))
        except ValueError:
            pass
        text, metrics = self.full_text, QFontMetricsF(font)
        if width > 0 and metrics.horizontalAdvance(text) > width:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        if text != self.shown_text:
            self._show(text)
        self.setToolTip(self.full_text if text != self.full_text else "")

    def resizeEvent(self, event):  # noqa: N802 - Qt's name
        if not self._shortening:
            self._shorten()
        super().resizeEvent(event)

    def updateMin(self):  # noqa: N802 - pyqtgraph's name
        super().updateMin()
        width = min(self.minimumWidth(), scaled(SHORTEST_TITLE))
        self.setMinimumWidth(width)
        self._sizeHint[Qt.SizeHint.MinimumSize] = (width, self.minimumHeight())


def elide_title(plot: pg.PlotItem) -> None:
    """Give ``plot`` an :class:`ElidedTitle` in place of pyqtgraph's title label."""
    old = plot.titleLabel
    if isinstance(old, ElidedTitle):
        return
    title = ElidedTitle(parent=plot, **old.opts)
    title.setVisible(old.isVisible())
    title.setMaximumHeight(old.maximumHeight())
    plot.layout.removeItem(old)
    plot.layout.addItem(title, 0, 1)
    plot.titleLabel = title
    old.setParentItem(None)
    if old.scene() is not None:
        old.scene().removeItem(old)


def set_title(plot: pg.PlotItem, title: str) -> None:
    """Give ``plot`` the title ``title`` (plain text, shortened where the plot is narrower: see
    :class:`ElidedTitle`) in the presentation scale's size, in a row tall enough for it
    (pyqtgraph fixes the row at 30 pixels)."""
    elide_title(plot)
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

    def right_margin(self, stacked: bool) -> float:
        """Pixels right of the data area that depend on ``stacked`` (see :meth:`set_stacked`):
        none by default."""
        return 0.0

    stacked = False
    """What :meth:`set_stacked` was last told."""

    def needed_size(self, stacked: bool) -> tuple[float, float]:
        """Pixels (width, height) the plot needs in a grid (``stacked``) or in a row to keep a
        data area of MIN_DATA_SIZE: its layout's minimum (axes, title, colour bar), the data
        area's column and row widened to that size."""
        hint = self.plot.effectiveSizeHint(Qt.SizeHint.MinimumSize)
        column, row = self._data_lines()
        data_width, data_height = (scaled(size) for size in MIN_DATA_SIZE)
        width = (hint.width() - column + max(column, data_width)
                 - self.right_margin(self.stacked) + self.right_margin(stacked))
        return width, hint.height() - row + max(row, data_height)

    def _data_lines(self) -> tuple[float, float]:
        """Minimum width of the layout column and height of the row the data area is in, as
        they are now (the title, the time axis, the colour bar share them)."""
        layout, minimum = self.plot.layout, Qt.SizeHint.MinimumSize
        column, row = 0.0, 0.0
        for r in range(layout.rowCount()):
            for c in range(layout.columnCount()):
                item = layout.itemAt(r, c)
                if item is None or (hasattr(item, "isVisible") and not item.isVisible()):
                    continue
                size = item.effectiveSizeHint(minimum)
                if c == 1:
                    column = max(column, size.width())
                if r == 2:
                    row = max(row, size.height())
        return column, row

    def keep_data_area(self, width: bool, height: bool) -> bool:
        """Have the layout keep the data area at least MIN_DATA_SIZE wide (``width``) and tall
        (``height``), or let it shrink to nothing where the panel has no room for that.
        Whether that changed anything."""
        data_width, data_height = (scaled(size) for size in MIN_DATA_SIZE)
        wanted = QSizeF(data_width if width else 0.0, data_height if height else 0.0)
        if self.view.minimumSize() == wanted:
            return False
        self.view.setMinimumSize(wanted)
        return True

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
