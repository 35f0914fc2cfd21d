"""Refusals a user reads in their own language, raised by code that knows nothing of Qt.

A :class:`Refusal` (a :class:`TranslatableError` and a ValueError) carries its message as a
template with named fields plus the values for them (a value may itself be a :class:`Phrase`).
The Qt layer translates the template (context "Refusal") and the values that are words or
phrases, then fills it in; everything else reads ``str(error)``, the English text. Templates are marked
with :func:`QT_TRANSLATE_NOOP`, the name Qt's lupdate looks for, so they reach the translations.
"""

from __future__ import annotations

CONTEXT = "Refusal"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Mark ``text`` for translation in ``context``; returns it unchanged."""
    return text


class Phrase:
    """A translatable ``template`` with ``values``, used as one value of a refusal where a name
    is built from parts ("parameter {label}" with label "W_ii"): translated and filled in the
    same way; ``str()`` and ``format()`` give the English text."""

    def __init__(self, template: str, **values):
        self.template = template
        self.values = values

    def __str__(self) -> str:
        return self.template.format(**self.values)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Phrase({str(self)!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Phrase) and (self.template, self.values) == (other.template, other.values)

    __hash__ = None


class TranslatableError(Exception):
    """An error whose message is a translatable ``template`` filled with ``values`` (a text
    without values is taken as it is)."""

    def __init__(self, template: str, **values):
        self.template = template
        self.values = values
        super().__init__(template.format(**values) if values else template)


class Refusal(TranslatableError, ValueError):
    """A refused value or setting (a ValueError) with a translatable message."""
