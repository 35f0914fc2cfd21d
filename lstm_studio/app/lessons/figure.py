"""A lesson's own small picture (:class:`~lstm_studio.lessons.Figure`): curves against t or a
training step, or grouped bars over named categories; log scales drawn as log10 values with
power-of-ten labels. The legend sits under the plot, never on the data."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from lstm_studio.app.lessons.texts import translated
from lstm_studio.app.panels.plots.colours import series_color
from lstm_studio.app.theme import scaled, scaled_points

BAR_GROUP_WIDTH = 0.8


def log_values(values) -> np.ndarray:
    """log10 of the positive finite values, NaN elsewhere (a gap)."""
    values = np.asarray(values, dtype=float)
    out = np.full(values.shape, np.nan)
    ok = np.isfinite(values) & (values > 0)
    out[ok] = np.log10(values[ok])
    return out


class PowerAxis(pg.AxisItem):
    """An axis whose values are log10 of the data: labelled 10^k at whole k."""

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's names
        low, high = int(np.floor(minVal)), int(np.ceil(maxVal))
        step = max(1, int(np.ceil((high - low) / 6)))
        return [(step, [float(k) for k in range(low, high + 1, step)])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        return [f"1e{int(round(v))}" if abs(v) > 2 else f"{10.0 ** v:g}" for v in values]


class CategoryAxis(pg.AxisItem):
    """A bottom axis that writes a name under each bar group (at x = 0, 1, …), every other name
    a line lower where side by side they would run into each other; plain numbers when it has
    no names."""

    def __init__(self):
        super().__init__("bottom")
        self.names: list[str] = []
        self.staggered = False

    def set_names(self, names) -> None:
        """Write ``names`` under x = 0, 1, … (none: the axis' own numbers)."""
        self.names = list(names)
        self.staggered = None
        self._place()

    def resizeEvent(self, event=None):  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if hasattr(self, "names"):  # pyqtgraph's constructor resizes before ours has run
            self._place()

    def _place(self) -> None:
        if not self.names:
            self.setTicks(None)
            return
        metrics = QFontMetricsF(self.style.get("tickFont") or QApplication.font())
        widest = max(metrics.horizontalAdvance(name) for name in self.names)
        view = self.linkedView()
        span = np.ptp(view.viewRange()[0]) if view is not None else len(self.names)
        spacing = self.width() / max(span, 1e-9)
        staggered = widest + metrics.averageCharWidth() > spacing
        if staggered != self.staggered:
            self.staggered = staggered
            # pyqtgraph sizes the axis for 0.8 of its texts' height: two lines need their own
            lines = 2 * metrics.lineSpacing() + self.style["tickTextOffset"][1]
            self.setHeight(lines + max(0, self.style["tickLength"]) if staggered else None)
            self.setTicks([[(float(k), "\n" + name if staggered and k % 2 else name)
                            for k, name in enumerate(self.names)]])


class LessonFigure(QWidget):
    """One :class:`~lstm_studio.lessons.Figure`, redrawn by :meth:`show_figure`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.category_axis = CategoryAxis()
        self.plot_widget = pg.PlotWidget(axisItems={"bottom": self.category_axis})
        self.plot_widget.setMinimumHeight(170)
        self.plot_widget.setMaximumHeight(240)
        self.plot_widget.setMenuEnabled(False)
        self.plot_widget.hideButtons()
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.legend)
        self.figure = None
        self._log = None

    @property
    def plot(self) -> pg.PlotItem:
        return self.plot_widget.getPlotItem()

    def _set_axes(self, log: bool) -> None:
        if log != self._log:
            self._log = log
            self.plot.setAxisItems({"left": PowerAxis("left") if log else pg.AxisItem("left")})

    def show_figure(self, figure) -> None:
        """Draw ``figure`` (items are replaced: a figure has a handful of them)."""
        self.figure = figure
        plot = self.plot
        plot.clear()
        self._set_axes(figure.log)
        plot.setTitle(translated(figure.title), size=scaled_points(9))
        plot.setLabel("left", translated(figure.y_label))
        names = []
        if figure.kind == "bars":
            count = len(figure.series)
            width = BAR_GROUP_WIDTH / max(count, 1)
            floor = self._bar_floor(figure)
            for k, series in enumerate(figure.series):
                y = log_values(series.y) if figure.log else np.asarray(series.y, dtype=float)
                y = np.where(np.isfinite(y), y, floor)
                x = np.asarray(series.x, dtype=float) - BAR_GROUP_WIDTH / 2 + (k + 0.5) * width
                plot.addItem(pg.BarGraphItem(x=x, y0=floor, height=y - floor, width=width * 0.9,
                                             brush=pg.mkColor(series_color(k))))
                names.append((translated(series.name), series_color(k)))
            plot.setLabel("bottom", "")
            plot.setXRange(-0.6, len(figure.categories) - 0.4, padding=0)
            self.category_axis.set_names(translated(name) for name in figure.categories)
        else:
            self.category_axis.set_names([])
            plot.setLabel("bottom", translated(figure.x_label))
            for k, series in enumerate(figure.series):
                y = log_values(series.y) if figure.log else np.asarray(series.y, dtype=float)
                pen = pg.mkPen(series_color(k), width=scaled(2))
                plot.plot(np.asarray(series.x, dtype=float), y, pen=pen, connect="finite")
                names.append((translated(series.name), series_color(k)))
            plot.enableAutoRange()
        self.legend.setText("  ".join(
            f"<span style='color: rgb{tuple(color)}'>■</span> {name}" for name, color in names))

    @staticmethod
    def _bar_floor(figure) -> float:
        """Where bars start: 0, or for log scales one decade below the smallest bar."""
        if not figure.log:
            return 0.0
        logs = np.concatenate([log_values(series.y) for series in figure.series])
        finite = logs[np.isfinite(logs)]
        return float(np.floor(finite.min()) - 1) if finite.size else 0.0
