"""BPTT against central finite differences (float64), including truncation and clipping."""

import numpy as np
import pytest

from lstm_studio.engine import KINDS, Readout, build_network, evaluate
from lstm_studio.engine.bptt import truncation_cuts

EPS = 1e-6
TOLERANCE = 1e-6

# (num_layers, bidirectional, batched, truncate): together they cover every combination axis
CONFIGS = [(1, False, False, None), (2, True, True, None), (2, True, True, 2),
           (1, False, True, 3), (1, True, False, 2), (2, False, False, None)]


def relative_error(a, b):
    a, b = np.ravel(a), np.ravel(b)
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12)


def chunks(steps, truncate):
    """[start, stop) chunks aligned to the end of the sequence."""
    if truncate is None:
        return [(0, steps)]
    stops = list(range(steps, 0, -truncate))
    return [(max(stop - truncate, 0), stop) for stop in stops]


def surrogate_loss(net, x, h0, c0, weight, truncate, reference):
    """Σ over chunks of <weight, output> running each chunk from the constant incoming states of
    the untruncated ``reference`` trace (``h0``/``c0`` feed the first chunk of each direction)."""
    steps = x.shape[0]
    total = 0.0
    for start, stop in chunks(steps, truncate):
        states = {"h": [], "c": []}
        for layer in range(net.num_layers):
            for direction in range(net.num_directions):
                index = layer * net.num_directions + direction
                lt = reference.layer(layer, direction)
                for name, given, stored in (("h", h0, lt.h), ("c", c0, lt.c)):
                    if given is None:
                        continue
                    given = given if x.ndim == 3 else given[:, None]
                    at_edge = start == 0 if direction == 0 else stop == steps
                    state = given[index] if at_edge else \
                        stored[start - 1 if direction == 0 else stop]
                    states[name].append(state if x.ndim == 3 else state[0])
        c_chunk = np.stack(states["c"]) if c0 is not None else None
        out = net.forward(x[start:stop], np.stack(states["h"]), c_chunk).output
        total += float(np.sum(weight[start:stop] * out))
    return total


def sample_indices(rng, shape, count=3):
    size = int(np.prod(shape))
    return [np.unravel_index(i, shape) for i in rng.choice(size, min(count, size), replace=False)]


def numeric_vs_analytic(loss_of, arrays, analytic, rng):
    """Central differences of ``loss_of()`` w.r.t. sampled entries of each array (perturbed in
    place) against ``analytic[name]``; returns the worst relative error per name."""
    worst = {}
    for name, array in arrays.items():
        numeric, exact = [], []
        for index in sample_indices(rng, array.shape):
            saved = array[index]
            array[index] = saved + EPS
            up = loss_of()
            array[index] = saved - EPS
            down = loss_of()
            array[index] = saved
            numeric.append((up - down) / (2 * EPS))
            exact.append(analytic[name][index])
        worst[name] = relative_error(numeric, exact)
    return worst


def network_case(kind, num_layers, bidirectional, batched, seed=0, steps=5):
    net = build_network(kind, 2, 3, num_layers=num_layers, bidirectional=bidirectional,
                        seed=seed)
    rng = np.random.default_rng(seed + 1)
    batch = 2
    x = rng.standard_normal((steps, batch, 2) if batched else (steps, 2))
    state_shape = (num_layers * net.num_directions,) + ((batch,) if batched else ()) + (3,)
    h0 = 0.5 * rng.standard_normal(state_shape)
    c0 = 0.5 * rng.standard_normal(state_shape) if net.has_cell_state else None
    return net, rng, x, h0, c0


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("num_layers,bidirectional,batched,truncate", CONFIGS)
def test_bptt_matches_finite_differences(kind, num_layers, bidirectional, batched, truncate):
    net, rng, x, h0, c0 = network_case(kind, num_layers, bidirectional, batched)
    trace = net.forward(x, h0, c0)
    weight = rng.standard_normal(trace.output.shape)
    grads = net.backward(trace, weight, truncate=truncate)
    params = net._params  # perturbed in place: the finite differences need the live arrays
    arrays = dict(params, input=x, h0=h0)
    if c0 is not None:
        arrays["c0"] = c0
    errors = numeric_vs_analytic(
        lambda: surrogate_loss(net, x, h0, c0, weight, truncate, trace), arrays, grads, rng)
    assert max(errors.values()) < TOLERANCE, errors
    assert set(grads) == set(arrays)
    for name, array in arrays.items():
        assert grads[name].shape == array.shape, name


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("batched", [False, True])
def test_bptt_of_a_single_step_matches_finite_differences(kind, batched):
    """T = 1: the backward loop runs once, from the carried state's zeros to h0 and c0."""
    net, rng, x, h0, c0 = network_case(kind, 1, False, batched, steps=1)
    trace = net.forward(x, h0, c0)
    weight = rng.standard_normal(trace.output.shape)
    grads = net.backward(trace, weight)
    arrays = dict(net._params, input=x, h0=h0)
    if c0 is not None:
        arrays["c0"] = c0
    errors = numeric_vs_analytic(
        lambda: surrogate_loss(net, x, h0, c0, weight, None, trace), arrays, grads, rng)
    assert max(errors.values()) < TOLERANCE, errors


@pytest.mark.parametrize("kind", KINDS)
def test_state_gradients_are_total_derivatives(kind):
    """grads.dh[t] / grads.dc[t] are dL/dh_t and dL/dc_t: perturb the state after step t and
    rerun the rest of the sequence from it (h_t = o_t⊙tanh(c_t) follows a change of c_t)."""
    net, rng, x, h0, c0 = network_case(kind, 1, False, True)
    trace = net.forward(x, h0, c0)
    weight = rng.standard_normal(trace.output.shape)
    grads = net.backward(trace, weight)
    lt = trace.layer(0, 0)
    t = 2
    states = {"h": lt.h[t][None].copy()}
    analytic = {"h": grads.dh[0][0][t][None]}
    if net.has_cell_state:
        states["c"] = lt.c[t][None].copy()
        analytic["c"] = grads.dc[0][0][t][None]
        peephole = net._params.get("weight_co_l0", 0)
        pre_o_without_c = lt.preactivations["o"][t] - peephole * lt.c[t]

    def loss_from_t():
        h_t = states["h"]
        c_t = states.get("c")
        if c_t is not None and np.any(c_t != lt.c[t]):
            o_t = 1 / (1 + np.exp(-(pre_o_without_c + peephole * c_t)))
            h_t = o_t * np.tanh(c_t)
        tail = net.forward(x[t + 1:], h_t, c_t).output
        return float(np.sum(weight[t + 1:] * tail)) + float(np.sum(weight[t] * h_t[0]))

    errors = numeric_vs_analytic(loss_from_t, states, analytic, rng)
    assert max(errors.values()) < TOLERANCE, errors


@pytest.mark.parametrize("truncate", [None, 2])
def test_cell_line_without_forget_gate_passes_the_gradient_unchanged(truncate):
    """No forget gate: dL/dc_{t−1} = dL/dc_t (unless truncation cuts there) + what h_{t−1}
    adds, and dL/dc0 = dL/dc_1."""
    net, rng, x, h0, c0 = network_case("lstm_nofg", 1, False, False)
    trace = net.forward(x, h0, c0)
    grads = net.backward(trace, rng.standard_normal(trace.output.shape), truncate=truncate)
    lt = trace.layer(0, 0)
    dc = grads.dc[0][0][:, 0]
    from_h = grads.dh[0][0][:, 0] * lt.gates["o"][:, 0] * (1 - np.tanh(lt.c[:, 0]) ** 2)
    passed = ~truncation_cuts(len(x), truncate, reverse=False)[1:, None]
    np.testing.assert_array_equal(grads["c0"][0], dc[0])
    np.testing.assert_allclose(dc[-1], from_h[-1], rtol=1e-14)
    np.testing.assert_allclose(dc[:-1], np.where(passed, dc[1:], 0) + from_h[:-1], rtol=1e-13)
    assert truncate is None or not passed.all()


def test_truncation_cuts_the_recurrent_gradient():
    net, rng, x, h0, c0 = network_case("lstm", 1, True, False)
    trace = net.forward(x, h0, c0)
    weight = np.zeros(trace.output.shape)
    weight[-1] = 1.0  # loss only at the last step
    grads = net.backward(trace, weight, truncate=2)  # chunks [0,1) [1,3) [3,5)
    forward_dh = grads.dh[0][0][:, 0]
    assert np.all(forward_dh[:3] == 0) and np.any(forward_dh[3:] != 0)
    assert np.all(grads["h0"][0] == 0)
    assert np.all(grads["input"][:3] == 0)
    full = net.backward(trace, weight)
    assert np.any(full.dh[0][0][:3] != 0)


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
@pytest.mark.parametrize("steps", [None, [-1], np.array([True, False, True, False, False])])
@pytest.mark.parametrize("batched", [False, True])
def test_evaluate_gradients_match_finite_differences(loss, steps, batched):
    net, rng, x, h0, c0 = network_case("gru", 2, True, batched)
    readout = Readout(6, 4, seed=2)
    shape = x.shape[:-1]
    target = rng.standard_normal(shape + (4,)) if loss == "mse" else rng.integers(0, 4, shape)
    ev = evaluate(net, readout, x, target, loss=loss, steps=steps, h0=h0)

    def loss_of():
        return evaluate(net, readout, x, target, loss=loss, steps=steps, h0=h0).loss

    arrays = {"weight_ih_l0": net._params["weight_ih_l0"],
              "weight_hh_l1_reverse": net._params["weight_hh_l1_reverse"],
              "readout_weight": readout.weight, "readout_bias": readout.bias,
              "input": x, "h0": h0}
    analytic = dict(ev.grads, readout_weight=ev.readout_grads["weight"],
                    readout_bias=ev.readout_grads["bias"])
    errors = numeric_vs_analytic(loss_of, arrays, analytic, rng)
    assert max(errors.values()) < TOLERANCE, errors
    chosen = np.zeros(5, bool) if steps is not None else np.ones(5, bool)
    if steps is not None:
        chosen[steps] = True
    assert np.all(ev.per_step_loss[~chosen] == 0)
    assert ev.loss == pytest.approx(ev.per_step_loss[chosen].mean())


def test_clip_norm_scales_parameter_gradients_only():
    net, rng, x, h0, c0 = network_case("lstm", 2, True, True)
    trace = net.forward(x, h0, c0)
    weight = rng.standard_normal(trace.output.shape)
    free = net.backward(trace, weight)
    names = list(net.parameter_shapes())
    norm = np.sqrt(sum(np.sum(free[n] ** 2) for n in names))
    assert free.norm == pytest.approx(norm) and not free.clipped
    clipped = net.backward(trace, weight, clip_norm=norm / 4)
    assert clipped.clipped and clipped.norm == pytest.approx(norm)
    for name in names:
        np.testing.assert_allclose(clipped[name], free[name] / 4, rtol=1e-12)
    for name in ("input", "h0", "c0"):
        np.testing.assert_array_equal(clipped[name], free[name])
    loose = net.backward(trace, weight, clip_norm=norm * 2)
    assert not loose.clipped


def test_clip_value_clips_elementwise():
    net, rng, x, h0, c0 = network_case("gru", 1, False, True)
    trace = net.forward(x, h0, c0)
    weight = 10 * rng.standard_normal(trace.output.shape)
    free = net.backward(trace, weight)
    clipped = net.backward(trace, weight, clip_value=0.1)
    assert clipped.clipped
    for name in net.parameter_shapes():
        np.testing.assert_array_equal(clipped[name], np.clip(free[name], -0.1, 0.1))
    np.testing.assert_array_equal(clipped["input"], free["input"])


def test_evaluate_clips_network_and_readout_together():
    net, rng, x, h0, c0 = network_case("rnn_tanh", 1, False, True)
    readout = Readout(3, 2, seed=1)
    target = rng.standard_normal((5, 2, 2))
    free = evaluate(net, readout, x, target)
    names = list(net.parameter_shapes())
    joint = np.sqrt(sum(np.sum(free.grads[n] ** 2) for n in names)
                    + sum(np.sum(g ** 2) for g in free.readout_grads.values()))
    assert free.grads.norm == pytest.approx(joint)
    clipped = evaluate(net, readout, x, target, clip_norm=joint / 2)
    assert clipped.grads.clipped
    np.testing.assert_allclose(clipped.readout_grads["weight"], free.readout_grads["weight"] / 2)
    np.testing.assert_allclose(clipped.grads[names[0]], free.grads[names[0]] / 2)


@pytest.mark.parametrize("kind", KINDS)
def test_results_survive_later_calls(kind):
    """Traces and gradients own their arrays: later forward/backward calls (which reuse the
    engine's work buffers) leave them unchanged."""
    net, rng, x, h0, c0 = network_case(kind, 2, True, True)
    trace = net.forward(x, h0, c0)
    weight = rng.standard_normal(trace.output.shape)
    grads = net.backward(trace, weight)
    saved_trace = {name: np.copy(value) for name, value in vars(trace.layer(1, 1)).items()
                   if isinstance(value, np.ndarray)}
    saved_grads = {name: value.copy() for name, value in grads.items()}
    saved_dh = np.copy(grads.dh[0][1])
    other = net.forward(3 * x[::-1], c0=None if c0 is None else -c0)
    net.backward(other, -weight)
    for name, value in saved_trace.items():
        np.testing.assert_array_equal(getattr(trace.layer(1, 1), name), value, err_msg=name)
    for name, value in saved_grads.items():
        np.testing.assert_array_equal(grads[name], value, err_msg=name)
    np.testing.assert_array_equal(grads.dh[0][1], saved_dh)


def test_truncation_longer_than_sequence_changes_nothing():
    net, rng, x, h0, c0 = network_case("gru", 2, True, True)
    trace = net.forward(x, h0)
    weight = rng.standard_normal(trace.output.shape)
    full, truncated = net.backward(trace, weight), net.backward(trace, weight, truncate=5)
    for name in full:
        np.testing.assert_array_equal(full[name], truncated[name])


def test_reverse_direction_is_cut_at_the_same_boundaries():
    net, rng, x, h0, c0 = network_case("rnn_tanh", 1, True, False)
    trace = net.forward(x, h0)
    weight = np.zeros(trace.output.shape)
    weight[0] = 1.0  # loss at the first step: the reverse direction carries it back to t = 4
    grads = net.backward(trace, weight, truncate=2)  # chunks [0,1) [1,3) [3,5)
    reverse_dh = grads.dh[0][1][:, 0]
    assert np.any(reverse_dh[0] != 0) and np.all(reverse_dh[1:] == 0)
    assert np.all(grads["h0"][1] == 0)
    loose = net.backward(trace, weight, truncate=4)  # chunks [0,1) [1,5)
    assert np.all(loose.dh[0][1][1:] == 0)
    weight[:] = 0
    weight[1] = 1.0  # inside chunk [1,5): reaches t = 4 and the reverse h0
    inner = net.backward(trace, weight, truncate=4)
    assert np.all(inner.dh[0][1][1:, 0] != 0) and np.any(inner["h0"][1] != 0)


def test_clip_norm_leaves_a_gradient_exactly_at_the_limit_alone():
    from lstm_studio.engine.bptt import clip_gradients

    arrays = [np.array([3.0]), np.array([4.0])]
    assert clip_gradients(arrays, clip_norm=5.0) == (5.0, False)
    np.testing.assert_array_equal(np.concatenate(arrays), [3.0, 4.0])
    assert clip_gradients([np.array([3.0, 4.0])], clip_value=4.0) == (5.0, False)
    with pytest.raises(ValueError, match=r"^clip_norm must be a positive number or None, got 0$"):
        clip_gradients(arrays, clip_norm=0)
    with pytest.raises(ValueError, match=r"^clip_value must be a positive number or None, got -1$"):
        clip_gradients(arrays, clip_value=-1)


def test_clip_gradients_of_an_overflowing_gradient_warns_nothing():
    """Under pytest's warnings-as-errors: a norm that overflows to inf is reported, not raised."""
    from lstm_studio.engine.bptt import clip_gradients

    arrays = [np.array([1e200, -1e200])]
    norm, clipped = clip_gradients(arrays, clip_norm=1.0)
    assert norm == np.inf and clipped
    np.testing.assert_array_equal(arrays[0], [0.0, -0.0])
