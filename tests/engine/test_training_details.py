"""Details of the Trainer's schedules, held-out part and state carried across chunks that the
broader tests in test_long_text_training.py leave open (found by mutation testing, issue 17)."""
import numpy as np
import pytest

from lstm_studio.engine import Readout, build_network
from lstm_studio.engine.tasks import make_task
from lstm_studio.engine.training import Trainer, TrainingConfig

TEXT = "the quick brown fox jumps over the lazy dog. " * 12


def text_trainer(kind="lstm", hidden=5, text=TEXT, seq_len=8, **config):
    task = make_task("next_char", text=text, seq_len=seq_len)
    net = build_network(kind, task.input_size, hidden, seed=1)
    readout = Readout(hidden, task.input_size, seed=2)
    options = dict(optimizer="sgd", lr=0.1, batch_size=3, seed=4) | config
    return Trainer(net, readout, task, TrainingConfig(**options))


@pytest.mark.parametrize("kind, keys", [("lstm", {"carried/h", "carried/c"}), ("gru", {"carried/h"})])
def test_before_the_first_chunk_the_carried_state_is_saved_empty_and_read_back_as_none(kind, keys):
    trainer = text_trainer(kind=kind, stateful=True)
    state = trainer.state_dict()
    assert {key for key in state if key.startswith("carried/")} == keys
    assert all(state[key].size == 0 for key in keys)
    other = text_trainer(kind=kind, stateful=True)
    other.run(2)
    other.load_state_dict(state)
    assert other.carried is None and other.steps_done == 0
    trainer.run(2)
    state = trainer.state_dict()
    assert state["carried/h"].shape == (1, 3, 5)
    fresh = text_trainer(kind=kind, stateful=True)
    fresh.load_state_dict(state)
    np.testing.assert_array_equal(fresh.carried[0], trainer.carried[0])
    assert (fresh.carried[1] is None) == (kind == "gru")


def test_without_reading_in_order_nothing_is_carried_or_saved():
    trainer = text_trainer()
    trainer.run(2)
    assert trainer.carried is None
    assert not any(key.startswith("carried/") for key in trainer.state_dict())


def test_the_rate_of_each_step_follows_the_schedule_and_the_records_say_so():
    trainer = text_trainer(schedule="cosine", schedule_period=4, lr=0.2)
    records = trainer.run(5)
    expected = [0.2 * 0.5 * (1 + np.cos(np.pi * (k % 4) / 4)) for k in range(5)]
    np.testing.assert_allclose([r.lr for r in records], expected, rtol=1e-12)
    assert [trainer.lr_at(k) for k in range(5)] == [r.lr for r in records]
    assert trainer.optimizer.lr == 0.2


def test_the_best_weights_are_the_first_of_equal_validation_losses_and_never_a_worse_one():
    trainer = text_trainer(validation=0.2, validate_every=1, lr=0.3)
    trainer.run(1)
    first = trainer.best
    assert first[0] == 1 and first[1] == trainer.history["val_loss"][0]
    trainer.best = (first[0], first[1] - 1.0, first[2])  # a best no step can beat
    trainer.run(1)
    assert trainer.best[0] == 1
    twin = text_trainer(validation=0.2, validate_every=1, lr=0.3)
    twin.run(3)
    tie = twin.history["val_loss"][2]  # what step 3 will measure
    trainer.best = (first[0], tie, first[2])
    trainer.run(1)
    assert trainer.history["val_loss"][2] == tie and trainer.best[0] == 1  # a tie is no improvement


def test_without_a_held_out_part_the_validation_loss_is_nan_and_no_best_is_kept():
    trainer = text_trainer(validate_every=1)
    records = trainer.run(2)
    assert np.isnan(trainer.validation_loss()) and all(np.isnan(r.val_loss) for r in records)
    assert trainer.best is None


def test_the_new_settings_are_refused_by_name():
    for bad, message in [(dict(validation=1.0), "validation must be in [0, 1), got 1.0"),
                         (dict(stateful="yes"), "stateful must be True or False, got 'yes'")]:
        with pytest.raises(ValueError) as refused:
            TrainingConfig(**bad)
        assert str(refused.value) == message
    with pytest.raises(ValueError, match="validate every"):
        TrainingConfig(validate_every=0)


from lstm_studio.engine import evaluate  # noqa: E402
from lstm_studio.engine import training as training_module  # noqa: E402
from lstm_studio.engine.losses import mse_loss  # noqa: E402
from lstm_studio.engine.training import TrainingDiverged, _loss_step_count  # noqa: E402


def test_the_loss_step_count_is_all_steps_a_masks_true_ones_or_the_indices():
    assert _loss_step_count(None, 7) == 7
    assert _loss_step_count(np.array([False, True, True, False]), 4) == 2
    assert _loss_step_count(np.array([3, 5]), 6) == 2
    assert _loss_step_count([0], 6) == 1


def test_a_generated_tasks_validation_loss_counts_only_its_loss_steps():
    task = make_task("adding", seq_len=10)
    net = build_network("gru", task.input_size, 4, seed=1)
    trainer = Trainer(net, Readout(4, task.output_size, seed=2), task,
                      TrainingConfig(batch_size=4, validation=0.1, validate_every=1))
    held = trainer.data.held_out()[0]
    y = trainer.readout.forward(net.forward(held.x).output)
    expected = float(mse_loss(y, held.target, task.loss_steps(10))[0])
    assert trainer.validation_loss() == pytest.approx(expected, rel=1e-12)


def test_a_new_pass_over_the_text_starts_from_zeros_again():
    """Chunk 0 of the second pass does not carry the state the last chunk of the first ended in."""
    trainer = text_trainer(stateful=True, lr=0.05)
    trainer.run(trainer.data.chunks)
    assert trainer.carried is not None
    before = {name: value.copy() for name, value in trainer.network.parameters().items()}
    x, target, _ = trainer.batch(trainer.steps_done)
    expected = evaluate(trainer.network, trainer.readout, x, target, loss="cross_entropy").grads
    trainer.step()
    for name, value in trainer.network.parameters().items():
        np.testing.assert_allclose(value, before[name] - 0.05 * expected[name], rtol=1e-12, atol=1e-15)


def test_a_loaded_carried_state_takes_the_networks_precision():
    trainer = text_trainer(stateful=True)
    trainer.run(1)
    state = trainer.state_dict()
    task = make_task("next_char", text=TEXT, seq_len=8)
    net = build_network("lstm", task.input_size, 5, seed=1, dtype=np.float32)
    single = Trainer(net, Readout(5, task.input_size, seed=2, dtype=np.float32), task,
                     TrainingConfig(optimizer="sgd", lr=0.1, batch_size=3, seed=4, stateful=True))
    single.load_state_dict(state)
    assert single.carried[0].dtype == np.float32 and single.carried[1].dtype == np.float32


def test_an_infinite_loss_is_divergence_even_with_a_finite_gradient(monkeypatch):
    trainer = text_trainer()
    real = training_module.evaluate

    def infinite_loss(*args, **kwargs):
        ev = real(*args, **kwargs)
        ev.loss = float("inf")
        return ev

    monkeypatch.setattr(training_module, "evaluate", infinite_loss)
    before = {name: value.copy() for name, value in trainer.network.parameters().items()}
    with pytest.raises(TrainingDiverged, match="the loss is inf"):
        trainer.step()
    assert trainer.steps_done == 0
    for name, value in trainer.network.parameters().items():
        np.testing.assert_array_equal(value, before[name])


def test_weights_beyond_the_limit_are_refused_naming_the_limit():
    trainer = text_trainer(lr=10.0)
    trainer.weight_limit = 2.5
    with pytest.raises(TrainingDiverged) as diverged:
        for _ in range(50):
            trainer.step()
    assert "the weights grew beyond ±2.5. Lower the learning rate (now 10)" in str(diverged.value)


def test_more_refusals_are_whole_messages():
    with pytest.raises(ValueError) as refused:
        TrainingConfig(validate_every=0)
    assert str(refused.value) == "validate every must be an integer >= 1, got 0"
    with pytest.raises(ValueError) as refused:
        text_trainer().restore_best()
    assert str(refused.value) == "no validation loss has been measured yet"


def test_from_preset_seeds_with_zero_by_default():
    task = make_task("adding", seq_len=10)
    default, zero = Trainer.from_preset(task), Trainer.from_preset(task, seed=0)
    for name, value in default.network.parameters().items():
        np.testing.assert_array_equal(value, zero.network.parameters()[name])
    assert default.config.seed == 0


def test_from_preset_with_an_unknown_kind_is_refused_by_build_network_naming_the_kinds():
    with pytest.raises(ValueError, match="unknown network kind 'bogus'; choose one of"):
        Trainer.from_preset(make_task("adding", seq_len=10), kind="bogus")
