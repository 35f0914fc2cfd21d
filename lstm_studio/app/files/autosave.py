"""Autosave and crash recovery.

While the session has unsaved changes, it is written every :data:`AUTOSAVE_INTERVAL_MS` (the
environment variable ``LSTM_STUDIO_AUTOSAVE_MS`` overrides it, for tests) to the user's data
folder (while a run trains, at most every :data:`TRAINING_INTERVAL_S`, and once when it ends:
writing a session with a long text takes long):
``<AppLocalDataLocation>/autosave/<id>.lstms``, with ``<id>.json`` naming the file the
session came from. Each running window holds ``<id>.lock`` (a QLockFile). Saving, opening or a
clean exit (closing the window, or the interpreter ending normally) removes the autosave; after
a crash the lock is stale, and the next launch offers to restore the session (as modified, with
its original path or untitled). The timer's autosaves and a run's last one are written by a
thread of their own, from a copy of the session (its arrays are read-only and shared): at the
largest sizes a write takes seconds, which the window would otherwise stand still for (issue
14); one write at a time, and a save, an open or a close lets a running write finish before it
removes the autosave. Headless runs (offscreen platform: screenshots, scripts) never
ask, unless ``LSTM_STUDIO_OFFER_RESTORE=1``.

Faults: when an autosave cannot be written (disk full, folder read-only…) the app keeps working,
says so once (the status bar, and a lasting note in it until autosaving works again; never a
dialog) and tries again at the next interval; a window killed while autosaving leaves its previous
autosave intact and a temporary file, which the next window to autosave deletes. An autosave that cannot be read back is set aside
as ``<id>.corrupt`` (never offered again, never deleted) and the user is told where it is.
"""

from __future__ import annotations

import atexit
import json
import os
import threading
import time
import uuid
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox

from lstm_studio.app.i18n import error_text
from lstm_studio.session.io import SessionFileError, load_session, save_session
from lstm_studio.session.safe_files import write_atomically

AUTOSAVE_INTERVAL_MS = 30_000
MAX_INTERVAL_MS = 2**31 - 1  # what a QTimer holds
TRAINING_INTERVAL_S = 300.0
"""While a run trains, an autosave at most this often (and one when it ends)."""
INTERVAL_ENV = "LSTM_STUDIO_AUTOSAVE_MS"
OFFER_ENV = "LSTM_STUDIO_OFFER_RESTORE"
HEADLESS_PLATFORMS = ("offscreen", "minimal")
WRITE_POLL_MS = 50
"""How often the window looks whether a background autosave is written."""

_live: set[Path] = set()
"""Autosave files written by this process."""
_writers: dict[Path, "_Write"] = {}
"""The autosave being written in the background, per file (one at a time)."""


class _Write:
    """One autosave written by a thread of its own: the session (a copy sharing the document's
    read-only arrays) and the note naming the file it came from. Holds nothing of Qt's, so that
    the thread never touches a window that may be gone by the time it is done."""

    def __init__(self, document, path: Path, note: bytes):
        self.document, self.path, self.note = document, path, note
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.run, name="lstm-studio autosave", daemon=True)

    def run(self) -> None:
        try:
            save_session(self.document, self.path)
            write_atomically(self.path.with_suffix(".json"), lambda fh: fh.write(self.note))
        except (SessionFileError, OSError) as exc:
            self.error = exc
        finally:
            self.document = None

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()


def _wait_for_writer(path: Path) -> None:
    """Let the background write of ``path`` finish (before the file is removed, or written
    again): a write ending after a removal would leave an autosave nobody wants."""
    write = _writers.get(path)
    if write is not None:
        write.thread.join()


def interval_ms() -> int:
    """The autosave period: ``LSTM_STUDIO_AUTOSAVE_MS`` when set to a whole number of
    milliseconds from 1 to what a timer holds (0 would autosave without pause); else 30 s."""
    value = os.environ.get(INTERVAL_ENV, "").strip()
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_INTERVAL_MS:
        return int(value)
    return AUTOSAVE_INTERVAL_MS


def autosave_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(location) / "autosave"


def restore_offer_wanted() -> bool:
    """Asking needs someone to answer: never on a headless platform (screenshots, scripts),
    unless ``LSTM_STUDIO_OFFER_RESTORE=1``."""
    return (os.environ.get(OFFER_ENV) == "1"
            or QGuiApplication.platformName() not in HEADLESS_PLATFORMS)


def _probe_lock(lock_path: Path) -> QLockFile:
    lock = QLockFile(str(lock_path))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never because it is old
    return lock


def orphans(own_id: str | None = None) -> list[Path]:
    """Autosaved sessions whose window is gone (crashed), newest first."""
    folder = autosave_dir()
    found = []
    for path in folder.glob("*.lstms"):
        if path.stem == own_id:
            continue
        lock = _probe_lock(folder / f"{path.stem}.lock")
        if lock.tryLock(0):  # nobody holds it: the owner crashed (a stale lock is taken over)
            lock.unlock()
            try:
                found.append((path.stat().st_mtime, path))
            except OSError:  # gone meanwhile (another window restored it)
                continue
    return [path for _, path in sorted(found, key=lambda item: item[0], reverse=True)]


def original_path(autosave: Path) -> str:
    """The file the autosaved session came from ("" when untitled or unknown)."""
    try:
        info = json.loads(autosave.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    path = info.get("path") if isinstance(info, dict) else None
    if not isinstance(path, str) or "\x00" in path or not os.path.isabs(path):
        return ""  # a damaged note: restore the session as untitled
    return path


def remove(autosave: Path) -> None:
    """Delete an autosaved session and its note."""
    for path in (autosave, autosave.with_suffix(".json")):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only folder: the file stays, and is offered again after a crash


def remove_stale_temporaries(folder: Path, own_id: str) -> list[Path]:
    """Delete the half-written temporary files (``.<id>.lstms.*.tmp``, ``.<id>.json.*.tmp``)
    that windows killed in the middle of an autosave left behind; a running window's are kept.
    Returns the files deleted."""
    removed = []
    for path in folder.glob(".*.tmp"):
        owner = path.name[1:].split(".", 1)[0]
        if owner == own_id:
            continue
        lock = _probe_lock(folder / f"{owner}.lock")
        if not lock.tryLock(0):
            continue  # its window is running: maybe writing it right now
        lock.unlock()
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def set_aside(autosave: Path) -> Path | None:
    """Rename an autosave that cannot be read to ``<id>.corrupt`` (kept for whoever wants to
    look, never offered again); its note goes. Returns the new path (None if renaming failed)."""
    target = autosave.with_suffix(".corrupt")
    try:
        os.replace(autosave, target)
    except OSError:
        return None
    finally:
        try:
            autosave.with_suffix(".json").unlink(missing_ok=True)
        except OSError:
            pass
    return target


@atexit.register
def _remove_own_autosaves() -> None:
    """A normal interpreter exit (even a script that never closed its window) is no crash."""
    for path in list(_live):
        _wait_for_writer(path)
        remove(path)


class Autosave(QObject):
    """The autosave of one window: timer, files, lock and the restore offer."""

    autosaved = Signal(str)
    """Path of the autosave file just written."""

    def __init__(self, window, file_actions):
        super().__init__(window)
        self.window, self.model, self.file_actions = window, window.model, file_actions
        self.id = uuid.uuid4().hex
        self.folder = autosave_dir()
        self.path = self.folder / f"{self.id}.lstms"
        self._lock = None
        self._pending = False
        self.failure = ""
        """Why the last autosave failed ("" while autosaving works)."""
        self.failure_label = QLabel()
        self.failure_label.setVisible(False)
        window.statusBar().addPermanentWidget(self.failure_label)
        for signal in (self.model.dataChanged, self.model.documentReplaced):
            signal.connect(self._changed)
        self.model.modifiedChanged.connect(self._changed)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms())
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._poll = QTimer(self)  # while a background write runs: whether it is done
        self._poll.setInterval(WRITE_POLL_MS)
        self._poll.timeout.connect(self._finish_write)
        self._written = float("-inf")  # when the last autosave was written
        self.model.trainingChanged.connect(self._training_changed)
        self._offer_timer = QTimer(self)
        self._offer_timer.setSingleShot(True)
        self._offer_timer.timeout.connect(self.offer_restore)
        if restore_offer_wanted():
            self._offer_timer.start(0)
        folder, own_id = self.folder, self.id
        window.destroyed.connect(lambda *_: _release(folder, own_id))

    def _changed(self, *_args) -> None:
        self._pending = self.model.is_modified

    def _tick(self) -> None:
        """The timer: autosave, but while a run trains only every TRAINING_INTERVAL_S (writing a
        session with a long text is a pause of its own; the run's end is autosaved at once)."""
        if self.model.training and time.monotonic() - self._written < TRAINING_INTERVAL_S:
            return
        self.write_now(background=True)

    def _training_changed(self, running: bool) -> None:
        if not running:
            self.write_now(background=True)

    @property
    def writing(self) -> bool:
        """Whether an autosave is being written in the background."""
        write = _writers.get(self.path)
        return write is not None and not write.done

    def write_now(self, *, background: bool = False) -> bool:
        """Write the unsaved session now (if there are unsaved changes not yet autosaved).

        ``background``: by a thread of its own, the window going on meanwhile (at the largest
        sizes a session takes seconds to write; the timer and the end of a run autosave so);
        ``autosaved`` says when it is written. One at a time: while one is being written, a
        background write waits for the next interval, and any other waits for it to finish.
        Returns whether it was written (or, in the background, started)."""
        if not (self._pending and self.model.is_modified):
            return False
        if self.writing:
            if background:
                return False
            _wait_for_writer(self.path)
            self._finish_write()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self._lock is None:
                self._lock = _probe_lock(self.folder / f"{self.id}.lock")
                self._lock.tryLock(0)
                remove_stale_temporaries(self.folder, self.id)
        except OSError as exc:
            self._failed(error_text(exc))
            return False
        _live.add(self.path)
        note = json.dumps({"path": self.file_actions.path()}).encode("utf-8")
        write = _writers[self.path] = _Write(self.model.document.copy(), self.path, note)
        self._pending = False  # (a change made meanwhile sets it again)
        if not background:
            write.run()
            return self._finish_write()
        write.thread.start()
        self._poll.start()
        return True

    def _finish_write(self) -> bool:
        """The write is done (on this thread): say so, or say why it failed (then the next
        interval tries again)."""
        write = _writers.get(self.path)
        if write is None or not write.done:
            return False
        del _writers[self.path]
        self._poll.stop()
        if write.error is not None:
            self._pending = True
            self._failed(error_text(write.error))
            return False
        self._written = time.monotonic()
        if self.failure:
            self.failure = ""
            self.failure_label.setVisible(False)
            self.window.show_status(self.tr("Autosave works again."))
        self.autosaved.emit(str(self.path))
        return True

    def _failed(self, reason: str) -> None:
        """Say once that autosaving fails (the status bar, and a note that stays there until it
        works again); the timer tries again at the next interval."""
        first = not self.failure
        self.failure = reason
        self.failure_label.setText(self.tr("Autosave failing"))
        self.failure_label.setToolTip(self.tr(
            "The last autosave failed: {0}\nLSTM Studio keeps working and tries again every {1} s. "
            "Save the session yourself (File ▸ Save As…) to a place with room.").format(
                reason, max(1, round(self.timer.interval() / 1000))))
        self.failure_label.setVisible(True)
        if first:
            self.window.show_status(self.tr("Autosave failed: {0} It will be tried again.").format(reason), 15_000)

    def discard(self) -> None:
        """The session is saved or replaced: its autosave is no longer needed (one being written
        is let finish first, then removed)."""
        _wait_for_writer(self.path)
        self._finish_write()
        remove(self.path)
        self._pending = self.model.is_modified

    def shutdown(self) -> None:
        """Clean exit: stop, remove the autosave, release the lock."""
        self.timer.stop()
        _wait_for_writer(self.path)
        self._finish_write()
        remove(self.path)
        if self._lock is not None:
            self._lock.unlock()

    def offer_restore(self) -> bool:
        """Offer the sessions of crashed windows, newest first; restore the first accepted
        (declined ones are deleted). Returns whether one was restored."""
        for found in orphans(self.id):
            origin = original_path(found)
            name = Path(origin).name if origin else self.tr("an untitled session")
            answer = QMessageBox.question(
                self.window, self.tr("Restore unsaved session?"),
                self.tr("LSTM Studio did not close properly last time. Unsaved changes to {0} "
                        "were autosaved. Restore them?").format(name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes:
                remove(found)
                continue
            try:
                document = load_session(found)
            except SessionFileError as exc:
                kept = set_aside(found)
                where = (self.tr("It was set aside as {0}.").format(kept) if kept is not None
                         else self.tr("It could not be set aside either."))
                self.window.show_error(self.tr("Cannot restore the session"),
                                       f"{error_text(exc)}\n\n{where}")
                continue
            self.file_actions.replace_document(document, origin, modified=True)
            remove(found)
            self.write_now()
            self.window.show_status(self.tr("Restored the autosaved session."))
            return True
        return False


def _release(folder: Path, own_id: str) -> None:
    """The window is gone without a crash: its autosave and lock are not needed any more."""
    _wait_for_writer(folder / f"{own_id}.lstms")
    _writers.pop(folder / f"{own_id}.lstms", None)
    remove(folder / f"{own_id}.lstms")
    (folder / f"{own_id}.lock").unlink(missing_ok=True)
