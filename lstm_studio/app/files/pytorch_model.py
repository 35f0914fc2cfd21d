"""File ▸ Import PyTorch Model…: a character model trained with PyTorch (a state dict and its
vocabulary JSON, :mod:`lstm_studio.session.model_import`) opens as a next-character session,
one undoable edit; a text for it to read is asked for (Cancel: a text made of its vocabulary)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from lstm_studio.app.editors.commands import ReplaceDocumentCommand
from lstm_studio.app.i18n import error_text
from lstm_studio.session import data_files, model_import, params_io

VOCABULARY_NAMES = ("vocab.json", "vocabulary.json")
"""Vocabulary files looked for beside the model, to start the vocabulary dialog on."""


class PyTorchModelImport(QObject):
    """The dialogs and the undoable edit of File ▸ Import PyTorch Model… of one window."""

    def __init__(self, window, file_actions):
        super().__init__(file_actions)
        self.window, self.model, self.file_actions = window, window.model, file_actions

    def _model_filter(self) -> str:
        npz = self.tr("NumPy archives (*.npz)")
        pt = self.tr("PyTorch state dicts (*.pt *.pth)")
        return ";;".join([pt, npz] if params_io.torch_available() else [npz])

    def import_model(self) -> bool:
        """Ask for the state dict, its vocabulary and a text; open them as one undoable edit.
        False (after saying why, when something is refused) when nothing changed."""
        title = self.tr("Cannot import the model")
        model_path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import PyTorch Model"), self.file_actions._folder(), self._model_filter())
        if not model_path:
            return False
        folder = Path(model_path).parent
        candidates = [params_io.vocabulary_path(model_path)] + [folder / name for name in VOCABULARY_NAMES]
        beside = next((path for path in candidates if path.is_file()), folder)  # Export Parameters' own first
        vocabulary_path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Vocabulary of the Model"), str(beside),
            self.tr("Vocabulary JSON (*.json)"))
        if not vocabulary_path:
            return False
        text_path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Text for the Model to Read (Cancel: a text of its vocabulary)"), str(folder),
            self.tr("Text files (*.txt *.text *.md)"))
        name = Path(model_path).name
        try:
            text = self._text(text_path) if text_path else None
            document = model_import.open_model(model_path, vocabulary_path, text)
        except (params_io.ParameterFileError, ValueError) as exc:
            self.window.show_error(title, self.tr("{0} cannot be opened: {1}").format(name, error_text(exc)))
            return False
        training = getattr(self.window, "training", None)
        if training is not None:
            training.stop()  # as choosing a task does: the run so far is kept
        self.window.undo_stack.push(ReplaceDocumentCommand(
            self.model, document, self.tr("Import model {0}").format(name)))
        c = document.config
        self.window.show_status(self.tr("Imported {0}: {1}, {2} layer(s) of {3} units, {4} characters.").format(
            name, c.kind, c.num_layers, c.hidden_size, c.input_size))
        return True

    def _text(self, path: str) -> str:
        content = data_files.read_data_file(path)
        if not isinstance(content, str):
            raise ValueError(self.tr("{0} is a table, not a text.").format(Path(path).name))
        return content
