"""The network toolbar: kind and sizes of the network (each change one undoable ConfigCommand;
switching back to a kind gives back its weights, see ``document.reconfigured``) and which layer /
direction the panels show.

Controls follow the model (``documentReplaced``/``structureChanged``/``selectionChanged``) with
their signals blocked, so showing the model's value never issues a command.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QSpinBox, QToolBar, QWidget

from lstm_studio.app.editors.commands import ConfigCommand
from lstm_studio.app.i18n import error_text

SPIN_MAXIMUM = 999_999
"""Spin boxes accept more than the document's limits so that a refusal can say why."""


class ConfigToolbar(QToolBar):
    """Kind, sizes, bidirectional, and the layer / direction selectors of ``window.model``."""

    def __init__(self, window, shortcut_pass_through=None):
        super().__init__(window)
        self.setObjectName("network_toolbar")
        self.setWindowTitle(self.tr("Network"))
        self.main_window = window
        self.model = window.model

        self.kind = QComboBox()
        for kind, name in self.kind_names().items():
            self.kind.addItem(name, kind)
        self.kind.setToolTip(self.tr("Kind of recurrent network. Switching back to a kind gives back "
                                     "the weights it had in this session."))
        self.kind.currentIndexChanged.connect(lambda: self._request(kind=self.kind.currentData()))
        self._add_labelled(self.tr("Network"), self.kind)

        self.sizes: dict[str, QSpinBox] = {}
        for name, label, tip in self.size_fields():
            spin = QSpinBox()
            spin.setRange(1, SPIN_MAXIMUM)
            spin.setKeyboardTracking(False)
            spin.setToolTip(tip)
            spin.valueChanged.connect(lambda value, name=name: self._request(**{name: value}))
            self.sizes[name] = spin
            self._add_labelled(label, spin)

        self.bidirectional = QCheckBox(self.tr("Bidirectional"))
        self.bidirectional.setToolTip(self.tr("Run a second, reverse-time direction in every layer"))
        self.bidirectional.toggled.connect(lambda on: self._request(bidirectional=on))
        self.addWidget(self.bidirectional)

        self.addSeparator()
        self.layer = QSpinBox()
        self.layer.setToolTip(self.tr("Layer shown in the panels (1 = closest to the input)"))
        self.layer.valueChanged.connect(lambda value: self.model.set_selection(layer=value - 1))
        self._add_labelled(self.tr("Show layer"), self.layer)
        self.direction = QComboBox()
        self.direction.addItem(self.tr("forward →"), 0)
        self.direction.addItem(self.tr("reverse ←"), 1)
        self.direction.setToolTip(self.tr("Direction shown in the panels (bidirectional networks)"))
        self.direction.currentIndexChanged.connect(
            lambda: self.model.set_selection(direction=self.direction.currentData()))
        self.addWidget(self.direction)

        if shortcut_pass_through is not None:
            for spin in (*self.sizes.values(), self.layer):
                shortcut_pass_through.watch(spin)

        self.model.documentReplaced.connect(self.sync)
        self.model.structureChanged.connect(self.sync)
        self.model.selectionChanged.connect(self.sync)
        self.sync()

    def _add_labelled(self, label: str, widget: QWidget) -> None:
        caption = QLabel(" " + label + " ")
        caption.setToolTip(widget.toolTip())
        self.addWidget(caption)
        self.addWidget(widget)

    # -- names shown to the user ------------------------------------------------------------
    def kind_names(self) -> dict[str, str]:
        """Network kind -> name shown to the user."""
        return {
            "rnn_tanh": self.tr("RNN (tanh)"),
            "rnn_relu": self.tr("RNN (ReLU)"),
            "lstm": self.tr("LSTM"),
            "gru": self.tr("GRU"),
            "peephole_lstm": self.tr("Peephole LSTM"),
            "lstm_nofg": self.tr("LSTM without forget gate (1997)"),
        }


    def setting_names(self) -> dict[str, str]:
        """Setting -> name used in undo texts ("Hidden size: 16")."""
        return {
            "kind": self.tr("Network kind"),
            "input_size": self.tr("Input size"),
            "hidden_size": self.tr("Hidden size"),
            "num_layers": self.tr("Layers"),
            "seq_len": self.tr("Sequence length"),
            "output_size": self.tr("Output size"),
            "bidirectional": self.tr("Bidirectional"),
        }


    def size_fields(self) -> list[tuple[str, str, str]]:
        """(setting, label, tooltip) of each size spin box, in toolbar order."""
        return [
            ("input_size", self.tr("Inputs"),
             self.tr("Input size I: channels of the input sequence x_t")),
            ("hidden_size", self.tr("Hidden"),
             self.tr("Hidden size H: units per layer (and direction)")),
            ("num_layers", self.tr("Layers"), self.tr("Number of stacked recurrent layers")),
            ("seq_len", self.tr("Steps"), self.tr("Sequence length T: number of time steps")),
            ("output_size", self.tr("Outputs"),
             self.tr("Output size O of the linear read-out (the prediction) ŷ_t = W h_t + b")),
        ]

    # -- user -> model -----------------------------------------------------------------------
    def _request(self, **changes) -> None:
        """Push one ConfigCommand, or show why the change is refused and show the model again."""
        config = self.model.config
        if all(getattr(config, name) == value for name, value in changes.items()):
            return
        (name, value), = changes.items()
        shown = self.kind_names()[value] if name == "kind" else value
        text = self.tr("{0}: {1}").format(self.setting_names()[name], shown)
        try:
            command = ConfigCommand(self.model, text, **changes)
        except ValueError as error:
            self.sync()
            self.main_window.show_error(self.tr("Network not changed"), error_text(error))
            return
        self.main_window.undo_stack.push(command)

    # -- model -> controls -------------------------------------------------------------------
    def sync(self) -> None:
        """Show the model's configuration and selection without issuing commands."""
        config, view = self.model.config, self.model.view
        with QSignalBlocker(self.kind):
            self.kind.setCurrentIndex(self.kind.findData(config.kind))
        for name, spin in self.sizes.items():
            with QSignalBlocker(spin):
                spin.setValue(getattr(config, name))
        with QSignalBlocker(self.bidirectional):
            self.bidirectional.setChecked(config.bidirectional)
        with QSignalBlocker(self.layer):
            self.layer.setRange(1, config.num_layers)
            self.layer.setValue(view.layer + 1)
        self.layer.setEnabled(config.num_layers > 1)
        with QSignalBlocker(self.direction):
            self.direction.setCurrentIndex(view.direction)
        self.direction.setEnabled(config.bidirectional)
