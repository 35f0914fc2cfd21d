"""States panel: cell state c_t (LSTM kinds) and hidden state h_t as heatmaps and unit curves.

Colours: h is bounded by ±1 in every kind but the ReLU RNN (h = o⊙tanh(c) in LSTMs, a mix of
tanh values in a GRU, tanh in the tanh RNN), so under the "fixed" colour scale its heatmap keeps
−1..1 — a hidden state of 0.001 behind a shut output gate looks faint, as it is. The cell state c
and a ReLU RNN's h are unbounded and always fitted to the data.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from lstm_studio.app.panels.plots.colours import DIVERGING_MAP, HIGHLIGHT_COLOR, foreground
from lstm_studio.app.panels.plots.curves import MAX_FAINT_CURVES
from lstm_studio.app.panels.plots.heatmap import pixel_bin_size
from lstm_studio.app.panels.plots.scales import bounded_levels, finite_range, symmetric_levels
from lstm_studio.app.panels.plots.time_panel import TimePanel
from lstm_studio.app.panels.plots.time_plot import set_title
from lstm_studio.engine import GATE_ACTIVATION


def hidden_is_bounded(kind: str) -> bool:
    """Whether h_t lies in −1..1 for network ``kind``: all but the ReLU RNN (see the module
    docstring; a GRU leaves it only when started from |h0| > 1)."""
    return GATE_ACTIVATION[kind].get("a", "tanh") == "tanh"


def bundle_points(values: np.ndarray, steps_per_bin: int) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) of the curves ``values`` (T, K) drawn ``steps_per_bin`` steps to a pixel: per bin of
    steps, each curve's lowest value at the bin's first step and its highest at its last, so
    that each pixel column covers exactly what the full curves cover there (extremes stay, as in
    pyqtgraph's "peak" downsampling). All steps, as they are, when they fit (1 per bin)."""
    steps = values.shape[0]
    if steps_per_bin <= 1:
        return np.arange(steps, dtype=float), values
    starts = np.arange(0, steps, steps_per_bin)
    with np.errstate(invalid="ignore"):
        low = np.minimum.reduceat(values, starts, axis=0)
        high = np.maximum.reduceat(values, starts, axis=0)
    x = np.empty(2 * len(starts))
    x[0::2], x[1::2] = starts, np.minimum(starts + steps_per_bin, steps) - 1
    y = np.empty((2 * len(starts), values.shape[1]))
    y[0::2], y[1::2] = low, high
    return x, y


def faint_units(hidden_size: int) -> np.ndarray:
    """Units drawn faintly behind the selected one (all of them, or an even subsample)."""
    return np.unique(np.linspace(0, hidden_size - 1, min(hidden_size, MAX_FAINT_CURVES)).astype(int))


class StateView:
    """One state (c or h): a units × time heatmap above curves of the selected unit and others."""

    def __init__(self, panel: "StatesPanel", column: int, symbol: str, name: str,
                 bounded: bool = False, field: str = "h"):
        self.symbol = symbol
        self.name = field
        """The trace's name of this state ("c" or "h")."""
        self.panel = panel
        self.bounded = bounded
        """Whether the values lie in −1..1 (then the "fixed" colour scale keeps that range)."""
        axes, config = panel.axes, panel.model.config
        self.heatmap = axes.heatmap(0, column, "{0} — {1}".format(symbol, name), symbol, reuse=True)
        self.lines = axes.curves(1, column, "", symbol)
        self.others = self.lines.add_bundle(
            QCoreApplication.translate("StatesPanel", "other units"), foreground(60))
        self.selected = self.lines.add_curve(symbol, HIGHLIGHT_COLOR, width=2.5)
        self.others_bins = 1
        self.reshape(config)
        self.lines.view.sigResized.connect(self._resized)

    def move_to(self, column: int) -> None:
        """Into grid column ``column`` (the panel arranges its plots next)."""
        self.heatmap.grid, self.lines.grid = (0, column), (1, column)

    def reshape(self, config) -> None:
        """Fit to ``config``'s steps and units (values drawn at the next :meth:`set_values`)."""
        self.heatmap.set_shape(config.seq_len, config.hidden_size)
        self.faint = faint_units(config.hidden_size)
        self.values = np.zeros((config.seq_len, config.hidden_size))
        self.unit = None

    def set_values(self, values: np.ndarray) -> None:
        """Store (T, H) values; redraw heatmap, bundle and highlighted curve."""
        self.values = values
        scale = self.panel.model.view.colour_scale
        source = self.source()
        extremes = self.heatmap.magnitude_values(values, source)  # both levels use max|v| only
        levels = bounded_levels(extremes, scale) if self.bounded else symmetric_levels(extremes)
        self.heatmap.set_values(values, levels, DIVERGING_MAP, source=source)
        self.show_others()
        self.set_unit(self.panel.model.view.unit)
        self.lines.fit_y(self.value_range())

    def show_others(self) -> None:
        """The faint curves of other units: all steps at most a point pair per pixel when the
        panel shows every step (:func:`bundle_points`), step by step in "reveal" mode (a bin
        must not show steps after the cursor)."""
        values, shown = self.values, self.panel.axes.visible_steps
        per_bin = self.steps_per_bin()
        self.others_bins = per_bin
        self.others.set_data(*bundle_points(values[:, self.faint], per_bin))
        self.others.show_steps(shown)

    def steps_per_bin(self) -> int:
        """Steps per point pair of the faint curves (see :meth:`show_others`)."""
        steps = self.values.shape[0]
        width = self.lines.view.rect().width()
        whole = self.panel.axes.visible_steps == steps
        return pixel_bin_size(steps, width) if whole else 1

    def _resized(self, *_args) -> None:
        if self.steps_per_bin() != self.others_bins:
            self.show_others()

    def value_range(self):
        """The finite (min, max) of every unit's values (the curves' y range): computed by the
        recompute worker for a background result (asked for here, for the next one), else now."""
        key, values = self.source()

        def value_range(evaluation):
            return finite_range(values(evaluation))

        drawings, key = self.panel.model.drawings, ("range", *key)
        drawings.want(self, key, value_range, None, slot="range")
        return drawings.derived(self.panel.model.evaluation, key, value_range)

    def source(self):
        """What the heatmap draws of an evaluation (a key and a function, see
        :meth:`Heatmap.set_values`): this state of the selected layer and direction."""
        view = self.panel.model.view
        layer, direction, name = view.layer, view.direction, self.name

        def values(evaluation):
            return getattr(evaluation.trace.layer(layer, direction), name)[:, 0]

        return ("states", layer, direction, name), values

    def set_unit(self, unit: int) -> None:
        if unit != self.unit:
            self.unit = unit
            self.selected.name = "{0}[{1}]".format(self.symbol, unit)
            set_title(self.lines.plot, QCoreApplication.translate(
                "StatesPanel", "{0} of unit {1}").format(self.symbol, unit))
        self.selected.set_data(np.arange(self.values.shape[0]), self.values[:, unit])
        self.selected.show_steps(self.panel.axes.visible_steps)


class StatesPanel(TimePanel):
    """Cell state c_t and hidden state h_t of batch sample 0 over time."""

    def setup(self):
        self.setToolTip(self.tr(
            "States of the selected layer and direction: heatmaps of the cell state c_t "
            "(LSTM kinds) and hidden state h_t, units down and time across, with curves of the "
            "selected unit (highlighted) and the other units (faint)."))
        self.views = {}
        self.colour_scale_box = self.add_colour_scale_box()

    def build(self):
        self.views = {}
        if self.model.config.has_cell_state:
            self.views["c"] = self.cell_view()
        self.views["h"] = StateView(self, len(self.views), "h_t", self.tr("hidden state"),
                                    bounded=hidden_is_bounded(self.model.config.kind), field="h")

    def cell_view(self) -> StateView:
        """The cell state's column (LSTM kinds), left of h."""
        return StateView(self, 0, "c_t", self.tr("cell state"), field="c")

    def plots_key(self):
        """The same plots for every kind: the cell state's column comes and goes with it
        (:meth:`reshape_plots`)."""
        return ()

    def reshape_plots(self):
        config, axes = self.model.config, self.axes
        h = self.views["h"]
        h.bounded = hidden_is_bounded(config.kind)
        if config.has_cell_state != ("c" in self.views):
            if config.has_cell_state:
                c = self.cell_view()  # its plots first, as a build makes them
                axes.plots = [c.heatmap, c.lines] + [p for p in axes.plots if p not in (c.heatmap, c.lines)]
                self.views = {"c": c, "h": h}
            else:
                c = self.views.pop("c")
                axes.remove(c.heatmap)
                axes.remove(c.lines)
            h.move_to(len(self.views) - 1)
            axes.arrange(force=True)
            axes.measure_minimum()
        for view in self.views.values():
            view.reshape(config)

    def update_values(self):
        layer = self.model.selected_layer_trace()
        for name, view in self.views.items():
            view.set_values(getattr(layer, name)[:, 0])
        caption = self.layer_caption()
        self.info.setText(self.tr("States, batch sample 0{0}").format(
            " · " + caption if caption else ""))

    def _display_mode_changed(self, mode: str) -> None:
        super()._display_mode_changed(mode)
        for view in self.views.values():  # binned steps in "whole", every step in "reveal"
            view.show_others()

    def unit_changed(self, unit):
        for view in self.views.values():
            view.set_unit(unit)


if __name__ == "__main__":
    from lstm_studio.app.panels.preview import preview

    preview(StatesPanel)
