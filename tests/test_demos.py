"""The built-in Moscow demo is a trained LSTM that really carries its first word to the end (no Qt)."""

import numpy as np
import pytest

from lstm_studio.session.demos import MOSCOW_CONFIG, demo_path, moscow_demo, train_moscow_demo
from lstm_studio.session.document import evaluate_document, reconfigured


@pytest.fixture(scope="module")
def demo():
    doc = moscow_demo()
    return doc, evaluate_document(doc)


def g(ev):
    return np.linalg.norm(ev.grads.dh[0][0][:, 0], axis=-1)


def test_demo_is_the_shipped_session_of_the_sentence(demo):
    doc, _ = demo
    assert demo_path().is_file()
    assert doc.config == MOSCOW_CONFIG
    assert doc.inputs[0, 0] == 1.0 and np.all(doc.inputs[1:, 0] == 0.0)
    assert doc.loss_mask.tolist() == [False] * (doc.config.seq_len - 1) + [True]
    assert doc.targets[-1, 0] == 1.0
    assert doc.view.display_mode == "whole" and doc.view.time_step == doc.config.seq_len - 1


def test_the_answer_comes_from_the_first_word(demo):
    doc, ev = demo
    assert ev.y[-1, 0] == pytest.approx(1.0, abs=0.05) and ev.loss < 1e-3
    paris = doc.copy()
    paris.inputs[0, 0] = -1.0  # "Paris" instead of "Moscow": the answer follows
    assert evaluate_document(paris).y[-1, 0] == pytest.approx(-1.0, abs=0.1)


def test_every_weight_is_learned_and_live(demo):
    doc, _ = demo
    for name, value in doc.parameters.items():
        assert np.all(np.any(value != 0, axis=-1)), f"{name} has a row of zeros"
    assert len(doc.history["loss"]) > 0 and doc.history["loss"][-1] < 0.01


def test_the_gradient_reaches_t1_and_an_rnn_in_its_place_loses_it(demo):
    doc, ev = demo
    norms = g(ev)
    assert np.all(norms > 0)  # no step without gradient (the old hand-set demo had zeros)
    lstm_ratio = norms[0] / norms[-1]
    rnn = evaluate_document(reconfigured(doc, kind="rnn_tanh"))
    rnn_ratio = g(rnn)[0] / g(rnn)[-1]
    assert rnn_ratio < 1e-6 and lstm_ratio > 1e3 * rnn_ratio


def test_shutting_the_forget_gate_makes_it_forget(demo):
    doc, _ = demo
    shut = doc.copy()
    hidden = doc.config.hidden_size
    shut.parameters["bias_ih_l0"][hidden:2 * hidden] = -20.0
    shut.parameters["bias_hh_l0"][hidden:2 * hidden] = 0.0
    flipped = shut.copy()
    flipped.inputs[0, 0] = -1.0
    assert abs(evaluate_document(shut).y[-1, 0] - evaluate_document(flipped).y[-1, 0]) < 1e-6


@pytest.mark.slow
def test_the_script_regenerates_the_shipped_demo(demo):
    doc, _ = demo
    again = train_moscow_demo()
    assert again.config == doc.config and again.view == doc.view
    for name in doc.parameters:
        np.testing.assert_allclose(again.parameters[name], doc.parameters[name], rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(again.inputs, doc.inputs)
