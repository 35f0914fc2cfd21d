"""Playback of the time cursor: play/pause, single steps, jumps, speed.

The controller only moves ``model.set_time_step``; it never recomputes anything. Play stops at
the last step; pressing Play there starts again from the first step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

SPEED_RANGE = (0.5, 60.0)
"""Slowest and fastest playback speed, in time steps per second."""


class PlaybackController(QObject):
    """Moves the session's time step, by hand or on a timer (``speed`` steps per second)."""

    playingChanged = Signal(bool)
    speedChanged = Signal(float)

    def __init__(self, model, parent: QObject | None = None, *, speed: float = 4.0):
        super().__init__(parent)
        self.model = model
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._advance)
        self._speed = 0.0
        self.set_speed(speed)

    # -- state -------------------------------------------------------------------------------
    @property
    def is_playing(self) -> bool:
        return self._timer.isActive()

    @property
    def speed(self) -> float:
        """Time steps per second while playing."""
        return self._speed

    def set_speed(self, steps_per_second: float) -> None:
        low, high = SPEED_RANGE
        speed = min(max(float(steps_per_second), low), high)
        if speed != self._speed:
            self._speed = speed
            self._timer.setInterval(round(1000.0 / speed))
            self.speedChanged.emit(speed)

    # -- moving ------------------------------------------------------------------------------
    @property
    def _t(self) -> int:
        return self.model.view.time_step

    @property
    def _last(self) -> int:
        return self.model.config.seq_len - 1

    def play(self) -> None:
        if self.is_playing:
            return
        if self._t >= self._last:
            self.model.set_time_step(0)
        self._timer.start()
        self.playingChanged.emit(True)

    def pause(self) -> None:
        if self.is_playing:
            self._timer.stop()
            self.playingChanged.emit(False)

    def toggle(self) -> None:
        self.pause() if self.is_playing else self.play()

    def step_forward(self) -> None:
        self.model.set_time_step(self._t + 1)

    def step_back(self) -> None:
        self.model.set_time_step(self._t - 1)

    def first(self) -> None:
        self.model.set_time_step(0)

    def last(self) -> None:
        self.model.set_time_step(self._last)

    def _advance(self) -> None:
        if self._t < self._last:
            self.step_forward()
        if self._t >= self._last:
            self.pause()
