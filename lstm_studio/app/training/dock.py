"""The Training dock: task, settings, Start/Pause/Stop/Step, the loss and gradient-norm curves, the
schedule and validation (:mod:`.schedule_box`) and text generation (:mod:`.generation_box`). The
Train menu that drives it is :mod:`.menu`.

A *run* goes from Start (or Step from idle) to Stop, to the last step, or to an edit made by
someone else. It trains in a :class:`TrainingWorker` thread; the GUI thread applies the weight
snapshots the worker publishes to the model (one ``model.changes()`` batch each), so the panels
follow the weights. The whole run is ONE undo command (:class:`TrainingRunCommand`), pushed when
the first weights arrive: undo gives back the pre-training document bit for bit.

Ending a run never waits for a step: Stop cuts the step in progress short and keeps the weights
of the last finished one; if the worker has not ended within STOP_WAIT_MS (one long NumPy
product of a large network), the dock says "stopping…" and the run ends when the thread reports
``finished``. An edit by someone else ends the run at once, and the thread ends in the
background. Worker threads are started through :mod:`lstm_studio.app.threads`, which keeps each
until it has finished, so none is ever destroyed while it runs.
"""

from __future__ import annotations


import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.app import threads, widgets
from lstm_studio.app.editors.commands import ReplaceDocumentCommand
from lstm_studio.app.i18n import active_language, error_text
from lstm_studio.app.panels.plots.colours import PALETTE
from lstm_studio.app.theme import scale_source, scaled
from lstm_studio.app.training.compare_plots import fit_decades, fit_steps, set_positive
from lstm_studio.app.training.generation_box import GenerationBox
from lstm_studio.app.training.run_plots import RunPlots
from lstm_studio.app.training.schedule_box import ScheduleBox
from lstm_studio.app.training.settings_box import SettingsBox
from lstm_studio.app.training.worker import STOP_WAIT_MS, RepaintWatcher, TrainingWorker
from lstm_studio.engine.tasks import DEFAULT_TEXT, default_text
from lstm_studio.session import model_import
from lstm_studio.session.experiments import (
    CURRENT_SEQUENCE,
    default_settings,
    history_with,
    task_document,
    trainer_for,
)

MAIN = "main"
"""Key of the one trainer of a dock run in the worker's results."""
TEXT_SHOWN_UP_TO = 20_000
"""A longer text is shown in part in the task box, read-only (and learned whole): a text box
lays out the whole of a long line at every repaint — a 1 MB text on one line took 45–60 ms a
paint, several times a second while training."""


def task_titles() -> dict[str, str]:
    """Translated names of the training choices, in menu order."""
    return {
        CURRENT_SEQUENCE: QCoreApplication.translate("TrainingDock", "Current sequence (the panels)"),
        "adding": QCoreApplication.translate("TrainingDock", "Adding problem"),
        "copy": QCoreApplication.translate("TrainingDock", "Copy (memory) task"),
        "temporal_order": QCoreApplication.translate("TrainingDock", "Temporal order"),
        "long_dependency": QCoreApplication.translate("TrainingDock", 'Long-term dependency ("Moscow")'),
        "next_char": QCoreApplication.translate("TrainingDock", "Next-character prediction"),
        "sine": QCoreApplication.translate("TrainingDock", "Sine-wave continuation"),
    }


def task_summaries() -> dict[str, str]:
    """One translated sentence per training choice."""
    return {
        CURRENT_SEQUENCE: QCoreApplication.translate(
            "TrainingDock", "Fit the network to the sequence and targets shown in the panels."),
        "adding": QCoreApplication.translate(
            "TrainingDock", "Output the sum of the two marked values at the last step."),
        "copy": QCoreApplication.translate(
            "TrainingDock", "Recall the first symbols after a delay, when the 'go' marker asks."),
        "temporal_order": QCoreApplication.translate(
            "TrainingDock", "Say in which order X and Y appeared among distractors."),
        "long_dependency": QCoreApplication.translate(
            "TrainingDock", "Answer at the last step which symbol the first step showed."),
        "next_char": QCoreApplication.translate(
            "TrainingDock", "Predict the next character of your text; then write new text."),
        "sine": QCoreApplication.translate(
            "TrainingDock", "Predict the next value of a sine wave of unknown phase and period."),
    }


class TrainingRunCommand(ReplaceDocumentCommand):
    """One training run on the undo stack: the document before it and the one after it.

    Pushed when the run's first weights arrive, before they are applied, so its first redo does
    nothing. ``before_undo`` is called first on every undo (it ends a run still going on). The
    document after the run is copied only when the run is undone: the model then holds exactly
    that document (everything pushed later is undone already), and the run never pays for a
    copy per published snapshot.
    """

    def __init__(self, model, text: str, before_undo):
        super().__init__(model, model.document, text)
        self._before_undo = before_undo
        self._pushed = False

    def redo(self) -> None:
        if self._pushed:
            super().redo()
        self._pushed = True

    def undo(self) -> None:
        self._before_undo(self)
        self._new = self._model.snapshot()
        super().undo()


class TrainingDock(QWidget):
    """Task choice, training settings, Start/Pause/Stop/Step, loss and gradient-norm curves,
    and text generation for the next-character task."""

    runStateChanged = Signal()
    """A run started, paused, resumed or ended (buttons and menu actions follow)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.model = window.model
        self.undo_stack = window.undo_stack
        self.worker: TrainingWorker | None = None
        self._stopping = False  # Stop was asked; the worker is still ending its step
        self._command: TrainingRunCommand | None = None
        self._steps_run = 0  # steps of the current run
        self._history: dict = {}  # the document's history with the run's steps shown so far
        self._unshown: list = []  # step records not yet in _history
        self._applying = False
        self._repaints = RepaintWatcher(window)
        self.setToolTip(self.tr("Train the network on a task and watch the loss and the gradient "
                                "norm; the panels follow the weights while it learns."))

        # The run's buttons, status and curves stay in sight; task, settings and text generation
        # scroll below them (a splitter between the two sets their share of the dock).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 0)
        outer.addLayout(self._build_buttons())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setToolTip(self.tr("Steps done in this session, loss, accuracy and gradient "
                                       "norm of the last training batch"))
        outer.addWidget(self.status)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_task_box())
        self.settings_box = SettingsBox(self.model, self.undo_stack)
        layout.addWidget(self.settings_box)
        self.schedule_box = ScheduleBox(self.model, self.undo_stack)
        layout.addWidget(self.schedule_box)
        self.generation = GenerationBox(self.model, self.settings_box.seed.value)
        layout.addWidget(self.generation)
        layout.addStretch(1)
        scroll = widgets.scrolling(content)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_plots())
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        outer.addWidget(self.splitter, 1)

        self.model.documentReplaced.connect(self._document_replaced)
        self.model.dataChanged.connect(self._data_changed)
        self.undo_stack.indexChanged.connect(self._stack_moved)
        self._document_replaced()
        self._show_run_state()

    def retranslate(self) -> None:
        """After a language switch: the status line, computed from the history (the other texts
        are re-set by the window's walk). A run goes on: only texts change."""
        self._show_status()
        self._show_text_note()

    # -- construction ----------------------------------------------------------------------------
    def _build_task_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Task"))
        box.setToolTip(self.tr("What the network learns. Choosing a task sets up the session: "
                               "kind, sizes, one example sequence for the panels, loss and "
                               "training settings (undoable)."))
        layout = QVBoxLayout(box)
        self.task_combo = QComboBox()
        self.task_combo.setToolTip(box.toolTip())
        for key, title in task_titles().items():
            self.task_combo.addItem(title, key)
        self.task_combo.activated.connect(lambda i: self.choose_task(self.task_combo.itemData(i)))
        layout.addWidget(self.task_combo)
        self.task_summary = QLabel()
        self.task_summary.setWordWrap(True)
        layout.addWidget(self.task_summary)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(self.tr("Type or paste the text to learn"))
        self.text_edit.setToolTip(self.tr("The text the next-character task learns from "
                                          "(its characters are the vocabulary)"))
        self.text_edit.setMaximumHeight(90)
        self.use_text_button = widgets.button(
            self.tr("Use this text"),
            self.tr("Set up the next-character task on this text (a new network; undoable)"),
            self._use_text)
        self.text_note = QLabel()
        self._long_text = 0  # the length of a text shown in part (0: shown whole)
        self.text_note.setWordWrap(True)
        layout.addWidget(self.text_edit)
        layout.addWidget(self.text_note)
        layout.addWidget(self.use_text_button)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.start_button = widgets.button(
            self.tr("Start"), self.tr("Start training (F5); resumes a paused run"), self.start)
        self.pause_button = widgets.button(
            self.tr("Pause"), self.tr("Pause after the current step (F6)"), self.pause)
        self.stop_button = widgets.button(
            self.tr("Stop"), self.tr("End the run now, keeping the weights of the last finished "
                                     "step; the whole run is one undo step (Shift+F5)"), self.stop)
        self.step_button = widgets.button(
            self.tr("Step"), self.tr("Train on exactly one batch (F10)"), self.step_once)
        for button in (self.start_button, self.pause_button, self.stop_button, self.step_button):
            row.addWidget(button)
        return row

    def _build_plots(self) -> pg.GraphicsLayoutWidget:
        self.plots = RunPlots()
        self.plots.setMinimumHeight(120)
        self.plots.setToolTip(self.tr("Loss and global gradient norm (before clipping) of every "
                                      "training batch, log scale"))
        self.loss_plot = self.plots.add_plot(self.tr("loss"))
        self.norm_plot = self.plots.add_plot(self.tr("gradient norm ‖∇L‖"))
        self.plots.set_x_label(self.tr("training step"))
        self.loss_curve = self.loss_plot.plot()
        self.val_curve = self.loss_plot.plot()  # the held-out loss, where it was measured
        self.val_curve.setZValue(5)
        self.norm_curve = self.norm_plot.plot()
        for curve in (self.loss_curve, self.norm_curve):  # long runs: about one point per pixel
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
        self._scale_pens()
        scale_source().changed.connect(self._scale_pens)
        return self.plots

    def _scale_pens(self, *_args) -> None:
        """Curve widths at the presentation scale (View ▸ Zoom In)."""
        self.loss_curve.setPen(pg.mkPen(PALETTE[0], width=scaled(1.5)))
        self.norm_curve.setPen(pg.mkPen(PALETTE[1], width=scaled(1.5)))
        self.val_curve.setPen(pg.mkPen(PALETTE[2], width=scaled(1.5)))
        self.val_curve.setSymbol("o")
        self.val_curve.setSymbolSize(scaled(5))
        self.val_curve.setSymbolBrush(PALETTE[2])
        self.val_curve.setSymbolPen(None)

    # -- settings: in the document, shown and edited by the settings box ------------------------
    def settings(self) -> dict:
        """The settings of the next run (see :meth:`SettingsBox.settings`)."""
        return self.settings_box.settings()

    def show_settings(self) -> None:
        self.settings_box.show_settings()

    # -- tasks -----------------------------------------------------------------------------------
    def choose_task(self, key: str, *, undo_text: str | None = None, refused_title: str | None = None,
                    **task_options) -> bool:
        """Set the session up for task ``key`` (or :data:`CURRENT_SEQUENCE`): one undo step (named
        ``undo_text``, else after the task). A text for a model imported with its own vocabulary
        keeps the model (:func:`model_import.with_text`). Returns False (and tells the user, under
        ``refused_title``) if it was refused."""
        self.stop()
        doc = self.model.document
        if key == CURRENT_SEQUENCE and doc.task is None:
            return True  # already training on its own sequence
        try:
            if key == CURRENT_SEQUENCE:
                new = doc.copy()
                new.task, new.history = None, {}
                new.training = default_settings(None)  # the document's truncation and clipping stay
            elif key == "next_char" and "text" in task_options and model_import.has_own_vocabulary(doc):
                new = model_import.with_text(doc, task_options["text"])  # an imported model reads it
            else:
                if key == "next_char" and "text" not in task_options:  # the text in the UI's language
                    task_options["text"] = default_text(active_language(QCoreApplication.instance()))
                new = task_document(key, seed=self.settings_box.seed.value(), **task_options)
        except ValueError as exc:
            self.window.show_error(refused_title or self.tr("Task refused"), error_text(exc))
            self._show_task()
            return False
        self.undo_stack.push(ReplaceDocumentCommand(
            self.model, new, undo_text or self.tr("Set up task: {0}").format(task_titles()[key])))
        return True

    def _use_text(self) -> None:
        self.choose_task("next_char", text=self.text_edit.toPlainText())

    def _show_task(self) -> None:
        doc = self.model.document
        key = doc.task or CURRENT_SEQUENCE
        with QSignalBlocker(self.task_combo):
            self.task_combo.setCurrentIndex(max(0, self.task_combo.findData(key)))
        self.task_summary.setText(task_summaries().get(key, ""))
        self.task_summary.setToolTip(self.task_combo.toolTip())
        is_text = key == "next_char"
        for widget in (self.text_edit, self.use_text_button, self.generation):
            widget.setVisible(is_text)
        self.text_note.setVisible(False)
        if is_text:
            options = doc.training.get("task_options")
            text = options.get("text") if isinstance(options, dict) else None
            text = text if isinstance(text, str) else DEFAULT_TEXT  # what the task trains on
            self._show_text(text)
            self.generation.follow_text(text)

    def _show_text(self, text: str) -> None:
        """``text`` in the task box: editable, or its beginning, read-only, when it is long."""
        long = len(text) > TEXT_SHOWN_UP_TO
        self.text_edit.setPlainText(text[:TEXT_SHOWN_UP_TO] if long else text)
        self.text_edit.setReadOnly(long)
        self.use_text_button.setEnabled(not long)
        self.text_note.setVisible(long)
        self._long_text = len(text) if long else 0
        self._show_text_note()

    def _show_text_note(self) -> None:
        if self._long_text:
            self.text_note.setText(self.tr(
                "The first {0} of {1} characters: the task learns all of them. File ▸ Open Data… "
                "opens another text.").format(f"{TEXT_SHOWN_UP_TO:,}", f"{self._long_text:,}"))

    # -- following the model ---------------------------------------------------------------------
    def _document_replaced(self) -> None:
        if self._applying:
            return
        if self.worker is not None:
            self._end_run(keep_results=False)
        self._show_task()
        self.show_settings()
        self._show_history()

    def _data_changed(self, what: str) -> None:
        if what == "history":
            self._show_history()
        elif what in ("bptt", "training"):
            self.show_settings()
        elif self.worker is not None and not self._applying:
            self._end_run(keep_results=False)  # someone else edited the numbers: the run ends here

    def _stack_moved(self, index: int) -> None:
        if self.worker is not None and (self._command is None or self.undo_stack.command(index - 1)
                                        is not self._command):
            self._end_run(keep_results=False)

    def _show_history(self) -> None:
        history = self.model.document.history
        steps = np.asarray(history.get("step", ()), dtype=float)
        for curve, key in ((self.loss_curve, "loss"), (self.norm_curve, "grad_norm"),
                           (self.val_curve, "val_loss")):
            values = np.asarray(history.get(key, ()), dtype=float)
            if values.shape != steps.shape:
                values = np.zeros(0)
            set_positive(curve, steps if values.size else steps[:0], values)  # NaN: not measured
        validated = self.val_curve.getOriginalDataset()[0]
        self.loss_plot.setTitle(self.tr("loss: training, ● validation") if validated is not None and len(validated)
                                else self.tr("loss"), size="9pt")
        fit_decades(self.loss_plot, [self.loss_curve, self.val_curve])
        fit_decades(self.norm_plot, [self.norm_curve])
        fit_steps(self.loss_plot, steps[-1] if steps.size else 0)  # the norm plot follows
        self._show_status()

    def _show_status(self) -> None:
        """The status line: run state and the numbers of the last training batch."""
        history = self.model.document.history
        state = (self.tr("idle") if self.worker is None
                 else self.tr("stopping…") if self._stopping
                 else self.tr("paused") if self.worker.is_paused else self.tr("training"))
        if len(history.get("loss", ())) and len(history.get("step", ())) == len(history["loss"]):
            text = self.tr("{0} · step {1} · loss {2} · accuracy {3} % · ‖∇L‖ {4}").format(
                state, int(history["step"][-1]), f"{history['loss'][-1]:.4g}",
                f"{100 * history['accuracy'][-1]:.0f}", f"{history['grad_norm'][-1]:.3g}")
            validation = np.asarray(history.get("val_loss", ()), dtype=float)
            measured = np.flatnonzero(np.isfinite(validation)) if validation.shape == history["loss"].shape else []
            if len(measured):
                text += self.tr(" · validation loss {0} (step {1})").format(
                    f"{validation[measured[-1]]:.4g}", int(history["step"][measured[-1]]))
            self.status.setText(text)
        else:
            self.status.setText(self.tr("{0} · not trained yet").format(state))

    def _show_run_state(self) -> None:
        """Buttons, settings and task choice as the run state allows (idle, training, paused)."""
        self._show_status()
        running = self.worker is not None and not self.worker.is_paused
        idle = self.worker is None
        stopping = self._stopping  # nothing to do but wait for the worker to end
        self.start_button.setText(self.tr("Start") if idle else self.tr("Resume"))
        self.start_button.setEnabled(not running and not stopping)
        self.pause_button.setEnabled(running and not stopping)
        self.stop_button.setEnabled(not idle and not stopping)
        self.step_button.setEnabled(not running and not stopping)
        self.task_combo.setEnabled(idle)
        self.use_text_button.setEnabled(idle)
        self.settings_box.set_idle(idle)
        self.schedule_box.setEnabled(idle)
        self.runStateChanged.emit()

    # -- the run ---------------------------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        """A run is going on (training or paused)."""
        return self.worker is not None

    def start(self) -> None:
        """Start a run, or resume the paused one."""
        if self._stopping:
            return
        if self.worker is not None:
            self.worker.resume()
            self._show_run_state()
        else:
            self._begin(self.settings()["steps"])

    def pause(self) -> None:
        if self.worker is not None and not self._stopping:
            self.worker.pause()
            self._show_run_state()

    def step_once(self) -> None:
        """Train exactly one batch: within a paused run, or as a run of its own."""
        if self._stopping:
            return
        if self.worker is not None:
            self.worker.request_step()
        else:
            self._begin(1)

    def stop(self) -> None:
        """End the run now: a step in progress is cut short, the model keeps the weights of the
        last finished step. If the worker has not ended within STOP_WAIT_MS, the dock says
        "stopping…" and the run ends when it has (see the module docstring)."""
        worker = self.worker
        if worker is None or self._stopping:
            return
        worker.stop()
        if worker.wait(STOP_WAIT_MS):
            self._end_run(keep_results=True)
        else:
            self._stopping = True
            self._show_run_state()

    def _begin(self, steps: int) -> None:
        self.model.settle()  # train from the weights the panels show (issue 14)
        doc = self.model.document
        settings = self.settings()
        try:
            trainer = trainer_for(doc, settings)
        except ValueError as exc:
            self.window.show_error(self.tr("Cannot train"), error_text(exc))
            return
        self._steps_run, self._history, self._unshown, self._command = 0, dict(doc.history), [], None
        self.worker = TrainingWorker({MAIN: trainer}, steps)
        self.worker.ready.connect(self._collect)
        self.worker.finished.connect(self._worker_finished)
        threads.start(self.worker)
        self.model.set_training(True)
        self._show_run_state()

    def _collect(self) -> None:
        """Apply what the worker published (GUI thread)."""
        worker = self.sender()
        if worker is not self.worker or worker is None:
            return
        self._apply(worker.take())
        if worker is self.worker:
            self._repaints.acknowledge_when_drawn(worker)

    def _apply(self, results) -> None:
        new_records = results.records[MAIN]
        self._steps_run += len(new_records)
        self._unshown.extend(new_records)
        if results.weights and self._steps_run:
            if self._command is None:
                self._command = TrainingRunCommand(self.model, self.tr("Training"), self._undo_during_run)
                self.undo_stack.push(self._command)
            parameters, readout = results.weights[MAIN]
            self._applying = True
            try:
                with self.model.changes():
                    self.model.set_parameters(parameters)
                    self.model.set_readout_parameters(readout)
                # only the new steps are converted: a long run costs no more per snapshot
                self._history, self._unshown = history_with(self._history, self._unshown), []
                self.model.set_history(self._history)
            except ValueError as exc:
                results.error = error_text(exc)
                results.finished = True
            finally:
                self._applying = False
            self._command.setText(self.tr("Train %n step(s)", None, self._steps_run))
        if results.error:
            self.window.show_error(self.tr("Training stopped"), results.error)
        if results.finished:
            self._end_run(keep_results=True)
        else:
            self._show_status()

    def _worker_finished(self) -> None:
        if self.sender() is self.worker:
            self._end_run(keep_results=True)

    def _end_run(self, keep_results: bool) -> None:
        """End the run now. ``keep_results`` (only once the worker has published its last
        results): apply them. Otherwise a worker still in a step ends in the background and
        what it publishes is dropped. Never waits for the thread, never deletes it."""
        worker, self.worker = self.worker, None
        self._stopping = False
        if worker is None:
            return
        worker.ready.disconnect(self._collect)
        worker.finished.disconnect(self._worker_finished)
        worker.stop()  # nothing happens if it has ended already
        if keep_results:
            self.worker = worker  # so that _apply accepts the results
            results = worker.take()
            results.finished = False
            self._apply(results)
            self.worker = None
            if self._steps_run:  # the weights of its lowest validation loss, if it measured one
                self.schedule_box.offer_best(worker.trainers[MAIN].best)
        self._command = None
        self.model.set_training(False)
        self._show_run_state()
        if keep_results and self._steps_run and self.model.document.task == "next_char":
            self.generation.generate()

    def _undo_during_run(self, command) -> None:
        if command is self._command:
            self._end_run(keep_results=False)

    def shutdown(self) -> None:
        """End any run at once (the window closes): a worker that does not end within
        STOP_WAIT_MS ends in the background, what it would still publish dropped."""
        self.stop()
        if self.worker is not None:
            self._end_run(keep_results=False)
