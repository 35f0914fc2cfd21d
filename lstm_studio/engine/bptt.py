"""What BPTT is told besides the loss: truncation (where the gradient stops on its way back) and
gradient clipping (by global norm, by value)."""

from __future__ import annotations

import numbers

import numpy as np


def check_clipping(clip_norm, clip_value):
    """ValueError unless each limit is None or a positive finite number."""
    for name, limit in (("clip_norm", clip_norm), ("clip_value", clip_value)):
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, numbers.Real)
                                  or not limit > 0 or not np.isfinite(limit)):
            raise ValueError(f"{name} must be a positive number or None, got {limit!r}")


def clip_gradients(arrays, clip_norm=None, clip_value=None):
    """Clip parameter gradients in place; return (norm before clipping, whether anything changed).

    ``clip_norm = c``: if the global L2 norm exceeds c, scale every array by c / norm.
    ``clip_value = v``: then clip every element to [-v, v].
    """
    check_clipping(clip_norm, clip_value)
    with np.errstate(all="ignore"):
        norm = float(np.sqrt(sum(float(np.vdot(a, a)) for a in arrays)))
        clipped = False
        if clip_norm is not None and norm > clip_norm:
            for array in arrays:
                array *= clip_norm / norm
            clipped = True
        if clip_value is not None:
            for array in arrays:
                if np.any(np.abs(array) > clip_value):
                    np.clip(array, -clip_value, clip_value, out=array)
                    clipped = True
    return norm, clipped


def truncation_cuts(steps, truncate, reverse):
    """Per processing step, whether the gradient it passes to the previous step is cut.

    Chunks of ``truncate`` steps are aligned to the end of the sequence: boundaries at true
    times b = T-k, T-2k, ... > 0 cut the link between steps b-1 and b in both directions.
    """
    cuts = np.zeros(steps, dtype=bool)
    if truncate is not None:
        boundaries = np.arange(steps - truncate, 0, -truncate)
        cuts[steps - boundaries if reverse else boundaries] = True
    return cuts
