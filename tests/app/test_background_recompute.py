"""Recomputing off the GUI thread (issue 14): the newest edit wins, stale results never overwrite
newer ones, cancel, the quiet "computing…" indicator, panels settling on the last edit exactly,
and undo/save/train acting on the document the panels show.

Small networks are made to compute in the background with ``model.sync_below_seconds = 0``; the
engine is made slow by a gate (:class:`SlowEngine`) that holds each background evaluation until
the test lets it go."""

import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import QEventLoop, Qt, QTimer

from lstm_studio.app.editors.commands import MERGE_WEIGHT_DRAG, SetArrayCommand
from lstm_studio.app.refresh_queue import refresh_queue
from lstm_studio.app.window import computing
from lstm_studio.app.window.main_window import MainWindow
from lstm_studio.session import recompute
from lstm_studio.session.document import NetworkConfig, evaluate_document, new_document
from lstm_studio.session.io import load_session
from lstm_studio.session.model import SessionModel

CONFIG = NetworkConfig(kind="lstm", input_size=2, hidden_size=6, seq_len=12)


class SlowEngine:
    """Background evaluations wait until released (one ``release()`` lets one go, ``open()`` all
    of them); ``started`` lists the generations' documents as they begin."""

    def __init__(self, monkeypatch):
        self.started = []
        self._allowed = 0
        self._open = False
        self._lock = threading.Lock()
        real = recompute.evaluate_document

        def slow(doc, network=None, readout=None):
            self.started.append(doc)
            while True:  # a Python loop: a cancel (an async exception) lands here at once
                with self._lock:
                    if self._open or self._allowed:
                        self._allowed -= not self._open
                        break
                time.sleep(0.002)
            return real(doc, network, readout)

        monkeypatch.setattr(recompute, "evaluate_document", slow)

    def release(self) -> None:
        with self._lock:
            self._allowed += 1

    def open(self) -> None:
        with self._lock:
            self._open = True


def assert_same_evaluation(evaluation, reference):
    np.testing.assert_array_equal(evaluation.y, reference.y)
    assert float(evaluation.loss) == float(reference.loss)
    np.testing.assert_array_equal(evaluation.trace.layer(0, 0).h, reference.trace.layer(0, 0).h)
    np.testing.assert_array_equal(evaluation.grads["input"], reference.grads["input"])


def never_mixed(model):
    """On every evaluationChanged: the evaluation is exactly that of ``evaluated_document``."""
    checked = []

    def check():
        assert_same_evaluation(model.evaluation, evaluate_document(model.evaluated_document))
        checked.append(model.generation)

    model.evaluationChanged.connect(check)
    return checked


def with_weight(model, value):
    weights = model.document.parameters["weight_hh_l0"].copy()
    weights[0, 0] = value
    return weights


@pytest.fixture
def model(qapp):
    m = SessionModel(new_document(CONFIG))
    m.sync_below_seconds = 0.0  # every change of numbers in the background
    yield m
    m.cancel_recompute()


@pytest.fixture
def slow(monkeypatch):
    engine = SlowEngine(monkeypatch)
    yield engine
    engine.open()  # nothing stays blocked after the test


# -- the model ---------------------------------------------------------------------------------
def test_small_sizes_stay_synchronous_and_large_ones_go_to_the_background(qapp):
    small = SessionModel(new_document(CONFIG))
    before = small.evaluation
    small.set_parameter("weight_hh_l0", with_weight(small, 0.5))
    assert small.evaluation is not before and small.is_current and not small.computing
    large = NetworkConfig(kind="lstm", hidden_size=512, seq_len=1000)
    assert recompute.estimated_seconds(large) > 20 * small.sync_below_seconds
    assert recompute.estimated_seconds(CONFIG) < small.sync_below_seconds / 4


def test_an_edit_shows_its_data_at_once_and_its_evaluation_when_computed(model, slow, qtbot):
    old = model.evaluation
    events = []
    model.dataChanged.connect(lambda what: events.append(what))
    model.evaluationChanged.connect(lambda: events.append("evaluation"))
    model.set_parameter("weight_hh_l0", with_weight(model, 0.7))
    assert events == ["parameters"]  # the editors see the new number; the panels wait
    assert model.computing and not model.is_current
    assert model.evaluation is old
    assert model.evaluated_document.parameters["weight_hh_l0"][0, 0] != 0.7  # what is shown
    assert model.document.parameters["weight_hh_l0"][0, 0] == 0.7
    slow.release()
    qtbot.waitUntil(lambda: model.is_current, timeout=5000)
    assert events == ["parameters", "evaluation"] and not model.computing
    assert model.evaluated_document is model.document
    assert_same_evaluation(model.evaluation, evaluate_document(model.document))


def test_newest_edit_wins_and_old_waiting_work_is_dropped(model, slow, qtbot):
    checked = never_mixed(model)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.1))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)  # it waits at the gate
    for k in range(2, 7):  # each one replaces the one waiting to start
        model.set_parameter("weight_hh_l0", with_weight(model, 0.1 * k))
    slow.open()
    qtbot.waitUntil(lambda: model.is_current, timeout=5000)
    assert len(slow.started) == 2  # the first edit and the last: no queue of old results
    assert slow.started[1].parameters["weight_hh_l0"][0, 0] == pytest.approx(0.6)
    assert len(checked) == 2  # the first edit's result was shown, then the last one's
    assert_same_evaluation(model.evaluation, evaluate_document(model.document))


def test_a_slow_result_finishing_after_a_newer_one_never_overwrites_it(model, slow, qtbot, monkeypatch):
    # the cancel of the old job comes too late (as when it had just finished): its result arrives
    monkeypatch.setattr(recompute.Recomputer, "_interrupt", lambda self, job: None)
    checked = never_mixed(model)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.3))  # slow, in the background
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    job = model._recomputer.running
    model.sync_below_seconds = float("inf")
    model.set_parameter("weight_hh_l0", with_weight(model, 0.9))  # newer, computed at once
    newest = model.evaluation
    assert model.is_current and len(checked) == 1
    slow.open()
    assert job.done.wait(5)
    assert job.evaluation is not None and not job.cancelled  # it did finish...
    qtbot.wait(50)  # ...and its report was delivered
    assert model.evaluation is newest and len(checked) == 1  # ...but never shown
    assert model.document.parameters["weight_hh_l0"][0, 0] == 0.9


def test_cancel_keeps_the_earlier_state_and_says_so_until_recomputed(model, slow, qtbot):
    old = model.evaluation
    states = []
    model.computingChanged.connect(states.append)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.4))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    job = model._recomputer.running
    model.cancel_recompute()
    assert states == [True, False]
    assert not model.computing and not model.is_current
    assert job.done.wait(5) and job.cancelled and job.evaluation is None  # cut short at the gate
    qtbot.wait(50)
    assert model.evaluation is old and not model.is_current
    model.recompute()
    assert model.computing
    slow.open()
    qtbot.waitUntil(lambda: model.is_current, timeout=5000)
    assert_same_evaluation(model.evaluation, evaluate_document(model.document))


def test_cancel_leaves_computing_false(model, slow, qtbot):
    states = []
    model.computingChanged.connect(states.append)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.4))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    model.cancel_recompute()
    assert model.computing is False and states == [True, False]
    model.cancel_recompute()  # nothing to cancel: nothing said
    assert model.computing is False and states == [True, False]


def test_the_model_takes_each_result_so_that_the_next_job_starts_at_once(model, slow, qtbot, monkeypatch):
    """After a long job the worker waits until the result is taken (the one it replaces is then
    let go) before it starts the next: the model takes it as it arrives, shown or not."""
    monkeypatch.setattr(recompute, "HANDOVER_ABOVE_SECONDS", 0.0)  # every job counts as long
    monkeypatch.setattr(recompute, "HANDOVER_TIMEOUT_SECONDS", 60.0)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.1))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.2))  # waits for the first
    slow.open()
    qtbot.waitUntil(lambda: model.is_current, timeout=10_000)  # not the 60 s of a result not taken
    assert len(slow.started) == 2
    assert_same_evaluation(model.evaluation, evaluate_document(model.document))


def test_settle_waits_for_the_running_job_of_the_current_document(model, slow, qtbot):
    model.set_parameter("weight_hh_l0", with_weight(model, 0.25))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    signals = []
    model.evaluationChanged.connect(lambda: signals.append(model.is_current))
    threading.Timer(0.1, slow.release).start()
    model.settle()
    assert signals == [True] and model.is_current and not model.computing
    assert len(slow.started) == 1  # it waited for that job rather than computing again
    assert_same_evaluation(model.evaluation, evaluate_document(model.document))
    qtbot.wait(50)
    assert signals == [True]  # the job's own (queued) report is not shown twice


def test_settle_shows_the_running_jobs_own_result_as_a_change_made_on_this_thread(model, slow, qtbot):
    """The job of the current document is not cut short nor computed again: its result is shown,
    announced as made on this thread (drawn at once), and taken (the worker may go on)."""
    model.set_parameter("weight_hh_l0", with_weight(model, 0.35))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    job = model._recomputer.running
    assert job is not None and job.generation == model.generation
    seen, states = [], []
    model.evaluationChanged.connect(lambda: seen.append(model.result_from_worker))
    model.computingChanged.connect(states.append)
    threading.Timer(0.1, slow.release).start()
    model.settle()
    assert job.finished and not job.cancelled and job.taken.is_set()
    assert model.evaluation is job.evaluation and model.evaluated_document is model.document
    assert seen == [False] and model.result_from_worker is False
    assert states == [False] and model.computing is False and model.is_current


def test_settle_behind_an_older_job_drops_both_jobs_and_computes_here(model, slow, qtbot):
    """The worker still evaluates an older edit and the current one waits: settle drops the one
    waiting, cuts the running one short and evaluates the current document on this thread."""
    model.set_parameter("weight_hh_l0", with_weight(model, 0.1))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    running = model._recomputer.running
    model.set_parameter("weight_hh_l0", with_weight(model, 0.2))
    waiting = model._recomputer._waiting
    assert waiting is not None and waiting.generation == model.generation != running.generation
    states, shown = [], []
    model.computingChanged.connect(states.append)
    model.evaluationChanged.connect(lambda: shown.append(model.result_from_worker))
    model.settle()
    assert model.is_current and model.computing is False and states == [False] and shown == [False]
    assert waiting.finished and waiting.cancelled and waiting.evaluation is None  # never ran
    assert running.done.wait(5) and running.cancelled  # cut short at the gate
    assert len(slow.started) == 1
    assert model.document.parameters["weight_hh_l0"][0, 0] == 0.2
    assert_same_evaluation(model.evaluation, evaluate_document(model.document))
    qtbot.wait(50)  # the cut job's report changes nothing
    assert shown == [False] and states == [False] and model.is_current


def test_recompute_does_nothing_while_current_or_while_computing(model, slow, qtbot):
    shown, states = [], []
    model.evaluationChanged.connect(lambda: shown.append(1))
    model.computingChanged.connect(states.append)
    model.recompute()  # current: nothing to do
    assert shown == [] and states == [] and model._recomputer is None and not model.computing
    model.set_parameter("weight_hh_l0", with_weight(model, 0.45))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    job = model._recomputer.running
    model.recompute()  # computing already: the running job is the current document's
    assert model._recomputer._waiting is None and model._recomputer.running is job
    slow.open()
    qtbot.waitUntil(lambda: model.is_current, timeout=5000)
    assert len(slow.started) == 1 and states == [True, False] and model.evaluation is job.evaluation


def test_a_change_of_structure_drops_background_work(model, slow, qtbot):
    model.set_parameter("weight_hh_l0", with_weight(model, 0.5))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    model.set_config(hidden_size=4)  # computed at once: the views rebuild with it
    assert model.is_current and not model.computing
    assert model.evaluation.trace.layer(0, 0).h.shape[-1] == 4
    slow.open()
    qtbot.wait(100)
    assert model.evaluation.trace.layer(0, 0).h.shape[-1] == 4


def test_a_change_computed_at_once_ends_the_background_work_with_computing_false(model, slow, qtbot):
    states = []
    model.computingChanged.connect(states.append)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.5))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    model.set_config(hidden_size=4)  # at once
    assert model.computing is False and states == [True, False]
    slow.open()
    qtbot.wait(50)
    assert states == [True, False]


def test_the_synchronous_bound_is_exclusive(model, slow):
    model.sync_below_seconds = model.estimated_seconds()  # estimated exactly at the bound
    model.set_parameter("weight_hh_l0", with_weight(model, 0.5))
    assert model.computing and not model.is_current  # in the background
    model.sync_below_seconds = model.estimated_seconds() * 1.001
    model.set_parameter("weight_hh_l0", with_weight(model, 0.6))
    assert model.is_current and model.computing is False


def test_the_worker_prepares_the_panels_drawings_of_each_background_result(model, slow, qtbot):
    prepared = []
    model.drawings.prepare = lambda evaluation: prepared.append((threading.get_ident(), evaluation))
    model.set_parameter("weight_hh_l0", with_weight(model, 0.55))
    slow.open()
    qtbot.waitUntil(lambda: model.is_current, timeout=5000)
    assert len(prepared) == 1
    thread, evaluation = prepared[0]
    assert thread != threading.get_ident() and evaluation is model.evaluation


def test_a_failed_background_job_ends_computing_and_keeps_the_shown_state(model, qtbot, monkeypatch):
    def broken(doc, network=None, readout=None):
        raise MemoryError("no room")

    monkeypatch.setattr(recompute, "evaluate_document", broken)
    old = model.evaluation
    model.set_parameter("weight_hh_l0", with_weight(model, 0.5))
    qtbot.waitUntil(lambda: not model.computing, timeout=5000)
    assert model.evaluation is old and not model.is_current
    assert isinstance(model.last_error, MemoryError)


def test_a_background_result_is_announced_as_the_workers_then_computing_ends(model, slow, qtbot):
    seen, states = [], []
    model.evaluationChanged.connect(lambda: seen.append((model.result_from_worker, model.computing)))
    model.computingChanged.connect(lambda computing: states.append((computing, model.is_current)))
    model.set_parameter("weight_hh_l0", with_weight(model, 0.65))
    slow.open()
    qtbot.waitUntil(lambda: model.is_current, timeout=5000)
    assert seen == [(True, False)] and model.result_from_worker is False
    assert states == [(True, False), (False, True)] and model.computing is False


def test_a_job_cut_short_says_nothing_while_a_newer_result_is_on_its_way(model, slow, qtbot):
    """The worker cut the older job short and finished the newer one before the model heard of
    either: the cut job's report ends nothing, the newer one's result ends the computing."""
    states = []
    model.computingChanged.connect(lambda computing: states.append((computing, model.is_current)))
    model.set_parameter("weight_hh_l0", with_weight(model, 0.15))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    older = model._recomputer.running
    model.set_parameter("weight_hh_l0", with_weight(model, 0.25))
    newer = model._recomputer._waiting
    model._recomputer.cancel(keep=newer.generation)  # cuts the older one only
    assert older.done.wait(5) and older.cancelled
    slow.open()
    assert newer.done.wait(10) and newer.evaluation is not None  # both reports still queued
    qtbot.waitUntil(lambda: model.is_current, timeout=5000)
    qtbot.wait(20)
    assert states == [(True, False), (False, True)] and model.last_error is None
    assert model.evaluation is newer.evaluation


def test_a_failed_background_job_leaves_computing_false_and_says_why(model, qtbot, monkeypatch):
    def broken(doc, network=None, readout=None):
        raise MemoryError("no room")

    monkeypatch.setattr(recompute, "evaluate_document", broken)
    states = []
    model.computingChanged.connect(states.append)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.5))
    qtbot.waitUntil(lambda: len(states) == 2, timeout=5000)
    assert states == [True, False] and model.computing is False
    assert str(model.last_error) == "no room"


def test_a_run_catches_up_when_it_ends_only_and_only_below_the_synchronous_bound(model, slow, qtbot,
                                                                                  monkeypatch):
    """Starting a run leaves an edit's background evaluation to the worker; ending it settles (the
    run's last weights evaluated at once) only when the sizes are evaluated at once otherwise,
    the bound exclusive, and not within a batch."""
    settled = []
    monkeypatch.setattr(model, "settle", lambda: settled.append(model.training))
    model.set_parameter("weight_hh_l0", with_weight(model, 0.5))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    model.sync_below_seconds = float("inf")
    model.set_training(True)
    assert settled == [] and not model.is_current
    with model.changes():
        model.set_training(False)
    assert settled == []
    model.set_training(True)
    model.sync_below_seconds = model.estimated_seconds()  # estimated exactly at the bound
    model.set_training(False)
    assert settled == []
    model.sync_below_seconds = model.estimated_seconds() * 1.001
    model.set_training(False)
    assert settled == [False]


# -- the window --------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, model):
    w = MainWindow(model, restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_indicator_appears_only_after_a_delay_and_cancels(window, model, slow, qtbot):
    indicator = window.computing_indicator
    seen = []  # (ms since the edit, visible), polled on the GUI thread
    started = time.perf_counter()
    poll = QTimer()
    poll.timeout.connect(lambda: seen.append(((time.perf_counter() - started) * 1e3, indicator.isVisible())))
    poll.start(5)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.5))
    assert not indicator.isVisible()
    qtbot.waitUntil(indicator.isVisible, timeout=2000)
    shown_after = (time.perf_counter() - started) * 1e3
    poll.stop()
    early = [visible for ms, visible in seen if ms < computing.SHOW_AFTER_MS * 0.95]
    assert early and not any(early), seen  # quiet: a short recompute says nothing
    assert shown_after >= computing.SHOW_AFTER_MS * 0.95
    assert indicator.label.text() == "Computing…" and indicator.cancel_button.isVisible()
    qtbot.mouseClick(indicator.cancel_button, Qt.MouseButton.LeftButton)
    assert not model.computing and not model.is_current
    assert indicator.isVisible() and indicator.recompute_button.isVisible()
    assert not indicator.cancel_button.isVisible()
    assert "earlier" in indicator.label.text()
    qtbot.mouseClick(indicator.recompute_button, Qt.MouseButton.LeftButton)
    assert model.computing
    slow.open()
    qtbot.waitUntil(lambda: model.is_current, timeout=5000)
    qtbot.waitUntil(lambda: not indicator.isVisible(), timeout=2000)


def test_a_recompute_shorter_than_the_delay_never_shows_the_indicator(window, model, qtbot):
    shown = []
    indicator = window.computing_indicator
    timer = QTimer()
    timer.timeout.connect(lambda: shown.append(indicator.isVisible()))
    timer.start(5)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.5))  # a few ms in the background
    qtbot.waitUntil(lambda: model.is_current, timeout=5000)
    qtbot.wait(computing.SHOW_AFTER_MS + 50)
    timer.stop()
    assert shown and not any(shown)


def test_a_weight_drag_settles_on_its_last_value_exactly(window, model, slow, qtbot):
    checked = never_mixed(model)
    value = model.document.parameters["weight_hh_l0"].copy()
    for k in range(20):
        value[1, 2] = np.sin(k / 3)
        window.undo_stack.push(SetArrayCommand(model, "parameter", value.copy(), "drag",
                                               key="weight_hh_l0", merge_id=MERGE_WEIGHT_DRAG))
        if k == 10:
            slow.release()  # one result arrives in the middle of the drag
        qtbot.wait(5)
    slow.open()
    qtbot.waitUntil(lambda: model.is_current, timeout=5000)
    # the panels draw a background result one per event-loop turn: wait until all have (on a busy
    # machine 50 ms were not always enough)
    qtbot.waitUntil(lambda: not refresh_queue().pending, timeout=5000)
    assert window.undo_stack.count() == 1  # one merged drag
    assert model.document.parameters["weight_hh_l0"][1, 2] == np.sin(19 / 3)
    reference = evaluate_document(model.document)
    assert_same_evaluation(model.evaluation, reference)
    assert checked  # every result shown was of one document state
    output = window.panels["output"]
    np.testing.assert_array_equal(output.output_curves[0].y, reference.y[:, 0])


def test_undo_during_a_background_recompute_settles_on_the_undone_document(window, model, slow, qtbot):
    never_mixed(model)
    original = evaluate_document(model.document)
    window.undo_stack.push(SetArrayCommand(model, "parameter", with_weight(model, 0.8), "edit",
                                           key="weight_hh_l0"))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    window.undo_stack.undo()
    assert model.computing
    slow.open()
    qtbot.waitUntil(lambda: model.is_current, timeout=5000)
    assert_same_evaluation(model.evaluation, original)


def test_save_first_brings_the_panels_to_the_saved_document(window, model, slow, qtbot, tmp_path):
    model.set_parameter("weight_hh_l0", with_weight(model, 0.6))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    assert not model.is_current
    threading.Timer(0.1, slow.open).start()
    path = tmp_path / "saved.lstms"
    assert window.file_actions.save_to(str(path))
    assert model.is_current and not model.computing
    saved = load_session(str(path))
    assert saved.parameters["weight_hh_l0"][0, 0] == 0.6
    assert_same_evaluation(model.evaluation, evaluate_document(saved))


def test_training_starts_from_the_document_the_panels_show(window, model, slow, qtbot, monkeypatch):
    started = []
    from lstm_studio.app.training import dock as dock_module

    real = dock_module.trainer_for

    def recording(doc, settings):
        started.append((model.is_current, doc.parameters["weight_hh_l0"].copy()))
        return real(doc, settings)

    monkeypatch.setattr(dock_module, "trainer_for", recording)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.45))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    slow.open()
    model.sync_below_seconds = float("inf")  # the run's own updates at once
    window.training.step_once()
    assert started and started[0][0]  # the panels showed the document it trained from
    assert started[0][1][0, 0] == 0.45
    qtbot.waitUntil(lambda: window.training.worker is None, timeout=10_000)


# -- the GUI thread while a large network is dragged --------------------------------------------
GAP_BOUND_MS = 50.0


def gaps_while_dragging(window, model, seconds=3.0, rate=30):
    """Gaps (ms) between firings of a 2 ms timer on the GUI thread while a weight-slider drag
    changes a weight ``rate`` times a second for ``seconds``: (gaps in which no result was drawn,
    gaps in or just after which the panels drew a result, number of edits)."""
    fired, edits, shown = [], [], []
    value = model.document.parameters["weight_hh_l0"].copy()

    def drag():
        value[0, 0] = np.sin(len(edits) / 5)
        window.undo_stack.push(SetArrayCommand(model, "parameter", value.copy(), "drag",
                                               key="weight_hh_l0", merge_id=MERGE_WEIGHT_DRAG))
        edits.append(time.perf_counter())

    model.evaluationChanged.connect(lambda: shown.append(time.perf_counter()))
    ticker, dragger, loop = QTimer(), QTimer(), QEventLoop()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(lambda: fired.append(time.perf_counter()))
    dragger.timeout.connect(drag)
    ticker.start(2)
    dragger.start(round(1000 / rate))
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()
    dragger.stop()
    ticker.stop()
    starts, ends = np.array(fired[:-1]), np.array(fired[1:])
    gaps = (ends - starts) * 1e3
    drawing = np.zeros(len(gaps), dtype=bool)
    for t in shown:
        drawing |= (starts <= t) & (t < ends) | (starts - t >= 0) & (starts - t < 0.03)
    return gaps[~drawing], gaps[drawing], len(edits)


@pytest.mark.slow
def test_dragging_a_large_network_never_blocks_the_gui_thread_long(qtbot, qapp):
    """LSTM H=256, T=500, 4 layers, bidirectional: forward + BPTT take about a second on an idle
    core (seconds on a busy shared machine), the panels draw one layer (a few tens of ms). While
    a slider drags a weight 30 times a second, the GUI thread never waits for a computation: the
    drag goes on at its pace, no gap without a result drawn is longer than 50 ms (or a fifth of
    one evaluation, on a machine so busy that it is slower), no gap at all longer than half an
    evaluation (the time of which every edit froze the window before), and the panels settle on
    the last edit exactly."""
    config = NetworkConfig(kind="lstm", hidden_size=256, seq_len=500, num_layers=4, bidirectional=True)
    model = SessionModel(new_document(config))
    window = MainWindow(model, restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(300)  # the first paint and the collection after building the panels
    started = time.perf_counter()
    evaluate_document(model.document)
    one_evaluation = (time.perf_counter() - started) * 1e3
    quiet, drawing, edits = gaps_while_dragging(window, model)
    model.settle()
    assert edits >= 60, edits  # 90 asked for: the drag was not held up
    assert quiet.max() < max(GAP_BOUND_MS, one_evaluation / 5), (quiet.max(), one_evaluation)
    assert max(quiet.max(), drawing.max(initial=0)) < one_evaluation / 2, (drawing, one_evaluation)
    assert_same_evaluation(model.evaluation, evaluate_document(model.document))


def test_a_model_dropped_while_its_worker_runs_lives_until_the_worker_is_done(qapp, slow, qtbot):
    """The worker reports through the model: dropping the last reference to a model whose job
    still runs must not delete its Qt object under the worker (it emitted into a deleted object:
    a segmentation fault). The model goes once the worker is idle and the collector runs."""
    import gc
    import weakref

    m = SessionModel(new_document(CONFIG))
    m.sync_below_seconds = 0.0
    m.set_parameter("weight_hh_l0", with_weight(m, 0.5))
    qtbot.waitUntil(lambda: len(slow.started) == 1, timeout=5000)
    worker = m._recomputer
    thread = worker._thread
    gone = weakref.ref(m)
    del m
    gc.collect()
    assert gone() is not None  # held by its running worker
    slow.open()
    qtbot.waitUntil(lambda: not worker.busy, timeout=5000)
    qapp.processEvents()  # the report arrives (queued) and is taken
    worker._idle_seconds = 0.0  # (the worker idles 20 s before its thread ends)
    with worker._condition:
        worker._condition.notify_all()
    thread.join(timeout=5)
    assert not thread.is_alive()
    del worker  # (this test's own reference to it)
    gc.collect()
    assert gone() is None
