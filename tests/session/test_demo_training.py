"""The demo's training (session/demos.py, no Qt) with a budget of a few steps: the sentence task,
the demo sentence, and the session it builds, each against the engine's own trainer. The full
run that regenerates the shipped demo is the slow test of tests/test_demos.py."""

import numpy as np
import pytest

from lstm_studio.engine import Readout, build_network
from lstm_studio.engine.training import Trainer, TrainingConfig
from lstm_studio.session import demos
from lstm_studio.session.document import evaluate_document


def test_the_sentence_task_asks_at_the_last_step_for_the_first_word():
    task = demos.FirstWordTask(seq_len=6)
    assert (task.input_size, task.output_size, task.loss, task.seq_len) == (2, 1, "mse", 6)
    assert demos.FirstWordTask().seq_len == 30
    x, target, steps = task.generate(64, np.random.default_rng(3))
    np.testing.assert_array_equal(steps, [5])
    assert set(np.unique(x[0, :, 0])) == {-1.0, 1.0} and np.all(x[1:, :, 0] == 0)
    assert np.all(np.abs(x[:, :, 1]) <= 0.5) and x[:, :, 1].min() < -0.4 and x[:, :, 1].max() > 0.4
    np.testing.assert_array_equal(target[-1, :, 0], x[0, :, 0])
    assert np.all(target[:-1] == 0) and target.shape == (6, 64, 1)


def test_the_demo_sentence_is_moscow_first_then_other_words():
    x, target = demos.moscow_sentence()
    assert x.shape == (30, 2) and target.shape == (30, 1)
    np.testing.assert_array_equal(x[:, 0], [1.0] + [0.0] * 29)
    np.testing.assert_array_equal(x[:, 1], np.random.default_rng(1).uniform(-0.5, 0.5, 30))
    np.testing.assert_array_equal(target[:, 0], [0.0] * 29 + [1.0])
    other, _ = demos.moscow_sentence(2)
    assert not np.array_equal(other[:, 1], x[:, 1])


@pytest.mark.parametrize("seed", [0, 3])
def test_the_demo_session_is_the_trained_lstm_on_the_sentence(seed):
    doc = demos.train_moscow_demo(steps=3, seed=seed)
    network = build_network("lstm", 2, 8, seed=seed, forget_bias=2.0)
    readout = Readout(8, 1, seed=seed)
    trainer = Trainer(network, readout, demos.FirstWordTask(),
                      TrainingConfig(optimizer="adam", lr=0.01, batch_size=32, clip_norm=1.0, seed=seed))
    records = trainer.run(3)
    for name, value in network.parameters().items():
        np.testing.assert_array_equal(doc.parameters[name], value)
    np.testing.assert_array_equal(doc.readout["weight"], readout.parameters()["weight"])
    assert doc.config == demos.MOSCOW_CONFIG and doc.seed == seed
    x, target = demos.moscow_sentence()
    np.testing.assert_array_equal(doc.inputs, x)
    np.testing.assert_array_equal(doc.targets, target)
    np.testing.assert_array_equal(doc.loss_mask, [False] * 29 + [True])
    assert doc.training == {"optimizer": "adam", "lr": 0.01, "momentum": 0.0, "batch_size": 1, "seed": seed,
                            "steps": 300}
    np.testing.assert_array_equal(doc.history["step"], [1, 2, 3])
    np.testing.assert_allclose(doc.history["loss"], [r.loss for r in records])
    assert doc.view.display_mode == "whole" and doc.view.time_step == 29
    dc_first = evaluate_document(doc).grads.dc[0][0][0, 0]
    assert doc.view.unit == int(np.argmax(np.abs(dc_first)))
