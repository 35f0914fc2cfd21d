"""Opening a character model trained with PyTorch from a state dict (.npz here, no torch) and a
vocabulary JSON: what is inferred, the vocabulary's order, and every refusal naming its key."""

import json

import numpy as np
import pytest

from lstm_studio.engine import build_network
from lstm_studio.session.characters import step_characters, target_characters, vocabulary
from lstm_studio.session.document import evaluate_document
from lstm_studio.session.io import load_session, save_session
from lstm_studio.session.model_import import (
    ModelImportError,
    default_text,
    model_document,
    open_model,
    read_vocabulary,
)
from lstm_studio.session.params_io import ParameterFileError

CHARACTERS = "ba c."  # deliberately not sorted: the model's own index order must win
TEXT = "a cab. ba ca. cab a. " * 3


def state_dict(kind="lstm", hidden=4, layers=1, bidirectional=False, embedding=3, rnn="rnn",
               fc="fc", vocabulary_size=len(CHARACTERS), seed=0):
    """The keys and shapes a PyTorch char model's state_dict has, with random values."""
    net = build_network(kind, vocabulary_size, hidden, layers, bidirectional, seed=seed,
                        embedding_size=embedding)
    rng = np.random.default_rng(seed)
    state = {}
    for name, value in net.parameters().items():
        state["embedding.weight" if name == "embedding" else f"{rnn}.{name}"] = value
    features = (2 if bidirectional else 1) * hidden
    state[f"{fc}.weight"] = rng.uniform(-0.5, 0.5, (vocabulary_size, features))
    state[f"{fc}.bias"] = rng.uniform(-0.5, 0.5, vocabulary_size)
    return state


def write_model(tmp_path, state, vocab=None):
    np.savez(tmp_path / "model.npz", **state)
    (tmp_path / "vocab.json").write_text(
        json.dumps(vocab if vocab is not None else {"characters": list(CHARACTERS)}), encoding="utf-8")
    return tmp_path / "model.npz", tmp_path / "vocab.json"


def refused(state, *fragments, characters=CHARACTERS, nonlinearity=None, text=TEXT):
    with pytest.raises(ModelImportError) as info:
        model_document(state, characters, nonlinearity, text)
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)
    return str(info.value)


# -- success ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind,layers,bidirectional,embedding", [
    ("lstm", 2, True, 3), ("gru", 1, False, 2), ("rnn_tanh", 3, False, 0), ("lstm", 1, False, 0)])
def test_an_npz_model_opens_as_a_next_character_session(tmp_path, kind, layers, bidirectional, embedding):
    state = state_dict(kind, layers=layers, bidirectional=bidirectional, embedding=embedding)
    document = open_model(*write_model(tmp_path, state), text=TEXT)
    config = document.config
    assert (config.kind, config.num_layers, config.bidirectional) == (kind, layers, bidirectional)
    assert (config.input_size, config.output_size, config.hidden_size) == (5, 5, 4)
    assert config.embedding_size == embedding
    for key, value in state.items():
        name = key.split(".", 1)[1] if not key.startswith("embedding") else "embedding"
        stored = document.readout[name] if key.startswith("fc.") else document.parameters[name]
        np.testing.assert_array_equal(stored, value, err_msg=key)
    assert document.task == "next_char" and document.loss == "cross_entropy"
    assert np.isfinite(evaluate_document(document).loss)


def test_the_vocabulary_order_of_the_model_wins_over_the_sorted_text(tmp_path):
    document = open_model(*write_model(tmp_path, state_dict()), text=TEXT)
    assert vocabulary(document) == CHARACTERS
    inputs, targets = "".join(step_characters(document)), "".join(target_characters(document))
    assert inputs in TEXT and targets in TEXT and inputs[1:] == targets[:-1]
    assert document.inputs[0].argmax() == CHARACTERS.index(inputs[0])


def test_an_imported_session_saves_and_opens_with_its_vocabulary(tmp_path):
    document = open_model(*write_model(tmp_path, state_dict(embedding=2)), text=TEXT)
    save_session(document, tmp_path / "imported.lstms")
    again = load_session(tmp_path / "imported.lstms")
    assert again.equals(document) and vocabulary(again) == CHARACTERS


def test_without_a_text_the_session_reads_the_vocabulary_repeated(tmp_path):
    document = open_model(*write_model(tmp_path, state_dict()))
    assert document.training["task_options"]["text"] == default_text(CHARACTERS, 25)
    assert set(default_text(CHARACTERS, 25)) == set(CHARACTERS)
    assert len(default_text(CHARACTERS, 25)) > 25


def test_wrapper_and_module_names_are_recognised():
    state = {"module." + key.replace("rnn.", "lstm.").replace("fc.", "decoder.").replace(
        "embedding.", "encoder."): value for key, value in state_dict().items()}
    document = model_document(state, CHARACTERS, text=TEXT)
    np.testing.assert_array_equal(document.parameters["embedding"], state["module.encoder.weight"])
    np.testing.assert_array_equal(document.readout["bias"], state["module.decoder.bias"])


def test_a_recurrent_stack_inside_a_submodule_is_recognised():
    state = {key.replace("rnn.", "encoder.rnn.").replace("fc.", "head.fc."): value
             for key, value in state_dict(layers=2).items()}
    document = model_document(state, CHARACTERS, text=TEXT)
    np.testing.assert_array_equal(document.parameters["weight_hh_l1"], state["encoder.rnn.weight_hh_l1"])
    np.testing.assert_array_equal(document.readout["weight"], state["head.fc.weight"])


def test_a_relu_rnn_takes_its_nonlinearity_from_the_vocabulary(tmp_path):
    path, vocab = write_model(tmp_path, state_dict("rnn_relu"),
                              {"characters": list(CHARACTERS), "nonlinearity": "relu"})
    assert open_model(path, vocab, TEXT).config.kind == "rnn_relu"
    assert model_document(state_dict("rnn_relu"), CHARACTERS, text=TEXT).config.kind == "rnn_tanh"


# -- refusals --------------------------------------------------------------------------------------
def test_an_unknown_key_is_named_with_its_shape():
    state = state_dict() | {"dropout.p": np.zeros(3)}
    refused(state, "dropout.p", "(3,)")
    refused(state_dict() | {"rnn.weight_hr_l0": np.zeros((4, 2))}, "rnn.weight_hr_l0")


def test_a_missing_key_is_named_with_the_shape_expected():
    state = state_dict(layers=2)
    del state["rnn.bias_hh_l1"]
    refused(state, "rnn.bias_hh_l1", "(16,)")
    state = state_dict(bidirectional=True)
    del state["rnn.weight_hh_l0_reverse"]
    refused(state, "rnn.weight_hh_l0_reverse", "(16, 4)")
    state = state_dict()
    del state["fc.bias"]
    refused(state, "fc.bias")
    refused({k: v for k, v in state_dict().items() if "weight_ih_l0" not in k}, "rnn.weight_ih_l0")
    refused({k: v for k, v in state_dict().items() if k.startswith("fc")}, "no recurrent weights")


def test_a_wrong_shape_is_named_with_both_shapes():
    state = state_dict(layers=2)
    state["rnn.weight_ih_l1"] = np.zeros((16, 3))
    refused(state, "rnn.weight_ih_l1", "(16, 3)", "(16, 4)")
    state = state_dict()
    state["rnn.weight_hh_l0"] = np.zeros((20, 4))
    refused(state, "rnn.weight_hh_l0", "(20, 4)", "4H × H")
    state = state_dict()
    state["fc.weight"] = np.zeros((5, 7))
    refused(state, "fc.weight", "(5, 7)", "(5, 4)")


def test_a_vocabulary_of_another_size_than_the_model_is_refused():
    refused(state_dict(), "6 characters", "embedding.weight", "(5, 3)", characters=CHARACTERS + "z")
    refused(state_dict(embedding=0), "rnn.weight_ih_l0", "6 columns", characters=CHARACTERS + "z")
    state = state_dict()
    state["fc.weight"] = np.zeros((6, 4))
    refused(state, "read-out fc.weight", "(6, 4)", "5 rows")


def test_non_float_nan_and_huge_weights_are_refused(tmp_path):
    state = state_dict()
    state["fc.bias"] = np.arange(5)
    with pytest.raises(ParameterFileError, match="fc.bias: must hold floating-point numbers, not int64"):
        open_model(*write_model(tmp_path, state))
    refused(state, "fc.bias", "floating-point")
    state = state_dict()
    state["rnn.weight_hh_l0"][0, 0] = np.nan
    refused(state, "rnn.weight_hh_l0", "NaN")
    state = state_dict()
    state["embedding.weight"][0, 0] = 1e9
    refused(state, "embedding.weight", "beyond")


def test_a_nonlinearity_for_a_gated_model_is_refused():
    refused(state_dict("gru"), "nn.GRU", "relu", nonlinearity="relu")


def test_a_text_with_characters_outside_the_vocabulary_is_refused():
    refused(state_dict(), "'x'", "not in the vocabulary", text=TEXT + "x")


def test_recurrent_weights_of_two_modules_are_refused():
    state = state_dict() | {"rnn2.weight_ih_l0": np.zeros((16, 3))}
    refused(state, "rnn, rnn2")


@pytest.mark.parametrize("content,fragment", [
    ("", "not a JSON file"), ("{", "not a JSON file"), ("[]", '"characters" list'),
    ('{"chars": ["a"]}', '"characters" list'), ('{"characters": []}', "non-empty list"),
    ('{"characters": "abc"}', "non-empty list"), ('{"characters": ["a", "bc"]}', 'entry 1 of "characters" is "bc"'),
    ('{"characters": ["a", 1]}', "entry 1"), ('{"characters": ["a", "b", "a"]}', "'a' is listed twice"),
    ('{"characters": ["a"]}', "at least two"),
    ('{"characters": ["a", "b"], "nonlinearity": "sigmoid"}', '"tanh" or "relu"'),
])
def test_an_empty_or_malformed_vocabulary_is_refused(tmp_path, content, fragment):
    path = tmp_path / "vocab.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelImportError) as info:
        read_vocabulary(path)
    assert fragment in str(info.value) and "vocab.json" in str(info.value)


def test_a_missing_vocabulary_file_is_refused(tmp_path):
    with pytest.raises(ModelImportError, match="Cannot read nothing.json"):
        read_vocabulary(tmp_path / "nothing.json")


def test_a_vocabulary_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "vocab.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"characters": ["x", "y"]}).encode())
    assert read_vocabulary(path) == ("xy", None)


def test_an_imported_model_trains_and_writes_text_in_its_own_characters():
    from lstm_studio.session.experiments import task_of, trainer_for

    document = model_document(state_dict("lstm", embedding=3), CHARACTERS, text=TEXT)
    trainer = trainer_for(document, {"steps": 2})
    before = trainer.network.parameters()["embedding"].copy()
    trainer.step()
    assert not np.array_equal(trainer.network.parameters()["embedding"], before), "E trains with the rest"
    generated = task_of(document).sample(trainer.network, trainer.readout, "ab", 30)
    assert len(generated) == 30 and set(generated) <= set(CHARACTERS)


def test_a_new_text_keeps_the_imported_model_and_its_vocabulary():
    from lstm_studio.session.model_import import has_own_vocabulary, with_text

    document = model_document(state_dict("gru", embedding=2), CHARACTERS, text=TEXT)
    assert has_own_vocabulary(document)
    reading = with_text(document, "cab. " * 3)
    assert reading.config == document.config.__class__(**{**document.config.__dict__, "seq_len": 14})
    for name, value in document.parameters.items():
        np.testing.assert_array_equal(reading.parameters[name], value)
    assert vocabulary(reading) == CHARACTERS and "".join(step_characters(reading)) in "cab. " * 3
    with pytest.raises(ValueError, match="'x'"):
        with_text(document, "xab" * 4)
    from lstm_studio.session.experiments import task_document
    assert not has_own_vocabulary(task_document("next_char", text=TEXT))


# -- export, then open: the round trip -----------------------------------------------------------
@pytest.mark.parametrize("kind,layers,bidirectional,embedding", [
    ("lstm", 2, True, 3), ("gru", 1, False, 2), ("rnn_relu", 2, False, 0), ("rnn_tanh", 1, True, 4)])
def test_an_exported_character_session_opens_as_the_same_model(tmp_path, kind, layers, bidirectional, embedding):
    from lstm_studio.session.params_io import export_parameters

    state = state_dict(kind, layers=layers, bidirectional=bidirectional, embedding=embedding,
                       seed=layers + embedding)
    original = model_document(state, CHARACTERS, kind.removeprefix("rnn_") if kind.startswith("rnn") else None,
                              TEXT)
    written = export_parameters(original, tmp_path / "mine.npz")
    assert written == [tmp_path / "mine.npz", tmp_path / "mine.vocab.json"]
    with np.load(written[0], allow_pickle=False) as data:  # a character model's state_dict keys
        assert ("embedding.weight" in data.files) == bool(embedding) and "embedding" not in data.files
    vocabulary_file = json.loads(written[1].read_text(encoding="utf-8"))
    assert vocabulary_file["characters"] == list(CHARACTERS)  # the model's order, not sorted
    assert vocabulary_file.get("nonlinearity") == (kind.removeprefix("rnn_") if kind.startswith("rnn") else None)
    reopened = open_model(*written, text=TEXT)
    assert reopened.config == original.config
    for name, value in original.parameters.items():
        np.testing.assert_array_equal(reopened.parameters[name], value, err_msg=name)
    for name, value in original.readout.items():
        np.testing.assert_array_equal(reopened.readout[name], value, err_msg=name)
    assert evaluate_document(reopened).loss == evaluate_document(original).loss


def test_a_session_without_characters_exports_no_vocabulary(tmp_path):
    from lstm_studio.session.document import NetworkConfig, new_document
    from lstm_studio.session.params_io import export_parameters

    written = export_parameters(new_document(NetworkConfig(kind="gru", input_size=2, hidden_size=3)),
                                tmp_path / "plain.npz")
    assert written == [tmp_path / "plain.npz"] and not (tmp_path / "plain.vocab.json").exists()


def test_parameters_with_the_embedding_under_either_name_import_into_a_session(tmp_path):
    from lstm_studio.session.params_io import export_parameters, imported_document, read_parameter_file

    state = state_dict("lstm", embedding=3, seed=5)
    original = model_document(state, CHARACTERS, None, TEXT)
    target = model_document(state_dict("lstm", embedding=3, seed=6), CHARACTERS, None, TEXT)
    export_parameters(original, tmp_path / "new.npz")
    assert imported_document(target, read_parameter_file(tmp_path / "new.npz")).equals(original)
    old_style = dict(np.load(tmp_path / "new.npz"))  # written before the embedding had PyTorch's name
    old_style["embedding"] = old_style.pop("embedding.weight")
    np.savez(tmp_path / "old.npz", **old_style)
    assert imported_document(target, read_parameter_file(tmp_path / "old.npz")).equals(original)
