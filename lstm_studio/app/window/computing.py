"""The status bar's quiet "computing…" indicator for background recomputes (issue 14).

Large networks are recomputed off the GUI thread (see :mod:`lstm_studio.session.model`): the
panels keep showing the last finished result meanwhile. Most recomputes end within a blink, so
the indicator appears only when one has lasted ``SHOW_AFTER_MS``; it has a Cancel button, which
leaves the panels on the earlier state they show and says so, with a Recompute button. While the
model holds a change of sizes back (:attr:`SessionModel.holding`), Cancel withdraws the change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

SHOW_AFTER_MS = 150
"""A background recompute shows the indicator only once it has lasted this long."""


class ComputingIndicator(QWidget):
    """"Computing… Cancel" while the model computes in the background (after SHOW_AFTER_MS);
    "Panels show an earlier state · Recompute" after a cancel (or a failure); hidden otherwise."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(4)
        self.label = QLabel()
        self.cancel_button = QToolButton()
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(model.cancel_recompute)
        self.recompute_button = QToolButton()
        self.recompute_button.setAutoRaise(True)
        self.recompute_button.clicked.connect(model.recompute)
        for widget in (self.label, self.cancel_button, self.recompute_button):
            layout.addWidget(widget)
        self.delay = QTimer(self)
        self.delay.setSingleShot(True)
        self.delay.setInterval(SHOW_AFTER_MS)
        self.delay.timeout.connect(self._show_state)
        self.retranslate()
        model.computingChanged.connect(self._computing_changed)
        model.holdingChanged.connect(self._holding_changed)
        model.evaluationChanged.connect(self._show_state)
        self.hide()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr(
            "Stop this computation: the panels keep showing the earlier state"))
        self.recompute_button.setText(self.tr("Recompute"))
        self.recompute_button.setToolTip(self.tr("Compute the panels for the current document"))
        self._show_state()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _computing_changed(self, computing: bool) -> None:
        if computing:
            if not self.isVisible() and not self.delay.isActive():
                self.delay.start()  # quiet: only a recompute that lasts is announced
        else:
            self.delay.stop()
        self._show_state()

    def _holding_changed(self, _holding: bool) -> None:
        self._show_state()

    def _show_state(self) -> None:
        model = self.model
        if model.computing:
            if self.delay.isActive():
                return  # not yet
            if model.holding:
                self.label.setText(self.tr("Computing the new sizes…"))
                self.label.setToolTip(self.tr(
                    "The window shows the network as it was until the new one is computed; "
                    "editing waits meanwhile"))
                self.cancel_button.setToolTip(self.tr("Withdraw this change: the network stays as it is"))
            else:
                self.label.setText(self.tr("Computing…"))
                self.label.setToolTip(self.tr(
                    "The panels show the last finished result and follow when this computation ends"))
                self.cancel_button.setToolTip(self.tr(
                    "Stop this computation: the panels keep showing the earlier state"))
            self.cancel_button.setVisible(not model.holding or model.hold_withdrawable)
            self.recompute_button.hide()
            self.show()
        elif not model.is_current:
            self.label.setText(self.tr("Panels show an earlier state"))
            self.label.setToolTip(self.tr(
                "The last edits were not computed (cancelled, or the computation failed): the "
                "panels show the document as it was before them"))
            self.cancel_button.hide()
            self.recompute_button.show()
            self.show()
        else:
            self.hide()
