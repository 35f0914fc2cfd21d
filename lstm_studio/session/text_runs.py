"""The session model's runs over the text of a next-character session (issue 15): at once when
they are quick, else in the background (issue 14), with the views told when one is ready.

A mixin of :class:`~lstm_studio.session.model.SessionModel`, which declares the signals
(``textRunChanged``, ``_textRunDone``); the runs themselves are :mod:`lstm_studio.session.text_run`.
"""

from __future__ import annotations

from lstm_studio.session.text_run import TextRunCache, estimated_text_run_seconds
from lstm_studio.session.text_run_worker import TextRunWorker

__all__ = ["TEXT_RUN_AT_ONCE_SECONDS", "TEXT_RUN_FIRST_AT_ONCE_SECONDS", "TextRuns"]

TEXT_RUN_AT_ONCE_SECONDS = 0.05
"""A run over the text that took longer than this is recomputed in the background after an edit
(the panels that show it keep the last one until then): one every weight edit or drag step on the
GUI thread froze the window."""


TEXT_RUN_FIRST_AT_ONCE_SECONDS = 0.25
"""A first run over a text (new sizes, a new text) estimated to take this long or longer is
computed in the background (the views say they are reading the text) rather than at once."""


class TextRuns:
    """:meth:`text_run`, :attr:`text_run_pending` and their background worker."""

    def _start_text_runs(self) -> None:
        self._text_runs = TextRunCache()
        self._text_run_worker = None
        self._textRunDone.connect(self._text_run_done)

    def text_run(self):
        """The network's run over the whole text of a next-character session (None for others):
        h, c and every gate at every character, the state carried across windows; recomputed
        only after the weights, the initial state, the sizes or the text changed (see
        :mod:`lstm_studio.session.text_run`). While a run trains, or when the last run took
        longer than ``TEXT_RUN_AT_ONCE_SECONDS`` (a long text, a large network: half a second
        for 128 units), the last run is returned at once and the new one is computed in the
        background (:mod:`.text_run_worker`): :attr:`textRunChanged` tells when it is ready. A
        new text or new sizes have no run to show meanwhile: theirs is computed at once, unless
        it is estimated to take ``TEXT_RUN_FIRST_AT_ONCE_SECONDS`` or more (a large imported
        model: 17 s for 512 units over 4,096 characters); then it is computed in the background
        too, None is returned and :attr:`text_run_pending` is True until it is ready."""
        document = self.document
        first_slow = estimated_text_run_seconds(document) >= TEXT_RUN_FIRST_AT_ONCE_SECONDS
        if not self._training and self._text_runs.seconds < TEXT_RUN_AT_ONCE_SECONDS and not first_slow:
            return self._text_runs.get(document)
        if self._text_run_worker is None:
            self._text_run_worker = TextRunWorker(self._textRunDone.emit)
        return self._text_runs.get(document, background=self._text_run_worker, first_in_background=first_slow)

    @property
    def text_run_pending(self) -> bool:
        """Whether the run over the text of new sizes or a new text is being computed in the
        background (:meth:`text_run` returns None meanwhile; :attr:`textRunChanged` follows)."""
        return self._text_runs.pending

    def _text_run_done(self, token, run) -> None:
        if self._text_runs.deliver(token, run):
            self.textRunChanged.emit()
