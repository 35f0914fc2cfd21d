"""File ▸ Import PyTorch Model…: the state dict, its vocabulary and a text chosen in three file
dialogs open as one undoable edit; a refused file is explained and nothing changes."""

import json

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog
from test_file_actions import action, window  # noqa: F401 - the window fixture

from lstm_studio.engine import build_network
from lstm_studio.session.characters import vocabulary

CHARACTERS = "ba c."
TEXT = "a cab. ba ca. cab a. " * 3


def write_files(folder, hidden=4, embedding=3, bad=False):
    net = build_network("gru", len(CHARACTERS), hidden, 2, embedding_size=embedding, seed=1)
    state = {("embedding.weight" if k == "embedding" else "rnn." + k): v for k, v in net.parameters().items()}
    rng = np.random.default_rng(0)
    state["fc.weight"] = rng.normal(size=(len(CHARACTERS) + (1 if bad else 0), hidden))
    state["fc.bias"] = rng.normal(size=len(CHARACTERS))
    np.savez(folder / "model.npz", **state)
    (folder / "vocab.json").write_text(json.dumps({"characters": list(CHARACTERS)}), encoding="utf-8")
    (folder / "sample.txt").write_text(TEXT, encoding="utf-8")
    return state


@pytest.fixture
def answers(monkeypatch):
    """The file names the three dialogs answer, in turn (set by the test)."""
    given, asked = [], []

    def answer(parent, caption, folder, filters):
        asked.append((caption, folder))
        return (given.pop(0) if given else "", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    return given, asked


def test_import_pytorch_model_opens_it_as_one_undoable_edit(window, tmp_path, answers):  # noqa: F811
    state = write_files(tmp_path)
    given, asked = answers
    given += [str(tmp_path / "model.npz"), str(tmp_path / "vocab.json"), str(tmp_path / "sample.txt")]
    before = window.model.snapshot()
    action(window, "Import PyTorch Model…").trigger()
    document = window.model.document
    assert asked[1][1] == str(tmp_path / "vocab.json"), "the vocabulary dialog starts on the one beside"
    assert (document.config.kind, document.config.num_layers, document.config.embedding_size) == ("gru", 2, 3)
    np.testing.assert_array_equal(document.parameters["embedding"], state["embedding.weight"])
    np.testing.assert_array_equal(window.model.network.parameters()["weight_hh_l1"], state["rnn.weight_hh_l1"])
    assert vocabulary(document) == CHARACTERS
    assert document.training["task_options"]["text"] == TEXT
    assert window.editing.weights.refs[0].label == "E"
    assert window.undo_stack.count() == 1 and "model.npz" in window.undo_stack.undoText()
    window.undo_stack.undo()
    assert window.model.document.equals(before)


def test_without_a_text_the_model_reads_its_vocabulary(window, tmp_path, answers):  # noqa: F811
    write_files(tmp_path)
    answers[0][:] = [str(tmp_path / "model.npz"), str(tmp_path / "vocab.json")]
    action(window, "Import PyTorch Model…").trigger()
    assert set(window.model.document.training["task_options"]["text"]) == set(CHARACTERS)


def test_a_refused_model_is_explained_and_nothing_changes(window, tmp_path, answers, dialogs):  # noqa: F811
    write_files(tmp_path, bad=True)
    answers[0][:] = [str(tmp_path / "model.npz"), str(tmp_path / "vocab.json"), ""]
    before = window.model.snapshot()
    action(window, "Import PyTorch Model…").trigger()
    name, args, _ = dialogs.calls[-1]
    assert name == "warning" and "model.npz cannot be opened" in args[2] and "fc.weight" in args[2]
    assert window.model.document.equals(before) and window.undo_stack.count() == 0


def test_cancelling_a_dialog_changes_nothing(window, tmp_path, answers):  # noqa: F811
    write_files(tmp_path)
    answers[0][:] = [str(tmp_path / "model.npz")]  # the vocabulary dialog is cancelled
    before = window.model.snapshot()
    action(window, "Import PyTorch Model…").trigger()
    assert window.model.document.equals(before) and window.undo_stack.count() == 0


def test_open_data_on_an_imported_model_keeps_the_model(window, tmp_path, answers):  # noqa: F811
    state = write_files(tmp_path)
    answers[0][:] = [str(tmp_path / "model.npz"), str(tmp_path / "vocab.json"), ""]
    action(window, "Import PyTorch Model…").trigger()
    (tmp_path / "other.txt").write_text("cab. ab. " * 5, encoding="utf-8")
    assert window.file_actions.data.open_data_path(tmp_path / "other.txt")
    document = window.model.document
    np.testing.assert_array_equal(document.parameters["embedding"], state["embedding.weight"])
    assert document.training["task_options"]["text"] == "cab. ab. " * 5
    assert vocabulary(document) == CHARACTERS


def test_exported_parameters_of_a_character_session_import_as_the_same_model(window, tmp_path, answers,  # noqa: F811
                                                                             dialogs):
    write_files(tmp_path)
    answers[0][:] = [str(tmp_path / "model.npz"), str(tmp_path / "vocab.json"), str(tmp_path / "sample.txt")]
    action(window, "Import PyTorch Model…").trigger()
    exported = window.model.snapshot()
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "again"), "NumPy archives (*.npz)")
    assert window.file_actions.export_parameters()
    assert window.statusBar().currentMessage() == ("Exported parameters to again.npz and the vocabulary to "
                                                   "again.vocab.json (Import PyTorch Model opens the two).")
    window.model.set_parameter("weight_hh_l0", window.model.document.parameters["weight_hh_l0"] * 0)
    answers[1].clear()
    answers[0][:] = [str(tmp_path / "again.npz"), str(tmp_path / "again.vocab.json"), str(tmp_path / "sample.txt")]
    action(window, "Import PyTorch Model…").trigger()
    assert answers[1][1][1] == str(tmp_path / "again.vocab.json"), "the vocabulary dialog starts on the one written"
    reopened = window.model.document
    assert reopened.config == exported.config
    for name, value in exported.parameters.items():
        np.testing.assert_array_equal(reopened.parameters[name], value, err_msg=name)
    for name, value in exported.readout.items():
        np.testing.assert_array_equal(reopened.readout[name], value, err_msg=name)
