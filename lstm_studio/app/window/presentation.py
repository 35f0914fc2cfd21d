"""Presentation mode, for a lecture in front of a class: View ▸ Present (F11) shows the window
full screen; View ▸ Zoom In / Zoom Out / Actual Size (Ctrl+=, Ctrl+−, Ctrl+0) scale fonts, line
widths and markers; View ▸ Focus Panel lets one panel fill the window. Esc steps back: first out
of the focused panel, then out of full screen.

``install(window)`` is called by the main window's constructor; the installed object stays
reachable as ``window.presentation`` (a :class:`Presentation`).

The scale itself lives in :mod:`lstm_studio.app.theme` (one source that every view reads and
follows: the application font, then ``scale_source().changed``); here it is only chosen and
remembered in the window's QSettings. Full screen remembers the window's state and geometry
before it, focus the whole dock layout (``saveState``): both come back exactly as they were.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QCursor, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QWidget

from lstm_studio.app import theme

HINT_MS = 6000
"""How long the status bar shows how to leave, on entering full screen or a focused panel."""

WindowState = Qt.WindowState


def unique_keys(*groups) -> list[QKeySequence]:
    """The key sequences of ``groups`` (each a QKeySequence, a text or a list), each once."""
    keys, seen = [], set()
    for group in groups:
        for key in group if isinstance(group, list) else [group]:
            key = QKeySequence(key)
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            if not key.isEmpty() and text not in seen:
                seen.add(text)
                keys.append(key)
    return keys


class Presentation(QObject):
    """Full screen, the presentation scale and the focused panel of one main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.focused: str | None = None
        """Key of the dock that fills the window, or None."""
        self._layout_before = None
        self._window_before = None  # (window state, geometry QRect) before full screen
        self._last_dock: QDockWidget | None = None
        self._watched_docks: set[QDockWidget] = set()
        self._build_actions()
        self._build_hint()
        for dock in window.docks.values():
            self._watch_dock(dock)
        window.installEventFilter(self)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        theme.scale_source().changed.connect(self._scale_changed)
        window.closing.connect(self.leave_all)
        saved = theme.saved_scale(window.settings)
        if saved != theme.current_scale():
            theme.set_scale(QApplication.instance(), saved)
        self._scale_changed()

    # -- actions -----------------------------------------------------------------------------
    def _action(self, text: str, tip: str, keys: list[QKeySequence], slot,
                checkable: bool = False) -> QAction:
        action = QAction(text, self.window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setShortcuts(keys)
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.window.addAction(action)  # its keys work wherever the window has the focus
        return action

    def _build_actions(self) -> None:
        view = self.window.menu("View")
        view.setToolTipsVisible(True)
        view.addSeparator()
        self.present_action = self._action(
            self.tr("&Present"),
            self.tr("Full screen for a lecture (F11); F11 or Esc returns to the window as it was"),
            unique_keys("F11"),
            self.set_presenting, checkable=True)
        view.addAction(self.present_action)
        self.zoom_in_action = self._action(
            self.tr("Zoom &In"),
            self.tr("Larger texts, thicker lines and larger markers, for the back of the room "
                    "(Ctrl+=); remembered"),
            unique_keys("Ctrl+=", "Ctrl++"),
            lambda: self.zoom(1))
        self.zoom_out_action = self._action(
            self.tr("Zoom &Out"),
            self.tr("Smaller texts, thinner lines and smaller markers (Ctrl+-); remembered"),
            unique_keys("Ctrl+-"),
            lambda: self.zoom(-1))
        self.zoom_reset_action = self._action(
            self.tr("&Actual Size"),
            self.tr("Texts, lines and markers at their normal size (Ctrl+0)"),
            unique_keys("Ctrl+0"), lambda: self.set_scale(theme.DEFAULT_SCALE))
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view.addAction(action)

        self.focus_menu = view.addMenu(self.tr("&Focus Panel"))
        self.focus_menu.setToolTipsVisible(True)
        self.focus_action = self._action(
            self.tr("Focus the Panel Under the &Pointer"),
            self.tr("The panel under the mouse pointer (or the one used last) fills the window; "
                    "the same keys or Esc bring every panel back. A double click on a panel's "
                    "title does the same."),
            unique_keys("Ctrl+Shift+F"), self.toggle_focus_here)
        self.focus_action.setCheckable(True)  # checked while a panel is focused (see _sync)
        self.focus_menu.aboutToShow.connect(self._fill_focus_menu)
        self._fill_focus_menu()
        self.leave_action = self._action(
            self.tr("&Leave Focus or Full Screen"),
            self.tr("Back from the focused panel to every panel, then out of full screen (Esc)"),
            unique_keys("Esc"), self.leave)
        view.addAction(self.leave_action)
        self._sync()

    def _fill_focus_menu(self) -> None:
        """Focus the panel under the pointer, then one entry per dock (the docks as they are now)."""
        menu = self.focus_menu
        for action in getattr(self, "panel_actions", {}).values():
            action.deleteLater()
        menu.clear()  # deletes the separator; the other actions are not the menu's
        menu.addAction(self.focus_action)
        menu.addSeparator()
        self.panel_actions: dict[str, QAction] = {}
        for key, dock in self.window.docks.items():
            self._watch_dock(dock)
            action = QAction(dock.windowTitle(), self)
            action.setCheckable(True)
            action.setChecked(key == self.focused)
            tip = self.tr("Only “{0}” fills the window; Esc brings every panel back").format(
                dock.windowTitle())
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _=False, k=key: self.toggle_focus(k))
            menu.addAction(action)
            self.panel_actions[key] = action

    def _build_hint(self) -> None:
        self.hint_label = QLabel()
        self.hint_label.setStyleSheet("QLabel { font-weight: bold; padding: 0px 6px; }")
        self.hint_label.setToolTip(self.tr("Esc returns: first to every panel, then out of full screen"))
        self.window.statusBar().addPermanentWidget(self.hint_label)
        self.hint_label.hide()

    # -- full screen -------------------------------------------------------------------------
    def is_presenting(self) -> bool:
        return bool(self.window.windowState() & WindowState.WindowFullScreen)

    def set_presenting(self, on: bool) -> None:
        """Full screen (``on``), or back to the state and geometry the window had before."""
        window = self.window
        if on == self.is_presenting():
            self._sync()
            return
        if on:
            self._window_before = (window.windowState(), window.geometry())
            window.showFullScreen()
            window.show_status(self.tr("Full screen: F11 or Esc returns"), HINT_MS)
        else:
            state, geometry = self._window_before or (WindowState.WindowNoState, None)
            self._window_before = None
            if state & WindowState.WindowMaximized:
                window.showMaximized()
            else:
                window.showNormal()
                if geometry is not None:
                    window.setGeometry(geometry)  # where it was, exactly
        self._sync()

    # -- scale -------------------------------------------------------------------------------
    def zoom(self, step: int) -> None:
        """One step of theme.SCALES up (``step`` 1) or down (-1)."""
        self.set_scale(theme.next_scale(theme.current_scale(), step))

    def set_scale(self, scale: float) -> None:
        """Make ``scale`` the application's presentation scale and remember it."""
        theme.set_scale(QApplication.instance(), scale)
        theme.save_scale(self.window.settings, theme.current_scale())
        self.window.show_status(self.tr("Presentation scale: {0} %").format(
            round(theme.current_scale() * 100)))

    def _scale_changed(self, *_args) -> None:
        scale = theme.current_scale()
        self.zoom_in_action.setEnabled(scale < theme.SCALES[-1])
        self.zoom_out_action.setEnabled(scale > theme.SCALES[0])
        self.zoom_reset_action.setEnabled(scale != theme.DEFAULT_SCALE)

    # -- focus -------------------------------------------------------------------------------
    def focus(self, key: str) -> None:
        """Dock ``key`` fills the window: every other dock and the settings toolbar are hidden
        (the layout before is kept, and :meth:`unfocus` brings it back)."""
        window = self.window
        dock = window.docks[key]
        if self.focused is None:
            self._layout_before = window.saveState(self._layout_version())
        self.focused = key
        for other in window.docks.values():
            if other is not dock:
                other.hide()
        window.config_toolbar.hide()
        if dock.isFloating():
            dock.setFloating(False)
        dock.show()
        dock.raise_()
        self._sync()
        window.show_status(self.tr("Only “{0}” is shown: Esc brings every panel back").format(
            dock.windowTitle()), HINT_MS)

    def unfocus(self) -> None:
        """Every dock back where, and as large as, it was before :meth:`focus`."""
        if self.focused is None:
            return
        self.focused = None
        layout, self._layout_before = self._layout_before, None
        if layout is not None:
            window = self.window
            state = window.windowState()
            window.restoreState(layout, self._layout_version())
            # Every panel back may need more room than a small screen has: Qt then enlarges the
            # window, which ends full screen (or maximised). It stays as it was.
            if window.windowState() != state:
                window.setWindowState(state)
        self._sync()

    def toggle_focus(self, key: str) -> None:
        """Focus dock ``key``, or (when it is focused already) bring every panel back."""
        if self.focused == key:
            self.unfocus()
        else:
            self.focus(key)

    def toggle_focus_here(self, *_args) -> None:
        """Ctrl+Shift+F: back to every panel when one is focused; else focus the dock under
        the mouse pointer, or the one clicked or used last."""
        if self.focused is not None:
            self.unfocus()
            return
        key = self.dock_key(self.dock_under_pointer() or self._last_dock)
        if key is None:
            self.window.show_status(self.tr("Point at a panel (or click into it) first"))
            self._sync()
        else:
            self.focus(key)

    def dock_key(self, dock: QDockWidget | None) -> str | None:
        for key, candidate in self.window.docks.items():
            if candidate is dock and dock.isVisible():
                return key
        return None

    def dock_under_pointer(self) -> QDockWidget | None:
        return self.dock_of(QApplication.widgetAt(QCursor.pos()))

    def dock_of(self, widget: QWidget | None) -> QDockWidget | None:
        """The window's dock that holds ``widget`` (None outside every dock)."""
        docks = set(self.window.docks.values())
        while widget is not None:
            if widget in docks:
                return widget
            widget = widget.parentWidget()
        return None

    def _focus_changed(self, _old, new) -> None:
        dock = self.dock_of(new)
        if dock is not None:
            self._last_dock = dock

    def _layout_version(self) -> int:
        return self.window.layout_version  # the window's, without importing the window's module

    # -- leaving -----------------------------------------------------------------------------
    def leave(self) -> None:
        """Esc: out of the focused panel first, then out of full screen."""
        if self.focused is not None:
            self.unfocus()
        elif self.is_presenting():
            self.set_presenting(False)

    def leave_all(self) -> None:
        """Every panel back and no full screen (before the window saves its layout on closing)."""
        self.unfocus()
        self.set_presenting(False)

    # -- state shown -------------------------------------------------------------------------
    def _sync(self) -> None:
        """Actions, and the hint in the status bar, as full screen and focus are now."""
        presenting, focused = self.is_presenting(), self.focused
        blocked = self.present_action.blockSignals(True)
        self.present_action.setChecked(presenting)
        self.present_action.blockSignals(blocked)
        self.focus_action.setChecked(focused is not None)
        for key, action in getattr(self, "panel_actions", {}).items():
            action.setChecked(key == focused)
        self.leave_action.setEnabled(presenting or focused is not None)
        if not hasattr(self, "hint_label"):
            return
        if focused is not None:
            text = self.tr("{0} · Esc returns").format(self.window.docks[focused].windowTitle())
        elif presenting:
            text = self.tr("Full screen · Esc returns")
        else:
            text = ""
        self.hint_label.setText(text)
        self.hint_label.setVisible(bool(text))

    # -- events ------------------------------------------------------------------------------
    def _watch_dock(self, dock: QDockWidget) -> None:
        if dock not in self._watched_docks:
            self._watched_docks.add(dock)
            dock.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if watched is self.window:
            if kind == QEvent.Type.WindowStateChange:
                self._sync()
            return False
        if isinstance(watched, QDockWidget):
            if kind == QEvent.Type.MouseButtonPress:
                self._last_dock = watched
            elif kind == QEvent.Type.MouseButtonDblClick and self._on_title(watched, event):
                key = self.dock_key(watched)
                if key is not None:
                    self.toggle_focus(key)
                    return True  # not Qt's own double click there (float the dock)
        return False

    @staticmethod
    def _on_title(dock: QDockWidget, event) -> bool:
        """Whether a mouse event on ``dock`` is on its title bar (above its contents)."""
        contents = dock.widget()
        return contents is not None and event.position().y() < contents.geometry().top()


def install(window) -> None:
    """Add View ▸ Present, Zoom In / Out, Actual Size, Focus Panel and Return to the main window."""
    window.presentation = Presentation(window)
