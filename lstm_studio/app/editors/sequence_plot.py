"""The sequence editor's plot: a view box that draws, the channels' colours, and how many curves
are drawn how (markers, bold lines, the cached picture of :mod:`.channel_backdrop`)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal

MIN_DRAWING_HEIGHT = 140
"""Pixels (at the normal scale) the plot keeps however short its dock: enough to draw a stroke
on (the editor scrolls to its table and generators below)."""

MARK_GREY = (128, 128, 128)
"""The cursor line and a stroke's preview: mid grey, visible on light and dark backgrounds."""

MAX_STEPS_WITH_SYMBOLS = 200
MAX_POINTS_WITH_SYMBOLS = 4000
"""Each step's value is marked (a dot) up to this many steps, and this many steps × channels:
beyond, the dots hide the curves (and 256 channels of dots took most of a redraw)."""

MAX_BOLD_CHANNELS = 10
"""With "All channels" chosen, every curve is drawn bold up to this many channels (one colour
each); beyond, they share colours, bold curves hide one another, and a bold line costs the
painter about eight times a thin one (256 bold curves took 0.7 s a redraw). Beyond it too,
when the steps are drawn as lines only, the channels not chosen are one cached picture (see
:mod:`~lstm_studio.app.editors.channel_backdrop`)."""


def with_symbols(steps: int, channels: int) -> bool:
    """Whether the curves of ``steps`` steps × ``channels`` channels mark each step's value."""
    return steps <= MAX_STEPS_WITH_SYMBOLS and steps * channels <= MAX_POINTS_WITH_SYMBOLS
"""Longer sequences are drawn as lines only (thousands of markers would slow every redraw)."""


class DrawViewBox(pg.ViewBox):
    """A view box where dragging (or clicking) with the left button draws instead of panning."""

    strokeStarted = Signal()
    strokePoint = Signal(QPointF)
    strokeFinished = Signal()

    def mouseDragEvent(self, ev, axis=None):  # noqa: N802 - pyqtgraph's name
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        if ev.isStart():
            self.strokeStarted.emit()
            self.strokePoint.emit(self.mapToView(ev.buttonDownPos()))
        self.strokePoint.emit(self.mapToView(ev.pos()))
        if ev.isFinish():
            self.strokeFinished.emit()

    def mouseClickEvent(self, ev):  # noqa: N802 - pyqtgraph's name
        if ev.button() != Qt.MouseButton.LeftButton:
            super().mouseClickEvent(ev)
            return
        ev.accept()
        self.strokeStarted.emit()
        self.strokePoint.emit(self.mapToView(ev.pos()))
        self.strokeFinished.emit()


CHANNEL_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                   "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
"""Channel colours (matplotlib's tab10): readable on light and dark backgrounds."""


def channel_colour(channel: int) -> str:
    return CHANNEL_COLOURS[channel % len(CHANNEL_COLOURS)]
