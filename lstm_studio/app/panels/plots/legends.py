"""Legends that cover no data: the corners of a plot that no drawn point lies under.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF

LEGEND_MARGIN = 5
"""Pixels kept free between a legend inside a plot and the data (a marker's radius, a pen)."""
LEGEND_CORNERS = ("top right", "top left", "bottom right", "bottom left")
"""Where a legend may sit inside a plot, in order of preference."""
MIN_VIEW_HEIGHT = 70
"""Pixels a plot keeps for its data: a legend that would leave it less above the plot takes the
place of the plot's title instead."""
SAMPLE_SPACING = 3.0
"""Pixels between the points sampled along a drawn line when looking for room for a legend."""


def sampled_line(px: np.ndarray, py: np.ndarray) -> np.ndarray:
    """Points (N, 2) every SAMPLE_SPACING pixels along the polyline through (px, py), broken
    where a coordinate is not finite (as the curves draw it)."""
    points = np.column_stack([px, py]).astype(float)
    finite = np.isfinite(points).all(axis=1)
    alone = points[finite]
    if len(points) < 2:
        return alone
    joined = finite[:-1] & finite[1:]
    start, delta = points[:-1][joined], np.diff(points, axis=0)[joined]
    if not len(start):
        return alone
    counts = np.clip(np.ceil(np.hypot(delta[:, 0], delta[:, 1]) / SAMPLE_SPACING), 1, 4096).astype(int)
    which = np.repeat(np.arange(len(start)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    fractions = (offsets / counts[which])[:, None]
    return np.vstack([alone, start[which] + fractions * delta[which]])


def corner_rect(corner: str, width: float, height: float, area_width: float, area_height: float,
                margin: float = LEGEND_MARGIN) -> QRectF:
    """The rectangle of a legend ``width`` × ``height`` in ``corner`` of an area (pixels, y
    down), ``margin`` from its edges."""
    x = area_width - margin - width if "right" in corner else margin
    y = area_height - margin - height if "bottom" in corner else margin
    return QRectF(x, y, width, height)


def free_corner(points: np.ndarray, width: float, height: float, area_width: float,
                area_height: float, margin: float = LEGEND_MARGIN) -> str | None:
    """The first of LEGEND_CORNERS where a legend ``width`` × ``height`` fits and no point
    (N, 2, pixels) lies within ``margin`` of it; None when there is none."""
    if width + 2 * margin > area_width or height + 2 * margin > area_height:
        return None
    for corner in LEGEND_CORNERS:
        rect = corner_rect(corner, width, height, area_width, area_height, margin)
        left, top = rect.left() - margin, rect.top() - margin
        right, bottom = rect.right() + margin, rect.bottom() + margin
        if not len(points) or not np.any((points[:, 0] >= left) & (points[:, 0] <= right)
                                         & (points[:, 1] >= top) & (points[:, 1] <= bottom)):
            return corner
    return None
