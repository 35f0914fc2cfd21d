"""File menu through the real main window: new, open, recent, save, save as, revert, close and
open with unsaved changes, drag and drop, parameter import/export."""

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.files import actions as file_actions
from lstm_studio.app.window.main_window import MainWindow
from lstm_studio.session import params_io
from lstm_studio.session.document import NetworkConfig, new_document, opening_view
from lstm_studio.session.io import load_session, save_session
from lstm_studio.session.model import SessionModel
from lstm_studio.session.params_io import parameter_arrays, torch_available

Button = QMessageBox.StandardButton


def small_document(seed=1, hidden=3):
    return new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=hidden, seq_len=8), seed=seed)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """A main window on a small session, with its own settings file and data folder."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # QStandardPaths test mode lives in $HOME
    configure_pyqtgraph()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(SessionModel(small_document()), settings, restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    return window


def edit(window, value=0.5):
    """A user edit: one undoable change of the inputs."""
    from lstm_studio.app.editors.commands import SetArrayCommand

    inputs = window.model.document.inputs.copy()
    inputs[0, 0] = value
    window.undo_stack.push(SetArrayCommand(window.model, "inputs", inputs, "Edit input"))


def saved_file(tmp_path, name="s.lstms", seed=2):
    path = tmp_path / name
    save_session(small_document(seed=seed), path)
    return path


def action(window, text):
    """The File-menu action whose text (without &) is ``text``."""
    for candidate in window.menu("File").actions():
        if candidate.text().replace("&", "") == text:
            return candidate
    raise AssertionError(f"no action {text!r}")


def test_file_menu_has_the_actions_with_their_shortcuts(window):
    expected = {"New": QKeySequence.StandardKey.New, "Open…": QKeySequence.StandardKey.Open,
                "Save": QKeySequence.StandardKey.Save}
    for text, key in expected.items():
        assert action(window, text).shortcut() == QKeySequence(key)
    assert action(window, "Save As…").shortcut() == QKeySequence("Ctrl+Shift+S")
    for text in ("Open Recent", "Revert", "Import Parameters…", "Export Parameters…", "Export", "Quit"):
        assert action(window, text).toolTip()


def test_title_shows_file_name_and_star_while_modified(window, tmp_path, dialogs):
    assert window.windowTitle().startswith("Untitled[*]")
    assert not window.isWindowModified()
    edit(window)
    assert window.isWindowModified()
    path = tmp_path / "named"
    dialogs.answers["getSaveFileName"] = (str(path), "")
    action(window, "Save").trigger()  # untitled: Save asks for a name
    assert window.windowTitle().startswith("named.lstms[*]")
    assert not window.isWindowModified()
    assert load_session(tmp_path / "named.lstms").equals(window.model.document)


def test_save_writes_to_the_current_file_and_marks_saved(window, tmp_path):
    path = saved_file(tmp_path)
    assert file_actions.open_path(window, path)
    edit(window, 3.0)
    assert window.isWindowModified()
    action(window, "Save").trigger()
    assert not window.model.is_modified
    assert window.undo_stack.isClean()
    assert load_session(path).inputs[0, 0] == 3.0


def test_save_failure_is_reported_and_keeps_the_session_modified(window, tmp_path, dialogs):
    edit(window)
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "missing" / "x.lstms"), "")
    action(window, "Save As…").trigger()
    assert [c[0] for c in dialogs.calls][-1] == "warning"
    assert "Cannot save" in dialogs.calls[-1][1][2]
    assert window.model.is_modified
    assert window.windowFilePath() == ""


def test_open_replaces_the_document_and_clears_the_undo_history(window, tmp_path, dialogs):
    path = saved_file(tmp_path)
    edit(window)
    dialogs.answers["question"] = Button.Discard
    dialogs.answers["getOpenFileName"] = (str(path), "")
    action(window, "Open…").trigger()
    assert window.model.document.equals(load_session(path))
    assert window.undo_stack.count() == 0
    assert not window.model.is_modified
    assert window.windowFilePath() == str(path.resolve())
    assert window.windowTitle().startswith("s.lstms[*]")


def test_open_with_unsaved_changes_cancel_keeps_everything(window, tmp_path, dialogs):
    path = saved_file(tmp_path)
    edit(window)
    before = window.model.snapshot()
    dialogs.answers["question"] = Button.Cancel
    assert not file_actions.open_path(window, path)
    assert [c[0] for c in dialogs.calls] == ["question"]
    buttons = dialogs.calls[0][1][3]
    assert buttons == Button.Save | Button.Discard | Button.Cancel
    assert window.model.document.equals(before)
    assert window.model.is_modified


def test_open_with_unsaved_changes_save_saves_first(window, tmp_path, dialogs):
    first = saved_file(tmp_path, "first.lstms")
    second = saved_file(tmp_path, "second.lstms", seed=5)
    file_actions.open_path(window, first)
    edit(window, 7.0)
    dialogs.answers["question"] = Button.Save
    assert file_actions.open_path(window, second)
    assert load_session(first).inputs[0, 0] == 7.0
    assert window.windowFilePath() == str(second.resolve())


def test_broken_file_is_refused_with_a_message_and_nothing_changes(window, tmp_path, dialogs):
    bad = tmp_path / "bad.lstms"
    bad.write_bytes(b"not a session")
    before = window.model.snapshot()
    assert not file_actions.open_path(window, bad)
    name, args, _ = dialogs.calls[-1]
    assert name == "warning"
    assert "bad.lstms cannot be opened" in args[2] and "not a zip archive" in args[2]
    assert window.model.document.equals(before)
    assert window.windowFilePath() == ""


def test_close_with_unsaved_changes_cancel_keeps_the_window_open(window, dialogs):
    edit(window)
    dialogs.answers["question"] = Button.Cancel
    assert not window.close()
    assert window.isVisible()
    dialogs.answers["question"] = Button.Discard
    assert window.close()


def test_close_with_unsaved_changes_save_writes_the_file(window, tmp_path, dialogs):
    path = saved_file(tmp_path)
    file_actions.open_path(window, path)
    edit(window, 9.0)
    dialogs.answers["question"] = Button.Save
    assert window.close()
    assert load_session(path).inputs[0, 0] == 9.0


def test_close_without_changes_asks_nothing(window, dialogs):
    assert window.close()
    assert dialogs.calls == []


def test_new_starts_an_untitled_session(window, tmp_path, dialogs):
    file_actions.open_path(window, saved_file(tmp_path))
    action(window, "New").trigger()
    assert window.windowFilePath() == ""
    # shown as it opens: the whole sequence, the cursor at the last step with a loss (t = T)
    assert window.model.document.equals(opening_view(new_document()))
    view = window.model.view
    assert (view.display_mode, view.time_step) == ("whole", window.model.config.seq_len - 1)
    assert window.transport.whole_action.isChecked()
    assert not window.model.is_modified


def test_revert_reloads_the_file_after_asking(window, tmp_path, dialogs):
    path = saved_file(tmp_path)
    file_actions.open_path(window, path)
    revert = action(window, "Revert")
    assert not revert.isEnabled()
    edit(window, 4.0)
    assert revert.isEnabled()
    dialogs.answers["question"] = Button.No
    revert.trigger()
    assert window.model.document.inputs[0, 0] == 4.0
    dialogs.answers["question"] = Button.Yes
    revert.trigger()
    assert window.model.document.equals(load_session(path))
    assert not window.model.is_modified


def test_recent_files_keep_eight_newest_and_drop_missing_ones(window, tmp_path):
    paths = [saved_file(tmp_path, f"f{k}.lstms") for k in range(10)]
    for path in paths:
        file_actions.open_path(window, path)
    actions = window.file_actions
    assert actions.recent_files() == [str(p.resolve()) for p in reversed(paths)][:8]
    paths[9].unlink()
    assert actions.recent_files()[0] == str(paths[8].resolve())
    assert len(actions.recent_files()) == 7
    menu = actions.recent_menu
    menu.aboutToShow.emit()
    entries = [a for a in menu.actions() if a.toolTip().endswith(".lstms")]
    assert [a.toolTip() for a in entries] == actions.recent_files()
    entries[-1].trigger()
    assert window.windowFilePath() == str(paths[2].resolve())


def test_recent_files_survive_in_settings_and_can_be_cleared(window, tmp_path):
    file_actions.open_path(window, saved_file(tmp_path))
    window.settings.sync()
    again = QSettings(window.settings.fileName(), QSettings.Format.IniFormat)
    assert again.value(file_actions.RECENT_KEY) in ([str((tmp_path / "s.lstms").resolve())],
                                                     str((tmp_path / "s.lstms").resolve()))
    window.file_actions.recent_menu.aboutToShow.emit()
    clear = [a for a in window.file_actions.recent_menu.actions() if "Clear" in a.text()][0]
    clear.trigger()
    assert window.file_actions.recent_files() == []


def drag_event(kind, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    return (QDragEnterEvent(*args) if kind == "enter" else QDropEvent(*args)), mime


def test_dropping_a_session_file_opens_it(window, tmp_path, qtbot):
    path = saved_file(tmp_path)
    assert window.acceptDrops()
    enter, _mime = drag_event("enter", path)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop, _mime = drag_event("drop", path)
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: window.windowFilePath() == str(path.resolve()))
    assert window.model.document.equals(load_session(path))


def test_other_files_are_not_accepted_for_dropping(window, tmp_path):
    other = tmp_path / "notes.pdf"
    other.write_text("hi")
    enter, _mime = drag_event("enter", other)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_window_made_with_a_path_shows_it_in_the_title(qtbot, tmp_path, monkeypatch):
    from lstm_studio.app.application import make_window

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = saved_file(tmp_path)
    monkeypatch.chdir(tmp_path)
    window = make_window(load_session(path), "s.lstms", restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().startswith("s.lstms[*]")
    assert window.windowFilePath() == str(path.resolve())
    assert window.file_actions.recent_files()[0] == str(path.resolve())
    edit(window, 2.0)
    window.file_actions.save()
    assert load_session(path).inputs[0, 0] == 2.0


def test_import_parameters_is_one_undoable_edit(window, tmp_path, dialogs):
    rng = np.random.default_rng(3)
    values = {k: rng.normal(size=v.shape) for k, v in parameter_arrays(window.model.document).items()}
    np.savez(tmp_path / "w.npz", **values)
    before = window.model.snapshot()
    dialogs.answers["getOpenFileName"] = (str(tmp_path / "w.npz"), "")
    action(window, "Import Parameters…").trigger()
    np.testing.assert_array_equal(window.model.document.parameters["weight_hh_l0"], values["weight_hh_l0"])
    np.testing.assert_array_equal(window.model.document.readout["bias"], values["readout.bias"])
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.model.document.equals(before)


def test_import_of_parameters_that_do_not_fit_says_what_is_wrong(window, tmp_path, dialogs):
    other = small_document(hidden=5)
    np.savez(tmp_path / "w.npz", **parameter_arrays(other))
    dialogs.answers["getOpenFileName"] = (str(tmp_path / "w.npz"), "")
    before = window.model.snapshot()
    action(window, "Import Parameters…").trigger()
    name, args, _ = dialogs.calls[-1]
    assert name == "warning"
    assert "weight_hh_l0: expected (12, 3), file has (20, 5)" in args[2]
    assert window.model.document.equals(before)
    assert window.undo_stack.count() == 0


def test_parameters_of_the_1997_lstm_are_refused_before_any_file_dialog(window, dialogs):
    window.model.set_config(kind="lstm_nofg")
    before = window.model.snapshot()
    for text in ("Export Parameters…", "Import Parameters…"):
        action(window, text).trigger()
        name, args, _ = dialogs.calls[-1]
        assert name == "warning" and "PyTorch has no LSTM without a forget gate" in args[2]
    assert [call[0] for call in dialogs.calls] == ["warning", "warning"]
    assert window.model.document.equals(before)


def test_export_parameters_writes_an_npz(window, tmp_path, dialogs):
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "params"), "NumPy archives (*.npz)")
    action(window, "Export Parameters…").trigger()
    with np.load(tmp_path / "params.npz", allow_pickle=False) as data:
        np.testing.assert_array_equal(data["weight_ih_l0"], window.model.document.parameters["weight_ih_l0"])


# -- recent files: each file once ----------------------------------------------------------------
def test_recent_files_hold_each_file_once(window, tmp_path):
    first, second = saved_file(tmp_path, "a.lstms"), saved_file(tmp_path, "b.lstms")
    for path in (first, second, first, first):
        assert file_actions.open_path(window, path)
    assert window.file_actions.save_to(str(first))
    expected = [str(first.resolve()), str(second.resolve())]
    assert list(window.settings.value(file_actions.RECENT_KEY)) == expected  # stored once
    assert window.file_actions.recent_files() == expected
    window.file_actions.recent_menu.aboutToShow.emit()
    entries = [a.toolTip() for a in window.file_actions.recent_menu.actions() if a.toolTip().endswith(".lstms")]
    assert entries == expected


def test_recent_files_written_twice_elsewhere_are_listed_once(window, tmp_path):
    path = str(saved_file(tmp_path).resolve())
    window.settings.setValue(file_actions.RECENT_KEY, [path, path, 5, "\x00bad", path])
    assert window.file_actions.recent_files() == [path]


@pytest.mark.parametrize("stored", [5, 2.5, True, {"a": 1}, None])
def test_recent_files_of_the_wrong_type_in_the_settings_are_ignored(window, stored):
    window.settings.setValue(file_actions.RECENT_KEY, stored)
    assert window.file_actions.recent_files() == []
    window.file_actions.recent_menu.aboutToShow.emit()  # the menu opens too


# -- the door: what opens can be saved, and what cannot be saved does not get in ------------------
def test_a_text_that_is_not_unicode_is_refused_by_the_text_task_and_changes_nothing(window, dialogs):
    before = window.model.snapshot()
    assert not window.training.choose_task("next_char", text="ab\ud800cd" * 10)
    assert dialogs.calls[-1][0] == "warning" and "not valid Unicode" in dialogs.calls[-1][1][2]
    assert window.model.document.equals(before)
    assert window.undo_stack.count() == 0


def test_a_file_with_such_text_is_refused_on_open_and_nothing_changes(window, tmp_path, dialogs):
    import json

    from lstm_studio.session import io as session_io
    from lstm_studio.session.experiments import task_document

    meta, arrays = session_io.encode(task_document("next_char"))
    meta["training"]["task_options"]["text"] = "ab\ud800cd"
    path = tmp_path / "bad.lstms"
    with open(path, "wb") as fh:
        session_io.write_archive(fh, json.dumps(meta), arrays)  # JSON escapes it as \ud800
    before = window.model.snapshot()
    assert not window.file_actions.open_path(path)
    assert "not valid Unicode" in dialogs.calls[-1][1][2]
    assert window.model.document.equals(before)


def test_a_session_that_cannot_be_saved_says_why_and_keeps_the_file(window, tmp_path, dialogs):
    path = saved_file(tmp_path)
    assert file_actions.open_path(window, path)
    before = path.read_bytes()
    window.model.document.training["note"] = "x\udfff"  # got in past every door
    window.model.set_inputs(window.model.document.inputs + 1.0)
    assert not window.file_actions.save()
    assert dialogs.calls[-1][0] == "warning" and "not valid Unicode" in dialogs.calls[-1][1][2]
    assert path.read_bytes() == before
    assert window.model.is_modified


def test_saving_through_a_link_keeps_the_link(window, tmp_path, dialogs):
    target = saved_file(tmp_path, "target.lstms")
    link = tmp_path / "link.lstms"
    link.symlink_to(target)
    edit(window, 3.0)
    dialogs.answers["getSaveFileName"] = (str(link), "")
    assert window.file_actions.save_as()
    assert link.is_symlink()
    assert load_session(target).equals(window.model.document)


def test_saving_over_a_pipe_is_refused_with_a_message(window, tmp_path, dialogs):
    import os
    import stat

    fifo = tmp_path / "pipe.lstms"
    os.mkfifo(fifo)
    dialogs.answers["getSaveFileName"] = (str(fifo), "")
    assert not window.file_actions.save_as()
    assert "not a regular file" in dialogs.calls[-1][1][2]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not window.file_actions.open_path(fifo)  # and opening it does not wait for a writer


def test_parameters_beyond_the_limit_are_refused_on_import_and_nothing_changes(window, tmp_path, dialogs):
    arrays = parameter_arrays(window.model.document)
    arrays["weight_hh_l0"] = arrays["weight_hh_l0"] + 1e300
    np.savez(tmp_path / "huge.npz", **arrays)
    dialogs.answers["getOpenFileName"] = (str(tmp_path / "huge.npz"), "")
    before = window.model.snapshot()
    assert not window.file_actions.import_parameters()
    assert "weight_hh_l0: holds 1e+300, beyond ±1e+06" in dialogs.calls[-1][1][2]
    assert window.model.document.equals(before) and window.undo_stack.count() == 0


# -- what the file dialogs are given, and what comes of their answers (issue 17: mutation testing) --
def _dialog_call(dialogs, name):
    calls = [call for call in dialogs.calls if call[0] == name]
    assert len(calls) == 1, dialogs.calls
    return calls[0][1]


def test_open_asks_in_the_sessions_folder_for_session_files(window, tmp_path, dialogs):
    path = saved_file(tmp_path)
    assert window.file_actions.open_path(path)
    dialogs.calls.clear()
    assert not window.file_actions.open()  # cancelled: nothing opened
    parent, title, folder, filters = _dialog_call(dialogs, "getOpenFileName")
    assert parent is window and title == "Open Session"
    assert folder == str(path.resolve().parent)
    assert filters == "LSTM Studio sessions (*.lstms);;All files (*)"
    assert window.windowFilePath() == str(path.resolve()) and window.statusBar().currentMessage() == "Opened s.lstms."


def test_open_reports_a_broken_file_by_name_and_returns_false(window, tmp_path, dialogs):
    broken = tmp_path / "broken.lstms"
    broken.write_bytes(b"not a session")
    dialogs.answers["getOpenFileName"] = (str(broken), "")
    assert not window.file_actions.open()
    parent, title, message = _dialog_call(dialogs, "warning")[:3]
    assert parent is window and title == "Cannot open session"
    assert message.startswith("broken.lstms cannot be opened: ")


def test_save_as_suggests_untitled_in_the_home_folder_and_adds_the_suffix(window, tmp_path, dialogs):
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "mine"), "")
    assert window.file_actions.save_as()
    parent, title, suggested, filters = _dialog_call(dialogs, "getSaveFileName")
    assert parent is window and title == "Save Session As"
    assert suggested == str(tmp_path / "home" / "Untitled.lstms")
    assert filters == "LSTM Studio sessions (*.lstms);;All files (*)"
    assert window.windowFilePath() == str((tmp_path / "mine.lstms").resolve())
    assert load_session(tmp_path / "mine.lstms").equals(window.model.document)
    assert window.statusBar().currentMessage() == "Saved mine.lstms."


def test_save_as_suggests_the_current_file_and_keeps_a_suffix_in_capitals(window, tmp_path, dialogs):
    assert window.file_actions.save_to(str(tmp_path / "first.lstms"))
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "SECOND.LSTMS"), "")
    assert window.file_actions.save_as()
    assert _dialog_call(dialogs, "getSaveFileName")[2] == str((tmp_path / "first.lstms").resolve())
    assert (tmp_path / "SECOND.LSTMS").is_file() and not (tmp_path / "SECOND.LSTMS.lstms").exists()


def test_save_as_cancelled_writes_nothing(window, tmp_path, dialogs):
    edit(window)
    assert not window.file_actions.save_as()
    assert window.model.is_modified and window.windowFilePath() == ""
    assert list(tmp_path.glob("*.lstms")) == []


NEEDS_TORCH = pytest.mark.skipif(not torch_available(), reason="writing a .pt/.pth file needs PyTorch")
"""(PyTorch is never a requirement: without it the app offers and writes .npz only.)"""


def parameter_filters() -> str:
    """What the parameter dialogs offer: .pt/.pth only when PyTorch is installed."""
    npz = "NumPy archives (*.npz)"
    return npz + ";;PyTorch state dicts (*.pt *.pth)" if torch_available() else npz


@pytest.mark.parametrize("installed", [True, False])
def test_the_pytorch_format_is_offered_only_when_pytorch_is_installed(window, dialogs, monkeypatch, installed):
    monkeypatch.setattr(params_io, "torch_available", lambda: installed)
    window.file_actions.export_parameters()
    window.file_actions.import_parameters()
    offered = {_dialog_call(dialogs, name)[3] for name in ("getSaveFileName", "getOpenFileName")}
    assert offered == {"NumPy archives (*.npz)" + (";;PyTorch state dicts (*.pt *.pth)" if installed else "")}


def test_export_parameters_suggests_the_sessions_name_and_offers_both_formats(window, tmp_path, dialogs):
    path = saved_file(tmp_path, "net.lstms")
    assert window.file_actions.open_path(path)
    dialogs.calls.clear()
    assert not window.file_actions.export_parameters()  # cancelled
    parent, title, suggested, filters = _dialog_call(dialogs, "getSaveFileName")
    assert parent is window and title == "Export Parameters"
    assert suggested == str(path.resolve().parent / "net.npz")
    assert filters == parameter_filters()
    assert list(tmp_path.glob("net.npz")) == []


@pytest.mark.parametrize("answer, chosen, written", [
    ("params", "NumPy archives (*.npz)", "params.npz"),
    ("params.NPZ", "PyTorch state dicts (*.pt *.pth)", "params.NPZ"),
    pytest.param("params.pth", "NumPy archives (*.npz)", "params.pth", marks=NEEDS_TORCH),
    pytest.param("params", "PyTorch state dicts (*.pt *.pth)", "params.pt", marks=NEEDS_TORCH),
])
def test_export_parameters_adds_the_suffix_of_the_chosen_format_unless_one_is_given(
        window, tmp_path, dialogs, answer, chosen, written):
    dialogs.answers["getSaveFileName"] = (str(tmp_path / answer), chosen)
    assert window.file_actions.export_parameters()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("params")] == [written]
    assert window.statusBar().currentMessage() == f"Exported parameters to {written}."


def test_export_parameters_that_cannot_be_written_says_why(window, tmp_path, dialogs):
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "missing" / "params.npz"), "NumPy archives (*.npz)")
    assert not window.file_actions.export_parameters()
    parent, title, message = _dialog_call(dialogs, "warning")[:3]
    assert parent is window and title == "Cannot export parameters" and message


def test_import_parameters_asks_for_parameter_files_and_names_the_file(window, tmp_path, dialogs):
    rng = np.random.default_rng(4)
    values = {k: rng.normal(size=v.shape) for k, v in parameter_arrays(window.model.document).items()}
    np.savez(tmp_path / "w.npz", **values)
    assert not window.file_actions.import_parameters()  # cancelled
    parent, title, folder, filters = _dialog_call(dialogs, "getOpenFileName")
    assert parent is window and title == "Import Parameters"
    assert folder == str(tmp_path / "home")
    assert filters == parameter_filters()
    assert window.undo_stack.count() == 0
    dialogs.answers["getOpenFileName"] = (str(tmp_path / "w.npz"), "")
    assert window.file_actions.import_parameters()
    assert window.undo_stack.undoText() == "Import parameters from w.npz"
    assert window.statusBar().currentMessage() == "Imported parameters from w.npz."


def test_a_refused_import_names_the_file_in_its_title_and_message(window, tmp_path, dialogs):
    np.savez(tmp_path / "other.npz", **parameter_arrays(small_document(hidden=5)))
    dialogs.answers["getOpenFileName"] = (str(tmp_path / "other.npz"), "")
    assert not window.file_actions.import_parameters()
    parent, title, message = _dialog_call(dialogs, "warning")[:3]
    assert parent is window and title == "Cannot import parameters"
    assert message.startswith("other.npz does not fit this network: ")


# -- details found by mutation testing (issue 17): questions, revert, recent menu, drops -----------
def test_the_unsaved_changes_question_names_the_session_and_suggests_saving(window, dialogs):
    edit(window)
    before = window.model.snapshot()
    dialogs.answers["question"] = Button.Cancel
    assert not window.file_actions.new()
    parent, title, text, buttons, default = _dialog_call(dialogs, "question")
    assert parent is window and title == "Unsaved changes"
    assert text == "Untitled has unsaved changes. Save them?"
    assert buttons == Button.Save | Button.Discard | Button.Cancel and default == Button.Save
    assert window.model.document.equals(before) and window.model.is_modified


def test_saving_first_that_is_cancelled_keeps_the_session(window, dialogs):
    """Save in the question of an untitled session asks for a name; cancelling that goes back."""
    edit(window)
    before = window.model.snapshot()
    dialogs.answers["question"] = Button.Save
    assert not window.file_actions.new()
    assert [call[0] for call in dialogs.calls] == ["question", "getSaveFileName"]
    assert window.model.document.equals(before) and window.model.is_modified


def test_any_other_answer_to_the_question_discards(window, dialogs):
    edit(window)
    dialogs.answers["question"] = Button.Close  # e.g. the dialog closed by its title bar
    assert window.file_actions.new()
    assert window.model.document.equals(opening_view(new_document())) and not window.model.is_modified
    assert window.statusBar().currentMessage() == "New session."


def test_open_cancelled_at_the_question_shows_no_file_dialog(window, dialogs):
    edit(window)
    dialogs.answers["question"] = Button.Cancel
    assert not window.file_actions.open()
    assert [call[0] for call in dialogs.calls] == ["question"]


def test_revert_asks_naming_the_file_and_defaults_to_no(window, tmp_path, dialogs):
    path = saved_file(tmp_path)
    assert file_actions.open_path(window, path)
    edit(window, 4.0)
    assert not window.file_actions.revert()  # the answer is No
    parent, title, text, buttons, default = _dialog_call(dialogs, "question")
    assert parent is window and title == "Revert"
    assert text == "Discard all unsaved changes and reload s.lstms?"
    assert buttons == Button.Yes | Button.No and default == Button.No
    assert window.model.document.inputs[0, 0] == 4.0


def test_revert_without_changes_reloads_without_asking(window, tmp_path, dialogs):
    path = saved_file(tmp_path)
    assert file_actions.open_path(window, path)
    save_session(small_document(seed=7), path)  # changed on disk meanwhile
    assert window.file_actions.revert()
    assert dialogs.calls == []
    assert window.model.document.equals(load_session(path))


def test_an_untitled_session_cannot_be_reverted(window, dialogs):
    edit(window)
    assert not action(window, "Revert").isEnabled()
    before = window.model.snapshot()
    assert not window.file_actions.revert()
    assert dialogs.calls == [] and window.model.document.equals(before)


@pytest.mark.parametrize("name", ["plain.lstms", "a[*]b.lstms"])
def test_the_title_shows_the_file_name_as_it_is_and_a_star_while_modified(window, tmp_path, name):
    """Qt replaces "[*]" in a title by "*" while modified: a "[*]" in the name stays as it is."""
    assert file_actions.open_path(window, saved_file(tmp_path, name))
    QApplication.processEvents()
    assert window.windowHandle().title() == f"{name} — LSTM Studio"
    edit(window)
    QApplication.processEvents()
    assert window.windowHandle().title() == f"{name}* — LSTM Studio"


def test_dialogs_of_an_untitled_session_start_in_the_last_files_folder(window, tmp_path, dialogs):
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = saved_file(folder, "last.lstms")
    assert file_actions.open_path(window, path)
    assert window.file_actions.new()
    dialogs.calls.clear()
    window.file_actions.open()
    assert _dialog_call(dialogs, "getOpenFileName")[2] == str(folder.resolve())


def test_recent_files_forget_missing_ones_in_the_settings_too(window, tmp_path):
    path = str(saved_file(tmp_path).resolve())
    window.settings.setValue(file_actions.RECENT_KEY, [str(tmp_path / "gone.lstms"), path])
    assert window.file_actions.recent_files() == [path]
    assert list(window.settings.value(file_actions.RECENT_KEY)) == [path]


def recent_menu_entries(window):
    menu = window.file_actions.recent_menu
    menu.aboutToShow.emit()
    return [(a.text(), a.isEnabled()) for a in menu.actions() if not a.isSeparator()]


def test_the_recent_menu_numbers_sessions_then_data_files(window, tmp_path):
    first, second = saved_file(tmp_path, "a.lstms"), saved_file(tmp_path, "b.lstms")
    for path in (first, second):
        assert file_actions.open_path(window, path)
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    window.file_actions.data.add_recent(str(text))
    entries = recent_menu_entries(window)
    assert entries[:2] == [("&1 b.lstms", True), ("&2 a.lstms", True)]
    assert ("&3 notes.txt (data: text)", True) in entries
    assert entries[-1] == ("&Clear Recent Files", True)
    assert not any(text_ == "No recent files" for text_, _ in entries)


def test_the_recent_menu_of_data_files_only_can_be_cleared(window, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    window.file_actions.data.add_recent(str(text))
    entries = recent_menu_entries(window)
    assert ("&1 notes.txt (data: text)", True) in entries and entries[-1] == ("&Clear Recent Files", True)
    assert not any(text_ == "No recent files" for text_, _ in entries)
    window.file_actions.recent_menu.actions()[-1].trigger()
    assert window.file_actions.data.recent() == []
    assert recent_menu_entries(window) == [("No recent files", False), ("&Clear Recent Files", False)]


def test_an_empty_recent_menu_says_so_and_cannot_be_cleared(window):
    assert recent_menu_entries(window) == [("No recent files", False), ("&Clear Recent Files", False)]


def test_exported_parameters_of_a_text_session_come_with_their_vocabulary(window, tmp_path, dialogs):
    from lstm_studio.session.experiments import task_document

    window.file_actions.replace_document(task_document("next_char"), "", modified=False)
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "model"), "NumPy archives (*.npz)")
    assert window.file_actions.export_parameters()
    assert (tmp_path / "model.npz").is_file() and (tmp_path / "model.vocab.json").is_file()
    assert window.statusBar().currentMessage() == (
        "Exported parameters to model.npz and the vocabulary to model.vocab.json "
        "(Import PyTorch Model opens the two).")


def drag(kind, *paths, urls=None, text=None):
    """A drag event of ``kind`` (enter, move, drop) carrying local ``paths``, other ``urls`` or
    a ``text``; not accepted until a handler accepts it."""
    mime = QMimeData()
    if text is not None:
        mime.setText(text)
    else:
        mime.setUrls(urls if urls is not None else [QUrl.fromLocalFile(str(path)) for path in paths])
    event_class = {"enter": QDragEnterEvent, "move": QDragMoveEvent, "drop": QDropEvent}[kind]
    event = event_class(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier)
    event.ignore()
    return event, mime


def test_a_drag_of_a_session_among_other_files_is_accepted_while_it_moves(window, tmp_path):
    other = tmp_path / "notes.pdf"
    other.write_text("hi")
    session = tmp_path / "S.LSTMS"
    session.write_bytes(saved_file(tmp_path).read_bytes())
    for kind in ("enter", "move"):
        event, _mime = drag(kind, other, session)
        QApplication.sendEvent(window, event)
        assert event.isAccepted(), kind


def test_a_dropped_session_among_other_files_opens(window, tmp_path, qtbot):
    other = tmp_path / "notes.pdf"
    other.write_text("hi")
    path = saved_file(tmp_path)
    for kind in ("enter", "drop"):  # Qt delivers a drop only after its drag entered
        event, _mime = drag(kind, other, path)
        QApplication.sendEvent(window, event)
    qtbot.waitUntil(lambda: window.windowFilePath() == str(path.resolve()))


def test_a_dropped_text_file_opens_as_data(window, tmp_path, qtbot):
    text = tmp_path / "words.txt"
    text.write_text("abcabcabd " * 20, encoding="utf-8")
    other = tmp_path / "notes.pdf"
    other.write_text("hi")
    for kind in ("enter", "drop"):  # Qt delivers a drop only after its drag entered
        event, _mime = drag(kind, other, text)
        QApplication.sendEvent(window, event)
    qtbot.waitUntil(lambda: window.file_actions.data.recent() == [str(text.resolve())])
    assert window.statusBar().currentMessage().startswith("Opened words.txt: 200 characters")


def test_files_that_are_not_local_are_not_accepted_for_dropping(window):
    for kind in ("enter", "move", "drop"):
        event, _mime = drag(kind, urls=[QUrl("https://example.org/s.lstms"), QUrl("https://example.org/t.txt")])
        QApplication.sendEvent(window, event)
        assert not event.isAccepted(), kind


def test_a_drag_of_text_without_files_is_not_accepted(window):
    for kind in ("enter", "move", "drop"):
        event, _mime = drag(kind, text="/home/me/s.lstms")
        QApplication.sendEvent(window, event)
        assert not event.isAccepted(), kind


@pytest.mark.parametrize("kind", ["session", "text"])
def test_a_drop_whose_window_is_deleted_before_it_opens_opens_nothing(qtbot, tmp_path, monkeypatch, kind):
    """A dropped file opens once the drag has ended, from a timer that belongs to the file
    actions: a window deleted before then (closed at once) takes the pending open with it, and
    leaves none of its widgets alive (a timer's lambda holding the file actions kept them all)."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    def top_level_widgets():
        gc.collect()
        return len([w for w in QApplication.topLevelWidgets() if w.metaObject().className() != "QMenu"])

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    before = top_level_widgets()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(SessionModel(small_document()), settings, restore_layout=False)
    actions = window.file_actions
    opened = []
    actions.open_path = opened.append  # looked up when the timer fires
    actions.data.open_data_path = opened.append
    if kind == "session":
        path = saved_file(tmp_path)
    else:
        path = tmp_path / "words.txt"
        path.write_text("abcabcabd " * 20, encoding="utf-8")
    for event_kind in ("enter", "drop"):
        event, _mime = drag(event_kind, path)
        QApplication.sendEvent(window, event)
        assert event.isAccepted(), event_kind
    actions.autosave.shutdown()  # as closing it would
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(50)
    assert opened == []
    del window, actions, event
    assert top_level_widgets() == before


def test_a_deleted_windows_file_actions_go_with_it(qtbot):
    """The File menu's objects belong to their window: deleting the window deletes them."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    window = MainWindow(SessionModel(small_document()), restore_layout=False)
    actions = window.file_actions
    kept = (actions, actions.data, actions.pytorch_model, actions.animation, actions.autosave)
    window.file_actions.autosave.shutdown()  # as closing it would
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(o) for o in kept)


def test_the_file_menu_shows_its_tool_tips(window):
    assert window.menu("File").toolTipsVisible()


def test_open_with_unsaved_changes_asks_once(window, tmp_path, dialogs):
    path = saved_file(tmp_path)
    edit(window)
    dialogs.answers["question"] = Button.Discard
    dialogs.answers["getOpenFileName"] = (str(path), "")
    assert window.file_actions.open()
    assert [call[0] for call in dialogs.calls] == ["question", "getOpenFileName"]
    assert window.model.document.equals(load_session(path))


def test_revert_accepted_asks_nothing_more(window, tmp_path, dialogs):
    """Revert's own question is the only one: its Yes discards, no Save/Discard/Cancel follows."""
    path = saved_file(tmp_path)
    assert file_actions.open_path(window, path)
    edit(window, 4.0)
    dialogs.answers["question"] = Button.Yes
    assert window.file_actions.revert()
    assert [(call[0], call[1][1]) for call in dialogs.calls] == [("question", "Revert")]
    assert window.model.document.equals(load_session(path)) and not window.model.is_modified


def test_a_session_that_cannot_be_saved_is_refused_under_its_title(window, tmp_path, dialogs):
    assert not window.file_actions.save_to(str(tmp_path / "missing" / "s.lstms"))
    parent, title, message = _dialog_call(dialogs, "warning")[:3]
    assert parent is window and title == "Cannot save session" and "s.lstms" in message


@pytest.mark.parametrize("method, title", [("export_parameters", "Cannot export parameters"),
                                           ("import_parameters", "Cannot import parameters")])
def test_parameters_of_a_kind_pytorch_lacks_are_refused_under_the_actions_title(window, dialogs, method, title):
    window.model.set_config(kind="lstm_nofg")
    assert not getattr(window.file_actions, method)()
    parent, asked_title, message = _dialog_call(dialogs, "warning")[:3]
    assert parent is window and asked_title == title
    assert "PyTorch has no LSTM without a forget gate" in message


def test_parameters_that_cannot_be_written_name_the_file_and_the_reason(window, tmp_path, dialogs):
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "missing" / "params.npz"), "NumPy archives (*.npz)")
    assert not window.file_actions.export_parameters()
    import errno
    import os

    assert _dialog_call(dialogs, "warning")[2] == f"Cannot save params.npz: {os.strerror(errno.ENOENT)}."


def test_one_recent_file_stored_as_a_single_text_is_listed(window, tmp_path):
    """An INI file gives a list of one back as a plain text: it is one file, not its letters."""
    path = str(saved_file(tmp_path).resolve())
    window.settings.setValue(file_actions.RECENT_KEY, path)
    assert window.file_actions.recent_files() == [path]


def test_cleared_recent_files_stay_cleared_while_the_window_is_open(window, tmp_path):
    """The window's own file joins the list when the window is shown, not at every event."""
    assert file_actions.open_path(window, saved_file(tmp_path))
    window.file_actions.clear_recent()
    window.resize(window.width() + 10, window.height())
    window.setWindowTitle("something else")
    QApplication.processEvents()
    assert window.file_actions.recent_files() == []


def test_an_untitled_window_shown_keeps_all_eight_recent_files(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    paths = [str(saved_file(tmp_path, f"f{k}.lstms").resolve()) for k in range(file_actions.MAX_RECENT)]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(file_actions.RECENT_KEY, paths)
    window = MainWindow(SessionModel(small_document()), settings, restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    assert window.file_actions.recent_files() == paths
