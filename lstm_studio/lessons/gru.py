"""The GRU's lessons: the update gate copies the state, the reset gate cuts the candidate off the
past, and the GRU is lighter than the LSTM."""

from __future__ import annotations

import time
from functools import lru_cache

import numpy as np

from lstm_studio.engine import Readout, build_network, evaluate
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP
from lstm_studio.lessons.base import Figure, Lesson, Measure, Page, Report, Series, Text, format_number, wrong_kind
from lstm_studio.lessons.construct import (
    WORDS,
    gate_rows,
    lesson_document,
    random_signs,
    rng_for,
    sentence,
    set_gate,
)

SPAN = slice(10, 20)
"""0-based steps of the marker (hold or reset): t = 11..20."""
MARKER = 2
"""Input channel of the marker."""
RANDOM_SCALE = 0.25
"""The GRU lessons' random weights are PyTorch's × this: the constructed gates dominate."""


def marked_sentence(seed: int):
    x = sentence(seed, extra=1)
    x[SPAN, MARKER] = 1.0
    return x


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, stop) of every run of True in a 1-D mask, longest first."""
    padded = np.concatenate([[False], mask, [False]]).astype(int)
    edges = np.flatnonzero(np.diff(padded))
    found = list(zip(edges[::2], edges[1::2]))
    return sorted(found, key=lambda run: run[0] - run[1])


# -- update gate copies ----------------------------------------------------------------------
COPY_Z, COPY_CHANGE, COPY_STATE, COPY_STEPS = 0.99, 0.01, 0.3, 5


def update_copies_document(seed: int):
    """A GRU whose update gate opens (z ≈ 1) while the marker (channel 2) is on, t = 11..20;
    elsewhere z ≈ 0 and h follows the candidate n = tanh(±2.5 ± 2·word)."""
    doc = lesson_document("gru", seed, marked_sentence(seed), time_step=14, unit=0)
    hidden = doc.config.hidden_size
    for name in ("weight_ih_l0", "weight_hh_l0"):
        doc.parameters[name] *= RANDOM_SCALE
    signs = random_signs(rng_for(seed, 7), hidden)
    z_input = np.zeros((hidden, doc.config.input_size))
    z_input[:, MARKER] = 18.0
    set_gate(doc, "z", bias=-8.0, w_ih=z_input)
    n_input = doc.parameters["weight_ih_l0"][gate_rows(doc, "n")]
    n_input[:, WORDS] = 2.0 * signs
    set_gate(doc, "n", bias=2.5 * signs, w_ih=n_input)
    return doc


def measure_update_copies(evaluation, document) -> Report:
    refusal = wrong_kind(document, "gru")
    if refusal:
        return refusal
    layer = evaluation.trace.layer(0, 0)
    z, h, h_prev = layer.gates["z"][:, 0], layer.h[:, 0], layer.h_prev[:, 0]
    min_z = z.min(axis=1)
    change = np.abs(h - h_prev).max(axis=1)
    size = np.abs(h).min(axis=1)
    copying = (min_z > COPY_Z) & (change < COPY_CHANGE) & (size > COPY_STATE)
    spans = runs(copying)
    start, stop = spans[0] if spans else (0, 0)
    held = slice(start, stop)
    measures = (Measure("steps", QT_TRANSLATE_NOOP("Lessons", "consecutive copying steps"), float(stop - start)),
                Measure("min_z", QT_TRANSLATE_NOOP("Lessons", "min z on them"), float(min_z[held].min()) if stop > start else float(min_z.max())),
                Measure("max_change", "max |h_t − h_{t−1}|", float(change[held].max()) if stop > start else float(change.min())),
                Measure("min_h", "min |h_t|", float(size[held].min()) if stop > start else float(size.max())))
    values = {"steps": stop - start, "first": start + 1, "last": stop, "z": format_number(1.0 - measures[1].value),
              "change": measures[2].formatted(), "h": measures[3].formatted()}
    if stop - start >= COPY_STEPS:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: for {steps} steps (t = {first}…{last}) z ≥ 1 − {z} in every unit and h "
                                    "moves by at most {change} while |h| ≥ {h}: the state is copied."),
                                 values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the longest copying run is {steps} steps (the claim needs "
                                 "5 with z > 0.99, |h_t − h_{{t−1}}| < 0.01 and |h| > 0.3)."), values), measures)


UPDATE_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "Gates: z is bright (≈ 1) for every unit while the marker is on (t = 11…20, input channel 2). "
    "States: there h_t = (1 − z)⊙n + z⊙h_{t−1} ≈ h_{t−1}, so every unit's curve is flat — the state is "
    "copied, whatever the words say; elsewhere z ≈ 0 and h follows the candidate n. In Ng's notes the "
    "update gate is Γ_u = 1 − z: there Γ_u = 0 copies (Help ▸ Course notation).")


# -- reset gate -----------------------------------------------------------------------------------
RESET_R, RESET_JACOBIAN, RESET_STEPS = 0.01, 0.01, 3


def reset_document(seed: int):
    """A GRU whose reset gate shuts (r ≈ 0) while the marker is on (t = 11..20); elsewhere r ≈ 1;
    z ≈ 0.12, so h mostly follows the candidate."""
    doc = lesson_document("gru", seed, marked_sentence(seed), time_step=14, unit=0)
    hidden = doc.config.hidden_size
    doc.parameters["weight_ih_l0"] *= RANDOM_SCALE
    r_input = doc.parameters["weight_ih_l0"][gate_rows(doc, "r")]
    r_input[:, MARKER] = -16.0
    set_gate(doc, "r", bias=4.0, w_ih=r_input)
    for gate in ("r", "z"):
        rows = gate_rows(doc, gate)
        doc.parameters["weight_hh_l0"][rows] *= RANDOM_SCALE
    set_gate(doc, "z", bias=-2.0)
    n_input = doc.parameters["weight_ih_l0"][gate_rows(doc, "n")]
    n_input[:, WORDS] = random_signs(rng_for(seed, 8), hidden)
    set_gate(doc, "n", w_ih=n_input)
    return doc


def candidate_jacobian_norms(evaluation, document) -> np.ndarray:
    """‖∂n_t/∂h_{t−1}‖₂ (T,) of layer 1: diag(1 − n²)·[diag(r)·W_hn + diag(hn⊙r(1−r))·W_hr]."""
    layer = evaluation.trace.layer(0, 0)
    r, n, hn = layer.gates["r"][:, 0], layer.gates["n"][:, 0], layer.extras["hn"][:, 0]
    w_hh = document.parameters["weight_hh_l0"]
    w_hr, w_hn = w_hh[gate_rows(document, "r")], w_hh[gate_rows(document, "n")]
    slope = 1.0 - n * n
    jacobians = slope[:, :, None] * (r[:, :, None] * w_hn + (hn * r * (1 - r))[:, :, None] * w_hr)
    return np.linalg.norm(jacobians, ord=2, axis=(1, 2))


def measure_reset(evaluation, document) -> Report:
    refusal = wrong_kind(document, "gru")
    if refusal:
        return refusal
    r = evaluation.trace.layer(0, 0).gates["r"][:, 0]
    jacobian = candidate_jacobian_norms(evaluation, document)
    max_r = r.max(axis=1)
    spans = runs(max_r < RESET_R)
    start, stop = spans[0] if spans else (0, 0)
    on = np.zeros(len(max_r), dtype=bool)
    on[start:stop] = True
    inside = float(jacobian[on].max()) if on.any() else float("nan")
    outside = float(np.median(jacobian[~on])) if (~on).any() else float("nan")
    measures = (Measure("steps", QT_TRANSLATE_NOOP("Lessons", "steps with r < 0.01"), float(stop - start)),
                Measure("max_r", QT_TRANSLATE_NOOP("Lessons", "max r on them"), float(max_r[on].max()) if on.any() else float(max_r.min())),
                Measure("jacobian_on", QT_TRANSLATE_NOOP("Lessons", "max ‖∂n_t/∂h_{t−1}‖ there"), inside),
                Measure("jacobian_off", QT_TRANSLATE_NOOP("Lessons", "median ‖∂n_t/∂h_{t−1}‖ elsewhere"), outside))
    steps = np.arange(1, len(max_r) + 1)
    figure = Figure(QT_TRANSLATE_NOOP("Lessons", "How much the candidate n_t depends on h_{t−1}"), "‖∂n_t/∂h_{t−1}‖",
                    (Series("‖∂n_t/∂h_{t−1}‖", steps, jacobian), Series(QT_TRANSLATE_NOOP("Lessons", "max r_t"), steps, max_r)), log=True)
    values = {"steps": stop - start, "first": start + 1, "last": stop, "r": measures[1].formatted(),
              "on": measures[2].formatted(), "off": measures[3].formatted()}
    if stop - start >= RESET_STEPS and inside < RESET_JACOBIAN:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: on t = {first}…{last} r ≤ {r}, and ‖∂n_t/∂h_{{t−1}}‖ ≤ {on} (elsewhere "
                                    "{off}): the candidate ignores the past."), values), measures, (figure,))
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the longest span with r < 0.01 has {steps} steps and "
                                 "‖∂n_t/∂h_{{t−1}}‖ reaches {on} on it."), values), measures, (figure,))


RESET_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "Gates: r is dark (≈ 0) while the marker is on (t = 11…20). The candidate n_t = tanh(W_in x_t + b_in "
    "+ r⊙(W_hn h_{t−1} + b_hn)) then sees only the input: the figure shows ‖∂n_t/∂h_{t−1}‖ dropping to "
    "almost 0 on those steps, together with the largest r_t. Since z ≈ 0.12 here, "
    "h_t is mostly n_t, so on the span the state starts afresh from the input. (This app computes "
    "PyTorch's candidate, r⊙(W_hn h + b_hn); Cho et al. 2014 write W(r⊙h) — Help ▸ Course notation.)")


# -- lighter ---------------------------------------------------------------------------------------
LIGHTER_HIDDEN = 64
"""Hidden size of the comparison: large enough that the time is the arithmetic's, not Python's."""
COMPARED_KINDS = ("rnn_tanh", "lstm", "gru", "peephole_lstm")
KIND_LABELS = {"rnn_tanh": QT_TRANSLATE_NOOP("Lessons", "RNN"), "lstm": QT_TRANSLATE_NOOP("Lessons", "LSTM"), "gru": QT_TRANSLATE_NOOP("Lessons", "GRU"), "peephole_lstm": QT_TRANSLATE_NOOP("Lessons", "peephole")}
TIMING_BATCH, TIMING_REPEATS, TIMING_STEPS = 32, 5, 30
TIMING_MAX_HIDDEN = 128
"""Above this hidden size the time is not measured (it would hold the window for seconds)."""


def parameter_count(kind: str, input_size: int, hidden_size: int) -> int:
    """Number of recurrent-layer parameters of one layer of ``kind``."""
    shapes = build_network(kind, input_size, hidden_size).parameter_shapes().values()
    return int(sum(np.prod(shape) for shape in shapes))


@lru_cache(maxsize=32)
def seconds_per_step(input_size: int, hidden_size: int, steps: int = TIMING_STEPS) -> dict[str, float]:
    """Kind -> fastest of a few forward + BPTT runs on a batch of 32, per time step (cached per
    size). The kinds take turns, so a busy moment of the machine slows all of them alike."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((steps, TIMING_BATCH, input_size))
    target = np.zeros((steps, TIMING_BATCH, 1))
    models = {kind: (build_network(kind, input_size, hidden_size), Readout(hidden_size, 1))
              for kind in COMPARED_KINDS}
    best = dict.fromkeys(COMPARED_KINDS, np.inf)
    for _ in range(TIMING_REPEATS + 1):  # the first round warms up
        for kind, (network, readout) in models.items():
            started = time.perf_counter()
            evaluate(network, readout, x, target)
            best[kind] = min(best[kind], time.perf_counter() - started)
    return {kind: seconds / steps for kind, seconds in best.items()}


def lighter_document(seed: int):
    return lesson_document("gru", seed, sentence(seed), hidden=LIGHTER_HIDDEN)


def measure_lighter(evaluation, document) -> Report:
    config = document.config
    counts = {kind: parameter_count(kind, config.input_size, config.hidden_size) for kind in COMPARED_KINDS}
    timed = config.hidden_size <= TIMING_MAX_HIDDEN
    times = seconds_per_step(config.input_size, config.hidden_size) if timed else \
        dict.fromkeys(COMPARED_KINDS, float("nan"))
    measures = tuple(Measure(f"params_{kind}", Text(QT_TRANSLATE_NOOP("Lessons", "parameters: {kind}"), {"kind": KIND_LABELS[kind]}),
                             float(counts[kind])) for kind in COMPARED_KINDS)
    if timed:
        measures += tuple(Measure(f"us_per_step_{kind}", Text(QT_TRANSLATE_NOOP("Lessons", "µs per step: {kind}"), {"kind": KIND_LABELS[kind]}),
                                  1e6 * times[kind]) for kind in COMPARED_KINDS)
    categories = tuple(KIND_LABELS[kind] for kind in COMPARED_KINDS)
    index = np.arange(len(COMPARED_KINDS), dtype=float)
    series = (Series(QT_TRANSLATE_NOOP("Lessons", "parameters"), index, np.array([counts[k] / counts["lstm"] for k in COMPARED_KINDS])),)
    if timed:
        series += (Series(QT_TRANSLATE_NOOP("Lessons", "time per step"), index,
                          np.array([times[k] / times["lstm"] for k in COMPARED_KINDS])),)
    figure = Figure(QT_TRANSLATE_NOOP("Lessons", "Relative to the LSTM (= 1)"), QT_TRANSLATE_NOOP("Lessons", "× LSTM"), series,
                    kind="bars", categories=categories)
    values = {"gru": counts["gru"], "lstm": counts["lstm"], "share": f"{counts['gru'] / counts['lstm']:.2f}",
              "time": f"{times['gru'] / times['lstm']:.2f}", "hidden": config.hidden_size,
              "inputs": config.input_size, "limit": TIMING_MAX_HIDDEN}
    if counts["gru"] >= counts["lstm"]:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the GRU has {gru} parameters, the LSTM {lstm}."), values),
                      measures, (figure,))
    if timed:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: at {inputs} inputs and {hidden} units a GRU layer has {gru} parameters, an "
                                    "LSTM {lstm} ({share}×: three gate blocks instead of four); measured here, a GRU "
                                    "step takes {time}× the LSTM's time."), values), measures, (figure,))
    return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: at {inputs} inputs and {hidden} units a GRU layer has {gru} parameters, an "
                                "LSTM {lstm} ({share}×: three gate blocks instead of four). Times are measured up "
                                "to {limit} units only."), values), measures, (figure,))


LIGHTER_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "Gates: three heatmaps (r, z, n) instead of the LSTM's four, and States: no separate cell state — "
    "the GRU merges the forget and input gates into one update gate and has no output gate. The "
    "figure compares parameters and the measured time of a forward + BPTT step (batch of 32) for a "
    "layer of each kind at this size; change the sizes in the toolbar and the numbers follow. Whether "
    "a GRU learns as well as an LSTM depends on the task (see \"RNN fails where LSTM and GRU learn\").")


LESSONS = (
    Lesson(
        id="gru-update-copies", chapter="GRU",
        title=QT_TRANSLATE_NOOP("Lessons", "Update gate 1 copies the state"),
        claim=QT_TRANSLATE_NOOP("Lessons", "With the update gate z ≈ 1 the GRU copies its state from step to step, h_t ≈ h_{t−1}, "
                 "whatever the input — the GRU's way to remember."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "A marker opens the update gate"), UPDATE_LOOK, update_copies_document,
                    measure_update_copies, panel="states"),)),
    Lesson(
        id="gru-reset", chapter="GRU",
        title=QT_TRANSLATE_NOOP("Lessons", "Reset gate 0 makes the candidate ignore the past"),
        claim=QT_TRANSLATE_NOOP("Lessons", "With the reset gate r ≈ 0 the GRU's candidate n_t depends on the input only, not on "
                 "h_{t−1}."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "A marker shuts the reset gate"), RESET_LOOK, reset_document, measure_reset,
                    panel="gates"),)),
    Lesson(
        id="gru-lighter", chapter="GRU",
        title=QT_TRANSLATE_NOOP("Lessons", "The GRU is lighter"),
        claim=QT_TRANSLATE_NOOP("Lessons", "The GRU has fewer gates (three blocks instead of four), no separate cell state and "
                 "fewer parameters than an LSTM of the same size, so each step has less to compute."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "Parameters and time, side by side"), LIGHTER_LOOK, lighter_document, measure_lighter,
                    panel="gates"),)),
)
