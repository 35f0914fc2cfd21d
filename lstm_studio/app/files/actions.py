"""The File menu: New, Open, Open Recent, Save, Save As, Revert, parameter import/export,
Export (panels as PNG/SVG, traces as CSV, the window as PNG, an animation as GIF/MP4:
:mod:`lstm_studio.app.files.animation`), Quit; the file name and ``*`` in
the title; Import PyTorch Model… (:mod:`lstm_studio.app.files.pytorch_model`); Save/Discard/Cancel before unsaved changes are lost (closing, opening, New);
dropping a ``.lstms`` file on the window opens it; Open Data… and dropped ``.txt``/``.csv``
files (:mod:`lstm_studio.app.files.data`); autosave and crash recovery
(:mod:`lstm_studio.app.files.autosave`).

``install(window)`` is called by the main window's constructor; everything stays reachable as
``window.file_actions`` (a :class:`FileActions`). The current file is ``window.windowFilePath()``
(so ``make_window(..., path)`` setting it works too); :func:`open_path` opens a file in a window.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from lstm_studio.app.editors.commands import ReplaceDocumentCommand
from lstm_studio.app.files import animation, data, export, pytorch_model
from lstm_studio.app.files.autosave import Autosave
from lstm_studio.app.i18n import error_text
from lstm_studio.app.widgets import call_soon
from lstm_studio.session import data_files, params_io
from lstm_studio.session.document import new_document, opening_view
from lstm_studio.session.io import SessionFileError, load_session, save_session

SUFFIX = ".lstms"
RECENT_KEY = "files/recent"
MAX_RECENT = 8
Button = QMessageBox.StandardButton


class FileActions(QObject):
    """File menu, title, unsaved-changes questions, drag and drop, autosave of one window."""

    def __init__(self, window):
        super().__init__(window)
        self.window, self.model = window, window.model
        self.menu = window.menu("File")
        self.menu.setToolTipsVisible(True)
        self.data = data.DataFiles(window, self)  # Open Data…, dropped and recent data files
        self.pytorch_model = pytorch_model.PyTorchModelImport(window, self)
        self._build_menu()
        self.animation = animation.install(window, self)  # Export ▸ Animation…, Copy Panel Image
        self.autosave = Autosave(window, self)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self.model.modifiedChanged.connect(self._update_actions)
        self.update_title()

    # -- menu --------------------------------------------------------------------------------
    def _action(self, text, tip, slot, shortcut=None) -> QAction:
        action = QAction(text, self.window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        self.menu.addAction(action)
        return action

    def _build_menu(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New"), self.tr("Start a new session (Ctrl+N)"),
                                       self.new, keys.New)
        self.open_action = self._action(self.tr("&Open…"), self.tr("Open a session file (Ctrl+O)"),
                                        self.open, keys.Open)
        self.open_data_action = self._action(
            self.tr("Open &Data…"),
            self.tr("Learn from a file: a UTF-8 text for next-character prediction, or a CSV table of "
                    "numbers as the input and target sequence (Ctrl+Shift+O; or drop one on the window)"),
            self.data.open_data, QKeySequence("Ctrl+Shift+O"))
        self.recent_menu = self.menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.menu.addSeparator()
        self.save_action = self._action(self.tr("&Save"), self.tr("Save the session (Ctrl+S)"),
                                        self.save, keys.Save)
        self.save_as_action = self._action(
            self.tr("Save &As…"), self.tr("Save the session to a new file (Ctrl+Shift+S)"),
            self.save_as, QKeySequence("Ctrl+Shift+S"))
        self.revert_action = self._action(
            self.tr("Re&vert"), self.tr("Discard unsaved changes and reload the file"), self.revert)
        self.menu.addSeparator()
        self.import_action = self._action(
            self.tr("&Import Parameters…"),
            self.tr("Load weights and biases in PyTorch's layout (.npz, or .pt with PyTorch)"),
            self.import_parameters)
        self.import_model_action = self._action(
            self.tr("Import PyTorch &Model…"),
            self.tr("Open a character model trained with PyTorch (embedding, LSTM/GRU/RNN, linear read-out) "
                    "from its state dict and vocabulary JSON"),
            self.pytorch_model.import_model)
        self.export_parameters_action = self._action(
            self.tr("Export &Parameters…"),
            self.tr("Save weights and biases in PyTorch's layout (.npz, or .pt with PyTorch)"),
            self.export_parameters)
        self.export_menu = self.menu.addMenu(self.tr("&Export"))
        self.export_menu.setToolTipsVisible(True)
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        self._export_keys = None
        self._fill_export_menu()
        self.menu.addSeparator()
        self.quit_action = self._action(self.tr("&Quit"), self.tr("Close LSTM Studio (Ctrl+Q)"),
                                        self.window.close, keys.Quit)
        self._update_actions()

    def _update_actions(self, *_args) -> None:
        self.revert_action.setEnabled(bool(self.path()) and self.model.is_modified)

    # -- path and title ----------------------------------------------------------------------
    def path(self) -> str:
        """The file of the session ("" while untitled)."""
        return self.window.windowFilePath()

    def set_path(self, path: str) -> None:
        self.window.setWindowFilePath(str(Path(path).resolve()) if path else "")
        self.update_title()

    def display_name(self) -> str:
        return Path(self.path()).name if self.path() else self.tr("Untitled")

    def update_title(self) -> None:
        name = self.display_name().replace("[*]", "[*][*]")  # a literal [*] in a file name
        self.window.setWindowTitle(self.tr("{0}[*] — LSTM Studio").format(name))
        self.window.setWindowModified(self.model.is_modified)
        self._update_actions()

    def _adopt_window_path(self) -> None:
        """A file path given to the window after install (``make_window(doc, path)`` of the
        command line) becomes the session's file: absolute, in the title and recent files."""
        path = self.path()
        if path and path != str(Path(path).resolve()):
            self.set_path(path)
        if path and self.path() not in self.recent_files():
            self.add_recent(self.path())
        self.update_title()

    # -- documents ---------------------------------------------------------------------------
    def replace_document(self, document, path: str, *, modified: bool) -> None:
        """Show ``document`` (from ``path``, "" for untitled): a fresh start of the undo history."""
        self.model.replace_document(document, modified=modified)
        self.window.undo_stack.clear()
        self.set_path(path)

    def maybe_save(self) -> bool:
        """Before unsaved changes would be lost: ask Save / Discard / Cancel. True to go on
        (saved, or discarded — any answer but Save and Cancel counts as Discard)."""
        if not self.model.is_modified:
            return True
        answer = QMessageBox.question(
            self.window, self.tr("Unsaved changes"),
            self.tr("{0} has unsaved changes. Save them?").format(self.display_name()),
            Button.Save | Button.Discard | Button.Cancel, Button.Save)
        if answer == Button.Save:
            return self.save()
        return answer != Button.Cancel

    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.replace_document(opening_view(new_document()), "", modified=False)
        self.autosave.discard()
        self.window.show_status(self.tr("New session."))
        return True

    def open(self) -> bool:
        if not self.maybe_save():
            return False
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open Session"), self._folder(), self._session_filter())
        return bool(path) and self.open_path(path, ask=False)

    def open_path(self, path, *, ask: bool = True) -> bool:
        """Open the session file ``path`` (asking about unsaved changes first when ``ask``).
        On failure the user is told why and the open session stays as it was."""
        if ask and not self.maybe_save():
            return False
        path = str(path)
        try:
            document = load_session(path)
        except SessionFileError as exc:
            self.window.show_error(self.tr("Cannot open session"),
                                   self.tr("{0} cannot be opened: {1}").format(Path(path).name, error_text(exc)))
            return False
        self.replace_document(document, path, modified=False)
        self.autosave.discard()
        self.add_recent(self.path())
        self.window.show_status(self.tr("Opened {0}.").format(self.display_name()))
        return True

    def save(self) -> bool:
        return self.save_to(self.path()) if self.path() else self.save_as()

    def save_as(self) -> bool:
        suggested = self.path() or str(Path(self._folder()) / (self.tr("Untitled") + SUFFIX))
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save Session As"), suggested, self._session_filter())
        if not path:
            return False
        if not path.lower().endswith(SUFFIX):
            path += SUFFIX
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the session to ``path``; it becomes the session's file. The panels first catch
        up with the document (a background recompute is finished first): what is saved is what
        they show."""
        self.model.settle()
        try:
            save_session(self.model.document, path)
        except SessionFileError as exc:
            self.window.show_error(self.tr("Cannot save session"), error_text(exc))
            return False
        self.model.mark_saved()
        self.window.undo_stack.setClean()
        self.set_path(path)
        self.autosave.discard()
        self.add_recent(self.path())
        self.window.show_status(self.tr("Saved {0}.").format(self.display_name()))
        return True

    def revert(self) -> bool:
        """Reload the file, dropping unsaved changes (after asking)."""
        if not self.path():
            return False
        if self.model.is_modified:
            answer = QMessageBox.question(
                self.window, self.tr("Revert"),
                self.tr("Discard all unsaved changes and reload {0}?").format(self.display_name()),
                Button.Yes | Button.No, Button.No)
            if answer != Button.Yes:
                return False
        return self.open_path(self.path(), ask=False)

    def _folder(self) -> str:
        """Where file dialogs start: the session's folder, else the last file's, else home."""
        current = self.path() or next(iter(self.recent_files()), "")
        return str(Path(current).parent) if current else str(Path.home())

    def _session_filter(self) -> str:
        return self.tr("LSTM Studio sessions (*.lstms);;All files (*)")

    # -- recent files ------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """Recently opened or saved files, newest first; files that no longer exist are dropped."""
        stored = self.window.settings.value(RECENT_KEY, [])
        stored = [stored] if isinstance(stored, str) else list(stored) if isinstance(stored, (list, tuple)) else []
        existing = []
        for p in stored:
            if isinstance(p, str) and "\x00" not in p and p not in existing and os.path.isfile(p):
                existing.append(p)
        existing = existing[:MAX_RECENT]
        if existing != stored:
            self.window.settings.setValue(RECENT_KEY, existing)
        return existing

    def add_recent(self, path: str) -> None:
        files = [path] + [p for p in self.recent_files() if p != path]
        self.window.settings.setValue(RECENT_KEY, files[:MAX_RECENT])

    def clear_recent(self) -> None:
        """Forget the recent sessions and the recent data files."""
        self.window.settings.setValue(RECENT_KEY, [])
        self.data.clear_recent()

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.recent_files()
        for number, path in enumerate(files, start=1):
            action = menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        data_count = self.data.fill_recent_menu(menu, len(files) + 1)
        if not files and not data_count:
            menu.addAction(self.tr("No recent files")).setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(self.tr("&Clear Recent Files"))
        clear.setToolTip(self.tr("Forget the list of recent files"))
        clear.setEnabled(bool(files) or bool(data_count))
        clear.triggered.connect(self.clear_recent)

    # -- parameters --------------------------------------------------------------------------
    def _parameter_filter(self) -> str:
        npz = self.tr("NumPy archives (*.npz)")
        pt = self.tr("PyTorch state dicts (*.pt *.pth)")
        return ";;".join([npz, pt] if params_io.torch_available() else [npz])

    def _pytorch_kind_refused(self, title: str) -> bool:
        """Say so (and return True) when PyTorch has no module of the current kind."""
        try:
            params_io.check_pytorch_kind(self.model.document)
        except params_io.ParameterFileError as exc:
            self.window.show_error(title, error_text(exc))
            return True
        return False

    def import_parameters(self) -> bool:
        """Replace weights (and read-out, when the file has it) as one undoable edit."""
        if self._pytorch_kind_refused(self.tr("Cannot import parameters")):
            return False
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import Parameters"), self._folder(), self._parameter_filter())
        if not path:
            return False
        try:
            document = params_io.imported_document(self.model.document, params_io.read_parameter_file(path))
        except params_io.ParameterFileError as exc:
            self.window.show_error(
                self.tr("Cannot import parameters"),
                self.tr("{0} does not fit this network: {1}").format(Path(path).name, error_text(exc)))
            return False
        self.window.undo_stack.push(ReplaceDocumentCommand(
            self.model, document, self.tr("Import parameters from {0}").format(Path(path).name)))
        self.window.show_status(self.tr("Imported parameters from {0}.").format(Path(path).name))
        return True

    def export_parameters(self) -> bool:
        if self._pytorch_kind_refused(self.tr("Cannot export parameters")):
            return False
        suggested = str(Path(self._folder()) / (Path(self.display_name()).stem + ".npz"))
        path, chosen = QFileDialog.getSaveFileName(
            self.window, self.tr("Export Parameters"), suggested, self._parameter_filter())
        if not path:
            return False
        if Path(path).suffix.lower() not in (".npz",) + params_io.TORCH_SUFFIXES:
            path += ".pt" if "*.pt" in chosen else ".npz"
        try:
            written = params_io.export_parameters(self.model.document, path)
        except params_io.ParameterFileError as exc:
            self.window.show_error(self.tr("Cannot export parameters"), error_text(exc))
            return False
        if len(written) > 1:
            self.window.show_status(self.tr("Exported parameters to {0} and the vocabulary to {1} "
                                            "(Import PyTorch Model opens the two).").format(
                written[0].name, written[1].name))
        else:
            self.window.show_status(self.tr("Exported parameters to {0}.").format(written[0].name))
        return True

    # -- export ------------------------------------------------------------------------------
    def _fill_export_menu(self) -> None:
        """(Re)build File ▸ Export when the set of panels changed (features add docks later)."""
        keys = tuple(key for key, panel in self.window.panels.items() if export.graphics_views(panel))
        if keys == self._export_keys:
            return
        self._export_keys = keys
        menu = self.export_menu
        menu.clear()
        for old in menu.findChildren(QMenu):
            old.deleteLater()
        window_png = menu.addAction(self.tr("&Window as PNG…"))
        window_png.setToolTip(self.tr("A picture of the whole window"))
        window_png.triggered.connect(lambda: self.export_window())
        animate = menu.addAction(self.tr("&Animation…"))
        animate.setToolTip(self.tr("Step through time and save it as an animated GIF or an MP4 "
                                   "video: the whole window or one panel, for slides"))
        animate.triggered.connect(lambda: self.animation.show_dialog())
        traces = menu.addAction(self.tr("&Traces as CSV…"))
        traces.setToolTip(self.tr("Inputs, gates, states, gradients, outputs and loss of every "
                                  "time step, one value per row"))
        traces.triggered.connect(lambda: self.export_traces())
        menu.addSeparator()
        for key in keys:
            sub = menu.addMenu(self.window.docks[key].windowTitle())
            for fmt, text in (("png", self.tr("As PNG image…")), ("svg", self.tr("As SVG drawing…"))):
                action = sub.addAction(text)
                action.setToolTip(self.tr("Export the plots of this panel"))
                action.triggered.connect(lambda _checked=False, k=key, f=fmt: self.export_panel(k, f))

    def _export_path(self, title: str, stem: str, suffix: str, filter_text: str) -> str:
        suggested = str(Path(self._folder()) / f"{stem}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self.window, title, suggested, filter_text)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path

    def _run_export(self, path: str, write) -> bool:
        self.model.settle()  # export what the document is, drawn as it is
        try:
            write(path)
        except (OSError, ValueError, SessionFileError) as exc:
            self.window.show_error(self.tr("Cannot export"), error_text(exc))
            return False
        self.window.show_status(self.tr("Exported {0}.").format(Path(path).name))
        return True

    def export_panel(self, key: str, fmt: str) -> bool:
        filters = {"png": self.tr("PNG images (*.png)"), "svg": self.tr("SVG drawings (*.svg)")}
        path = self._export_path(self.tr("Export Panel"), key, f".{fmt}", filters[fmt])
        writer = export.export_panel_png if fmt == "png" else export.export_panel_svg
        return bool(path) and self._run_export(path, lambda p: writer(self.window.panels[key], p))

    def export_window(self) -> bool:
        path = self._export_path(self.tr("Export Window"), "lstm-studio", ".png",
                                 self.tr("PNG images (*.png)"))
        return bool(path) and self._run_export(path, lambda p: export.export_window_png(self.window, p))

    def export_traces(self) -> bool:
        path = self._export_path(self.tr("Export Traces"), Path(self.display_name()).stem + "-traces",
                                 ".csv", self.tr("CSV tables (*.csv)"))
        return bool(path) and self._run_export(path, lambda p: export.export_traces_csv(self.model, p))

    # -- window events: close, drag and drop, show -------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is not self.window:
            return False
        kind = event.type()
        if kind == QEvent.Type.Close:
            if not self.maybe_save():
                event.ignore()
                return True
            self.autosave.shutdown()
        elif kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if _dropped_session(event.mimeData()) or _dropped_data(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            path = _dropped_session(event.mimeData())
            data_path = "" if path else _dropped_data(event.mimeData())
            if path or data_path:
                event.acceptProposedAction()
                if path:
                    call_soon(self, lambda: self.open_path(path))  # after the drag ends
                else:
                    call_soon(self, lambda: self.data.open_data_path(data_path))
                return True
        elif kind == QEvent.Type.Show:
            self._adopt_window_path()
        return False


def _dropped_session(mime) -> str:
    """The local ``.lstms`` file of a drag, or ""."""
    if not mime.hasUrls():
        return ""
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(SUFFIX):
            return url.toLocalFile()
    return ""


def _dropped_data(mime) -> str:
    """The local text or CSV file of a drag (:func:`data_files.is_data_file`), or ""."""
    if not mime.hasUrls():
        return ""
    for url in mime.urls():
        if url.isLocalFile() and data_files.is_data_file(url.toLocalFile()):
            return url.toLocalFile()
    return ""


def install(window) -> None:
    """Add the File menu, title handling, drag and drop and autosave to the main window."""
    window.file_actions = FileActions(window)


def open_path(window, path) -> bool:
    """Open the session file ``path`` in ``window`` (as File ▸ Open would). For the CLI."""
    return window.file_actions.open_path(path)
