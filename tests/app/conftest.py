"""Fixtures for GUI tests: offscreen Qt, settings and data folders in a temp dir, no modal dialogs."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import collections  # noqa: E402
import gc  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory, monkeypatch):
    """QSettings and QStandardPaths point into a fresh temp folder for every test."""
    root = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("LSTM Studio Tests")
    QCoreApplication.setApplicationName("LSTM Studio Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(root))
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setenv("HOME", str(root))  # Qt's test mode puts data under $HOME/.qttest
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "config"))
    return root


def delete_closed_widgets() -> None:
    """Delete what waits for deletion (``deleteLater``: the windows pytest-qt closed after a
    test) and the Python objects left over. A test's ``app.processEvents()`` never deletes them
    (Qt does so only from an event loop), so without this every window of the run would stay
    alive in one process — repainted, restyled by a theme switch, holding memory."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture(autouse=True)
def leftovers_deleted(qapp):
    """After each test (and after pytest-qt closed its widgets): nothing of it stays alive, and
    the application is as the test found it — no translator left installed, the same theme and
    presentation scale (``create_application``, View ▸ Theme and View ▸ Zoom In change them for
    every later test of the process)."""
    import pyqtgraph as pg

    from lstm_studio.app import i18n
    from lstm_studio.app import theme as themes

    theme = (qapp.property("lstm_studio_theme"), qapp.styleSheet(), qapp.palette(), qapp.style().name(),
             pg.getConfigOption("background"), pg.getConfigOption("foreground"))
    scale = themes.current_scale()
    top_level_before = len(qapp.topLevelWidgets())
    yield
    if getattr(qapp, "_lstm_studio_translators", None):
        i18n.remove_translators(qapp)
    if qapp.property("lstm_studio_theme") != theme[0]:
        name, sheet, palette, style, plot_background, plot_foreground = theme
        qapp.setStyle(style)
        qapp.setPalette(palette)
        qapp.setStyleSheet(sheet)
        pg.setConfigOptions(background=plot_background, foreground=plot_foreground)
        qapp.setProperty("lstm_studio_theme", name)
    delete_closed_widgets()
    if themes.current_scale() != scale:  # after the windows went: none of them rebuilds
        themes.set_scale(qapp, scale)  # the application font too
    left = qapp.topLevelWidgets()
    if len(left) > top_level_before:  # e.g. a lambda connected to a longer-lived signal keeps a window
        kinds = collections.Counter(widget.metaObject().className() for widget in left)
        pytest.fail(f"{len(left) - top_level_before} top-level widgets outlived the test: "
                    f"{dict(kinds.most_common(5))}", pytrace=False)


@pytest.fixture(scope="session", autouse=True)
def nothing_left_at_the_end(qapp):
    """The last windows go while Python and Qt are whole, not in interpreter shutdown."""
    yield
    delete_closed_widgets()


class DialogRecorder:
    """Stands in for QMessageBox/QFileDialog statics: records calls, answers with preset replies."""

    def __init__(self):
        self.calls = []
        self.answers = {}  # static name -> value to return (e.g. "question": QMessageBox.Discard)

    def make(self, name, default):
        def fake(*args, **kwargs):
            self.calls.append((name, args, kwargs))
            return self.answers.get(name, default)

        return staticmethod(fake)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    """No modal dialog can open in a test; ``dialogs.calls`` lists what would have been shown."""
    recorder = DialogRecorder()
    for name, default in [
        ("warning", QMessageBox.StandardButton.Ok),
        ("critical", QMessageBox.StandardButton.Ok),
        ("information", QMessageBox.StandardButton.Ok),
        ("question", QMessageBox.StandardButton.No),
        ("about", None),
    ]:
        monkeypatch.setattr(QMessageBox, name, recorder.make(name, default))
    for name, default in [
        ("getOpenFileName", ("", "")),
        ("getSaveFileName", ("", "")),
        ("getExistingDirectory", ""),
    ]:
        monkeypatch.setattr(QFileDialog, name, recorder.make(name, default))
    return recorder


@pytest.fixture
def shown_window(qtbot):
    """The main window as a user sees it (shown, exposed, no saved layout). Afterwards every run
    it may have started ends (training, Compare, a lesson or example being built, playback) and
    its session counts as saved, so closing it asks nothing."""
    from lstm_studio.app.application import configure_pyqtgraph
    from lstm_studio.app.window.main_window import MainWindow

    configure_pyqtgraph()
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.training.shutdown()
    window.compare.shutdown()
    window.lessons.stop_building()
    window.unit_examples.stop()
    window.playback.pause()
    window.model.mark_saved()
