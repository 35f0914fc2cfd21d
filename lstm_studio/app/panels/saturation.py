"""Gate saturation over the whole text (Karpathy, Johnson & Fei-Fei 2015, "Visualizing and
Understanding Recurrent Networks", fig. 3), issue 15.

One plot per layer (and direction): every unit of every σ gate is a point at (fraction of the
text's characters at which it is left-saturated, below 0.1; fraction at which it is
right-saturated, above 0.9), from the model's run over the whole text
(:meth:`SessionModel.text_run`). A gate near the top left is nearly always open (a forget gate
there keeps its cell: a long memory); near the bottom right nearly always shut; near the origin
it works in its middle range; points can only lie below the diagonal x + y = 1. A click on a
point selects its unit everywhere; the selected unit's points are ringed.
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from lstm_studio.app.panels.plots.colours import HIGHLIGHT_COLOR, foreground, series_color
from lstm_studio.app.panels.plots.items import discard
from lstm_studio.app.panels.plots.time_panel import direction_name
from lstm_studio.app.panels.plots.time_plot import set_title
from lstm_studio.app.panels.text_view import schedule
from lstm_studio.app.widgets import LiveText, RefreshWhenSeen
from lstm_studio.engine import GATE_ACTIVATION, GATES
from lstm_studio.session.text_run import LEFT_SATURATED, RIGHT_SATURATED, sigmoid_gates

Area = Qt.DockWidgetArea

GATE_COLOURS = {"i": series_color(0), "f": series_color(2), "o": series_color(1), "r": series_color(3),
                "z": series_color(4)}
"""One colour per σ gate, the same in every plot."""
POINT_SIZE = 8


class SaturationPanel(RefreshWhenSeen, QWidget):
    """Scatter plots of left- against right-saturation of every σ gate unit over the text."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.setToolTip(self.tr(
            "How often each gate unit is saturated over the whole text (Karpathy et al. 2015, fig. 3): "
            "each point is one unit of one σ gate, at the fraction of characters where the gate is "
            "below 0.1 (left-saturated, nearly shut) across and above 0.9 (right-saturated, nearly "
            "open) up. Click a point to select its unit."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.info = LiveText(parent=self, wrap=True)
        layout.addWidget(self.info)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumHeight(160)
        layout.addWidget(self.graphics, 1)
        self.hover = LiveText(parent=self, wrap=True)
        layout.addWidget(self.hover)
        self.plots = {}  # (layer, direction) -> PlotItem
        self.scatters = {}  # (layer, direction, gate) -> ScatterPlotItem
        self.rings = {}  # (layer, direction) -> ScatterPlotItem of the selected unit
        self.fractions = {}
        self._shape = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh_or_defer)
        for signal in (model.evaluationChanged, model.documentReplaced, model.structureChanged,
                       model.textRunChanged):
            signal.connect(self.schedule)
        model.selectionChanged.connect(self._show_selection)
        self.refresh()

    def schedule(self, *_args) -> None:
        schedule(self._timer, self.model.training)

    # -- plots -------------------------------------------------------------------------------------
    def _build(self, run) -> None:
        for plot in self.plots.values():
            self.graphics.removeItem(plot)
            discard(plot)
        self.graphics.clear()
        self.plots, self.scatters, self.rings = {}, {}, {}
        self._shape = None if run is None else (run.kind, run.num_layers, run.num_directions, run.hidden_size)
        if run is None or not sigmoid_gates(run.kind):
            return
        keys = run.keys()
        columns = 1 if len(keys) == 1 else 2
        for index, key in enumerate(keys):
            layer, direction = key
            plot = self.graphics.addPlot(row=index // columns, col=index % columns)
            title = [self.tr("layer {0}").format(layer + 1)] if run.num_layers > 1 else []
            title += [direction_name(direction)] if run.num_directions > 1 else []
            set_title(plot, " · ".join(title) or self.tr("Gate saturation"))
            plot.setLabel("bottom", html.escape(self.tr("fraction left-saturated (σ < {0})").format(LEFT_SATURATED)))
            plot.setLabel("left", html.escape(self.tr("fraction right-saturated (σ > {0})").format(RIGHT_SATURATED)))
            plot.setXRange(-0.02, 1.02, padding=0)
            plot.setYRange(-0.02, 1.02, padding=0)
            plot.setMouseEnabled(x=False, y=False)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.plot([0, 1], [1, 0], pen=pg.mkPen(foreground(110), width=1, style=Qt.PenStyle.DashLine))
            legend = plot.addLegend(offset=(-6, 6), labelTextSize="8pt")
            for gate in sigmoid_gates(run.kind):
                scatter = pg.ScatterPlotItem(size=POINT_SIZE, pen=pg.mkPen(foreground(160), width=0.6),
                                             brush=pg.mkBrush(*GATE_COLOURS.get(gate, series_color(5)), 200),
                                             hoverable=True, tip=self._tip)
                scatter.sigClicked.connect(self._clicked)
                plot.addItem(scatter)
                legend.addItem(scatter, self.gate_title(gate))
                self.scatters[(layer, direction, gate)] = scatter
            ring = pg.ScatterPlotItem(size=POINT_SIZE + 8, pen=pg.mkPen(HIGHLIGHT_COLOR, width=2.5),
                                      brush=pg.mkBrush(None))
            ring.setZValue(10)
            plot.addItem(ring)
            self.rings[key] = ring
            self.plots[key] = plot

    def gate_title(self, gate: str) -> str:
        return {"i": self.tr("i — input gate"), "f": self.tr("f — forget gate"), "o": self.tr("o — output gate"),
                "r": self.tr("r — reset gate"), "z": self.tr("z — update gate")}.get(gate, gate)

    def refresh(self) -> None:
        self._timer.stop()
        run = self.model.text_run()
        shape = None if run is None else (run.kind, run.num_layers, run.num_directions, run.hidden_size)
        if shape != self._shape or not self.plots and run is not None and sigmoid_gates(run.kind):
            self._build(run)
        if run is None:
            self.fractions = {}
            if self.model.text_run_pending:
                self.info.setText(self.tr("Reading the text… Gate saturation is shown when the network's "
                                          "run over the text, computed in the background, is ready."))
            else:
                self.info.setText(self.tr("Gate saturation is measured over the text of a next-character "
                                          "session; this session has no text."))
            return
        if not sigmoid_gates(run.kind):
            self.fractions = {}
            self.info.setText(self.tr("This network has no σ gates to saturate (its only nonlinearity is "
                                      "the activation {0}).").format(GATE_ACTIVATION[run.kind][GATES[run.kind][0]]))
            return
        self.fractions = run.gate_saturation
        for (layer, direction, gate), (left, right) in self.fractions.items():
            data = [(layer, direction, unit, gate) for unit in range(run.hidden_size)]
            self.scatters[(layer, direction, gate)].setData(x=left, y=right, data=data)
        extent = self.tr("the first {0} of {1} characters").format(f"{len(run.text):,}", f"{run.total:,}") \
            if len(run.text) < run.total else self.tr("all {0} characters").format(f"{len(run.text):,}")
        self.info.setText(self.tr(
            "Each point is one unit of one σ gate over {0} of the text: how often it is nearly shut "
            "(across) and nearly open (up). Top left: nearly always open (a forget gate there keeps its "
            "cell); bottom right: nearly always shut; near 0, 0: in its middle range. Click a point to "
            "select its unit.").format(extent))
        self._show_selection()

    def _show_selection(self) -> None:
        view = self.model.view
        if any(view.unit >= len(fractions[0]) for fractions in self.fractions.values()):
            self.schedule()  # the sizes changed: the refresh that follows shows the selection
            return
        for (layer, direction), ring in self.rings.items():
            points = [(self.fractions[(layer, direction, gate)][0][view.unit],
                       self.fractions[(layer, direction, gate)][1][view.unit])
                      for gate in sigmoid_gates(self.model.config.kind)
                      if (layer, direction) == (view.layer, view.direction)
                      and (layer, direction, gate) in self.fractions]
            ring.setData(pos=points) if points else ring.setData(x=[], y=[])

    def _tip(self, x, y, data) -> str:
        layer, direction, unit, gate = data
        return self.tr("{0} of unit {1}: left-saturated {2} %, right-saturated {3} %").format(
            self.gate_title(gate), unit, f"{100 * x:.0f}", f"{100 * y:.0f}")

    def _clicked(self, _item, points, _event=None) -> None:
        if len(points):
            layer, direction, unit, gate = points[0].data()
            self.model.set_selection(layer=layer, direction=direction, unit=unit)
            self.hover.setText(self._tip(points[0].pos().x(), points[0].pos().y(), points[0].data()))


def install(window) -> None:
    """Add the saturation plot as a tab beside the cell diagram (``window.saturation``)."""
    panel = SaturationPanel(window.model)
    window.saturation = panel
    window.add_dock("saturation", QCoreApplication.translate("SaturationPanel", "Gate saturation"), panel, Area.RightDockWidgetArea,
                    beside="cell_diagram")
