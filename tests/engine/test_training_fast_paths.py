"""The shortcuts of a training step give the same numbers as the general computation."""

import numpy as np
import pytest

from lstm_studio.engine import build_network
from lstm_studio.engine import network as network_module
from lstm_studio.engine.one_hot import one_hot_indices


def one_hot(indices, size):
    return np.eye(size)[indices]


def test_one_hot_indices_finds_the_ones():
    indices = np.array([3, 0, 4, 4, 1])
    assert one_hot_indices(one_hot(indices, 5)).tolist() == indices.tolist()


@pytest.mark.parametrize("rows", [
    [[1, 0, 0], [0, 0.5, 0]],       # not exactly 1
    [[1, 1, 0], [0, 0, 0]],         # two ones in a row, none in the other
    [[1, -1, 0], [0, 0, 0]],
    [[2, 0, 0], [0, 1, 0]],
    [[0, 0, 0], [0, 0, 0]],
])
def test_one_hot_indices_refuses_other_inputs(rows):
    assert one_hot_indices(np.array(rows, dtype=float)) is None


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn_tanh"])
def test_forward_and_backward_of_a_one_hot_input_match_the_products(kind, monkeypatch):
    net = build_network(kind, 7, 5, num_layers=2, seed=3)
    x = one_hot(np.random.default_rng(0).integers(0, 7, (9, 4)), 7)
    d_output = np.random.default_rng(1).standard_normal((9, 4, 5))
    fast = net.forward(x)
    fast_grads = net.backward(fast, d_output)
    monkeypatch.setattr(network_module, "one_hot_indices", lambda flat: None)
    slow = net.forward(x)
    slow_grads = net.backward(slow, d_output)
    np.testing.assert_array_equal(fast.output, slow.output)
    for name, value in slow_grads.items():
        np.testing.assert_array_equal(fast_grads[name], value, err_msg=name)


def test_backward_without_the_input_gradient_gives_the_same_parameter_gradients():
    net = build_network("lstm", 6, 4, num_layers=2, seed=1)
    x = np.random.default_rng(0).standard_normal((8, 3, 6))
    trace = net.forward(x)
    d_output = np.ones_like(trace.output)
    full = net.backward(trace, d_output)
    lean = net.backward(trace, d_output, input_gradient=False)
    assert "input" in full and "input" not in lean
    for name in net.parameter_shapes():
        np.testing.assert_array_equal(lean[name], full[name], err_msg=name)
    np.testing.assert_array_equal(lean["h0"], full["h0"])


def test_a_text_is_encoded_as_the_index_of_each_character_in_the_vocabulary():
    from lstm_studio.engine.tasks import NextCharacter
    text = "héllo wörld 🙂\nhello 🙂"
    vocabulary = "".join(sorted(set(text), reverse=True))  # an order of its own
    task = NextCharacter(seq_len=5, text=text, vocabulary=vocabulary)
    assert task.encoded.tolist() == [vocabulary.index(ch) for ch in text]
    assert task.encoded.dtype == np.int64
    default = NextCharacter(seq_len=5, text=text)
    assert default.encoded.tolist() == [default.vocabulary.index(ch) for ch in text]


@pytest.mark.parametrize("kind", ["lstm", "peephole_lstm", "lstm_nofg", "gru", "rnn_tanh"])
def test_an_evaluation_in_work_arrays_gives_the_same_numbers(kind):
    from lstm_studio.engine import Readout, evaluate
    net = build_network(kind, 5, 4, num_layers=2, bidirectional=True, seed=2)
    readout = Readout(8, 3, seed=1)
    rng = np.random.default_rng(0)
    x, target = rng.standard_normal((6, 3, 5)), rng.integers(0, 3, (6, 3))
    plain = evaluate(net, readout, x, target, loss="cross_entropy", truncate=4)
    for _ in range(2):  # the second evaluation reuses the first one's arrays
        reused = evaluate(net, readout, x, target, loss="cross_entropy", truncate=4, reuse=True)
        assert reused.loss == plain.loss
        np.testing.assert_array_equal(reused.trace.output, plain.trace.output)
        for name, value in plain.grads.items():
            np.testing.assert_array_equal(reused.grads[name], value, err_msg=name)
        for layer in range(2):
            for direction in range(2):
                np.testing.assert_array_equal(reused.grads.dh[layer][direction],
                                              plain.grads.dh[layer][direction])
