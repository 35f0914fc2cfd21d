"""Lessons on backpropagation through time itself: clipping tames exploding gradients and does
nothing for vanishing ones; truncation cuts long dependencies."""

from __future__ import annotations

import numpy as np

from lstm_studio.engine import EMBEDDING
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP
from lstm_studio.lessons.base import Figure, Lesson, Measure, Page, Report, Series, Text, format_number, wrong_kind
from lstm_studio.lessons.construct import (
    cell_gradient_norms,
    distance_refusal,
    fraction,
    gradient_measures,
    hidden_gradient_norms,
)
from lstm_studio.lessons.lstm import CELL_KINDS, highway_lstm_document
from lstm_studio.lessons.rnn import VANISHING_LIMIT, exploding_rnn_document, vanishing_rnn_document
from lstm_studio.lessons.trained import clipped_training_page
from lstm_studio.session.document import evaluate_document

CLIP_NORM = 1.0
"""Threshold of the clipping lesson (the exploding RNN's gradient norm is far above it)."""
CLIP_FACTOR = 10.0
"""The claim: the norm before clipping is more than this many times the threshold."""


def block_label(name: str) -> str:
    """Short label of a parameter block: "E", "W_ih", "W_hh", "b_ih", "b_hh", "W_y", "b_y" (+ layer)."""
    if name.startswith("readout."):
        return {"readout.weight": "W_y", "readout.bias": "b_y"}[name]
    if name == EMBEDDING:
        return "E"
    role, _, rest = name.partition("_l")
    short = {"weight_ih": "W_ih", "weight_hh": "W_hh", "bias_ih": "b_ih", "bias_hh": "b_hh",
             "weight_ci": "w_ci", "weight_cf": "w_cf", "weight_co": "w_co"}.get(role, role)
    layer, _, reverse = rest.partition("_")
    suffix = "" if layer == "0" and not reverse else f" l{int(layer) + 1}" + (" rev" if reverse else "")
    return short + suffix


def block_norms(evaluation) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Parameter blocks, their gradient norms before and after clipping."""
    grads = evaluation.grads
    names = list(grads.unclipped_norms)
    before = np.array([grads.unclipped_norms[name] for name in names])
    after = []
    for name in names:
        value = evaluation.readout_grads[name[len("readout."):]] if name.startswith("readout.") else grads[name]
        after.append(float(np.sqrt(np.vdot(value, value))))
    return names, before, np.array(after)


def clipping_figure(evaluation) -> Figure:
    names, before, after = block_norms(evaluation)
    index = np.arange(len(names), dtype=float)
    return Figure(QT_TRANSLATE_NOOP("Lessons", "Parameter gradients"), "‖∂L/∂θ‖",
                  (Series(QT_TRANSLATE_NOOP("Lessons", "before clipping"), index, before), Series(QT_TRANSLATE_NOOP("Lessons", "after clipping"), index, after)),
                  kind="bars", log=True, categories=tuple(block_label(name) for name in names))


def clipping_measures(evaluation, document) -> tuple[Measure, ...]:
    _, _, after = block_norms(evaluation)
    threshold = document.bptt.clip_norm
    return (Measure("norm_before", QT_TRANSLATE_NOOP("Lessons", "‖∇θL‖ before clipping"), float(evaluation.grads.norm)),
            Measure("norm_after", QT_TRANSLATE_NOOP("Lessons", "‖∇θL‖ after clipping"), float(np.sqrt(np.sum(after ** 2)))),
            Measure("threshold", QT_TRANSLATE_NOOP("Lessons", "clipping threshold"), float(threshold) if threshold else float("nan")))


# -- clipping tames exploding gradients ------------------------------------------------------------
def clipping_document(seed: int):
    """The exploding RNN of the exploding-gradient lesson with clipping by norm at 1."""
    doc = exploding_rnn_document(seed)
    doc.bptt.clip_norm = CLIP_NORM
    return doc


def measure_clipping(evaluation, document) -> Report:
    measures = clipping_measures(evaluation, document)
    figure = clipping_figure(evaluation)
    threshold = document.bptt.clip_norm
    values = {"before": measures[0].formatted(), "after": measures[1].formatted(),
              "threshold": measures[2].formatted(), "times": format_number(fraction(measures[0].value, threshold or 1))}
    if not threshold:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: clipping by norm is off (Training tab ▸ Clipping: by norm).")),
                      measures, (figure,))
    if measures[0].value <= CLIP_FACTOR * threshold:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: ‖∇θL‖ = {before} is only {times}× the threshold {threshold} "
                                     "(the claim needs more than 10×)."), values), measures, (figure,))
    return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: ‖∇θL‖ = {before} is {times}× the threshold; clipping scales every block by "
                                "the same factor down to a total of {after} — same direction, bounded step."),
                             values), measures, (figure,))


CLIPPING_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "Gradient flow, the bars on the right: the gradient norm of each parameter block (W_ih, W_hh, "
    "biases, read-out) before clipping (huge: the gradient explodes, as in the exploding-gradient lesson) "
    "and after clipping by norm: every block is multiplied by threshold / ‖∇θL‖, so the whole "
    "gradient has norm 1 and keeps its direction. Training then takes a bounded step instead of "
    "jumping across the loss surface. The curves of ‖dL/dh_t‖ do not change: clipping acts on the "
    "parameter gradients after BPTT. Next: training with and without clipping.")


# -- clipping does nothing for vanishing gradients -------------------------------------------------
def clipping_vanishing_document(seed: int):
    """The vanishing RNN with clipping by norm at a tenth of its gradient norm (so it acts)."""
    doc = vanishing_rnn_document(seed)
    norm = evaluate_document(doc).grads.norm
    doc.bptt.clip_norm = float(10.0 ** np.floor(np.log10(norm / 10.0)))
    return doc


def measure_clipping_vanishing(evaluation, document) -> Report:
    refusal = wrong_kind(document, "rnn_tanh") or distance_refusal(document)
    if refusal:
        return refusal
    unclipped = document.copy()
    unclipped.bptt.clip_norm = unclipped.bptt.clip_value = None
    plain = evaluate_document(unclipped)
    with_clip = gradient_measures(evaluation)
    without = gradient_measures(plain)
    measures = clipping_measures(evaluation, document) + (
        Measure("g_ratio", QT_TRANSLATE_NOOP("Lessons", "‖dL/dh_1‖ / ‖dL/dh_T‖ with clipping"), with_clip[2].value),
        Measure("g_ratio_unclipped", QT_TRANSLATE_NOOP("Lessons", "‖dL/dh_1‖ / ‖dL/dh_T‖ without"), without[2].value))
    values = {"ratio": with_clip[2].formatted(), "before": measures[0].formatted(),
              "threshold": measures[2].formatted()}
    if not evaluation.grads.clipped:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: clipping does not act (‖∇θL‖ = {before}, threshold "
                                     "{threshold}); lower the threshold below the norm."), values), measures,
                      (clipping_figure(evaluation),))
    same = with_clip[2].value == without[2].value
    if same and with_clip[2].value < VANISHING_LIMIT:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: clipping scaled the parameter gradient down, and the share reaching t = 1 "
                                    "is still {ratio} — exactly as without clipping."), values), measures,
                      (clipping_figure(evaluation),))
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the share reaching t = 1 is {ratio}."), values), measures,
                  (clipping_figure(evaluation),))


CLIPPING_VANISHING_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "The vanishing RNN with clipping switched on, threshold below its gradient norm so that clipping "
    "acts (the bars: every block scaled down). Gradient flow: ‖dL/dh_t‖ falls exactly as without "
    "clipping — the share of the gradient that reaches t = 1 is the same number. Clipping only "
    "shrinks a gradient that is too large; it cannot bring back what 29 multiplications by "
    "W_hhᵀ·diag(1 − h²) took away. For that, the cell needs a path that does not shrink: the LSTM's "
    "cell line or the GRU's update gate.")


# -- truncation cuts -------------------------------------------------------------------------------
TRUNCATE = 10
"""k of the truncation lesson: T = 30 ≥ 2k."""


def truncated_document(seed: int, truncate: int | None = TRUNCATE):
    """The cell-highway LSTM (whose gradient reaches t = 1) with BPTT truncated to ``truncate``."""
    doc = highway_lstm_document(seed)
    doc.bptt.truncate = truncate
    return doc


def measure_truncation(evaluation, document) -> Report:
    refusal = wrong_kind(document, *CELL_KINDS, "rnn_tanh", "rnn_relu", "gru") or distance_refusal(document)
    if refusal:
        return refusal
    k, steps = document.bptt.truncate, document.config.seq_len
    g = hidden_gradient_norms(evaluation)
    full = document.copy()
    full.bptt.truncate = None
    g_full = hidden_gradient_norms(evaluate_document(full))
    measures = (Measure("truncate", "k", float(k or 0)), Measure("g_1", "‖dL/dh_1‖", float(g[0])),
                Measure("g_T", "‖dL/dh_T‖", float(g[-1])),
                Measure("g_1_full", QT_TRANSLATE_NOOP("Lessons", "‖dL/dh_1‖ with full BPTT"), float(g_full[0])))
    values = {"k": k, "steps": steps, "g1": measures[1].formatted(), "full": measures[3].formatted(),
              "first": steps - k + 1 if k else 0}
    if not k:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: BPTT is not truncated (Training tab ▸ Truncate BPTT).")),
                      measures)
    if steps < 2 * k:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "Does not apply: the sequence must be at least twice as long as the truncation "
                                     "(T = {steps}, k = {k})."), values), measures)
    if g[0] == 0.0 and g[-1] > 0.0:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: with k = {k}, ‖dL/dh_1‖ is exactly 0 (full BPTT: {full}); the loss at "
                                    "t = {steps} reaches back only to t = {first}."), values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: ‖dL/dh_1‖ = {g1} with k = {k}."), values), measures)


def measure_full_bptt(evaluation, document) -> Report:
    refusal = wrong_kind(document, *CELL_KINDS) or distance_refusal(document)
    if refusal:
        return refusal
    g = hidden_gradient_norms(evaluation)
    d = cell_gradient_norms(evaluation)
    measures = (Measure("g_1", "‖dL/dh_1‖", float(g[0])),
                Measure("d_ratio", "‖dL/dc_1‖ / ‖dL/dc_T‖", fraction(d[0], d[-1])))
    values = {"g1": measures[0].formatted(), "ratio": measures[1].formatted()}
    if document.bptt.truncate is None and g[0] > 0.0:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: without truncation the gradient reaches t = 1 (‖dL/dh_1‖ = {g1}; "
                                    "{ratio} of ‖dL/dc_T‖ along the cell line)."), values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: BPTT is truncated or ‖dL/dh_1‖ = {g1}."), values), measures)


TRUNCATION_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "Gradient flow: with BPTT truncated to k = 10 steps (dashed lines at the cuts), the gradient of "
    "the loss at t = 30 stops at t = 21: every earlier step gets exactly 0 (no marker: a log axis has "
    "no 0). The LSTM here keeps its gradient alive along the cell line (see Next, full BPTT), so what "
    "is missing was cut, not vanished. Course note 002 calls truncation a remedy for vanishing "
    "gradients; it is not: it cuts every path longer than k and so cannot learn dependencies longer "
    "than k. What it saves is computation and memory.")

FULL_BPTT_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "The same LSTM with full BPTT: the gradient reaches all the way back to t = 1, along the cell "
    "line. Compare with the previous page, where everything before t = 21 was exactly 0.")


LESSONS = (
    Lesson(
        id="clipping", chapter="BPTT",
        title=QT_TRANSLATE_NOOP("Lessons", "Clipping tames exploding gradients"),
        claim=QT_TRANSLATE_NOOP("Lessons", "Gradient clipping rescales a gradient whose norm exceeds a threshold, so one exploding "
                 "gradient cannot throw training off."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "One exploding gradient, clipped"), CLIPPING_LOOK, clipping_document, measure_clipping,
                    panel="gradient"),
               clipped_training_page())),
    Lesson(
        id="clipping-not-vanishing", chapter="BPTT",
        title=QT_TRANSLATE_NOOP("Lessons", "Clipping does nothing for vanishing gradients"),
        claim=QT_TRANSLATE_NOOP("Lessons", "Clipping only shrinks gradients that are too large; a vanishing gradient stays exactly as "
                 "small at the early steps."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "The vanishing RNN, clipped"), CLIPPING_VANISHING_LOOK, clipping_vanishing_document,
                    measure_clipping_vanishing, panel="gradient"),)),
    Lesson(
        id="truncation-cuts", chapter="BPTT",
        title=QT_TRANSLATE_NOOP("Lessons", "Truncated BPTT cuts long dependencies"),
        claim=QT_TRANSLATE_NOOP("Lessons", "Truncating BPTT to k steps makes training cheaper but cuts every gradient path longer "
                 "than k: beyond the cut the gradient is exactly 0. It is not a cure for vanishing "
                 "gradients (course note 002 says it is)."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "Truncated to 10 steps"), TRUNCATION_LOOK, truncated_document, measure_truncation,
                    panel="gradient"),
               Page(QT_TRANSLATE_NOOP("Lessons", "Full BPTT"), FULL_BPTT_LOOK, lambda seed: truncated_document(seed, None),
                    measure_full_bptt, panel="gradient"))),
)
