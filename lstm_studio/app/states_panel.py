"""Placeholder panel: replaced by the panel's real implementation."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class StatesPanel(QWidget):
    """States panel."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("States")))
