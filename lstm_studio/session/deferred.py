"""A change of sizes or kind whose document is made later, off the GUI thread (issue 14).

:func:`~lstm_studio.session.document.reconfigured` keeps every weight that still fits and draws
fresh ones where the network grows. At the largest sizes the drawing is most of the change:
growing 8 bidirectional layers from 256 to 512 units draws about 46 million weights (and 64
orthogonal 512 × 512 blocks), 1–2.5 s. A :class:`DeferredDocument` knows at once what the session
model must decide before the document exists — the new ``config`` (checked: a refused change
raises here, on the caller's thread) and the free-running start — and makes the document the
first time :meth:`DeferredDocument.result` is asked, on whichever thread asks: the background
worker when the model holds the change (:mod:`lstm_studio.session.background`), the GUI thread
when the change is small enough to be shown at once.
"""

from __future__ import annotations

import threading
from dataclasses import fields, replace

from lstm_studio.session.document import NetworkConfig, SessionDocument, freeze, reconfigured
from lstm_studio.session.free_running import kept_free_run


class DeferredDocument:
    """``reconfigured(source, **changes)``, made once, when first asked for (thread-safe).

    ``source`` must not change meanwhile (a copy of the document before the change that only
    this holds, or the undo command's own); it may be another deferred change (changes of
    sizes made one after another while the first is held: made one after the other)."""

    def __init__(self, source: SessionDocument | DeferredDocument, **changes):
        unknown = set(changes) - {f.name for f in fields(NetworkConfig)}
        if unknown:
            raise ValueError(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
        self.config = replace(source.config, **changes).validated()
        self.loss = source.loss
        self.free_run_from = kept_free_run(self.config, source.loss, source.free_run_from)
        self._source, self._changes = source, changes
        self._lock = threading.Lock()
        self._document: SessionDocument | None = None

    @property
    def built(self) -> SessionDocument | None:
        """The document once made (read-only arrays), else None."""
        return self._document

    def result(self) -> SessionDocument:
        """The document (its arrays read-only), made now if no thread made it yet; a thread
        asking while another makes it waits for that one. Do not write into it: copy it."""
        with self._lock:
            if self._document is None:
                source = self._source
                if isinstance(source, DeferredDocument):
                    source = source.result()
                self._document = freeze(reconfigured(source, **self._changes))
                self._source = None  # (its arrays are the undo command's anyway)
            return self._document

    def copy(self) -> SessionDocument | DeferredDocument:
        """A copy of the document once made (as :meth:`SessionDocument.copy`), else this change
        itself: the session model then makes it where it decides to (nothing in it changes)."""
        document = self._document
        return self if document is None else document.copy()


def resolved(document: SessionDocument | DeferredDocument) -> SessionDocument:
    """``document``, or the one a deferred change makes (a copy the caller may change)."""
    return document.result().copy() if isinstance(document, DeferredDocument) else document
