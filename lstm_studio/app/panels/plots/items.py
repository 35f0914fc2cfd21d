"""Drawing items, and their lifetimes: lean curve, marker, bar and image items that draw only
what is in view, and the helpers that take items out of a scene without leaking them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import shiboken6
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol, renderSymbol
from pyqtgraph.Qt import internals
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsItem

from lstm_studio.app.panels.plots.colours import SEQUENTIAL_MAP, packed_lut


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


class Legend(pg.LegendItem):
    """A legend exactly as large as its entries laid out in its columns.

    pyqtgraph's own size adds up the entries' current widths, which the previous column layout
    has stretched: after a change from two columns to one it stays too wide, and a placement
    measured from it is wrong. Here the size is the grid's preferred size (each column as wide as
    its widest entry), which is also what the entries get when the legend lays them out."""

    def updateSize(self):
        if self.size is not None:
            return
        hint = self.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize)
        self.setGeometry(0, 0, hint.width(), hint.height())


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
