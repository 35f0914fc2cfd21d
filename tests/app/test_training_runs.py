"""Runs that end while something else happens, driven like an impatient user: Stop or closing the
window during a training step that takes long, Quit → Cancel, a change of the network's kind or
size while a run goes on, undoing the task before the first snapshot. No exception may escape a
slot, no worker thread may be destroyed while it runs, no step may freeze the window."""

import os
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox
from slow_steps import REAL_STEP, slow_steps_from

from lstm_studio.app import threads
from lstm_studio.engine import GATES
from lstm_studio.lessons import trained
from lstm_studio.session.demos import moscow_demo
from lstm_studio.session.document import new_document
from lstm_studio.session.experiments import trainer_for
from lstm_studio.session.model import SessionModel

ANSWERS_AT_ONCE = 1.0
"""Seconds within which Stop or closing the window must return (the target is 0.25 s)."""


@pytest.fixture
def window(shown_window):
    return shown_window
    w.training.shutdown()
    w.compare.shutdown()
    qtbot.waitUntil(lambda: not threads.running(), timeout=30_000)  # none left for the next test


@pytest.fixture
def dock(window):
    window.training.choose_task("long_dependency")
    return window.training


def steps_in_model(dock) -> int:
    return len(dock.model.document.history.get("loss", ()))


def assert_weights_of_training(dock, before, settings, steps):
    """The model holds exactly the weights of ``steps`` uninterrupted steps from ``before``."""
    expected = trainer_for(before, settings)
    for _ in range(steps):
        REAL_STEP(expected)
    doc = dock.model.document
    for name, value in expected.network.parameters().items():
        np.testing.assert_array_equal(doc.parameters[name], value, err_msg=name)
    for name, value in expected.readout.parameters().items():
        np.testing.assert_array_equal(doc.readout[name], value, err_msg=name)
    assert doc.history["step"].tolist() == list(range(1, steps + 1))


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


# -- Stop and close during a long step ------------------------------------------------------------
def test_stop_during_a_long_step_ends_the_run_at_once_with_the_finished_steps(dock, qtbot, monkeypatch):
    before, settings = dock.model.snapshot(), dock.settings()
    slow_steps_from(monkeypatch, 4, 60.0, interruptible=True)
    dock.start()
    qtbot.waitUntil(lambda: dock.worker.steps_taken == 3, timeout=20_000)
    qtbot.wait(100)  # inside the fourth step, which would take a minute
    assert timed(dock.stop_button.click) < ANSWERS_AT_ONCE
    assert not dock.is_running and dock.start_button.text() == "Start"
    assert steps_in_model(dock) == 3 and dock.undo_stack.count() == 2
    assert_weights_of_training(dock, before, settings, 3)


def test_stop_during_one_long_numpy_call_says_stopping_then_ends(window, dock, qtbot, monkeypatch):
    before, settings = dock.model.snapshot(), dock.settings()
    slow_steps_from(monkeypatch, 4, 3.0, interruptible=False)
    dock.start()
    qtbot.waitUntil(lambda: dock.worker.steps_taken == 3, timeout=20_000)
    qtbot.wait(100)
    with qtbot.capture_exceptions() as exceptions:
        assert timed(dock.stop_button.click) < ANSWERS_AT_ONCE
        assert dock.is_running and dock.status.text().startswith("stopping…")
        buttons = (dock.start_button, dock.pause_button, dock.stop_button, dock.step_button)
        assert not any(button.isEnabled() for button in buttons)
        feature = window.training_feature
        assert not any(action.isEnabled() for action in (feature.start_action, feature.pause_action,
                                                         feature.stop_action, feature.step_action))
        qtbot.waitUntil(lambda: not dock.is_running, timeout=20_000)
    assert not exceptions
    assert dock.start_button.isEnabled() and dock.status.text().startswith("idle")
    assert not dock.model.training
    assert steps_in_model(dock) == 3  # the step that was cut short left nothing behind
    assert_weights_of_training(dock, before, settings, 3)


def test_closing_the_window_during_a_long_step_answers_at_once(window, dock, qtbot, monkeypatch):
    calls = slow_steps_from(monkeypatch, 4, 3.0, interruptible=False)
    dock.start()
    qtbot.waitUntil(lambda: dock.worker.steps_taken == 3, timeout=20_000)
    qtbot.waitUntil(lambda: calls[0] == 4, timeout=20_000)  # inside the long step, not before it
    worker = dock.worker
    assert timed(window.close) < ANSWERS_AT_ONCE
    assert not window.isVisible() and not dock.is_running and not dock.model.training
    assert worker in threads.running()  # it ends in the background, kept until then
    qtbot.waitUntil(lambda: worker.isFinished(), timeout=20_000)
    qtbot.waitUntil(lambda: worker not in threads.running(), timeout=5_000)


CLOSE_AND_DELETE = textwrap.dedent('''
    import gc, sys, time
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QMessageBox
    import shiboken6
    from lstm_studio.app.application import create_application, make_window, throwaway_profile
    from lstm_studio.app.training.worker import TrainingWorker
    from lstm_studio.engine.training import Trainer
    from lstm_studio.lessons import trained

    real_step = Trainer.step

    def step(self):  # training runs: a minute per step from the third; lesson builds: 1 s per step
        if isinstance(QThread.currentThread(), TrainingWorker):
            if self.steps_done >= 2:
                end = time.perf_counter() + 60
                while time.perf_counter() < end:
                    pass
        else:
            time.sleep(1.0)
        return real_step(self)

    Trainer.step = step
    trained.DEPENDENCY_TRAIN_STEPS = 100_000
    QMessageBox.question = staticmethod(lambda *args: QMessageBox.StandardButton.Discard)

    def wait_until(condition, seconds=60):
        end = time.perf_counter() + seconds
        while not condition():
            if time.perf_counter() > end:
                sys.exit("timed out")
            app.processEvents()
            time.sleep(0.01)

    with throwaway_profile():
        app = create_application()
        window = make_window(restore_layout=False)
        window.show()
        dock, compare = window.training, window.compare.view
        dock.choose_task("long_dependency")
        dock.start()
        compare.hidden.setValue(4)
        compare.steps.setValue(1000)
        compare.train()
        window.lessons.open_lesson("long-dependency", 1, 0)
        wait_until(lambda: dock.worker.steps_taken >= 2 and compare.worker.steps_taken >= 2
                   and window.lessons.builder is not None)
        time.sleep(0.2)  # every thread is inside a long step
        started = time.perf_counter()
        window.close()
        print(f"close took {time.perf_counter() - started:.3f} s", flush=True)
        shiboken6.delete(window)  # the window and everything in it goes while threads still run
        gc.collect()
        app.processEvents()
        print("deleted", flush=True)
    sys.exit(0)
''')


def test_closing_and_deleting_the_window_during_long_steps_never_aborts(tmp_path):
    """In a process of its own, as the app runs: a training run, the comparison and a lesson
    build, each in a long step; the window closes and is deleted at once, the process exits
    cleanly (Qt used to abort: "QThread: Destroyed while thread is still running")."""
    script = tmp_path / "close_and_delete.py"
    script.write_text(CLOSE_AND_DELETE)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, (done.returncode, done.stdout, done.stderr[-3000:])
    assert "Destroyed while thread" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "deleted" in done.stdout
    close_seconds = float(done.stdout.split("close took ")[1].split(" s")[0])
    assert close_seconds < ANSWERS_AT_ONCE, done.stdout
    assert elapsed < 60  # the training threads were cut short; the lesson build's step ended


# -- Quit → Cancel ----------------------------------------------------------------------------------
def test_quit_answered_cancel_keeps_every_run_going(window, dock, qtbot, dialogs, monkeypatch):
    monkeypatch.setattr(trained, "DEPENDENCY_TRAIN_STEPS", 100_000)
    compare = window.compare.view
    compare.hidden.setValue(4)
    compare.steps.setValue(100_000)
    dock.settings_box.steps.setValue(100_000)
    dock.start()
    compare.train()
    window.lessons.open_lesson("long-dependency", 1, 0)
    qtbot.waitUntil(lambda: steps_in_model(dock) >= 2 and compare.worker.steps_taken >= 2, timeout=20_000)
    builder = window.lessons.builder
    assert window.model.is_modified and builder is not None
    dialogs.answers["question"] = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert dialogs.calls[-1][0] == "question"
    assert window.isVisible()
    assert dock.is_running and not dock.worker.is_paused
    assert compare.worker is not None and window.lessons.builder is builder
    taken = dock.worker.steps_taken
    qtbot.waitUntil(lambda: dock.worker.steps_taken > taken + 2, timeout=20_000)  # it goes on
    dialogs.answers["question"] = QMessageBox.StandardButton.Discard
    assert window.close()
    assert not dock.is_running and compare.worker is None and window.lessons.builder is None


# -- the comparison, the length sweep and lesson builds -------------------------------------------
def test_stopping_the_comparison_during_a_long_step_answers_at_once(window, qtbot, monkeypatch):
    view = window.compare.view
    view.hidden.setValue(4)
    view.seq_len.setValue(10)
    view.steps.setValue(1000)
    slow_steps_from(monkeypatch, 3 * 3 + 1, 3.0, interruptible=False)  # in the fourth lock-step
    view.train()
    qtbot.waitUntil(lambda: view.worker.steps_taken == 3, timeout=20_000)
    qtbot.wait(100)
    with qtbot.capture_exceptions() as exceptions:
        assert timed(view.stop_button.click) < ANSWERS_AT_ONCE
        assert view.worker is not None and "Stopping" in view.status.text()
        assert not view.stop_button.isEnabled() and not view.train_button.isEnabled()
        qtbot.waitUntil(lambda: view.worker is None, timeout=20_000)
    assert not exceptions
    assert {len(losses) for losses in view.losses.values()} == {3}
    assert "After 3 steps" in view.status.text() and view.train_button.isEnabled()
    # the networks measured are those of the three finished steps
    for kind, trainer in view.trainers.items():
        assert view.accuracies[kind] >= 0 and trainer.network.parameters()


def test_stopping_the_length_sweep_during_a_long_step_answers_at_once(window, qtbot, monkeypatch):
    view = window.compare.view
    monkeypatch.setattr(type(view), "sweep_lengths", (10, 11))
    view.sweep_steps.setValue(50)
    view.hidden.setValue(4)
    calls = slow_steps_from(monkeypatch, 4, 3.0, interruptible=False)
    view.run_sweep()
    qtbot.waitUntil(lambda: calls[0] >= 4, timeout=20_000)
    qtbot.wait(100)
    with qtbot.capture_exceptions() as exceptions:
        assert timed(view.sweep_stop_button.click) < ANSWERS_AT_ONCE
        assert view.sweep_worker is not None and "Stopping" in view.sweep_status.text()
        assert not view.sweep_stop_button.isEnabled() and not view.sweep_button.isEnabled()
        qtbot.waitUntil(lambda: view.sweep_worker is None, timeout=20_000)
    assert not exceptions
    assert "Stopped before the first point was measured." in view.sweep_status.text()
    assert view.sweep_button.isEnabled()


def test_stopping_a_lesson_build_during_a_long_step_answers_at_once(window, qtbot, monkeypatch):
    monkeypatch.setattr(trained, "DEPENDENCY_TRAIN_STEPS", 100_000)
    calls = slow_steps_from(monkeypatch, 3, 3.0, interruptible=False)
    before = window.model.snapshot()
    window.lessons.open_lesson("long-dependency", 1, 0)
    builder = window.lessons.builder
    qtbot.waitUntil(lambda: calls[0] >= 3, timeout=20_000)
    qtbot.wait(100)
    assert timed(window.lessons.panel.stop_button.click) < ANSWERS_AT_ONCE
    assert window.lessons.builder is None and not window.lessons.panel.progress.isVisible()
    assert builder in threads.running()  # still in its step, kept until it ends
    qtbot.waitUntil(lambda: builder not in threads.running(), timeout=20_000)
    qtbot.wait(50)
    assert window.model.document.equals(before) and window.undo_stack.count() == 0


# -- structural changes while a run goes on ------------------------------------------------------
@pytest.mark.parametrize("change", ["kind", "fewer units", "fewer steps"])
def test_changing_the_network_while_training_ends_the_run_without_a_traceback(window, dock, qtbot, change):
    toolbar, model = window.config_toolbar, window.model
    model.set_selection(unit=model.config.hidden_size - 1)  # the last unit: gone with fewer units
    model.set_time_step(model.config.seq_len - 1)
    dock.start()
    qtbot.waitUntil(lambda: steps_in_model(dock) >= 2, timeout=20_000)
    with qtbot.capture_exceptions() as exceptions:
        if change == "kind":
            toolbar.kind.setCurrentIndex(toolbar.kind.findData("gru"))
        else:
            spin = toolbar.sizes["seq_len" if change == "fewer steps" else "hidden_size"]
            spin.setValue(spin.value() - 3)
        qtbot.wait(300)
    assert not exceptions, [str(e[1]) for e in exceptions]
    assert not dock.is_running and not window.model.training
    config = window.model.config
    assert set(window.panels["gates"].heatmaps) == set(GATES[config.kind])
    assert window.panels["states"].views["h"].values.shape == (config.seq_len, config.hidden_size)


def test_undoing_the_task_before_the_first_snapshot_ends_the_run_without_a_traceback(window, qtbot):
    dock = window.training
    before = window.model.snapshot()
    dock.choose_task("sine")  # a GRU of 16 units over 40 steps; the demo is an LSTM of 8 over 30
    with qtbot.capture_exceptions() as exceptions:
        dock.start()
        window.undo_stack.undo()  # before the worker's first snapshot has arrived
        qtbot.wait(300)
    assert not exceptions, [str(e[1]) for e in exceptions]
    assert not dock.is_running and window.model.document.equals(before)
    assert set(window.panels["gates"].heatmaps) == set(GATES["lstm"])


def test_a_run_ending_during_a_document_change_is_announced_after_the_rebuild(qtbot):
    model = SessionModel(moscow_demo())
    model.set_training(True)
    heard = []
    model.documentReplaced.connect(lambda: (heard.append("documentReplaced"), model.set_training(False)))
    model.structureChanged.connect(lambda: heard.append("structureChanged"))
    model.evaluationChanged.connect(lambda: heard.append("evaluationChanged"))
    model.trainingChanged.connect(lambda running: heard.append(("trainingChanged", running)))
    model.replace_document(new_document())
    assert heard == ["documentReplaced", "structureChanged", "evaluationChanged", ("trainingChanged", False)]
    assert not model.training
    model.set_training(True)  # outside a change: at once
    assert heard[-1] == ("trainingChanged", True) and model.training
    model.set_training(True)  # no change: nothing said
    assert heard[-1] == ("trainingChanged", True) and len(heard) == 5
