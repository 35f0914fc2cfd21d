"""The characters behind a next-character session (pure, no Qt): which character each one-hot
input or target row stands for, the most likely next characters, and how to show characters
that would be invisible (space, newline, tab, other control characters).

Nothing here is stored: the document already holds the task's text (``document.training
["task_options"]["text"]``) and its vocabulary is the text's distinct characters in sorted order
(as :class:`~lstm_studio.engine.tasks.NextCharacter` encodes them), so every label is derived
from what a session file has always kept.
"""

from __future__ import annotations

import unicodedata

import numpy as np

from lstm_studio.engine.tasks import DEFAULT_TEXT
from lstm_studio.session.document import SessionDocument
from lstm_studio.session.generators import vocabulary_of

__all__ = ["VISIBLE", "one_hot_characters", "step_characters", "target_characters", "task_text", "task_vocabulary",
           "text_vocabulary", "top_characters", "visible", "vocabulary"]

VISIBLE = {" ": "␣", "\n": "⏎", "\t": "⇥", "\r": "↵", "\u00a0": "⍽"}
"""Characters that would not show as themselves in a label, and the sign shown instead."""


def visible(character: str) -> str:
    """``character`` as a label shows it: a sign for space, newline and tab (:data:`VISIBLE`),
    Unicode's control pictures (␀ …) for other control characters, "U+XXXX" for other
    invisible ones (format characters, other spaces); any other character as itself."""
    if character in VISIBLE:
        return VISIBLE[character]
    if len(character) != 1:
        return character
    code = ord(character)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "␡"
    if unicodedata.category(character) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"):
        return f"U+{code:04X}"
    return character


def task_text(document: SessionDocument) -> str | None:
    """The text a next-character session learns from, or None for any other session (or task
    options that hold no text). Missing text means the task's default, as when training."""
    if document.task != "next_char":
        return None
    options = document.training.get("task_options", {})
    if not isinstance(options, dict):
        return None
    text = options.get("text", DEFAULT_TEXT)
    return text if isinstance(text, str) and text else None


def vocabulary(document: SessionDocument) -> str | None:
    """The characters behind the channels of a next-character session, channel k being
    ``vocabulary[k]``; None when the session is not one, or its input or output size no longer
    matches the text's vocabulary (the sizes were edited)."""
    characters = task_vocabulary(document)
    if characters is None:
        return None
    config = document.config
    if config.input_size != len(characters) or config.output_size != len(characters):
        return None
    return characters


def task_vocabulary(document: SessionDocument) -> str | None:
    """The characters of the channels of a next-character session in order: the task's own
    "vocabulary" option (a model imported with its vocabulary), else the text's distinct
    characters sorted (:func:`text_vocabulary`); None when the session is not one."""
    text = task_text(document)
    if text is None:
        return None
    given = document.training.get("task_options", {}).get("vocabulary")
    return given if isinstance(given, str) and given else text_vocabulary(text)


_last_vocabulary: list = [None, None]  # (text, its vocabulary): a long text is sorted once


def text_vocabulary(text: str) -> str:
    """The distinct characters of ``text`` in sorted order, as the next-character task numbers its
    channels (the last text's answer is kept: a long text is sorted once)."""
    if _last_vocabulary[0] is not text:
        _last_vocabulary[:] = [text, vocabulary_of(text)]
    return _last_vocabulary[1]


def one_hot_characters(rows: np.ndarray, characters: str) -> list[str]:
    """The character each row of ``rows`` (T, V) is the one-hot code of; "" for a row that is
    not exactly one-hot (edited numbers)."""
    rows = np.asarray(rows, dtype=np.float64)
    if rows.ndim != 2 or rows.shape[1] != len(characters):
        return [""] * (len(rows) if rows.ndim else 0)
    index = np.argmax(rows, axis=1)
    ones = rows[np.arange(len(rows)), index] == 1.0
    zeros = np.count_nonzero(rows, axis=1) == 1
    return [characters[k] if one and zero else "" for k, one, zero in zip(index, ones, zeros)]


def step_characters(document: SessionDocument) -> list[str] | None:
    """The input character at every step of a next-character session ("" where the input row
    is not one-hot), or None when the session has no characters (see :func:`vocabulary`)."""
    characters = vocabulary(document)
    return None if characters is None else one_hot_characters(document.inputs, characters)


def target_characters(document: SessionDocument) -> list[str] | None:
    """The true next character at every step (the one-hot target), as :func:`step_characters`."""
    characters = vocabulary(document)
    return None if characters is None else one_hot_characters(document.targets, characters)


def top_characters(probabilities: np.ndarray, characters: str, k: int = 5) -> list[tuple[str, float]]:
    """The ``k`` most likely characters of one step's softmax ``probabilities`` (V,), most likely
    first (ties in vocabulary order), as (character, probability)."""
    p = np.asarray(probabilities, dtype=np.float64)
    order = np.argsort(-p, kind="stable")[:max(0, int(k))]
    return [(characters[i], float(p[i])) for i in order]
