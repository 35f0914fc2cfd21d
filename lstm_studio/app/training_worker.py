"""Training off the GUI thread: a QThread that runs ``Trainer.step()`` in a loop.

The worker never touches Qt widgets or the session model. It trains one or more trainers in
lock-step (one for the training dock, three for the RNN/LSTM/GRU comparison) and puts its results
in an *outbox*: the records of every step, and — at most every ``publish_interval`` seconds, and
whenever it pauses or ends — copies of the current weights. It then emits :attr:`ready` (queued to
the GUI thread, at most one pending), and the GUI thread calls :meth:`take` to collect the results.

Control methods (:meth:`resume`, :meth:`pause`, :meth:`request_step`, :meth:`stop`) may be called
from any thread; the worker acts on them between two steps, so a paused or stopped run always holds
the weights of its last finished step, and pausing never changes the result.

Responsiveness: Python threads share one interpreter lock, so while the GUI thread applies a
snapshot (recompute, panel updates, repaint: mostly Python code) a training step running at the same
time would slow both down. After each snapshot the worker therefore waits (at most ACK_TIMEOUT)
until the GUI thread calls :meth:`acknowledge`, i.e. has applied and drawn it (see
:class:`RepaintWatcher`).
"""

from __future__ import annotations

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
WAIT_TIMEOUT_MS = 10_000
"""Longest wait for the thread to finish its current step after :meth:`TrainingWorker.stop`."""


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

    def stop(self, wait: bool = True) -> bool:
        """End the run after the current step; with ``wait``, block until the thread is done.
        Returns False if it did not finish within WAIT_TIMEOUT_MS."""
        self._control(stop=True)
        return self.wait(WAIT_TIMEOUT_MS) if wait else True

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
        last_publish = time.perf_counter()
        error = None
        while self.steps_taken < self.total_steps:
            with self._condition:
                while not (self._stop or self._running or self._budget):
                    self._condition.wait()
                if self._stop:
                    break
                single = not self._running
                if single:
                    self._budget -= 1
            try:
                records = {key: trainer.step() for key, trainer in self.trainers.items()}
            except ValueError as exc:  # TrainingDiverged or a refused setting
                error = error_text(exc)
                break
            except Exception as exc:  # noqa: BLE001 - the thread must report, not vanish
                error = f"{type(exc).__name__}: {exc}"
                break
            self.steps_taken += 1
            with self._condition:
                for key, record in records.items():
                    self._outbox.records[key].append(record)
                pausing = not self._running and not self._budget
            now = time.perf_counter()
            if single or pausing or now - last_publish >= self.publish_interval:
                self._publish()
                with self._condition:
                    self._condition.wait_for(lambda: self._stop or not self._awaiting_ack, ACK_TIMEOUT)
                last_publish = time.perf_counter()
            time.sleep(0)  # let the GUI thread take the GIL between two steps
        self._publish(finished=True, error=error)

    def _publish(self, finished: bool = False, error: str | None = None) -> None:
        weights = {key: (trainer.network.parameters(), trainer.readout.parameters())
                   for key, trainer in self.trainers.items()}
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
