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

Most of what a rebuild frees is not freed by reference counting at all: the old plots, their
pyqtgraph menus and option forms, pixmaps and pictures sit in reference cycles of Python
wrappers, and their Qt objects go only when the garbage collector finds the cycles. Left to the
collector's own schedule that took dozens of rebuilds (about 5 MB each), and the heap grew by
the garbage of all of them; what it freed then was scattered among live objects, where no trim
can return it (a random walk of 1,000 actions grew the process by 130 MB, 10 MB of it live).
So the window collects a moment after every structural change (:attr:`MemoryReturner.collector`),
from the event loop — never inside a paint or a layout pass, where a collection running Qt
destructors is not safe.

For the same reason Python's own collector, which runs whenever some thread has allocated
enough, is switched off for the application's life (:func:`collect_in_gui_thread_only`): it
ran inside paints, layout passes and the worker threads (recompute, training, the run over a
text), and a collection there deleted Qt objects under the painter's feet — a segfault while a
view painted, reproducible in the GUI tests, gone with automatic collection off. The GUI
thread collects instead, from its event loop (:class:`GuiThreadCollector`): the young
generations on Python's own thresholds, everything after a structural change and after a run.

A full collection looks at every object the collector tracks, and three quarters of them are
the imports: modules, classes, functions, PySide's and NumPy's descriptors (74,000 objects,
25 ms of the GUI thread on every full collection). They live as long as the process, so they
are set aside once at start-up (:func:`collect_in_gui_thread_only`, ``gc.freeze``) and no
collection looks at them again: after a change of structure at the benchmark's largest sizes,
a full collection took 30–36 ms before and 2–8 ms after. Reference counting still frees a
set-aside object; only a cycle among them would stay, and they are the objects that were alive
at start-up, so what that can hold is bounded by the start-up's own size.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from lstm_studio.engine.heap import return_free_pages, tune
from lstm_studio.engine.work_arrays import TRACES, release_scratch

COLLECT_DELAY_MS = 100
"""Time after a structural change before its garbage is collected (once the new panels painted;
the timer is not restarted by further changes, so a burst of them collects every 100 ms)."""
TRIM_DELAY_MS = 1500
"""Quiet time after a rebuild or a run before freed memory is returned."""
TRIM_EVERY_MS = 30_000
"""And every so often (a comparison or a lesson computes in the GUI thread without telling)."""
OWN_PAGES_FROM = 128 * 1024
"""Blocks of this many bytes and more are mapped on their own (glibc's M_MMAP_THRESHOLD, fixed),
and the heap's free top goes back beyond it (M_TRIM_THRESHOLD)."""

_tuned = False


def tune_allocator() -> bool:
    """Fix glibc's thresholds at OWN_PAGES_FROM and let every thread share one heap, once
    (:func:`lstm_studio.engine.heap.tune`); False where there is no glibc."""
    global _tuned
    if not _tuned:
        _tuned = tune(OWN_PAGES_FROM)
    return _tuned


GUI_COLLECT_EVERY_MS = 500
"""How often the GUI thread looks whether a collection of the young generations is due."""


class GuiThreadCollector(QObject):
    """Collects the young generations from the event loop when Python's thresholds say so (as
    its automatic collection would, but never inside a paint or another thread). The oldest
    generation — a full collection, tens of milliseconds in a big session — is left to the
    quiet moments :class:`MemoryReturner` picks (after a structural change, after a run).

    pyqtgraph's ``GarbageCollector`` does the same but collects the oldest generation every
    tenth time, without the check that makes Python's own full collections rare: a pause on the
    GUI thread every few seconds while training."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(GUI_COLLECT_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @staticmethod
    def check() -> None:
        young, middle, _old = gc.get_count()
        young_limit, middle_limit, _ = gc.get_threshold()
        if young > young_limit:
            gc.collect(1 if middle >= middle_limit else 0)


def collect_in_gui_thread_only(app: QCoreApplication) -> GuiThreadCollector:
    """Switch Python's automatic garbage collection off and collect from ``app``'s event loop
    instead (see the module's docstring); one collector per application, a child of it. The
    first call also sets aside what lives by then (the imports) from every later collection."""
    collector = app.findChild(GuiThreadCollector)
    if collector is None:
        collector = GuiThreadCollector(app)
    gc.disable()
    set_aside_start_up_objects()
    return collector


_set_aside = False


def set_aside_start_up_objects() -> None:
    """Once per process: collect, then move every object still alive (the imports, made at
    start-up and alive until the end) out of the collector's sight (see the module's docstring)."""
    global _set_aside
    if not _set_aside:
        gc.collect()
        gc.freeze()
        _set_aside = True


def collect_garbage() -> None:
    """Free what the last rebuilds left in reference cycles (see the module's docstring)."""
    gc.collect()


def release_freed_memory() -> bool:
    """Let go of the GUI thread's engine work arrays and the free blocks of the engine's trace
    pool, and return the C heap's free pages to the system; False where the latter is not
    possible. (No collection here: it also runs every TRIM_EVERY_MS, during training too, where
    a full collection would be a pause of its own.)"""
    release_scratch()
    TRACES.release()
    return return_free_pages()


class MemoryReturner(QObject):
    """Calls :func:`collect_garbage` COLLECT_DELAY_MS after a structural change (a document
    replacement is one too) of ``model``, and :func:`release_freed_memory` once things are quiet
    after one or after the end of a training run, and every TRIM_EVERY_MS while no run trains."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        tune_allocator()
        self.collector = QTimer(self)
        self.collector.setSingleShot(True)
        self.collector.setInterval(COLLECT_DELAY_MS)
        self.collector.timeout.connect(collect_garbage)
        model.structureChanged.connect(self._structure_changed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TRIM_DELAY_MS)
        self.timer.timeout.connect(release_freed_memory)
        model.structureChanged.connect(self.timer.start)
        model.trainingChanged.connect(self._training_changed)
        self.model = model
        self.periodic = QTimer(self)
        self.periodic.setInterval(TRIM_EVERY_MS)
        self.periodic.timeout.connect(self._every_so_often)
        self.periodic.start()

    def _every_so_often(self) -> None:
        """Return freed memory, unless a run trains: its end does so (and with a heap of
        gigabytes after a long text, a trim takes over 100 ms of the GUI thread)."""
        if not self.model.training:
            release_freed_memory()

    def _structure_changed(self) -> None:
        if not self.collector.isActive():
            self.collector.start()

    def _training_changed(self, running: bool) -> None:
        if not running:
            self.collector.start()  # a run's garbage too, once its last snapshot is drawn
            self.timer.start()
