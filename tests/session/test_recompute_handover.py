"""The background worker's handover (session/recompute.py): after a long job, the next one starts
only once the result has been taken (the result it replaces is then let go), and the heap's free
pages go back first; a result nobody takes holds the next job up for a bounded time only. Also
the worker's other promises without Qt: a cancel cuts the running job short (without an error,
even when the interruption never lands) and drops the waiting one, except the generation kept;
waiting is bounded; the rough estimate that decides what goes to the worker."""

import threading
import time

import pytest

from lstm_studio.session import recompute
from lstm_studio.session.document import NetworkConfig, new_document

DOC = new_document(NetworkConfig(kind="gru", hidden_size=4, seq_len=6))


def worker_with_two_jobs(monkeypatch, timeout):
    """A worker whose every job counts as long, the first job done and the second waiting."""
    monkeypatch.setattr(recompute, "HANDOVER_ABOVE_SECONDS", 0.0)
    monkeypatch.setattr(recompute, "HANDOVER_TIMEOUT_SECONDS", timeout)
    trims, reported = [], []
    monkeypatch.setattr(recompute, "return_free_pages", lambda: trims.append(time.perf_counter()))
    gate = threading.Event()
    real = recompute.evaluate_document

    def held(doc, network=None, readout=None):
        gate.wait(30)
        return real(doc, network, readout)

    monkeypatch.setattr(recompute, "evaluate_document", held)
    worker = recompute.Recomputer(lambda job: reported.append(job))
    first, second = recompute.Job(1, recompute.snapshot(DOC)), recompute.Job(2, recompute.snapshot(DOC))
    worker.submit(first)
    while worker.running is not first:
        time.sleep(0.001)
    worker.submit(second)  # waits for the first
    gate.set()
    assert first.done.wait(30)
    return worker, first, second, trims, reported


def test_the_next_job_starts_once_the_result_is_taken_and_the_free_pages_went_back(monkeypatch):
    worker, first, second, trims, reported = worker_with_two_jobs(monkeypatch, timeout=30.0)
    time.sleep(0.3)
    assert reported == [first] and worker.running is None and not second.done.is_set()
    assert trims == []
    taken = time.perf_counter()
    first.take()
    assert second.done.wait(30) and second.evaluation is not None
    assert len(trims) >= 1 and trims[0] >= taken  # after the take, before the next job
    assert reported == [first, second]


def test_a_result_nobody_takes_holds_the_next_job_up_for_a_bounded_time(monkeypatch):
    worker, first, second, trims, reported = worker_with_two_jobs(monkeypatch, timeout=0.3)
    started = time.perf_counter()
    assert second.done.wait(30) and second.evaluation is not None
    assert time.perf_counter() - started < 10
    assert not first.taken.is_set() and len(trims) >= 1


def test_a_short_job_is_not_held_up(monkeypatch):
    monkeypatch.setattr(recompute, "HANDOVER_ABOVE_SECONDS", 3600.0)
    monkeypatch.setattr(recompute, "HANDOVER_TIMEOUT_SECONDS", 3600.0)
    worker = recompute.Recomputer(lambda job: None)
    first, second = recompute.Job(1, recompute.snapshot(DOC)), recompute.Job(2, recompute.snapshot(DOC))
    worker.submit(first)
    worker.submit(second)
    assert second.done.wait(30)  # nobody took the first: it was short


def test_waiting_for_a_job_gives_up_after_the_timeout_and_says_so():
    worker = recompute.Recomputer(lambda job: None)
    never = recompute.Job(1, recompute.snapshot(DOC))  # never submitted: never done
    started = time.perf_counter()
    assert worker.wait(never, 0.05) is False
    assert time.perf_counter() - started < 10
    done = recompute.Job(2, recompute.snapshot(DOC))
    done.done.set()
    assert worker.wait(done, 0.05) is True and worker.wait(done) is True


def gated_worker(monkeypatch):
    """A worker whose evaluations wait in a Python loop (where a cancel lands at once) until
    ``gate`` is set; ``started`` is set when one begins."""
    gate, started = threading.Event(), threading.Event()
    real = recompute.evaluate_document

    def held(doc, network=None, readout=None):
        started.set()
        while not gate.is_set():
            time.sleep(0.002)
        return real(doc, network, readout)

    monkeypatch.setattr(recompute, "evaluate_document", held)
    reported = []
    return recompute.Recomputer(reported.append), gate, started, reported


def test_a_cancelled_job_is_cut_short_without_an_error_and_the_worker_goes_on(monkeypatch):
    worker, gate, started, reported = gated_worker(monkeypatch)
    job = recompute.Job(1, recompute.snapshot(DOC))
    worker.submit(job)
    assert started.wait(30)
    worker.cancel()
    assert job.done.wait(30)
    assert job.cancelled is True and job.error is None and job.evaluation is None
    assert reported == [job]
    gate.set()
    second = recompute.Job(2, recompute.snapshot(DOC))
    worker.submit(second)
    assert second.done.wait(30) and second.evaluation is not None
    assert second.cancelled is False and second.error is None and reported == [job, second]


def test_a_job_ending_before_its_interruption_lands_counts_as_cut_short(monkeypatch):
    """The cancel came too late to land in the job (here: it never lands): the job is reported
    cut short all the same, and nothing lands in the worker afterwards."""
    worker, gate, started, reported = gated_worker(monkeypatch)
    monkeypatch.setattr(recompute, "_raise_in_thread", lambda ident, exception: None)
    job = recompute.Job(1, recompute.snapshot(DOC))
    worker.submit(job)
    assert started.wait(30)
    worker.cancel()
    gate.set()
    assert job.done.wait(30)
    assert job.cancelled is True and job.error is None and reported == [job]
    second = recompute.Job(2, recompute.snapshot(DOC))
    worker.submit(second)
    assert second.done.wait(30) and second.evaluation is not None and second.cancelled is False


def test_a_waiting_job_replaced_by_a_newer_one_is_reported_cancelled_unrun(monkeypatch):
    worker, gate, started, reported = gated_worker(monkeypatch)
    first, second, third = (recompute.Job(g, recompute.snapshot(DOC)) for g in (1, 2, 3))
    worker.submit(first)
    assert started.wait(30)
    worker.submit(second)
    worker.submit(third)  # replaces the second
    assert second.done.is_set() and second.cancelled is True and second.evaluation is None
    assert reported == [second]
    gate.set()
    assert third.done.wait(30) and third.evaluation is not None and third.cancelled is False
    assert first.evaluation is not None and reported == [second, first, third]


def running_and_waiting(monkeypatch):
    """A gated worker running job 1 with job 2 waiting: (worker, gate, reported, first, second)."""
    worker, gate, started, reported = gated_worker(monkeypatch)
    first, second = recompute.Job(1, recompute.snapshot(DOC)), recompute.Job(2, recompute.snapshot(DOC))
    worker.submit(first)
    assert started.wait(30)
    worker.submit(second)
    return worker, gate, reported, first, second


def test_cancel_keeps_the_job_of_the_generation_it_is_told_to_keep(monkeypatch):
    worker, gate, reported, first, second = running_and_waiting(monkeypatch)
    worker.cancel(keep=2)  # the waiting one kept, the running one cut short
    assert first.done.wait(30) and first.cancelled is True and not second.done.is_set()
    gate.set()
    assert second.done.wait(30) and second.evaluation is not None and second.cancelled is False
    assert reported == [first, second]


def test_cancel_keeping_the_running_job_drops_only_the_waiting_one(monkeypatch):
    worker, gate, reported, first, second = running_and_waiting(monkeypatch)
    worker.cancel(keep=1)
    assert second.done.is_set() and second.cancelled is True and reported == [second]
    gate.set()
    assert first.done.wait(30) and first.evaluation is not None and first.cancelled is False
    assert reported == [second, first]


def test_the_rough_estimate_counts_the_embedding_the_layers_and_the_steps():
    # GRU over an embedding of 30 characters in 8 numbers, 16 units, 40 steps: x E, dL/dE and
    # dL/dx, then per step 25 µs and 0.6 ns for each of 3 x 16 x (8 + 16 + 1) weights
    config = NetworkConfig(kind="gru", input_size=30, embedding_size=8, hidden_size=16, seq_len=40,
                           output_size=30)
    expected = 3 * 40 * 30 * 8 * 0.6e-9 + 40 * (25e-6 + 3 * 16 * 25 * 0.6e-9)
    assert recompute.estimated_seconds(config) == pytest.approx(expected, rel=1e-12)
    # two layers both ways: the second layer's input is both directions' states
    config = NetworkConfig(kind="lstm", input_size=3, hidden_size=4, num_layers=2, bidirectional=True,
                           seq_len=10)
    expected = 2 * 10 * (25e-6 + 4 * 4 * 8 * 0.6e-9) + 2 * 10 * (25e-6 + 4 * 4 * 13 * 0.6e-9)
    assert recompute.estimated_seconds(config) == pytest.approx(expected, rel=1e-12)


def test_a_fresh_worker_is_idle_and_a_finished_one_too():
    worker = recompute.Recomputer(lambda job: None)
    assert worker.busy is False and worker.running is None
    job = recompute.Job(1, recompute.snapshot(DOC))
    started = time.perf_counter()
    worker.submit(job)
    assert job.done.wait(30)
    elapsed = time.perf_counter() - started
    assert worker.running is None and worker.busy is False
    assert 0 < job.seconds <= elapsed and job.evaluation is not None and job.error is None


def test_the_worker_thread_ends_when_idle_and_a_new_one_starts_for_the_next_job():
    threads = []
    worker = recompute.Recomputer(lambda job: threads.append(threading.current_thread()), idle_seconds=0.05)
    first = recompute.Job(1, recompute.snapshot(DOC))
    worker.submit(first)
    assert first.done.wait(30)
    deadline = time.monotonic() + 30
    while threads[0].is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not threads[0].is_alive() and worker._thread is None  # ended after 0.05 s without work
    second = recompute.Job(2, recompute.snapshot(DOC))
    worker.submit(second)
    assert second.done.wait(30) and second.evaluation is not None
    assert threads[1] is not threads[0]


def test_the_worker_is_a_named_daemon_thread_at_a_lower_priority(monkeypatch):
    import os

    seen = []
    real = recompute.evaluate_document

    def noted(doc, network=None, readout=None):
        thread = threading.current_thread()
        seen.append((thread.name, thread.daemon, os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
        return real(doc, network, readout)

    monkeypatch.setattr(recompute, "evaluate_document", noted)
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    worker = recompute.Recomputer(lambda job: None)
    job = recompute.Job(1, recompute.snapshot(DOC))
    worker.submit(job)
    assert job.done.wait(30) and job.error is None
    assert seen == [("lstm-studio recompute", True, min(19, mine + recompute.WORKER_NICENESS))]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine  # this thread's unchanged


def test_lowering_a_threads_priority_adds_to_its_nice_value_up_to_19():
    import os

    seen = {}

    def lowered(niceness):
        tid = threading.get_native_id()
        before = os.getpriority(os.PRIO_PROCESS, tid)
        recompute.lower_priority(niceness)
        seen[niceness] = (before, os.getpriority(os.PRIO_PROCESS, tid))

    for niceness in (2, 100):
        thread = threading.Thread(target=lowered, args=(niceness,))
        thread.start()
        thread.join(30)
    before, after = seen[2]
    assert after == min(19, before + 2)
    assert seen[100][1] == 19


def test_a_failed_long_job_does_not_hold_the_next_one_up(monkeypatch):
    monkeypatch.setattr(recompute, "HANDOVER_ABOVE_SECONDS", 0.0)
    monkeypatch.setattr(recompute, "HANDOVER_TIMEOUT_SECONDS", 3600.0)
    real, calls = recompute.evaluate_document, []

    def first_fails(doc, network=None, readout=None):
        calls.append(doc)
        if len(calls) == 1:
            raise MemoryError("no room")
        return real(doc, network, readout)

    monkeypatch.setattr(recompute, "evaluate_document", first_fails)
    worker = recompute.Recomputer(lambda job: None)
    first, second = recompute.Job(1, recompute.snapshot(DOC)), recompute.Job(2, recompute.snapshot(DOC))
    worker.submit(first)
    assert first.done.wait(30) and isinstance(first.error, MemoryError)
    worker.submit(second)
    assert second.done.wait(30) and second.evaluation is not None  # nobody took the failed one


def test_a_job_of_exactly_the_handover_time_waits_to_be_taken(monkeypatch):
    monkeypatch.setattr(recompute, "HANDOVER_ABOVE_SECONDS", 0.25)
    monkeypatch.setattr(recompute, "HANDOVER_TIMEOUT_SECONDS", 3600.0)
    monkeypatch.setattr(recompute, "return_free_pages", lambda: None)

    def run(self, network=None, readout=None):
        self.evaluation, self.seconds = object(), 0.25

    monkeypatch.setattr(recompute.Job, "run", run)
    worker = recompute.Recomputer(lambda job: None)
    first, second = recompute.Job(1, recompute.snapshot(DOC)), recompute.Job(2, recompute.snapshot(DOC))
    worker.submit(first)
    assert first.done.wait(30)
    worker.submit(second)
    time.sleep(0.3)
    assert not second.done.is_set()  # the worker waits for the first result to be taken
    first.take()
    assert second.done.wait(30)


def test_a_snapshot_has_containers_of_its_own_holding_the_same_arrays():
    doc = new_document(NetworkConfig(kind="lstm", hidden_size=3, seq_len=4))
    doc.training["lr"] = 0.5
    doc.history["loss"] = [1.0]
    doc.kind_weights["gru"] = {}
    snap = recompute.snapshot(doc)
    for name in ("parameters", "readout", "training", "history", "kind_weights"):
        mine, theirs = getattr(snap, name), getattr(doc, name)
        assert mine is not theirs and all(mine[key] is theirs[key] for key in theirs), name
    assert snap.view is doc.view and snap.config == doc.config
    doc.parameters["weight_hh_l0"] = doc.parameters["weight_hh_l0"] + 1.0
    doc.training["lr"] = 0.1
    assert snap.parameters["weight_hh_l0"] is not doc.parameters["weight_hh_l0"] and snap.training["lr"] == 0.5


def test_the_worker_evaluates_the_documents_own_arrays_in_one_network_per_structure(monkeypatch):
    from lstm_studio.session import document as document_module

    built, inside = [], []
    real = recompute.engine_network
    monkeypatch.setattr(recompute, "engine_network", lambda doc, **kw: built.append(kw) or real(doc, **kw))
    # the evaluation is given the worker's network and read-out: it builds none of its own
    monkeypatch.setattr(document_module, "engine_network", lambda doc, **kw: inside.append(kw) or real(doc, **kw))
    worker = recompute.Recomputer(lambda job: None)
    first = recompute.Job(1, recompute.snapshot(DOC))
    worker.submit(first)
    assert first.done.wait(30) and first.error is None
    own = worker._network.parameters(copy=False)
    assert all(own[name] is array for name, array in first.document.parameters.items())
    changed = recompute.snapshot(DOC)
    changed.parameters["weight_hh_l0"] = changed.parameters["weight_hh_l0"] * 0.5
    second = recompute.Job(2, changed)
    worker.submit(second)
    assert second.done.wait(30) and second.error is None
    own = worker._network.parameters(copy=False)
    assert all(own[name] is array for name, array in changed.parameters.items())
    assert built == [{"share": True}] and inside == []  # the same structure: the network is reused
