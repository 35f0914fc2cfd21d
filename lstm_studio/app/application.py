"""The QApplication of LSTM Studio: names, icon, pyqtgraph options, and running the window.

Hooks for themes, help and translations attach here (kept small on purpose).
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from importlib.resources import files

import pyqtgraph as pg
from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from lstm_studio.app import errors, i18n, settings_check, theme
from lstm_studio.app.window import memory

APP_NAME = "LSTM Studio"
ICON = files("lstm_studio.resources") / "icons" / "lstm-studio.svg"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The application object (the existing one if there is one), configured for LSTM Studio."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    configure_pyqtgraph()
    memory.tune_allocator()  # before any worker thread allocates
    memory.collect_in_gui_thread_only(app)
    settings_check.set_aside_if_corrupt(QSettings())  # before any setting is read
    i18n.install_translator(app, QSettings())
    theme.apply_saved_theme(app, QSettings())
    theme.apply_saved_scale(app, QSettings())  # before any panel: they are built at its scale
    return app


def configure_pyqtgraph() -> None:
    """No antialiasing by default (thin lines look the same, paint much faster; the panels turn
    it on for the few bold curves); images indexed [row, column] like every array of the app."""
    pg.setConfigOptions(antialias=False, imageAxisOrder="row-major")


@contextmanager
def throwaway_profile():
    """Settings and app data (autosaves included) in a temporary folder while the block runs:
    screenshots and benchmarks start from defaults and never touch, or prompt about, the user's
    own (XDG locations: effective on Linux, where screenshots and benchmarks run)."""
    names = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
    saved = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="lstm-studio-") as home:
        for name in names:
            os.environ[name] = os.path.join(home, name.lower())
        try:
            yield home
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def run(document=None, path: str | None = None) -> int:
    """Show the main window on ``document`` (the demo when None) and run the event loop."""
    app = create_application()
    errors.install(app)  # a bug's error: logged, said, the session autosaved; the app goes on
    show_window(make_window(document, path))
    return app.exec()


def show_window(window) -> None:
    """Show ``window`` at its size, or maximised when the screen is smaller than that."""
    screen = window.screen().availableGeometry()
    if window.width() > screen.width() or window.height() > screen.height():
        window.showMaximized()
    else:
        window.show()


def make_window(document=None, path: str | None = None, **options):
    """The main window on ``document`` (the demo when None); ``path`` is the file it came from."""
    from lstm_studio.app.window.main_window import MainWindow
    from lstm_studio.session.model import SessionModel

    model = SessionModel(document) if document is not None else None
    window = MainWindow(model, **options)
    if path is not None:
        window.setWindowFilePath(str(path))
    settings_check.show_notices(window)
    return window
