"""Gates panel: one units × time heatmap per gate of the selected layer and direction."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from lstm_studio.app.panels.plots.colours import activation_colormap
from lstm_studio.app.panels.plots.scales import scaled_levels
from lstm_studio.app.panels.plots.time_panel import TimePanel
from lstm_studio.engine import GATE_ACTIVATION, GATES

ACTIVATION_SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU"}


def grid_columns(gate_count: int) -> int:
    """2×2 for four gates, a single row otherwise."""
    return 2 if gate_count == 4 else gate_count


def gate_source(view: tuple[int, int], pre: bool, gate: str):
    """What a gate heatmap draws of an evaluation: (a key naming it, a function computing it
    from any evaluation, as :meth:`Heatmap.set_values` takes)."""
    layer, direction = view
    field = "preactivations" if pre else "gates"

    def values(evaluation):
        return getattr(evaluation.trace.layer(layer, direction), field)[gate][:, 0]

    return ("gates", layer, direction, field, gate), values


class GatesPanel(TimePanel):
    """Gate activations (or pre-activations) of batch sample 0, units × time, one map per gate."""

    def setup(self):
        self.setToolTip(self.tr(
            "Gate values of the selected layer and direction: one heatmap per gate, "
            "units down, time steps across. Click a cell to select its unit and time step."))
        self.preactivation_box = QCheckBox(self.tr("pre-activations"), self)
        self.preactivation_box.setToolTip(self.tr(
            "Show the argument of each gate's nonlinearity (W·x + W·h + b) instead of its output"))
        self.preactivation_box.toggled.connect(self.refresh)
        self.header.insertWidget(1, self.preactivation_box)
        self.colour_scale_box = self.add_colour_scale_box()
        self.heatmaps = {}

    def gate_name(self, gate: str) -> str:
        names = {
            "i": self.tr("input gate"),
            "f": self.tr("forget gate"),
            "g": self.tr("candidate cell input"),
            "o": self.tr("output gate"),
            "r": self.tr("reset gate"),
            "z": self.tr("update gate"),
            "n": self.tr("candidate state"),
            "a": self.tr("activation h_t"),
        }
        return names[gate]

    def build(self):
        kind = self.model.config.kind
        gates = GATES[kind]
        columns = grid_columns(len(gates))
        self.heatmaps = {}
        for index, gate in enumerate(gates):
            symbol = ACTIVATION_SYMBOLS[GATE_ACTIVATION[kind][gate]]
            title = "{0} — {1}\u2003{2}".format(gate, self.gate_name(gate), symbol)
            heatmap = self.axes.heatmap(index // columns, index % columns, title, gate, reuse=True)
            heatmap.set_shape(self.model.config.seq_len, self.model.config.hidden_size)
            self.heatmaps[gate] = heatmap

    def plots_key(self):
        """The gates (and their titles) are the kind's."""
        return self.model.config.kind

    def reshape_plots(self):
        config = self.model.config
        for heatmap in self.heatmaps.values():
            heatmap.set_shape(config.seq_len, config.hidden_size)

    def update_values(self):
        kind = self.model.config.kind
        layer = self.model.selected_layer_trace()
        view = (self.model.view.layer, self.model.view.direction)
        pre = self.preactivation_box.isChecked()
        arrays = layer.preactivations if pre else layer.gates
        for gate, heatmap in self.heatmaps.items():
            values = arrays[gate][:, 0]
            activation = "linear" if pre else GATE_ACTIVATION[kind][gate]
            heatmap.value_name = self.tr("{0} pre-activation").format(gate) if pre else gate
            heatmap.set_values(values, scaled_levels(activation, values, self.model.view.colour_scale),
                               activation_colormap(activation), source=gate_source(view, pre, gate))
        what = self.tr("Gate pre-activations") if pre else self.tr("Gate activations")
        caption = self.layer_caption()
        self.info.setText(self.tr("{0}, batch sample 0{1}").format(
            what, " · " + caption if caption else ""))


if __name__ == "__main__":
    from lstm_studio.app.panels.preview import preview

    preview(GatesPanel)
