"""Undo commands on a real QUndoStack: what merges into one step, what stays apart, and that undo
gives back exactly the numbers that were there."""

import gc
import sys
import weakref

import numpy as np
import pytest
from PySide6.QtGui import QUndoStack

from lstm_studio.app.editors.commands import (
    MERGE_INPUT_STROKE,
    MERGE_WEIGHT_DRAG,
    GestureCommand,
    ModelSettingCommand,
    ReplaceDocumentCommand,
    SetArrayCommand,
    UndoStack,
    payload_bytes,
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


# -- details found by mutation testing -----------------------------------------------------------
def test_steps_of_one_setting_merge_into_one_undo_step_back_to_the_first_value(stack):
    """The steps of one spin box (commands with the same merge key, one after another) are one
    undo step: undo goes back to the value before the first of them, History names the last."""
    applied = []
    for old, new in ((10, 11), (11, 12), (12, 13)):
        stack.push(ModelSettingCommand(f"Truncation {new}", applied.append, old, new, merge_key="truncation"))
    assert applied == [11, 12, 13]
    assert stack.count() == 1 and stack.undoText() == "Truncation 13"
    stack.undo()
    assert applied[-1] == 10
    stack.redo()
    assert applied[-1] == 13


def test_settings_of_other_merge_keys_or_of_none_stay_apart(stack):
    applied = []
    stack.push(ModelSettingCommand("clip 1", applied.append, 0, 1, merge_key="clipping"))
    stack.push(ModelSettingCommand("truncate 2", applied.append, 1, 2, merge_key="truncation"))
    stack.push(ModelSettingCommand("loss 3", applied.append, 2, 3))
    stack.push(ModelSettingCommand("loss 4", applied.append, 3, 4))
    assert stack.count() == 4
    assert [stack.text(i) for i in range(4)] == ["clip 1", "truncate 2", "loss 3", "loss 4"]
    for expected in (3, 2, 1, 0):
        stack.undo()
        assert applied[-1] == expected


def test_a_replaced_document_undoes_to_the_document_before(model, stack):
    """A document swapped in (a preset, a task, an opened table) without naming the old one:
    undo gives back the document the model had."""
    before = model.snapshot()
    new = new_document(NetworkConfig(kind="lstm", input_size=3, hidden_size=4, seq_len=5), seed=2)
    wanted = new.copy()
    stack.push(ReplaceDocumentCommand(model, new, "Set up task"))
    assert model.snapshot().equals(wanted)
    stack.undo()
    assert model.snapshot().equals(before)
    stack.redo()
    assert model.snapshot().equals(wanted)


def test_a_replacement_given_the_old_document_undoes_to_that_one(model, stack):
    """``old``: the document undo goes back to, when it is not the model's own now."""
    old = new_document(NetworkConfig(kind="rnn_tanh", input_size=1, hidden_size=2, seq_len=4), seed=5)
    wanted_old = old.copy()
    new = new_document(NetworkConfig(kind="lstm", input_size=3, hidden_size=4, seq_len=5), seed=2)
    stack.push(ReplaceDocumentCommand(model, new, "replace", old=old))
    stack.undo()
    assert model.snapshot().equals(wanted_old)


@pytest.mark.parametrize("command", [SetArrayCommand, GestureCommand])
def test_a_refused_edit_names_the_matrix_as_the_editor_does(model, command):
    """``label`` is the editor's name of the matrix: the refusal says "parameter W_ir", not the
    engine's key; the read-out without a label is named by its key."""
    shape = model.document.parameters["weight_ih_l0"].shape
    extra = {"gesture": 1} if command is GestureCommand else {}
    with pytest.raises(ValueError, match=r"The parameter W_ir\b"):
        command(model, "parameter", np.full(shape, np.nan), "drag", key="weight_ih_l0", label="W_ir",
                merge_id=MERGE_WEIGHT_DRAG, **extra)
    with pytest.raises(ValueError, match=r"The read-out parameter bias\b"):
        command(model, "readout", np.full(model.document.readout["bias"].shape, np.inf), "drag", key="bias",
                merge_id=MERGE_WEIGHT_DRAG, **extra)


def test_the_memory_of_text_counts_every_character_and_dict_keys_count_too():
    text = "x" * 1000
    assert payload_bytes(text) == sys.getsizeof(text) >= 1000
    assert payload_bytes({text: 0}) == sys.getsizeof(text)
    assert payload_bytes({"key": np.zeros(10)}) == sys.getsizeof("key") + 80
    assert payload_bytes([text, np.zeros(4)]) == 2 * 8 + sys.getsizeof(text) + 32


def test_an_unknown_target_is_a_programming_error_that_names_it(model):
    from lstm_studio.app.editors.commands import _write

    with pytest.raises(ValueError, match="Unknown edit target 'weights'"):
        _write(model, "weights", None, np.zeros(3))


def test_a_drag_lets_go_of_the_values_of_its_merged_steps(model):
    """Qt deletes a command merged into the one before it, but PySide keeps that command's Python
    side alive for good: the history lets go of what it holds, so that a drag does not keep a
    matrix per step (8 MB a step at the largest sizes, 30 steps a second)."""
    stack = UndoStack()
    first = model.document.parameters["weight_hh_l0"]
    values = [first + k for k in (1.0, 2.0, 3.0, 4.0)]
    for value in values:
        value.flags.writeable = False  # as the weight editor hands them over: kept, not copied
    alive = [weakref.ref(value) for value in values]
    for value in values:
        stack.push(SetArrayCommand(model, "parameter", value, "drag", key="weight_hh_l0",
                                   merge_id=MERGE_WEIGHT_DRAG))
    del values, value
    gc.collect()
    assert stack.count() == 1
    assert [ref() is not None for ref in alive] == [False, False, False, True]  # the last: shown
    stack.undo()
    np.testing.assert_array_equal(model.document.parameters["weight_hh_l0"], first)
    stack.redo()
    np.testing.assert_array_equal(model.document.parameters["weight_hh_l0"], first + 4.0)
