"""Worker threads that are never destroyed while they run.

Qt aborts the whole process ("QThread: Destroyed while thread is still running") when a QThread
object is deleted before its thread has ended: with the widget that was its parent, or when the
last Python reference to it goes away. So the app's worker threads (training, the comparison, the
length sweep, lesson builds) have no parent and are started with :func:`start`, which keeps a
reference to each until it has finished. A view that is done with a worker asks it to stop and
simply lets go of it; it never waits for the thread to end, and a step that takes long ends in
the background, whatever happens to the view or the window meanwhile.

At exit, :func:`wait_for_all` waits for the threads still running (each was asked to stop when
its window closed: at most the rest of one step). It runs from ``atexit``, before Python tears
anything down.
"""

from __future__ import annotations

import atexit

import shiboken6
from PySide6.QtCore import QObject, QThread, Slot

_running: list[QThread] = []
"""Threads started here that have not reported ``finished`` yet: the references that keep them."""


class _Reaper(QObject):
    """Lets go of a thread when it reports ``finished`` (queued to the GUI thread)."""

    @Slot()
    def reap(self) -> None:
        thread = self.sender()
        # (a thread deleted by someone after it finished is let go of as well)
        _running[:] = [kept for kept in _running if kept is not thread and shiboken6.isValid(kept)]


_reaper: _Reaper | None = None


def start(thread: QThread) -> None:
    """Start ``thread`` (which must have no parent) and keep it until it has finished. Call from
    the GUI thread."""
    global _reaper
    if thread.parent() is not None:
        raise ValueError("a worker thread must have no parent: it would be deleted with it")
    if _reaper is None:
        _reaper = _Reaper()
    _running.append(thread)
    thread.finished.connect(_reaper.reap)
    thread.start()


def running() -> list[QThread]:
    """The threads started here that are still running."""
    return [thread for thread in _running if shiboken6.isValid(thread) and not thread.isFinished()]


def wait_for_all() -> None:
    """Wait until every thread started here has ended (at exit: each was asked to stop)."""
    while _running:
        thread = _running.pop()
        if shiboken6.isValid(thread):
            thread.wait()


atexit.register(wait_for_all)
