"""The session model: one recompute and one round of signals per change; stepping never recomputes."""

import numpy as np
import pytest

from lstm_studio.session.document import NetworkConfig, new_document, reconfigured
from lstm_studio.session.model import SessionModel


class SignalLog:
    def __init__(self, model):
        self.events = []
        for name in ("documentReplaced", "structureChanged", "dataChanged", "evaluationChanged",
                     "timeStepChanged", "selectionChanged", "displayModeChanged", "modifiedChanged"):
            getattr(model, name).connect(lambda *args, name=name: self.events.append((name, *args)))

    def names(self):
        return [event[0] for event in self.events]


@pytest.fixture
def model(qapp):
    return SessionModel(new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=4, seq_len=10)))


def test_one_edit_fires_one_recompute_and_one_evaluation_signal(model):
    log = SignalLog(model)
    before = model.evaluation
    inputs = model.document.inputs.copy()
    inputs[3, 1] = 0.5
    model.set_inputs(inputs)
    assert log.names().count("evaluationChanged") == 1
    assert ("dataChanged", "inputs") in log.events
    assert model.evaluation is not before
    np.testing.assert_array_equal(model.trace.x[:, 0], inputs)


def test_batched_changes_recompute_once(model):
    log = SignalLog(model)
    with model.changes():
        model.set_inputs(np.ones_like(model.document.inputs))
        model.set_targets(np.ones_like(model.document.targets))
        model.set_initial_state(h0=np.full_like(model.document.h0, 0.1))
    assert log.names().count("evaluationChanged") == 1
    assert {e[1] for e in log.events if e[0] == "dataChanged"} == {"inputs", "targets", "initial_state"}


def test_stepping_and_selection_never_recompute(model):
    log = SignalLog(model)
    evaluation = model.evaluation
    model.set_time_step(5)
    model.set_selection(unit=3)
    model.set_display_mode("reveal")
    assert model.evaluation is evaluation
    assert log.names() == ["timeStepChanged", "selectionChanged", "displayModeChanged"]
    assert model.visible_steps() == 6
    model.set_time_step(99)
    assert model.view.time_step == 9


def test_parameter_edit_reaches_the_engine(model):
    name = "weight_hh_l0"
    value = model.document.parameters[name].copy()
    value[0, 0] = 2.5
    model.set_parameter(name, value)
    assert model.network.parameters()[name][0, 0] == 2.5


@pytest.mark.parametrize("bad", [np.nan, np.inf, 2e6])
def test_bad_numbers_are_refused_and_change_nothing(model, bad):
    inputs = model.document.inputs.copy()
    evaluation = model.evaluation
    edited = inputs.copy()
    edited[0, 0] = bad
    with pytest.raises(ValueError, match="input sequence"):
        model.set_inputs(edited)
    np.testing.assert_array_equal(model.document.inputs, inputs)
    assert model.evaluation is evaluation


def test_absurd_sizes_are_refused_with_a_message(model):
    with pytest.raises(ValueError, match="hidden size 5000 is beyond"):
        model.set_config(hidden_size=5000)
    with pytest.raises(ValueError, match="sequence length"):
        model.set_config(seq_len=0)
    assert model.config.hidden_size == 4
    assert model.config.seq_len == 10


def test_resizing_keeps_what_fits(model):
    doc = model.document
    doc_inputs = np.arange(20.0).reshape(10, 2) / 20
    model.set_inputs(doc_inputs)
    old_hh = model.document.parameters["weight_hh_l0"].copy()
    model.set_config(hidden_size=6, seq_len=12)
    new_hh = model.document.parameters["weight_hh_l0"]
    assert new_hh.shape == (24, 6)
    for gate in range(4):  # each gate's old block survives in the same place
        np.testing.assert_array_equal(new_hh[gate * 6:gate * 6 + 4, :4], old_hh[gate * 4:gate * 4 + 4])
    np.testing.assert_array_equal(model.document.inputs[:10], doc_inputs)
    assert not model.document.inputs[10:].any()


def test_lstm_to_peephole_keeps_weights_and_starts_peepholes_at_zero(model):
    old = model.document.parameters
    model.set_config(kind="peephole_lstm")
    params = model.document.parameters
    for name in old:
        np.testing.assert_array_equal(params[name], old[name])
    assert not params["weight_cf_l0"].any()


def test_last_step_loss_stays_at_the_last_step():
    doc = new_document(NetworkConfig(seq_len=10))
    doc.loss_mask[:] = False
    doc.loss_mask[-1] = True
    longer = reconfigured(doc, seq_len=15)
    assert longer.loss_mask.tolist() == [False] * 14 + [True]


def test_modified_flag_follows_edits_and_saves(model):
    assert not model.is_modified
    model.set_targets(np.ones_like(model.document.targets))
    assert model.is_modified
    model.mark_saved()
    assert not model.is_modified


def test_training_flag_signals_changes_only(model):
    seen = []
    model.trainingChanged.connect(seen.append)
    assert not model.training
    model.set_training(True)
    model.set_training(True)
    model.set_training(False)
    assert seen == [True, False] and not model.training


def test_within_a_batch_views_hear_of_nothing_before_the_new_document_is_delivered(model):
    """History moves the stack in one batch: a run ended by it, or a training setting undone in
    it, is announced after the batch's signals, when the views have rebuilt for the document
    (a view refreshing earlier would meet the new kind with the old plot items; issue 13)."""
    model.set_training(True)
    order = []
    model.trainingChanged.connect(lambda running: order.append(("training", running)))
    model.dataChanged.connect(lambda what: order.append(("data", what)))
    model.documentReplaced.connect(lambda: order.append(("replaced",)))
    with model.changes():
        model.replace_document(reconfigured(model.document, kind="gru"))
        model.set_training(False)
        model.set_training_settings(lr=0.5)
        assert order == []
    assert order[0] == ("replaced",) and order[-1] == ("training", False)
    assert ("data", "training") in order and model.document.training["lr"] == 0.5


# -- refused calls change nothing: neither the document nor the engine --------------------------
def engine_state(model):
    return ({name: value.copy() for name, value in model.network.parameters().items()},
            {name: value.copy() for name, value in model.readout.parameters().items()})


def assert_unchanged(model, before, engine, evaluation):
    assert model.document.equals(before)
    params, readout = engine_state(model)
    for name, value in engine[0].items():
        np.testing.assert_array_equal(params[name], value)
    for name, value in engine[1].items():
        np.testing.assert_array_equal(readout[name], value)
    assert model.evaluation is evaluation


@pytest.mark.parametrize("call", [
    lambda m, p: m.set_parameters({"weight_ih_l0": p["weight_ih_l0"] + 1.0,
                                   "weight_hh_l0": np.full_like(p["weight_hh_l0"], np.nan)}),
    lambda m, p: m.set_parameters({"bias_ih_l0": p["bias_ih_l0"] + 1.0, "no_such": p["bias_hh_l0"]}),
    lambda m, p: m.set_parameters({"bias_ih_l0": p["bias_ih_l0"] + 1.0, "bias_hh_l0": np.zeros(3)}),
    lambda m, p: m.set_readout_parameters({"weight": m.document.readout["weight"] + 1.0, "bias": [2e6]}),
    lambda m, p: m.set_initial_state(h0=m.document.h0 + 1.0, c0=np.full_like(m.document.c0, np.inf)),
])
def test_a_refused_call_changes_nothing_it_was_given(model, call):
    before, engine, evaluation = model.snapshot(), engine_state(model), model.evaluation
    params = {name: value.copy() for name, value in model.document.parameters.items()}
    with pytest.raises(ValueError):
        call(model, params)
    assert_unchanged(model, before, engine, evaluation)
    model.set_inputs(model.document.inputs + 0.5)  # and the model goes on working
    assert model.evaluation is not evaluation


def test_the_loss_must_apply_somewhere_and_a_refusal_changes_nothing(model):
    before, engine, evaluation = model.snapshot(), engine_state(model), model.evaluation
    with pytest.raises(ValueError, match="at least one time step"):
        model.set_loss(mask=np.zeros(10, dtype=bool))
    with pytest.raises(ValueError, match="at least one time step"):
        model.set_loss("cross_entropy", mask=np.zeros(10, dtype=bool))
    assert_unchanged(model, before, engine, evaluation)


def test_the_stored_loss_mask_is_the_models_own(model):
    mask = np.zeros(10, dtype=bool)
    mask[3:] = True
    model.set_loss(mask=mask)
    assert not np.shares_memory(model.document.loss_mask, mask)
    mask[:] = False  # the caller reuses its array
    assert model.document.loss_mask.tolist() == [False] * 3 + [True] * 7


@pytest.mark.parametrize("settings", [
    {"truncate": 0}, {"truncate": -3}, {"truncate": 2.5}, {"truncate": True}, {"clip_norm": 0},
    {"clip_norm": 0.0}, {"clip_value": -1.0}, {"clip_value": float("nan")}, {"clip_norm": float("inf")},
    {"truncate": 3, "clip_norm": 0},
])
def test_bptt_settings_of_zero_or_worse_are_refused_and_change_nothing(model, settings):
    model.set_bptt(truncate=4, clip_norm=1.0)
    before, engine, evaluation = model.snapshot(), engine_state(model), model.evaluation
    with pytest.raises(ValueError, match="truncation length|clipping"):
        model.set_bptt(**settings)
    assert_unchanged(model, before, engine, evaluation)
    model.set_inputs(model.document.inputs + 0.5)  # the engine does not raise later
    assert model.evaluation.loss is not None
    assert model.document.bptt.truncate == 4 and model.document.bptt.clip_norm == 1.0


# -- what the model computes: the engine's evaluate() with every setting of the document ----------
def one_setting(doc, setting):
    """``doc`` (all defaults: MSE at every step, zero states, no truncation, no clipping) with one
    setting changed to a value that changes the evaluation."""
    rng = np.random.default_rng(5)
    doc.inputs = rng.standard_normal(doc.inputs.shape)
    doc.targets = np.eye(doc.config.output_size)[rng.integers(0, doc.config.output_size, doc.config.seq_len)]
    if setting == "cross_entropy":
        doc.loss = "cross_entropy"
    elif setting == "mask":
        doc.loss_mask = np.arange(doc.config.seq_len) % 3 == 1
    elif setting == "h0":
        doc.h0 = rng.standard_normal(doc.h0.shape)
    elif setting == "c0":
        doc.c0 = rng.standard_normal(doc.c0.shape)
    elif setting == "truncate":
        doc.bptt.truncate = 2
    elif setting == "clip_norm":
        doc.bptt.clip_norm = 1e-3
    elif setting == "clip_value":
        doc.bptt.clip_value = 1e-4
    return doc


def engine_evaluation(doc, network=None, readout=None):
    """evaluate() called here with the document's settings written out one by one."""
    from lstm_studio.engine import evaluate
    from lstm_studio.session.document import engine_network

    if network is None:
        network, readout = engine_network(doc)
    target = doc.targets if doc.loss == "mse" else np.array([int(np.argmax(row)) for row in doc.targets])  # each step's class
    c0 = doc.c0 if doc.config.kind in ("lstm", "peephole_lstm", "lstm_nofg") else None
    return evaluate(network, readout, doc.inputs, target, loss=doc.loss, steps=doc.loss_mask, h0=doc.h0, c0=c0,
                    truncate=doc.bptt.truncate, clip_norm=doc.bptt.clip_norm, clip_value=doc.bptt.clip_value)


def assert_same_evaluation(got, want):
    assert got.loss == want.loss
    np.testing.assert_array_equal(got.per_step_loss, want.per_step_loss)
    np.testing.assert_array_equal(got.y, want.y)
    assert set(got.grads) == set(want.grads)
    for name in want.grads:
        np.testing.assert_array_equal(got.grads[name], want.grads[name], err_msg=name)
    for name in want.readout_grads:
        np.testing.assert_array_equal(got.readout_grads[name], want.readout_grads[name], err_msg=name)


def evaluations_differ(a, b):
    return a.loss != b.loss or any(not np.array_equal(a.grads[name], b.grads[name]) for name in a.grads)


@pytest.mark.parametrize("setting", ["cross_entropy", "mask", "h0", "c0", "truncate", "clip_norm", "clip_value"])
def test_the_model_evaluates_with_every_setting_of_the_document(qapp, setting):
    """The model's evaluation and evaluate_document() are the engine's evaluate() with the
    document's loss, loss mask, h0, c0, truncation and clipping — each one of them checked alone,
    with a value that changes the result."""
    from lstm_studio.session.document import evaluate_document

    config = NetworkConfig(kind="lstm", input_size=2, hidden_size=3, seq_len=8, output_size=3)
    plain = one_setting(new_document(config, seed=2), None)
    doc = one_setting(new_document(config, seed=2), setting)
    want = engine_evaluation(doc)
    assert evaluations_differ(want, engine_evaluation(plain)), "the setting changes the evaluation"
    if setting.startswith("clip"):
        assert want.grads.clipped
    assert_same_evaluation(SessionModel(doc.copy()).evaluation, want)
    assert_same_evaluation(evaluate_document(doc), want)


def test_evaluate_document_uses_the_network_and_read_out_it_is_given(qapp):
    from lstm_studio.session.document import engine_network, evaluate_document

    config = NetworkConfig(kind="gru", input_size=2, hidden_size=3, seq_len=6, output_size=2)
    doc = one_setting(new_document(config, seed=1), "h0")
    other = new_document(config, seed=7)
    network, readout = engine_network(other)
    given = evaluate_document(doc, network, readout)
    assert_same_evaluation(given, engine_evaluation(doc, network, readout))
    assert evaluations_differ(given, evaluate_document(doc))
    # one of the two alone is not enough: the document's own weights are used
    assert_same_evaluation(evaluate_document(doc, network=network), engine_evaluation(doc))
    assert_same_evaluation(evaluate_document(doc, readout=readout), engine_evaluation(doc))


# -- the selection and the view stay inside the network ---------------------------------------------
def test_the_selection_is_clamped_to_the_network(qapp):
    model = SessionModel(new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=4, num_layers=3,
                                                    bidirectional=True, seq_len=5)))

    def selection():
        view = model.document.view
        return view.layer, view.direction, view.unit

    model.set_selection(layer=1, direction=1, unit=2)
    assert selection() == (1, 1, 2)
    model.set_selection(layer=2)  # the others stay
    assert selection() == (2, 1, 2)
    model.set_selection(unit=3)
    assert selection() == (2, 1, 3)
    model.set_selection(layer=0, direction=0, unit=0)
    assert selection() == (0, 0, 0)
    model.set_selection(layer=9, direction=5, unit=40)
    assert selection() == (2, 1, 3)
    model.set_selection(layer=-2, direction=-1, unit=-7)
    assert selection() == (0, 0, 0)


def test_resizing_moves_the_view_inside_the_new_sizes_and_keeps_it_where_it_fits(qapp):
    from lstm_studio.session.document import ViewState

    config = NetworkConfig(kind="lstm", input_size=2, hidden_size=6, num_layers=3, bidirectional=True, seq_len=10)
    doc = new_document(config)
    doc.view = ViewState(time_step=8, layer=2, direction=1, unit=5, display_mode="reveal", colour_scale="auto")
    smaller = reconfigured(doc, seq_len=5, num_layers=2, bidirectional=False, hidden_size=3)
    assert (smaller.view.time_step, smaller.view.layer, smaller.view.direction, smaller.view.unit) == (4, 1, 0, 2)
    assert (smaller.view.display_mode, smaller.view.colour_scale) == ("reveal", "auto")
    larger = reconfigured(doc, seq_len=12, num_layers=4, hidden_size=8)
    assert larger.view == doc.view
    same = reconfigured(doc, input_size=3)
    assert same.view == doc.view


# -- refusals name the value and say why, in full --------------------------------------------------
@pytest.mark.parametrize("call, message", [
    (lambda m: m.set_initial_state(h0=np.full((1, 4), np.nan)),
     "The initial hidden state h0 must not contain NaN or infinity."),
    (lambda m: m.set_initial_state(c0=np.zeros((1, 3))), "The initial cell state c0 must have shape (1, 4), not (1, 3)."),
    (lambda m: m.set_readout_parameters({"bias": ["a"] * m.document.readout["bias"].size}),
     "The read-out bias must be numbers."),
    (lambda m: m.set_readout_parameters({"gain": [1.0]}), "The read-out has no parameter named 'gain'."),
    (lambda m: m.set_parameter("weight_hh_l0", np.full((16, 4), 1e6 + 1)), "The weight_hh_l0 must stay within ±1e+06."),
    (lambda m: m.set_parameters({"no_such": [1.0]}), "The network has no parameter named 'no_such'."),
    (lambda m: m.set_loss("hinge"), "Unknown loss 'hinge'; choose one of mse, cross_entropy."),
    (lambda m: m.set_loss(mask=np.ones(9, dtype=bool)), "The loss mask must have one entry per time step (10)."),
    (lambda m: m.set_bptt(clip_norm=True), "The clipping norm must be a positive number."),
    (lambda m: m.set_bptt(clip_value=np.float64(-2.0)), "The clipping value must be a positive number."),
    (lambda m: m.set_bptt(truncate=2.0), "The truncation length must be a whole number of steps."),
])
def test_refusals_name_the_value_and_say_why(model, call, message):
    before, engine, evaluation = model.snapshot(), engine_state(model), model.evaluation
    with pytest.raises(ValueError) as refused:
        call(model)
    assert str(refused.value) == message
    assert_unchanged(model, before, engine, evaluation)


def test_a_weight_at_the_limit_is_within_it(model):
    model.set_parameter("weight_hh_l0", np.full((16, 4), -1e6))
    assert np.all(model.network.parameters()["weight_hh_l0"] == -1e6)


# -- each change is stored as given, as the model's own float64 (bool) copy, and announced -----------
@pytest.mark.parametrize("change, what", [
    (lambda m: m.set_initial_state(h0=[[1, 2, 3, 4]]), "initial_state"),
    (lambda m: m.set_initial_state(c0=[[4, 3, 2, 1]]), "initial_state"),
    (lambda m: m.set_readout_parameters({"bias": [2]}), "readout"),
    (lambda m: m.set_loss("cross_entropy"), "loss"),
    (lambda m: m.set_loss(mask=[0, 1] * 5), "loss"),
    (lambda m: m.set_bptt(truncate=3), "bptt"),
    (lambda m: m.set_targets(np.ones((10, 1), dtype=int)), "targets"),
])
def test_each_change_is_stored_and_announced_by_name(model, change, what):
    log = SignalLog(model)
    before = model.snapshot()
    change(model)
    assert ("dataChanged", what) in log.events and log.names().count("evaluationChanged") == 1
    doc = model.document
    assert_same_evaluation(model.evaluation, engine_evaluation(doc))
    if what == "initial_state":
        changed = "h0" if np.any(doc.h0) else "c0"
        kept = {"h0": "c0", "c0": "h0"}[changed]
        want = [[1.0, 2.0, 3.0, 4.0]] if changed == "h0" else [[4.0, 3.0, 2.0, 1.0]]
        assert getattr(doc, changed).dtype == np.float64 and getattr(doc, changed).tolist() == want
        np.testing.assert_array_equal(getattr(doc, kept), getattr(before, kept))
    elif what == "readout":
        assert doc.readout["bias"].dtype == np.float64 and doc.readout["bias"].tolist() == [2.0]
        np.testing.assert_array_equal(model.readout.parameters()["bias"], [2.0])
        np.testing.assert_array_equal(doc.readout["weight"], before.readout["weight"])
    elif what == "loss" and doc.loss == "cross_entropy":
        np.testing.assert_array_equal(doc.loss_mask, before.loss_mask)
    elif what == "loss":
        assert doc.loss == "mse" and doc.loss_mask.dtype == bool and doc.loss_mask.tolist() == [False, True] * 5
    elif what == "bptt":
        assert (doc.bptt.truncate, doc.bptt.clip_norm, doc.bptt.clip_value) == \
            (3, before.bptt.clip_norm, before.bptt.clip_value)
    elif what == "targets":
        assert doc.targets.dtype == np.float64 and np.all(doc.targets == 1.0)
