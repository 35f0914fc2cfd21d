"""Weight editor: one gate block of a parameter matrix as a heatmap with a symmetric colour scale;
click a cell to select a weight, then change it by spin box, slider or mouse wheel; whole-matrix
actions (scale, zero, identity, re-initialise, set a gate's bias).

Every edit is one command on the undo stack; a slider drag or a run of wheel steps is one merged
command. The slider path is lean: one command push, one model recompute, then ``setImage`` on the
existing image item (nothing is rebuilt).
"""

from __future__ import annotations

import itertools

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGraphicsRectItem,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.app.editors.commands import (
    MERGE_WEIGHT_DRAG,
    GestureCommand,
    ModelSettingCommand,
    SetArrayCommand,
)
from lstm_studio.app.theme import scaled
from lstm_studio.app.widgets import CommandEditorMixin, NarrowSpinBox, RefreshWhenSeen, blocked, scrolling
from lstm_studio.engine import EMBEDDING
from lstm_studio.session import presets
from lstm_studio.session.document import VALUE_LIMIT
from lstm_studio.session.presets import MatrixRef

MARKER_COLOUR = "#00b400"
"""Green: not in the blue-white-red colour map, visible on light and dark backgrounds."""
SLIDER_STEPS = 1000
"""Slider positions on each side of zero."""
MIN_MATRIX_HEIGHT = 180
"""Pixels (at the normal scale) the matrix's heatmap keeps however short its dock: its cells are
clicked and turned with the wheel (the editor scrolls to the controls below)."""


class _HeatmapImage(pg.ImageItem):
    """The matrix image; reports clicks and wheel turns as (row, column) cells."""

    cellClicked = Signal(int, int)
    wheelTurned = Signal(int, int, int)  # row, column, steps (+ up)

    def _cell(self, pos) -> tuple[int, int] | None:
        image = self.image
        if image is None:
            return None
        row, column = int(np.floor(pos.y())), int(np.floor(pos.x()))
        if 0 <= row < image.shape[0] and 0 <= column < image.shape[1]:
            return row, column
        return None

    def mouseClickEvent(self, ev):  # noqa: N802 - pyqtgraph's name
        cell = self._cell(ev.pos())
        if ev.button() == Qt.MouseButton.LeftButton and cell is not None:
            ev.accept()
            self.cellClicked.emit(*cell)

    def wheelEvent(self, ev):  # noqa: N802 - Qt's name
        cell = self._cell(ev.pos())
        if cell is None:
            ev.ignore()
            return
        ev.accept()
        if ev.delta():  # a touchpad's scroll begins and ends with events that turn nothing
            self.wheelTurned.emit(*cell, 1 if ev.delta() > 0 else -1)


def checked_result(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``arrays`` if every value is finite and within ±1e6, else ValueError saying nothing changed."""
    for value in arrays.values():
        if not np.all(np.isfinite(value)) or (value.size and np.max(np.abs(value)) > VALUE_LIMIT):
            raise ValueError(QCoreApplication.translate(
                "WeightEditor", "The result would leave the allowed range ±1e6: nothing was changed."))
    return arrays


def parameters_command(model, text: str, new: dict[str, np.ndarray]) -> ModelSettingCommand:
    """One undoable change of several network parameters; ValueError (nothing pushed) if out of range."""
    new = checked_result(new)
    old = {name: model.document.parameters[name].copy() for name in new}
    return ModelSettingCommand(text, model.set_parameters, old, new)


class WeightEditor(RefreshWhenSeen, CommandEditorMixin, QWidget):
    """Edits the network and read-out weights of the session through ``undo_stack``.

    Signals ``errorOccurred(message)`` when an action is refused.
    """

    errorOccurred = Signal(str)

    def __init__(self, model, undo_stack, parent=None):
        super().__init__(parent)
        self.model, self.undo_stack = model, undo_stack
        self.refs: list[MatrixRef] = []
        self.cell: tuple[int, int] = (0, 0)
        self.slider_range = 1.0
        self._gestures = itertools.count()
        self._slider_gesture = next(self._gestures)
        self._wheel_gesture = next(self._gestures)
        self.setToolTip(self.tr("The weights of one matrix, split by gate: click a cell to select a weight."))

        self.layer = QComboBox()
        self.layer.setToolTip(self.tr("Layer of the matrix."))
        self.direction = QComboBox()
        self.direction.setToolTip(self.tr("Direction of the matrix (bidirectional networks)."))
        self.matrix = QComboBox()
        self.matrix.setToolTip(self.tr("W_i…: input weights, W_h…: recurrent weights, b_…: biases, "
                                       "w_c…: peepholes, W_y/b_y: read-out; the letter is the gate."))
        for combo in (self.layer, self.direction):
            combo.activated.connect(self._fill_matrices)
        self.matrix.activated.connect(self.show_matrix)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumHeight(round(scaled(MIN_MATRIX_HEIGHT)))
        self.graphics.setToolTip(self.tr("Heatmap of the matrix (rows: units, columns: inputs), "
                                         "colour scale ±max|w|. Click a cell to select it; "
                                         "the mouse wheel changes the weight under the pointer."))
        self.plot_item = self.graphics.addPlot()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.invertY(True)
        for axis in ("left", "bottom"):
            self.plot_item.getAxis(axis).enableAutoSIPrefix(False)
        self.image = _HeatmapImage(axisOrder="row-major")
        self.plot_item.addItem(self.image)
        self.color_bar = pg.ColorBarItem(values=(-1, 1), colorMap=pg.colormap.get("CET-D1"),
                                         interactive=False, colorMapMenu=False)
        self.color_bar.setImageItem(self.image, insert_in=self.plot_item)
        self.marker = QGraphicsRectItem(QRectF(-0.5, -0.5, 1, 1))
        self.marker.setPen(pg.mkPen(MARKER_COLOUR, width=3))
        self.marker.setZValue(10)
        self.plot_item.addItem(self.marker)
        self.image.cellClicked.connect(self._clicked)
        self.image.wheelTurned.connect(self._wheel)

        self.cell_label = QLabel()
        self.cell_label.setToolTip(self.tr("The selected weight."))
        self.value = QDoubleSpinBox()
        self.value.setRange(-VALUE_LIMIT, VALUE_LIMIT)
        self.value.setDecimals(6)
        self.value.setSingleStep(0.01)
        self.value.setKeyboardTracking(False)
        self.value.setToolTip(self.tr("Value of the selected weight: type a number and press Enter."))
        self.value.valueChanged.connect(self.set_weight)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(-SLIDER_STEPS, SLIDER_STEPS)
        self.slider.setToolTip(self.tr("Drag to change the selected weight; every panel follows live."))
        self.slider.sliderPressed.connect(self._new_slider_gesture)
        self.slider.sliderReleased.connect(self._new_slider_gesture)
        self.slider.valueChanged.connect(self._slid)
        self.range_label = QLabel()
        self.range_label.setToolTip(self.tr("The range of the slider."))

        self.factor = self._number(-1e3, 1e3, 2.0, self.tr("Factor to scale the whole matrix by."))
        self.scheme = QComboBox()
        for scheme, name in (("pytorch", self.tr("PyTorch default")), ("xavier", self.tr("Xavier")),
                             ("orthogonal", self.tr("Orthogonal"))):
            self.scheme.addItem(name, scheme)
        self.scheme.setToolTip(self.tr("Initialisation scheme of the engine."))
        self.seed = NarrowSpinBox(digits=6)
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setToolTip(self.tr("Seed of the initialisation."))
        self.seed.setPrefix(self.tr("seed "))
        self.factor.setPrefix("× ")
        self.bias = self._number(-VALUE_LIMIT, VALUE_LIMIT, -5.0,
                                 self.tr("Bias of the gate: b_i = value, b_h = 0 (negative shuts a sigmoid gate, "
                                         "positive opens it)."))
        self.bias.setPrefix(self.tr("bias "))
        self.buttons = {
            "scale": self._button(self.tr("Scale"), self.tr("Multiply the whole matrix by the factor."), self.scale),
            "zero": self._button(self.tr("Zero"), self.tr("Set the whole matrix to zero."), self.zero),
            "identity": self._button(self.tr("Identity"), self.tr("Set a square recurrent block to the identity."),
                                     self.identity),
            "reinit": self._button(self.tr("Re-initialise"),
                                   self.tr("Draw the matrix afresh with the chosen scheme and seed."),
                                   self.reinitialise),
            "bias": self._button(self.tr("Set gate bias"),
                                 self.tr("Set this gate's bias in this layer: b_i = value, b_h = 0."),
                                 self.set_gate_bias),
        }

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setToolTip(self.tr("Why the last edit was refused."))

        top = QHBoxLayout()
        for label, combo in ((self.tr("Layer"), self.layer), (self.tr("Direction"), self.direction),
                             (self.tr("Matrix"), self.matrix)):
            top.addWidget(QLabel(label))
            top.addWidget(combo)
        top.addStretch(1)
        weight = QHBoxLayout()
        weight.addWidget(self.cell_label)
        weight.addWidget(self.value)
        weight.addWidget(self.slider, 1)
        weight.addWidget(self.range_label)
        # two columns (a value, then what it does): the editor fits a 1024-pixel screen's side column
        actions = QGridLayout()
        for row, (first, second) in enumerate((
                (self.factor, self.buttons["scale"]), (self.buttons["zero"], self.buttons["identity"]),
                (self.scheme, self.seed), (None, self.buttons["reinit"]), (self.bias, self.buttons["bias"]))):
            if first is not None:
                actions.addWidget(first, row, 0)
            actions.addWidget(second, row, 1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(self.graphics, 1)
        layout.addLayout(weight)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content))  # a short dock scrolls; a tall one gives the matrix room

        model.structureChanged.connect(self.rebuild)
        model.dataChanged.connect(self._on_data_changed)
        self.rebuild()

    def _number(self, low, high, value, tooltip) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setDecimals(3)
        spin.setValue(value)
        spin.setToolTip(tooltip)
        return spin

    def _button(self, text, tooltip, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tooltip)
        button.clicked.connect(slot)
        return button

    # -- which matrix ------------------------------------------------------------------------
    @property
    def ref(self) -> MatrixRef:
        """The matrix shown."""
        return self.refs[max(self.matrix.currentIndex(), 0)]

    def block(self) -> np.ndarray:
        return self.ref.block(self.model.document)

    def rebuild(self) -> None:
        """Kind or sizes changed: refill the combos, keeping the choices that still exist."""
        config = self.model.config
        with blocked(self.layer, self.direction):
            layer, direction = self.layer.currentIndex(), self.direction.currentIndex()
            self.layer.clear()
            self.layer.addItems([self.tr("layer {0}").format(k) for k in range(config.num_layers)])
            self.direction.clear()
            self.direction.addItems([self.tr("forward"), self.tr("reverse")][:config.num_directions])
            self.layer.setCurrentIndex(min(max(layer, 0), config.num_layers - 1))
            self.direction.setCurrentIndex(min(max(direction, 0), config.num_directions - 1))
        self._fill_matrices()

    def _fill_matrices(self) -> None:
        label = self.matrix.currentText()
        self.refs = presets.matrices(self.model.config, self.layer.currentIndex(), self.direction.currentIndex())
        with blocked(self.matrix):
            self.matrix.clear()
            self.matrix.addItems([ref.label for ref in self.refs])
            found = self.matrix.findText(label)
            self.matrix.setCurrentIndex(found if found >= 0 else 0)
        self.show_matrix()

    def show_matrix(self) -> None:
        """Show the chosen matrix, keeping the selected cell where it still fits."""
        rows, columns = self.block().shape
        self.cell = (min(self.cell[0], rows - 1), min(self.cell[1], columns - 1))
        readout = self.ref.target == "readout"
        self.layer.setEnabled(not readout)
        self.direction.setEnabled(not readout and self.model.config.num_directions > 1)
        self.buttons["identity"].setEnabled(self.ref.is_recurrent)
        self.buttons["bias"].setEnabled(self.ref.gate is not None)
        self.refresh()
        # after the new image is in: setRect scales by the image's own size
        self.image.setRect(QRectF(-0.5, -0.5, columns, rows))  # integer ticks at cell centres
        self.plot_item.setRange(xRange=(-0.5, columns - 0.5), yRange=(-0.5, rows - 0.5), padding=0)
        row_label, column_label = self._axis_labels()
        self.plot_item.setLabel("left", row_label)
        self.plot_item.setLabel("bottom", column_label)
        for axis, count in (("bottom", columns), ("left", rows)):
            spacing = max(1, int(np.ceil(count / 8)))  # whole cells only
            self.plot_item.getAxis(axis).setTickSpacing(spacing, spacing)
        self.select_cell(*self.cell)

    def _axis_labels(self) -> tuple[str, str]:
        """What the rows and the columns of the shown matrix stand for."""
        ref = self.ref
        if ref.target == "readout":
            return (self.tr("output"), self.tr("unit of h_t")) if ref.key == "weight" else ("", self.tr("output"))
        if ref.key.startswith("weight_ih"):
            return self.tr("unit"), self.tr("input")
        if ref.key == EMBEDDING:
            return self.tr("input"), self.tr("embedding dimension")
        if ref.key.startswith("weight_hh"):
            return self.tr("unit"), self.tr("unit of h_{t−1}")
        return "", self.tr("unit")  # biases and peepholes: one row

    # -- following the model -----------------------------------------------------------------
    def _on_data_changed(self, what: str) -> None:
        if what in ("parameters", "readout", "all"):
            self.refresh_or_defer()

    def refresh(self) -> None:
        """New numbers: new image data and levels on the same items; controls follow (no signals)."""
        block = self.block()
        reach = float(np.max(np.abs(block))) if block.size else 0.0
        reach = reach if reach > 0 else 1.0
        self.image.setImage(block, autoLevels=False)
        if self.color_bar.levels() != (-reach, reach):  # a new scale redraws the colour bar's axis
            self.color_bar.setLevels(low=-reach, high=reach)
        self._show_cell_value()

    def _show_cell_value(self) -> None:
        row, column = self.cell
        value = float(self.block()[row, column])
        self.cell_label.setText(self.tr("{0}[{1}, {2}] =").format(self.ref.label, row, column))
        with blocked(self.value):
            self.value.setValue(value)
        if not self.slider.isSliderDown():
            self._set_slider_range(value)

    def _set_slider_range(self, value: float) -> None:
        block = self.block()
        reach = max(1.0, 1.5 * float(np.max(np.abs(block))), 1.5 * abs(value))
        # a round number: 1, 10, 100..., never beyond the values a weight may take
        self.slider_range = min(float(10 ** np.ceil(np.log10(reach))), VALUE_LIMIT)
        with blocked(self.slider):
            self.slider.setValue(int(round(value / self.slider_range * SLIDER_STEPS)))
        self.range_label.setText("±{0:g}".format(self.slider_range))

    # -- selecting and changing one weight ---------------------------------------------------
    def select_cell(self, row: int, column: int) -> None:
        """Select one weight of the shown matrix."""
        self.cell = (row, column)
        self.marker.setRect(QRectF(column - 0.5, row - 0.5, 1, 1))
        self._wheel_gesture = next(self._gestures)
        self._show_cell_value()

    def _clicked(self, row: int, column: int) -> None:
        """A click selects the weight, and for a gate's matrix also that unit in the other panels."""
        self.select_cell(row, column)
        if self.ref.target == "parameter" and self.ref.gate is not None:
            self.model.set_selection(layer=self.layer.currentIndex(), direction=self.direction.currentIndex(),
                                     unit=row)

    def set_weight(self, value: float, gesture=None) -> None:
        """Set the selected weight (one command; merged with the others of ``gesture`` if given)."""
        ref, (row, column) = self.ref, self.cell
        block = self.block().copy()
        if block[row, column] == value:
            return
        block[row, column] = value
        text = self.tr("Set {0}[{1}, {2}]").format(ref.label, row, column)
        full = ref.with_block(self.model.document, block)
        full.flags.writeable = False  # a fresh array nobody else holds: the model shares it, no copy
        self._push(lambda: SetArrayCommand(self.model, ref.target, full, text, key=ref.key, label=ref.label)
                   if gesture is None
                   else GestureCommand(self.model, ref.target, full, text, key=ref.key, label=ref.label,
                                       merge_id=MERGE_WEIGHT_DRAG, gesture=gesture))

    def _new_slider_gesture(self) -> None:
        self._slider_gesture = next(self._gestures)

    def _slid(self, position: int) -> None:
        self.set_weight(position / SLIDER_STEPS * self.slider_range, gesture=("slider", self._slider_gesture))

    def _wheel(self, row: int, column: int, steps: int) -> None:
        if (row, column) != self.cell:
            self.select_cell(row, column)
        value = float(self.block()[row, column]) + steps * self.slider_range / 100
        self.set_weight(float(np.clip(value, -VALUE_LIMIT, VALUE_LIMIT)), gesture=("wheel", self._wheel_gesture))

    # -- whole-matrix actions ----------------------------------------------------------------
    def _matrix_action(self, text: str, compute) -> None:
        ref = self.ref

        def command():
            new = checked_result({ref.key: compute(self.model.document, ref)})[ref.key]
            return SetArrayCommand(self.model, ref.target, new, text.format(ref.label), key=ref.key, label=ref.label)

        self._push(command)

    def scale(self) -> None:
        factor = self.factor.value()
        self._matrix_action(self.tr("Scale {0}"), lambda doc, ref: presets.scaled(doc, ref, factor))

    def zero(self) -> None:
        self._matrix_action(self.tr("Zero {0}"), presets.zeroed)

    def identity(self) -> None:
        self._matrix_action(self.tr("Identity {0}"), presets.identity)

    def reinitialise(self) -> None:
        scheme, seed = self.scheme.currentData(), self.seed.value()
        self._matrix_action(self.tr("Re-initialise {0}"),
                            lambda doc, ref: presets.reinitialized(doc, ref, scheme, seed))

    def set_gate_bias(self) -> None:
        ref, doc = self.ref, self.model.document
        if ref.gate is None:
            self._refuse(self.tr("Choose a matrix of a gate first."))
            return

        layers = [(self.layer.currentIndex(), self.direction.currentIndex())]
        self._push(lambda: parameters_command(
            self.model, self.tr("Set bias of gate {0}").format(ref.gate),
            presets.with_gate_bias(doc, ref.gate, self.bias.value(), layers=layers),
        ))


if __name__ == "__main__":  # preview: the editor alone on the demo session
    import sys

    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from lstm_studio.session.model import SessionModel

    app = QApplication(sys.argv)
    editor = WeightEditor(SessionModel(), QUndoStack())
    editor.resize(600, 700)
    editor.show()
    app.exec()
