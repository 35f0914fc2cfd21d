"""Views redrawn one per event-loop turn when a background result arrives, or a training run's
weights (issues 14 and 16).

At large sizes every panel takes some milliseconds to draw a new result, all of them together
more than the 50 ms the GUI thread may be busy in one go while the user drags a slider. So a
result of the recompute worker (``model.result_from_worker``) is drawn one view at a time: each
view's ``refresh_or_defer`` runs in its own turn of the event loop (a zero-timeout timer), with
input, paints and timers handled in between. Each view reads the model when its turn comes, so
a newer result arriving in the middle of a round is what the views not yet redrawn show, and
the views already redrawn are queued again: the newest result wins and every view ends on it.
A change made on the GUI thread (small sizes, :meth:`SessionModel.settle`) is drawn at once.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal


class RefreshQueue(QObject):
    """Views waiting for their turn to redraw, the first asked first; one redraws per turn."""

    drained = Signal()
    """The last waiting view has redrawn (every view now shows the newest result)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pending: list = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)

    @property
    def pending(self) -> list:
        """The views waiting, in order."""
        return list(self._pending)

    def request(self, view) -> None:
        """Redraw ``view`` (anything with ``refresh_or_defer()``) in a turn of its own soon; a
        view already waiting keeps its place."""
        if not any(waiting is view for waiting in self._pending):
            self._pending.append(view)
        if not self._timer.isActive():
            self._timer.start()

    def discard(self, view) -> None:
        """``view`` has redrawn by itself: it needs no turn."""
        self._pending = [waiting for waiting in self._pending if waiting is not view]

    def flush(self) -> None:
        """Redraw every waiting view now (tests; before a screenshot)."""
        while self._pending:
            self._next()

    def _next(self) -> None:
        while self._pending:
            view = self._pending.pop(0)
            if isinstance(view, QObject) and not shiboken6.isValid(view):
                continue  # deleted while it waited
            view.refresh_or_defer()
            break
        if self._pending:
            self._timer.start()
        else:
            self.drained.emit()


_queue: list[RefreshQueue] = []


def refresh_queue() -> RefreshQueue:
    """The application's queue (made on first use, on the GUI thread)."""
    if not _queue or not shiboken6.isValid(_queue[0]):
        _queue[:] = [RefreshQueue()]
    return _queue[0]


def refresh_for_result(view) -> None:
    """What a view does on ``evaluationChanged``: wait for its turn when the result is the
    background worker's or a training run's weights (a few times a second, and the window must
    answer in between: all panels at once kept the GUI thread 60–120 ms at a time, their
    redraw and its paint), else ``refresh_or_defer()`` at once (see the module docstring)."""
    queue = refresh_queue()
    model = view.model
    if getattr(model, "result_from_worker", False) or getattr(model, "training", False):
        queue.request(view)
    else:
        queue.discard(view)
        view.refresh_or_defer()
