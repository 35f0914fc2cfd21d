"""Gate biases and whole-matrix actions on a document (pure NumPy, no Qt)."""

import numpy as np
import pytest

from lstm_studio.engine import GATES, build_network
from lstm_studio.session import presets
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.presets import MatrixRef


def make_doc(kind="lstm", hidden=16, layers=1, bidirectional=False, seq_len=30):
    config = NetworkConfig(kind=kind, input_size=2, hidden_size=hidden, num_layers=layers,
                           bidirectional=bidirectional, seq_len=seq_len)
    doc = new_document(config, seed=1)
    doc.inputs = np.random.default_rng(0).normal(size=doc.inputs.shape)
    doc.h0 = np.random.default_rng(1).normal(size=doc.h0.shape) * 0.5
    doc.c0 = np.random.default_rng(2).normal(size=doc.c0.shape) * 0.5
    return doc


def network(doc):
    c = doc.config
    net = build_network(c.kind, c.input_size, c.hidden_size, num_layers=c.num_layers,
                        bidirectional=c.bidirectional)
    net.load_parameters(doc.parameters)
    return net


def run(doc):
    net = network(doc)
    return net, net.forward(doc.inputs, h0=doc.h0, c0=doc.c0 if net.has_cell_state else None)


def every_layer(trace):
    return [lt for layer in trace.layers for lt in layer]


SHUT, OPEN = -20.0, 20.0


def biased(doc, gate, value):
    """``doc`` with ``gate``'s bias set to ``value`` in every layer (the weight editor's action)."""
    result = doc.copy()
    result.parameters.update(presets.with_gate_bias(doc, gate, value))
    return result


@pytest.mark.parametrize("kind", ["lstm", "peephole_lstm"])
def test_a_shut_forget_gate_makes_the_cell_forget(kind):
    doc = make_doc(kind, layers=2, bidirectional=True)
    _, trace = run(biased(doc, "f", SHUT))
    for lt in every_layer(trace):
        assert lt.gates["f"].max() < 0.01
        c_prev = np.concatenate([lt.c0[None], lt.c[:-1]]) if lt.direction == 0 else \
            np.concatenate([lt.c[1:], lt.c0[None]])
        assert np.abs(c_prev).max() > 0.1, "the previous cell state is not trivially zero"
        # c_t = f⊙c_{t-1} + i⊙g with f ≈ 0: the cell state does not depend on c_{t-1}
        assert np.allclose(lt.c, lt.gates["i"] * lt.gates["g"], atol=1e-6)


def test_an_open_forget_gate_and_a_shut_output_gate():
    doc = make_doc()
    _, opened = run(biased(doc, "f", OPEN))
    assert opened.layer(0).gates["f"].min() > 0.99
    _, shut = run(biased(doc, "o", SHUT))
    assert shut.layer(0).gates["o"].max() < 0.01
    assert np.abs(shut.layer(0).h).max() < 1e-6


def test_a_shut_input_gate_keeps_only_the_forgetting():
    doc = make_doc()
    _, trace = run(biased(doc, "i", SHUT))
    lt = trace.layer(0)
    assert lt.gates["i"].max() < 0.01
    c_prev = np.concatenate([lt.c0[None], lt.c[:-1]])
    assert np.allclose(lt.c, lt.gates["f"] * c_prev, atol=1e-6)


def test_gate_bias_is_set_as_input_bias_with_zero_recurrent_bias():
    doc = make_doc(layers=2)
    new = presets.with_gate_bias(doc, "f", SHUT)
    assert set(new) == {"bias_ih_l0", "bias_hh_l0", "bias_ih_l1", "bias_hh_l1"}
    rows = slice(16, 32)
    assert np.all(new["bias_ih_l0"][rows] == SHUT)
    assert np.all(new["bias_hh_l0"][rows] == 0)
    untouched = np.r_[0:16, 32:64]
    assert np.array_equal(new["bias_ih_l0"][untouched], doc.parameters["bias_ih_l0"][untouched])


def test_lstm_without_forget_gate_has_input_and_output_gates_to_shut():
    doc = make_doc("lstm_nofg", layers=2, bidirectional=True)
    with pytest.raises(ValueError, match="no gate"):
        presets.with_gate_bias(doc, "f", SHUT)
    _, frozen = run(biased(doc, "i", SHUT))
    for lt in every_layer(frozen):
        assert lt.gates["i"].max() < 0.01
        np.testing.assert_allclose(lt.c, lt.c_prev, atol=1e-6)  # no forget gate: c_t = c_{t−1}
    _, hidden = run(biased(doc, "o", SHUT))
    assert np.abs(hidden.output).max() < 1e-6 and np.abs(hidden.c_n).max() > 0.1


def test_a_gate_bias_leaves_the_document_untouched():
    doc = make_doc()
    original = doc.copy()
    changed = biased(doc, "o", SHUT)
    assert not changed.equals(doc) and doc.equals(original)


@pytest.mark.parametrize("kind, labels", [
    ("lstm", ["W_ii", "W_if", "W_ig", "W_io", "W_hi", "W_hf", "W_hg", "W_ho", "b_ii", "b_if", "b_ig",
              "b_io", "b_hi", "b_hf", "b_hg", "b_ho", "W_y", "b_y"]),
    ("gru", ["W_ir", "W_iz", "W_in", "W_hr", "W_hz", "W_hn", "b_ir", "b_iz", "b_in", "b_hr", "b_hz",
             "b_hn", "W_y", "b_y"]),
    ("rnn_tanh", ["W_ih", "W_hh", "b_ih", "b_hh", "W_y", "b_y"]),
])
def test_matrices_are_split_by_gate(kind, labels):
    doc = make_doc(kind, hidden=4)
    refs = presets.matrices(doc.config, 0, 0)
    assert [r.label for r in refs] == labels
    assert refs[0].block(doc).shape == (4, 2)
    assert refs[len(GATES[kind])].block(doc).shape == (4, 4)
    assert refs[-2].block(doc).shape == (1, 4) and refs[-1].block(doc).shape == (1, 1)


def test_peephole_and_reverse_matrices():
    doc = make_doc("peephole_lstm", hidden=4, bidirectional=True)
    refs = presets.matrices(doc.config, 0, 1)
    assert [r.label for r in refs[16:19]] == ["w_ci", "w_cf", "w_co"]
    assert refs[16].key == "weight_ci_l0_reverse" and refs[16].block(doc).shape == (1, 4)
    assert refs[0].key == "weight_ih_l0_reverse"


def test_whole_matrix_actions_touch_only_their_block():
    doc = make_doc(hidden=4)
    w_hf = MatrixRef("parameter", "weight_hh_l0", "f")
    full = doc.parameters["weight_hh_l0"]
    others = np.r_[0:4, 8:16]
    for new, expected in [
        (presets.scaled(doc, w_hf, 2.0), full[4:8] * 2.0),
        (presets.zeroed(doc, w_hf), np.zeros((4, 4))),
        (presets.identity(doc, w_hf), np.eye(4)),
    ]:
        assert np.array_equal(new[4:8], expected)
        assert np.array_equal(new[others], full[others])
    assert np.array_equal(full, doc.parameters["weight_hh_l0"]), "document untouched"
    with pytest.raises(ValueError, match="identity"):
        presets.identity(doc, MatrixRef("parameter", "weight_ih_l0", "f"))
    with pytest.raises(ValueError, match="finite"):
        presets.scaled(doc, w_hf, np.inf)


@pytest.mark.parametrize("scheme", presets.INIT_SCHEMES)
def test_reinitialise_copies_the_engine_initialisation(scheme):
    doc = make_doc(hidden=4)
    net = network(doc)
    net.initialize(init=scheme, seed=7)
    ref = MatrixRef("parameter", "weight_hh_l0", "g")
    new = presets.reinitialized(doc, ref, scheme, seed=7)
    assert np.array_equal(new[8:12], net.parameters()["weight_hh_l0"][8:12])
    assert np.array_equal(new[:8], doc.parameters["weight_hh_l0"][:8])
    readout = presets.reinitialized(doc, MatrixRef("readout", "weight"), scheme, seed=7)
    assert readout.shape == doc.readout["weight"].shape
    with pytest.raises(ValueError, match="Unknown initialisation"):
        presets.reinitialized(doc, ref, "he", seed=0)


def test_with_gate_bias_refuses_missing_gates():
    with pytest.raises(ValueError, match="no gate"):
        presets.with_gate_bias(make_doc("gru"), "f", 1.0)
