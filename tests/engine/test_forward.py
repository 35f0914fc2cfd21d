"""Forward pass: shapes, parameter layout, trace contents."""

import numpy as np
import pytest

from lstm_studio.engine import GATE_ACTIVATION, GATES, HAS_CELL_STATE, KINDS, build_network


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("bidirectional", [False, True])
def test_shapes_batched_and_unbatched(kind, bidirectional):
    net = build_network(kind, 3, 4, num_layers=2, bidirectional=bidirectional)
    d = net.num_directions
    x = np.random.default_rng(0).standard_normal((6, 2, 3))
    trace = net.forward(x)
    assert trace.output.shape == (6, 2, d * 4)
    assert trace.h_n.shape == (2 * d, 2, 4)
    assert (trace.c_n is not None) == net.has_cell_state
    assert trace.T == 6 and trace.N == 2 and trace.batched and not trace.nonfinite
    single = net.forward(x[:, 0])
    assert single.output.shape == (6, d * 4) and not single.batched and single.N == 1
    np.testing.assert_allclose(single.output, trace.output[:, 0], atol=1e-14)
    lt = trace.layer(1, d - 1)
    assert set(lt.gates) == set(GATES[kind]) == set(GATE_ACTIVATION[kind])
    assert lt.x.shape == (6, 2, d * 4) and lt.h.shape == (6, 2, 4)


def test_parameter_names_follow_pytorch():
    net = build_network("peephole_lstm", 3, 4, num_layers=2, bidirectional=True)
    shapes = net.parameter_shapes()
    assert shapes["weight_ih_l0"] == (16, 3)
    assert shapes["weight_ih_l1_reverse"] == (16, 8)
    assert shapes["weight_hh_l1"] == (16, 4)
    assert shapes["weight_cf_l0_reverse"] == (4,)
    assert list(net.parameters()) == list(shapes)
    assert net.gate_slice("g") == slice(8, 12)


def test_reverse_direction_is_indexed_by_true_time():
    net = build_network("gru", 2, 3, bidirectional=True, seed=3)
    x = np.random.default_rng(1).standard_normal((5, 2))
    trace = net.forward(x)
    reverse = trace.layer(0, 1)
    np.testing.assert_array_equal(trace.output[:, 3:], reverse.h[:, 0])
    np.testing.assert_array_equal(trace.h_n[1], reverse.h[0, 0])
    np.testing.assert_array_equal(reverse.h_prev[:-1], reverse.h[1:])


def test_pytorch_init_is_uniform_in_bound_and_seeded():
    net = build_network("gru", 3, 16, num_layers=2, seed=7)
    for value in net.parameters().values():
        assert np.abs(value).max() <= 0.25 and np.abs(value).max() > 0.2
    again = build_network("gru", 3, 16, num_layers=2, seed=7).parameters()
    other = build_network("gru", 3, 16, num_layers=2, seed=8).parameters()
    for name, value in net.parameters().items():
        np.testing.assert_array_equal(value, again[name])
        assert not np.array_equal(value, other[name])


def test_xavier_and_orthogonal_inits():
    xavier = build_network("lstm", 6, 10, init="xavier").parameters()
    for name, bound in (("weight_ih_l0", np.sqrt(6 / 16)), ("weight_hh_l0", np.sqrt(6 / 20))):
        for block in np.split(xavier[name], 4):  # each gate block fills U(-bound, bound)
            assert np.abs(block).max() <= bound
            assert block.min() < -0.8 * bound and block.max() > 0.8 * bound
            assert abs(block.mean()) < 0.25 * bound
    for name in ("bias_ih_l0", "bias_hh_l0"):
        assert np.all(xavier[name] == 0)
    pytorch = build_network("lstm", 6, 10).parameters()  # the default: all U(±1/sqrt(H))
    everything = np.concatenate([value.ravel() for value in pytorch.values()])
    assert np.abs(everything).max() <= 1 / np.sqrt(10) and everything.min() < -0.3 and everything.max() > 0.3
    net = build_network("lstm", 6, 10, init="orthogonal", bidirectional=True)
    w_hh = net.parameters()["weight_hh_l0_reverse"]
    for gate in "ifgo":
        block = w_hh[net.gate_slice(gate)]
        np.testing.assert_allclose(block.T @ block, np.eye(10), atol=1e-12)


@pytest.mark.parametrize("kind", ["lstm", "peephole_lstm"])
def test_forget_bias(kind):
    net = build_network(kind, 2, 3, num_layers=2, forget_bias=1.0)
    rows = net.gate_slice("f")
    for layer in range(2):
        params = net.parameters()
        assert np.all(params[f"bias_ih_l{layer}"][rows] == 1.0)
        assert np.all(params[f"bias_hh_l{layer}"][rows] == 0.0)
        assert np.all(params[f"bias_ih_l{layer}"][net.gate_slice("i")] != 1.0)


def test_lstm_without_forget_gate_has_three_gate_blocks_and_no_forget_bias():
    net = build_network("lstm_nofg", 3, 4, num_layers=2, bidirectional=True)
    shapes = net.parameter_shapes()
    assert shapes["weight_ih_l0"] == (12, 3) and shapes["weight_hh_l1_reverse"] == (12, 4)
    assert shapes["bias_ih_l1"] == shapes["bias_hh_l0_reverse"] == (12,)
    assert len(shapes) == 16 and net.has_cell_state
    assert [net.gate_slice(g) for g in "igo"] == [slice(0, 4), slice(4, 8), slice(8, 12)]
    with pytest.raises(ValueError, match="forget_bias only applies to kinds with a forget gate, "
                                         "not lstm_nofg"):
        build_network("lstm_nofg", 2, 3, forget_bias=1.0)


def test_cell_state_flag_matches_the_cells():
    for kind in KINDS:
        assert HAS_CELL_STATE[kind] == build_network(kind, 1, 1).has_cell_state
    with_cell = [kind for kind in KINDS if HAS_CELL_STATE[kind]]
    assert with_cell == ["lstm", "peephole_lstm", "lstm_nofg"]


def test_gate_slice_rejects_unknown_gate():
    with pytest.raises(ValueError, match="gru has no gate 'f'"):
        build_network("gru", 2, 3).gate_slice("f")


def test_trace_layer_rejects_missing_layer():
    trace = build_network("lstm", 2, 3).forward(np.zeros((4, 2)))
    with pytest.raises(ValueError, match="layer 1 does not exist"):
        trace.layer(1, 0)
    with pytest.raises(ValueError, match="direction 1 does not exist"):
        trace.layer(0, 1)
