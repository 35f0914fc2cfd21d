"""Characters of a next-character session, derived from what the document keeps (no Qt): the
vocabulary of the task's text, each step's input and true next character, the most likely next
characters, and signs for characters a label would not show. Also the default texts and seeds
(English and Korean) of the engine."""

import re

import numpy as np
import pytest

from lstm_studio.engine.tasks import (
    DEFAULT_TEXT,
    DEFAULT_TEXT_KO,
    SEED_CHARACTERS,
    NextCharacter,
    default_seed,
    default_text,
)
from lstm_studio.session import characters as ch
from lstm_studio.session.document import LIMITS, reconfigured
from lstm_studio.session.experiments import task_document, task_of
from lstm_studio.session.io import load_session, save_session

TEXT = "ab ba\nab\tcab ba\nab\tcab ba\nab\tcab ba\nab\tcab ba\nab\tc"


@pytest.mark.parametrize("character, shown", [
    (" ", "␣"), ("\n", "⏎"), ("\t", "⇥"), ("\r", "↵"), ("\u00a0", "⍽"), ("\x00", "␀"), ("\x1b", "␛"),
    ("\x7f", "␡"), ("\u200b", "U+200B"), ("\u3000", "U+3000"), ("\u2028", "U+2028"),
    # the other invisible categories: a C1 control, a lone surrogate, private use, unassigned, a
    # paragraph separator
    ("\x85", "U+0085"), ("\ud800", "U+D800"), ("\ue000", "U+E000"), ("\u0378", "U+0378"), ("\u2029", "U+2029"),
    ("a", "a"), ("가", "가"), ("😀", "😀"), (".", "."), ("“", "“")])
def test_invisible_characters_get_a_visible_sign(character, shown):
    assert ch.visible(character) == shown


def test_the_vocabulary_is_the_texts_characters_in_the_tasks_order():
    doc = task_document("next_char", text=TEXT)
    assert ch.task_text(doc) == TEXT
    assert ch.vocabulary(doc) == "\t\n abc" == NextCharacter(text=TEXT).vocabulary
    assert ch.text_vocabulary(TEXT) == "\t\n abc"


def test_steps_read_the_example_window_of_the_text():
    doc = task_document("next_char", text=TEXT, seq_len=12)
    read, following = ch.step_characters(doc), ch.target_characters(doc)
    assert len(read) == len(following) == 12 and all(read) and all(following)
    assert "".join(read[1:]) == "".join(following[:-1])  # the target is the next input
    assert "".join(read) + following[-1] in TEXT
    # the same characters the task itself encodes
    task = task_of(doc)
    np.testing.assert_array_equal(task.encode("".join(read)), doc.inputs)


def test_rows_that_are_not_one_hot_have_no_character():
    rows = np.eye(3)[[0, 2, 1, 1]]
    rows[1] = [0.0, 0.5, 0.5]
    rows[2] = [0.0, 0.0, 0.0]
    rows[3] = [1.0, 1.0, 0.0]
    assert ch.one_hot_characters(rows, "xyz") == ["x", "", "", ""]
    rows = np.eye(3)[[2, 0]]
    rows[1, 0] = 2.0
    assert ch.one_hot_characters(rows, "xyz") == ["z", ""]
    assert ch.one_hot_characters(np.eye(3), "xy") == ["", "", ""]  # sizes disagree
    assert ch.one_hot_characters(np.array([0.0, 1.0]), "xy") == ["", ""]  # not a table of rows
    assert ch.one_hot_characters(np.array(1.0), "xy") == []


def test_sessions_without_characters_give_none():
    assert ch.vocabulary(task_document("adding")) is None
    assert ch.step_characters(task_document("adding")) is None
    assert ch.target_characters(task_document("adding")) is None
    doc = task_document("next_char", text=TEXT)
    for size in ("input_size", "output_size"):  # the sizes no longer match the vocabulary
        assert ch.vocabulary(reconfigured(doc, **{size: 7})) is None
    doc.training["task_options"] = "unreadable"
    assert ch.task_text(doc) is None and ch.vocabulary(doc) is None
    doc.training["task_options"] = {"text": 5}
    assert ch.task_text(doc) is None


def test_a_vocabulary_option_orders_the_channels_and_one_that_is_no_text_is_passed_over():
    doc = task_document("next_char", text=TEXT)
    doc.training["task_options"]["vocabulary"] = "cba \t\n"  # an imported model's own order
    assert ch.task_vocabulary(doc) == ch.vocabulary(doc) == "cba \t\n"
    for given in ("", 5, ["c", "b", "a", " ", "\t", "\n"]):
        doc.training["task_options"]["vocabulary"] = given
        assert ch.task_vocabulary(doc) == "\t\n abc"


def test_task_options_without_text_mean_the_default_text_as_in_training():
    doc = task_document("next_char")
    del doc.training["task_options"]["text"]
    assert ch.task_text(doc) == DEFAULT_TEXT == task_of(doc).text
    assert ch.vocabulary(doc) == task_of(doc).vocabulary
    del doc.training["task_options"]  # no options at all
    assert ch.task_text(doc) == DEFAULT_TEXT == task_of(doc).text
    assert ch.task_vocabulary(doc) == ch.vocabulary(doc) == task_of(doc).vocabulary


def test_top_characters_are_sorted_by_probability_with_ties_in_vocabulary_order():
    p = np.array([0.1, 0.3, 0.1, 0.4, 0.1])
    assert ch.top_characters(p, "abcde", 3) == [("d", 0.4), ("b", 0.3), ("a", 0.1)]
    assert ch.top_characters(p, "abcde", 5)[2:] == [("a", 0.1), ("c", 0.1), ("e", 0.1)]
    assert ch.top_characters(p, "abcde", 9) == ch.top_characters(p, "abcde", 5)
    assert ch.top_characters(p, "abcde", 0) == []
    assert ch.top_characters(p, "abcde", -2) == []


def test_top_characters_are_five_by_default_with_ties_in_vocabulary_order_in_a_large_vocabulary():
    characters = "".join(chr(ord("a") + i) for i in range(26)) + "0123456789 .,?"  # 40, as a text's
    p = np.full(40, 0.02)
    p[[5, 30]] = 0.12
    assert ch.top_characters(p, characters) == [("f", 0.12), ("4", 0.12), ("a", 0.02), ("b", 0.02), ("c", 0.02)]
    ties = [c for c, _ in ch.top_characters(p, characters, 40)[2:]]
    assert ties == [c for i, c in enumerate(characters) if i not in (5, 30)]


def test_the_characters_survive_saving_and_loading(tmp_path):
    """Nothing new is stored: the labels come back from the file's task text."""
    doc = task_document("next_char", text=DEFAULT_TEXT_KO)
    save_session(doc, tmp_path / "korean.lstms")
    loaded = load_session(tmp_path / "korean.lstms")
    assert ch.vocabulary(loaded) == ch.vocabulary(doc) == "".join(sorted(set(DEFAULT_TEXT_KO)))
    assert ch.step_characters(loaded) == ch.step_characters(doc)
    assert ch.target_characters(loaded) == ch.target_characters(doc)


def test_default_texts_by_language():
    assert default_text("en") is DEFAULT_TEXT
    assert default_text("ko") is DEFAULT_TEXT_KO
    assert default_text("xx") is DEFAULT_TEXT
    assert re.search("[가-힣]", DEFAULT_TEXT_KO) and not re.search("[A-Za-z]", DEFAULT_TEXT_KO)
    task = NextCharacter(text=DEFAULT_TEXT_KO)  # a usable task: longer than its window,
    assert len(DEFAULT_TEXT_KO) > 4 * task.seq_len  # a vocabulary the input size allows
    assert len(task.vocabulary) <= LIMITS["input_size"]
    doc = task_document("next_char", text=DEFAULT_TEXT_KO)
    assert doc.config.input_size == doc.config.output_size == len(task.vocabulary)


@pytest.mark.parametrize("text, seed", [
    (DEFAULT_TEXT, "I grew "),
    (DEFAULT_TEXT_KO, "나는 바닷가의 "),
    ("hello world and more", "hello world "),
    ("extraordinarily long words", "extr"),
    ("abc defghijklmnop qr", "abc "),
    ("  indented text here", "  indented "),
    ("모스크바에여행을왔는데여기", "모스크바"),
    ("x", "x"),
    ("ab", "ab"),
])
def test_the_default_seed_is_the_texts_first_words(text, seed):
    assert default_seed(text) == seed
    assert len(default_seed(text)) <= SEED_CHARACTERS
    assert set(default_seed(text)) <= set(text) and text.startswith(default_seed(text))
