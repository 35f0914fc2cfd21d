"""Open Data's app side in detail (issue 17): the columns dialog's choices and texts, the action's
refusals and status lines, the recent data files, without the main window where it is not needed."""

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from lstm_studio.app.files import data as data_module
from lstm_studio.app.files.data import (
    INPUT,
    MAX_RECENT_DATA,
    RECENT_DATA_KEY,
    SERIES,
    TARGET,
    UNUSED,
    ColumnsDialog,
    DataFiles,
    default_role,
)
from lstm_studio.session.data_files import CsvTable, parse_csv
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.model import SessionModel

TABLE = "time,force,speed\n" + "".join(f"{t},{t * 0.25},{t * 0.5}\n" for t in range(6))


class Training:
    """The Training dock's part Open Data uses: choosing a task (recorded, answered) and stopping."""

    def __init__(self, answer=True):
        self.answer, self.tasks, self.stops = answer, [], 0

    def choose_task(self, key, **options):
        self.tasks.append((key, options))
        return self.answer

    def stop(self):
        self.stops += 1


class Window(QWidget):
    """What Open Data asks of the main window: the model, the settings, the undo stack, the
    Training dock, and the error and status lines (recorded)."""

    def __init__(self, tmp_path, training=True):
        super().__init__()
        document = new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=3, seq_len=8), seed=1)
        self.model = SessionModel(document)
        self.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        self.undo_stack = QUndoStack(self)
        if training:
            self.training = Training()
        self.errors, self.statuses = [], []

    def show_error(self, title, message):
        self.errors.append((title, message))

    def show_status(self, message):
        self.statuses.append(message)


class FileActions(QObject):
    def __init__(self, folder):
        super().__init__()
        self.folder = folder

    def _folder(self):
        return self.folder


@pytest.fixture
def window(qtbot, tmp_path):
    window = Window(tmp_path)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def data(window, tmp_path):
    return DataFiles(window, FileActions(str(tmp_path / "data folder")))


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def dialog_of(qtbot, text_or_table, name="t.csv"):
    table = parse_csv(text_or_table) if isinstance(text_or_table, str) else text_or_table
    dialog = ColumnsDialog(None, table, name)
    qtbot.addWidget(dialog)
    return dialog


def ok_button(dialog):
    return dialog.buttons.button(dialog.buttons.StandardButton.Ok)


# -- the columns dialog -----------------------------------------------------------------------------
@pytest.mark.parametrize("column, inputs, targets, role", [
    (0, [0], [0], SERIES), (1, [0, 1], [2], INPUT), (2, [0, 1], [2], TARGET), (3, [0, 1], [2], UNUSED),
    (0, [], [0], TARGET), (0, [0], [], INPUT), (0, [], [], UNUSED), (1, [1], [0, 1], SERIES)])
def test_a_columns_default_role_follows_the_proposed_inputs_and_targets(column, inputs, targets, role):
    assert default_role(column, inputs, targets) == role


def test_each_column_is_offered_with_its_default_role(qtbot):
    dialog = dialog_of(qtbot, TABLE)
    assert [combo.currentData() for combo in dialog.roles] == [INPUT, INPUT, TARGET]
    assert [dialog.roles[0].itemData(k) for k in range(4)] == [INPUT, TARGET, SERIES, UNUSED]
    assert dialog_of(qtbot, "level\n1\n2\n3\n").roles[0].currentData() == SERIES


def test_the_intro_says_rows_and_columns_or_a_series(qtbot):
    assert dialog_of(qtbot, TABLE)._intro() == (
        "6 rows and 3 columns of numbers. Each row is one time step: choose the columns the network reads "
        "(inputs) and those it should output (targets).")
    assert dialog_of(qtbot, "a,b\n1,2\n3,4\n")._intro().startswith("2 rows and 2 columns of numbers.")
    assert dialog_of(qtbot, "level\n1\n2\n3\n")._intro() == (
        "3 rows of one column of numbers, a series: the network reads the value of each row and should "
        "output the next row's.")
    assert dialog_of(qtbot, TABLE).findChildren(QLabel)[0].text() == dialog_of(qtbot, TABLE)._intro()


def test_the_preview_shows_four_values_and_an_ellipsis_only_when_there_are_more(qtbot):
    values = np.array([[1.5, 10], [2e-7, 20], [3, 30], [1234567, 40], [5, 50]], dtype=float)
    dialog = dialog_of(qtbot, CsvTable(values))
    assert dialog._preview(0) == "1.5, 2e-07, 3, 1.23457e+06…"
    assert dialog._preview(1) == "10, 20, 30, 40…"
    assert dialog.table.item(1, 1).text() == "10, 20, 30, 40…"
    assert dialog_of(qtbot, CsvTable(values[:4]))._preview(1) == "10, 20, 30, 40"  # four rows: all of them
    assert dialog_of(qtbot, CsvTable(values[:2]))._preview(0) == "1.5, 2e-07"


def test_columns_are_titled_by_number_and_header_name(qtbot):
    table = CsvTable(np.zeros((2, 4)), names=["  time ", "", "speed"])  # a blank name, one name missing
    dialog = dialog_of(qtbot, table)
    assert [dialog._column_title(c) for c in range(4)] == ["Column 1: time", "Column 2", "Column 3: speed",
                                                          "Column 4"]
    assert [dialog.table.item(c, 0).text() for c in range(4)] == [dialog._column_title(c) for c in range(4)]
    assert dialog_of(qtbot, CsvTable(np.zeros((2, 2))))._column_title(1) == "Column 2"


def test_the_chosen_columns_are_read_in_the_tables_order(qtbot):
    dialog = dialog_of(qtbot, "a,b,c,d\n1,2,3,4\n5,6,7,8\n")
    for column, role in enumerate([TARGET, SERIES, UNUSED, INPUT]):
        dialog.set_role(column, role)
    assert [combo.currentData() for combo in dialog.roles] == [TARGET, SERIES, UNUSED, INPUT]
    assert dialog.columns() == ([1, 3], [0, 1])
    dialog.set_role(1, UNUSED)
    assert dialog.columns() == ([3], [0])


def test_the_summary_counts_inputs_targets_and_steps(qtbot):
    dialog = dialog_of(qtbot, "a,b,c,d\n1,2,3,4\n5,6,7,8\n9,8,7,6\n")
    assert ok_button(dialog).isEnabled()
    assert dialog.summary.text() == ("The network reads 3 input(s) and outputs 1 target(s) at each of 3 steps, "
                                     "with the squared-error loss.")
    dialog.set_role(0, TARGET)
    assert dialog.summary.text() == ("The network reads 2 input(s) and outputs 2 target(s) at each of 3 steps, "
                                     "with the squared-error loss.")
    dialog.set_role(1, SERIES)
    assert ok_button(dialog).isEnabled()
    assert dialog.summary.text() == ("The network reads 2 input(s) at each of 2 steps and outputs 3 target(s): "
                                     "the next row's values, with the squared-error loss.")


def test_no_input_or_no_target_disables_ok_and_says_which(qtbot):
    dialog = dialog_of(qtbot, "a,b\n1,2\n3,4\n")
    for role in (TARGET, UNUSED):
        dialog.set_role(0, role)
        dialog.set_role(1, TARGET)
        assert not ok_button(dialog).isEnabled() and dialog.summary.text() == "Choose at least one input column."
    dialog.set_role(0, INPUT)
    dialog.set_role(1, UNUSED)
    assert not ok_button(dialog).isEnabled() and dialog.summary.text() == "Choose at least one target column."
    dialog.set_role(1, INPUT)
    assert not ok_button(dialog).isEnabled() and dialog.summary.text() == "Choose at least one target column."
    dialog.set_role(1, TARGET)
    assert ok_button(dialog).isEnabled()


def test_a_series_needs_two_rows_but_a_plain_table_of_one_row_is_fine(qtbot):
    one_row = dialog_of(qtbot, "a,b\n1,2\n")
    assert ok_button(one_row).isEnabled() and "at each of 1 steps" in one_row.summary.text()
    one_row.set_role(1, SERIES)
    assert not ok_button(one_row).isEnabled()
    assert one_row.summary.text() == "The table has one row; predicting the next value needs at least two."
    one_row.set_role(1, TARGET)
    assert ok_button(one_row).isEnabled()
    two_rows = dialog_of(qtbot, "level\n1\n2\n")
    assert ok_button(two_rows).isEnabled() and "at each of 1 steps" in two_rows.summary.text()


# -- the action ------------------------------------------------------------------------------------
def test_open_data_asks_in_the_data_folder_with_the_filters(window, data, dialogs, tmp_path):
    assert data.open_data() is False  # cancelled: nothing opened
    name, args, _ = dialogs.calls[-1]
    assert name == "getOpenFileName" and args == (window, "Open Data", str(tmp_path / "data folder"), data.filter())
    assert data.filter() == ("Text or CSV files (*.txt *.text *.md *.csv *.tsv);;Text files (*.txt *.text *.md);;"
                             "CSV tables (*.csv *.tsv);;All files (*)")
    assert window.training.tasks == [] and window.errors == []
    dialogs.answers["getOpenFileName"] = (str(write(tmp_path, "t.txt", "abc" * 40)), "")
    assert data.open_data() is True


def test_a_text_opens_as_the_next_character_task_and_says_so(window, data, tmp_path):
    path = write(tmp_path, "big.txt", "ab" * 600)
    assert data.open_data_path(path) is True
    assert window.training.tasks == [("next_char", {"text": "ab" * 600, "undo_text": "Open text big.txt",
                                                    "refused_title": "Cannot open data"})]
    assert window.statuses == ["Opened big.txt: 1,200 characters for next-character prediction."]
    assert data.recent() == [str(path.resolve())]


def test_a_text_the_task_refuses_is_not_recent(window, data, tmp_path):
    window.training.answer = False
    assert data.open_data_path(str(write(tmp_path, "t.txt", "abc" * 40))) is False
    assert window.statuses == [] and data.recent() == []


def test_a_refused_file_is_named_with_the_reason(window, data, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,x\n", encoding="utf-8")
    assert data.open_data_path(path) is False
    assert window.errors == [("Cannot open data", 'bad.csv cannot be opened: Row 2, column 2 (b) holds "x", '
                                                  "which is not a number.")]
    assert data.dialog is None and data.recent() == [] and window.training.tasks == []


def test_a_table_opens_the_columns_dialog_and_is_recent_at_once(window, data, tmp_path, qtbot):
    path = write(tmp_path, "m.csv", TABLE)
    assert data.open_data_path(str(path)) is True
    assert isinstance(data.dialog, ColumnsDialog) and data.dialog.isVisible()
    assert data.dialog.parent() is window and data.dialog.windowTitle() == "Columns of m.csv"
    assert data.recent() == [str(path.resolve())]
    assert window.undo_stack.count() == 0 and window.training.stops == 0
    data.dialog.reject()


def test_a_second_table_closes_the_first_dialog_and_each_accepts_its_own(window, data, tmp_path, qtbot):
    assert data.open_data_path(write(tmp_path, "first.csv", TABLE))
    first = data.dialog
    assert data.open_data_path(write(tmp_path, "second.csv", "p,q\n1,2\n3,4\n"))
    second = data.dialog
    assert second is not first and not first.isVisible() and second.isVisible()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(first)  # the first goes (deleteLater)
    second.accept()
    assert window.undo_stack.undoText() == "Open table second.csv"
    assert window.model.document.config.input_size == 1 and window.model.document.config.seq_len == 2


def test_accepted_columns_become_one_undoable_edit_and_stop_the_run(window, data, qtbot):
    dialog = dialog_of(qtbot, TABLE)
    dialog.set_role(0, UNUSED)
    assert data.use_columns(dialog, "m.csv") is True
    assert window.training.stops == 1
    document = window.model.document
    np.testing.assert_array_equal(document.inputs[:, 0], np.arange(6) * 0.25)
    np.testing.assert_array_equal(document.targets[:, 0], np.arange(6) * 0.5)
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "Open table m.csv"
    assert window.statuses == ["Opened m.csv: 6 steps, 1 input(s), 1 target(s)."]
    dialog.set_role(1, SERIES)
    dialog.set_role(2, INPUT)
    assert data.use_columns(dialog, "n.csv") is True
    assert window.statuses[-1] == "Opened n.csv: 5 steps, 2 input(s), 1 target(s)."


def test_refused_columns_say_why_and_change_nothing(window, data, qtbot):
    dialog = dialog_of(qtbot, TABLE)
    dialog.set_role(2, INPUT)  # no target: the dialog's OK is off, and the document refuses it too
    before = window.model.snapshot()
    assert data.use_columns(dialog, "m.csv") is False
    assert window.errors == [("Cannot open data", "m.csv cannot be opened: Choose at least one target column.")]
    assert window.undo_stack.count() == 0 and window.model.document.equals(before) and window.statuses == []


def test_without_a_training_dock_columns_are_used_and_a_text_is_not(tmp_path, qtbot):
    window = Window(tmp_path, training=False)
    qtbot.addWidget(window)
    data = DataFiles(window, FileActions(str(tmp_path)))
    assert data.use_columns(dialog_of(qtbot, TABLE), "m.csv") is True
    assert window.model.document.config.input_size == 2
    assert data.open_data_path(write(tmp_path, "t.txt", "abc" * 40)) is False  # no task to set up
    assert window.statuses[1:] == [] and window.errors == [] and data.recent() == []


def test_the_data_files_belong_to_the_file_actions(data):
    actions = data.parent()
    assert isinstance(actions, FileActions) and data.file_actions is actions  # deleted with them


# -- recent data files -----------------------------------------------------------------------------
def files(tmp_path, count):
    return [str(write(tmp_path, f"f{k}.txt", "x")) for k in range(count)]


def test_recent_files_keep_the_newest_eight_without_repeats(window, data, tmp_path):
    paths = files(tmp_path, MAX_RECENT_DATA + 2)
    for path in paths:
        data.add_recent(path)
    assert data.recent() == paths[::-1][:MAX_RECENT_DATA]
    data.add_recent(paths[5])
    assert data.recent() == [paths[5]] + [p for p in paths[::-1] if p != paths[5]][:MAX_RECENT_DATA - 1]
    assert list(window.settings.value(RECENT_DATA_KEY)) == data.recent()


def test_recent_files_read_from_settings_are_checked(window, data, tmp_path):
    a, b = files(tmp_path, 2)
    settings = window.settings
    settings.setValue(RECENT_DATA_KEY, a)  # one path: a string
    assert data.recent() == [a]
    settings.setValue(RECENT_DATA_KEY, [a, a, 5, b + "\x00", str(tmp_path), str(tmp_path / "gone.txt"), b])
    assert data.recent() == [a, b]
    assert list(settings.value(RECENT_DATA_KEY)) == [a, b]  # written back without the others
    settings.setValue(RECENT_DATA_KEY, 7)
    assert data.recent() == []


def test_recent_files_cut_to_eight_in_the_settings(window, data, tmp_path):
    paths = files(tmp_path, MAX_RECENT_DATA + 3)
    window.settings.setValue(RECENT_DATA_KEY, paths)
    assert data.recent() == paths[:MAX_RECENT_DATA]
    assert list(window.settings.value(RECENT_DATA_KEY)) == paths[:MAX_RECENT_DATA]


def test_recent_files_unchanged_are_not_written_again(window, data, tmp_path, monkeypatch):
    paths = files(tmp_path, 3)
    window.settings.setValue(RECENT_DATA_KEY, paths)
    writes = []
    monkeypatch.setattr(window, "settings", Recording(window.settings, writes))
    assert data.recent() == paths and writes == []


class Recording:
    """Settings whose writes are recorded."""

    def __init__(self, settings, writes):
        self._settings, self._writes = settings, writes

    def value(self, *args):
        return self._settings.value(*args)

    def setValue(self, key, value):  # noqa: N802 - Qt's name
        self._writes.append((key, value))
        self._settings.setValue(key, value)


def test_clear_recent_forgets_them(window, data, tmp_path):
    data.add_recent(files(tmp_path, 1)[0])
    data.clear_recent()
    assert data.recent() == [] and list(window.settings.value(RECENT_DATA_KEY, [])) == []


def test_the_recent_menu_lists_data_files_numbered_and_marked(window, data, tmp_path, qtbot):
    menu = QMenu()
    assert data.fill_recent_menu(menu, 3) == 0 and menu.actions() == []
    text, table = str(write(tmp_path, "notes.md", "hello there " * 10)), str(write(tmp_path, "m.TSV", "a\tb\n1\t2\n"))
    data.add_recent(text)
    data.add_recent(table)
    assert data.fill_recent_menu(menu, 3) == 2
    actions = menu.actions()
    assert actions[0].isSeparator() and actions[0].text() == "Data files"
    assert [a.text() for a in actions[1:]] == ["&3 m.TSV (data: table)", "&4 notes.md (data: text)"]
    assert actions[2].toolTip() == f"Open {text} as data: the session learns it (undoable)"
    actions[2].trigger()
    assert window.training.tasks[-1][1]["text"] == "hello there " * 10
    actions[1].trigger()
    assert isinstance(data.dialog, ColumnsDialog) and data.dialog.windowTitle() == "Columns of m.TSV"
    data.dialog.reject()


def test_the_module_keeps_data_files_apart_from_sessions():
    assert RECENT_DATA_KEY == "files/recent_data" and data_module.PREVIEW_VALUES == 4
