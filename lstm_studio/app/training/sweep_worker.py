"""The length sweep off the GUI thread: a QThread that runs :func:`length_sweep`.

The worker never touches widgets. It keeps the newest progress (a copy of the sweep so far and the
number of training steps done) in an outbox and emits :attr:`ready` (queued to the GUI thread, at
most one pending) when a point has been measured, at most every ``publish_interval`` seconds while
a network trains, and when the sweep ends; the GUI thread then calls :meth:`take`. :meth:`stop`
(any thread) ends the sweep before its next training step, without waiting; what was measured is
kept. The thread ends on its own; it is started through :func:`lstm_studio.app.threads.start`,
which keeps it until then.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QThread, Signal

from lstm_studio.app.i18n import error_text
from lstm_studio.session.experiments import LengthSweep, length_sweep

PUBLISH_INTERVAL = 0.1
"""Seconds between two progress reports while a network trains."""


@dataclass
class SweepProgress:
    """The sweep so far (None before the first report), the steps done of the total, whether it
    has ended, and the message of an error that ended it."""

    sweep: LengthSweep | None
    steps_done: int
    steps_total: int
    finished: bool = False
    error: str | None = None


class SweepWorker(QThread):
    """Runs ``length_sweep(**arguments)`` (``progress`` and ``should_stop`` are the worker's)."""

    ready = Signal()
    """New progress is waiting: call :meth:`take` (on the GUI thread)."""

    def __init__(self, arguments: dict, *, publish_interval: float = PUBLISH_INTERVAL, parent=None):
        super().__init__(parent)
        self.arguments = dict(arguments)
        self.publish_interval = publish_interval
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._outbox = SweepProgress(None, 0, 0)
        self._signalled = False
        self._last_publish = 0.0
        self._measured = 0

    def stop(self) -> None:
        """End the sweep before its next training step. Returns at once; the thread ends by
        itself (:meth:`wait`, ``finished``) once the step in progress is done."""
        self._stop.set()

    def take(self) -> SweepProgress:
        """The newest progress (never changed afterwards; a later call returns it again until a
        newer one replaces it)."""
        with self._lock:
            self._signalled = False
            return self._outbox

    # -- the thread ------------------------------------------------------------------------------
    def run(self) -> None:  # runs in the worker thread
        error = None
        try:
            length_sweep(**self.arguments, progress=self._progress, should_stop=self._stop.is_set)
        except ValueError as exc:  # a refused setting
            error = error_text(exc)
        except Exception as exc:  # noqa: BLE001 - the thread must report, not vanish
            error = f"{type(exc).__name__}: {exc}"
        with self._lock:
            self._outbox = dataclasses.replace(self._outbox, finished=True, error=error)
        self._emit()

    def _progress(self, sweep: LengthSweep, steps_done: int, steps_total: int) -> None:
        now = time.perf_counter()
        measured = sweep.measured
        if measured != self._measured or now - self._last_publish >= self.publish_interval \
                or steps_done == steps_total:
            self._measured, self._last_publish = measured, now
            with self._lock:
                self._outbox = SweepProgress(sweep.copy(), steps_done, steps_total)
            self._emit()
        time.sleep(0)  # let the GUI thread take the GIL between two steps

    def _emit(self) -> None:
        with self._lock:
            signal, self._signalled = not self._signalled, True
        if signal:
            self.ready.emit()
