"""The document's free-running setting: evaluation, file round trip, refusals, changes of size."""

import json
import zipfile

import numpy as np
import pytest

from lstm_studio.engine.free_run import FreeRunEvaluation
from lstm_studio.engine.refusal import Refusal
from lstm_studio.session import io
from lstm_studio.session.document import (
    NetworkConfig,
    evaluate_document,
    new_document,
    reconfigured,
)
from lstm_studio.session.experiments import task_document
from lstm_studio.session.free_running import FED_STEP_SECONDS
from lstm_studio.session.io import SessionFileError, load_session, save_session
from lstm_studio.session.model import SessionModel


def sine_document():
    return task_document("sine", seed=0)


def test_evaluation_is_free_running_when_set():
    doc = sine_document()
    assert not isinstance(evaluate_document(doc), FreeRunEvaluation)
    doc.free_run_from = 20
    ev = evaluate_document(doc)
    assert isinstance(ev, FreeRunEvaluation) and ev.free_run_from == 20
    np.testing.assert_array_equal(ev.trace.x[:20, 0], doc.inputs[:20])
    np.testing.assert_allclose(ev.trace.x[20:, 0], ev.y[19:-1], atol=1e-12)



@pytest.mark.parametrize("setting", ["mask", "h0", "c0", "truncate", "clip_value"])
def test_a_free_running_evaluation_keeps_every_other_setting_of_the_document(setting):
    """Free running changes only what the network is fed: the loss mask, the initial states,
    the truncation and the clipping of the document apply as in any evaluation (each one
    checked alone, with a value that changes the result)."""
    from lstm_studio.engine.free_run import evaluate_free_running
    from lstm_studio.session.document import engine_network

    doc = reconfigured(sine_document(), kind="lstm")  # a kind with a cell state
    doc.free_run_from = 10
    rng = np.random.default_rng(2)
    if setting == "mask":
        doc.loss_mask = np.arange(doc.config.seq_len) % 3 == 1
    elif setting in ("h0", "c0"):
        setattr(doc, setting, rng.standard_normal(getattr(doc, setting).shape))
    elif setting == "truncate":
        doc.bptt.truncate = 2
    else:
        doc.bptt.clip_value = 1e-4
    network, readout = engine_network(doc)
    settings = dict(steps=doc.loss_mask, h0=doc.h0, c0=doc.c0, truncate=doc.bptt.truncate,
                    clip_value=doc.bptt.clip_value)
    want = evaluate_free_running(network, readout, doc.inputs, doc.targets, 10, **settings)
    plain = evaluate_free_running(network, readout, doc.inputs, doc.targets, 10)
    assert want.loss != plain.loss or any(not np.array_equal(want.grads[name], plain.grads[name])
                                          for name in want.grads), "the setting changes the evaluation"
    got = evaluate_document(doc)
    assert got.loss == want.loss
    for name in want.grads:
        np.testing.assert_array_equal(got.grads[name], want.grads[name], err_msg=name)

def test_model_evaluates_with_the_setting_and_refuses_what_cannot_be_fed_back(qapp):
    model = SessionModel(sine_document())
    seen = []
    model.dataChanged.connect(seen.append)
    model.set_free_run(10)
    assert seen == ["free_run"] and model.document.free_run_from == 10
    assert model.evaluation.free_run_from == 10
    assert model.is_modified
    model.set_free_run(None)
    assert not isinstance(model.evaluation, FreeRunEvaluation)
    for start in (0, 40, -3, 2.0):
        with pytest.raises(Refusal, match="between the second and the last step"):
            model.set_free_run(start)
    assert model.document.free_run_from is None
    model.set_free_run(np.int64(5))
    assert model.document.free_run_from == 5 and type(model.document.free_run_from) is int
    with pytest.raises(Refusal, match="switch it off"):
        model.set_loss(kind="cross_entropy", mask=np.arange(40) == 3)
    assert model.document.loss == "mse" and model.document.loss_mask.all()  # nothing changed


def test_model_refuses_sizes_and_losses_that_cannot_be_fed_back(qapp):
    model = SessionModel(new_document(NetworkConfig(input_size=2, output_size=3)))
    with pytest.raises(Refusal, match="3 output.*2 input"):
        model.set_free_run(4)
    model = SessionModel(new_document(NetworkConfig(bidirectional=True)))
    with pytest.raises(Refusal, match="bidirectional"):
        model.set_free_run(4)
    model = SessionModel(new_document())
    model.set_loss(kind="cross_entropy")
    with pytest.raises(Refusal, match="class scores"):
        model.set_free_run(4)


def test_changes_of_size_keep_clamp_or_drop_the_setting():
    doc = sine_document()
    doc.free_run_from = 30
    assert reconfigured(doc, hidden_size=4).free_run_from == 30
    assert reconfigured(doc, seq_len=20).free_run_from == 19
    assert reconfigured(doc, seq_len=1).free_run_from is None
    assert reconfigured(doc, output_size=2).free_run_from is None
    assert reconfigured(doc, bidirectional=True).free_run_from is None


def test_replaced_document_drops_a_setting_that_no_longer_fits(qapp):
    model = SessionModel(sine_document())
    doc = model.document.copy()
    doc.free_run_from, doc.loss = 5, "cross_entropy"
    model.replace_document(doc)
    assert model.document.free_run_from is None


def test_round_trip_and_files_without_the_setting(tmp_path):
    doc = sine_document()
    path = tmp_path / "off.lstms"
    save_session(doc, path)
    meta = json.loads(zipfile.ZipFile(path).read(io.SESSION_JSON))
    assert "free_run_from" not in meta  # a file without it is what it was before
    assert load_session(path).free_run_from is None
    doc.free_run_from = 12
    save_session(doc, path)
    loaded = load_session(path)
    assert loaded.free_run_from == 12 and loaded.equals(doc)


def rewritten(path, tmp_path, **changes):
    with zipfile.ZipFile(path) as archive:
        meta = json.loads(archive.read(io.SESSION_JSON))
        arrays = archive.read(io.ARRAYS_NPZ)
    meta.update(changes)
    out = tmp_path / "changed.lstms"
    with open(out, "wb") as fh:
        io._write_members(fh, json.dumps(meta).encode(), arrays)
    return out


@pytest.mark.parametrize("value,message", [
    (0, "'free_run_from' must be between 1 and 39"), (40, "must be between 1 and 39"),
    ("5", "must be a whole number"), (2.5, "must be a whole number")])
def test_files_with_a_bad_step_are_refused(tmp_path, value, message):
    path = tmp_path / "on.lstms"
    save_session(sine_document(), path)
    with pytest.raises(SessionFileError, match=message):
        load_session(rewritten(path, tmp_path, free_run_from=value))


def test_files_whose_network_cannot_feed_back_are_refused(tmp_path):
    path = tmp_path / "two.lstms"
    save_session(new_document(NetworkConfig(input_size=2, output_size=1)), path)
    with pytest.raises(SessionFileError, match="free_run_from.*1 output.*2 input"):
        load_session(rewritten(path, tmp_path, free_run_from=3))


def test_feeding_back_counts_in_the_estimate_that_sends_work_to_the_background(qapp):
    model = SessionModel(reconfigured(sine_document(), seq_len=200))
    plain = model.estimated_seconds()
    assert plain < model.sync_below_seconds  # evaluated at once
    model.set_free_run(10)
    assert model.estimated_seconds() == pytest.approx(plain + 190 * FED_STEP_SECONDS)
    assert model.estimated_seconds() > model.sync_below_seconds  # in the background
    model.settle()
    assert model.is_current and model.evaluation.free_run_from == 10


def test_feeding_back_beyond_the_time_budget_is_refused():
    from lstm_studio.session.free_running import FREE_RUN_BUDGET_SECONDS, free_run_setting_refusal

    config = NetworkConfig(kind="rnn_tanh", hidden_size=2, num_layers=8, seq_len=100_000)
    assert 99_999 * 8 * FED_STEP_SECONDS > FREE_RUN_BUDGET_SECONDS
    refusal = free_run_setting_refusal(config, "mse", 1)
    assert refusal is not None and "99999 steps through 8 layer(s)" in str(refusal)
    assert free_run_setting_refusal(config, "mse", 99_000) is None  # 1,000 steps: fine
