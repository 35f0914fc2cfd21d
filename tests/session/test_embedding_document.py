"""A document with an embedding: limits, work budget, save and open, reconfiguring, editing."""

import json
import zipfile

import numpy as np
import pytest

from lstm_studio.engine import EMBEDDING
from lstm_studio.engine.refusal import Refusal
from lstm_studio.session import io, presets
from lstm_studio.session.document import (
    EMBEDDING_LIMIT,
    NetworkConfig,
    estimate_work,
    evaluate_document,
    new_document,
    reconfigured,
)
from lstm_studio.session.io import load_session, save_session


def embedded_document(kind="lstm", **sizes):
    config = NetworkConfig(kind=kind, input_size=5, hidden_size=4, output_size=5, seq_len=6,
                           embedding_size=3, **sizes)
    doc = new_document(config, seed=3)
    doc.inputs = np.eye(5)[np.random.default_rng(0).integers(0, 5, size=6)]
    return doc


def test_the_document_holds_the_embedding_as_a_parameter():
    doc = embedded_document()
    assert doc.parameters[EMBEDDING].shape == (5, 3)
    assert doc.parameters["weight_ih_l0"].shape == (16, 3)
    assert EMBEDDING not in new_document(NetworkConfig(input_size=5)).parameters
    result = evaluate_document(doc)
    assert result.grads[EMBEDDING].shape == (5, 3)


@pytest.mark.parametrize("size,fragment", [(-1, "0 (none) or more"), (EMBEDDING_LIMIT + 1, "at most"),
                                           (2.5, "whole number"), (True, "whole number")])
def test_embedding_size_out_of_its_limits_is_refused(size, fragment):
    with pytest.raises(Refusal, match="embedding size") as info:
        NetworkConfig(input_size=5, embedding_size=size).validated()
    assert fragment in str(info.value)


def test_the_work_estimate_counts_the_embedding():
    plain = NetworkConfig(input_size=2000, hidden_size=64, seq_len=500)
    embedded = NetworkConfig(input_size=2000, hidden_size=64, seq_len=500, embedding_size=16)
    assert estimate_work(embedded)[0] < estimate_work(plain)[0]  # 16 inputs to the gates, not 2000
    assert estimate_work(embedded)[1] != estimate_work(plain)[1]


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn_relu"])
def test_round_trip_keeps_the_embedding_bit_for_bit(tmp_path, kind):
    doc = embedded_document(kind, num_layers=2, bidirectional=True)
    path = tmp_path / "e.lstms"
    save_session(doc, path)
    with zipfile.ZipFile(path) as archive:
        assert json.loads(archive.read("session.json"))["network"]["embedding_size"] == 3
    loaded = load_session(path)
    assert loaded.equals(doc)
    assert loaded.config.embedding_size == 3


def test_a_file_without_embedding_is_written_and_read_as_before(tmp_path):
    doc = new_document(NetworkConfig(input_size=2), seed=1)
    meta, arrays = io.encode(doc)
    assert "embedding_size" not in meta["network"]
    assert not any(EMBEDDING in name for name in arrays)
    path = tmp_path / "old.lstms"
    save_session(doc, path)
    assert load_session(path).config.embedding_size == 0


def test_old_sample_files_load_unchanged(samples, sample_path):
    assert load_session(sample_path).equals(samples.sample_document())


def test_a_file_whose_embedding_does_not_match_its_size_is_refused(tmp_path, samples):
    meta, arrays = io.encode(embedded_document())
    arrays["parameters/embedding"] = np.zeros((5, 2))
    path = tmp_path / "bad.lstms"
    samples.write_raw(path, meta, arrays)
    with pytest.raises(io.SessionFileError, match="embedding.*shape"):
        load_session(path)
    meta["network"]["embedding_size"] = -1
    samples.write_raw(path, meta, arrays)
    with pytest.raises(io.SessionFileError, match="embedding_size"):
        load_session(path)


def test_reconfiguring_keeps_the_embedding_block_that_fits():
    doc = embedded_document()
    wider = reconfigured(doc, embedding_size=4)
    np.testing.assert_array_equal(wider.parameters[EMBEDDING][:, :3], doc.parameters[EMBEDDING])
    assert wider.parameters["weight_ih_l0"].shape == (16, 4)
    assert EMBEDDING not in reconfigured(doc, embedding_size=0).parameters


def test_the_weight_editor_lists_the_embedding_with_the_first_layer():
    config = embedded_document().config
    labels = [ref.label for ref in presets.matrices(config, 0, 0)]
    assert labels[0] == "E"
    assert "E" not in [ref.label for ref in presets.matrices(config, 0, 0)][1:]
    assert "E" not in [ref.label for ref in presets.matrices(NetworkConfig(), 0, 0)]


def test_whole_matrix_actions_apply_to_the_embedding():
    doc = embedded_document()
    ref = presets.matrices(doc.config, 0, 0)[0]
    np.testing.assert_array_equal(presets.scaled(doc, ref, 2.0), 2 * doc.parameters[EMBEDDING])
    fresh = presets.reinitialized(doc, ref, "xavier", seed=9)
    assert fresh.shape == (5, 3) and not np.array_equal(fresh, doc.parameters[EMBEDDING])


def test_a_change_of_kind_keeps_the_embedding_and_saves_with_the_kinds_remembered(tmp_path):
    doc = embedded_document()
    doc.parameters[EMBEDDING] = doc.parameters[EMBEDDING] + 1.0
    as_gru = reconfigured(doc, kind="gru")
    np.testing.assert_array_equal(as_gru.parameters[EMBEDDING], doc.parameters[EMBEDDING])
    assert as_gru.parameters["weight_ih_l0"].shape == (12, 3)
    assert as_gru.kind_weights["lstm"]["parameters"][EMBEDDING].shape == (5, 3)
    path = tmp_path / "kinds.lstms"
    save_session(as_gru, path)
    assert load_session(path).equals(as_gru)
    back = reconfigured(as_gru, kind="lstm")
    np.testing.assert_array_equal(back.parameters["weight_hh_l0"], doc.parameters["weight_hh_l0"])
    np.testing.assert_array_equal(back.parameters[EMBEDDING], doc.parameters[EMBEDDING])
