"""RNN vs LSTM vs GRU side by side (Train ▸ Compare RNN / LSTM / GRU).

The same task, batch and seed go through a tanh RNN, an LSTM and a GRU of the same hidden size,
all initialised as PyTorch does (every weight and bias U(-1/sqrt(H), 1/sqrt(H))) except the LSTM's
forget-gate bias, which the user sets to 1 (Gers et al. 2000; Jozefowicz et al. 2015) or leaves at
PyTorch's default (drawn like the other biases, mean 0). The view says so in a line of text above
its figures. Two tabs:

* *Side by side* (this module): the vanishing-gradient figure, ‖dL/dh_t‖ of the loss at the last
  step against the distance from it, log scale, at initialisation (solid) and after training
  (dashed) — Bengio et al. 1994, Pascanu et al. 2013, from the app's own numbers; the loss curves
  while the three train (off the GUI thread, in one :class:`TrainingWorker`); their accuracy on
  held-out sequences.
* *Length sweep* (:mod:`~lstm_studio.app.training.compare_sweep`): held-out accuracy against the
  sequence length T.

The numbers come from :mod:`lstm_studio.session.experiments`; this module only draws them (the
plots' pieces are in :mod:`~lstm_studio.app.training.compare_plots`).

The forget-gate bias choice is kept in QSettings (:data:`FORGET_BIAS_KEY`), not in the session:
the comparison never reads or changes the session's network (it trains fresh networks of its own),
none of its other settings (task, H, T, seed, steps) belong to the session either, and changing it
must not mark the session modified or add an undo step. It is the user's preference for how to
compare, kept between runs of the app; the combo box only shows the stored value.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from lstm_studio.app import i18n, threads, widgets
from lstm_studio.app.i18n import active_language, error_text
from lstm_studio.app.panels.plots.colours import foreground
from lstm_studio.app.training.compare_plots import (
    AXIS_WIDTH,
    COLORS,
    bold_font,
    fit_decades,
    fit_legend,
    fit_steps,
    kind_names,
    legend_row,
    log_plot,
    set_positive,
)
from lstm_studio.app.training.compare_sweep import LengthSweepTab
from lstm_studio.app.training.sweep_worker import SweepWorker
from lstm_studio.app.training.worker import STOP_WAIT_MS, RepaintWatcher, TrainingWorker
from lstm_studio.engine.tasks import TASKS, default_text, make_task
from lstm_studio.session.experiments import (
    COMPARE_FORGET_BIAS,
    COMPARE_HIDDEN_SIZE,
    COMPARE_KINDS,
    SWEEP_LENGTHS,
    LengthSweep,
    compare_trainers,
    gradient_decay,
    gradient_decay_of,
    held_out_accuracy,
)

DEFAULT_TASK = "temporal_order"
"""Within a few hundred steps the LSTM and the GRU solve it and the tanh RNN does not."""
DEFAULT_SEQ_LEN = 30
"""Long enough that the tanh RNN's gradient from the last step has faded at the first one."""
FORGET_BIAS_KEY = "compare/lstm_forget_bias"
"""QSettings key of the LSTM's forget-gate bias in the comparison: "1" or "default"."""
FORGET_BIASES = {"1": COMPARE_FORGET_BIAS, "default": None}
"""Stored choice -> the forget_bias given to the engine (None: drawn like every other bias)."""


class CompareView(LengthSweepTab, QWidget):
    """Controls, the initialisation, and two tabs: side by side and the length sweep."""

    sweep_lengths: tuple[int, ...] = SWEEP_LENGTHS
    """Lengths of the sweep (a class attribute: tests shorten it)."""

    def __init__(self, model, task_titles: dict[str, str], parent=None, settings: QSettings | None = None):
        super().__init__(parent)
        self.model = model
        self.settings = settings if settings is not None else QSettings()
        self.task_titles = dict(task_titles)
        self.worker: TrainingWorker | None = None
        self._stopping = False  # Stop was asked; the worker is still ending its step
        self.trainers: dict = {}
        self.task = None
        self.losses: dict[str, list[float]] = {}
        self.error: str | None = None
        self.accuracies: dict[str, float] = {}
        self.sweep_worker: SweepWorker | None = None
        self._sweep_stopping = False
        self.sweep: LengthSweep | None = None
        self._sweep_drawn = None  # the lengths the sweep plot's axis is set up for
        self._repaints = RepaintWatcher(parent if parent is not None else self)
        self.setToolTip(self.tr("The same task through a tanh RNN, an LSTM and a GRU of the same "
                                "size and seed, initialised alike (up to the LSTM's forget-gate "
                                "bias): how far back the gradient reaches, how the loss falls, the "
                                "accuracy reached, and how the accuracy falls as the sequences grow "
                                "longer."))
        content = QWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(widgets.scrolling(content))  # a short screen scrolls, never grows the window
        layout = QVBoxLayout(content)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_controls())
        self.init_label = QLabel()
        self.init_label.setWordWrap(True)
        self.init_label.setToolTip(self.tr("How all three networks are initialised, in the "
                                           "comparison and in the length sweep"))
        layout.addWidget(self.init_label)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_side_by_side(), self.tr("Side by side"))
        self.tabs.addTab(self._build_sweep(), self.tr("Length sweep"))
        layout.addWidget(self.tabs, 1)
        for widget in (self.hidden, self.seed):
            widget.valueChanged.connect(self._show_initialisation)
        self.task_combo.currentIndexChanged.connect(self._show_sweep_plan)
        self.sweep_steps.valueChanged.connect(self._show_sweep_plan)
        self._show_initialisation()
        self._show_sweep_plan()
        self._show_state()

    # -- construction ----------------------------------------------------------------------------
    def _build_controls(self) -> QFormLayout:
        self.task_combo = QComboBox()
        for key, title in self.task_titles.items():
            if key in TASKS:
                self.task_combo.addItem(title, key)
        self.task_combo.setCurrentIndex(self.task_combo.findData(DEFAULT_TASK))
        self.task_combo.setToolTip(self.tr("The task all three networks learn"))
        self.hidden = widgets.spin_box(1, 256, value=COMPARE_HIDDEN_SIZE,
                                       tip=self.tr("Hidden size H of all three networks"))
        self.seed = widgets.spin_box(0, 2**31 - 1, value=0, tip=self.tr(
            "Seed of the initial weights and of every training batch (the same for all three)"))
        self.forget_bias_combo = QComboBox()
        self.forget_bias_combo.addItem(self.tr("1 (Gers et al. 2000)"), "1")
        self.forget_bias_combo.addItem(self.tr("mean 0 (PyTorch's default)"), "default")
        self.forget_bias_combo.setToolTip(self.tr(
            "The LSTM's forget-gate bias at initialisation. The cell line c_t = f⊙c_{t−1} + i⊙g "
            "keeps the gradient alive only while f stays near 1: along it, each step back "
            "multiplies the gradient by f. With bias 1, f starts near σ(1) ≈ 0.73 instead of σ(0) = 0.5, so far "
            "more of the gradient reaches early steps and the LSTM can learn long dependencies "
            "(Gers et al. 2000; Jozefowicz et al. 2015)."))
        self.forget_bias_combo.setWhatsThis(self.tr(
            "<p><b>LSTM forget-gate bias</b></p><p>PyTorch draws every bias, the forget gate's "
            "included, from U(−1/√H, 1/√H): at the start f = σ(…) ≈ 0.5, and the gradient along the "
            "cell line, multiplied by f at every step back, shrinks by about half per step — after "
            "30 steps almost nothing is left, as in a vanilla RNN. Setting the forget gate's bias to 1 "
            "(b_ih's f rows 1, b_hh's f rows 0) starts f near 0.73, so the cell keeps more of "
            "what it holds from step to step and the gradient survives many more steps; training can then open the gate "
            "further where it needs to remember. Gers, Schmidhuber and Cummins (2000), who "
            "introduced the forget gate, proposed a positive bias; Jozefowicz, Zaremba "
            "and Sutskever (2015) found that a bias of 1 closes the gap between the LSTM and the "
            "GRU.</p><p>The choice "
            "applies to the gradients at initialisation, to training side by side and to the "
            "length sweep; the tanh RNN and the GRU do not change.</p>"))
        self.forget_bias_combo.setCurrentIndex(max(0, self.forget_bias_combo.findData(
            str(self.settings.value(FORGET_BIAS_KEY, "1")))))
        self.forget_bias_combo.currentIndexChanged.connect(self._forget_bias_chosen)
        form = QFormLayout()
        form.addRow(self.tr("Task"), self.task_combo)
        sizes = QHBoxLayout()  # rows short enough for a laptop's dock (about 420 px)
        for label, widget in ((self.tr("H"), self.hidden), (self.tr("seed"), self.seed)):
            sizes.addWidget(QLabel(label))
            sizes.addWidget(widget)
        sizes.addStretch(1)
        form.addRow(sizes)
        form.addRow(self.tr("LSTM forget-gate bias"), self.forget_bias_combo)
        return form

    def _build_side_by_side(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        self.seq_len = widgets.spin_box(2, 500, value=DEFAULT_SEQ_LEN, tip=self.tr(
            "Sequence length T of the comparison side by side (the gradient figure follows the "
            "loss at the last step)"))
        self.steps = widgets.spin_box(1, 100_000, value=300, tip=self.tr("Training steps of each network"))
        row = QHBoxLayout()
        for label, spin in ((self.tr("T"), self.seq_len), (self.tr("steps"), self.steps)):
            row.addWidget(QLabel(label))
            row.addWidget(spin)
        self.gradient_button = widgets.button(self.tr("Gradients at init"), self.tr(
            "Draw ‖dL/dh_t‖ of the loss at the last step against the distance from it, for three "
            "freshly initialised networks"), self.show_initial_gradients)
        self.train_button = widgets.button(self.tr("Train all three"), self.tr(
            "Train the three networks on the same batches (in the background)"), self.train)
        self.stop_button = widgets.button(self.tr("Stop"), self.tr(
            "Stop training now: the three keep the weights of their last finished step"), self.stop)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QHBoxLayout()  # a row of their own: beside the sizes they outgrew a laptop's dock
        for button in (self.gradient_button, self.train_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setToolTip(self.tr("What the comparison is doing"))
        layout.addWidget(self.status)
        layout.addWidget(self._build_plots(), 1)
        return page

    def _build_plots(self) -> pg.GraphicsLayoutWidget:
        """The gradient figure across the top under its legend; once training starts, the
        training loss and the accuracy bars side by side below it (each keeps its height)."""
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setMinimumHeight(280)
        self.plots.setToolTip(self.tr("Solid: gradients of the fresh networks; dashed: after "
                                      "training. Below, once training starts: the training loss, "
                                      "and the accuracy on held-out sequences when it ends."))
        names = kind_names()
        self.decay_legend = legend_row(self.plots.ci, 0, columns=2)  # above the plot: covers no curve
        self.decay_plot = log_plot(self.plots.ci, 1, self.tr("‖dL/dh_t‖ against distance from the loss"),
                                   self.tr("distance T−1−t (steps back)"), columns=2)
        self.loss_plot = log_plot(self.plots.ci, 2, self.tr("training loss"), self.tr("training step"))
        self.accuracy_plot = self.plots.addPlot(row=2, col=1)
        self.accuracy_plot.setTitle(self.tr("held-out accuracy"), size="9pt")
        self.accuracy_plot.setYRange(0.0, 1.05, padding=0)
        self.accuracy_plot.getAxis("left").setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
        self.accuracy_plot.setMouseEnabled(x=False, y=False)
        self.accuracy_plot.getAxis("bottom").setTicks([[(i, names[k]) for i, k in enumerate(COMPARE_KINDS)]])
        self.decay_curves, self.trained_curves, self.loss_curves = {}, {}, {}
        for kind in COMPARE_KINDS:
            color = COLORS[kind]
            self.decay_curves[kind] = self.decay_plot.plot(pen=pg.mkPen(color, width=2))
            self.decay_legend.addItem(self.decay_curves[kind], self.tr("{0} at init").format(names[kind]))
            self.trained_curves[kind] = self.decay_plot.plot(
                pen=pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine))
            self.loss_curves[kind] = self.loss_plot.plot(pen=pg.mkPen(color, width=1.5))
            self.loss_curves[kind].setDownsampling(auto=True, method="peak")
        self.bars = pg.BarGraphItem(x=np.arange(3), height=np.zeros(3), width=0.6,
                                    brushes=[pg.mkBrush(COLORS[k]) for k in COMPARE_KINDS])
        self.accuracy_plot.addItem(self.bars)
        self.bar_labels = []
        for i in range(len(COMPARE_KINDS)):
            label = pg.TextItem(anchor=(0.5, 1.0))
            label.setFont(bold_font())
            label.setPos(i, 0.0)
            self.accuracy_plot.addItem(label)
            self.bar_labels.append(label)
        self.accuracy_plot.setXRange(-0.6, 2.6, padding=0)
        self.accuracy_plot.hideButtons()
        for plot in (self.decay_plot, self.loss_plot):
            plot.getAxis("left").setWidth(AXIS_WIDTH)  # their x axes line up
        self.plots.ci.layout.setColumnStretchFactor(0, 3)
        self.plots.ci.layout.setColumnStretchFactor(1, 2)
        self.plots.ci.geometryChanged.connect(self._fit_legends)
        self._show_training_plots(False)
        return self.plots

    def _fit_legends(self) -> None:
        """As many legend entries side by side as the width holds (none is cut off)."""
        fit_legend(self.decay_legend, self.plots.ci.geometry().width())
        if hasattr(self, "sweep_legend"):
            fit_legend(self.sweep_legend, self.sweep_plots.ci.geometry().width())

    def _label_bars(self, accuracies) -> None:
        """Each bar's accuracy in per cent: in bold inside the top of a bar tall enough to hold
        it (white on the bar's colour), above a short one (in the text colour)."""
        for label, accuracy in zip(self.bar_labels, accuracies):
            label.setText(f"{100 * accuracy:.0f} %")
            inside = accuracy >= 0.35
            label.setAnchor((0.5, 0.0) if inside else (0.5, 1.0))
            label.setColor(pg.mkColor("w") if inside else foreground())
            label.setPos(label.pos().x(), accuracy)

    # -- settings --------------------------------------------------------------------------------
    def choose_task(self, key: str) -> None:
        """Compare on ``key`` (a name of the task registry)."""
        self.task_combo.setCurrentIndex(self.task_combo.findData(key))

    def forget_bias(self) -> float | None:
        """The LSTM's forget-gate bias chosen (None: PyTorch's default, drawn like every bias)."""
        return FORGET_BIASES[self.forget_bias_combo.currentData()]

    def set_forget_bias(self, value: float | None) -> None:
        """Choose the LSTM's forget-gate bias: 1 or None (PyTorch's default)."""
        key = next(k for k, v in FORGET_BIASES.items() if v == value)
        self.forget_bias_combo.setCurrentIndex(self.forget_bias_combo.findData(key))

    def _forget_bias_chosen(self) -> None:
        self.settings.setValue(FORGET_BIAS_KEY, self.forget_bias_combo.currentData())
        self._show_initialisation()
        if self.worker is None and self.isVisible():
            self.show_initial_gradients()

    def retranslate(self) -> None:
        """After a language switch: the texts put together from settings and task names (the
        controls, plot titles, legends and status are re-set by the window's walk)."""
        self.task_titles = {key: i18n.retranslated(title) or title for key, title in self.task_titles.items()}
        self._show_initialisation()
        self._show_sweep_plan()

    def _bias_text(self, bias: float | None) -> str:
        return self.tr("mean 0") if bias is None else f"{bias:g}"

    def _show_initialisation(self) -> None:
        H, seed = self.hidden.value(), self.seed.value()
        bound = f"{1 / np.sqrt(H):.3g}"
        if self.forget_bias() is None:
            text = self.tr("Initialisation (PyTorch's): every weight and bias, the read-out's too, "
                           "drawn from U(−1/√H, 1/√H) = U(−{0}, {0}) for H = {1}, seed {2}; the "
                           "LSTM's forget-gate bias as well (mean 0).")
        else:
            text = self.tr("Initialisation (PyTorch's): every weight and bias, the read-out's too, "
                           "drawn from U(−1/√H, 1/√H) = U(−{0}, {0}) for H = {1}, seed {2}; except "
                           "the LSTM's forget-gate bias: {3} (b_ih's f rows {3}, b_hh's f rows 0).")
        self.init_label.setText(text.format(bound, H, seed, self._bias_text(self.forget_bias())))

    def _task_options(self, key: str) -> dict:
        doc = self.model.document
        options = dict(doc.training.get("task_options", {})) if doc.task == key else {}
        if key == "next_char" and "text" not in options:  # the default text in the UI's language
            options["text"] = default_text(active_language(QCoreApplication.instance()))
        return options

    def _task(self):
        key = self.task_combo.currentData()
        return make_task(key, **self._task_options(key), seq_len=self.seq_len.value())

    # -- side by side ----------------------------------------------------------------------------
    def show_initial_gradients(self) -> bool:
        """Draw the gradient decay of three freshly initialised networks (GUI thread: one batch)."""
        try:
            task = self._task()
            decays = {kind: gradient_decay(kind, task, self.hidden.value(), seed=self.seed.value(),
                                           forget_bias=self.forget_bias())
                      for kind in COMPARE_KINDS}
        except ValueError as exc:
            self.status.setText(error_text(exc))
            return False
        for kind, decay in decays.items():
            set_positive(self.decay_curves[kind], decay.distance, decay.norm)
            self.trained_curves[kind].setData([], [])
        self._show_trained_legend(False)
        self._show_training_plots(False)
        fit_decades(self.decay_plot, self.decay_curves.values())
        self.status.setText(self.tr("Gradient at initialisation: after {0} steps back the RNN keeps "
                                    "{1} of it, the LSTM (forget-gate bias {4}) {2}, the GRU {3}.").format(
            task.seq_len - 1, *(f"{decays[k].norm[0] / decays[k].norm[-1]:.1e}" for k in COMPARE_KINDS),
            self._bias_text(self.forget_bias())))
        return True

    def train(self) -> None:
        """Train the three networks in the background; curves grow as they learn."""
        if self.busy or not self.show_initial_gradients():
            return
        try:
            self.task = self._task()
            self.trainers = compare_trainers(self.task, self.hidden.value(), seed=self.seed.value(),
                                             forget_bias=self.forget_bias())
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
        self._show_training_plots(True)
        self.worker = TrainingWorker(self.trainers, self.steps.value())
        self.worker.ready.connect(self._collect)
        self.worker.finished.connect(self._worker_finished)
        threads.start(self.worker)
        self._show_state()

    def stop(self) -> None:
        """Stop training now (a step in progress is cut short) and show the final numbers; if
        the worker has not ended within STOP_WAIT_MS (a long step), say so and show them when
        it has."""
        worker = self.worker
        if worker is None or self._stopping:
            return
        worker.stop()
        if worker.wait(STOP_WAIT_MS):
            self._end_training()
        else:
            self._stopping = True
            self.status.setText(self.tr("Stopping…"))
            self._show_state()

    def _worker_finished(self) -> None:
        if self.sender() is self.worker:
            self._end_training()

    def _end_training(self, finish: bool = True) -> None:
        """The training side by side is over: with ``finish`` (the worker has published its
        last results) show the final numbers; otherwise a worker still in a step ends in the
        background, unheard. Never waits for the thread."""
        worker, self.worker = self.worker, None
        self._stopping = False
        if worker is None:
            return
        worker.ready.disconnect(self._collect)
        worker.finished.disconnect(self._worker_finished)
        worker.stop()  # nothing happens if it has ended already
        if finish:
            self._take(worker)
            self._finish()
        else:
            self.status.setText(self.tr("Training stopped."))
            self._show_state()

    def shutdown(self) -> None:
        """End training and the sweep at once (the window closes)."""
        self.stop()
        if self.worker is not None:
            self._end_training(finish=False)
        self.stop_sweep()
        if self.sweep_worker is not None:
            self._end_sweep(show=False)

    @property
    def busy(self) -> bool:
        """Training side by side or sweeping."""
        return self.worker is not None or self.sweep_worker is not None

    def _collect(self) -> None:
        if self.sender() is not self.worker or self.worker is None:
            return
        if self._take(self.worker):
            self._end_training()
        else:
            self._repaints.acknowledge_when_drawn(self.worker)

    def _take(self, worker) -> bool:
        results = worker.take()
        for kind, records in results.records.items():
            self.losses[kind].extend(record.loss for record in records)
            losses = np.asarray(self.losses[kind])
            set_positive(self.loss_curves[kind], np.arange(1, losses.size + 1), losses)
        fit_decades(self.loss_plot, self.loss_curves.values(), padding=0.15)  # room for the labels
        fit_steps(self.loss_plot, max(len(losses) for losses in self.losses.values()))
        self.error = results.error or self.error
        self.status.setText(self.error or (self.tr("Stopping…") if self._stopping else self.tr(
            "Training: step {0} of {1}").format(worker.steps_taken, worker.total_steps)))
        return results.finished

    def _finish(self) -> None:
        accuracies = []
        for kind, trainer in self.trainers.items():
            decay = gradient_decay_of(trainer.network, trainer.readout, self.task, self.seed.value())
            set_positive(self.trained_curves[kind], decay.distance, decay.norm)
            accuracies.append(held_out_accuracy(trainer.network, trainer.readout, self.task,
                                                self.seed.value()))
        self._show_trained_legend(True)
        fit_decades(self.decay_plot, [*self.decay_curves.values(), *self.trained_curves.values()])
        self.accuracies = dict(zip(self.trainers, accuracies))
        self.bars.setOpts(height=np.asarray(accuracies))
        self._label_bars(accuracies)
        names = kind_names()
        summary = self.tr("After {0} steps, accuracy on held-out sequences: {1}").format(
            len(next(iter(self.losses.values()), [])),
            ", ".join(f"{names[k]} {100 * a:.0f} %" for k, a in self.accuracies.items()))
        self.status.setText(f"{self.error}\n{summary}" if self.error else summary)
        self._show_state()

    def _show_training_plots(self, visible: bool) -> None:
        """The loss and accuracy plots appear when the three start training (no empty axes).
        They leave the layout while hidden: a hidden item of a grid layout keeps its room."""
        layout = self.plots.ci
        for column, plot in ((0, self.loss_plot), (1, self.accuracy_plot)):
            if visible and plot not in layout.items:
                layout.addItem(plot, row=2, col=column)
            elif not visible and plot in layout.items:
                layout.removeItem(plot)
        for row, stretch in zip((1, 2), (1, 1) if visible else (1, 0)):
            layout.layout.setRowStretchFactor(row, stretch)

    def _show_trained_legend(self, trained: bool) -> None:
        """List the dashed curves in the legend only while they are drawn."""
        names = kind_names()
        for kind in COMPARE_KINDS:
            self.decay_legend.removeItem(self.trained_curves[kind])
        if trained:
            for kind in COMPARE_KINDS:
                self.decay_legend.addItem(self.trained_curves[kind],
                                          self.tr("{0} trained").format(names[kind]))
        self._fit_legends()

    def _show_state(self) -> None:
        training, sweeping = self.worker is not None, self.sweep_worker is not None
        busy = training or sweeping
        self.train_button.setEnabled(not busy)
        self.gradient_button.setEnabled(not busy)
        self.stop_button.setEnabled(training and not self._stopping)
        self.sweep_button.setEnabled(not busy and self._sweep_task() is not None)
        self.sweep_stop_button.setEnabled(sweeping and not self._sweep_stopping)
        for widget in (self.task_combo, self.hidden, self.seq_len, self.seed, self.steps,
                       self.forget_bias_combo, self.sweep_steps):
            widget.setEnabled(not busy)


class Compare(QObject):
    """The comparison dock and its Train-menu action."""

    def __init__(self, window, task_titles: dict[str, str]):
        super().__init__(window)
        self.view = CompareView(window.model, task_titles, window, settings=window.settings)
        self.dock = window.add_dock("compare", self.tr("Compare RNN / LSTM / GRU"), self.view,
                                    visible=False)
        self.action = QAction(self.tr("&Compare RNN / LSTM / GRU…"), window)
        self.action.setToolTip(self.tr("Train a tanh RNN, an LSTM and a GRU side by side on the "
                                       "same task: how far back their gradients reach, and how "
                                       "their accuracy falls as the sequences grow longer"))
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(self.show)

    def show(self) -> None:
        """Show the comparison on the session's task (if it has one) with fresh initial gradients."""
        task = self.view.model.document.task
        if task in TASKS and not self.view.busy:
            self.view.choose_task(task)
        self.dock.show()
        self.dock.raise_()
        if not self.view.busy:
            self.view.show_initial_gradients()

    def shutdown(self) -> None:
        self.view.shutdown()


def install(window, task_titles: dict[str, str]) -> Compare:
    """Add the comparison dock (hidden until asked for) and return its action holder;
    ``task_titles``: registry name -> translated title of the tasks to offer."""
    window.compare = Compare(window, task_titles)
    return window.compare
