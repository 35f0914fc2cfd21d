"""Lesson texts in the user's language: templates marked in lstm_studio.lessons (context
"Lessons") are translated here, then filled in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from lstm_studio.lessons import CONTEXT, Text


def translated(text) -> str:
    """A lesson text (a template string or a :class:`~lstm_studio.lessons.Text`) in the user's
    language; values that are words are translated too, numbers are filled in as they are."""
    translate = QCoreApplication.translate  # the texts are literals where they are written
    if isinstance(text, Text):
        template = translate(CONTEXT, text.template)
        values = {key: translate(CONTEXT, value) if isinstance(value, str) else value
                  for key, value in text.values.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
            return str(text)
    return translate(CONTEXT, text)
