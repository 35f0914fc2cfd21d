"""Details of the session model (session/model.py): what a fresh model says, which signals each
change sends and with which values, replacing the document, the view settings, the training
settings and history, and refusals as whole messages. Needs a Qt core for the signals only."""

import time
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QObject

from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.model import SessionModel

SIGNALS = ("documentReplaced", "structureChanged", "dataChanged", "evaluationChanged", "timeStepChanged",
           "selectionChanged", "displayModeChanged", "colourScaleChanged", "modifiedChanged", "trainingChanged")


class Log:
    def __init__(self, model):
        self.events = []
        for name in SIGNALS:
            getattr(model, name).connect(lambda *args, name=name: self.events.append((name, *args)))

    def names(self):
        return [event[0] for event in self.events]


def config(**changes):
    return NetworkConfig(**({"kind": "lstm", "input_size": 2, "hidden_size": 3, "seq_len": 6} | changes))


@pytest.fixture
def model(qapp):
    return SessionModel(new_document(config()))


# -- a fresh model -------------------------------------------------------------------------------
def test_a_fresh_model_is_unmodified_not_training_and_owned_by_its_parent(qapp):
    parent = QObject()
    model = SessionModel(new_document(config()), parent)
    assert model.parent() is parent
    assert model.is_modified is False and model.training is False
    assert 0.0 < model.compute_seconds < 60.0
    default = SessionModel()
    assert default.document.equals(new_document())


def test_the_first_edit_is_not_a_structure_change_nor_a_training_change(model):
    log = Log(model)
    model.set_inputs(np.ones_like(model.document.inputs))
    assert log.events == [("modifiedChanged", True), ("dataChanged", "inputs"), ("evaluationChanged",)]


def test_saving_says_unmodified_once(model):
    log = Log(model)
    model.mark_saved()
    assert log.events == [] and model.is_modified is False
    model.set_targets(np.ones_like(model.document.targets))
    model.mark_saved()
    assert [e for e in log.events if e[0] == "modifiedChanged"] == [("modifiedChanged", True), ("modifiedChanged", False)]
    assert model.is_modified is False


# -- structure and the names of changes ----------------------------------------------------------
def test_a_size_change_is_announced_as_a_structure_change_of_everything(model):
    log = Log(model)
    model.set_config(hidden_size=4)
    assert ("structureChanged",) in log.events and ("dataChanged", "all") in log.events
    assert ("dataChanged", "config") not in log.events
    assert model.network.hidden_size == 4
    log.events.clear()
    model.set_inputs(np.ones_like(model.document.inputs))  # the structure change is over
    assert "structureChanged" not in log.names()


def test_a_batch_with_a_structure_change_stays_one(model):
    log = Log(model)
    with model.changes():
        model.set_config(hidden_size=5)
        model.set_inputs(np.ones_like(model.document.inputs))
    assert log.names().count("structureChanged") == 1 and log.names().count("evaluationChanged") == 1
    assert model.network.hidden_size == 5
    assert [e[1] for e in log.events if e[0] == "dataChanged"] == ["inputs"]


def test_setting_the_same_sizes_changes_nothing(model):
    log = Log(model)
    document = model.document
    model.set_config(hidden_size=3, seq_len=6)
    assert log.events == [] and model.document is document and not model.is_modified


def test_an_unknown_setting_is_refused_even_when_it_is_none(model):
    with pytest.raises(ValueError) as refused:
        model.set_config(colour=None)
    assert str(refused.value) == "Unknown setting(s): colour."


def test_replacing_the_document_rebuilds_the_engine_and_announces_everything(model):
    log = Log(model)
    gru = new_document(config(kind="gru", hidden_size=4))
    model.replace_document(gru)
    assert model.document is gru and model.network.kind == "gru" and model.network.hidden_size == 4
    assert model.trace.kind == "gru"
    names = log.names()
    assert names.index("documentReplaced") < names.index("structureChanged") < names.index("evaluationChanged")
    assert [e[1] for e in log.events if e[0] == "dataChanged"] == ["all"]
    assert model.is_modified is True
    model.replace_document(new_document(config()), modified=False)
    assert model.is_modified is False and model.network.kind == "lstm"
    kept = model.document
    with pytest.raises(ValueError, match="hidden size must be at least 1"):
        model.replace_document(replace(new_document(config()), config=NetworkConfig(hidden_size=0)))
    assert model.document is kept


def test_a_view_that_edits_while_signals_are_delivered_hears_of_a_run_only_at_the_end(model):
    order = []
    edited = []

    def on_data(what):
        order.append(("dataChanged", what))
        if what == "inputs" and not edited:
            edited.append(True)
            model.set_training(True)
            model.set_targets(np.ones_like(model.document.targets))  # a nested round of signals

    model.dataChanged.connect(on_data)
    model.evaluationChanged.connect(lambda: order.append(("evaluationChanged",)))
    model.trainingChanged.connect(lambda running: order.append(("trainingChanged", running)))
    model.set_inputs(np.ones_like(model.document.inputs))
    assert order[-1] == ("trainingChanged", True)
    assert order.count(("trainingChanged", True)) == 1


# -- the view ------------------------------------------------------------------------------------
def test_the_time_step_is_clamped_into_the_sequence_and_announced(model):
    seen = []
    model.timeStepChanged.connect(seen.append)
    model.set_time_step(4)
    model.set_time_step(0)
    model.set_time_step(-3)
    model.set_time_step(99)
    assert seen == [4, 0, 5] and model.view.time_step == 5


def test_visible_steps_are_all_of_them_when_the_whole_sequence_shows(model):
    model.set_time_step(2)
    assert model.view.display_mode == "whole" and model.visible_steps() == 6
    model.set_display_mode("reveal")
    assert model.visible_steps() == 3


def test_display_mode_and_colour_scale_are_announced_once_and_refused_by_name(model):
    modes, scales = [], []
    model.displayModeChanged.connect(modes.append)
    model.colourScaleChanged.connect(scales.append)
    model.set_display_mode("reveal")
    model.set_display_mode("reveal")
    model.set_colour_scale("auto")
    model.set_colour_scale("auto")
    model.set_colour_scale("fixed")
    assert modes == ["reveal"] and scales == ["auto", "fixed"] and model.view.colour_scale == "fixed"
    with pytest.raises(ValueError) as refused:
        model.set_display_mode("sideways")
    assert str(refused.value) == "Unknown display mode 'sideways'."
    with pytest.raises(ValueError) as refused:
        model.set_colour_scale("rainbow")
    assert str(refused.value) == "Unknown colour scale 'rainbow'; choose one of fixed, auto."
    assert model.view.colour_scale == "fixed"


def test_the_selected_layer_trace_is_that_layer_and_direction(qapp):
    model = SessionModel(new_document(config(num_layers=2, bidirectional=True)))
    model.set_inputs(np.random.default_rng(0).uniform(-1, 1, model.document.inputs.shape))
    for layer in (0, 1):
        for direction in (0, 1):
            model.set_selection(layer=layer, direction=direction)
            np.testing.assert_array_equal(model.selected_layer_trace().h, model.trace.layer(layer, direction).h)
    assert not np.array_equal(model.trace.layer(1, 1).h, model.trace.layer(1, 0).h)


# -- training settings and history ---------------------------------------------------------------
def test_history_is_stored_as_arrays_announced_and_not_recomputed(model):
    log = Log(model)
    evaluation = model.evaluation
    model.set_history({"step": [1, 2], "loss": (0.5, 0.25)})
    assert isinstance(model.document.history["step"], np.ndarray)
    np.testing.assert_array_equal(model.document.history["loss"], [0.5, 0.25])
    assert log.events == [("modifiedChanged", True), ("dataChanged", "history")]
    assert model.evaluation is evaluation and model.is_modified is True


def test_training_settings_are_the_models_own_copy_and_announced(model):
    log = Log(model)
    settings = {"lr": 0.5, "task_options": {"noise": [0.1]}}
    model.set_training_dict(settings)
    settings["task_options"]["noise"].append(0.2)
    assert model.document.training == {"lr": 0.5, "task_options": {"noise": [0.1]}}
    assert log.events == [("modifiedChanged", True), ("dataChanged", "training")]
    assert model.is_modified is True
    with pytest.raises(ValueError) as refused:
        model.set_training_settings(speed=3)
    assert str(refused.value) == "Training setting refused: 'speed' is not a training setting."


# -- refusals ------------------------------------------------------------------------------------
def test_targets_of_the_wrong_shape_are_refused_by_name(model):
    with pytest.raises(ValueError) as refused:
        model.set_targets(np.zeros(3))
    assert str(refused.value) == "The targets must have shape (6, 1), not (3,)."


def test_every_bptt_setting_is_checked_even_after_one_left_unset(model):
    with pytest.raises(ValueError) as refused:
        model.set_bptt(truncate=None, clip_norm=-1.0)
    assert str(refused.value) == "The clipping norm must be a positive number."
    assert model.document.bptt.clip_norm is None
    with pytest.raises(ValueError) as refused:
        model.set_bptt(some_limit=0)
    assert str(refused.value) == "The some limit must be a positive number."


# -- characters of a next-character session --------------------------------------------------------
def test_the_characters_of_a_next_character_session_follow_its_inputs(qapp):
    from lstm_studio.session.experiments import task_document

    text = "hello world, hello"
    doc = task_document("next_char", text=text, seq_len=6)
    model = SessionModel(doc)
    vocabulary = "".join(sorted(set(text)))
    assert model.vocabulary() == vocabulary
    inputs, targets = model.step_characters()
    assert inputs == [vocabulary[k] for k in np.argmax(doc.inputs, axis=1)]
    assert targets == [vocabulary[k] for k in np.argmax(doc.targets, axis=1)]
    assert model.step_characters() is model.step_characters()  # derived once per evaluation
    edited = doc.inputs.copy()
    edited[2] = 0.5  # a row that is no longer one-hot
    model.set_inputs(edited)
    again = model.step_characters()
    assert again[0][2] == "" and again[0][:2] == inputs[:2] and again[1] == targets
    plain = SessionModel(new_document(config()))
    assert plain.vocabulary() is None and plain.step_characters() is None


def test_the_engine_networks_share_the_documents_weights_instead_of_copying_them(qapp):
    """At the largest accepted size the weights take 0.38 GB: the model's network and the
    background worker's evaluate the document's own read-only arrays (issue 14)."""
    model = SessionModel(new_document(NetworkConfig(kind="gru", hidden_size=5, seq_len=8, num_layers=2)))
    value = model.document.parameters["weight_hh_l1"] * 0.5
    model.set_parameter("weight_hh_l1", value)
    document = model.document.parameters
    for name, array in model.network.parameters(copy=False).items():
        assert array is document[name], name
    model.sync_below_seconds = 0.0  # the next change in the background
    model.set_parameter("weight_hh_l0", document["weight_hh_l0"] * 0.5)
    deadline = time.monotonic() + 30
    while not model.is_current and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.002)
    assert model.is_current
    for name, array in model._recomputer._network.parameters(copy=False).items():
        assert array is model.document.parameters[name], name
    assert not model.document.parameters["weight_hh_l1"].flags.writeable


def test_while_training_snapshots_are_evaluated_off_the_gui_thread_and_the_end_catches_up(model, qtbot,
                                                                                           monkeypatch):
    import threading

    from lstm_studio.session import recompute
    from lstm_studio.session import model as model_module
    from lstm_studio.session.document import evaluate_document

    threads = []

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return evaluate_document(*args, **kwargs)

    monkeypatch.setattr(recompute, "evaluate_document", recording)
    monkeypatch.setattr(model_module, "evaluate_document", recording)
    assert model.estimated_seconds() < model.sync_below_seconds  # a size evaluated at once otherwise
    name = "weight_hh_l0"
    model.set_training(True)
    with qtbot.waitSignal(model.evaluationChanged, timeout=10_000):
        model.set_parameter(name, model.document.parameters[name] * 0.5)  # a run's snapshot
        assert not model.is_current and model.computing  # not evaluated here
    assert model.is_current and threads and threading.main_thread() not in threads
    np.testing.assert_array_equal(model.evaluation.loss, evaluate_document(model.document).loss)
    model.set_parameter(name, model.document.parameters[name] * 0.5)  # the last snapshot, then the end
    model.set_training(False)
    assert model.is_current and not model.computing  # caught up at once when the run ended
    np.testing.assert_array_equal(model.evaluation.loss, evaluate_document(model.document).loss)
    threads.clear()
    model.set_parameter(name, model.document.parameters[name] * 0.5)  # not training: at once, here
    assert model.is_current and threads == [threading.main_thread()]


# -- details the 1 December mutation run of model.py found unchecked ------------------------------
def test_a_fresh_model_counts_no_change_computes_nothing_and_has_no_error(model):
    assert model.generation == 0 and model.computing is False and model.last_error is None
    assert model.is_current
    model.set_inputs(np.ones_like(model.document.inputs))
    assert model.generation == 1  # one change of numbers, one generation
    model.set_training_settings(lr=0.5)  # a quiet change: no recompute, no generation
    assert model.generation == 1
    model.set_config(hidden_size=4)
    assert model.generation == 2 and model.is_current


def test_a_batch_of_training_settings_alone_recomputes_nothing(model):
    log = Log(model)
    evaluation = model.evaluation
    with model.changes():
        model.set_training_settings(lr=0.5)
    assert log.events == [("modifiedChanged", True), ("dataChanged", "training")]
    assert model.evaluation is evaluation and model.generation == 0


def test_the_model_evaluates_with_its_own_network_and_loads_weights_only_when_they_changed(model, monkeypatch):
    """The model's network evaluates the document's own arrays (0.38 GB of weights at the
    largest sizes: never copied), from the first evaluation and after a change of sizes; its
    weights are loaded again only after an edit of weights, once, when next needed."""
    from lstm_studio.session import model as model_module

    def shares(model):
        network = model.network.parameters(copy=False)
        return all(network[name] is array for name, array in model.document.parameters.items())

    assert shares(model)
    evaluated = []
    real_evaluate = model_module.evaluate_document

    def recording(doc, network=None, readout=None):
        evaluated.append((network, readout))
        return real_evaluate(doc, network, readout)

    monkeypatch.setattr(model_module, "evaluate_document", recording)
    network, readout = model.network, model.readout
    loads = []
    real_load = network.load_parameters
    monkeypatch.setattr(network, "load_parameters", lambda *args, **kwargs: (loads.append(1),
                                                                             real_load(*args, **kwargs)))
    model.set_inputs(np.ones_like(model.document.inputs))
    assert evaluated == [(network, readout)] and loads == []  # no weights changed: none loaded
    model.set_parameter("weight_hh_l0", model.document.parameters["weight_hh_l0"] * 0.5)
    assert evaluated[-1] == (network, readout) and loads == [1]
    assert model.network is network and model.readout is readout and loads == [1]  # loaded once
    assert shares(model)
    model.set_config(hidden_size=4)
    assert model.network is not network and shares(model)
    assert evaluated[-1] == (model.network, model.readout)


def test_the_channels_names_are_those_of_the_document(qapp):
    from lstm_studio.session.column_names import with_column_names

    doc = new_document(config())
    doc.training = with_column_names(doc.training, ["speed", "angle"], ["force"])
    model = SessionModel(doc)
    assert model.channel_names("inputs") == ["speed", "angle"] and model.channel_names("targets") == ["force"]
    assert SessionModel(new_document(config())).channel_names("inputs") is None


def free_running_document(**changes):
    doc = new_document(config(input_size=1, **changes))  # one input fed by one output from step 3
    doc.free_run_from = 3
    return doc


def test_a_replacing_document_keeps_its_free_running_when_it_fits(model):
    model.replace_document(free_running_document())
    assert model.document.free_run_from == 3
    cross_entropy = free_running_document(output_size=2)
    cross_entropy.loss = "cross_entropy"  # class scores cannot be fed back: off
    model.replace_document(cross_entropy)
    assert model.document.free_run_from is None


def test_the_mean_squared_error_may_be_chosen_again_while_running_free(model):
    model.replace_document(free_running_document())
    model.set_loss("mse")
    assert model.document.loss == "mse" and model.document.free_run_from == 3
