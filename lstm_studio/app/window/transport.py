"""The transport bar: first / step back / play-pause / step forward / last, a time slider, the
playback speed and the display mode ("reveal" up to t, or the whole sequence with a cursor).

Its actions carry window-wide shortcuts (Space, Left, Right, Home, End). Spin boxes and line
edits normally swallow those keys; :class:`ShortcutPassThrough` hands them back to the actions.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QDoubleSpinBox, QSlider, QToolBar, QWidget

from lstm_studio.app.window.playback import SPEED_RANGE

MEDIA_SHAPES = {
    # (x, y) polygons and bars on a 16 × 16 grid, drawn in the palette's text colour
    "first": ([[(13, 3), (13, 13), (5, 8)]], [(3, 3, 2, 10)]),
    "back": ([[(8, 3), (8, 13), (1, 8)], [(15, 3), (15, 13), (8, 8)]], []),
    "play": ([[(4, 2), (4, 14), (13, 8)]], []),
    "pause": ([], [(4, 3, 3, 10), (9, 3, 3, 10)]),
    "forward": ([[(1, 3), (1, 13), (8, 8)], [(8, 3), (8, 13), (15, 8)]], []),
    "last": ([[(3, 3), (3, 13), (11, 8)]], [(11, 3, 2, 10)]),
}
"""Shapes of the transport icons (the style's media icons are dark, unreadable on dark themes)."""


def media_icon(name: str, colour, size: int = 32) -> QIcon:
    """The transport icon ``name`` (a key of MEDIA_SHAPES) filled with ``colour``."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 16, size / 16)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    polygons, bars = MEDIA_SHAPES[name]
    for points in polygons:
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    for bar in bars:
        painter.drawRect(QRectF(*bar))
    painter.end()
    return QIcon(pixmap)


class ShortcutPassThrough(QObject):
    """Event filter: the watched widgets let the given actions' shortcuts through."""

    def __init__(self, actions, parent: QObject | None = None):
        super().__init__(parent)
        self._keys = [action.shortcut() for action in actions]

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        return event.type() == QEvent.Type.ShortcutOverride and QKeySequence(event.keyCombination()) in self._keys


class TransportBar(QToolBar):
    """Playback controls bound to a session model and its PlaybackController."""

    def __init__(self, model, playback, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("transport_toolbar")
        self.setWindowTitle(self.tr("Playback"))
        self.model, self.playback = model, playback
        self.first_action = self._action(self.tr("First step"), Qt.Key.Key_Home,
                                         self.tr("Go to the first time step (Home)"), playback.first)
        self.back_action = self._action(self.tr("Step back"), Qt.Key.Key_Left,
                                        self.tr("One time step back (Left)"), playback.step_back)
        self.play_action = self._action(self.tr("Play"), Qt.Key.Key_Space,
                                        self.tr("Play or pause: one time step after another, stopping at the last (Space)"),
                                        playback.toggle)
        self.forward_action = self._action(self.tr("Step forward"), Qt.Key.Key_Right,
                                           self.tr("One time step forward (Right)"), playback.step_forward)
        self.last_action = self._action(self.tr("Last step"), Qt.Key.Key_End,
                                        self.tr("Go to the last time step (End)"), playback.last)
        self._make_icons()
        self.actions_in_order = [self.first_action, self.back_action, self.play_action,
                                 self.forward_action, self.last_action]
        self.addActions(self.actions_in_order)
        self.shortcut_pass_through = ShortcutPassThrough(self.actions_in_order, self)

        # the slider counts t = 1..T as the course notes do (what a screen reader announces);
        # the model's time step is 0-based
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimumWidth(240)
        self.slider.setToolTip(self.tr("Time step t (1 to T): drag to move through the sequence"))
        self.slider.valueChanged.connect(lambda t: model.set_time_step(t - 1))
        self.addWidget(self.slider)

        self.speed = QDoubleSpinBox()
        self.speed.setRange(*SPEED_RANGE)
        self.speed.setDecimals(1)
        self.speed.setSingleStep(1.0)
        self.speed.setSuffix(self.tr(" steps/s"))
        self.speed.setToolTip(self.tr("Playback speed in time steps per second"))
        self.speed.setValue(playback.speed)
        self.speed.valueChanged.connect(playback.set_speed)
        self.shortcut_pass_through.watch(self.speed)
        self.addWidget(self.speed)

        self.addSeparator()
        self.display_group = QActionGroup(self)
        self.reveal_action = self._mode_action(
            "reveal", self.tr("Reveal up to t"),
            self.tr("Panels show only the steps up to the cursor, as the network has seen them"))
        self.whole_action = self._mode_action(
            "whole", self.tr("Whole sequence"),
            self.tr("Panels show every step; the cursor marks the current step t"))
        self.addActions(self.display_group.actions())

        playback.playingChanged.connect(self._show_playing)
        playback.speedChanged.connect(self._show_speed)
        model.timeStepChanged.connect(self._show_time)
        model.structureChanged.connect(self.sync)
        model.documentReplaced.connect(self.sync)
        model.displayModeChanged.connect(self._show_mode)
        self.sync()

    def _action(self, text, key, tip, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _mode_action(self, mode: str, text: str, tip: str) -> QAction:
        action = QAction(text, self.display_group)
        action.setCheckable(True)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setData(mode)
        action.triggered.connect(lambda: self.model.set_display_mode(mode))
        return action

    def _make_icons(self) -> None:
        """Icons in the palette's text colour (again when a theme changes the palette)."""
        colour = self.palette().color(self.foregroundRole())
        icons = {name: media_icon(name, colour) for name in MEDIA_SHAPES}
        for name in ("first", "back", "forward", "last"):
            getattr(self, f"{name}_action").setIcon(icons[name])
        self._play_icon, self._pause_icon = icons["play"], icons["pause"]
        self._show_playing(self.playback.is_playing)

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._make_icons()

    # -- following the model -----------------------------------------------------------------
    def sync(self) -> None:
        """Show the model's sequence length, time step and display mode."""
        with QSignalBlocker(self.slider):
            self.slider.setRange(1, self.model.config.seq_len)
        self._show_time(self.model.view.time_step)
        self._show_mode(self.model.view.display_mode)

    def _show_time(self, t: int) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setValue(t + 1)

    def _show_mode(self, mode: str) -> None:
        for action in self.display_group.actions():
            action.setChecked(action.data() == mode)

    def _show_playing(self, playing: bool) -> None:
        self.play_action.setIcon(self._pause_icon if playing else self._play_icon)
        self.play_action.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _show_speed(self, speed: float) -> None:
        with QSignalBlocker(self.speed):
            self.speed.setValue(speed)
