"""Units × time as an image, with a colour bar of fixed levels and a marker around the selected
unit's row.

The image is drawn at most as fine as the pixels that show it: more steps (or units) than
pixels are binned, each cell the value of the largest magnitude among those it stands for
(:func:`~lstm_studio.session.binning.binned_by`), so that extremes stay visible; the bins of a
background result are prepared by the recompute worker. Hover read-outs read the full data.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtWidgets import QGraphicsRectItem

from lstm_studio.app.panels.plots.axes import DecadeAxis, step_span
from lstm_studio.app.panels.plots.colours import SEQUENTIAL_MAP, colormap, foreground
from lstm_studio.app.panels.plots.items import FastImageItem, cache_axes, no_contents
from lstm_studio.app.panels.plots.scales import KEEP_LEVELS_FILL, format_value, steady_range
from lstm_studio.app.panels.plots.time_plot import TimePlot, color_bar_space, scale_axes, set_title
from lstm_studio.app.theme import scaled
from lstm_studio.session.binning import bin_size, binned_by


def remembering_bar_axis(bar: pg.ColorBarItem) -> None:
    """Give a vertical colour bar a :class:`DecadeAxis` (set up as the bar sets up its own):
    its labels are drawn once per set of levels, not on every change of levels."""
    axis = DecadeAxis("right")
    bar.setAxisItems({"right": axis})
    axis.setZValue(0.5)
    axis.setWidth(round(scaled(45)))
    scale_axes(axis)
    axis.setStyle(showValues=True)
    axis.unlinkFromView()
    axis.setRange(*bar.values)
    bar.axis = axis


MIN_BINNED_PIXELS = 64
"""A view fewer pixels across is not laid out yet (a panel just shown): drawn unbinned, then
binned when it gets its size."""


def pixel_bin_size(length: int, pixels: float) -> int:
    """Entries per bin for ``length`` entries in ``pixels`` (1 below MIN_BINNED_PIXELS)."""
    return bin_size(length, int(pixels)) if pixels >= MIN_BINNED_PIXELS else 1


class Heatmap(TimePlot):
    """Units × time image with fixed colour levels, a colour bar and a selected-unit marker."""

    def __init__(self, axes, title, value_name):
        super().__init__(axes, title, QCoreApplication.translate("TimePlot", "unit"))
        self.value_name = value_name
        self.view.invertY(True)
        self.image = FastImageItem(np.zeros((1, 1)), axisOrder="col-major", levels=(0.0, 1.0))
        self.plot.addItem(self.image)
        self.bar = pg.ColorBarItem(interactive=False, colorMapMenu=False, width=scaled(12),
                                   colorMap=colormap(SEQUENTIAL_MAP))
        remembering_bar_axis(self.bar)
        self.bar.setImageItem(self.image, insert_in=self.plot)
        self.plot.layout.setColumnFixedWidth(5, color_bar_space())
        # the selected unit's row is outlined by a plain Qt item (painted without Python)
        self.unit_mark = QGraphicsRectItem()
        self.unit_mark.setPen(pg.mkPen(foreground(), width=scaled(1.5)))
        self.unit_mark.setZValue(10)
        self.plot.addItem(self.unit_mark, ignoreBounds=True)
        for side in ("left", "top", "bottom"):  # the colour bar's frame: three more axes to paint
            self.bar.hideAxis(side)
        cache_axes(self.bar)
        no_contents(self.bar)
        self.values = np.zeros((1, 1))
        self.source = None
        self.drawn_bins = (1, 1)
        self.view.sigResized.connect(self._resized)
        self.levels = (0.0, 1.0)
        self.units = 1
        self.unit = 0

    reusable = False
    """Whether a panel's next build may take this heatmap again (see :meth:`TimeAxes.heatmap`)."""

    def retitle(self, title: str, value_name: str) -> None:
        """Ready for other data: another title and name, scales fitted afresh."""
        set_title(self.plot, title)
        self.value_name = value_name
        self.steady = False
        self.source = None

    def set_shape(self, steps: int, units: int) -> None:
        self.units = units
        self.set_steps(steps)
        self.view.setYRange(-0.5, units - 0.5, padding=0)
        self.set_unit(self.unit)

    def reset_view(self) -> None:
        super().reset_view()
        self.view.setYRange(-0.5, self.units - 0.5, padding=0)

    def set_values(self, values: np.ndarray, levels: tuple[float, float], cmap: str,
                   source=None) -> None:
        """Store ``values`` (T, H) and their colour levels and map; draw the visible steps.

        ``source``, a pair (key, function): ``values`` is ``function(model.evaluation)``, named
        ``key`` (hashable); the recompute worker then bins the next results for this heatmap
        before they reach the GUI thread (see the module docstring).

        Under the same map, the levels change only when the data outgrow them or fill less
        than KEEP_LEVELS_FILL of them (:func:`steady_range`)."""
        self.values = values
        self.source = None if source is None else (self.axes.model.evaluation, *source)
        levels = (float(levels[0]), float(levels[1]))
        if cmap != self.image.colormap_name:
            self.image.set_colormap_name(cmap)
            self.bar.setColorMap(colormap(cmap))
        elif self.steady:
            levels = steady_range(self.levels, levels, self.keep_fill(KEEP_LEVELS_FILL))
        self.steady = True
        if levels != self.levels:  # the bar's axis redraws its ticks on every setLevels
            self.levels = levels
            self.bar.setLevels(levels, update_items=False)
        self.show_steps(self.axes.visible_steps)

    def magnitude_values(self, values: np.ndarray, source) -> np.ndarray:
        """Values with the largest finite magnitude of ``values`` (the model's evaluation's, named
        by ``source`` as for :meth:`set_values`), for colour levels fitted to ±max|v|: the bins
        this heatmap draws of them (fewer numbers, prepared by the worker) when every bin is
        finite (a NaN or infinite bin hides the finite numbers in it), else ``values``."""
        if source is None:
            return values
        key, _function = source
        model = self.axes.model
        binned = model.drawings.binned(model.evaluation, key, values, self.pixel_bins(values.shape[0], values))
        return binned if binned is not values and np.isfinite(binned).all() else values

    def pixel_bins(self, steps: int, values: np.ndarray | None = None) -> tuple[int, int]:
        """(steps per bin, units per bin) for ``steps`` steps of all units of ``values`` (default:
        the stored values) in today's view (1, 1 while the view has no size yet)."""
        units = (self.values if values is None else values).shape[1]
        columns, rows = self.binned_pixels()  # (the worker bins by the same rule: BinnedDrawings.want)
        return bin_size(steps, columns), bin_size(units, rows)

    def binned_pixels(self) -> tuple[int, int]:
        """(columns, rows) of today's view that bins are made for (0: not binned, too small),
        as :func:`pixel_bin_size` counts them."""
        rect = self.view.rect()
        return tuple(int(p) if p >= MIN_BINNED_PIXELS else 0 for p in (rect.width(), rect.height()))

    def show_steps(self, n) -> None:
        first, stop = step_span(n)
        values = self.values
        stop = min(stop, values.shape[0])
        bins = self.pixel_bins(stop - first)
        model = self.axes.model
        if self.source is not None and (first, stop) == (0, values.shape[0]):
            evaluation, key, function = self.source  # (a newer result may be waiting its turn)
            model.drawings.want(self, key, function, bins, pixels=self.binned_pixels())
            shown = model.drawings.binned(evaluation, key, values, bins)
        else:  # some steps ("reveal" mode), or values not of the evaluation: binned here
            shown = binned_by(values[first:stop], *bins)
        self.drawn_bins = bins
        self.image.setImage(shown, autoLevels=False, levels=self.levels)
        # the bins stretched over the steps and units they stand for (the last ones may be
        # narrower: a drift below one bin, under a pixel)
        self.image.setRect(QRectF(first - 0.5, -0.5, max(stop - first, 0), values.shape[1]))

    def _resized(self, *_args) -> None:
        """Bin again for the new size (only when the bins change)."""
        first, stop = step_span(self.axes.visible_steps)
        if self.pixel_bins(min(stop, self.values.shape[0]) - first) != self.drawn_bins:
            self.show_steps(self.axes.visible_steps)

    def set_unit(self, unit: int) -> None:
        self.unit = unit
        self.unit_mark.setRect(QRectF(-0.5, unit - 0.5, self.steps, 1.0))

    def unit_band(self) -> tuple[float, float]:
        """Top and bottom (in units) of the outline around the selected unit's row."""
        rect = self.unit_mark.rect()
        return rect.top(), rect.bottom()

    def readout(self, x, y):
        t, unit = self._step_at(x), int(np.floor(y + 0.5))
        if t is None or not 0 <= unit < self.units:
            return ""
        return QCoreApplication.translate("TimePlot", "t = {0}, unit {1}: {2} = {3}").format(
            self.step_name(t), unit, self.value_name, format_value(self.values[t, unit]))

    def _picked(self, x, y, clicked):
        unit = int(np.floor(y + 0.5)) if clicked else None
        self.axes.picked(x, unit if unit is not None and 0 <= unit < self.units else None)
