"""The thin curves of many channels as one cached picture behind the sequence editor's live curves.

With 256 input channels, every change of one curve (a stroke's point) repainted all 256: 40–80 ms
of the GUI thread per point on noisy data (issue 14). The editor keeps live curves for the
channel being drawn and hands the others to a :class:`ChannelBackdrop`. It paints them once into
a pixmap of the view (Qt's device-coordinate cache); later repaints copy the pixmap until the
channels it draws change, or the view's size.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem


class ChannelBackdrop(pg.GraphicsObject):
    """The curves (t, values[:, k]) of ``channels``, each one pixel wide in ``colour(k)``."""

    def __init__(self, colour):
        super().__init__()
        self._colour = colour
        self.values = None
        """The (T, C) array drawn (read-only, the document's), or None."""
        self.channels: tuple[int, ...] = ()
        """The channels drawn, in order."""
        self._bounds = QRectF()  # of what is drawn (steps × values)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_curves(self, values: np.ndarray | None, channels) -> None:
        """Draw ``values[:, k]`` for each k of ``channels``; repainted only when what it draws
        differs from what it drew."""
        channels = tuple(channels)
        if values is None or not channels:
            values, channels = None, ()
        same = channels == self.channels and (
            values is self.values or (values is not None and self.values is not None
                                      and values.shape == self.values.shape
                                      and np.array_equal(values[:, channels], self.values[:, channels])))
        if same:
            self.values = values  # the newest array (equal where drawn)
            return
        self.prepareGeometryChange()  # before the bounds change (Qt's rule)
        self.values, self.channels = values, channels
        self._bounds = QRectF()
        if channels:
            block = values[:, channels]
            low, high = float(block.min()), float(block.max())
            self._bounds = QRectF(0, low, values.shape[0] - 1, high - low)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return QRectF(self._bounds)

    def paint(self, painter, *_args) -> None:
        if not self.channels:
            return
        steps = self.values.shape[0]
        by_colour: dict[str, list[int]] = {}
        for k in self.channels:
            by_colour.setdefault(self._colour(k), []).append(k)
        for colour, members in by_colour.items():  # one path per colour: its channels one after another
            ys = self.values[:, members].T.ravel()
            xs = np.tile(np.arange(steps, dtype=float), len(members))
            connect = np.ones(xs.size, dtype=bool)
            connect[steps - 1::steps] = False  # no line from one channel's end to the next's start
            painter.setPen(pg.mkPen(colour))
            painter.drawPath(pg.arrayToQPath(xs, ys, connect=connect))
