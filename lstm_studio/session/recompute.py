"""Forward + BPTT of a session off the GUI thread, newest edit first (no Qt here).

Design notes (issue 14)
-----------------------
*A thread, not a process.* The engine's time loop is Python, so a worker thread holds the
interpreter lock between its NumPy calls; but CPython hands the lock over to a waiting thread
every ``sys.getswitchinterval()`` (5 ms), and NumPy drops it inside BLAS and most ufunc loops. So
the GUI thread waits at most a few milliseconds for the lock per event it handles. Measured with
a 2 ms timer on the GUI thread while a worker thread evaluated LSTM H=512, T=1000 over and over
on this 2-core machine (load 6): the longest gap was 26 ms, the 99th percentile 15 ms, most of
it other processes' time. A process would need the trace (tens of MB at that size) pickled or
copied through shared memory and unpacked on the GUI thread for every result, which costs the
GUI thread more than the lock ever does, and a second copy of the engine's memory.

Measured in the real window (``benchmarks/ui_latency.py``: a 2 ms timer on the GUI thread, a
weight-slider drag at 30 edits/s for 3 s; this 2-core machine shared with other work): the
longest gap in which no result was drawn is 14-23 ms up to H=256 (T=500, also 4 layers
bidirectional) and about 85 ms at H=512 (T=1000, 2000), where each drag step moves 8 MB matrices
on the GUI thread; with the recompute on the GUI thread every edit froze it for 0.3-4 s. The
worker runs at a lower scheduling priority (:func:`lower_priority`): on a busy machine the GUI
thread then gets a core first (at equal priority the H=512 gaps doubled).

*Drawing a result in slices.* Drawing a new result took the GUI thread 65-450 ms at these sizes
(one event: every panel redrew 512 × 1000 heatmaps, curves, copies). Now the worker also
prepares what the panels would compute from the result (``prepare``: heatmaps binned to their
pixels keeping each bin's largest magnitude, step norms, value ranges; see
:mod:`lstm_studio.session.binning`), and the panels draw a background result one per
event-loop turn (:mod:`lstm_studio.app.refresh_queue`), the newest result winning. Measured
with ``benchmarks/ui_latency.py``, the code before and after run in turns on this 2-core machine
at load 9-11 (on which the idle GUI thread alone showed gaps of 6-200 ms): the longest gap while
dragging went from 52-193 to 26-30 ms (H=128, T=200, 2 layers bidirectional), 94-118 to 29-79
(H=256, T=500), 284-376 to 36-59 (H=512, T=1000) and 633-700 to 45-50 ms (H=512, T=2000); the
longest gap overlapping a redraw is now 26-50 ms at all four sizes.

*Latest edit wins.* One worker thread per session model, started when first needed and ended
after ``IDLE_SECONDS`` without work (so its work arrays are let go). :meth:`Recomputer.submit`
replaces the job waiting to start: at most one job runs and at most one waits, and the one that
waits is always the newest document. A running job is not cut short by a newer edit (while the
user drags, the panels would otherwise never change until the drag ends); its result is shown if
nothing newer has been shown, and the waiting job starts right after. :meth:`Recomputer.cancel`
cuts the running job short: ``PyThreadState_SetAsyncExc`` raises :class:`Cancelled` in the worker
at its next Python instruction (at once in the engine's loop over time steps, after the current
NumPy call otherwise), as the training worker does.

*Never mixed.* A job holds a :func:`snapshot` of the document: the containers are copied, the
arrays shared. That is safe because the session model never changes an array of its document in
place (every ``set_*`` puts in a new array), and cheap (no array is copied on the GUI thread).
The job's result is the evaluation of exactly that snapshot.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Callable

from lstm_studio.engine import GATES
from lstm_studio.engine.heap import return_free_pages
from lstm_studio.session.deferred import DeferredDocument
from lstm_studio.session.document import NetworkConfig, SessionDocument, engine_network, evaluate_document

IDLE_SECONDS = 20.0
"""A worker thread without work for this long ends (a new job starts a new one)."""
HANDOVER_ABOVE_SECONDS = 0.2
"""After a job that took this long or more, the worker starts the next one only once the result
has been taken (:meth:`Job.take`; the result it replaces is then let go): otherwise, while a
drag goes on, three evaluations were alive at once (the one shown, the finished one on its
way to the GUI thread and the next one). The worker then returns the C heap's free pages
(:func:`~lstm_studio.engine.heap.return_free_pages`): the heaps kept what the replaced result
had held, 0.6 GB at the largest sizes, while the next one was computed."""
HANDOVER_TIMEOUT_SECONDS = 2.0
"""Longest such wait (a result nobody takes: its model is gone)."""

STEP_SECONDS = 25e-6
"""Estimated Python overhead of one time step of one layer and direction, forward + BPTT."""
PRODUCT_SECONDS = 0.6e-9
"""Estimated seconds per weight of a gate block per time step (forward + BPTT products)."""


def estimated_seconds(config: NetworkConfig) -> float:
    """A rough estimate of forward + BPTT of ``config`` on one core (the order of magnitude, from
    measurements on the development machine: LSTM H=32, T=50: 1.3 ms; H=256, T=500: 90 ms)."""
    gates = len(GATES[config.kind])
    directions = config.num_directions
    embedding = config.input_size * config.embedding_size
    seconds = 3 * config.seq_len * embedding * PRODUCT_SECONDS  # x E, dL/dE, dL/dx
    for layer in range(config.num_layers):
        first = config.embedding_size or config.input_size
        inputs = first if layer == 0 else directions * config.hidden_size
        weights = gates * config.hidden_size * (inputs + config.hidden_size + 1)
        seconds += directions * config.seq_len * (STEP_SECONDS + weights * PRODUCT_SECONDS)
    return seconds


def snapshot(doc: SessionDocument) -> SessionDocument:
    """A document that keeps ``doc``'s present numbers when ``doc`` is edited through the session
    model: new dictionaries holding the same arrays (the model replaces arrays, never writes into
    them). Its ``view`` is ``doc``'s own (the view state is live, not part of an evaluation)."""
    return replace(doc, parameters=dict(doc.parameters), readout=dict(doc.readout),
                   training=dict(doc.training), history=dict(doc.history),
                   kind_weights=dict(doc.kind_weights))


WORKER_NICENESS = 10
"""How much lower than the GUI thread's the worker thread's scheduling priority is (Linux nice)."""


def lower_priority(niceness: int = WORKER_NICENESS) -> None:
    """Lower this thread's scheduling priority (Linux: threads have their own nice value), so that
    on a busy machine the GUI thread gets a core before the computation does."""
    try:
        tid = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, min(19, current + niceness))
    except (AttributeError, OSError):  # not Linux, or not allowed: the same priority
        pass


class Cancelled(BaseException):
    """Raised in the worker thread to cut a job short. A BaseException, so that no
    ``except Exception`` on the way takes it for an error."""


def _raise_in_thread(ident: int, exception: type[BaseException]) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(exception))


@dataclass(eq=False)
class Job:
    """One evaluation of ``document`` (a :func:`snapshot`; or a held change of sizes still to be
    made, a :class:`DeferredDocument`, which the worker replaces by a snapshot of what it makes)
    for the model's document generation ``generation``. ``evaluation`` is set when it finished, ``error`` when the engine raised,
    ``cancelled`` when it was cut short or dropped before it started."""

    generation: int
    document: SessionDocument | DeferredDocument
    evaluation: object = None
    error: BaseException | None = None
    cancelled: bool = False
    seconds: float = 0.0
    done: threading.Event = field(default_factory=threading.Event)
    taken: threading.Event = field(default_factory=threading.Event)

    @property
    def finished(self) -> bool:
        return self.done.is_set()

    def take(self) -> None:
        """Say that whoever waited for the result has it (shown or not needed), and lets go of
        the one it replaced: the worker may start the next job (``HANDOVER_ABOVE_SECONDS``)."""
        self.taken.set()

    def run(self, network=None, readout=None) -> None:
        """Evaluate here (any thread); sets the result fields but not ``done``."""
        started = time.perf_counter()
        self.evaluation = evaluate_document(self.document, network, readout)
        self.seconds = time.perf_counter() - started


class Recomputer:
    """One worker thread evaluating :class:`Job` s, the newest waiting one first.

    ``on_done(job)`` is called in the worker thread after each job that ran (finished, failed or
    cancelled) and for a waiting job replaced by a newer one (cancelled, never ran); it must only
    hand the job over (the session model emits a queued Qt signal). ``prepare(evaluation)``, if
    given, is called in the worker after each evaluation, before ``on_done``: what the GUI
    thread would otherwise compute from the result (the panels' binned heatmaps,
    :mod:`lstm_studio.session.binning`); an error in it is not the job's."""

    def __init__(self, on_done: Callable[[Job], None], *, idle_seconds: float = IDLE_SECONDS,
                 prepare: Callable[[object], None] | None = None):
        self._on_done = on_done
        self._prepare = prepare
        self._idle_seconds = idle_seconds
        self._condition = threading.Condition()
        self._waiting: Job | None = None
        self._running: Job | None = None
        self._thread: threading.Thread | None = None
        self._interrupt_lock = threading.Lock()
        self._ident: int | None = None
        self._in_job = False
        self._interrupted = False
        self._network_config = None  # the worker's network and read-out, reused while the structure stays
        self._network = self._readout = None

    # -- the GUI thread ----------------------------------------------------------------------
    @property
    def running(self) -> Job | None:
        with self._condition:
            return self._running

    @property
    def busy(self) -> bool:
        with self._condition:
            return self._running is not None or self._waiting is not None

    def submit(self, job: Job) -> None:
        """Evaluate ``job`` as soon as the running job (if any) is over; a job still waiting is
        dropped (cancelled, reported through ``on_done``)."""
        with self._condition:
            dropped, self._waiting = self._waiting, job
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="lstm-studio recompute", daemon=True)
                self._thread.start()
            self._condition.notify_all()
        if dropped is not None:
            self._drop(dropped)

    def cancel(self, *, keep: int | None = None) -> None:
        """Drop the waiting job and cut the running one short, except a job whose generation is
        ``keep``. Returns at once; a cut job reports through ``on_done`` when it has stopped."""
        with self._condition:
            dropped = self._waiting if self._waiting is not None and self._waiting.generation != keep else None
            if dropped is not None:
                self._waiting = None
            running = self._running
        if dropped is not None:
            self._drop(dropped)
        if running is not None and running.generation != keep:
            self._interrupt(running)

    def wait(self, job: Job, timeout: float | None = None) -> bool:
        """Wait until ``job`` has run (True) or ``timeout`` seconds have passed (False)."""
        return job.done.wait(timeout)

    def _drop(self, job: Job) -> None:
        job.cancelled = True
        job.done.set()
        self._report(job)

    def _interrupt(self, job: Job) -> None:
        # the lock is only ever held for a few instructions; a timeout keeps a cancel from hanging
        if not self._interrupt_lock.acquire(timeout=1.0):
            return
        try:
            if self._in_job and not self._interrupted and self._running is job:
                self._interrupted = True
                _raise_in_thread(self._ident, Cancelled)
        finally:
            self._interrupt_lock.release()

    # -- the worker thread -------------------------------------------------------------------
    def _loop(self) -> None:
        self._ident = threading.get_ident()
        lower_priority()
        while True:
            with self._condition:
                if self._waiting is None:
                    self._condition.wait(self._idle_seconds)
                if self._waiting is None:
                    self._thread = None  # ends; the next submit starts a new thread
                    return
                job, self._waiting = self._waiting, None
                self._running = job
            try:
                self._run(job)
            except Cancelled:
                job.cancelled = True
            with self._condition:
                self._running = None
            job.done.set()
            self._report(job)
            if job.evaluation is not None and job.seconds >= HANDOVER_ABOVE_SECONDS:
                job.taken.wait(HANDOVER_TIMEOUT_SECONDS)
                return_free_pages()  # what the replaced result held, before the next job (heap.py)

    def _report(self, job: Job) -> None:
        try:
            self._on_done(job)
        except RuntimeError:  # whoever wanted the result is gone (its Qt object was deleted)
            pass

    def _prepare_drawings(self, job: Job) -> None:
        if self._prepare is None:
            return
        try:
            self._prepare(job.evaluation)
        except Exception:  # noqa: BLE001 - the GUI thread then draws from the full result
            pass

    def _run(self, job: Job) -> None:
        with self._interrupt_lock:
            self._in_job, self._interrupted = True, False
        try:
            try:
                if isinstance(job.document, DeferredDocument):  # a held change of sizes: made here
                    job.document = snapshot(job.document.result())
                config = job.document.config
                if config != self._network_config:
                    self._network_config = None
                    # the snapshot's arrays, shared (never written in place): no duplicate weights
                    self._network, self._readout = engine_network(job.document, share=True)
                    self._network_config = config
                else:
                    self._network.load_parameters(job.document.parameters, copy=False)
                    self._readout.load_parameters(job.document.readout)
                job.run(self._network, self._readout)
                self._prepare_drawings(job)
            except Exception as exc:  # noqa: BLE001 - the thread must report, not vanish
                self._network_config = None
                job.error = exc
        finally:
            with self._interrupt_lock:
                self._in_job = False
                if self._interrupted:  # a Cancelled not delivered yet must not land after the job
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._ident), None)
        if self._interrupted:
            raise Cancelled
