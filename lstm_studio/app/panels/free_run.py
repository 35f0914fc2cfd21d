"""Free running in the app (issue 16): the switch in the output panel's header, and the inputs
editor's drawing of the inputs actually fed.

The setting is the document's (``free_run_from``, see :mod:`lstm_studio.session.free_running`);
switching it is one undoable edit. What the panels draw comes from the evaluation: a
free-running one (:class:`~lstm_studio.engine.free_run.FreeRunEvaluation`) holds the inputs fed
in its trace, so the gates, states, cell diagram and gradient show the free-running run, and
every time plot marks the step where feeding back begins (:meth:`TimePanel.show_free_run`).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSpinBox, QWidget

from lstm_studio.app.editors.commands import ModelSettingCommand
from lstm_studio.app.i18n import error_text
from lstm_studio.app.panels.plots.colours import FREE_RUN_COLOR, background
from lstm_studio.session.free_running import free_run_setting_refusal


def free_run_start(evaluation) -> int | None:
    """The first step (0-based) an evaluation fed back, or None when it did not run free."""
    return getattr(evaluation, "free_run_from", None)


class FreeRunControl(QWidget):
    """"feed predictions back from t = [k]": a check box and the step (counted from 1, as the
    time axes are). Reads the model's document; every change is one undoable edit on the
    window's undo stack (or a direct change of the model when there is none, e.g. a preview).
    A setting the session cannot feed back (outputs ≠ inputs, bidirectional, cross-entropy) is
    shown disabled, with the reason as its tooltip."""

    def __init__(self, model, parent=None, undo_stack=None):
        super().__init__(parent)
        self.model, self.undo_stack = model, undo_stack
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(QCoreApplication.translate("FreeRun", "own predictions from t ="), self)
        self.step = QSpinBox(self)
        self.step.setKeyboardTracking(False)
        layout.addWidget(self.check)
        layout.addWidget(self.step)
        self.check.toggled.connect(self._switched)
        self.step.valueChanged.connect(self._step_changed)
        model.dataChanged.connect(self.sync)
        model.structureChanged.connect(self.sync)
        model.documentReplaced.connect(self.sync)
        self.sync()

    @staticmethod
    def tip_text() -> str:
        """What the switch does (its tooltip, before the reason it is off when it cannot be used)."""
        return QCoreApplication.translate(
            "FreeRun", "Free running: from this step on the network's input is its own previous prediction "
            "ŷ_{t−1} instead of the given x_t (the true signal stops there), so it continues the "
            "sequence alone. Every panel shows this run; the target stays dashed for comparison. "
            "The gradient is BPTT with the fed-back inputs held fixed. Saved with the session.")

    def retranslate(self) -> None:
        """After a language switch: the tooltip is put together with the reason it is off."""
        self.sync()

    def stack(self):
        """The undo stack edits go to: the one given, else the main window's, else None."""
        if self.undo_stack is not None:
            return self.undo_stack
        return getattr(self.window(), "undo_stack", None)

    def sync(self, what: str | None = None) -> None:
        """Show the document's setting (signals blocked: no edit); ``what`` (of
        ``dataChanged``) names a change that cannot concern it (new weights) to skip."""
        if what not in (None, "free_run", "loss", "all", "document", "inputs", "targets"):
            return
        doc = self.model.document
        steps = doc.config.seq_len
        start = doc.free_run_from
        # could it be switched on (at the step shown)? else disabled, saying why
        refusal = free_run_setting_refusal(doc.config, doc.loss, max(1, min(steps - 1, start or steps // 2)))
        self.check.blockSignals(True)
        self.step.blockSignals(True)
        try:
            self.step.setRange(2, max(2, steps))
            if start is not None:
                self.step.setValue(start + 1)
            elif not 2 <= self.step.value() <= steps:
                self.step.setValue(max(2, steps // 2 + 1))
            self.check.setChecked(start is not None)
        finally:
            self.check.blockSignals(False)
            self.step.blockSignals(False)
        usable = refusal is None or start is not None
        self.check.setEnabled(usable)
        self.step.setEnabled(usable)
        reason = "" if refusal is None else "\n\n" + error_text(refusal)
        for widget in (self, self.check, self.step):
            widget.setToolTip(self.tip_text() + reason)

    def _switched(self, on: bool) -> None:
        self.set_start(self.step.value() - 1 if on else None)

    def _step_changed(self, value: int) -> None:
        if self.check.isChecked():
            self.set_start(value - 1)

    def set_start(self, start: int | None) -> None:
        """Ask for free running from ``start`` (0-based) or off (None): one undoable edit; a
        refused value changes nothing and says why in the status bar."""
        doc = self.model.document
        old = doc.free_run_from
        if start == old:
            return
        refusal = free_run_setting_refusal(doc.config, doc.loss, start)
        if refusal is not None:
            self._refuse(error_text(refusal))
            return
        text = (QCoreApplication.translate("FreeRun", "Free running from t = {0}").format(start + 1)
                if start is not None else QCoreApplication.translate("FreeRun", "Free running off"))
        stack = self.stack()
        if stack is None:
            self.model.set_free_run(start)
        else:
            stack.push(ModelSettingCommand(text, self.model.set_free_run, old, start,
                                           merge_key=("free_run",) if start is not None and old is not None else None))

    def _refuse(self, message: str) -> None:
        window = self.window()
        if hasattr(window, "show_status"):
            window.show_status(message)
        self.sync()


class FedInputsOverlay(QObject):
    """On the inputs editor's plot: the inputs a free-running evaluation fed, dashed from the
    marker on (one curve per channel, from the last given input so that they join), and in
    the table the given inputs it did not use, greyed with a tooltip."""

    def __init__(self, editor):
        super().__init__(editor)  # a child of the editor: found by the language switch's walk
        self.editor, self.model = editor, editor.model
        self.curves: list[pg.PlotDataItem] = []
        self.line = pg.InfiniteLine(
            angle=90, movable=False, label=self.label_text(),
            pen=pg.mkPen(FREE_RUN_COLOR, width=2, style=Qt.PenStyle.DashDotLine),
            labelOpts={"position": 0.04, "color": FREE_RUN_COLOR, "anchors": [(0, 1), (0, 1)],
                       "fill": background(200)})
        editor.plot.addItem(self.line, ignoreBounds=True)
        self.start = None
        editor.table_model.row_hint = self.row_hint
        self.model.evaluationChanged.connect(self.refresh)
        self.model.structureChanged.connect(self.rebuild)
        self.rebuild()

    @staticmethod
    def label_text() -> str:
        return QCoreApplication.translate("FreeRun", "fed back from here")

    def retranslate(self) -> None:
        """After a language switch: the marker's label."""
        self.line.label.setFormat(self.label_text())

    def rebuild(self) -> None:
        """One dashed curve per channel of the editor, in its colour (those of channels still
        there are kept)."""
        channels = len(self.editor.curves)
        while len(self.curves) > channels:
            self.editor.plot.removeItem(self.curves.pop())
        for k in range(len(self.curves), channels):
            colour = QColor(self.editor.curves[k].opts["pen"].color())
            self.curves.append(self.editor.plot.plot(
                pen=pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine),
                symbol="t", symbolSize=6, symbolBrush=None, symbolPen=pg.mkPen(colour)))
        self.refresh()

    def refresh(self, *_args) -> None:
        evaluation = self.model.evaluation
        start = free_run_start(evaluation)
        fed = None if start is None else np.asarray(evaluation.trace.x)[:, 0]
        if fed is not None and fed.shape[1] != len(self.curves):
            fed = None  # a result of other sizes than those drawn (a rebuild follows)
        self.start = start if fed is not None else None
        self.line.setVisible(fed is not None)
        if fed is None:  # the curves emptied once (each call costs: 256 channels took 20 ms)
            for curve in self.curves:
                if curve.xData is not None:
                    curve.setData([], [])
        else:
            steps = np.arange(start - 1, fed.shape[0])
            for k, curve in enumerate(self.curves):
                curve.setData(steps, fed[start - 1:, k])
        if fed is not None:
            self.line.setValue(start - 0.5)
        table = self.editor.table_model
        if table.rowCount() and table.columnCount():
            table.dataChanged.emit(table.index(0, 0), table.index(table.rowCount() - 1, table.columnCount() - 1))

    def row_hint(self, row: int) -> str | None:
        """Why the given input of ``row`` is not used, or None when it is."""
        if self.start is None or row < self.start:
            return None
        fed = np.asarray(self.model.evaluation.trace.x)[:, 0]
        if row >= fed.shape[0]:
            return None
        values = ", ".join(f"{v:.4g}" for v in fed[row])
        return QCoreApplication.translate(
            "FreeRun", "Not used while running free: the network's own prediction {0} is fed "
            "instead.").format(values)
