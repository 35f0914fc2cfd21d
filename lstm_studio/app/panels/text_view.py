"""Text view of a unit: a next-character session's whole text, each character's background coloured
by the selected unit's h, c or any gate at that character (issue 15), and the search for units by
example under it.

The numbers are the model's run over the whole text (:meth:`SessionModel.text_run`, see
:mod:`lstm_studio.session.text_run`): the state carried from character to character across the
whole text, not restarted at each sequence window as the time panels' window is. The selected
unit is the model's selection, so every panel agrees; the sequence window of the other panels is
framed in the text and the time cursor's character outlined. A click on a character in the
window moves the time cursor there; a click outside says so, and a double click moves the
window there (one undoable step). Hovering shows the character's values.

Find units by example (LSTMVis, Strobelt et al.): drag over a span of the text; the units whose
values are highest on the span compared with the characters around it (score = mean on the span
− mean over :data:`~lstm_studio.session.text_run.NEIGHBOURHOOD` characters on each side) are
listed under the text as rows of per-character heat strips, and the other places where the best
:data:`~lstm_studio.session.text_run.MATCH_UNITS` are all on are underlined in the text. A click
on a row selects that unit everywhere.
"""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen, QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.app.panels.plots.colours import (
    CURSOR_COLOR,
    DIVERGING_MAP,
    HIGHLIGHT_COLOR,
    SEQUENTIAL_MAP,
    colormap,
)
from lstm_studio.app.panels.states import hidden_is_bounded
from lstm_studio.app.widgets import LiveText, RefreshWhenSeen, scrolling
from lstm_studio.engine import GATE_ACTIVATION
from lstm_studio.session.characters import visible
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

TOP_UNITS = 5
"""Units listed by a search by example."""
MATCH_COLOR = (255, 60, 150)
"""Underline of the places where the found units are on (readable on light and dark themes)."""
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


class UnitSearch(QWidget):
    """The units found by example: the characters around the span on top, under them one row per
    unit with its values as a heat strip (one cell per character), best first."""

    unitClicked = Signal(int, int, int)
    CELL = 15
    LABEL = 150

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []  # (RankedUnit, colours of the context characters)
        self.context = (0, 0)
        self.span = (0, 0)
        self.text = ""
        self.selected = None
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._fit()

    @property
    def row_height(self) -> float:
        return QFontMetricsF(self.font()).height() + 4

    def _fit(self) -> None:
        self.setFixedHeight(int(self.row_height * (len(self.rows) + 1) + 4) if self.rows else 0)

    def set_result(self, text: str, span: tuple[int, int], context: tuple[int, int], rows: list) -> None:
        self.text, self.span, self.context, self.rows = text, span, context, rows
        self._fit()
        self.update()

    def clear(self) -> None:
        self.set_result("", (0, 0), (0, 0), [])

    def set_selected(self, selected) -> None:
        self.selected = selected
        self.update()

    def cell_width(self) -> float:
        count = max(1, self.context[1] - self.context[0])
        return max(4.0, min(self.CELL, (self.width() - self.LABEL - 6) / count))

    def row_rect(self, index: int) -> QRectF:
        """Where row ``index`` (0 = best unit) is drawn."""
        return QRectF(0, (index + 1) * self.row_height, self.width(), self.row_height)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        if not self.rows:
            return
        painter = QPainter(self)
        plain = self.palette().color(self.foregroundRole())
        cell, height = self.cell_width(), self.row_height
        first, stop = self.context
        x0 = self.LABEL
        painter.setPen(plain)
        if cell >= 8:
            for k in range(first, stop):
                painter.drawText(QRectF(x0 + (k - first) * cell, 0, cell, height),
                                 int(Qt.AlignmentFlag.AlignCenter), glyph(self.text[k]))
        for index, (ranked, colours) in enumerate(self.rows):
            top = (index + 1) * height
            unit = (ranked.layer, ranked.direction, ranked.unit)
            if unit == self.selected:
                painter.fillRect(QRectF(0, top, self.width(), height), QColor(*HIGHLIGHT_COLOR, 60))
            painter.setPen(plain)
            painter.drawText(QRectF(4, top, self.LABEL - 8, height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             unit_name(*unit, self._layers) + f"  {ranked.score:+.2f}")
            for j, colour in enumerate(colours):
                painter.fillRect(QRectF(x0 + j * cell, top + 2, cell - (1 if cell > 6 else 0), height - 4), colour)
        painter.setPen(QPen(QColor(*HIGHLIGHT_COLOR), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        a, b = self.span
        painter.drawRect(QRectF(x0 + (a - first) * cell - 1, 1, (b - a) * cell + 2,
                                height * (len(self.rows) + 1) - 1))

    _layers = (1, 1)  # (layers, directions) of the network, for unit names

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        index = int(event.position().y() // self.row_height) - 1
        if 0 <= index < len(self.rows):
            ranked = self.rows[index][0]
            self.unitClicked.emit(ranked.layer, ranked.direction, ranked.unit)


def unit_name(layer: int, direction: int, unit: int, shape=(1, 1)) -> str:
    """"unit 5", or "L2 unit 5", "L1↺ unit 5" (reverse direction) in a bigger network."""
    name = QCoreApplication.translate("TextView", "unit {0}").format(unit)
    layers, directions = shape
    if layers > 1 or directions > 1:
        prefix = f"L{layer + 1}" + ("↺" if direction else "")
        return f"{prefix} {name}"
    return name


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
