"""Outputs, final states and every gradient equal PyTorch's (skipped without torch)."""

import numpy as np
import pytest

from golden_cases import make_golden
from lstm_studio.engine import build_network

pytest.importorskip("torch")

# (num_layers, bidirectional, batched)
CONFIGS = [(1, False, False), (2, True, True), (3, True, False), (2, False, True)]


def random_case(kind, num_layers, bidirectional, batched, seed=0):
    net = build_network(kind, 3, 4, num_layers, bidirectional, seed=seed)
    rng = np.random.default_rng(seed + 1)
    batch = (3,) if batched else ()
    state_shape = (num_layers * net.num_directions,) + batch + (4,)
    x = rng.standard_normal((6,) + batch + (3,))
    h0 = rng.standard_normal(state_shape)
    c0 = rng.standard_normal(state_shape) if net.has_cell_state else None
    d_output = rng.standard_normal((6,) + batch + (net.num_directions * 4,))
    return net, x, h0, c0, d_output


def assert_matches_torch(net, torch_kind, x, h0, c0, d_output, torch_params=None):
    """``net`` against PyTorch's ``torch_kind`` run with ``torch_params`` (default: net's)."""
    torch_params = net.parameters() if torch_params is None else torch_params
    reference = make_golden.torch_reference(torch_kind, torch_params, x, h0, c0, d_output,
                                            net.num_layers, net.bidirectional)
    trace = net.forward(x, h0, c0)
    grads = net.backward(trace, d_output)
    np.testing.assert_allclose(trace.output, reference["output"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(trace.h_n, reference["h_n"], rtol=1e-12, atol=1e-14)
    if c0 is not None:
        np.testing.assert_allclose(trace.c_n, reference["c_n"], rtol=1e-12, atol=1e-14)
    for name, expected in reference["grads"].items():
        np.testing.assert_allclose(grads[name], expected, rtol=1e-10, atol=1e-13, err_msg=name)


@pytest.mark.parametrize("kind", make_golden.TORCH_KINDS)
@pytest.mark.parametrize("num_layers,bidirectional,batched", CONFIGS)
def test_matches_pytorch(kind, num_layers, bidirectional, batched):
    net, x, h0, c0, d_output = random_case(kind, num_layers, bidirectional, batched)
    assert_matches_torch(net, kind, x, h0, c0, d_output)


@pytest.mark.parametrize("num_layers,bidirectional,batched", CONFIGS)
def test_zero_peephole_lstm_matches_pytorch_lstm(num_layers, bidirectional, batched):
    lstm, x, h0, c0, d_output = random_case("lstm", num_layers, bidirectional, batched)
    net = build_network("peephole_lstm", 3, 4, num_layers, bidirectional)
    net.load_parameters({name: lstm.parameters().get(name, np.zeros(shape))
                         for name, shape in net.parameter_shapes().items()})
    assert_matches_torch(net, "lstm", x, h0, c0, d_output, torch_params=lstm.parameters())


@pytest.mark.parametrize("num_layers,bidirectional,batched", CONFIGS)
def test_lstm_nofg_matches_pytorch_lstm_with_open_forget_gate(num_layers, bidirectional, batched):
    """nn.LSTM whose forget rows have weights 0 and bias +1e4 (σ = 1 exactly in float64) is the
    1997 LSTM: same outputs, states and gradients (of the i, g, o rows)."""
    net, x, h0, c0, d_output = random_case("lstm_nofg", num_layers, bidirectional, batched)
    hidden = net.hidden_size
    kept = np.r_[0:hidden, 2 * hidden:4 * hidden]  # nn.LSTM rows i, f, g, o without f
    torch_params = {}
    for name, value in net.parameters().items():
        full = np.zeros((4 * hidden,) + value.shape[1:])
        full[kept] = value
        if name.startswith("bias_ih"):
            full[hidden:2 * hidden] = 1e4
        torch_params[name] = full
    reference = make_golden.torch_reference("lstm", torch_params, x, h0, c0, d_output,
                                            num_layers, bidirectional)
    trace = net.forward(x, h0, c0)
    grads = net.backward(trace, d_output)
    np.testing.assert_allclose(trace.output, reference["output"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(trace.h_n, reference["h_n"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(trace.c_n, reference["c_n"], rtol=1e-12, atol=1e-14)
    for name, expected in reference["grads"].items():
        expected = expected[kept] if name in torch_params else expected
        np.testing.assert_allclose(grads[name], expected, rtol=1e-10, atol=1e-13, err_msg=name)


def test_golden_file_is_up_to_date():
    """make_golden.py would write the same numbers as stored."""
    with np.load(make_golden.GOLDEN) as stored:
        for case in make_golden.CASES:
            net, x, h0, c0, d_output = make_golden.case_inputs(*case)
            reference = make_golden.torch_reference(case[0], net.parameters(), x, h0, c0,
                                                    d_output, case[1], case[2])
            key = make_golden.case_key(*case)
            np.testing.assert_allclose(
                stored[key + "/grads"],
                make_golden.flat(reference["grads"],
                                 list(net.parameter_shapes()) + ["input", "h0", "c0"]),
                rtol=1e-12)
