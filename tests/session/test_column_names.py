"""The names of a session's channels from a CSV header (session/column_names.py, no Qt): kept
in the training settings, used only while they fit their channels."""

import pytest

from lstm_studio.session import column_names
from lstm_studio.session.column_names import COLUMN_NAMES, channel_names, with_column_names
from lstm_studio.session.document import NetworkConfig, new_document


@pytest.fixture(scope="module")
def document():
    """A session of two inputs and one target, without names."""
    return new_document(NetworkConfig(input_size=2, hidden_size=2, output_size=1, seq_len=3))


def named(document, names):
    copy = new_document(document.config)
    copy.training = dict(document.training, **{COLUMN_NAMES: names})
    return copy


def test_names_are_kept_under_their_key_in_a_copy_of_the_settings():
    training = {"learning_rate": 0.1}
    result = with_column_names(training, ["time", "rain"], ["temperature"])
    assert result == {"learning_rate": 0.1, COLUMN_NAMES: {"inputs": ["time", "rain"], "targets": ["temperature"]}}
    assert training == {"learning_rate": 0.1}
    assert COLUMN_NAMES == "column_names"


def test_names_replace_earlier_ones_and_no_names_remove_them():
    training = {"epochs": 3, COLUMN_NAMES: {"inputs": ["old"], "targets": ["older"]}}
    assert with_column_names(training, ["new"], None) == {"epochs": 3, COLUMN_NAMES: {"inputs": ["new"]}}
    assert with_column_names(training, None, None) == {"epochs": 3}
    assert with_column_names(training, [], []) == {"epochs": 3}
    assert training[COLUMN_NAMES] == {"inputs": ["old"], "targets": ["older"]}


def test_a_list_of_blank_names_names_nothing_but_one_name_keeps_the_blanks_beside_it():
    assert with_column_names({}, ["", "  "], [" "]) == {}
    assert with_column_names({}, ["", "rain"], ["\t"]) == {COLUMN_NAMES: {"inputs": ["", "rain"]}}
    assert with_column_names({}, None, ["", "level"]) == {COLUMN_NAMES: {"targets": ["", "level"]}}


def test_names_are_kept_as_text():
    assert with_column_names({}, [1, 2.5], ["x"]) == {COLUMN_NAMES: {"inputs": ["1", "2.5"], "targets": ["x"]}}


def test_each_sequence_has_the_names_of_its_own_channels(document):
    session = named(document, {"inputs": ["time", "rain"], "targets": ["temperature"]})
    assert channel_names(session, "inputs") == ["time", "rain"]
    assert channel_names(session, "targets") == ["temperature"]
    assert column_names.input_names(session) == ["time", "rain"]
    assert column_names.target_names(session) == ["temperature"]


def test_names_of_another_number_of_channels_are_not_used(document):
    session = named(document, {"inputs": ["time"], "targets": ["temperature", "rain"]})
    assert column_names.input_names(session) is None and column_names.target_names(session) is None
    session = named(document, {"inputs": ["time", "rain", "wind"], "targets": []})
    assert column_names.input_names(session) is None and column_names.target_names(session) is None


def test_names_missing_or_not_text_are_none(document):
    assert column_names.input_names(document) is None and column_names.target_names(document) is None
    assert column_names.input_names(named(document, {"targets": ["t"]})) is None
    assert column_names.target_names(named(document, {"targets": ["t"]})) == ["t"]
    assert column_names.input_names(named(document, {"inputs": ["a", 2]})) is None
    assert column_names.input_names(named(document, {"inputs": ("a", "b")})) is None
    assert column_names.input_names(named(document, {"inputs": "ab"})) is None
    assert column_names.input_names(named(document, ["a", "b"])) is None
    assert column_names.input_names(named(document, None)) is None


def test_settings_that_are_no_dictionary_have_no_names(document):
    session = new_document(document.config)
    session.training = [(COLUMN_NAMES, {"inputs": ["a", "b"]})]
    assert column_names.input_names(session) is None
    session.training = None
    assert column_names.target_names(session) is None
