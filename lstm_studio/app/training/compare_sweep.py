"""The comparison's *Length sweep* tab: held-out accuracy against the sequence length T, each kind
trained a fixed number of steps at each length (:func:`~lstm_studio.session.experiments.length_sweep`,
off the GUI thread in a :class:`SweepWorker`), with the accuracy of guessing as a line.

Its texts are translated in the context of the view it is part of (``CompareView``).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from lstm_studio.app import threads, widgets
from lstm_studio.app.panels.plots.colours import foreground
from lstm_studio.app.training.compare_plots import COLORS, SYMBOLS, kind_names, legend_row
from lstm_studio.app.training.sweep_worker import SweepWorker
from lstm_studio.app.training.worker import STOP_WAIT_MS
from lstm_studio.session.experiments import COMPARE_KINDS, SWEEP_STEPS, SWEEP_TASKS, LengthSweep

SOLVED = 0.9
"""Accuracy from which the sweep's summary counts a length as solved."""


class LengthSweepTab:
    """The Length sweep tab of :class:`~lstm_studio.app.training.compare_view.CompareView`: its
    page, and the sweep run in the background and drawn as it is measured. A mixin: it uses the
    view's controls (task, H, seed, forget-gate bias) and its ``_show_state``."""

    # -- construction ----------------------------------------------------------------------------
    def _build_sweep(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        self.sweep_steps = widgets.spin_box(1, 100_000, value=SWEEP_STEPS, tip=QCoreApplication.translate(
            "CompareView", "Training steps of each network at each length"))
        self.sweep_button = widgets.button(
            QCoreApplication.translate("CompareView", "Run sweep"),
            QCoreApplication.translate("CompareView", "Train the three networks at each length in turn (in the "
                                       "background) and plot their accuracy on held-out sequences against the "
                                       "length T"), self.run_sweep)
        self.sweep_stop_button = widgets.button(
            QCoreApplication.translate("CompareView", "Stop"),
            QCoreApplication.translate("CompareView", "Stop the sweep before its next training step; the points "
                                       "measured so far stay"), self.stop_sweep)
        self.sweep_progress = QProgressBar()
        self.sweep_progress.setToolTip(QCoreApplication.translate("CompareView",
                                                                  "Training steps of the sweep done so far"))
        self.sweep_progress.setRange(0, 1)
        self.sweep_progress.setValue(0)
        row = QHBoxLayout()
        row.addWidget(QLabel(QCoreApplication.translate("CompareView", "steps per length")))
        row.addWidget(self.sweep_steps)
        row.addWidget(self.sweep_button)
        row.addWidget(self.sweep_stop_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.sweep_progress)  # below: beside the buttons it outgrew a laptop's dock
        self.sweep_status = QLabel()
        self.sweep_status.setWordWrap(True)
        self.sweep_status.setToolTip(QCoreApplication.translate(
            "CompareView", "What the length sweep is doing, or what it measured"))
        layout.addWidget(self.sweep_status)
        self.sweep_plots = pg.GraphicsLayoutWidget()
        self.sweep_plots.setMinimumHeight(280)
        self.sweep_plots.setToolTip(QCoreApplication.translate(
            "CompareView", "Accuracy on held-out sequences against the sequence length T, each network trained "
            "the same number of steps at every length; the dashed line is the accuracy of "
            "guessing"))
        self.sweep_plot = self.sweep_plots.addPlot(row=1, col=0)
        self.sweep_plot.setLabel("bottom", QCoreApplication.translate("CompareView", "sequence length T"))
        self.sweep_plot.setLabel("left", QCoreApplication.translate("CompareView", "held-out accuracy"))
        self.sweep_plot.showGrid(x=True, y=True, alpha=0.2)
        self.sweep_plot.setMouseEnabled(x=False, y=False)
        self.sweep_plot.hideButtons()
        self.sweep_plot.setYRange(0.0, 1.05, padding=0)
        self.sweep_plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0.0, 0.25, 0.5, 0.75, 1.0)]])
        self.sweep_legend = legend_row(self.sweep_plots.ci, 0)
        names = kind_names()
        self.sweep_curves = {}
        for kind in COMPARE_KINDS:
            color = COLORS[kind]
            symbol, size, width = SYMBOLS[kind]
            self.sweep_curves[kind] = self.sweep_plot.plot(
                pen=pg.mkPen(color, width=width), symbol=symbol, symbolSize=size,
                symbolBrush=pg.mkBrush(color), symbolPen=pg.mkPen(color))
            self.sweep_legend.addItem(self.sweep_curves[kind], names[kind])
        self.sweep_plots.ci.geometryChanged.connect(self._fit_legends)
        self.chance_line = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen(
            foreground(160), width=1, style=Qt.PenStyle.DashLine), label="",
            labelOpts=dict(position=0.03, anchors=[(0, 0), (0, 0)], color=foreground(200)))
        self.sweep_plot.addItem(self.chance_line)
        layout.addWidget(self.sweep_plots, 1)
        self.sweep_plan = QLabel()
        self.sweep_plan.setWordWrap(True)
        self.sweep_plan.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sweep_plan.setToolTip(self.sweep_button.toolTip())
        layout.addWidget(self.sweep_plan, 1)
        self.sweep_plots.hide()
        return page

    # -- the length sweep ------------------------------------------------------------------------
    def _sweep_task(self) -> str | None:
        key = self.task_combo.currentData()
        return key if key in SWEEP_TASKS else None

    def _show_sweep_plan(self) -> None:
        """Say what the sweep will do (or why it cannot run on the chosen task)."""
        if self.sweep_worker is None:
            self._show_state()
        lengths = ", ".join(str(T) for T in self.sweep_lengths)
        if self._sweep_task() is None:
            titles = [self.task_titles.get(key, key) for key in SWEEP_TASKS]
            text = QCoreApplication.translate(
                "CompareView", "The length sweep needs a task whose answer depends on the first steps "
                "of the sequence: {0}. Choose one of them above.").format(", ".join(titles))
            self.sweep_plan.setText(text)
            if self.sweep_worker is None and self.sweep_plots.isVisibleTo(self):
                self.sweep_status.setText(text)
            return
        self.sweep_plan.setText(QCoreApplication.translate(
            "CompareView", "<p>The classic figure of the vanishing gradient. Run sweep trains a fresh tanh RNN, "
            "LSTM and GRU for {0} steps on the {1} task at each length T = {2} (one length after "
            "the other, the same batches for all three), and plots their accuracy on held-out "
            "sequences against T, with the accuracy of guessing as a dashed line.</p>"
            "<p>Measured on the temporal order task with 600 steps, H = 16 and forget-gate bias 1 "
            "(seeds 0–2): the RNN falls from 100 % at T = 20 to 60–69 % at T = 30 and to chance "
            "at T = 50; the LSTM and the GRU stay at 100 % up to T = 40.</p>").format(
            self.sweep_steps.value(), self.task_combo.currentText(), lengths))

    def run_sweep(self) -> None:
        """Start the length sweep in the background; points appear as they are measured."""
        task = self._sweep_task()
        if self.busy or task is None:
            return
        arguments = dict(kinds=COMPARE_KINDS, lengths=self.sweep_lengths, steps=self.sweep_steps.value(),
                         seed=self.seed.value(), task=task, task_options=self._task_options(task),
                         hidden_size=self.hidden.value(), forget_bias=self.forget_bias())
        self.sweep = None
        self._sweep_drawn = None
        for curve in self.sweep_curves.values():
            curve.setData([], [])
        self.sweep_progress.setRange(0, max(1, len(self.sweep_lengths) * len(COMPARE_KINDS)
                                            * self.sweep_steps.value()))
        self.sweep_progress.setValue(0)
        self.sweep_status.setText(QCoreApplication.translate("CompareView", "Sweeping: starting…"))
        self.sweep_worker = SweepWorker(arguments)
        self.sweep_worker.ready.connect(self._collect_sweep)
        self.sweep_worker.finished.connect(self._sweep_finished)
        threads.start(self.sweep_worker)
        self._show_state()

    def stop_sweep(self) -> None:
        """Stop the sweep before its next training step; what was measured stays. If the worker
        has not ended within STOP_WAIT_MS (a long step), say so and end when it has."""
        worker = self.sweep_worker
        if worker is None or self._sweep_stopping:
            return
        worker.stop()
        if worker.wait(STOP_WAIT_MS):
            self._end_sweep()
        else:
            self._sweep_stopping = True
            self._apply_sweep(worker.take())
            self._show_state()

    def _sweep_finished(self) -> None:
        if self.sender() is self.sweep_worker:
            self._end_sweep()

    def _end_sweep(self, show: bool = True) -> None:
        """The sweep is over: with ``show`` (the worker has published its last progress) show
        what it measured; otherwise a worker still in a step ends in the background, unheard."""
        worker, self.sweep_worker = self.sweep_worker, None
        self._sweep_stopping = False
        if worker is None:
            return
        worker.ready.disconnect(self._collect_sweep)
        worker.finished.disconnect(self._sweep_finished)
        worker.stop()  # nothing happens if it has ended already
        if show:
            self._apply_sweep(worker.take(), stopped=True)
        self._show_state()

    def _collect_sweep(self) -> None:
        worker = self.sweep_worker
        if worker is None or self.sender() is not worker:
            return
        progress = worker.take()
        if progress.finished:
            self._end_sweep()
        else:
            self._apply_sweep(progress)

    def _apply_sweep(self, progress, stopped: bool = False) -> None:
        sweep = progress.sweep
        if sweep is not None:
            self.sweep = sweep
            self._draw_sweep(sweep)
            self.sweep_progress.setValue(progress.steps_done)
        finished = progress.finished or stopped
        if not finished and self._sweep_stopping:
            text = QCoreApplication.translate("CompareView", "Stopping…")
        elif not finished:
            text = QCoreApplication.translate("CompareView", "Sweeping: {0} of {1} points measured").format(
                0 if sweep is None else sweep.measured, len(self.sweep_lengths) * len(COMPARE_KINDS))
        else:
            text = self._sweep_summary(sweep)
        if progress.error:
            text = f"{progress.error}\n{text}"
        if self.sweep is not None:
            text = f"{self._sweep_setting(self.sweep)}\n{text}"
        self.sweep_status.setText(text)

    def _draw_sweep(self, sweep: LengthSweep) -> None:
        if not self.sweep_plots.isVisible():
            self.sweep_plan.hide()
            self.sweep_plots.show()
        lengths = np.asarray(sweep.lengths, dtype=float)
        for kind in sweep.kinds:
            accuracy = sweep.of(kind)
            keep = np.isfinite(accuracy)
            self.sweep_curves[kind].setData(lengths[keep], accuracy[keep])
        if self._sweep_drawn != sweep.lengths:
            self._sweep_drawn = sweep.lengths
            self.sweep_plot.getAxis("bottom").setTicks([[(T, str(T)) for T in sweep.lengths]])
            span = max(lengths) - min(lengths) if len(lengths) > 1 else 1.0
            self.sweep_plot.setXRange(min(lengths) - 0.06 * span, max(lengths) + 0.06 * span, padding=0)
            self.chance_line.setVisible(bool(np.isfinite(sweep.chance)))
            if np.isfinite(sweep.chance):
                self.chance_line.setValue(sweep.chance)
                chance = QCoreApplication.translate("CompareView", "chance {0} %")
                self.chance_line.label.setFormat(chance.format(f"{100 * sweep.chance:.0f}"))

    def _sweep_setting(self, sweep: LengthSweep) -> str:
        """What the sweep ran: task, steps, H, seed and the LSTM's forget-gate bias."""
        return QCoreApplication.translate(
            "CompareView", "{0}, {1} training steps per length, H = {2}, seed {3}, LSTM forget-gate bias {4}.").format(
            self.task_titles.get(sweep.task, sweep.task), sweep.steps, sweep.hidden_size, sweep.seed,
            self._bias_text(sweep.forget_bias))

    def _sweep_summary(self, sweep: LengthSweep | None) -> str:
        total = len(self.sweep_lengths) * len(COMPARE_KINDS)
        if sweep is None or sweep.measured == 0:
            return QCoreApplication.translate("CompareView", "Stopped before the first point was measured.")
        names = kind_names()
        longest = ", ".join(
            f"{names[kind]} {sweep.longest_solved(kind, SOLVED) or '—'}" for kind in sweep.kinds)
        text = QCoreApplication.translate(
            "CompareView", "Longest T with at least {0} % held-out accuracy: {1}.").format(
            f"{100 * SOLVED:.0f}", longest)
        if not sweep.complete:
            stopped = QCoreApplication.translate("CompareView", "Stopped after {0} of {1} points.")
            text = stopped.format(sweep.measured, total) + " " + text
        return text
