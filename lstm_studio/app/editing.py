"""Live editing with undo/redo: the editor docks (inputs, targets, weights, initial states), the
undo history, and the Edit menu (Undo, Redo, History).

``install(window)`` is called by the main window's constructor; the installed objects stay
reachable as ``window.editing`` (an :class:`Editing`).

Editors rebuild on the model's ``structureChanged`` (which also follows every
``documentReplaced``) and refresh their numbers on ``dataChanged``; they push commands only for
the user's own edits, never while following the model.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QUndoView

from lstm_studio.app.sequence_editor import SequenceEditor
from lstm_studio.app.state_editor import StateEditor
from lstm_studio.app.weight_editor import WeightEditor

Area = Qt.DockWidgetArea


class Editing(QObject):
    """The editors, the history view and the Edit-menu actions of one main window."""

    def __init__(self, window):
        super().__init__(window)
        model, stack = window.model, window.undo_stack
        self.window = window
        self.inputs = SequenceEditor(model, stack, "inputs")
        self.targets = SequenceEditor(model, stack, "targets")
        self.weights = WeightEditor(model, stack)
        self.states = StateEditor(model, stack)
        self.history = QUndoView(stack)
        self.history.setEmptyLabel(self.tr("<start>"))
        self.history.setToolTip(self.tr("Every edit so far: click an entry to go back (or forward) to it."))

        for key, title, widget in (
            ("inputs_editor", self.tr("Inputs"), self.inputs),
            ("targets_editor", self.tr("Targets and loss"), self.targets),
            ("weights_editor", self.tr("Weights"), self.weights),
            ("initial_state_editor", self.tr("Initial state"), self.states),
            ("undo_history", self.tr("History"), self.history),
        ):
            window.add_dock(key, title, widget, Area.RightDockWidgetArea)
        self.inputs.errorOccurred.connect(lambda m: window.show_error(self.tr("Input refused"), m))
        self.targets.errorOccurred.connect(lambda m: window.show_error(self.tr("Target refused"), m))
        self.weights.errorOccurred.connect(lambda m: window.show_error(self.tr("Weight edit refused"), m))
        self.states.errorOccurred.connect(lambda m: window.show_error(self.tr("Initial state refused"), m))

        menu = window.menu("Edit")
        menu.setToolTipsVisible(True)
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.undo_action.setToolTip(self.tr("Undo the last edit (Ctrl+Z)."))
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setToolTip(self.tr("Redo the edit undone last (Ctrl+Shift+Z or Ctrl+Y)."))
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            window.addAction(action)
            menu.addAction(action)
        self.history_action = window.docks["undo_history"].toggleViewAction()
        self.history_action.setText(self.tr("&History"))
        self.history_action.setToolTip(self.tr("Show or hide the list of edits."))
        menu.addAction(self.history_action)


def install(window) -> None:
    """Add the editors, the history and the Edit-menu actions to the main window."""
    window.editing = Editing(window)
