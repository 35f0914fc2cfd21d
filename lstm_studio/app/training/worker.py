"""Training off the GUI thread: a QThread that runs ``Trainer.step()`` in a loop.

The worker never touches Qt widgets or the session model. It trains one or more trainers in
lock-step (one for the training dock, three for the RNN/LSTM/GRU comparison) and puts its results
in an *outbox*: the records of every step, and — at most every ``publish_interval`` seconds, and
whenever it pauses or ends — copies of the current weights. It then emits :attr:`ready` (queued to
the GUI thread, at most one pending), and the GUI thread calls :meth:`take` to collect the results.

Control methods (:meth:`resume`, :meth:`pause`, :meth:`request_step`, :meth:`stop`) may be called
from any thread and never wait. The worker acts on pause and step between two steps; :meth:`stop`
also cuts a step in progress short (one step of a large network can take many seconds): that
step is dropped, the trainers go back to the weights of their last finished step, and the run
ends. So a paused or stopped run always holds the weights of its last finished step, and pausing
never changes the result. The thread ends on its own after :meth:`stop`; whoever is done with the
worker hands it to :func:`lstm_studio.app.threads.release` (never deletes it while it runs).

Cutting a step short: while the worker thread is inside ``Trainer.step()`` (and only then),
:meth:`stop` raises :class:`StepInterrupted` in it (``PyThreadState_SetAsyncExc``). The exception
arrives at the next Python instruction of the step: at once in the engine's loop over time steps,
after the current NumPy call in a single long product. The step's results are thrown away, so
wherever it lands, nothing of that step is kept.

Responsiveness: Python threads share one interpreter lock, so while the GUI thread applies a
snapshot (recompute, panel updates, repaint: mostly Python code) a training step running at the same
time would slow both down. After each snapshot the worker therefore waits (at most ACK_TIMEOUT)
until the GUI thread calls :meth:`acknowledge`, i.e. has applied and drawn it (see
:class:`RepaintWatcher`).
"""

from __future__ import annotations

import ctypes
import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QThread, QTimer, Signal

from lstm_studio.app.i18n import error_text
from lstm_studio.engine.training import StepRecord, Trainer

PUBLISH_INTERVAL = 0.15
"""Seconds between two weight snapshots while training runs."""
ACK_TIMEOUT = 0.5
"""Longest pause of the worker waiting for the GUI thread to acknowledge a snapshot."""
STOP_WAIT_MS = 250
"""How long Stop waits for a worker to end before the run ends in the background (a step in
Python code ends at once; one long NumPy product only when it returns)."""


class StepInterrupted(BaseException):
    """Raised in the worker thread to cut the step in progress short (see the module docstring).
    A BaseException, so that no ``except Exception`` on the way takes it for an error."""


def _raise_in_thread(ident: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` in the Python thread ``ident`` at its next instruction; None withdraws
    one not raised yet."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(ident), None if exception is None else ctypes.py_object(exception))


@dataclass
class Results:
    """What the worker produced since the last :meth:`TrainingWorker.take`.

    ``records``: key -> step records; ``weights``: key -> (network parameters, read-out
    parameters) of the newest snapshot, empty if none was published; ``finished``: the run is over
    (all steps done, stopped, or failed with ``error``).
    """

    records: dict[str, list[StepRecord]] = field(default_factory=dict)
    weights: dict[str, tuple[dict, dict]] = field(default_factory=dict)
    finished: bool = False
    error: str | None = None


class TrainingWorker(QThread):
    """Trains ``trainers`` (key -> Trainer) for ``steps`` steps each, in lock-step."""

    ready = Signal()
    """New results are waiting in the outbox: call :meth:`take` (on the GUI thread)."""

    def __init__(self, trainers: dict[str, Trainer], steps: int, *,
                 publish_interval: float = PUBLISH_INTERVAL, parent=None):
        super().__init__(parent)
        self.trainers = trainers
        self.total_steps = steps
        self.steps_taken = 0
        self.publish_interval = publish_interval
        self._condition = threading.Condition()
        self._running = True
        self._budget = 0  # single steps requested while paused
        self._stop = False
        self._outbox = Results(records={key: [] for key in trainers})
        self._signalled = False
        self._awaiting_ack = False
        # cutting a step short: the thread's id, whether it is inside a step, whether it was told
        self._interrupt_lock = threading.Lock()
        self._ident: int | None = None
        self._in_step = False
        self._interrupted = False
        self._finished_weights: dict[str, tuple[dict, dict]] = {}

    # -- control (any thread) --------------------------------------------------------------------
    @property
    def is_paused(self) -> bool:
        with self._condition:
            return not self._running

    def resume(self) -> None:
        self._control(running=True)

    def pause(self) -> None:
        self._control(running=False)

    def request_step(self) -> None:
        """Train exactly one more step (ignored while running)."""
        with self._condition:
            if self._running:
                return
            self._budget += 1
            self._condition.notify_all()

    def stop(self) -> None:
        """End the run now: a step in progress is cut short and dropped (the weights stay those
        of the last finished step). Returns at once; the thread ends by itself (:meth:`wait`,
        ``finished``), having published its last results."""
        self._control(stop=True)
        # the lock is only ever held for a few instructions; a timeout keeps a stop from hanging
        if not self._interrupt_lock.acquire(timeout=1.0):
            return
        try:
            if self._in_step and not self._interrupted:
                self._interrupted = True
                _raise_in_thread(self._ident, StepInterrupted)
        finally:
            self._interrupt_lock.release()

    def _control(self, running: bool | None = None, stop: bool = False) -> None:
        with self._condition:
            if running is not None:
                self._running = running
            self._stop |= stop
            self._condition.notify_all()

    def acknowledge(self) -> None:
        """The GUI thread has applied and drawn the last snapshot: training may go on."""
        with self._condition:
            self._awaiting_ack = False
            self._condition.notify_all()

    def take(self) -> Results:
        """Collect (and clear) the results produced so far."""
        with self._condition:
            results, self._signalled = self._outbox, False
            self._outbox = Results(records={key: [] for key in self.trainers})
            return results

    # -- the thread ------------------------------------------------------------------------------
    def run(self) -> None:  # runs in the worker thread
        self._ident = threading.get_ident()
        self._finished_weights = self._weights()
        last_publish = time.perf_counter()
        unpublished = False  # steps finished since the last snapshot
        error = None
        while self.steps_taken < self.total_steps:
            with self._condition:
                idle = not (self._stop or self._running or self._budget)
                if not (idle and unpublished):
                    while not (self._stop or self._running or self._budget):
                        self._condition.wait()
                    if self._stop:
                        break
                    if not self._running:
                        self._budget -= 1
            if idle and unpublished:  # paused: first hand over the weights of the last step
                self._publish_and_wait()
                unpublished, last_publish = False, time.perf_counter()
                continue
            try:
                records = self._step()
            except ValueError as exc:  # TrainingDiverged or a refused setting
                error = error_text(exc)
                break
            except Exception as exc:  # noqa: BLE001 - the thread must report, not vanish
                error = f"{type(exc).__name__}: {exc}"
                break
            if records is None:  # stopped in the middle of the step
                break
            self.steps_taken += 1
            with self._condition:
                for key, record in records.items():
                    self._outbox.records[key].append(record)
            unpublished = True
            if time.perf_counter() - last_publish >= self.publish_interval:
                self._publish_and_wait()
                unpublished, last_publish = False, time.perf_counter()
            time.sleep(0)  # let the GUI thread take the GIL between two steps
        self._publish(finished=True, error=error)

    def _publish_and_wait(self) -> None:
        """Publish a snapshot, then wait (at most ACK_TIMEOUT) until the GUI has drawn it."""
        self._publish()
        with self._condition:
            self._condition.wait_for(lambda: self._stop or not self._awaiting_ack, ACK_TIMEOUT)

    def _step(self) -> dict[str, StepRecord] | None:
        """One step of every trainer: their records, or None if :meth:`stop` cut it short (the
        trainers then hold the weights of their last finished step again)."""
        try:
            with self._interrupt_lock:
                if self._stop:
                    return None
                self._in_step = True
            try:
                records = {key: trainer.step() for key, trainer in self.trainers.items()}
            finally:
                with self._interrupt_lock:
                    self._in_step = False
                    if self._interrupted:  # sent too late to land in the step: withdraw it
                        _raise_in_thread(self._ident, None)
        except StepInterrupted:
            self._restore_finished_weights()
            return None
        if self._interrupted:  # the step ended before the interruption landed: drop it all the same
            self._restore_finished_weights()
            return None
        # copies of the weights of this finished step: what a stop or snapshot hands over (the
        # copying costs a small fraction of the step: a step does far more per weight)
        self._finished_weights = self._weights()
        return records

    def _weights(self) -> dict[str, tuple[dict, dict]]:
        return {key: (trainer.network.parameters(), trainer.readout.parameters())
                for key, trainer in self.trainers.items()}

    def _restore_finished_weights(self) -> None:
        """Put the weights of the last finished step back into the trainers' networks (their
        optimiser state may be half updated: an interrupted trainer is not trained further)."""
        for key, trainer in self.trainers.items():
            network, readout = self._finished_weights[key]
            trainer.network.load_parameters(network)
            trainer.readout.load_parameters(readout)

    def _publish(self, finished: bool = False, error: str | None = None) -> None:
        weights = self._finished_weights
        with self._condition:
            self._outbox.weights = weights
            self._outbox.finished |= finished
            self._outbox.error = error or self._outbox.error
            signal, self._signalled = not self._signalled, True
            self._awaiting_ack = True
        if signal:
            self.ready.emit()


SETTLE_MS = 25
"""The window counts as drawn when it has not asked for a repaint for this long."""


class RepaintWatcher(QObject):
    """Acknowledges a worker's snapshot once ``window`` has finished repainting after it.

    Applying a snapshot makes the panels repaint in several rounds (each update request of the
    window can trigger further range and axis updates), so the worker is told to go on only when
    no update request has come for SETTLE_MS (or after ACK_TIMEOUT, by the worker itself).
    """

    def __init__(self, window):
        super().__init__(window)
        self._worker = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._settled)
        window.installEventFilter(self)

    def acknowledge_when_drawn(self, worker: TrainingWorker) -> None:
        self._worker = worker
        self._timer.start()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if self._worker is not None and event.type() == QEvent.Type.UpdateRequest:
            self._timer.start()
        return False

    def _settled(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.acknowledge()
