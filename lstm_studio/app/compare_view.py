"""RNN vs LSTM vs GRU side by side (Train ▸ Compare RNN / LSTM / GRU).

The same task, batch and seed go through a tanh RNN, an LSTM (forget-gate bias 1) and a GRU of the
same hidden size. The view overlays

* the vanishing-gradient figure: ‖dL/dh_t‖ of the loss at the last step against the distance from
  it, log scale, at initialisation (solid) and after training (dashed) — Bengio et al. 1994,
  Pascanu et al. 2013, from the app's own numbers;
* the loss curves while the three train (off the GUI thread, in one :class:`TrainingWorker`);
* the final accuracy on held-out sequences (bars).

The numbers come from :mod:`lstm_studio.session.experiments`; this module only draws them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.app import widgets
from lstm_studio.app.plots import PALETTE, DecadeAxis, finite_range, nice_ceiling
from lstm_studio.app.training_worker import RepaintWatcher, TrainingWorker
from lstm_studio.engine.tasks import TASKS, make_task
from lstm_studio.session.experiments import (
    COMPARE_KINDS,
    compare_trainers,
    gradient_decay,
    gradient_decay_of,
    held_out_accuracy,
)
from lstm_studio.app.i18n import error_text

DEFAULT_TASK = "temporal_order"
"""Within a few hundred steps the LSTM and the GRU solve it and the tanh RNN does not."""
DEFAULT_SEQ_LEN = 30
"""Long enough that the tanh RNN's gradient from the last step has faded at the first one."""
COLORS = dict(zip(COMPARE_KINDS, (PALETTE[1], PALETTE[0], PALETTE[2])))


def kind_names() -> dict[str, str]:
    return {"rnn_tanh": QCoreApplication.translate("CompareView", "RNN (tanh)"),
            "lstm": QCoreApplication.translate("CompareView", "LSTM"),
            "gru": QCoreApplication.translate("CompareView", "GRU")}


class CompareView(QWidget):
    """Controls, the three overlaid figures, and the run of the three trainers."""

    def __init__(self, model, task_titles: dict[str, str], parent=None):
        super().__init__(parent)
        self.model = model
        self.worker: TrainingWorker | None = None
        self.trainers: dict = {}
        self.task = None
        self.losses: dict[str, list[float]] = {}
        self.error: str | None = None
        self._repaints = RepaintWatcher(parent if parent is not None else self)
        self.setToolTip(self.tr("The same task and input through a tanh RNN, an LSTM and a GRU of "
                                "the same size and seed: how far back the gradient reaches, how "
                                "the loss falls, and the accuracy reached."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_controls(task_titles))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setToolTip(self.tr("What the comparison is doing"))
        layout.addWidget(self.status)
        layout.addWidget(self._build_plots(), 1)
        self._show_state()

    # -- construction ----------------------------------------------------------------------------
    def _build_controls(self, task_titles: dict[str, str]) -> QVBoxLayout:
        self.task_combo = QComboBox()
        for key, title in task_titles.items():
            if key in TASKS:
                self.task_combo.addItem(title, key)
        self.task_combo.setCurrentIndex(self.task_combo.findData(DEFAULT_TASK))
        self.task_combo.setToolTip(self.tr("The task all three networks learn"))
        self.hidden = widgets.spin_box(1, 256, value=16, tip=self.tr("Hidden size of all three networks"))
        self.seq_len = widgets.spin_box(2, 500, value=DEFAULT_SEQ_LEN, tip=self.tr("Sequence length T: the loss is "
                                                                   "at the last step"))
        self.seed = widgets.spin_box(0, 2**31 - 1, value=0, tip=self.tr("Seed of the weights and of every batch"))
        self.steps = widgets.spin_box(1, 100_000, value=300, tip=self.tr("Training steps of each network"))
        form = QFormLayout()
        form.addRow(self.tr("Task"), self.task_combo)
        sizes = QHBoxLayout()
        for label, spin in ((self.tr("H"), self.hidden), (self.tr("T"), self.seq_len),
                            (self.tr("seed"), self.seed), (self.tr("steps"), self.steps)):
            sizes.addWidget(QLabel(label))
            sizes.addWidget(spin)
        form.addRow(sizes)
        buttons = QHBoxLayout()
        self.gradient_button = widgets.button(self.tr("Gradients at init"), self.tr(
            "Draw ‖dL/dh_t‖ against the distance from the loss for three fresh networks"),
            self.show_initial_gradients)
        self.train_button = widgets.button(self.tr("Train all three"), self.tr(
            "Train the three networks on the same batches (in the background)"), self.train)
        self.stop_button = widgets.button(self.tr("Stop"), self.tr(
            "Stop training after the current step"), self.stop)
        for button in (self.gradient_button, self.train_button, self.stop_button):
            buttons.addWidget(button)
        outer = QVBoxLayout()
        outer.addLayout(form)
        outer.addLayout(buttons)
        return outer

    def _build_plots(self) -> pg.GraphicsLayoutWidget:
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setMinimumHeight(480)
        self.plots.setToolTip(self.toolTip())
        names = kind_names()
        self.decay_plot = log_plot(self.plots.ci, 0, self.tr("‖dL/dh_t‖ against distance from the loss"),
                                   self.tr("distance T−1−t (steps back)"))
        self.decay_plot.addLegend(offset=(-5, 5))
        self.loss_plot = log_plot(self.plots.ci, 1, self.tr("training loss"), self.tr("training step"))
        self.accuracy_plot = self.plots.addPlot(row=2, col=0)
        self.accuracy_plot.setTitle(self.tr("accuracy on held-out sequences"))
        self.accuracy_plot.setYRange(0.0, 1.2, padding=0)  # room for the labels above full bars
        self.accuracy_plot.getAxis("left").setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
        self.accuracy_plot.setMouseEnabled(x=False, y=False)
        self.accuracy_plot.getAxis("bottom").setTicks([[(i, names[k]) for i, k in enumerate(COMPARE_KINDS)]])
        self.plots.ci.layout.setRowStretchFactor(0, 3)
        self.plots.ci.layout.setRowStretchFactor(1, 2)
        self.plots.ci.layout.setRowStretchFactor(2, 1)
        self.decay_curves, self.trained_curves, self.loss_curves = {}, {}, {}
        for kind in COMPARE_KINDS:
            color = COLORS[kind]
            self.decay_curves[kind] = self.decay_plot.plot(
                pen=pg.mkPen(color, width=2), name=self.tr("{0} at init").format(names[kind]))
            self.trained_curves[kind] = self.decay_plot.plot(
                pen=pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine),
                name=self.tr("{0} trained").format(names[kind]))
            self.loss_curves[kind] = self.loss_plot.plot(pen=pg.mkPen(color, width=1.5))
            self.loss_curves[kind].setDownsampling(auto=True, method="peak")
        self.bars = pg.BarGraphItem(x=np.arange(3), height=np.zeros(3), width=0.6,
                                    brushes=[pg.mkBrush(COLORS[k]) for k in COMPARE_KINDS])
        self.accuracy_plot.addItem(self.bars)
        self.bar_labels = []
        for i in range(len(COMPARE_KINDS)):
            label = pg.TextItem(anchor=(0.5, 1.0))
            label.setPos(i, 0.0)
            self.accuracy_plot.addItem(label)
            self.bar_labels.append(label)
        self.accuracy_plot.setXRange(-0.6, 2.6)
        return self.plots

    # -- settings --------------------------------------------------------------------------------
    def choose_task(self, key: str) -> None:
        """Compare on ``key`` (a name of the task registry)."""
        self.task_combo.setCurrentIndex(self.task_combo.findData(key))

    def _task(self):
        key = self.task_combo.currentData()
        options = {}
        doc = self.model.document
        if doc.task == key:
            options = dict(doc.training.get("task_options", {}))
        return make_task(key, **options, seq_len=self.seq_len.value())

    # -- actions ---------------------------------------------------------------------------------
    def show_initial_gradients(self) -> bool:
        """Draw the gradient decay of three freshly initialised networks (GUI thread: one batch)."""
        try:
            task = self._task()
            decays = {kind: gradient_decay(kind, task, self.hidden.value(), seed=self.seed.value())
                      for kind in COMPARE_KINDS}
        except ValueError as exc:
            self.status.setText(error_text(exc))
            return False
        for kind, decay in decays.items():
            set_positive(self.decay_curves[kind], decay.distance, decay.norm)
            self.trained_curves[kind].setData([], [])
        fit_decades(self.decay_plot, self.decay_curves.values())
        self.status.setText(self.tr("Gradient at initialisation: after {0} steps back the RNN keeps "
                                    "{1} of it, the LSTM {2}, the GRU {3}.").format(
            task.seq_len - 1, *(f"{decays[k].norm[0] / decays[k].norm[-1]:.1e}" for k in COMPARE_KINDS)))
        return True

    def train(self) -> None:
        """Train the three networks in the background; curves grow as they learn."""
        if self.worker is not None or not self.show_initial_gradients():
            return
        try:
            self.task = self._task()
            self.trainers = compare_trainers(self.task, self.hidden.value(), seed=self.seed.value())
        except ValueError as exc:
            self.status.setText(error_text(exc))
            return
        self.losses = {kind: [] for kind in COMPARE_KINDS}
        self.error = None
        for curve in self.loss_curves.values():
            curve.setData([], [])
        self.bars.setOpts(height=np.zeros(3))
        for label in self.bar_labels:
            label.setText("")
        self.worker = TrainingWorker(self.trainers, self.steps.value(), parent=self)
        self.worker.ready.connect(self._collect)
        self.worker.start()
        self._show_state()

    def stop(self) -> None:
        """Stop training (after the current step) and show the final numbers."""
        worker, self.worker = self.worker, None
        if worker is None:
            return
        worker.ready.disconnect(self._collect)
        worker.stop(wait=True)
        self._take(worker)
        worker.deleteLater()
        self._finish()

    def shutdown(self) -> None:
        self.stop()

    def _collect(self) -> None:
        if self.sender() is not self.worker or self.worker is None:
            return
        if self._take(self.worker):
            self.stop()
        else:
            self._repaints.acknowledge_when_drawn(self.worker)

    def _take(self, worker) -> bool:
        results = worker.take()
        for kind, records in results.records.items():
            self.losses[kind].extend(record.loss for record in records)
            losses = np.asarray(self.losses[kind])
            set_positive(self.loss_curves[kind], np.arange(1, losses.size + 1), losses)
        fit_decades(self.loss_plot, self.loss_curves.values())
        fit_steps(self.loss_plot, max(len(losses) for losses in self.losses.values()))
        self.error = results.error or self.error
        self.status.setText(self.error or self.tr("Training: step {0} of {1}").format(
            worker.steps_taken, worker.total_steps))
        return results.finished

    def _finish(self) -> None:
        accuracies = []
        for kind, trainer in self.trainers.items():
            decay = gradient_decay_of(trainer.network, trainer.readout, self.task, self.seed.value())
            set_positive(self.trained_curves[kind], decay.distance, decay.norm)
            accuracies.append(held_out_accuracy(trainer.network, trainer.readout, self.task,
                                                self.seed.value()))
        fit_decades(self.decay_plot, [*self.decay_curves.values(), *self.trained_curves.values()])
        self.accuracies = dict(zip(self.trainers, accuracies))
        self.bars.setOpts(height=np.asarray(accuracies))
        for label, accuracy in zip(self.bar_labels, accuracies):
            label.setText(f"{100 * accuracy:.0f} %")
            label.setPos(label.pos().x(), accuracy)
        names = kind_names()
        summary = self.tr("After {0} steps, accuracy on held-out sequences: {1}").format(
            len(next(iter(self.losses.values()), [])),
            ", ".join(f"{names[k]} {100 * a:.0f} %" for k, a in self.accuracies.items()))
        self.status.setText(f"{self.error}\n{summary}" if self.error else summary)
        self._show_state()

    def _show_state(self) -> None:
        running = self.worker is not None
        self.train_button.setEnabled(not running)
        self.gradient_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        for widget in (self.task_combo, self.hidden, self.seq_len, self.seed, self.steps):
            widget.setEnabled(not running)


def log_plot(layout: pg.GraphicsLayout, row: int, title: str, x_label: str) -> pg.PlotItem:
    """A plot with a log y axis labelled at powers of ten only, in ``layout`` at ``row``."""
    plot = layout.addPlot(row=row, col=0, axisItems={"left": DecadeAxis("left")})
    plot.setTitle(title)
    plot.setLabel("bottom", x_label)
    plot.setLogMode(y=True)
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.enableAutoRange(y=False)
    return plot


def fit_decades(plot: pg.PlotItem, curves) -> None:
    """Fit the y range of a log plot to whole decades around the data of ``curves``."""
    span = finite_range(*(curve.getOriginalDataset()[1] for curve in curves
                          if curve.getOriginalDataset()[1] is not None), log=True)
    if span is not None:
        lo, hi = np.floor(np.log10(span[0])), np.ceil(np.log10(span[1]))
        plot.setYRange(lo, max(hi, lo + 1.0), padding=0.05)


def fit_steps(plot: pg.PlotItem, last_step: float) -> None:
    """Show training steps 0 .. a round number at or above ``last_step``: the x axis grows in
    steps of about a fifth (its labels are redrawn then) instead of at every new point."""
    high = nice_ceiling(max(float(last_step), 10.0))
    if tuple(plot.viewRange()[0]) != (0.0, high):
        plot.setXRange(0.0, high, padding=0.0)


def set_positive(curve, x, y) -> None:
    """Plot only the finite, positive points (the plots are log scale)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = np.isfinite(y) & (y > 0)
    curve.setData(x[keep], y[keep])


class Compare(QObject):
    """The comparison dock and its Train-menu action."""

    def __init__(self, window, task_titles: dict[str, str]):
        super().__init__(window)
        self.view = CompareView(window.model, task_titles, window)
        self.dock = window.add_dock("compare", self.tr("Compare RNN / LSTM / GRU"), self.view,
                                    visible=False)
        self.action = QAction(self.tr("&Compare RNN / LSTM / GRU…"), window)
        self.action.setToolTip(self.tr("Train a tanh RNN, an LSTM and a GRU side by side on the "
                                       "same task and see how far back their gradients reach"))
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(self.show)

    def show(self) -> None:
        """Show the comparison on the session's task (if it has one) with fresh initial gradients."""
        task = self.view.model.document.task
        if task in TASKS and self.view.worker is None:
            self.view.choose_task(task)
        self.dock.show()
        self.dock.raise_()
        if self.view.worker is None:
            self.view.show_initial_gradients()

    def shutdown(self) -> None:
        self.view.shutdown()


def install(window, task_titles: dict[str, str]) -> Compare:
    """Add the comparison dock (hidden until asked for) and return its action holder;
    ``task_titles``: registry name -> translated title of the tasks to offer."""
    window.compare = Compare(window, task_titles)
    return window.compare
