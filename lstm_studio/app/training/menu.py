"""The Train menu (:class:`TrainingFeature`): Start / Pause / Stop / Step actions that follow the
dock's buttons, the Experiments submenu, Compare and the dock's toggle; runs end with the window.
``install(window)`` adds it with the training dock (``window.training``) and the comparison."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from lstm_studio.app.training import compare_view
from lstm_studio.app.training.dock import TrainingDock, task_summaries, task_titles


class TrainingFeature(QObject):
    """The Train menu: run actions, Experiments submenu, Compare; closes runs with the window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dock = TrainingDock(window)
        window.training = self.dock
        # a tab beside the cell diagram, not behind the outputs: both stay in sight while training
        self.dock_widget = window.add_dock("training", self.tr("Training"), self.dock, beside="cell_diagram")
        self.compare = compare_view.install(window, task_titles())

        menu = window.menu("Train")
        menu.setToolTipsVisible(True)
        self.start_action = self._action(menu, self.tr("&Start / Resume"), "F5", self.dock.start_button)
        self.pause_action = self._action(menu, self.tr("&Pause"), "F6", self.dock.pause_button)
        self.stop_action = self._action(menu, self.tr("S&top"), "Shift+F5", self.dock.stop_button)
        self.step_action = self._action(menu, self.tr("Step &one batch"), "F10", self.dock.step_button)
        menu.addSeparator()
        experiments = menu.addMenu(self.tr("&Experiments"))
        experiments.setToolTipsVisible(True)
        summaries = task_summaries()
        for key, title in task_titles().items():
            action = experiments.addAction(title)
            action.setToolTip(summaries[key])
            action.setStatusTip(summaries[key])
            action.triggered.connect(lambda checked=False, k=key: self._choose(k))
        menu.addAction(self.compare.action)
        show = self.dock_widget.toggleViewAction()
        show.setText(self.tr("Training &dock"))
        show.setToolTip(self.tr("Show or hide the training dock"))
        menu.addAction(show)
        window.closing.connect(self._window_closing)
        self.dock.runStateChanged.connect(self._sync_actions)
        window.model.trainingChanged.connect(self._show_curves)
        self._sync_actions()

    def _action(self, menu, text, shortcut, button) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(button.toolTip())
        action.setStatusTip(button.toolTip())
        action.triggered.connect(button.click)
        menu.addAction(action)
        return action

    def _show_curves(self, running: bool) -> None:
        """A run that starts (from the menu, a shortcut or a lesson) brings its curves in front."""
        if running and self.dock_widget.toggleViewAction().isChecked():  # closed stays closed
            self.dock_widget.raise_()

    def _choose(self, key: str) -> None:
        self.dock_widget.show()
        self.dock_widget.raise_()
        self.dock.choose_task(key)

    def _sync_actions(self) -> None:
        dock = self.dock
        for action, button in ((self.start_action, dock.start_button), (self.pause_action, dock.pause_button),
                               (self.stop_action, dock.stop_button), (self.step_action, dock.step_button)):
            action.setEnabled(button.isEnabled())

    def _window_closing(self) -> None:
        """The close was accepted (not on Quit → Cancel): end every run."""
        self.dock.shutdown()
        self.compare.shutdown()


def install(window) -> None:
    """Add the training dock, the Train-menu actions and the comparison to the main window."""
    window.training_feature = TrainingFeature(window)
