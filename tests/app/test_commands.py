"""Undo commands on a real QUndoStack: what merges into one step, what stays apart, and that undo
gives back exactly the numbers that were there."""

import numpy as np
import pytest
from PySide6.QtGui import QUndoStack

from lstm_studio.app.editors.commands import (
    MERGE_INPUT_STROKE,
    MERGE_WEIGHT_DRAG,
    GestureCommand,
    ModelSettingCommand,
    SetArrayCommand,
)
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.model import SessionModel


@pytest.fixture
def model(qapp):
    doc = new_document(NetworkConfig(kind="gru", input_size=2, hidden_size=3, seq_len=6), seed=1)
    return SessionModel(doc)


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def plus(model, name, delta):
    return model.document.parameters[name] + delta


def test_gesture_merges_edits_of_one_parameter_and_undoes_to_the_first_value(model, stack):
    first = model.document.parameters["bias_ih_l0"].copy()
    for delta in (0.1, 0.2, 0.3):
        stack.push(GestureCommand(model, "parameter", first + delta, "drag", key="bias_ih_l0",
                                  merge_id=MERGE_WEIGHT_DRAG, gesture=7))
    assert stack.count() == 1
    np.testing.assert_array_equal(model.document.parameters["bias_ih_l0"], first + 0.3)
    np.testing.assert_array_equal(model.network.parameters()["bias_ih_l0"], first + 0.3)
    stack.undo()
    np.testing.assert_array_equal(model.document.parameters["bias_ih_l0"], first)
    stack.redo()
    np.testing.assert_array_equal(model.document.parameters["bias_ih_l0"], first + 0.3)


def test_edits_of_two_parameters_never_merge(model, stack):
    """Same merge id and gesture, different parameters: two steps, each undone on its own."""
    before = model.snapshot()
    bias = plus(model, "bias_ih_l0", 1.0)
    weight = plus(model, "weight_hh_l0", -1.0)
    stack.push(GestureCommand(model, "parameter", bias, "a", key="bias_ih_l0",
                              merge_id=MERGE_WEIGHT_DRAG, gesture=1))
    stack.push(GestureCommand(model, "parameter", weight, "b", key="weight_hh_l0",
                              merge_id=MERGE_WEIGHT_DRAG, gesture=1))
    assert stack.count() == 2
    stack.undo()
    np.testing.assert_array_equal(model.document.parameters["weight_hh_l0"], before.parameters["weight_hh_l0"])
    np.testing.assert_array_equal(model.document.parameters["bias_ih_l0"], bias)
    stack.undo()
    assert model.document.equals(before)


def test_plain_commands_with_one_merge_id_merge_only_on_the_same_target(model, stack):
    before = model.snapshot()
    readout = model.document.readout["bias"] + 2.0
    parameter = model.document.parameters["bias_hh_l0"] + 2.0
    # the same key name under two targets ("bias" of the read-out, a parameter named "bias")
    stack.push(SetArrayCommand(model, "readout", readout, "r", key="bias", merge_id=MERGE_WEIGHT_DRAG))
    stack.push(SetArrayCommand(model, "parameter", parameter, "p", key="bias_hh_l0", merge_id=MERGE_WEIGHT_DRAG))
    assert stack.count() == 2
    stack.push(SetArrayCommand(model, "parameter", parameter + 1.0, "p", key="bias_hh_l0",
                               merge_id=MERGE_WEIGHT_DRAG))
    assert stack.count() == 2, "the same parameter again merges"
    np.testing.assert_array_equal(model.document.parameters["bias_hh_l0"], parameter + 1.0)
    stack.undo()
    np.testing.assert_array_equal(model.document.parameters["bias_hh_l0"], before.parameters["bias_hh_l0"])
    np.testing.assert_array_equal(model.document.readout["bias"], readout)
    stack.undo()
    assert model.document.equals(before)


def test_two_gestures_on_one_array_are_two_steps(model, stack):
    inputs = model.document.inputs.copy()
    stack.push(GestureCommand(model, "inputs", inputs + 1, "stroke", merge_id=MERGE_INPUT_STROKE, gesture="a"))
    stack.push(GestureCommand(model, "inputs", inputs + 2, "stroke", merge_id=MERGE_INPUT_STROKE, gesture="a"))
    stack.push(GestureCommand(model, "inputs", inputs + 3, "stroke", merge_id=MERGE_INPUT_STROKE, gesture="b"))
    assert stack.count() == 2
    stack.undo()
    np.testing.assert_array_equal(model.document.inputs, inputs + 2)
    stack.undo()
    np.testing.assert_array_equal(model.document.inputs, inputs)


def test_commands_without_merge_id_never_merge(model, stack):
    targets = model.document.targets.copy()
    stack.push(SetArrayCommand(model, "targets", targets + 1, "t"))
    stack.push(SetArrayCommand(model, "targets", targets + 2, "t"))
    assert stack.count() == 2


@pytest.mark.parametrize("target", ["inputs", "targets", "h0"])
def test_every_target_writes_its_own_array(model, stack, target):
    before = model.snapshot()
    old = getattr(before, target)
    stack.push(SetArrayCommand(model, target, old + 0.5, "edit"))
    np.testing.assert_array_equal(getattr(model.document, target), old + 0.5)
    changed = [name for name in ("inputs", "targets", "h0")
               if not np.array_equal(getattr(model.document, name), getattr(before, name))]
    assert changed == [target]
    stack.undo()
    assert model.document.equals(before)


def test_a_refused_value_never_reaches_the_stack(model, stack):
    with pytest.raises(ValueError):
        stack.push(SetArrayCommand(model, "inputs", np.zeros((2, 2)), "wrong shape"))
    with pytest.raises(ValueError):
        SetArrayCommand(model, "parameter", np.full((9, 2), np.nan), "nan", key="weight_ih_l0")
    assert stack.count() == 0


def test_model_setting_command_applies_new_then_old(stack):
    applied = []
    stack.push(ModelSettingCommand("truncate", applied.append, old=None, new=5))
    stack.undo()
    stack.redo()
    assert applied == [5, None, 5]
    assert stack.undoText() == "truncate"
