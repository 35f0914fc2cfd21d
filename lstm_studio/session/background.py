"""How the session model evaluates: at once, in the background, or — for a change of structure —
holding the change until the worker has evaluated it (pure Qt-core logic, no widgets).

Recomputing off the GUI thread (issue 14). A change of numbers whose forward + BPTT is estimated
to take more than ``SYNC_BELOW_SECONDS`` (:func:`~lstm_studio.session.recompute.estimated_seconds`:
from the sizes only, so the same sizes always behave the same) is evaluated by a worker thread
(:mod:`lstm_studio.session.recompute`, whose docstring has the design notes): the change's
``dataChanged`` is emitted at once (editors show the new numbers), ``evaluationChanged`` when a
result arrives. Below it the evaluation is computed at once, on the calling thread, and so is a
change of structure or of the whole document below ``HOLD_ABOVE_SECONDS`` (the views rebuild for
the new sizes with the evaluation that fits them; a larger one is held, see below). So:

- ``model.document`` is the newest document (what editors and undo act on), except while a change
  of structure is held (below);
- ``model.evaluation`` is the newest *finished* evaluation, and ``model.evaluated_document`` the
  document it is the evaluation of (the document itself when :attr:`is_current`): views that draw
  document numbers beside the evaluation (targets beside the prediction, the loss mask, the
  truncation) read them there, so what they show is never mixed from two states;
- every change of numbers counts one *generation*; a result is taken only when it is of a newer
  generation than the one shown (a slow result finishing after a newer one is dropped), and
  waiting work is replaced by the newest (no queue of old results);
- ``computingChanged(True)`` when the evaluation falls behind the document, ``(False)`` when it
  has caught up, or when :meth:`cancel_recompute` gave up (then :attr:`is_current` stays False
  until :meth:`recompute` or the next change);
- :meth:`settle` makes the evaluation current at once (waiting on this thread): whatever acts on
  "the document the user sees" (saving, exporting, training) calls it first.

A change of structure (sizes, kind, a whole new document) cannot be shown with an evaluation of
the old sizes, and at large sizes its evaluation takes seconds (19 s at the largest). When it is
estimated to take ``HOLD_ABOVE_SECONDS`` or more (and no run trains), the change is *held*: the
worker evaluates the new document while ``document`` (and everything views read) stays the
document before the change, so every view keeps showing one consistent state and the window
answers; ``holdingChanged(True)`` lets the window stop editing meanwhile. When the result
arrives, the change is delivered as if made then: ``documentReplaced``/``structureChanged``/
``dataChanged`` and ``evaluationChanged`` together, then ``holdingChanged(False)``. More changes
of structure while one is held (undo, redo) join it and the newest one is evaluated. A change of
sizes or kind (:class:`~lstm_studio.session.deferred.DeferredDocument`) is even *made* by the
worker when held: drawing the weights of a grown network took seconds of the GUI thread at the
largest sizes (shown at once, it is made at once). A change of numbers, :meth:`snapshot` or
:meth:`settle` first settles the held change (waiting for it).
:meth:`cancel_recompute` withdraws it: the document goes back to the one shown
(``changeWithdrawn``, so that the undo stack can move back with :meth:`restoring_history`),
unless it replaced the document by one that is not an edit of it (a file opened: not withdrawn).
"""

from __future__ import annotations

from contextlib import contextmanager

from lstm_studio.session.deferred import DeferredDocument
from lstm_studio.session.document import SessionDocument
from lstm_studio.session.recompute import Job, Recomputer, snapshot

SYNC_BELOW_SECONDS = 0.012
"""Changes whose forward + BPTT is estimated to take less are evaluated at once, on the calling
thread (small networks: the evaluation is fresh right after the change)."""

HOLD_ABOVE_SECONDS = 0.05
"""Changes of structure whose forward + BPTT is estimated to take this long or longer are held
until the worker has evaluated them (the module docstring), rather than evaluated at once."""


class BackgroundEvaluation:
    """The evaluation part of :class:`~lstm_studio.session.model.SessionModel` (a mixin: the
    model's signals and document are its own): background jobs, the newest winning, settling,
    cancelling, and holding a change of structure."""

    # -- background evaluation ---------------------------------------------------------------
    def _evaluate(self, *, at_once: bool = False) -> bool:
        """Evaluate the current generation: at once (True: the caller emits evaluationChanged)
        when ``at_once`` or the sizes are small, else in the background (False). While a run
        trains, always in the background: its weight snapshots come one after another, and each
        one's forward + BPTT (18 ms for an LSTM of 128 units on 100 characters) was most of the
        time the window could not answer; when the run ends the evaluation catches up at once
        (:meth:`set_training`)."""
        if at_once or not self._training and self.estimated_seconds() < self.sync_below_seconds:
            if self._recomputer is not None:
                self._recomputer.cancel()  # older work of any structure: its results are dropped
            self._recompute()
            self._set_computing(False)
            return True
        if self._recomputer is None:
            self._recomputer = Recomputer(self._report_job, prepare=self.drawings.prepare)
        self._recomputer.submit(Job(self._generation, snapshot(self._doc)))
        self._set_computing(True)
        return False

    def _report_job(self, job: Job) -> None:
        """In the worker thread: hand ``job`` over to the model's thread. The worker holds the
        model through this (a bound method) while it runs: a worker reporting through the signal
        alone emitted from a model whose Qt object was gone (a crash after a test dropped its
        model with a job still running); held so, the model goes only when the garbage collector
        finds it and its idle worker together, on the GUI thread."""
        self._jobDone.emit(job)

    def _job_done(self, job: Job, from_worker: bool = True) -> None:
        """A background job is over (on the model's thread): show its result if it is newer than
        what is shown (``from_worker`` False: announced as a change made on this thread). While a
        change of structure is held, the newest job's result delivers it; if that job failed or
        was cut short, the change is withdrawn."""
        try:
            self._take_job(job, from_worker)
        finally:
            job.take()  # the worker may start the next job: the result it replaced is let go

    def _take_job(self, job: Job, from_worker: bool) -> None:
        if self._shown is not None and job.generation == self._generation and job.finished:
            if job.evaluation is not None and not job.cancelled and job.error is None:
                self._release(job, from_worker)
            elif not self._recomputer.busy:
                self.last_error = job.error
                self._withdraw()
            return
        if job.evaluation is not None and not job.cancelled and job.generation > self._shown_generation \
                and job.document.config == self.document.config:
            self._evaluation, self._evaluated_doc = job.evaluation, job.document
            self._shown_generation = job.generation
            self.compute_seconds = job.seconds
            if self.is_current:
                self._set_computing(False)
            self.result_from_worker = from_worker
            try:
                self.evaluationChanged.emit()
            finally:
                self.result_from_worker = False
        elif job.generation == self._generation and job.finished and not self.is_current \
                and (job.error is not None or job.cancelled) and not self._recomputer.busy:
            self.last_error = job.error
            self._set_computing(False)  # the newest work failed or was cut short: nothing is coming

    def _set_computing(self, computing: bool) -> None:
        if computing != self._computing:
            self._computing = computing
            self.computingChanged.emit(computing)

    def cancel_recompute(self) -> None:
        """Stop computing in the background: the panels keep the evaluation they show, which is
        then of an earlier document (``is_current`` False) until :meth:`recompute` or the next
        change. A held change of structure is withdrawn (:attr:`changeWithdrawn`), unless it
        cannot be (:attr:`hold_withdrawable`: then nothing happens)."""
        if self._shown is not None:
            if self._hold_withdrawable:
                self._withdraw()
            return
        if self._recomputer is not None:
            self._recomputer.cancel()
        self._set_computing(False)

    def recompute(self) -> None:
        """Evaluate the current document again (in the background for large sizes), e.g. after
        :meth:`cancel_recompute`."""
        if not self.is_current and not self._computing:
            if self._evaluate():
                self.evaluationChanged.emit()

    def settle(self) -> None:
        """Make ``evaluation`` the current document's now, on this thread: wait for the background
        job of the current document if one runs, else compute it here; then emit
        ``evaluationChanged`` so the panels show it (before a save, an export or a training run).
        Does nothing when the evaluation is current."""
        if self.is_current:
            return
        recomputer = self._recomputer
        running = recomputer.running if recomputer is not None else None
        if running is not None and running.generation == self._generation:
            recomputer.cancel(keep=self._generation)
            recomputer.wait(running)
            self._job_done(running, from_worker=False)  # (the queued report of it is dropped: not newer)
        if not self.is_current:
            held = self._end_hold() if self._shown is not None else None  # (before the cancel reports)
            if recomputer is not None:
                recomputer.cancel()
            if held is not None:
                self._resolve()  # a deferred change of sizes nobody made yet: here, now
                self._rebuild_engine()
            self._recompute()
            self._set_computing(False)
            if held is None:
                self.evaluationChanged.emit()
            else:
                self._emit_changes(held, True, True)
                self.holdingChanged.emit(False)

    # -- holding a change of structure until its evaluation is ready -------------------------
    def _should_hold(self, before) -> bool:
        """Whether this change of structure is held (see the module docstring): its forward +
        BPTT would take the GUI thread HOLD_ABOVE_SECONDS or more, and no run trains (a run's
        snapshots keep their structure)."""
        return (before is not None or self._shown is not None) and not self._training \
            and self.estimated_seconds() >= self.hold_above_seconds

    def _hold(self, pending: set[str], before: SessionDocument | None, opening: bool) -> None:
        starts = self._shown is None
        if starts:
            self._shown = before
            self._hold_state = (self._generation, self._shown_generation, self._modified)
            self._hold_withdrawable = True
        self._held |= pending
        self._hold_withdrawable &= not opening
        self._generation += 1
        if self._recomputer is None:
            self._recomputer = Recomputer(self._report_job, prepare=self.drawings.prepare)
        doc = self._doc  # a deferred change of sizes is made by the worker (recompute.Job)
        self._recomputer.submit(Job(self._generation, doc if isinstance(doc, DeferredDocument) else snapshot(doc)))
        self._set_modified(True)
        self._set_computing(True)
        if starts:
            self.holdingChanged.emit(True)

    def _end_hold(self) -> set[str]:
        """Forget the hold (the document is the newest again); returns the held changes."""
        held = self._held
        self._shown, self._held, self._hold_state = None, set(), None
        return held

    def _release(self, job: Job, from_worker: bool) -> None:
        """The held change's evaluation is ready: deliver the change and show it, as if made now."""
        held = self._end_hold()
        self._resolve()  # (made by the worker: at once)
        self._rebuild_engine()
        self._evaluation, self._evaluated_doc = job.evaluation, job.document
        self._shown_generation = job.generation
        self.compute_seconds = job.seconds
        self._set_computing(False)
        self.result_from_worker = from_worker
        try:
            self._emit_changes(held, True, True)
        finally:
            self.result_from_worker = False
        self.holdingChanged.emit(False)

    def _withdraw(self) -> None:
        """Give the held change up: the document is again the one the views show."""
        generation, shown_generation, modified = self._hold_state
        self._doc = self._shown
        self._end_hold()
        self._generation += 1  # no job of the withdrawn documents is ever shown
        if self._recomputer is not None:
            self._recomputer.cancel()
        if shown_generation == generation:
            self._shown_generation = self._generation  # what the views show is the document again
        self._set_modified(modified)
        self._set_computing(False)
        self.changeWithdrawn.emit()
        self.holdingChanged.emit(False)
        if not self.is_current and self._evaluate():  # its own edits were still being computed
            self.evaluationChanged.emit()

    def _settle_hold(self) -> None:
        """Before a change of numbers or an undo snapshot: a held change of structure is settled
        first (waited for), so that the change applies to the newest document."""
        if self._shown is not None:
            self.settle()

    @contextmanager
    def restoring_history(self):
        """Calls of :meth:`replace_document` and :meth:`set_config` do nothing inside: the undo
        stack moves back over changes that were withdrawn (the document is there already)."""
        self._restoring = True
        try:
            yield
        finally:
            self._restoring = False
