"""Time on the x axis: the view box that turns clicks and drags into moves of the time cursor,
axes that label steps t = 1..T (and decades on log axes), and the cursor line.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsWidget

BOTTOM_LABEL_OVERHANG = 8
"""Pixels a time-axis label may reach beyond the axis' ends (else pyqtgraph hides it)."""


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

    ONE_DECADE_LABELS = (np.log10(2.0), np.log10(5.0))
    """Where, besides the powers of ten, labels go on a log axis that shows less than two
    decades (at 2 and 5 of each decade): a loss between 2.8 and 3.0 in a short plot would
    otherwise have its only labels, 1 and 10, at the very edges, where they are not drawn."""

    def tickStrings(self, values, scale, spacing):
        strings = super().tickStrings(values, scale, spacing)
        if not self.logMode:
            return strings
        low, high = sorted(self.range)
        labelled = [0.0] + (list(self.ONE_DECADE_LABELS) if high - low < 2.2 else [])
        return [text if any(abs((v - np.floor(v + 1e-9)) - mark) < 1e-9 for mark in labelled) else ""
                for v, text in zip(values, strings)]


class TimeAxis(DecadeAxis):
    """The time axis. Inside, step t sits at x = t − 1 (arrays are 0-based); its labels count
    t = 1..T as the course notes do: the first step reads 1, the last T.

    Labels go on whole steps: the first step, round steps in between and, once told the
    sequence length (:meth:`set_steps`), the last step T; a round label too close to either
    end gives way to it.

    Told a label per step (:meth:`set_step_labels`, e.g. the input characters of a
    next-character session), the axis writes them in a row above the step numbers: one under
    every step when they fit, else under every k-th step (and under every numbered step).
    """

    END_ROOM = 0.6
    """A round label closer than this share of the label spacing to the first or last step
    is dropped (the end's own label would collide with it)."""
    LABEL_GAP = 4
    """Pixels kept free between neighbouring step labels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = None
        self.step_labels: list[str] | None = None
        self._label_width = 0.0  # the widest step label, in pixels
        self._numbered: set[int] = set()  # steps (0-based) whose number the last ticks show

    def _forget_pictures(self) -> None:
        self.pictures.clear()  # drawings of the same range may now label other steps
        self.picture = None
        self.update()

    def set_steps(self, steps: int | None) -> None:
        """Label the last step, T = ``steps`` (None: no end label)."""
        if steps != self.steps:
            self.steps = steps
            self._forget_pictures()

    def set_step_labels(self, labels=None) -> None:
        """Write ``labels[t]`` under step t (0-based; "" for none), or no step labels (None)."""
        labels = None if labels is None else [str(label) for label in labels]
        if labels == self.step_labels:
            return
        self.step_labels = labels
        metrics = QFontMetricsF(self.style["tickFont"] or self.font())
        self._label_width = max((metrics.horizontalAdvance(label) for label in set(labels or ())), default=0.0)
        self._forget_pictures()

    def _round_ticks(self, minVal, maxVal, size):  # noqa: N803 - pyqtgraph's names
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

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's names
        ticks = self._round_ticks(minVal, maxVal, size)
        labels = self.step_labels
        if not labels:
            return ticks
        low, high = sorted((minVal, maxVal))
        per_step = size / max(high - low, 1e-9)  # pixels
        metrics = QFontMetricsF(self.style["tickFont"] or self.font())
        number_width = metrics.horizontalAdvance(str(max(self.steps or 1, len(labels))))
        numbered = set()
        for level, (spacing, values) in enumerate(ticks):  # minor levels only where numbers fit
            if level == 0 or spacing * per_step >= number_width + 2 * self.LABEL_GAP:
                numbered |= {int(round(v)) for v in values}
        self._numbered = numbered
        every = max(1, int(np.ceil((self._label_width + self.LABEL_GAP) / per_step)))
        stop = min(len(labels), self.steps or len(labels))
        chosen = set(numbered)
        for t in range(max(0, int(np.ceil(low))), min(stop, int(np.floor(high)) + 1)):
            if t % every == 0 and all(abs(t - n) >= every for n in numbered):
                chosen.add(t)
        return [(1.0, [float(t) for t in sorted(chosen)])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        steps = [int(round(v)) for v in values]
        labels = self.step_labels
        if not labels:
            return [str(t + 1) for t in steps]
        return ["{0}\n{1}".format((labels[t] if 0 <= t < len(labels) else "") or " ",
                                  t + 1 if t in self._numbered else " ") for t in steps]


def step_span(n) -> tuple[int, int]:
    """The steps a plot shows, as (first, stop): ``n`` is a count (steps 0..n-1) or already a
    pair (first, stop)."""
    if isinstance(n, tuple):
        return int(n[0]), int(n[1])
    return 0, int(n)


def step_label(t: int) -> int:
    """The step number a user reads for array index ``t`` (t = 1..T, as in the course notes)."""
    return int(t) + 1


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
