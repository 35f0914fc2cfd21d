"""The training dock driven like a user: tasks, Start/Pause/Stop/Step, undo, determinism, and a
window that stays responsive while the worker thread trains."""

import gc
import time

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.editors.commands import SetArrayCommand
from lstm_studio.app.window.main_window import MainWindow
from lstm_studio.engine.training import Trainer, TrainingDiverged
from lstm_studio.session.experiments import CURRENT_SEQUENCE, task_document, trainer_for

MAX_GAP_SECONDS = 0.1
"""Longest event-loop gap allowed while training (the target is 50 ms; CI machines are shared)."""


@pytest.fixture
def window(qtbot):
    configure_pyqtgraph()
    w = MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.training.shutdown()
    w.compare.shutdown()
    assert w.training.worker is None and w.compare.view.worker is None


@pytest.fixture
def dock(window):
    """The dock on the long-dependency task (a fast one)."""
    d = window.training
    d.choose_task("long_dependency")
    return d


def choose_in_combo(dock, key):
    dock.task_combo.setCurrentIndex(dock.task_combo.findData(key))
    dock.task_combo.activated.emit(dock.task_combo.currentIndex())


def steps_in_model(dock) -> int:
    return len(dock.model.document.history.get("loss", ()))


def assert_weights_of_training(dock, before, settings, steps):
    """The model holds exactly the weights of ``steps`` uninterrupted training steps from ``before``."""
    expected = trainer_for(before, settings)
    expected.run(steps)
    doc = dock.model.document
    for name, value in expected.network.parameters().items():
        np.testing.assert_array_equal(doc.parameters[name], value, err_msg=name)
    for name, value in expected.readout.parameters().items():
        np.testing.assert_array_equal(doc.readout[name], value, err_msg=name)
    np.testing.assert_array_equal(doc.history["loss"], expected.history["loss"])


def test_choosing_a_task_sets_up_the_session_as_one_undo_step(window, qtbot):
    dock, model, stack = window.training, window.model, window.undo_stack
    before = model.snapshot()
    choose_in_combo(dock, "adding")
    assert model.document.task == "adding" and model.config.input_size == 2
    assert model.document.loss == "mse" and model.document.loss_mask.sum() == 1
    assert stack.count() == 1
    assert dock.settings_box.steps.value() == model.document.training["steps"] == 1000
    assert dock.settings_box.clip_mode.currentData() == "clip_norm" and dock.settings_box.clip_threshold.value() == 1.0
    assert not dock.text_edit.isVisible()
    stack.undo()
    assert model.document.equals(before)
    assert dock.task_combo.currentData() == CURRENT_SEQUENCE
    # Train ▸ Experiments ▸ Next-character prediction
    experiments = next(a.menu() for a in window.menu("Train").actions() if a.menu())
    next(a for a in experiments.actions() if a.text() == "Next-character prediction").trigger()
    assert model.document.task == "next_char" and dock.text_edit.isVisible()


def test_start_trains_and_stop_keeps_the_last_finished_step(dock, qtbot):
    model = dock.model
    before, settings = model.snapshot(), dock.settings()
    dock.start_button.click()
    assert dock.is_running and not dock.start_button.isEnabled()
    qtbot.waitUntil(lambda: steps_in_model(dock) >= 5, timeout=20_000)
    assert not model.document.equals(before)  # the panels follow the weights
    dock.stop_button.click()
    assert not dock.is_running and dock.start_button.text() == "Start"
    steps = steps_in_model(dock)
    assert steps >= 5
    assert_weights_of_training(dock, before, settings, steps)
    assert model.document.history["step"].tolist() == list(range(1, steps + 1))
    assert dock.loss_curve.getData()[1].size == steps


def test_after_a_run_the_example_in_the_panels_fits_its_target_better(dock, qtbot):
    before = dock.model.evaluation.loss
    dock.settings_box.steps.setValue(150)
    dock.start()
    qtbot.waitUntil(lambda: not dock.is_running, timeout=60_000)
    assert steps_in_model(dock) == 150
    assert dock.model.evaluation.loss < 0.5 * before


def test_pause_and_resume_give_the_same_weights_as_one_run(dock, qtbot):
    before, settings = dock.model.snapshot(), dock.settings()
    dock.start()
    qtbot.waitUntil(lambda: steps_in_model(dock) >= 3, timeout=20_000)
    dock.pause_button.click()
    worker = dock.worker
    assert dock.start_button.text() == "Resume" and dock.start_button.isEnabled()
    # the pause publishes the weights of the last finished step
    qtbot.waitUntil(lambda: steps_in_model(dock) == worker.steps_taken, timeout=20_000)
    paused_at = worker.steps_taken
    dock.step_button.click()  # exactly one more step while paused
    qtbot.waitUntil(lambda: steps_in_model(dock) == paused_at + 1, timeout=20_000)
    assert worker.steps_taken == paused_at + 1 and worker.is_paused
    dock.start_button.click()  # resume
    qtbot.waitUntil(lambda: steps_in_model(dock) >= paused_at + 4, timeout=20_000)
    dock.stop()
    assert dock.undo_stack.count() == 2  # the task, then ONE training run
    assert_weights_of_training(dock, before, settings, steps_in_model(dock))


def test_step_from_idle_trains_exactly_one_batch_as_one_undo_step(dock, qtbot):
    stack = dock.undo_stack
    before = dock.model.snapshot()
    dock.step_button.click()
    qtbot.waitUntil(lambda: not dock.is_running, timeout=20_000)
    assert steps_in_model(dock) == 1 and stack.count() == 2
    assert stack.text(1) == "Train 1 step(s)"
    dock.step_button.click()
    qtbot.waitUntil(lambda: not dock.is_running, timeout=20_000)
    assert dock.model.document.history["step"].tolist() == [1, 2]  # the second run goes on
    stack.undo()
    stack.undo()
    assert dock.model.document.equals(before)


def test_undo_of_a_run_restores_the_weights_bit_for_bit(dock, qtbot):
    model, stack = dock.model, dock.undo_stack
    before = model.snapshot()
    dock.start()
    qtbot.waitUntil(lambda: steps_in_model(dock) >= 3, timeout=20_000)
    dock.stop()
    after = model.snapshot()
    stack.undo()
    assert model.document.equals(before)
    assert dock.loss_curve.getData()[1] is None or dock.loss_curve.getData()[1].size == 0
    stack.redo()
    assert model.document.equals(after)


def test_undo_while_training_ends_the_run_first(dock, qtbot):
    before = dock.model.snapshot()
    dock.start()
    qtbot.waitUntil(lambda: steps_in_model(dock) >= 2, timeout=20_000)
    dock.undo_stack.undo()
    assert not dock.is_running and dock.model.document.equals(before)


def test_an_edit_during_a_run_ends_it_and_stays_after_it(window, dock, qtbot):
    model, stack = window.model, window.undo_stack
    dock.start()
    qtbot.waitUntil(lambda: steps_in_model(dock) >= 2, timeout=20_000)
    stack.push(SetArrayCommand(model, "inputs", np.ones_like(model.document.inputs), "Edit inputs"))
    assert not dock.is_running
    assert np.all(model.document.inputs == 1.0)
    assert stack.count() == 3  # task, training run, the edit
    stack.undo()
    assert not np.all(model.document.inputs == 1.0)


def test_refused_training_is_explained(window, dialogs):
    dock = window.training
    dock.choose_task("long_dependency")
    window.model.set_config(input_size=3)
    dock.start()
    assert not dock.is_running
    assert dialogs.calls and dialogs.calls[-1][0] == "warning"
    assert "input channels" in dialogs.calls[-1][1][2]


def test_a_run_beyond_the_memory_it_may_take_is_refused_with_its_estimate(window, dialogs, monkeypatch):
    """Batches too large for the machine would end with the system stopping the application:
    the run is refused before it starts, with the estimate, and nothing changes."""
    from lstm_studio.session import experiments

    monkeypatch.setattr(experiments, "physical_memory", lambda: 2 * 10**9)  # 1 GB for a run
    dock = window.training
    dock.choose_task("long_dependency")
    window.model.set_config(hidden_size=256, seq_len=200)  # batches of 1024: 9.3 GB
    dock.settings_box.batch_size.setValue(1024)
    before = window.model.snapshot()
    dock.start()
    assert not dock.is_running and dock.worker is None
    assert dialogs.calls and dialogs.calls[-1][0] == "warning"
    message = dialogs.calls[-1][1][2]
    assert "on batches of 1024 sequences would need about" in message
    assert "more than the 1.00 GB allowed" in message
    assert window.model.document.equals(before)


def test_next_character_run_writes_text(window, qtbot):
    dock = window.training
    dock.text_edit.setPlainText("the cat sat on the mat. " * 4)
    dock.use_text_button.click()
    assert window.model.document.task == "next_char" and window.model.config.input_size == 11
    dock.settings_box.steps.setValue(3)
    dock.generation.seed_text.setText("the ")
    dock.start()
    qtbot.waitUntil(lambda: not dock.is_running, timeout=30_000)
    text = dock.generation.generated.toPlainText()
    assert text.startswith("the ") and len(text) == 4 + 200
    assert set(text) <= set("the cat sat on the mat.")


def event_loop_gaps(qtbot, ticks: int) -> list[float]:
    """Seconds between the ticks of a 10 ms timer on the GUI thread, for ``ticks`` ticks."""
    gaps, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    last[0] = time.perf_counter()
    timer.start()
    qtbot.waitUntil(lambda: len(gaps) >= ticks, timeout=30_000)
    timer.stop()
    return gaps


def test_window_stays_responsive_while_training(dock, qtbot):
    """Max event-loop gap over 2 s of training. A gap is wall time, so other processes on a busy
    machine add to it: up to three 2-s windows are measured and the best one counts (a thread
    that starves the GUI would spoil all three)."""
    dock.settings_box.steps.setValue(100_000)
    dock.start()
    qtbot.waitUntil(lambda: steps_in_model(dock) >= 1, timeout=20_000)
    first = steps_in_model(dock)
    qtbot.waitUntil(lambda: steps_in_model(dock) > first, timeout=20_000)  # past the first drawing
    gc.collect()  # not the garbage of earlier tests' windows
    measured = []
    for _ in range(3):
        steps_before = dock.worker.steps_taken
        gaps = event_loop_gaps(qtbot, 200)
        assert dock.worker.steps_taken > steps_before + 10  # it did train meanwhile
        measured.append(gaps)
        if max(gaps) < MAX_GAP_SECONDS:
            break
    dock.stop()
    best = min(measured, key=max)
    assert max(best) < MAX_GAP_SECONDS, (
        f"longest event-loop gap {max(best) * 1e3:.0f} ms; gaps over 40 ms (tick, ms): "
        f"{[(i, round(g * 1e3)) for i, g in enumerate(best) if g > 0.04]}")


def test_train_menu_actions_follow_the_run_and_every_control_explains_itself(window, dock, qtbot):
    feature = window.training_feature
    assert feature.start_action.isEnabled() and not feature.pause_action.isEnabled()
    feature.start_action.trigger()
    assert feature.pause_action.isEnabled() and not feature.start_action.isEnabled()
    feature.stop_action.trigger()
    assert not dock.is_running
    for widget in dock.findChildren(QWidget):
        if not widget.objectName().startswith("qt_") and widget.metaObject().className() in ("QComboBox", "QDoubleSpinBox", "QSpinBox",
                                                "QPushButton", "QLineEdit", "QPlainTextEdit"):
            assert widget.toolTip(), widget
    for action in window.menu("Train").actions():
        assert action.isSeparator() or action.toolTip(), action.text()


def test_a_diverging_run_stops_with_a_message_and_changes_nothing(dock, qtbot, dialogs, monkeypatch):
    def diverge(trainer):
        raise TrainingDiverged("training diverged at step 1: the loss is nan; lower the learning rate")

    monkeypatch.setattr(Trainer, "step", diverge)
    before = dock.model.snapshot()
    dock.start()
    qtbot.waitUntil(lambda: not dock.is_running, timeout=20_000)
    assert dialogs.calls[-1][0] == "warning" and "diverged" in dialogs.calls[-1][1][2]
    assert dock.model.document.equals(before) and dock.undo_stack.count() == 1


def test_a_session_file_with_odd_training_settings_opens_with_defaults(window):
    doc = task_document("next_char")
    doc.training = {"lr": "fast", "task_options": "not a dict", "steps": -3}
    window.model.replace_document(doc)
    dock = window.training
    assert dock.settings_box.lr.value() == 0.01 and dock.settings_box.steps.value() == 300
    assert dock.text_edit.toPlainText().startswith("I grew up")


def test_truncation_and_clipping_in_the_dock_reach_the_gradient_panels(dock):
    model = dock.model
    last = model.config.seq_len - 1
    assert np.abs(model.evaluation.grads.dh[0][0][0]).max() > 0  # the demo's loss reaches t = 0
    dock.settings_box.truncate.setValue(5)
    assert model.document.bptt.truncate == 5
    dh = model.evaluation.grads.dh[0][0]
    assert not dh[: last + 1 - 5].any() and dh[last + 1 - 5:].any()
    dock.settings_box.clip_mode.setCurrentIndex(dock.settings_box.clip_mode.findData("clip_norm"))
    dock.settings_box.clip_threshold.setValue(1e-4)
    assert model.document.bptt.clip_norm == 1e-4 and model.evaluation.grads.clipped
    while dock.undo_stack.canUndo() and model.document.bptt.truncate is not None:
        dock.undo_stack.undo()
    assert model.document.bptt.truncate is None
    assert dock.settings_box.truncate.value() == 0  # the dock follows undo


def test_each_snapshot_converts_only_its_new_steps(dock, qtbot, monkeypatch):
    """A long run must not slow down: the history grows by the new records only."""
    import lstm_studio.app.training.dock as training_dock

    converted = []
    real = training_dock.history_with

    def counting(history, records):
        converted.append(len(records))
        return real(history, records)

    monkeypatch.setattr(training_dock, "history_with", counting)
    dock.start()
    qtbot.waitUntil(lambda: len(converted) >= 3, timeout=20_000)
    dock.stop()
    assert sum(converted) == steps_in_model(dock)
    assert dock.model.document.history["step"].tolist() == list(range(1, steps_in_model(dock) + 1))


def test_the_model_knows_while_a_run_goes_on(dock, qtbot):
    assert not dock.model.training
    dock.start()
    assert dock.model.training
    qtbot.waitUntil(lambda: steps_in_model(dock) >= 2, timeout=20_000)
    dock.stop()
    assert not dock.model.training


def test_step_axis_grows_in_round_numbers(qtbot):
    from lstm_studio.app.training.compare_plots import fit_steps

    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    plot = widget.addPlot()
    fit_steps(plot, 3)
    assert tuple(plot.viewRange()[0]) == (0.0, 10.0)
    fit_steps(plot, 101)
    assert tuple(plot.viewRange()[0]) == (0.0, 120.0)
    fit_steps(plot, 119)
    assert tuple(plot.viewRange()[0]) == (0.0, 120.0)


# -- one truth for the BPTT and training settings (issue 13) ------------------------------------
def shown_bptt(dock):
    """The truncation and clipping the dock shows, as a BpttSettings."""
    from lstm_studio.session.document import BpttSettings

    mode, threshold = dock.settings_box.clip_mode.currentData(), dock.settings_box.clip_threshold.value()
    return BpttSettings(truncate=dock.settings_box.truncate.value() or None,
                        clip_norm=threshold if mode == "clip_norm" else None,
                        clip_value=threshold if mode == "clip_value" else None)


def shown_training(dock):
    box = dock.schedule_box
    return {"optimizer": dock.settings_box.optimizer.currentData(), "lr": dock.settings_box.lr.value(), "momentum": dock.settings_box.momentum.value(),
            "batch_size": dock.settings_box.batch_size.value(), "seed": dock.settings_box.seed.value(), "steps": dock.settings_box.steps.value(),
            "schedule": box.schedule.currentData(), "schedule_period": box.period.value(),
            "decay": box.decay.value(), "validation": box.validation.value() / 100,
            "validate_every": box.validate_every.value(), "stateful": box.stateful.isChecked()}


def assert_dock_shows_the_document(dock):
    from lstm_studio.session.experiments import settings_of

    doc = dock.model.document
    assert shown_bptt(dock) == doc.bptt
    assert shown_training(dock) == settings_of(doc.training)
    if not (doc.bptt.clip_norm or doc.bptt.clip_value):  # the panels compute with the same settings
        assert not dock.model.evaluation.grads.clipped


def test_at_start_the_dock_shows_the_clipping_the_panels_compute_with(window):
    dock, model = window.training, window.model
    assert_dock_shows_the_document(dock)
    assert model.document.bptt.clip_norm is None and dock.settings_box.clip_mode.currentData() is None
    assert model.document.bptt.truncate is None and dock.settings_box.truncate.value() == 0


def test_changing_only_truncation_changes_only_truncation(window):
    from lstm_studio.session.document import BpttSettings

    dock, model = window.training, window.model
    dock.settings_box.truncate.setValue(4)
    assert model.document.bptt == BpttSettings(truncate=4)
    assert not model.evaluation.grads.clipped
    assert_dock_shows_the_document(dock)
    assert window.undo_stack.count() == 1


def test_each_bptt_control_edits_its_own_setting_and_undo_restores_it(window):
    from lstm_studio.session.document import BpttSettings

    dock, model, stack = window.training, window.model, window.undo_stack
    dock.settings_box.clip_threshold.setValue(2.5)  # clipping is off: the threshold alone changes nothing
    assert model.document.bptt == BpttSettings() and stack.count() == 0
    dock.settings_box.clip_mode.setCurrentIndex(dock.settings_box.clip_mode.findData("clip_value"))
    assert model.document.bptt == BpttSettings(clip_value=2.5)
    dock.settings_box.clip_threshold.setValue(0.5)
    dock.settings_box.clip_threshold.setValue(0.25)  # steps of one control: one undo step
    assert model.document.bptt == BpttSettings(clip_value=0.25) and stack.count() == 2
    dock.settings_box.truncate.setValue(7)
    assert model.document.bptt == BpttSettings(truncate=7, clip_value=0.25)
    for expected in (BpttSettings(clip_value=0.25), BpttSettings(clip_value=2.5), BpttSettings()):
        stack.undo()
        assert model.document.bptt == expected
        assert_dock_shows_the_document(dock)
    for expected in (BpttSettings(clip_value=2.5), BpttSettings(clip_value=0.25),
                     BpttSettings(truncate=7, clip_value=0.25)):
        stack.redo()
        assert model.document.bptt == expected
        assert_dock_shows_the_document(dock)


def test_the_panels_follow_a_bptt_change_made_elsewhere(window):
    dock, model = window.training, window.model
    model.set_bptt(truncate=4, clip_norm=0.5)
    assert_dock_shows_the_document(dock)
    model.set_bptt(truncate=None, clip_norm=None, clip_value=3.0)
    assert_dock_shows_the_document(dock)


def test_every_dock_setting_is_an_undoable_edit_of_the_document(window):
    dock, model, stack = window.training, window.model, window.undo_stack
    before = model.snapshot()
    model.mark_saved()
    dock.settings_box.lr.setValue(0.005)
    assert model.document.training["lr"] == 0.005 and model.is_modified
    dock.settings_box.optimizer.setCurrentIndex(dock.settings_box.optimizer.findData("sgd"))
    dock.settings_box.momentum.setValue(0.9)
    dock.settings_box.batch_size.setValue(16)
    dock.settings_box.seed.setValue(3)
    dock.settings_box.steps.setValue(40)
    dock.settings_box.steps.setValue(50)  # merges with the previous step
    assert stack.count() == 6
    assert {key: model.document.training[key] for key in ("optimizer", "lr", "momentum", "batch_size",
                                                          "seed", "steps")} == \
        {"optimizer": "sgd", "lr": 0.005, "momentum": 0.9, "batch_size": 16, "seed": 3, "steps": 50}
    assert_dock_shows_the_document(dock)
    assert stack.text(stack.count() - 1) == "Steps: 50"
    while stack.canUndo():
        stack.undo()
        assert_dock_shows_the_document(dock)
    assert model.document.equals(before)


def test_dock_settings_are_saved_without_a_run_and_reopen_as_they_were(window, tmp_path):
    from lstm_studio.session.document import BpttSettings

    dock, model = window.training, window.model
    dock.settings_box.lr.setValue(0.02)
    dock.settings_box.batch_size.setValue(8)
    dock.settings_box.steps.setValue(77)
    dock.settings_box.truncate.setValue(4)
    dock.settings_box.clip_mode.setCurrentIndex(dock.settings_box.clip_mode.findData("clip_norm"))
    dock.settings_box.clip_threshold.setValue(3.0)
    expected = shown_training(dock), shown_bptt(dock)
    path = tmp_path / "settings.lstms"
    assert window.file_actions.save_to(str(path))
    window.file_actions.new()
    assert shown_training(dock) != expected[0] and shown_bptt(dock) == BpttSettings()
    assert window.file_actions.open_path(path, ask=False)
    assert (shown_training(dock), shown_bptt(dock)) == expected
    assert model.document.bptt == BpttSettings(truncate=4, clip_norm=3.0)
    assert_dock_shows_the_document(dock)
    last = model.config.seq_len - 1
    dh = model.evaluation.grads.dh[0][0]
    assert not dh[: last + 1 - 4].any()  # the plots truncate at 4, as the dock says


def test_a_run_trains_with_the_documents_truncation_and_clipping(dock, qtbot):
    from lstm_studio.session.document import BpttSettings

    dock.settings_box.truncate.setValue(6)
    dock.settings_box.clip_mode.setCurrentIndex(dock.settings_box.clip_mode.findData("clip_value"))
    dock.settings_box.clip_threshold.setValue(0.5)
    assert dock.model.document.bptt == BpttSettings(truncate=6, clip_value=0.5)
    before = dock.model.snapshot()
    settings = dock.settings()
    assert (settings["truncate"], settings["clip_norm"], settings["clip_value"]) == (6, None, 0.5)
    dock.step_button.click()
    qtbot.waitUntil(lambda: not dock.is_running, timeout=20_000)
    expected = trainer_for(before)
    assert (expected.config.truncate, expected.config.clip_norm, expected.config.clip_value) == (6, None, 0.5)
    assert_weights_of_training(dock, before, None, 1)
    assert dock.model.document.training == before.training  # a run leaves the settings alone


def test_a_task_shows_its_presets_clipping_in_the_dock_and_the_panels(window):
    from lstm_studio.session.document import BpttSettings

    dock, model = window.training, window.model
    choose_in_combo(dock, "next_char")
    assert model.document.bptt == BpttSettings(clip_norm=5.0)
    assert_dock_shows_the_document(dock)
    window.undo_stack.undo()
    assert model.document.bptt == BpttSettings()
    assert_dock_shows_the_document(dock)


def test_a_clipping_threshold_the_dock_cannot_show_is_said_and_left_alone(window):
    dock, model = window.training, window.model
    model.set_bptt(clip_norm=1e-6)
    assert dock.settings_box.clip_mode.currentData() == "clip_norm" and not dock.settings_box.settings_note.isHidden()
    assert "1e-06" in dock.settings_box.settings_note.text() and "the panels and training use 1e-06" in dock.settings_box.settings_note.text()
    dock.settings_box.truncate.setValue(3)  # another setting: the threshold stays the document's
    assert model.document.bptt.clip_norm == 1e-6 and dock.settings()["clip_norm"] == 1e-6
    model.set_bptt(clip_norm=2.0)
    assert dock.settings_box.settings_note.isHidden()


def test_clipping_by_norm_and_by_value_at_once_is_said(window):
    dock, model = window.training, window.model
    model.set_bptt(clip_norm=2.0, clip_value=0.5)  # a session file may hold both
    assert dock.settings_box.clip_mode.currentData() == "clip_norm" and dock.settings_box.clip_threshold.value() == 2.0
    assert dock.settings_box.settings_note.text() == ("⚠ This session clips by norm 2 and then by value 0.5: the dock "
                                         "shows the norm only, the panels and training use both.")
    assert (dock.settings()["clip_norm"], dock.settings()["clip_value"]) == (2.0, 0.5)


def test_a_long_text_is_shown_in_part_and_learned_whole(window, qtbot):
    from lstm_studio.app.training.dock import TEXT_SHOWN_UP_TO

    dock = window.training
    long_text = "the cat sat on the mat and looked at the dog. " * (TEXT_SHOWN_UP_TO // 40)
    assert dock.choose_task("next_char", text=long_text)
    assert window.model.document.training["task_options"]["text"] == long_text  # learned whole
    assert dock.text_edit.toPlainText() == long_text[:TEXT_SHOWN_UP_TO] and dock.text_edit.isReadOnly()
    assert not dock.use_text_button.isEnabled()  # the part shown must not replace the text
    assert dock.text_note.isVisible() and dock.text_note.text() == (
        f"The first {TEXT_SHOWN_UP_TO:,} of {len(long_text):,} characters: the task learns all of them. "
        "File ▸ Open Data… opens another text.")
    assert dock.choose_task("next_char", text="the cat sat on the mat. " * 4)  # a short one: whole, editable
    assert dock.text_edit.toPlainText() == "the cat sat on the mat. " * 4 and not dock.text_edit.isReadOnly()
    assert dock.use_text_button.isEnabled() and not dock.text_note.isVisible()


def test_the_run_curves_sit_side_by_side_in_a_short_dock_and_stacked_in_a_tall_one(qtbot):
    """Each curve keeps a readable data area (MIN_DATA_SIZE): stacked in a dock too short for
    that (a laptop's, about 120 px), both data areas were 0 px."""
    from lstm_studio.app.panels.plots.time_plot import MIN_DATA_SIZE
    from lstm_studio.app.training.run_plots import RunPlots

    from PySide6.QtWidgets import QVBoxLayout, QWidget

    holder = QWidget()  # as in the dock (pyqtgraph's own close of a view, alone, crashes)
    qtbot.addWidget(holder)
    plots = RunPlots()
    QVBoxLayout(holder).addWidget(plots)
    holder.layout().setContentsMargins(0, 0, 0, 0)
    loss, norm = plots.add_plot("loss"), plots.add_plot("norm")
    plots.set_x_label("training step")
    holder.resize(420, 160)
    holder.show()
    qtbot.waitUntil(lambda: not plots.stacked)

    def cell(plot):
        layout = plots.ci.layout
        return next((r, c) for r in range(layout.rowCount()) for c in range(layout.columnCount())
                    if layout.itemAt(r, c) is plot)

    assert (cell(loss), cell(norm)) == ((0, 0), (0, 1))
    qtbot.waitUntil(lambda: min(plot.vb.height() for plot in (loss, norm)) >= MIN_DATA_SIZE[1] - 1)
    assert [plot.getAxis("bottom").labelText for plot in (loss, norm)] == ["training step"] * 2
    holder.resize(420, int(plots.needed_height()) + 1)
    qtbot.waitUntil(lambda: plots.stacked)
    assert (cell(loss), cell(norm)) == ((0, 0), (1, 0))
    qtbot.waitUntil(lambda: min(plot.vb.height() for plot in (loss, norm)) >= MIN_DATA_SIZE[1] - 1)
    assert not loss.getAxis("bottom").label.isVisible()  # one name, under the lowest
    assert norm.getAxis("bottom").labelText == "training step"
    assert plots.ci.geometry().height() <= plots.height()
