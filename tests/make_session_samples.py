"""Write the sample session files of every format version into tests/data/ (run from anywhere).

    python tests/make_session_samples.py

``session_v1_3.lstms`` is the current format; ``session_v1_2.lstms`` the 1.2 layout (truncation and
clipping could have copies in the training settings), ``session_v1_1.lstms`` the 1.1 layout (no
colour scale in the view state) and ``session_v1_0.lstms`` the 1.0 layout (top-level "truncate",
no view state) that loading migrates. All hold :func:`sample_document` (the older files without what
their format could not store). Tests check that loading them gives exactly that.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from lstm_studio.session import io
from lstm_studio.session.document import BpttSettings, NetworkConfig, ViewState, new_document

DATA = Path(__file__).resolve().parent / "data"


def sample_document():
    """A small LSTM session with non-trivial numbers in every array and setting."""
    doc = new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=3, num_layers=2,
                                     output_size=1, seq_len=6), seed=7, init_scheme="xavier")
    t = np.arange(6.0)
    doc.inputs = np.stack([np.sin(t), np.cos(t)], axis=1)
    doc.targets = np.cumsum(doc.inputs[:, :1], axis=0)
    doc.loss_mask = np.array([False, False, True, True, True, True])
    doc.h0 = np.full((2, 3), 0.25)
    doc.c0 = np.full((2, 3), -0.5)
    doc.bptt = BpttSettings(truncate=3)
    doc.view = ViewState(time_step=4, layer=1, direction=0, unit=2, display_mode="reveal",
                         colour_scale="auto")
    doc.task = "sine"
    doc.training = {"optimizer": "adam", "lr": 0.01, "steps": 200, "task_options": {"max_period": 12.0},
                    "note": "sample"}
    doc.history = {"loss": np.linspace(1.0, 0.1, 5)}
    return doc


def sample_document_v1_1():
    """What the 1.1 sample holds once migrated: the default colour scale (1.1 had none)."""
    doc = sample_document()
    doc.view.colour_scale = ViewState().colour_scale
    return doc


def sample_document_v1_0():
    """What the 1.0 sample holds once migrated: no clipping (1.0 had none), default view."""
    doc = sample_document()
    doc.view = ViewState()
    return doc


def write_version_1_2(doc, path):
    """``doc`` in the 1.2 layout, its training settings with the copies of truncation and clipping
    the training dock of 1.2 kept there (other than ``doc.bptt``: the file's "bptt" counts)."""
    meta, arrays = io.encode(doc)
    meta["format_version"] = "1.2"
    meta["training"] = {**meta["training"], "truncate": None, "clip_norm": 1.0, "clip_value": None}
    write_raw(path, meta, arrays)


def write_version_1_1(doc, path):
    """``doc`` in the 1.1 layout."""
    meta, arrays = io.encode(doc)
    meta["format_version"] = "1.1"
    del meta["view"]["colour_scale"]
    write_raw(path, meta, arrays)


def write_version_1_0(doc, path):
    """``doc`` in the 1.0 layout."""
    meta, arrays = io.encode(doc)
    meta["format_version"] = "1.0"
    meta["truncate"] = meta.pop("bptt")["truncate"]
    del meta["view"]
    write_raw(path, meta, arrays)


def write_raw(path, meta, arrays):
    """Any JSON content and arrays, packed exactly like the app packs a session."""
    with open(path, "wb") as fh:
        io.write_archive(fh, json.dumps(meta, indent=2), arrays)


def main():
    DATA.mkdir(exist_ok=True)
    io.save_session(sample_document(), DATA / "session_v1_3.lstms")
    write_version_1_2(sample_document(), DATA / "session_v1_2.lstms")
    write_version_1_1(sample_document_v1_1(), DATA / "session_v1_1.lstms")
    write_version_1_0(sample_document_v1_0(), DATA / "session_v1_0.lstms")


if __name__ == "__main__":
    main()
