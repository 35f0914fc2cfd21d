"""The run over a session's whole text (issue 15): equal to one long forward, state carried across
the windows, cached until the weights or the text change; units ranked by a span; gate saturation."""

import numpy as np
import pytest

from lstm_studio.engine import build_network
from lstm_studio.session.document import NetworkConfig
from lstm_studio.session.experiments import task_document
from lstm_studio.session.text_run import (
    MAX_RUN_CHARACTERS,
    MEMORY_BUDGET_BYTES,
    TextRun,
    TextRunCache,
    characters_within_budget,
    matches,
    quantities,
    rank_units,
    run_document,
    run_text,
    saturation,
    window_at,
    window_start,
)

TEXT = "the cat sat on the mat. (a (b) c) \"quoted\" and more text here.\n" * 4


@pytest.mark.parametrize("kind,layers,bidirectional,embedding", [
    ("lstm", 1, False, 0), ("lstm", 2, False, 0), ("gru", 2, True, 0), ("rnn_tanh", 1, True, 0),
    ("peephole_lstm", 2, True, 0), ("lstm_nofg", 1, False, 0), ("lstm", 2, True, 3), ("gru", 1, False, 4)])
def test_chunked_run_equals_one_long_forward(kind, layers, bidirectional, embedding):
    rng = np.random.default_rng(3)
    steps, inputs, hidden = 97, 5, 6
    config = NetworkConfig(kind=kind, input_size=inputs, hidden_size=hidden, num_layers=layers,
                           bidirectional=bidirectional, output_size=inputs, seq_len=10,
                           embedding_size=embedding)
    network = build_network(kind, inputs, hidden, num_layers=layers, bidirectional=bidirectional, seed=1,
                            embedding_size=embedding)
    x = rng.standard_normal((steps, inputs))
    h0 = rng.standard_normal((config.state_rows, hidden)) * 0.5
    c0 = rng.standard_normal((config.state_rows, hidden)) * 0.5 if config.has_cell_state else None
    long = network.forward(x, h0=h0, c0=c0)
    run = run_text(config, network.parameters(), x, h0, c0, dtype=np.float64)  # chunks of 10: 9 + a last of 7
    for layer in range(layers):
        for direction in range(config.num_directions):
            lt = long.layer(layer, direction)
            for name in quantities(kind):
                expected = lt.h if name == "h" else lt.c if name == "c" else lt.gates[name]
                np.testing.assert_allclose(run.of(name, layer, direction), expected[:, 0], rtol=0, atol=1e-12)


def test_the_state_is_carried_across_windows():
    """Restarting every window from zero gives other numbers after the first window: the run does not."""
    doc = task_document("next_char", text=TEXT, seq_len=12)
    run = run_document(doc, dtype=np.float64)
    restarted = run_text(doc.config, doc.parameters, _one_hot(doc, TEXT[12:24]), dtype=np.float64)
    np.testing.assert_allclose(run.of("h")[:12], run_text(doc.config, doc.parameters, _one_hot(doc, TEXT[:12]),
                                                          dtype=np.float64).of("h"), atol=1e-12)
    assert np.abs(run.of("h")[12:24] - restarted.of("h")).max() > 1e-3
    assert np.abs(run.of("c")[12:24] - restarted.of("c")).max() > 1e-3


def _one_hot(doc, text):
    vocabulary = "".join(sorted(set(doc.training["task_options"]["text"])))
    return np.eye(len(vocabulary))[[vocabulary.index(ch) for ch in text]]


def test_run_document_covers_the_text_from_h0_in_float32():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    run = run_document(doc)
    assert run.text == TEXT and run.total == len(TEXT)
    assert run.of("h").dtype == np.float32 and run.of("h").shape == (len(TEXT), doc.config.hidden_size)
    assert set(run.quantities) == {"h", "c", "i", "f", "g", "o"}
    assert run_document(task_document("adding")) is None


def test_memory_is_bounded():
    big = NetworkConfig(kind="lstm", input_size=10, hidden_size=512, num_layers=8, bidirectional=True,
                        output_size=10, seq_len=20)
    n = characters_within_budget(big)
    assert 4 * n * 8 * 2 * 512 * 6 <= MEMORY_BUDGET_BYTES
    small = NetworkConfig(kind="lstm", input_size=10, hidden_size=8, output_size=10)
    assert characters_within_budget(small) == MAX_RUN_CHARACTERS
    doc = task_document("next_char", text=TEXT * 3, seq_len=12)
    run = run_document(doc, limit=100)
    assert len(run.text) == 100 and run.total == len(TEXT) * 3 and run.of("h").shape[0] == 100


def test_the_cache_recomputes_only_after_a_change():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache = TextRunCache()
    first = cache.get(doc)
    doc.inputs = doc.inputs.copy()  # the window moved: the text run stays
    doc.view.unit = 3
    assert cache.get(doc) is first
    name = next(iter(doc.parameters))
    doc.parameters[name] = doc.parameters[name] * 0.5  # a new array, as the model does
    second = cache.get(doc)
    assert second is not first
    assert cache.get(doc) is second
    doc.h0 = doc.h0 + 0.1
    assert cache.get(doc) is not second


def test_window_start_finds_the_document_window():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    start = window_start(doc)
    assert start is not None
    vocabulary = "".join(sorted(set(TEXT)))
    assert "".join(vocabulary[k] for k in doc.inputs.argmax(axis=1)) == TEXT[start:start + 12]
    inputs, targets = window_at(doc, 40)
    doc.inputs, doc.targets = inputs, targets
    assert window_start(doc) == TEXT.find(TEXT[40:53])
    doc.inputs = doc.inputs * 0.5  # edited numbers: no characters
    assert window_start(doc) is None


def planted_run(length=200, hidden=6, start=50, stop=60):
    rng = np.random.default_rng(0)
    h = rng.uniform(-0.3, 0.3, (length, hidden)).astype(np.float32)
    h[:, 4] = 0.0
    h[start:stop, 4] = 1.0  # on exactly on the span
    h[:, 2] = 0.6  # high everywhere: not specific to the span
    return TextRun(text="x" * length, total=length, kind="rnn_tanh", num_layers=1, num_directions=1,
                   hidden_size=hidden, values={(0, 0): {"h": h}})


def test_a_unit_on_exactly_on_the_span_ranks_first():
    run = planted_run()
    ranked = rank_units(run, 50, 60)
    assert (ranked[0].layer, ranked[0].direction, ranked[0].unit) == (0, 0, 4)
    assert ranked[0].score == pytest.approx(1.0)
    assert ranked[0].inside == pytest.approx(1.0) and ranked[0].outside == pytest.approx(0.0)
    assert ranked[-1].unit != 4
    assert abs(next(r for r in ranked if r.unit == 2).score) < 1e-6  # on everywhere scores 0
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


def test_score_is_mean_on_span_minus_mean_around():
    run = planted_run()
    h = run.of("h").astype(np.float64)
    ranked = {r.unit: r for r in rank_units(run, 10, 15, around=5)}
    for unit in range(6):
        expected = h[10:15, unit].mean() - np.concatenate([h[5:10, unit], h[15:20, unit]]).mean()
        assert ranked[unit].score == pytest.approx(expected, abs=1e-9)


def test_multi_layer_ranking_names_layer_and_direction():
    run = planted_run()
    other = {"h": np.zeros_like(run.of("h"))}
    other["h"][50:60, 1] = 2.0
    run = TextRun(text=run.text, total=run.total, kind="rnn_tanh", num_layers=2, num_directions=1,
                  hidden_size=6, values={(0, 0): run.values[(0, 0)], (1, 0): other})
    best = rank_units(run, 50, 60)[0]
    assert (best.layer, best.direction, best.unit) == (1, 0, 1)


def test_matches_mark_other_places_where_the_units_switch_on():
    run = planted_run()
    run.of("h")[120:125, 4] = 0.9
    ranked = rank_units(run, 50, 60)
    assert (120, 125) in matches(run, ranked, units=1)
    assert (50, 60) in matches(run, ranked, units=1)


def test_saturation_fractions():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    doc.parameters["bias_ih_l0"] = doc.parameters["bias_ih_l0"].copy()
    doc.parameters["bias_ih_l0"][64:64 + 3] = 8.0  # three forget units always open
    run = run_document(doc)
    fractions = saturation(run)
    assert set(fractions) == {(0, 0, "i"), (0, 0, "f"), (0, 0, "o")}
    network = build_network("lstm", doc.config.input_size, doc.config.hidden_size)
    network.load_parameters(doc.parameters)
    trace = network.forward(_one_hot(doc, TEXT), h0=doc.h0, c0=doc.c0)
    for gate in "ifo":
        values = trace.layer(0).gates[gate][:, 0]
        left, right = fractions[(0, 0, gate)]
        np.testing.assert_allclose(left, [np.count_nonzero(v < 0.1) / len(v) for v in values.T], atol=1e-12)
        np.testing.assert_allclose(right, [np.count_nonzero(v > 0.9) / len(v) for v in values.T], atol=1e-12)
    assert np.all(fractions[(0, 0, "f")][1][:3] == 1.0)
    assert run.gate_saturation is run.gate_saturation  # computed once per run, equal to saturation(run)
    for key, (left, right) in fractions.items():
        np.testing.assert_array_equal(run.gate_saturation[key][0], left)
        np.testing.assert_array_equal(run.gate_saturation[key][1], right)
    assert not saturation(run_text(NetworkConfig(kind="rnn_tanh", input_size=2, hidden_size=3, output_size=2),
                                   build_network("rnn_tanh", 2, 3).parameters(), np.ones((5, 2))))


def test_the_model_keeps_one_run_until_the_weights_change(monkeypatch):
    from lstm_studio.session import text_runs
    from lstm_studio.session.model import SessionModel

    # computed at once however busy the machine is (a run slower than the bound is recomputed in
    # the background: another test's matter)
    monkeypatch.setattr(text_runs, "TEXT_RUN_AT_ONCE_SECONDS", float("inf"))
    model = SessionModel(task_document("next_char", text=TEXT, seq_len=12))
    run = model.text_run()
    model.set_time_step(3)
    model.set_selection(unit=5)
    model.set_inputs(model.document.inputs[::-1])
    assert model.text_run() is run
    name = next(iter(model.document.parameters))
    model.set_parameter(name, model.document.parameters[name] * 0.9)
    assert model.text_run() is not run


def test_while_training_the_model_computes_the_text_run_off_its_thread(qtbot, monkeypatch):
    import threading

    from lstm_studio.session import text_run as text_run_module
    from lstm_studio.session.model import SessionModel

    model = SessionModel(task_document("next_char", text=TEXT, seq_len=12))
    first = model.text_run()
    threads, saturation_threads = [], []
    original, original_saturation = text_run_module.run_document, text_run_module.saturation

    def recording(document, **options):
        threads.append(threading.current_thread())
        return original(document, **options)

    def recording_saturation(run, *thresholds):
        saturation_threads.append(threading.current_thread())
        return original_saturation(run, *thresholds)

    monkeypatch.setattr(text_run_module, "saturation", recording_saturation)

    monkeypatch.setattr(text_run_module, "run_document", recording)
    import lstm_studio.session.text_run_worker as worker_module
    monkeypatch.setattr(worker_module, "run_document", recording)
    model.set_training(True)
    name = next(iter(model.document.parameters))
    model.set_parameter(name, model.document.parameters[name] * 0.5)
    with qtbot.waitSignal(model.textRunChanged, timeout=10_000):
        assert model.text_run() is first  # the last run at once, the new one in the background
    assert threads and threading.main_thread() not in threads
    fresh = model.text_run()
    assert fresh is not first
    # its gate saturation too was computed there: the saturation panel only draws it
    assert saturation_threads and threading.main_thread() not in saturation_threads
    assert "gate_saturation" in vars(fresh)
    # the values are those of an independent forward over the text with the new weights
    doc = model.document
    net = build_network(doc.config.kind, doc.config.input_size, doc.config.hidden_size)
    net.load_parameters(doc.parameters)
    trace = net.forward(_one_hot(doc, TEXT), h0=doc.h0, c0=doc.c0)
    np.testing.assert_allclose(fresh.of("h"), trace.layers[0][0].h.reshape(fresh.of("h").shape), atol=1e-5)
    np.testing.assert_allclose(fresh.of("f"), trace.layers[0][0].gates["f"].reshape(fresh.of("f").shape), atol=1e-5)
    model.set_training(False)


def test_a_run_from_an_older_request_is_not_kept():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    cache = TextRunCache()
    first = cache.get(doc)
    submitted = []

    class Worker:
        def submit(self, token, document):
            submitted.append((token, run_document(document)))

    name = next(iter(doc.parameters))
    doc.parameters[name] = doc.parameters[name] * 0.5
    assert cache.get(doc, background=Worker()) is first
    doc.parameters[name] = doc.parameters[name] * 0.5
    assert cache.get(doc) is not first  # computed at once (no worker): the newest
    newest = cache.get(doc)
    assert not cache.deliver(*submitted[0])  # the older request's run arrives late
    assert cache.get(doc) is newest


def test_after_a_slow_run_an_edit_recomputes_it_in_the_background(qtbot, monkeypatch):
    import threading

    from lstm_studio.session import text_runs
    from lstm_studio.session import text_run_worker
    from lstm_studio.session.model import SessionModel

    # a bound no run of this short text reaches, however busy the machine is
    TEXT_RUN_AT_ONCE_SECONDS = 2.0
    monkeypatch.setattr(text_runs, "TEXT_RUN_AT_ONCE_SECONDS", TEXT_RUN_AT_ONCE_SECONDS)
    model = SessionModel(task_document("next_char", text=TEXT, seq_len=12))
    first = model.text_run()  # a new text: computed at once, and timed
    assert model._text_runs.seconds < TEXT_RUN_AT_ONCE_SECONDS  # a short text stays at once
    name = next(iter(model.document.parameters))
    model.set_parameter(name, model.document.parameters[name] * 0.5)
    second = model.text_run()
    assert second is not first  # at once: the new weights' run
    model._text_runs.seconds = 2 * TEXT_RUN_AT_ONCE_SECONDS  # as a long text's run takes
    threads = []
    original = text_run_worker.run_document

    def recording(document, **options):
        threads.append(threading.current_thread())
        return original(document, **options)

    text_run_worker.run_document, restore = recording, original
    try:
        model.set_parameter(name, model.document.parameters[name] * 0.5)
        with qtbot.waitSignal(model.textRunChanged, timeout=10_000):
            assert model.text_run() is second  # the last run, while the new one is computed
    finally:
        text_run_worker.run_document = restore
    assert threads and threading.main_thread() not in threads
    fresh = model.text_run()
    assert fresh is not second
    np.testing.assert_array_equal(fresh.of("h"), run_document(model.document).of("h"))
