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
from functools import lru_cache

import numpy as np
import pyqtgraph as pg
import shiboken6
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol, renderSymbol
from pyqtgraph.Qt import internals
from PySide6.QtCore import QCoreApplication, QEvent, QLineF, QPoint, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsWidget,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.app.widgets import LiveText, RefreshWhenSeen

SEQUENTIAL_MAP = "viridis"
DIVERGING_MAP = "CET-D1"
CURSOR_COLOR = (255, 150, 30)
HIGHLIGHT_COLOR = (0, 215, 255)
PALETTE = [(31, 140, 255), (255, 95, 80), (60, 200, 110), (200, 120, 255),
           (240, 200, 40), (180, 220, 60), (255, 120, 200), (160, 160, 160)]
"""Colours of distinct series (output channels...), readable on light and dark backgrounds."""
TITLE_SIZE = "9pt"
BOTTOM_LABEL_OVERHANG = 8
"""Pixels a time-axis label may reach beyond the axis' ends (else pyqtgraph hides it)."""
COLOR_BAR_SPACE = 72
"""Pixels right of a heatmap taken by its colour bar; curve plots may keep the same margin."""
PLOT_ASPECT = 2.0
"""Width/height that plots look best at; panels lay plots out in a grid or a row to be close."""
KEEP_RANGE_FILL = 0.4
"""A fitted y range stays while the data fill at least this share of it (see steady_range)."""
KEEP_LEVELS_FILL = 0.6
"""Colour levels stay while the data fill at least this share of them (colours keep contrast)."""
TRAINING_KEEP_FILL = 0.2
"""While the network trains, scales stay until the data fill less than this share of them."""
MAX_FAINT_CURVES = 32
"""Most curves drawn faintly behind a highlighted one (units beyond are subsampled)."""
LEGEND_MARGIN = 5
"""Pixels kept free between a legend inside a plot and the data (a marker's radius, a pen)."""
LEGEND_CORNERS = ("top right", "top left", "bottom right", "bottom left")
"""Where a legend may sit inside a plot, in order of preference."""
MIN_VIEW_HEIGHT = 70
"""Pixels a plot keeps for its data: a legend that would leave it less above the plot takes the
place of the plot's title instead."""
SAMPLE_SPACING = 3.0
"""Pixels between the points sampled along a drawn line when looking for room for a legend."""


# -- numbers ---------------------------------------------------------------------------------
def finite_max_abs(values) -> float:
    """Largest finite |value| (0.0 when there is none)."""
    values = np.asarray(values, dtype=float)
    with np.errstate(all="ignore"):
        return float(np.max(np.abs(values), where=np.isfinite(values), initial=0.0))


NICE_MANTISSAS = np.array([1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0])


def nice_ceiling(value: float) -> float:
    """The smallest number ≥ ``value`` of the form m·10^k, m in NICE_MANTISSAS (at most 25 %
    above ``value``). Colour levels and axis ranges snap to these so that they stay put while a
    slider is dragged (a new range makes pyqtgraph redraw the axis, and the eye re-read it)."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    exponent = np.floor(np.log10(value))
    mantissa = value / 10.0 ** exponent
    nice = NICE_MANTISSAS[np.searchsorted(NICE_MANTISSAS, mantissa * (1 - 1e-12))]
    with np.errstate(over="ignore"):
        return float(min(nice * 10.0 ** exponent, np.finfo(float).max))


def symmetric_levels(values) -> tuple[float, float]:
    """(-m, m) with m the largest finite |value| rounded up by :func:`nice_ceiling`."""
    m = nice_ceiling(finite_max_abs(values))
    return (-m, m)


def activation_levels(activation: str, values) -> tuple[float, float]:
    """Colour levels that fit a nonlinearity's range: σ 0..1, tanh -1..1, ReLU 0..max."""
    if activation == "sigmoid":
        return (0.0, 1.0)
    if activation == "tanh":
        return (-1.0, 1.0)
    if activation == "relu":
        return (0.0, nice_ceiling(finite_max_abs(values)))
    return symmetric_levels(values)


def fitted_levels(values, cmap: str) -> tuple[float, float]:
    """Colour levels fitted to the data (the "auto" colour scale): for a diverging map ±max|v|
    (zero stays the middle colour), for a sequential one min..max, rounded outward."""
    if cmap != SEQUENTIAL_MAP:
        return symmetric_levels(values)
    span = finite_range(values)
    if span is None:
        return (0.0, 1.0)
    low, high = span
    if high - low <= 1e-12 * max(1.0, abs(low)):  # one value: a band around it
        pad = 0.05 * max(abs(low), 1.0)
        return (low - pad, high + pad)
    return snapped_outward(low, high)


def scaled_levels(activation: str, values, colour_scale: str) -> tuple[float, float]:
    """Levels of a nonlinearity's output under the view's colour scale: its fixed range
    (:func:`activation_levels`) for "fixed", fitted to the data for "auto"."""
    if colour_scale == "auto":
        return fitted_levels(values, activation_colormap(activation))
    return activation_levels(activation, values)


def bounded_levels(values, colour_scale: str) -> tuple[float, float]:
    """Levels of a quantity bounded by ±1 (such as h = o⊙tanh(c)): −1..1 under the "fixed" colour
    scale — so that a value of 0.001 looks faint — unless the data leave it (a GRU started from
    |h0| > 1), and fitted to the data under "auto"."""
    if colour_scale == "auto" or finite_max_abs(values) > 1.0:
        return symmetric_levels(values)
    return (-1.0, 1.0)


def snapped_outward(low: float, high: float) -> tuple[float, float]:
    """(low, high) widened to multiples of a step of about a tenth of the span."""
    span = high - low
    if not np.isfinite(span) or span <= 0:
        return low, high
    step = nice_ceiling(span) / 10
    with np.errstate(over="ignore"):
        return float(np.floor(low / step) * step), float(np.ceil(high / step) * step)


def steady_range(current, wanted, fill: float = None):
    """``current`` while it holds ``wanted`` and ``wanted`` fills at least ``fill`` (default
    KEEP_RANGE_FILL) of it, else ``wanted``: a scale that does not jump (nor redraw its labels) on
    every small change of the data, as while a slider moves or the network trains."""
    fill = KEEP_RANGE_FILL if fill is None else fill
    if (current is not None and current[0] <= wanted[0] and wanted[1] <= current[1]
            and wanted[1] - wanted[0] >= fill * (current[1] - current[0])):
        return tuple(current)
    return tuple(wanted)


def activation_colormap(activation: str) -> str:
    """Sequential map for one-signed ranges (σ, ReLU), diverging for signed ones."""
    return SEQUENTIAL_MAP if activation in ("sigmoid", "relu") else DIVERGING_MAP


def finite_range(*arrays, log: bool = False) -> tuple[float, float] | None:
    """(min, max) over the finite (and, for ``log``, positive) values of ``arrays``, or None."""
    lows, highs = [], []
    for a in arrays:
        a = np.asarray(a, dtype=float)
        ok = np.isfinite(a) & (a > 0) if log else np.isfinite(a)
        if ok.any():
            lows.append(a.min(where=ok, initial=np.inf))
            highs.append(a.max(where=ok, initial=-np.inf))
    if not lows:
        return None
    return float(min(lows)), float(max(highs))


def positive_or_nan(values) -> np.ndarray:
    """``values`` with zeros, negatives and non-finite entries replaced by NaN (for log axes)."""
    values = np.array(values, dtype=float)
    with np.errstate(invalid="ignore"):
        values[~(np.isfinite(values) & (values > 0))] = np.nan
    return values


def format_value(value) -> str:
    return "{:.4g}".format(float(value))


@lru_cache(maxsize=None)
def colormap(name: str) -> pg.ColorMap:
    return pg.colormap.get(name)


def foreground(alpha: int = 255):
    """The configured pyqtgraph foreground colour, with ``alpha``."""
    color = pg.mkColor(pg.getConfigOption("foreground"))
    color.setAlpha(alpha)
    return color


def background(alpha: int = 255):
    """The configured pyqtgraph background colour, with ``alpha``."""
    color = pg.mkColor(pg.getConfigOption("background"))
    color.setAlpha(alpha)
    return color


def plot_colours() -> tuple[str, str]:
    """pyqtgraph's configured background and foreground (what themes change)."""
    return tuple(pg.mkColor(pg.getConfigOption(key)).name(QColor.NameFormat.HexArgb)
                 for key in ("background", "foreground"))


def series_color(index: int):
    return PALETTE[index % len(PALETTE)]


# -- mouse: click or drag moves time ---------------------------------------------------------
class TimeViewBox(pg.ViewBox):
    """A ViewBox whose left click and left drag report the data position under the mouse.

    ``picked(x, y, clicked)`` is called with view coordinates; a double click calls ``reset()``
    (back to the full range); right drag and the wheel zoom as usual in pyqtgraph.
    """

    # Qt's own rectangle, not pyqtgraph's Python one (half a pixel larger for a border this view
    # does not draw): Qt asks every item for it on every repaint, and Python calls add up.
    boundingRect = QGraphicsWidget.boundingRect

    def __init__(self, picked, reset, **kwargs):
        # no context menu (a QMenu of some thirty widgets per view, made and freed with every
        # plot of every rebuild): the panels never offer it
        super().__init__(enableMenu=False, **kwargs)
        self._picked = picked
        self._reset = reset

    def _report(self, ev, clicked: bool) -> None:
        ev.accept()
        point = self.mapSceneToView(ev.scenePos())
        self._picked(point.x(), point.y(), clicked)

    def mouseClickEvent(self, ev):
        if ev.button() == Qt.MouseButton.LeftButton and ev.double():
            ev.accept()
            self._reset()
        elif ev.button() == Qt.MouseButton.LeftButton:
            self._report(ev, True)
        else:
            super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None):
        if ev.button() == Qt.MouseButton.LeftButton and axis is None:
            self._report(ev, False)
        else:
            super().mouseDragEvent(ev, axis)


class DecadeAxis(pg.AxisItem):
    """An axis that, in log mode, labels only powers of ten (minor ticks stay unlabelled).

    Its room for tick labels grows but never shrinks, and it keeps the drawings (QPicture) of
    its last few (range, size) pairs: laying out ticks and labels is most of an axis redraw, and
    while a slider is dragged back and forth the fitted data range keeps returning to the same
    few values.
    """

    REMEMBERED_PICTURES = 16

    def __init__(self, *args, **kwargs):
        self._bounds = None
        super().__init__(*args, **kwargs)
        self.pictures = {}
        # room for labels only grows: a narrower label would re-lay out the plot and its panel
        self.setStyle(autoReduceTextSpace=False)

    def boundingRect(self):
        """pyqtgraph's rectangle, kept until the axis is resized or restyled: Qt asks for it
        two or three times per repaint of anything next to the axis."""
        if self._bounds is None:
            self._bounds = super().boundingRect()
        return self._bounds

    def _forget_bounds(self) -> None:
        self.prepareGeometryChange()
        self._bounds = None

    def resizeEvent(self, ev=None):
        self._forget_bounds()
        super().resizeEvent(ev)

    def setStyle(self, **kwargs):
        self._forget_bounds()
        super().setStyle(**kwargs)

    def setGrid(self, grid):
        self._forget_bounds()
        super().setGrid(grid)

    def linkToView(self, view):
        self._forget_bounds()
        super().linkToView(view)

    def paint(self, p, opt, widget):
        pictures = self.pictures
        key = (tuple(self.range), self.logMode, self.size().toTuple(), self.labelText)
        if self.picture is None:
            self.picture = pictures.get(key)
        super().paint(p, opt, widget)
        if key not in pictures:
            if len(pictures) >= self.REMEMBERED_PICTURES:
                pictures.clear()
            pictures[key] = self.picture

    def tickStrings(self, values, scale, spacing):
        strings = super().tickStrings(values, scale, spacing)
        if not self.logMode:
            return strings
        return [text if abs(v - round(v)) < 1e-9 else "" for v, text in zip(values, strings)]


class TimeAxis(DecadeAxis):
    """The time axis. Inside, step t sits at x = t − 1 (arrays are 0-based); its labels count
    t = 1..T as the course notes do: the first step reads 1, the last T.

    Labels go on whole steps: the first step, round steps in between and, once told the
    sequence length (:meth:`set_steps`), the last step T; a round label too close to either
    end gives way to it.
    """

    END_ROOM = 0.6
    """A round label closer than this share of the label spacing to the first or last step
    is dropped (the end's own label would collide with it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = None

    def set_steps(self, steps: int | None) -> None:
        """Label the last step, T = ``steps`` (None: no end label)."""
        if steps != self.steps:
            self.steps = steps
            self.pictures.clear()  # drawings of the same range may now label another end
            self.picture = None
            self.update()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's names
        low, high = sorted((minVal, maxVal))
        first, last = low + 1, high + 1  # the view's ends, counted from 1
        if self.steps is not None:
            first, last = max(first, 1.0), min(last, float(self.steps))
        ends = [n for n in (1, self.steps) if n is not None and first - 1e-9 <= n <= last + 1e-9]
        spacings = [1.0]
        if last > first:  # pyqtgraph's round spacings (major, minor), in whole steps
            spacings = sorted({max(1.0, float(np.round(spacing)))
                               for spacing, _ in self.tickSpacing(first, last, size)[:2]},
                              reverse=True) or spacings
        ticks, seen = [], set()
        for level, spacing in enumerate(spacings):
            values = set(ends) if level == 0 else set()
            for n in np.arange(np.ceil(first / spacing) * spacing, last + 1e-9, spacing):
                if all(abs(n - end) >= self.END_ROOM * spacing for end in ends):
                    values.add(int(round(n)))
            values -= seen
            seen |= values
            ticks.append((spacing, [n - 1.0 for n in sorted(values)]))
        return ticks

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        return [str(int(round(v)) + 1) for v in values]


def step_span(n) -> tuple[int, int]:
    """The steps a plot shows, as (first, stop): ``n`` is a count (steps 0..n-1) or already a
    pair (first, stop)."""
    if isinstance(n, tuple):
        return int(n[0]), int(n[1])
    return 0, int(n)


def step_label(t: int) -> int:
    """The step number a user reads for array index ``t`` (t = 1..T, as in the course notes)."""
    return int(t) + 1


# -- plots -----------------------------------------------------------------------------------
class CursorLine(QGraphicsLineItem):
    """The time cursor: a vertical line at x = value across the view's y range.

    A plain Qt item, moved and painted without Python (pyqtgraph's InfiniteLine recomputes its
    bounds in Python on every move and paint); its plot keeps it spanning the y range.
    """

    def __init__(self, pen):
        super().__init__()
        self.setPen(pen)

    def setValue(self, x: float) -> None:
        self.setPos(x, 0.0)

    def value(self) -> float:
        return self.pos().x()


def discard(item: QGraphicsItem) -> None:
    """Delete ``item`` and everything in it now: out of its scene, its views out of pyqtgraph's
    registry of views (``ViewBox.AllViews``), then its Qt objects deleted.

    Left to Python, a plot taken out of its scene lived on until some later garbage collection
    (a TimePlot and its view refer to each other: the view calls back into the plot, the plot
    follows the view's range), every new view walked the registry that still held the old
    ones, and the collection that finally came could start inside any Qt call into Python (a
    paint, a layout pass) and run Qt destructors from there, after emptying some of the Python
    objects they call. Deleted here, everything is still whole while Qt destroys it."""
    if not shiboken6.isValid(item):
        return
    pending = [item]
    while pending:
        current = pending.pop()
        if isinstance(current, pg.ViewBox):
            pg.ViewBox.AllViews.pop(current, None)
            if current.name is not None:
                pg.ViewBox.NamedViews.pop(current.name, None)
        pending.extend(current.childItems())
    scene = item.scene()
    if scene is not None:
        scene.removeItem(item)
    shiboken6.delete(item)
    if scene is not None:
        forget_deleted_items(scene)


def forget_deleted_items(scene) -> None:
    """Drop what a pyqtgraph scene remembers of items that are gone (hover, drag, click)."""
    hovered = getattr(scene, "hoverItems", None)
    if hovered is not None:
        for gone in [i for i in list(hovered.keys()) if not shiboken6.isValid(i)]:
            hovered.pop(gone, None)
    if getattr(scene, "dragItem", None) is not None and not shiboken6.isValid(scene.dragItem):
        scene.dragItem = None
    last = getattr(scene, "lastHoverEvent", None)
    if last is not None:
        remembered = [*last.dragItems().values(), *last.clickItems().values()]
        if not all(shiboken6.isValid(i) for i in remembered):
            scene.lastHoverEvent = None


def no_contents(*items) -> None:
    """Mark layout-only items (plot frames, layouts, title boxes) as painting nothing: Qt then
    skips asking their Python ``boundingRect`` and ``paint`` on every repaint."""
    for item in items:
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)


def cache_drawing(*items) -> None:
    """Keep ``items`` (titles, legend entries) as pixmaps: they are repainted whenever a curve
    or image under them is, and blitting beats redrawing text and symbols."""
    for item in items:
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def cache_axes(plot: pg.PlotItem) -> None:
    """Keep ``plot``'s axes as pixmaps: an axis is repainted whenever a curve, image or cursor
    next to it is (its ticks reach into the plot), and blitting beats replaying its ticks and
    labels. An axis invalidates the pixmap itself when its range or labels change."""
    for axis in plot.axes.values():
        axis["item"].setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


class TimePlot:
    """A plot against the time step: cursor line, click/drag to move time, reveal slicing."""

    def __init__(self, axes: "TimeAxes", title: str, y_label: str):
        self.axes = axes
        self.view = TimeViewBox(self._picked, self.reset_view)
        self.plot = pg.PlotItem(viewBox=self.view, axisItems={
            "left": DecadeAxis("left"), "bottom": TimeAxis("bottom")})
        self.plot.setTitle(title, size=TITLE_SIZE)
        self.plot.setLabel("bottom", QCoreApplication.translate("TimePlot", "time step t"))
        self.plot.setLabel("left", y_label)
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        # the first step's label ("1") may reach a few pixels left of the time axis
        self.plot.getAxis("bottom").setStyle(hideOverlappingLabels=BOTTOM_LABEL_OVERHANG)
        self.plot.hideButtons()
        cache_axes(self.plot)
        no_contents(self.plot, self.plot.titleLabel, self.view)  # the view draws no border
        cache_drawing(self.plot.titleLabel.item)
        self.plot.setMenuEnabled(False)
        self.cursor = CursorLine(pg.mkPen(CURSOR_COLOR, width=2))
        self.cursor.setZValue(20)
        self.plot.addItem(self.cursor, ignoreBounds=True)
        self.view.sigYRangeChanged.connect(self._span_cursor)
        self._span_cursor()
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

    def reset_view(self) -> None:
        """Undo zooming: all steps, and the y range the data was fitted to."""
        self.view.setXRange(-0.5, self.steps - 0.5, padding=0)

    def set_time(self, t: int) -> None:
        self.cursor.setValue(t)

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


@lru_cache(maxsize=None)
def packed_lut(name: str) -> np.ndarray:
    """A colour map's 256 colours as opaque 0xAARRGGBB words (uint32)."""
    rgba = colormap(name).getLookupTable(nPts=256, alpha=True).astype(np.uint32)
    return (255 << 24) | (rgba[:, 0] << 16) | (rgba[:, 1] << 8) | rgba[:, 2]


class FastImageItem(pg.ImageItem):
    """An ImageItem for units × time heatmaps that renders straight to premultiplied ARGB32.

    pyqtgraph renders a lookup-table image as an indexed QImage (building a colour table every
    time) that the raster painter converts again on every paint, about 1 ms per heatmap. Here
    one vectorised lookup makes the QImage; NaN is transparent, ±inf clip to the level ends.
    The colour map must be set by name through :meth:`set_colormap_name`.
    """

    colormap_name = SEQUENTIAL_MAP

    def set_colormap_name(self, name: str) -> None:
        self.colormap_name = name
        self._renderRequired = True
        self.update()

    def render(self):
        low, high = (float(v) for v in self.levels)
        scale = 256.0 / (high - low) if high > low else 0.0
        scaled = np.array(self.image.T, dtype=float, order="C")  # rows are units
        with np.errstate(all="ignore"):
            scaled -= low
            scaled *= scale
            np.clip(scaled, 0, 255, out=scaled)
            missing = np.isnan(scaled)
            scaled[missing] = 0
            argb = packed_lut(self.colormap_name)[scaled.astype(np.uint8)]
        argb[missing] = 0
        self._argb = argb.view(np.uint8).reshape(argb.shape + (4,))
        self.qimage = pg.functions.ndarray_to_qimage(
            self._argb, QImage.Format.Format_ARGB32_Premultiplied)
        self._renderRequired = False
        self._unrenderable = False


def remembering_bar_axis(bar: pg.ColorBarItem) -> None:
    """Give a vertical colour bar a :class:`DecadeAxis` (set up as the bar sets up its own):
    its labels are drawn once per set of levels, not on every change of levels."""
    axis = DecadeAxis("right")
    bar.setAxisItems({"right": axis})
    axis.setZValue(0.5)
    axis.setWidth(45)
    axis.setStyle(showValues=True)
    axis.unlinkFromView()
    axis.setRange(*bar.values)
    bar.axis = axis


class Heatmap(TimePlot):
    """Units × time image with fixed colour levels, a colour bar and a selected-unit marker."""

    def __init__(self, axes, title, value_name):
        super().__init__(axes, title, QCoreApplication.translate("TimePlot", "unit"))
        self.value_name = value_name
        self.view.invertY(True)
        self.image = FastImageItem(np.zeros((1, 1)), axisOrder="col-major", levels=(0.0, 1.0))
        self.plot.addItem(self.image)
        self.bar = pg.ColorBarItem(interactive=False, colorMapMenu=False, width=12,
                                   colorMap=colormap(SEQUENTIAL_MAP))
        remembering_bar_axis(self.bar)
        self.bar.setImageItem(self.image, insert_in=self.plot)
        self.plot.layout.setColumnFixedWidth(5, COLOR_BAR_SPACE)
        # the selected unit's row is outlined by a plain Qt item (painted without Python)
        self.unit_mark = QGraphicsRectItem()
        self.unit_mark.setPen(pg.mkPen(foreground(), width=1.5))
        self.unit_mark.setZValue(10)
        self.plot.addItem(self.unit_mark, ignoreBounds=True)
        for side in ("left", "top", "bottom"):  # the colour bar's frame: three more axes to paint
            self.bar.hideAxis(side)
        cache_axes(self.bar)
        no_contents(self.bar)
        self.values = np.zeros((1, 1))
        self.levels = (0.0, 1.0)
        self.units = 1
        self.unit = 0

    def set_shape(self, steps: int, units: int) -> None:
        self.units = units
        self.set_steps(steps)
        self.view.setYRange(-0.5, units - 0.5, padding=0)
        self.set_unit(self.unit)

    def reset_view(self) -> None:
        super().reset_view()
        self.view.setYRange(-0.5, self.units - 0.5, padding=0)

    def set_values(self, values: np.ndarray, levels: tuple[float, float], cmap: str) -> None:
        """Store ``values`` (T, H) and their colour levels and map; draw the visible steps.

        Under the same map, the levels change only when the data outgrow them or fill less
        than KEEP_LEVELS_FILL of them (:func:`steady_range`)."""
        self.values = values
        levels = (float(levels[0]), float(levels[1]))
        if cmap != self.image.colormap_name:
            self.image.set_colormap_name(cmap)
            self.bar.setColorMap(colormap(cmap))
        elif self.steady:
            levels = steady_range(self.levels, levels, self.keep_fill(KEEP_LEVELS_FILL))
        self.steady = True
        if levels != self.levels:  # the bar's axis redraws its ticks on every setLevels
            self.levels = levels
            self.bar.setLevels(levels, update_items=False)
        self.show_steps(self.axes.visible_steps)

    def show_steps(self, n) -> None:
        first, stop = step_span(n)
        shown = self.values[first:stop]
        self.image.setImage(shown, autoLevels=False, levels=self.levels)
        self.image.setRect(QRectF(first - 0.5, -0.5, shown.shape[0], shown.shape[1]))

    def set_unit(self, unit: int) -> None:
        self.unit = unit
        self.unit_mark.setRect(QRectF(-0.5, unit - 0.5, self.steps, 1.0))

    def unit_band(self) -> tuple[float, float]:
        """Top and bottom (in units) of the outline around the selected unit's row."""
        rect = self.unit_mark.rect()
        return rect.top(), rect.bottom()

    def readout(self, x, y):
        t, unit = self._step_at(x), int(np.floor(y + 0.5))
        if t is None or not 0 <= unit < self.units:
            return ""
        return QCoreApplication.translate("TimePlot", "t = {0}, unit {1}: {2} = {3}").format(
            step_label(t), unit, self.value_name, format_value(self.values[t, unit]))

    def _picked(self, x, y, clicked):
        unit = int(np.floor(y + 0.5)) if clicked else None
        self.axes.picked(x, unit if unit is not None and 0 <= unit < self.units else None)


class DataItem(pg.GraphicsObject):
    """Base of the light plot items: data bounds kept as a rectangle, the bounding rectangle
    padded by ``pad`` pixels and cached until the data or the view changes (Qt asks for it on
    every paint, and pyqtgraph's items recompute it from the data each time). The size of a
    pixel in data units is kept until the view's transform changes."""

    pad = 1.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.x = self.y = np.zeros(0)
        self._data_rect = None  # no finite point yet
        self._bounds = None
        self._pixel = None  # (x, y) size of a pixel in data units

    def _set_bounds(self, x: np.ndarray, y: np.ndarray, finite: np.ndarray | None = None) -> None:
        """Take the finite points of (x, y) as the data bounds; schedule a repaint."""
        self.prepareGeometryChange()
        if finite is None:
            finite = np.isfinite(x) & np.isfinite(y)
        if finite.all() and len(x):
            self._data_rect = QRectF(QPointF(x.min(), y.min()), QPointF(x.max(), y.max()))
        elif finite.any():
            fx, fy = x[finite], y[finite]
            self._data_rect = QRectF(QPointF(fx.min(), fy.min()), QPointF(fx.max(), fy.max()))
        else:
            self._data_rect = None
        self._bounds = None
        self.informViewBoundsChanged()
        self.update()

    def getData(self):
        return self.x, self.y

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        r = self._data_rect
        if r is None:
            return (None, None)
        return (r.left(), r.right()) if ax == 0 else (r.top(), r.bottom())

    def boundingRect(self):
        if self._bounds is None:
            if self._data_rect is None:
                return QRectF()
            if self._pixel is None:
                px, py = self.pixelVectors()
                if px is None:
                    return QRectF(self._data_rect)
                self._pixel = (abs(px.x()) + abs(py.x()), abs(px.y()) + abs(py.y()))
            pad_x, pad_y = self.pad * self._pixel[0], self.pad * self._pixel[1]
            self._bounds = self._data_rect.adjusted(-pad_x, -pad_y, pad_x, pad_y)
        return self._bounds

    def viewTransformChanged(self):
        self.prepareGeometryChange()  # the pixel padding of the bounds changed
        self._bounds = self._pixel = None
        super().viewTransformChanged()


class BarsItem(DataItem):
    """Bars of ``height`` at ``x`` (``width`` wide, from 0) filled with one brush, drawn in one
    ``drawRects`` call; options in ``opts`` as pyqtgraph's BarGraphItem has them."""

    pad = 0.0

    def __init__(self, x=(), height=(), width: float = 0.6, brush=None, parent=None):
        super().__init__(parent)
        self.opts = {"x": np.zeros(0), "height": np.zeros(0), "width": width,
                     "brush": pg.mkBrush(brush if brush is not None else "w")}
        self._rects = internals.PrimitiveArray(QRectF, 4)
        self.setOpts(x=x, height=height)

    def setOpts(self, **opts) -> None:
        """Change ``x``, ``height`` (equal lengths), ``width`` or ``brush``."""
        if "brush" in opts:
            opts["brush"] = pg.mkBrush(opts["brush"])
        for key in ("x", "height"):
            if key in opts:
                opts[key] = np.asarray(opts[key], dtype=float)
        self.opts.update(opts)
        x, height = self.opts["x"], self.opts["height"]
        if len(height) != len(x):
            raise ValueError(f"{len(x)} bar positions but {len(height)} heights")
        keep = np.isfinite(x) & np.isfinite(height)
        x, height = x[keep], height[keep]
        half = self.opts["width"] / 2
        self._rects.resize(len(x))
        rects = self._rects.ndarray()
        rects[:, 0] = x - half
        rects[:, 1] = np.minimum(height, 0.0)
        rects[:, 2] = 2 * half
        rects[:, 3] = np.abs(height)
        self._drawargs = self._rects.drawargs()
        self.x, self.y = x, height
        self._set_bounds(np.concatenate([x - half, x + half]),
                         np.concatenate([np.minimum(height, 0.0), np.maximum(height, 0.0)]))

    def paint(self, painter, option, widget=None):
        if len(self.x):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.opts["brush"])
            painter.drawRects(*self._drawargs)


class Curve(DataItem):
    """A polyline drawn with one cosmetic pen as a single ``drawLines`` call: what the panels
    need of a PlotCurveItem, without its path building and per-paint bounds. ``opts`` carries
    the pen for legend samples."""

    def __init__(self, pen, parent=None):
        super().__init__(parent)
        self.opts = {"pen": pen, "antialias": False}
        self.pad = max(1.0, pen.widthF())
        self._lines = internals.PrimitiveArray(QLineF, 4)
        self._count = 0

    def setPen(self, *args, **kwargs) -> None:
        self.opts["pen"] = pg.mkPen(*args, **kwargs)
        self.pad = max(1.0, self.opts["pen"].widthF())
        self.prepareGeometryChange()
        self._bounds = None
        self.update()

    def setData(self, x, y, connect="all") -> None:
        """Join point i to point i + 1 where both are finite and ``connect`` ("all" or a bool
        array) allows it."""
        self.x, self.y = x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        finite = np.isfinite(x) & np.isfinite(y)
        joins = finite[:-1] & finite[1:]
        if not isinstance(connect, str):
            joins &= np.asarray(connect, dtype=bool)[:-1]
        start = np.flatnonzero(joins)
        self._count = len(start)
        self._lines.resize(self._count)
        lines = self._lines.ndarray()
        lines[:, 0], lines[:, 1] = x[start], y[start]
        lines[:, 2], lines[:, 3] = x[start + 1], y[start + 1]
        self._drawargs = self._lines.drawargs()  # valid until the next resize
        self._set_bounds(x, y, finite)

    def paint(self, painter, option, widget=None):
        if self._count:
            painter.setPen(self.opts["pen"])
            painter.drawLines(*self._drawargs)


class Markers(DataItem):
    """Same-looking symbols (e.g. "o", "t", "s") at data points: one pre-rendered pixmap drawn at
    every point in a single ``drawPixmapFragments`` call.

    Much cheaper than a ScatterPlotItem, which keeps per-point styles and rebuilds them on every
    ``setData``. Non-finite points are not drawn.
    """

    def __init__(self, symbol: str, size: float, color, parent=None):
        super().__init__(parent)
        self.symbol, self.size, self.color = symbol, size, color
        self.pad = size
        self._points = np.zeros((0, 2))
        self._pixmap = None
        self._dpr = None
        self._fragments = internals.PrimitiveArray(QPainter.PixmapFragment, 10)

    def setData(self, x, y) -> None:
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        finite = np.isfinite(self.x) & np.isfinite(self.y)
        self._points = np.column_stack([self.x[finite], self.y[finite]])
        self._set_bounds(self.x, self.y, finite)

    def paint(self, painter, option, widget=None):
        if not len(self._points):
            return
        dpr = widget.devicePixelRatioF() if widget is not None else 1.0
        if self._pixmap is None or dpr != self._dpr:
            image = renderSymbol(
                self.symbol, self.size, pg.mkPen(None), pg.mkBrush(self.color), dpr=dpr)
            self._pixmap, self._dpr = QPixmap.fromImage(image), dpr
        t = painter.transform()
        x, y = self._points.T
        self._fragments.resize(len(x))
        fragments = self._fragments.ndarray()
        fragments[:, 0] = t.m11() * x + t.m21() * y + t.dx()
        fragments[:, 1] = t.m12() * x + t.m22() * y + t.dy()
        fragments[:, 2:6] = [0, 0, self._pixmap.width(), self._pixmap.height()]
        fragments[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
        np.clip(fragments[:, 0:2], -2 ** 30, 2 ** 30, out=fragments[:, 0:2])
        painter.resetTransform()
        painter.drawPixmapFragments(*self._fragments.drawargs(), self._pixmap)


class CurveSample(ItemSample):
    """Legend sample of a curve whose markers are a separate :class:`Markers` child."""

    def __init__(self, item, markers: Markers | None):
        super().__init__(item)
        self.markers = markers

    def paint(self, painter, *args):
        super().paint(painter, *args)
        if self.markers is not None and self.item.isVisible():
            painter.translate(10, 10)
            drawSymbol(
                painter, self.markers.symbol, self.markers.size, pg.mkPen(None),
                pg.mkBrush(self.markers.color))


class Series:
    """One data item of a :class:`CurvePlot` holding full data ``x`` (M,), ``y`` (M,) or (M, K).

    ``item`` is a :class:`Curve` (or, for markers alone, :class:`Markers`); ``markers`` optional
    symbols on a curve's points. On a log axis, zero, negative and non-finite values are drawn
    as gaps and the rest as log10 (the axis is in log mode); the read-out still reports the true
    value. Data identical to what is drawn is not pushed again.
    """

    def __init__(self, item, name: str, log: bool = False, markers: Markers | None = None):
        self.item = item
        self.markers = markers
        self.name = name
        self.log = log
        self.x = self.y = self.shown = np.zeros(0)
        self._drawn = None

    def set_data(self, x, y) -> None:
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if self.log:
            with np.errstate(all="ignore"):
                self.shown = np.log10(positive_or_nan(self.y))
        else:
            self.shown = self.y

    def indices(self, n) -> tuple[int, int]:
        """Which stored points lie in the steps shown (``n`` as for :meth:`show_steps`): the
        slice ``i:k`` of them (x is sorted)."""
        first, stop = step_span(n)
        return (int(np.searchsorted(self.x, first - 0.5)) if first else 0,
                int(np.searchsorted(self.x, stop - 0.5)))

    def _unchanged(self, x, y) -> bool:
        """Whether (x, y) is what the item already draws (then remember nothing new)."""
        drawn = self._drawn
        if (drawn is not None and drawn[0].shape == x.shape and drawn[1].shape == y.shape
                and np.array_equal(drawn[0], x) and np.array_equal(drawn[1], y, equal_nan=True)):
            return True
        self._drawn = (x, y)
        return False

    def show_steps(self, n) -> None:
        i, k = self.indices(n)
        x, shown = self.x[i:k], self.shown[i:k]
        if self._unchanged(x, shown):
            return
        if isinstance(self.item, Markers):
            self.item.setData(x, shown)
            return
        self.item.setData(x, shown)
        if self.markers is not None:
            self.markers.setData(x, shown)

    def value_at(self, t: int):
        i = np.searchsorted(self.x, t)
        if i < len(self.x) and self.x[i] == t and self.y.ndim == 1:
            return self.y[i]
        return None


class Bundle(Series):
    """Several curves over the same steps in one item (NaN-separated): y is (T, K)."""

    def show_steps(self, n):
        i, k = self.indices(n)
        curves = self.shown.shape[1] if self.shown.ndim == 2 else 0
        ys = np.full((curves, k - i + 1), np.nan)
        ys[:, :k - i] = self.shown[i:k].T
        xs = np.empty_like(ys)
        xs[:] = np.append(self.x[i:k], np.nan)
        if not self._unchanged(xs, ys):
            self.item.setData(xs.ravel(), ys.ravel())  # the NaN after each curve separates them


class Bars(Series):
    """Bars of height y at steps x."""

    def show_steps(self, n):
        i, k = self.indices(n)
        heights = np.nan_to_num(self.shown[i:k], nan=0.0, posinf=0.0, neginf=0.0)
        self.item.setOpts(x=self.x[i:k], height=heights)


class VerticalMarks:
    """A reusable pool of vertical lines at given x positions (e.g. truncation boundaries)."""

    def __init__(self, plot: pg.PlotItem, pen):
        self.plot, self.pen, self.lines = plot, pen, []

    def set_positions(self, positions) -> None:
        positions = list(positions)
        while len(self.lines) < len(positions):
            line = pg.InfiniteLine(angle=90, movable=False, pen=self.pen)
            self.plot.addItem(line, ignoreBounds=True)
            self.lines.append(line)
        for line, x in zip(self.lines, positions):
            line.setValue(x)
            line.show()
        for line in self.lines[len(positions):]:
            line.hide()

    def positions(self) -> list[float]:
        return [line.value() for line in self.lines if line.isVisible()]


class CurvePlot(TimePlot):
    """Curves, faint bundles and bars against t; y range refit to the data on every update."""

    def __init__(self, axes, title, y_label, log=False, bar_space=True):
        super().__init__(axes, title, y_label)
        self.bar_space = bar_space
        self.log = log
        self.y_range = None
        self._exact_span = None
        self.series: list[Series] = []
        if log:
            self.plot.setLogMode(y=True)
        self.legend = None

    def reset_view(self) -> None:
        """Undo zooming, and fit the y range tightly to the data again."""
        super().reset_view()
        self.steady, self.y_range = False, None
        self.fit_y(self._exact_span, exact=self._exact_span is not None)

    def set_stacked(self, stacked: bool) -> None:
        """In a grid column, keep a colour bar's width free on the right so that the time axis
        lines up with heatmaps above or below. Without it, keep room for the last step's
        label, which reaches beyond the end of the time axis."""
        width = COLOR_BAR_SPACE if stacked and self.bar_space else 0
        self.plot.layout.setColumnFixedWidth(4, 5 if width else 0)
        self.plot.layout.setColumnFixedWidth(5, width or BOTTOM_LABEL_OVERHANG)

    def add_legend(self) -> None:
        """A legend of the curves added after it, placed where it covers no data (see
        :meth:`place_legend`)."""
        legend = pg.LegendItem(offset=None, labelTextSize="8pt", brush=background(220),
                               pen=foreground(60))
        legend.setParentItem(self.plot)  # not the view: it may sit above it, outside the data
        legend.layout.setContentsMargins(2, 0, 4, 0)  # Qt's default margins double its height
        legend.setZValue(30)
        legend.setLabelTextColor(foreground())
        self.legend = legend
        self.legend_place = None
        """Where the legend is: one of LEGEND_CORNERS (inside the plot) or "above" it."""
        self._placing = False
        self.view.sigResized.connect(self.place_legend)
        self.view.sigRangeChanged.connect(self.place_legend)

    def drawn_points(self) -> np.ndarray:
        """Pixels (N, 2; x right, y down from the view's top left) of the data of every shown
        curve, marker and bar: points along the lines, not only their vertices. All stored
        steps count (not only those shown in "reveal" mode), so a legend stays where it is
        while the cursor moves."""
        rect = self.view.geometry()
        (x0, x1), (y0, y1) = self.view.viewRange()
        if rect.width() < 1 or rect.height() < 1 or x1 == x0 or y1 == y0:
            return np.zeros((0, 2))
        sx, sy = rect.width() / (x1 - x0), rect.height() / (y1 - y0)
        parts = [np.zeros((0, 2))]
        with np.errstate(all="ignore"):
            for series in self.series:
                if not series.item.isVisible() or not len(series.x):
                    continue
                px = (series.x - x0) * sx
                ys = series.shown if series.shown.ndim == 2 else series.shown[:, None]
                for column in ys.T:
                    py = (y1 - column) * sy
                    if isinstance(series, Bars):
                        half = 0.5 * series.item.opts.get("width", 0.6) * sx
                        base = np.full_like(py, y1 * sy)
                        for dx in (-half, 0.0, half):
                            pairs = np.full((3 * len(px),), np.nan)
                            pairs[0::3], pairs[1::3] = px + dx, px + dx
                            heights = np.full((3 * len(px),), np.nan)
                            heights[0::3], heights[1::3] = base, py
                            parts.append(sampled_line(pairs, heights))
                    elif isinstance(series.item, Markers):
                        parts.append(np.column_stack([px, py])[np.isfinite(py)])
                    else:
                        parts.append(sampled_line(px, py))
        return np.vstack(parts)

    def place_legend(self, *_args) -> None:
        """Put the legend in the first corner of the plot that no drawn data reaches, or, when
        every corner holds data, in a row above the plot (entries side by side as far as they
        fit) — in place of the title where that row would leave the data less than
        MIN_VIEW_HEIGHT pixels. Called whenever the data, the ranges or the plot's size change."""
        legend = self.legend
        if legend is None or self._placing:
            return
        if not legend.items:
            legend.hide()
            return
        rect = self.view.geometry()
        if rect.width() < 2 or rect.height() < 2:
            return
        self._placing = True
        try:
            legend.show()
            sizes = self._legend_sizes()
            points, corner = self.drawn_points(), None
            for columns, size in sizes.items():  # narrow and tall, then flatter
                corner = free_corner(points, size.width(), size.height(), rect.width(), rect.height())
                if corner is not None:
                    break
            if corner is None:  # above the plot: as many entries side by side as fit
                width = self.plot.boundingRect().width()
                columns = next((c for c in reversed(sizes) if sizes[c].width() <= width - 4), 1)
                size = sizes[columns]
            self._legend_columns(columns)
            row = 0 if corner is not None else int(np.ceil(size.height())) + 2
            title = self.plot.titleLabel
            in_title = (corner is None and (title.isVisible() or self.legend_place == "title")
                        and rect.height() + self._legend_row - row < MIN_VIEW_HEIGHT)
            if in_title:
                row = 0
            title.setVisible(not in_title and self.plot.layout.rowMinimumHeight(0) > 0)
            if row != self._legend_row:
                self._legend_row = row
                self.plot.layout.setRowFixedHeight(1, row)
                self.plot.layout.activate()  # the view moves now, not at the next layout pass
                rect = self.view.geometry()
            if corner is not None:
                spot = corner_rect(corner, size.width(), size.height(), rect.width(), rect.height())
                legend.setPos(rect.left() + spot.left(), rect.top() + spot.top())
                self.legend_place = corner
            elif in_title:
                box = title.geometry()
                legend.setPos(max(0.0, box.center().x() - size.width() / 2),
                              box.top() + max(0.0, (box.height() - size.height()) / 2))
                self.legend_place = "title"
            else:
                legend.setPos(max(0.0, rect.right() - size.width()), rect.top() - size.height() - 1)
                self.legend_place = "above"
        finally:
            self._placing = False

    _legend_row = 0
    _sizes = None

    def _legend_sizes(self) -> dict:
        """The legend's size laid out in 1, 2, … columns (measured once: a relayout of the
        legend costs more than the rest of the placement)."""
        if self._sizes is None or len(self._sizes[0]) != len(self.legend.items):
            sizes = {}
            for columns in range(1, len(self.legend.items) + 1):
                self._legend_columns(columns)
                sizes[columns] = self.legend.boundingRect().size()
            self._sizes = (list(self.legend.items), sizes)
        return self._sizes[1]

    def _legend_columns(self, columns: int) -> None:
        if self.legend.columnCount != columns:
            self.legend.setColumnCount(columns)
            self.legend.updateSize()

    def add_curve(self, name, color, width=1.5, style=Qt.PenStyle.SolidLine, symbol=None,
                  legend=True) -> Series:
        """A curve (``style`` None: markers only) with optional ``symbol`` markers on its points."""
        markers = Markers(symbol, 7, color) if symbol is not None else None
        if style is None:
            item, markers = markers, None
        else:
            item = Curve(pg.mkPen(color, width=width, style=style))
            if markers is not None:
                markers.setParentItem(item)  # hidden together (legend click)
        self.plot.addItem(item)
        if legend and self.legend is not None:
            self.legend.addItem(CurveSample(item, markers), name)
            sample, label = self.legend.items[-1]
            cache_drawing(sample, label.item)
        return self._added(Series(item, name, self.log, markers))

    def add_bundle(self, name, color) -> Bundle:
        item = Curve(pg.mkPen(color, width=1))
        self.plot.addItem(item)
        return self._added(Bundle(item, name, self.log))

    def add_bars(self, name, color) -> Bars:
        item = BarsItem(width=0.6, brush=color)
        self.plot.addItem(item)
        return self._added(Bars(item, name, self.log))

    def _added(self, series):
        self.series.append(series)
        return series

    def show_steps(self, n):
        for series in self.series:
            series.show_steps(n)

    def fit_y(self, span: tuple[float, float] | None = None, exact: bool = False) -> None:
        """Fit the y range to the data's ``span`` (default: of all finite stored data, not only
        the visible steps), snapped outward to round values.

        Unless ``exact``, the current range stays while it holds the data and the data fill at
        least KEEP_RANGE_FILL of it: axes then neither jump nor redraw their labels on every
        small change (a dragged slider, a training step). Data outside refit at once."""
        self._exact_span = span if exact else None
        span = span or finite_range(*(s.y for s in self.series), log=self.log)
        if span is None:
            span = (1e-8, 1.0) if self.log else (-1.0, 1.0)
        lo, hi = span
        if self.log:  # whole decades, so the axis has at least two labelled powers of ten
            lo, hi = float(np.floor(np.log10(lo))), float(np.ceil(np.log10(hi)))
            hi = max(hi, lo + 1.0)
        else:
            if hi - lo < 1e-12:
                lo, hi = lo - 0.5, hi + 0.5
            lo, hi = snapped_outward(lo, hi)
        if self.steady and not exact:
            lo, hi = steady_range(self.y_range, (lo, hi), self.keep_fill(KEEP_RANGE_FILL))
        self.steady = True
        if (lo, hi) != self.y_range:  # a new range makes the axis redraw its ticks
            self.y_range = (lo, hi)
            self.view.setYRange(lo, hi, padding=0.05)
            # move the items now: pyqtgraph defers it to the next paint, which then paints twice
            self.view.updateMatrix()
        self.place_legend()  # new data, perhaps where the legend was

    def readout(self, x, y):
        t = self._step_at(x)
        if t is None:
            return ""
        parts = []
        for series in self.series:
            value = series.value_at(t)
            if value is not None:
                parts.append("{0} = {1}".format(series.name, format_value(value)))
        return QCoreApplication.translate("TimePlot", "t = {0}: {1}").format(
            step_label(t), ", ".join(parts))


# -- legends that cover no data --------------------------------------------------------------
def sampled_line(px: np.ndarray, py: np.ndarray) -> np.ndarray:
    """Points (N, 2) every SAMPLE_SPACING pixels along the polyline through (px, py), broken
    where a coordinate is not finite (as the curves draw it)."""
    points = np.column_stack([px, py]).astype(float)
    finite = np.isfinite(points).all(axis=1)
    alone = points[finite]
    if len(points) < 2:
        return alone
    joined = finite[:-1] & finite[1:]
    start, delta = points[:-1][joined], np.diff(points, axis=0)[joined]
    if not len(start):
        return alone
    counts = np.clip(np.ceil(np.hypot(delta[:, 0], delta[:, 1]) / SAMPLE_SPACING), 1, 4096).astype(int)
    which = np.repeat(np.arange(len(start)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    fractions = (offsets / counts[which])[:, None]
    return np.vstack([alone, start[which] + fractions * delta[which]])


def corner_rect(corner: str, width: float, height: float, area_width: float, area_height: float,
                margin: float = LEGEND_MARGIN) -> QRectF:
    """The rectangle of a legend ``width`` × ``height`` in ``corner`` of an area (pixels, y
    down), ``margin`` from its edges."""
    x = area_width - margin - width if "right" in corner else margin
    y = area_height - margin - height if "bottom" in corner else margin
    return QRectF(x, y, width, height)


def free_corner(points: np.ndarray, width: float, height: float, area_width: float,
                area_height: float, margin: float = LEGEND_MARGIN) -> str | None:
    """The first of LEGEND_CORNERS where a legend ``width`` × ``height`` fits and no point
    (N, 2, pixels) lies within ``margin`` of it; None when there is none."""
    if width + 2 * margin > area_width or height + 2 * margin > area_height:
        return None
    for corner in LEGEND_CORNERS:
        rect = corner_rect(corner, width, height, area_width, area_height, margin)
        left, top = rect.left() - margin, rect.top() - margin
        right, bottom = rect.right() + margin, rect.bottom() + margin
        if not len(points) or not np.any((points[:, 0] >= left) & (points[:, 0] <= right)
                                         & (points[:, 1] >= top) & (points[:, 1] <= bottom)):
            return corner
    return None


# -- the layout of one panel -----------------------------------------------------------------
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


# -- the panel -------------------------------------------------------------------------------
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


def demo_model(kind: str = "lstm", **sizes):
    """A small session with sine inputs and targets (for previews and tests).

    ``sizes`` override NetworkConfig fields (defaults: 2 inputs, 16 units, 2 outputs, 40 steps).
    """
    from lstm_studio.session.document import NetworkConfig, new_document
    from lstm_studio.session.model import SessionModel

    settings = dict(kind=kind, input_size=2, hidden_size=16, output_size=2, seq_len=40)
    settings.update(sizes)
    config = NetworkConfig(**settings)
    model = SessionModel(new_document(config, seed=1))
    steps = np.arange(config.seq_len)[:, None]
    with model.changes():
        model.set_inputs(np.sin(steps / 4.0 + np.arange(config.input_size)))
        model.set_targets(0.8 * np.sin(steps / 5.0 + np.arange(config.output_size)))
    model.mark_saved()
    return model


def preview(panel_class, kind: str = "lstm") -> None:
    """Show ``panel_class`` alone on a small demo session (for ``python -m`` previews)."""
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    model = demo_model(kind)
    model.set_time_step(model.config.seq_len // 2)
    panel = panel_class(model)
    panel.resize(900, 600)
    panel.show()
    sys.exit(app.exec())
