"""RNN vs LSTM vs GRU side by side (Train ▸ Compare RNN / LSTM / GRU).

The same task, batch and seed go through a tanh RNN, an LSTM and a GRU of the same hidden size,
all initialised as PyTorch does (every weight and bias U(-1/sqrt(H), 1/sqrt(H))) except the LSTM's
forget-gate bias, which the user sets to 1 (Gers et al. 2000; Jozefowicz et al. 2015) or leaves at
PyTorch's default (drawn like the other biases, mean 0). The view says so in a line of text above
its figures. Two tabs:

* *Side by side*: the vanishing-gradient figure, ‖dL/dh_t‖ of the loss at the last step against
  the distance from it, log scale, at initialisation (solid) and after training (dashed) — Bengio
  et al. 1994, Pascanu et al. 2013, from the app's own numbers; the loss curves while the three
  train (off the GUI thread, in one :class:`TrainingWorker`); their accuracy on held-out sequences.
* *Length sweep*: held-out accuracy against the sequence length T, each kind trained a fixed
  number of steps at each length (:func:`~lstm_studio.session.experiments.length_sweep`, off the
  GUI thread in a :class:`SweepWorker`), with the accuracy of guessing as a line.

The numbers come from :mod:`lstm_studio.session.experiments`; this module only draws them.

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
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.app import threads, widgets
from lstm_studio.app import i18n
from lstm_studio.app.i18n import active_language, error_text
from lstm_studio.app.panels.plots.axes import DecadeAxis
from lstm_studio.app.panels.plots.colours import PALETTE, foreground
from lstm_studio.app.panels.plots.scales import finite_range, nice_ceiling
from lstm_studio.app.training.sweep_worker import SweepWorker
from lstm_studio.app.training.worker import STOP_WAIT_MS, RepaintWatcher, TrainingWorker
from lstm_studio.engine.tasks import TASKS, default_text, make_task
from lstm_studio.session.experiments import (
    COMPARE_FORGET_BIAS,
    COMPARE_HIDDEN_SIZE,
    COMPARE_KINDS,
    SWEEP_LENGTHS,
    SWEEP_STEPS,
    SWEEP_TASKS,
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
COLORS = dict(zip(COMPARE_KINDS, (PALETTE[1], PALETTE[0], PALETTE[2])))
SYMBOLS = dict(zip(COMPARE_KINDS, (("o", 8, 2), ("s", 12, 4), ("t", 8, 2))))
"""Marker, marker size and line width of each kind in the sweep: the LSTM's are larger, so it
shows around the GRU where both reach the same accuracy."""
FORGET_BIAS_KEY = "compare/lstm_forget_bias"
"""QSettings key of the LSTM's forget-gate bias in the comparison: "1" or "default"."""
FORGET_BIASES = {"1": COMPARE_FORGET_BIAS, "default": None}
"""Stored choice -> the forget_bias given to the engine (None: drawn like every other bias)."""
SOLVED = 0.9
"""Accuracy from which the sweep's summary counts a length as solved."""
AXIS_WIDTH = 52
"""Pixels of the left axes of the side-by-side plots (room for 10⁻¹⁰)."""


def kind_names() -> dict[str, str]:
    return {"rnn_tanh": QCoreApplication.translate("CompareView", "RNN (tanh)"),
            "lstm": QCoreApplication.translate("CompareView", "LSTM"),
            "gru": QCoreApplication.translate("CompareView", "GRU")}


class CompareView(QWidget):
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
        sizes = QHBoxLayout()
        for label, widget in ((self.tr("H"), self.hidden), (self.tr("seed"), self.seed),
                              (self.tr("LSTM forget-gate bias"), self.forget_bias_combo)):
            sizes.addWidget(QLabel(label))
            sizes.addWidget(widget)
        sizes.addStretch(1)
        form.addRow(sizes)
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
        for button in (self.gradient_button, self.train_button, self.stop_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
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

    def _build_sweep(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        self.sweep_steps = widgets.spin_box(1, 100_000, value=SWEEP_STEPS, tip=self.tr(
            "Training steps of each network at each length"))
        self.sweep_button = widgets.button(self.tr("Run sweep"), self.tr(
            "Train the three networks at each length in turn (in the background) and plot their "
            "accuracy on held-out sequences against the length T"), self.run_sweep)
        self.sweep_stop_button = widgets.button(self.tr("Stop"), self.tr(
            "Stop the sweep before its next training step; the points measured so far stay"),
            self.stop_sweep)
        self.sweep_progress = QProgressBar()
        self.sweep_progress.setToolTip(self.tr("Training steps of the sweep done so far"))
        self.sweep_progress.setRange(0, 1)
        self.sweep_progress.setValue(0)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("steps per length")))
        row.addWidget(self.sweep_steps)
        row.addWidget(self.sweep_button)
        row.addWidget(self.sweep_stop_button)
        row.addWidget(self.sweep_progress, 1)
        layout.addLayout(row)
        self.sweep_status = QLabel()
        self.sweep_status.setWordWrap(True)
        self.sweep_status.setToolTip(self.tr("What the length sweep is doing, or what it measured"))
        layout.addWidget(self.sweep_status)
        self.sweep_plots = pg.GraphicsLayoutWidget()
        self.sweep_plots.setMinimumHeight(280)
        self.sweep_plots.setToolTip(self.tr(
            "Accuracy on held-out sequences against the sequence length T, each network trained "
            "the same number of steps at every length; the dashed line is the accuracy of "
            "guessing"))
        self.sweep_plot = self.sweep_plots.addPlot(row=1, col=0)
        self.sweep_plot.setLabel("bottom", self.tr("sequence length T"))
        self.sweep_plot.setLabel("left", self.tr("held-out accuracy"))
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
            text = self.tr("The length sweep needs a task whose answer depends on the first steps "
                           "of the sequence: {0}. Choose one of them above.").format(", ".join(titles))
            self.sweep_plan.setText(text)
            if self.sweep_worker is None and self.sweep_plots.isVisibleTo(self):
                self.sweep_status.setText(text)
            return
        self.sweep_plan.setText(self.tr(
            "<p>The classic figure of the vanishing gradient. Run sweep trains a fresh tanh RNN, "
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
        self.sweep_status.setText(self.tr("Sweeping: starting…"))
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
            text = self.tr("Stopping…")
        elif not finished:
            text = self.tr("Sweeping: {0} of {1} points measured").format(
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
                self.chance_line.label.setFormat(self.tr("chance {0} %").format(f"{100 * sweep.chance:.0f}"))

    def _sweep_setting(self, sweep: LengthSweep) -> str:
        """What the sweep ran: task, steps, H, seed and the LSTM's forget-gate bias."""
        return self.tr("{0}, {1} training steps per length, H = {2}, seed {3}, LSTM forget-gate "
                       "bias {4}.").format(self.task_titles.get(sweep.task, sweep.task), sweep.steps,
                                           sweep.hidden_size, sweep.seed, self._bias_text(sweep.forget_bias))

    def _sweep_summary(self, sweep: LengthSweep | None) -> str:
        total = len(self.sweep_lengths) * len(COMPARE_KINDS)
        if sweep is None or sweep.measured == 0:
            return self.tr("Stopped before the first point was measured.")
        names = kind_names()
        longest = ", ".join(
            f"{names[kind]} {sweep.longest_solved(kind, SOLVED) or '—'}" for kind in sweep.kinds)
        text = self.tr("Longest T with at least {0} % held-out accuracy: {1}.").format(
            f"{100 * SOLVED:.0f}", longest)
        if not sweep.complete:
            text = self.tr("Stopped after {0} of {1} points.").format(sweep.measured, total) + " " + text
        return text

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


def legend_row(layout: pg.GraphicsLayout, row: int, columns: int = 1) -> pg.LegendItem:
    """A legend of three columns in its own row of ``layout`` (above a plot, so it covers no
    curve), across ``columns`` columns of the layout."""
    legend = pg.LegendItem(colCount=3, labelTextSize="8pt")
    legend.setLabelTextColor(foreground())
    legend.layout.setContentsMargins(2, 0, 2, 0)
    layout.addItem(legend, row=row, col=0, colspan=columns)
    return legend


def fit_legend(legend: pg.LegendItem, width: float) -> None:
    """Lay ``legend``'s entries out in the most columns (at most 3: one per kind) that fit
    ``width`` pixels, so that no entry is cut off at the edge."""
    for columns in range(min(3, max(len(legend.items), 1)), 0, -1):
        if legend.columnCount != columns:
            legend.setColumnCount(columns)
        legend.updateSize()
        if legend.boundingRect().width() <= width or columns == 1:
            return


def bold_font():
    from PySide6.QtGui import QFont

    font = QFont()
    font.setBold(True)
    return font


def log_plot(layout: pg.GraphicsLayout, row: int, title: str, x_label: str,
             columns: int = 1) -> pg.PlotItem:
    """A plot with a log y axis labelled at powers of ten only, in ``layout`` at ``row``
    (across ``columns`` columns)."""
    plot = layout.addPlot(row=row, col=0, colspan=columns, axisItems={"left": DecadeAxis("left")})
    plot.setTitle(title, size="9pt")
    plot.setLabel("bottom", x_label)
    plot.setLogMode(y=True)
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.enableAutoRange(y=False)
    return plot


def fit_decades(plot: pg.PlotItem, curves, padding: float = 0.05) -> None:
    """Fit the y range of a log plot to whole decades around the data of ``curves`` (and
    ``padding`` of the range on either side: a label of a decade at the very edge is not drawn)."""
    span = finite_range(*(curve.getOriginalDataset()[1] for curve in curves
                          if curve.getOriginalDataset()[1] is not None), log=True)
    if span is not None:
        lo, hi = np.floor(np.log10(span[0])), np.ceil(np.log10(span[1]))
        plot.setYRange(lo, max(hi, lo + 1.0), padding=padding)


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
