"""Hand-computed values from the course equations, and the textbook claims as tests."""

import math

import numpy as np
import pytest

from lstm_studio.engine import build_network


def sig(v):
    return 1 / (1 + math.exp(-v))


X = [0.7, -1.0, 2.0]
H0, C0 = 0.1, -0.2


def one_unit(kind, **extra):
    """A 1-unit network with fixed, distinct parameters (gate k uses row k)."""
    net = build_network(kind, 1, 1)
    rows = net.parameter_shapes()["bias_ih_l0"][0]
    values = {"weight_ih_l0": np.array([[0.3], [-0.6], [0.9], [0.4]])[:rows],
              "weight_hh_l0": np.array([[-0.5], [0.7], [0.2], [-0.8]])[:rows],
              "bias_ih_l0": np.array([0.1, 0.2, -0.3, 0.05])[:rows],
              "bias_hh_l0": np.array([-0.2, 0.15, 0.25, 0.1])[:rows]}
    values.update({name: np.array([v]) for name, v in extra.items()})
    net.load_parameters(values)
    return net, values


def affine(values, row, x, h):
    return (values["weight_ih_l0"][row, 0] * x + values["bias_ih_l0"][row]
            + values["weight_hh_l0"][row, 0] * h + values["bias_hh_l0"][row])


@pytest.mark.parametrize("kind,peepholes", [("lstm", {}), ("peephole_lstm",
                         {"weight_ci_l0": 0.3, "weight_cf_l0": -0.4, "weight_co_l0": 0.6})])
def test_one_unit_lstm_by_hand(kind, peepholes):
    net, values = one_unit(kind, **peepholes)
    w_ci, w_cf, w_co = (peepholes.get(f"weight_{p}_l0", 0.0) for p in ("ci", "cf", "co"))
    trace = net.forward(np.array(X)[:, None], np.array([[H0]]), np.array([[C0]]))
    lt = trace.layer(0, 0)
    h, c = H0, C0
    for t, x in enumerate(X):
        i = sig(affine(values, 0, x, h) + w_ci * c)
        f = sig(affine(values, 1, x, h) + w_cf * c)
        g = math.tanh(affine(values, 2, x, h))
        c = f * c + i * g
        o = sig(affine(values, 3, x, h) + w_co * c)
        h = o * math.tanh(c)
        for name, value in zip("ifgo", (i, f, g, o)):
            assert lt.gates[name][t, 0, 0] == pytest.approx(value, rel=1e-13)
        assert lt.c[t, 0, 0] == pytest.approx(c, rel=1e-13)
        assert lt.h[t, 0, 0] == pytest.approx(h, rel=1e-13)
        assert lt.extras["tanh_c"][t, 0, 0] == pytest.approx(math.tanh(c), rel=1e-13)
    assert trace.h_n[0, 0] == pytest.approx(h, rel=1e-13)
    assert trace.c_n[0, 0] == pytest.approx(c, rel=1e-13)


def test_one_unit_lstm_without_forget_gate_by_hand():
    net, values = one_unit("lstm_nofg")
    trace = net.forward(np.array(X)[:, None], np.array([[H0]]), np.array([[C0]]))
    lt = trace.layer(0, 0)
    h, c = H0, C0
    for t, x in enumerate(X):
        i = sig(affine(values, 0, x, h))
        g = math.tanh(affine(values, 1, x, h))
        o = sig(affine(values, 2, x, h))
        c = c + i * g
        h = o * math.tanh(c)
        for name, value in zip("igo", (i, g, o)):
            assert lt.gates[name][t, 0, 0] == pytest.approx(value, rel=1e-13)
        assert lt.c[t, 0, 0] == pytest.approx(c, rel=1e-13)
        assert lt.h[t, 0, 0] == pytest.approx(h, rel=1e-13)
    assert trace.c_n[0, 0] == pytest.approx(c, rel=1e-13)


def test_lstm_without_forget_gate_follows_its_equations():
    """c_t = c_{t−1} + i⊙g and h_t = o⊙tanh(c_t) in each layer and direction of a random net."""
    net = build_network("lstm_nofg", 3, 4, num_layers=2, bidirectional=True, seed=7)
    rng = np.random.default_rng(8)
    c0 = rng.standard_normal((4, 2, 4))
    trace = net.forward(rng.standard_normal((6, 2, 3)), rng.standard_normal((4, 2, 4)), c0)
    for layer in range(2):
        for direction in range(2):
            lt = trace.layer(layer, direction)
            assert tuple(lt.gates) == ("i", "g", "o")
            i, g, o = (lt.gates[name] for name in "igo")
            first = 0 if direction == 0 else -1
            np.testing.assert_array_equal(lt.c_prev[first], c0[2 * layer + direction])
            np.testing.assert_allclose(lt.c, lt.c_prev + i * g, rtol=1e-14, atol=1e-15)
            np.testing.assert_allclose(lt.h, o * np.tanh(lt.c), rtol=1e-14, atol=1e-15)
            np.testing.assert_allclose(i, 1 / (1 + np.exp(-lt.preactivations["i"])), rtol=1e-14)
            np.testing.assert_allclose(g, np.tanh(lt.preactivations["g"]), rtol=1e-14, atol=1e-15)


def test_lstm_with_forget_gate_stuck_open_is_the_1997_lstm():
    """An LSTM whose forget rows have weights 0 and bias +1e4 (σ = 1 exactly) computes the same
    outputs and gradients as ``lstm_nofg`` with its i, g, o rows."""
    nofg = build_network("lstm_nofg", 3, 4, num_layers=2, bidirectional=True, seed=3)
    lstm = build_network("lstm", 3, 4, num_layers=2, bidirectional=True)
    f_rows, kept = lstm.gate_slice("f"), np.r_[0:4, 8:16]  # lstm rows of i, g, o
    values = {}
    for name, value in nofg.parameters().items():
        full = np.zeros((16,) + value.shape[1:])
        full[kept] = value
        if name.startswith("bias_ih"):
            full[f_rows] = 1e4
        values[name] = full
    lstm.load_parameters(values)
    rng = np.random.default_rng(4)
    x, h0, c0 = (rng.standard_normal(shape) for shape in ((5, 2, 3), (4, 2, 4), (4, 2, 4)))
    a, b = nofg.forward(x, h0, c0), lstm.forward(x, h0, c0)
    assert np.all(b.layer(1, 1).gates["f"] == 1)
    np.testing.assert_allclose(a.output, b.output, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(a.c_n, b.c_n, rtol=1e-13, atol=1e-15)
    weight = rng.standard_normal(a.output.shape)
    ga, gb = nofg.backward(a, weight, truncate=3), lstm.backward(b, weight, truncate=3)
    for name in ga:
        expected = gb[name][kept] if name in values else gb[name]
        np.testing.assert_allclose(ga[name], expected, rtol=1e-12, atol=1e-14, err_msg=name)


def test_one_unit_gru_by_hand():
    net, values = one_unit("gru")
    trace = net.forward(np.array(X)[:, None], np.array([[H0]]))
    lt = trace.layer(0, 0)
    h = H0
    for t, x in enumerate(X):
        r = sig(affine(values, 0, x, h))
        z = sig(affine(values, 1, x, h))
        hn = values["weight_hh_l0"][2, 0] * h + values["bias_hh_l0"][2]
        pre_n = values["weight_ih_l0"][2, 0] * x + values["bias_ih_l0"][2] + r * hn
        n = math.tanh(pre_n)
        h = (1 - z) * n + z * h
        for name, value in zip("rzn", (r, z, n)):
            assert lt.gates[name][t, 0, 0] == pytest.approx(value, rel=1e-13)
        assert lt.extras["hn"][t, 0, 0] == pytest.approx(hn, rel=1e-13)
        assert lt.preactivations["n"][t, 0, 0] == pytest.approx(pre_n, rel=1e-13)
        assert lt.h[t, 0, 0] == pytest.approx(h, rel=1e-13)


@pytest.mark.parametrize("kind,act", [("rnn_tanh", math.tanh), ("rnn_relu", lambda v: max(v, 0))])
def test_one_unit_rnn_by_hand(kind, act):
    net, values = one_unit(kind)
    lt = net.forward(np.array(X)[:, None], np.array([[H0]])).layer(0, 0)
    h = H0
    for t, x in enumerate(X):
        h = act(affine(values, 0, x, h))
        assert lt.h[t, 0, 0] == pytest.approx(h, rel=1e-13, abs=1e-300)
        assert lt.gates["a"][t, 0, 0] == lt.h[t, 0, 0]


def test_zero_peepholes_equal_plain_lstm():
    plain = build_network("lstm", 3, 4, num_layers=2, bidirectional=True, seed=5)
    peephole = build_network("peephole_lstm", 3, 4, num_layers=2, bidirectional=True)
    values = plain.parameters()
    values.update({name: np.zeros(shape) for name, shape in peephole.parameter_shapes().items()
                   if name not in values})
    peephole.load_parameters(values)
    x = np.random.default_rng(0).standard_normal((6, 2, 3))
    a, b = plain.forward(x), peephole.forward(x)
    np.testing.assert_allclose(a.output, b.output, atol=1e-15)
    weight = np.ones_like(a.output)
    ga, gb = plain.backward(a, weight), peephole.backward(b, weight)
    for name in ga:
        np.testing.assert_allclose(ga[name], gb[name], atol=1e-14)


def lstm_with_gate_bias(gate, bias):
    net = build_network("lstm", 2, 3, seed=1)
    rows = net.gate_slice(gate)
    values = net.parameters()
    values["bias_ih_l0"][rows] = bias
    values["bias_hh_l0"][rows] = 0
    net.load_parameters(values)
    return net


def test_closed_forget_gate_makes_cell_forget_the_past():
    net = lstm_with_gate_bias("f", -1e4)
    rng = np.random.default_rng(2)
    x = rng.standard_normal((5, 2))
    h0 = rng.standard_normal((1, 3))
    first = net.forward(x, h0, c0=rng.standard_normal((1, 3))).layer(0, 0)
    second = net.forward(x, h0, c0=10 * rng.standard_normal((1, 3))).layer(0, 0)
    assert np.all(first.gates["f"] == 0)
    np.testing.assert_array_equal(first.c, first.gates["i"] * first.gates["g"])
    np.testing.assert_array_equal(first.c, second.c)  # c_t independent of c_{t-1}


def test_closed_input_gate_keeps_scaled_cell():
    net = lstm_with_gate_bias("i", -1e4)
    rng = np.random.default_rng(3)
    lt = net.forward(rng.standard_normal((5, 2)), c0=rng.standard_normal((1, 3))).layer(0, 0)
    assert np.all(lt.gates["i"] == 0)
    np.testing.assert_array_equal(lt.c, lt.gates["f"] * lt.c_prev)


def dh_norms_for_last_step_loss(net, x):
    trace = net.forward(x)
    weight = np.zeros(trace.output.shape)
    weight[-1] = 1.0
    dh = net.backward(trace, weight).dh[0][0]
    return np.linalg.norm(dh.reshape(len(x), -1), axis=1)


def test_cell_line_without_forget_gate_carries_the_gradient_undiminished():
    """The 1997 LSTM's constant error carousel: with c_t = c_{t−1} + i⊙g, dL/dc reaches the
    first of 60 steps no smaller than it left the last; an LSTM with f ≈ ½ halves it each step."""
    x = np.random.default_rng(5).standard_normal((60, 4))

    def dc_norms(net):
        trace = net.forward(x)
        weight = np.zeros(trace.output.shape)
        weight[-1] = 1.0
        dc = net.backward(trace, weight).dc[0][0]
        return np.linalg.norm(dc.reshape(len(x), -1), axis=1)

    nofg = dc_norms(build_network("lstm_nofg", 4, 16, seed=0))
    lstm = dc_norms(build_network("lstm", 4, 16, seed=0, forget_bias=0.0))
    assert nofg[0] >= 0.5 * nofg[-1]
    assert lstm[0] < 1e-10 * lstm[-1]


def test_lstm_gradient_decays_far_slower_than_vanilla_rnn():
    x = np.random.default_rng(4).standard_normal((60, 4))
    rnn = dh_norms_for_last_step_loss(build_network("rnn_tanh", 4, 16, seed=0), x)
    lstm = dh_norms_for_last_step_loss(build_network("lstm", 4, 16, seed=0, forget_bias=1.0), x)
    rnn_decay = rnn[0] / rnn[-1]
    lstm_decay = lstm[0] / lstm[-1]
    assert rnn_decay < 1e-10
    assert lstm_decay > 1e4 * rnn_decay


@pytest.mark.parametrize("kind", ["rnn_tanh", "rnn_relu", "lstm", "gru", "lstm_nofg"])
def test_every_preactivation_is_its_affine_map(kind):
    """The trace's pre-activations (the panels' "pre-activations" view) are W_ih x + b_ih +
    W_hh h + b_hh of every gate (for the GRU's n: W_in x + b_in + r ⊙ (W_hn h + b_hn)), and each
    gate is its activation of them."""
    from lstm_studio.engine import GATE_ACTIVATION, GATES

    net = build_network(kind, 2, 3, seed=5)
    x = np.random.default_rng(1).standard_normal((4, 2))
    lt = net.forward(x).layer(0)
    p = net.parameters()
    h_prev = np.vstack([np.zeros((1, 3)), lt.h[:-1, 0]])
    for k, gate in enumerate(GATES[kind]):
        rows = slice(3 * k, 3 * k + 3)
        from_x = x @ p["weight_ih_l0"][rows].T + p["bias_ih_l0"][rows]
        from_h = h_prev @ p["weight_hh_l0"][rows].T + p["bias_hh_l0"][rows]
        expected = from_x + (lt.gates["r"][:, 0] * from_h if gate == "n" else from_h)
        np.testing.assert_allclose(lt.preactivations[gate][:, 0], expected, rtol=1e-12, atol=1e-14)
        activation = GATE_ACTIVATION[kind][gate]
        act = {"sigmoid": lambda v: 1 / (1 + np.exp(-v)), "tanh": np.tanh, "relu": lambda v: np.maximum(v, 0)}
        np.testing.assert_allclose(lt.gates[gate][:, 0], act[activation](expected), rtol=1e-12, atol=1e-14)
