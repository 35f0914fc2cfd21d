"""Autosave and crash recovery: a real app process is killed after it autosaved; the next
window offers to restore the session and brings back exactly what was autosaved."""

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox
from test_file_actions import edit, saved_file, window  # noqa: F401 - shared fixture and helpers

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.files import autosave
from lstm_studio.app.window.main_window import MainWindow
from lstm_studio.session import io as session_io
from lstm_studio.session import safe_files
from lstm_studio.session.io import load_session

Button = QMessageBox.StandardButton


@pytest.fixture
def fast_autosave(monkeypatch):
    monkeypatch.setenv(autosave.INTERVAL_ENV, "50")


def test_interval_is_thirty_seconds_unless_the_environment_says_otherwise(monkeypatch):
    monkeypatch.delenv(autosave.INTERVAL_ENV, raising=False)
    assert autosave.interval_ms() == 30_000
    monkeypatch.setenv(autosave.INTERVAL_ENV, "250")
    assert autosave.interval_ms() == 250
    monkeypatch.setenv(autosave.INTERVAL_ENV, "soon")
    assert autosave.interval_ms() == 30_000


@pytest.mark.parametrize("value", ["0", "000", "-5", "2.5", "99999999999", "２５０", ""])
def test_an_interval_of_zero_or_what_a_timer_cannot_hold_is_refused(monkeypatch, value):
    monkeypatch.setenv(autosave.INTERVAL_ENV, value)
    assert autosave.interval_ms() == 30_000  # 0 would autosave without pause


def test_the_largest_interval_a_timer_holds_is_taken(monkeypatch):
    monkeypatch.setenv(autosave.INTERVAL_ENV, str(2**31 - 1))
    assert autosave.interval_ms() == 2**31 - 1
    monkeypatch.setenv(autosave.INTERVAL_ENV, "1")
    assert autosave.interval_ms() == 1


def test_autosave_writes_only_unsaved_changes_and_saving_removes_it(fast_autosave, qtbot, tmp_path, window):
    saver = window.file_actions.autosave
    assert saver.timer.interval() == 50
    qtbot.wait(150)
    assert not saver.path.exists()  # nothing unsaved: nothing written
    edit(window, 5.0)
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        pass
    assert load_session(saver.path).equals(window.model.document)
    window.file_actions.save_to(str(tmp_path / "done.lstms"))
    assert not saver.path.exists()


def test_clean_exit_removes_the_autosave(fast_autosave, qtbot, window, dialogs):
    edit(window)
    with qtbot.waitSignal(window.file_actions.autosave.autosaved, timeout=5000):
        pass
    path = window.file_actions.autosave.path
    dialogs.answers["question"] = Button.Discard
    assert window.close()
    assert not path.exists()
    assert list(autosave.autosave_dir().glob("*.lstms")) == []


def test_a_running_window_is_not_mistaken_for_a_crashed_one(fast_autosave, qtbot, window, dialogs):
    edit(window)
    with qtbot.waitSignal(window.file_actions.autosave.autosaved, timeout=5000):
        pass
    assert autosave.orphans() == []
    second = MainWindow(restore_layout=False)
    qtbot.addWidget(second)
    assert not second.file_actions.autosave.offer_restore()
    assert dialogs.calls == []


def test_headless_runs_never_ask(monkeypatch, window, qtbot, dialogs):
    monkeypatch.delenv(autosave.OFFER_ENV, raising=False)
    assert not autosave.restore_offer_wanted()  # offscreen: screenshots and scripts must not block
    monkeypatch.setenv(autosave.OFFER_ENV, "1")
    assert autosave.restore_offer_wanted()


CRASHING_APP = textwrap.dedent("""
    import sys
    import numpy as np
    from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
    from lstm_studio.app.application import create_application
    from lstm_studio.app.window.main_window import MainWindow
    from lstm_studio.session.document import NetworkConfig, new_document
    from lstm_studio.session.io import save_session
    from lstm_studio.session.model import SessionModel

    original, expected, settings_file = sys.argv[1:4]
    app = create_application()
    QCoreApplication.setOrganizationName("LSTM Studio Tests")
    QCoreApplication.setApplicationName("LSTM Studio Tests")
    QStandardPaths.setTestModeEnabled(True)
    window = MainWindow(SessionModel(new_document(NetworkConfig(hidden_size=4, seq_len=6))),
                        QSettings(settings_file, QSettings.Format.IniFormat), restore_layout=False)
    window.show()
    window.file_actions.save_to(original)
    window.model.set_inputs(np.linspace(-1.0, 1.0, 6).reshape(6, 1))

    def autosaved(path):
        save_session(window.model.document, expected)  # what the test expects back
        print("autosaved", path, flush=True)

    window.file_actions.autosave.autosaved.connect(autosaved)
    app.exec()
""")


def crash_app_after_autosave(tmp_path):
    """Run CRASHING_APP until it autosaved, then kill it. Returns the autosave file it wrote."""
    env = dict(os.environ, HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen",
               **{autosave.INTERVAL_ENV: "100"})
    process = subprocess.Popen(
        [sys.executable, "-c", CRASHING_APP, str(tmp_path / "original.lstms"),
         str(tmp_path / "expected.lstms"), str(tmp_path / "s.ini")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("autosaved"), process.stderr.read()
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    return autosave.autosave_dir() / os.path.basename(line.split(" ", 1)[1].strip())


def test_a_normal_interpreter_exit_removes_the_autosave(fast_autosave, qtbot, window):
    edit(window)
    with qtbot.waitSignal(window.file_actions.autosave.autosaved, timeout=5000):
        pass
    assert window.file_actions.autosave.path.exists()
    autosave._remove_own_autosaves()  # what atexit runs (a script that never closed its window)
    assert not window.file_actions.autosave.path.exists()


def test_after_a_crash_the_next_launch_restores_the_autosave(tmp_path, monkeypatch, qtbot, dialogs):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    original, expected = tmp_path / "original.lstms", tmp_path / "expected.lstms"
    autosaved = crash_app_after_autosave(tmp_path)
    assert autosaved.exists()  # the crash left it behind

    dialogs.answers["question"] = Button.Yes
    monkeypatch.setenv(autosave.OFFER_ENV, "1")  # tests run headless, where nobody is asked
    configure_pyqtgraph()
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: any(name == "question" for name, *_ in dialogs.calls))
    _, args, _ = dialogs.calls[0]
    assert args[1] == "Restore unsaved session?" and "original.lstms" in args[2]
    qtbot.waitUntil(lambda: window.windowFilePath() == str(original.resolve()))
    assert window.model.document.equals(load_session(expected))
    assert window.model.is_modified
    assert window.isWindowModified()
    assert window.undo_stack.count() == 0
    assert not autosaved.exists()
    np.testing.assert_array_equal(window.model.document.inputs[:, 0], np.linspace(-1.0, 1.0, 6))


def test_declined_restore_deletes_the_autosave(tmp_path, monkeypatch, qtbot, dialogs, window):
    orphan = autosave.autosave_dir() / "crashed.lstms"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(saved_file(tmp_path).read_bytes())
    before = window.model.snapshot()
    dialogs.answers["question"] = Button.No
    assert not window.file_actions.autosave.offer_restore()
    assert "an untitled session" in dialogs.calls[-1][1][2]
    assert not orphan.exists()
    assert window.model.document.equals(before)


def test_broken_autosave_is_reported_not_restored(tmp_path, qtbot, dialogs, window):
    orphan = autosave.autosave_dir() / "broken.lstms"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"garbage")
    dialogs.answers["question"] = Button.Yes
    assert not window.file_actions.autosave.offer_restore()
    assert dialogs.calls[-1][0] == "warning"
    assert not orphan.exists()
    set_aside = orphan.with_suffix(".corrupt")
    assert set_aside.read_bytes() == b"garbage"  # kept for whoever wants to look, not deleted
    assert str(set_aside) in dialogs.calls[-1][1][2]
    assert autosave.orphans() == []  # and never offered again
    calls = len(dialogs.calls)
    assert not window.file_actions.autosave.offer_restore()
    assert len(dialogs.calls) == calls


# -- opening a file leaves no autosave of the session it replaced ---------------------------------
def test_after_open_the_abandoned_session_is_never_offered_for_restore(fast_autosave, qtbot, tmp_path,
                                                                      window, dialogs):
    saver = window.file_actions.autosave
    edit(window, 7.0)
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        pass
    assert saver.path.exists()
    dialogs.answers["question"] = Button.Discard  # the user abandons the edit
    assert window.file_actions.open_path(saved_file(tmp_path))
    assert not saver.path.exists()
    saver._lock.unlock()  # as after a crash now: the lock is stale
    assert autosave.orphans() == []
    later = MainWindow(restore_layout=False)
    qtbot.addWidget(later)
    asked = len(dialogs.calls)
    assert not later.file_actions.autosave.offer_restore()
    assert len(dialogs.calls) == asked


# -- faults: a folder that cannot be written, a full disk ----------------------------------------
def read_only_folder(monkeypatch):
    """What a read-only folder gives (as root, chmod does not stop writing)."""
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(safe_files.tempfile, "mkstemp", refuse)


def full_disk(monkeypatch):
    """A disk that fills up halfway through the archive."""
    def fill(fh, *args):
        fh.write(b"half an archive")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(session_io, "_write_members", fill)


@pytest.mark.parametrize("fault, reason", [(read_only_folder, "Read-only file system"),
                                           (full_disk, "No space left on device")])
def test_failing_autosave_says_so_once_keeps_working_and_tries_again(fast_autosave, qtbot, window, dialogs,
                                                                      monkeypatch, fault, reason):
    saver = window.file_actions.autosave
    said = []
    monkeypatch.setattr(window, "show_status", lambda message, *args: said.append(message))
    with monkeypatch.context() as broken:
        fault(broken)
        attempts = []
        saver.timer.timeout.connect(lambda: attempts.append(1))
        edit(window, 1.0)
        qtbot.waitUntil(lambda: len(attempts) >= 4, timeout=5000)  # several intervals
        edit(window, 2.0)  # the app keeps working meanwhile
        qtbot.waitUntil(lambda: len(attempts) >= 8, timeout=5000)
        failures = [message for message in said if "Autosave failed" in message]
        assert len(failures) == 1 and reason in failures[0]  # said once, not at every interval
        assert saver.failure_label.isVisible() and reason in saver.failure_label.toolTip()
        assert dialogs.calls == []  # no dialog, ever
        assert not saver.path.exists()
        assert [p.name for p in saver.folder.iterdir() if p.suffix == ".tmp"] == []
        assert window.undo_stack.count() == 2
    with qtbot.waitSignal(saver.autosaved, timeout=5000):  # the fault is gone: the next interval saves
        pass
    assert load_session(saver.path).equals(window.model.document)
    assert not saver.failure_label.isVisible() and saver.failure == ""
    assert "Autosave works again." in said
    assert dialogs.calls == []


def test_an_unwritable_folder_is_a_fault_like_any_other(fast_autosave, qtbot, window, dialogs, tmp_path):
    saver = window.file_actions.autosave
    (tmp_path / "blocker").write_text("a file where the folder should be")
    saver.folder, real_folder, real_path = tmp_path / "blocker" / "autosave", saver.folder, saver.path
    saver.path = saver.folder / real_path.name
    edit(window)
    assert not saver.write_now()
    assert saver.failure and saver.failure_label.isVisible()
    saver.folder, saver.path = real_folder, real_path
    assert saver.write_now()
    assert dialogs.calls == []


def test_a_damaged_note_restores_the_session_as_untitled(tmp_path, qtbot, dialogs, window):
    orphan = autosave.autosave_dir() / "crashed.lstms"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(saved_file(tmp_path).read_bytes())
    orphan.with_suffix(".json").write_text(json.dumps({"path": "relative\x00/name.lstms"}))
    dialogs.answers["question"] = Button.Yes
    assert window.file_actions.autosave.offer_restore()
    assert window.windowFilePath() == ""


def test_temporary_files_of_killed_windows_are_deleted_and_a_running_windows_kept(
        fast_autosave, qtbot, window, dialogs):
    folder = autosave.autosave_dir()
    folder.mkdir(parents=True, exist_ok=True)
    killed = [folder / ".deadbeef.lstms.x1y2.tmp", folder / ".deadbeef.json.z3.tmp"]
    for path in killed:
        path.write_bytes(b"half an autosave")
    other = MainWindow(restore_layout=False)  # a running window, in the middle of its autosave
    qtbot.addWidget(other)
    edit(other)
    assert other.file_actions.autosave.write_now()
    running = folder / f".{other.file_actions.autosave.id}.lstms.abc.tmp"
    running.write_bytes(b"being written")
    for path in killed:
        path.write_bytes(b"half an autosave")  # the first window's autosave cleaned them already
    edit(window)
    assert window.file_actions.autosave.write_now()
    assert not any(path.exists() for path in killed)
    assert running.exists()


# -- details found by mutation testing (issue 17) ------------------------------------------------
def _orphan(tmp_path, name, note=None, mtime=None):
    path = autosave.autosave_dir() / f"{name}.lstms"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(saved_file(tmp_path, f"{name}-source.lstms").read_bytes())
    if note is not None:
        path.with_suffix(".json").write_text(note)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_orphans_are_listed_newest_first_and_a_windows_own_autosave_is_not_one(tmp_path, window):
    old, new = _orphan(tmp_path, "old", mtime=1_000_000), _orphan(tmp_path, "new", mtime=2_000_000)
    assert autosave.orphans() == [new, old]
    assert autosave.orphans("new") == [old]


def test_many_orphans_are_all_listed_newest_first_whatever_order_the_folder_lists_them_in(tmp_path, window):
    """Seven autosaves with mtimes in neither the order of their names nor of their making; each
    in turn is the asking window's own: the other six, newest first."""
    made = [_orphan(tmp_path, f"n{k}", mtime=1_000_000 + 1000 * ((3 * k) % 7)) for k in range(7)]
    paths = sorted(made, key=lambda path: path.stat().st_mtime, reverse=True)
    assert paths != made and paths != made[::-1]
    assert autosave.orphans() == paths
    for own in paths:
        assert autosave.orphans(own.stem) == [path for path in paths if path != own]


@pytest.mark.parametrize("note", ['["/a/list.lstms"]', '{"path": 5}', '{"path": "relative.lstms"}',
                                  '{"path": "/absolute/with\\u0000nul.lstms"}',
                                  "not json", '{"other": "/x.lstms"}'])
def test_a_note_that_names_no_absolute_path_means_untitled(tmp_path, window, note):
    assert autosave.original_path(_orphan(tmp_path, "noted", note=note)) == ""


def test_a_note_with_an_absolute_path_names_the_original_file(tmp_path, window):
    target = str(tmp_path / "original.lstms")
    assert autosave.original_path(_orphan(tmp_path, "noted", note=json.dumps({"path": target}))) == target
    assert autosave.original_path(_orphan(tmp_path, "bare")) == ""  # no note at all


def test_removing_an_autosave_removes_its_note_and_a_missing_one_is_no_error(tmp_path, window):
    path = _orphan(tmp_path, "gone", note="{}")
    autosave.remove(path)
    assert not path.exists() and not path.with_suffix(".json").exists()
    autosave.remove(path)  # nothing left: no error


def test_setting_aside_drops_the_note_and_says_where_the_file_went(tmp_path, window):
    path = _orphan(tmp_path, "bad", note="{}")
    assert autosave.set_aside(path) == path.with_suffix(".corrupt")
    assert path.with_suffix(".corrupt").exists() and not path.exists()
    assert not path.with_suffix(".json").exists()
    assert autosave.set_aside(path) is None  # nothing to rename any more


def test_the_deleted_temporaries_are_returned(tmp_path, window):
    folder = autosave.autosave_dir()
    folder.mkdir(parents=True, exist_ok=True)
    dead = folder / ".cafe.lstms.q.tmp"
    dead.write_bytes(b"x")
    own = folder / ".mine.lstms.q.tmp"
    own.write_bytes(b"x")
    assert autosave.remove_stale_temporaries(folder, "mine") == [dead]
    assert own.exists()


def test_the_autosave_note_names_the_sessions_file(fast_autosave, qtbot, tmp_path, window):
    window.file_actions.save_to(str(tmp_path / "named.lstms"))
    edit(window)
    saver = window.file_actions.autosave
    assert saver.write_now()
    assert json.loads(saver.path.with_suffix(".json").read_text()) == {"path": str((tmp_path / "named.lstms").resolve())}
    assert autosave.original_path(saver.path) == str((tmp_path / "named.lstms").resolve())
    assert not saver.write_now()  # nothing new since


def test_the_failure_note_says_how_often_it_tries_again(qtbot, window, monkeypatch, dialogs):
    saver = window.file_actions.autosave
    said = []
    monkeypatch.setattr(window, "show_status", lambda message, *args: said.append((message, args)))
    read_only_folder(monkeypatch)
    saver.timer.setInterval(30_000)
    edit(window)
    assert not saver.write_now()
    assert "tries again every 30 s" in saver.failure_label.toolTip()
    assert saver.failure_label.text() == "Autosave failing"
    assert len(said) == 1 and said[0][1] == (15_000,)  # shown for 15 s, not the usual 4
    assert said[0][0] == f"Autosave failed: Cannot save {saver.path.name}: Read-only file system. It will be tried again."
    saver.timer.setInterval(50)
    assert not saver.write_now()
    assert "tries again every 1 s" in saver.failure_label.toolTip()
    assert len(said) == 1


def test_a_restored_session_is_autosaved_again_and_named_in_the_question(tmp_path, qtbot, window, dialogs,
                                                                          monkeypatch):
    said = []
    monkeypatch.setattr(window, "show_status", lambda message, *args: said.append(message))
    origin = tmp_path / "where.lstms"
    found = _orphan(tmp_path, "crashed", note=json.dumps({"path": str(origin)}))
    dialogs.answers["question"] = Button.Yes
    saver = window.file_actions.autosave
    assert saver.offer_restore()
    name, args, _ = dialogs.calls[-1]
    assert name == "question" and args[0] is window and args[1] == "Restore unsaved session?"
    assert "Unsaved changes to where.lstms were autosaved" in args[2]
    assert args[3] == Button.Yes | Button.No and args[4] == Button.Yes
    assert not found.exists() and not found.with_suffix(".json").exists()
    assert saver.path.exists()  # the restored, unsaved session has its own autosave at once
    assert window.windowFilePath() == str(origin) and window.model.is_modified
    assert said[-1] == "Restored the autosaved session."


def test_discarding_keeps_a_pending_autosave_only_while_modified(fast_autosave, qtbot, window):
    saver = window.file_actions.autosave
    edit(window)
    assert saver.write_now()
    edit(window, 0.25)
    saver.discard()
    assert not saver.path.exists()
    assert saver.write_now()  # still modified: written again
    saver.shutdown()
    assert not saver.path.exists() and not saver.timer.isActive()


def test_while_a_run_trains_autosaves_come_seldom_and_its_end_is_autosaved(fast_autosave, qtbot, window):
    saver = window.file_actions.autosave
    written = []
    saver.autosaved.connect(written.append)
    window.model.set_training(True)  # as a run's snapshots change the weights
    edit(window, 5.0)
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        pass  # the first one while training: written
    edit(window, 6.0)
    qtbot.wait(300)  # six intervals of 50 ms: none written, the last was less than TRAINING_INTERVAL_S ago
    assert len(written) == 1 and saver._pending
    saver._written -= autosave.TRAINING_INTERVAL_S  # as if five minutes went by
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        pass
    edit(window, 7.0)
    saver.timer.stop()  # (only the run's end writes now)
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        window.model.set_training(False)  # the run ends: autosaved at once (written in the background)
        assert not saver._pending
    assert len(written) == 3 and not saver._pending
    assert load_session(saver.path).equals(window.model.document)


# -- written in the background -------------------------------------------------------------------
class HeldWrite:
    """Stands in for save_session: records the thread and the document, writes when let go."""

    def __init__(self, monkeypatch):
        import threading

        self.threads, self.documents = [], []
        self.go = threading.Event()
        real = autosave.save_session

        def held(document, path):
            self.threads.append(threading.get_ident())
            self.documents.append(document)
            assert self.go.wait(10), "the test never let the write go"
            real(document, path)

        monkeypatch.setattr(autosave, "save_session", held)


def test_the_timer_writes_in_the_background_one_write_at_a_time(qtbot, window, monkeypatch):
    """At the largest sizes a session takes seconds to write: the timer's autosave must not
    stop the window. It writes the session as it was when it started, and a tick while it
    writes starts no second one."""
    import threading

    saver = window.file_actions.autosave
    held = HeldWrite(monkeypatch)
    edit(window, 1.0)
    as_ticked = window.model.document.copy()
    saver._tick()
    assert saver.writing  # returned at once, the write goes on
    qtbot.waitUntil(lambda: len(held.threads) == 1, timeout=5000)
    assert held.threads[0] != threading.get_ident()
    edit(window, 2.0)  # the window goes on meanwhile
    saver._tick()
    qtbot.wait(100)
    assert len(held.threads) == 1 and saver.writing  # not a second one while the first writes
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        held.go.set()
    assert not saver.writing
    assert load_session(saver.path).equals(as_ticked)
    assert saver._pending  # the edit made meanwhile is not autosaved yet: the next tick writes it
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        saver._tick()
    assert load_session(saver.path).equals(window.model.document)


def test_saving_while_an_autosave_is_written_leaves_no_autosave_behind(qtbot, window, monkeypatch, tmp_path):
    """The session saved (or replaced) while its autosave is still being written: the write
    finishes first, then the autosave goes, so that no stale autosave is offered after a crash."""
    import threading

    saver = window.file_actions.autosave
    held = HeldWrite(monkeypatch)
    edit(window, 1.0)
    saver._tick()
    qtbot.waitUntil(lambda: len(held.threads) == 1, timeout=5000)
    threading.Timer(0.2, held.go.set).start()  # the write ends a moment after the save begins
    saver.discard()
    assert not saver.writing and not saver.path.exists()
    qtbot.wait(100)
    assert not saver.path.exists()


def test_closing_while_an_autosave_is_written_removes_it_once_written(qtbot, window, monkeypatch):
    import threading

    saver = window.file_actions.autosave
    held = HeldWrite(monkeypatch)
    edit(window, 1.0)
    saver._tick()
    qtbot.waitUntil(lambda: len(held.threads) == 1, timeout=5000)
    threading.Timer(0.2, held.go.set).start()
    saver.shutdown()
    assert not saver.writing and not saver.path.exists()
    window.model.mark_saved()


def test_a_background_write_that_fails_says_so_and_is_tried_again(qtbot, window, monkeypatch):
    saver = window.file_actions.autosave
    said = []
    monkeypatch.setattr(window, "show_status", lambda message, *args: said.append(message))

    def full(document, path):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as broken:
        broken.setattr(autosave, "save_session", full)
        edit(window, 1.0)
        saver._tick()
        qtbot.waitUntil(lambda: not saver.writing and saver.failure != "", timeout=5000)
    assert "No space left on device" in saver.failure and saver._pending
    assert any("Autosave failed" in message for message in said)
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        saver._tick()
    assert load_session(saver.path).equals(window.model.document) and saver.failure == ""


def test_the_end_of_a_run_is_autosaved_by_the_background_writer(qtbot, window, monkeypatch):
    """A run's end writes its autosave as the timer does, by the writer's thread: the window
    does not stand still while a large session is written (``_training_changed``)."""
    import threading

    saver = window.file_actions.autosave
    saver.timer.stop()  # only the run's end writes
    held = HeldWrite(monkeypatch)
    held.go.set()  # (recorded, not held back)
    window.model.set_training(True)
    edit(window, 3.0)
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        window.model.set_training(False)
    assert len(held.threads) == 1 and held.threads[0] != threading.get_ident()
    assert load_session(saver.path).equals(window.model.document)


def test_declining_an_autosave_goes_on_to_offer_the_next(tmp_path, window, dialogs):
    """Two crashed windows' autosaves: a No to the newest asks about the older one too; both
    declined, both deleted (``offer_restore``'s ``continue`` after a No)."""
    older = _orphan(tmp_path, "older", note=json.dumps({"path": str(tmp_path / "older.lstms")}), mtime=1_000_000)
    newer = _orphan(tmp_path, "newer", note=json.dumps({"path": str(tmp_path / "newer.lstms")}), mtime=2_000_000)
    dialogs.answers["question"] = Button.No
    assert not window.file_actions.autosave.offer_restore()
    asked = [args[2] for name, args, _ in dialogs.calls if name == "question"]
    assert len(asked) == 2 and "newer.lstms" in asked[0] and "older.lstms" in asked[1]
    assert not older.exists() and not newer.exists()


def test_a_broken_autosave_is_reported_with_its_reason_and_the_next_one_is_still_offered(tmp_path, window, dialogs):
    """The warning is titled, gives the reading's own refusal, then where the file went; the
    older autosave behind it is offered and restored."""
    from lstm_studio.app.i18n import error_text
    from lstm_studio.session.io import SessionFileError

    good = _orphan(tmp_path, "older", mtime=1_000_000)
    broken = autosave.autosave_dir() / "newer.lstms"
    broken.write_bytes(b"garbage")
    os.utime(broken, (2_000_000, 2_000_000))
    (tmp_path / "same").mkdir()
    (tmp_path / "same" / "newer.lstms").write_bytes(b"garbage")
    with pytest.raises(SessionFileError) as refused:
        load_session(tmp_path / "same" / "newer.lstms")
    dialogs.answers["question"] = Button.Yes
    assert window.file_actions.autosave.offer_restore()
    warnings = [args for name, args, _ in dialogs.calls if name == "warning"]
    assert len(warnings) == 1
    assert warnings[0][1] == "Cannot restore the session"
    assert warnings[0][2] == f"{error_text(refused.value)}\n\nIt was set aside as {broken.with_suffix('.corrupt')}."
    assert "None" not in warnings[0][2]
    assert not good.exists() and window.model.is_modified  # restored: the next one was offered


def test_an_autosave_that_cannot_be_set_aside_either_says_so(tmp_path, window, dialogs, monkeypatch):
    broken = autosave.autosave_dir() / "broken.lstms"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(b"garbage")
    monkeypatch.setattr(autosave, "set_aside", lambda path: None)  # renaming failed
    dialogs.answers["question"] = Button.Yes
    assert not window.file_actions.autosave.offer_restore()
    message = dialogs.calls[-1][1][2]
    assert message.endswith("\n\nIt could not be set aside either.") and "set aside as" not in message


def test_an_autosave_gone_between_listing_and_reading_leaves_the_others_listed(tmp_path, window, monkeypatch):
    """Another window restored (and deleted) an autosave while this one looked at the folder:
    the file listed first is gone by the time its date is read; the others are still orphans."""
    made = [_orphan(tmp_path, f"n{k}", mtime=1_000_000 + k) for k in range(4)]
    first = next(autosave.autosave_dir().glob("*.lstms"))  # the one the folder lists first
    real_probe = autosave._probe_lock

    def probe(lock_path):
        if lock_path.stem == first.stem:
            first.unlink()  # restored by another window just now
        return real_probe(lock_path)

    monkeypatch.setattr(autosave, "_probe_lock", probe)
    assert autosave.orphans() == sorted((p for p in made if p != first), key=lambda p: p.stat().st_mtime, reverse=True)


def test_while_a_run_trains_the_next_autosave_comes_once_the_interval_has_passed(qtbot, window, monkeypatch):
    """``TRAINING_INTERVAL_S`` after the last autosave, not a moment later: a fake clock at
    just before and at exactly the interval."""
    from types import SimpleNamespace

    saver = window.file_actions.autosave
    saver.timer.stop()  # the test ticks
    window.model.set_training(True)
    edit(window, 4.0)
    now = [1000.0 + autosave.TRAINING_INTERVAL_S - 0.001]
    monkeypatch.setattr(autosave, "time", SimpleNamespace(monotonic=lambda: now[0]))
    saver._written = 1000.0
    saver._tick()
    assert not saver.writing and saver._pending and not saver.path.exists()
    now[0] = 1000.0 + autosave.TRAINING_INTERVAL_S
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        saver._tick()
    assert saver._written == now[0] and not saver._pending


def test_the_writer_is_a_named_daemon_thread(qtbot, window, monkeypatch):
    """The background writer is named (profilers, stack dumps) and never holds the interpreter's
    exit by itself (the exit handler waits for it, then removes the autosave)."""
    saver = window.file_actions.autosave
    held = HeldWrite(monkeypatch)
    edit(window, 1.0)
    saver._tick()
    qtbot.waitUntil(lambda: len(held.threads) == 1, timeout=5000)
    thread = autosave._writers[saver.path].thread
    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        held.go.set()
    assert thread.name == "lstm-studio autosave" and thread.daemon is True


def test_a_background_write_asked_for_while_one_is_written_says_it_started_none(qtbot, window, monkeypatch):
    """``write_now(background=True)`` returns whether it started a write: while one is being
    written it starts none (the next interval writes the newer edit) and says so."""
    saver = window.file_actions.autosave
    held = HeldWrite(monkeypatch)
    edit(window, 1.0)
    started = saver.write_now(background=True)
    qtbot.waitUntil(lambda: len(held.threads) == 1, timeout=5000)
    edit(window, 2.0)
    try:
        assert started is True
        assert saver.write_now(background=True) is False
        assert len(held.threads) == 1 and saver._pending
    finally:
        with qtbot.waitSignal(saver.autosaved, timeout=5000):
            held.go.set()


def test_a_write_at_once_waits_for_the_background_write_to_finish_first(qtbot, window, monkeypatch):
    """A write asked for at once (as a restored session's) while the timer's write is still
    being written waits for it: two writers of one file would leave whichever ends last, maybe
    the older session."""
    import threading

    saver = window.file_actions.autosave
    go, first_done, second_saw = threading.Event(), threading.Event(), []
    real = autosave.save_session

    def save(document, path):
        if threading.current_thread() is not threading.main_thread():  # the timer's write
            assert go.wait(10), "the test never let the write go"
            real(document, path)
            first_done.set()
        else:  # the write at once
            second_saw.append(first_done.is_set())
            real(document, path)

    monkeypatch.setattr(autosave, "save_session", save)
    edit(window, 1.0)
    saver._tick()
    qtbot.waitUntil(lambda: saver.writing, timeout=5000)
    edit(window, 2.0)
    threading.Timer(0.2, go.set).start()
    assert saver.write_now()
    assert second_saw == [True] and not saver.writing
    assert load_session(saver.path).equals(window.model.document)


def test_a_folder_that_cannot_be_made_is_named_with_the_reason(qtbot, window, dialogs, tmp_path):
    """The failure note gives the system's own reason for the folder that could not be made."""
    saver = window.file_actions.autosave
    (tmp_path / "blocker").write_text("a file where the folder should be")
    saver.folder = tmp_path / "blocker" / "autosave"
    saver.path = saver.folder / saver.path.name
    with pytest.raises(OSError) as refused:
        saver.folder.mkdir(parents=True, exist_ok=True)
    edit(window)
    assert not saver.write_now()
    assert saver.failure == str(refused.value) and str(refused.value) in saver.failure_label.toolTip()


def test_the_asking_windows_own_temporary_listed_first_leaves_the_others_deleted(tmp_path, window):
    """Whatever order the folder lists them in, only the asking window's own temporaries are
    kept: here its own is the one listed first."""
    folder = autosave.autosave_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for owner in ("a1", "b2", "c3", "d4", "e5"):
        (folder / f".{owner}.lstms.q.tmp").write_bytes(b"x")
    own = next(folder.glob(".*.tmp"))
    own_id = own.name[1:].split(".", 1)[0]
    removed = autosave.remove_stale_temporaries(folder, own_id)
    assert [p.name for p in folder.glob(".*.tmp")] == [own.name]
    assert len(removed) == 4 and own not in removed


def test_a_running_windows_temporary_listed_first_leaves_the_others_deleted(tmp_path, window):
    """A temporary of a window still running (its lock held) is kept, and the cleaning goes on
    past it: here it is the one the folder lists first."""
    folder = autosave.autosave_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for owner in ("a1", "b2", "c3", "d4", "e5"):
        (folder / f".{owner}.lstms.q.tmp").write_bytes(b"x")
    running = next(folder.glob(".*.tmp"))
    lock = autosave._probe_lock(folder / f"{running.name[1:].split('.', 1)[0]}.lock")
    assert lock.tryLock(0)  # its window runs
    try:
        removed = autosave.remove_stale_temporaries(folder, "mine")
    finally:
        lock.unlock()
    assert [p.name for p in folder.glob(".*.tmp")] == [running.name]
    assert len(removed) == 4 and running not in removed


def test_a_windows_lock_is_never_stale_because_it_is_old(tmp_path):
    """A lock is stale only when its window's process is gone: an autosave of a window that
    runs for days is never taken for a crashed one's (no stale time: 0)."""
    assert autosave._probe_lock(tmp_path / "x.lock").staleLockTime() == 0


def test_autosaves_live_in_the_autosave_folder_of_the_apps_data_folder(isolated_settings):
    folder = autosave.autosave_dir()
    assert folder.name == "autosave" and folder.parent.name == "LSTM Studio Tests"
    assert folder.is_relative_to(isolated_settings)


def test_a_new_window_shows_no_failure_and_its_note_sits_in_its_own_status_bar(window, monkeypatch):
    saver = window.file_actions.autosave
    assert saver.parent() is window  # goes with the window
    assert not saver.failure_label.isVisible()
    saver._failed("the disk is full.")
    assert saver.failure_label.isVisible() and saver.failure_label.window() is window
    assert saver.failure_label.parent() is not None and saver.failure_label.parent().window() is window


def test_a_window_destroyed_takes_its_timers_and_its_autosave_and_lock_with_it(qtbot, tmp_path, monkeypatch):
    """A window deleted without a clean exit (a script, a test, a closed second window): no timer
    of its autosave fires again, and its autosave file and lock are removed."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings

    from lstm_studio.session.model import SessionModel
    from test_file_actions import small_document

    configure_pyqtgraph()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(SessionModel(small_document()), settings, restore_layout=False)
    saver = window.file_actions.autosave
    edit(window, 3.0)
    assert saver.write_now()
    path, lock = saver.path, saver.folder / f"{saver.id}.lock"
    assert path.exists() and lock.exists()
    timers = (saver.timer, saver._poll, saver._offer_timer)
    window.model.mark_saved()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(timer) for timer in timers)
    assert not path.exists() and not lock.exists()
    assert path not in autosave._writers


def test_a_window_destroyed_while_its_autosave_is_written_leaves_none_behind(qtbot, tmp_path, monkeypatch):
    """The background write ends after the window is gone: the release waits for it, then
    removes the file, so that no autosave of a closed window is offered after the next crash."""
    import threading

    from PySide6.QtCore import QCoreApplication, QEvent, QSettings

    from lstm_studio.session.model import SessionModel
    from test_file_actions import small_document

    configure_pyqtgraph()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(SessionModel(small_document()), settings, restore_layout=False)
    saver = window.file_actions.autosave
    held = HeldWrite(monkeypatch)
    edit(window, 4.0)
    assert saver.write_now(background=True)
    qtbot.waitUntil(lambda: len(held.threads) == 1, timeout=5000)
    path = saver.path
    threading.Timer(0.2, held.go.set).start()  # the write ends a moment after the window goes
    window.model.mark_saved()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(300)
    assert not path.exists() and not path.with_suffix(".json").exists()
    assert path not in autosave._writers


def test_the_restore_offer_is_made_once(tmp_path, monkeypatch, qtbot, dialogs):
    """Asked once when the window opens, not again at every turn of the event loop."""
    orphan = autosave.autosave_dir() / "crashed.lstms"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(saved_file(tmp_path).read_bytes())
    offers = []
    monkeypatch.setattr(autosave.Autosave, "offer_restore", lambda self: offers.append(self) or False)
    monkeypatch.setenv(autosave.OFFER_ENV, "1")
    configure_pyqtgraph()
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(offers) == 1)
    qtbot.wait(100)
    assert len(offers) == 1


def test_a_temporary_that_cannot_be_deleted_leaves_the_others_deleted(tmp_path, window, monkeypatch):
    """One stale temporary refused (in use, or read-only): the next ones are still cleaned up,
    and only those deleted are returned."""
    from pathlib import Path

    folder = autosave.autosave_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for owner in ("a1", "b2", "c3", "d4"):
        (folder / f".{owner}.lstms.q.tmp").write_bytes(b"x")
    stuck = next(folder.glob(".*.tmp"))  # the first listed: a break there would stop the cleaning
    real_unlink = Path.unlink

    def unlink(path, *args, **kwargs):
        if path == stuck:
            raise PermissionError(13, "in use")
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", unlink)
    removed = autosave.remove_stale_temporaries(folder, "own")
    assert [p.name for p in folder.glob(".*.tmp")] == [stuck.name]
    assert len(removed) == 3 and stuck not in removed
