"""The course's claims as lessons a user can open, look at and measure (pure NumPy, no Qt).

``LESSONS`` holds them in teaching order, chapter by chapter (RNN, LSTM, GRU, BPTT). Each
:class:`~lstm_studio.lessons.base.Lesson` builds a complete session for a seed
(``lesson.build(seed=0, page=0)``) and measures the numbers that carry its claim on an
evaluation of it (``lesson.measures(evaluation, document)``), with a verdict that holds for
every seed. Typical use::

    from lstm_studio.lessons import lesson
    from lstm_studio.session.document import evaluate_document

    doc = lesson("vanishing-rnn").build(seed=3)
    report = lesson("vanishing-rnn").measures(evaluate_document(doc), doc)
    report.holds, report["g_ratio"]
"""

from __future__ import annotations

from lstm_studio.lessons import bptt, gru, lstm, rnn, trained
from lstm_studio.lessons.base import (
    CHAPTER_TITLES,
    CHAPTERS,
    CONTEXT,
    PANELS,
    Figure,
    Lesson,
    Measure,
    Page,
    Report,
    Series,
    Text,
)
from lstm_studio.lessons.trained import BuildStopped

__all__ = ["CHAPTERS", "CHAPTER_TITLES", "CONTEXT", "LESSONS", "PANELS", "BuildStopped", "Figure",
           "Lesson", "Measure", "Page", "Report", "Series", "Text", "by_chapter", "lesson"]


def _in_teaching_order() -> tuple[Lesson, ...]:
    found = {item.id: item for module in (rnn, lstm, gru, bptt, trained) for item in module.LESSONS}
    order = ("vanishing-rnn", "exploding-rnn", "bidirectional-helps",
             "cell-highway", "forget-gate-erases", "input-gate-shut", "output-gate-shut",
             "lstm-without-forget-gate", "peephole", "lstm-explodes-too",
             "gru-update-copies", "gru-reset", "gru-lighter", "long-dependency",
             "clipping", "clipping-not-vanishing", "truncation-cuts")
    assert set(order) == set(found), "every lesson has its place in the teaching order"
    return tuple(found[key] for key in order)


LESSONS: tuple[Lesson, ...] = _in_teaching_order()
"""Every lesson, in teaching order."""


def lesson(lesson_id: str) -> Lesson:
    """The lesson with ``lesson_id`` (KeyError naming the known ones otherwise)."""
    for item in LESSONS:
        if item.id == lesson_id:
            return item
    raise KeyError(f"no lesson {lesson_id!r}; the lessons are {', '.join(item.id for item in LESSONS)}")


def by_chapter() -> dict[str, list[Lesson]]:
    """Chapter -> its lessons, chapters in :data:`CHAPTERS` order."""
    chapters = {chapter: [] for chapter in CHAPTERS}
    for item in LESSONS:
        chapters[item.chapter].append(item)
    return chapters
