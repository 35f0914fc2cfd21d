"""The Training dock's "Generate text" box: sample new text from a next-character network, one
character at a time, each fed back as the next input. Why nothing can be written (a seed the
vocabulary lacks, another task) is said in a note under the text, never in a dialog: generation
runs after every training run."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit

from lstm_studio.app import widgets
from lstm_studio.app.i18n import error_text
from lstm_studio.engine.tasks import NextCharacter, default_seed
from lstm_studio.session.characters import task_text, task_vocabulary, visible
from lstm_studio.session.experiments import document_network, task_of

GENERATED_LENGTH = 200
"""Characters generated after a next-character run."""


class GenerationBox(QGroupBox):
    """Seed text, temperature, Generate, the text written and the note saying why not."""

    def __init__(self, model, sampling_seed: Callable[[], int], parent=None):
        super().__init__(parent)
        self.model = model
        self.sampling_seed = sampling_seed  # the training seed: the same seed, the same text
        self.setTitle(self.tr("Generate text"))
        self.setToolTip(self.tr("Sample new text from the trained network, one character at a "
                                "time, each fed back as the next input"))
        form = QFormLayout(self)
        self.seed_text = QLineEdit()
        self.seed_text.setToolTip(self.tr("Text that primes the network's state before sampling; "
                                          "only characters of the training text (at first, the "
                                          "text's first words)"))
        self.seed_text.textChanged.connect(self.check_seed)
        self._seeded_from = None  # the training text the seed was last taken from
        self.temperature = widgets.double_spin_box(0.05, 5.0, 2, 0.1, self.tr(
            "Sampling temperature: low = safe and repetitive, high = varied and error-prone"))
        self.temperature.setValue(0.7)
        self.generate_button = widgets.button(self.tr("Generate"), self.tr(
            "Write {0} characters after the seed text").format(GENERATED_LENGTH), self.generate)
        self.generated = QPlainTextEdit()
        self.generated.setReadOnly(True)
        self.generated.setMaximumHeight(110)
        self.generated.setToolTip(self.tr("Text written by the network"))
        form.addRow(self.tr("Seed text"), self.seed_text)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.generate_button)
        form.addRow(self.generated)
        self.generation_note = QLabel()  # why nothing was generated: said here, never in a dialog
        self.generation_note.setWordWrap(True)
        self.generation_note.setToolTip(self.tr("Why the network cannot write text now"))
        self.generation_note.hide()
        form.addRow(self.generation_note)

    def follow_text(self, text: str) -> None:
        """The session trains on ``text``: a new text gets its own default seed."""
        if text is not self._seeded_from and text != self._seeded_from:
            self._seeded_from = text
            self.seed_text.setText(default_seed(text))
        self.check_seed()

    def seed_problem(self) -> str:
        """Why the seed text cannot start generation ("" when it can): it is empty, or uses
        characters the training text lacks (the network has no input for them)."""
        seed = self.seed_text.text()
        if not seed:
            return self.tr("Type a seed text: the network reads it before it writes.")
        text = task_text(self.model.document)
        if text is None:
            return ""
        known = task_vocabulary(self.model.document)
        missing = sorted(set(seed) - set(known))
        if not missing:
            return ""
        return self.tr("The training text has no {0}: the network has no input for it, so the seed "
                       "may only use the text's own characters, e.g. “{1}”.").format(
            ", ".join("“{0}”".format(visible(c)) for c in missing), default_seed(text))

    def check_seed(self, *_args) -> None:
        """Explain a seed that cannot be used beside the generated text (or hide the note)."""
        self.explain(self.seed_problem() if self.model.document.task == "next_char" else "")

    def explain(self, note: str) -> None:
        self.generation_note.setText("⚠ " + note if note else "")
        self.generation_note.setVisible(bool(note))

    def generate(self) -> bool:
        """Write text with the current network (next-character task only); any reason not to
        is said in the note. Returns whether text was written."""
        doc = self.model.document
        problem = self.seed_problem()
        if problem:
            self.explain(problem)
            return False
        try:
            task = task_of(doc)
            if not isinstance(task, NextCharacter):
                raise ValueError(self.tr("Text generation needs the next-character task."))
            network, readout = document_network(doc)
            text = task.sample(network, readout, self.seed_text.text(), GENERATED_LENGTH,
                               self.temperature.value(), rng=np.random.default_rng(self.sampling_seed()))
        except ValueError as exc:
            self.explain(error_text(exc))
            return False
        self.explain("")
        self.generated.setPlainText(self.seed_text.text() + text)
        return True
