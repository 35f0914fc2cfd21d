"""The main window: toolbars, one dock per panel, menus, status bar, and the feature modules.

Construction order: menus File, Edit, View, Train, Lessons, Help;
toolbars; the five panels in docks; status bar; then ``install(window)`` of editing,
file_actions, training_menu, lessons, the text view, gate saturation and the corpus examples
(issue 15), help (it explains every dock's toggle) and presentation (last: it lists every dock); finally the dock layout saved by the
last run is restored.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QByteArray, QEvent, QSettings, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMessageBox, QTabBar, QWidget

from lstm_studio.app import help as help_feature
from lstm_studio.app import i18n, lessons
from lstm_studio.app.editors import editing
from lstm_studio.app.editors.commands import UndoStack
from lstm_studio.app.files import actions as file_actions
from lstm_studio.app.panels import cell_diagram, saturation, text_view, unit_examples
from lstm_studio.app.panels import gates as gates_panel
from lstm_studio.app.panels import gradient as gradient_panel
from lstm_studio.app.panels import output as output_panel
from lstm_studio.app.panels import states as states_panel
from lstm_studio.app.panels.plots.time_panel import colour_scale_tip
from lstm_studio.app.refresh_queue import refresh_queue
from lstm_studio.app.training import menu as training_menu
from lstm_studio.app.widgets import LiveText, call_soon, retranslate_tree
from lstm_studio.app.window import presentation
from lstm_studio.app.window.computing import ComputingIndicator
from lstm_studio.app.window.config_toolbar import ConfigToolbar
from lstm_studio.app.window.memory import MemoryReturner
from lstm_studio.app.window.playback import PlaybackController
from lstm_studio.app.window.transport import TransportBar
from lstm_studio.session.demos import moscow_demo
from lstm_studio.session.model import SessionModel

MENU_NAMES = ("File", "Edit", "View", "Train", "Lessons", "Help")
PANEL_KEYS = ("gates", "states", "gradient", "cell_diagram", "output")
FEATURES = (editing, file_actions, training_menu, lessons, text_view, saturation, unit_examples,
            help_feature, presentation)
DEFAULT_SIZE = (1600, 1000)
LAYOUT_VERSION = 1
COMPACT_HEIGHT = 880
"""Below this window height the states and gradient panels share one tabbed dock, so that each
time-axis panel keeps plots tall enough to read (a 1280×720 or 1024×768 screen)."""
TIMING_SHOWN_AFTER_MS = 300
"""A pause after which the status bar shows the last update's timings (else: with the next one)."""
GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"

Area = Qt.DockWidgetArea


class MainWindow(QMainWindow):
    """LSTM Studio's window around one :class:`SessionModel` (the built-in demo when None)."""

    layout_version = LAYOUT_VERSION
    """Version of the dock layout saved with saveState (features that save layouts use it too)."""

    closing = Signal()
    """The window closes: every question was answered (unsaved changes saved or discarded), so
    features end their background work now. Not emitted when the close was cancelled."""

    def __init__(self, model: SessionModel | None = None, settings: QSettings | None = None, *,
                 restore_layout: bool = True):
        super().__init__()
        i18n.recorder(QApplication.instance())  # every text of the window is recorded: it can switch language
        self.model = model if model is not None else SessionModel(moscow_demo())
        self.settings = settings if settings is not None else QSettings()
        # bounded in memory; a training run's command must stay while the run goes on
        self.undo_stack = UndoStack(self, holding=lambda: self.model.training)
        self.playback = PlaybackController(self.model, self)
        self.memory = MemoryReturner(self.model, self)  # freed memory back after rebuilds
        self.panels: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        self._extra_docks: dict[Area, QDockWidget] = {}
        self.setWindowTitle(self.tr("LSTM Studio") + "[*]")
        self.setDockNestingEnabled(True)
        self.resize(*DEFAULT_SIZE)
        self._start_update_timing()

        self._menus = {}
        for name, title in zip(MENU_NAMES, (self.tr("&File"), self.tr("&Edit"), self.tr("&View"),
                                            self.tr("&Train"), self.tr("&Lessons"), self.tr("&Help"))):
            self._menus[name] = self.menuBar().addMenu(title)
        self._build_toolbars()
        self._build_view_menu()
        self._build_panels()
        self._build_status_bar()

        for feature in FEATURES:
            feature.install(self)
        self.docks["output"].raise_()
        self.docks["cell_diagram"].raise_()
        self._compact = False  # states and gradient tabbed together by fit_to_height()
        self._default_layout = self.saveState(LAYOUT_VERSION)
        if restore_layout:
            self.restore_layout()
        self._update_begins()  # the status bar shows the first full draw too

    # -- contract ----------------------------------------------------------------------------
    def menu(self, name: str):
        """The top-level menu "File", "Edit", "View", "Train" or "Help"."""
        return self._menus[name]

    def add_dock(self, key: str, title: str, widget: QWidget, area: Area = Area.RightDockWidgetArea,
                 visible: bool = True, beside: str | None = None) -> QDockWidget:
        """Put ``widget`` in a dock named ``key`` (so the layout is remembered), register it in
        ``panels`` and ``docks``, and list it in View ▸ Panels.

        Docks added by feature modules never squeeze the panels: ``beside`` names the dock they
        become a tab of; without it, on the right they become tabs behind "Output and loss"
        (which stays in front), elsewhere they share one tabbed slot per area.
        """
        dock = QDockWidget(title, self)
        dock.setObjectName(key)
        dock.setWidget(widget)
        dock.setToolTip(widget.toolTip())
        slot = self.docks.get(beside) if beside is not None else self._extra_docks.get(area)
        if key in PANEL_KEYS or slot is None:
            self.addDockWidget(area, dock)
        else:
            self.tabifyDockWidget(slot, dock)
        if key == "output":
            self._extra_docks[Area.RightDockWidgetArea] = dock
        elif key not in PANEL_KEYS and beside is None:
            self._extra_docks.setdefault(area, dock)
        dock.setVisible(visible)
        self.panels[key], self.docks[key] = widget, dock
        self._panels_menu.addAction(dock.toggleViewAction())
        return dock

    def show_error(self, title: str, message: str) -> None:
        """Tell the user why something was refused: status bar text and a warning dialog."""
        self.show_status(message)
        QMessageBox.warning(self, title, message)

    def show_status(self, message: str, timeout_ms: int = 4000) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    # -- layout ------------------------------------------------------------------------------
    def restore_layout(self) -> None:
        """Geometry and dock layout of the last run (if any)."""
        geometry = self.settings.value(GEOMETRY_KEY)
        state = self.settings.value(STATE_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state, LAYOUT_VERSION)

    def save_layout(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState(LAYOUT_VERSION))
        self.settings.sync()

    def reset_layout(self) -> None:
        """Back to the built-in arrangement of docks and toolbars."""
        self.restoreState(self._default_layout, LAYOUT_VERSION)

    def fit_to_height(self) -> None:
        """Below COMPACT_HEIGHT the gradient panel becomes a tab beside the states panel; above
        it, the two stand one above the other again (only when they are where this put them)."""
        states, gradient = self.docks["states"], self.docks["gradient"]
        together = gradient in self.tabifiedDockWidgets(states)
        if self.height() < COMPACT_HEIGHT and not self._compact:
            left = Area.LeftDockWidgetArea
            if (not together and not states.isFloating() and not gradient.isFloating()
                    and self.dockWidgetArea(states) == left and self.dockWidgetArea(gradient) == left
                    and not states.isHidden() and not gradient.isHidden()):
                self.tabifyDockWidget(states, gradient)
                states.raise_()
                call_soon(states, states.raise_)  # the tab bar may be made after this
                self.resizeDocks([self.docks["gates"], states], [1, 1], Qt.Orientation.Vertical)
                self._compact = True
        elif self.height() >= COMPACT_HEIGHT and self._compact:
            self._compact = False
            if together:  # below the states again (the left area's last place)
                self.addDockWidget(Area.LeftDockWidgetArea, gradient, Qt.Orientation.Vertical)
                self.resizeDocks([self.docks["gates"], states, gradient], [360, 260, 260],
                                 Qt.Orientation.Vertical)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_to_height()

    def childEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Tabs of docks show their whole titles: Qt's tab bars elide them ("In…", "Wei…")
        where the dock area is narrow; whole titles with scroll arrows read better."""
        super().childEvent(event)
        child = event.child()
        if event.type() == QEvent.Type.ChildPolished and isinstance(child, QTabBar):
            child.setElideMode(Qt.TextElideMode.ElideNone)
            child.setUsesScrollButtons(True)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # reached only when no feature's event filter refused the close (Quit → Cancel)
        self.playback.pause()
        # Runs end while the window goes: their last results need no redraw of every panel (that
        # took about a second while a lesson build still computed beside it).
        with QSignalBlocker(self.model):
            self.closing.emit()
        self.save_layout()
        super().closeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            retranslate_tree(self)  # before the children get the event: they see the new texts
        super().changeEvent(event)

    def retranslate(self) -> None:
        """After a language switch: the texts put together here (title, status bar)."""
        title = self.windowTitle()  # "LSTM Studio[*]" (a named file's title is a template)
        if title.endswith("[*]") and i18n.retranslated(title[:-3]) is not None:
            self.setWindowTitle(i18n.retranslated(title[:-3]) + "[*]")
        self._show_step()
        self._show_evaluation()
        if hasattr(self, "_timing"):
            self._show_timing()

    # -- construction ------------------------------------------------------------------------
    def _build_toolbars(self) -> None:
        self.transport = TransportBar(self.model, self.playback, self)
        self.config_toolbar = ConfigToolbar(self, self.transport.shortcut_pass_through)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.config_toolbar)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.transport)
        # Shortcuts of the transport work even when its toolbar is hidden.
        self.addActions(self.transport.actions_in_order)

    def _build_view_menu(self) -> None:
        view = self.menu("View")
        self._panels_menu = view.addMenu(self.tr("&Panels"))
        self._panels_menu.setToolTipsVisible(True)
        toolbars = view.addMenu(self.tr("&Toolbars"))
        toolbars.addAction(self.config_toolbar.toggleViewAction())
        toolbars.addAction(self.transport.toggleViewAction())
        view.addSeparator()
        display = view.addMenu(self.tr("&Display mode"))
        display.addActions(self.transport.display_group.actions())
        playback = view.addMenu(self.tr("P&layback"))
        playback.addActions(self.transport.actions_in_order)
        self.colour_scale_action = view.addAction(self.tr("&Fixed Colour Scales"))
        self.colour_scale_action.setCheckable(True)
        self.colour_scale_action.setToolTip(colour_scale_tip())
        self.colour_scale_action.setStatusTip(colour_scale_tip())
        self.colour_scale_action.toggled.connect(
            lambda fixed: self.model.set_colour_scale("fixed" if fixed else "auto"))
        self.model.colourScaleChanged.connect(self._show_colour_scale)
        self.model.documentReplaced.connect(self._show_colour_scale)
        self._show_colour_scale()
        view.addSeparator()
        reset = view.addAction(self.tr("&Reset layout"))
        reset.setToolTip(self.tr("Put every panel back where it was at first start"))
        reset.triggered.connect(self.reset_layout)

    def _show_colour_scale(self, *_args) -> None:
        """The View menu shows the model's colour scale (the only place it is kept)."""
        blocked = self.colour_scale_action.blockSignals(True)
        self.colour_scale_action.setChecked(self.model.view.colour_scale == "fixed")
        self.colour_scale_action.blockSignals(blocked)

    def _panel_specs(self):
        """(key, title, class, area) of the five panels, in default layout order."""
        left, right = Area.LeftDockWidgetArea, Area.RightDockWidgetArea
        return [
            ("gates", self.tr("Gates over time"), gates_panel.GatesPanel, left),
            ("states", self.tr("States h and c"), states_panel.StatesPanel, left),
            ("gradient", self.tr("Gradient flow (BPTT)"), gradient_panel.GradientPanel, left),
            ("cell_diagram", self.tr("Cell diagram"), cell_diagram.CellDiagramPanel, right),
            ("output", self.tr("Output and loss"), output_panel.OutputPanel, right),
        ]

    def _build_panels(self) -> None:
        for key, title, cls, area in self._panel_specs():
            self.add_dock(key, title, cls(self.model, self), area)
        docks = self.docks
        # Time-axis panels on the left, wide; the diagram and the output on the right.
        self.resizeDocks([docks["gates"], docks["cell_diagram"]], [980, 620], Qt.Orientation.Horizontal)
        self.resizeDocks([docks["gates"], docks["states"], docks["gradient"]], [360, 260, 260],
                         Qt.Orientation.Vertical)
        self.resizeDocks([docks["cell_diagram"], docks["output"]], [440, 440], Qt.Orientation.Vertical)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.nonfinite_label = QLabel(self.tr("⚠ NaN or ∞ in the numbers: values overflowed"))
        self.nonfinite_label.setStyleSheet(
            "QLabel { background: #c62828; color: white; font-weight: bold; padding: 1px 6px; }")
        self.nonfinite_label.setToolTip(self.tr(
            "Some state, output, loss or gradient is not a finite number. "
            "Make large weights or inputs smaller, or use clipping."))
        self.step_label = LiveText()
        self.step_label.setToolTip(self.tr("Current time step t / sequence length T"))
        self.loss_label = LiveText()
        self.loss_label.setToolTip(self.tr("Loss over the steps where it applies"))
        self.timing_label = LiveText()
        self.timing_label.setToolTip(self.tr(
            "Time of the last update: forward + BPTT, then redrawing the panels"))
        self.computing_indicator = ComputingIndicator(self.model)
        for label in (self.computing_indicator, self.nonfinite_label, self.step_label, self.loss_label,
                      self.timing_label):
            bar.addPermanentWidget(label)
        self.model.timeStepChanged.connect(self._show_step)
        self.model.structureChanged.connect(self._show_step)
        self.model.evaluationChanged.connect(self._show_evaluation)
        # a change of sizes held back by the model: the toolbar's boxes wait with the editors
        self.model.holdingChanged.connect(self._holding_changed)
        self.model.changeWithdrawn.connect(self._change_withdrawn)
        self._show_step()
        self._show_evaluation()
        self.model.modifiedChanged.connect(self.setWindowModified)

    # -- status bar --------------------------------------------------------------------------
    def _holding_changed(self, holding: bool) -> None:
        self.config_toolbar.setEnabled(not holding)

    def _change_withdrawn(self) -> None:
        error = self.model.last_error
        if error is None:
            self.show_status(self.tr("Change withdrawn: the network is as it was."))
        else:
            self.show_error(self.tr("Change not made"), self.tr(
                "The network could not be computed at the new sizes, so it is as it was: {0}").format(error))

    def _show_step(self) -> None:
        self.step_label.setText(self.tr("t = {0} / {1}").format(
            self.model.view.time_step + 1, self.model.config.seq_len))

    def _show_evaluation(self) -> None:
        evaluation = self.model.evaluation
        loss = float(evaluation.loss)
        self.loss_label.setText(self.tr("loss = {0}").format(f"{loss:.4g}"))
        finite = not evaluation.trace.nonfinite and np.isfinite(loss) and np.isfinite(evaluation.grads.norm)
        self.nonfinite_label.setVisible(not finite)

    def _start_update_timing(self) -> None:
        """Time every update from the model's first signal until the event queue is drained
        (views have redrawn); the compute part is ``model.compute_seconds``.

        The figures reach the status bar with the next update's paint, or after a short pause:
        a repaint of their own after every update would cost a frame of its own."""
        self._update_started = 0.0
        self._update_timer = QTimer(self)
        self._update_timer.setSingleShot(True)
        self._update_timer.setInterval(0)
        self._update_timer.timeout.connect(self._update_ends)
        self._timing_shown_timer = QTimer(self)
        self._timing_shown_timer.setSingleShot(True)
        self._timing_shown_timer.setInterval(TIMING_SHOWN_AFTER_MS)
        self._timing_shown_timer.timeout.connect(self._show_timing)
        for signal in (self.model.documentReplaced, self.model.structureChanged,
                       self.model.dataChanged, self.model.evaluationChanged):
            signal.connect(self._update_begins)

    def _update_begins(self) -> None:
        if not self._update_timer.isActive():
            if self._timing_shown_timer.isActive():
                self._show_timing()  # the previous update's figures, painted with this one
            self._update_started = time.perf_counter()
            self._update_timer.start()

    def _update_ends(self) -> None:
        if refresh_queue().pending:  # a background result is still being drawn, panel by panel
            self._update_timer.start()
            return
        self.last_redraw_seconds = time.perf_counter() - self._update_started
        self._timing = (self.model.compute_seconds, self.last_redraw_seconds)
        self._timing_shown_timer.start()

    def _show_timing(self) -> None:
        self._timing_shown_timer.stop()
        compute, redraw = self._timing
        self.timing_label.setText(self.tr("compute {0} ms · redraw {1} ms").format(
            f"{compute * 1e3:.1f}", f"{redraw * 1e3:.1f}"))

