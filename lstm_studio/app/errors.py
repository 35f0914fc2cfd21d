"""Errors no code caught (a bug in the app, in any thread): written to a log in the app's data
folder, said in every window's status bar, and each window's unsaved session autosaved at once.
The app goes on; nothing is lost and no traceback is put in front of the user.

PySide hands an exception raised in a Python override called by Qt (a paint, an event handler, a
slot) to ``sys.excepthook`` and goes on; a Python thread's uncaught exception goes to
``threading.excepthook``. :func:`install` sets both (the app's ``run`` does; tests and scripts
keep Python's own).
"""

from __future__ import annotations

import datetime
import sys
import threading
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QApplication

LOG_NAME = "errors.log"
LOG_LIMIT_BYTES = 1_000_000
"""A log grown past this is kept as ``errors.log.1`` (the one before it dropped) and begun anew."""
REPEAT_INTERVAL_S = 10.0
"""The same error again less than this many seconds after it was last written (a paint that fails
on every frame) is counted, not written or said again."""


def log_path() -> Path:
    """Where the errors are written: ``errors.log`` in the app's data folder."""
    location = QStandardPaths.StandardLocation.AppLocalDataLocation
    return Path(QStandardPaths.writableLocation(location)) / LOG_NAME


class ErrorReport(QObject):
    """``sys.excepthook`` and ``threading.excepthook`` of the running app (see the module)."""

    reported = Signal(str)
    """The log's path (or "" when it could not be written), from any thread; received in the
    GUI thread, which tells the windows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.count = 0
        """Uncaught errors so far (repeats included)."""
        self._last = ("", float("-inf"))  # the last error written, and when
        self._lock = threading.Lock()
        self.reported.connect(self.tell_windows)

    def __call__(self, kind, value, trace) -> None:
        """``sys.excepthook``: never raises, whatever happens while reporting."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, trace)
            return
        try:
            self.report("".join(traceback.format_exception(kind, value, trace)))
        except Exception:  # noqa: BLE001 - a failing report must not raise into Qt
            pass

    def thread_hook(self, arguments) -> None:
        """``threading.excepthook``."""
        self(arguments.exc_type, arguments.exc_value, arguments.exc_traceback)

    def report(self, text: str) -> None:
        """Write ``text`` (a traceback) to stderr and the log and tell the windows, unless it is
        the last error again within REPEAT_INTERVAL_S."""
        with self._lock:
            self.count += 1
            now = time.monotonic()
            last, when = self._last
            if text == last and now - when < REPEAT_INTERVAL_S:
                return
            self._last = (text, now)
        if sys.__stderr__ is not None:  # None in a windowed app on Windows
            sys.__stderr__.write(text)
        self.reported.emit(str(write_log(text) or ""))

    def tell_windows(self, path: str) -> None:
        """Say it in every main window's status bar and autosave its session now."""
        message = self.tr("Something went wrong inside LSTM Studio (a bug). Your session has "
                          "been autosaved; the details are in {0}.").format(path) if path else \
            self.tr("Something went wrong inside LSTM Studio (a bug). Your session has been "
                    "autosaved.")
        for window in QApplication.topLevelWidgets():
            actions = getattr(window, "file_actions", None)
            if actions is None:
                continue
            window.show_status(message, 30_000)
            try:
                actions.autosave.write_now(background=True)
            except Exception:  # noqa: BLE001 - the report goes on to the other windows
                pass


def write_log(text: str, path: Path | None = None) -> Path | None:
    """Append ``text`` with the time to the log (kept below LOG_LIMIT_BYTES); its path, or None
    when it cannot be written."""
    path = path or log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_LIMIT_BYTES:
            path.replace(path.with_name(path.name + ".1"))
        stamp = datetime.datetime.now().isoformat(timespec="seconds")
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"--- {stamp}\n{text}\n")
    except OSError:
        return None
    return path


def install(app: QApplication) -> ErrorReport:
    """Report uncaught errors of ``app`` (see the module); returns the reporter."""
    reporter = ErrorReport(app)
    sys.excepthook = reporter
    threading.excepthook = reporter.thread_hook
    return reporter
