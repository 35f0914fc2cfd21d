"""Numbers from outside checked once: the gate every array passes on its way into a document.

An array that passed is read-only float64 owning its data (:func:`is_frozen`): nobody can change
its numbers, so documents, undo commands and background jobs share it rather than copy it.
"""

from __future__ import annotations

import weakref

import numpy as np

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Refusal
from lstm_studio.session.document import VALUE_LIMIT

__all__ = ["checked_array", "is_frozen"]


def is_frozen(value) -> bool:
    """Whether ``value`` is a read-only float64 array owning its data, as :func:`checked_array`
    makes them: nobody can change its numbers, so it is shared rather than copied."""
    return isinstance(value, np.ndarray) and value.dtype == np.float64 and not value.flags.writeable \
        and value.flags.owndata


def checked_array(name: str, value, shape: tuple[int, ...], *, limit: float = VALUE_LIMIT) -> np.ndarray:
    """``value`` as a float64 array of ``shape``, or ValueError with a message a user can act on.

    The result is read-only (:func:`is_frozen`): the document's arrays are never written in
    place (a background evaluation shares them, see :mod:`lstm_studio.session.recompute`;
    editors copy before they change a number), and an array checked once (an undo command's) is
    not copied again when it reaches the model: at large sizes a weight drag moves 8 MB
    matrices many times a second, each copy a few milliseconds of the GUI thread."""
    try:
        array = value if is_frozen(value) else np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The {name} must be numbers."), name=name) from None
    if array.shape != tuple(shape):
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The {name} must have shape {shape}, not {got}."),
                      name=name, shape=tuple(shape), got=array.shape)
    if _CHECKED.get((id(array), limit)) is array and not array.flags.writeable:
        return array  # checked already (an undo command's array, checked again by the model)
    # two reductions and no temporary arrays (a weight drag checks large matrices many times a
    # second): the extremes are NaN when any value is, infinite when any value is
    low, high = (float(array.min()), float(array.max())) if array.size else (0.0, 0.0)
    if not (np.isfinite(low) and np.isfinite(high)):
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The {name} must not contain NaN or infinity."), name=name)
    if max(-low, high) > limit:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The {name} must stay within ±{limit}."),
                      name=name, limit=f"{limit:g}")
    array.flags.writeable = False
    _CHECKED[(id(array), limit)] = array
    return array


_CHECKED: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
"""Arrays :func:`checked_array` passed (read-only since), by identity and limit, while they live:
a slider step's 8 MB matrix is checked by its undo command, not once more by the model."""
