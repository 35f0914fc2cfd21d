"""The training dock's "Schedule and validation" box (issue 16): its settings live in the document
(undoable, saved), a run with a held-out part draws the validation loss and offers the weights
of the best one, and reading a text in order is offered only where it applies."""

import numpy as np
import pytest

from lstm_studio.session.experiments import trainer_for


@pytest.fixture
def window(shown_window):
    return shown_window


def test_each_control_is_one_undoable_edit_of_the_documents_settings(window):
    dock, model, stack = window.training, window.model, window.undo_stack
    dock.choose_task("adding")
    box = dock.schedule_box
    assert box.schedule.currentData() == "constant" and not box.period.isEnabled()
    index = stack.index()
    box.schedule.setCurrentIndex(box.schedule.findData("step"))
    assert model.document.training["schedule"] == "step" and stack.index() == index + 1
    assert box.period.isEnabled() and box.decay.isEnabled()
    box.period.setValue(40)
    box.decay.setValue(0.3)
    box.validation.setValue(10)
    box.validate_every.setValue(5)
    training = model.document.training
    assert (training["schedule_period"], training["decay"], training["validation"], training["validate_every"]) \
        == (40, 0.3, 0.1, 5)
    assert dock.settings()["schedule_period"] == 40  # the next run uses them
    assert not box.stateful.isEnabled()  # a generated task: nothing to read in order
    while stack.index() > index:
        stack.undo()
    assert model.document.training.get("schedule", "constant") == "constant"
    assert box.schedule.currentData() == "constant" and box.validation.value() == 0
    assert box.validation.text() == "off"


def test_reading_a_text_in_order_applies_to_a_one_direction_text_model(window):
    dock, model = window.training, window.model
    dock.choose_task("next_char")
    box = dock.schedule_box
    assert box.stateful.isEnabled()
    box.stateful.setChecked(True)
    assert model.document.training["stateful"] is True
    model.set_config(bidirectional=True)
    assert box.stateful.isEnabled()  # still on: it can be switched off
    box.stateful.setChecked(False)
    assert not box.stateful.isEnabled()


def test_a_validated_run_draws_its_validation_loss_and_offers_the_best_weights(window, qtbot):
    dock, model, stack = window.training, window.model, window.undo_stack
    dock.choose_task("adding")
    box = dock.schedule_box
    box.validation.setValue(10)
    box.validate_every.setValue(2)
    dock.settings_box.steps.setValue(6)
    before, settings = model.snapshot(), dock.settings()
    dock.start_button.click()
    qtbot.waitUntil(lambda: not dock.is_running, timeout=60_000)
    history = model.document.history
    assert np.isnan(history["val_loss"][0::2]).all() and np.isfinite(history["val_loss"][1::2]).all()
    x, y = dock.val_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, [2, 4, 6])
    np.testing.assert_array_equal(y, history["val_loss"][1::2])
    assert "validation loss" in dock.status.text()
    expected = trainer_for(before, settings)
    expected.run(6)
    best_step, best_loss, best = expected.best
    assert best_loss == np.nanmin(history["val_loss"])
    assert box.best_button.isVisible() and f"step {best_step}" in box.best_button.text()
    trained = model.snapshot()
    box.best_button.click()
    for name, value in model.document.parameters.items():
        np.testing.assert_array_equal(value, best[f"network.{name}"])
    np.testing.assert_array_equal(model.document.readout["weight"], best["readout.weight"])
    assert not box.best_button.isVisible()
    stack.undo()
    assert model.document.equals(trained)


def test_a_session_without_a_task_offers_no_held_out_part(window):
    from lstm_studio.session.experiments import CURRENT_SEQUENCE

    window.training.choose_task(CURRENT_SEQUENCE)
    assert window.model.document.task is None
    assert not window.training.schedule_box.validation.isEnabled()
