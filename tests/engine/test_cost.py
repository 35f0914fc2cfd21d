"""What an evaluation costs (engine/cost.py) against what it takes, and the trace of large
networks that derives its activations instead of storing them (network.STORED_ACTIVATIONS_BYTES):
the same numbers, bit for bit, in less memory.

Times are CPU time of the calling thread, best of a few runs; memory is the peak of the arrays
an evaluation holds in a subprocess (tracemalloc; tests/session/test_work_budget.py measures the
whole process at the largest size accepted)."""

import json
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from lstm_studio.engine import KINDS, Readout, build_network, cost, evaluate
from lstm_studio.engine import network as network_module
from lstm_studio.engine.work_arrays import _scratch, release_scratch, scratch
from lstm_studio.engine.trace import DerivedCache


def evaluation(kind, bidirectional, layers, batch, truncate, seed=1):
    rng = np.random.default_rng(seed)
    net = build_network(kind, 3, 5, layers, bidirectional, seed=2)
    readout = Readout(5 * (2 if bidirectional else 1), 2, seed=3)
    shape = (7, batch) if batch else (7,)
    return evaluate(net, readout, rng.standard_normal(shape + (3,)), rng.standard_normal(shape + (2,)),
                    truncate=truncate)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("bidirectional, layers, batch, truncate", [
    (False, 1, 0, None), (True, 2, 3, 3), (True, 1, 0, 2)])
def test_a_trace_that_derives_its_activations_has_the_same_numbers_bit_for_bit(
        kind, bidirectional, layers, batch, truncate, monkeypatch):
    stored = evaluation(kind, bidirectional, layers, batch, truncate)
    monkeypatch.setattr(network_module, "STORED_ACTIVATIONS_BYTES", 0)
    derived = evaluation(kind, bidirectional, layers, batch, truncate)
    simple = kind.startswith("rnn")
    assert stored.trace.layer(0).activations_stored
    assert derived.trace.layer(0).activations_stored == simple  # a simple RNN's are its states
    assert derived.loss == stored.loss
    for name, value in stored.grads.items():
        assert np.array_equal(derived.grads[name], value), name
    for layer in range(layers):
        for direction in range(2 if bidirectional else 1):
            a, b = stored.trace.layer(layer, direction), derived.trace.layer(layer, direction)
            assert np.array_equal(a.gate_rows, b.gate_rows)
            assert a.gates.keys() == b.gates.keys() and a.extras.keys() == b.extras.keys()
            for gate in a.gates:
                assert np.array_equal(a.gates[gate], b.gates[gate])
                assert np.array_equal(a.preactivations[gate], b.preactivations[gate])
            for name in a.extras:
                assert np.array_equal(a.extras[name], b.extras[name])
            for mine, theirs in ((a.h, b.h), (a.c, b.c), (a.h_prev, b.h_prev)):
                assert mine is None and theirs is None or np.array_equal(mine, theirs)
            assert np.array_equal(stored.grads.dh[layer][direction], derived.grads.dh[layer][direction])
    np.testing.assert_array_equal(derived.trace.output, stored.trace.output)


def test_a_second_backward_of_a_derived_trace_gives_the_same_gradients(monkeypatch):
    monkeypatch.setattr(network_module, "STORED_ACTIVATIONS_BYTES", 0)
    net = build_network("lstm", 2, 4, 2, True, seed=0)
    trace = net.forward(np.random.default_rng(0).standard_normal((6, 2)))
    d_output = np.ones_like(trace.output)
    first = net.backward(trace, d_output)
    trace.layer(1, 1).gates  # noqa: B018 - derived and cached now: used by the next backward
    second = net.backward(trace, d_output)
    for name, value in first.items():
        assert np.array_equal(second[name], value), name


def test_derived_activations_are_kept_for_the_layers_last_read_within_the_cache():
    derived = []

    def maker(key):
        def derive():
            derived.append(key)
            return np.zeros(100), {"tanh_c": np.zeros(25)}  # 1000 bytes in all
        return derive

    cache = DerivedCache(limit=2500)
    for key in ("a", "b", "a", "c", "a", "b"):
        cache.get(key, maker(key))
    assert derived == ["a", "b", "c", "b"]  # c pushed b out, a was read last before it
    assert cache.peek("a") is not None and cache.peek("c") is None
    alone = DerivedCache(limit=10)  # the last one is always kept
    alone.get("x", maker("x"))
    assert alone.peek("x") is not None


def test_large_work_arrays_are_let_go_after_backward_small_ones_kept():
    release_scratch()
    scratch("small", (100,), np.float64)
    scratch("large", (cost_large := 3 * 2**20,), np.float64)  # 24 MB
    assert cost_large * 8 >= 16 * 2**20
    net = build_network("rnn_tanh", 1, 2)
    trace = net.forward(np.zeros((3, 1)))
    net.backward(trace, np.ones_like(trace.output))
    kept = {tag for tag, _ in _scratch.buffers}
    assert "small" in kept and "large" not in kept


# -- time --------------------------------------------------------------------------------------
def measured_seconds(kind, input_size, hidden_size, num_layers, num_directions, steps, batch, output_size,
                     repeats=3):
    net = build_network(kind, input_size, hidden_size, num_layers, num_directions == 2)
    readout = Readout(num_directions * hidden_size, output_size)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((steps, batch, input_size))
    target = rng.standard_normal((steps, batch, output_size))
    evaluate(net, readout, x, target)
    best = float("inf")
    for _ in range(repeats):
        started = time.thread_time()
        evaluate(net, readout, x, target)
        best = min(best, time.thread_time() - started)
    return best


SIZES = [
    ("lstm", 1, 32, 1, 1, 50, 1, 1),
    ("lstm", 64, 128, 2, 2, 200, 1, 8),
    ("gru", 8, 256, 2, 1, 300, 1, 4),
    ("rnn_tanh", 1, 32, 1, 1, 2000, 1, 1),
    ("lstm", 64, 64, 1, 1, 100, 32, 8),
    ("peephole_lstm", 4, 16, 4, 2, 1000, 1, 1),
]


@pytest.fixture
def speed_now():
    """The machine's speed measured just before the test (the load of a shared machine changes)."""
    cost.set_machine_speed(cost.measure_speed())
    yield
    cost.set_machine_speed(None)


@pytest.mark.parametrize("sizes", SIZES, ids=lambda s: "{}-I{}-H{}-L{}-D{}-T{}-N{}-O{}".format(*s))
def test_the_time_estimate_is_within_a_factor_of_three_of_the_measured_time(sizes, speed_now):
    estimate = cost.estimate_seconds(*sizes)
    measured = measured_seconds(*sizes)
    assert estimate / 3 <= measured <= 3 * estimate, (estimate, measured)


@pytest.mark.slow
def test_the_time_estimate_holds_at_the_large_end(speed_now):
    sizes = ("lstm", 1, 512, 1, 1, 1000, 1, 1)
    estimate = cost.estimate_seconds(*sizes)
    measured = measured_seconds(*sizes, repeats=1)
    assert estimate / 3 <= measured <= 3 * estimate, (estimate, measured)


def test_work_grows_with_every_size():
    base = dict(kind="lstm", input_size=4, hidden_size=32, num_layers=2, num_directions=1, steps=100,
                batch=1, output_size=2)
    seconds, size = cost.model_seconds(**base), cost.estimate_bytes(**base)
    for name, value in [("input_size", 64), ("hidden_size", 64), ("num_layers", 3),
                        ("num_directions", 2), ("steps", 200), ("batch", 2), ("output_size", 64)]:
        changed = {**base, name: value}
        assert cost.model_seconds(**changed) > seconds, name
        assert cost.estimate_bytes(**changed) > size, name
    recurrent, bulk = cost.multiply_adds(**base)
    assert recurrent == 2 * 2 * 4 * 32 * 32 * 100
    assert bulk == (2 * 4 * 4 * 32 + 4 * 36 * 32) * 100 + (2 * 4 * 32 * 32 + 4 * 64 * 32) * 100 + 3 * 2 * 32 * 100


# -- memory ------------------------------------------------------------------------------------
PEAK = textwrap.dedent("""
    import json, sys, tracemalloc
    import numpy as np
    from lstm_studio.engine import Readout, build_network, cost, evaluate, network
    sizes, stored = json.loads(sys.argv[1]), json.loads(sys.argv[2])
    if stored is not None:
        network.STORED_ACTIVATIONS_BYTES = stored
    kind, inputs, hidden, layers, directions, steps, outputs = sizes
    tracemalloc.start()  # NumPy reports its arrays' memory to tracemalloc
    net = build_network(kind, inputs, hidden, layers, directions == 2)
    readout = Readout(directions * hidden, outputs)
    x = np.ones((steps, inputs)) * 0.1
    target = np.zeros((steps, outputs))
    tracemalloc.reset_peak()
    evaluation = evaluate(net, readout, x, target)
    print(json.dumps({"peak": tracemalloc.get_traced_memory()[1],
                      "estimate": cost.estimate_bytes(kind, inputs, hidden, layers, directions, steps, 1, outputs),
                      "stored": evaluation.trace.layer(0).activations_stored}))
""")


@pytest.mark.parametrize("sizes, stored", [
    (["lstm", 64, 256, 3, 2, 1500, 16], None),
    (["lstm", 64, 256, 3, 2, 1500, 16], 0),
    (["peephole_lstm", 8, 128, 2, 2, 3000, 4], 0),
    (["gru", 8, 128, 2, 1, 3000, 4], None),
    (["gru", 8, 128, 2, 1, 3000, 4], 0),
    (["lstm_nofg", 3, 64, 1, 1, 5000, 2], 0),
    (["rnn_tanh", 8, 256, 2, 2, 3000, 4], None),
], ids=lambda v: "-".join(map(str, v)) if isinstance(v, list) else {None: "stored", 0: "derived"}[v])
def test_the_memory_estimate_is_the_measured_peak_within_a_few_percent_above(sizes, stored):
    """The peak of the arrays one evaluation holds (parameters included), measured with
    tracemalloc in a fresh process: the estimate is at least it and at most 20% more."""
    done = subprocess.run([sys.executable, "-c", PEAK, json.dumps(sizes), json.dumps(stored)],
                          capture_output=True, text=True, timeout=600, check=True)
    result = json.loads(done.stdout)
    assert result["stored"] == (stored is None or sizes[0].startswith("rnn"))
    assert result["peak"] <= result["estimate"] <= 1.2 * result["peak"], result


def test_a_trace_that_derives_its_activations_can_be_pickled_and_copied(monkeypatch):
    import copy
    import pickle

    monkeypatch.setattr(network_module, "STORED_ACTIVATIONS_BYTES", 0)
    stored = evaluation("gru", True, 2, 0, None)
    stored.trace.layer(1, 1).gates  # noqa: B018 - one layer's activations derived and cached
    for twin in (pickle.loads(pickle.dumps(stored)), copy.deepcopy(stored)):
        for layer in range(2):
            for direction in range(2):
                assert np.array_equal(twin.trace.layer(layer, direction).gate_rows,
                                      stored.trace.layer(layer, direction).gate_rows)
        assert np.array_equal(twin.grads["weight_hh_l0"], stored.grads["weight_hh_l0"])


# -- a session's memory ------------------------------------------------------------------------
def built_weight_bytes(kind, input_size, hidden_size, num_layers, num_directions, output_size,
                       dtype, embedding_size):
    """The bytes of the arrays a built network and its read-out hold."""
    net = build_network(kind, input_size, hidden_size, num_layers, num_directions == 2, dtype=dtype,
                        embedding_size=embedding_size)
    readout = Readout(num_directions * hidden_size, output_size, dtype=dtype)
    return sum(v.nbytes for v in net.parameters().values()) \
        + sum(v.nbytes for v in readout.parameters().values())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("input_size, hidden_size, num_layers, num_directions, output_size, dtype, "
                         "embedding_size", [
                             (3, 4, 1, 1, 1, np.float64, 0),
                             (7, 5, 3, 2, 6, np.float32, 0),
                             (9, 2, 2, 1, 4, np.float64, 3),
                             (6, 3, 2, 2, 2, np.float32, 11)])
def test_the_parameter_bytes_are_those_of_the_built_network_and_read_out(
        kind, input_size, hidden_size, num_layers, num_directions, output_size, dtype, embedding_size):
    expected = built_weight_bytes(kind, input_size, hidden_size, num_layers, num_directions,
                                  output_size, dtype, embedding_size)
    assert cost.parameter_bytes(kind, input_size, hidden_size, num_layers, num_directions,
                                output_size, np.dtype(dtype).itemsize, embedding_size) == expected


def test_the_parameter_bytes_default_to_one_layer_one_direction_one_output_float64():
    # LSTM, 2 inputs, 3 units: 4 gates x 3 x (2 + 3 + 2 biases) + read-out 1 x (3 + 1), 8 bytes each
    assert cost.parameter_bytes("lstm", 2, 3) == (4 * 3 * 7 + 4) * 8


ACTIVATION_ROWS = {"rnn_tanh": 1, "rnn_relu": 1, "lstm": 5, "peephole_lstm": 5, "lstm_nofg": 4,
                   "gru": 3}
"""Gate activations per unit and step a trace holds, LSTM's tanh(c_t) included."""


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_session_holds_two_evaluations_sharing_their_weights(kind, dtype):
    """Activations kept in the trace (small networks): nothing derived counts."""
    sizes = dict(kind=kind, input_size=3, hidden_size=4, num_layers=2, num_directions=2,
                 output_size=5, embedding_size=2)
    itemsize = np.dtype(dtype).itemsize
    weights = built_weight_bytes(dtype=dtype, **sizes)
    one = cost.estimate_bytes(steps=9, batch=1, itemsize=itemsize, **sizes)
    assert cost.estimate_session_bytes(steps=9, itemsize=itemsize, **sizes) == 2 * one - weights


def test_a_session_of_one_layer_counts_one_evaluation_of_one_sequence_twice_by_default():
    weights = built_weight_bytes("gru", 2, 3, 1, 1, 1, np.float64, 0)
    one = cost.estimate_bytes("gru", 2, 3, steps=1, batch=1)
    assert cost.estimate_session_bytes("gru", 2, 3) == 2 * one - weights


@pytest.mark.parametrize("kind", ["lstm", "peephole_lstm", "lstm_nofg", "gru"])
def test_a_session_whose_trace_derives_its_activations_counts_those_the_panels_derived(
        kind, monkeypatch):
    sizes = dict(kind=kind, input_size=3, hidden_size=4, num_layers=3, num_directions=2,
                 output_size=2, itemsize=4, embedding_size=0)
    weights = built_weight_bytes(kind, 3, 4, 3, 2, 2, np.float32, 0)
    one = cost.estimate_bytes(steps=10, batch=1, **sizes)
    layer = ACTIVATION_ROWS[kind] * 4 * 10 * 4  # one layer and direction, float32
    whole = 3 * 2 * layer
    # the whole trace's activations at the bound: kept, nothing derived
    monkeypatch.setattr(network_module, "STORED_ACTIVATIONS_BYTES", whole)
    assert cost.estimate_session_bytes(steps=10, **sizes) == 2 * one - weights
    # one byte more than the bound: derived by the panels, all six within the cache
    monkeypatch.setattr(network_module, "STORED_ACTIVATIONS_BYTES", whole - 1)
    one = cost.estimate_bytes(steps=10, batch=1, **sizes)  # the trace stores less now
    assert cost.estimate_session_bytes(steps=10, **sizes) == 2 * one - weights + whole
    # a cache smaller than the six: its bound and the layer last read
    monkeypatch.setattr(cost, "DERIVED_CACHE_BYTES", 2 * layer + 1)
    assert cost.estimate_session_bytes(steps=10, **sizes) == 2 * one - weights + 3 * layer + 1
    monkeypatch.setattr(cost, "DERIVED_CACHE_BYTES", whole - layer)  # exactly the six
    assert cost.estimate_session_bytes(steps=10, **sizes) == 2 * one - weights + whole


@pytest.mark.parametrize("kind", ["rnn_tanh", "rnn_relu"])
def test_a_simple_rnns_session_derives_nothing_its_states_are_its_activations(kind, monkeypatch):
    monkeypatch.setattr(network_module, "STORED_ACTIVATIONS_BYTES", 0)
    sizes = dict(kind=kind, input_size=3, hidden_size=4, num_layers=2, num_directions=1,
                 output_size=2)
    weights = built_weight_bytes(dtype=np.float64, embedding_size=0, **sizes)
    one = cost.estimate_bytes(steps=10, batch=1, **sizes)
    assert cost.estimate_session_bytes(steps=10, **sizes) == 2 * one - weights


# -- the time model, number for number ---------------------------------------------------------
def seconds_of(recurrent, per_recurrent, bulk, gate_values, loop_steps, per_step, directions):
    """The docstring's sum: each kind of work at its rate, plus the fixed costs."""
    return (recurrent * per_recurrent + bulk * 0.08e-9 + gate_values * 12e-9 + loop_steps * per_step
            + directions * 0.1e-3 + 1e-3)


# (sizes, recurrent multiply-adds, all-steps multiply-adds), counted by hand from the docstring
COUNTED = [
    # LSTM I=2 H=8, T=10, O=3: recurrent 2·4·8·8·10; x 2·4·2·8·10, weights 4·(2+8)·8·10, read-out 3·3·8·10
    (dict(kind="lstm", input_size=2, hidden_size=8, steps=10, output_size=3), 5120, 1280 + 3200 + 720),
    # simple RNN, 2 layers both ways, I=3 H=5 T=7 O=2: the second layer's input is 2·5
    (dict(kind="rnn_relu", input_size=3, hidden_size=5, num_layers=2, num_directions=2, steps=7,
          output_size=2), 4 * 350, 2 * (210 + 280) + 2 * (700 + 525) + 420),
    # GRU, a batch of 5: T·N = 20
    (dict(kind="gru", input_size=2, hidden_size=3, steps=4, batch=5), 1080, 720 + 900 + 180),
    # an embedding of 6 characters in 2 numbers before an LSTM without forget gate, H=3, T=5, O=6
    (dict(kind="lstm_nofg", input_size=6, hidden_size=3, steps=5, output_size=6, embedding_size=2),
     270, 3 * 6 * 2 * 5 + 180 + 225 + 270),
]


@pytest.mark.parametrize("sizes, recurrent, bulk", COUNTED, ids=lambda v: v["kind"] if isinstance(v, dict) else "")
def test_the_multiply_adds_are_counted_product_by_product(sizes, recurrent, bulk):
    assert cost.multiply_adds(**sizes) == (recurrent, bulk)


def test_the_time_model_adds_each_kind_of_work_at_its_rate():
    lstm, rnn, gru, embedded = (sizes for sizes, _, _ in COUNTED)
    # W_hh of 4·8·8 float64 (2 kB) stays in the cache: 0.22 ns a recurrent multiply-add
    assert cost.model_seconds(**lstm) == pytest.approx(
        seconds_of(5120, 0.22e-9, 5200, 4 * 8 * 10, 10, 14e-6, 1), rel=1e-12)
    # a simple RNN's loop: 5 µs a step, for each of 2 layers x 2 directions
    assert cost.model_seconds(**rnn) == pytest.approx(
        seconds_of(1400, 0.22e-9, 3850, 5 * 7 * 4, 7 * 4, 5e-6, 4), rel=1e-12)
    # a batch: the recurrent products are matrix-matrix, at the bulk rate
    assert cost.model_seconds(**gru) == pytest.approx(
        seconds_of(1080, 0.08e-9, 1800, 3 * 3 * 4 * 5, 4, 14e-6, 1), rel=1e-12)
    assert cost.model_seconds(**embedded) == pytest.approx(
        seconds_of(270, 0.22e-9, 855, 3 * 3 * 5, 5, 14e-6, 1), rel=1e-12)
    assert cost.model_seconds("lstm", 1, 1) == pytest.approx(  # one step of everything by default
        seconds_of(8, 0.22e-9, 8 + 8 + 3, 4, 1, 14e-6, 1), rel=1e-12)


def test_the_recurrent_rate_follows_the_size_of_w_hh_against_the_caches(monkeypatch):
    lstm = COUNTED[0][0]
    weight_bytes = 4 * 8 * 8 * 8

    def rate(cached, cache):
        monkeypatch.setattr(cost, "CACHED_WEIGHT_BYTES", cached)
        monkeypatch.setattr(cost, "CACHE_BYTES", cache)
        return (cost.model_seconds(**lstm) - seconds_of(0, 0, 5200, 320, 10, 14e-6, 1)) / 5120

    assert rate(weight_bytes, 2 * weight_bytes) == pytest.approx(0.22e-9, rel=1e-6)  # at the bound: cached
    assert rate(weight_bytes - 1, 2 * weight_bytes) == pytest.approx(0.36e-9, rel=1e-6)
    assert rate(0, weight_bytes) == pytest.approx(0.36e-9, rel=1e-6)  # at the cache's size: still cached
    assert rate(0, weight_bytes - 1) == pytest.approx(1.0e-9, rel=1e-6)  # beyond it: from memory
    assert rate(weight_bytes - 1, weight_bytes - 1) == pytest.approx(1.0e-9, rel=1e-6)


def test_the_estimate_is_the_model_times_the_machines_speed():
    embedded = COUNTED[3][0]
    model = seconds_of(270, 0.22e-9, 855, 45, 5, 14e-6, 1)
    assert cost.estimate_seconds(**embedded, speed=2.5) == pytest.approx(2.5 * model, rel=1e-12)
    cost.set_machine_speed(3.0)
    try:
        assert cost.machine_speed() == 3.0
        assert cost.estimate_seconds(**embedded) == pytest.approx(3.0 * model, rel=1e-12)
        assert cost.estimate_seconds("rnn_tanh", 3, 5, 2, 2, 7, 1, 2) == pytest.approx(
            3.0 * seconds_of(1400, 0.22e-9, 3850, 140, 28, 5e-6, 4), rel=1e-12)
    finally:
        cost.set_machine_speed(None)


# -- the memory model, array by array ----------------------------------------------------------
def inventory(kind, inputs, hidden, layers, directions, steps, batch, outputs, embedding, keep):
    """The values an evaluation holds at its peak, array by array (module docstring: parameters
    and their gradients, the trace as stored, the per-step gradients, BPTT's largest work
    arrays), for the sizes given; ``keep``: the trace stores its activations."""
    gates = {"rnn_tanh": 1, "rnn_relu": 1, "gru": 3, "lstm_nofg": 3, "lstm": 4, "peephole_lstm": 4}[kind]
    cell = kind in ("lstm", "peephole_lstm", "lstm_nofg")
    simple = kind in ("rnn_tanh", "rnn_relu")
    unit = steps * batch * hidden                         # one (T, N, H) array
    held = {
        "embedding E and dL/dE": 2 * inputs * embedding,
        "x E and dL/d(x E)": 2 * steps * batch * embedding,
        "x": steps * batch * inputs,
        "dL/d output (all directions)": directions * unit,
        "read-out W, b and their gradients": 2 * outputs * (directions * hidden + 1),
        "y, target, dL/dy, loss terms": 4 * steps * batch * outputs,
    }
    widest = 0
    for layer in range(layers):
        layer_inputs = (embedding or inputs) if layer == 0 else directions * hidden
        widest = max(widest, layer_inputs)
        for direction in range(directions):
            name = f"layer {layer} direction {direction}: "
            weights = gates * hidden * (layer_inputs + hidden + 2)  # W_ih, W_hh, b_ih, b_hh
            if kind == "peephole_lstm":
                weights += 3 * hidden                           # w_ci, w_cf, w_co
            held[name + "parameters and gradients"] = 2 * weights
            held[name + "preactivations"] = gates * unit
            held[name + "h with h_0"] = unit + batch * hidden
            held[name + "dL/dh_t"] = unit
            if cell:
                held[name + "c with c_0"] = unit + batch * hidden
                held[name + "dL/dc_t"] = unit
            if kind == "gru":
                held[name + "W_hn h + b_hn"] = unit
            if keep and not simple:
                held[name + "gate activations"] = gates * unit
                if cell:
                    held[name + "tanh(c)"] = unit
                if kind == "gru":
                    held[name + "GRU's two more stored"] = 2 * unit
    # BPTT's work arrays
    if simple:
        held["slope, dL/dpre"] = 2 * unit
    elif kind == "gru":
        held["factor and dL/dpre twice"] = 3 * gates * unit
        if not keep:
            held["derived activations"] = 2 * gates * unit
    elif kind == "lstm_nofg":
        held["factor, dL/dpre, one more"] = 2 * gates * unit + unit
        if not keep:
            held["derived activations and tanh(c)"] = gates * unit + unit
    else:
        held["dL/dpre"] = gates * unit
        if not keep:
            held["derived activations and tanh(c)"] = gates * unit + unit
    held["input gradient and its directions"] = 3 * directions * unit
    columns = (max(widest, hidden) + 1) if kind == "gru" else widest + hidden + 1  # [x, h_prev, 1]
    held["weight gradients' inputs and product"] = (steps * batch + gates * hidden) * columns
    return sum(held.values())


MEMORY_SIZES = [
    ("lstm", 3, 4, 1, 1, 5, 1, 2, 0),
    ("lstm", 2, 3, 2, 2, 4, 3, 5, 0),
    ("peephole_lstm", 5, 2, 3, 1, 6, 1, 1, 0),
    ("lstm_nofg", 7, 6, 2, 2, 3, 2, 7, 4),
    ("gru", 3, 5, 2, 1, 4, 1, 2, 0),
    ("gru", 9, 4, 1, 2, 3, 2, 9, 12),   # an embedding wider than the units
    ("rnn_tanh", 1, 8, 3, 2, 10, 1, 1, 0),
    ("rnn_relu", 6, 3, 1, 1, 2, 4, 6, 2),
]


@pytest.mark.parametrize("sizes", MEMORY_SIZES, ids=lambda s: "{}-I{}-H{}-L{}-D{}-T{}-N{}-O{}-E{}".format(*s))
@pytest.mark.parametrize("itemsize", [8, 4])
@pytest.mark.parametrize("stored", [True, False], ids=["stored", "derived"])
def test_the_memory_estimate_counts_every_array_an_evaluation_holds(sizes, itemsize, stored, monkeypatch):
    if not stored:
        monkeypatch.setattr(network_module, "STORED_ACTIVATIONS_BYTES", 0)
    kind, inputs, hidden, layers, directions, steps, batch, outputs, embedding = sizes
    keep = stored or kind.startswith("rnn")
    expected = inventory(*sizes, keep) * itemsize
    assert cost.estimate_bytes(kind, inputs, hidden, layers, directions, steps, batch, outputs, itemsize,
                               embedding) == expected


def test_the_memory_estimate_defaults_to_one_step_of_one_layer_float64():
    assert cost.estimate_bytes("gru", 2, 3) == inventory("gru", 2, 3, 1, 1, 1, 1, 1, 0, True) * 8


def test_the_trace_stores_its_activations_up_to_the_bound_whatever_the_batch(monkeypatch):
    # LSTM H=4, 2 layers, one way, T=5, N=3: 5 rows (4 gates and tanh(c)) x 4 x 2 x 5 x 3 values
    sizes = ("lstm", 2, 4, 2, 1, 5, 3, 2, 0)
    activations = 5 * 4 * 2 * 5 * 3
    monkeypatch.setattr(network_module, "STORED_ACTIVATIONS_BYTES", activations * 4)
    assert cost.estimate_bytes(*sizes[:8], 4, 0) == inventory(*sizes, True) * 4
    monkeypatch.setattr(network_module, "STORED_ACTIVATIONS_BYTES", activations * 4 - 1)
    assert cost.estimate_bytes(*sizes[:8], 4, 0) == inventory(*sizes, False) * 4


# -- the machine's speed -----------------------------------------------------------------------
REFERENCE_SECONDS = seconds_of(2 * 4 * 128 * 128 * 200, 0.22e-9,
                               (2 * 4 * 16 * 128 + 4 * (16 + 128) * 128 + 3 * 4 * 128) * 200,
                               4 * 128 * 200, 200, 14e-6, 1)
"""What the constants predict for the reference network (LSTM, 16 inputs, 128 units, 200 steps,
4 outputs; W_hh of 512 kB stays in the cache)."""


def timed_runs(monkeypatch, durations):
    """Each evaluation takes the next of ``durations`` (seconds of a fake thread clock)."""
    from lstm_studio.engine import losses

    clock, runs = [0.0], []

    def evaluate(network, readout, x, target):
        runs.append((network.kind, network.input_size, network.hidden_size, network.num_layers,
                     network.bidirectional, readout.out_features, x.shape, target.shape))
        clock[0] += durations[len(runs) - 1]

    monkeypatch.setattr(losses, "evaluate", evaluate)
    monkeypatch.setattr(cost.time, "thread_time", lambda: clock[0])
    return runs


def test_the_speed_is_the_best_of_a_warm_up_and_three_runs_over_the_predicted_time(monkeypatch):
    runs = timed_runs(monkeypatch, [v * REFERENCE_SECONDS for v in (3.0, 0.9, 0.5, 0.7)])
    assert cost.measure_speed() == pytest.approx(0.5, rel=1e-9)
    assert runs == [("lstm", 16, 128, 1, False, 4, (200, 16), (200, 4))] * 4
    runs = timed_runs(monkeypatch, [v * REFERENCE_SECONDS for v in (4.0, 1.5, 7.0)])
    assert cost.measure_speed(repeats=1) == pytest.approx(1.5, rel=1e-9) and len(runs) == 2


def test_a_speed_below_a_quarter_is_taken_for_a_quarter(monkeypatch):
    timed_runs(monkeypatch, [0.1 * REFERENCE_SECONDS] * 4)
    assert cost.measure_speed() == 0.25
    timed_runs(monkeypatch, [0.3 * REFERENCE_SECONDS] * 4)
    assert cost.measure_speed() == pytest.approx(0.3, rel=1e-9)


def test_the_machines_speed_is_measured_once_and_remembered(monkeypatch):
    measured = []
    monkeypatch.setattr(cost, "measure_speed", lambda: measured.append(1) or 1.75)
    cost.set_machine_speed(None)
    try:
        assert cost.machine_speed() == 1.75 and cost.machine_speed() == 1.75 and len(measured) == 1
        cost.set_machine_speed(0.5)
        assert cost.machine_speed() == 0.5 and len(measured) == 1
        cost.set_machine_speed(None)  # measured again when next needed
        assert cost.machine_speed() == 1.75 and len(measured) == 2
    finally:
        cost.set_machine_speed(None)


def test_the_time_estimate_defaults_to_one_step_of_one_layer_and_one_output():
    assert cost.estimate_seconds("lstm", 1, 1, speed=2.0) == pytest.approx(
        2.0 * seconds_of(8, 0.22e-9, 8 + 8 + 3, 4, 1, 14e-6, 1), rel=1e-12)


def test_a_batch_of_two_already_runs_its_recurrent_products_at_the_bulk_rate():
    # RNN I=1 H=2, T=3, N=2: recurrent 2·1·2·2·6 = 48; x 2·1·1·2·6 = 24, weights 1·(1+2)·2·6 = 36,
    # read-out 3·1·2·6 = 36
    assert cost.multiply_adds("rnn_tanh", 1, 2, steps=3, batch=2) == (48, 96)
    assert cost.model_seconds("rnn_tanh", 1, 2, steps=3, batch=2) == pytest.approx(
        seconds_of(48, 0.08e-9, 96, 2 * 3 * 2, 3, 5e-6, 1), rel=1e-12)


def test_the_multiply_adds_default_to_one_step_of_one_sequence():
    # LSTM I=1 H=1: recurrent 2·4; x 2·4, weights 4·(1+1), read-out 3
    assert cost.multiply_adds("lstm", 1, 1) == (8, 8 + 8 + 3)
