"""Cell diagram panel: the cell of the current kind drawn as a textbook (colah-style) diagram.

Every block, node and state shows its value at the current time step for the selected unit — or,
in bars mode, a small bar chart of all units — colour-coded by its range (sigmoid 0..1, tanh −1..1,
unbounded values through tanh). Moving the time step or the selection only re-reads rows of the
trace (:func:`step_rows`); a new kind rebuilds the drawing (:mod:`~lstm_studio.app.panels.cell_drawing`).

The presentation scale (View ▸ Zoom In) widens its lines and enlarges its texts; a text that
would no longer fit its box or node is shrunk into it, so the drawing keeps its layout.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.app.panels.cell_drawing import CellDrawing
from lstm_studio.app.panels.diagram_items import OpNode, ValueBox, Wire, _tooltip, format_value
from lstm_studio.app.theme import scale_source
from lstm_studio.app.widgets import LiveText, RefreshWhenSeen

SCENE_RECT = QRectF(0, 0, 740, 450)
"""Every kind is drawn in the same scene rectangle, so text keeps one size across kinds."""


# -- what the diagram shows at one step --------------------------------------------------------
def step_rows(layer_trace, t: int) -> dict[str, np.ndarray]:
    """Every quantity the diagram shows at true time ``t``, each a row (H,) (``"x"``: (I,)).

    Keys: ``x``, ``h_prev``, ``h``, each gate name and ``pre_<gate>``; LSTM kinds add ``c_prev``,
    ``c``, ``tanh_c``, ``i_g`` = i⊙g and (with a forget gate) ``f_c`` = f⊙c_prev; GRU adds ``hn`` = W_hn h_prev + b_hn,
    ``r_hn``, ``one_minus_z``, ``z_h`` = z⊙h_prev, ``zn`` = (1−z)⊙n. The previous state is
    ``h_{t+1}`` for the reverse direction, and h0/c0 at the first processed step.
    """
    lt = layer_trace
    steps = lt.h.shape[0]
    prev = t - 1 if lt.direction == 0 else t + 1
    first = not 0 <= prev < steps
    rows = {
        "x": lt.x[t, 0],
        "h": lt.h[t, 0],
        "h_prev": lt.h0[0] if first else lt.h[prev, 0],
    }
    rows.update({gate: values[t, 0] for gate, values in lt.gates.items()})
    rows.update({"pre_" + gate: values[t, 0] for gate, values in lt.preactivations.items()})
    with np.errstate(all="ignore"):
        if lt.c is not None:
            rows["c"] = lt.c[t, 0]
            rows["c_prev"] = lt.c0[0] if first else lt.c[prev, 0]
            rows["tanh_c"] = np.tanh(rows["c"])
            if "f" in rows:
                rows["f_c"] = rows["f"] * rows["c_prev"]
            rows["i_g"] = rows["i"] * rows["g"]
        elif "z" in rows:
            rows["hn"] = lt.extras["hn"][t, 0]
            rows["r_hn"] = rows["r"] * rows["hn"]
            rows["one_minus_z"] = 1.0 - rows["z"]
            rows["z_h"] = rows["z"] * rows["h_prev"]
            rows["zn"] = rows["one_minus_z"] * rows["n"]
    return rows



# -- the panel ---------------------------------------------------------------------------------
class CellDiagramPanel(RefreshWhenSeen, CellDrawing, QWidget):
    """The cell of the current kind as a textbook diagram with live values for one unit."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.setToolTip(self.tr(
            "The recurrent cell as a diagram: gates (σ, tanh), element-wise products (⊙) and sums "
            "(+), with the values of the selected unit at the current time step. Hover a block "
            "for its equation."))
        self.blocks: dict[str, ValueBox] = {}
        self.badges: dict[str, ValueBox] = {}
        self.nodes: dict[str, OpNode] = {}
        self.peepholes: dict[str, Wire] = {}
        self.cell_line: Wire | None = None
        self.kind: str | None = None
        self._direction_drawn: int | None = None

        self.caption = QLabel()
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.step_label = LiveText()
        self.step_label.setToolTip(self.tr("The time step whose values are shown."))
        self.unit_spin = QSpinBox()
        self.unit_spin.setPrefix(self.tr("unit "))
        self.unit_spin.setToolTip(self.tr("Hidden unit whose values are written on the diagram (0-based)."))
        self.unit_spin.valueChanged.connect(lambda unit: self.model.set_selection(unit=unit))
        self.layer_spin = QSpinBox()
        self.layer_spin.setPrefix(self.tr("layer "))
        self.layer_spin.setToolTip(self.tr("Layer whose cell is shown (1 is closest to the input)."))
        self.layer_spin.valueChanged.connect(lambda layer: self.model.set_selection(layer=layer - 1))
        self.direction_combo = QComboBox()
        self.direction_combo.addItems([self.tr("forward"), self.tr("reverse")])
        self.direction_combo.setToolTip(self.tr("Direction of a bidirectional network."))
        self.direction_combo.currentIndexChanged.connect(
            lambda direction: self.model.set_selection(direction=direction))
        self.bars_check = QCheckBox(self.tr("All units"))
        self.bars_check.setToolTip(self.tr("Show a small bar chart of every unit in each block "
                                           "instead of the selected unit's number."))
        self.bars_check.toggled.connect(self.refresh)

        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 2)
        bar.setSpacing(8)
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.step_label)
        for widget in (self.layer_spin, self.direction_combo, self.unit_spin, self.bars_check):
            bar.addWidget(widget)

        self.scene = QGraphicsScene(self)
        self.scene.setSceneRect(SCENE_RECT)
        # numbers change width on every step: no BSP index to keep up to date for so few items
        self.scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.view.setMinimumSize(240, 150)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        model.structureChanged.connect(self._structure_changed)  # (after every documentReplaced too)
        model.evaluationChanged.connect(self.refresh_for_result)
        model.timeStepChanged.connect(self.refresh_or_defer)
        model.selectionChanged.connect(self._selection_changed)
        scale_source().changed.connect(self._rescale)
        self.rebuild()

    # -- Qt events -------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        """Large enough for the diagram's text to stay readable."""
        return QSize(640, 430)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.rebuild()

    def _rescale(self, _scale: float) -> None:
        """A new presentation scale: drawn again with its line widths and text sizes."""
        self.rebuild()

    def _fit(self) -> None:
        self.view.fitInView(SCENE_RECT, Qt.AspectRatioMode.KeepAspectRatio)

    # -- building ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        """After a language switch: every label and tooltip is drawn again in the new language."""
        self.rebuild()

    def drawing_key(self) -> tuple:
        """What the drawing depends on: the kind, the direction (t−1 or t+1) and the input (its
        channels, drawn as bars); other sizes only change the values and the controls."""
        config = self.model.config
        return config.kind, self.model.view.direction, config.input_size, config.embedding_size

    def _structure_changed(self) -> None:
        if self.drawing_key() != self._drawn_key:
            self.rebuild()
        else:
            self._sync_controls()
            self.refresh_for_result()

    def rebuild(self) -> None:
        """Draw the cell of the current kind from scratch, then show the current values."""
        config = self.model.config
        self._drawn_key = self.drawing_key()
        self.kind = config.kind
        self._direction_drawn = self.model.view.direction
        self.scene.clear()
        self.blocks, self.badges, self.nodes, self.peepholes = {}, {}, {}, {}
        self.cell_line = None
        self._colours = self._palette_colours()
        self._texts = self._translated_texts()
        prev = "t+1" if self._direction_drawn == 1 else "t−1"
        self._cell_box()
        self._legend()
        if config.has_cell_state:
            self._draw_lstm(prev, peephole=config.kind == "peephole_lstm",
                            forget=config.kind != "lstm_nofg")
        elif config.kind == "gru":
            self._draw_gru(prev)
        else:
            self._draw_rnn(prev, relu=config.kind == "rnn_relu")
        self._sync_controls()
        self.refresh()

    def _palette_colours(self) -> dict:
        palette = self.palette()
        box = QColor(palette.color(QPalette.ColorRole.Mid))
        box.setAlpha(45)
        return {
            "line": palette.color(QPalette.ColorRole.Text),
            "text": palette.color(QPalette.ColorRole.Text),
            "base": palette.color(QPalette.ColorRole.Base),
            "node": palette.color(QPalette.ColorRole.Base),
            "mid": palette.color(QPalette.ColorRole.Mid),
            "box": box,
        }

    def _translated_texts(self) -> dict[str, str]:
        return {
            "i": self.tr("input gate"),
            "f": self.tr("forget gate"),
            "g": self.tr("candidate cell input"),
            "o": self.tr("output gate"),
            "r": self.tr("reset gate"),
            "z": self.tr("update gate"),
            "n": self.tr("candidate hidden state"),
            "hn": self.tr("recurrent part of the candidate"),
            "a": self.tr("hidden state"),
            "argument": self.tr("argument of the nonlinearity: {0}"),
            "unit_value": self.tr("unit {0}: {1} (click to select)"),
            "channel": self.tr("channel {0}: {1}"),
            "tanh_c": self.tr("squashed cell state"),
            "f_c": self.tr("kept part of the old cell state"),
            "i_g": self.tr("written part of the candidate"),
            "c_sum": self.tr("new cell state"),
            "h_out": self.tr("new hidden state"),
            "r_hn": self.tr("reset recurrent part"),
            "one_minus_z": self.tr("share of the candidate"),
            "z_h": self.tr("kept part of the old hidden state"),
            "zn": self.tr("written part of the candidate"),
            "x": self.tr("input"),
            "h_prev": self.tr("previous hidden state"),
            "c_prev": self.tr("previous cell state"),
            "h": self.tr("hidden state (output of the cell)"),
            "c": self.tr("cell state"),
            "value": self.tr("value {0} (unit {1}, t = {2})"),
            "values": self.tr("{0} values at t = {1}"),
            "peephole": self.tr("peephole connection"),
            "peephole_weight": self.tr("weight {0} (unit {1})"),
            "caption": self.tr("{0} cell"),
            "rnn_tanh": self.tr("RNN (tanh)"),
            "rnn_relu": self.tr("RNN (ReLU)"),
            "lstm": self.tr("LSTM"),
            "gru": self.tr("GRU"),
            "peephole_lstm": self.tr("Peephole LSTM"),
            "lstm_nofg": self.tr("LSTM without forget gate (1997)"),
            "no_forget": self.tr("no forget gate: {0} passes unchanged"),
            "layer": self.tr("layer {0}"),
        }

    # -- values ------------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        if self.model.view.direction != self._direction_drawn:
            self.rebuild()
        else:
            self._sync_controls()
            self.refresh()

    def _sync_controls(self) -> None:
        config, view = self.model.config, self.model.view
        for widget, maximum, value in ((self.unit_spin, config.hidden_size - 1, view.unit),
                                       (self.layer_spin, config.num_layers, view.layer + 1)):
            widget.blockSignals(True)
            widget.setRange(1 if widget is self.layer_spin else 0, maximum)
            widget.setValue(value)
            widget.blockSignals(False)
        self.direction_combo.blockSignals(True)
        self.direction_combo.setCurrentIndex(view.direction)
        self.direction_combo.blockSignals(False)
        self.layer_spin.setVisible(config.num_layers > 1)
        self.direction_combo.setVisible(config.bidirectional)
        caption = self._texts["caption"].format(self._texts[config.kind])
        if config.num_layers > 1:
            caption += " · " + self._texts["layer"].format(view.layer + 1)
        if config.bidirectional:
            caption += " · " + self.direction_combo.currentText()
        self.caption.setText(caption)
        self.caption.setToolTip(caption)

    def refresh(self) -> None:
        """Re-read the trace at the current step and write the values on the existing items."""
        view = self.model.view
        t, unit, bars = view.time_step, view.unit, self.bars_check.isChecked()
        step = t + 1  # what the user reads: t = 1..T, as the course notes count
        self.step_label.setText(self.tr("t = {0}").format(step))
        rows = step_rows(self.model.selected_layer_trace(), t)
        value_text, values_text = self._texts["value"], self._texts["values"]
        argument_text = self._texts["argument"]
        for item in (*self.blocks.values(), *self.badges.values(), *self.nodes.values()):
            values = rows[item.quantity]
            if item.per_unit:
                line = value_text.format(format_value(float(values[unit])), unit, step)
                argument = rows.get("pre_" + item.quantity)
                if argument is not None:
                    line += "<br>" + argument_text.format(format_value(float(argument[unit])))
            else:
                line = values_text.format(
                    values.size, step) + "<br>" + ", ".join(format_value(v) for v in values[:8].tolist())
            item.set_values(values, unit, bars, line)
        if self.peepholes:
            self._refresh_peepholes(unit)

    def _refresh_peepholes(self, unit: int) -> None:
        view = self.model.view
        suffix = f"_l{view.layer}" + ("_reverse" if view.direction else "")
        parameters = self.model.evaluated_document.parameters  # the weights of the values shown
        for wire in self.peepholes.values():
            weight = parameters[f"weight_{wire.weight_name}{suffix}"][unit]
            wire.weight = float(weight)
            wire.setToolTip(_tooltip(self._texts["peephole"], wire.equation,
                                     self._texts["peephole_weight"].format(format_value(wire.weight), unit)))


def _preview() -> None:  # pragma: no cover - manual look at the panel
    import sys

    from PySide6.QtWidgets import QApplication

    from lstm_studio.session.model import SessionModel

    app = QApplication.instance() or QApplication(sys.argv)
    model = SessionModel()
    kind = sys.argv[1] if len(sys.argv) > 1 else "lstm"
    with model.changes():
        model.set_config(kind=kind)
        steps = model.config.seq_len
        model.set_inputs(np.sin(np.linspace(0, 3 * np.pi, steps))[:, None])
    model.set_time_step(5)
    panel = CellDiagramPanel(model)
    panel.resize(700, 450)
    panel.show()
    app.exec()


if __name__ == "__main__":  # pragma: no cover
    _preview()
