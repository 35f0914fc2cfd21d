"""Parameter import/export in PyTorch's layout (.npz always, .pt when torch is installed)."""

import numpy as np
import pytest

from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.params_io import (
    NO_PYTORCH_COUNTERPART,
    ParameterFileError,
    export_parameters,
    imported_document,
    parameter_arrays,
    read_parameter_file,
)


@pytest.fixture
def doc():
    return new_document(NetworkConfig(kind="lstm", input_size=3, hidden_size=4, num_layers=2,
                                      output_size=2), seed=1)


def other_weights(doc, seed=9):
    rng = np.random.default_rng(seed)
    return {name: rng.normal(size=value.shape) for name, value in parameter_arrays(doc).items()}


def test_npz_export_uses_pytorch_names_and_round_trips(tmp_path, doc):
    path = tmp_path / "p.npz"
    export_parameters(doc, path)
    with np.load(path, allow_pickle=False) as data:
        assert set(data.files) == set(doc.parameters) | {"readout.weight", "readout.bias"}
        assert data["weight_ih_l0"].shape == (16, 3)
        assert data["weight_ih_l1"].shape == (16, 4)
    values = read_parameter_file(path)
    assert imported_document(doc, values).equals(doc)


def test_import_replaces_parameters_and_readout_without_touching_the_original(tmp_path, doc):
    values = other_weights(doc)
    np.savez(tmp_path / "w.npz", **values)
    result = imported_document(doc, read_parameter_file(tmp_path / "w.npz"))
    np.testing.assert_array_equal(result.parameters["weight_hh_l1"], values["weight_hh_l1"])
    np.testing.assert_array_equal(result.readout["weight"], values["readout.weight"])
    assert not np.array_equal(doc.parameters["weight_hh_l1"], values["weight_hh_l1"])
    np.testing.assert_array_equal(result.inputs, doc.inputs)


def test_readout_is_optional(doc):
    values = {name: value for name, value in other_weights(doc).items() if not name.startswith("readout.")}
    result = imported_document(doc, values)
    np.testing.assert_array_equal(result.readout["weight"], doc.readout["weight"])
    np.testing.assert_array_equal(result.parameters["bias_ih_l0"], values["bias_ih_l0"])


def test_float32_and_module_prefixed_names_are_accepted(tmp_path, doc):
    values = other_weights(doc)
    np.savez(tmp_path / "m.npz", **{("lstm." + k if not k.startswith("readout") else k): v.astype(np.float32)
                                    for k, v in values.items()})
    result = imported_document(doc, read_parameter_file(tmp_path / "m.npz"))
    assert result.parameters["weight_ih_l0"].dtype == np.float64
    np.testing.assert_array_equal(result.parameters["weight_ih_l0"], values["weight_ih_l0"].astype(np.float32))


def test_mismatch_message_says_exactly_what_does_not_fit(doc):
    values = other_weights(doc)
    values["weight_hh_l0"] = np.zeros((8, 2))
    del values["bias_ih_l1"]
    values["weight_ih_l2"] = np.zeros((16, 4))
    values["readout.bias"] = np.zeros(5)
    with pytest.raises(ParameterFileError) as info:
        imported_document(doc, values)
    assert str(info.value) == ("weight_hh_l0: expected (16, 4), file has (8, 2); "
                               "readout.bias: expected (2,), file has (5,); missing: bias_ih_l1; "
                               "not in this network: weight_ih_l2")


def test_non_finite_values_are_refused(doc):
    values = other_weights(doc)
    values["bias_hh_l0"][1] = np.inf
    with pytest.raises(ParameterFileError, match="bias_hh_l0: contains NaN or infinity"):
        imported_document(doc, values)


@pytest.mark.parametrize("content, fragment", [
    (b"garbage", "not a zip archive"),
    (None, "Cannot read"),
])
def test_unreadable_files_are_refused(tmp_path, content, fragment):
    path = tmp_path / "bad.npz"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ParameterFileError, match=fragment):
        read_parameter_file(path)


def test_pickled_npz_is_refused(tmp_path):
    np.savez(tmp_path / "o.npz", weight_ih_l0=np.array([{"x": 1}], dtype=object))
    with pytest.raises(ParameterFileError, match="pickled object array"):
        read_parameter_file(tmp_path / "o.npz")


def test_export_failure_is_reported(tmp_path, doc):
    with pytest.raises(ParameterFileError, match="Cannot save"):
        export_parameters(doc, tmp_path / "missing" / "p.npz")


@pytest.mark.parametrize("suffix", [".npz", ".pt"])
def test_lstm_without_forget_gate_is_refused_both_ways(tmp_path, suffix):
    """nn.LSTM always has a forget gate: no PyTorch module takes the 1997 LSTM's three gate
    blocks, so neither export nor import pretends otherwise (translatable reason)."""
    doc = new_document(NetworkConfig(kind="lstm_nofg", input_size=3, hidden_size=4))
    path = tmp_path / ("p" + suffix)
    with pytest.raises(ParameterFileError, match="PyTorch has no LSTM without a forget gate") as info:
        export_parameters(doc, path)
    assert info.value.template == NO_PYTORCH_COUNTERPART["lstm_nofg"]
    assert "three" in str(info.value) and ".lstms" in str(info.value)
    assert not path.exists()
    with pytest.raises(ParameterFileError, match="PyTorch has no LSTM without a forget gate"):
        imported_document(doc, parameter_arrays(doc))


def test_pytorch_state_dict_of_a_real_lstm_imports(tmp_path):
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True)
    torch.save(lstm.state_dict(), tmp_path / "lstm.pt")
    doc = new_document(NetworkConfig(kind="lstm", input_size=3, hidden_size=4, num_layers=2,
                                     bidirectional=True))
    result = imported_document(doc, read_parameter_file(tmp_path / "lstm.pt"))
    for name, tensor in lstm.state_dict().items():
        np.testing.assert_array_equal(result.parameters[name], tensor.double().numpy())


def test_pt_export_round_trips_through_torch(tmp_path, doc):
    torch = pytest.importorskip("torch")
    export_parameters(doc, tmp_path / "p.pt")
    state = torch.load(tmp_path / "p.pt", weights_only=True)
    assert state["weight_hh_l1"].dtype == torch.float64
    assert imported_document(doc, read_parameter_file(tmp_path / "p.pt")).equals(doc)


def test_pt_file_with_pickled_code_is_refused(tmp_path):
    torch = pytest.importorskip("torch")
    torch.save({"weight_ih_l0": torch.zeros(2), "hook": print}, tmp_path / "evil.pt")
    with pytest.raises(ParameterFileError, match="not a readable PyTorch state dict"):
        read_parameter_file(tmp_path / "evil.pt")


def test_pt_without_torch_says_what_to_do(tmp_path, doc, monkeypatch):
    monkeypatch.setattr("lstm_studio.session.params_io.torch_available", lambda: False)
    with pytest.raises(ParameterFileError, match="need PyTorch installed; use the .npz format"):
        export_parameters(doc, tmp_path / "p.pt")
