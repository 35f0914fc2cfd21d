"""The Training dock's "Schedule and validation" box (issue 16): the learning-rate schedule, the
part of the data held out for a validation loss, reading a text in order with the state carried
from batch to batch, and — after a run that measured a validation loss — the weights of the
best one.

Like every training setting, these live in ``document.training`` only: the box shows them and
each edit is one undoable edit of the document (:mod:`lstm_studio.engine.training_data` and
:mod:`lstm_studio.engine.schedules` say what they do)."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton

from lstm_studio.app import widgets
from lstm_studio.app.editors.commands import ModelSettingCommand, ReplaceDocumentCommand
from lstm_studio.session.experiments import settings_of

PERCENT_LIMIT = 50
"""At most this share of the data may be held out (the rest trains)."""


class ScheduleBox(QGroupBox):
    """Schedule, held-out share and order of reading of the next run; the best weights of the last."""

    def __init__(self, model, undo_stack, parent=None):
        super().__init__(parent)
        self.model, self.undo_stack = model, undo_stack
        self.best = None  # (step, validation loss, flat parameters) of the last run
        self._showing = False
        self.setTitle(self.tr("Schedule and validation"))
        self.setToolTip(self.tr("How the learning rate changes over a run, which part of the data "
                                "is held out to measure a validation loss, and whether a text is "
                                "read in order"))
        form = QFormLayout(self)
        self.schedule = QComboBox()
        self.schedule.addItem(self.tr("constant"), "constant")
        self.schedule.addItem(self.tr("step decay"), "step")
        self.schedule.addItem(self.tr("cosine, restarting"), "cosine")
        self.schedule.setToolTip(self.tr(
            "Learning-rate schedule (as PyTorch's StepLR and CosineAnnealingWarmRestarts): step "
            "decay multiplies the rate by the decay every period; cosine lowers it towards 0 over "
            "each period and starts again"))
        self.period = widgets.spin_box(1, 10**6, self.tr("Steps per period of the schedule"))
        self.decay = widgets.double_spin_box(0.01, 0.99, 2, 0.05, self.tr("Factor of each step decay"))
        schedule = QHBoxLayout()
        schedule.addWidget(self.schedule, 1)
        schedule.addWidget(self.period)
        schedule.addWidget(self.decay)
        self.validation = widgets.spin_box(0, PERCENT_LIMIT, self.tr(
            "Share of the data never trained on: the end of a text, or a fixed set of sequences of "
            "a generated task (0 = no validation)"))
        self.validation.setSuffix(" %")
        self.validation.setSpecialValueText(self.tr("off"))
        self.validate_every = widgets.spin_box(1, 10**6, self.tr("Measure the validation loss every this many steps"))
        validation = QHBoxLayout()
        validation.addWidget(self.validation, 1)
        validation.addWidget(QLabel(self.tr("every")))
        validation.addWidget(self.validate_every, 1)
        self.stateful = QCheckBox(self.tr("Read the text in order"))
        self.stateful.setToolTip(self.tr(
            "Cut the text into one stream per batch row and train on consecutive chunks, each "
            "starting from the state the previous chunk ended in (as char-rnn trains); the "
            "gradient still stops at each chunk's start (truncated BPTT)"))
        self.best_button = QPushButton()
        self.best_button.setToolTip(self.tr("Load the weights the last run had at its lowest "
                                            "validation loss (undoable)"))
        self.best_button.clicked.connect(self.use_best)
        self.best_button.hide()
        form.addRow(self.tr("Schedule"), schedule)
        form.addRow(self.tr("Hold out"), validation)
        form.addRow(self.stateful)
        form.addRow(self.best_button)
        self.schedule.currentIndexChanged.connect(lambda: self._edit("schedule", self.schedule.currentData()))
        self.period.valueChanged.connect(lambda value: self._edit("schedule_period", value))
        self.decay.valueChanged.connect(lambda value: self._edit("decay", value))
        self.validation.valueChanged.connect(lambda value: self._edit("validation", value / 100))
        self.validate_every.valueChanged.connect(lambda value: self._edit("validate_every", value))
        self.stateful.toggled.connect(lambda on: self._edit("stateful", bool(on)))
        model.documentReplaced.connect(self.show_settings)
        model.dataChanged.connect(self._data_changed)  # a method, not a lambda: the model's
        self.show_settings()  # connection must not keep this box (and its window) alive

    def _data_changed(self, what: str) -> None:
        if what in ("training", "config"):
            self.show_settings()

    def show_settings(self) -> None:
        """Fill the controls from the document."""
        settings = settings_of(self.model.document.training)
        self._showing = True
        try:
            self.schedule.setCurrentIndex(max(0, self.schedule.findData(settings["schedule"])))
            self.period.setValue(settings["schedule_period"])
            self.decay.setValue(settings["decay"])
            self.validation.setValue(round(100 * settings["validation"]))
            self.validate_every.setValue(settings["validate_every"])
            self.stateful.setChecked(settings["stateful"])
        finally:
            self._showing = False
        self._enable()

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - Qt's name
        super().setEnabled(enabled)
        self._enable()

    def _enable(self) -> None:
        """Only the controls that apply: the period with a schedule, the decay with step decay,
        a held-out part with a task (its own one sequence has nothing to hold out), its interval,
        reading in order with a text and one direction. A setting a file made stays enabled, so
        that it can be switched off."""
        schedule = self.schedule.currentData()
        self.period.setEnabled(schedule != "constant")
        self.decay.setEnabled(schedule == "step")
        document = self.model.document
        self.validation.setEnabled(document.task is not None or self.validation.value() > 0)
        self.validate_every.setEnabled(self.validation.value() > 0)
        readable = document.task == "next_char" and not document.config.bidirectional
        self.stateful.setEnabled(readable or self.stateful.isChecked())  # a file's choice can be undone

    def _edit(self, key: str, value) -> None:
        """A control was changed by the user: one undoable edit of ``document.training``."""
        self._enable()
        if self._showing:
            return
        training = self.model.document.training
        if key in training and settings_of(training)[key] == value:
            return
        label = {"schedule": self.tr("Schedule"), "schedule_period": self.tr("Schedule period"),
                 "decay": self.tr("Decay"), "validation": self.tr("Hold out"),
                 "validate_every": self.tr("Validate every"),
                 "stateful": self.tr("Read the text in order")}[key]
        if key == "schedule":
            shown = self.schedule.currentText()
        elif key == "validation":
            shown = self.validation.text()
        elif key == "stateful":
            shown = self.tr("on") if value else self.tr("off")
        else:
            shown = f"{value:g}"
        self.undo_stack.push(ModelSettingCommand(
            self.tr("{0}: {1}").format(label, shown), self.model.set_training_dict,
            copy.deepcopy(training), {**copy.deepcopy(training), key: value}, merge_key=("training", key)))

    # -- the best weights of the last run ------------------------------------------------------------
    def offer_best(self, best) -> None:
        """After a run: offer the weights of its lowest validation loss (None: hide the offer)."""
        self.best = best
        if best is None:
            self.best_button.hide()
            return
        step, loss, _ = best
        self.best_button.setText(self.tr("Use the best weights (step {0}, validation loss {1})").format(
            step, f"{loss:.4g}"))
        self.best_button.show()

    def use_best(self) -> None:
        """Load the offered weights into the document (one undo step)."""
        if self.best is None:
            return
        step, _, flat = self.best
        document = self.model.document.copy()
        network = {name[len("network."):]: value.copy() for name, value in flat.items() if name.startswith("network.")}
        readout = {name[len("readout."):]: value.copy() for name, value in flat.items() if name.startswith("readout.")}
        if {k: v.shape for k, v in network.items()} != {k: v.shape for k, v in document.parameters.items()}:
            self.offer_best(None)  # the network changed since: they no longer fit
            return
        document.parameters, document.readout = network, readout
        self.undo_stack.push(ReplaceDocumentCommand(self.model, document,
                                                    self.tr("Best weights of step {0}").format(step)))
        self.offer_best(None)
