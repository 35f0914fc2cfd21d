"""Details of the experiments module (session/experiments.py, no Qt): a task's session at its
preset's length, the decay rate and chance level, held-out accuracy, the settings a trainer is
made from, the current sequence as a task, and the length sweep's bookkeeping, each recomputed
here from the engine."""

import math

import numpy as np
import pytest

from lstm_studio.engine import GATES, Readout, build_network, evaluate
from lstm_studio.engine.tasks import make_task
from lstm_studio.engine.training import StepRecord
from lstm_studio.session import experiments as ex
from lstm_studio.session.document import BpttSettings, NetworkConfig, VALUE_LIMIT, new_document, reconfigured


# -- a task's session ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["adding", "long_dependency", "sine", "temporal_order"])
def test_a_task_session_has_the_presets_length_kind_weights_and_one_example(name):
    preset = make_task(name).preset
    doc = ex.task_document(name, seed=3)
    task = make_task(name, seq_len=preset["seq_len"])
    c = doc.config
    assert (c.kind, c.hidden_size, c.seq_len, c.input_size, c.output_size) == \
        (preset["kind"], preset["hidden_size"], preset["seq_len"], task.input_size, task.output_size)
    forget_bias = preset["forget_bias"] if "f" in GATES[c.kind] else None
    network = build_network(c.kind, c.input_size, c.hidden_size, seed=3, forget_bias=forget_bias)
    for key, value in network.parameters().items():
        np.testing.assert_array_equal(doc.parameters[key], value)
    np.testing.assert_array_equal(doc.readout["weight"], Readout(c.hidden_size, c.output_size, seed=3).parameters()["weight"])
    x, target, steps = task.generate(1, np.random.default_rng([3, ex.EXAMPLE_SEED_OFFSET]))
    np.testing.assert_array_equal(doc.inputs, x[:, 0])
    if task.loss == "mse":
        np.testing.assert_array_equal(doc.targets, target[:, 0])
    else:
        np.testing.assert_array_equal(np.argmax(doc.targets, axis=1), target[:, 0])
    expected = np.ones(c.seq_len, dtype=bool)
    if steps is not None:
        expected[:] = False
        expected[steps] = True
    assert doc.loss_mask.dtype == bool
    np.testing.assert_array_equal(doc.loss_mask, expected)
    assert doc.view.time_step == c.seq_len - 1 and doc.task == name
    assert "seq_len" not in doc.training["task_options"] and doc.training["seed"] == 3


def test_a_task_session_keeps_a_length_asked_for_and_defaults_to_seed_zero():
    doc = ex.task_document("adding", seq_len=12)
    assert doc.config.seq_len == 12 and doc.view.time_step == 11
    assert doc.equals(ex.task_document("adding", seed=0, seq_len=12))
    assert not doc.equals(ex.task_document("adding", seed=1, seq_len=12))


# -- numbers of the comparison -------------------------------------------------------------------
def decay(norms):
    norms = np.asarray(norms, dtype=float)
    return ex.GradientDecay(distance=np.arange(len(norms))[::-1].copy(), norm=norms)


def test_the_decay_rate_is_the_geometric_mean_factor_per_step_back():
    assert ex.decay_rate(decay([0.125, 0.25, 0.5, 1.0])) == pytest.approx(0.5)
    assert ex.decay_rate(decay([0.25, 1.0])) == pytest.approx(0.25)  # one step back
    assert ex.decay_rate(decay([4.0, 2.0, 1.0])) == pytest.approx(2.0)
    assert ex.decay_rate(decay([3.0])) == 1.0


def test_a_rate_that_is_not_a_number_is_zero():
    assert ex.decay_rate(decay([1.0, 0.0])) == 0.0  # nothing at the loss step
    assert ex.decay_rate(decay([0.0, 0.0])) == 0.0


def test_chance_is_one_over_the_classes_and_nan_for_regression():
    assert ex.chance_accuracy(make_task("long_dependency")) == 0.25
    assert math.isnan(ex.chance_accuracy(make_task("adding")))


def test_held_out_accuracy_is_on_a_batch_drawn_apart_scored_at_the_loss_steps():
    task = make_task("long_dependency", seq_len=8)
    network = build_network("gru", task.input_size, 4, seed=2)
    readout = Readout(4, task.output_size, seed=2)
    x, target, steps = task.generate(256, np.random.default_rng([0, ex.EXAMPLE_SEED_OFFSET, 1]))
    ev = evaluate(network, readout, x, target, loss=task.loss, steps=steps)
    assert ex.held_out_accuracy(network, readout, task) == task.accuracy(ev.y, target)
    x, target, steps = task.generate(64, np.random.default_rng([5, ex.EXAMPLE_SEED_OFFSET, 1]))
    ev = evaluate(network, readout, x, target, loss=task.loss, steps=steps)
    assert ex.held_out_accuracy(network, readout, task, 5, 64) == task.accuracy(ev.y, target)


def test_gradient_decay_measures_the_last_steps_loss_on_a_fresh_network():
    task = make_task("temporal_order", seq_len=12)
    got = ex.gradient_decay("lstm", task, 5, seed=2, seq_len=15, batch_size=8, forget_bias=3.0)
    network = build_network("lstm", task.input_size, 5, seed=2, forget_bias=3.0)
    readout = Readout(5, task.output_size, seed=2)
    x, target, _ = task.generate(8, np.random.default_rng([2, ex.EXAMPLE_SEED_OFFSET]), 15)
    ev = evaluate(network, readout, x, target, loss=task.loss, steps=[14])
    norm = np.mean(np.linalg.norm(ev.grads.dh[-1][0], axis=-1), axis=1)
    np.testing.assert_allclose(got.norm, norm, rtol=1e-12)
    np.testing.assert_array_equal(got.distance, np.arange(15)[::-1])
    default = ex.gradient_decay("gru", task, 5)
    network = build_network("gru", task.input_size, 5, seed=0)
    again = ex.gradient_decay_of(network, Readout(5, task.output_size, seed=0), task)
    np.testing.assert_array_equal(default.norm, again.norm)
    assert len(default.norm) == 12


def test_history_keeps_steps_as_whole_numbers_and_the_rest_as_floats():
    records = [StepRecord(step=k, loss=1, grad_norm=2, accuracy=0, clipped=False) for k in (1, 2)]
    history = ex.history_with({}, records)
    assert history["step"].dtype == np.int64 and history["loss"].dtype == np.float64
    assert history["accuracy"].dtype == np.float64
    more = ex.history_with(history, records[:1])
    np.testing.assert_array_equal(more["step"], [1, 2, 1])
    assert more["step"].dtype == np.int64 and more["grad_norm"].dtype == np.float64


# -- settings and trainers -----------------------------------------------------------------------
@pytest.mark.parametrize("steps, kept", [(1, 1), (5, 5), (0, 300), (True, 300), (2.0, 300), (-3, 300)])
def test_the_number_of_steps_is_a_whole_number_of_at_least_one(steps, kept):
    assert ex.settings_of({"steps": steps})["steps"] == kept


def test_a_trainer_continues_from_the_document_at_its_length_within_the_documents_limits():
    doc = ex.task_document("adding", seq_len=9)
    doc = reconfigured(doc, num_layers=2, bidirectional=True)
    doc.history = {"step": np.array([1, 2, 3])}
    trainer = ex.trainer_for(doc)
    assert trainer.config.seq_len == 9 and trainer.weight_limit == VALUE_LIMIT
    assert trainer.steps_done == 3
    network, readout = ex.document_network(doc)
    assert network.num_layers == 2 and network.bidirectional and readout.in_features == 2 * doc.config.hidden_size
    for key, value in doc.parameters.items():
        np.testing.assert_array_equal(network.parameters()[key], value)
    assert ex.training_config(ex.run_settings(doc), 9).seq_len == 9
    assert ex.training_config(ex.run_settings(doc)).seq_len is None


def test_task_options_default_to_none_and_unreadable_ones_are_refused():
    doc = ex.task_document("long_dependency", seq_len=10)
    del doc.training["task_options"]
    task = ex.task_of(doc)
    assert task.options() == make_task("long_dependency", seq_len=10).options()
    doc.training["task_options"] = ["noise"]
    with pytest.raises(ValueError) as refused:
        ex.task_of(doc)
    assert str(refused.value) == "the session's task options are unreadable; choose the task again"


def test_the_current_sequence_trains_on_the_documents_classes_at_its_own_length():
    doc = new_document(NetworkConfig(kind="gru", input_size=2, hidden_size=3, output_size=3, seq_len=4))
    doc.loss = "cross_entropy"
    doc.targets = np.eye(3)[[2, 0, 1, 2]]
    doc.loss_mask = np.array([False, True, False, True])
    task = ex.CurrentSequence(doc)
    x, target, steps = task.generate(2, np.random.default_rng(0))
    np.testing.assert_array_equal(target[:, 0], [2, 0, 1, 2])
    np.testing.assert_array_equal(steps, [1, 3])
    assert task.check_seq_len(4) == 4
    with pytest.raises(ValueError) as refused:
        task.check_seq_len(5)
    assert str(refused.value) == "the current sequence has 4 steps; it cannot be trained with 5"


def test_compare_trainers_share_seed_batches_and_length_and_differ_in_kind():
    task = make_task("temporal_order", seq_len=11)
    trainers = ex.compare_trainers(task, 4, kinds=("rnn_tanh", "lstm"), forget_bias=3.0)
    assert [t.network.kind for t in trainers.values()] == ["rnn_tanh", "lstm"]
    for trainer in trainers.values():
        assert trainer.config.seed == 0 and trainer.config.seq_len == 11
    lstm = trainers["lstm"].network.parameters()
    expected = build_network("lstm", task.input_size, 4, seed=0, forget_bias=3.0).parameters()
    np.testing.assert_array_equal(lstm["bias_ih_l0"], expected["bias_ih_l0"])


# -- the length sweep ----------------------------------------------------------------------------
def test_a_sweep_of_no_lengths_measures_nothing_and_has_no_chance_level():
    sweep = ex.length_sweep(kinds=("gru",), lengths=())
    assert sweep.accuracy.shape == (1, 0) and math.isnan(sweep.chance) and sweep.complete
    assert (sweep.seed, sweep.hidden_size, sweep.steps) == (0, ex.COMPARE_HIDDEN_SIZE, ex.SWEEP_STEPS)


def test_a_sweep_needs_at_least_one_step():
    with pytest.raises(ValueError) as refused:
        ex.length_sweep(kinds=("gru",), lengths=(10,), steps=0)
    assert str(refused.value) == "number of steps must be an integer >= 1, got 0"
    assert ex.length_sweep(kinds=("gru",), lengths=(), steps=1).steps == 1


def test_a_sweep_point_is_the_compared_trainers_held_out_accuracy():
    sweep = ex.length_sweep(kinds=("lstm",), lengths=(10,), steps=2, seed=1, hidden_size=3, forget_bias=4.0)
    assert (sweep.seed, sweep.hidden_size, sweep.forget_bias, sweep.steps) == (1, 3, 4.0, 2)
    task = make_task(ex.SWEEP_TASK, seq_len=10)
    trainer = ex.compare_trainers(task, 3, seed=1, kinds=("lstm",), forget_bias=4.0)["lstm"]
    trainer.run(2)
    assert sweep.of("lstm")[0] == ex.held_out_accuracy(trainer.network, trainer.readout, task, 1)
    assert sweep.chance == ex.chance_accuracy(task)


def test_longest_solved_is_the_longest_length_at_or_above_the_level():
    sweep = ex.LengthSweep(task="t", kinds=("a", "b"), lengths=(10, 20, 30), steps=1, seed=0, hidden_size=1,
                           forget_bias=None, chance=0.5, accuracy=np.array([[1.0, 0.9, 0.5], [0.2, np.nan, 0.3]]))
    assert sweep.longest_solved("a") == 20  # 0.9 reaches the default level
    assert sweep.longest_solved("a", level=0.95) == 10
    assert sweep.longest_solved("b") is None
    copy = sweep.copy()
    assert copy.lengths == sweep.lengths and copy.kinds == sweep.kinds
    copy.accuracy[1, 1] = 1.0
    assert np.isnan(sweep.accuracy[1, 1]) and copy.measured == 6 and sweep.measured == 5


def test_an_older_history_gets_nan_for_the_curves_it_did_not_have():
    older = {"step": np.array([1, 2]), "loss": np.array([3.0, 2.0]), "grad_norm": np.array([1.0, 1.0]),
             "accuracy": np.array([0.0, 0.5])}
    record = StepRecord(step=3, loss=1.0, grad_norm=0.5, accuracy=1.0, clipped=False, lr=0.01, val_loss=1.5)
    history = ex.history_with(older, [record])
    assert {len(curve) for curve in history.values()} == {3}
    np.testing.assert_array_equal(history["lr"], [np.nan, np.nan, 0.01])
    np.testing.assert_array_equal(history["val_loss"], [np.nan, np.nan, 1.5])
    np.testing.assert_array_equal(history["step"], [1, 2, 3])


def test_text_scale_settings_reach_the_trainer_and_survive_a_saved_session(tmp_path):
    from lstm_studio.session.io import load_session, save_session
    doc = ex.task_document("next_char", text="abcde fghij " * 30)
    settings = {"schedule": "cosine", "schedule_period": 30, "decay": 0.25, "validation": 0.1,
                "validate_every": 7, "stateful": True, "batch_size": 4}
    doc.training = dict(doc.training) | ex.check_training_settings(settings)
    trainer = ex.trainer_for(doc)
    assert {key: getattr(trainer.config, key) for key in settings} == settings
    assert trainer.data.stateful and len(trainer.data.held_out_text) == 36
    save_session(doc, tmp_path / "s.lstm")
    again = load_session(tmp_path / "s.lstm")
    assert {key: again.training[key] for key in settings} == settings
    assert ex.run_settings(again) | settings == ex.run_settings(again)
    with pytest.raises(ValueError, match="schedule"):
        ex.check_training_settings({"schedule": "linear"})
    assert ex.settings_of({"schedule": "linear", "validation": 2.0})["schedule"] == "constant"


# -- found by mutation testing (issue 17) --------------------------------------------------------
def test_a_bad_number_of_steps_is_refused_by_its_name():
    with pytest.raises(ValueError) as refused:
        ex.check_training_settings({"steps": 0})
    assert str(refused.value) == "steps must be an integer >= 1, got 0"


def test_the_network_of_a_document_with_an_embedding_holds_its_embedding():
    doc = new_document(NetworkConfig(kind="gru", input_size=5, hidden_size=3, embedding_size=2), seed=3)
    network, readout = ex.document_network(doc)
    assert network.embedding_size == 2
    for name, value in doc.parameters.items():
        np.testing.assert_array_equal(network.parameters()[name], value, err_msg=name)
    np.testing.assert_array_equal(readout.parameters()["weight"], doc.readout["weight"])


def test_a_history_given_no_records_keeps_its_curves_and_their_types():
    """A run stopped before its first step adds nothing: the steps stay whole numbers (not floats
    from an empty list), in an empty history too."""
    older = ex.history_with({}, [StepRecord(step=1, loss=1.0, grad_norm=0.5, accuracy=1.0, clipped=False)])
    for history, length in ((older, 1), ({}, 0)):
        same = ex.history_with(history, [])
        assert {len(curve) for curve in same.values()} == {length}
        assert same["step"].dtype == np.int64 and same["loss"].dtype == np.float64


def test_compared_trainers_start_from_the_seed_asked_for():
    task = make_task("temporal_order", seq_len=11)
    trainers = ex.compare_trainers(task, 4, seed=5, kinds=("gru",))
    assert trainers["gru"].config.seed == 5
    expected = build_network("gru", task.input_size, 4, seed=5).parameters()
    got = trainers["gru"].network.parameters()
    for name in expected:
        np.testing.assert_array_equal(got[name], expected[name], err_msg=name)


def test_a_gradient_too_large_to_square_is_an_infinite_norm_without_a_warning():
    """The decay is measured for any network the user built, however large its weights: an
    overflow gives an infinite norm, not a warning (an error under the tests' settings)."""
    task = make_task(ex.SWEEP_TASK, seq_len=10)
    readout = Readout(3, task.output_size, seed=0)
    readout.load_parameters({"weight": readout.parameters()["weight"] * 1e160,
                             "bias": readout.parameters()["bias"]})
    decay = ex.gradient_decay_of(build_network("rnn_tanh", task.input_size, 3, seed=0), readout, task,
                                 batch_size=4)
    assert np.isinf(decay.norm).any()


def test_a_sweep_trains_the_lstm_with_the_forget_gate_bias_asked_for():
    """The sweep's LSTM starts from ``forget_bias`` (here one with which 30 steps end at another
    accuracy than with the bias drawn like the others)."""
    task = make_task(ex.SWEEP_TASK, seq_len=10)

    def accuracy(forget_bias):
        trainer = ex.compare_trainers(task, 4, seed=1, kinds=("lstm",), forget_bias=forget_bias)["lstm"]
        trainer.run(30)
        return ex.held_out_accuracy(trainer.network, trainer.readout, task, 1)

    assert accuracy(4.0) != accuracy(None)
    sweep = ex.length_sweep(kinds=("lstm",), lengths=(10,), steps=30, seed=1, hidden_size=4, forget_bias=4.0)
    assert sweep.of("lstm")[0] == accuracy(4.0)


def test_a_task_session_keeps_its_seed_for_the_weights_a_resize_adds():
    doc = ex.task_document("adding", seed=3)
    assert doc.seed == 3
    wider = reconfigured(doc, hidden_size=doc.config.hidden_size + 1)
    assert wider.equals(reconfigured(ex.task_document("adding", seed=3), hidden_size=doc.config.hidden_size + 1))
    assert not wider.equals(reconfigured(ex.task_document("adding", seed=4), hidden_size=doc.config.hidden_size + 1))


def test_a_preset_with_a_length_of_its_own_sets_the_sessions_length(monkeypatch):
    """A preset that names a length other than the task's default trains at that length: the
    session's sequence, example, loss mask and cursor have its steps (the presets of today use
    each task's default)."""
    task_class = type(make_task("adding"))
    monkeypatch.setattr(task_class, "_preset", task_class._preset | {"seq_len": 12})
    doc = ex.task_document("adding", seed=2)
    assert doc.config.seq_len == 12 and doc.inputs.shape[0] == 12 and doc.loss_mask.shape == (12,)
    assert doc.view.time_step == 11 and "seq_len" not in doc.training["task_options"]
    assert doc.equals(ex.task_document("adding", seed=2, seq_len=12))
    assert ex.task_document("adding", seed=2, seq_len=15).config.seq_len == 15  # asked for: kept


def test_a_presets_forget_gate_bias_is_left_out_for_a_kind_without_a_forget_gate(monkeypatch):
    task_class = type(make_task("adding"))
    monkeypatch.setattr(task_class, "_preset", task_class._preset | {"kind": "gru", "forget_bias": 2.0})
    doc = ex.task_document("adding", seed=1)
    expected = build_network("gru", doc.config.input_size, doc.config.hidden_size, seed=1).parameters()
    for name, value in expected.items():
        np.testing.assert_array_equal(doc.parameters[name], value, err_msg=name)


def test_a_session_without_a_task_has_no_truncation_and_no_clipping():
    doc = new_document(NetworkConfig())
    assert ex.default_bptt(None) == ex.default_bptt(ex.CurrentSequence(doc)) == BpttSettings()
    assert ex.default_bptt(make_task("adding")) == BpttSettings(
        **{key: make_task("adding").preset.get(key) for key in ex.BPTT_KEYS})
