"""The names of a session's input and target channels when they came from a CSV header (pure, no
Qt; issue 15): "temperature" instead of x0, as :mod:`lstm_studio.session.characters` gives the
characters of a next-character session.

The names are kept in the session's training settings (``document.training["column_names"]`` =
{"inputs": [...], "targets": [...]}), which a session file saves as they are, so they survive a
save and a reopening; a file without them (older, or not from a CSV) simply has none. A list of
names only counts while it still fits its channels (the sizes were not edited since).
"""

from __future__ import annotations

from lstm_studio.session.document import SessionDocument

__all__ = ["COLUMN_NAMES", "channel_names", "input_names", "target_names", "with_column_names"]

COLUMN_NAMES = "column_names"
"""The key of ``document.training`` that holds the names."""
_SIZE_OF = {"inputs": "input_size", "targets": "output_size"}


def with_column_names(training: dict, inputs: list[str] | None, targets: list[str] | None) -> dict:
    """``training`` with the names of the input and target channels (a copy); without any when
    neither list names a channel (a table without a header)."""
    training = {key: value for key, value in training.items() if key != COLUMN_NAMES}
    names = {which: [str(name) for name in found] for which, found in (("inputs", inputs), ("targets", targets))
             if found and any(str(name).strip() for name in found)}
    if names:
        training[COLUMN_NAMES] = names
    return training


def channel_names(document: SessionDocument, which: str) -> list[str] | None:
    """The name of every channel of ``which`` ("inputs" or "targets"), or None when the session
    has none for them or they no longer fit (another number of channels, names that are not text)."""
    stored = document.training.get(COLUMN_NAMES) if isinstance(document.training, dict) else None
    names = stored.get(which) if isinstance(stored, dict) else None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        return None
    if len(names) != getattr(document.config, _SIZE_OF[which]):
        return None
    return names


def input_names(document: SessionDocument) -> list[str] | None:
    """The names of the input channels (see :func:`channel_names`)."""
    return channel_names(document, "inputs")


def target_names(document: SessionDocument) -> list[str] | None:
    """The names of the target channels (see :func:`channel_names`)."""
    return channel_names(document, "targets")
