"""Sequence generators for the input and target editors (pure NumPy, no Qt).

Every generator returns one channel as a float64 array of shape (T,); :func:`filled` writes it into
one channel (or every channel) of a (T, C) sequence and returns a new array. :func:`one_hot` encodes
a text over a vocabulary as (len(text), V). :func:`parse_steps`/:func:`format_steps` translate the
"where the loss applies" text ("1, 5, 10-12", steps counted t = 1..T as in the course notes) to a
boolean mask and back. Everything else indexes steps from 0, as the arrays do.
"""

from __future__ import annotations

import numpy as np

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Refusal
from lstm_studio.session.document import SessionDocument, reconfigured


def _length(length: int) -> int:
    if not isinstance(length, (int, np.integer)) or length < 1:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The sequence length must be a whole number of at least 1, not {value}."),
                      value=repr(length))
    return int(length)


def _step_index(k: int, length: int) -> int:
    """``k`` (0-based) if it lies in the sequence; the refusal counts t = 1..T, as users do."""
    if not 0 <= k < length:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The step t={step} is outside the sequence (1 to {last})."),
                      step=k + 1, last=length)
    return int(k)


def zeros(length: int) -> np.ndarray:
    """x_t = 0. Shape (T,)."""
    return np.zeros(_length(length))


def constant(length: int, value: float = 1.0) -> np.ndarray:
    """x_t = value. Shape (T,)."""
    return np.full(_length(length), float(value))


def step(length: int, k: int, value: float = 1.0) -> np.ndarray:
    """x_t = value for t >= k, else 0. Shape (T,)."""
    out = zeros(length)
    out[_step_index(k, out.size):] = value
    return out


def impulse(length: int, k: int, value: float = 1.0) -> np.ndarray:
    """x_t = value at t = k only, else 0. Shape (T,)."""
    out = zeros(length)
    out[_step_index(k, out.size)] = value
    return out


def sine(length: int, period: float, phase: float = 0.0, amplitude: float = 1.0) -> np.ndarray:
    """x_t = amplitude · sin(2π t / period + phase). Shape (T,)."""
    if not np.isfinite(period) or period <= 0:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The period must be a positive number of steps, not {value}."),
                      value=repr(period))
    t = np.arange(_length(length))
    return amplitude * np.sin(2.0 * np.pi * t / period + phase)


def uniform_noise(length: int, low: float = -1.0, high: float = 1.0, seed: int = 0) -> np.ndarray:
    """x_t ~ U(low, high), independent, reproducible from ``seed``. Shape (T,)."""
    if not low <= high:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The lower bound {low} must not exceed the upper bound {high}."),
                      low=low, high=high)
    return np.random.default_rng(seed).uniform(low, high, _length(length))


def gaussian_noise(length: int, mean: float = 0.0, std: float = 1.0, seed: int = 0) -> np.ndarray:
    """x_t ~ N(mean, std²), independent, reproducible from ``seed``. Shape (T,)."""
    if not std >= 0:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The standard deviation must not be negative (got {value})."),
                      value=std)
    return np.random.default_rng(seed).normal(mean, std, _length(length))


GENERATORS = {
    "zeros": zeros,
    "constant": constant,
    "step": step,
    "impulse": impulse,
    "sine": sine,
    "uniform": uniform_noise,
    "gaussian": gaussian_noise,
}
"""Generator name -> function(length, **settings) returning (T,)."""


def generated(name: str, length: int, **settings) -> np.ndarray:
    """Run the generator ``name`` with keyword ``settings``; ValueError for unknown names."""
    if name not in GENERATORS:
        raise ValueError(f"Unknown generator {name!r}; choose one of {', '.join(GENERATORS)}.")
    return GENERATORS[name](length, **settings)


def filled(sequence: np.ndarray, name: str, channel: int | None = None, **settings) -> np.ndarray:
    """A copy of ``sequence`` (T, C) with ``channel`` (None: every channel) made by generator ``name``.

    A ``seed`` setting is offset by the channel index (channel k uses seed + k), so noise differs
    between channels, and filling every channel equals filling each channel in turn.
    """
    out = np.array(sequence, dtype=np.float64)
    if channel is not None and not 0 <= channel < out.shape[1]:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "There is no channel {channel} (the sequence has {count})."),
                      channel=channel, count=out.shape[1])
    for k in range(out.shape[1]) if channel is None else [channel]:
        channel_settings = dict(settings, seed=settings["seed"] + k) if "seed" in settings else settings
        out[:, k] = generated(name, out.shape[0], **channel_settings)
    return out


def vocabulary_of(text: str) -> str:
    """The distinct characters of ``text`` in sorted order (a default vocabulary)."""
    return "".join(sorted(set(text)))


def one_hot(text: str, vocabulary: str) -> np.ndarray:
    """One row per character of ``text``, one column per vocabulary character. Shape (len(text), V).

    ValueError if the text is empty, the vocabulary repeats a character, or the text uses a
    character that is not in the vocabulary.
    """
    if not text:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Type at least one character to encode."))
    if not vocabulary:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The vocabulary is empty."))
    if len(set(vocabulary)) != len(vocabulary):
        repeated = sorted({c for c in vocabulary if vocabulary.count(c) > 1})
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The vocabulary repeats {characters}."),
                      characters=", ".join(map(repr, repeated)))
    index = {c: k for k, c in enumerate(vocabulary)}
    missing = sorted(set(text) - index.keys())
    if missing:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The text uses {characters}, which the vocabulary lacks."),
                      characters=", ".join(map(repr, missing)))
    out = np.zeros((len(text), len(vocabulary)))
    out[np.arange(len(text)), [index[c] for c in text]] = 1.0
    return out


SIZE_OF = {"inputs": "input_size", "targets": "output_size"}
"""The size setting that the channels of each editable sequence follow."""


def with_one_hot_text(doc: SessionDocument, target: str, text: str, vocabulary: str) -> SessionDocument:
    """A new document whose ``target`` ("inputs" or "targets") is ``text`` one-hot encoded.

    The sequence length becomes len(text) and the input (or output) size the vocabulary size; every
    other number that still fits is kept (as for any size change).
    """
    encoded = one_hot(text, vocabulary)
    result = reconfigured(doc, seq_len=encoded.shape[0], **{SIZE_OF[target]: encoded.shape[1]})
    setattr(result, target, encoded)
    return result


def parse_steps(text: str, length: int) -> np.ndarray:
    """Steps typed as "1, 5, 10-12" (t = 1..T as users count, ranges inclusive) -> boolean mask
    (T,), whose entry t − 1 is step t.

    ValueError naming the part that is not a step or lies outside 1..T, or if no step is chosen.
    """
    mask = np.zeros(_length(length), dtype=bool)
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        first, dash, last = part.partition("-")
        try:
            start = int(first)
            stop = int(last) if dash else start
        except ValueError:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "{part} is not a step or a range of steps like 10-12."),
                          part=repr(part)) from None
        if not 1 <= start <= stop <= length:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The steps {part} are outside the sequence (1 to {last})."),
                          part=repr(part), last=length)
        mask[start - 1:stop] = True
    if not mask.any():
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Choose at least one step for the loss."))
    return mask


def format_steps(mask: np.ndarray) -> str:
    """Boolean mask (T,) -> "1, 5, 10-12" (runs of chosen steps as ranges, counted from 1)."""
    chosen = np.flatnonzero(mask) + 1
    parts = []
    if chosen.size:
        breaks = np.flatnonzero(np.diff(chosen) > 1)
        starts = np.concatenate(([chosen[0]], chosen[breaks + 1]))
        stops = np.concatenate((chosen[breaks], [chosen[-1]]))
        parts = [str(a) if a == b else f"{a}-{b}" for a, b in zip(starts, stops)]
    return ", ".join(parts)
