"""Heatmaps binned to their pixels (issue 14): extremes stay visible, data that fit are drawn
exactly, and the worker's prepared bins are what the GUI thread draws."""

import gc
import threading

import numpy as np
import pytest

from lstm_studio.session import recompute
from lstm_studio.session.binning import BinnedDrawings, bin_size, binned_by, extreme_bins
from lstm_studio.session.document import NetworkConfig, evaluate_document, new_document


def test_data_that_fit_the_pixels_are_drawn_exactly():
    values = np.random.default_rng(0).normal(size=(50, 8))
    assert extreme_bins(values, 50, 8) is values or np.array_equal(extreme_bins(values, 50, 8), values)
    np.testing.assert_array_equal(extreme_bins(values, 600, 300), values)
    np.testing.assert_array_equal(binned_by(values, 1, 1), values)


def test_each_bin_keeps_the_value_of_the_largest_magnitude():
    values = np.zeros((1000, 512))
    values[517, 3] = 0.9  # one saturated cell among quiet ones
    values[12, 400] = -5.0  # one exploding gradient, negative
    values[998, 511] = 0.1  # in the last, shorter bin
    binned = extreme_bins(values, 300, 100)
    steps, units = bin_size(1000, 300), bin_size(512, 100)
    assert (steps, units) == (4, 6)
    assert binned.shape == (250, 86)
    assert binned[517 // steps, 3 // units] == 0.9
    assert binned[12 // steps, 400 // units] == -5.0
    assert binned[998 // steps, 511 // units] == 0.1
    assert np.count_nonzero(binned) == 3


def test_binned_values_match_a_direct_reference():
    rng = np.random.default_rng(1)
    values = rng.normal(size=(37, 23))
    binned = binned_by(values, 5, 4)
    for i in range(binned.shape[0]):
        for j in range(binned.shape[1]):
            block = values[5 * i:5 * i + 5, 4 * j:4 * j + 4]
            assert binned[i, j] == block.flat[np.argmax(np.abs(block))]


def test_a_nan_in_a_bin_shows_and_the_other_bins_are_kept():
    values = np.ones((10, 4))
    values[3, 1] = np.nan
    binned = binned_by(values, 5, 2)
    assert np.isnan(binned[0, 0])
    assert binned[1, 0] == 1.0 and binned[0, 1] == 1.0


def test_a_ragged_array_is_refused_with_a_message():
    with pytest.raises(ValueError, match="steps, units"):
        extreme_bins(np.zeros(5), 2, 2)


class Holder:
    """Something that draws (held weakly, as a heatmap is)."""


def test_the_worker_prepares_what_the_gui_thread_draws_and_lets_it_go():
    config = NetworkConfig(kind="lstm", hidden_size=40, seq_len=120)
    doc = new_document(config)
    drawings = BinnedDrawings()
    holder = Holder()
    calls = []

    def gate(evaluation):
        calls.append(threading.get_ident())
        return evaluation.trace.layer(0, 0).gates["f"][:, 0]

    drawings.want(holder, ("f",), gate, (3, 2))
    done = threading.Event()
    job = recompute.Job(1, recompute.snapshot(doc))
    worker = recompute.Recomputer(lambda job: done.set(), prepare=drawings.prepare)
    worker.submit(job)
    assert done.wait(30)
    assert calls and calls[0] != threading.get_ident()  # prepared in the worker
    values = gate(job.evaluation)
    drawn = drawings.binned(job.evaluation, ("f",), values, (3, 2))
    assert len(calls) == 2  # (the call above) nothing binned again on this thread
    np.testing.assert_array_equal(drawn, binned_by(values, 3, 2))
    # another bin size (the panel was resized): binned now, and right
    np.testing.assert_array_equal(drawings.binned(job.evaluation, ("f",), values, (2, 2)),
                                  binned_by(values, 2, 2))
    evaluation = job.evaluation
    job.evaluation = None
    del evaluation, drawn
    gc.collect()
    assert len(drawings._binned) == 0  # the bins went with the evaluation
    del holder
    gc.collect()
    assert len(drawings._wanted) == 0


def test_a_failing_preparation_is_not_the_jobs_failure():
    doc = new_document(NetworkConfig(kind="gru", hidden_size=4, seq_len=6))
    done = threading.Event()

    def broken(_evaluation):
        raise KeyError("no such gate")

    job = recompute.Job(1, recompute.snapshot(doc))
    recompute.Recomputer(lambda job: done.set(), prepare=broken).submit(job)
    assert done.wait(30)
    assert job.error is None and not job.cancelled
    np.testing.assert_array_equal(job.evaluation.y, evaluate_document(doc).y)


def test_a_wish_of_an_earlier_structure_is_skipped_and_the_others_prepared():
    doc = new_document(NetworkConfig(kind="lstm", hidden_size=4, seq_len=30))
    evaluation = evaluate_document(doc)
    drawings = BinnedDrawings()
    gone, kept = Holder(), Holder()
    drawings.want(gone, ("h", 3), lambda e: e.trace.layer(3, 0).h[:, 0], (2, 1))  # no layer 4 here
    drawings.want(kept, ("h", 0), lambda e: e.trace.layer(0, 0).h[:, 0], (2, 1))
    drawings.prepare(evaluation)
    assert drawings._stored(evaluation, (("h", 3), (2, 1))) is None
    np.testing.assert_array_equal(drawings._stored(evaluation, (("h", 0), (2, 1))),
                                  binned_by(evaluation.trace.layer(0, 0).h[:, 0], 2, 1))


def test_a_wish_in_pixels_is_prepared_for_the_sizes_of_each_new_evaluation():
    """A heatmap says how many pixels it has: after a change of steps or units the worker bins
    the new evaluation for those pixels (what the heatmap then asks for), not by the old bins."""
    small = evaluate_document(new_document(NetworkConfig(kind="lstm", hidden_size=40, seq_len=120)))
    large = evaluate_document(new_document(NetworkConfig(kind="lstm", hidden_size=80, seq_len=240)))
    drawings = BinnedDrawings()
    by_pixels, by_bins = Holder(), Holder()

    def gate(evaluation):
        return evaluation.trace.layer(0, 0).gates["f"][:, 0]

    # 50 × 16 pixels: 120 steps × 40 units in bins of 3 × 3
    drawings.want(by_pixels, ("f", "pixels"), gate, (3, 3), pixels=(50, 16))
    drawings.want(by_bins, ("f", "bins"), gate, (3, 3))
    drawings.prepare(small)
    np.testing.assert_array_equal(drawings._stored(small, (("f", "pixels"), (3, 3))), binned_by(gate(small), 3, 3))
    drawings.prepare(large)  # 240 steps × 80 units in the same pixels: bins of 5 × 5
    np.testing.assert_array_equal(drawings._stored(large, (("f", "pixels"), (5, 5))), binned_by(gate(large), 5, 5))
    assert drawings._stored(large, (("f", "pixels"), (3, 3))) is None
    assert drawings._stored(large, (("f", "bins"), (3, 3))) is not None  # bins fixed: as they were
    # too few pixels to bin along an axis (0): that axis is not binned; none at all: nothing stored
    drawings.want(by_pixels, ("f", "pixels"), gate, (1, 3), pixels=(0, 16))
    drawings.prepare(small)
    np.testing.assert_array_equal(drawings._stored(small, (("f", "pixels"), (1, 3))), binned_by(gate(small), 1, 3))
    drawings.want(by_pixels, ("f", "none"), gate, (1, 1), pixels=(0, 0))
    drawings.prepare(large)
    assert drawings._stored(large, (("f", "none"), (1, 1))) is None
