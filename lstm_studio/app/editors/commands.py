"""Undo commands: every edit of the document is one QUndoCommand on the window's QUndoStack.

Commands change the document only through the session model's ``set_*`` methods, and undo
restores exactly the previous numbers (the old arrays are kept as copies).

The window's stack is an :class:`UndoStack`: it keeps the memory its commands hold under a
limit (UNDO_MEMORY_MB) by dropping the oldest edits, and says so at the start of History.
"""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Phrase
from lstm_studio.session.deferred import DeferredDocument
from lstm_studio.session.document import SessionDocument, freeze
from lstm_studio.session.checked import checked_array, is_frozen
from lstm_studio.session.model import SessionModel

# Merge ids: consecutive commands with the same id and key merge into one (a slider drag, a stroke).
MERGE_WEIGHT_DRAG = 1
MERGE_INPUT_STROKE = 2
MERGE_TARGET_STROKE = 3
MERGE_STATE_DRAG = 4
MERGE_SETTING = 5


ARRAY_NAMES = {
    "inputs": QT_TRANSLATE_NOOP("Refusal", "input sequence"),
    "targets": QT_TRANSLATE_NOOP("Refusal", "targets"),
    "h0": QT_TRANSLATE_NOOP("Refusal", "initial hidden state h0"),
    "c0": QT_TRANSLATE_NOOP("Refusal", "initial cell state c0"),
}
"""What a refusal calls each array of the document (as the session model does)."""


def array_name(target: str, key: str | None = None, label: str | None = None):
    """The name a refusal gives the array ``target`` (``key``): "the input sequence", "the
    parameter W_ii" (``label``, the editor's name of a matrix, else ``key``), "the read-out
    parameter weight"."""
    if target in ARRAY_NAMES:
        return ARRAY_NAMES[target]
    if target == "readout":
        return Phrase(QT_TRANSLATE_NOOP("Refusal", "read-out parameter {label}"), label=label or key)
    return Phrase(QT_TRANSLATE_NOOP("Refusal", "parameter {label}"), label=label or key)


def _read(model: SessionModel, target: str, key: str | None) -> np.ndarray:
    doc = model.document
    if target == "parameter":
        return doc.parameters[key]
    if target == "readout":
        return doc.readout[key]
    return getattr(doc, target)


def _write(model: SessionModel, target: str, key: str | None, value: np.ndarray) -> None:
    if target == "parameter":
        model.set_parameter(key, value)
    elif target == "readout":
        model.set_readout_parameters({key: value})
    elif target == "inputs":
        model.set_inputs(value)
    elif target == "targets":
        model.set_targets(value)
    elif target == "h0":
        model.set_initial_state(h0=value)
    elif target == "c0":
        model.set_initial_state(c0=value)
    else:
        raise ValueError(f"Unknown edit target {target!r}.")


class SetArrayCommand(QUndoCommand):
    """Replace one array of the document: ``target`` is "parameter" or "readout" (with ``key``
    the parameter name), or "inputs", "targets", "h0", "c0".

    The new value is validated before the command is built (ValueError with a user message
    naming the array, see :func:`array_name`; ``label`` is the editor's name of a parameter
    matrix), so a refused edit never reaches the undo stack.
    """

    def __init__(self, model: SessionModel, target: str, value, text: str, *,
                 key: str | None = None, merge_id: int = -1, label: str | None = None):
        super().__init__(text)
        self._model, self._target, self._key, self._merge_id = model, target, key, merge_id
        old = _read(model, target, key)
        self._old = old if is_frozen(old) else old.copy()  # a read-only array never changes
        self._new = checked_array(array_name(target, key, label), value, self._old.shape)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, SetArrayCommand) or (other._target, other._key) != (self._target, self._key):
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        _write(self._model, self._target, self._key, self._new)

    def undo(self) -> None:
        _write(self._model, self._target, self._key, self._old)


class ReplaceDocumentCommand(QUndoCommand):
    """Swap the whole document (size/kind change, preset, task, training run) — undo swaps back.
    The arrays of ``new_document`` become read-only: the command and the model share them."""

    def __init__(self, model: SessionModel, new_document: SessionDocument | DeferredDocument, text: str, *,
                 old: SessionDocument | None = None):
        super().__init__(text)
        self._model = model
        self._old = model.snapshot() if old is None else old
        if isinstance(new_document, SessionDocument):
            new_document = freeze(new_document).copy()  # (read-only arrays are shared, not copied)
        self._new = new_document

    def redo(self) -> None:
        self._model.replace_document(self._new.copy())

    def undo(self) -> None:
        self._model.replace_document(self._old.copy())


class ConfigCommand(ReplaceDocumentCommand):
    """Change kind/sizes keeping what can be kept. Raises ValueError (nothing pushed) if refused.

    The new document is made when first needed (:class:`DeferredDocument`): by the model's
    background worker when the model holds the change, so that drawing the weights of a grown
    network (seconds at the largest sizes) never blocks the window."""

    def __init__(self, model: SessionModel, text: str, **changes):
        old = model.snapshot()  # the newest document (a change held back by the model included)
        super().__init__(model, DeferredDocument(old, **changes), text, old=old)


class ModelSettingCommand(QUndoCommand):
    """Any other setting with a setter: ``apply(value)`` with new value on redo, old on undo
    (loss kind and mask, BPTT truncation and clipping, training settings).

    Commands with the same ``merge_key`` (not None) that follow each other merge into one (the
    steps of one spin box): undo goes back to the value before the first of them."""

    def __init__(self, text: str, apply, old, new, *, merge_key=None):
        super().__init__(text)
        self._apply, self._old, self._new = apply, old, new
        self._merge_key = merge_key

    def id(self) -> int:  # noqa: A003 - Qt's name
        return -1 if self._merge_key is None else MERGE_SETTING

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not self.absorb(other):
            return False
        self.setText(other.text())
        return True

    def absorb(self, other: QUndoCommand) -> bool:
        """Take ``other``'s new value if it is the next step of the same setting. Python only:
        a command kept when older edits were dropped (:class:`_Kept`) merges through this, since
        its own Qt side is deleted then."""
        if not isinstance(other, ModelSettingCommand) or other._merge_key != self._merge_key \
                or self._merge_key is None:
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class GestureCommand(SetArrayCommand):
    """A SetArrayCommand that merges only within one gesture (one slider drag, one drawn stroke).

    Plain merge ids would also merge two separate drags of the same array; ``gesture`` (any
    value, e.g. a counter the editor bumps when a drag starts) keeps them apart.
    """

    def __init__(self, model: SessionModel, target: str, value, text: str, *, gesture,
                 key: str | None = None, merge_id: int = -1, label: str | None = None):
        super().__init__(model, target, value, text, key=key, merge_id=merge_id, label=label)
        self.gesture = gesture

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        return isinstance(other, GestureCommand) and other.gesture == self.gesture and super().mergeWith(other)


# -- memory of the undo history ----------------------------------------------------------------
UNDO_MEMORY_MB = 128.0
"""Most memory the undo history keeps by default: beyond it the oldest edits are dropped."""


def payload_bytes(value, arrays: dict[int, int] | None = None) -> int:
    """Bytes of the numbers and text ``value`` holds: arrays, documents (dataclasses), dicts,
    lists, strings. Anything else (the model, callables, Qt objects) counts as nothing.

    ``arrays`` (a dict): the arrays are not counted but noted in it, as the id of the array that
    owns their memory -> its bytes, so that an array several commands share (documents share
    their read-only arrays) can be counted once."""
    if isinstance(value, np.ndarray):
        if arrays is None:
            return value.nbytes
        owner = memory_owner(value)
        arrays[id(owner)] = owner.nbytes
        return 0
    if isinstance(value, (str, bytes)):
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return sum(payload_bytes(k, arrays) + payload_bytes(v, arrays) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return 8 * len(value) + sum(payload_bytes(v, arrays) for v in value)
    if isinstance(value, DeferredDocument):  # nothing of its own until it is made
        return payload_bytes(value.built, arrays)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(payload_bytes(getattr(value, f.name), arrays) for f in dataclasses.fields(value))
    return 0


def memory_owner(array: np.ndarray) -> np.ndarray:
    """The array whose memory ``array`` uses (itself, unless it is a view of another)."""
    while isinstance(array.base, np.ndarray):
        array = array.base
    return array


def command_bytes(command: QUndoCommand) -> int:
    """The memory ``command`` holds (its documents and arrays, each counted where it appears)."""
    command = getattr(command, "payload", command)
    return sum(payload_bytes(v) for v in vars(command).values())


def command_parts(command: QUndoCommand) -> tuple[dict[int, int], int]:
    """The memory ``command`` holds as (its arrays: id of the array owning the memory -> bytes,
    the bytes of everything else): see :func:`payload_bytes`."""
    command = getattr(command, "payload", command)
    arrays: dict[int, int] = {}
    other = sum(payload_bytes(v, arrays) for v in vars(command).values())
    return arrays, other


def shared_bytes(parts) -> int:
    """The memory of commands together (``command_parts`` each): an array they share counts once."""
    arrays: dict[int, int] = {}
    other = 0
    for held, rest in parts:
        arrays.update(held)
        other += rest
    return sum(arrays.values()) + other


class _Kept(QUndoCommand):
    """Stands for a command that stays when older ones are dropped: Qt deletes every command it
    holds on ``clear()``, so each one kept goes back on the stack inside one of these (its
    Python side, ``payload``, lives on: undo, redo and merging are all Python; nothing of Qt may
    be called on the payload any more, its text included).

    While ``silent`` (the stack being rebuilt) undo and redo do nothing: the document already
    is where the rebuilt stack stands."""

    silent = False

    def __init__(self, command: QUndoCommand):
        super().__init__(command.text())
        self.payload = getattr(command, "payload", command)
        self._id = command.id()
        self._merges = type(self.payload).mergeWith is not QUndoCommand.mergeWith

    def id(self) -> int:  # noqa: A003 - Qt's name
        return -1 if _Kept.silent else self._id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not self._merges:
            return False
        absorb = getattr(self.payload, "absorb", None)
        if absorb is None:  # the array commands merge in Python alone and keep their first text
            return self.payload.mergeWith(other)
        if not absorb(other):  # the payload's own mergeWith would name itself with Qt's deleted side
            return False
        self.setText(other.text())
        return True

    def redo(self) -> None:
        if not _Kept.silent:
            self.payload.redo()

    def undo(self) -> None:
        if not _Kept.silent:
            self.payload.undo()


def _identity(value) -> tuple[int, int]:
    """What tells whether a command's value changed since its memory was counted: the object,
    and for a deferred change of sizes, the document it made (none at first)."""
    return id(value), id(value.built) if isinstance(value, DeferredDocument) else 0


class UndoStack(QUndoStack):
    """A QUndoStack that keeps the memory of its commands under ``limit_mb``: after a push that
    goes beyond, the oldest edits are dropped (never the last one, nor those that can be
    redone) and ``dropped`` counts them (``droppedChanged``) until the history starts afresh
    (``clear``). Nothing is dropped while ``holding()`` is true (a training run refers to its
    command)."""

    droppedChanged = Signal(int)

    def __init__(self, parent=None, *, limit_mb: float = UNDO_MEMORY_MB, holding=None):
        super().__init__(parent)
        self.limit_bytes = int(limit_mb * 2**20)
        self.dropped = 0
        self.holding = holding or (lambda: False)
        self._sizes: dict[int, tuple[tuple, tuple]] = {}  # id of a command -> (its data's ids, its parts)

    @property
    def limit_mb(self) -> float:
        return self.limit_bytes / 2**20

    def push(self, command: QUndoCommand) -> None:
        super().push(command)
        if not shiboken6.isValid(command):
            # merged into the command before it, which took what it needed, and deleted by Qt;
            # PySide keeps such a command's Python side alive for good, and with it every value
            # of a drag (a weight matrix per step): let go of what it holds
            vars(command).clear()
        self.bound()

    def clear(self) -> None:
        super().clear()
        self._sizes.clear()
        if self.dropped:
            self.dropped = 0
            self.droppedChanged.emit(0)

    def command_parts(self) -> list[tuple[dict[int, int], int]]:
        """What each command holds (:func:`command_parts`), oldest first (remembered while a
        command's data stay)."""
        parts, known = [], {}
        for i in range(self.count()):
            command = self.command(i)
            payload = getattr(command, "payload", command)
            key = tuple(_identity(v) for v in vars(payload).values())
            cached = self._sizes.get(id(payload))
            part = cached[1] if cached is not None and cached[0] == key else command_parts(payload)
            known[id(payload)] = (key, part)
            parts.append(part)
        self._sizes = known
        return parts

    def command_sizes(self) -> list[int]:
        """The bytes each command holds, oldest first (an array shared with others counted in
        each of them)."""
        return [shared_bytes([part]) for part in self.command_parts()]

    def memory_bytes(self) -> int:
        """What every command of the stack holds together: an array that several commands share
        (an edit's new inputs are the next edit's old ones; documents share their read-only
        arrays) counts once."""
        return shared_bytes(self.command_parts())

    def bound(self) -> None:
        """Drop the oldest edits while the history holds more than the limit (what dropping
        frees: the arrays no later command shares)."""
        parts = self.command_parts()
        if shared_bytes(parts) <= self.limit_bytes or self.holding():
            return
        drop = 0
        while drop < self.index() - 1 and shared_bytes(parts[drop:]) > self.limit_bytes:
            drop += 1
        if drop:
            self._drop_oldest(drop)

    def _drop_oldest(self, drop: int) -> None:
        index, clean = self.index(), self.cleanIndex()
        kept = [_Kept(self.command(i)) for i in range(drop, self.count())]
        _Kept.silent = True
        try:
            QUndoStack.clear(self)
            for command in kept:
                QUndoStack.push(self, command)
            if clean >= drop:
                self.setIndex(clean - drop)
                self.setClean()
            else:
                self.resetClean()
            self.setIndex(index - drop)
        finally:
            _Kept.silent = False
        self.dropped += drop
        self.droppedChanged.emit(self.dropped)
