"""Free-running forward: the network's own previous prediction fed back as its input."""

import numpy as np
import pytest

from lstm_studio.engine import Readout, build_network, evaluate
from lstm_studio.engine.free_run import (
    FreeRunEvaluation,
    evaluate_free_running,
    free_run_refusal,
    free_running_inputs,
)
from lstm_studio.engine.refusal import Refusal

EPS = 1e-6


def setup(kind="lstm", size=1, hidden=5, layers=1, steps=12, batch=None, seed=0):
    net = build_network(kind, size, hidden, num_layers=layers, seed=seed)
    readout = Readout(hidden, size, seed=seed + 1)
    rng = np.random.default_rng(seed)
    shape = (steps, size) if batch is None else (steps, batch, size)
    return net, readout, rng.standard_normal(shape), rng.standard_normal(shape)


def hand_written_loop(net, readout, x, start):
    """One step at a time, every step's input decided from the step before."""
    fed, h, c = [], None, None
    previous = None
    for t in range(x.shape[0]):
        step_input = x[t] if t < start else previous
        fed.append(step_input)
        kwargs = {"c0": c} if net.has_cell_state else {}
        trace = net.forward(step_input[None], h0=h, **kwargs)
        h, c = trace.h_n, trace.c_n
        previous = readout.forward(trace.output)[0]
    return np.array(fed)


@pytest.mark.parametrize("kind,layers,batch", [("lstm", 1, None), ("gru", 2, None),
                                               ("rnn_tanh", 1, 3), ("peephole_lstm", 2, 2)])
def test_feedback_is_the_previous_prediction(kind, layers, batch):
    net, readout, x, target = setup(kind, size=2, layers=layers, batch=batch)
    start = 5
    fed = free_running_inputs(net, readout, x, start)
    np.testing.assert_array_equal(fed[:start], x[:start])
    np.testing.assert_allclose(fed, hand_written_loop(net, readout, x, start), rtol=0, atol=1e-12)
    ev = evaluate_free_running(net, readout, x, target, start)
    assert isinstance(ev, FreeRunEvaluation) and ev.free_run_from == start
    trace_x = ev.trace.x if batch else ev.trace.x[:, 0]
    np.testing.assert_array_equal(trace_x, fed)  # the trace holds exactly what was fed
    np.testing.assert_array_equal(ev.given_inputs, x)
    # from step k on, every input is the read-out of the step before, in the trace shown
    np.testing.assert_allclose(ev.y[start - 1:-1], fed[start:], rtol=0, atol=1e-12)
    assert not np.allclose(fed[start:], x[start:])  # the given inputs are not used


def test_inputs_after_the_start_do_not_matter():
    net, readout, x, target = setup()
    changed = x.copy()
    changed[7:] = 100.0
    a = evaluate_free_running(net, readout, x, target, 7)
    b = evaluate_free_running(net, readout, changed, target, 7)
    np.testing.assert_array_equal(a.y, b.y)
    assert a.loss == b.loss


def test_initial_states_carry_into_the_feedback():
    net, readout, x, target = setup()
    h0 = np.full((1, 5), 0.5)
    c0 = np.full((1, 5), -0.3)
    fed = free_running_inputs(net, readout, x, 3, h0=h0, c0=c0)
    plain = free_running_inputs(net, readout, x, 3)
    assert not np.allclose(fed[3:], plain[3:])
    ev = evaluate_free_running(net, readout, x, target, 3, h0=h0, c0=c0)
    np.testing.assert_allclose(ev.y[2:-1], ev.trace.x[3:, 0], rtol=0, atol=1e-12)


def test_gradient_is_bptt_with_the_fed_inputs_held_fixed():
    """The claimed gradient: finite differences of the loss with x_fed fixed match it; the
    loss through the feedback (inputs recomputed) has a different gradient."""
    net, readout, x, target = setup("lstm", hidden=4, steps=10, seed=3)
    start = 4
    ev = evaluate_free_running(net, readout, x, target, start)
    fed = ev.trace.x[:, 0]
    np.testing.assert_array_equal(ev.grads["weight_hh_l0"],
                                  evaluate(net, readout, fed, target).grads["weight_hh_l0"])
    differs = 0
    for name in ("weight_ih_l0", "weight_hh_l0", "bias_hh_l0"):
        value = net.parameters()[name]
        for index in [(0,) * value.ndim, tuple(s - 1 for s in value.shape)]:
            def loss_at(delta, through_feedback, name=name, value=value, index=index):
                changed = value.copy()
                changed[index] += delta
                net.set_parameter(name, changed)
                try:
                    if through_feedback:
                        return evaluate_free_running(net, readout, x, target, start).loss
                    return evaluate(net, readout, fed, target).loss
                finally:
                    net.set_parameter(name, value)
            fixed = (loss_at(EPS, False) - loss_at(-EPS, False)) / (2 * EPS)
            assert ev.grads[name][index] == pytest.approx(fixed, rel=1e-5, abs=1e-9)
            through = (loss_at(EPS, True) - loss_at(-EPS, True)) / (2 * EPS)
            differs += abs(through - fixed) > 1e-4 * max(abs(through), 1e-3)
    assert differs  # the feedback path is left out, as documented


def test_truncation_and_clipping_pass_through():
    net, readout, x, target = setup(steps=10)
    ev = evaluate_free_running(net, readout, x, target, 4, truncate=3, clip_norm=1e-3)
    plain = evaluate(net, readout, ev.trace.x[:, 0], target, truncate=3, clip_norm=1e-3)
    assert ev.grads.clipped and ev.grads.norm == plain.grads.norm
    np.testing.assert_array_equal(ev.grads["weight_ih_l0"], plain.grads["weight_ih_l0"])


def test_refusals_name_the_problem():
    net = build_network("lstm", 2, 4)
    readout = Readout(4, 3)
    x = np.zeros((8, 2))
    with pytest.raises(Refusal, match="3 output.*2 input"):
        free_running_inputs(net, readout, x, 3)
    bi = build_network("gru", 1, 4, bidirectional=True)
    with pytest.raises(Refusal, match="bidirectional"):
        free_running_inputs(bi, Readout(8, 1), np.zeros((8, 1)), 3)
    net, readout, x, _ = setup(steps=8)
    for start in (0, 8, 9, -1, 2.5, True, None):
        with pytest.raises(Refusal, match="between the second and the last step"):
            free_running_inputs(net, readout, x, start)
    with pytest.raises(Refusal, match="class scores"):
        evaluate_free_running(net, readout, x, np.zeros(8, dtype=int), 3, loss="cross_entropy")
    assert free_run_refusal(1, 1, False, 8, 7) is None
    assert "(t = 2 to 8), not at 9" in str(free_run_refusal(1, 1, False, 8, 8))
