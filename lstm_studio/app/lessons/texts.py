"""Lesson texts in the user's language: templates marked in lstm_studio.lessons (context
"Lessons") are translated here, then filled in."""

from __future__ import annotations

from lstm_studio.app.i18n import filled_in
from lstm_studio.lessons import CONTEXT, Text


def translated(text) -> str:
    """A lesson text (a template string or a :class:`~lstm_studio.lessons.Text`) in the user's
    language; values that are words are translated too, numbers are filled in as they are."""
    if isinstance(text, Text):
        return filled_in(CONTEXT, text.template, text.values)
    return filled_in(CONTEXT, text, {})
