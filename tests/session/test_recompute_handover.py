"""The background worker's handover (session/recompute.py): after a long job, the next one starts
only once the result has been taken (the result it replaces is then let go), and the heap's free
pages go back first; a result nobody takes holds the next job up for a bounded time only."""

import threading
import time

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
