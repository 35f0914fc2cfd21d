"""The session document: resizing keeps every number that still fits (read-out and c0 included),
and ``equals`` is bit for bit, dtype included (many tests compare documents with it)."""

import numpy as np
import pytest

from lstm_studio.session.document import NetworkConfig, last_loss_step, new_document, opening_view, reconfigured


def trained_looking(config):
    """A document whose read-out, h0 and c0 are far from anything a fresh one holds."""
    doc = new_document(config, seed=1)
    rng = np.random.default_rng(7)
    doc.readout = {name: rng.normal(size=value.shape) + 10.0 for name, value in doc.readout.items()}
    doc.h0 = rng.normal(size=doc.h0.shape) + 20.0
    doc.c0 = rng.normal(size=doc.c0.shape) + 30.0
    return doc


@pytest.mark.parametrize("change", [
    {"hidden_size": 6}, {"hidden_size": 2}, {"output_size": 3}, {"num_layers": 3}, {"seq_len": 4},
    {"kind": "peephole_lstm"}, {"input_size": 1},
])
def test_resizing_keeps_the_read_out_and_initial_states_that_fit(change):
    doc = trained_looking(NetworkConfig(kind="lstm", input_size=2, hidden_size=4, num_layers=2,
                                        output_size=2, seq_len=6))
    new = reconfigured(doc, **change)
    fresh = new_document(new.config, seed=doc.seed)
    rows = min(doc.readout["weight"].shape[0], new.readout["weight"].shape[0])
    cols = min(doc.readout["weight"].shape[1], new.readout["weight"].shape[1])
    np.testing.assert_array_equal(new.readout["weight"][:rows, :cols], doc.readout["weight"][:rows, :cols])
    np.testing.assert_array_equal(new.readout["bias"][:rows], doc.readout["bias"][:rows])
    for name in ("h0", "c0"):
        old, kept = getattr(doc, name), getattr(new, name)
        block = tuple(slice(0, min(a, b)) for a, b in zip(old.shape, kept.shape))
        np.testing.assert_array_equal(kept[block], old[block])
        grown = np.ones(kept.shape, dtype=bool)
        grown[block] = False
        np.testing.assert_array_equal(kept[grown], getattr(fresh, name)[grown])  # the rest as new
    assert new.readout["weight"].shape == fresh.readout["weight"].shape
    assert new.c0.shape == fresh.c0.shape


def test_kind_change_between_cell_kinds_keeps_c0():
    doc = trained_looking(NetworkConfig(kind="lstm", hidden_size=3))
    np.testing.assert_array_equal(reconfigured(doc, kind="lstm_nofg").c0, doc.c0)


def test_equal_documents_are_equal_and_a_copy_shares_nothing():
    doc = trained_looking(NetworkConfig(hidden_size=3))
    copy = doc.copy()
    assert doc.equals(copy) and copy.equals(doc)
    copy.c0[0, 0] += 1e-12
    assert not doc.equals(copy)


@pytest.mark.parametrize("name, other", [
    ("loss_mask", lambda mask: mask.astype(np.uint8)),  # the same bytes, another dtype
    ("inputs", lambda x: x.view(np.int64)),
    ("h0", lambda x: x.astype(np.float32)),
])
def test_equals_compares_dtypes_not_only_bytes(name, other):
    doc = trained_looking(NetworkConfig(hidden_size=3, seq_len=4))
    changed = doc.copy()
    setattr(changed, name, other(getattr(doc, name)))
    assert not doc.equals(changed)
    assert not changed.equals(doc)


def test_equals_compares_history_dtypes():
    doc = new_document(NetworkConfig(hidden_size=2))
    doc.history = {"step": np.arange(3, dtype=np.int64)}
    other = doc.copy()
    other.history = {"step": np.arange(3, dtype=np.int64).view(np.float64)}
    assert not doc.equals(other)


# -- each kind keeps its weights (issue 13) -----------------------------------------------------
def assert_same_weights(a, b):
    assert a.parameters.keys() == b.parameters.keys()
    for name in a.parameters:
        assert a.parameters[name].tobytes() == b.parameters[name].tobytes(), name
    for name in a.readout:
        assert a.readout[name].tobytes() == b.readout[name].tobytes(), name


def test_switching_back_to_a_kind_gives_back_its_weights_bit_for_bit():
    from lstm_studio.session.demos import moscow_demo
    from lstm_studio.session.document import evaluate_document

    demo = moscow_demo()
    loss = evaluate_document(demo).loss
    rnn = reconfigured(demo, kind="rnn_tanh")
    assert set(rnn.kind_weights) == {"lstm"} and rnn.kind_weights["lstm"]["config"] == demo.config
    assert evaluate_document(rnn).loss > 100 * loss  # the RNN does not know the answer
    back = reconfigured(rnn, kind="lstm")
    assert_same_weights(back, demo)
    assert evaluate_document(back).loss == loss
    assert set(back.kind_weights) == {"rnn_tanh"}  # the RNN's weights wait for it in turn
    assert_same_weights(reconfigured(back, kind="rnn_tanh"), rnn)
    back.kind_weights = {}
    assert back.equals(demo)  # nothing else changed on the way


def test_each_kind_keeps_its_own_edits():
    doc = trained_looking(NetworkConfig(kind="lstm", input_size=2, hidden_size=3))
    peephole = reconfigured(doc, kind="peephole_lstm")  # first visit: the LSTM's weights, peepholes shut
    np.testing.assert_array_equal(peephole.parameters["weight_ih_l0"], doc.parameters["weight_ih_l0"])
    peephole.parameters["weight_ih_l0"] = peephole.parameters["weight_ih_l0"] + 1.0
    peephole.readout["bias"] = peephole.readout["bias"] - 1.0
    lstm = reconfigured(peephole, kind="lstm")
    assert_same_weights(lstm, doc)
    again = reconfigured(lstm, kind="peephole_lstm")
    assert_same_weights(again, peephole)


def test_after_a_change_of_sizes_a_kind_gets_back_what_still_fits():
    doc = trained_looking(NetworkConfig(kind="lstm", input_size=2, hidden_size=3))
    grown = reconfigured(reconfigured(doc, kind="gru"), hidden_size=4)
    back = reconfigured(grown, kind="lstm")
    assert back.config.hidden_size == 4
    fresh = new_document(back.config, seed=doc.seed)
    old, new = doc.parameters["weight_hh_l0"], back.parameters["weight_hh_l0"]
    for gate in range(4):  # each gate's block of the LSTM's own weights, the rest fresh
        np.testing.assert_array_equal(new[4 * gate:4 * gate + 3, :3], old[3 * gate:3 * gate + 3])
        np.testing.assert_array_equal(new[4 * gate + 3], fresh.parameters["weight_hh_l0"][4 * gate + 3])
    np.testing.assert_array_equal(back.readout["weight"][:, :3], doc.readout["weight"])
    assert set(back.kind_weights) == {"gru"}


def test_a_kind_never_seen_starts_as_before():
    doc = trained_looking(NetworkConfig(kind="lstm", input_size=2, hidden_size=3))
    gru = reconfigured(doc, kind="gru")
    fresh = new_document(gru.config, seed=doc.seed)
    for name, value in fresh.parameters.items():
        np.testing.assert_array_equal(gru.parameters[name], value)  # other gates: fresh weights
    np.testing.assert_array_equal(gru.readout["weight"], doc.readout["weight"])  # the read-out fits


def test_a_session_opens_on_the_whole_sequence_at_the_last_loss():
    doc = new_document(NetworkConfig(seq_len=12))
    doc.view.display_mode, doc.view.time_step = "reveal", 0
    assert opening_view(doc) is doc
    assert (doc.view.display_mode, doc.view.time_step) == ("whole", 11)  # loss at every step
    doc.loss_mask = np.isin(np.arange(12), [3, 7])
    assert last_loss_step(doc) == 7 and opening_view(doc).view.time_step == 7
    doc.loss_mask = np.zeros(12, dtype=bool)  # no loss at all: the last step
    assert last_loss_step(doc) == 11
