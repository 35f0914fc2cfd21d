"""Curves, faint bundles of curves, bars and vertical marks against time, optionally on a log
y axis, with a legend where no curve passes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from lstm_studio.app.panels.plots.axes import BOTTOM_LABEL_OVERHANG, step_span
from lstm_studio.app.panels.plots.colours import background, foreground
from lstm_studio.app.panels.plots.items import BarsItem, Curve, CurveSample, Legend, Markers, cache_drawing
from lstm_studio.app.panels.plots.legends import MIN_VIEW_HEIGHT, corner_rect, free_corner, sampled_line
from lstm_studio.app.panels.plots.scales import (
    KEEP_RANGE_FILL,
    finite_range,
    format_value,
    positive_or_nan,
    snapped_outward,
    steady_range,
)
from lstm_studio.app.panels.plots.time_plot import TimePlot, color_bar_space
from lstm_studio.app.theme import scaled, scaled_points

MAX_FAINT_CURVES = 32
"""Most curves drawn faintly behind a highlighted one (units beyond are subsampled)."""
MARKER_SIZE = 7
"""Pixels of a curve's markers at the normal presentation scale: like every pen width given
here, it grows with the scale (:func:`scaled`)."""
LEGEND_POINTS = 8
"""Point size of legend entries at the normal presentation scale."""


class Series:
    """One data item of a :class:`CurvePlot` holding full data ``x`` (M,), ``y`` (M,) or (M, K).

    ``item`` is a :class:`Curve` (or, for markers alone, :class:`Markers`); ``markers`` optional
    symbols on a curve's points. On a log axis, zero, negative and non-finite values are drawn
    as gaps and the rest as log10 (the axis is in log mode); the read-out still reports the true
    value. Data identical to what is drawn is not pushed again.
    """

    def __init__(self, item, name: str, log: bool = False, markers: Markers | None = None):
        self.item = item
        self.markers = markers
        self.name = name
        self.log = log
        self.x = self.y = self.shown = np.zeros(0)
        self._drawn = None

    def set_data(self, x, y) -> None:
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if self.log:
            with np.errstate(all="ignore"):
                self.shown = np.log10(positive_or_nan(self.y))
        else:
            self.shown = self.y

    def indices(self, n) -> tuple[int, int]:
        """Which stored points lie in the steps shown (``n`` as for :meth:`show_steps`): the
        slice ``i:k`` of them (x is sorted)."""
        first, stop = step_span(n)
        return (int(np.searchsorted(self.x, first - 0.5)) if first else 0,
                int(np.searchsorted(self.x, stop - 0.5)))

    def _unchanged(self, x, y) -> bool:
        """Whether (x, y) is what the item already draws (then remember nothing new)."""
        drawn = self._drawn
        if (drawn is not None and drawn[0].shape == x.shape and drawn[1].shape == y.shape
                and np.array_equal(drawn[0], x) and np.array_equal(drawn[1], y, equal_nan=True)):
            return True
        self._drawn = (x, y)
        return False

    def show_steps(self, n) -> None:
        i, k = self.indices(n)
        x, shown = self.x[i:k], self.shown[i:k]
        if self._unchanged(x, shown):
            return
        if isinstance(self.item, Markers):
            self.item.setData(x, shown)
            return
        self.item.setData(x, shown)
        if self.markers is not None:
            self.markers.setData(x, shown)

    def value_at(self, t: int):
        i = np.searchsorted(self.x, t)
        if i < len(self.x) and self.x[i] == t and self.y.ndim == 1:
            return self.y[i]
        return None


class Bundle(Series):
    """Several curves over the same steps in one item (NaN-separated): y is (T, K)."""

    def show_steps(self, n):
        i, k = self.indices(n)
        curves = self.shown.shape[1] if self.shown.ndim == 2 else 0
        ys = np.full((curves, k - i + 1), np.nan)
        ys[:, :k - i] = self.shown[i:k].T
        xs = np.empty_like(ys)
        xs[:] = np.append(self.x[i:k], np.nan)
        if not self._unchanged(xs, ys):
            self.item.setData(xs.ravel(), ys.ravel())  # the NaN after each curve separates them


class Bars(Series):
    """Bars of height y at steps x."""

    def show_steps(self, n):
        i, k = self.indices(n)
        heights = np.nan_to_num(self.shown[i:k], nan=0.0, posinf=0.0, neginf=0.0)
        self.item.setOpts(x=self.x[i:k], height=heights)


class VerticalMarks:
    """A reusable pool of vertical lines at given x positions (e.g. truncation boundaries)."""

    def __init__(self, plot: pg.PlotItem, pen):
        self.plot, self.pen, self.lines = plot, pen, []

    def set_positions(self, positions) -> None:
        positions = list(positions)
        while len(self.lines) < len(positions):
            line = pg.InfiniteLine(angle=90, movable=False, pen=self.pen)
            self.plot.addItem(line, ignoreBounds=True)
            self.lines.append(line)
        for line, x in zip(self.lines, positions):
            line.setValue(x)
            line.show()
        for line in self.lines[len(positions):]:
            line.hide()

    def positions(self) -> list[float]:
        return [line.value() for line in self.lines if line.isVisible()]


class CurvePlot(TimePlot):
    """Curves, faint bundles and bars against t; y range refit to the data on every update."""

    def __init__(self, axes, title, y_label, log=False, bar_space=True):
        super().__init__(axes, title, y_label)
        self.bar_space = bar_space
        self.log = log
        self.y_range = None
        self._exact_span = None
        self.series: list[Series] = []
        if log:
            self.plot.setLogMode(y=True)
        self.legend = None
        self.set_stacked(False)

    def reset_view(self) -> None:
        """Undo zooming, and fit the y range tightly to the data again."""
        super().reset_view()
        self.steady, self.y_range = False, None
        self.fit_y(self._exact_span, exact=self._exact_span is not None)

    def set_stacked(self, stacked: bool) -> None:
        """In a grid column, keep a colour bar's width free on the right so that the time axis
        lines up with heatmaps above or below. Without it, keep room for the last step's
        label, which reaches beyond the end of the time axis."""
        self.stacked = stacked
        width = color_bar_space() if stacked and self.bar_space else 0
        self.plot.layout.setColumnFixedWidth(4, 5 if width else 0)
        self.plot.layout.setColumnFixedWidth(5, width or BOTTOM_LABEL_OVERHANG)

    def right_margin(self, stacked: bool) -> float:
        """The columns right of the data that :meth:`set_stacked` fixes, for ``stacked``."""
        return 5 + color_bar_space() if stacked and self.bar_space else BOTTOM_LABEL_OVERHANG

    def add_legend(self) -> None:
        """A legend of the curves added after it, placed where it covers no data (see
        :meth:`place_legend`)."""
        legend = Legend(offset=None, labelTextSize=scaled_points(LEGEND_POINTS), brush=background(220),
                               pen=foreground(60))
        legend.setParentItem(self.plot)  # not the view: it may sit above it, outside the data
        legend.layout.setContentsMargins(2, 0, 4, 0)  # Qt's default margins double its height
        legend.setZValue(30)
        legend.setLabelTextColor(foreground())
        self.legend = legend
        self.legend_place = None
        """Where the legend is: one of LEGEND_CORNERS (inside the plot) or "above" it."""
        self._placing = False
        self.view.sigResized.connect(self.place_legend)
        self.view.sigRangeChanged.connect(self.place_legend)

    def drawn_points(self) -> np.ndarray:
        """Pixels (N, 2; x right, y down from the view's top left) of the data of every shown
        curve, marker and bar: points along the lines, not only their vertices. All stored
        steps count (not only those shown in "reveal" mode), so a legend stays where it is
        while the cursor moves."""
        rect = self.view.geometry()
        (x0, x1), (y0, y1) = self.view.viewRange()
        if rect.width() < 1 or rect.height() < 1 or x1 == x0 or y1 == y0:
            return np.zeros((0, 2))
        sx, sy = rect.width() / (x1 - x0), rect.height() / (y1 - y0)
        parts = [np.zeros((0, 2))]
        with np.errstate(all="ignore"):
            for series in self.series:
                if not series.item.isVisible() or not len(series.x):
                    continue
                px = (series.x - x0) * sx
                ys = series.shown if series.shown.ndim == 2 else series.shown[:, None]
                for column in ys.T:
                    py = (y1 - column) * sy
                    if isinstance(series, Bars):
                        half = 0.5 * series.item.opts.get("width", 0.6) * sx
                        base = np.full_like(py, y1 * sy)
                        for dx in (-half, 0.0, half):
                            pairs = np.full((3 * len(px),), np.nan)
                            pairs[0::3], pairs[1::3] = px + dx, px + dx
                            heights = np.full((3 * len(px),), np.nan)
                            heights[0::3], heights[1::3] = base, py
                            parts.append(sampled_line(pairs, heights))
                    elif isinstance(series.item, Markers):
                        parts.append(np.column_stack([px, py])[np.isfinite(py)])
                    else:
                        parts.append(sampled_line(px, py))
        return np.vstack(parts)

    def place_legend(self, *_args) -> None:
        """Put the legend in the first corner of the plot that no drawn data reaches, or, when
        every corner holds data, in a row above the plot (entries side by side as far as they
        fit) — in place of the title where that row would leave the data less than
        MIN_VIEW_HEIGHT pixels. Called whenever the data, the ranges or the plot's size change."""
        legend = self.legend
        if legend is None or self._placing:
            return
        if not legend.items:
            legend.hide()
            return
        rect = self.view.geometry()
        if rect.width() < 2 or rect.height() < 2:
            return
        self._placing = True
        try:
            legend.show()
            sizes = self._legend_sizes()
            points, corner = self.drawn_points(), None
            for columns, size in sizes.items():  # narrow and tall, then flatter
                corner = free_corner(points, size.width(), size.height(), rect.width(), rect.height())
                if corner is not None:
                    break
            if corner is None:  # above the plot: as many entries side by side as fit
                width = self.plot.boundingRect().width()
                columns = next((c for c in reversed(sizes) if sizes[c].width() <= width - 4), 1)
                size = sizes[columns]
            self._legend_columns(columns)
            row = 0 if corner is not None else int(np.ceil(size.height())) + 2
            title = self.plot.titleLabel
            in_title = (corner is None and (title.isVisible() or self.legend_place == "title")
                        and rect.height() + self._legend_row - row < MIN_VIEW_HEIGHT)
            if in_title:
                row = 0
            title.setVisible(not in_title and self.plot.layout.rowMinimumHeight(0) > 0)
            if row != self._legend_row:
                self._legend_row = row
                self.plot.layout.setRowFixedHeight(1, row)
                self.plot.layout.activate()  # the view moves now, not at the next layout pass
                rect = self.view.geometry()
            if corner is not None:
                spot = corner_rect(corner, size.width(), size.height(), rect.width(), rect.height())
                legend.setPos(rect.left() + spot.left(), rect.top() + spot.top())
                self.legend_place = corner
            elif in_title:
                box = title.geometry()
                # whole inside the plot (the legend as drawn may be wider than its estimate)
                wide = max(size.width(), legend.boundingRect().width())
                room = self.plot.boundingRect().width() - wide
                legend.setPos(max(0.0, min(box.center().x() - wide / 2, room)),
                              box.top() + max(0.0, (box.height() - size.height()) / 2))
                self.legend_place = "title"
            else:
                legend.setPos(max(0.0, rect.right() - size.width()), rect.top() - size.height() - 1)
                self.legend_place = "above"
        finally:
            self._placing = False

    _legend_row = 0
    _sizes = None

    def _legend_sizes(self) -> dict:
        """The legend's size laid out in 1, 2, … columns, measured again whenever an entry's
        text or size changes (a relayout of the legend costs more than the rest of the
        placement)."""
        entries = tuple((label.text, label.effectiveSizeHint(Qt.SizeHint.PreferredSize).toTuple())
                        for _, label in self.legend.items)
        if self._sizes is None or self._sizes[0] != entries:
            sizes = {}
            for columns in range(1, len(self.legend.items) + 1):
                self._legend_columns(columns)
                self.legend.updateSize()  # an entry may have changed without a new column count
                sizes[columns] = self.legend.boundingRect().size()
            self._sizes = (entries, sizes)
        return self._sizes[1]

    def _legend_columns(self, columns: int) -> None:
        if self.legend.columnCount != columns:
            self.legend.setColumnCount(columns)
            self.legend.updateSize()

    def add_curve(self, name, color, width=1.5, style=Qt.PenStyle.SolidLine, symbol=None,
                  legend=True) -> Series:
        """A curve (``style`` None: markers only) with optional ``symbol`` markers on its points."""
        markers = Markers(symbol, scaled(MARKER_SIZE), color) if symbol is not None else None
        if style is None:
            item, markers = markers, None
        else:
            item = Curve(pg.mkPen(color, width=scaled(width), style=style))
            if markers is not None:
                markers.setParentItem(item)  # hidden together (legend click)
        self.plot.addItem(item)
        if legend and self.legend is not None:
            self.legend.addItem(CurveSample(item, markers), name)
            sample, label = self.legend.items[-1]
            cache_drawing(sample, label.item)
        return self._added(Series(item, name, self.log, markers))

    def add_bundle(self, name, color) -> Bundle:
        item = Curve(pg.mkPen(color, width=scaled(1)))
        self.plot.addItem(item)
        return self._added(Bundle(item, name, self.log))

    def add_bars(self, name, color) -> Bars:
        item = BarsItem(width=0.6, brush=color)
        self.plot.addItem(item)
        return self._added(Bars(item, name, self.log))

    def _added(self, series):
        self.series.append(series)
        return series

    def remove_series(self, series: Series) -> None:
        """Take ``series`` (its markers too) and its legend entry out of the plot."""
        self.series.remove(series)
        if self.legend is not None:
            self.legend.removeItem(series.item)
        self.plot.removeItem(series.item)
        self.place_legend()

    def show_steps(self, n):
        for series in self.series:
            series.show_steps(n)

    def fit_y(self, span: tuple[float, float] | None = None, exact: bool = False) -> None:
        """Fit the y range to the data's ``span`` (default: of all finite stored data, not only
        the visible steps), snapped outward to round values.

        Unless ``exact``, the current range stays while it holds the data and the data fill at
        least KEEP_RANGE_FILL of it: axes then neither jump nor redraw their labels on every
        small change (a dragged slider, a training step). Data outside refit at once."""
        self._exact_span = span if exact else None
        span = span or finite_range(*(s.y for s in self.series), log=self.log)
        if span is None:
            span = (1e-8, 1.0) if self.log else (-1.0, 1.0)
        lo, hi = span
        if self.log:  # whole decades, so the axis has at least two labelled powers of ten
            lo, hi = float(np.floor(np.log10(lo))), float(np.ceil(np.log10(hi)))
            hi = max(hi, lo + 1.0)
        else:
            if hi - lo < 1e-12:
                lo, hi = lo - 0.5, hi + 0.5
            lo, hi = snapped_outward(lo, hi)
        if self.steady and not exact:
            lo, hi = steady_range(self.y_range, (lo, hi), self.keep_fill(KEEP_RANGE_FILL))
        self.steady = True
        if (lo, hi) != self.y_range:  # a new range makes the axis redraw its ticks
            self.y_range = (lo, hi)
            self.view.setYRange(lo, hi, padding=0.05)
            # move the items now: pyqtgraph defers it to the next paint, which then paints twice
            self.view.updateMatrix()
        self.place_legend()  # new data, perhaps where the legend was

    def readout(self, x, y):
        t = self._step_at(x)
        if t is None:
            return ""
        parts = []
        for series in self.series:
            value = series.value_at(t)
            if value is not None:
                parts.append("{0} = {1}".format(series.name, format_value(value)))
        return QCoreApplication.translate("TimePlot", "t = {0}: {1}").format(
            self.step_name(t), ", ".join(parts))
