"""File ▸ Open Data… through the real main window: a text file sets up next-character prediction
as pasting it would, a CSV table becomes the sequence after the columns dialog; dropped files,
recent data files, refusals, undo, and the session keeping what was opened."""

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.files import data as data_module
from lstm_studio.app.files.data import INPUT, SERIES, TARGET, UNUSED, ColumnsDialog
from lstm_studio.app.window.main_window import MainWindow
from lstm_studio.session.data_files import parse_csv
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.io import load_session
from lstm_studio.session.model import SessionModel

KOREAN = "다람쥐 헌 쳇바퀴에 타고파. 😀 다람쥐가 쳇바퀴를 돕니다.\n"
TABLE = "time,force,speed\n" + "".join(f"{t},{np.sin(t):.4f},{t * 0.5}\n" for t in range(12))


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    configure_pyqtgraph()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    document = new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=3, seq_len=8), seed=1)
    window = MainWindow(SessionModel(document), settings, restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    return window


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def open_data(window, dialogs, path) -> bool:
    dialogs.answers["getOpenFileName"] = (str(path), "")
    return window.file_actions.data.open_data()


def drag_event(kind, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    return (QDragEnterEvent(*args) if kind == "enter" else QDropEvent(*args)), mime


def drop(window, path):
    enter, _mime = drag_event("enter", path)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event, _mime = drag_event("drop", path)
    QApplication.sendEvent(window, event)


# -- text ---------------------------------------------------------------------------------------
def test_file_menu_has_open_data_with_its_shortcut(window):
    action = window.file_actions.open_data_action
    assert action in window.menu("File").actions()
    assert action.shortcut() == QKeySequence("Ctrl+Shift+O")
    assert "CSV" in action.toolTip() and "text" in action.toolTip()


def test_a_text_file_sets_up_the_task_exactly_as_pasting_it(window, tmp_path, dialogs):
    path = write(tmp_path, "squirrel.txt", KOREAN.replace("\n", "\r\n"))
    before = window.model.snapshot()
    assert open_data(window, dialogs, path)
    assert dialogs.calls[-1][0] == "getOpenFileName" and "*.csv" in dialogs.calls[-1][1][3]
    opened = window.model.snapshot()
    assert opened.task == "next_char" and opened.training["task_options"]["text"] == KOREAN
    assert opened.config.input_size == opened.config.output_size == len(set(KOREAN))
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "Open text squirrel.txt"
    assert window.training.text_edit.toPlainText() == KOREAN

    window.undo_stack.undo()
    assert window.model.document.equals(before)  # one undo gives back the previous session
    window.training.text_edit.setPlainText(KOREAN)
    window.training.use_text_button.click()
    assert window.model.document.equals(opened)  # as pasting the text and "Use this text" does


def test_a_refused_text_file_says_why_and_changes_nothing(window, tmp_path, dialogs):
    path = write(tmp_path, "picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    before = window.model.snapshot()
    assert not open_data(window, dialogs, path)
    kind, args, _ = dialogs.calls[-1]
    assert kind == "warning" and args[1] == "Cannot open data"
    assert args[2] == ("picture.txt cannot be opened: The file looks binary, not like text: it holds a NUL "
                       "byte at byte offset 8.")
    assert window.model.document.equals(before) and window.undo_stack.count() == 0
    assert window.file_actions.data.recent() == []


def test_a_cancelled_dialog_opens_nothing(window, dialogs):
    before = window.model.snapshot()
    assert not window.file_actions.data.open_data()
    assert window.model.document.equals(before) and window.undo_stack.count() == 0


def test_dropping_a_text_file_opens_it_as_data(window, tmp_path, qtbot):
    path = write(tmp_path, "notes.txt", "a small text to learn, with enough characters.\n")
    drop(window, path)
    qtbot.waitUntil(lambda: window.model.document.task == "next_char")
    assert window.model.document.training["task_options"]["text"] == path.read_text()
    assert window.windowFilePath() == ""  # the session's file is not the data file


def test_the_session_keeps_the_text_after_the_file_is_gone(window, tmp_path, dialogs):
    data = write(tmp_path, "squirrel.txt", KOREAN)
    assert open_data(window, dialogs, data)
    opened = window.model.snapshot()
    session = tmp_path / "learned.lstms"
    assert window.file_actions.save_to(str(session))
    data.unlink()
    assert window.file_actions.new()
    assert window.file_actions.open_path(session)
    assert window.model.document.equals(opened)
    assert window.model.document.training["task_options"]["text"] == KOREAN
    assert load_session(session).training["task_options"]["text"] == KOREAN


# -- recent files --------------------------------------------------------------------------------
def test_opened_data_files_are_recent_and_marked_apart_from_sessions(window, tmp_path, dialogs):
    text = write(tmp_path, "notes.txt", "a small text to learn, with enough characters.\n")
    table = write(tmp_path, "table.csv", TABLE)
    assert open_data(window, dialogs, text)
    assert window.file_actions.save_to(str(tmp_path / "s.lstms"))
    assert open_data(window, dialogs, table)
    window.file_actions.data.dialog.reject()
    data = window.file_actions.data
    assert data.recent() == [str(table.resolve()), str(text.resolve())]
    assert window.file_actions.recent_files() == [str((tmp_path / "s.lstms").resolve())]

    menu = window.file_actions.recent_menu
    menu.aboutToShow.emit()
    texts = [a.text() for a in menu.actions()]
    assert "&1 s.lstms" in texts
    assert "&2 table.csv (data: table)" in texts and "&3 notes.txt (data: text)" in texts
    assert "Data files" in texts  # the section's heading

    # the recent entry opens the text again (after the session moved on)
    window.undo_stack.undo()
    entry = next(a for a in menu.actions() if a.text() == "&3 notes.txt (data: text)")
    assert window.undo_stack.index() == 0
    entry.trigger()
    assert window.undo_stack.index() == 1 and window.undo_stack.undoText() == "Open text notes.txt"
    assert window.model.document.training["task_options"]["text"] == text.read_text()

    clear = next(a for a in menu.actions() if "Clear" in a.text())
    clear.trigger()
    assert data.recent() == [] and window.file_actions.recent_files() == []


def test_missing_recent_data_files_are_dropped(window, tmp_path):
    data = window.file_actions.data
    present = write(tmp_path, "a.txt", "x")
    data.add_recent(str(tmp_path / "gone.txt"))
    data.add_recent(str(present))
    assert data.recent() == [str(present)]


# -- CSV ------------------------------------------------------------------------------------------
def test_a_csv_file_asks_for_the_columns_and_becomes_the_sequence(window, tmp_path, dialogs):
    path = write(tmp_path, "motion.csv", TABLE)
    before = window.model.snapshot()
    assert open_data(window, dialogs, path)
    dialog = window.file_actions.data.dialog
    assert isinstance(dialog, ColumnsDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Columns of motion.csv"
    assert dialog.columns() == ([0, 1], [2])  # all but the last are inputs, the last the target
    assert window.undo_stack.count() == 0  # nothing changes until the columns are chosen

    dialog.set_role(0, UNUSED)
    dialog.accept()
    document = window.model.document
    table = parse_csv(TABLE)
    assert document.config.seq_len == 12
    assert (document.config.input_size, document.config.output_size) == (1, 1)
    np.testing.assert_array_equal(document.inputs, table.values[:, [1]])
    np.testing.assert_array_equal(document.targets, table.values[:, [2]])
    assert document.loss == "mse" and document.task is None
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "Open table motion.csv"
    window.undo_stack.undo()
    assert window.model.document.equals(before)


def test_the_columns_dialog_needs_an_input_and_a_target(window, qtbot):
    dialog = ColumnsDialog(window, parse_csv(TABLE), "motion.csv")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.isEnabled()
    for column in range(3):
        dialog.set_role(column, TARGET)
    assert not ok.isEnabled() and dialog.summary.text() == "Choose at least one input column."
    dialog.set_role(0, INPUT)
    dialog.set_role(1, INPUT)
    dialog.set_role(2, UNUSED)
    assert not ok.isEnabled() and dialog.summary.text() == "Choose at least one target column."
    dialog.set_role(2, TARGET)
    assert ok.isEnabled() and "12 steps" in dialog.summary.text()
    assert dialog.table.item(0, 0).text() == "Column 1: time"
    assert dialog.table.item(1, 1).text().startswith("0, 0.8415, 0.9093, 0.1411")


def test_a_cancelled_columns_dialog_changes_nothing(window, tmp_path, dialogs):
    before = window.model.snapshot()
    assert open_data(window, dialogs, write(tmp_path, "m.csv", TABLE))
    window.file_actions.data.dialog.reject()
    assert window.model.document.equals(before) and window.undo_stack.count() == 0


@pytest.mark.parametrize("content, message", [
    ("a,b\n1,2\n3\n", "The number of cells changes at row 3: 1 there, 2 in row 1. Every row needs the same "
                      "number of columns."),
    ("a,b\n1,2\n3,NaN\n", 'Row 3, column 2 (b) holds "NaN": NaN and infinite values cannot be learned from.'),
    ("1,2\n3,x\n", 'Row 2, column 2 holds "x", which is not a number.'),
])
def test_a_refused_csv_file_names_row_and_column(window, tmp_path, dialogs, content, message):
    before = window.model.snapshot()
    assert not open_data(window, dialogs, write(tmp_path, "bad.csv", content))
    assert dialogs.calls[-1][0] == "warning"
    assert dialogs.calls[-1][1][2] == f"bad.csv cannot be opened: {message}"
    assert window.file_actions.data.dialog is None
    assert window.model.document.equals(before)


def test_dropping_a_csv_file_opens_the_columns_dialog(window, tmp_path, qtbot):
    drop(window, write(tmp_path, "motion.csv", TABLE))
    qtbot.waitUntil(lambda: window.file_actions.data.dialog is not None)
    window.file_actions.data.dialog.accept()
    assert window.model.document.config.seq_len == 12
    assert window.model.document.config.input_size == 2


def test_the_session_keeps_the_table_after_the_file_is_gone(window, tmp_path, dialogs):
    data = write(tmp_path, "motion.csv", TABLE)
    assert open_data(window, dialogs, data)
    window.file_actions.data.dialog.accept()
    opened = window.model.snapshot()
    session = tmp_path / "motion.lstms"
    assert window.file_actions.save_to(str(session))
    data.unlink()
    assert window.file_actions.open_path(session, ask=False)
    assert window.model.document.equals(opened)


def headers(editor) -> list[str]:
    table = editor.table_model
    return [table.headerData(k, Qt.Orientation.Horizontal) for k in range(table.columnCount())]


def legend(window) -> list[str]:
    return [label.text for _, label in window.panels["output"].outputs.legend.items]


def test_the_columns_keep_their_names_in_the_editors_and_the_output_legend(window, tmp_path, dialogs):
    data = write(tmp_path, "motion.csv", TABLE)
    assert open_data(window, dialogs, data)
    window.file_actions.data.dialog.accept()
    editing = window.editing
    assert headers(editing.inputs) == ["time", "force"] and headers(editing.targets) == ["speed"]
    tip = editing.inputs.table_model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Channel x1: the column “force” of the table"
    assert editing.inputs.channel.itemText(2) == "Channel 1 (force)"
    assert legend(window) == ["ŷ speed", "speed (target)"]
    session = tmp_path / "motion.lstms"  # saved and opened again: the names too
    assert window.file_actions.save_to(str(session))
    window.undo_stack.undo()
    assert headers(editing.inputs) == ["x0", "x1"] and legend(window) == ["ŷ0", "y0 (target)"]
    assert window.file_actions.open_path(session, ask=False)
    assert headers(window.editing.inputs) == ["time", "force"] and legend(window) == ["ŷ speed", "speed (target)"]


def test_a_table_without_header_keeps_x0_and_y0(window, tmp_path, dialogs):
    assert open_data(window, dialogs, write(tmp_path, "plain.csv", "1,2,3\n4,5,6\n7,8,9\n"))
    window.file_actions.data.dialog.accept()
    assert headers(window.editing.inputs) == ["x0", "x1"] and legend(window) == ["ŷ0", "y0 (target)"]


def test_a_single_column_csv_is_a_series_that_predicts_the_next_value(window, tmp_path, dialogs):
    values = [float(v) for v in range(1, 11)]
    assert open_data(window, dialogs, write(tmp_path, "level.csv", "level\n" + "".join(f"{v}\n" for v in values)))
    dialog = window.file_actions.data.dialog
    assert dialog.roles[0].currentData() == SERIES and dialog.columns() == ([0], [0])
    assert dialog.findChildren(QLabel)[0].text() == (
        "10 rows of one column of numbers, a series: the network reads the value of each row and should "
        "output the next row's.")
    assert "9 steps" in dialog.summary.text() and "next row" in dialog.summary.text()
    dialog.accept()
    document = window.model.document
    assert document.config.seq_len == 9 and document.config.input_size == document.config.output_size == 1
    np.testing.assert_array_equal(document.inputs[:, 0], values[:-1])
    np.testing.assert_array_equal(document.targets[:, 0], values[1:])
    assert headers(window.editing.inputs) == ["level"] and headers(window.editing.targets) == ["level"]
    assert legend(window) == ["ŷ level", "level (target)"]


def test_a_series_of_one_row_cannot_be_chosen(window, qtbot):
    dialog = ColumnsDialog(window, parse_csv("level\n5\n"), "one.csv")
    qtbot.addWidget(dialog)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert dialog.summary.text() == "The table has one row; predicting the next value needs at least two."


def test_any_column_can_be_a_series(window, qtbot):
    dialog = ColumnsDialog(window, parse_csv(TABLE), "motion.csv")
    qtbot.addWidget(dialog)
    dialog.set_role(0, UNUSED)
    dialog.set_role(1, INPUT)
    dialog.set_role(2, SERIES)
    assert dialog.columns() == ([1, 2], [2]) and "11 steps" in dialog.summary.text()


def test_the_dialog_module_names_what_it_stores():
    assert data_module.RECENT_DATA_KEY != "files/recent"


# -- Korean ---------------------------------------------------------------------------------------
@pytest.fixture
def korean(qapp, tmp_path, monkeypatch):
    """The Korean interface from this checkout's catalogue, English again after."""
    from pathlib import Path

    from lstm_studio.app import i18n

    monkeypatch.setattr(i18n, "cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(i18n, "translations_dir",
                        lambda: Path(__file__).resolve().parents[2] / "resources" / "translations")
    settings = QSettings()
    i18n.save_language(settings, "ko")
    assert i18n.install_translator(qapp, settings) == "ko"
    yield i18n
    i18n.remove_translators(qapp)


def test_refusals_read_in_korean_and_leave_names_and_cells_as_they_are(korean):
    from lstm_studio.engine.refusal import Refusal
    from lstm_studio.session.data_files import decode_text

    with pytest.raises(Refusal) as info:
        parse_csv("input size,b\n1,2\n3,NaN\n")
    assert korean.error_text(info.value) == '3행 2열(b)의 값이 "NaN"입니다: NaN과 무한대 값으로는 학습할 수 없습니다.'
    with pytest.raises(Refusal) as info:
        parse_csv("input size,b\n1,2\n3,input size\n")
    assert korean.error_text(info.value) == '3행 2열(b)의 값 "input size"은(는) 숫자가 아닙니다.'
    with pytest.raises(Refusal) as info:
        parse_csv("input size,b\n1,2\n,5\n")
    assert korean.error_text(info.value) == "3행 1열(input size)이(가) 비어 있습니다. 모든 칸에 숫자가 있어야 합니다."
    with pytest.raises(Refusal) as info:
        decode_text(b"ab\x00")
    assert korean.error_text(info.value) == "텍스트가 아니라 이진 파일로 보입니다: 바이트 오프셋 2에 NUL 바이트가 있습니다."


def test_the_columns_dialog_in_korean(korean, window, qtbot):
    dialog = ColumnsDialog(window, parse_csv(TABLE), "motion.csv")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "motion.csv의 열"
    assert dialog.roles[0].currentText() == "입력" and dialog.roles[2].currentText() == "목표값"
    assert dialog.table.item(0, 0).text() == "1열: time"


def test_a_long_column_name_is_whole_in_the_channel_list(window, tmp_path, dialogs):
    long_name = "right ankle angular velocity (degrees per second)"
    assert open_data(window, dialogs, write(tmp_path, "gait.csv", f"time,{long_name},speed\n"
                                                                  "0,1,2\n1,2,3\n2,3,4\n3,4,5\n"))
    window.file_actions.data.dialog.accept()
    channel = window.editing.inputs.channel
    assert channel.itemText(2) == f"Channel 1 ({long_name})"
    assert channel.itemData(2, Qt.ItemDataRole.ToolTipRole) == channel.itemText(2)  # cut in the box: whole here
    view = channel.view()  # and the open list is wide enough for it
    assert view.minimumWidth() >= view.fontMetrics().horizontalAdvance(channel.itemText(2))
