"""Training tasks: seeded generators of batches for the classic recurrent-network benchmarks.

Every task is a small class with the same interface:

- ``name`` (registry key), ``title`` (for the UI), ``description`` (what it tests, which claim of
  the course notes it demonstrates);
- ``input_size``, ``output_size``, ``loss`` (``"mse"`` or ``"cross_entropy"``), ``seq_len``
  (the default T);
- ``loss_steps(T)``: ``None`` (every step) or the int indices of the steps where the loss applies;
- ``generate(batch_size, rng, seq_len=None) -> (x, target, steps)`` with ``x`` (T, N, I) float64,
  ``target`` (T, N, O) float64 for mse or (T, N) int64 class indices for cross-entropy, and
  ``steps = loss_steps(T)``; all randomness comes from ``rng`` (a ``np.random.Generator``);
- ``accuracy(y, target)`` in [0, 1], measured at the loss steps: for classification the fraction of
  correct argmax, for regression the fraction of predictions within ``tolerance`` of the target;
- ``preset``: a training configuration known to learn the task within a minute on a laptop CPU:
  ``kind``, ``hidden_size``, ``forget_bias`` (LSTM kinds; None = the plain initialisation),
  ``optimizer``, ``lr``, ``batch_size``, ``steps`` (how many to train), ``seq_len``, ``clip_norm``.

``TASKS`` maps names to classes; ``make_task(name, **options)`` builds one with checked options.
"""
from __future__ import annotations

import inspect
import re
from typing import Any, ClassVar

import numpy as np

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Refusal

__all__ = ["DEFAULT_TEXT", "DEFAULT_TEXTS", "DEFAULT_TEXT_KO", "TASKS", "AddingProblem", "CopyTask",
           "LongDependency", "NextCharacter", "SineWave", "Task", "TemporalOrder", "default_seed",
           "default_text", "make_task"]


def _one_hot(indices: np.ndarray, size: int) -> np.ndarray:
    """(...,) int -> (..., size) float64 one-hot."""
    return np.eye(size)[indices]


def check_int(name: str, value: Any, minimum: int = 1) -> int:
    """``value`` as an int >= ``minimum``, else ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


class Task:
    """Base class: sequence-length checks, batch generation and accuracy shared by all tasks."""

    name: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]
    loss: ClassVar[str]
    min_seq_len: ClassVar[int] = 2
    tolerance: ClassVar[float] = 0.0  # regression: |y - target| below this counts as correct
    draws_sequences: ClassVar[bool] = True  # False: always the same data, nothing to hold out
    _preset: ClassVar[dict[str, Any]]

    input_size: int
    output_size: int

    def __init__(self, *, seq_len: int):
        self.seq_len = self.check_seq_len(seq_len)

    @property
    def preset(self) -> dict[str, Any]:
        """Training configuration known to learn this task (a fresh dict, safe to modify)."""
        return dict(self._preset)

    def options(self) -> dict[str, Any]:
        """Constructor options of this task: ``make_task(name, **task.options())`` rebuilds it."""
        return {key: getattr(self, key) for key in inspect.signature(type(self)).parameters}

    def check_seq_len(self, seq_len: Any) -> int:
        """``seq_len`` as an int if this task can use it, else ValueError saying the minimum."""
        try:
            return check_int("sequence length", seq_len, self.min_seq_len)
        except ValueError:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The {task} needs a sequence length of at least {minimum} steps, got {value}."),  # noqa: E501 - one literal for lupdate
                          task=self.title, minimum=self.min_seq_len, value=repr(seq_len)) from None

    def loss_steps(self, T: int) -> np.ndarray | None:
        """Steps where the loss applies: ``None`` = every step (the default)."""
        return None

    def generate(self, batch_size: int, rng: np.random.Generator, seq_len: int | None = None):
        """Draw a batch: ``(x (T, N, I), target, steps)``; ``seq_len`` None = the task's default."""
        T = self.seq_len if seq_len is None else self.check_seq_len(seq_len)
        N = check_int("batch size", batch_size)
        x, target = self._sample(T, N, rng)
        return x, target, self.loss_steps(T)

    def _sample(self, T: int, N: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def accuracy(self, y: np.ndarray, target: np.ndarray) -> float:
        """Fraction correct at the loss steps; ``y`` is (T, [N,] O), ``target`` as from generate."""
        steps = self.loss_steps(y.shape[0])
        if steps is not None:
            y, target = y[steps], target[steps]
        if self.loss == "cross_entropy":
            correct = np.argmax(y, axis=-1) == target
        else:
            with np.errstate(invalid="ignore"):
                correct = np.all(np.abs(y - target) < self.tolerance, axis=-1)
        return float(np.mean(correct))


class AddingProblem(Task):
    """Sum of the two marked values of a long sequence (Hochreiter & Schmidhuber 1997)."""

    name = "adding"
    title = QT_TRANSLATE_NOOP("Refusal", "Adding problem")
    description = (
        "Each step carries a random value in [0, 1] and a marker; exactly two steps are marked, "
        "one in each half of the sequence. At the last step the network must output the sum of the "
        "two marked values, so it has to keep the first one in memory across half the sequence "
        "while ignoring every unmarked value. A vanilla RNN's memory of early inputs fades and it "
        "settles on predicting the average sum (about 1.0, a loss near 0.083); the LSTM's and "
        "GRU's states carry the value through element-wise products and sums, so the gradient "
        "survives the distance and the loss falls towards 0 (claims 1, 5 and 8).")
    loss = "mse"
    min_seq_len = 2
    tolerance = 0.04
    input_size = 2
    output_size = 1
    _preset = dict(kind="lstm", hidden_size=32, optimizer="adam", lr=0.01, batch_size=32,
                   steps=1000, seq_len=30, clip_norm=1.0, forget_bias=2.0)

    def __init__(self, *, seq_len: int = 30):
        super().__init__(seq_len=seq_len)

    def loss_steps(self, T: int) -> np.ndarray:
        return np.array([T - 1])

    def _sample(self, T, N, rng):
        values = rng.uniform(0.0, 1.0, size=(T, N))
        half = T // 2
        first = rng.integers(0, half, size=N)
        second = rng.integers(half, T, size=N)
        markers = np.zeros((T, N))
        batch = np.arange(N)
        markers[first, batch] = 1.0
        markers[second, batch] = 1.0
        target = np.zeros((T, N, 1))
        target[-1, :, 0] = values[first, batch] + values[second, batch]
        return np.stack([values, markers], axis=-1), target


class CopyTask(Task):
    """Recall a few symbols after a delay, when a "go" marker asks for them."""

    name = "copy"
    title = QT_TRANSLATE_NOOP("Refusal", "Copy (memory) task")
    description = (
        "The sequence starts with a few random symbols, then blank steps, then a 'go' marker; "
        "after it the network must output the symbols it saw at the start, in order (the loss "
        "applies only at these recall steps). It tests whether the network can store several "
        "values and hold them unchanged through the delay; lengthen the delay to make the memory "
        "work harder (claims 1, 3 and 5).")
    loss = "cross_entropy"

    _preset = dict(kind="lstm", hidden_size=32, optimizer="adam", lr=0.01, batch_size=32,
                   steps=1000, seq_len=20, clip_norm=1.0, forget_bias=2.0)

    def __init__(self, *, seq_len: int = 20, n_symbols: int = 4, length: int = 3):
        self.n_symbols = check_int("number of symbols", n_symbols, 2)
        self.length = check_int("number of symbols to copy", length)
        self.min_seq_len = 2 * self.length + 1
        super().__init__(seq_len=seq_len)
        # channels: the symbols, then "blank", then "go"
        self.input_size = self.n_symbols + 2
        self.output_size = self.n_symbols

    def loss_steps(self, T: int) -> np.ndarray:
        return np.arange(T - self.length, T)

    def _sample(self, T, N, rng):
        K, L = self.n_symbols, self.length
        symbols = rng.integers(0, K, size=(L, N))
        channel = np.full((T, N), K)  # blank everywhere ...
        channel[:L] = symbols  # ... except the symbols to remember
        channel[T - L - 1] = K + 1  # and the go marker just before the recall steps
        target = np.zeros((T, N), dtype=np.int64)
        target[T - L:] = symbols
        return _one_hot(channel, K + 2), target


class TemporalOrder(Task):
    """Classify the order of two symbols among distractors (Hochreiter & Schmidhuber 1997)."""

    name = "temporal_order"
    title = QT_TRANSLATE_NOOP("Refusal", "Temporal order")
    description = (
        "A sequence of random distractor symbols (a, b, c, d) between a start marker B and an end "
        "marker E contains two relevant symbols, each X or Y: one early (between 10% and 20% of "
        "the length) and one in the middle (between 50% and 60%). At the end the network must say "
        "which of XX, XY, YX, YY occurred. It has to remember the first symbol across many "
        "irrelevant ones and combine it with the second: long-term dependencies with noise, where "
        "gated cells learn to close their input gate to distractors (claims 1, 2 and 3).")
    loss = "cross_entropy"
    min_seq_len = 10
    symbols = ("a", "b", "c", "d", "B", "E", "X", "Y")
    classes = ("XX", "XY", "YX", "YY")
    input_size = len(symbols)
    output_size = len(classes)
    _preset = dict(kind="lstm", hidden_size=32, optimizer="adam", lr=0.01, batch_size=32,
                   steps=400, seq_len=30, clip_norm=1.0, forget_bias=2.0)

    def __init__(self, *, seq_len: int = 30):
        super().__init__(seq_len=seq_len)

    def loss_steps(self, T: int) -> np.ndarray:
        return np.array([T - 1])

    @staticmethod
    def relevant_windows(T: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """[start, stop) windows of the first and second relevant symbol for length T."""
        return ((max(1, T // 10), T // 5 + 1), (T // 2, (6 * T) // 10 + 1))

    def _sample(self, T, N, rng):
        B, E, X = (self.symbols.index(s) for s in "BEX")
        channel = rng.integers(0, 4, size=(T, N))  # distractors a..d
        channel[0], channel[-1] = B, E
        (lo1, hi1), (lo2, hi2) = self.relevant_windows(T)
        batch = np.arange(N)
        first_is_y, second_is_y = rng.integers(0, 2, size=(2, N))
        channel[rng.integers(lo1, hi1, size=N), batch] = X + first_is_y
        channel[rng.integers(lo2, hi2, size=N), batch] = X + second_is_y
        target = np.zeros((T, N), dtype=np.int64)
        target[-1] = 2 * first_is_y + second_is_y
        return _one_hot(channel, len(self.symbols)), target


class LongDependency(Task):
    """The first input decides the answer at the last step ("Moscow")."""

    name = "long_dependency"
    title = QT_TRANSLATE_NOOP("Refusal", 'Long-term dependency ("Moscow")')
    description = (
        "The first step shows one of a few symbols (think: the city of the trip mentioned at the "
        "start of a long story); the steps in between are random noise on the same channels; the "
        "last step carries a question marker ('I'm on a trip, here in ___') and the network must "
        "answer the first symbol. Every step in between weakens the gradient that links the answer "
        "to the first input, and the noise keeps overwriting what was stored: lengthen the "
        "sequence and training needs more and more steps, then stalls at chance (claim 1). A "
        "forget-gate bias of 2 keeps the LSTM's cell open from the start (claim 5).")
    loss = "cross_entropy"
    min_seq_len = 2

    _preset = dict(kind="lstm", hidden_size=16, optimizer="adam", lr=0.01, batch_size=32,
                   steps=700, seq_len=20, clip_norm=1.0, forget_bias=2.0)

    def __init__(self, *, seq_len: int = 20, n_symbols: int = 4, noise: float = 0.5):
        self.n_symbols = check_int("number of symbols", n_symbols, 2)
        noise = float(noise)
        if not 0.0 <= noise < np.inf:
            raise ValueError(f"noise must be a finite number >= 0, got {noise}")
        self.noise = noise
        super().__init__(seq_len=seq_len)
        # channels: the symbols, then the question marker
        self.input_size = self.n_symbols + 1
        self.output_size = self.n_symbols

    def loss_steps(self, T: int) -> np.ndarray:
        return np.array([T - 1])

    def _sample(self, T, N, rng):
        K = self.n_symbols
        first = rng.integers(0, K, size=N)
        x = np.zeros((T, N, K + 1))
        x[1:-1, :, :K] = self.noise * rng.standard_normal((T - 2, N, K))
        x[0, :, :K] = _one_hot(first, K)
        x[-1, :, K] = 1.0
        target = np.zeros((T, N), dtype=np.int64)
        target[-1] = first
        return x, target


DEFAULT_TEXT = (
    "I grew up in a small town by the sea, and every summer we went to the mountains. Years later "
    "I moved abroad for work. Now I'm on a trip, and the city I'm in is the one I dreamt about as "
    "a child: Moscow. The streets of Moscow are wide, the winters are long, and the people I meet "
    "on my trip are kind. When I come home I will tell everyone about my trip to Moscow. ")

DEFAULT_TEXT_KO = (
    "나는 바닷가의 작은 마을에서 자랐고, 여름마다 우리 가족은 산으로 갔다. 몇 년 뒤 나는 일 때문에 "
    "외국으로 떠났다. 지금 나는 여행 중이고, 내가 머무는 도시는 어릴 때 꿈꾸던 바로 그곳, 모스크바다. "
    "모스크바의 거리는 넓고 겨울은 길며, 여행에서 만난 사람들은 친절하다. 집에 돌아가면 모두에게 "
    "모스크바 여행 이야기를 들려줄 것이다. ")
"""The Korean counterpart of :data:`DEFAULT_TEXT` (the same story, written for this project):
the default next-character text when the interface speaks Korean."""

DEFAULT_TEXTS = {"en": DEFAULT_TEXT, "ko": DEFAULT_TEXT_KO}
"""Default next-character text by interface language (a language not listed: English)."""

SEED_CHARACTERS = 12
"""Longest default generation seed (see :func:`default_seed`)."""


def default_text(language: str) -> str:
    """The default next-character text for interface ``language`` ("en", "ko"; else English)."""
    return DEFAULT_TEXTS.get(language, DEFAULT_TEXT)


def default_seed(text: str) -> str:
    """A generation seed taken from ``text``: its first two words with the spaces after them,
    else its first word, when that fits in :data:`SEED_CHARACTERS` characters; else its first
    four characters. Every character of the seed occurs in the text."""
    for words in (2, 1):
        match = re.match(r"\s*(?:\S+\s+){%d}" % words, text)
        if match and len(match.group(0)) <= SEED_CHARACTERS:
            return match.group(0)
    return text[:4]


MAX_TEXT_CHARS = 2_000_000
"""Longest text the next-character task takes (a session file holds it; Tiny Shakespeare has 1.1
million characters)."""


def _character_indices(text: str, vocabulary: str) -> np.ndarray:
    """The index in ``vocabulary`` of every character of ``text`` (all of them in it), int64:
    vectorised over the code points (a 1 MB text in milliseconds, not half a second)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    known = np.frombuffer(vocabulary.encode("utf-32-le"), dtype=np.uint32)
    order = np.argsort(known, kind="stable")
    return order[np.searchsorted(known[order], codes)].astype(np.int64)


class NextCharacter(Task):
    """Predict the next character of a user-given text (char-level language model)."""

    name = "next_char"
    title = QT_TRANSLATE_NOOP("Refusal", "Next-character prediction")
    description = (
        "The network reads a text one character at a time (one-hot over the text's own vocabulary) "
        "and at every step predicts the next character with a softmax. After training it can write "
        "new text in the same style by sampling one character at a time and feeding it back. Which "
        "words it completes shows how much context its hidden and cell states keep (claims 1 and "
        "5); sampling temperature trades safe, repetitive text for varied, error-prone text.")
    loss = "cross_entropy"
    min_seq_len = 1

    _preset = dict(kind="lstm", hidden_size=64, optimizer="adam", lr=0.005, batch_size=32,
                   steps=400, seq_len=25, clip_norm=5.0, forget_bias=1.0)

    def __init__(self, *, seq_len: int = 25, text: str = DEFAULT_TEXT, vocabulary: str | None = None):
        """``vocabulary``: the characters of the channels in order (a model trained elsewhere
        numbers them its own way); None: the text's distinct characters in sorted order."""
        if not isinstance(text, str) or len(set(text)) < 2:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The text must contain at least two different characters."))
        if len(text) > MAX_TEXT_CHARS:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The text has {characters} characters; the next-character task takes at most {limit}."),  # noqa: E501 - one literal for lupdate
                          characters=f"{len(text):,}", limit=f"{MAX_TEXT_CHARS:,}")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The text holds a character that is not valid Unicode at position {position} (an unpaired surrogate, {code}); remove it and try again."),  # noqa: E501 - one literal for lupdate
                          position=exc.start + 1, code=f"U+{ord(text[exc.start]):04X}") from None
        self.text = text
        self.given_vocabulary = vocabulary is not None
        self.vocabulary = "".join(sorted(set(text))) if vocabulary is None else \
            self._checked_vocabulary(vocabulary, text)
        self._index = {ch: i for i, ch in enumerate(self.vocabulary)}
        self.encoded = _character_indices(text, self.vocabulary)
        super().__init__(seq_len=seq_len)
        self.input_size = self.output_size = len(self.vocabulary)

    def options(self) -> dict[str, Any]:
        """As :meth:`Task.options`; "vocabulary" only when one was given (not the sorted text's)."""
        options = super().options()
        if not self.given_vocabulary:
            options.pop("vocabulary")
        return options

    @staticmethod
    def _checked_vocabulary(vocabulary, text: str) -> str:
        """``vocabulary`` when it is a string of at least two distinct characters covering ``text``."""
        if not isinstance(vocabulary, str) or len(vocabulary) < 2 or len(set(vocabulary)) != len(vocabulary):
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The vocabulary must list at least two different characters, each once."))  # noqa: E501 - one literal for lupdate
        unknown = sorted(set(text) - set(vocabulary))
        if unknown:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The text holds {character}, which is not in the vocabulary."),
                          character=repr(unknown[0]))
        return vocabulary

    def check_seq_len(self, seq_len):
        T = super().check_seq_len(seq_len)
        if T >= len(self.text):
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The sequence length ({steps}) must be shorter than the text ({characters} characters)."),  # noqa: E501 - one literal for lupdate
                          steps=T, characters=len(self.text))
        return T

    def encode(self, text: str) -> np.ndarray:
        """Characters -> (T, V) one-hot; ValueError naming a character not in the vocabulary."""
        unknown = sorted(set(text) - set(self.vocabulary))
        if unknown:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The character {character} does not occur in the training text."),
                          character=repr(unknown[0]))
        return _one_hot(np.array([self._index[ch] for ch in text], dtype=np.int64),
                        len(self.vocabulary))

    def _sample(self, T, N, rng):
        starts = rng.integers(0, len(self.text) - T, size=N)
        windows = self.encoded[starts[None, :] + np.arange(T + 1)[:, None]]  # (T+1, N)
        return _one_hot(windows[:-1], len(self.vocabulary)), windows[1:]

    def sample(self, net, readout, seed_text: str, length: int, temperature: float = 1.0,
               rng: np.random.Generator | None = None) -> str:
        """Generate ``length`` characters following ``seed_text`` (returned without the seed).

        The seed primes the state; then each character is drawn from softmax(y / temperature)
        and fed back as the next input. ``rng`` None means ``np.random.default_rng(0)``.
        """
        if net.bidirectional:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "A bidirectional network cannot generate text one character at a time."))
        if not seed_text:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The seed text must have at least one character."))
        length = check_int("length", length, 0)
        temperature = float(temperature)
        if not temperature > 0.0 or not np.isfinite(temperature):
            raise ValueError(f"temperature must be a positive number, got {temperature}")
        rng = np.random.default_rng(0) if rng is None else rng
        x = self.encode(seed_text)
        h, c, generated = None, None, []
        for _ in range(length):
            trace = net.forward(x, h0=h, c0=c)
            h, c = trace.h_n, trace.c_n
            logits = readout.forward(trace.output[-1:])[0] / temperature
            with np.errstate(over="ignore", invalid="ignore"):
                p = np.exp(logits - np.max(logits))
                p /= p.sum()
            if not np.all(np.isfinite(p)):
                raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The network's output is not finite; it cannot generate text."))
            index = int(rng.choice(len(self.vocabulary), p=p))
            generated.append(self.vocabulary[index])
            x = _one_hot(np.array([index]), len(self.vocabulary))
        return "".join(generated)


class SineWave(Task):
    """Continue a sine wave: predict x_{t+1} from x_t at every step."""

    name = "sine"
    title = QT_TRANSLATE_NOOP("Refusal", "Sine-wave continuation")
    description = (
        "Each sequence is a sine wave with a random phase and a random period; at every step the "
        "network sees the current value and must predict the next one. One value alone is "
        "ambiguous (rising or falling?), so the network must keep the recent past in its state "
        "and infer the frequency from it: short-term memory that every cell kind can learn, a "
        "good first task to watch the gates and states move (claims 2 and 4).")
    loss = "mse"
    min_seq_len = 2
    tolerance = 0.05
    input_size = 1
    output_size = 1

    _preset = dict(kind="gru", hidden_size=16, optimizer="adam", lr=0.01, batch_size=16,
                   steps=300, seq_len=40, clip_norm=1.0, forget_bias=None)

    def __init__(self, *, seq_len: int = 40, min_period: float = 10.0, max_period: float = 30.0):
        min_period, max_period = float(min_period), float(max_period)
        if not 2.0 <= min_period <= max_period < np.inf:
            raise ValueError(f"periods must satisfy 2 <= min_period <= max_period, got "
                             f"{min_period} and {max_period}")
        self.min_period, self.max_period = min_period, max_period
        super().__init__(seq_len=seq_len)

    def _sample(self, T, N, rng):
        period = rng.uniform(self.min_period, self.max_period, size=N)
        phase = rng.uniform(0.0, 2.0 * np.pi, size=N)
        wave = np.sin(2.0 * np.pi * np.arange(T + 1)[:, None] / period + phase)  # (T+1, N)
        return wave[:-1, :, None], wave[1:, :, None]


TASKS: dict[str, type[Task]] = {task.name: task for task in
                                (AddingProblem, CopyTask, TemporalOrder, LongDependency,
                                 NextCharacter, SineWave)}


def make_task(name: str, **options: Any) -> Task:
    """Build the task registered as ``name`` with ``options`` (ValueError on unknown ones)."""
    if name not in TASKS:
        raise ValueError(f"unknown task {name!r}; choose one of {sorted(TASKS)}")
    cls = TASKS[name]
    allowed = inspect.signature(cls).parameters
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise ValueError(f"the {cls.title.lower()} has no option {unknown[0]!r}; "
                         f"its options are {sorted(allowed)}")
    return cls(**options)
