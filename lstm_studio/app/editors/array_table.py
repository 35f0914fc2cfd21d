"""An array of the document (inputs, targets, h0 or c0) as an editable table, shared by the
sequence editor and the initial-state editor: typed numbers are read with a decimal comma too and
refused past the document's limits, every accepted edit is one command on the undo stack, and
Copy / Paste move tab-separated blocks through the clipboard (a pasted block is one step).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QHeaderView, QTableView

from lstm_studio.app.editors.commands import SetArrayCommand
from lstm_studio.app.i18n import error_text
from lstm_studio.session.document import VALUE_LIMIT

WHAT_CHANGED = {"inputs": "inputs", "targets": "targets", "h0": "initial_state", "c0": "initial_state"}
"""The dataChanged(what) of the session model that concerns each editable array."""


def parse_number(text) -> float:
    """A number typed by the user, or ValueError with a translated message.

    Accepts a decimal comma; refuses text that is not a number, NaN, infinity and magnitudes
    beyond the document's limit (±1e6).
    """
    raw = str(text).strip()
    try:
        number = float(raw.replace(",", ".") if "." not in raw else raw)
    except ValueError:
        message = QCoreApplication.translate("Editors", "“{0}” is not a number.")
        raise ValueError(message.format(raw[:40])) from None
    if not np.isfinite(number):
        raise ValueError(QCoreApplication.translate(
            "Editors", "NaN and infinity are not allowed: type a finite number."))
    if abs(number) > VALUE_LIMIT:
        message = QCoreApplication.translate("Editors", "{0} is beyond the allowed range ±{1:g}.")
        raise ValueError(message.format(raw[:40], VALUE_LIMIT))
    return number


class ArrayTableModel(QAbstractTableModel):
    """A 2-D array of the document ("inputs", "targets", "h0" or "c0") as an editable table.

    Reads the live document; every accepted edit pushes one SetArrayCommand. Refused text emits
    ``errorOccurred(message)`` and changes nothing.
    """

    errorOccurred = Signal(str)

    def __init__(self, model, undo_stack, target: str, row_label, column_label, parent=None,
                 column_colour=None, column_tip=None):
        super().__init__(parent)
        self._model, self._stack, self._target = model, undo_stack, target
        self._row_label, self._column_label, self._column_colour = row_label, column_label, column_colour
        self._column_tip = column_tip
        self.row_hint = None
        """None, or a callable: row -> why the row's values are not used now (greyed, in the
        tooltip), or None (the inputs while running free, see ``FedInputsOverlay``)."""
        model.dataChanged.connect(self._on_data_changed)
        model.structureChanged.connect(self._reset)

    def array(self) -> np.ndarray:
        return getattr(self._model.document, self._target)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else self.array().shape[0]

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else self.array().shape[1]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = float(self.array()[index.row(), index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:.4g}"
        hint = self.row_hint(index.row()) if self.row_hint is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and hint:
            return f"{value!r}\n{hint}"
        if role in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return repr(value)  # shortest text that reads back to the same bits
        if role == Qt.ItemDataRole.ForegroundRole and hint:
            return QColor(128, 128, 128)  # a value not used now (see row_hint)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole:
            return (self._column_label if horizontal else self._row_label)(section)
        if role == Qt.ItemDataRole.ToolTipRole and horizontal and self._column_tip is not None:
            return self._column_tip(section)
        if role == Qt.ItemDataRole.ForegroundRole and horizontal and self._column_colour is not None:
            return QColor(self._column_colour(section))  # the colour of the channel's curve
        return None

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = index.row(), index.column()
        try:
            number = parse_number(value)
            if number == self.array()[row, column]:
                return True
            new = self.array().copy()
            new[row, column] = number
            command = SetArrayCommand(
                self._model, self._target, new,
                self.tr("Edit {0}[{1}, {2}]").format(self._target, row, column),
            )
        except ValueError as error:
            self.errorOccurred.emit(error_text(error))
            return False
        self._stack.push(command)
        return True

    def paste(self, row: int, column: int, text: str) -> bool:
        """Set the block of cells starting at (row, column) from ``text`` — rows on lines, cells
        separated by tabs (spreadsheets) or else commas, semicolons or spaces — as one command.
        Refused (``errorOccurred``, nothing changed) if a cell is not a number or the block does
        not fit."""
        try:
            block = np.array([[parse_number(cell) for cell in _cells(line)]
                              for line in text.strip("\r\n").splitlines()], dtype=object)
            if block.ndim != 2 or block.size == 0:
                raise ValueError(self.tr("Paste rows of equally many numbers."))
            new = self.array().copy()
            rows, columns = block.shape
            if row + rows > new.shape[0] or column + columns > new.shape[1]:
                raise ValueError(self.tr("The pasted {0}×{1} block does not fit from row {2}, column {3}.")
                                 .format(rows, columns, row, column))
            new[row:row + rows, column:column + columns] = block.astype(np.float64)
            command = SetArrayCommand(self._model, self._target, new, self.tr("Paste into {0}").format(self._target))
        except ValueError as error:
            self.errorOccurred.emit(error_text(error))
            return False
        self._stack.push(command)
        return True

    def _on_data_changed(self, what: str) -> None:
        if what in (WHAT_CHANGED[self._target], "all") and self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()


def _cells(line: str) -> list[str]:
    """The cells of one pasted line: tab-separated, else comma/semicolon/space-separated."""
    if "\t" in line:
        return line.split("\t")
    return line.replace(";", " ").replace(",", " ").split()


class ArrayTableView(QTableView):
    """A table of an :class:`ArrayTableModel` with Copy (the selected block, tab-separated) and
    Paste (a block from the current cell, one undoable step)."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            current = self.currentIndex()
            if current.isValid():
                self.model().paste(current.row(), current.column(), QGuiApplication.clipboard().text())
        else:
            super().keyPressEvent(event)

    def copy_selection(self) -> None:
        """Put the block spanned by the selected cells on the clipboard, exactly (shortest repr)."""
        indexes = self.selectedIndexes()
        if not indexes:
            return
        rows = range(min(i.row() for i in indexes), max(i.row() for i in indexes) + 1)
        columns = range(min(i.column() for i in indexes), max(i.column() for i in indexes) + 1)
        values = self.model().array()
        QGuiApplication.clipboard().setText(
            "\n".join("\t".join(repr(float(values[r, c])) for c in columns) for r in rows))


def array_table(table_model: ArrayTableModel, tooltip: str, parent=None) -> QTableView:
    """A compact table view on ``table_model`` that edits on typing or double-click."""
    view = ArrayTableView(parent)
    view.setModel(table_model)
    view.setToolTip(tooltip)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setDefaultSectionSize(22)
    return view
