"""Building a lesson page off the GUI thread: pages that train take seconds.

A :class:`LessonBuilder` runs ``lesson.build(seed, page, progress=…, should_stop=…)`` in a
QThread; it reports progress and the finished document through queued signals and never touches
widgets or the session model. :meth:`LessonBuilder.stop` asks it to stop between two training
steps and returns at once; the thread ends by itself (it is started through
:func:`lstm_studio.app.threads.start`, which keeps it until then, so it is never destroyed while
it runs).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, Signal

from lstm_studio.app.i18n import error_text
from lstm_studio.lessons import BuildStopped


class LessonBuilder(QThread):
    """Builds page ``page`` of ``lesson`` for ``seed`` in its own thread."""

    progressed = Signal(float)
    """Share of the build done, 0..1."""
    built = Signal(object)
    """The finished SessionDocument."""
    failed = Signal(str)
    """Why the build failed (a message for the user)."""

    def __init__(self, lesson, page: int, seed: int):
        super().__init__()
        self.lesson, self.page, self.seed = lesson, page, seed
        self._stop = threading.Event()

    def run(self) -> None:  # runs in the worker thread
        try:
            document = self.lesson.build(self.seed, self.page, progress=self.progressed.emit,
                                         should_stop=self._stop.is_set)
        except BuildStopped:
            return
        except ValueError as exc:
            self.failed.emit(error_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the thread must report, not vanish
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        if not self._stop.is_set():
            self.built.emit(document)

    def stop(self) -> None:
        """Ask the build to stop (before its next training step); nothing is emitted after this
        but ``finished``. Returns at once."""
        self._stop.set()
