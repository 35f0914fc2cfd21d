"""Giving freed memory back to the system after the heavy moments of a session.

Every change of the network's structure rebuilds the panels: thousands of Qt and pyqtgraph
objects are freed and made again, and training threads allocate in heaps of their own. The C
library keeps the freed memory for later rather than returning it, so a session's resident
memory climbed by 100–150 MB within its first structural changes and stayed there although
the objects were gone. A moment after such a change (or the end of a run) the window asks the
C library to return what is free (glibc's ``malloc_trim``; nothing happens elsewhere).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

from PySide6.QtCore import QObject, QTimer

TRIM_DELAY_MS = 1500
"""Quiet time after a rebuild or a run before freed memory is returned."""


def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


_TRIM = _malloc_trim()


def release_freed_memory() -> bool:
    """Return the C heap's free pages to the system; False where that is not possible."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True


class MemoryReturner(QObject):
    """Calls :func:`release_freed_memory` once things are quiet after a document replacement, a
    structural change or the end of a training run of ``model``."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TRIM_DELAY_MS)
        self.timer.timeout.connect(release_freed_memory)
        model.structureChanged.connect(self.timer.start)
        model.trainingChanged.connect(self._training_changed)

    def _training_changed(self, running: bool) -> None:
        if not running:
            self.timer.start()
