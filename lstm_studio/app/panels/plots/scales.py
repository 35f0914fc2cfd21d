"""The numbers behind the plots' scales: nice ceilings, colour levels for each activation,
ranges that stay steady while the data move a little, and values as the read-outs print them.
"""

from __future__ import annotations

import numpy as np

from lstm_studio.app.panels.plots.colours import SEQUENTIAL_MAP, activation_colormap

KEEP_RANGE_FILL = 0.4
"""A fitted y range stays while the data fill at least this share of it (see steady_range)."""
KEEP_LEVELS_FILL = 0.6
"""Colour levels stay while the data fill at least this share of them (colours keep contrast)."""
TRAINING_KEEP_FILL = 0.2
"""While the network trains, scales stay until the data fill less than this share of them."""


def finite_max_abs(values) -> float:
    """Largest finite |value| (0.0 when there is none)."""
    values = np.asarray(values, dtype=float)
    with np.errstate(all="ignore"):
        return float(np.max(np.abs(values), where=np.isfinite(values), initial=0.0))


NICE_MANTISSAS = np.array([1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0])


def nice_ceiling(value: float) -> float:
    """The smallest number ≥ ``value`` of the form m·10^k, m in NICE_MANTISSAS (at most 25 %
    above ``value``). Colour levels and axis ranges snap to these so that they stay put while a
    slider is dragged (a new range makes pyqtgraph redraw the axis, and the eye re-read it)."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    exponent = np.floor(np.log10(value))
    mantissa = value / 10.0 ** exponent
    nice = NICE_MANTISSAS[np.searchsorted(NICE_MANTISSAS, mantissa * (1 - 1e-12))]
    with np.errstate(over="ignore"):
        return float(min(nice * 10.0 ** exponent, np.finfo(float).max))


def symmetric_levels(values) -> tuple[float, float]:
    """(-m, m) with m the largest finite |value| rounded up by :func:`nice_ceiling`."""
    m = nice_ceiling(finite_max_abs(values))
    return (-m, m)


def activation_levels(activation: str, values) -> tuple[float, float]:
    """Colour levels that fit a nonlinearity's range: σ 0..1, tanh -1..1, ReLU 0..max."""
    if activation == "sigmoid":
        return (0.0, 1.0)
    if activation == "tanh":
        return (-1.0, 1.0)
    if activation == "relu":
        return (0.0, nice_ceiling(finite_max_abs(values)))
    return symmetric_levels(values)


def fitted_levels(values, cmap: str) -> tuple[float, float]:
    """Colour levels fitted to the data (the "auto" colour scale): for a diverging map ±max|v|
    (zero stays the middle colour), for a sequential one min..max, rounded outward."""
    if cmap != SEQUENTIAL_MAP:
        return symmetric_levels(values)
    span = finite_range(values)
    if span is None:
        return (0.0, 1.0)
    low, high = span
    if high - low <= 1e-12 * max(1.0, abs(low)):  # one value: a band around it
        pad = 0.05 * max(abs(low), 1.0)
        return (low - pad, high + pad)
    return snapped_outward(low, high)


def scaled_levels(activation: str, values, colour_scale: str) -> tuple[float, float]:
    """Levels of a nonlinearity's output under the view's colour scale: its fixed range
    (:func:`activation_levels`) for "fixed", fitted to the data for "auto"."""
    if colour_scale == "auto":
        return fitted_levels(values, activation_colormap(activation))
    return activation_levels(activation, values)


def bounded_levels(values, colour_scale: str) -> tuple[float, float]:
    """Levels of a quantity bounded by ±1 (such as h = o⊙tanh(c)): −1..1 under the "fixed" colour
    scale — so that a value of 0.001 looks faint — unless the data leave it (a GRU started from
    |h0| > 1), and fitted to the data under "auto"."""
    if colour_scale == "auto" or finite_max_abs(values) > 1.0:
        return symmetric_levels(values)
    return (-1.0, 1.0)


def snapped_outward(low: float, high: float) -> tuple[float, float]:
    """(low, high) widened to multiples of a step of about a tenth of the span."""
    span = high - low
    if not np.isfinite(span) or span <= 0:
        return low, high
    step = nice_ceiling(span) / 10
    with np.errstate(over="ignore"):
        return float(np.floor(low / step) * step), float(np.ceil(high / step) * step)


def steady_range(current, wanted, fill: float = None):
    """``current`` while it holds ``wanted`` and ``wanted`` fills at least ``fill`` (default
    KEEP_RANGE_FILL) of it, else ``wanted``: a scale that does not jump (nor redraw its labels) on
    every small change of the data, as while a slider moves or the network trains."""
    fill = KEEP_RANGE_FILL if fill is None else fill
    if (current is not None and current[0] <= wanted[0] and wanted[1] <= current[1]
            and wanted[1] - wanted[0] >= fill * (current[1] - current[0])):
        return tuple(current)
    return tuple(wanted)


def finite_range(*arrays, log: bool = False) -> tuple[float, float] | None:
    """(min, max) over the finite (and, for ``log``, positive) values of ``arrays``, or None."""
    lows, highs = [], []
    for a in arrays:
        a = np.asarray(a, dtype=float)
        ok = np.isfinite(a) & (a > 0) if log else np.isfinite(a)
        if ok.any():
            lows.append(a.min(where=ok, initial=np.inf))
            highs.append(a.max(where=ok, initial=-np.inf))
    if not lows:
        return None
    return float(min(lows)), float(max(highs))


def positive_or_nan(values) -> np.ndarray:
    """``values`` with zeros, negatives and non-finite entries replaced by NaN (for log axes)."""
    values = np.array(values, dtype=float)
    with np.errstate(invalid="ignore"):
        values[~(np.isfinite(values) & (values > 0))] = np.nan
    return values


def format_value(value) -> str:
    return "{:.4g}".format(float(value))
