"""What one evaluation (forward, loss and BPTT) costs: its work, its time and its memory.

The engine's time is the sum of four kinds of work, each counted from the sizes and timed at
its own rate (seconds per unit on the machine the constants were measured on, a 2-core x86
machine with one BLAS thread, float64):

- the recurrent products, ``h_{t-1} W_hhᵀ`` forward and ``dpre_t W_hh`` back, one per step,
  2 × gates × H × H × T × N multiply-adds per layer and direction: matrix-vector products that
  cannot be batched over time (for N = 1 they stream W_hh from cache every step);
- the products over all steps at once: the input projection and the input gradient
  (2 × gates × I × H × T × N) and the weight gradients (gates × (I + H) × H × T × N), plus
  the read-out's 3 × O × D·H × T × N and the embedding's 3 × V × E × T × N (x E, dL/dE and
  dL/dx; the first layer's input size is then E);
- the elementwise gate arithmetic, about 40 operations per gate value and step;
- a fixed cost per step of the Python loops (two dozen NumPy calls forward and back), and a
  small one per layer and per evaluation.

Seconds are CPU time: on a machine busy with other work the wait is longer.

``machine_speed()`` times the engine once on a small network and compares with what the
constants predict for it, so an estimate follows the machine it runs on (a slower or busier
machine gets longer estimates); ``estimate_seconds`` multiplies by it.

Memory is counted exactly from what an evaluation allocates: the parameters and their
gradients, the trace as stored (see ``network.STORED_ACTIVATIONS_BYTES``), the per-step gradients,
and the largest work arrays alive at once during BPTT.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from .cells import GATES, HAS_CELL_STATE
from .network import activation_bytes, keeps_activations
from .trace import DERIVED_CACHE_BYTES

SECONDS_PER_RECURRENT_MADD = 0.22e-9
"""Per multiply-add of the per-step recurrent products (matrix-vector, N = 1) while W_hh stays in
the processor's cache..."""
SECONDS_PER_RECURRENT_MADD_UNCACHED = 0.36e-9
"""...once it is larger than CACHED_WEIGHT_BYTES (read from the last-level cache every step)..."""
SECONDS_PER_RECURRENT_MADD_FROM_MEMORY = 1.0e-9
"""...and once larger than CACHE_BYTES too: read from memory at every step, 8 bytes a multiply-add
(measured 1.04 ns at H = 1024, W_hh of 32 MB)."""
CACHED_WEIGHT_BYTES = 4 * 2**20
CACHE_BYTES = 16 * 2**20
SECONDS_PER_BULK_MADD = 0.08e-9
"""Per multiply-add of the products over all steps (matrix-matrix), and of the recurrent ones of
a batch (N > 1)."""
SECONDS_PER_GATE_VALUE = 12e-9
"""Elementwise work per gate value and step (forward and BPTT)."""
SECONDS_PER_STEP = {"rnn_tanh": 5e-6, "rnn_relu": 5e-6}
"""Python loop overhead per step, layer and direction (forward and BPTT) of the simple RNN
(a handful of NumPy calls per step)..."""
SECONDS_PER_GATED_STEP = 14e-6
"""...and of the gated kinds (two dozen)."""
SECONDS_PER_LAYER = 0.1e-3
"""Fixed cost of a layer and direction (its products' set-up, the weight-gradient calls)."""
SECONDS_PER_EVALUATION = 1e-3
"""Fixed cost of an evaluation (checks, read-out, loss, clipping)."""

REFERENCE = dict(kind="lstm", input_size=16, hidden_size=128, num_layers=1, num_directions=1,
                 steps=200, batch=1, output_size=4)
"""The network ``machine_speed`` times: a few tens of milliseconds."""


def _layers(kind, input_size, hidden_size, num_layers, num_directions, embedding_size=0):
    """(input size, gates) of every layer and direction."""
    gates = len(GATES[kind])
    first = embedding_size or input_size
    return [(first if layer == 0 else num_directions * hidden_size, gates)
            for layer in range(num_layers) for _ in range(num_directions)]


def multiply_adds(kind, input_size, hidden_size, num_layers=1, num_directions=1, steps=1,
                  batch=1, output_size=1, embedding_size=0):
    """Multiply-adds of forward + BPTT: (recurrent, all-steps) products, read-out and embedding
    included."""
    h, tn = hidden_size, steps * batch
    recurrent = 0
    bulk = 3 * input_size * embedding_size * tn
    for inputs, gates in _layers(kind, input_size, hidden_size, num_layers, num_directions,
                                 embedding_size):
        recurrent += 2 * gates * h * h * tn
        bulk += 2 * gates * inputs * h * tn + gates * (inputs + h) * h * tn
    bulk += 3 * output_size * num_directions * h * tn
    return recurrent, bulk


def model_seconds(kind, input_size, hidden_size, num_layers=1, num_directions=1, steps=1, batch=1,
                  output_size=1, embedding_size=0):
    """Seconds of forward + BPTT on the machine the constants were measured on."""
    recurrent, bulk = multiply_adds(kind, input_size, hidden_size, num_layers, num_directions,
                                    steps, batch, output_size, embedding_size)
    gates = len(GATES[kind])
    if batch > 1:
        per_recurrent = SECONDS_PER_BULK_MADD
    elif gates * hidden_size * hidden_size * 8 > CACHE_BYTES:
        per_recurrent = SECONDS_PER_RECURRENT_MADD_FROM_MEMORY
    elif gates * hidden_size * hidden_size * 8 > CACHED_WEIGHT_BYTES:
        per_recurrent = SECONDS_PER_RECURRENT_MADD_UNCACHED
    else:
        per_recurrent = SECONDS_PER_RECURRENT_MADD
    directions = num_layers * num_directions
    gate_values = gates * hidden_size * steps * batch * directions
    per_step = SECONDS_PER_STEP.get(kind, SECONDS_PER_GATED_STEP)
    return (recurrent * per_recurrent + bulk * SECONDS_PER_BULK_MADD
            + gate_values * SECONDS_PER_GATE_VALUE + steps * directions * per_step
            + directions * SECONDS_PER_LAYER + SECONDS_PER_EVALUATION)


_speed = None
_speed_lock = threading.Lock()


def measure_speed(repeats=3) -> float:
    """Measured time of the ``REFERENCE`` network's evaluation over the time the constants
    predict (> 1: this machine is slower); the best of ``repeats`` runs, in CPU time of the
    calling thread (other load on the machine counts as little as it can)."""
    from .losses import Readout, evaluate
    from .network import build_network

    r = REFERENCE
    network = build_network(r["kind"], r["input_size"], r["hidden_size"], r["num_layers"],
                            r["num_directions"] == 2)
    readout = Readout(r["num_directions"] * r["hidden_size"], r["output_size"])
    rng = np.random.default_rng(0)
    x = rng.standard_normal((r["steps"], r["input_size"]))
    target = rng.standard_normal((r["steps"], r["output_size"]))
    best = float("inf")
    for _ in range(repeats + 1):  # the first run warms up
        started = time.thread_time()
        evaluate(network, readout, x, target)
        best = min(best, time.thread_time() - started)
    predicted = model_seconds(**r)
    return max(best / predicted, 0.25)


def machine_speed() -> float:
    """``measure_speed()``, measured once per process (about 0.1 s) and remembered."""
    global _speed
    with _speed_lock:
        if _speed is None:
            _speed = measure_speed()
        return _speed


def set_machine_speed(speed: float | None) -> None:
    """Use ``speed`` instead of measuring it (None: measure again when next needed)."""
    global _speed
    with _speed_lock:
        _speed = speed


def estimate_seconds(kind, input_size, hidden_size, num_layers=1, num_directions=1, steps=1,
                     batch=1, output_size=1, speed=None, embedding_size=0) -> float:
    """Estimated seconds of one forward + BPTT on this machine (``speed``: ``machine_speed()``)."""
    speed = machine_speed() if speed is None else speed
    return speed * model_seconds(kind, input_size, hidden_size, num_layers, num_directions, steps,
                                 batch, output_size, embedding_size)


def estimate_bytes(kind, input_size, hidden_size, num_layers=1, num_directions=1, steps=1, batch=1,
                   output_size=1, itemsize=8, embedding_size=0) -> int:
    """Bytes one evaluation holds at its peak: parameters and their gradients (the read-out's
    and the embedding's too), the trace as stored, the per-step gradients and BPTT's largest
    work arrays."""
    h, d, t, n = hidden_size, num_directions, steps, batch
    cell = HAS_CELL_STATE[kind]
    keep = keeps_activations(kind, h, num_layers, d, t, n, itemsize)
    unit = t * n * h  # one (T, N, H) array
    # the embedding and its gradient, the first layer's input x E and its gradient
    values = 2 * input_size * embedding_size + 2 * t * n * embedding_size
    for inputs, gates in _layers(kind, input_size, hidden_size, num_layers, num_directions,
                                 embedding_size):
        parameters = gates * h * (inputs + h + 2) + (3 * h if kind == "peephole_lstm" else 0)
        values += 2 * parameters                      # parameters and their gradients
        states = (2 if cell else 1) * (unit + n * h)  # h (and c), with the initial state
        values += gates * unit + states               # preactivations, states
        values += (2 if cell else 1) * unit           # dL/dh_t (and dL/dc_t)
        if kind == "gru":
            values += unit                            # W_hn h + b_hn
        if keep and kind not in ("rnn_tanh", "rnn_relu"):
            values += gates * unit + (unit if cell else 0) + (2 * unit if kind == "gru" else 0)
    gates = len(GATES[kind])
    # (a layer's output, its directions side by side, is their states: no copy) dL/d output
    values += d * unit
    values += t * n * input_size
    values += 2 * output_size * (d * h + 1) + 4 * t * n * output_size   # read-out, y, dL/dy
    # BPTT's work arrays (factor, dL/dpre, derived activations) and the input gradient
    if kind in ("rnn_tanh", "rnn_relu"):
        work = 2 * unit                                             # slope, dL/dpre
    elif kind == "gru":
        work = 3 * gates * unit + (0 if keep else 2 * gates * unit)  # factor, dL/dpre twice
    elif kind == "lstm_nofg":
        work = 2 * gates * unit + unit + (0 if keep else gates * unit + unit)
    else:                                                           # dL/dpre
        work = gates * unit + (0 if keep else gates * unit + unit)
    work += 3 * d * unit
    # the weight gradients' inputs [x, h_prev, 1] and their product with dL/dpre before it is
    # split into the gradients (see network._weight_gradients)
    widest = max(inputs for inputs, _ in _layers(kind, input_size, hidden_size, num_layers,
                                                 num_directions, embedding_size))
    columns = max(widest, h) + 1 if kind == "gru" else widest + h + 1
    work += (t * n + gates * h) * columns
    return int((values + work) * itemsize)


def parameter_bytes(kind, input_size, hidden_size, num_layers=1, num_directions=1, output_size=1,
                    itemsize=8, embedding_size=0) -> int:
    """Bytes of the weights: the layers', the read-out's and the embedding's."""
    h = hidden_size
    values = input_size * embedding_size + output_size * (num_directions * h + 1)
    for inputs, gates in _layers(kind, input_size, hidden_size, num_layers, num_directions,
                                 embedding_size):
        values += gates * h * (inputs + h + 2) + (3 * h if kind == "peephole_lstm" else 0)
    return values * itemsize


def estimate_session_bytes(kind, input_size, hidden_size, num_layers=1, num_directions=1, steps=1,
                           output_size=1, itemsize=8, embedding_size=0) -> int:
    """Bytes a session holds at its peak: while it recomputes, the evaluation shown and the one
    being computed (``estimate_bytes`` each, the weights counted once: both evaluate the
    document's own arrays), and the activations the panels derived of the one shown (a large
    trace derives them when read, keeping at most ``DERIVED_CACHE_BYTES`` and the layer last
    read)."""
    sizes = dict(kind=kind, input_size=input_size, hidden_size=hidden_size, num_layers=num_layers,
                 num_directions=num_directions, output_size=output_size, itemsize=itemsize,
                 embedding_size=embedding_size)
    one = estimate_bytes(steps=steps, batch=1, **sizes)
    derived = 0
    if not keeps_activations(kind, hidden_size, num_layers, num_directions, steps, 1, itemsize):
        layer = activation_bytes(kind, hidden_size, 1, 1, steps, 1, itemsize)
        derived = min(layer * num_layers * num_directions, DERIVED_CACHE_BYTES + layer)
    return 2 * one - parameter_bytes(**sizes) + derived
