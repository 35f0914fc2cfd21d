"""The run over a session's text in detail (mutation testing, issue 17): the budget, the run's
bookkeeping, the cache's requests and deliveries, the ranking, matches and saturation at their
edges, and the background worker."""

import threading

import numpy as np
import pytest

from lstm_studio.engine import build_network
from lstm_studio.session.document import NetworkConfig, reconfigured
from lstm_studio.session.experiments import task_document
from lstm_studio.session.recompute import estimated_seconds
from lstm_studio.session.text_run import (
    LEFT_SATURATED,
    MATCH_LEVEL,
    MAX_RUN_CHARACTERS,
    NEIGHBOURHOOD,
    RIGHT_SATURATED,
    TextRun,
    TextRunCache,
    characters_within_budget,
    estimated_text_run_seconds,
    matches,
    neighbourhood,
    quantities,
    rank_units,
    run_document,
    run_text,
    saturation,
    sigmoid_gates,
    window_at,
    window_start,
)
from lstm_studio.session.text_run_worker import TextRunWorker

TEXT = "the cat sat on the mat. (a (b) c) \"quoted\" and more text here.\n" * 4


def test_quantities_are_h_c_and_the_gates_of_each_kind():
    assert quantities("lstm") == ("h", "c", "i", "f", "g", "o")
    assert quantities("lstm_nofg") == ("h", "c", "i", "g", "o")
    assert quantities("gru") == ("h", "r", "z", "n")
    assert quantities("rnn_tanh") == ("h",) and quantities("rnn_relu") == ("h",)


def test_sigmoid_gates_are_the_gates_that_saturate_at_zero_and_one():
    assert sigmoid_gates("lstm") == ("i", "f", "o")
    assert sigmoid_gates("gru") == ("r", "z")
    assert sigmoid_gates("rnn_tanh") == ()


def test_the_budget_counts_four_bytes_per_value_and_one_float64_layer_output():
    config = NetworkConfig(kind="lstm", input_size=5, hidden_size=10, num_layers=2, bidirectional=True,
                           output_size=5)
    per_character = 4 * (2 * 2 * 10) * 6 + 8 * 2 * 10  # 960 + 160
    assert characters_within_budget(config, budget=per_character * 7, limit=100) == 7
    assert characters_within_budget(config, budget=per_character * 7 - 1, limit=100) == 6
    assert characters_within_budget(config, budget=per_character * 7, limit=5) == 5
    assert characters_within_budget(config, budget=1, limit=100) == 1  # never none
    gru = NetworkConfig(kind="gru", input_size=5, hidden_size=10, output_size=5)
    assert characters_within_budget(gru, budget=(4 * 10 * 4 + 8 * 10) * 3, limit=100) == 3
    assert characters_within_budget(gru, budget=10 ** 12) == MAX_RUN_CHARACTERS


def test_a_run_names_its_units_layer_by_layer_direction_by_direction():
    run = TextRun(text="ab", total=2, kind="rnn_tanh", num_layers=2, num_directions=2, hidden_size=3,
                  values={(layer, direction): {"h": np.full((2, 3), 10.0 * layer + direction, dtype=np.float32)}
                          for layer in range(2) for direction in range(2)})
    assert run.keys() == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert [run.unit_of(k) for k in (0, 2, 3, 5, 6, 11)] == [(0, 0, 0), (0, 0, 2), (0, 1, 0), (0, 1, 2),
                                                               (1, 0, 0), (1, 1, 2)]
    np.testing.assert_array_equal(run.stacked("h")[0], [0, 0, 0, 1, 1, 1, 10, 10, 10, 11, 11, 11])
    assert run.nbytes == 4 * 2 * 3 * 4
    assert run.quantities == ("h",)


def test_a_run_in_chunks_of_any_size_gives_the_same_numbers_and_keeps_its_text_and_total():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    config = doc.config
    inputs = np.eye(config.input_size)[np.arange(40) % config.input_size]
    whole = run_text(config, doc.parameters, inputs, dtype=np.float64)
    assert whole.total == 40 and whole.text == "" and whole.of("h").dtype == np.float64
    for chunk in (1, 7, 40, 100):
        run = run_text(config, doc.parameters, inputs, chunk=chunk, dtype=np.float64, text="x", total=99)
        assert run.text == "x" and run.total == 99
        for name in run.quantities:
            np.testing.assert_allclose(run.of(name), whole.of(name), atol=1e-12)
    assert run_text(config, doc.parameters, inputs).of("c").dtype == np.float32


def test_a_run_starts_from_the_state_given():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    config = doc.config
    inputs = np.eye(config.input_size)[np.arange(5) % config.input_size]
    h0 = np.full((1, config.hidden_size), 0.5)
    c0 = np.full((1, config.hidden_size), -0.7)
    network = build_network("lstm", config.input_size, config.hidden_size)
    network.load_parameters(doc.parameters)
    trace = network.forward(inputs, h0=h0, c0=c0)
    run = run_text(config, doc.parameters, inputs, h0, c0, dtype=np.float64)
    np.testing.assert_allclose(run.of("c"), trace.layers[0][0].c[:, 0], atol=1e-12)
    zero = run_text(config, doc.parameters, inputs, dtype=np.float64)
    np.testing.assert_allclose(zero.of("c"), network.forward(inputs).layers[0][0].c[:, 0], atol=1e-12)


def test_run_document_starts_from_the_documents_h0_and_c0():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    doc.h0 = np.full_like(doc.h0, 0.3)
    doc.c0 = np.full_like(doc.c0, -0.4)
    run = run_document(doc, dtype=np.float64)
    assert run.of("c").dtype == np.float64 and run_document(doc).of("c").dtype == np.float32
    vocabulary = "".join(sorted(set(TEXT)))
    inputs = np.eye(len(vocabulary))[[vocabulary.index(ch) for ch in TEXT]]
    network = build_network("lstm", doc.config.input_size, doc.config.hidden_size)
    network.load_parameters(doc.parameters)
    trace = network.forward(inputs, h0=doc.h0, c0=doc.c0)
    np.testing.assert_allclose(run.of("c"), trace.layers[0][0].c[:, 0], atol=1e-12)
    gru = reconfigured(doc, kind="gru")
    assert run_document(gru).quantities == ("h", "r", "z", "n")


def test_run_document_is_none_when_the_sizes_no_longer_match_the_text():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    wrong = reconfigured(doc, input_size=doc.config.input_size + 1, output_size=doc.config.output_size + 1)
    assert run_document(wrong) is None


def test_run_document_covers_as_many_characters_as_the_budget_allows():
    doc = task_document("next_char", text=TEXT * 60, seq_len=12)
    run = run_document(doc)
    assert len(run.text) == min(len(TEXT) * 60, characters_within_budget(doc.config))
    assert run.total == len(TEXT) * 60 and run.text == (TEXT * 60)[:len(run.text)]


def test_the_estimated_time_is_half_a_training_step_per_window_of_the_text_covered():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    assert estimated_text_run_seconds(doc) == pytest.approx(0.5 * estimated_seconds(doc.config) * len(TEXT) / 12)
    longer = task_document("next_char", text=TEXT * 2, seq_len=12)
    assert estimated_text_run_seconds(longer) == pytest.approx(2 * estimated_text_run_seconds(doc))
    assert estimated_text_run_seconds(task_document("adding")) == 0.0


def test_the_estimate_counts_only_the_characters_within_budget(monkeypatch):
    from lstm_studio.session import text_run
    doc = task_document("next_char", text=TEXT, seq_len=12)
    monkeypatch.setattr(text_run, "characters_within_budget", lambda config: 24)
    assert estimated_text_run_seconds(doc) == pytest.approx(0.5 * estimated_seconds(doc.config) * 2)


# -- the cache ------------------------------------------------------------------------------------
class Worker:
    def __init__(self):
        self.requests = []

    def submit(self, token, document):
        self.requests.append((token, document))


def edited(doc, factor=0.5):
    name = next(iter(doc.parameters))
    doc.parameters = dict(doc.parameters) | {name: doc.parameters[name] * factor}
    return doc


def test_the_cache_times_a_run_it_computes_and_clear_forgets_it():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache = TextRunCache()
    assert cache.seconds == 0.0 and not cache.pending
    first = cache.get(doc)
    assert cache.seconds > 0.0
    cache.clear()
    again = cache.get(doc)
    assert again is not first
    np.testing.assert_array_equal(again.of("h"), first.of("h"))


def test_a_new_text_or_new_sizes_are_computed_at_once_without_first_in_background():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache, worker = TextRunCache(), Worker()
    cache.get(doc)
    wider = reconfigured(doc, hidden_size=doc.config.hidden_size + 2)
    run = cache.get(wider, background=worker)
    assert run is not None and run.hidden_size == wider.config.hidden_size and not worker.requests


def test_an_edit_with_a_worker_is_requested_once_and_the_delivered_run_kept():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache, worker = TextRunCache(), Worker()
    first = cache.get(doc)
    edited(doc)
    assert cache.get(doc, background=worker) is first
    assert cache.get(doc, background=worker) is first
    assert len(worker.requests) == 1 and not cache.pending  # same sizes: nothing to wait for
    token, requested = worker.requests[0]
    assert requested is doc
    fresh = run_document(doc)
    assert cache.deliver(token, fresh)
    assert cache.get(doc, background=worker) is fresh and len(worker.requests) == 1
    assert not cache.deliver(token, run_document(doc))  # the same request twice: not newer


def test_a_second_edit_is_requested_again():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache, worker = TextRunCache(), Worker()
    cache.get(doc)
    cache.get(edited(doc), background=worker)
    cache.get(edited(doc), background=worker)
    assert len(worker.requests) == 2
    assert worker.requests[1][0][0] > worker.requests[0][0][0]  # a later serial
    assert cache.deliver(*[(token, run_document(d)) for token, d in worker.requests][1])
    assert not cache.deliver(worker.requests[0][0], run_document(worker.requests[0][1]))  # older


def test_a_run_delivered_for_other_sizes_that_were_not_requested_is_not_kept():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache, worker = TextRunCache(), Worker()
    cache.get(doc)
    wider = reconfigured(doc, hidden_size=doc.config.hidden_size + 1)
    key = TextRunCache._key_of(wider)
    assert not cache.deliver((99, key), run_document(wider))
    assert cache.get(doc).hidden_size == doc.config.hidden_size


def test_a_failed_run_of_the_same_sizes_is_not_a_failure_to_remember():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache, worker = TextRunCache(), Worker()
    first = cache.get(doc)
    edited(doc)
    cache.get(doc, background=worker)
    token, _ = worker.requests[0]
    assert not cache.deliver(token, None)  # the last run is still shown: nothing to say
    assert cache.get(doc, background=worker) is first
    assert len(worker.requests) == 2  # asked again, as the request was dropped


def test_a_failed_run_that_was_not_requested_changes_nothing():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache, worker = TextRunCache(), Worker()
    cache.get(doc)
    wider = reconfigured(doc, hidden_size=doc.config.hidden_size + 1)
    assert not cache.deliver((5, TextRunCache._key_of(wider)), None)
    assert cache.get(wider, background=worker, first_in_background=True) is None
    assert len(worker.requests) == 1 and cache.pending


def test_pending_is_false_once_the_requested_text_run_lands_and_true_for_a_new_text():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache, worker = TextRunCache(), Worker()
    cache.get(doc)
    other = task_document("next_char", text=TEXT, seq_len=12)
    other.training = dict(other.training) | {"task_options": dict(other.training["task_options"]) | {"text": TEXT + ""}}
    other.training["task_options"]["text"] = "".join(list(TEXT))  # an equal text, another object
    assert cache.get(other, background=worker, first_in_background=True) is None
    assert cache.pending


def test_the_cache_compares_the_key_by_its_length_too():
    assert not TextRunCache._same((1, 2), (1, 2, 3))
    assert not TextRunCache._same((1, 2, 3), (1, 2))
    assert not TextRunCache._same((1,), None)
    text = "abc"
    assert TextRunCache._same((1, text), (1, text))
    assert not TextRunCache._same((1, text), (2, text))


# -- the window in the text -----------------------------------------------------------------------
def test_window_start_near_a_place_picks_the_nearest_occurrence():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    period = len(TEXT) // 4  # four copies of one line
    inputs, targets = window_at(doc, period + 5)  # the second copy's window
    doc.inputs, doc.targets = inputs, targets
    assert window_start(doc) == 5  # the first
    assert window_start(doc, near=0) == 5
    assert window_start(doc, near=period + 5) == period + 5
    assert window_start(doc, near=period + 6) == period + 5
    assert window_start(doc, near=period + 31) == period + 5  # 26 before the third, 27 after the second
    assert window_start(doc, near=period + 40) == 2 * period + 5
    assert window_start(doc, near=2 * period + 1) == 2 * period + 5
    assert window_start(doc, near=10 ** 6) == 3 * period + 5


def test_window_start_is_none_for_a_window_not_in_the_text_or_a_session_without_text():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    doc.targets = doc.targets[::-1].copy()
    inputs = doc.inputs[::-1].copy()
    doc.inputs = inputs
    assert window_start(doc) is None and window_start(doc, near=3) is None
    assert window_start(task_document("adding")) is None


def test_window_at_clamps_the_window_into_the_text():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    vocabulary = "".join(sorted(set(TEXT)))

    def chars(array):
        return "".join(vocabulary[k] for k in array.argmax(axis=1))

    inputs, targets = window_at(doc, -5)
    assert chars(inputs) == TEXT[:12] and chars(targets) == TEXT[1:13]
    inputs, targets = window_at(doc, 10 ** 6)
    assert chars(inputs) == TEXT[-13:-1] and chars(targets) == TEXT[-12:]
    inputs, targets = window_at(doc, len(TEXT) - 13)
    assert chars(targets) == TEXT[-12:]
    assert inputs.shape == (12, len(vocabulary))


# -- ranking and matches --------------------------------------------------------------------------
def flat_run(values, kind="rnn_tanh", text=None):
    values = np.asarray(values, dtype=np.float32)
    return TextRun(text="x" * len(values) if text is None else text, total=len(values), kind=kind,
                   num_layers=1, num_directions=1, hidden_size=values.shape[1], values={(0, 0): {"h": values}})


def test_the_neighbourhood_is_up_to_around_characters_each_side_within_the_text():
    np.testing.assert_array_equal(neighbourhood(30, 10, 12, around=3), [7, 8, 9, 12, 13, 14])
    np.testing.assert_array_equal(neighbourhood(13, 1, 11, around=3), [0, 11, 12])
    assert neighbourhood(5, 0, 5).size == 0
    assert len(neighbourhood(100, 40, 50)) == 2 * NEIGHBOURHOOD


def test_ranking_clamps_the_span_counts_and_breaks_ties_in_unit_order():
    values = np.zeros((30, 4))
    values[10:20, 1] = 1.0
    values[10:20, 3] = 1.0
    run = flat_run(values)
    ranked = rank_units(run, 10, 20)
    assert [r.unit for r in ranked] == [1, 3, 0, 2]
    assert [r.unit for r in rank_units(run, 10, 20, count=2)] == [1, 3]
    assert rank_units(run, 20, 20) == [] and rank_units(run, 25, 21) == []
    clamped = rank_units(run, -5, 100)  # the whole run: no neighbourhood, outside 0
    assert clamped[0].outside == 0.0 and clamped[0].inside == pytest.approx(10 / 30)
    assert rank_units(run, 10, 20, quantity="h", around=0)[0].outside == 0.0


def test_ranking_reads_the_quantity_asked_for():
    values = np.zeros((20, 2))
    cell = np.zeros((20, 2))
    cell[5:8, 1] = 3.0
    run = TextRun(text="x" * 20, total=20, kind="lstm", num_layers=1, num_directions=1, hidden_size=2,
                  values={(0, 0): {"h": values.astype(np.float32), "c": cell.astype(np.float32)}})
    best = rank_units(run, 5, 8, "c")[0]
    assert best.unit == 1 and best.score == pytest.approx(3.0)


def test_matches_need_every_chosen_unit_on_at_the_level_of_the_way():
    values = np.zeros((40, 3))
    values[10:15, 0] = values[10:15, 1] = 1.0  # the example span
    values[25:28, 0] = 1.0  # only the first unit
    values[30:33, 0] = values[30:33, 1] = 0.8  # both, above 0.75 of the way
    values[35:37, 0] = values[35:37, 1] = 0.7  # both, below
    values[38:40, 1] = 1.0  # only the second unit
    run = flat_run(values)
    ranked = rank_units(run, 10, 15, around=5)
    assert [r.unit for r in ranked] == [0, 1, 2]
    assert matches(run, ranked, units=2) == [(10, 15), (30, 33)]
    assert (25, 28) in matches(run, ranked, units=1)
    assert (35, 37) in matches(run, ranked, units=2, level=0.5)
    assert (35, 37) not in matches(run, ranked, units=2)
    assert matches(run, ranked) == matches(run, ranked, units=2)  # the third scores 0: not chosen
    assert MATCH_LEVEL == 0.75


def test_matches_of_units_that_score_nothing_are_none():
    run = flat_run(np.zeros((20, 2)))
    assert matches(run, rank_units(run, 5, 8)) == []
    assert matches(run, []) == []


def test_matches_at_the_ends_of_a_run_without_text():
    values = np.zeros((10, 1))
    values[:3, 0] = values[8:, 0] = 1.0
    run = flat_run(values, text="")
    ranked = rank_units(run, 0, 3, around=5)
    assert matches(run, ranked, units=1) == [(0, 3), (8, 10)]


def test_saturation_counts_strictly_beyond_the_thresholds_given():
    gates = np.array([[0.05, 0.5], [0.1, 0.95], [0.9, 0.2], [0.95, 0.91]], dtype=np.float32)
    run = TextRun(text="abcd", total=4, kind="gru", num_layers=1, num_directions=1, hidden_size=2,
                  values={(0, 0): {"h": gates, "r": gates, "z": 1 - gates, "n": gates}})
    result = saturation(run)
    assert set(result) == {(0, 0, "r"), (0, 0, "z")}
    left, right = result[(0, 0, "r")]
    np.testing.assert_allclose(left, [0.25, 0.0])
    np.testing.assert_allclose(right, [0.25, 0.5])
    left, right = saturation(run, left=0.2, right=0.5)[(0, 0, "r")]
    np.testing.assert_allclose(left, [0.5, 0.0])
    np.testing.assert_allclose(right, [0.5, 0.5])
    assert (LEFT_SATURATED, RIGHT_SATURATED) == (0.1, 0.9)


# -- the background worker ------------------------------------------------------------------------
def test_the_worker_reports_each_run_under_its_key_off_the_calling_thread():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    done, threads = [], []

    def on_done(key, run):
        threads.append(threading.current_thread())
        done.append((key, run))

    worker = TextRunWorker(on_done)
    assert worker.wait(0)  # idle from the start
    worker.submit("a", doc)
    assert worker.wait(30)
    assert [key for key, _ in done] == ["a"] and threading.main_thread() not in threads
    run = done[0][1]
    np.testing.assert_array_equal(run.of("h"), run_document(doc).of("h"))
    assert "gate_saturation" in vars(run)  # computed on the worker thread
    worker.submit("b", doc)  # the thread ended when idle: a new one starts
    assert worker.wait(30) and [key for key, _ in done] == ["a", "b"]


def test_the_newest_waiting_request_replaces_an_older_one():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    started, release, done = threading.Event(), threading.Event(), []

    def on_done(key, run):
        started.set()
        release.wait(10)
        done.append(key)

    worker = TextRunWorker(on_done)
    worker.submit(1, doc)
    assert started.wait(30)  # the first is running (reporting)
    worker.submit(2, doc)
    worker.submit(3, doc)
    assert not worker.wait(0.01)
    release.set()
    assert worker.wait(30)
    assert done == [1, 3]


def test_the_worker_reports_none_for_a_document_without_text_or_a_failed_run(monkeypatch):
    from lstm_studio.session import text_run_worker
    done = []
    worker = TextRunWorker(lambda key, run: done.append((key, run)))
    worker.submit("adding", task_document("adding"))
    assert worker.wait(30)

    def failing(document):
        raise FloatingPointError("overflow")

    monkeypatch.setattr(text_run_worker, "run_document", failing)
    worker.submit("failed", task_document("next_char", text=TEXT, seq_len=12))
    assert worker.wait(30)
    assert done == [("adding", None), ("failed", None)]


def test_a_receiver_that_is_gone_does_not_stop_the_worker():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    calls = []

    def gone(key, run):
        calls.append(key)
        if key == 1:
            raise RuntimeError("Internal C++ object already deleted")

    worker = TextRunWorker(gone)
    worker.submit(1, doc)
    assert worker.wait(30)
    worker.submit(2, doc)
    assert worker.wait(30) and calls == [1, 2]


def test_window_start_at_the_first_character_of_the_text():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    period = len(TEXT) // 4
    doc.inputs, doc.targets = window_at(doc, 0)
    assert window_start(doc) == 0
    assert window_start(doc, near=0) == 0
    assert window_start(doc, near=period) == period  # the nearest, though the first is at 0


def test_window_start_finds_overlapping_occurrences():
    text = "a" * 50 + "b" + "a" * 50
    doc = task_document("next_char", text=text, seq_len=12)
    doc.inputs, doc.targets = window_at(doc, 0)  # thirteen a's: at 0..37 and 51..88
    assert window_start(doc, near=1) == 1
    assert window_start(doc, near=43) == 37 and window_start(doc, near=46) == 51
    assert window_start(doc, near=60) == 60


def test_window_start_is_none_when_the_sizes_no_longer_match_the_text():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    wrong = reconfigured(doc, input_size=doc.config.input_size + 1, output_size=doc.config.output_size + 1)
    assert window_start(wrong) is None and window_start(wrong, near=5) is None


def test_window_at_of_a_text_just_one_window_long_is_the_whole_text():
    text = "abcdefghijklm"
    doc = task_document("next_char", text=text, seq_len=12)
    inputs, targets = window_at(doc, 5)
    vocabulary = "".join(sorted(set(text)))
    assert "".join(vocabulary[k] for k in inputs.argmax(axis=1)) == text[:12]
    assert "".join(vocabulary[k] for k in targets.argmax(axis=1)) == text[1:]


def test_ties_keep_layer_direction_and_unit_order_among_many_units():
    rng = np.random.default_rng(0)
    levels = rng.integers(0, 3, 200).astype(np.float32)
    values = np.zeros((30, 200), dtype=np.float32)
    values[10:20] = levels  # scores of 0, 1 or 2: many ties
    ranked = rank_units(flat_run(values), 10, 20)
    expected = sorted(range(200), key=lambda unit: (-levels[unit], unit))
    assert [r.unit for r in ranked] == expected


def test_matches_read_each_unit_in_its_own_layer_and_direction():
    zeros = np.zeros((30, 2), dtype=np.float32)
    on = zeros.copy()
    on[10:14, 1] = 1.0
    on[20:23, 1] = 1.0
    values = {(0, 0): {"h": zeros}, (0, 1): {"h": zeros}, (1, 0): {"h": zeros}, (1, 1): {"h": on}}
    run = TextRun(text="x" * 30, total=30, kind="rnn_tanh", num_layers=2, num_directions=2, hidden_size=2,
                  values=values)
    ranked = rank_units(run, 10, 14, around=4)
    assert (ranked[0].layer, ranked[0].direction, ranked[0].unit) == (1, 1, 1)
    assert matches(run, ranked, units=1) == [(10, 14), (20, 23)]


def test_a_unit_counts_as_on_strictly_above_its_level_between_around_and_inside():
    values = np.full((40, 1), 0.2, dtype=np.float32)
    values[10:15, 0] = 0.6  # the span: 0.6 on it, 0.2 around it
    values[25:27, 0] = 0.55  # above 0.2 + 0.75 · 0.4 = 0.5
    values[30:32, 0] = 0.45  # below
    run = flat_run(values)
    ranked = rank_units(run, 10, 15, around=5)
    assert ranked[0].inside == pytest.approx(0.6) and ranked[0].outside == pytest.approx(0.2)
    assert matches(run, ranked, units=1) == [(10, 15), (25, 27)]
    exact = np.zeros((20, 1), dtype=np.float32)
    exact[5:10, 0] = 1.0
    exact[14:16, 0] = 0.75  # exactly at the level: not on
    run = flat_run(exact)
    assert matches(run, rank_units(run, 5, 10, around=3), units=1) == [(5, 10)]


def test_the_worker_thread_is_a_daemon_named_text_run():
    """Quitting the app never waits for a run over a long text; the thread is named in dumps."""
    threads = []
    worker = TextRunWorker(lambda key, run: threads.append(threading.current_thread()))
    worker.submit(1, task_document("next_char", text=TEXT, seq_len=12))
    assert worker.wait(30)
    assert threads[0].daemon and threads[0].name == "text run"


def test_the_estimate_of_a_sequence_of_one_character():
    doc = task_document("next_char", text="abcabc" * 10, seq_len=1)
    assert estimated_text_run_seconds(doc) == pytest.approx(0.5 * estimated_seconds(doc.config) * 60)


def test_saturation_at_exactly_the_thresholds_is_not_saturated_and_each_layer_reads_its_own_gates():
    gates = np.array([[0.25], [0.75], [0.5], [0.0]], dtype=np.float32)
    values = {(layer, direction): {"h": gates, "r": gates, "z": gates,
                                   "n": gates}
              for layer in range(2) for direction in range(2)}
    values[(1, 1)]["r"] = np.ones((4, 1), dtype=np.float32)  # wide open in the last layer's reverse direction
    run = TextRun(text="abcd", total=4, kind="gru", num_layers=2, num_directions=2, hidden_size=1, values=values)
    result = saturation(run, left=0.25, right=0.75)
    left, right = result[(0, 0, "r")]
    np.testing.assert_allclose(left, [0.25]) and np.testing.assert_allclose(right, [0.0])
    np.testing.assert_allclose(result[(1, 1, "r")][1], [1.0])
    np.testing.assert_allclose(result[(0, 1, "r")][1], [0.0])
    assert len(result) == 2 * 2 * 2


def model_with_bounds(monkeypatch, at_once, first_at_once):
    from lstm_studio.session import text_runs
    from lstm_studio.session.model import SessionModel
    monkeypatch.setattr(text_runs, "TEXT_RUN_AT_ONCE_SECONDS", at_once)
    monkeypatch.setattr(text_runs, "TEXT_RUN_FIRST_AT_ONCE_SECONDS", first_at_once)
    return SessionModel(task_document("next_char", text=TEXT, seq_len=12))


def test_a_first_run_estimated_at_exactly_the_bound_is_read_in_the_background(qtbot, monkeypatch):
    doc = task_document("next_char", text=TEXT, seq_len=12)
    model = model_with_bounds(monkeypatch, float("inf"), estimated_text_run_seconds(doc))
    with qtbot.waitSignal(model.textRunChanged, timeout=30_000):
        assert model.text_run() is None and model.text_run_pending
    assert model.text_run() is not None and not model.text_run_pending
