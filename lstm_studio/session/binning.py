"""Heatmaps binned down to the pixels that draw them, computed off the GUI thread (issue 14).

A heatmap of 1000 steps × 512 units drawn in 600 × 300 pixels does not need 512 000 cells: the
GUI thread would spend tens of milliseconds colouring them on every new result. So the panels
draw :func:`extreme_bins` of their arrays — the value of the largest magnitude in each bin of
steps × units, so that a single saturated gate or an exploding gradient among many quiet ones
stays visible (an average would wash it out) — and the recompute worker prepares those bins for
every heatmap on screen (:class:`BinnedDrawings`) before the result reaches the GUI thread.

No Qt here: the app says which arrays it draws at which sizes (:meth:`BinnedDrawings.want`), the
worker calls :meth:`BinnedDrawings.prepare`, the GUI thread :meth:`BinnedDrawings.binned`.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable

import numpy as np


def bin_size(length: int, pixels: int) -> int:
    """How many entries of an axis of ``length`` go into one bin so that at most ``pixels`` bins
    remain (1 when they fit, or when the pixel count is not known yet: 0 or less)."""
    if pixels <= 0 or length <= pixels:
        return 1
    return -(-length // pixels)


def _extremes_along_first_axis(values: np.ndarray, size: int) -> np.ndarray:
    """Bins of ``size`` consecutive rows (the last one may be shorter): per bin and column, the
    value of the largest magnitude (the maximum where |max| ≥ |min|); NaN wins over numbers."""
    if size <= 1:
        return values
    high = values[0::size].copy()
    low = high.copy()
    for offset in range(1, size):  # strided slices: elementwise work, no reshaped copies
        part = values[offset::size]
        rows = part.shape[0]
        np.maximum(high[:rows], part, out=high[:rows])
        np.minimum(low[:rows], part, out=low[:rows])
    with np.errstate(invalid="ignore"):  # a NaN is in both high and low: the bin is NaN
        return np.where(high >= -low, high, low)


def extreme_bins(values: np.ndarray, columns: int, rows: int) -> np.ndarray:
    """``values`` (steps T, units H) binned to at most ``columns`` × ``rows`` cells (see
    :func:`binned_by`). Exactly ``values`` when it fits (T ≤ columns, H ≤ rows)."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"a heatmap is binned from (steps, units) values, not shape {values.shape}")
    return binned_by(values, bin_size(values.shape[0], columns), bin_size(values.shape[1], rows))


def binned_by(values: np.ndarray, steps_per_bin: int, units_per_bin: int) -> np.ndarray:
    """``values`` (T, H) in bins of ``steps_per_bin`` steps × ``units_per_bin`` units (the last
    ones possibly smaller), each the value of the largest magnitude among those it stands for
    (ties: the positive one; a NaN in a bin makes the bin NaN), so that extremes stay visible.
    The cells are meant to be stretched over the whole data extent. Bins of 1 × 1: ``values``."""
    binned = _extremes_along_first_axis(np.asarray(values, dtype=float), steps_per_bin)
    return _extremes_along_first_axis(binned.T, units_per_bin).T


Source = Callable[[object], np.ndarray]
"""What a heatmap draws of an evaluation: ``source(evaluation)`` -> (steps, units) values."""


class BinnedDrawings:
    """The binned arrays of each evaluation, shared by the worker that prepares them and the GUI
    thread that draws them.

    A drawing is named by a hashable ``key`` (which array: e.g. layer, direction and gate) and
    its bin sizes (steps and units per bin: they change less often than pixel sizes). Heatmaps on
    screen say what they draw with :meth:`want`; :meth:`prepare` (the worker, right after an
    evaluation) bins all of those; :meth:`binned` (the GUI thread) returns the prepared bins, or
    bins them then and there when the wish changed meanwhile (another layer chosen, the panel
    resized). The bins of an evaluation are let go with the evaluation, a wish with its holder."""

    def __init__(self):
        self._lock = threading.Lock()
        self._wanted: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._binned: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def want(self, holder, key: Hashable, source: Source, bins: tuple[int, int] | None,
             slot: Hashable = "image", *, pixels: tuple[int, int] | None = None) -> None:
        """``holder`` (a heatmap, held weakly) draws ``source`` under ``key`` in ``bins``
        (steps per bin, units per bin); ``bins`` None: ``source(evaluation)`` as it is, some
        other number a view derives from the result (see :meth:`derived`). A holder has one
        wish per ``slot`` (a new one replaces the wish of another layer, say).

        ``pixels`` (columns, rows; 0 where not binned): the bins follow each evaluation's own
        sizes (:func:`bin_size`), so that the worker also prepares the first drawing after a
        change of steps or units, which the heatmap then finds in the same pixels."""
        bins = None if bins is None else (int(bins[0]), int(bins[1]))
        pixels = None if pixels is None or bins is None else (int(pixels[0]), int(pixels[1]))
        with self._lock:
            self._wanted.setdefault(holder, {})[slot] = (key, source, bins, pixels)

    def forget(self, holder) -> None:
        """``holder`` draws nothing any more."""
        with self._lock:
            self._wanted.pop(holder, None)

    def prepare(self, evaluation) -> None:
        """Bin every wanted array of ``evaluation`` (any thread; arrays that fit are skipped). A
        wish that does not fit this evaluation (one of an earlier structure: its layer is gone)
        is skipped: whoever draws it then computes what it needs itself."""
        with self._lock:
            wanted = [wish for wishes in self._wanted.values() for wish in wishes.values()]
        for key, source, bins, pixels in wanted:
            try:
                if pixels is not None:
                    shape = np.shape(source(evaluation))
                    bins = (bin_size(shape[0], pixels[0]), bin_size(shape[1], pixels[1]))
                if bins == (1, 1) or self._stored(evaluation, (key, bins)) is not None:
                    continue
                values = source(evaluation)
                prepared = values if bins is None else binned_by(values, *bins)
            except (ValueError, KeyError, IndexError, AttributeError, TypeError):
                continue
            self._store(evaluation, (key, bins), prepared)

    def derived(self, evaluation, key: Hashable, source: Source):
        """``source(evaluation)``: prepared by the worker (a wish with ``bins`` None), or computed
        now. The result is stored as it is: it must not be changed."""
        found = self._stored(evaluation, (key, None))
        if found is None:
            found = source(evaluation)
            self._store(evaluation, (key, None), found)
        return found

    def binned(self, evaluation, key: Hashable, values: np.ndarray, bins: tuple[int, int]) -> np.ndarray:
        """The bins of ``values`` (``key``'s array of ``evaluation``): prepared, or made now."""
        name = (key, (int(bins[0]), int(bins[1])))
        found = self._stored(evaluation, name)
        if found is None:
            found = binned_by(values, *name[1])
            if found is not values:
                self._store(evaluation, name, found)
        return found

    def _stored(self, evaluation, name):
        with self._lock:
            return self._binned.get(evaluation, {}).get(name)

    def _store(self, evaluation, name, binned) -> None:
        if isinstance(binned, np.ndarray):
            binned.flags.writeable = False
        with self._lock:
            self._binned.setdefault(evaluation, {})[name] = binned
