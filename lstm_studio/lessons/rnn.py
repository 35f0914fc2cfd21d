"""The vanilla RNN's lessons: its gradient vanishes over long distances, and it can explode."""

from __future__ import annotations

import numpy as np

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP
from lstm_studio.lessons.base import Lesson, Measure, Page, Report, Text, wrong_kind
from lstm_studio.lessons.construct import (
    EXPLODING_LIMIT,
    WHISPER,
    distance_refusal,
    gradient_measures,
    lesson_document,
    orthogonal,
    rng_for,
    sentence,
    with_spectral_norm,
)
from lstm_studio.lessons.lstm import cell_highway_page

VANISHING_NORM = 0.75
"""Largest singular value of W_hh in the vanishing RNN: every step back shrinks g by ≥ 1/0.75."""
VANISHING_LIMIT = 1e-3
"""The claim: less than this share of ‖dL/dh_T‖ reaches t = 1."""
EXPLODING_RADIUS = 1.4
"""W_hh of the exploding RNN: 1.4 × a random orthogonal matrix (every direction grows ×1.4)."""
LOSS_BOUND = 1e3
"""The forward counts as bounded while the loss stays below this."""


# -- vanishing ------------------------------------------------------------------------------------
def vanishing_rnn_document(seed: int):
    """A tanh RNN (H = 8, T = 30) with PyTorch-initialised weights whose W_hh is rescaled to a
    largest singular value of 0.75, reading the sentence; the loss at the last step."""
    doc = lesson_document("rnn_tanh", seed, sentence(seed))
    doc.parameters["weight_hh_l0"] = with_spectral_norm(doc.parameters["weight_hh_l0"], VANISHING_NORM)
    return doc


def measure_vanishing(evaluation, document) -> Report:
    refusal = wrong_kind(document, "rnn_tanh") or distance_refusal(document)
    if refusal:
        return refusal
    measures = gradient_measures(evaluation)
    singular = float(np.linalg.norm(document.parameters["weight_hh_l0"], 2))
    measures += (Measure("w_hh_norm", QT_TRANSLATE_NOOP("Lessons", "largest singular value of W_hh"), singular),)
    ratio = measures[2].value
    values = {"ratio": measures[2].formatted(), "steps": document.config.seq_len}
    if ratio < VANISHING_LIMIT:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: only {ratio} of the gradient at t = {steps} reaches t = 1: "
                                    "the first word can hardly be learned."), values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: {ratio} of the gradient at t = {steps} reaches t = 1 "
                                 "(the claim needs less than 0.001)."), values), measures)


VANISHING_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "Gradient flow: ‖dL/dh_t‖ on its log axis falls by orders of magnitude from the loss at t = T "
    "back to t = 1. Each step back multiplies the gradient by W_hhᵀ·diag(1 − h_t²): the largest "
    "singular value of W_hh is 0.75 here and tanh' is at most 1, so 29 steps shrink it at least "
    "0.75²⁹ ≈ 2·10⁻⁴ times. Drag a weight of W_hh (Weights tab) and watch the verdict; then Next: "
    "the same sentence through an LSTM.")

VANISHING_LSTM_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "The same sentence through an LSTM. Gradient flow: ‖dL/dc_t‖ (triangles) stays within a factor "
    "of a few all the way back to t = 1, and ‖dL/dh_t‖ with it stays orders of magnitude above the "
    "RNN's: the gradient travels along the cell line, c_t = f⊙c_{t−1} + i⊙g, multiplied only by the "
    "forget gate f ≈ 0.98 at each step. "
    "The forget gate is that open because its bias is 4 (see the lesson \"The cell line keeps "
    "gradients alive\").")


# -- exploding ------------------------------------------------------------------------------------
def exploding_rnn_document(seed: int, loudness: float = WHISPER):
    """A tanh RNN whose W_hh is 1.4 × a random orthogonal matrix and whose biases are 0, reading
    the sentence scaled by ``loudness`` (a whisper by default: the state stays near 0)."""
    doc = lesson_document("rnn_tanh", seed, loudness * sentence(seed))
    doc.parameters["weight_hh_l0"] = EXPLODING_RADIUS * orthogonal(rng_for(seed, 2), doc.config.hidden_size)
    doc.parameters["bias_ih_l0"][:] = 0.0
    doc.parameters["bias_hh_l0"][:] = 0.0
    return doc


def exploding_measures(evaluation, document):
    measures = gradient_measures(evaluation)
    peak = float(np.max(np.abs(evaluation.trace.layer(0, 0).h)))
    return measures + (Measure("loss", QT_TRANSLATE_NOOP("Lessons", "loss L"), float(evaluation.loss)),
                       Measure("max_abs_h", "max |h_t|", peak))


def measure_exploding(evaluation, document) -> Report:
    refusal = wrong_kind(document, "rnn_tanh", "rnn_relu") or distance_refusal(document)
    if refusal:
        return refusal
    measures = exploding_measures(evaluation, document)
    ratio, loss = measures[2].value, measures[3].value
    values = {"ratio": measures[2].formatted(), "loss": measures[3].formatted()}
    if ratio > EXPLODING_LIMIT and loss < LOSS_BOUND:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: the gradient at t = 1 is {ratio} times the one at t = T, "
                                    "while the forward stays bounded (L = {loss})."), values), measures)
    if ratio > EXPLODING_LIMIT:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the gradient explodes ({ratio}×), but so does the "
                                     "forward (L = {loss})."), values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the gradient at t = 1 is only {ratio} times the one at "
                                 "t = T (the claim needs more than 1000)."), values), measures)


def measure_saturation(evaluation, document) -> Report:
    refusal = wrong_kind(document, "rnn_tanh") or distance_refusal(document)
    if refusal:
        return refusal
    measures = exploding_measures(evaluation, document)
    ratio = measures[2].value
    values = {"ratio": measures[2].formatted(), "peak": measures[4].formatted()}
    if ratio < EXPLODING_LIMIT:
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: with the same W_hh the states saturate (max |h| = {peak}) and "
                                    "the gradient at t = 1 is only {ratio} times the one at t = T."), values), measures)
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the gradient at t = 1 is {ratio} times the one at t = T (the "
                                 "states reach |h| = {peak})."), values), measures)


EXPLODING_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "Gradient flow: ‖dL/dh_t‖ rises as a straight line on its log axis from t = T back to t = 1 — "
    "about ×1.4 per step, 10⁴ in all. W_hh is 1.4 times an orthogonal matrix, so W_hhᵀ stretches "
    "every direction 1.4 times, and the inputs are whispers (10⁻⁵): the state stays near 0, where "
    "tanh' = 1, and nothing cancels the stretch. Such a gradient makes one training step jump far "
    "(see the clipping lessons). Next: the same weights with inputs at full strength.")

SATURATION_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "The same weights, inputs at full strength. The states grow until tanh saturates (States: "
    "|h| near 1), where tanh' = 1 − h² is close to 0 — and the small slopes cancel the large "
    "weights, so the gradient no longer explodes; it may even vanish. This is why exploding "
    "gradients are rarer in tanh RNNs than large weights suggest: saturation hides them, and they "
    "appear where the states stay in tanh's steep middle (a ReLU RNN never saturates).")


LESSONS = (
    Lesson(
        id="vanishing-rnn", chapter="RNN",
        title=QT_TRANSLATE_NOOP("Lessons", "A tanh RNN forgets early inputs"),
        claim=QT_TRANSLATE_NOOP("Lessons", "The gradient of a vanilla RNN shrinks at every step back in time: after 20–30 steps "
                 "almost nothing of the loss reaches the first input (vanishing gradient)."),
        pages=(
            Page(QT_TRANSLATE_NOOP("Lessons", "tanh RNN: the gradient vanishes"), VANISHING_LOOK, vanishing_rnn_document,
                 measure_vanishing, panel="gradient"),
            cell_highway_page(QT_TRANSLATE_NOOP("Lessons", "The same sentence through an LSTM"), VANISHING_LSTM_LOOK),
        )),
    Lesson(
        id="exploding-rnn", chapter="RNN",
        title=QT_TRANSLATE_NOOP("Lessons", "Gradients can explode"),
        claim=QT_TRANSLATE_NOOP("Lessons", "When each step back multiplies the gradient by more than 1, it grows exponentially "
                 "with the distance (exploding gradient), even while the forward pass stays bounded."),
        pages=(
            Page(QT_TRANSLATE_NOOP("Lessons", "Whispered inputs: the gradient explodes"), EXPLODING_LOOK, exploding_rnn_document,
                 measure_exploding, panel="gradient"),
            Page(QT_TRANSLATE_NOOP("Lessons", "Full inputs: saturation hides it"), SATURATION_LOOK,
                 lambda seed: exploding_rnn_document(seed, loudness=1.0), measure_saturation,
                 panel="gradient"),
        )),
)
