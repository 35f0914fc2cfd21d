"""Training at text scale (issue 16): learning-rate schedules, a held-out part with a validation
loss and the best weights kept, and a text read in order with the state carried across chunks."""
import math

import numpy as np
import pytest

from lstm_studio.engine import Readout, build_network
from lstm_studio.engine.refusal import Refusal
from lstm_studio.engine.schedules import check_schedule, scheduled_lr
from lstm_studio.engine.tasks import make_task
from lstm_studio.engine.training import Trainer, TrainingConfig

TEXT = "the quick brown fox jumps over the lazy dog. " * 12


def text_trainer(kind="lstm", hidden=5, text=TEXT, seq_len=8, bidirectional=False, **config):
    task = make_task("next_char", text=text, seq_len=seq_len)
    V = task.input_size
    net = build_network(kind, V, hidden, seed=1, bidirectional=bidirectional)
    readout = Readout(net.num_directions * hidden, V, seed=2)
    options = dict(optimizer="sgd", lr=0.1, batch_size=3, seed=4) | config
    return Trainer(net, readout, task, TrainingConfig(**options))


def log_softmax(y):
    shifted = y - y.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


# -- schedules ----------------------------------------------------------------------------------
def test_schedules_follow_pytorchs_definitions():
    assert [scheduled_lr(0.1, "constant", k, 3) for k in range(4)] == [0.1] * 4
    # StepLR(step_size=3, gamma=0.5)
    np.testing.assert_allclose([scheduled_lr(0.1, "step", k, 3, 0.5) for k in range(7)],
                               [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025])
    # CosineAnnealingWarmRestarts(T_0=4, eta_min=0): 0.1·½(1+cos(πk/4)), restarting at k = 4
    np.testing.assert_allclose([scheduled_lr(0.1, "cosine", k, 4) for k in range(6)],
                               [0.1, 0.0853553390593, 0.05, 0.0146446609407, 0.1, 0.0853553390593])


@pytest.mark.parametrize("schedule, period, decay, match", [
    ("linear", 10, 0.5, "schedule"), ("step", 0, 0.5, "period"), ("step", 2.5, 0.5, "period"),
    ("step", 10, 0.0, "decay"), ("step", 10, 1.0, "decay"), ("cosine", True, 0.5, "period")])
def test_a_schedule_it_cannot_follow_is_refused_by_name(schedule, period, decay, match):
    with pytest.raises(ValueError, match=match):
        check_schedule(schedule, period, decay)
    with pytest.raises(ValueError, match=match):
        TrainingConfig(schedule=schedule, schedule_period=period, decay=decay)


def test_each_step_uses_its_scheduled_rate_and_the_base_rate_stays():
    trainer = text_trainer(schedule="step", schedule_period=2, decay=0.25, lr=0.2)
    for k in range(5):
        before = {name: value.copy() for name, value in trainer.network.parameters().items()}
        x, target, steps = trainer.batch(k)
        from lstm_studio.engine import evaluate
        grads = evaluate(trainer.network, trainer.readout, x, target, loss="cross_entropy").grads
        trainer.step()
        rate = 0.2 * 0.25 ** (k // 2)
        for name, value in trainer.network.parameters().items():  # plain SGD: w − rate · g
            np.testing.assert_allclose(value, before[name] - rate * grads[name], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(trainer.history["lr"], [0.2, 0.2, 0.05, 0.05, 0.0125])
    assert trainer.lr == 0.2 and trainer.optimizer.lr == 0.2


# -- a held-out part ----------------------------------------------------------------------------
def test_training_never_reads_the_held_out_text():
    text = "ab" * 200 + "cd" * 50  # the last fifth holds the only c and d
    trainer = text_trainer(text=text, validation=0.2)
    c, d = trainer.task.vocabulary.index("c"), trainer.task.vocabulary.index("d")
    for k in range(200):
        x, target, _ = trainer.batch(k)
        assert not x[..., [c, d]].any() and not np.isin(target, [c, d]).any()
    held = trainer.data.held_out()
    assert sum(batch.x[..., [c, d]].sum() for batch in held) > 0


@pytest.mark.parametrize("stateful", [False, True])
def test_the_validation_loss_is_the_mean_cross_entropy_over_the_held_out_text(stateful):
    """Recomputed here: the held-out text (the last 13 characters, one stream, chunks of 8) read
    in chunks from zeros — or, carrying the state, in one pass."""
    text = TEXT[:-13] + "lazy dog. the"
    trainer = text_trainer(text=text, validation=13 / len(text), stateful=stateful)
    held = text[-13:]
    codes = np.array([trainer.task.vocabulary.index(ch) for ch in held])
    x = np.eye(trainer.task.input_size)[codes[:-1]]
    if stateful:
        pieces = [trainer.network.forward(x).output]
    else:
        pieces = [trainer.network.forward(x[a:a + 8]).output for a in range(0, 12, 8)]
    y = trainer.readout.forward(np.concatenate(pieces))
    expected = -np.mean(log_softmax(y)[np.arange(12), codes[1:]])
    assert trainer.validation_loss() == pytest.approx(expected, rel=1e-12)


def test_a_validation_every_few_steps_and_the_best_weights_kept():
    trainer = text_trainer(validation=0.2, validate_every=2, lr=0.5)
    records = trainer.run(8)
    measured = [r.val_loss for r in records]
    assert [math.isnan(v) for v in measured] == [True, False] * 4
    best_step = min(range(1, 8, 2), key=lambda k: measured[k]) + 1
    assert trainer.best[0] == best_step and trainer.best[1] == min(measured[1::2])
    np.testing.assert_array_equal(np.isnan(trainer.history["val_loss"]), [True, False] * 4)
    best = {name: value.copy() for name, value in trainer.best[2].items()}
    trainer.run(1)
    assert trainer.restore_best() == best_step
    for name, value in trainer.network.parameters().items():
        np.testing.assert_array_equal(value, best[f"network.{name}"])
    assert trainer.validation_loss() == pytest.approx(min(measured[1::2]), rel=1e-12)


def test_no_best_weights_before_a_validation():
    with pytest.raises(ValueError, match="validation"):
        text_trainer().restore_best()


def test_a_generated_task_holds_out_a_fixed_set_of_its_own():
    task = make_task("adding", seq_len=10)
    net = build_network("gru", task.input_size, 4, seed=1)
    trainer = Trainer(net, Readout(4, task.output_size, seed=2), task,
                      TrainingConfig(batch_size=4, validation=0.1, validate_every=1))
    held = trainer.data.held_out()
    assert len(held) == 1 and held[0].x.shape[1] == 128
    assert not any(np.array_equal(held[0].x[:, :4], trainer.batch(k)[0]) for k in range(5))
    first = trainer.validation_loss()
    assert trainer.validation_loss() == first and trainer.data.held_out()[0] is held[0]
    assert np.isfinite(trainer.run(1)[0].val_loss)


# -- a text read in order -----------------------------------------------------------------------
def test_chunks_follow_each_other_in_every_stream_and_the_pass_starts_again():
    trainer = text_trainer(stateful=True)
    data = trainer.data
    S, T = len(TEXT) // 3, 8
    assert data.stream_length == S and data.chunks == (S - 1) // T
    for k in range(data.chunks + 2):
        x, target, _ = trainer.batch(k)
        chunk = k % data.chunks
        assert data.batch(k).carry == (chunk > 0)
        for b in range(3):
            read = "".join(trainer.task.vocabulary[i] for i in np.argmax(x[:, b], axis=1))
            assert read == TEXT[b * S + chunk * T: b * S + chunk * T + T]
            assert trainer.task.vocabulary[target[-1, b]] == TEXT[b * S + chunk * T + T]


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn_tanh"])
def test_each_chunk_starts_from_the_state_the_previous_one_ended_in(kind):
    """A chunk's gradient with the carried state equals one computed here from the final state
    of the previous chunk's forward pass (weights before that step's update); chunk 0 of the
    next pass starts from zeros."""
    from lstm_studio.engine import evaluate
    trainer = text_trainer(kind=kind, stateful=True, optimizer="sgd", lr=0.05)
    weights = {name: value.copy() for name, value in trainer.network.parameters().items()}
    x0, _, _ = trainer.batch(0)
    trainer.step()
    net = build_network(kind, trainer.task.input_size, 5)
    net.load_parameters(weights)
    ended = net.forward(x0)
    np.testing.assert_array_equal(trainer.carried[0], ended.h_n)
    if ended.c_n is not None:
        np.testing.assert_array_equal(trainer.carried[1], ended.c_n)
    before = {name: value.copy() for name, value in trainer.network.parameters().items()}
    net.load_parameters(before)
    x1, t1, _ = trainer.batch(1)
    expected = evaluate(net, trainer.readout, x1, t1, loss="cross_entropy", h0=ended.h_n, c0=ended.c_n).grads
    trainer.step()
    for name, value in trainer.network.parameters().items():
        np.testing.assert_allclose(value, before[name] - 0.05 * expected[name], rtol=1e-12, atol=1e-15)
    trainer.steps_done = trainer.data.chunks  # the next pass: from zeros again
    assert not trainer.data.batch(trainer.steps_done).carry


def test_resuming_a_stateful_scheduled_validated_run_is_bit_identical():
    options = dict(stateful=True, validation=0.15, validate_every=2, schedule="cosine",
                   schedule_period=3, optimizer="adam", lr=0.02)
    whole = text_trainer(**options)
    whole.run(7)
    first = text_trainer(**options)
    first.run(4)
    state = first.state_dict()
    assert state["carried/h"].shape == (1, 3, 5) and state["carried/c"].shape == (1, 3, 5)
    second = text_trainer(**options)
    second.load_state_dict(state)
    second.run(3)
    a, b = whole.state_dict(), second.state_dict()
    assert a.keys() == b.keys()
    for key in a:
        np.testing.assert_array_equal(a[key], b[key], err_msg=key)


def test_refusals_name_what_does_not_fit():
    with pytest.raises(Refusal, match="bidirectional"):
        text_trainer(stateful=True, bidirectional=True)
    task = make_task("adding", seq_len=10)
    net = build_network("lstm", task.input_size, 4)
    with pytest.raises(Refusal, match="text to read in order"):
        Trainer(net, Readout(4, 1), task, TrainingConfig(stateful=True))
    with pytest.raises(Refusal, match="fewer than two characters"):
        text_trainer(validation=0.001)
    with pytest.raises(Refusal, match="left to train on"):
        text_trainer(text="abcabcabcabcab", validation=0.5, seq_len=8)
    with pytest.raises(Refusal, match="streams"):
        text_trainer(text="ab" * 20, stateful=True, batch_size=8)
    for bad in (dict(validation=1.0), dict(validation=-0.1), dict(validate_every=0), dict(stateful=1)):
        with pytest.raises(ValueError):
            TrainingConfig(**bad)


def test_one_fixed_sequence_has_nothing_to_hold_out():
    from lstm_studio.engine.tasks import Task

    class OneSequence(Task):
        name, title, loss, draws_sequences = "one", "one", "mse", False
        input_size = output_size = 1

        def _sample(self, T, N, rng):
            return np.zeros((T, N, 1)), np.zeros((T, N, 1))

    task = OneSequence(seq_len=5)
    net = build_network("gru", 1, 3)
    with pytest.raises(Refusal, match="nothing to hold out"):
        Trainer(net, Readout(3, 1), task, TrainingConfig(validation=0.1))
    Trainer(net, Readout(3, 1), task, TrainingConfig())  # without validation it trains
