"""The LSTM's lessons: the cell line, each gate at 0, the 1997 LSTM without forget gate,
peepholes, and an LSTM whose gradient explodes."""

from __future__ import annotations

import numpy as np

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP
from lstm_studio.lessons.base import Figure, Lesson, Measure, Page, Report, Series, Text, format_number, wrong_kind
from lstm_studio.lessons.construct import (
    EXPLODING_LIMIT,
    KEY,
    SEQ_LEN,
    WHISPER,
    cell_gradient_norms,
    distance_refusal,
    fraction,
    gate_rows,
    gradient_measures,
    hidden_gradient_norms,
    lesson_document,
    random_signs,
    rng_for,
    sentence,
    set_gate,
)
from lstm_studio.session.document import engine_network, evaluate_document

CELL_KINDS = ("lstm", "peephole_lstm", "lstm_nofg")
LSTM_KINDS = ("lstm", "peephole_lstm")
SHUT, OPEN = -12.0, 12.0
"""Gate biases that shut / open a sigmoid gate whatever the weights add: σ(−12 ± 3.5) < 2·10⁻⁴."""
HIGHWAY_FORGET_BIAS = 4.0
"""Forget-gate bias of the cell-highway LSTM: f ≈ σ(4) ≈ 0.98, 0.98²⁹ ≈ 0.6."""
HIGHWAY_RECURRENT_SCALE = 0.25
"""Its recurrent weights are PyTorch's initialisation × this: the h paths stay small beside the
cell line."""
HIGHWAY_LIMIT = 0.1
"""The claim: more than this share of ‖dL/dc_T‖ reaches c_1."""
FADING_LIMIT = 1e-3
"""Without the bias: less than this share reaches c_1."""


def effective_bias(document, gate: str) -> np.ndarray:
    """b_i{gate} + b_h{gate} of layer 1, forward direction (H,)."""
    rows = gate_rows(document, gate)
    return document.parameters["bias_ih_l0"][rows] + document.parameters["bias_hh_l0"][rows]


def forget_gate(evaluation) -> np.ndarray:
    """f_t of layer 1 (T, H), all ones for the LSTM without forget gate."""
    layer = evaluation.trace.layer(0, 0)
    gates = layer.gates
    return gates["f"][:, 0] if "f" in gates else np.ones_like(layer.c[:, 0])


# -- the cell line -------------------------------------------------------------------------------
def highway_lstm_document(seed: int, forget_bias: float = HIGHWAY_FORGET_BIAS):
    """An LSTM (H = 8, T = 30) with PyTorch-initialised weights, recurrent weights × 0.25 and the
    forget-gate bias ``forget_bias``, reading the sentence; loss at the last step."""
    doc = lesson_document("lstm", seed, sentence(seed))
    doc.parameters["weight_hh_l0"] *= HIGHWAY_RECURRENT_SCALE
    set_gate(doc, "f", bias=forget_bias)
    return doc


def highway_measures(evaluation, document) -> tuple[Measure, ...]:
    d = cell_gradient_norms(evaluation)
    g = hidden_gradient_norms(evaluation)
    f = forget_gate(evaluation)
    bias = float(np.mean(effective_bias(document, "f"))) if "f" in evaluation.trace.layer(0, 0).gates else 0.0
    return (Measure("d_1", "‖dL/dc_1‖", float(d[0])), Measure("d_T", "‖dL/dc_T‖", float(d[-1])),
            Measure("d_ratio", "‖dL/dc_1‖ / ‖dL/dc_T‖", fraction(d[0], d[-1])),
            Measure("g_ratio", "‖dL/dh_1‖ / ‖dL/dh_T‖", fraction(g[0], g[-1])),
            Measure("mean_f", QT_TRANSLATE_NOOP("Lessons", "mean forget gate f"), float(np.mean(f))),
            Measure("forget_bias", QT_TRANSLATE_NOOP("Lessons", "mean forget-gate bias"), bias))


def measure_highway(evaluation, document) -> Report:
    refusal = wrong_kind(document, *CELL_KINDS) or distance_refusal(document)
    if refusal:
        return refusal
    measures = highway_measures(evaluation, document)
    values = {"ratio": measures[2].formatted(), "f": measures[4].formatted(), "bias": measures[5].formatted()}
    if measures[2].value > HIGHWAY_LIMIT:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: {ratio} of ‖dL/dc_T‖ is still there at t = 1, carried along the "
                                    "cell line (mean forget gate {f}, forget-gate bias {bias})."), values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: only {ratio} of ‖dL/dc_T‖ reaches t = 1 (the claim needs "
                                 "more than 0.1); the mean forget gate is {f}."), values), measures)


def measure_fading(evaluation, document) -> Report:
    refusal = wrong_kind(document, *LSTM_KINDS) or distance_refusal(document)
    if refusal:
        return refusal
    measures = highway_measures(evaluation, document)
    values = {"ratio": measures[2].formatted(), "f": measures[4].formatted()}
    if measures[2].value < FADING_LIMIT:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: with the forget gate half shut (mean f = {f}) only {ratio} of "
                                    "‖dL/dc_T‖ reaches t = 1 — no better than an RNN."), values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: {ratio} of ‖dL/dc_T‖ reaches t = 1 (mean f = {f}); the "
                                 "claim needs less than 0.001."), values), measures)


def cell_highway_page(title: str, look: str) -> Page:
    """The LSTM whose cell line carries the gradient (also page 2 of the vanishing lesson)."""
    return Page(title, look, highway_lstm_document, measure_highway, panel="gradient")


HIGHWAY_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "Gradient flow: ‖dL/dc_t‖ (triangles) stays within a factor of a few from t = T back to t = 1. "
    "Going back one step along the cell line, c_t = f⊙c_{t−1} + i⊙g, multiplies "
    "the gradient only by the forget gate: no weight matrix, no tanh'. That keeps it alive only while "
    "f stays near 1 — here f ≈ σ(4) ≈ 0.98 because the forget-gate bias is 4 (Weights ▸ b_if). "
    "Gers et al. (2000) and Jozefowicz et al. (2015) recommend a bias of 1 or more for this reason. "
    "Next: the same LSTM with bias 0.")

FADING_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "The same LSTM with forget-gate bias 0: f ≈ σ(0) = 0.5 at every step, and 29 steps multiply the "
    "cell line's gradient by about 0.5²⁹ ≈ 2·10⁻⁹ — ‖dL/dc_t‖ now falls as steeply as an RNN's. A "
    "freshly initialised LSTM keeps little more than an RNN over 30 steps; the forget-gate bias is "
    "what makes the cell line a highway.")


# -- forget gate at 0 ------------------------------------------------------------------------------
ERASE_STEP = 15
"""0-based step of the full stop that shuts the forget gate (t = 16)."""
STOP = 2
"""Input channel of the full stop."""
ERASE_F, ERASE_CELL, ERASE_SHARE = 0.01, 0.5, 0.05


def store_first_word(doc, units, signs=None) -> None:
    """Wire ``units`` as memory cells: input gate open only on the key word, candidate ±tanh(3),
    forget and output gates open; their other weights 0."""
    signs = np.ones(len(units)) if signs is None else signs
    p = doc.parameters
    for gate in ("i", "f", "g", "o"):
        rows = np.arange(gate_rows(doc, gate).start, gate_rows(doc, gate).stop)[units]
        p["weight_ih_l0"][rows] = 0.0
        p["weight_hh_l0"][rows] = 0.0
        p["bias_hh_l0"][rows] = 0.0
        p["bias_ih_l0"][rows] = {"i": -6.0, "f": 6.0, "g": 0.0, "o": 6.0}[gate]
        if gate == "i":
            p["weight_ih_l0"][rows, KEY] = 12.0
        if gate == "g":
            p["weight_ih_l0"][rows, KEY] = 3.0 * signs


def forget_erases_document(seed: int):
    """An LSTM whose unit 1 stores the key word and lets go of it at a full stop (t = 16, channel
    2) that shuts its forget gate; the other units keep their random weights."""
    x = sentence(seed, extra=1)
    x[ERASE_STEP, STOP] = 1.0
    doc = lesson_document("lstm", seed, x, time_step=ERASE_STEP, unit=0)
    store_first_word(doc, [0])
    doc.parameters["weight_ih_l0"][gate_rows(doc, "f").start, STOP] = -20.0
    doc.readout["weight"][0, 0] = 1.0
    return doc


def measure_forget_erases(evaluation, document) -> Report:
    refusal = wrong_kind(document, *LSTM_KINDS)
    if refusal:
        return refusal
    layer = evaluation.trace.layer(0, 0)
    f, c_prev, c = layer.gates["f"][:, 0], layer.c_prev[:, 0], layer.c[:, 0]
    holding = np.abs(c_prev) > ERASE_CELL
    erased = holding & (f < ERASE_F) & (np.abs(c) < ERASE_SHARE * np.abs(c_prev))
    if erased.any():
        t, unit = np.argwhere(erased)[0]
        found = True
    elif holding.any():  # the closest miss: the smallest forget gate on a full cell
        t, unit = np.unravel_index(np.argmin(np.where(holding, f, np.inf)), f.shape)
        found = False
    else:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: no cell holds more than 0.5, so there is nothing to erase.")))
    measures = (Measure("t", "t", float(t + 1)), Measure("unit", QT_TRANSLATE_NOOP("Lessons", "unit"), float(unit)),
                Measure("f", "f_t", float(f[t, unit])), Measure("c_prev", "c_{t−1}", float(c_prev[t, unit])),
                Measure("c", "c_t", float(c[t, unit])))
    values = {"t": int(t + 1), "unit": int(unit), "f": measures[2].formatted(),
              "c_prev": measures[3].formatted(), "c": measures[4].formatted()}
    if found:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: at t = {t} unit {unit}'s forget gate is {f}, and its cell goes "
                                    "from {c_prev} to {c}."), values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the forget gate never shuts on a full cell; the smallest "
                                 "is f = {f} at t = {t} (unit {unit}, c_{{t−1}} = {c_prev}, c_t = {c})."),
                              values), measures)


FORGET_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "States: the cell of unit 0 holds \"Moscow\" (c ≈ 0.96) until t = 16, then drops to 0. There the "
    "full stop (input channel 2) drives its forget gate to f ≈ 0 (Gates: the dark dot in f's top row), "
    "so f⊙c_{t−1} is 0 and the cell keeps only what the input gate lets in now (i ≈ 0 here). The cell "
    "diagram at t = 16, unit 0, shows the numbers. Gradient flow: ‖dL/dc_t‖ falls to almost nothing "
    "before t = 16 — the path back to \"Moscow\" is cut.")


# -- input gate at 0 ----------------------------------------------------------------------------
INPUT_SHUT_I, INPUT_CELL = 0.01, 0.5
INPUT_RESIDUAL = 0.01
"""|c_t − f⊙c_{t−1}| must stay below this share of max |c0|."""


def input_shut_document(seed: int):
    """An LSTM with the input gate shut (bias −12) and a cell that already holds something:
    c0 = ±U(0.5, 1.5); forget-gate biases U(0, 6) per unit (some hold, some fade)."""
    doc = lesson_document("lstm", seed, sentence(seed))
    hidden = doc.config.hidden_size
    rng = rng_for(seed, 3)
    doc.c0 = (random_signs(rng, hidden) * rng.uniform(0.5, 1.5, hidden))[None, :]
    set_gate(doc, "i", bias=SHUT)
    set_gate(doc, "f", bias=rng.uniform(0.0, 6.0, hidden))
    return doc


def measure_input_shut(evaluation, document) -> Report:
    refusal = wrong_kind(document, *CELL_KINDS)
    if refusal:
        return refusal
    layer = evaluation.trace.layer(0, 0)
    i, c_prev, c = layer.gates["i"][:, 0], layer.c_prev[:, 0], layer.c[:, 0]
    f = forget_gate(evaluation)
    c0 = float(np.max(np.abs(document.c0[0])))
    residual = float(np.max(np.abs(c - f * c_prev)))
    measures = (Measure("max_i", "max i_t", float(np.max(i))), Measure("max_c0", "max |c0|", c0),
                Measure("residual", "max |c_t − f⊙c_{t−1}|", residual))
    t, unit = np.unravel_index(np.argmax(i), i.shape)
    values = {"i": measures[0].formatted(), "c0": measures[1].formatted(), "residual": measures[2].formatted(),
              "t": int(t + 1), "unit": int(unit)}
    if c0 < INPUT_CELL:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the cell starts empty (max |c0| = {c0}); with nothing "
                                     "in it, a shut input gate has nothing to keep (Initial state tab)."), values), measures)
    if measures[0].value >= INPUT_SHUT_I:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the input gate opens to {i} at t = {t} (unit {unit})."),
                                  values), measures)
    if residual >= INPUT_RESIDUAL * c0:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: c_t differs from f⊙c_{{t−1}} by {residual}."), values), measures)
    return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: the input gate stays below {i}, so c_t = f⊙c_{{t−1}} to within {residual}: "
                                "the cell keeps (or fades) what c0 held and takes nothing in."), values), measures)


INPUT_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "States: every c_t curve only keeps or fades what the cell started with (c0 ≠ 0, Initial state "
    "tab): units whose forget gate is near 1 stay flat, others decay by f at each step. The input "
    "gate is shut (bias −12, Gates: i is dark everywhere), so the sentence — \"Moscow\" at t = 1 "
    "included — never enters the cell. With an empty cell (c0 = 0) this would show nothing: there "
    "would be nothing to keep.")


# -- output gate at 0 ------------------------------------------------------------------------------
OUTPUT_SHUT_O, OUTPUT_H, OUTPUT_CELL = 0.01, 0.01, 0.5


def output_gate_document(seed: int, output_bias: float):
    """An LSTM whose units store the key word (±0.99 in c), output-gate bias ``output_bias``."""
    doc = lesson_document("lstm", seed, sentence(seed), time_step=SEQ_LEN - 1, unit=0)
    hidden = doc.config.hidden_size
    store_first_word(doc, list(range(hidden)), random_signs(rng_for(seed, 5), hidden))
    set_gate(doc, "o", bias=output_bias)
    return doc


def measure_output_shut(evaluation, document) -> Report:
    refusal = wrong_kind(document, *CELL_KINDS)
    if refusal:
        return refusal
    layer = evaluation.trace.layer(0, 0)
    o, h, c = layer.gates["o"][:, 0], layer.h[:, 0], layer.c[:, 0]
    measures = (Measure("max_o", "max o_t", float(np.max(o))), Measure("max_h", "max |h_t|", float(np.max(np.abs(h)))),
                Measure("max_c", "max |c_t|", float(np.max(np.abs(c)))))
    values = {"o": measures[0].formatted(), "h": measures[1].formatted(), "c": measures[2].formatted()}
    if measures[0].value >= OUTPUT_SHUT_O:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the output gate opens to {o}."), values), measures)
    if measures[2].value <= OUTPUT_CELL:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the cell holds little (max |c| = {c}): nothing to hide."),
                                  values), measures)
    if measures[1].value >= OUTPUT_H:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: h reaches {h}."), values), measures)
    return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: the cell holds up to {c}, but with o ≤ {o} the hidden state stays below "
                                "{h}: nothing of the cell reaches h or the output."), values), measures)


def measure_output_open(evaluation, document) -> Report:
    refusal = wrong_kind(document, *CELL_KINDS)
    if refusal:
        return refusal
    layer = evaluation.trace.layer(0, 0)
    o, h, c = layer.gates["o"][:, 0], layer.h[:, 0], layer.c[:, 0]
    gap = float(np.max(np.abs(h - np.tanh(c))))
    measures = (Measure("min_o", "min o_t", float(np.min(o))), Measure("gap", "max |h_t − tanh(c_t)|", gap))
    values = {"o": format_number(1.0 - measures[0].value), "gap": measures[1].formatted()}
    if gap < OUTPUT_H:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: with o ≥ 1 − {o}, h_t = tanh(c_t) to within {gap}."), values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: h_t differs from tanh(c_t) by {gap} (min o = 1 − {o})."), values),
                  measures)


OUTPUT_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "States: the cell c_t keeps \"Moscow\" (±0.99) all the way to t = T, but h_t is flat at 0: the "
    "output gate is shut (bias −12; Gates: o is dark), and h_t = o⊙tanh(c_t). The read-out sees only "
    "h, so the output ŷ knows nothing of what the cell holds (Output and loss). Next: the output gate "
    "open.")

OUTPUT_OPEN_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "The same cell with the output gate open (bias +12, o ≈ 1): h_t = tanh(c_t), so the hidden state "
    "now shows what the cell holds, and the output follows.")


# -- the 1997 LSTM -----------------------------------------------------------------------------
ACCUMULATED, NOFG_INPUT_BIAS, NOFG_CANDIDATE_BIAS = 5.0, 2.0, 1.0
WITH_FORGET_BIAS = 1.4
"""Page 2's forget gate: σ(1.4) ≈ 0.8."""


def no_forget_gate_document(seed: int):
    """The 1997 LSTM (no forget gate): input gate mostly open (bias 2), candidate ±tanh(1 + …) per
    unit (its sign drawn from ``seed``); its other weights PyTorch's × 0.25."""
    doc = lesson_document("lstm_nofg", seed, sentence(seed))
    for name in ("weight_ih_l0", "weight_hh_l0"):
        doc.parameters[name] *= 0.25
    set_gate(doc, "i", bias=NOFG_INPUT_BIAS)
    set_gate(doc, "g", bias=NOFG_CANDIDATE_BIAS * random_signs(rng_for(seed, 6), doc.config.hidden_size))
    return doc


def with_forget_gate_document(seed: int):
    """Page 2: the same weights in an LSTM with a forget gate (bias 1.4, f ≈ 0.8)."""
    old = no_forget_gate_document(seed)
    doc = lesson_document("lstm", seed, old.inputs)
    for name, value in doc.parameters.items():
        for gate in ("i", "g", "o"):
            value[gate_rows(doc, gate)] = old.parameters[name][gate_rows(old, gate)]
        if name.startswith("weight"):
            value[gate_rows(doc, "f")] *= 0.25
    set_gate(doc, "f", bias=WITH_FORGET_BIAS)
    doc.readout = {k: v.copy() for k, v in old.readout.items()}
    return doc


def nofg_measures(evaluation):
    layer = evaluation.trace.layer(0, 0)
    c, h = layer.c[:, 0], layer.h[:, 0]
    return (Measure("max_c_T", "max |c_T|", float(np.max(np.abs(c[-1])))),
            Measure("max_h", "max |h_t|", float(np.max(np.abs(h)))))


def measure_no_forget_gate(evaluation, document) -> Report:
    refusal = wrong_kind(document, "lstm_nofg")
    if refusal:
        return refusal
    measures = nofg_measures(evaluation)
    values = {"c": measures[0].formatted(), "h": measures[1].formatted()}
    if measures[0].value > ACCUMULATED and measures[1].value <= 1.0:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: with nothing to forget, the cell piles up to |c_T| = {c}, while h "
                                    "stays within ±1 (max {h}): tanh(c) saturates."), values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the cell reaches only |c_T| = {c} (the claim needs more "
                                 "than 5)."), values), measures)


def measure_with_forget_gate(evaluation, document) -> Report:
    refusal = wrong_kind(document, *LSTM_KINDS)
    if refusal:
        return refusal
    measures = nofg_measures(evaluation) + (Measure("mean_f", QT_TRANSLATE_NOOP("Lessons", "mean forget gate f"),
                                                    float(np.mean(forget_gate(evaluation)))),)
    values = {"c": measures[0].formatted(), "f": measures[2].formatted()}
    if measures[0].value < ACCUMULATED:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: with a forget gate (mean f = {f}) the cell settles at |c_T| = {c}."),
                                 values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the cell still grows to |c_T| = {c} (mean f = {f})."), values),
                  measures)


NOFG_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "The LSTM of Hochreiter & Schmidhuber (1997) had no forget gate: c_t = c_{t−1} + i⊙g. States: "
    "the cell only accumulates — every step adds i⊙g, and c_t climbs past 5 — while h_t = "
    "o⊙tanh(c_t) stays within ±1 because tanh saturates (and then passes no gradient). The forget "
    "gate (Gers et al. 2000) lets the cell let go. Next: the same weights with a forget gate.")

WITH_FORGET_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "The same weights with a forget gate f ≈ 0.8: the cell settles where what the input adds equals "
    "what f lets go, c ≈ i⊙g / (1 − f).")


# -- peepholes ---------------------------------------------------------------------------------
PEEPHOLE_OUTPUT_BIAS, PEEPHOLE_WEIGHT = -4.0, 6.0
PEEPHOLE_GATE_CHANGE, PEEPHOLE_OUTPUT_CHANGE = 0.5, 0.25


def peephole_document(seed: int):
    """A peephole LSTM whose units store the key word; the output gate is shut by its bias (−4)
    but sees the cell through w_co = 6: a full cell opens its own output gate."""
    doc = lesson_document("peephole_lstm", seed, sentence(seed), time_step=SEQ_LEN - 1, unit=0)
    hidden = doc.config.hidden_size
    store_first_word(doc, list(range(hidden)))
    for name in ("weight_ih_l0", "weight_hh_l0"):
        doc.parameters[name][gate_rows(doc, "o")] = 0.25 * doc.parameters[name][gate_rows(doc, "o")]
    set_gate(doc, "o", bias=PEEPHOLE_OUTPUT_BIAS)
    doc.parameters["weight_ci_l0"][:] = 0.0
    doc.parameters["weight_cf_l0"][:] = 0.0
    doc.parameters["weight_co_l0"][:] = PEEPHOLE_WEIGHT
    doc.readout["weight"][:] = 1.6 / hidden  # ŷ ≈ 1.6·mean h: near the target 1 while o is open
    doc.readout["bias"][:] = 0.0
    return doc


def without_peepholes(document):
    blind = document.copy()
    for name in blind.parameters:
        if name.startswith(("weight_ci", "weight_cf", "weight_co")):
            blind.parameters[name] = np.zeros_like(blind.parameters[name])  # (a copy shares read-only arrays)
    return blind


def measure_peephole(evaluation, document) -> Report:
    refusal = wrong_kind(document, "peephole_lstm")
    if refusal:
        return refusal
    blind = evaluate_document(without_peepholes(document), *engine_network(without_peepholes(document)))
    o = evaluation.trace.layer(0, 0).gates["o"][:, 0]
    o_blind = blind.trace.layer(0, 0).gates["o"][:, 0]
    change = np.abs(o - o_blind)
    t, unit = np.unravel_index(np.argmax(change), change.shape)
    y, y_blind = float(evaluation.y[-1, 0]), float(blind.y[-1, 0])
    measures = (Measure("o_change", QT_TRANSLATE_NOOP("Lessons", "largest change of o by the peephole"), float(change[t, unit])),
                Measure("o", QT_TRANSLATE_NOOP("Lessons", "o with peephole"), float(o[t, unit])),
                Measure("o_blind", QT_TRANSLATE_NOOP("Lessons", "o without peephole"), float(o_blind[t, unit])),
                Measure("y_T", QT_TRANSLATE_NOOP("Lessons", "ŷ_T with peepholes"), y), Measure("y_T_blind", QT_TRANSLATE_NOOP("Lessons", "ŷ_T without"), y_blind),
                Measure("loss", QT_TRANSLATE_NOOP("Lessons", "loss with peepholes"), float(evaluation.loss)),
                Measure("loss_blind", QT_TRANSLATE_NOOP("Lessons", "loss without"), float(blind.loss)))
    unit_shown = min(document.view.unit, o.shape[1] - 1)
    steps = np.arange(1, o.shape[0] + 1)
    figure = Figure(QT_TRANSLATE_NOOP("Lessons", "Output gate o of the selected unit"), "o_t",
                    (Series(QT_TRANSLATE_NOOP("Lessons", "with peephole"), steps, o[:, unit_shown]),
                     Series(QT_TRANSLATE_NOOP("Lessons", "peepholes set to 0"), steps, o_blind[:, unit_shown])))
    values = {"o": measures[1].formatted(), "o_blind": measures[2].formatted(), "t": int(t + 1),
              "unit": int(unit), "y": measures[3].formatted(), "y_blind": measures[4].formatted()}
    if change[t, unit] > PEEPHOLE_GATE_CHANGE and abs(y - y_blind) > PEEPHOLE_OUTPUT_CHANGE:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: at t = {t} (unit {unit}) the peephole opens the output gate to {o} "
                                    "(without it: {o_blind}), and the answer ŷ_T is {y} instead of {y_blind}."),
                                 values), measures, (figure,))
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the peepholes change o by at most {o} − {o_blind} and ŷ_T "
                                 "from {y_blind} to {y}."), values), measures, (figure,))


PEEPHOLE_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "The output gate's bias is −4 (o ≈ 0.02: shut), but through the peephole w_co = 6 it sees its own "
    "cell: while the cell holds \"Moscow\" (c ≈ 1), o = σ(−4 + 6·c_t) ≈ 0.9 and the answer comes out. "
    "The figure shows o of the selected unit with the peepholes and with them set to 0. Each unit's "
    "cell reaches only its own gates (w_ci, w_cf, w_co are vectors: a diagonal connection; cell "
    "diagram: dashed lines). Set w_co to 0 in Weights to see the answer vanish.")


# -- an LSTM explodes too --------------------------------------------------------------------------
def exploding_lstm_document(seed: int):
    """An LSTM with every gate open (biases 6), the candidate reading back its unit's own output
    (W_hg = 0.5·I), other weights PyTorch's × 0.25, and whispered inputs (10⁻⁵)."""
    doc = lesson_document("lstm", seed, WHISPER * sentence(seed))
    hidden = doc.config.hidden_size
    for name in ("weight_ih_l0", "weight_hh_l0"):
        doc.parameters[name] *= 0.25
    for gate in ("i", "f", "o"):
        set_gate(doc, gate, bias=6.0)
    set_gate(doc, "g", bias=0.0, w_hh=0.5 * np.eye(hidden))
    return doc


def measure_exploding_lstm(evaluation, document) -> Report:
    refusal = wrong_kind(document, *CELL_KINDS) or distance_refusal(document)
    if refusal:
        return refusal
    measures = gradient_measures(evaluation)
    d = cell_gradient_norms(evaluation)
    measures += (Measure("d_ratio", "‖dL/dc_1‖ / ‖dL/dc_T‖", fraction(d[0], d[-1])),
                 Measure("loss", QT_TRANSLATE_NOOP("Lessons", "loss L"), float(evaluation.loss)))
    values = {"ratio": measures[2].formatted()}
    if measures[2].value > EXPLODING_LIMIT:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: the gradient at t = 1 is {ratio} times the one at t = T — an LSTM "
                                    "explodes too."), values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the gradient at t = 1 is {ratio} times the one at t = T (the "
                                 "claim needs more than 1000)."), values), measures)


EXPLODING_LSTM_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "Gradient flow: ‖dL/dh_t‖ and ‖dL/dc_t‖ rise about ×1.4 per step back, 10⁴ in all. Every gate is "
    "open (f ≈ 1, as on the cell highway), and the candidate reads the unit's own output back "
    "(W_hg = 0.5·I): each step adds about half of the cell to itself, c_t ≈ 1.4·c_{t−1}, and the "
    "gradient grows the same way (the inputs are whispers, so nothing saturates). Course note 004 says an "
    "LSTM cannot explode: it can — the forget gate stops vanishing along the cell line, not growth "
    "through the weights, which is why LSTMs are trained with gradient clipping too.")


LESSONS = (
    Lesson(
        id="cell-highway", chapter="LSTM",
        title=QT_TRANSLATE_NOOP("Lessons", "The cell line keeps gradients alive"),
        claim=QT_TRANSLATE_NOOP("Lessons", "The cell state passes from step to step through only an element-wise product with f "
                 "and a sum, so its gradient survives far longer than a vanilla RNN's — as long as the "
                 "forget gate stays near 1."),
        pages=(cell_highway_page(QT_TRANSLATE_NOOP("Lessons", "Forget-gate bias 4: a highway"), HIGHWAY_LOOK),
               Page(QT_TRANSLATE_NOOP("Lessons", "Forget-gate bias 0: no highway"), FADING_LOOK,
                    lambda seed: highway_lstm_document(seed, forget_bias=0.0), measure_fading,
                    panel="gradient"))),
    Lesson(
        id="forget-gate-erases", chapter="LSTM",
        title=QT_TRANSLATE_NOOP("Lessons", "Forget gate 0 erases the cell"),
        claim=QT_TRANSLATE_NOOP("Lessons", "With the forget gate at 0 the previous cell state has no influence: c_t = i⊙g, "
                 "whatever c_{t−1} held."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "A full stop shuts the forget gate"), FORGET_LOOK, forget_erases_document,
                    measure_forget_erases, panel="states"),)),
    Lesson(
        id="input-gate-shut", chapter="LSTM",
        title=QT_TRANSLATE_NOOP("Lessons", "Input gate 0 keeps the cell as it was"),
        claim=QT_TRANSLATE_NOOP("Lessons", "With the input gate at 0 the new cell state depends only on the previous one: "
                 "c_t = f⊙c_{t−1}. It shows only when the cell already holds something."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "A shut input gate on a full cell"), INPUT_LOOK, input_shut_document,
                    measure_input_shut, panel="states"),)),
    Lesson(
        id="output-gate-shut", chapter="LSTM",
        title=QT_TRANSLATE_NOOP("Lessons", "Output gate 0 hides the cell"),
        claim=QT_TRANSLATE_NOOP("Lessons", "With the output gate at 0 the hidden state is 0 whatever the cell holds; at 1 it is "
                 "tanh(c_t)."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "Output gate shut"), OUTPUT_LOOK, lambda seed: output_gate_document(seed, SHUT),
                    measure_output_shut, panel="states"),
               Page(QT_TRANSLATE_NOOP("Lessons", "Output gate open"), OUTPUT_OPEN_LOOK, lambda seed: output_gate_document(seed, OPEN),
                    measure_output_open, panel="states"))),
    Lesson(
        id="lstm-without-forget-gate", chapter="LSTM",
        title=QT_TRANSLATE_NOOP("Lessons", "The 1997 LSTM had no forget gate"),
        claim=QT_TRANSLATE_NOOP("Lessons", "The original LSTM (Hochreiter & Schmidhuber 1997) had no forget gate: its cell only "
                 "accumulates, c_t = c_{t−1} + i⊙g."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "No forget gate: the cell piles up"), NOFG_LOOK, no_forget_gate_document,
                    measure_no_forget_gate, panel="states"),
               Page(QT_TRANSLATE_NOOP("Lessons", "With a forget gate: the cell settles"), WITH_FORGET_LOOK, with_forget_gate_document,
                    measure_with_forget_gate, panel="states"))),
    Lesson(
        id="peephole", chapter="LSTM",
        title=QT_TRANSLATE_NOOP("Lessons", "Peepholes let gates read the cell"),
        claim=QT_TRANSLATE_NOOP("Lessons", "Peephole connections let the gates look at the cell state, each unit's cell only at its "
                 "own gates (a diagonal connection) — enough to change a gate and the outcome."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "A cell that opens its own output gate"), PEEPHOLE_LOOK, peephole_document,
                    measure_peephole, panel="gates"),)),
    Lesson(
        id="lstm-explodes-too", chapter="LSTM",
        title=QT_TRANSLATE_NOOP("Lessons", "An LSTM can explode as well"),
        claim=QT_TRANSLATE_NOOP("Lessons", "The LSTM's cell line stops gradients from vanishing, not from exploding: through its "
                 "recurrent weights an LSTM's gradient can grow exponentially too (course note 004 says "
                 "otherwise)."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "The cell feeds itself"), EXPLODING_LSTM_LOOK, exploding_lstm_document,
                    measure_exploding_lstm, panel="gradient"),)),
)
