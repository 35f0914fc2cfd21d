"""An error no code caught (a bug): logged, said in the status bar, the session autosaved, and the
app goes on -- from a slot, a paint, or another thread."""

import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from test_file_actions import edit, window  # noqa: F401 - shared fixture and helpers

from lstm_studio.app import errors
from lstm_studio.session.io import load_session

pytestmark = pytest.mark.qt_no_exception_capture  # the errors go to the app's reporter, as they would


@pytest.fixture
def reporter(qtbot, tmp_path, monkeypatch):
    """The app's reporter, installed as ``run`` installs it (pytest-qt's own hook put back
    after the test), its log in ``tmp_path``."""
    from PySide6.QtWidgets import QApplication

    log = tmp_path / "data" / errors.LOG_NAME
    monkeypatch.setattr(errors, "log_path", lambda: log)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    report = errors.install(QApplication.instance())
    report.log = log
    yield report
    report.deleteLater()


def test_an_error_in_a_slot_is_logged_said_and_the_session_autosaved(qtbot, window, reporter):
    edit(window, 7.0)
    saver = window.file_actions.autosave

    def broken_slot():
        raise RuntimeError("a bug in a slot")

    with qtbot.waitSignal(saver.autosaved, timeout=5000):
        QTimer.singleShot(0, broken_slot)
    assert reporter.count == 1
    text = reporter.log.read_text(encoding="utf-8")
    assert "RuntimeError: a bug in a slot" in text and "broken_slot" in text
    message = window.statusBar().currentMessage()
    assert "went wrong" in message and str(reporter.log) in message
    assert load_session(saver.path).inputs[0, 0] == 7.0  # the unsaved edit is kept
    assert window.isVisible()  # the app goes on
    edit(window, 8.0)
    assert window.model.document.inputs[0, 0] == 8.0


def test_an_error_in_a_paint_is_written_once_while_it_repeats(qtbot, window, reporter):
    """A paint that fails on every frame: the app goes on, the error is written and said once
    (within REPEAT_INTERVAL_S), every repeat counted."""

    class Broken(QWidget):
        def paintEvent(self, event):  # noqa: N802 - Qt's name
            raise ValueError("a bug in a paint")

    broken = Broken()
    qtbot.addWidget(broken)
    broken.resize(50, 50)
    broken.show()
    qtbot.waitUntil(lambda: reporter.count >= 1)
    for repeat in range(2, 5):  # painted by the event loop, as the screen asks
        broken.update()
        qtbot.waitUntil(lambda: reporter.count >= repeat)
    assert reporter.log.read_text(encoding="utf-8").count("ValueError: a bug in a paint") == 1
    assert "went wrong" in window.statusBar().currentMessage()


def test_an_error_in_another_thread_is_said_in_the_gui_thread(qtbot, window, reporter):
    said = []
    reporter.reported.connect(lambda path: said.append(threading.current_thread() is threading.main_thread()))

    def broken():
        raise KeyError("a bug in a worker")

    worker = threading.Thread(target=broken)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: "went wrong" in window.statusBar().currentMessage())
    assert said == [True]
    text = reporter.log.read_text(encoding="utf-8")
    assert "KeyError: 'a bug in a worker'" in text
    assert 'in broken\n    raise KeyError("a bug in a worker")' in text  # the thread's own frames


def test_another_error_after_a_first_is_written_too(reporter):
    for text in ("first\n", "second\n", "first\n"):
        reporter.report(text)
    assert reporter.count == 3
    assert reporter.log.read_text(encoding="utf-8").count("first") == 2  # not the last one: written


def test_a_log_that_cannot_be_written_still_says_it_without_a_path(qtbot, window, reporter, tmp_path, monkeypatch):
    blocked = tmp_path / "a file"
    blocked.write_text("")
    monkeypatch.setattr(errors, "log_path", lambda: blocked / "errors.log")  # under a file
    reporter.report("Traceback: a bug\n")
    message = window.statusBar().currentMessage()
    assert "went wrong" in message and "details" not in message


def test_a_long_log_is_set_aside_and_begun_anew(tmp_path, monkeypatch):
    log = tmp_path / errors.LOG_NAME
    log.write_text("x" * (errors.LOG_LIMIT_BYTES + 1))
    assert errors.write_log("new error\n", log) == log
    assert (tmp_path / (errors.LOG_NAME + ".1")).stat().st_size == errors.LOG_LIMIT_BYTES + 1
    text = log.read_text(encoding="utf-8")
    assert text.startswith("--- ") and text.endswith("new error\n\n")


def test_a_failing_report_never_raises_and_ctrl_c_is_left_to_python(reporter, monkeypatch):
    monkeypatch.setattr(reporter, "report", lambda text: 1 / 0)
    reporter(ValueError, ValueError("x"), None)  # no exception out of the hook
    seen = []
    monkeypatch.setattr(sys, "__excepthook__", lambda *args: seen.append(args))
    interrupt = KeyboardInterrupt()
    frames = object()  # what Python would give: passed on as it came
    reporter(KeyboardInterrupt, interrupt, frames)
    assert seen == [(KeyboardInterrupt, interrupt, frames)]


def test_the_app_installs_the_reporter_when_it_runs(monkeypatch):
    """``run`` installs it before the window is made (a test or a script keeps Python's hook)."""
    from lstm_studio.app import application

    order = []
    monkeypatch.setattr(application, "create_application", lambda: order.append("app") or "APP")
    monkeypatch.setattr(application.errors, "install", lambda app: order.append(("errors", app)))
    monkeypatch.setattr(application, "make_window", lambda *args: order.append("window"))
    monkeypatch.setattr(application, "show_window", lambda window: order.append("shown"))

    class App(str):
        def exec(self):
            return 0

    monkeypatch.setattr(application, "create_application", lambda: order.append("app") or App("APP"))
    assert application.run() == 0
    assert order == ["app", ("errors", "APP"), "window", "shown"]


def test_the_log_lives_in_the_apps_data_folder(isolated_settings):
    """``errors.log`` in the app's own data folder (named after the organisation and the app),
    under the test-mode home here."""
    path = errors.log_path()
    assert path.name == "errors.log"
    assert path.parent.name == "LSTM Studio Tests"
    assert path.is_relative_to(isolated_settings)


def test_a_log_in_a_folder_not_made_yet_is_written_with_its_parents(tmp_path):
    log = tmp_path / "not" / "made" / "yet" / errors.LOG_NAME
    assert errors.write_log("an error\n", log) == log
    assert log.read_text(encoding="utf-8").endswith("an error\n\n")


def test_a_log_of_exactly_the_limit_is_kept_and_written_on(tmp_path):
    """Only a log grown *past* LOG_LIMIT_BYTES is set aside."""
    log = tmp_path / errors.LOG_NAME
    log.write_text("x" * errors.LOG_LIMIT_BYTES)
    errors.write_log("next\n", log)
    assert not (tmp_path / (errors.LOG_NAME + ".1")).exists()
    assert log.read_text(encoding="utf-8").startswith("x" * errors.LOG_LIMIT_BYTES + "--- ")


def test_each_entry_begins_with_its_local_time_to_the_second(tmp_path):
    import datetime
    import re

    log = tmp_path / errors.LOG_NAME
    before = datetime.datetime.now().replace(microsecond=0)
    errors.write_log("Traceback: ü\n", log)
    first, rest = log.read_text(encoding="utf-8").split("\n", 1)
    assert re.fullmatch(r"--- \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", first)
    stamp = datetime.datetime.fromisoformat(first[4:])
    assert before <= stamp <= datetime.datetime.now()
    assert rest == "Traceback: ü\n\n"


def test_the_traceback_also_goes_to_stderr(reporter, monkeypatch):
    import io

    stderr = io.StringIO()
    monkeypatch.setattr(sys, "__stderr__", stderr)
    reporter.report("Traceback: a bug\n")
    assert stderr.getvalue() == "Traceback: a bug\n"
    monkeypatch.setattr(sys, "__stderr__", None)  # a windowed app on Windows has none
    reporter.report("Traceback: another bug\n")
    assert "another bug" in reporter.log.read_text(encoding="utf-8")


def test_the_reporter_lives_with_the_app(reporter):
    from PySide6.QtWidgets import QApplication

    assert reporter.parent() is QApplication.instance()
    assert sys.excepthook is reporter and threading.excepthook == reporter.thread_hook


def test_every_window_is_told_and_autosaved_in_the_background_past_one_that_fails(qtbot, tmp_path, reporter,
                                                                              monkeypatch):
    """Several windows and other top-level widgets: each window says it for 30 s and autosaves
    without waiting for the disk, even after another window's autosave raised."""
    from test_file_actions import MainWindow, QSettings, SessionModel, small_document

    others = [QWidget() for _ in range(3)]  # top-level widgets that are no windows
    for other in others:
        qtbot.addWidget(other)
    windows = []
    for number in range(3):
        settings = QSettings(str(tmp_path / f"settings{number}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(SessionModel(small_document()), settings, restore_layout=False)
        qtbot.addWidget(window)
        windows.append(window)
    told, saved = [], []
    for window in windows:
        monkeypatch.setattr(window, "show_status",
                            lambda message, timeout, window=window: told.append((window, timeout)))

        def write_now(background=False, window=window):
            saved.append((window, background))
            if window is windows[0]:
                raise OSError("disk full")

        monkeypatch.setattr(window.file_actions.autosave, "write_now", write_now)
    reporter.tell_windows(str(reporter.log))
    assert sorted(map(id, (w for w, _ in told))) == sorted(map(id, windows))
    assert {timeout for _, timeout in told} == {30_000}
    assert sorted(map(id, (w for w, _ in saved))) == sorted(map(id, windows))
    assert {background for _, background in saved} == {True}


def test_the_log_holds_the_traceback_as_python_prints_it(reporter):
    import traceback

    try:
        raise RuntimeError("a bug")
    except RuntimeError as error:
        kind, value, frames = type(error), error, error.__traceback__
    reporter(kind, value, frames)
    expected = "".join(traceback.format_exception(kind, value, frames))
    assert reporter.log.read_text(encoding="utf-8").endswith("\n" + expected + "\n")


def test_the_same_error_again_is_counted_and_written_again_only_after_the_interval(reporter, monkeypatch):
    """Repeats less than REPEAT_INTERVAL_S after the error was last written are counted only."""
    clock = {"now": 1000.0}
    monkeypatch.setattr(errors.time, "monotonic", lambda: clock["now"])
    for now in (1000.0, 1005.0, 1000.0 + errors.REPEAT_INTERVAL_S - 0.01, 1000.0 + errors.REPEAT_INTERVAL_S):
        clock["now"] = now
        reporter.report("Traceback: the same bug\n")
    assert reporter.count == 4
    assert reporter.log.read_text(encoding="utf-8").count("the same bug") == 2  # the first and the last


def test_the_log_is_utf8_whatever_the_systems_encoding(tmp_path, monkeypatch):
    """A system whose default encoding is narrower (Windows' cp1252, a C locale's ASCII) still
    gets every character of a message (Korean names, accents)."""
    import builtins

    def narrow_open(*args, encoding=None, **kwargs):
        return builtins.open(*args, encoding=encoding or "ascii", **kwargs)

    monkeypatch.setattr(errors, "open", narrow_open, raising=False)
    log = tmp_path / errors.LOG_NAME
    assert errors.write_log("ValueError: 학습률 ü\n", log) == log
    assert log.read_text(encoding="utf-8").endswith("ValueError: 학습률 ü\n\n")
