"""The Training dock's "Settings" box: optimiser, learning rate, momentum, batch size, clipping,
truncation, seed and steps of the next run.

The document holds every setting: the training settings in ``document.training``, truncation and
clipping in ``document.bptt`` (what the panels compute with). The controls show them, and every
edit of a control is an undoable edit of the document (edits of one control merge)."""

from __future__ import annotations

import copy
import dataclasses

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from lstm_studio.app import widgets
from lstm_studio.app.editors.commands import ModelSettingCommand
from lstm_studio.session.experiments import run_settings, settings_of


class SettingsBox(QGroupBox):
    """The hyper-parameters of the next run, shown from and edited into the document."""

    def __init__(self, model, undo_stack, parent=None):
        super().__init__(parent)
        self.model, self.undo_stack = model, undo_stack
        self.idle = True
        self.setTitle(self.tr("Settings"))
        self.setToolTip(self.tr("Hyper-parameters of the next training run"))
        form = QFormLayout(self)
        self.optimizer = QComboBox()
        self.optimizer.addItem(self.tr("Adam"), "adam")
        self.optimizer.addItem(self.tr("SGD with momentum"), "sgd")
        self.optimizer.setToolTip(self.tr("Adam adapts the step size of every weight; SGD moves "
                                          "against the gradient, with momentum if set"))
        self.optimizer.currentIndexChanged.connect(self._optimizer_changed)
        self.settings_note = QLabel()  # what became of a learning rate out of range
        self.settings_note.setWordWrap(True)
        self.settings_note.hide()
        self.lr = widgets.double_spin_box(1e-5, 10.0, 5, 0.001, self.tr("Learning rate: the size of each step"),
                                          bounded=True)
        self.lr.outOfRange.connect(self._lr_refused)
        self.lr.valueChanged.connect(self.settings_note.hide)
        self.momentum = widgets.double_spin_box(0.0, 0.99, 2, 0.05, self.tr("Momentum of SGD (0 = plain gradient descent)"))
        self.batch_size = widgets.spin_box(1, 1024, self.tr("Sequences per training step"))
        self.clip_mode = QComboBox()
        self.clip_mode.addItem(self.tr("off"), None)
        self.clip_mode.addItem(self.tr("by norm"), "clip_norm")
        self.clip_mode.addItem(self.tr("by value"), "clip_value")
        self.clip_mode.setToolTip(self.tr("Gradient clipping: scale the whole gradient down to a "
                                          "maximum norm, or cut every entry to ±value"))
        self.clip_mode.currentIndexChanged.connect(self._clip_mode_changed)
        self.clip_threshold = widgets.double_spin_box(1e-4, 1e4, 4, 0.5, self.tr("Clipping threshold"))
        clip = QHBoxLayout()
        clip.addWidget(self.clip_mode)
        clip.addWidget(self.clip_threshold)
        self.truncate = widgets.spin_box(0, 2000, self.tr("Truncated BPTT: gradients flow back at most "
                                                   "this many steps (off = the whole sequence)"))
        self.truncate.setSpecialValueText(self.tr("off"))
        self.seed = widgets.spin_box(0, 2**31 - 1, self.tr("Seed of the training batches: the same seed "
                                                    "gives the same run"))
        self.steps = widgets.spin_box(1, 2**31 - 1, self.tr("Number of training steps of a run"))
        self._showing_settings = False
        # every control edits the document (one undo step; steps of one control merge)
        self.optimizer.currentIndexChanged.connect(lambda: self._edit_training("optimizer"))
        for key in ("lr", "momentum", "batch_size", "seed", "steps"):
            getattr(self, key).valueChanged.connect(lambda _value, key=key: self._edit_training(key))
        self.clip_mode.currentIndexChanged.connect(self._edit_clip_mode)
        self.clip_threshold.valueChanged.connect(self._edit_clip_threshold)
        self.truncate.valueChanged.connect(self._edit_truncate)
        form.addRow(self.tr("Optimiser"), self.optimizer)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.tr("Momentum"), self.momentum)
        form.addRow(self.tr("Batch size"), self.batch_size)
        form.addRow(self.tr("Clipping"), clip)
        form.addRow(self.tr("Truncate BPTT"), self.truncate)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Steps"), self.steps)
        form.addRow(self.settings_note)

    def set_idle(self, idle: bool) -> None:
        """Editable only between runs (a run trains with the settings it started with)."""
        self.idle = idle
        for widget in self.findChildren(QWidget):
            widget.setEnabled(idle)
        self._optimizer_changed()
        self._clip_mode_changed()

    def settings(self) -> dict:
        """The settings of the next run (the keys of ``experiments.SETTING_KEYS``): the document's
        (:func:`run_settings`), but a learning rate the dock cannot show is the one it shows."""
        settings = run_settings(self.model.document)
        if not self.lr.minimum() <= settings["lr"] <= self.lr.maximum():
            settings["lr"] = self.lr.value()
        return settings

    def show_settings(self) -> None:
        """Fill the controls from the document's settings (its training settings and BPTT)."""
        settings = run_settings(self.model.document)
        self.settings_note.hide()
        self._showing_settings = True
        try:
            self._fill_settings(settings)
        finally:
            self._showing_settings = False
        lr = settings["lr"]
        if not self.lr.minimum() <= lr <= self.lr.maximum():
            self._note(self.tr("This session's learning rate {0:g} lies outside {1:g} … {2:g}: the dock "
                               "uses {3:g} instead.").format(lr, self.lr.minimum(),
                                                             self.lr.maximum(), self.lr.value()))
        if settings["clip_norm"] and settings["clip_value"]:
            self._note(self.tr("This session clips by norm {0:g} and then by value {1:g}: the dock shows "
                               "the norm only, the panels and training use both.").format(
                settings["clip_norm"], settings["clip_value"]))
        threshold = settings["clip_norm"] or settings["clip_value"]
        if threshold and not self.clip_threshold.minimum() <= threshold <= self.clip_threshold.maximum():
            self._note(self.tr("This session's clipping threshold {0:g} lies outside {1:g} … {2:g}: the dock "
                               "shows {3:g}, the panels and training use {0:g}.").format(
                threshold, self.clip_threshold.minimum(), self.clip_threshold.maximum(),
                self.clip_threshold.value()))

    def _lr_refused(self, number: float) -> None:
        self._note(self.tr("Learning rate {0:g} refused: it must lie between {1:g} and {2:g}. It stays "
                           "{3:g}.").format(number, self.lr.minimum(), self.lr.maximum(), self.lr.value()))

    def _note(self, text: str) -> None:
        self.settings_note.setText("⚠ " + text)
        self.settings_note.show()

    def _fill_settings(self, settings: dict) -> None:
        self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(settings["optimizer"])))
        self.lr.setValue(settings["lr"])
        self.momentum.setValue(settings["momentum"])
        self.batch_size.setValue(settings["batch_size"])
        clip = "clip_norm" if settings["clip_norm"] else "clip_value" if settings["clip_value"] else None
        self.clip_mode.setCurrentIndex(self.clip_mode.findData(clip))
        if clip:  # with clipping off the threshold stays as it was: the one "by norm" would take
            self.clip_threshold.setValue(settings[clip])
        self.truncate.setValue(settings["truncate"] or 0)
        self.seed.setValue(settings["seed"])
        self.steps.setValue(settings["steps"])
        self._optimizer_changed()
        self._clip_mode_changed()

    def _edit_training(self, key: str) -> None:
        """A training-setting control was changed by the user: one undoable edit of the document
        (consecutive edits of the same control merge)."""
        if self._showing_settings:
            return
        widget = getattr(self, key)
        value = widget.currentData() if key == "optimizer" else widget.value()
        training = self.model.document.training
        if settings_of(training)[key] == value and key in training:
            return
        model = self.model
        label = self.layout().labelForField(widget).text()
        shown = widget.currentText() if key == "optimizer" else widget.text()
        self.undo_stack.push(ModelSettingCommand(
            self.tr("{0}: {1}").format(label, shown), model.set_training_dict,
            copy.deepcopy(training), {**copy.deepcopy(training), key: value},
            merge_key=("training", key)))

    def _edit_bptt(self, text: str, merge_key, **changes) -> None:
        if self._showing_settings:
            return
        old = dataclasses.asdict(self.model.document.bptt)
        new = {**old, **changes}
        if new != old:
            self.undo_stack.push(ModelSettingCommand(
                text, lambda values: self.model.set_bptt(**values), old, new, merge_key=merge_key))

    def _edit_truncate(self) -> None:
        self._edit_bptt(self.tr("Truncate BPTT: {0}").format(self.truncate.text()), ("bptt", "truncate"),
                        truncate=self.truncate.value() or None)

    def _edit_clip_mode(self) -> None:
        self._clip_mode_changed()
        mode, threshold = self.clip_mode.currentData(), self.clip_threshold.value()
        text = self.clip_mode.currentText() if mode is None else f"{self.clip_mode.currentText()} {threshold:g}"
        self._edit_bptt(self.tr("Clipping: {0}").format(text), None,
                        clip_norm=threshold if mode == "clip_norm" else None,
                        clip_value=threshold if mode == "clip_value" else None)

    def _edit_clip_threshold(self) -> None:
        mode = self.clip_mode.currentData()
        if mode is not None:
            self._edit_bptt(self.tr("Clipping: {0}").format(
                f"{self.clip_mode.currentText()} {self.clip_threshold.value():g}"), ("bptt", "clip_threshold"),
                **{mode: self.clip_threshold.value()})

    def _optimizer_changed(self) -> None:
        self.momentum.setEnabled(self.optimizer.currentData() == "sgd" and self.idle)

    def _clip_mode_changed(self) -> None:
        self.clip_threshold.setEnabled(self.clip_mode.currentData() is not None and self.idle)
