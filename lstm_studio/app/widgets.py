"""Small widget factories and the edit-or-refuse helper shared by docks and editors."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QPainter, QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QPushButton, QScrollArea, QSizePolicy, QSpinBox, QWidget

from lstm_studio.app.i18n import error_text


def button(text: str, tip: str, slot) -> QPushButton:
    """A push button with a tooltip, calling ``slot`` when clicked."""
    widget = QPushButton(text)
    widget.setToolTip(tip)
    widget.clicked.connect(slot)
    return widget


def spin_box(low: int, high: int, tip: str, value: int | None = None) -> QSpinBox:
    """An integer spin box over ``[low, high]`` with a tooltip."""
    widget = QSpinBox()
    widget.setRange(low, high)
    if value is not None:
        widget.setValue(value)
    widget.setToolTip(tip)
    return widget


class BoundedSpinBox(QDoubleSpinBox):
    """A decimal spin box that takes any number typed (``1e-4`` too) and refuses, out loud, one
    outside its range: ``outOfRange(number)`` is emitted and the box keeps its value (a plain
    QDoubleSpinBox silently drops the keystroke or falls back to the previous value). The value
    changes when the typing is finished (Enter or leaving the box), not at every keystroke."""

    outOfRange = Signal(float)

    _PARTIAL = re.compile(r"\s*[+-]?\d*[.,]?\d*([eE][+-]?\d*)?\s*")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setKeyboardTracking(False)

    def _number(self, text: str) -> float | None:
        text = text.strip()
        for affix in (self.prefix(), self.suffix()):
            if affix:
                text = text.replace(affix, "")
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return None
        return number if math.isfinite(number) else None

    def validate(self, text: str, pos: int):
        number = self._number(text)
        if number is None:  # a number being typed ("1e", "-") may go on; anything else may not
            state = QValidator.State.Intermediate if self._PARTIAL.fullmatch(text) else QValidator.State.Invalid
            return state, text, pos
        inside = self.minimum() <= number <= self.maximum()
        return (QValidator.State.Acceptable if inside else QValidator.State.Intermediate), text, pos

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt's name
        number = self._number(text)
        return super().valueFromText(text) if number is None else number

    def fixup(self, text: str) -> str:
        number = self._number(text)
        if number is not None and not self.minimum() <= number <= self.maximum():
            self.outOfRange.emit(number)
        return super().fixup(text)


def double_spin_box(low: float, high: float, decimals: int, step: float, tip: str,
                    value: float | None = None, bounded: bool = False) -> QDoubleSpinBox:
    """A decimal spin box over ``[low, high]`` with a tooltip (a :class:`BoundedSpinBox` when
    ``bounded``: typed numbers outside the range are refused with ``outOfRange``)."""
    widget = BoundedSpinBox() if bounded else QDoubleSpinBox()
    widget.setRange(low, high)
    widget.setDecimals(decimals)
    widget.setSingleStep(step)
    if value is not None:
        widget.setValue(value)
    widget.setToolTip(tip)
    return widget


class LiveText(QWidget):
    """Read-only text for numbers that change on every update (loss, time step, timings).

    ``QLabel.setText`` asks every ancestor for a new layout, so a changing label re-lays out and
    repaints the whole main window each time. A new text here only repaints this widget; it asks
    for a layout only when the text needs more room (wider, or another line when ``wrap``).
    """

    MARGIN = 2

    def __init__(self, text: str = "", parent=None, wrap: bool = False, stretch: bool = False):
        super().__init__(parent)
        self._text = text
        self._wrap = wrap
        self._stretch = stretch
        self._width = 0  # widest text so far (default mode): never shrinks, so nothing jitters
        self._height = 0  # height of the text at the current width (wrap mode)
        self.setAutoFillBackground(True)  # opaque: a new text does not repaint the parents
        Policy = QSizePolicy.Policy
        if wrap:
            self.setSizePolicy(Policy.Preferred, Policy.Fixed)
        elif stretch:
            self.setSizePolicy(Policy.Ignored, Policy.Fixed)
        else:
            self.setSizePolicy(Policy.Fixed, Policy.Fixed)
        self._fit()

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        if self._fit() or not self.isVisible():
            self.updateGeometry()
        self.update()

    def _flags(self) -> int:
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return flags | Qt.TextFlag.TextWordWrap if self._wrap else flags

    def _fit(self) -> bool:
        """Whether the text needs another size than the widget has."""
        if self._wrap:
            height = self.heightForWidth(self.width())
            if height != self._height:
                self._height = height
                return True
            return False
        if self._stretch:
            return False
        width = self.text_width(self._text)
        if width > self._width:
            self._width = width
            return True
        return False

    def text_width(self, text: str) -> int:
        """Pixels ``text`` needs: its exact advance rounded up, and one more (the whole-pixel
        advance rounds down, and a text given only that is elided — "loss = 1.106e-…")."""
        return math.ceil(QFontMetricsF(self.font()).horizontalAdvance(text)) + 1

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        if self._wrap:
            width = min(metrics.horizontalAdvance(self._text), 40 * metrics.averageCharWidth())
            return QSize(width + 2 * self.MARGIN, self.heightForWidth(width + 2 * self.MARGIN))
        return QSize(self._width + 2 * self.MARGIN, metrics.height() + 2 * self.MARGIN)

    def minimumSizeHint(self) -> QSize:
        if self._wrap:
            return QSize(8 * self.fontMetrics().averageCharWidth(), self.fontMetrics().height())
        return self.sizeHint()

    def hasHeightForWidth(self) -> bool:
        return self._wrap

    def heightForWidth(self, width: int) -> int:
        inner = QRect(0, 0, max(width - 2 * self.MARGIN, 1), 1 << 20)
        lines = self.fontMetrics().boundingRect(inner, int(self._flags()), self._text or " ")
        return lines.height() + 2 * self.MARGIN

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # measure again
            self._width = self._height = 0
            self._fit()
            self.updateGeometry()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self._wrap and self._fit():  # another width may need another number of lines
            self.updateGeometry()

    def paintEvent(self, _event):
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        area = self.rect().adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        text = self._text
        if not self._wrap:
            text = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(self._flags()), text)


class RefreshWhenSeen:
    """For views with ``refresh()``: new numbers reach a view hidden in a shown window (closed, or
    behind another dock's tab) only when it is shown again, so it costs nothing meanwhile."""

    _stale = False

    def is_out_of_sight(self) -> bool:
        """True in a shown window when this view is not."""
        return self.window().isVisible() and not self.isVisible()

    def refresh_or_defer(self, *_args) -> None:
        """``refresh()`` now, or when the view is shown again."""
        if self.is_out_of_sight():
            self._stale = True
        else:
            self._stale = False
            self.refresh()

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()


class CommandEditorMixin:
    """For editors with ``undo_stack``, a ``message`` label and an ``errorOccurred(str)`` signal:
    build an undo command and push it, or show why the edit was refused (nothing changes)."""

    def _push(self, make_command) -> bool:
        """Build a command (ValueError: refused with a message, nothing changes) and push it."""
        try:
            command = make_command()
        except ValueError as error:
            self._refuse(error_text(error))
            return False
        self.message.clear()
        self.undo_stack.push(command)
        return True

    def _refuse(self, message: str) -> None:
        self.message.setText("⚠ " + message)
        self.errorOccurred.emit(message)


class NarrowSpinBox(QSpinBox):
    """A spin box as wide as ``digits`` digits, not as its maximum (a wider value still fits:
    the box scrolls its text). Boxes as wide as 999999 or 2**31 would push toolbars and editors
    past a 1024-pixel screen."""

    def __init__(self, parent=None, *, digits: int = 4):
        super().__init__(parent)
        self.digits = digits

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._narrowed(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._narrowed(super().minimumSizeHint())

    def _narrowed(self, hint: QSize) -> QSize:
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(str(self.maximum())), metrics.horizontalAdvance(str(self.minimum())))
        excess = widest - metrics.horizontalAdvance("8" * self.digits)
        return QSize(hint.width() - max(0, excess), hint.height())


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area that resizes it: it fills a dock that is large
    enough and scrolls in one that is smaller than its minimum size (small screens)."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
