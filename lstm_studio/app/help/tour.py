"""Help ▸ Guided tour: one page per part of the window, each bringing its panel to the front."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout


class TourDialog(QDialog):
    """A guided tour: one page per part of the window; each page brings its panel to the front."""

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.main_window = window
        self.setWindowTitle(self.tr("Guided tour"))
        self.setModal(False)
        self.resize(560, 420)
        self.pages = self.tour_pages()
        self.index = 0
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.browser = QTextBrowser(self)
        self.browser.setToolTip(self.tr("What this part of the window shows"))
        self.counter = QLabel(self)
        self.counter.setToolTip(self.tr("Page of the tour"))
        self.back_button = QPushButton(self.tr("< &Back"), self)
        self.back_button.setToolTip(self.tr("Previous page of the tour"))
        self.back_button.clicked.connect(lambda: self.show_page(self.index - 1))
        self.next_button = QPushButton(self.tr("&Next >"), self)
        self.next_button.setToolTip(self.tr("Next page of the tour"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(lambda: self.show_page(self.index + 1))
        self.close_button = QPushButton(self.tr("&Close"), self)
        self.close_button.setToolTip(self.tr("End the tour"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counter)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.show_page(0)

    def tour_pages(self) -> list[tuple[str | None, str, str]]:
        """(dock key or None, title, HTML) of each page of the guided tour."""
        return [
            (None, self.tr("Welcome to LSTM Studio"), self.tr(
                "<p>LSTM Studio runs a small recurrent network on a short input sequence and shows "
                "every number it computes: the gates, the cell state and hidden state, the output, "
                "the loss and the gradients of backpropagation through time.</p>"
                "<p>The demo session is the course notes' example: the word that decides the last "
                "blank came at the very start of the sentence. Step through time and watch whether "
                "the network still remembers it.</p>")),
            (None, self.tr("Network toolbar"), self.tr(
                "<p>At the top: the kind of network (vanilla RNN, LSTM, peephole LSTM, GRU), its "
                "sizes, the number of layers and whether it is bidirectional. The layer and "
                "direction chosen there are the ones the panels show. Switching back to a kind "
                "gives back the weights it had in this session.</p>")),
            (None, self.tr("Playback"), self.tr(
                "<p>At the bottom: step through the time steps one by one, play them as an animation, "
                "or drag the slider. In <i>reveal</i> mode the panels show the steps up to t only — "
                "the gradient panel the steps from t to the end, which backpropagation, running "
                "back from the loss, has reached at t; in <i>whole</i> mode they show the whole "
                "sequence with a cursor at t.</p>")),
            ("gates", self.tr("Gates over time"), self.tr(
                "<p>One heatmap per gate: units down, time steps across. Sigmoid gates (f, i, o, r, z) "
                "lie between 0 (closed: nothing passes) and 1 (open: everything passes); tanh values "
                "(g, n) lie between −1 and 1 and carry the strength and sign of a value. Click a cell "
                "to select its unit and time step.</p>")),
            ("states", self.tr("States h and c"), self.tr(
                "<p>The hidden state h (short-term state) and, for LSTMs, the cell state c (long-term "
                "state) of the selected layer over time. A forget gate near 1 keeps c; near 0 it "
                "wipes the past.</p>")),
            ("cell_diagram", self.tr("Cell diagram"), self.tr(
                "<p>One cell at the current time step with the numbers flowing through it. The cell "
                "state passes from step to step through only an element-wise multiply (by f) and an "
                "add (of i ⊙ g).</p>")),
            ("gradient", self.tr("Gradient flow (BPTT)"), self.tr(
                "<p>How large the gradient of the loss is with respect to each time step's state. "
                "In a vanilla RNN it shrinks (vanishing gradient) or grows (exploding gradient) as it "
                "travels back; along an LSTM's cell state it survives far longer. Truncation and "
                "clipping of BPTT change what you see here.</p>")),
            ("output", self.tr("Output and loss"), self.tr(
                "<p>The network's prediction ŷ<sub>t</sub> = W<sub>y</sub> h<sub>t</sub> + "
                "b<sub>y</sub> (the read-out), the targets y<sub>t</sub> and the loss of each time "
                "step. With <i>own predictions from t =</i> in its header ticked, the network "
                "continues the sequence alone: from that step on its input is its own previous "
                "prediction (marked in every time plot).</p>")),
            ("inputs_editor", self.tr("Inputs and targets"), self.tr(
                "<p>Type values, draw a sequence with the mouse, or fill a channel with a generator "
                "(step, impulse, sine, noise, one-hot text). The targets tab also chooses the loss "
                "(mean squared error or cross-entropy) and the steps where it applies.</p>")),
            ("weights_editor", self.tr("Weights"), self.tr(
                "<p>Every weight matrix, split by gate: select a weight and drag its slider, and every "
                "panel follows at once. The Lessons menu builds the course notes' experiments, each "
                "with its claim, what to look at and a verdict that follows your edits.</p>")),
            ("lessons", self.tr("Lessons"), self.tr(
                "<p>The Lessons menu (and the Lesson panel, Ctrl+L) holds every claim of the course, "
                "chapter by chapter: each lesson builds a session that shows it, says which panel to "
                "look at and what to see there, and measures the numbers that carry the claim. Edit "
                "anything and the verdict follows (“holds” or “no longer holds”); "
                "Back and Next step through a lesson, Reset lesson builds it again. File ▸ Examples "
                "opens the demo or any lesson as a fresh session.</p>")),
            ("training", self.tr("Training"), self.tr(
                "<p>Pick a task, press Start (F5) and watch the loss fall while the panels follow the "
                "weights as the network learns. The learning rate, gradient clipping and truncated "
                "BPTT are set here; clipping and truncation are the very ones the gradient panel "
                "computes with, and every setting is saved with the session.</p>")),
            ("compare", self.tr("Compare RNN / LSTM / GRU"), self.tr(
                "<p>Train a vanilla RNN, an LSTM and a GRU side by side on the same task and see how "
                "far back their gradients reach. The view says how the three are initialised and "
                "lets you give the LSTM's forget gate a bias of 1. Its Length sweep tab trains all "
                "three at growing sequence lengths and plots their held-out accuracy against the "
                "length: on the temporal order task the vanilla RNN falls to chance first.</p>")),
            (None, self.tr("Learn more"), self.tr(
                "<p>Every edit can be undone (Edit ▸ Undo, or the History tab). Help ▸ Equations "
                "shows the exact formulas the app computes; Help ▸ Keyboard shortcuts lists the keys. "
                "View ▸ Theme and View ▸ Language change the look and the language.</p>")),
        ]

    def retranslate(self) -> None:
        """After a language switch: the pages in the new language, at the same page (no dock
        is brought forward)."""
        self.pages = self.tour_pages()
        self._show_text()

    def _show_text(self) -> str | None:
        """Heading, page and counter of the current page; returns the page's dock key."""
        dock_key, title, text = self.pages[self.index]
        self.heading.setText(f"<h2>{html.escape(title)}</h2>")
        self.browser.setHtml(text)
        self.counter.setText(self.tr("{0} of {1}").format(self.index + 1, len(self.pages)))
        return dock_key

    def show_page(self, index: int) -> None:
        """Show page ``index`` (clamped) and bring its dock, if any, to the front."""
        self.index = max(0, min(index, len(self.pages) - 1))
        dock_key = self._show_text()
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.pages) - 1)
        dock = self.main_window.docks.get(dock_key) if dock_key else None
        if dock is not None:
            dock.show()
            dock.raise_()
