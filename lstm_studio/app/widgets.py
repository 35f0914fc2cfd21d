"""Small widget factories and the edit-or-refuse helper shared by docks and editors."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QPushButton, QSpinBox


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


def double_spin_box(low: float, high: float, decimals: int, step: float, tip: str) -> QDoubleSpinBox:
    """A decimal spin box over ``[low, high]`` with a tooltip."""
    widget = QDoubleSpinBox()
    widget.setRange(low, high)
    widget.setDecimals(decimals)
    widget.setSingleStep(step)
    widget.setToolTip(tip)
    return widget


class CommandEditorMixin:
    """For editors with ``undo_stack``, a ``message`` label and an ``errorOccurred(str)`` signal:
    build an undo command and push it, or show why the edit was refused (nothing changes)."""

    def _push(self, make_command) -> bool:
        """Build a command (ValueError: refused with a message, nothing changes) and push it."""
        try:
            command = make_command()
        except ValueError as error:
            self._refuse(str(error))
            return False
        self.message.clear()
        self.undo_stack.push(command)
        return True

    def _refuse(self, message: str) -> None:
        self.message.setText("⚠ " + message)
        self.errorOccurred.emit(message)
