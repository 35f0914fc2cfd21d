"""Colours of the panels: colour maps, the series palette, the cursor and highlight, and
the plots' foreground and background in the current theme.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

SEQUENTIAL_MAP = "viridis"


DIVERGING_MAP = "CET-D1"


CURSOR_COLOR = (255, 150, 30)


HIGHLIGHT_COLOR = (0, 215, 255)


FREE_RUN_COLOR = (220, 40, 140)
"""The marker of free running: the step from which the network's own predictions are its inputs."""


PALETTE = [(31, 140, 255), (255, 95, 80), (60, 200, 110), (200, 120, 255),
           (240, 200, 40), (180, 220, 60), (255, 120, 200), (160, 160, 160)]
"""Colours of distinct series (output channels...), readable on light and dark backgrounds."""


def activation_colormap(activation: str) -> str:
    """Sequential map for one-signed ranges (σ, ReLU), diverging for signed ones."""
    return SEQUENTIAL_MAP if activation in ("sigmoid", "relu") else DIVERGING_MAP


@lru_cache(maxsize=None)
def colormap(name: str) -> pg.ColorMap:
    return pg.colormap.get(name)


@lru_cache(maxsize=None)
def packed_lut(name: str) -> np.ndarray:
    """A colour map's 256 colours as opaque 0xAARRGGBB words (uint32)."""
    rgba = colormap(name).getLookupTable(nPts=256, alpha=True).astype(np.uint32)
    return (255 << 24) | (rgba[:, 0] << 16) | (rgba[:, 1] << 8) | rgba[:, 2]


def foreground(alpha: int = 255):
    """The configured pyqtgraph foreground colour, with ``alpha``."""
    color = pg.mkColor(pg.getConfigOption("foreground"))
    color.setAlpha(alpha)
    return color


def background(alpha: int = 255):
    """The configured pyqtgraph background colour, with ``alpha``."""
    color = pg.mkColor(pg.getConfigOption("background"))
    color.setAlpha(alpha)
    return color


def plot_colours() -> tuple[str, str]:
    """pyqtgraph's configured background and foreground (what themes change)."""
    return tuple(pg.mkColor(pg.getConfigOption(key)).name(QColor.NameFormat.HexArgb)
                 for key in ("background", "foreground"))


def series_color(index: int):
    return PALETTE[index % len(PALETTE)]
