"""Refusals a user reads in their own language, raised by code that knows nothing of Qt.

A :class:`Refusal` (a :class:`TranslatableError` and a ValueError) carries its message as a
template with named fields plus the values for them. The Qt layer translates the template (context "Refusal") and the values that are words,
then fills it in; everything else reads ``str(error)``, the English text. Templates are marked
with :func:`QT_TRANSLATE_NOOP`, the name Qt's lupdate looks for, so they reach the translations.
"""

from __future__ import annotations

CONTEXT = "Refusal"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Mark ``text`` for translation in ``context``; returns it unchanged."""
    return text


class TranslatableError(Exception):
    """An error whose message is a translatable ``template`` filled with ``values`` (a text
    without values is taken as it is)."""

    def __init__(self, template: str, **values):
        self.template = template
        self.values = values
        super().__init__(template.format(**values) if values else template)


class Refusal(TranslatableError, ValueError):
    """A refused value or setting (a ValueError) with a translatable message."""
