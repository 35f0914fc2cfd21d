"""Live editing with undo/redo: the editor docks (inputs, targets, weights, initial states), the
undo history, and the Edit menu (Undo, Redo, History).

``install(window)`` is called by the main window's constructor; the installed objects stay
reachable as ``window.editing`` (an :class:`Editing`).

Editors rebuild on the model's ``structureChanged`` (which also follows every
``documentReplaced``) and refresh their numbers on ``dataChanged``; they push commands only for
the user's own edits, never while following the model.

While the model holds a change of structure back (its evaluation is computed in the background:
:attr:`SessionModel.holding`), the editors and the history wait, disabled: they show the document
before the change. If the change is withdrawn (Cancel), the undo stack moves back to where it was,
without applying anything again (:meth:`SessionModel.restoring_history`).

A click in History undoes (or redoes) every step up to the entry as one change of the model
(:class:`HistoryView`): the panels rebuild once, not once per step.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QUndoView

from lstm_studio.app.editors.sequence_editor import SequenceEditor
from lstm_studio.app.editors.state_editor import StateEditor
from lstm_studio.app.editors.weight_editor import WeightEditor

Area = Qt.DockWidgetArea


class HistoryView(QUndoView):
    """The undo history. Going to an entry — a click, the keyboard, :meth:`go_to` — runs all
    the undo or redo steps in between inside one batch of the model (one recompute, one round
    of signals). Its first entry says when old edits were dropped to bound memory."""

    def __init__(self, stack, model, parent=None):
        super().__init__(stack, parent)
        self._model = model
        self._show_start()
        if hasattr(stack, "droppedChanged"):
            stack.droppedChanged.connect(self._show_start)

    def go_to(self, index: int) -> None:
        """Undo or redo to entry ``index`` (0: the start, k: after the k-th edit), as a click on it."""
        with self._model.changes():
            self.setCurrentIndex(self.model().index(index, 0))

    def _show_start(self, *_args) -> None:
        dropped = getattr(self.stack(), "dropped", 0)
        if dropped:
            self.setEmptyLabel(QCoreApplication.translate(
                "Editing", "<start> (%n older edit(s) dropped: the history keeps at most {0} MB)", None, dropped)
                .format(f"{self.stack().limit_mb:g}"))
        else:
            self.setEmptyLabel(QCoreApplication.translate("Editing", "<start>"))

    # the view moves the stack from these (Qt's own handlers): one batch each
    def mousePressEvent(self, event):  # noqa: N802 - Qt's name
        with self._model.changes():
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event):  # noqa: N802 - Qt's name
        with self._model.changes():
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):  # noqa: N802 - Qt's name
        with self._model.changes():
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event):  # noqa: N802 - Qt's name
        with self._model.changes():
            super().keyPressEvent(event)


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
        self.history = HistoryView(stack, model)
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
        # Qt keeps the prefix given at creation; these name the actions in the language shown now
        stack.undoTextChanged.connect(self.retranslate)
        stack.redoTextChanged.connect(self.retranslate)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            window.addAction(action)
            menu.addAction(action)
        self._before_hold = None  # (undo index, edits dropped) when the model began to hold a change
        model.holdingChanged.connect(self._holding_changed)
        model.changeWithdrawn.connect(self._change_withdrawn)
        self.history_action = window.docks["undo_history"].toggleViewAction()
        self.history_action.setText(self.tr("&History"))
        self.history_action.setToolTip(self.tr("Show or hide the list of edits."))
        menu.addAction(self.history_action)

    def _holding_changed(self, holding: bool) -> None:
        """Editing waits while a change of structure is held (the editors show the document
        before it, whose shapes an edit would no longer fit). When the hold ends, the history is
        kept under its limit again: the document of the change was made meanwhile."""
        stack = self.window.undo_stack
        if holding and self._before_hold is None:
            # emitted while the stack applies the move (push, undo, redo): its index is the one before
            self._before_hold = (stack.index(), getattr(stack, "dropped", 0))
        elif not holding:
            self._before_hold = None
            if hasattr(stack, "bound"):  # the held change's document exists now: count it
                stack.bound()
        for widget in (self.inputs, self.targets, self.weights, self.states, self.history):
            widget.setEnabled(not holding)

    def _change_withdrawn(self) -> None:
        """The held change was withdrawn: move the undo stack back to the state the document is
        in again (edits dropped from the bottom since then shift the index)."""
        if self._before_hold is None:
            return
        index, dropped = self._before_hold
        stack = self.window.undo_stack
        index = max(0, index - (getattr(stack, "dropped", 0) - dropped))
        if index != stack.index():
            with self.window.model.restoring_history():
                stack.setIndex(index)

    def retranslate(self, *_args) -> None:
        """"Undo <edit>" / "Redo <edit>" in the language shown now (also after a switch)."""
        stack = self.window.undo_stack
        if not all(shiboken6.isValid(o) for o in (stack, self.undo_action, self.redo_action)):
            return  # the window is being deleted: the stack says goodbye with an empty text
        for action, prefix, text in ((self.undo_action, self.tr("&Undo"), stack.undoText()),
                                     (self.redo_action, self.tr("&Redo"), stack.redoText())):
            action.setText(f"{prefix} {text}" if text else prefix)


def install(window) -> None:
    """Add the editors, the history and the Edit-menu actions to the main window."""
    window.editing = Editing(window)
