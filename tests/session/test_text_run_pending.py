"""The first run over a text of a large network is computed in the background (issue 14): the
cache says it is pending and returns None until the run is delivered; an older request's run
never lands; a failed run is not waited for."""

import numpy as np

from lstm_studio.session.document import reconfigured
from lstm_studio.session.experiments import task_document
from lstm_studio.session.text_run import TextRunCache, run_document

TEXT = "the cat sat on the mat. (a (b) c) \"quoted\" and more text here.\n" * 4


class Worker:
    """Keeps the requests; the test computes and delivers them."""

    def __init__(self):
        self.requests = []

    def submit(self, token, document):
        self.requests.append((token, document))


def delivered(cache, request):
    token, document = request
    return cache.deliver(token, run_document(document))


def test_a_first_run_is_requested_and_pending_until_delivered():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache, worker = TextRunCache(), Worker()
    assert cache.get(doc, background=worker, first_in_background=True) is None
    assert cache.pending and len(worker.requests) == 1
    assert cache.get(doc, background=worker, first_in_background=True) is None
    assert len(worker.requests) == 1  # asked once
    assert delivered(cache, worker.requests[0])
    assert not cache.pending
    run = cache.get(doc, background=worker, first_in_background=True)
    assert run is not None and len(worker.requests) == 1
    np.testing.assert_array_equal(run.of("h"), run_document(doc).of("h"))


def test_without_first_in_background_a_first_run_is_computed_at_once():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache, worker = TextRunCache(), Worker()
    assert cache.get(doc, background=worker) is not None
    assert not worker.requests and not cache.pending


def test_new_sizes_are_pending_and_an_older_requests_run_never_lands():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache, worker = TextRunCache(), Worker()
    old = cache.get(doc)
    wider = reconfigured(doc, hidden_size=doc.config.hidden_size + 3)
    assert cache.get(wider, background=worker, first_in_background=True) is None and cache.pending
    widest = reconfigured(doc, hidden_size=doc.config.hidden_size + 5)
    assert cache.get(widest, background=worker, first_in_background=True) is None
    assert not delivered(cache, worker.requests[0])  # asked for sizes no longer wanted
    assert cache.pending
    assert delivered(cache, worker.requests[1])
    run = cache.get(widest)
    assert run is not old and run.hidden_size == widest.config.hidden_size


def test_a_failed_first_run_is_not_waited_for():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache, worker = TextRunCache(), Worker()
    assert cache.get(doc, background=worker, first_in_background=True) is None
    token, _ = worker.requests[0]
    assert cache.deliver(token, None)  # the views learn there is nothing to wait for
    assert not cache.pending
    assert cache.get(doc, background=worker, first_in_background=True) is None
    assert len(worker.requests) == 1  # not asked again


def test_the_model_reads_a_large_networks_text_in_the_background(qtbot, monkeypatch):
    import threading

    from lstm_studio.session import text_runs
    from lstm_studio.session import text_run_worker
    from lstm_studio.session.model import SessionModel
    from lstm_studio.session.text_run import estimated_text_run_seconds

    small = task_document("next_char", text=TEXT, seq_len=12)
    large = reconfigured(task_document("next_char", text=TEXT * 40, seq_len=12), hidden_size=200)
    assert estimated_text_run_seconds(small) < text_runs.TEXT_RUN_FIRST_AT_ONCE_SECONDS \
        <= estimated_text_run_seconds(large)
    model = SessionModel(small)
    assert model.text_run() is not None and not model.text_run_pending  # small: at once
    # every first run counted as slow, on the small text (so that the test's run stays short)
    monkeypatch.setattr(text_runs, "TEXT_RUN_FIRST_AT_ONCE_SECONDS", 0.0)
    threads = []
    original = text_run_worker.run_document

    def recording(document, **options):
        threads.append(threading.current_thread())
        return original(document, **options)

    monkeypatch.setattr(text_run_worker, "run_document", recording)
    model.set_config(hidden_size=9)
    with qtbot.waitSignal(model.textRunChanged, timeout=30_000):
        assert model.text_run() is None and model.text_run_pending
    assert threads and threading.main_thread() not in threads
    run = model.text_run()
    assert not model.text_run_pending and run.hidden_size == 9
    np.testing.assert_array_equal(run.of("h"), run_document(model.document).of("h"))
