"""The items the cell diagram is drawn with (:mod:`lstm_studio.app.panels.cell_diagram`).

Value boxes (a gate's block, a state's badge) and operation nodes (⊙, +, 1−) show one unit's
value at the current step, or a small bar chart of every unit (:class:`BarChart`), coloured by
their range: σ outputs 0..1 on a sequential map, tanh outputs −1..1 and unbounded values (through
tanh) on a diverging one. Wires carry the data flow with arrowheads. Texts are sized in scene
pixels at the normal presentation scale and shrunk to fit their box (:func:`fit_factor`).
"""


from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
)

from lstm_studio.app.panels.plots.colours import (
    DIVERGING_MAP,
    HIGHLIGHT_COLOR,
    SEQUENTIAL_MAP,
)
from lstm_studio.app.theme import current_scale, scaled

UNIT, SIGNED, FREE = "unit", "signed", "free"
"""Value ranges: sigmoid outputs 0..1, tanh outputs −1..1, anything else unbounded."""

BLOCK_SIZE = (78, 54)
BADGE_SIZE = (58, 20)
NODE_RADIUS = 13
LINE_WIDTH = 1.6


# -- colours -----------------------------------------------------------------------------------
def _lookup_table(colormap: pg.ColorMap) -> tuple[list[QColor], list[QColor]]:
    """256 fill colours of ``colormap`` and, for each, a contrasting text colour."""
    table = colormap.getLookupTable(0.0, 1.0, 256, alpha=False)
    luminance = table @ np.array([0.299, 0.587, 0.114])
    fills = [QColor(int(r), int(g), int(b)) for r, g, b in table]
    texts = [QColor(Qt.GlobalColor.black if lum > 140 else Qt.GlobalColor.white) for lum in luminance]
    return fills, texts


_SEQUENTIAL = _lookup_table(pg.colormap.get(SEQUENTIAL_MAP))
_DIVERGING = _lookup_table(pg.colormap.get(DIVERGING_MAP))


def colour_indices(values: np.ndarray, value_range: str) -> np.ndarray:
    """Index (0..255) into the range's colour table for each value; NaN maps to the middle.

    ``values`` (K,) -> (K,) int. Unbounded values are coloured by ``tanh(value)``.
    """
    with np.errstate(all="ignore"):
        if value_range == FREE:
            values = np.tanh(values)
        position = values if value_range == UNIT else (values + 1.0) / 2.0
        indices = np.rint(np.clip(position, 0.0, 1.0) * 255)
    return np.where(np.isnan(indices), 128, indices).astype(int)


def colour_table(value_range: str) -> tuple[list[QColor], list[QColor]]:
    return _SEQUENTIAL if value_range == UNIT else _DIVERGING


def format_value(value: float) -> str:
    """Short text for one number: three decimals, ``nan``/``inf`` spelled out, Unicode minus."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "−inf"
    text = f"{value:.3g}" if abs(value) >= 1000 else f"{value:.3f}"
    return text.replace("-", "−")


# -- scene items -------------------------------------------------------------------------------
class BarChart(QGraphicsItem):
    """Bars for a vector of values inside ``rect``; the selected unit is outlined.

    Sigmoid ranges grow from the bottom (0..1) in the sequential colours; signed ranges grow
    from the middle (−1..1, unbounded ones scaled to their largest |value|), coloured by sign.
    """

    def __init__(self, rect: QRectF, value_range: str, colours: dict, parent: QGraphicsItem):
        super().__init__(parent)
        self._rect = rect
        self._range = value_range
        self._colours = colours
        self._fills = colour_table(value_range)[0]
        self.values = np.zeros(0)
        self._bars: list[tuple[float, float, QColor]] = []
        self._selected = -1
        self._base = rect.bottom()
        self._index_label = "{0}: {1}"
        self._on_pick = None
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def make_interactive(self, index_label: str, on_pick=None) -> None:
        """Hovering a bar shows ``index_label.format(index, value)``; clicking calls ``on_pick(index)``."""
        self._index_label = index_label
        self._on_pick = on_pick
        if on_pick is not None:
            self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def index_at(self, x: float) -> int:
        """The bar under item coordinate ``x``."""
        count = max(len(self._bars), 1)
        index = int((x - self._rect.left()) / self._rect.width() * count)
        return min(max(index, 0), count - 1)

    def hoverMoveEvent(self, event) -> None:
        if self.values.size:
            index = self.index_at(event.pos().x())
            owner = self.parentItem()
            self.setToolTip(_tooltip(owner.title, owner.equation, self._index_label.format(
                index, format_value(float(self.values[index])))))

    def mousePressEvent(self, event) -> None:
        if self.values.size:
            self._on_pick(self.index_at(event.pos().x()))

    def set_values(self, values: np.ndarray, selected: int) -> None:
        """Show ``values`` (K,), one bar each; ``selected`` (or -1) is outlined."""
        self.values = values
        self._selected = selected
        r = self._rect
        with np.errstate(all="ignore"):
            if self._range == UNIT:
                scaled, base = np.clip(values, 0.0, 1.0), r.bottom()
            else:
                scale = 1.0 if self._range == SIGNED else np.nanmax(np.abs(values), initial=0.0)
                scale = scale if np.isfinite(scale) and scale > 0 else 1.0
                scaled, base = np.clip(values / scale, -1.0, 1.0) / 2.0, r.center().y()
            scaled = np.nan_to_num(scaled, nan=0.0)
        tops = base - scaled * r.height()
        heights = np.abs(tops - base)
        tops = np.minimum(tops, base)
        if self._range == UNIT:
            indices = colour_indices(values, UNIT)
        else:  # by sign: near-zero colours of the diverging map vanish on light backgrounds
            indices = np.where(values < 0, 24, 231)
        fills = self._fills
        self._bars = [(top, height, fills[index]) for top, height, index in
                      zip(tops.tolist(), heights.tolist(), indices.tolist())]
        self._base = base
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = self._rect
        count = len(self._bars)
        if not count:
            return
        width = r.width() / count
        painter.setPen(Qt.PenStyle.NoPen)
        for k, (top, height, fill) in enumerate(self._bars):
            painter.fillRect(QRectF(r.left() + k * width, top, width, max(height, 0.5)), fill)
        painter.setPen(QPen(self._colours["mid"], scaled(0.6)))
        painter.drawLine(QPointF(r.left(), self._base), QPointF(r.right(), self._base))
        if 0 <= self._selected < count:
            painter.setPen(QPen(QColor(*HIGHLIGHT_COLOR), scaled(1.2)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(r.left() + self._selected * width, r.top(), max(width, 1.5), r.height()))


class _ShowsQuantity:
    """Shared part of every item that shows a quantity: its value(s) and a tooltip."""

    def _init_quantity(self, quantity: str, value_range: str, title: str, equation: str,
                       per_unit: bool = True) -> None:
        self.quantity = quantity
        self.value_range = value_range
        self.title = title
        self.equation = equation
        self.per_unit = per_unit
        self.values = np.zeros(0)
        self.value = math.nan

    def _store(self, values: np.ndarray, unit: int) -> None:
        self.values = values
        if self.per_unit:
            self.value = float(values[unit])
        else:
            self.value = float(values[0]) if values.size == 1 else math.nan

    def _set_tooltip(self, value_line: str) -> None:
        self.setToolTip(_tooltip(self.title, self.equation, value_line))


class ValueBox(QGraphicsPathItem, _ShowsQuantity):
    """A rounded box showing a value (colour-filled) or a bar chart; with an optional symbol.

    Gate blocks carry a symbol (σ, tanh, …) above the value; state badges have none.
    """

    def __init__(self, center: QPointF, size: tuple[float, float], quantity: str, value_range: str,
                 title: str, equation: str, colours: dict, symbol: str = "", per_unit: bool = True):
        super().__init__()
        self._init_quantity(quantity, value_range, title, equation, per_unit)
        self._colours = colours
        width, height = size
        rect = QRectF(-width / 2, -height / 2, width, height)
        path = QPainterPath()
        path.addRoundedRect(rect, 6 if symbol else 4, 6 if symbol else 4)
        self.setPath(path)
        self.setPos(center)
        self.setPen(QPen(colours["line"], scaled(LINE_WIDTH if symbol else 1.0)))
        self.symbol = symbol
        value_top = rect.top()
        if symbol:
            self._symbol_item = QGraphicsTextItem(self)
            self._symbol_item.document().setDocumentMargin(0)
            self._symbol_item.setFont(_font(17, serif=True))
            self._symbol_item.setHtml(symbol)
            box = self._symbol_item.boundingRect()
            # at most half the block, so that the value keeps room below it
            shrink = fit_factor(box, width - 6, height / 2)
            self._symbol_item.setScale(shrink)
            self._symbol_item.setPos(-box.width() * shrink / 2, rect.top() + 3)
            value_top = rect.top() + box.height() * shrink + 2
        self._value_rect = QRectF(rect.left() + 4, value_top, width - 8, rect.bottom() - value_top - 3)
        self._text = QGraphicsSimpleTextItem(self)
        self._text.setFont(_font(12 if symbol else 11))
        self.bars = BarChart(self._value_rect, value_range, colours, self)
        self.bars.hide()

    def text(self) -> str:
        """The number written in the box ("" in bars mode)."""
        return self._text.text() if self._text.isVisible() else ""

    def set_values(self, values: np.ndarray, unit: int, bars: bool, value_line: str) -> None:
        """Show ``values`` (K,): the selected unit's number, or (bars mode) every unit as a bar."""
        self._store(values, unit)
        as_bars = bars if self.per_unit else values.size > 1
        self.bars.setVisible(as_bars)
        self._text.setVisible(not as_bars)
        if as_bars:
            self.bars.set_values(values, unit if self.per_unit else -1)
            self.setBrush(QBrush(self._colours["base"]))
            if self.symbol:
                self._symbol_item.setDefaultTextColor(self._colours["text"])
        else:
            self._show_number()
        self._set_tooltip(value_line)

    def _show_number(self) -> None:
        fills, texts = colour_table(self.value_range)
        if math.isnan(self.value):
            fill, ink = self._colours["mid"], self._colours["text"]
        else:
            index = int(colour_indices(np.array([self.value]), self.value_range)[0])
            fill, ink = fills[index], texts[index]
        self.setBrush(QBrush(fill))
        if self.symbol:
            self._symbol_item.setDefaultTextColor(ink)
        self._text.setBrush(QBrush(ink))
        self._text.setText(format_value(self.value))
        box = self._text.boundingRect()
        room = self._value_rect
        shrink = fit_factor(box, room.width() + 2, room.height() + 4)
        self._text.setScale(shrink)
        center = room.center()
        self._text.setPos(center.x() - box.width() * shrink / 2, center.y() - box.height() * shrink / 2)


class OpNode(QGraphicsEllipseItem, _ShowsQuantity):
    """A round pointwise operation (⊙, +, 1−); its value is in the tooltip (and a badge nearby)."""

    def __init__(self, center: QPointF, symbol: str, quantity: str, value_range: str, title: str,
                 equation: str, colours: dict):
        super().__init__(-NODE_RADIUS, -NODE_RADIUS, 2 * NODE_RADIUS, 2 * NODE_RADIUS)
        self._init_quantity(quantity, value_range, title, equation)
        self.setPos(center)
        self.setPen(QPen(colours["line"], scaled(LINE_WIDTH)))
        self.setBrush(QBrush(colours["node"]))
        self.symbol = symbol
        label = QGraphicsSimpleTextItem(symbol, self)
        label.setFont(_font(17 if len(symbol) == 1 else 11, bold=len(symbol) > 1))
        label.setBrush(QBrush(colours["text"]))
        box = label.boundingRect()
        shrink = fit_factor(box, 2.2 * NODE_RADIUS, 2.2 * NODE_RADIUS)
        label.setScale(shrink)
        label.setPos(-box.width() * shrink / 2, -box.height() * shrink / 2 - 0.5)

    def set_values(self, values: np.ndarray, unit: int, bars: bool, value_line: str) -> None:
        self._store(values, unit)
        self._set_tooltip(value_line)


class Wire(QGraphicsPathItem):
    """A polyline carrying data, optionally dashed, with an arrowhead at its end."""

    def __init__(self, points: list[QPointF], colour: QColor, arrow: bool = True, dashed: bool = False):
        super().__init__()
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        self.setPath(path)
        self.dashed = dashed
        pen = QPen(colour, scaled(LINE_WIDTH))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        if dashed:
            pen.setDashPattern([4, 3])
        self.setPen(pen)
        self.setZValue(-1)
        if arrow:
            tip, before = points[-1], points[-2]
            dx, dy = tip.x() - before.x(), tip.y() - before.y()
            length = math.hypot(dx, dy) or 1.0
            ux, uy = dx / length, dy / length
            size = min(scaled(7.0), 0.6 * length)  # a short wire keeps some line before its head
            base = QPointF(tip.x() - ux * size, tip.y() - uy * size)
            head = QGraphicsPolygonItem(QPolygonF([
                tip,
                QPointF(base.x() - uy * size * 0.45, base.y() + ux * size * 0.45),
                QPointF(base.x() + uy * size * 0.45, base.y() - ux * size * 0.45),
            ]), self)
            head.setPen(Qt.PenStyle.NoPen)
            head.setBrush(QBrush(colour))

    def shape(self) -> QPainterPath:
        """A wider outline than the stroke, so hovering a thin line finds it."""
        stroker = QPainterPathStroker()
        stroker.setWidth(9)
        return stroker.createStroke(self.path())


def fit_factor(box: QRectF, width: float, height: float) -> float:
    """How much a text of bounding ``box`` must shrink to fit ``width`` × ``height`` (at most 1)."""
    factors = [1.0]
    if box.width() > width > 0:
        factors.append(width / box.width())
    if box.height() > height > 0:
        factors.append(height / box.height())
    return min(factors)


def _font(pixels: int, *, serif: bool = False, bold: bool = False, italic: bool = False) -> QFont:
    """A font of ``pixels`` scene pixels at the normal presentation scale (grown with it)."""
    font = QFont()
    if serif:
        font.setFamilies(["DejaVu Serif", "Times New Roman", "serif"])
    font.setPixelSize(max(1, round(pixels * current_scale())))
    font.setBold(bold)
    font.setItalic(italic)
    return font


def _tooltip(title: str, equation: str, value_line: str) -> str:
    return f"<b>{title}</b><br>{equation}<br>{value_line}"


def _sub(name: str, index: str) -> str:
    return f"{name}<sub>{index}</sub>"
