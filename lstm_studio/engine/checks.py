"""Checks of the engine's arguments (sizes, dtypes, arrays of numbers): each refusal a ValueError
naming what was wrong."""

from __future__ import annotations

import numbers

import numpy as np


def check_size(name, value):
    """``value`` as an int >= 1, else ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, got {value!r}")
    return int(value)


def check_dtype(dtype):
    """``dtype`` as np.float32 or np.float64, else ValueError."""
    try:
        dtype = np.dtype(dtype)
    except TypeError as error:
        raise ValueError(f"dtype must be float32 or float64, got {dtype!r}") from error
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float32 or float64, got {dtype}")
    return dtype


def as_float_array(name, value, dtype, copy=True):
    """``value`` as a finite array of ``dtype`` (a copy unless ``copy`` is False), else
    ValueError naming ``name``."""
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be an array of numbers ({error})") from error
    if array.dtype.kind not in "biuf":
        raise ValueError(f"{name} must contain real numbers, got dtype {array.dtype}")
    array = array.astype(dtype, copy=copy)
    if not np.isfinite(array).all():
        raise ValueError(f"{name} contains NaN or infinite values")
    return array
