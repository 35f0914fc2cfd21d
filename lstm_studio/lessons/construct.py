"""Building blocks of the lessons' sessions: the course's sentence as inputs, a document around
it, gate rows of the parameters, and the gradient numbers every claim is measured with.

The sentence: channel 0 carries the word that matters ("Moscow", an impulse at t = 1), channel 1
the other words (noise); the question comes at the last step, where the loss is (target 1).
"""

from __future__ import annotations

import numpy as np

from lstm_studio.engine import GATES
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP
from lstm_studio.lessons.base import Measure, Report, Text
from lstm_studio.session.document import NetworkConfig, SessionDocument, new_document

SEQ_LEN = 30
"""T of the lessons' sentence: long enough that 29 steps separate the first word from the loss."""
HIDDEN = 8
WORD_NOISE = 0.5
"""Amplitude of the other words (channel 1)."""
KEY = 0
WORDS = 1
MIN_DISTANCE = 20
"""The claims about long distances need T ≥ this."""
WHISPER = 1e-5
"""Scale of the inputs of the exploding networks: the state stays near 0, where tanh' = 1."""
EXPLODING_LIMIT = 1e3
"""The exploding claims: ‖dL/dh_1‖ / ‖dL/dh_T‖ above this."""


def rng_for(seed: int, *purpose: int) -> np.random.Generator:
    """A generator for one purpose of one seed (independent streams)."""
    return np.random.default_rng([seed, 20261130, *purpose])


def sentence(seed: int, steps: int = SEQ_LEN, extra: int = 0, words: float = WORD_NOISE) -> np.ndarray:
    """(T, 2 + extra) inputs: the key word at t = 1 on channel 0, other words U(−w, w) on channel 1,
    ``extra`` channels of zeros (markers a lesson sets)."""
    x = np.zeros((steps, 2 + extra))
    x[0, KEY] = 1.0
    x[:, WORDS] = rng_for(seed, 1).uniform(-words, words, steps)
    return x


def lesson_document(kind: str, seed: int, inputs: np.ndarray, *, hidden: int = HIDDEN,
                    target: float = 1.0, time_step: int = 0, unit: int = 0,
                    bidirectional: bool = False) -> SessionDocument:
    """A document of ``kind`` with PyTorch-initialised weights (``seed``), ``inputs``, the loss at
    the last step only (target ``target``), zero initial states and the view at ``time_step``
    (0-based) and ``unit``, whole sequence shown."""
    steps, channels = inputs.shape
    config = NetworkConfig(kind=kind, input_size=channels, hidden_size=hidden, output_size=1,
                           seq_len=steps, bidirectional=bidirectional).validated()
    doc = new_document(config, seed=seed)
    doc.inputs = np.array(inputs, dtype=np.float64)
    doc.targets = np.zeros((steps, 1))
    doc.targets[-1, 0] = target
    doc.loss_mask = np.zeros(steps, dtype=bool)
    doc.loss_mask[-1] = True
    doc.view.time_step = int(time_step)
    doc.view.unit = int(unit)
    doc.view.display_mode = "whole"
    return doc


def gate_rows(doc: SessionDocument, gate: str) -> slice:
    """Rows of ``gate`` in the gate-stacked parameters of ``doc``'s kind."""
    k = GATES[doc.config.kind].index(gate)
    hidden = doc.config.hidden_size
    return slice(k * hidden, (k + 1) * hidden)


def set_gate(doc: SessionDocument, gate: str, *, bias=None, w_ih=None, w_hh=None, layer: int = 0,
             suffix: str = "") -> None:
    """Set layer ``layer``'s rows of ``gate``: the effective bias (into bias_ih, bias_hh = 0),
    input weights (H, I) and/or recurrent weights (H, H); scalars broadcast."""
    rows = gate_rows(doc, gate)
    name = f"l{layer}{suffix}"
    p = doc.parameters
    if bias is not None:
        p[f"bias_ih_{name}"][rows] = bias
        p[f"bias_hh_{name}"][rows] = 0.0
    if w_ih is not None:
        p[f"weight_ih_{name}"][rows] = w_ih
    if w_hh is not None:
        p[f"weight_hh_{name}"][rows] = w_hh


def orthogonal(rng: np.random.Generator, size: int) -> np.ndarray:
    """A random orthogonal matrix (Haar measure)."""
    q, r = np.linalg.qr(rng.standard_normal((size, size)))
    return q * np.sign(np.diag(r))


def with_spectral_norm(matrix: np.ndarray, norm: float) -> np.ndarray:
    """``matrix`` scaled so that its largest singular value is ``norm``."""
    return matrix * (norm / np.linalg.norm(matrix, 2))


def random_signs(rng: np.random.Generator, size: int) -> np.ndarray:
    return rng.choice([-1.0, 1.0], size=size)


# -- numbers every claim is measured with -----------------------------------------------------
def norms_over_time(values: np.ndarray) -> np.ndarray:
    """‖values_t‖ over units of (T, N, H) values, batch sample 0 -> (T,)."""
    with np.errstate(all="ignore"):
        return np.sqrt(np.sum(np.square(values[:, 0]), axis=-1))


def hidden_gradient_norms(evaluation) -> np.ndarray:
    """g_t = ‖dL/dh_t‖, t = 1..T (layer 1, forward direction; total derivatives)."""
    return norms_over_time(evaluation.grads.dh[0][0])


def cell_gradient_norms(evaluation) -> np.ndarray | None:
    """d_t = ‖dL/dc_t‖, t = 1..T (layer 1, forward direction), None without a cell state."""
    if evaluation.grads.dc is None:
        return None
    return norms_over_time(evaluation.grads.dc[0][0])


def fraction(numerator: float, denominator: float) -> float:
    """numerator / denominator (inf for x/0, nan for 0/0), as a float."""
    with np.errstate(all="ignore"):
        return float(np.float64(numerator) / np.float64(denominator))


def loss_at_last_step_only(document: SessionDocument) -> bool:
    mask = document.loss_mask
    return bool(mask[-1]) and int(mask.sum()) == 1


def distance_refusal(document: SessionDocument) -> Report | None:
    """A report when the sentence is too short or the loss is not at its end only, else None."""
    if document.config.seq_len < MIN_DISTANCE:
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "Does not apply: the claim is about long sequences (T ≥ {minimum}); T is now {steps}."),
                                  {"minimum": MIN_DISTANCE, "steps": document.config.seq_len}))
    if not loss_at_last_step_only(document):
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "Does not apply: this page measures a loss at the last step only; "
                                     "set the loss back to the last step (Targets and loss).")))
    return None


def gradient_measures(evaluation) -> tuple[Measure, ...]:
    """g_1, g_T and g_1/g_T (keys "g_1", "g_T", "g_ratio")."""
    g = hidden_gradient_norms(evaluation)
    return (Measure("g_1", "‖dL/dh_1‖", float(g[0])), Measure("g_T", "‖dL/dh_T‖", float(g[-1])),
            Measure("g_ratio", "‖dL/dh_1‖ / ‖dL/dh_T‖", fraction(g[0], g[-1])))
