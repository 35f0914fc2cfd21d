"""The network toolbar: kind and sizes of the network (each change one undoable ConfigCommand;
switching back to a kind gives back its weights, see ``document.reconfigured``). Which layer and
direction the panels show is chosen in each panel's header (shown when there is a choice).

Controls follow the model (``documentReplaced``/``structureChanged``) with
their signals blocked, so showing the model's value never issues a command.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QSpinBox, QToolBar, QWidget

from lstm_studio.app.editors.commands import ConfigCommand
from lstm_studio.app.i18n import error_text, filled_in
from lstm_studio.app.widgets import NarrowSpinBox
from lstm_studio.engine.refusal import CONTEXT
from lstm_studio.session.document import slow_notice

SPIN_MAXIMUM = 999_999
"""Spin boxes accept more than the document's limits so that a refusal can say why."""


class ConfigToolbar(QToolBar):
    """Kind, sizes and bidirectional of ``window.model``."""

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
        self.kind.setAccessibleName(self.tr("Network"))
        # 12 characters: "Peephole LSTM" still fits; the longest name is in the list, and its tool tip
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(12)
        self.addWidget(self.kind)  # no caption: the kinds' names say what the box chooses

        self.sizes: dict[str, QSpinBox] = {}
        for name, label, tip in self.size_fields():
            spin = NarrowSpinBox(digits=2 if name == "num_layers" else 4)  # layers: a few
            spin.setRange(0 if name == "embedding_size" else 1, SPIN_MAXIMUM)
            spin.setKeyboardTracking(False)
            spin.setToolTip(tip)
            spin.valueChanged.connect(lambda value, name=name: self._request(**{name: value}))
            self.sizes[name] = spin
            self._add_labelled(label, spin)

        self.bidirectional = QCheckBox(self.tr("Bidirectional"))
        self.bidirectional.setToolTip(self.tr("Run a second, reverse-time direction in every layer"))
        self.bidirectional.toggled.connect(lambda on: self._request(bidirectional=on))
        self.addWidget(self.bidirectional)

        if shortcut_pass_through is not None:
            for spin in self.sizes.values():
                shortcut_pass_through.watch(spin)

        self.model.documentReplaced.connect(self.sync)
        self.model.structureChanged.connect(self.sync)
        self.sync()

    def _add_labelled(self, label: str, widget: QWidget) -> tuple:
        """Add ``label`` and ``widget``; their toolbar actions (to show or hide both)."""
        caption = QLabel(label)
        caption.setContentsMargins(4, 0, 2, 0)  # apart from the box before it, close to its own
        caption.setToolTip(widget.toolTip())
        return self.addWidget(caption), self.addWidget(widget)

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
            "embedding_size": self.tr("Embedding size"),
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
            ("embedding_size", self.tr("Embedding"),
             self.tr("Embedding size E: the first layer reads x_t E, the input times an I × E embedding "
                     "matrix (for one-hot characters, one row of E each); 0: no embedding, it reads x_t")),
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
        notice = slow_notice(replace(config, **changes))  # a recompute of more than a second
        if notice is not None:
            self.main_window.show_status(filled_in(CONTEXT, notice.template, notice.values), 10_000)
        self.main_window.undo_stack.push(command)

    # -- model -> controls -------------------------------------------------------------------
    def sync(self) -> None:
        """Show the model's configuration without issuing commands."""
        config = self.model.config
        with QSignalBlocker(self.kind):
            self.kind.setCurrentIndex(self.kind.findData(config.kind))
        for name, spin in self.sizes.items():
            with QSignalBlocker(spin):
                spin.setValue(getattr(config, name))
        with QSignalBlocker(self.bidirectional):
            self.bidirectional.setChecked(config.bidirectional)
