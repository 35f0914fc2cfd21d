"""The training worker thread on its own (no window): Step while paused, what a pause publishes,
Stop during a step that takes long, the wait for the GUI's acknowledgement of a snapshot, and the
RepaintWatcher that gives it."""

import time

import numpy as np
import pytest
from PySide6.QtWidgets import QWidget
from slow_steps import REAL_STEP, slow_steps_from

from lstm_studio.app.training.worker import (
    ACK_TIMEOUT,
    SETTLE_MS,
    RepaintWatcher,
    TrainingWorker,
)
from lstm_studio.engine.training import StepRecord, Trainer
from lstm_studio.session.experiments import settings_of, task_document, trainer_for

KEY = "main"
NEVER = 3600.0
"""A publish interval that never passes within a test: the worker publishes only when it must."""


def fresh_trainer() -> Trainer:
    doc = task_document("long_dependency")
    return trainer_for(doc, settings_of(doc.training))




def trained(steps: int) -> Trainer:
    """A trainer that took ``steps`` uninterrupted steps (the reference)."""
    trainer = fresh_trainer()
    for _ in range(steps):
        REAL_STEP(trainer)
    return trainer


def assert_weights_of(weights, steps: int) -> None:
    """``weights`` (network, read-out) are exactly those after ``steps`` training steps."""
    expected = trained(steps)
    network, readout = weights
    for name, value in expected.network.parameters().items():
        np.testing.assert_array_equal(network[name], value, err_msg=name)
    for name, value in expected.readout.parameters().items():
        np.testing.assert_array_equal(readout[name], value, err_msg=name)


@pytest.fixture
def workers():
    """Workers made by a test; each is stopped and waited for at the end."""
    made = []

    def make(steps=1000, publish_interval=NEVER, trainer=None) -> TrainingWorker:
        worker = TrainingWorker({KEY: trainer or fresh_trainer()}, steps,
                                publish_interval=publish_interval)
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.stop()
        assert worker.wait(30_000)


def test_a_step_while_paused_uses_up_exactly_its_one_step(workers, qtbot):
    worker = workers()
    worker.pause()
    worker.start()
    qtbot.wait(200)
    assert worker.steps_taken == 0  # paused from the start: nothing runs
    with qtbot.waitSignal(worker.ready, timeout=20_000):
        worker.request_step()
    results = worker.take()
    assert len(results.records[KEY]) == 1 and worker.steps_taken == 1
    assert_weights_of(results.weights[KEY], 1)
    worker.acknowledge()  # the GUI has drawn it: nothing holds the worker back any more
    qtbot.wait(800)  # longer than the worker's wait for an acknowledgement (ACK_TIMEOUT)
    assert worker.steps_taken == 1 and worker.is_paused
    with qtbot.waitSignal(worker.ready, timeout=20_000):
        worker.request_step()
    worker.acknowledge()
    qtbot.wait(800)
    assert worker.steps_taken == 2 and [r.step for r in worker.take().records[KEY]] == [2]


def test_pausing_publishes_the_weights_of_the_last_finished_step(workers, qtbot):
    """With snapshots far apart, only the pause itself can publish the steps taken since the
    worker started: the weights it hands over are those of exactly the steps it took."""
    worker = workers()
    worker.start()
    qtbot.waitUntil(lambda: worker.steps_taken >= 5, timeout=20_000)
    early = worker.take()
    assert early.weights == {}  # no snapshot yet: the interval has not passed
    with qtbot.waitSignal(worker.ready, timeout=20_000):
        worker.pause()
    results = worker.take()
    taken = worker.steps_taken
    assert taken >= 5 and worker.is_paused
    records = early.records[KEY] + results.records[KEY]
    assert [r.step for r in records] == list(range(1, taken + 1))
    assert_weights_of(results.weights[KEY], taken)
    qtbot.wait(300)
    assert worker.steps_taken == taken  # and it stays paused


@pytest.mark.parametrize("interruptible", [True, False])
def test_stop_during_a_long_step_drops_it_and_keeps_the_finished_ones(workers, qtbot, monkeypatch,
                                                                      interruptible):
    slow_steps_from(monkeypatch, 4, 2.0 if not interruptible else 60.0, interruptible=interruptible)
    trainer = fresh_trainer()
    worker = workers(trainer=trainer)
    worker.start()
    qtbot.waitUntil(lambda: worker.steps_taken == 3, timeout=20_000)
    qtbot.wait(100)  # well inside the fourth step
    started = time.perf_counter()
    worker.stop()
    assert time.perf_counter() - started < 0.5  # stop() only asks (the old one waited 10 s)
    assert worker.wait(5_000)  # a step in Python code ends at once; a blocking call when it returns
    results = worker.take()
    assert results.finished and results.error is None and worker.steps_taken == 3
    assert [r.step for r in results.records[KEY]] == [1, 2, 3]
    assert_weights_of(results.weights[KEY], 3)
    # the trainer itself is back at its last finished step (the comparison measures it)
    assert_weights_of((trainer.network.parameters(), trainer.readout.parameters()), 3)


@pytest.mark.parametrize("error, reported", [
    (ValueError("refused"), "refused"),  # a refusal: its own words
    (RuntimeError("out of memory"), "RuntimeError: out of memory"),  # anything else: its type too
])
def test_a_step_that_fails_still_reports_its_error(workers, qtbot, monkeypatch, error, reported):
    def fail(self):
        raise error

    monkeypatch.setattr(Trainer, "step", fail)
    worker = workers()
    with qtbot.waitSignal(worker.finished, timeout=20_000):
        worker.start()
    results = worker.take()
    assert results.finished and results.error == reported and worker.steps_taken == 0
    assert_weights_of(results.weights[KEY], 0)


def test_a_stopped_run_stays_stopped_when_resumed(workers, qtbot):
    worker = workers()
    worker.pause()
    worker.start()
    qtbot.wait(100)
    worker.stop()
    worker.resume()
    assert worker.wait(5_000)
    results = worker.take()
    assert results.finished and worker.steps_taken == 0 and results.records[KEY] == []


def test_each_step_asked_for_while_paused_trains_one_step(workers, qtbot):
    """Two presses of Step while paused train two steps, even when both come before the first
    step began."""
    worker = workers()
    worker.pause()
    worker.request_step()
    worker.request_step()
    worker.start()
    qtbot.waitUntil(lambda: worker.steps_taken == 2, timeout=20_000)
    worker.acknowledge()
    qtbot.wait(800)  # longer than the worker's wait for an acknowledgement (ACK_TIMEOUT)
    assert worker.steps_taken == 2 and worker.is_paused
    assert [r.step for r in worker.take().records[KEY]] == [1, 2]


def test_an_acknowledged_snapshot_lets_the_worker_go_on_at_once(workers, qtbot, monkeypatch):
    """The worker waits for the GUI only until it has drawn a snapshot, not for ACK_TIMEOUT."""
    monkeypatch.setattr(Trainer, "step", lambda self: StepRecord(step=1, loss=1.0, grad_norm=1.0, accuracy=0.5,
                                                                  clipped=False))
    worker = workers(steps=10, publish_interval=0.0)  # a snapshot after every step

    def draw():
        worker.take()
        worker.acknowledge()

    worker.ready.connect(draw)
    started = time.perf_counter()
    with qtbot.waitSignal(worker.finished, timeout=30_000):
        worker.start()
    assert time.perf_counter() - started < 10 * ACK_TIMEOUT / 2


def test_a_snapshot_never_acknowledged_holds_the_worker_back_only_for_a_while(workers, qtbot, monkeypatch):
    """A GUI that never says it has drawn (a window hidden, a slow machine) costs each snapshot
    at most ACK_TIMEOUT: the run goes on to its end."""
    monkeypatch.setattr(Trainer, "step", lambda self: StepRecord(step=1, loss=1.0, grad_norm=1.0, accuracy=0.5,
                                                                  clipped=False))
    worker = workers(steps=3, publish_interval=0.0)  # a snapshot after every step
    with qtbot.waitSignal(worker.finished, timeout=20 * ACK_TIMEOUT * 1000):
        worker.start()
    assert worker.steps_taken == 3 and worker.take().finished


# -- RepaintWatcher: a snapshot counts as drawn once the window stops repainting -------------------
class CountingWindow(QWidget):
    def __init__(self):
        super().__init__()
        self.paints = 0

    def paintEvent(self, event):
        self.paints += 1


class Acknowledgements:
    """Stands in for a worker: counts the acknowledgements."""

    def __init__(self):
        self.count = 0

    def acknowledge(self):
        self.count += 1


def test_the_watcher_acknowledges_a_snapshot_once_when_the_window_has_repainted(qtbot):
    window = CountingWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    watcher = RepaintWatcher(window)
    worker = Acknowledgements()
    watcher.acknowledge_when_drawn(worker)
    painted = window.paints
    window.update()  # the panels repaint after a snapshot: the window still draws
    qtbot.waitUntil(lambda: worker.count == 1, timeout=5_000)
    assert window.paints > painted
    window.update()  # a repaint after the acknowledgement is no new snapshot
    qtbot.wait(10 * SETTLE_MS)
    assert worker.count == 1


def test_only_the_windows_repaints_put_the_acknowledgement_off(qtbot, monkeypatch):
    """An update request of the window starts the wait (SETTLE_MS) anew; other events do not.
    The wait is made long and the event loop held back, so that nothing depends on how fast the
    machine is."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from lstm_studio.app.training import worker as worker_module

    monkeypatch.setattr(worker_module, "SETTLE_MS", 300)
    window = CountingWindow()
    qtbot.addWidget(window)
    watcher = RepaintWatcher(window)
    worker = Acknowledgements()
    QCoreApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))  # no snapshot yet: nothing to do
    time.sleep(0.35)
    QCoreApplication.processEvents()
    watcher.acknowledge_when_drawn(worker)
    time.sleep(0.35)  # the wait is over, but the event loop has not run yet
    QCoreApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))
    QCoreApplication.processEvents()
    assert worker.count == 0  # the repaint started the wait anew
    qtbot.waitUntil(lambda: worker.count == 1, timeout=5_000)
    watcher.acknowledge_when_drawn(worker)
    time.sleep(0.35)
    QCoreApplication.sendEvent(window, QEvent(QEvent.Type.User))  # not a repaint
    QCoreApplication.processEvents()
    assert worker.count == 2


# -- details found by mutation testing --------------------------------------------------------------
def quick_steps(monkeypatch):
    """Steps that take no time (the worker's own waits are what a test measures then)."""
    monkeypatch.setattr(Trainer, "step", lambda self: StepRecord(step=1, loss=1.0, grad_norm=1.0, accuracy=0.5,
                                                                  clipped=False))


@pytest.mark.parametrize("publish_interval", [NEVER, 0.0])
def test_a_paused_worker_publishes_a_step_once_then_stays_quiet(workers, qtbot, publish_interval):
    """Nothing is published before the first step; a step while paused is handed over once (by its
    snapshot, or by the pause when snapshots are far apart); then nothing comes until the next."""
    worker = workers(publish_interval=publish_interval)
    worker.pause()
    taken = []
    worker.ready.connect(lambda: taken.append(worker.take()))
    worker.start()
    qtbot.wait(300)
    assert taken == []
    worker.request_step()
    qtbot.waitUntil(lambda: len(taken) == 1, timeout=20_000)
    worker.acknowledge()
    qtbot.wait(int(3 * ACK_TIMEOUT * 1000))
    assert len(taken) == 1 and worker.steps_taken == 1
    assert len(taken[0].records[KEY]) == 1 and not taken[0].finished


def test_snapshots_not_taken_yet_are_signalled_once(workers, qtbot, monkeypatch):
    """ready means "results wait in the outbox": while nobody takes them, later snapshots join them
    without another signal."""
    quick_steps(monkeypatch)
    worker = workers(steps=3, publish_interval=0.0)  # a snapshot after every step
    signals = []
    worker.ready.connect(lambda: signals.append(worker.steps_taken))
    with qtbot.waitSignal(worker.finished, timeout=30_000):
        worker.start()
    qtbot.wait(100)  # a signal still queued arrives
    assert len(signals) == 1
    results = worker.take()
    assert len(results.records[KEY]) == 3 and results.finished


def test_the_worker_waits_for_each_snapshot_until_acknowledged_or_timed_out(workers, qtbot, monkeypatch):
    """Never acknowledged, each snapshot during the run holds the worker back for ACK_TIMEOUT."""
    quick_steps(monkeypatch)
    worker = workers(steps=2, publish_interval=0.0)  # a snapshot after each of the two steps
    started = time.perf_counter()
    with qtbot.waitSignal(worker.finished, timeout=30_000):
        worker.start()
    assert time.perf_counter() - started >= 0.95 * 2 * ACK_TIMEOUT


def test_the_watcher_goes_with_its_window(qtbot):
    """The watcher belongs to the window it watches: deleting the window deletes it, and a
    snapshot it was waiting for is left to the worker's own timeout."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    window = CountingWindow()
    watcher = RepaintWatcher(window)
    worker = Acknowledgements()
    watcher.acknowledge_when_drawn(worker)
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(watcher)
    qtbot.wait(10 * SETTLE_MS)
    assert worker.count == 0


def test_a_step_that_ends_before_its_interruption_lands_is_dropped_all_the_same(workers, monkeypatch):
    """Stop during a step whose interruption comes too late to land in it (here it never lands):
    the step is dropped all the same, the interruption withdrawn, and the run ends at the weights
    of its last finished step."""
    import threading

    from lstm_studio.app.training import worker as worker_module
    from lstm_studio.app.training.worker import StepInterrupted

    sent = []
    monkeypatch.setattr(worker_module, "_raise_in_thread", lambda ident, exception: sent.append((ident, exception)))
    entered, go_on = threading.Event(), threading.Event()
    calls, threads = [0], set()

    def step(self):
        calls[0] += 1
        threads.add(threading.get_ident())
        if calls[0] == 3:  # the third step goes on only once Stop has been pressed
            entered.set()
            go_on.wait(10)
        return REAL_STEP(self)

    monkeypatch.setattr(Trainer, "step", step)
    trainer = fresh_trainer()
    worker = workers(trainer=trainer)
    worker.start()
    assert entered.wait(20)
    worker.stop()
    go_on.set()
    assert worker.wait(5_000)
    results = worker.take()
    (thread,) = threads
    assert sent == [(thread, StepInterrupted), (thread, None)]  # sent to the worker's thread, then withdrawn
    assert results.finished and worker.steps_taken == 2 and [r.step for r in results.records[KEY]] == [1, 2]
    assert_weights_of(results.weights[KEY], 2)
    assert_weights_of((trainer.network.parameters(), trainer.readout.parameters()), 2)


def test_a_worker_given_a_parent_belongs_to_it(qapp):
    from PySide6.QtCore import QObject

    owner = QObject()
    worker = TrainingWorker({KEY: fresh_trainer()}, 1, parent=owner)
    assert worker.parent() is owner and not worker.isRunning()
