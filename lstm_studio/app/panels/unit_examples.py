"""File ▸ Examples ▸ Texts that grow interpretable units (issue 15): a next-character LSTM trained
briefly on a generated corpus (:mod:`lstm_studio.session.corpora`: nested brackets, quoted
strings, lines of varying length, simple sums), then the unit whose h or c tracks the corpus's
structure is found (correlation with the depth, inside-quote, position in line, after the equals
sign at every character) and shown
in the text view: selected everywhere, its value colouring the text.

Training runs off the GUI thread (a :class:`CorpusBuilder`, started through
:func:`lstm_studio.app.threads.start`); its progress shows in the text view and the status bar.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from lstm_studio.app import threads
from lstm_studio.app.i18n import error_text
from lstm_studio.session.corpora import CORPORA, best_unit, corpus_document, train_corpus


def corpus_titles() -> dict[str, tuple[str, str]]:
    """Corpus key -> (menu title, what the found unit tracks)."""
    return {
        "brackets": (QCoreApplication.translate("UnitExamples", "Nested brackets: a unit that counts the depth"),
                     QCoreApplication.translate("UnitExamples", "the bracket depth")),
        "quotes": (QCoreApplication.translate("UnitExamples", "Quoted strings: a unit that knows it is inside quotes"),
                   QCoreApplication.translate("UnitExamples", "being inside a quoted string")),
        "lines": (QCoreApplication.translate("UnitExamples", "Lines of varying length: a unit that tracks the position in the line"),
                  QCoreApplication.translate("UnitExamples", "the position in the line")),
        "arithmetic": (QCoreApplication.translate("UnitExamples", "Simple sums: a unit that knows the result is being written"),
                       QCoreApplication.translate("UnitExamples", "the part after the equals sign")),
    }


class CorpusBuilder(QThread):
    """Builds and trains the example of corpus ``key`` in its own thread; emits the trained
    document and the unit found."""

    progressed = Signal(int, int)
    built = Signal(object, object)
    failed = Signal(str)

    def __init__(self, key: str, seed: int = 0):
        super().__init__()
        self.key, self.seed = key, seed
        self._stop = threading.Event()

    def run(self) -> None:  # runs in the worker thread
        try:
            corpus = CORPORA[self.key]
            document = corpus_document(self.key, self.seed)
            document = train_corpus(document, corpus.steps,
                                    progress=lambda record: self.progressed.emit(record.step, corpus.steps),
                                    should_stop=self._stop.is_set)
            if self._stop.is_set():
                return
            text = document.training["task_options"]["text"]
            found = best_unit(document, corpus.signal(text))
        except ValueError as exc:
            self.failed.emit(error_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the thread must report, not vanish
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        if not self._stop.is_set():
            self.built.emit(document, found)

    def stop(self) -> None:
        self._stop.set()


class UnitExamples(QObject):
    """The corpus examples of one window's File ▸ Examples menu."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.builder: CorpusBuilder | None = None
        self.found = None
        menu = window.lessons.examples_menu.addMenu(self.tr("Texts that grow interpretable units"))
        menu.setToolTipsVisible(True)
        self.actions = {}
        for key, (title, _tracks) in corpus_titles().items():
            action = menu.addAction(title)
            action.setToolTip(self.tr("Generate the text, train an LSTM on it for {0} steps (in the background) "
                                      "and show the unit that tracks its structure in the text view")
                              .format(CORPORA[key].steps))
            action.triggered.connect(lambda _checked=False, key=key: self.open_example(key))
            self.actions[key] = action
        window.closing.connect(self.stop)

    def open_example(self, key: str, seed: int = 0) -> bool:
        if not self.window.file_actions.maybe_save():
            return False
        self.stop()
        self.builder = builder = CorpusBuilder(key, seed)
        builder.progressed.connect(self._progressed)
        builder.built.connect(self._built)
        builder.failed.connect(self._failed)
        builder.finished.connect(self._finished)
        self._show(self.tr("Training an LSTM on “{0}”…").format(corpus_titles()[key][0]))
        threads.start(builder)
        return True

    def stop(self) -> None:
        builder, self.builder = self.builder, None
        if builder is not None:
            builder.stop()

    def _show(self, text: str) -> None:
        docks = self.window.docks
        docks["text_view"].show()
        docks["text_view"].raise_()
        self.window.text_view.set_message(text)
        self.window.show_status(text)

    def _progressed(self, step: int, steps: int) -> None:
        if self.sender() is self.builder:
            self.window.text_view.set_message(self.tr("Training… step {0} of {1}").format(step, steps))

    def _built(self, document, found) -> None:
        if self.sender() is not self.builder:
            return
        key = self.builder.key
        self.found = found
        document.view.layer, document.view.direction, document.view.unit = found.layer, found.direction, found.unit
        actions = self.window.file_actions
        actions.replace_document(document, "", modified=False)
        actions.autosave.discard()
        panel = self.window.text_view
        panel.set_quantity(found.quantity)
        panel.refresh()
        self._show(self.tr("Found after training: unit {0}'s {1} follows {2} with a correlation of {3} over "
                           "the whole text.").format(found.unit, found.quantity, corpus_titles()[key][1],
                                                     f"{found.correlation:+.2f}"))

    def _failed(self, message: str) -> None:
        if self.sender() is self.builder:
            self.window.show_error(self.tr("Cannot open the example"), message)

    def _finished(self) -> None:
        if self.sender() is self.builder:
            self.builder = None


def install(window) -> None:
    """Add the corpus examples to File ▸ Examples (``window.unit_examples``)."""
    window.unit_examples = UnitExamples(window)
