"""Details of parameter import (session/params_io.py, no Qt): refusals as whole messages, the
size cap at its bound, what a PyTorch file may hold, the values an import takes, and which
prefixes of a state dict's names are dropped, and the files export writes."""

import numpy as np
import pytest
from recording_file import RecordingFile

from lstm_studio.session import archive
from lstm_studio.session import io as session_io
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.params_io import (
    ParameterFileError,
    imported_document,
    parameter_arrays,
    read_parameter_file,
)

torch = pytest.importorskip("torch")


@pytest.fixture
def doc():
    return new_document(NetworkConfig(kind="gru", input_size=2, hidden_size=3, output_size=1), seed=1)


def refusal(call, *args):
    with pytest.raises(ParameterFileError) as refused:
        call(*args)
    return str(refused.value)


# -- reading files -------------------------------------------------------------------------------
def test_a_missing_file_and_a_folder_are_refused_by_name(tmp_path):
    assert refusal(read_parameter_file, tmp_path / "gone.npz") == "Cannot read gone.npz: No such file or directory."
    (tmp_path / "dir.npz").mkdir()
    assert refusal(read_parameter_file, tmp_path / "dir.npz") == \
        "Cannot read dir.npz: it is not a regular file (a folder, device or pipe)."


def test_the_size_cap_is_the_largest_file_read(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_ARRAY_BYTES", 100)
    (tmp_path / "big.npz").write_bytes(b"x" * 101)
    assert refusal(read_parameter_file, tmp_path / "big.npz") == "big.npz is larger than any network's parameters."
    (tmp_path / "fits.npz").write_bytes(b"x" * 100)
    message = refusal(read_parameter_file, tmp_path / "fits.npz")
    assert "larger than" not in message and "fits.npz" in message


def test_arrays_of_whole_numbers_are_read_as_floats_and_other_kinds_refused(tmp_path):
    np.savez(tmp_path / "ints.npz", a=np.arange(3, dtype=np.int32), b=np.arange(2, dtype=np.uint8))
    arrays = read_parameter_file(tmp_path / "ints.npz")
    assert all(value.dtype == np.float64 for value in arrays.values())
    np.testing.assert_array_equal(arrays["a"], [0.0, 1.0, 2.0])
    np.savez(tmp_path / "flags.npz", f=np.array([True, False]))
    assert refusal(read_parameter_file, tmp_path / "flags.npz") == "f: must hold numbers, not bool."
    np.savez(tmp_path / "complex.npz", c=np.array([1j]))
    assert refusal(read_parameter_file, tmp_path / "complex.npz") == "complex.npz: 'c' has unsupported data type complex128."


def test_a_damaged_npz_is_refused_naming_the_file(tmp_path):
    (tmp_path / "damaged.npz").write_bytes(b"PK\x03\x04 not really a zip")
    assert "damaged.npz" in refusal(read_parameter_file, tmp_path / "damaged.npz")


@pytest.mark.parametrize("content, message", [
    (lambda: torch.zeros(2), "x.pt holds a Tensor, not a state dict."),
    (lambda: [torch.zeros(2)], "x.pt holds a list, not a state dict."),
    (lambda: {"w": 1.5}, "x.pt: entry 'w' is not a named tensor."),
    (lambda: {3: torch.zeros(2)}, "x.pt: entry 3 is not a named tensor."),
    (lambda: {"w": torch.zeros(2, dtype=torch.complex64)}, "w: must hold real numbers, not torch.complex64."),
    (lambda: {"w": torch.zeros(2, dtype=torch.bool)}, "w: must hold real numbers, not torch.bool."),
    (lambda: {"w": torch.zeros(2, dtype=torch.int8)}, "w: must hold real numbers, not torch.int8."),
])
def test_a_pytorch_file_must_hold_named_real_tensors(tmp_path, content, message):
    torch.save(content(), tmp_path / "x.pt")
    assert refusal(read_parameter_file, tmp_path / "x.pt") == message


def test_pytorch_tensors_of_any_real_kind_are_read_as_float64(tmp_path):
    torch.save({"a": torch.tensor([1.5, 2.0], dtype=torch.float16), "b": torch.tensor([3], dtype=torch.int32),
                "c": torch.tensor([4], dtype=torch.int64), "d": torch.tensor([0.1], dtype=torch.float32)},
               tmp_path / "x.pth")
    arrays = read_parameter_file(tmp_path / "x.pth")
    assert {name: value.dtype for name, value in arrays.items()} == dict.fromkeys("abcd", np.float64)
    assert arrays["a"].tolist() == [1.5, 2.0] and arrays["b"].tolist() == [3.0] and arrays["c"].tolist() == [4.0]
    assert arrays["d"][0] == np.float64(np.float32(0.1))


# -- importing values ----------------------------------------------------------------------------
def test_every_problem_is_listed_even_after_a_name_the_network_does_not_have(doc):
    values = {"extra": np.zeros(1)} | parameter_arrays(doc)
    values["weight_hh_l0"] = np.zeros((2, 2))
    del values["bias_hh_l0"]
    assert refusal(imported_document, doc, values) == (
        "weight_hh_l0: expected (9, 3), file has (2, 2); missing: bias_hh_l0; not in this network: extra")


def test_values_up_to_the_limit_are_taken_and_the_worst_beyond_it_is_named(doc):
    values = parameter_arrays(doc)
    values["weight_ih_l0"] = np.full((9, 2), 1e6)
    values["bias_ih_l0"] = np.full(9, -1e6)
    imported = imported_document(doc, values)
    assert np.all(imported.parameters["weight_ih_l0"] == 1e6)
    values["weight_hh_l0"] = values["weight_hh_l0"].copy()
    values["weight_hh_l0"][1, 2] = -2.5e6
    values["weight_hh_l0"][0, 0] = 2e6
    assert refusal(imported_document, doc, values) == (
        "weight_hh_l0: holds -2.5e+06, beyond ±1e+06, the largest value LSTM Studio takes")


def test_only_one_common_prefix_of_every_recurrent_name_is_dropped(doc):
    arrays = parameter_arrays(doc)
    recurrent = [name for name in arrays if not name.startswith("readout.")]
    prefixed = {("gru." + name if name in recurrent else name): value for name, value in arrays.items()}
    assert imported_document(doc, prefixed).equals(imported_document(doc, arrays))
    two = {(f"{'a' if k % 2 else 'b'}.{name}"): arrays[name] for k, name in enumerate(recurrent)}
    message = refusal(imported_document, doc, two)
    assert message.startswith("missing: " + ", ".join(recurrent) + "; not in this network: ")
    assert message.endswith(", ".join(two))
    partly = {"gru." + recurrent[0]: arrays[recurrent[0]]} | {name: arrays[name] for name in recurrent[1:2]}
    partly["other_thing"] = np.zeros(1)
    message = refusal(imported_document, doc, partly)
    assert message.endswith("not in this network: gru." + recurrent[0] + ", other_thing")


def test_a_pytorch_file_without_pytorch_is_refused_by_name(tmp_path, monkeypatch):
    from lstm_studio.session import params_io

    torch.save({"w": torch.zeros(2)}, tmp_path / "model.pt")
    monkeypatch.setattr(params_io, "torch_available", lambda: False)
    assert refusal(read_parameter_file, tmp_path / "model.pt") == \
        "model.pt: PyTorch files need PyTorch installed; use the .npz format instead."


def test_only_the_first_part_of_a_deeper_common_prefix_is_dropped(doc):
    arrays = parameter_arrays(doc)
    nested = {(name if name.startswith("readout.") else "model.gru." + name): value for name, value in arrays.items()}
    message = refusal(imported_document, doc, nested)
    assert message.startswith("missing: weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0; not in this network: ")
    assert "gru.weight_ih_l0" in message


# -- the embedding's two names ---------------------------------------------------------------------
def embedded():
    return new_document(NetworkConfig(kind="gru", input_size=3, hidden_size=2, output_size=3,
                                      embedding_size=2), seed=2)


def test_the_embedding_under_pytorchs_name_is_not_taken_by_a_network_without_one(doc):
    values = parameter_arrays(doc) | {"embedding.weight": np.zeros((2, 2))}
    assert refusal(imported_document, doc, values) == "not in this network: embedding.weight"


def test_the_embedding_under_both_names_takes_the_engines_and_refuses_the_other():
    document = embedded()
    values = {("embedding" if name == "embedding.weight" else name): value
              for name, value in parameter_arrays(document).items()}
    assert imported_document(document, values).equals(document)
    values["embedding.weight"] = values["embedding"]
    assert refusal(imported_document, document, values) == "not in this network: embedding.weight"


# -- writing files ---------------------------------------------------------------------------------
def characters_document():
    """A next-character session whose vocabulary has characters beyond ASCII."""
    from lstm_studio.session.experiments import task_document

    return task_document("next_char", text="é a bé, à bé. " * 4)


def test_the_vocabulary_file_holds_its_characters_as_utf8_text(tmp_path):
    from lstm_studio.session.params_io import export_parameters

    written = export_parameters(characters_document(), tmp_path / "model.npz")
    raw = written[1].read_bytes()
    assert "é".encode("utf-8") in raw and "à".encode("utf-8") in raw and b"\\u" not in raw


@pytest.mark.parametrize("name, vocabulary_name", [("Model.PT", "Model.vocab.json"),
                                                   ("run.1.pth", "run.1.vocab.json"),
                                                   ("w.Npz", "w.vocab.json")])
def test_files_are_written_in_the_kind_their_suffix_names_in_any_case(tmp_path, name, vocabulary_name):
    from lstm_studio.session.params_io import export_parameters

    document = characters_document()
    written = export_parameters(document, tmp_path / name)
    assert written == [tmp_path / name, tmp_path / vocabulary_name]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([name, vocabulary_name])
    if name.lower().endswith(".npz"):
        with np.load(tmp_path / name, allow_pickle=False) as data:
            assert set(data.files) == set(parameter_arrays(document))
    else:
        state = torch.load(tmp_path / name, weights_only=True)
        assert set(state) == set(parameter_arrays(document))
        assert all(isinstance(value, torch.Tensor) for value in state.values())
    assert imported_document(document, read_parameter_file(tmp_path / name)).equals(document)


def test_integers_are_refused_where_only_floats_are_taken(tmp_path):
    np.savez(tmp_path / "ints.npz", w=np.zeros(2), k=np.arange(3, dtype=np.int32))
    assert set(read_parameter_file(tmp_path / "ints.npz")) == {"w", "k"}
    with pytest.raises(ParameterFileError) as refused:
        read_parameter_file(tmp_path / "ints.npz", floats_only=True)
    assert str(refused.value) == "k: must hold floating-point numbers, not int32."
    np.savez(tmp_path / "floats.npz", w=np.zeros(2, dtype=np.float16))
    assert read_parameter_file(tmp_path / "floats.npz", floats_only=True)["w"].dtype == np.float64


# -- what a PyTorch file may do --------------------------------------------------------------------
@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without a GPU")
def test_a_state_dict_saved_on_a_gpu_opens_on_a_machine_without_one(tmp_path, monkeypatch):
    from torch import serialization

    with monkeypatch.context() as patch:  # the tensors' storage recorded as a GPU's, as saved there
        patch.setattr(serialization, "location_tag", lambda storage: "cuda:0")
        torch.save({"w": torch.tensor([1.5, -2.0])}, tmp_path / "gpu.pt")
    assert read_parameter_file(tmp_path / "gpu.pt")["w"].tolist() == [1.5, -2.0]


@pytest.mark.filterwarnings("ignore::UserWarning")  # torch's warning that code would run is not the test
def test_pickled_code_is_refused_even_where_the_environment_asks_torch_to_run_it(tmp_path, monkeypatch):
    torch.save({"w": torch.zeros(2), "hook": print}, tmp_path / "evil.pt")
    monkeypatch.setenv("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", "1")
    assert refusal(read_parameter_file, tmp_path / "evil.pt").startswith(
        "evil.pt is not a readable PyTorch state dict (")


def test_pytorch_integers_are_refused_by_their_own_type_where_only_floats_are_taken(tmp_path):
    torch.save({"w": torch.zeros(2), "k": torch.tensor([1, 2], dtype=torch.int32)}, tmp_path / "ints.pt")
    assert read_parameter_file(tmp_path / "ints.pt")["k"].tolist() == [1.0, 2.0]
    with pytest.raises(ParameterFileError) as refused:
        read_parameter_file(tmp_path / "ints.pt", floats_only=True)
    assert str(refused.value) == "k: must hold floating-point numbers, not int32."
    torch.save({"k": torch.tensor([3], dtype=torch.int64)}, tmp_path / "long.pt")
    with pytest.raises(ParameterFileError, match="^k: must hold floating-point numbers, not int64.$"):
        read_parameter_file(tmp_path / "long.pt", floats_only=True)


def test_bfloat16_tensors_are_read_as_float64(tmp_path):
    torch.save({"w": torch.tensor([1.5, -0.25], dtype=torch.bfloat16)}, tmp_path / "b.pt")
    values = read_parameter_file(tmp_path / "b.pt", floats_only=True)["w"]
    assert values.dtype == np.float64 and values.tolist() == [1.5, -0.25]


def test_no_more_of_a_parameter_file_is_read_than_the_cap_and_one_byte(tmp_path, monkeypatch):
    """A huge file is refused after reading just past the cap, not read whole first."""
    from lstm_studio.session import params_io

    asked = []
    opened = params_io.open_regular

    monkeypatch.setattr(archive, "MAX_ARRAY_BYTES", 100)
    monkeypatch.setattr(params_io, "open_regular", lambda path: RecordingFile(opened(path), asked))
    (tmp_path / "huge.npz").write_bytes(b"x" * 10_000)
    assert refusal(read_parameter_file, tmp_path / "huge.npz") == "huge.npz is larger than any network's parameters."
    assert asked == [101]
