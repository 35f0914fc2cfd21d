"""The corpora's generators, signals, documents and unit search in detail (mutation testing,
issue 17): what ``test_corpora.py`` states broadly, at its edges."""

import numpy as np
import pytest

from lstm_studio.engine import build_network
from lstm_studio.session.corpora import (
    CORPORA,
    LINE_WIDTH,
    MAX_DEPTH,
    WORD_LENGTHS,
    WORD_LETTERS,
    arithmetic,
    best_unit,
    brackets,
    corpus_document,
    inside_quotes,
    lines,
    quotes,
    train_corpus,
)
from lstm_studio.session.text_run import run_document

SEEDS = range(4)


@pytest.mark.parametrize("seed", SEEDS)
def test_bracket_lines_are_balanced_at_least_twelve_characters_and_use_small_letters(seed):
    text = brackets(seed, 2000)
    assert len(text) >= 2000 and text.endswith("\n")
    for line in text.split("\n")[:-1]:
        assert len(line) >= 12 and line.startswith("(")
        depth = 0
        for ch in line:
            depth += 1 if ch == "(" else -1 if ch == ")" else 0
            assert 0 <= depth <= MAX_DEPTH
        assert depth == 0
    assert set(text) == set("()abcdefgh\n")


def test_bracket_lines_vary_in_length_and_letters_appear_at_every_depth():
    text = brackets(0, 3000)
    assert len({len(line) for line in text.split("\n")[:-1]}) > 5
    depth, seen = 0, set()
    for ch in text:
        depth += 1 if ch == "(" else -1 if ch == ")" else 0
        if ch.isalpha():
            seen.add(depth)
    assert seen == set(range(1, MAX_DEPTH + 1))


@pytest.mark.parametrize("seed", SEEDS)
def test_quotes_hold_small_words_and_quoted_capitals_of_two_to_five_words(seed):
    from lstm_studio.session.corpora import WORDS
    text = quotes(seed, 2000)
    assert len(text) >= 2000 and text.endswith(" ") and not text.startswith(" ")
    parts = text.split('"')
    assert len(parts) % 2 == 1
    counts = set()
    for k, part in enumerate(parts):
        words = part.split()
        if k % 2:  # quoted
            counts.add(len(words))
            assert all(word.lower() in WORDS and word.isupper() for word in words)
            assert part == part.strip()
        else:
            assert all(word in WORDS for word in words)
    assert counts <= {2, 3, 4, 5}
    assert len(text.split("  ")) == 1  # one space between pieces


def test_quoted_strings_of_every_size_from_two_to_five_words_appear_among_single_words():
    text = quotes(0, 6000)
    parts = text.split('"')
    sizes = {len(part.split()) for part in parts[1::2]}
    assert sizes == {2, 3, 4, 5}
    assert sum(len(part.split()) for part in parts[::2]) > 100  # unquoted small words too


def test_a_short_quotes_text_is_only_as_long_as_asked_plus_one_piece():
    text = quotes(0, 1)
    assert len(text.split()) == 1 or text.startswith('"')
    assert quotes(0, 0) == " "


@pytest.mark.parametrize("width", [8, LINE_WIDTH, 30])
def test_lines_wrap_at_the_width_given_and_a_line_ends_where_the_next_word_would_not_fit(width):
    text = lines(0, 2000, width=width)
    rows = text.split("\n")[:-1]
    assert text.endswith("\n") and all(rows)
    assert max(len(row) for row in rows) == width or width == 8 and max(len(row) for row in rows) <= 8
    assert all(len(row) <= width for row in rows)
    for row, following in zip(rows, rows[1:]):
        assert len(row) + 1 + len(following.split(" ")[0]) > width
        assert "  " not in row and row == row.strip()
    assert sum(len(row) + 1 for row in rows) >= 2000


def test_lines_words_are_of_one_to_eight_letters_of_the_word_letters():
    text = lines(1, 4000)
    assert {len(word) for word in text.split()} == set(range(WORD_LENGTHS[0], WORD_LENGTHS[1] + 1))
    assert set(text.replace(" ", "").replace("\n", "")) == set(WORD_LETTERS)


def test_lines_default_width_is_line_width():
    assert lines(2, 1000) == lines(2, 1000, width=LINE_WIDTH)
    assert max(len(row) for row in lines(2, 1000).split("\n")) == LINE_WIDTH


@pytest.mark.parametrize("largest", [5, 49, 200])
def test_sums_use_whole_numbers_from_zero_to_the_largest_given(largest):
    text = arithmetic(0, 3000, largest=largest)
    terms = [int(term) for line in text.split("\n")[:-1] for term in line.split("=")[0].split("+")]
    assert min(terms) == 0 and max(terms) == largest
    assert len(text) >= 3000
    assert sum(len(line) + 1 for line in text.split("\n")[:-1]) == len(text)


@pytest.mark.parametrize("key", sorted(CORPORA))
def test_a_corpus_document_is_an_untrained_lstm_of_the_corpus_size_on_its_text(key):
    corpus = CORPORA[key]
    document = corpus_document(key, seed=3, length=400)
    config = document.config
    assert config.kind == "lstm" and config.hidden_size == corpus.hidden_size
    assert config.num_layers == 1 and not config.bidirectional
    assert document.training["task_options"]["text"] == corpus.generate(3, 400)
    assert document.training["lr"] == corpus.lr and document.training["batch_size"] == corpus.batch_size
    expected = build_network("lstm", config.input_size, corpus.hidden_size, seed=3, forget_bias=corpus.forget_bias)
    for name, array in expected.parameters().items():
        np.testing.assert_array_equal(document.parameters[name], array)
    hidden = corpus.hidden_size
    forget = document.parameters["bias_ih_l0"][hidden:2 * hidden] + document.parameters["bias_hh_l0"][hidden:2 * hidden]
    np.testing.assert_allclose(forget, corpus.forget_bias)
    assert len(document.history.get("step", ())) == 0


def test_corpus_documents_default_to_seed_zero_and_three_thousand_characters():
    document = corpus_document("brackets")
    assert document.training["task_options"]["text"] == brackets(0, 3000)
    other = corpus_document("brackets", 1, length=500)
    assert other.training["task_options"]["text"] == brackets(1, 500)
    assert not np.array_equal(other.parameters["weight_hh_l0"], document.parameters["weight_hh_l0"])


def test_training_a_corpus_returns_a_trained_copy_with_its_history():
    document = corpus_document("quotes", 0, length=400)
    before = {name: array.copy() for name, array in document.parameters.items()}
    seen = []
    trained = train_corpus(document, 3, progress=seen.append)
    assert trained is not document
    for name, array in document.parameters.items():  # the original is left as it was
        np.testing.assert_array_equal(array, before[name])
    assert any(not np.array_equal(trained.parameters[name], before[name]) for name in before)
    assert list(trained.history["step"]) == [1, 2, 3] and len(seen) == 3
    assert trained.readout is not None and set(trained.readout) == {"weight", "bias"}
    assert not np.array_equal(trained.readout["weight"], document.readout["weight"])


def test_training_a_corpus_stops_when_told():
    document = corpus_document("quotes", 0, length=400)
    trained = train_corpus(document, 50, should_stop=lambda: True)
    assert len(trained.history["step"]) < 50


def test_best_unit_prefers_the_cell_state_when_it_correlates_better():
    document = corpus_document("quotes", 0, length=400)
    run = run_document(document, dtype=np.float64)
    signal = run.of("c")[:, 5].copy()  # a signal that is exactly unit 5's c
    found = best_unit(document, signal)
    assert (found.layer, found.direction, found.unit, found.quantity) == (0, 0, 5, "c")
    assert found.correlation == pytest.approx(1.0)
    found = best_unit(document, -run.of("h")[:, 7])
    assert (found.unit, found.quantity) == (7, "h") and found.correlation == pytest.approx(-1.0)


def test_best_unit_reads_only_as_much_signal_as_the_run_covers_and_a_flat_signal_correlates_zero():
    document = corpus_document("quotes", 0, length=400)
    run = run_document(document, dtype=np.float64)
    signal = np.concatenate([run.of("h")[:, 2], np.zeros(50)])
    found = best_unit(document, signal)
    assert found.unit == 2 and found.correlation == pytest.approx(1.0)
    flat = best_unit(document, np.ones(len(run.text)))
    assert flat.correlation == 0.0


def test_best_unit_names_layer_and_direction_in_a_deeper_network():
    from lstm_studio.session.document import reconfigured
    document = reconfigured(corpus_document("quotes", 0, length=300), num_layers=2, bidirectional=True)
    run = run_document(document, dtype=np.float64)
    found = best_unit(document, run.of("h", 1, 1)[:, 4])
    assert (found.layer, found.direction, found.unit, found.quantity) == (1, 1, 4, "h")


def test_best_unit_of_a_network_without_cell_state_uses_h():
    from lstm_studio.session.document import reconfigured
    document = reconfigured(corpus_document("quotes", 0, length=300), kind="gru")
    run = run_document(document, dtype=np.float64)
    found = best_unit(document, run.of("h")[:, 3])
    assert (found.unit, found.quantity) == (3, "h")


def test_inside_quotes_flips_at_each_quote():
    np.testing.assert_array_equal(inside_quotes('"a""b"'), [1, 1, 0, 1, 1, 0])


@pytest.mark.parametrize("generate", [brackets, quotes, lines, arithmetic])
def test_generators_default_to_seed_zero_and_three_thousand_characters(generate):
    assert generate() == generate(0, 3000)


def last_piece(generate, text):
    """The text without its last line (its last word or quoted string for the quotes)."""
    if generate is quotes:
        import re
        pieces = re.findall(r'"[^"]*"|[^ "]+', text)
        assert " ".join(pieces) + " " == text
        return " ".join(pieces[:-1]) + " " if len(pieces) > 1 else ""
    return text[:-1].rsplit("\n", 1)[0] + "\n" if "\n" in text[:-1] else ""


@pytest.mark.parametrize("generate", [brackets, quotes, lines, arithmetic])
def test_a_text_is_of_at_least_the_length_asked_and_ends_with_the_line_that_reaches_it(generate):
    for length in list(range(1, 120)) + [500, 1000, 2999]:
        text = generate(0, length)
        assert len(text) >= length
        assert len(last_piece(generate, text)) < length, length  # one line less would be too short


def test_the_shortest_bracket_lines_are_twelve_characters():
    shortest = min(len(line) for seed in range(10) for line in brackets(seed, 3000).split("\n")[:-1])
    assert shortest == 12


def test_a_corpus_document_has_sequences_of_fifty_characters_and_trains_with_its_seed():
    for seed in (0, 4):
        document = corpus_document("lines", seed, length=300)
        assert document.config.seq_len == 50
        assert document.training["seed"] == seed


def test_best_unit_ignores_the_warnings_of_a_flat_signal():
    """A signal without variance divides 0 by 0 for every unit: no warning, every correlation 0."""
    import warnings
    document = corpus_document("quotes", 0, length=200)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = best_unit(document, np.zeros(len(document.training["task_options"]["text"])))
    assert found.correlation == 0.0


def test_best_unit_gives_the_pearson_correlation_of_the_run_in_full_precision():
    document = corpus_document("quotes", 0, length=400)
    text = document.training["task_options"]["text"]
    signal = inside_quotes(text)
    found = best_unit(document, signal)
    run = run_document(document, dtype=np.float64)
    values = run.of(found.quantity)[:, found.unit]
    assert found.correlation == pytest.approx(np.corrcoef(values, signal[:len(run.text)])[0, 1], rel=1e-12, abs=1e-12)
