"""Recognising a one-hot input, whose products with a weight matrix are row lookups.

A character model's input is one-hot: ``x_t W_ihᵀ`` is then column ``k`` of ``W_ih`` for the
character ``k``, which a gather computes exactly (the product adds zeros to it) for a fraction of
the product's time. The check is cheap beside the product it replaces.
"""

from __future__ import annotations

import numpy as np

__all__ = ["one_hot_indices"]


def one_hot_indices(flat):
    """The column of the single 1 in every row of ``flat`` (R, V), or None unless every row is
    all zeros but one element equal to 1 (exactly)."""
    rows = flat.shape[0]
    if flat.ndim != 2 or not rows or flat.shape[1] < 2 or np.count_nonzero(flat) != rows:
        return None
    # one nonzero in all: a row with its maximum 1 has its nonzero there, and every row does
    indices = flat.argmax(axis=1)
    if not (flat[np.arange(rows), indices] == 1).all():
        return None
    return indices
