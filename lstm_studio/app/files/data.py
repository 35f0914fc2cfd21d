"""File ▸ Open Data…: a text file to learn its next characters, or a CSV table of numbers as the
sequence (by the file's extension: ``.csv``/``.tsv`` a table, ``.txt``/``.text``/``.md`` text, any
other name a table when its contents are one, else text). Dropping a
``.txt``/``.csv`` file on the window and File ▸ Open Recent (data files marked as such) do the
same.

The files are read by :mod:`lstm_studio.session.data_files` (no Qt), which says why a file is
refused. A text sets up the next-character task exactly as the Training dock's "Use this text"
does (the dock's :meth:`~lstm_studio.app.training.dock.TrainingDock.choose_task`); a table opens
:class:`ColumnsDialog` to choose the input and target columns. Either is ONE undoable edit of the
session, which then holds the text or the numbers (the file is never needed again).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from lstm_studio.app.editors.commands import ReplaceDocumentCommand
from lstm_studio.app.i18n import error_text
from lstm_studio.session import data_files
from lstm_studio.session.data_files import CsvTable

RECENT_DATA_KEY = "files/recent_data"
"""Settings key of the recently opened data files (kept apart from the sessions)."""
MAX_RECENT_DATA = 8
INPUT, TARGET, SERIES, UNUSED = "input", "target", "series", "unused"
PREVIEW_VALUES = 4
"""First values of each column shown in the columns dialog."""


def default_role(column: int, inputs: list[int], targets: list[int]) -> str:
    """The role ``column`` is offered with, from :func:`data_files.default_columns`' choice: in both
    lists a series, else an input, a target or not used."""
    if column in inputs and column in targets:
        return SERIES
    return INPUT if column in inputs else TARGET if column in targets else UNUSED


class ColumnsDialog(QDialog):
    """Which columns of a CSV table are inputs, which are targets (one row per column, with its
    first values). Opened window-modal with ``open()``; ``columns()`` reads the choice."""

    def __init__(self, parent, table: CsvTable, name: str):
        super().__init__(parent)
        self.table_data = table
        self.setWindowTitle(self.tr("Columns of {0}").format(name))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        columns = table.values.shape[1]
        intro = QLabel(self._intro())
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableWidget(columns, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("First values"), self.tr("Use as")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        inputs, targets = data_files.default_columns(table)
        self.roles: list[QComboBox] = []
        for column in range(columns):
            name_item = QTableWidgetItem(self._column_title(column))
            self.table.setItem(column, 0, name_item)
            self.table.setItem(column, 1, QTableWidgetItem(self._preview(column)))
            role = QComboBox()
            role.addItem(self.tr("Input"), INPUT)
            role.addItem(self.tr("Target"), TARGET)
            role.addItem(self.tr("Input, next value as target"), SERIES)
            role.addItem(self.tr("Not used"), UNUSED)
            role.setToolTip(self.tr("Input: the network reads this column, one value per step. Target: "
                                    "the value it should output at each step. Input, next value as target: "
                                    "it reads the value of each row and should output the next row's (a "
                                    "series; one step fewer than rows). Not used: left out."))
            role.setCurrentIndex(role.findData(default_role(column, inputs, targets)))
            role.currentIndexChanged.connect(self._check)
            self.roles.append(role)
            self.table.setCellWidget(column, 2, role)
        self.table.resizeColumnsToContents()
        self.table.setMinimumWidth(420)
        layout.addWidget(self.table, 1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(
            self.tr("Learn this sequence: the network's input and output sizes follow the columns (undoable)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()

    def _intro(self) -> str:
        """The line above the table: a series for one column, else how many rows and columns."""
        steps, columns = self.table_data.values.shape
        if columns == 1:
            return self.tr("{0} rows of one column of numbers, a series: the network reads the value "
                           "of each row and should output the next row's.").format(steps)
        return self.tr("{0} rows and {1} columns of numbers. Each row is one time step: choose the "
                       "columns the network reads (inputs) and those it should output "
                       "(targets).").format(steps, columns)

    def _preview(self, column: int) -> str:
        """The first PREVIEW_VALUES values of ``column``, "…" after them when there are more."""
        values = self.table_data.values
        more = "…" if values.shape[0] > PREVIEW_VALUES else ""
        return ", ".join(f"{v:g}" for v in values[:PREVIEW_VALUES, column]) + more

    def _column_title(self, column: int) -> str:
        names = self.table_data.names
        name = names[column].strip() if names and column < len(names) else ""
        number = self.tr("Column {0}").format(column + 1)
        return f"{number}: {name}" if name else number

    def set_role(self, column: int, role: str) -> None:
        """Choose ``role`` (INPUT, TARGET, SERIES, UNUSED) for ``column`` (0-based), as the user would."""
        self.roles[column].setCurrentIndex(self.roles[column].findData(role))

    def columns(self) -> tuple[list[int], list[int]]:
        """The chosen input and target columns (0-based, in the table's order); a series column is
        in both (see :func:`data_files.is_series`)."""
        roles = [combo.currentData() for combo in self.roles]
        return ([c for c, role in enumerate(roles) if role in (INPUT, SERIES)],
                [c for c, role in enumerate(roles) if role in (TARGET, SERIES)])

    def _check(self, *_args) -> None:
        inputs, targets = self.columns()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(inputs) and bool(targets))
        if not inputs:
            self.summary.setText(self.tr("Choose at least one input column."))
        elif not targets:
            self.summary.setText(self.tr("Choose at least one target column."))
        elif data_files.is_series(inputs, targets) and self.table_data.values.shape[0] < 2:
            ok.setEnabled(False)
            self.summary.setText(self.tr("The table has one row; predicting the next value needs at least two."))
        elif data_files.is_series(inputs, targets):
            self.summary.setText(self.tr("The network reads {0} input(s) at each of {2} steps and outputs {1} "
                                         "target(s): the next row's values, with the squared-error loss.").format(
                len(inputs), len(targets), self.table_data.values.shape[0] - 1))
        else:
            self.summary.setText(self.tr("The network reads {0} input(s) and outputs {1} target(s) at each of "
                                         "{2} steps, with the squared-error loss.").format(
                len(inputs), len(targets), self.table_data.values.shape[0]))


class DataFiles(QObject):
    """Open Data, its recent files and dropped data files, for one window."""

    def __init__(self, window, file_actions):
        super().__init__(file_actions)
        self.window, self.model, self.file_actions = window, window.model, file_actions
        self.dialog: ColumnsDialog | None = None  # the columns dialog of the last CSV file

    def filter(self) -> str:
        return ";;".join([
            self.tr("Text or CSV files (*.txt *.text *.md *.csv *.tsv)"),
            self.tr("Text files (*.txt *.text *.md)"),
            self.tr("CSV tables (*.csv *.tsv)"),
            self.tr("All files (*)"),
        ])

    def open_data(self) -> bool:
        """File ▸ Open Data…: ask for a file, then :meth:`open_data_path`."""
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open Data"), self.file_actions._folder(), self.filter())
        return bool(path) and self.open_data_path(path)

    def open_data_path(self, path) -> bool:
        """Open ``path`` as data: a text sets up the next-character task on it, a CSV table opens
        the columns dialog (the session changes when it is accepted). False, after telling the
        user why, when the file is refused or the task cannot be set up."""
        path = str(path)
        name = Path(path).name
        try:
            content = data_files.read_data_file(path)
        except ValueError as exc:
            self._refused(name, exc)
            return False
        if isinstance(content, CsvTable):
            self.add_recent(str(Path(path).resolve()))
            return self._ask_columns(content, name)
        training = getattr(self.window, "training", None)
        if training is None:  # pragma: no cover - the Training feature is always installed
            return False
        opened = training.choose_task("next_char", text=content, undo_text=self.tr("Open text {0}").format(name),
                                      refused_title=self.tr("Cannot open data"))
        if opened:
            self.add_recent(str(Path(path).resolve()))
            self.window.show_status(self.tr("Opened {0}: {1} characters for next-character prediction.").format(
                name, f"{len(content):,}"))
        return opened

    def _refused(self, name: str, exc: BaseException) -> None:
        self.window.show_error(self.tr("Cannot open data"),
                               self.tr("{0} cannot be opened: {1}").format(name, error_text(exc)))

    def _ask_columns(self, table: CsvTable, name: str) -> bool:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = ColumnsDialog(self.window, table, name)
        self.dialog.accepted.connect(lambda dialog=self.dialog: self.use_columns(dialog, name))
        self.dialog.open()
        return True

    def use_columns(self, dialog: ColumnsDialog, name: str) -> bool:
        """The session learns the table of ``dialog`` with its chosen columns: one undoable edit."""
        inputs, targets = dialog.columns()
        training = getattr(self.window, "training", None)
        if training is not None:
            training.stop()  # as choosing a task does: the run so far is kept
        try:
            document = data_files.csv_document(self.model.document, dialog.table_data, inputs, targets)
        except ValueError as exc:
            self._refused(name, exc)
            return False
        self.window.undo_stack.push(ReplaceDocumentCommand(
            self.model, document, self.tr("Open table {0}").format(name)))
        self.window.show_status(self.tr("Opened {0}: {1} steps, {2} input(s), {3} target(s).").format(
            name, document.config.seq_len, len(inputs), len(targets)))
        return True

    # -- recent data files ----------------------------------------------------------------------
    def recent(self) -> list[str]:
        """Recently opened data files, newest first; files that no longer exist are dropped."""
        settings = self.window.settings
        stored = settings.value(RECENT_DATA_KEY, [])
        stored = [stored] if isinstance(stored, str) else list(stored) if isinstance(stored, (list, tuple)) else []
        existing = []
        for p in stored:
            if isinstance(p, str) and "\x00" not in p and p not in existing and os.path.isfile(p):
                existing.append(p)
        existing = existing[:MAX_RECENT_DATA]
        if existing != stored:
            settings.setValue(RECENT_DATA_KEY, existing)
        return existing

    def add_recent(self, path: str) -> None:
        files = [path] + [p for p in self.recent() if p != path]
        self.window.settings.setValue(RECENT_DATA_KEY, files[:MAX_RECENT_DATA])

    def clear_recent(self) -> None:
        self.window.settings.setValue(RECENT_DATA_KEY, [])

    def fill_recent_menu(self, menu, first_number: int) -> int:
        """Add the recent data files to ``menu`` (File ▸ Open Recent) under a "Data files" heading,
        each marked as data; returns how many."""
        files = self.recent()
        if not files:
            return 0
        menu.addSection(self.tr("Data files"))
        for number, path in enumerate(files, start=first_number):
            kind = self.tr("table") if data_files.is_csv(path) else self.tr("text")
            action = menu.addAction(self.tr("&{0} {1} (data: {2})").format(number, Path(path).name, kind))
            action.setToolTip(self.tr("Open {0} as data: the session learns it (undoable)").format(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_data_path(p))
        return len(files)
