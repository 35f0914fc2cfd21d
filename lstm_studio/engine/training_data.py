"""Where a training run's batches come from, and the data it holds out for validation.

- **Random windows** (the default): batch ``k`` is the task's own draw from
  ``default_rng([seed, k])``.
- **A held-out part** (``validation`` > 0): of a text (next-character prediction), the last
  ``validation`` fraction is never trained on — training windows come from the text before it,
  and the validation loss is the mean cross-entropy per character over all of it. A generated
  task holds out a fixed set of :data:`VALIDATION_SEQUENCES` sequences drawn from a random
  stream of its own.
- **Consecutive chunks** (``stateful``; texts only, as char-rnn trains): the training text is cut
  into one stream per batch row; batch ``k`` holds chunk ``k mod C`` of every stream, and the
  trainer starts it from the states the previous chunk ended in. The state is carried across
  chunks, its gradient is not (truncated BPTT over the whole text); chunk 0 starts from zeros.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Refusal
from lstm_studio.engine.tasks import Task

__all__ = ["Batch", "TrainingData", "VALIDATION_SEQUENCES", "VALIDATION_STREAMS"]

VALIDATION_SEQUENCES = 128
"""Sequences in the held-out set of a generated task."""
VALIDATION_STREAMS = 32
"""At most this many parallel streams read a held-out text (one batched forward pass per chunk)."""
_VALIDATION_STREAM_KEY = 2**32 - 1
"""Second word of the held-out set's random seed: training batches use ``[seed, k]`` with the
step index ``k`` far below it."""


@dataclass(frozen=True)
class Batch:
    """Inputs (T, N, I), targets, the loss steps (None: all) and whether the batch continues the
    previous one (its rows start from the states the previous batch ended in)."""

    x: np.ndarray
    target: np.ndarray
    steps: np.ndarray | None
    carry: bool = False


def _one_hot(indices: np.ndarray, size: int) -> np.ndarray:
    return np.eye(size)[indices]


def is_text_task(task: Task) -> bool:
    """Whether ``task`` reads a text (its characters as ``encoded`` indices)."""
    return hasattr(task, "encoded") and hasattr(task, "vocabulary")


class TrainingData:
    """The batches and held-out data of a run on ``task`` with ``batch_size`` rows of ``seq_len``
    steps (see the module docstring); ``seed`` fixes every random draw."""

    def __init__(self, task: Task, batch_size: int, seq_len: int, seed: int = 0,
                 validation: float = 0.0, stateful: bool = False):
        self.task, self.batch_size, self.seq_len, self.seed = task, batch_size, seq_len, seed
        self.validation, self.stateful = validation, stateful
        self.text = is_text_task(task)
        if stateful and not self.text:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Carrying the state from batch to batch needs a text to read in order (next-character prediction); the {task} draws independent sequences."),  # noqa: E501 - one literal for lupdate
                          task=task.title)
        if validation > 0 and not self.text and not task.draws_sequences:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Training on one fixed sequence leaves nothing to hold out for validation: choose a task or a text, or turn validation off."))  # noqa: E501 - one literal for lupdate
        self.training_text = self.held_out_text = None
        if self.text:
            encoded = task.encoded
            held = int(round(validation * len(encoded)))
            self.training_text, self.held_out_text = encoded[:len(encoded) - held], encoded[len(encoded) - held:]
            if validation > 0 and len(self.held_out_text) < 2:
                raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Holding out {percent} % of a text of {characters} characters leaves fewer than two characters to validate on; hold out more or use a longer text."),  # noqa: E501 - one literal for lupdate
                              percent=f"{100 * validation:g}", characters=len(encoded))
            if len(self.training_text) <= seq_len:
                raise Refusal(QT_TRANSLATE_NOOP("Refusal", "After holding out {percent} % for validation, {characters} characters are left to train on: fewer than a sequence of {steps} steps needs."),  # noqa: E501 - one literal for lupdate
                              percent=f"{100 * validation:g}", characters=len(self.training_text), steps=seq_len + 1)
            if stateful:
                self.stream_length = len(self.training_text) // batch_size
                if self.stream_length < seq_len + 1:
                    raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The text to train on ({characters} characters) is too short to read as {streams} streams of at least {steps} characters; use a smaller batch or shorter sequences."),  # noqa: E501 - one literal for lupdate
                                  characters=len(self.training_text), streams=batch_size, steps=seq_len + 1)
                self.chunks = (self.stream_length - 1) // seq_len
                """Chunks per stream: one pass over the training text takes this many batches."""
        self._held_out_set = None

    # -- training batches ------------------------------------------------------------------------
    def batch(self, index: int) -> Batch:
        """The batch of training step ``index`` (0-based), the same on every call."""
        if self.stateful:
            return self._chunk(index % self.chunks)
        rng = np.random.default_rng([self.seed, index])
        if self.text and self.validation > 0:
            return self._windows(self.training_text, rng)
        return Batch(*self.task.generate(self.batch_size, rng, self.seq_len))

    def _windows(self, encoded: np.ndarray, rng: np.random.Generator) -> Batch:
        """Random windows of ``encoded`` as the next-character task draws them from its text."""
        T, N = self.seq_len, self.batch_size
        starts = rng.integers(0, len(encoded) - T, size=N)
        windows = encoded[starts[None, :] + np.arange(T + 1)[:, None]]  # (T+1, N)
        return Batch(_one_hot(windows[:-1], len(self.task.vocabulary)), windows[1:], None)

    def _chunk(self, chunk: int) -> Batch:
        """Chunk ``chunk`` of every stream: row b reads characters b·S + chunk·T … + T."""
        T, S = self.seq_len, self.stream_length
        starts = np.arange(self.batch_size) * S + chunk * T
        windows = self.training_text[starts[None, :] + np.arange(T + 1)[:, None]]
        return Batch(_one_hot(windows[:-1], len(self.task.vocabulary)), windows[1:], None, carry=chunk > 0)

    # -- held-out data ---------------------------------------------------------------------------
    def held_out(self) -> list[Batch]:
        """The held-out data in the order to evaluate it: for a text, consecutive chunks of up to
        ``seq_len`` steps of at most :data:`VALIDATION_STREAMS` parallel streams (every chunk but
        the first continues the one before when training carries the state); for a generated
        task, one batch. Empty without a held-out part."""
        if self.validation <= 0:
            return []
        if self._held_out_set is None:
            self._held_out_set = self._held_out_text_chunks() if self.text else self._held_out_sequences()
        return self._held_out_set

    def _held_out_sequences(self) -> list[Batch]:
        rng = np.random.default_rng([self.seed, _VALIDATION_STREAM_KEY])
        return [Batch(*self.task.generate(VALIDATION_SEQUENCES, rng, self.seq_len))]

    def _held_out_text_chunks(self) -> list[Batch]:
        encoded, T = self.held_out_text, self.seq_len
        streams = max(1, min(VALIDATION_STREAMS, (len(encoded) - 1) // T))
        length = (len(encoded) - 1) // streams  # characters each stream predicts
        starts = np.arange(streams) * length
        chunks = []
        for begin in range(0, length, T):
            steps = min(T, length - begin)
            windows = encoded[starts[None, :] + begin + np.arange(steps + 1)[:, None]]
            chunks.append(Batch(_one_hot(windows[:-1], len(self.task.vocabulary)), windows[1:], None,
                                carry=self.stateful and begin > 0))
        return chunks
