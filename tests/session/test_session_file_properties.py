"""Property tests of the .lstms format: exact round trip of random documents, and damaged or
tampered files either load correctly or raise SessionFileError — never anything else."""

import json
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lstm_studio.engine import KINDS
from lstm_studio.engine.tasks import TASKS
from lstm_studio.session import file_checks, io
from lstm_studio.session.document import (
    COLOUR_SCALES,
    DISPLAY_MODES,
    LOSS_KINDS,
    VALUE_LIMIT,
    BpttSettings,
    NetworkConfig,
    SessionDocument,
    ViewState,
    new_document,
)
from lstm_studio.session.io import SessionFileError, load_session, save_session

# 60 examples, or fewer under mutation testing (tests/conftest.py's "mutation" profile)
PROPERTY_SETTINGS = settings(max_examples=min(60, settings.default.max_examples), deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

finite = st.floats(allow_nan=False, allow_infinity=False)
in_range = st.floats(-VALUE_LIMIT, VALUE_LIMIT)  # what a document's arrays may hold
positive = st.floats(min_value=0.0, exclude_min=True, max_value=file_checks.MAX_SETTING)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63) | finite | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
curve_names = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"),
                      min_size=1, max_size=12)


def float_array(draw, shape):
    return draw(hnp.arrays(np.float64, shape, elements=in_range))


@st.composite
def documents(draw):
    config = NetworkConfig(
        kind=draw(st.sampled_from(KINDS)),
        input_size=draw(st.integers(1, 3)),
        hidden_size=draw(st.integers(1, 3)),
        num_layers=draw(st.integers(1, 2)),
        bidirectional=draw(st.booleans()),
        output_size=draw(st.integers(1, 3)),
        seq_len=draw(st.integers(1, 5)),
    )
    doc = new_document(config, seed=draw(st.integers(0, 2**63 - 1)),
                       init_scheme=draw(st.sampled_from(file_checks.INIT_SCHEMES)))
    doc.parameters = {name: float_array(draw, value.shape) for name, value in doc.parameters.items()}
    doc.readout = {name: float_array(draw, value.shape) for name, value in doc.readout.items()}
    for name in ("inputs", "targets", "h0", "c0"):
        setattr(doc, name, float_array(draw, getattr(doc, name).shape))
    mask = draw(hnp.arrays(bool, (config.seq_len,)))
    mask[draw(st.integers(0, config.seq_len - 1))] = True
    doc.loss_mask = mask
    doc.loss = draw(st.sampled_from(LOSS_KINDS))
    doc.bptt = BpttSettings(truncate=draw(st.none() | st.integers(1, 10)),
                            clip_norm=draw(st.none() | positive | st.integers(1, 100)),
                            clip_value=draw(st.none() | positive))
    doc.view = ViewState(time_step=draw(st.integers(0, config.seq_len - 1)),
                         layer=draw(st.integers(0, config.num_layers - 1)),
                         direction=draw(st.integers(0, config.num_directions - 1)),
                         unit=draw(st.integers(0, config.hidden_size - 1)),
                         display_mode=draw(st.sampled_from(DISPLAY_MODES)),
                         colour_scale=draw(st.sampled_from(COLOUR_SCALES)))
    doc.task = draw(st.none() | st.sampled_from(sorted(TASKS)))
    doc.training = draw(st.dictionaries(st.text(max_size=8).map("note {}".format), json_values, max_size=4))
    doc.history = draw(st.dictionaries(curve_names, hnp.arrays(
        st.sampled_from([np.float64, np.float32, np.int64, np.int32]), st.integers(0, 6)), max_size=3))
    return doc


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@pytest.fixture(scope="module")
def base_file(folder):
    """A small valid session file and its (meta, arrays)."""
    doc = new_document(NetworkConfig(kind="gru", input_size=2, hidden_size=2, num_layers=2, seq_len=3))
    doc.history = {"loss": np.array([1.0, 0.5])}
    path = folder / "base.lstms"
    save_session(doc, path)
    return path.read_bytes(), io.encode(doc)


def load_or_refuse(path):
    """Load ``path``: a document or a SessionFileError with a message; anything else fails."""
    try:
        return load_session(path)
    except SessionFileError as exc:
        assert str(exc).strip()
        return None


@PROPERTY_SETTINGS
@given(doc=documents())
def test_round_trip_is_exact_for_random_documents(folder, doc):
    path = folder / "round.lstms"
    save_session(doc, path)
    loaded = load_session(path)
    assert isinstance(loaded, SessionDocument)
    assert loaded.equals(doc)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_flipped_or_truncated_bytes_never_escape_as_other_errors(folder, base_file, data):
    raw = bytearray(base_file[0])
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 255)), max_size=6))
    for at, value in flips:
        raw[at] = value
    cut = data.draw(st.none() | st.integers(0, len(raw)))
    path = folder / "flipped.lstms"
    path.write_bytes(bytes(raw[:cut]))
    load_or_refuse(path)


def json_paths(value, prefix=()):
    """Every key path of a JSON object (objects nested in objects)."""
    for key, item in value.items():
        yield prefix + (key,)
        if isinstance(item, dict):
            yield from json_paths(item, prefix + (key,))


@PROPERTY_SETTINGS
@given(data=st.data())
def test_json_values_replaced_by_random_values_are_loaded_or_refused(folder, base_file, data):
    meta, arrays = json.loads(json.dumps(base_file[1][0])), base_file[1][1]
    paths = list(json_paths(meta))
    for _ in range(data.draw(st.integers(1, 3))):
        *parents, last = data.draw(st.sampled_from(paths))
        target = meta
        for key in parents:
            target = target.get(key) if isinstance(target, dict) else None
        if isinstance(target, dict):
            target[last] = data.draw(json_values)
    path = folder / "tampered.lstms"
    with open(path, "wb") as fh:
        io.write_archive(fh, json.dumps(meta), arrays)
    doc = load_or_refuse(path)
    if doc is not None:
        assert doc.config.validated() is doc.config


@PROPERTY_SETTINGS
@given(task=st.none() | st.sampled_from(sorted(TASKS)) | st.text(max_size=6),
       training=st.dictionaries(st.sampled_from(["optimizer", "lr", "momentum", "batch_size", "clip_norm",
                                                 "clip_value", "truncate", "seed", "steps", "task_options"]),
                                json_values | st.dictionaries(
                                    st.sampled_from(["text", "n_symbols", "length", "noise", "min_period",
                                                     "max_period", "seq_len", "other"]), json_values)))
def test_random_training_settings_are_loaded_or_refused(folder, base_file, task, training):
    meta, arrays = json.loads(json.dumps(base_file[1][0])), base_file[1][1]
    meta["task"], meta["training"] = task, training
    path = folder / "training.lstms"
    with open(path, "wb") as fh:
        io.write_archive(fh, json.dumps(meta), arrays)
    load_or_refuse(path)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_arrays_replaced_by_random_arrays_are_loaded_or_refused(folder, base_file, data):
    meta, arrays = base_file[1]
    arrays = dict(arrays)
    name = data.draw(st.sampled_from(sorted(arrays)) | st.text(min_size=1, max_size=10))
    arrays[name] = data.draw(hnp.arrays(
        st.sampled_from([np.float64, np.float32, np.int8, np.bool_, np.complex128, "<U2", ">f8"]),
        hnp.array_shapes(min_dims=0, max_dims=3, max_side=5)))
    path = folder / "arrays.lstms"
    with open(path, "wb") as fh:
        io.write_archive(fh, json.dumps(meta), arrays)
    doc = load_or_refuse(path)
    if doc is not None:
        assert all(np.all(np.isfinite(value)) for value in doc.parameters.values())
