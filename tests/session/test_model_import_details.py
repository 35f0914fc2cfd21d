"""Details of opening a PyTorch character model (session/model_import.py, no Qt): every refusal
as its whole message (the key, the shapes, the file), the vocabulary file's bounds, the names a
state dict's keys may take, and what the opened session holds besides the weights."""

import json

import numpy as np
import pytest
from recording_file import RecordingFile

from lstm_studio.engine import build_network
from lstm_studio.session import model_import
from lstm_studio.session.document import VALUE_LIMIT
from lstm_studio.session.experiments import task_document
from lstm_studio.session.model_import import (
    ModelImportError,
    default_text,
    has_own_vocabulary,
    model_document,
    read_vocabulary,
    vocabulary_from,
    with_text,
)

CHARACTERS = "ba c."
TEXT = "a cab. ba ca. cab a. " * 3


def state_dict(kind="lstm", hidden=4, layers=1, bidirectional=False, embedding=3, rnn="rnn.", fc="fc.",
               emb="embedding.", vocabulary_size=len(CHARACTERS), seed=0):
    """A PyTorch char model's state_dict keys and shapes (prefixes given whole, "" for none)."""
    net = build_network(kind, vocabulary_size, hidden, layers, bidirectional, seed=seed,
                        embedding_size=embedding)
    rng = np.random.default_rng(seed)
    state = {(emb + "weight" if name == "embedding" else rnn + name): value
             for name, value in net.parameters().items()}
    features = (2 if bidirectional else 1) * hidden
    state[fc + "weight"] = rng.uniform(-0.5, 0.5, (vocabulary_size, features))
    state[fc + "bias"] = rng.uniform(-0.5, 0.5, vocabulary_size)
    return state


def refusal(state, characters=CHARACTERS, nonlinearity=None, text=TEXT):
    with pytest.raises(ModelImportError) as info:
        model_document(state, characters, nonlinearity, text)
    return str(info.value)


def vocabulary_refusal(tmp_path, content, name="v.json"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(ModelImportError) as info:
        read_vocabulary(path)
    return str(info.value)


# -- the vocabulary file ---------------------------------------------------------------------------
def test_a_missing_vocabulary_file_is_refused_with_the_reason(tmp_path):
    with pytest.raises(ModelImportError) as info:
        read_vocabulary(tmp_path / "gone.json")
    assert str(info.value) == "Cannot read gone.json: No such file or directory."


def test_a_vocabulary_file_up_to_the_cap_is_read_and_one_byte_more_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(model_import, "MAX_VOCABULARY_BYTES", 40)
    content = '{"characters": ["a", "b"]}'
    (tmp_path / "fits.json").write_text(content + " " * (40 - len(content)), encoding="utf-8")
    assert read_vocabulary(tmp_path / "fits.json") == ("ab", None)
    assert vocabulary_refusal(tmp_path, content + " " * (41 - len(content)), "big.json") == \
        "big.json is too large for a vocabulary."


def test_no_more_of_a_vocabulary_file_is_read_than_the_cap_and_one_byte(tmp_path, monkeypatch):
    """A huge file is refused after reading just past the cap, not read whole first."""
    asked = []

    monkeypatch.setattr(model_import, "MAX_VOCABULARY_BYTES", 40)
    monkeypatch.setattr(model_import, "open", lambda path, mode: RecordingFile(open(path, mode), asked),
                        raising=False)
    assert vocabulary_refusal(tmp_path, " " * 1000, "huge.json") == "huge.json is too large for a vocabulary."
    assert asked == [41]


def test_a_vocabulary_file_that_cannot_be_read_is_refused_with_the_systems_reason(tmp_path, monkeypatch):
    def failing(path, mode):
        raise OSError("the disk went away")

    monkeypatch.setattr(model_import, "open", failing, raising=False)
    with pytest.raises(ModelImportError) as info:
        read_vocabulary(tmp_path / "v.json")
    assert str(info.value) == "Cannot read v.json: the disk went away."


def test_a_vocabulary_that_is_not_json_names_the_file_and_the_reason(tmp_path):
    assert vocabulary_refusal(tmp_path, "{") == \
        "v.json is not a JSON file (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))."
    message = vocabulary_refusal(tmp_path, b'{"characters": ["\xff", "a"]}')
    assert message.startswith("v.json is not a JSON file (") and "utf-8" in message and "0xff" in message


@pytest.mark.parametrize("content, message", [
    ([], 'vocabulary must be an object with a "characters" list, e.g. {"characters": ["a", "b", " "]}.'),
    ({"characters": "ab"}, 'vocabulary: "characters" must be a non-empty list of characters.'),
    ({"characters": ["a", "éé"]}, 'vocabulary: entry 1 of "characters" is "éé", not one character.'),
    ({"characters": ["a", None]}, 'vocabulary: entry 1 of "characters" is null, not one character.'),
    ({"characters": ["a", "b", "c", "b"]},
     "vocabulary: 'b' is listed twice in \"characters\" (entries 1 and 3)."),
    ({"characters": ["é"]}, 'vocabulary: "characters" must list at least two characters.'),
    ({"characters": ["a", "b"], "nonlinearity": "sïgmoid"},
     'vocabulary: "nonlinearity" must be "tanh" or "relu", not "sïgmoid".'),
])
def test_each_vocabulary_refusal_is_its_whole_message(content, message):
    with pytest.raises(ModelImportError) as info:
        vocabulary_from(content)
    assert str(info.value) == message


def test_a_vocabulary_gives_its_characters_in_order_and_its_nonlinearity():
    assert vocabulary_from({"characters": ["é", "a"]}) == ("éa", None)
    assert vocabulary_from({"characters": ["b", "a"], "nonlinearity": "relu"}) == ("ba", "relu")
    assert vocabulary_from({"characters": ["b", "a"], "nonlinearity": "tanh"}) == ("ba", "tanh")
    assert vocabulary_from({"characters": ["b", "a"], "nonlinearity": None}) == ("ba", None)


# -- the names of the keys --------------------------------------------------------------------------
def test_wrapper_prefixes_are_dropped_however_they_nest():
    state = {"module._orig_mod.model." + key: value for key, value in state_dict().items()}
    document = model_document(state, CHARACTERS, text=TEXT)
    np.testing.assert_array_equal(document.parameters["weight_hh_l0"],
                                  state["module._orig_mod.model.rnn.weight_hh_l0"])


def test_wrapper_prefixes_are_dropped_in_any_order():
    state = {"model.module." + key: value for key, value in state_dict().items()}
    state["model.module.rnn.weight_hh_l0"] = np.zeros((20, 4))
    assert refusal(state).startswith("rnn.weight_hh_l0 has shape (20, 4)")


def test_a_prefix_not_every_key_has_is_kept_in_the_names():
    state = state_dict(rnn="module.rnn.")
    state["module.rnn.weight_hh_l0"] = np.zeros((20, 4))
    assert refusal(state).startswith("module.rnn.weight_hh_l0 has shape (20, 4)")


def test_a_bare_recurrent_layer_is_named_without_a_prefix():
    state = state_dict(rnn="")
    np.testing.assert_array_equal(model_document(state, CHARACTERS, text=TEXT).parameters["bias_hh_l0"],
                                  state["bias_hh_l0"])
    state["weight_hh_l0"] = np.zeros((20, 4))
    assert refusal(state) == ("weight_hh_l0 has shape (20, 4): an nn.LSTM has 4H × H, an nn.GRU 3H × H, "
                              "an nn.RNN H × H.")


def test_modules_are_recognised_by_the_last_part_of_their_name():
    state = state_dict(emb="net.char_embedding.", rnn="net.lstm.", fc="net.lm_head.")
    document = model_document(state, CHARACTERS, text=TEXT)
    np.testing.assert_array_equal(document.parameters["embedding"], state["net.char_embedding.weight"])
    np.testing.assert_array_equal(document.readout["weight"], state["net.lm_head.weight"])


def test_an_unknown_key_is_refused_with_the_names_that_are_known():
    assert refusal(state_dict() | {"dropout.p": np.zeros(3)}) == (
        "The model has a key LSTM Studio does not know: dropout.p (shape (3,)). It opens an embedding "
        "(embedding|embed.weight), one nn.LSTM, nn.GRU or nn.RNN and a linear read-out "
        "(fc|linear|out.weight, .bias).")
    assert refusal(state_dict() | {"embedding.bias": np.zeros(3)}).startswith(
        "The model has a key LSTM Studio does not know: embedding.bias (shape (3,))")
    assert refusal(state_dict() | {"fc.scale": np.zeros(5)}).startswith(
        "The model has a key LSTM Studio does not know: fc.scale (shape (5,))")


def test_two_modules_of_the_embedding_or_of_the_read_out_are_refused():
    message = ("The model has weights of several modules of one role ({}); LSTM Studio opens one embedding, "
               "one recurrent stack and one read-out.")
    assert refusal(state_dict() | {"embed.weight": np.zeros((5, 3))}) == message.format("embed, embedding")
    assert refusal(state_dict() | {"head.bias": np.zeros(5)}) == message.format("fc, head")
    assert refusal(state_dict() | {"rnnX.weight_ih_l0": np.zeros((16, 3))}) == message.format("rnn, rnnX")


def test_a_model_without_recurrent_weights_is_refused():
    assert refusal({}) == refusal({"fc.weight": np.zeros((5, 4))}) == \
        "The model has no recurrent weights (missing key: weight_ih_l0 of an nn.LSTM, nn.GRU or nn.RNN)."


def test_a_model_without_a_read_out_is_refused_naming_the_key_expected():
    state = {key: value for key, value in state_dict().items() if not key.startswith("fc.")}
    assert refusal(state) == "The model has no key fc.weight (shape (5, 4) expected)."


# -- sizes and kinds ----------------------------------------------------------------------------------
def test_the_first_layers_matrices_are_needed_by_name():
    state = {k: v for k, v in state_dict().items() if k != "rnn.weight_ih_l0"}
    assert refusal(state) == "The model has no key rnn.weight_ih_l0."
    state = {k: v for k, v in state_dict().items() if k != "rnn.weight_hh_l0"}
    assert refusal(state) == "The model has no key rnn.weight_hh_l0."


@pytest.mark.parametrize("shape", [(16,), (0, 0), (8, 4), (18, 4), (4, 0)])
def test_a_recurrent_matrix_of_no_known_kind_is_refused(shape):
    state = state_dict()
    state["rnn.weight_hh_l0"] = np.zeros(shape)
    assert refusal(state) == (f"rnn.weight_hh_l0 has shape {shape}: an nn.LSTM has 4H × H, an nn.GRU 3H × H, "
                              "an nn.RNN H × H.")


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn_tanh"])
def test_a_hidden_size_of_one_opens(kind):
    document = model_document(state_dict(kind, hidden=1), CHARACTERS, text=TEXT)
    assert (document.config.kind, document.config.hidden_size) == (kind, 1)


def test_a_nonlinearity_given_for_a_gated_model_is_refused_by_name():
    assert refusal(state_dict("lstm"), nonlinearity="tanh") == (
        "The vocabulary gives a nonlinearity (tanh), but the model is an nn.LSTM: only an nn.RNN has one to choose.")
    assert model_document(state_dict("rnn_tanh"), CHARACTERS, "tanh", TEXT).config.kind == "rnn_tanh"
    assert model_document(state_dict("rnn_relu"), CHARACTERS, "relu", TEXT).config.kind == "rnn_relu"


def test_the_depth_comes_from_the_highest_layer():
    document = model_document(state_dict("gru", layers=3, bidirectional=True), CHARACTERS, text=TEXT)
    assert (document.config.num_layers, document.config.bidirectional) == (3, True)
    state = state_dict(layers=2)
    state = {k: v for k, v in state.items() if "_l1" not in k or k == "rnn.weight_ih_l1"}
    assert refusal(state) == "The model has no key rnn.weight_hh_l1 (shape (16, 4) expected)."


def test_an_embedding_or_read_out_of_the_wrong_size_is_refused_with_its_shape():
    state = state_dict()
    state["embedding.weight"] = np.zeros(5)
    assert refusal(state) == ("The vocabulary has 5 characters but the embedding embedding.weight has shape (5,) "
                              "(5 rows expected).")
    state["embedding.weight"] = np.zeros((6, 3))
    assert "has shape (6, 3) (5 rows expected)" in refusal(state)
    state = state_dict()
    state["fc.weight"] = np.zeros((4, 4))
    assert refusal(state) == ("The vocabulary has 5 characters but the read-out fc.weight has shape (4, 4) "
                              "(5 rows expected).")
    state["fc.weight"] = np.zeros(5)
    assert refusal(state) == "fc.weight has shape (5,); this model needs (5, 4)."


def test_one_hot_input_needs_a_column_per_character():
    state = state_dict(embedding=0)
    state["rnn.weight_ih_l0"] = np.zeros((16, 4))
    assert refusal(state) == (
        "The model has no embedding, so rnn.weight_ih_l0 reads one-hot characters: it needs 5 columns for the "
        "5 characters of the vocabulary, not shape (16, 4).")
    state["rnn.weight_ih_l0"] = np.zeros(16)
    assert refusal(state) == "rnn.weight_ih_l0 has shape (16,); this model needs (16, 5)."


def test_a_key_the_inferred_network_lacks_is_refused_with_the_depth():
    state = state_dict() | {"rnn.weight_ih_l01": np.zeros((16, 4))}
    assert refusal(state) == (
        "The model has a key rnn.weight_ih_l01 that a 2-layer network does not have (shape (16, 4)).")


# -- the values --------------------------------------------------------------------------------------
def test_values_up_to_the_limit_are_taken_and_beyond_it_refused():
    state = state_dict()
    state["embedding.weight"] = np.full((5, 3), -VALUE_LIMIT)
    state["fc.bias"] = np.full(5, VALUE_LIMIT)
    document = model_document(state, CHARACTERS, text=TEXT)
    assert np.all(document.parameters["embedding"] == -VALUE_LIMIT) and np.all(document.readout["bias"] == VALUE_LIMIT)
    state["fc.bias"] = np.full(5, VALUE_LIMIT * (1 + 1e-15))
    assert refusal(state) == "fc.bias holds values beyond ±1e+06, the largest LSTM Studio takes."
    state = state_dict()
    state["rnn.bias_ih_l0"][3] = -np.inf
    assert refusal(state) == "rnn.bias_ih_l0 contains NaN or infinity."


def test_weights_of_any_float_width_open_as_float64_copies():
    state = {key: value.astype(np.float32) for key, value in state_dict().items()}
    document = model_document(state, CHARACTERS, text=TEXT)
    for name, value in (document.parameters | {"readout." + k: v for k, v in document.readout.items()}).items():
        assert value.dtype == np.float64, name
    np.testing.assert_array_equal(document.parameters["weight_ih_l0"], state["rnn.weight_ih_l0"])
    state["rnn.weight_ih_l0"][0, 0] = 7.0
    assert document.parameters["weight_ih_l0"][0, 0] != 7.0


def test_values_that_are_not_float_arrays_are_refused_naming_the_type():
    state = state_dict()
    state["fc.bias"] = [0.5] * 5
    assert refusal(state) == "fc.bias: must hold floating-point numbers, not list."
    state["fc.bias"] = np.zeros(5, dtype=np.complex128)
    assert refusal(state) == "fc.bias: must hold floating-point numbers, not complex128."


# -- the session ---------------------------------------------------------------------------------------
def test_the_session_reads_a_sequence_of_25_steps_from_a_long_text_and_starts_at_its_end():
    document = model_document(state_dict("lstm", layers=2, bidirectional=True), CHARACTERS, text=TEXT)
    assert document.config.seq_len == 25 and document.view.time_step == 24
    assert document.h0.shape == document.c0.shape == (4, 4)
    assert not document.h0.any() and not document.c0.any()
    assert document.init_scheme == "pytorch"


def test_a_short_text_gives_as_many_steps_as_it_has_targets():
    document = model_document(state_dict(), CHARACTERS, text="ab c.")
    assert document.config.seq_len == 4 and document.view.time_step == 3
    assert model_document(state_dict(), CHARACTERS, text="ab").config.seq_len == 1


def test_a_refusal_of_the_text_keeps_its_translatable_template():
    with pytest.raises(ModelImportError) as info:
        model_document(state_dict(), CHARACTERS, text=TEXT + "x")
    assert info.value.values and "{" in info.value.template
    assert info.value.template.format(**info.value.values) == str(info.value)


@pytest.mark.parametrize("characters, seq_len, text", [
    ("ab", 25, "ab" * 13), ("abc", 25, "abc" * 9), ("abcdef", 3, "abcdef" * 2), ("abcd", 4, "abcd" * 2)])
def test_the_default_text_is_the_fewest_repeats_holding_a_sequence_with_every_character_followed(
        characters, seq_len, text):
    """Enough for seq_len steps and the last target, and every character has a next one."""
    assert default_text(characters, seq_len) == text


def test_a_model_opened_without_text_reads_its_vocabulary_repeated():
    document = model_document(state_dict(), CHARACTERS)
    assert document.training["task_options"]["text"] == CHARACTERS * 6
    assert document.config.seq_len == 25


def test_a_new_text_keeps_the_seed_the_steps_and_a_time_step_within_them():
    document = model_document(state_dict("gru"), CHARACTERS, text=TEXT)
    document.training["seed"] = 3
    reading = with_text(document, "cab. ba" * 6)
    expected = task_document("next_char", seed=3, text="cab. ba" * 6, seq_len=25, vocabulary=CHARACTERS)
    np.testing.assert_array_equal(reading.inputs, expected.inputs)
    assert reading.training["seed"] == 3 and reading.config.seq_len == 25 and reading.view.time_step == 24
    assert reading.training["task_options"]["text"] == "cab. ba" * 6
    assert {k: v for k, v in reading.training.items() if k != "task_options"} == \
        {k: v for k, v in document.training.items() if k != "task_options"}
    short = with_text(document, "cab.")
    assert short.config.seq_len == 3 and short.view.time_step == 2
    assert with_text(document, "ab").config.seq_len == 1
    seed_0 = task_document("next_char", text="cab. ba" * 6, seq_len=25, vocabulary=CHARACTERS).inputs
    assert not np.array_equal(seed_0, expected.inputs)
    document.training["seed"] = "three"  # not a seed: 0
    np.testing.assert_array_equal(with_text(document, "cab. ba" * 6).inputs, seed_0)
    del document.training["seed"]  # none: 0
    np.testing.assert_array_equal(with_text(document, "cab. ba" * 6).inputs, seed_0)


def test_only_a_next_character_session_with_a_vocabulary_text_has_its_own_vocabulary():
    document = model_document(state_dict(), CHARACTERS, text=TEXT)
    assert has_own_vocabulary(document) is True
    document.training["task_options"] = dict(document.training["task_options"], vocabulary=list(CHARACTERS))
    assert has_own_vocabulary(document) is False
    document.training["task_options"] = "abc"
    assert has_own_vocabulary(document) is False
    other = task_document("adding")
    other.training["task_options"] = {"vocabulary": "ab"}
    assert has_own_vocabulary(other) is False


def test_the_vocabulary_json_example_in_the_docs_opens(tmp_path):
    (tmp_path / "v.json").write_text(json.dumps({"characters": ["a", "b", "c"]}), encoding="utf-8")
    assert read_vocabulary(tmp_path / "v.json") == ("abc", None)


def test_a_new_text_that_is_not_text_is_refused_as_the_task_refuses_it():
    document = model_document(state_dict(), CHARACTERS, text=TEXT)
    for text in (None, 123):
        with pytest.raises(ValueError, match="at least two different characters"):
            with_text(document, text)
