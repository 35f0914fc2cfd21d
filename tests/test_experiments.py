"""Experiments logic (no Qt): task sessions, trainers that continue them, the RNN/LSTM/GRU numbers."""

import numpy as np
import pytest

from lstm_studio.engine import evaluate
from lstm_studio.engine.tasks import TASKS, make_task
from lstm_studio.engine.training import Trainer
from lstm_studio.session.demos import moscow_demo
from lstm_studio.session.experiments import (
    COMPARE_FORGET_BIAS,
    COMPARE_KINDS,
    SETTING_KEYS,
    CurrentSequence,
    compare_trainers,
    decay_rate,
    default_settings,
    document_network,
    gradient_decay,
    gradient_decay_of,
    held_out_accuracy,
    history_with,
    settings_of,
    task_document,
    task_of,
    trainer_for,
)


def _example_loss(doc) -> float:
    network, readout = document_network(doc)
    target = doc.targets if doc.loss == "mse" else np.argmax(doc.targets, axis=1)
    return evaluate(network, readout, doc.inputs, target, loss=doc.loss, steps=doc.loss_mask).loss


def _train(doc, steps):
    """Train ``doc`` as the dock does and return the trained document."""
    trainer = trainer_for(doc, doc.training)
    records = trainer.run(steps)
    trained = doc.copy()
    trained.parameters = trainer.network.parameters()
    trained.readout = trainer.readout.parameters()
    trained.history = history_with(doc.history, records)
    return trained


@pytest.mark.parametrize("name", sorted(TASKS))
def test_task_document_holds_one_example_of_the_task(name):
    doc = task_document(name, seed=3)
    task = task_of(doc)
    c = doc.config
    assert (c.kind, c.hidden_size) == (task.preset["kind"], task.preset["hidden_size"])
    assert (c.input_size, c.output_size, c.seq_len) == (task.input_size, task.output_size, task.seq_len)
    assert doc.inputs.shape == (c.seq_len, c.input_size) and doc.targets.shape == (c.seq_len, c.output_size)
    assert doc.loss == task.loss and doc.task == name
    steps = task.loss_steps(c.seq_len)
    np.testing.assert_array_equal(np.flatnonzero(doc.loss_mask),
                                  np.arange(c.seq_len) if steps is None else np.sort(steps))
    if doc.loss == "cross_entropy":  # one-hot rows whose argmax is the class
        np.testing.assert_array_equal(doc.targets.sum(axis=1), np.ones(c.seq_len))
    assert set(SETTING_KEYS) <= set(doc.training) and doc.training["seed"] == 3
    assert doc.training["steps"] == task.preset["steps"]
    assert np.isfinite(_example_loss(doc))


def test_task_document_starts_from_the_presets_initialisation():
    doc = task_document("long_dependency", seed=5)
    trainer = Trainer.from_preset(make_task("long_dependency"), seed=5)
    for name, value in trainer.network.parameters().items():
        np.testing.assert_array_equal(doc.parameters[name], value)
    for name, value in trainer.readout.parameters().items():
        np.testing.assert_array_equal(doc.readout[name], value)
    f_rows = slice(doc.config.hidden_size, 2 * doc.config.hidden_size)
    assert np.all(doc.parameters["bias_ih_l0"][f_rows] == trainer.task.preset["forget_bias"])


def test_task_options_are_kept_for_training():
    doc = task_document("next_char", text="abcabcabd abcabcabd abcabcabd abcabcabd")
    task = task_of(doc)
    assert task.vocabulary == " abcd" and doc.config.input_size == 5
    with pytest.raises(ValueError, match="shorter than the text"):
        task_document("next_char", text="ab ab")
    with pytest.raises(ValueError, match="unknown task"):
        task_document("juggling")


def test_training_a_task_document_fits_its_example_better():
    doc = task_document("long_dependency")
    trained = _train(doc, 150)
    assert _example_loss(trained) < 0.5 * _example_loss(doc)
    assert trained.history["step"].tolist() == list(range(1, 151))


def test_a_second_run_continues_with_new_batches():
    doc = task_document("sine")
    first = trainer_for(doc, doc.training)
    first.run(3)
    trained = _train(doc, 3)
    again = trainer_for(trained, trained.training)
    assert again.steps_done == 3
    np.testing.assert_array_equal(again.batch(again.steps_done)[0], first.batch(3)[0])
    more = history_with(trained.history, again.run(2))
    assert more["step"].tolist() == [1, 2, 3, 4, 5]
    assert more["step"].dtype == np.int64 and more["loss"].dtype == np.float64


def test_a_session_without_task_trains_on_its_own_sequence():
    doc = moscow_demo()
    doc.readout["bias"] = doc.readout["bias"] + 0.5  # something to learn: the demo is trained already
    doc.training = default_settings(None)
    task = task_of(doc)
    assert isinstance(task, CurrentSequence)
    x, target, steps = task.generate(3, np.random.default_rng(0))
    np.testing.assert_array_equal(x[:, 1], doc.inputs)
    np.testing.assert_array_equal(steps, [doc.config.seq_len - 1])
    assert target.shape == (doc.config.seq_len, 3, 1)
    before = _example_loss(doc)
    assert _example_loss(_train(doc, 40)) < 0.5 * before


def test_settings_that_do_not_fit_are_refused_with_a_message():
    doc = task_document("adding")
    with pytest.raises(ValueError, match="learning rate"):
        trainer_for(doc, doc.training | {"lr": -1.0})
    other = task_document("copy")
    doc.config = other.config  # sizes of another task: the adding task no longer fits
    doc.parameters, doc.readout = other.parameters, other.readout
    with pytest.raises(ValueError, match="input channels"):
        trainer_for(doc, doc.training)


# -- the comparison ---------------------------------------------------------------------------
def test_rnn_gradient_vanishes_orders_of_magnitude_faster_than_lstm():
    task = make_task("long_dependency", seq_len=40)
    decays = {kind: gradient_decay(kind, task, hidden_size=16, seed=0) for kind in COMPARE_KINDS}
    rnn, lstm = decays["rnn_tanh"], decays["lstm"]
    np.testing.assert_array_equal(rnn.distance, np.arange(39, -1, -1))
    kept = {kind: d.norm[d.distance == 39][0] / d.norm[d.distance == 0][0] for kind, d in decays.items()}
    assert kept["rnn_tanh"] < 1e-3 * kept["lstm"]
    assert decay_rate(rnn) < decay_rate(lstm) < 1.0
    assert np.all(np.diff(rnn.norm[::-1][1:]) < 0)  # the RNN's norm falls at every step back


def test_forget_bias_keeps_the_lstm_gradient_alive():
    task = make_task("long_dependency", seq_len=30)
    open_gate = gradient_decay("lstm", task, 16, forget_bias=3.0)
    plain = gradient_decay("lstm", task, 16, forget_bias=None)
    assert decay_rate(open_gate) > decay_rate(plain)


def test_compare_trainers_see_the_same_batches():
    task = make_task("long_dependency", seq_len=12)
    trainers = compare_trainers(task, hidden_size=8, seed=4)
    assert tuple(trainers) == COMPARE_KINDS
    batches = [t.batch(0)[0] for t in trainers.values()]
    for batch in batches[1:]:
        np.testing.assert_array_equal(batch, batches[0])
    assert all(t.network.hidden_size == 8 for t in trainers.values())
    lstm = trainers["lstm"].network.parameters()["bias_ih_l0"]
    assert np.all(lstm[8:16] == COMPARE_FORGET_BIAS)


def test_gradient_decay_of_a_trained_network_and_held_out_accuracy():
    task = make_task("long_dependency", seq_len=10)
    trainer = compare_trainers(task, hidden_size=8, kinds=("lstm",))["lstm"]
    before = held_out_accuracy(trainer.network, trainer.readout, task)
    trainer.run(120)
    after = held_out_accuracy(trainer.network, trainer.readout, task)
    assert 0.0 <= before <= 1.0 and after > max(before, 0.5)
    decay = gradient_decay_of(trainer.network, trainer.readout, task)
    assert decay.norm.shape == (10,) and np.all(np.isfinite(decay.norm))


def test_unusable_settings_from_a_file_fall_back_to_defaults():
    defaults = default_settings(None)
    training = {"lr": "fast", "batch_size": 8, "steps": 0, "optimizer": "sgd", "momentum": 2.0,
                "clip_norm": None, "truncate": 5, "task_options": {}}
    settings = settings_of(training)
    assert settings["lr"] == defaults["lr"] and settings["steps"] == defaults["steps"]
    assert settings["momentum"] == defaults["momentum"]
    assert (settings["batch_size"], settings["optimizer"], settings["truncate"]) == (8, "sgd", 5)
    assert settings["clip_norm"] is None
    doc = task_document("sine")
    doc.training["task_options"] = ["not", "a", "dict"]
    with pytest.raises(ValueError, match="task options"):
        task_of(doc)


def test_a_trained_task_session_survives_saving(tmp_path):
    from lstm_studio.session.io import load_session, save_session

    trained = _train(task_document("next_char", text="hello world, hello moon. " * 3), 2)
    save_session(trained, tmp_path / "trained.lstms")
    loaded = load_session(tmp_path / "trained.lstms")
    assert loaded.equals(trained)
    assert trainer_for(loaded, loaded.training).steps_done == 2
