"""Bad arguments raise actionable ValueErrors; extreme weights overflow quietly; float32."""

import numpy as np
import pytest

from lstm_studio.engine import (KINDS, Readout, build_network, cross_entropy_loss, evaluate,
                                mse_loss)


@pytest.fixture
def lstm():
    return build_network("lstm", 3, 4, num_layers=2)


@pytest.mark.parametrize("x,message", [
    (np.zeros((5, 4)), "input has 4 channels but the network expects 3"),
    (np.zeros(5), r"input must have shape \(T, 3\) or \(T, N, 3\)"),
    (np.zeros((5, 2, 2, 3)), "input must have shape"),
    (np.zeros((0, 3)), "no time steps"),
    (np.zeros((5, 0, 3)), "empty batch"),
    (np.full((5, 3), np.nan), "input contains NaN or infinite values"),
    (np.array([["a", "b", "c"]]), "input must contain real numbers"),
])
def test_bad_input(lstm, x, message):
    with pytest.raises(ValueError, match=message):
        lstm.forward(x)


def test_bad_initial_states(lstm):
    x = np.zeros((5, 2, 3))
    with pytest.raises(ValueError, match=r"h0 has shape \(2, 4\) but the network expects "
                                         r"\(2, 2, 4\)"):
        lstm.forward(x, h0=np.zeros((2, 4)))
    with pytest.raises(ValueError, match="c0 contains NaN"):
        lstm.forward(x, c0=np.full((2, 2, 4), np.inf))
    with pytest.raises(ValueError, match="c0 was given but a gru network has no cell state"):
        build_network("gru", 3, 4).forward(x, c0=np.zeros((1, 2, 4)))


@pytest.mark.parametrize("arguments,message", [
    (("lstn", 3, 4), "unknown network kind 'lstn'; choose one of rnn_tanh"),
    (("lstm", 0, 4), "input_size must be a whole number of at least 1, got 0"),
    (("lstm", 3, -2), "hidden_size must be"),
    (("lstm", 3, 2.5), "hidden_size must be"),
    (("lstm", 3, 4, True), "num_layers must be"),
])
def test_bad_network_arguments(arguments, message):
    with pytest.raises(ValueError, match=message):
        build_network(*arguments)


def test_bad_init_options():
    with pytest.raises(ValueError, match="unknown init 'he'"):
        build_network("gru", 2, 2, init="he")
    with pytest.raises(ValueError, match="forget_bias only applies to kinds with a forget gate"):
        build_network("gru", 2, 2, forget_bias=1.0)
    with pytest.raises(ValueError, match="dtype must be float32 or float64"):
        build_network("gru", 2, 2, dtype=np.int32)


def test_load_parameters_names_the_bad_key(lstm):
    good = lstm.parameters()
    missing = {k: v for k, v in good.items() if k != "bias_hh_l1"}
    with pytest.raises(ValueError, match="'bias_hh_l1' is missing"):
        lstm.load_parameters(missing)
    with pytest.raises(ValueError, match="unknown parameter 'weight_ih_l2'"):
        lstm.load_parameters(dict(good, weight_ih_l2=np.zeros((16, 4))))
    with pytest.raises(ValueError, match=r"'weight_hh_l0' has shape \(16, 3\) but the network "
                                         r"expects \(16, 4\)"):
        lstm.load_parameters(dict(good, weight_hh_l0=np.zeros((16, 3))))
    with pytest.raises(ValueError, match="'bias_ih_l0' contains NaN"):
        lstm.load_parameters(dict(good, bias_ih_l0=np.full(16, np.nan)))
    with pytest.raises(ValueError, match="'weight_hh_l1' has shape"):
        lstm.set_parameter("weight_hh_l1", np.zeros(3))
    for name, value in lstm.parameters().items():  # nothing changed by the failed loads
        np.testing.assert_array_equal(value, good[name])


def test_parameters_are_copies(lstm):
    params = lstm.parameters()
    params["bias_ih_l0"][:] = 7
    assert not np.any(lstm.parameters()["bias_ih_l0"] == 7)
    lstm.set_parameter("bias_ih_l0", np.full(16, 7.0))
    assert np.all(lstm.parameters()["bias_ih_l0"] == 7)


def test_bad_backward_arguments(lstm):
    trace = lstm.forward(np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"d_output has shape \(5, 3\) but the trace output has "
                                         r"shape \(5, 4\)"):
        lstm.backward(trace, np.zeros((5, 3)))
    for bad in ({"truncate": 0}, {"clip_norm": -1.0}, {"clip_value": 0}):
        with pytest.raises(ValueError, match="truncate|clip"):
            lstm.backward(trace, np.zeros((5, 4)), **bad)
    for other in (build_network("gru", 3, 4), build_network("lstm", 3, 5, num_layers=2)):
        with pytest.raises(ValueError, match="not produced by this network"):
            other.backward(trace, np.zeros((5, 4)))


def test_bad_loss_arguments():
    y = np.zeros((4, 2, 3))
    with pytest.raises(ValueError, match="target has shape"):
        mse_loss(y, np.zeros((4, 3)))
    with pytest.raises(ValueError, match="between 0 and 2"):
        cross_entropy_loss(y, np.full((4, 2), 3))
    with pytest.raises(ValueError, match="whole class indices"):
        cross_entropy_loss(y, np.full((4, 2), 0.5))
    with pytest.raises(ValueError, match="step 4 is outside the sequence of 4 steps"):
        mse_loss(y, y, steps=[0, 4])
    with pytest.raises(ValueError, match="selects no step"):
        mse_loss(y, y, steps=np.zeros(4, bool))
    with pytest.raises(ValueError, match="unknown loss 'l1'"):
        evaluate(build_network("gru", 3, 3), Readout(3, 3), np.zeros((4, 3)), np.zeros((4, 3)),
                 loss="l1")
    with pytest.raises(ValueError, match="read-out parameter 'bias' has shape"):
        Readout(3, 2).load_parameters({"weight": np.zeros((2, 3)), "bias": np.zeros(3)})


def test_cross_entropy_values():
    y = np.log(np.array([[[0.2, 0.3, 0.5]], [[0.1, 0.1, 0.8]]]))
    loss, per_step, d_y = cross_entropy_loss(y, np.array([[2], [0]]))
    np.testing.assert_allclose(per_step, [-np.log(0.5), -np.log(0.1)])
    assert loss == pytest.approx((-np.log(0.5) - np.log(0.1)) / 2)
    np.testing.assert_allclose(d_y[0, 0], np.array([0.2, 0.3, -0.5]) / 2)


@pytest.mark.parametrize("kind", KINDS)
def test_float32_runs_in_float32(kind):
    x = np.random.default_rng(0).standard_normal((6, 2, 3))
    net32 = build_network(kind, 3, 4, bidirectional=True, dtype=np.float32)
    net64 = build_network(kind, 3, 4, bidirectional=True)
    t32, t64 = net32.forward(x), net64.forward(x)
    assert t32.output.dtype == np.float32 and t32.layer(0, 1).gate_rows.dtype == np.float32
    np.testing.assert_allclose(t32.output, t64.output, atol=1e-5)
    g32 = net32.backward(t32, np.ones_like(t32.output))
    g64 = net64.backward(t64, np.ones_like(t64.output))
    for name in g64:
        assert g32[name].dtype == np.float32, name
        np.testing.assert_allclose(g32[name], g64[name], atol=1e-4)


@pytest.mark.parametrize("kind", KINDS)
def test_overflow_is_flagged_not_raised(kind):
    """Extreme weights: inf/NaN propagate, trace.nonfinite is set, no warning escapes."""
    net = build_network(kind, 2, 3)
    values = {name: np.full(shape, 1e305) for name, shape in net.parameter_shapes().items()}
    net.load_parameters(values)
    x = np.full((4, 2), 1e4)
    trace = net.forward(x)
    assert trace.nonfinite
    assert not np.isfinite(trace.layer(0, 0).preactivation_rows).all()
    grads = net.backward(trace, np.ones_like(trace.output))
    assert set(grads) >= set(values)
    ev = evaluate(net, Readout(3, 2), x, np.zeros((4, 2)))
    assert ev.trace.nonfinite
    assert np.isfinite(ev.loss) == np.isfinite(trace.output).all()


def test_sane_weights_are_finite():
    assert not build_network("rnn_relu", 2, 3).forward(np.ones((4, 2))).nonfinite


def _refusal(call):
    with pytest.raises(ValueError) as refused:
        call()
    return str(refused.value)


def test_refusals_say_exactly_what_is_wrong(lstm):
    """The whole message, not a word of it: each names the value, what was expected and how."""
    x5 = np.zeros((5, 3))
    trace = lstm.forward(x5)
    cases = [
        (lambda: lstm.forward(np.zeros((5, 2, 4))), "input has 4 channels but the network expects 3"),
        (lambda: lstm.forward(np.zeros((0, 3))), "input has no time steps (T must be at least 1)"),
        (lambda: lstm.forward(np.zeros((5, 0, 3))), "input has an empty batch (N must be at least 1)"),
        (lambda: lstm.forward(x5, h0=np.zeros((2, 1, 4))),
         "h0 has shape (2, 1, 4) but the network expects (2, 4) (num_layers*num_directions, hidden_size)"),
        (lambda: lstm.forward(np.zeros((5, 2, 3)), c0=np.zeros((2, 4))),
         "c0 has shape (2, 4) but the network expects (2, 2, 4) (num_layers*num_directions, N, hidden_size)"),
        (lambda: build_network("lstn", 3, 4),
         "unknown network kind 'lstn'; choose one of rnn_tanh, rnn_relu, lstm, gru, peephole_lstm, lstm_nofg"),
        (lambda: build_network("gru", 2, 2, init="he"), "unknown init 'he'; choose one of pytorch, xavier, orthogonal"),
        (lambda: build_network("lstm", 2, 2, forget_bias=True), "forget_bias must be a finite number, got True"),
        (lambda: build_network("lstm", 2, 2, forget_bias="1"), "forget_bias must be a finite number, got '1'"),
        (lambda: build_network("lstm", 2, 2, forget_bias=float("nan")), "forget_bias must be a finite number, got nan"),
        (lambda: build_network("gru", 2, 2, dtype="float16x"), "dtype must be float32 or float64, got 'float16x'"),
        (lambda: lstm.gate_slice("z"), "lstm has no gate 'z'; its gates are i, f, g, o"),
        (lambda: lstm.set_parameter("weight_ih_l0", np.zeros((3, 3))),
         "parameter 'weight_ih_l0' has shape (3, 3) but the network expects (16, 3)"),
        (lambda: lstm.set_parameter("weight_ih_l0", np.full((16, 3), "a")),
         "parameter 'weight_ih_l0' must contain real numbers, got dtype <U1"),
        (lambda: build_network("lstm", 3, 4).backward(trace, np.zeros((5, 4))),
         "trace was not produced by this network's forward"),
        (lambda: lstm.backward(trace, np.zeros((5, 4)), truncate=0),
         "truncate must be a whole number of at least 1, got 0"),
        (lambda: lstm.backward(trace, np.zeros((5, 4)), clip_norm=True),
         "clip_norm must be a positive number or None, got True"),
        (lambda: lstm.backward(trace, np.zeros((5, 4)), clip_value=float("inf")),
         "clip_value must be a positive number or None, got inf"),
        (lambda: lstm.forward(np.array([[None, 1, 2]], dtype=object)), "input must contain real numbers, got dtype object"),
    ]
    for call, message in cases:
        assert _refusal(call) == message
    assert _refusal(lambda: lstm.backward(trace, np.full((5, 4), "a"))).startswith("d_output must be an array of numbers (")
    for other in (build_network("gru", 3, 4, num_layers=2), build_network("lstm", 3, 4, num_layers=2, bidirectional=True),
                  build_network("lstm", 2, 4, num_layers=2), build_network("lstm", 3, 5, num_layers=2)):
        assert _refusal(lambda: other.backward(trace, np.zeros((5, 4)))) == \
            "trace was not produced by this network's forward"
    assert _refusal(lambda: lstm.backward("not a trace", np.zeros((5, 4)))) == \
        "trace was not produced by this network's forward"


def test_defaults_are_one_forward_layer_pytorch_init_seed_0_float64():
    net = build_network("lstm", 2, 3)
    assert (net.num_layers, net.bidirectional, net.num_directions, net.dtype) == (1, False, 1, np.float64)
    explicit = build_network("lstm", 2, 3, num_layers=1, bidirectional=False, init="pytorch", seed=0)
    for name, value in explicit.parameters().items():
        np.testing.assert_array_equal(net.parameters()[name], value)
    again = build_network("lstm", 2, 3, seed=5)
    again.initialize()  # the same defaults when drawing afresh
    for name, value in explicit.parameters().items():
        np.testing.assert_array_equal(again.parameters()[name], value)
        assert value.dtype == np.float64
    # a batch of one is a batch, and the states follow the network's dtype
    net32 = build_network("gru", 2, 3, dtype=np.float32)
    trace = net32.forward(np.zeros((4, 1, 2)), h0=np.zeros((1, 1, 3)))
    assert trace.output.shape == (4, 1, 3) and trace.h_n.dtype == np.float32
    assert net32.forward(np.zeros((4, 2))).layer(0).h.dtype == np.float32
    grads = net32.backward(trace, np.ones((4, 1, 3)))
    assert grads["h0"].dtype == np.float32 and grads["weight_hh_l0"].dtype == np.float32


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_initial_states_reach_every_layer_and_direction(kind):
    """h0 (and c0) of each of the L·D rows starts its own layer and direction."""
    net = build_network(kind, 2, 3, num_layers=2, bidirectional=True, seed=1)
    x = np.random.default_rng(0).standard_normal((3, 2))
    rows = np.random.default_rng(1).standard_normal((4, 3))
    base = net.forward(x, h0=rows, c0=rows if kind == "lstm" else None)
    for row in range(4):
        for state in (("h0", "c0") if kind == "lstm" else ("h0",)):
            moved = {"h0": rows.copy(), "c0": rows.copy() if kind == "lstm" else None}
            moved[state][row] += 1.0
            trace = net.forward(x, **moved)
            layer, direction = divmod(row, 2)
            assert not np.allclose(trace.layer(layer, direction).h, base.layer(layer, direction).h), (state, row)
            if layer == 1:  # the first layer does not see the second's state
                for d in range(2):
                    np.testing.assert_array_equal(trace.layer(0, d).h, base.layer(0, d).h)
