"""Documents share read-only arrays when copied, and the session model's documents are read-only
(issue 14: a change of sizes at large sizes spent most of its GUI-thread time copying weights)."""

import numpy as np
import pytest

from lstm_studio.session.document import NetworkConfig, freeze, new_document
from lstm_studio.session.model import SessionModel

CONFIG = NetworkConfig(kind="lstm", input_size=2, hidden_size=3, seq_len=4, num_layers=2)


def test_a_copy_shares_read_only_arrays_and_copies_writable_ones():
    document = new_document(CONFIG)
    document.parameters["weight_hh_l0"].flags.writeable = False
    document.history = {"loss": np.arange(3.0)}
    document.history["loss"].flags.writeable = False
    copy = document.copy()
    assert copy.equals(document)
    assert copy.parameters["weight_hh_l0"] is document.parameters["weight_hh_l0"]
    assert copy.history["loss"] is document.history["loss"]
    for name in ("inputs", "targets", "h0"):  # writable: copied
        assert not np.shares_memory(getattr(copy, name), getattr(document, name))
    assert not np.shares_memory(copy.parameters["weight_ih_l0"], document.parameters["weight_ih_l0"])
    # the containers are the copy's own
    assert copy.parameters is not document.parameters and copy.view is not document.view
    copy.parameters["weight_hh_l0"] = np.zeros((12, 3))
    assert document.parameters["weight_hh_l0"].any()


def test_freeze_makes_every_array_read_only():
    document = freeze(new_document(CONFIG))
    arrays = [document.inputs, document.targets, document.loss_mask, document.h0, document.c0,
              *document.parameters.values(), *document.readout.values()]
    assert all(not array.flags.writeable for array in arrays)
    copy = document.copy()
    assert all(getattr(copy, name) is getattr(document, name) for name in ("inputs", "targets", "h0"))


@pytest.mark.parametrize("how", ["new", "replace", "resize"])
def test_the_models_document_cannot_be_written_into(qapp, how):
    model = SessionModel(new_document(CONFIG) if how == "new" else None)
    if how == "replace":
        model.replace_document(new_document(CONFIG))
    elif how == "resize":
        model.set_config(hidden_size=5)
    document = model.document
    for array in (document.inputs, document.parameters["weight_hh_l0"], document.readout["weight"], document.c0):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 1.0
    assert model.snapshot().parameters["weight_hh_l0"] is document.parameters["weight_hh_l0"]


def test_every_lesson_measures_its_own_document_made_read_only():
    """The session model's documents are read-only: a measure that changed a copy in place (the
    peephole page's network without its peepholes did) would fail on them."""
    from lstm_studio.lessons import LESSONS
    from lstm_studio.session.document import evaluate_document

    for item in LESSONS:
        if getattr(item, "trains", False):
            continue
        document = freeze(item.build(0, 0))
        report = item.measures(evaluate_document(document), document, 0)
        assert report.holds, (item.id, report.reason)
