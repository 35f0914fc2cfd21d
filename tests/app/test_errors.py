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
    assert "KeyError: 'a bug in a worker'" in reporter.log.read_text(encoding="utf-8")


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
    monkeypatch.setattr(sys, "__excepthook__", lambda *args: seen.append(args[0]))
    reporter(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]


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
