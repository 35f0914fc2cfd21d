"""The sessions the constructed lessons build, checked against what their docstrings and page
texts say they are: which weights are set to what, which stay PyTorch's initialisation (scaled
as said), and which inputs carry the markers. Seeds 0 and 5."""

import numpy as np
import pytest

from lstm_studio.lessons import gru, lstm
from lstm_studio.lessons.construct import HIDDEN, SEQ_LEN, WHISPER, gate_rows, lesson_document, sentence
from lstm_studio.session.document import evaluate_document

SEEDS = (0, 5)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def fresh(kind, seed, inputs):
    """PyTorch's initialisation of the lesson's network (what every builder starts from)."""
    return lesson_document(kind, seed, inputs).parameters


def effective_bias(doc, gate):
    rows = gate_rows(doc, gate)
    return doc.parameters["bias_ih_l0"][rows] + doc.parameters["bias_hh_l0"][rows]


def test_runs_are_half_open_and_longest_first():
    mask = np.array([True, True, False, True, True, True, False, False, True])
    assert gru.runs(mask) == [(3, 6), (0, 2), (8, 9)]
    assert gru.runs(np.ones(4, dtype=bool)) == [(0, 4)]
    assert gru.runs(np.zeros(4, dtype=bool)) == []
    assert gru.runs(np.array([False, True, True, True, False, True])) == [(1, 4), (5, 6)]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_marked_sentence_marks_t_11_to_20_on_channel_2(seed):
    x = gru.marked_sentence(seed)
    assert x.shape == (SEQ_LEN, 3)
    np.testing.assert_array_equal(x[:, 2], [0.0] * 10 + [1.0] * 10 + [0.0] * 10)
    np.testing.assert_array_equal(x[:, :2], sentence(seed))


@pytest.mark.parametrize("seed", SEEDS)
def test_the_update_gate_opens_on_the_marker_and_the_candidate_follows_the_words(seed):
    doc = gru.update_copies_document(seed)
    p, start = doc.parameters, fresh("gru", seed, gru.marked_sentence(seed))
    z, n, r = gate_rows(doc, "z"), gate_rows(doc, "n"), gate_rows(doc, "r")
    assert np.all(p["weight_ih_l0"][z, 2] == 18.0) and np.all(effective_bias(doc, "z") == -8.0)
    assert np.all(np.abs(effective_bias(doc, "n")) == 2.5)
    np.testing.assert_array_equal(p["weight_ih_l0"][n, 1], 0.8 * effective_bias(doc, "n"))  # ±2 with the same sign
    np.testing.assert_allclose(p["weight_hh_l0"], 0.25 * start["weight_hh_l0"])
    np.testing.assert_allclose(p["weight_ih_l0"][r], 0.25 * start["weight_ih_l0"][r])
    assert sigmoid(18.0 - 8.0) > 0.99 and sigmoid(-8.0 + 0.5) < 0.01  # z ≈ 1 on the marker, ≈ 0 elsewhere


@pytest.mark.parametrize("seed", SEEDS)
def test_the_reset_gate_shuts_on_the_marker_and_z_stays_low(seed):
    doc = gru.reset_document(seed)
    p, start = doc.parameters, fresh("gru", seed, gru.marked_sentence(seed))
    z, n, r = gate_rows(doc, "z"), gate_rows(doc, "n"), gate_rows(doc, "r")
    assert np.all(p["weight_ih_l0"][r, 2] == -16.0) and np.all(effective_bias(doc, "r") == 4.0)
    np.testing.assert_allclose(p["weight_ih_l0"][r, :2], 0.25 * start["weight_ih_l0"][r, :2])
    assert np.all(effective_bias(doc, "z") == -2.0) and abs(sigmoid(-2.0) - 0.12) < 0.01
    assert set(np.unique(p["weight_ih_l0"][n, 1])) <= {-1.0, 1.0}
    np.testing.assert_allclose(p["weight_ih_l0"][n, 0], 0.25 * start["weight_ih_l0"][n, 0])
    for gate in (r, z):
        np.testing.assert_allclose(p["weight_hh_l0"][gate], 0.25 * start["weight_hh_l0"][gate])
    np.testing.assert_array_equal(p["weight_hh_l0"][n], start["weight_hh_l0"][n])


@pytest.mark.parametrize("seed", SEEDS)
def test_the_forget_gate_page_has_a_full_stop_at_t_16_and_shows_unit_0_there(seed):
    doc = lstm.forget_erases_document(seed)
    assert doc.config.input_size == 3  # key word, other words, full stop
    np.testing.assert_array_equal(np.flatnonzero(doc.inputs[:, 2]), [15])
    assert doc.inputs[15, 2] == 1.0
    assert (doc.view.time_step, doc.view.unit) == (15, 0)  # "the Cell diagram at t = 16, unit 0"
    p = doc.parameters
    assert p["weight_ih_l0"][gate_rows(doc, "f").start, 2] == -20.0
    assert p["weight_ih_l0"][gate_rows(doc, "i").start, 0] == 12.0  # unit 0 stores the key word
    c = evaluate_document(doc).trace.layer(0, 0).c[:, 0, 0]
    assert abs(c[14]) > 0.9 and abs(c[15]) < 0.05


@pytest.mark.parametrize("seed", SEEDS)
def test_the_input_gate_is_shut_over_a_cell_that_holds_something(seed):
    doc = lstm.input_shut_document(seed)
    assert np.all(effective_bias(doc, "i") == -12.0)
    assert doc.c0.shape == (1, HIDDEN) and np.all((np.abs(doc.c0) >= 0.5) & (np.abs(doc.c0) <= 1.5))
    f = effective_bias(doc, "f")
    assert np.all((f >= 0.0) & (f <= 6.0)) and np.ptp(f) > 1.0


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("bias, page", [(-12.0, 0), (12.0, 1)])
def test_the_output_gate_pages_store_the_key_word_in_every_unit(seed, bias, page):
    doc = lstm.output_gate_document(seed, bias)
    assert np.all(effective_bias(doc, "o") == bias)
    assert doc.view.time_step == SEQ_LEN - 1
    c_end = evaluate_document(doc).trace.layer(0, 0).c[-1, 0]
    assert np.all(np.abs(c_end) > 0.9), "every unit keeps ±0.99"
    assert np.all(doc.parameters["weight_ih_l0"][gate_rows(doc, "i"), 0] == 12.0)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_1997_lstm_has_an_open_input_gate_and_signed_candidates(seed):
    doc = lstm.no_forget_gate_document(seed)
    start = fresh("lstm_nofg", seed, sentence(seed))
    assert doc.config.kind == "lstm_nofg"
    assert np.all(effective_bias(doc, "i") == 2.0)
    g = effective_bias(doc, "g")
    assert np.all(np.abs(g) == np.abs(g[0])) and g[0] != 0.0
    for name in ("weight_ih_l0", "weight_hh_l0"):
        np.testing.assert_allclose(doc.parameters[name], 0.25 * start[name])


@pytest.mark.parametrize("seed", SEEDS)
def test_its_second_page_adds_a_forget_gate_to_the_same_weights(seed):
    old, doc = lstm.no_forget_gate_document(seed), lstm.with_forget_gate_document(seed)
    start = fresh("lstm", seed, old.inputs)
    assert doc.config.kind == "lstm"
    np.testing.assert_array_equal(doc.inputs, old.inputs)
    for name in doc.parameters:
        for gate in ("i", "g", "o"):
            np.testing.assert_array_equal(doc.parameters[name][gate_rows(doc, gate)], old.parameters[name][gate_rows(old, gate)])
    f = gate_rows(doc, "f")
    for name in ("weight_ih_l0", "weight_hh_l0"):
        np.testing.assert_allclose(doc.parameters[name][f], 0.25 * start[name][f])
    np.testing.assert_allclose(effective_bias(doc, "f"), 1.4)
    np.testing.assert_array_equal(doc.readout["weight"], old.readout["weight"])


@pytest.mark.parametrize("seed", SEEDS)
def test_the_peephole_page_shuts_the_output_gate_and_lets_the_cell_open_it(seed):
    doc = lstm.peephole_document(seed)
    p = doc.parameters
    assert np.all(effective_bias(doc, "o") == -4.0)
    assert np.all(p["weight_co_l0"] == 6.0) and not p["weight_ci_l0"].any() and not p["weight_cf_l0"].any()
    np.testing.assert_allclose(doc.readout["weight"], 1.6 / HIDDEN)
    assert not doc.readout["bias"].any()
    assert doc.view.time_step == SEQ_LEN - 1


@pytest.mark.parametrize("seed", SEEDS)
def test_the_exploding_lstm_has_open_gates_a_self_reading_candidate_and_whispers(seed):
    doc = lstm.exploding_lstm_document(seed)
    start = fresh("lstm", seed, WHISPER * sentence(seed))
    for gate in ("i", "f", "o"):
        assert np.all(effective_bias(doc, gate) == 6.0)
    assert np.all(effective_bias(doc, "g") == 0.0)
    np.testing.assert_array_equal(doc.parameters["weight_hh_l0"][gate_rows(doc, "g")], 0.5 * np.eye(HIDDEN))
    np.testing.assert_allclose(doc.parameters["weight_ih_l0"], 0.25 * start["weight_ih_l0"])
    np.testing.assert_allclose(doc.parameters["weight_hh_l0"][gate_rows(doc, "i")], 0.25 * start["weight_hh_l0"][gate_rows(doc, "i")])
    np.testing.assert_allclose(doc.inputs, WHISPER * sentence(seed))


@pytest.mark.parametrize("seed", SEEDS)
def test_the_highway_lstm_has_small_recurrent_weights_and_forget_bias_four(seed):
    doc = lstm.highway_lstm_document(seed)
    start = fresh("lstm", seed, sentence(seed))
    np.testing.assert_allclose(doc.parameters["weight_hh_l0"], 0.25 * start["weight_hh_l0"])
    np.testing.assert_allclose(effective_bias(doc, "f"), 4.0)
    np.testing.assert_allclose(effective_bias(lstm.highway_lstm_document(seed, forget_bias=0.0), "f"), 0.0)
