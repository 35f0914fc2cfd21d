"""Giving freed memory back to the system after the heavy moments of a session.

Every change of the network's structure rebuilds the panels: thousands of Qt and pyqtgraph
objects are freed and made again, and training threads allocate in heaps of their own. The C
library keeps the freed memory for later rather than returning it, so a session's resident
memory climbed by 100–150 MB within its first structural changes and stayed there although
the objects were gone. A moment after such a change (or the end of a run) the window asks the
C library to return what is free (glibc's ``malloc_trim``; nothing happens elsewhere), and
blocks of 128 kB and more (arrays, images) get pages of their own that go back when freed,
instead of glibc's sliding threshold that moves them into the shared heap, where they leave
holes (:func:`tune_allocator`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

from PySide6.QtCore import QObject, QTimer

from lstm_studio.engine.cells import release_scratch

TRIM_DELAY_MS = 1500
"""Quiet time after a rebuild or a run before freed memory is returned."""
TRIM_EVERY_MS = 30_000
"""And every so often (a comparison or a lesson computes in the GUI thread without telling)."""
OWN_PAGES_FROM = 128 * 1024
"""Blocks of this many bytes and more are mapped on their own (glibc's M_MMAP_THRESHOLD, fixed),
and the heap's free top goes back beyond it (M_TRIM_THRESHOLD)."""
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters


def _glibc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim.argtypes, libc.malloc_trim.restype = [ctypes.c_size_t], ctypes.c_int
        libc.mallopt.argtypes, libc.mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    except (OSError, AttributeError):  # not glibc (musl has neither)
        return None
    return libc


_LIBC = _glibc()
_TRIM = _LIBC.malloc_trim if _LIBC is not None else None
_tuned = False


def tune_allocator() -> bool:
    """Fix glibc's thresholds at OWN_PAGES_FROM (once); False where there is no glibc."""
    global _tuned
    if _LIBC is None:
        return False
    if not _tuned:
        _LIBC.mallopt(M_MMAP_THRESHOLD, OWN_PAGES_FROM)
        _LIBC.mallopt(M_TRIM_THRESHOLD, OWN_PAGES_FROM)
        _tuned = True
    return True


def release_freed_memory() -> bool:
    """Let go of the GUI thread's engine work arrays and return the C heap's free pages to the
    system; False where the latter is not possible."""
    release_scratch()
    if _TRIM is None:
        return False
    _TRIM(0)
    return True


class MemoryReturner(QObject):
    """Calls :func:`release_freed_memory` once things are quiet after a document replacement, a
    structural change or the end of a training run of ``model``, and every TRIM_EVERY_MS."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        tune_allocator()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TRIM_DELAY_MS)
        self.timer.timeout.connect(release_freed_memory)
        model.structureChanged.connect(self.timer.start)
        model.trainingChanged.connect(self._training_changed)
        self.periodic = QTimer(self)
        self.periodic.setInterval(TRIM_EVERY_MS)
        self.periodic.timeout.connect(release_freed_memory)
        self.periodic.start()

    def _training_changed(self, running: bool) -> None:
        if not running:
            self.timer.start()
