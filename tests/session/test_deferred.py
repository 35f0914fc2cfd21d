"""A change of sizes made when first asked for (``DeferredDocument``): what the model needs to
decide is known at once, the document is exactly ``reconfigured``'s, made once, by one thread."""

import threading

import pytest

from lstm_studio.session import deferred
from lstm_studio.session.deferred import DeferredDocument, resolved
from lstm_studio.session.document import NetworkConfig, SessionDocument, new_document, reconfigured


@pytest.fixture
def document():
    doc = new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=5, output_size=2, seq_len=20))
    doc.free_run_from = 15  # feeding its predictions back from step 15 (inputs = outputs: it fits)
    return doc


def test_what_the_model_decides_with_is_known_before_anything_is_made(document, monkeypatch):
    made = []
    monkeypatch.setattr(deferred, "reconfigured", lambda doc, **changes: made.append(changes))
    change = DeferredDocument(document, seq_len=10, hidden_size=8)
    assert change.config == NetworkConfig(kind="lstm", input_size=2, hidden_size=8, output_size=2, seq_len=10)
    assert change.free_run_from == 9  # moved back to the last step, as the document will have it
    assert change.loss == document.loss and change.built is None and made == []
    assert DeferredDocument(document, input_size=3).free_run_from is None  # no longer fits: off
    with pytest.raises(ValueError) as refused:
        DeferredDocument(document, size=3, width=2)
    assert str(refused.value) == "Unknown setting(s): size, width."
    with pytest.raises(ValueError):
        DeferredDocument(document, hidden_size=0)  # refused as the config refuses it


def test_the_document_is_reconfigureds_made_once_and_copied_for_whoever_changes_it(document):
    change = DeferredDocument(document, seq_len=10, hidden_size=8)
    assert change.copy() is change  # not made yet: the change itself
    made = change.result()
    assert made is change.result() is change.built
    assert made.equals(reconfigured(document, seq_len=10, hidden_size=8))
    assert made.free_run_from == change.free_run_from == 9
    assert not made.parameters["weight_hh_l0"].flags.writeable  # shared read-only
    copy = change.copy()
    assert isinstance(copy, SessionDocument) and copy is not made and copy.equals(made)
    mine = resolved(change)
    assert mine is not made and mine.equals(made)
    assert resolved(document) is document


def test_a_change_of_a_change_is_made_in_order(document):
    first = DeferredDocument(document, hidden_size=8)
    second = DeferredDocument(first, kind="gru", seq_len=12)
    assert second.config.kind == "gru" and second.config.hidden_size == 8 and first.built is None
    assert second.result().equals(reconfigured(reconfigured(document, hidden_size=8), kind="gru", seq_len=12))
    assert first.built is not None


def test_threads_asking_at_once_get_the_one_document(document, monkeypatch):
    calls = []
    gate = threading.Event()
    real = deferred.reconfigured

    def slow(doc, **changes):
        calls.append(threading.get_ident())
        gate.wait(5)
        return real(doc, **changes)

    monkeypatch.setattr(deferred, "reconfigured", slow)
    change = DeferredDocument(document, hidden_size=8)
    results = []
    threads = [threading.Thread(target=lambda: results.append(change.result())) for _ in range(3)]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join(10)
    assert len(calls) == 1 and len(results) == 3 and all(r is results[0] for r in results)
