"""The engine reproduces PyTorch's numbers stored in tests/data/golden_engine.npz (no torch)."""

import numpy as np
import pytest

from golden_cases import make_golden
from lstm_studio.engine import build_network


@pytest.fixture(scope="module")
def golden():
    with np.load(make_golden.GOLDEN) as stored:  # allow_pickle stays False
        return dict(stored)


def engine_results(net, x, h0, c0, d_output):
    trace = net.forward(x, h0, c0)
    grads = net.backward(trace, d_output)
    outputs = make_golden.flat({"output": trace.output, "h_n": trace.h_n, "c_n": trace.c_n},
                               ["output", "h_n", "c_n"])
    return outputs, grads


def check_case(golden, key, net, x, h0, c0, d_output, torch_names):
    outputs, grads = engine_results(net, x, h0, c0, d_output)
    np.testing.assert_allclose(outputs, golden[key + "/outputs"], rtol=1e-12, atol=1e-14)
    ours = make_golden.flat(grads, torch_names + ["input", "h0", "c0"])
    np.testing.assert_allclose(ours, golden[key + "/grads"], rtol=1e-11, atol=1e-14)


@pytest.mark.parametrize("case", make_golden.CASES, ids=lambda c: make_golden.case_key(*c))
def test_matches_pytorch_golden_values(golden, case):
    net, x, h0, c0, d_output = make_golden.case_inputs(*case)
    check_case(golden, make_golden.case_key(*case), net, x, h0, c0, d_output,
               list(net.parameter_shapes()))


def test_zero_peephole_lstm_matches_pytorch_lstm_golden_values(golden):
    case = next(c for c in make_golden.CASES if c[0] == "lstm")
    lstm, x, h0, c0, d_output = make_golden.case_inputs(*case)
    net = build_network("peephole_lstm", lstm.input_size, lstm.hidden_size, case[1], case[2])
    net.load_parameters({name: lstm.parameters().get(name, np.zeros(shape))
                         for name, shape in net.parameter_shapes().items()})
    check_case(golden, make_golden.case_key(*case), net, x, h0, c0, d_output,
               list(lstm.parameter_shapes()))


def test_golden_file_is_small():
    assert make_golden.GOLDEN.stat().st_size < 10_000
