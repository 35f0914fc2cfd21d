"""Details of the weight editor's logic (session/presets.py, no Qt): every matrix of a layer is
a real block of the document's arrays (biases and read-out included), refusals as whole
messages, and re-initialisation at the document's own sizes and seed."""

import numpy as np
import pytest

from lstm_studio.engine import EMBEDDING, Readout, build_network
from lstm_studio.session import presets
from lstm_studio.session.document import NetworkConfig, new_document


@pytest.fixture
def doc():
    return new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=3, num_layers=2, bidirectional=True,
                                      output_size=2), seed=4)


@pytest.mark.parametrize("kind", ["lstm", "rnn_tanh", "gru", "peephole_lstm"])
def test_every_matrix_of_a_layer_is_a_block_of_the_documents_arrays(kind):
    doc = new_document(NetworkConfig(kind=kind, input_size=2, hidden_size=3, num_layers=2, output_size=2), seed=1)
    refs = presets.matrices(doc.config, 1, 0)
    keys = {ref.key for ref in refs}
    assert {"weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"} <= keys
    assert [ref.key for ref in refs[-2:]] == ["weight", "bias"] and [ref.target for ref in refs[-2:]] == ["readout"] * 2
    assert [ref.label for ref in refs[-2:]] == ["W_y", "b_y"]
    for ref in refs:
        whole = ref.full(doc)
        source = doc.readout if ref.target == "readout" else doc.parameters
        assert whole is source[ref.key]
        np.testing.assert_array_equal(ref.with_block(doc, np.full_like(ref.block(doc), 7.0))[ref.rows(doc.config)],
                                      np.full_like(whole[ref.rows(doc.config)], 7.0))
    biases = [ref for ref in refs if ref.target == "parameter" and ref.key.startswith("bias")]
    assert len(biases) == 2 * len({ref.gate for ref in biases})
    assert all(ref.label.startswith(("b_i", "b_h")) for ref in biases)


def test_a_block_given_as_a_vector_is_written_as_its_rows(doc):
    ref = presets.MatrixRef("parameter", "bias_ih_l0", "f")
    out = ref.with_block(doc, [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(out[3:6], [1.0, 2.0, 3.0])
    out = presets.MatrixRef("readout", "bias").with_block(doc, [[5.0, 6.0]])
    np.testing.assert_array_equal(out, [5.0, 6.0])


@pytest.mark.parametrize("call, message", [
    (lambda doc: presets.scaled(doc, presets.matrices(doc.config, 0, 0)[0], float("nan")),
     "The scale factor must be a finite number."),
    (lambda doc: presets.identity(doc, presets.matrices(doc.config, 0, 0)[0]),
     "Only a square recurrent block (W_h…) can be set to the identity."),
    (lambda doc: presets.reinitialized(doc, presets.matrices(doc.config, 0, 0)[0], "lecun", 0),
     "Unknown initialisation 'lecun'; choose one of pytorch, xavier, orthogonal."),
    (lambda doc: presets.with_gate_bias(doc, "f", float("inf")), "The bias must be a finite number."),
    (lambda doc: presets.with_gate_bias(doc, "z", 1.0), "A lstm network has no gate 'z'."),
])
def test_refusals_say_what_is_wrong(doc, call, message):
    with pytest.raises(ValueError) as refused:
        call(doc)
    assert str(refused.value) == message


def test_a_recurrent_block_becomes_the_identity_and_only_a_recurrent_one(doc):
    ref = presets.MatrixRef("parameter", "weight_hh_l1_reverse", "g")
    out = presets.identity(doc, ref)
    np.testing.assert_array_equal(out[6:9], np.eye(3))
    square_but_not_recurrent = presets.MatrixRef("parameter", "weight_ih_l1", "g")  # (3, 6): not square either
    with pytest.raises(ValueError):
        presets.identity(doc, square_but_not_recurrent)
    readout = new_document(NetworkConfig(hidden_size=2, output_size=2))
    with pytest.raises(ValueError):
        presets.identity(readout, presets.MatrixRef("readout", "weight"))  # square, but the read-out


def test_reinitialising_gives_what_a_fresh_network_of_these_sizes_has(doc):
    ref = presets.MatrixRef("parameter", "weight_hh_l1_reverse", "o")
    out = presets.reinitialized(doc, ref, "xavier", 9)
    net = build_network("lstm", 2, 3, num_layers=2, bidirectional=True)
    net.initialize(init="xavier", seed=9)
    np.testing.assert_array_equal(out[9:12], net.parameters()["weight_hh_l1_reverse"][9:12])
    np.testing.assert_array_equal(out[:9], doc.parameters["weight_hh_l1_reverse"][:9])
    readout = presets.reinitialized(doc, presets.MatrixRef("readout", "weight"), "pytorch", 9)
    np.testing.assert_array_equal(readout, Readout(6, 2, seed=9).parameters()["weight"])


def test_a_gate_bias_is_set_in_the_layers_asked_for_else_in_all(doc):
    some = presets.with_gate_bias(doc, "f", 2.5, layers=[(1, 0)])
    assert set(some) == {"bias_ih_l1", "bias_hh_l1"}
    every = presets.with_gate_bias(doc, "f", 2.5)
    assert set(every) == {f"bias_{side}_l{layer}{end}" for side in ("ih", "hh") for layer in (0, 1)
                          for end in ("", "_reverse")}
    for name, value in every.items():
        expected = 2.5 if "_ih_" in name else 0.0
        assert np.all(value[3:6] == expected)
        np.testing.assert_array_equal(np.delete(value, np.s_[3:6]), np.delete(doc.parameters[name], np.s_[3:6]))


def test_a_block_may_be_given_as_its_numbers_row_by_row(doc):
    ref = presets.MatrixRef("parameter", "weight_hh_l0", "g")
    out = ref.with_block(doc, np.arange(9.0))
    np.testing.assert_array_equal(out[6:9], np.arange(9.0).reshape(3, 3))
    column = presets.MatrixRef("parameter", "bias_hh_l0", "o").with_block(doc, [[1.0], [2.0], [3.0]])
    np.testing.assert_array_equal(column[9:12], [1.0, 2.0, 3.0])


@pytest.fixture
def embedded():
    """Two layers over an embedding of 3 numbers per input of 5."""
    return new_document(NetworkConfig(kind="lstm", input_size=5, embedding_size=3, hidden_size=2, num_layers=2,
                                      output_size=5), seed=2)


def test_the_embedding_is_shown_first_with_the_first_layers_matrices_only(embedded):
    first = presets.matrices(embedded.config, 0, 0)
    assert first[0] == presets.MatrixRef("parameter", EMBEDDING, None, "E")
    np.testing.assert_array_equal(first[0].block(embedded), embedded.parameters[EMBEDDING])
    assert first[0].block(embedded).shape == (5, 3)  # one row per input
    assert [ref.label for ref in first].count("E") == 1 and first[1].label == "W_ii"
    assert all(ref.key != EMBEDDING for ref in presets.matrices(embedded.config, 1, 0))
    plain = new_document(NetworkConfig(kind="lstm", input_size=5, hidden_size=2, num_layers=2))
    assert all(ref.key != EMBEDDING for ref in presets.matrices(plain.config, 0, 0))


def test_reinitialising_a_network_with_an_embedding_gives_its_fresh_values(embedded):
    net = build_network("lstm", 5, 2, num_layers=2, embedding_size=3)
    net.initialize(init="orthogonal", seed=6)
    fresh = net.parameters()
    embedding = presets.MatrixRef("parameter", EMBEDDING, None, "E")
    np.testing.assert_array_equal(presets.reinitialized(embedded, embedding, "orthogonal", 6), fresh[EMBEDDING])
    inputs = presets.MatrixRef("parameter", "weight_ih_l0", "g")
    out = presets.reinitialized(embedded, inputs, "orthogonal", 6)
    assert out.shape == (8, 3)  # the first layer reads the embedding's 3 numbers
    np.testing.assert_array_equal(out[4:6], fresh["weight_ih_l0"][4:6])
    np.testing.assert_array_equal(np.delete(out, np.s_[4:6], axis=0),
                                  np.delete(embedded.parameters["weight_ih_l0"], np.s_[4:6], axis=0))
