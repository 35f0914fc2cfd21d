"""Editor of the initial states h0 and c0: one table each, a row per layer·direction, a column per
unit; zeros in one click. Every edit is one command on the undo stack."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from lstm_studio.app.editors.array_table import ArrayTableModel, array_table
from lstm_studio.app.editors.commands import SetArrayCommand


class StateEditor(QWidget):
    """Edits h0 and c0 (c0 only for LSTM kinds) of the session through ``undo_stack``.

    Signals ``errorOccurred(message)`` when a typed value is refused.
    """

    errorOccurred = Signal(str)

    def __init__(self, model, undo_stack, parent=None):
        super().__init__(parent)
        self.model, self.undo_stack = model, undo_stack
        self.setToolTip(self.tr("Initial states h0 and c0 the network starts from (zeros by default)."))
        self.tabs = QTabWidget()
        self.tables = {}
        self.table_models = {}
        for target, tip in (("h0", self.tr("Initial hidden state h0: a row per layer and direction, a column per unit.")),
                            ("c0", self.tr("Initial cell state c0 (LSTM only): a row per layer and direction, "
                                           "a column per unit."))):
            table_model = ArrayTableModel(model, undo_stack, target, self._row_label,
                                          lambda k: self.tr("unit {0}").format(k), self)
            table_model.errorOccurred.connect(self._refuse)
            self.table_models[target] = table_model
            self.tables[target] = array_table(table_model, tip)
            self.tabs.addTab(self.tables[target], target)
        self.tabs.setToolTip(self.tr("h0 for every kind; c0 only for LSTM kinds."))
        self.zero_button = QPushButton(self.tr("Zeros"))
        self.zero_button.setToolTip(self.tr("Set the state shown to zero (one undoable step)."))
        self.zero_button.clicked.connect(self.zero)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setToolTip(self.tr("Why the last edit was refused."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.zero_button)
        layout.addWidget(self.message)
        model.structureChanged.connect(self.rebuild)
        self.rebuild()

    def _row_label(self, row: int) -> str:
        config = self.model.config
        layer, direction = divmod(row, config.num_directions)
        if config.num_directions == 1:
            return self.tr("layer {0}").format(layer)
        return self.tr("layer {0} {1}").format(layer, "→" if direction == 0 else "←")

    def rebuild(self) -> None:
        """Kind changed: c0 is editable only when the network has a cell state."""
        has_cell = self.model.config.has_cell_state
        self.tabs.setTabEnabled(1, has_cell)
        self.tabs.setTabToolTip(1, self.tr("Initial cell state c0.") if has_cell
                                else self.tr("Only LSTM networks have a cell state."))
        if not has_cell:
            self.tabs.setCurrentIndex(0)

    def current_target(self) -> str:
        return "h0" if self.tabs.currentIndex() == 0 else "c0"

    def zero(self) -> None:
        """Set the state shown to zeros."""
        target = self.current_target()
        current = getattr(self.model.document, target)
        if not current.any():
            return
        self.message.clear()
        self.undo_stack.push(SetArrayCommand(self.model, target, np.zeros_like(current),
                                             self.tr("Zero {0}").format(target)))

    def _refuse(self, message: str) -> None:
        self.message.setText("⚠ " + message)
        self.errorOccurred.emit(message)
