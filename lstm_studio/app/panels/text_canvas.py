"""The text view's canvas and its colouring: a text's characters laid out in wrapped lines, each on
a background coloured by a unit's value at that character (σ gates 0..1 on the sequential map,
tanh values −1..1 on the diverging map, c fitted to the unit's values), the colour bar that reads
them, and the scroll area that keeps the canvas as wide as the view. The canvas frames the
sequence window, outlines the time cursor's character, underlines the places a search found and
reports clicks, double clicks, hovers and dragged spans.
"""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QWidget

from lstm_studio.app.panels.plots.colours import (
    CURSOR_COLOR,
    DIVERGING_MAP,
    HIGHLIGHT_COLOR,
    SEQUENTIAL_MAP,
    colormap,
)
from lstm_studio.app.panels.states import hidden_is_bounded
from lstm_studio.engine import GATE_ACTIVATION
from lstm_studio.session.characters import visible

MATCH_COLOR = (255, 60, 150)
"""Underline of the places where the found units are on (readable on light and dark themes)."""


def colour_levels(kind: str, quantity: str, values: np.ndarray, scale: str = "fixed") -> tuple[float, float, str]:
    """(low, high, colour map) for ``quantity`` of network ``kind``: σ gates 0..1 on the
    sequential map, tanh values (a bounded h, the candidates g and n) −1..1 on the diverging map,
    c (and a ReLU RNN's h) fitted to the unit's values (symmetric about 0 when diverging). With
    ``scale`` "auto" every range is fitted to ``values``."""
    values = np.asarray(values, dtype=np.float64)
    finite = values[np.isfinite(values)]
    top = float(np.max(np.abs(finite))) if finite.size else 1.0
    top = top if top > 0 else 1.0
    activation = "tanh" if quantity == "c" else "relu" if quantity == "h" and not hidden_is_bounded(kind) \
        else "tanh" if quantity == "h" else GATE_ACTIVATION[kind][quantity]
    if activation == "sigmoid":
        if scale == "auto" and finite.size and np.ptp(finite) > 0:
            return float(finite.min()), float(finite.max()), SEQUENTIAL_MAP
        return 0.0, 1.0, SEQUENTIAL_MAP
    if activation == "relu":
        return 0.0, top, SEQUENTIAL_MAP
    if quantity == "c" or scale == "auto":
        return -top, top, DIVERGING_MAP
    return -1.0, 1.0, DIVERGING_MAP


class Colours:
    """The colours of a text's characters, kept as numbers (red, green, blue, alpha in 0..1) and
    made QColors only when asked for: a paint asks for the characters in view, where a list of
    a QColor per character took tens of milliseconds to make and to free at every refresh."""

    def __init__(self, rgba: np.ndarray | None = None):
        self.rgba = np.zeros((0, 4)) if rgba is None else rgba

    def __len__(self) -> int:
        return len(self.rgba)

    def __getitem__(self, k: int) -> QColor:
        return self.between(k, k + 1)[0]

    def between(self, start: int, stop: int) -> list[QColor]:
        """The colours of characters start..stop−1 (as pyqtgraph's ColorMap.map makes them)."""
        return [QColor.fromRgbF(*rgba) for rgba in self.rgba[start:stop].tolist()]

    def rgba8(self, start: int, stop: int) -> np.ndarray:
        """(stop−start, 4) bytes of the colours of characters start..stop−1, for an image."""
        return np.round(self.rgba[start:stop] * 255).astype(np.uint8)

    def dark_text(self, start: int, stop: int) -> list[bool]:
        """For characters start..stop−1: whether black text reads better than white on them."""
        luminance = np.round(self.rgba[start:stop, :3] * 255) @ np.array([0.299, 0.587, 0.114])
        return (luminance > 140).tolist()


def value_colours(values: np.ndarray, low: float, high: float, map_name: str) -> Colours:
    """The colour of each value through colour map ``map_name`` over ``low``..``high``."""
    values = np.nan_to_num(np.asarray(values, dtype=np.float64), nan=low)
    fraction = np.clip((values - low) / (high - low), 0.0, 1.0) if high > low else np.zeros_like(values)
    return Colours(colormap(map_name).map(fraction, mode=pg.ColorMap.FLOAT))


def glyph(character: str) -> str:
    """What the text view draws for ``character``: a space stays blank (its colour shows), a
    newline is ⏎ (and ends the line), other invisible characters their sign."""
    return " " if character == " " else visible(character)


class TextCanvas(QWidget):
    """The characters of a text laid out in wrapped lines, each on its own background colour."""

    clicked = Signal(int)
    doubleClicked = Signal(int)
    spanSelected = Signal(int, int)
    hovered = Signal(int)
    """The character under the mouse, −1 when none."""

    PAD = 6

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.text = ""
        self.colours = Colours()
        self.window: tuple[int, int] | None = None
        self.cursor: int | None = None
        self.span: tuple[int, int] | None = None
        self.marks: list[tuple[int, int]] = []
        self._laid_out = None  # (text, width, font) the layout is for
        self.xs = self.ws = np.zeros(0)
        self.rows = np.zeros(0, dtype=int)
        self._press = None
        self._dragging = False
        self._glyphs: tuple[str, dict] = ("", {})  # (font, character -> (glyph, its width)) for painting

    # -- content -----------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.span, self.marks = None, []
            self.lay_out(self.width())

    def set_colours(self, colours: Colours) -> None:
        self.colours = colours
        self.update()

    # -- layout ------------------------------------------------------------------------------
    @property
    def line_height(self) -> float:
        return QFontMetricsF(self.font()).height() + 5

    def lay_out(self, width: int) -> None:
        """Place every character (words wrapped at ``width``) and take the height they need."""
        width = max(int(width), 80)
        key = (self.text, width, self.font().key())
        if key == self._laid_out:
            return
        self._laid_out = key
        metrics = QFontMetricsF(self.font())
        minimum = metrics.horizontalAdvance("n") * 0.6
        advance: dict[str, float] = {}
        n = len(self.text)
        xs, ws, rows = np.zeros(n), np.zeros(n), np.zeros(n, dtype=int)
        limit = width - self.PAD
        x, row, k = float(self.PAD), 0, 0
        for match in re.finditer(r"\S+|\s", self.text):
            token = match.group()
            widths = []
            for ch in token:
                if ch not in advance:
                    advance[ch] = max(metrics.horizontalAdvance(glyph(ch)), minimum)
                widths.append(advance[ch])
            if not token.isspace() and x + sum(widths) > limit and x > self.PAD:
                row, x = row + 1, float(self.PAD)
            for ch, w in zip(token, widths):
                if x + w > limit and x > self.PAD:
                    row, x = row + 1, float(self.PAD)
                xs[k], ws[k], rows[k] = x, w, row
                x += w
                k += 1
                if ch == "\n":
                    row, x = row + 1, float(self.PAD)
        self.xs, self.ws, self.rows = xs, ws, rows
        lines = int(rows[-1]) + 1 if n else 1
        self.setFixedHeight(int(np.ceil(2 * self.PAD + lines * self.line_height)))
        self.update()

    def character_rect(self, k: int) -> QRectF:
        """Where character ``k`` is drawn (its background), in this widget's coordinates."""
        height = QFontMetricsF(self.font()).height() + 1
        return QRectF(self.xs[k], self.PAD + self.rows[k] * self.line_height, self.ws[k], height)

    def index_at(self, point: QPointF, nearest: bool = False) -> int | None:
        """The character at ``point``; with ``nearest`` the closest one on that line (dragging)."""
        if not len(self.text):
            return None
        row = int(np.floor((point.y() - self.PAD) / self.line_height))
        if nearest:
            row = int(np.clip(row, 0, self.rows[-1]))
        low = int(np.searchsorted(self.rows, row, "left"))
        high = int(np.searchsorted(self.rows, row, "right"))
        if low >= high:
            return None
        k = low + int(np.searchsorted(self.xs[low:high], point.x(), "right")) - 1
        if nearest:
            return int(np.clip(k, low, high - 1))
        if k < low or point.x() >= self.xs[k] + self.ws[k] or \
                point.y() > self.character_rect(k).bottom():
            return None
        return k

    def segments(self, start: int, stop: int):
        """Rectangles covering characters start..stop−1, one per line they are on."""
        start, stop = max(0, start), min(len(self.text), stop)
        k = start
        while k < stop:
            row = self.rows[k]
            end = min(stop, int(np.searchsorted(self.rows, row, "right")))
            first, last = self.character_rect(k), self.character_rect(end - 1)
            yield QRectF(first.left(), first.top(), last.right() - first.left(), first.height())
            k = end

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(400, self.height())

    # -- drawing -----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.text:
            return
        painter = QPainter(self)
        area = event.rect()
        first = max(0, int((area.top() - self.PAD) // self.line_height))
        last = int((area.bottom() - self.PAD) // self.line_height) + 1
        low = int(np.searchsorted(self.rows, first, "left"))
        high = int(np.searchsorted(self.rows, last, "right"))
        coloured = max(low, min(high, len(self.colours)))  # only what is drawn
        metrics = QFontMetricsF(self.font())
        self._paint_backgrounds(painter, low, coloured, metrics.height() + 1)  # as character_rect
        self._paint_characters(painter, low, high, coloured, metrics)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(QColor(*MATCH_COLOR), 3)
        painter.setPen(pen)
        for start, stop in self.marks:
            if stop > low and start < high:
                for rect in self.segments(max(start, low), min(stop, high)):
                    painter.drawLine(QPointF(rect.left(), rect.bottom() + 2), QPointF(rect.right(), rect.bottom() + 2))
        if self.window is not None:
            painter.setPen(QPen(QColor(*CURSOR_COLOR), 1.5, Qt.PenStyle.DashLine))
            for rect in self.segments(*self.window):
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))
        if self.span is not None:
            painter.setPen(QPen(QColor(*HIGHLIGHT_COLOR), 2))
            for rect in self.segments(*self.span):
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))
        if self.cursor is not None and 0 <= self.cursor < len(self.text):
            painter.setPen(QPen(QColor(*CURSOR_COLOR), 2.5))
            painter.drawRect(self.character_rect(self.cursor).adjusted(-1, -1, 1, 1))

    def _paint_backgrounds(self, painter: QPainter, start: int, stop: int, height: float) -> None:
        """The background colours of characters start..stop−1 (on consecutive lines), drawn as
        one image of a pixel row per line, each row stretched to its line's height: a
        rectangle per character cost a Python call, a QColor and a fill each (a 1 MB text's view
        repaints with every run over the text while training)."""
        if stop <= start:
            return
        rows = self.rows[start:stop]
        top = int(rows[0])
        lines = int(rows[-1]) - top + 1
        width = max(1, self.width())
        left = np.clip(np.round(self.xs[start:stop]), 0, width).astype(np.intp)
        right = np.clip(np.round(self.xs[start:stop] + self.ws[start:stop]), 0, width).astype(np.intp)
        lengths = np.maximum(right - left, 0)
        which = np.repeat(np.arange(stop - start), lengths)  # the character of each pixel drawn
        columns = np.arange(which.size) - np.repeat(np.cumsum(lengths) - lengths - left, lengths)
        pixels = np.zeros((lines, width, 4), dtype=np.uint8)
        pixels[np.repeat(rows - top, lengths), columns] = self.colours.rgba8(start, stop)[which]
        image = QImage(pixels.data, width, lines, width * 4, QImage.Format.Format_RGBA8888)
        for line in range(lines):
            painter.drawImage(QRectF(0, self.PAD + (top + line) * self.line_height, width, height),
                              image, QRectF(0, line, width, 1))

    def _paint_characters(self, painter: QPainter, start: int, stop: int, coloured: int,
                          metrics: QFontMetricsF) -> None:
        """Characters start..stop−1, each centred in its place: black or white on a coloured
        background (whichever reads better), the palette's text colour beyond the colours."""
        if self._glyphs[0] != self.font().key():
            self._glyphs = (self.font().key(), {})
        glyphs = self._glyphs[1]
        line = self.line_height
        above = self.PAD + 0.5 + metrics.ascent()  # the baseline, centred in a character_rect
        plain = self.palette().color(self.foregroundRole())
        black, white = QColor(0, 0, 0), QColor(255, 255, 255)
        dark = self.colours.dark_text(start, coloured) + [None] * (stop - coloured)
        text, pen = self.text, None
        for k, x, w, row, on_dark in zip(range(start, stop), self.xs[start:stop].tolist(),
                                         self.ws[start:stop].tolist(), self.rows[start:stop].tolist(), dark):
            wanted = plain if on_dark is None else black if on_dark else white
            if wanted is not pen:
                painter.setPen(wanted)
                pen = wanted
            known = glyphs.get(text[k])
            if known is None:
                shown = glyph(text[k])
                known = glyphs[text[k]] = (shown, metrics.horizontalAdvance(shown))
            painter.drawText(QPointF(x + (w - known[1]) / 2, above + row * line), known[0])

    # -- mouse -------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = self.index_at(event.position())
            self._dragging = False

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.buttons() & Qt.MouseButton.LeftButton and self._press is not None:
            k = self.index_at(event.position(), nearest=True)
            if k is not None and (k != self._press or self._dragging):
                self._dragging = True
                self.span = (min(k, self._press), max(k, self._press) + 1)
                self.update()
        k = self.index_at(event.position())
        self.hovered.emit(-1 if k is None else k)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        if self._dragging and self.span is not None:
            self.spanSelected.emit(*self.span)
        else:
            self.clicked.emit(self._press)
        self._press, self._dragging = None, False

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt's name
        k = self.index_at(event.position())
        if k is not None:
            self.doubleClicked.emit(k)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().leaveEvent(event)
        self.hovered.emit(-1)


class TextScroll(QScrollArea):
    """A vertical scroll area whose canvas is always as wide as the view."""

    def __init__(self, canvas: TextCanvas, parent=None):
        super().__init__(parent)
        self.setWidget(canvas)
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setMinimumHeight(48)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        canvas = self.widget()
        canvas.lay_out(self.viewport().width())
        canvas.resize(self.viewport().width(), canvas.height())


class ColourBar(QWidget):
    """A small colour bar in one line: its low value, the colours, its high value."""

    LABEL = 46

    def __init__(self, parent=None):
        super().__init__(parent)
        self.levels = (0.0, 1.0, SEQUENTIAL_MAP)
        self.setFixedHeight(int(QFontMetricsF(self.font()).height()) + 4)
        self.setMinimumWidth(180)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(230, self.height())

    def set_levels(self, low: float, high: float, map_name: str) -> None:
        self.levels = (low, high, map_name)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        low, high, name = self.levels
        painter = QPainter(self)
        width = self.width() - 2 * self.LABEL - 8
        colours = value_colours(np.linspace(low, high, 64), low, high, name)
        step = width / len(colours)
        for k, colour in enumerate(colours):
            painter.fillRect(QRectF(self.LABEL + 4 + k * step, 3, step + 0.6, self.height() - 6), colour)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(QRectF(0, 0, self.LABEL, self.height()),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"{low:.3g}")
        painter.drawText(QRectF(self.width() - self.LABEL, 0, self.LABEL, self.height()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), f"{high:.3g}")
