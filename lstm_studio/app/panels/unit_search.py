"""Find units by example (LSTMVis, Strobelt et al.): drag over a span of the text; the units whose
values are highest on the span compared with the characters around it (score = mean on the span
− mean over :data:`~lstm_studio.session.text_run.NEIGHBOURHOOD` characters on each side) are
listed under the text as rows of per-character heat strips, and the other places where the best
:data:`~lstm_studio.session.text_run.MATCH_UNITS` are all on are underlined in the text. A click
on a row selects that unit everywhere.

This module draws the list; the text view's panel runs the search.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lstm_studio.app.panels.plots.colours import HIGHLIGHT_COLOR
from lstm_studio.app.panels.text_canvas import glyph

TOP_UNITS = 5
"""Units listed by a search by example."""


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
