"""Details of the session document (session/document.py, no Qt): the refusals of sizes out of
range as whole messages, what ``equals`` compares, and how resizing keeps the loss mask, the
weights of gate-stacked and per-unit parameters, the seed and scheme of the weights it adds,
and the view."""

import numpy as np
import pytest

from lstm_studio.engine import KINDS
from lstm_studio.engine.refusal import Refusal
from lstm_studio.session import document
from lstm_studio.session.document import (
    LIMITS,
    MEMORY_BUDGET_CAP,
    NetworkConfig,
    ViewState,
    new_document,
    reconfigured,
)


# -- sizes and kinds out of range ----------------------------------------------------------------
@pytest.mark.parametrize("change, message", [
    ({"kind": "tree"}, f"Unknown network kind 'tree'; choose one of {', '.join(KINDS)}."),
    ({"hidden_size": 2.5}, "The hidden size must be a whole number, not 2.5."),
    ({"num_layers": True}, "The number of layers must be a whole number, not True."),
    ({"input_size": "3"}, "The input size must be a whole number, not '3'."),
    ({"output_size": 0}, "The output size must be at least 1 (got 0)."),
    ({"seq_len": -4}, "The sequence length must be at least 1 (got -4)."),
    ({"seq_len": 100_001}, "The sequence length 100001 is beyond what stays interactive (at most 100000)."),
    ({"hidden_size": 4097}, "The hidden size 4097 is beyond what stays interactive (at most 4096)."),
])
def test_a_setting_out_of_range_is_refused_with_a_whole_message(change, message):
    with pytest.raises(ValueError) as refused:
        NetworkConfig(**change).validated()
    assert str(refused.value) == message


@pytest.mark.parametrize("name", sorted(set(LIMITS) - {"hidden_size"}))
def test_every_size_may_reach_its_limit_and_numpy_integers_count_as_whole(name):
    config = NetworkConfig(**{name: LIMITS[name]})
    assert config.validated() is config
    assert NetworkConfig(**{name: np.int64(1)}).validated()


def test_the_memory_budget_comes_before_the_hidden_sizes_limit(monkeypatch):
    """4096 units: 0.54 GB of LSTM weights, as much again for the gradients of the result shown
    and of the one being computed each (1.61 GB), and their products' work arrays: beyond the
    1.8 GB budget before the sanity cap."""
    monkeypatch.setattr(document, "physical_memory", lambda: 64 * 10**9)  # the cap decides
    assert LIMITS["hidden_size"] == 4096
    assert NetworkConfig(hidden_size=3000).validated()
    weights = 4 * 4096 * (1 + 4096 + 2) * 8
    assert 0.85 * MEMORY_BUDGET_CAP < 3 * weights < MEMORY_BUDGET_CAP
    with pytest.raises(Refusal, match="of memory for every recompute"):
        NetworkConfig(hidden_size=4096).validated()
    assert NetworkConfig(hidden_size=np.int64(1)).validated()


# -- equals --------------------------------------------------------------------------------------
@pytest.fixture
def doc():
    return new_document(NetworkConfig(kind="gru", input_size=2, hidden_size=3, seq_len=6), seed=2)


@pytest.mark.parametrize("mine, theirs", [
    ({"lr": 1}, {"lr": 1.0}),                       # an int is not a float, though 1 == 1.0
    ({"optimizer": "adam"}, {"optimizer": "sgd"}),
    ({"task_options": [1, 2]}, {"task_options": [1, 2, 3]}),
    ({"task_options": [1, 2]}, {"task_options": [1, 3]}),
    ({"task_options": [1]}, {"task_options": None}),
    ({"task_options": {"noise": 0.5}}, {"task_options": None}),
    ({"task_options": {"noise": 0.5}}, {"task_options": {"noise": 0.25}}),
    ({"a": 1}, {"b": 1}),
])
def test_documents_differing_in_any_setting_are_not_equal(doc, mine, theirs):
    other = doc.copy()
    doc.training, other.training = mine, theirs
    assert not doc.equals(other) and not other.equals(doc)
    other.training = dict(mine)
    assert doc.equals(other)


def test_a_lesson_mark_against_none_is_a_difference_not_an_error(doc):
    other = doc.copy()
    doc.lesson = {"id": "peephole", "page": 0}
    assert not doc.equals(other) and not other.equals(doc)


# -- resizing ------------------------------------------------------------------------------------
def resized_mask(mask, **change):
    doc = new_document(NetworkConfig(seq_len=len(mask)))
    doc.loss_mask = np.array(mask, dtype=bool)
    return list(reconfigured(doc, **change).loss_mask)


def test_a_mask_is_cut_or_padded_with_steps_without_loss():
    assert resized_mask([True] * 4, seq_len=6) == [True] * 4 + [False] * 2
    assert resized_mask([True, False, True, True], seq_len=3) == [True, False, True]
    assert resized_mask([True, False, False, False], seq_len=6) == [True] + [False] * 5


def test_the_loss_at_the_last_step_only_stays_at_the_last_step():
    assert resized_mask([False, False, False, True], seq_len=6) == [False] * 5 + [True]
    assert resized_mask([False, False, False, True], seq_len=2) == [False, True]


def test_a_mask_cut_to_nothing_keeps_the_loss_at_the_last_step():
    assert resized_mask([False, False, False, True, True], seq_len=3) == [False, False, True]


@pytest.mark.parametrize("old, new", [(6, 8), (8, 6), (6, 5)])
def test_per_unit_peepholes_keep_their_units_when_the_size_does_not_split_into_gates(old, new):
    doc = new_document(NetworkConfig(kind="peephole_lstm", input_size=2, hidden_size=old))
    for name in ("weight_ci_l0", "weight_cf_l0", "weight_co_l0"):
        doc.parameters[name] = np.arange(1.0, old + 1)
    resized = reconfigured(doc, hidden_size=new)
    keep = min(old, new)
    for name in ("weight_ci_l0", "weight_cf_l0", "weight_co_l0"):
        assert resized.parameters[name].shape == (new,)
        np.testing.assert_array_equal(resized.parameters[name][:keep], np.arange(1.0, keep + 1))
    # the gate-stacked weights keep each gate's overlapping block
    w_old, w_new = doc.parameters["weight_hh_l0"], resized.parameters["weight_hh_l0"]
    for gate in range(4):
        np.testing.assert_array_equal(w_new[gate * new:gate * new + keep, :keep], w_old[gate * old:gate * old + keep, :keep])


def test_what_resizing_adds_comes_from_the_documents_own_seed_and_scheme():
    doc = new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=3), seed=5, init_scheme="xavier")
    wider = reconfigured(doc, hidden_size=5)
    assert wider.seed == 5 and wider.init_scheme == "xavier"
    fresh = new_document(wider.config, seed=5, init_scheme="xavier")
    for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0"):
        new_rows = np.r_[3:5, 8:10, 13:15, 18:20]
        np.testing.assert_array_equal(wider.parameters[name][new_rows], fresh.parameters[name][new_rows])
    np.testing.assert_array_equal(wider.readout["weight"][:, 3:], fresh.readout["weight"][:, 3:])


def test_a_new_document_is_seed_zero_unless_told():
    config = NetworkConfig(kind="rnn_tanh", input_size=2, hidden_size=3)
    assert new_document(config).equals(new_document(config, seed=0))
    assert not new_document(config).equals(new_document(config, seed=1))
    assert new_document(config).seed == 0 and new_document(config).init_scheme == "pytorch"


def test_unknown_settings_are_refused_by_name():
    doc = new_document()
    with pytest.raises(ValueError) as refused:
        reconfigured(doc, speed=2, colour="red", hidden_size=3)
    assert str(refused.value) == "Unknown setting(s): colour, speed."


def test_the_view_is_moved_inside_the_new_sizes_and_stays_where_it_fits():
    doc = new_document(NetworkConfig(kind="lstm", hidden_size=8, num_layers=2, bidirectional=True, seq_len=30))
    doc.view = ViewState(time_step=25, layer=1, direction=1, unit=7, display_mode="reveal", colour_scale="auto")
    small = reconfigured(doc, seq_len=10, num_layers=1, bidirectional=False, hidden_size=4)
    assert small.view == ViewState(time_step=9, layer=0, direction=0, unit=3, display_mode="reveal", colour_scale="auto")
    same = reconfigured(doc, seq_len=26, hidden_size=8, input_size=3)
    assert same.view == doc.view
    edge = reconfigured(doc, seq_len=27, num_layers=3, hidden_size=9)
    assert edge.view == doc.view


# -- resizing draws fresh weights only where it needs them (issue 14) ----------------------------
def expected_by_definition(doc, changes):
    """Every parameter of ``reconfigured(doc, **changes)`` (same gates) as the docstring defines it:
    fresh weights of the new sizes from the document's seed and scheme, with each gate's overlapping
    block of the old weights written over them."""
    from dataclasses import replace

    config = replace(doc.config, **changes)
    fresh = new_document(config, seed=doc.seed, init_scheme=doc.init_scheme)
    gates = 4 if config.kind in ("lstm", "peephole_lstm") else 3 if config.kind == "gru" else 1
    expected = {}
    for name, value in fresh.parameters.items():
        old = doc.parameters.get(name)
        value = value.copy()
        if old is not None:
            g = gates if old.shape[0] % gates == 0 and value.shape[0] % gates == 0 else 1
            old_g = old.reshape((g, -1) + old.shape[1:])
            new_g = value.reshape((g, -1) + value.shape[1:])
            block = tuple(slice(0, min(a, b)) for a, b in zip(old_g.shape, new_g.shape))
            new_g[block] = old_g[block]
        expected[name] = value
    return expected


@pytest.mark.parametrize("changes", [
    {"hidden_size": 3}, {"hidden_size": 7}, {"num_layers": 1}, {"num_layers": 3}, {"input_size": 5},
    {"input_size": 1}, {"bidirectional": False}, {"seq_len": 9}, {"hidden_size": 7, "num_layers": 1},
], ids=lambda c: "-".join(f"{k}{v}" for k, v in c.items()))
@pytest.mark.parametrize("scheme", ["pytorch", "xavier", "orthogonal"])
@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn_tanh"])
def test_resized_weights_are_the_old_blocks_over_fresh_weights(kind, scheme, changes):
    doc = new_document(NetworkConfig(kind=kind, input_size=3, hidden_size=5, num_layers=2,
                                     bidirectional=True, seq_len=6), seed=4, init_scheme=scheme)
    doc.parameters = {name: np.random.default_rng(9).standard_normal(value.shape)
                      for name, value in doc.parameters.items()}  # not the fresh ones
    resized = reconfigured(doc, **changes)
    expected = expected_by_definition(doc, changes)
    assert resized.parameters.keys() == expected.keys()
    for name, value in expected.items():
        np.testing.assert_array_equal(resized.parameters[name], value, err_msg=name)


@pytest.mark.parametrize("changes", [{"seq_len": 12}, {"seq_len": 3}, {"num_layers": 1},
                                     {"hidden_size": 4}, {"input_size": 1}, {"output_size": 1},
                                     {"bidirectional": False}])
def test_a_change_that_keeps_every_weight_draws_no_fresh_ones(changes, monkeypatch):
    from lstm_studio.session import document

    doc = new_document(NetworkConfig(kind="lstm", input_size=3, hidden_size=6, num_layers=2,
                                     bidirectional=True, output_size=2, seq_len=8))
    document.freeze(doc)

    def drawn(*_args, **_kwargs):
        raise AssertionError("fresh weights drawn")

    monkeypatch.setattr(document, "new_document", drawn)
    resized = reconfigured(doc, **changes)
    assert resized.config.hidden_size == changes.get("hidden_size", 6)
    monkeypatch.setattr(document, "new_document", new_document)
    with pytest.raises(AssertionError, match="fresh weights drawn"):
        monkeypatch.setattr(document, "new_document", drawn)
        reconfigured(doc, hidden_size=7)


def test_weights_of_unchanged_shape_are_shared_only_when_read_only():
    from lstm_studio.session.document import freeze

    doc = new_document(NetworkConfig(kind="lstm", input_size=3, hidden_size=4, seq_len=5))
    copied = reconfigured(doc, seq_len=9)
    assert not any(np.shares_memory(copied.parameters[n], v) for n, v in doc.parameters.items())
    assert not np.shares_memory(copied.readout["weight"], doc.readout["weight"])
    freeze(doc)
    shared = reconfigured(doc, seq_len=9)
    assert all(shared.parameters[n] is v for n, v in doc.parameters.items())
    assert shared.readout["weight"] is doc.readout["weight"]
    shorter = reconfigured(doc, hidden_size=3)  # a block of a read-only array: a copy of its own
    assert shorter.parameters["weight_hh_l0"].flags.writeable
    assert not np.shares_memory(shorter.parameters["weight_hh_l0"], doc.parameters["weight_hh_l0"])


# -- texts of durations and sizes at their boundaries --------------------------------------------
def test_durations_change_unit_exactly_at_ten_seconds_two_minutes_and_two_hours():
    """Tenths below 10 s, whole seconds from 10 s to under 2 min, minutes from 2 min to under
    2 h, hours from 2 h on (each boundary itself in the larger unit)."""
    texts = [document.duration_text(s) for s in (9.96, 10, 10.4, 119.4, 120, 120.5, 7199, 7200, 7200.5)]
    assert texts == ["10.0 s", "10 s", "10 s", "119 s", "2.0 min", "2.0 min", "120.0 min", "2.0 h", "2.0 h"]


def test_hours_are_seconds_over_3600():
    assert document.duration_text(720_000) == "200.0 h"


def test_sizes_are_in_decimal_megabytes_below_a_gigabyte_and_gigabytes_from_one_on():
    """MB = 10⁶ bytes, GB = 10⁹ bytes, exactly: values at the edge of a rounding step show it."""
    assert document.memory_text(999_500_400) == "1000 MB"   # 999.5004 MB
    assert document.memory_text(999_499_600) == "999 MB"
    assert document.memory_text(1e9) == "1.00 GB"
    assert document.memory_text(1e9 + 0.5) == "1.00 GB"
    assert document.memory_text(2_155_000_001) == "2.16 GB"  # 2.155000001 GB


def test_a_recompute_of_exactly_the_slow_limit_is_not_announced(monkeypatch):
    monkeypatch.setattr(document, "estimate_work", lambda config: (document.SLOW_SECONDS, 0))
    assert document.slow_notice(NetworkConfig()) is None
    monkeypatch.setattr(document, "estimate_work", lambda config: (document.SLOW_SECONDS + 1e-9, 0))
    assert document.slow_notice(NetworkConfig()) is not None


# -- the engine network of a document -----------------------------------------------------------
def _weights_of(network, readout):
    return {**network.parameters(copy=False), **{f"readout.{k}": v for k, v in readout.parameters().items()}}


def test_an_engine_network_holds_copies_of_the_documents_weights_unless_told_to_share():
    """``engine_network(doc)`` (a network that may be trained) never writes into the document;
    ``share=True`` (one that only evaluates) holds the document's own arrays."""
    doc = document.freeze(new_document(NetworkConfig(kind="gru", input_size=2, hidden_size=3), seed=4))
    network, readout = document.engine_network(doc)
    for name, value in network.parameters(copy=False).items():
        np.testing.assert_array_equal(value, doc.parameters[name])
        assert not np.shares_memory(value, doc.parameters[name]), name
    shared, _ = document.engine_network(doc, share=True)
    for name, value in shared.parameters(copy=False).items():
        assert value is doc.parameters[name] or np.shares_memory(value, doc.parameters[name]), name


def test_evaluating_a_document_shares_its_arrays_with_the_network(monkeypatch):
    """The evaluation's network is built on the document's own (read-only) weights, not copies:
    at the largest sizes a copy took 0.4 GB and a tenth of a second per recompute."""
    doc = document.freeze(new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=3), seed=1))
    seen = []
    evaluate = document.evaluate
    monkeypatch.setattr(document, "evaluate", lambda network, *args, **kwargs: seen.append(network)
                        or evaluate(network, *args, **kwargs))
    document.evaluate_document(doc)
    (network,) = seen
    for name, value in network.parameters(copy=False).items():
        assert np.shares_memory(value, doc.parameters[name]), name


@pytest.mark.parametrize("given", ["network", "readout"])
def test_a_network_without_its_read_out_or_a_read_out_alone_is_not_used(given):
    """Only both together replace the document's own weights: given one of them, the evaluation
    is the document's, as when given none."""
    config = NetworkConfig(kind="gru", input_size=2, hidden_size=3, seq_len=6, output_size=2)
    doc = new_document(config, seed=1)
    doc.inputs = np.random.default_rng(0).standard_normal(doc.inputs.shape)
    network, readout = document.engine_network(new_document(config, seed=7))
    got = document.evaluate_document(doc, **{given: network if given == "network" else readout})
    want = document.evaluate_document(doc)
    assert got.loss == want.loss
    np.testing.assert_array_equal(got.y, want.y)


# -- resizing: arrays that are not gate-stacked keep their rows in place --------------------------
def test_a_longer_sequence_of_an_even_length_keeps_every_step_in_place():
    """The sequence, the targets and (with more outputs) the read-out grow at the end: their rows
    are steps or outputs, never split into gate blocks, whatever the lengths divide into."""
    doc = new_document(NetworkConfig(input_size=2, output_size=2, seq_len=4), seed=3)
    doc.inputs = np.arange(8.0).reshape(4, 2)
    doc.targets = np.arange(8.0).reshape(4, 2) + 10
    longer = reconfigured(doc, seq_len=6, output_size=4)
    np.testing.assert_array_equal(longer.inputs, np.vstack([doc.inputs, np.zeros((2, 2))]))
    np.testing.assert_array_equal(longer.targets[:4, :2], doc.targets)
    assert not longer.targets[4:].any() and not longer.targets[:, 2:].any()
    np.testing.assert_array_equal(longer.readout["weight"][:2], doc.readout["weight"])
    np.testing.assert_array_equal(longer.readout["bias"][:2], doc.readout["bias"])


def test_freezing_reaches_arrays_inside_lists_and_tuples():
    """Every array of the document is made read-only, nested in dicts, lists and tuples alike
    (the training settings and the lesson's mark may hold any JSON-like values)."""
    doc = new_document(NetworkConfig())
    inner = [np.zeros(2), (np.ones(3), {"deep": [np.full(1, 2.0)]})]
    doc.training["nested"] = inner
    document.freeze(doc)
    assert not any(array.flags.writeable for array in (inner[0], inner[1][0], inner[1][1]["deep"][0]))
    copy = doc.copy()
    assert copy.training["nested"][1][0] is inner[1][0]  # read-only: shared by copies


def test_networks_whose_weights_are_loaded_next_draw_none_of_their_own(monkeypatch):
    """The network of a document (to evaluate or train it) and the one a resize reads its
    shapes from start with zero weights, not drawn ones that would be thrown away: at the
    largest sizes drawing them took seconds (issue 14). Only a new document draws, once."""
    doc = document.freeze(new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=5, seq_len=6)))

    def drawn(*_args, **_kwargs):
        raise AssertionError("weights drawn")

    monkeypatch.setattr(document, "build_network", drawn)
    for share in (False, True):
        document.engine_network(doc, share=share)
    document.evaluate_document(doc)
    assert reconfigured(doc, seq_len=9).config.seq_len == 9
    assert new_document(NetworkConfig(hidden_size=3), seed=1).equals(new_document(NetworkConfig(hidden_size=3), seed=1))


@pytest.mark.skipif(not hasattr(document.os, "sysconf"), reason="a system without sysconf")
def test_the_memory_of_a_posix_machine_is_its_pages_times_their_size():
    """Read from the system, not the fallback (the budgets would otherwise be those of an 8 GiB
    machine whatever this one has)."""
    import os

    assert document.physical_memory() == os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")


def test_a_negative_embedding_size_is_refused_with_its_value():
    with pytest.raises(ValueError) as refused:
        NetworkConfig(input_size=3, embedding_size=-2).validated()
    assert str(refused.value) == "The embedding size must be 0 (none) or more (got -2)."


def test_a_recompute_of_exactly_the_budget_of_time_or_memory_is_accepted(monkeypatch):
    """The budget is a most: an estimate of exactly the minute or exactly the memory budget
    fits; a byte or a nanosecond more does not."""
    budget = document.memory_budget()
    for seconds, size, refused in ((document.TIME_BUDGET_SECONDS, 0, False), (0.0, budget, False),
                                   (document.TIME_BUDGET_SECONDS + 1e-9, 0, True), (0.0, budget + 1, True)):
        monkeypatch.setattr(document, "estimate_work", lambda config: (seconds, size))
        assert (document.work_refusal(NetworkConfig()) is not None) == refused, (seconds, size)
