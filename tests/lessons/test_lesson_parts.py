"""The parts lessons are made of (lessons/base.py, construct.py, table.py): how numbers are written,
seeds and pages checked, what a lesson builds and measures by default, the sentence and the
documents around it, the refusals of long-distance claims, and the README's table."""

import numpy as np
import pytest

from lstm_studio.lessons import LESSONS, lesson, table
from lstm_studio.lessons.base import Report, Text, check_seed, format_number, wrong_kind
from lstm_studio.lessons.construct import (
    distance_refusal,
    fraction,
    gate_rows,
    lesson_document,
    loss_at_last_step_only,
    rng_for,
    sentence,
    set_gate,
)
from lstm_studio.session.document import evaluate_document, reconfigured


# -- numbers -------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, text", [
    (0.0, "0"), (-0.0, "0"),
    (1.0, "1"), (-1.0, "-1"),                      # 1 itself is not "all but open"
    (0.9995, "1 − 5e-4"), (-0.9995, "−(1 − 5e-4)"), (0.99999, "1 − 1e-5"), (0.9994, "0.999"),
    (0.5, "0.5"), (0.001, "0.001"), (0.000999, "9.99e-4"), (123.456, "123"), (999.4, "999"),
    (-0.25, "-0.25"),
    (1000.0, "1000"), (1000.4, "1000"), (2500.6, "2501"), (9_999_999.0, "9999999"),
    (10_000_000.0, "1e7"), (12_345_678.0, "1.23e7"), (1e-7, "1e-7"), (-3.14159e-5, "-3.14e-5"),
    (float("inf"), "inf"), (float("-inf"), "-inf"), (float("nan"), "nan"),
])
def test_numbers_are_written_with_three_digits_whole_counts_and_gates_near_one(value, text):
    assert format_number(value) == text


def test_text_fills_its_template_only_when_it_has_values():
    assert str(Text("c_{t−1}")) == "c_{t−1}"  # a label without values is shown as it is
    assert str(Text("{a} and {b}", {"a": 1, "b": "x"})) == "1 and x"


def test_a_report_names_a_missing_key():
    report = Report(True, Text("Holds."))
    with pytest.raises(KeyError) as missing:
        report["g_ratio"]
    assert missing.value.args == ("g_ratio",)


@pytest.mark.parametrize("seed", [True, False, -1, 1.0, "1", None])
def test_a_seed_is_a_whole_number_of_zero_or_more(seed):
    with pytest.raises(ValueError, match=r"^the seed must be a whole number >= 0, got "):
        check_seed(seed)


def test_numpy_seeds_are_plain_ints():
    assert check_seed(np.int64(7)) == 7 and type(check_seed(np.int64(7))) is int and check_seed(0) == 0


# -- pages, builds and measures ------------------------------------------------------------------
def test_pages_are_counted_from_zero_and_a_wrong_one_is_named():
    item = lesson("exploding-rnn")
    assert item.page() is item.pages[0] and item.page(1) is item.pages[1]
    for index in (2, -1):
        with pytest.raises(ValueError) as refused:
            item.page(index)
        assert str(refused.value) == f"the lesson 'exploding-rnn' has pages 0 to 1, not {index}"


def test_a_build_defaults_to_seed_zero_first_page_and_passes_the_callbacks_on():
    item = lesson("exploding-rnn")
    doc = item.build()
    assert doc.lesson == {"id": "exploding-rnn", "page": 0, "seed": 0, "panel": "gradient"}
    assert doc.equals(item.build(0, 0)) and not doc.equals(item.build(1, 0))
    seen = []
    training = lesson("long-dependency")
    from lstm_studio.lessons import trained

    original = trained.DEPENDENCY_TRAIN_STEPS
    try:
        trained.DEPENDENCY_TRAIN_STEPS = 10
        training.build(0, progress=seen.append)
    finally:
        trained.DEPENDENCY_TRAIN_STEPS = original
    assert seen == [1.0]


def test_a_built_document_keeps_what_its_page_marked_and_adds_the_lessons_marks():
    item = lesson("clipping")
    doc = item.page(0).build(0)
    doc.lesson = {"curves": {"kept": [1.0]}}
    marked = item.build(2, 0)
    assert marked.lesson == {"id": "clipping", "page": 0, "seed": 2, "panel": "gradient"}


def test_measures_default_to_the_documents_page_else_the_first_and_the_lessons_own_session():
    item = lesson("exploding-rnn")
    second = item.build(4, 1)
    report = item.measures(document=second)  # the document says page 1: the saturation claim
    assert report == item.page(1).measure(evaluate_document(second), second)
    assert str(report.reason).startswith("Holds: with the same W_hh the states saturate")
    unmarked = second.copy()
    unmarked.lesson = None  # no page: the first one's claim, which this session does not meet
    assert item.measures(document=unmarked) == item.page(0).measure(evaluate_document(unmarked), unmarked)
    assert item.measures(document=unmarked).reason != report.reason
    # without a document: the lesson's own seed-0 session of the page asked for
    own = item.build(0, 1)
    assert item.measures(page=1) == item.page(1).measure(evaluate_document(own), own)
    assert item.measures() == item.page(0).measure(evaluate_document(item.build(0, 0)), item.build(0, 0))
    assert item.measures(page=1)["g_ratio"] != item.measures(document=item.build(1, 1))["g_ratio"]


def test_wrong_kind_names_the_first_kind_wanted_and_the_kind_found():
    doc = lesson("vanishing-rnn").build(0)
    assert wrong_kind(doc, "rnn_tanh", "lstm") is None and wrong_kind(doc, "lstm", "rnn_tanh") is None
    report = wrong_kind(doc, "gru", "lstm")
    assert report == Report(False, report.reason)
    assert str(report.reason) == "Does not apply: this page needs a GRU; the network is now a tanh RNN."
    doc.config = doc.config.__class__(**{**doc.config.__dict__, "kind": "mystery"})
    assert str(wrong_kind(doc, "gru").reason) == "Does not apply: this page needs a GRU; the network is now mystery."


# -- the sentence and its documents --------------------------------------------------------------
def test_the_sentence_has_the_key_word_first_and_other_words_as_noise():
    x = sentence(3, steps=12, extra=2, words=0.25)
    assert x.shape == (12, 4)
    np.testing.assert_array_equal(x[:, 0], [1.0] + [0.0] * 11)
    np.testing.assert_array_equal(x[:, 1], rng_for(3, 1).uniform(-0.25, 0.25, 12))
    assert np.all(np.abs(x[:, 1]) <= 0.25) and np.all(x[:, 2:] == 0)
    default = sentence(3)
    assert default.shape == (30, 2) and np.max(np.abs(default[:, 1])) <= 0.5 and np.max(np.abs(default[:, 1])) > 0.4
    assert not np.array_equal(sentence(4)[:, 1], default[:, 1])


def test_a_lesson_document_scores_the_last_step_only_from_zero_states():
    inputs = sentence(1, steps=7)
    doc = lesson_document("gru", 1, inputs, hidden=3, target=-0.5, time_step=4, unit=2)
    c = doc.config
    assert (c.kind, c.input_size, c.hidden_size, c.output_size, c.seq_len, c.bidirectional) == ("gru", 2, 3, 1, 7, False)
    np.testing.assert_array_equal(doc.inputs, inputs)
    assert doc.inputs is not inputs and doc.inputs.dtype == np.float64
    np.testing.assert_array_equal(doc.targets[:, 0], [0.0] * 6 + [-0.5])
    np.testing.assert_array_equal(doc.loss_mask, [False] * 6 + [True])
    assert np.all(doc.h0 == 0) and (doc.view.time_step, doc.view.unit, doc.view.display_mode) == (4, 2, "whole")
    from lstm_studio.session.document import NetworkConfig, new_document

    np.testing.assert_array_equal(doc.parameters["weight_hh_l0"],
                                  new_document(c, seed=1).parameters["weight_hh_l0"])
    two = lesson_document("lstm", 1, inputs, bidirectional=True)
    assert two.config.bidirectional and two.config.hidden_size == 8
    assert (two.view.time_step, two.view.unit) == (0, 0) and two.targets[-1, 0] == 1.0
    assert NetworkConfig  # the config class the documents use


def test_set_gate_writes_the_effective_bias_into_bias_ih_and_the_rows_of_the_gate():
    doc = lesson_document("lstm", 0, sentence(0, steps=5), hidden=3)
    before = {name: value.copy() for name, value in doc.parameters.items()}
    rows = gate_rows(doc, "f")
    assert rows == slice(3, 6)
    set_gate(doc, "f", bias=2.0, w_ih=0.5, w_hh=np.eye(3))
    p = doc.parameters
    assert np.all(p["bias_ih_l0"][rows] == 2.0) and np.all(p["bias_hh_l0"][rows] == 0.0)
    assert np.all(p["weight_ih_l0"][rows] == 0.5)
    np.testing.assert_array_equal(p["weight_hh_l0"][rows], np.eye(3))
    for name in p:  # the other gates' rows are untouched
        np.testing.assert_array_equal(np.delete(p[name], np.r_[rows], axis=0), np.delete(before[name], np.r_[rows], axis=0))
    set_gate(doc, "o", w_hh=1.0)  # only what is given
    assert np.all(p["weight_hh_l0"][gate_rows(doc, "o")] == 1.0)
    np.testing.assert_array_equal(p["bias_ih_l0"][gate_rows(doc, "o")], before["bias_ih_l0"][gate_rows(doc, "o")])
    two = reconfigured(doc, num_layers=2, bidirectional=True)
    set_gate(two, "i", bias=-3.0, layer=1, suffix="_reverse")
    assert np.all(two.parameters["bias_ih_l1_reverse"][0:3] == -3.0)
    assert np.all(two.parameters["bias_hh_l1_reverse"][0:3] == 0.0)


def test_fraction_divides_quietly():
    assert fraction(1.0, 4.0) == 0.25 and type(fraction(1, 4)) is float
    assert fraction(1.0, 0.0) == float("inf") and fraction(-1.0, 0.0) == float("-inf")
    assert np.isnan(fraction(0.0, 0.0))


def test_long_distance_claims_need_twenty_steps_and_the_loss_at_the_end_only():
    doc = lesson("vanishing-rnn").build(0)
    assert distance_refusal(doc) is None and loss_at_last_step_only(doc)
    assert distance_refusal(reconfigured(doc, seq_len=20)) is None
    short = distance_refusal(reconfigured(doc, seq_len=19))
    assert short == Report(False, short.reason)
    assert str(short.reason) == "Does not apply: the claim is about long sequences (T ≥ 20); T is now 19."
    for mask in ([True] * 30, [False] * 29 + [True] * 0 + [False], [True] + [False] * 28 + [True]):
        edited = doc.copy()
        edited.loss_mask = np.array(mask, dtype=bool)
        assert not loss_at_last_step_only(edited)
        refused = distance_refusal(edited)
        assert refused == Report(False, refused.reason)
        assert str(refused.reason) == ("Does not apply: this page measures a loss at the last step only; set the "
                                       "loss back to the last step (Targets and loss).")


# -- the README's table --------------------------------------------------------------------------
def test_the_table_has_a_row_per_lesson_and_a_measured_column_only_when_asked():
    without = table.markdown_table(measure=None).splitlines()
    assert without[:2] == ["| Claim | Lessons ▸ | Look at |", "|---|---|---|"]
    assert len(without) == 2 + len(LESSONS) and all(row.count(" | ") == 2 for row in without[2:])
    seen = []
    with_column = table.markdown_table(measure=lambda item: seen.append(item) or f"measured {item.id}").splitlines()
    assert with_column[:2] == ["| Claim | Lessons ▸ | Look at | Seed 0 measures |", "|---|---|---|---|"]
    assert seen == list(LESSONS)
    for item, row in zip(LESSONS, with_column[2:]):
        assert row.startswith("| ") and row.endswith(f" | measured {item.id} |")
    first = with_column[2]
    assert first == ("| " + LESSONS[0].claim + " | Vanilla RNN ▸ " + LESSONS[0].title
                     + " (2 steps) | Gradient flow (BPTT) | measured vanishing-rnn |")


def test_table_cells_escape_pipes_and_join_lines():
    assert table._cell("a | b\nc") == "a \\| b c"


def test_the_measured_column_is_the_first_pages_verdict_for_the_seed():
    item = lesson("exploding-rnn")
    assert table.measured(item) == str(item.measures(document=item.build(0)).reason)
    assert table.measured(item, 2) == str(item.measures(document=item.build(2)).reason)
    assert table.measured(item, 2) != table.measured(item)


def test_the_table_goes_between_the_markers():
    readme = "intro\n<!-- lessons:start -->\nold\n<!-- lessons:end -->\noutro <!-- lessons:end -->"
    updated = table.with_table(readme, "new | table")
    assert updated == "intro\n<!-- lessons:start -->\nnew | table\n<!-- lessons:end -->\noutro <!-- lessons:end -->"
    assert table.table_in(updated) == "new | table"
    assert table.table_in("<!-- lessons:start -->\n\n x \n\n<!-- lessons:end --> <!-- lessons:end -->") == " x "
    for broken in ("no markers", "<!-- lessons:start --> no end", "<!-- lessons:end --> only an end"):
        with pytest.raises(ValueError) as refused:
            table.with_table(broken, "t")
        assert str(refused.value) == "the README has no <!-- lessons:start --> … <!-- lessons:end --> markers"


def test_the_cell_highway_page_is_the_highway_lstm_measured_on_the_gradient_panel():
    from lstm_studio.lessons import lstm

    page = lstm.cell_highway_page("A title", "What to look at")
    assert (page.title, page.look, page.panel, page.trains) == ("A title", "What to look at", "gradient", False)
    assert page.build is lstm.highway_lstm_document and page.measure is lstm.measure_highway
    assert lesson("vanishing-rnn").pages[1].build is lstm.highway_lstm_document


def test_norms_of_gradients_too_large_for_floats_are_infinite_quietly():
    from lstm_studio.lessons.construct import norms_over_time

    values = np.zeros((3, 2, 4))
    values[1, 0] = 1e200
    values[2, 0, 0] = 3.0
    values[2, 0, 1] = 4.0
    np.testing.assert_array_equal(norms_over_time(values), [0.0, np.inf, 5.0])


def test_a_lesson_document_holds_its_inputs_as_floats():
    doc = lesson_document("rnn_tanh", 0, np.array([[1, 0], [0, 1], [2, 3]]))
    assert doc.inputs.dtype == np.float64 and doc.inputs.tolist() == [[1.0, 0.0], [0.0, 1.0], [2.0, 3.0]]
    assert doc.config.output_size == 1 and doc.targets.shape == (3, 1)
