"""The run over a session's text computed off the GUI thread while a run trains, or after an edit
when the last run was slow (no Qt here).

A run over the text (:func:`~lstm_studio.session.text_run.run_document`, with its gate
saturation) feeds up to
:data:`~lstm_studio.session.text_run.MAX_RUN_CHARACTERS` characters through the network one step
at a time: about half a second for an LSTM of 128 units. Done on the GUI thread after every
weight snapshot of a training run, it froze the window for that long (measured with
``benchmarks/train_responsiveness.py --text-chars 1000000``). While training, the text view and
the saturation panel show the last run that was finished and this worker computes the next one
from a :func:`~lstm_studio.session.recompute.snapshot` of the document, the newest request
winning (one request runs, at most one waits: the newest). The thread runs at a lower scheduling
priority and ends when it has nothing left to do.
"""

from __future__ import annotations

import threading
from typing import Callable

from lstm_studio.session.document import SessionDocument
from lstm_studio.session.recompute import lower_priority, snapshot
from lstm_studio.session.text_run import TextRun, run_document

__all__ = ["TextRunWorker"]


class TextRunWorker:
    """Computes :func:`run_document` of submitted documents on a thread of its own.

    ``on_done(key, run)`` is called on the worker thread with the key given to :meth:`submit`
    and the run (None when the document has no text, or the computation failed)."""

    def __init__(self, on_done: Callable[[object, TextRun | None], None]):
        self._on_done = on_done
        self._lock = threading.Lock()
        self._waiting = None  # (key, document) submitted and not started yet
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def submit(self, key: object, document: SessionDocument) -> None:
        """Compute the run of ``document`` (its present numbers) and report it under ``key``;
        replaces a request that has not started yet."""
        with self._lock:
            self._waiting = (key, snapshot(document))
            self._idle.clear()
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="text run", daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every request is done (tests); False on timeout."""
        return self._idle.wait(timeout)

    def _loop(self) -> None:
        lower_priority()
        while True:
            with self._lock:
                job, self._waiting = self._waiting, None
                if job is None:
                    self._thread = None
                    self._idle.set()
                    return
            key, document = job
            try:
                run = run_document(document)
                if run is not None:
                    run.gate_saturation  # noqa: B018 - computed here, not on the GUI thread
            except Exception:  # noqa: BLE001 - numbers the engine refuses: nothing to show
                run = None
            try:
                self._on_done(key, run)
            except RuntimeError:  # the receiver (a session model) is gone: nobody to tell
                pass
