"""What a window really shows: Qt keeps a dock behind another dock's tab "visible" (moved out of
the window), so tests that look at the screen ask these instead of ``isVisible``."""

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDockWidget


def shown(widget) -> bool:
    """Whether ``widget`` is on screen: visible, and not in a dock behind another dock's tab."""
    dock = widget
    while dock is not None and not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    return widget.isVisible() and (dock is None or not dock.visibleRegion().isEmpty())


def on_screen(widget, window) -> QRect:
    """``widget``'s rectangle in ``window``'s coordinates, cut to what the window shows of it."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return QRect(top_left, widget.size()).intersected(window.rect())
