"""What a session file may hold (``session/file_checks.py``) in detail: every refusal's whole
message (the key path it names and the rule it states), each bound the message states taken at
its edge (accepted there, refused one past it), a newer minor version ignoring what it does not
know at every level, and the checks of training curves and of the weights of other kinds. Found
by mutation testing (see tests/MUTATION.md)."""

import copy

import numpy as np
import pytest

from lstm_studio.engine import KINDS
from lstm_studio.session import file_checks, io
from lstm_studio.session.document import LESSON_PANELS, VALUE_LIMIT, NetworkConfig, reconfigured
from lstm_studio.session.io import SessionFileError, load_session
from test_session_file import with_value as set_value

LARGEST_SEED = 2**63 - 1
LARGEST_COUNT = 2**31 - 1  # what the app's fields for steps, batch size and seed hold


def with_value(meta, path, value):
    """A copy of ``meta`` with the setting at the dotted ``path`` set to ``value`` (KeyError: removed)."""
    return set_value(copy.deepcopy(meta), path, value)


def lesson_value(**changes):
    return {"id": "vanishing-rnn", "page": 0, "seed": 0, "panel": "gates", **changes}


def refusal(samples, tmp_path, meta, arrays) -> str:
    samples.write_raw(tmp_path / "s.lstms", meta, arrays)
    with pytest.raises(SessionFileError) as info:
        load_session(tmp_path / "s.lstms")
    return str(info.value)


def loaded(samples, tmp_path, meta, arrays):
    samples.write_raw(tmp_path / "s.lstms", meta, arrays)
    return load_session(tmp_path / "s.lstms")


@pytest.fixture
def parts(samples):
    return io.encode(samples.sample_document())


def visited_kinds(samples):
    """The sample (an LSTM of 2 layers, 3 units) after a look at the GRU and the RNN."""
    doc = reconfigured(reconfigured(samples.sample_document(), kind="gru"), hidden_size=4)
    return reconfigured(doc, kind="rnn_tanh")


# ------------------------------------------------------------------------- whole messages
SETTING_REFUSALS = [
    ("app_version", 1, "'app_version' must be text, not a whole number."),
    ("training", [], "'training' must be an object, not a list."),
    ("task", 3, "'task' must be text or null, not a whole number."),
    ("seed", LARGEST_SEED + 1, f"'seed' must be between 0 and {LARGEST_SEED}."),
    ("network.hidden_size", 0, "'network.hidden_size' must be at least 1."),
    ("network.hidden_size", {}, "'network.hidden_size' must be a whole number, not an object."),
    ("network.hidden_size", [], "'network.hidden_size' must be a whole number, not a list."),
    ("network.hidden_size", None, "'network.hidden_size' must be a whole number, not null."),
    ("network.embedding_size", -1, "'network.embedding_size' must be at least 0."),
    ("network.seq_len", KeyError, "'network.seq_len' is missing."),
    ("network.colour", "red", "unknown setting 'network.colour'."),
    ("bptt.truncate", 0, "'bptt.truncate' must be at least 1."),
    ("bptt.clip_norm", 0, "'bptt.clip_norm' must be a positive number up to 1e+300, or null."),
    ("bptt.clip_value", 2e300, "'bptt.clip_value' must be a positive number up to 1e+300, or null."),
    ("bptt.future", 1, "unknown setting 'bptt.future'."),
    ("view.time_step", -1, "'view.time_step' must be between 0 and 5."),
    ("view.layer", 2, "'view.layer' must be between 0 and 1."),
    ("view.direction", 1, "'view.direction' must be between 0 and 0."),
    ("view.unit", 3, "'view.unit' must be between 0 and 2."),
    ("view.future", 1, "unknown setting 'view.future'."),
    ("loss", "hinge", "'loss' must be one of 'mse', 'cross_entropy'."),
    ("training.batch_size", LARGEST_COUNT + 1,
     f"'training': batch_size must be at most {LARGEST_COUNT}, got {LARGEST_COUNT + 1}."),
    ("training.steps", LARGEST_COUNT + 1,
     f"'training': steps must be at most {LARGEST_COUNT}, got {LARGEST_COUNT + 1}."),
    ("training.seed", LARGEST_COUNT + 1,
     f"'training': seed must be at most {LARGEST_COUNT}, got {LARGEST_COUNT + 1}."),
    ("training.task_options", [], "'training': task_options must be an object, not a list."),
    ("kind_weights", [1], "'kind_weights' must be an object, not a list."),
    ("lesson", lesson_value(page=1000), "'lesson.page' must be between 0 and 999."),
    ("lesson", lesson_value(seed=LARGEST_SEED + 1), f"'lesson.seed' must be between 0 and {LARGEST_SEED}."),
    ("lesson", lesson_value(id="x" * 101), "'lesson.id' must be text of 1 to 100 characters."),
    ("lesson", lesson_value(id=None), "'lesson.id' must be text of 1 to 100 characters."),
    ("lesson", lesson_value(panel="desktop"),
     "'lesson.panel' must be one of " + ", ".join(repr(p) for p in LESSON_PANELS) + "."),
    ("lesson", lesson_value(curves={f"c{k}": [1.0] for k in range(9)}),
     "'lesson.curves' must be an object of at most 8 curves."),
    ("lesson", lesson_value(curves={"a": [1.0, True]}),
     "'lesson.curves.a' must hold lists of at most 100000 finite numbers."),
    ("lesson", lesson_value(curves={"a": [0.5] * 100_001}),
     "'lesson.curves.a' must hold lists of at most 100000 finite numbers."),
    ("lesson", lesson_value(script="rm"), "unknown setting 'lesson.script'."),
    ("lesson", {"id": "x", "page": 0, "seed": 0}, "'lesson.panel' is missing."),
]


@pytest.mark.parametrize("path, value, message", SETTING_REFUSALS, ids=[f"{p}-{m[:30]}" for p, _, m in SETTING_REFUSALS])
def test_a_wrong_setting_is_refused_with_its_key_path_and_the_rule(tmp_path, samples, parts, path, value, message):
    meta, arrays = parts
    assert refusal(samples, tmp_path, with_value(meta, path, value), arrays) == f"session.json: {message}"


def test_a_network_the_engine_refuses_is_refused_with_the_engines_reason(tmp_path, samples, parts):
    meta, arrays = parts
    with pytest.raises(ValueError) as engine:
        NetworkConfig(kind="lstm", input_size=2, hidden_size=100000, num_layers=2, output_size=1,
                      seq_len=6).validated()
    message = refusal(samples, tmp_path, with_value(meta, "network.hidden_size", 100000), arrays)
    assert message == f"session.json: {engine.value}"


# ------------------------------------------------------------------- bounds, at their edge
SETTINGS_AT_THEIR_BOUNDS = [
    ("seed", LARGEST_SEED),
    ("seed", 0),
    ("view.time_step", 5),
    ("view.time_step", 0),
    ("bptt.truncate", 1),
    ("bptt.clip_norm", 1e300),
    ("bptt.clip_norm", 0.5),
    ("bptt.clip_value", 1e-300),
    ("training.batch_size", LARGEST_COUNT),
    ("training.steps", LARGEST_COUNT),
    ("training.seed", LARGEST_COUNT),
    ("network.embedding_size", 0),  # said outright: no embedding, as when absent
    ("lesson", lesson_value(page=999, seed=LARGEST_SEED, id="x" * 100)),
    ("lesson", lesson_value(id="x", curves={f"c{k}": [1.0, 2] for k in range(8)})),
    ("lesson", lesson_value(curves={"a": [0.5] * 100_000})),
]


@pytest.mark.parametrize("path, value", SETTINGS_AT_THEIR_BOUNDS, ids=[p for p, _ in SETTINGS_AT_THEIR_BOUNDS])
def test_a_setting_at_the_bound_its_message_states_is_accepted(tmp_path, samples, parts, path, value):
    meta, arrays = parts
    doc = loaded(samples, tmp_path, with_value(meta, path, value), arrays)
    if path == "lesson":
        assert doc.lesson == value
        if "curves" in value:
            assert all(type(v) is float for curve in doc.lesson["curves"].values() for v in curve)
    elif path.startswith("training."):
        assert doc.training[path.split(".")[1]] == value
    elif path == "seed":
        assert doc.seed == value
    elif path == "view.time_step":
        assert doc.view.time_step == value
    elif path.startswith("bptt."):
        assert getattr(doc.bptt, path.split(".")[1]) == value
    else:
        assert doc.config.embedding_size == 0 and doc.equals(samples.sample_document())


# ------------------------------------------------------------------ a newer minor version
def test_a_newer_minor_version_ignores_what_it_does_not_know_at_every_level(tmp_path, samples):
    doc = visited_kinds(samples)
    doc.lesson = lesson_value()
    meta, arrays = io.encode(doc)
    meta["format_version"] = "1.9"
    meta["future"] = 1
    for part in ("network", "bptt", "view", "lesson"):
        meta[part]["future"] = 1
    for entry in meta["kind_weights"].values():
        entry["future"] = 1
        entry["network"]["future"] = 1
    # a kind this version does not know, listed before the ones it knows: skipped, not the end
    meta["kind_weights"] = {"transformer": {"network": {"kind": "transformer"}}, **meta["kind_weights"]}
    arrays["kinds/transformer/parameters/w"] = np.zeros(2)
    arrays["future/array"] = np.zeros(3)
    again = loaded(samples, tmp_path, meta, arrays)
    assert again.equals(doc)
    assert set(again.kind_weights) == {"lstm", "gru"}
    assert reconfigured(again, kind="gru").equals(reconfigured(doc, kind="gru"))


@pytest.mark.parametrize("where, message", [
    ("kind_weights.gru", "unknown setting 'kind_weights.gru.future'."),
    ("kind_weights.gru.network", "unknown setting 'kind_weights.gru.network.future'."),
])
def test_the_current_version_refuses_unknown_settings_of_the_other_kinds(tmp_path, samples, where, message):
    meta, arrays = io.encode(visited_kinds(samples))
    target = meta
    for key in where.split("."):
        target = target[key]
    target["future"] = 1
    assert refusal(samples, tmp_path, meta, arrays) == f"session.json: {message}"


# ------------------------------------------------------------------------- other kinds
@pytest.mark.parametrize("alter, message", [
    (lambda m: m["kind_weights"].__setitem__("rnn_tanh", m["kind_weights"].pop("lstm")),
     "'kind_weights.rnn_tanh' must name another kind of network than the current 'rnn_tanh', one of "
     + ", ".join(KINDS) + "."),
    (lambda m: m["kind_weights"].__setitem__("elman", {}),
     "'kind_weights.elman' must name another kind of network than the current 'rnn_tanh', one of "
     + ", ".join(KINDS) + "."),
    (lambda m: m["kind_weights"]["gru"]["network"].__setitem__("kind", "lstm"),
     "'kind_weights.gru.network' must describe a 'gru' network."),
    (lambda m: m["kind_weights"]["gru"]["network"].__setitem__("hidden_size", 0),
     "'kind_weights.gru.network.hidden_size' must be at least 1."),
    (lambda m: m["kind_weights"]["gru"].pop("network"), "'kind_weights.gru.network' is missing."),
])
def test_weights_of_other_kinds_that_do_not_fit_are_refused_with_the_whole_message(tmp_path, samples, alter, message):
    meta, arrays = io.encode(visited_kinds(samples))
    alter(meta)
    assert refusal(samples, tmp_path, meta, arrays) == f"session.json: {message}"


def test_weights_of_other_kinds_are_held_to_the_value_limit_at_its_edge(tmp_path, samples):
    meta, arrays = io.encode(visited_kinds(samples))
    arrays["kinds/gru/readout/bias"] = np.array([-VALUE_LIMIT])
    assert loaded(samples, tmp_path, meta, arrays).kind_weights["gru"]["readout"]["bias"][0] == -VALUE_LIMIT
    arrays["kinds/gru/readout/bias"] = np.array([np.nextafter(-VALUE_LIMIT, -np.inf)])
    assert refusal(samples, tmp_path, meta, arrays).startswith(
        "arrays.npz: 'kinds/gru/readout/bias' holds -1e+06, beyond ±1e+06, the largest value LSTM Studio takes")


# ----------------------------------------------------------------------------------- arrays
def test_one_missing_array_is_named_alone(tmp_path, samples, parts):
    meta, arrays = parts
    del arrays["c0"]
    assert refusal(samples, tmp_path, meta, arrays) == "arrays.npz: 'c0' is missing."


def test_arrays_beyond_the_value_limit_are_refused_with_the_whole_message(tmp_path, samples, parts):
    meta, arrays = parts
    arrays["h0"] = np.full(arrays["h0"].shape, 2e6)
    assert refusal(samples, tmp_path, meta, arrays) == (
        "arrays.npz: 'h0' holds 2e+06, beyond ±1e+06, the largest value LSTM Studio takes (typed or read).")


@pytest.mark.parametrize("curve", [np.array([True, False]), np.arange(3, dtype=np.int16),
                                   np.arange(3, dtype=np.float16), np.arange(3, dtype=np.uint8)])
def test_a_training_curve_of_another_number_type_is_refused(tmp_path, samples, parts, curve):
    meta, arrays = parts
    arrays["history/loss"] = curve
    assert refusal(samples, tmp_path, meta, arrays) == (
        "arrays.npz: training curve 'loss' must be a 1-D array of numbers.")


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64, np.int32])
def test_training_curves_of_the_four_number_types_open(tmp_path, samples, parts, dtype):
    meta, arrays = parts
    arrays["history/loss"] = np.arange(4, dtype=dtype)
    history = loaded(samples, tmp_path, meta, arrays).history
    assert history["loss"].dtype == dtype and list(history["loss"]) == [0, 1, 2, 3]


def test_the_training_curves_together_may_hold_up_to_their_cap(tmp_path, samples, parts, monkeypatch):
    monkeypatch.setattr(file_checks, "MAX_HISTORY_VALUES", 10)
    meta, arrays = parts
    arrays["history/loss"] = np.zeros(4)
    arrays["history/accuracy"] = np.zeros(6)
    assert loaded(samples, tmp_path, meta, arrays).history["accuracy"].size == 6
    arrays["history/accuracy"] = np.zeros(7)
    assert refusal(samples, tmp_path, meta, arrays) == "arrays.npz: the training curves hold more than 10 values."


# --------------------------------------------------------------------------- free running
@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_a_free_running_start_the_session_cannot_take_is_refused_with_the_models_reason(tmp_path, samples, parts, loss):
    from lstm_studio.session.free_running import free_run_setting_refusal

    meta, arrays = parts  # 2 inputs, 1 output: nothing to feed back (and with cross-entropy, class scores)
    config = samples.sample_document().config
    reason = free_run_setting_refusal(config, loss, 3)
    assert reason is not None
    meta = with_value(with_value(meta, "free_run_from", 3), "loss", loss)
    assert refusal(samples, tmp_path, meta, arrays) == f"session.json: 'free_run_from' cannot be used here: {reason}."


def test_a_sequence_length_among_the_task_options_is_left_to_the_network(tmp_path, samples, parts):
    # training builds the task with the network's sequence length, whatever the options say
    # (experiments.task_of); the file check ignores it likewise
    meta, arrays = parts
    meta = with_value(meta, "training.task_options", {"max_period": 12.0, "seq_len": 0})
    doc = loaded(samples, tmp_path, meta, arrays)
    assert doc.training["task_options"]["seq_len"] == 0 and doc.config.seq_len == 6
    from lstm_studio.session.experiments import task_of

    assert task_of(doc).seq_len == 6
