"""What the text panels' tests share: a next-character session on a short text, and a panel
shown on its own."""

from PySide6.QtWidgets import QApplication

from lstm_studio.session.experiments import task_document
from lstm_studio.session.model import SessionModel

TEXT = "the cat sat on the mat. (a (b) c) and \"quoted\" words here.\n" * 5
STEPS = 12


def text_model() -> SessionModel:
    """The session model of a next-character network on :data:`TEXT`, windows of STEPS."""
    return SessionModel(task_document("next_char", text=TEXT, seq_len=STEPS))


def shown(qtbot, widget, width=700, height=600):
    """``widget`` shown at ``width`` × ``height`` and laid out."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    return widget
