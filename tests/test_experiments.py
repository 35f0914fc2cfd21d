"""Experiments logic (no Qt): task sessions, trainers that continue them, the RNN/LSTM/GRU numbers."""

import numpy as np
import pytest

from lstm_studio.engine import evaluate
from lstm_studio.engine.tasks import TASKS, make_task
from lstm_studio.engine.training import Trainer
from lstm_studio.session.demos import moscow_demo
from lstm_studio.session.document import BpttSettings
from lstm_studio.session.experiments import (
    COMPARE_FORGET_BIAS,
    COMPARE_KINDS,
    BPTT_KEYS,
    TRAINING_KEYS,
    SWEEP_LENGTHS,
    SWEEP_TASKS,
    CurrentSequence,
    chance_accuracy,
    compare_trainers,
    decay_rate,
    default_settings,
    document_network,
    gradient_decay,
    gradient_decay_of,
    held_out_accuracy,
    history_with,
    length_sweep,
    run_settings,
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
    assert set(TRAINING_KEYS) <= set(doc.training) and doc.training["seed"] == 3
    assert not set(BPTT_KEYS) & set(doc.training)  # truncation and clipping live in doc.bptt only
    assert doc.training["steps"] == task.preset["steps"]
    assert doc.bptt == BpttSettings(**{key: task.preset.get(key) for key in BPTT_KEYS})
    assert trainer_for(doc).config.clip_norm == task.preset["clip_norm"]
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


def test_a_run_beyond_the_memory_it_may_take_is_refused_before_it_takes_any(monkeypatch):
    """Batches of 1024 sequences of 2000 steps at 512 units: hundreds of GB. Such a run would be
    stopped by the system, the session with it; it is refused with the estimate instead."""
    from lstm_studio.engine import Readout, build_network, cost
    from lstm_studio.engine.refusal import Refusal
    from lstm_studio.session import experiments
    from lstm_studio.session.document import NetworkConfig, new_document

    monkeypatch.setattr(experiments, "physical_memory", lambda: 16 * 10**9)  # 8 GB for a run
    doc = new_document(NetworkConfig(hidden_size=512, seq_len=2000))
    sizes = dict(kind="lstm", input_size=1, hidden_size=512, num_layers=1, num_directions=1,
                 output_size=1)
    network, readout = build_network("lstm", 1, 512), Readout(512, 1)
    weights = sum(v.nbytes for v in network.parameters().values()) + \
        sum(v.nbytes for v in readout.parameters().values())
    # a batch's evaluation, the trainer's copy and Adam's two moments, and the session's recompute
    expected = cost.estimate_bytes(steps=2000, batch=1024, **sizes) + 3 * weights + \
        cost.estimate_session_bytes(steps=2000, **sizes)
    assert expected > 100 * 10**9
    assert experiments.training_bytes(doc.config, 1024) == expected
    with pytest.raises(Refusal) as refused:
        trainer_for(doc, doc.training | {"batch_size": 1024})
    assert str(refused.value) == (
        f"Training this network on batches of 1024 sequences would need about {expected / 1e9:.2f} GB "
        "of memory, more than the 8.00 GB allowed (half of this computer's). Use smaller batches, "
        "fewer steps or fewer units.")
    assert trainer_for(doc, doc.training | {"batch_size": 8})  # 1.6 GB: within


def test_a_run_may_take_exactly_half_the_machines_memory(monkeypatch):
    from lstm_studio.engine.refusal import Refusal
    from lstm_studio.session import experiments
    from lstm_studio.session.document import NetworkConfig

    config = NetworkConfig(hidden_size=64, seq_len=50)
    size = experiments.training_bytes(config, 16)
    monkeypatch.setattr(experiments, "physical_memory", lambda: 2 * size)
    assert experiments.training_refusal(config, 16) is None
    monkeypatch.setattr(experiments, "physical_memory", lambda: 2 * size - 2)
    assert isinstance(experiments.training_refusal(config, 16), Refusal)


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


def test_the_comparisons_forget_gate_bias_is_a_choice():
    task = make_task("temporal_order", seq_len=30)  # the comparison's default
    plain = compare_trainers(task, hidden_size=8, forget_bias=None)
    one = compare_trainers(task, hidden_size=8, forget_bias=1.0)
    f_rows = slice(8, 16)
    assert np.all(one["lstm"].network.parameters()["bias_ih_l0"][f_rows] == 1.0)
    assert np.all(one["lstm"].network.parameters()["bias_hh_l0"][f_rows] == 0.0)
    # None: the f rows are drawn like every other bias, not the task preset's 2
    plain_bias = plain["lstm"].network.parameters()["bias_ih_l0"]
    assert np.all(np.abs(plain_bias) <= 1 / np.sqrt(8))
    for kind in ("rnn_tanh", "gru"):  # the other kinds do not change
        for name, value in plain[kind].network.parameters().items():
            np.testing.assert_array_equal(value, one[kind].network.parameters()[name])
    # the tester's numbers: after 29 steps back the LSTM keeps 7e-4 of the gradient with bias 1,
    # 7.6e-8 without
    kept = {fb: gradient_decay("lstm", task, 16, seed=0, forget_bias=fb).norm for fb in (None, 1.0)}
    assert kept[1.0][0] / kept[1.0][-1] == pytest.approx(7.0e-4, rel=0.05)
    assert kept[None][0] / kept[None][-1] == pytest.approx(7.6e-8, rel=0.05)


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
                "clip_norm": 3.0, "truncate": 5, "task_options": {}}
    settings = settings_of(training)
    assert settings["lr"] == defaults["lr"] and settings["steps"] == defaults["steps"]
    assert settings["momentum"] == defaults["momentum"]
    assert (settings["batch_size"], settings["optimizer"]) == (8, "sgd")
    assert set(settings) == set(TRAINING_KEYS)  # truncation and clipping are the document's bptt


def test_a_run_takes_truncation_and_clipping_from_the_documents_bptt():
    doc = task_document("adding")
    doc.training["clip_norm"] = 7.0  # a stray copy (a file of format 1.2 read without migration)
    doc.bptt = BpttSettings(truncate=4, clip_value=0.5)
    config = trainer_for(doc).config
    assert (config.truncate, config.clip_norm, config.clip_value) == (4, None, 0.5)
    assert run_settings(doc) == settings_of(doc.training) | {"truncate": 4, "clip_norm": None, "clip_value": 0.5}
    config = trainer_for(doc, {"clip_value": None, "lr": 0.5}).config  # explicit settings win
    assert (config.clip_value, config.lr, config.truncate) == (None, 0.5, 4)
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


# -- the length sweep -------------------------------------------------------------------------
def test_length_sweep_measures_every_kind_at_every_length():
    calls = []
    sweep = length_sweep(lengths=(10, 12), steps=3, seed=2, hidden_size=4,
                         progress=lambda s, done, total: calls.append((s.measured, done, total)))
    assert sweep.kinds == COMPARE_KINDS and sweep.lengths == (10, 12) and sweep.steps == 3
    assert sweep.accuracy.shape == (3, 2) and sweep.complete
    assert np.all((0.0 <= sweep.accuracy) & (sweep.accuracy <= 1.0))
    assert sweep.chance == 0.25 == chance_accuracy(make_task("temporal_order"))
    # progress after every step (3 x 3 x 2) and every point (6), ending at the total
    assert len(calls) == 18 + 6 and calls[-1] == (6, 18, 18)
    assert [measured for measured, _, _ in calls] == sorted(measured for measured, _, _ in calls)
    # the point of a kind at a length is the comparison's trainer trained that long
    trainer = compare_trainers(make_task("temporal_order", seq_len=12), 4, seed=2)["gru"]
    trainer.run(3)
    assert sweep.of("gru")[1] == held_out_accuracy(trainer.network, trainer.readout, trainer.task, 2)
    again = length_sweep(lengths=(10, 12), steps=3, seed=2, hidden_size=4)
    np.testing.assert_array_equal(again.accuracy, sweep.accuracy)  # deterministic


def test_length_sweep_passes_the_forget_gate_bias_and_the_task():
    plain = length_sweep(kinds=("lstm",), lengths=(5,), steps=2, hidden_size=4, forget_bias=None,
                         task="long_dependency", task_options={"n_symbols": 3})
    one = length_sweep(kinds=("lstm",), lengths=(5,), steps=2, hidden_size=4, forget_bias=1.0,
                       task="long_dependency", task_options={"n_symbols": 3})
    assert plain.forget_bias is None and one.forget_bias == 1.0
    assert plain.task == "long_dependency" and plain.chance == pytest.approx(1 / 3)
    trainer = compare_trainers(make_task("long_dependency", seq_len=5, n_symbols=3), 4,
                               kinds=("lstm",), forget_bias=None)["lstm"]
    trainer.run(2)
    assert plain.of("lstm")[0] == held_out_accuracy(trainer.network, trainer.readout, trainer.task)
    assert set(SWEEP_TASKS) <= set(TASKS)


def test_a_stopped_sweep_keeps_what_it_measured():
    asked = []

    def should_stop():
        asked.append(1)
        return len(asked) > 2 * 3 + 1  # two kinds done, the third stopped after one step

    sweep = length_sweep(lengths=(10, 11), steps=3, hidden_size=4, should_stop=should_stop)
    assert sweep.measured == 2 and not sweep.complete
    assert np.all(np.isfinite(sweep.accuracy[:2, 0])) and np.all(np.isnan(sweep.accuracy[2:, 0]))
    assert np.all(np.isnan(sweep.accuracy[:, 1]))
    assert sweep.longest_solved("gru") is None


def test_length_sweep_refuses_a_length_before_training():
    calls = []
    with pytest.raises(ValueError, match="sequence length"):
        length_sweep(lengths=(10, 3), steps=2, progress=lambda *a: calls.append(a))  # min 10 steps
    assert not calls


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_default_sweep_shows_the_rnn_forgetting_and_the_gated_cells_remembering(seed):
    """Measured (600 steps, H = 16, forget-gate bias 1), held-out accuracy at T = 10 .. 50:
    seed 0: RNN 1.00 1.00 0.69 0.52 0.20, LSTM 1.00 everywhere, GRU 1.00 everywhere;
    seed 1: RNN 1.00 1.00 0.60 0.24 0.28, LSTM and GRU 1.00 up to 40, then 0.28;
    seed 2: RNN 1.00 1.00 0.62 0.23 0.27, LSTM 1.00 up to 40 then 0.23, GRU 1.00 everywhere."""
    sweep = length_sweep(seed=seed)
    assert sweep.lengths == SWEEP_LENGTHS and sweep.complete
    rnn, lstm, gru = (sweep.of(kind) for kind in COMPARE_KINDS)
    assert rnn[0] > 0.9  # short: the RNN learns it too
    assert rnn[-1] < sweep.chance + 0.15  # longest: the RNN guesses
    remembered = [j for j in range(len(SWEEP_LENGTHS))
                  if rnn[j] < 0.7 and lstm[j] > 0.9 and gru[j] > 0.9]
    assert remembered, sweep.accuracy
