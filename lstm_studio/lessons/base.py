"""What a lesson is: a claim of the course, pages that build a session showing it, and the few
numbers that carry it, with a verdict (pure NumPy, no Qt).

Texts a user reads are English templates marked with :func:`QT_TRANSLATE_NOOP` (context
``"Lessons"``) so that the app can show them translated; numbers are filled in afterwards
(:class:`Text`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from lstm_studio.engine.losses import Evaluation
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP
from lstm_studio.session.document import LESSON_PANELS, SessionDocument, evaluate_document

CONTEXT = "Lessons"
"""Translation context of every lesson text."""

PANELS = LESSON_PANELS
"""The panels a page can ask the user to look at (the main window's dock keys)."""


@dataclass(frozen=True)
class Text:
    """A translatable template and the values that fill it (``str()`` gives the English text)."""

    template: str
    values: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template.format(**self.values) if self.values else self.template


@dataclass(frozen=True)
class Measure:
    """One number that carries a claim: a stable ``key``, a label (symbols, mostly; a translatable
    text or template) and the value."""

    key: str
    label: str | Text
    value: float

    def formatted(self) -> str:
        return format_number(self.value)


@dataclass(frozen=True)
class Series:
    """One named line or set of bars of a lesson figure."""

    name: str
    x: np.ndarray
    y: np.ndarray


@dataclass(frozen=True)
class Figure:
    """A small picture the standard panels cannot draw (bars of parameter counts, ∂n/∂h over t...).

    ``kind`` is "curves" (x = time step t, 1-based, or ``x_label``) or "bars" (x = category
    index, ``categories`` naming them); ``log`` puts y on a log axis.
    """

    title: str
    y_label: str
    series: tuple[Series, ...]
    kind: str = "curves"
    log: bool = False
    categories: tuple[str, ...] = ()
    x_label: str = "t"


@dataclass(frozen=True)
class Report:
    """What :meth:`Page.measure` found: the numbers, whether the claim holds, and why (or why not)."""

    holds: bool
    reason: Text
    measures: tuple[Measure, ...] = ()
    figures: tuple[Figure, ...] = ()

    def __getitem__(self, key: str) -> float:
        for measure in self.measures:
            if measure.key == key:
                return measure.value
        raise KeyError(key)

    def keys(self) -> list[str]:
        return [measure.key for measure in self.measures]


@dataclass(frozen=True)
class Page:
    """One step of a lesson: a session to build and the claim to check on it.

    ``build(seed)`` returns a complete document (kind, sizes, weights, inputs, targets, loss mask,
    initial states, BPTT settings and the view); ``measure(evaluation, document)`` returns a
    :class:`Report`; ``panel`` is the panel the student should look at (one of :data:`PANELS`).
    Training pages accept ``progress(fraction)`` and ``should_stop()`` callbacks.
    """

    title: str
    look: str
    build: Callable[..., SessionDocument]
    measure: Callable[[Evaluation, SessionDocument], Report]
    panel: str = "gradient"
    trains: bool = False


@dataclass(frozen=True)
class Lesson:
    """A claim of the course as something to build, look at and measure.

    Attributes
    ----------
    id : str
        Stable identifier ("vanishing-rnn").
    chapter : str
        One of :data:`CHAPTERS` ("RNN", "LSTM", "GRU", "BPTT").
    title, claim : str
        Translatable texts (context :data:`CONTEXT`).
    pages : tuple[Page, ...]
        The lesson's steps, in order; the first one carries :attr:`claim`.
    slow : bool
        Whether building needs a short training (seconds, not milliseconds).
    """

    id: str
    chapter: str
    title: str
    claim: str
    pages: tuple[Page, ...]
    note: str = ""

    @property
    def trains(self) -> bool:
        return any(page.trains for page in self.pages)

    def page(self, index: int = 0) -> Page:
        if not 0 <= index < len(self.pages):
            raise ValueError(f"the lesson {self.id!r} has pages 0 to {len(self.pages) - 1}, not {index}")
        return self.pages[index]

    @property
    def look(self) -> str:
        """What to look at on the first page."""
        return self.pages[0].look

    def build(self, seed: int = 0, page: int = 0, **callbacks) -> SessionDocument:
        """The session of page ``page`` for ``seed``, marked as this lesson's
        (``document.lesson``)."""
        seed = check_seed(seed)
        document = self.page(page).build(seed, **callbacks)
        document.lesson = (document.lesson or {}) | {"id": self.id, "page": int(page), "seed": seed,
                                                     "panel": self.page(page).panel}
        return document

    def measures(self, evaluation: Evaluation | None = None,
                 document: SessionDocument | None = None, page: int | None = None) -> Report:
        """The numbers of page ``page`` (default: the document's page, else the first) on
        ``evaluation`` of ``document``; either may be omitted (then computed from the other,
        or from the lesson's own seed-0 session)."""
        if page is None:
            page = int((getattr(document, "lesson", None) or {}).get("page", 0))
        if document is None:
            document = self.build(0, page)
        if evaluation is None:
            evaluation = evaluate_document(document)
        return self.page(page).measure(evaluation, document)


CHAPTERS = ("RNN", "LSTM", "GRU", "BPTT")
CHAPTER_TITLES = {
    "RNN": QT_TRANSLATE_NOOP("Lessons", "Vanilla RNN"),
    "LSTM": QT_TRANSLATE_NOOP("Lessons", "LSTM"),
    "GRU": QT_TRANSLATE_NOOP("Lessons", "GRU"),
    "BPTT": QT_TRANSLATE_NOOP("Lessons", "Backpropagation through time"),
}


def check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"the seed must be a whole number >= 0, got {seed!r}")
    return int(seed)


# -- numbers ----------------------------------------------------------------------------------
def format_number(value: float) -> str:
    """3 significant digits (whole numbers from 1000 to 10⁷), exact zeros as "0", NaN/inf as they
    are."""
    value = float(value)
    if value == 0.0:
        return "0"
    if not np.isfinite(value):
        return str(value)
    if 0.9995 <= abs(value) < 1.0:  # a gate all but open: say how far from 1
        gap = f"1 − {format_number(1.0 - abs(value))}"
        return f"−({gap})" if value < 0 else gap
    if 1e-3 <= abs(value) < 1e3:
        return f"{value:.3g}"
    if 1e3 <= abs(value) < 1e7:  # counts and microseconds: whole numbers read best
        return f"{value:.0f}"
    mantissa, exponent = f"{value:.2e}".split("e")
    return f"{float(mantissa):.3g}e{int(exponent)}"


KIND_NAMES = {
    "rnn_tanh": QT_TRANSLATE_NOOP("Lessons", "a tanh RNN"),
    "rnn_relu": QT_TRANSLATE_NOOP("Lessons", "a ReLU RNN"),
    "lstm": QT_TRANSLATE_NOOP("Lessons", "an LSTM"),
    "lstm_nofg": QT_TRANSLATE_NOOP("Lessons", "an LSTM without forget gate"),
    "peephole_lstm": QT_TRANSLATE_NOOP("Lessons", "a peephole LSTM"),
    "gru": QT_TRANSLATE_NOOP("Lessons", "a GRU"),
}
"""Kinds as the lesson texts name them (translated by the app like every other text value)."""


def wrong_kind(document: SessionDocument, *kinds: str) -> Report | None:
    """A report saying the page needs another kind, or None when ``document`` is of ``kinds``."""
    kind = document.config.kind
    if kind in kinds:
        return None
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "Does not apply: this page needs {wanted}; the network is now {kind}."),
                              {"wanted": KIND_NAMES[kinds[0]], "kind": KIND_NAMES.get(kind, kind)}))
