"""The heatmaps' bins at their edges (session/binning.py, no Qt): bin sizes at the pixel count,
ties, unsigned values, bins of one, and what the drawings' store keeps, shares and forgets."""

import numpy as np

from lstm_studio.session.binning import BinnedDrawings, bin_size, binned_by, extreme_bins


class Evaluation:
    """A stand-in for an evaluation (held weakly by the store, as a real one is)."""

    def __init__(self, values=None):
        self.values = values


class Holder:
    """Something that draws (held weakly, as a heatmap is)."""


def test_one_pixel_holds_the_whole_axis_in_one_bin():
    assert bin_size(5, 1) == 5
    assert bin_size(1, 1) == 1
    assert bin_size(5, 0) == bin_size(5, -3) == 1  # pixels not known yet: not binned
    assert bin_size(10, 10) == 1 and bin_size(11, 10) == 2 and bin_size(20, 10) == 2 and bin_size(21, 10) == 3
    assert extreme_bins(np.array([[1.0], [-4.0], [2.0]]), 1, 1).tolist() == [[-4.0]]


def test_a_tie_of_magnitudes_is_drawn_as_the_positive_value():
    np.testing.assert_array_equal(binned_by(np.array([[-2.0], [2.0]]), 2, 1), [[2.0]])
    np.testing.assert_array_equal(binned_by(np.array([[2.0], [-2.0]]), 2, 1), [[2.0]])
    np.testing.assert_array_equal(binned_by(np.array([[-3.0, 3.0]]), 1, 2), [[3.0]])


def test_unsigned_and_integer_values_are_binned_by_magnitude_as_numbers():
    values = np.array([[3, 200], [250, 1]], dtype=np.uint8)
    np.testing.assert_array_equal(binned_by(values, 2, 1), [[250.0, 200.0]])
    np.testing.assert_array_equal(binned_by(values, 1, 2), [[200.0], [250.0]])
    np.testing.assert_array_equal(extreme_bins(values, 1, 1), [[250.0]])
    assert binned_by(np.array([[1, -5]]), 1, 2).dtype == np.float64


def test_bins_of_one_are_the_values_themselves_not_a_copy():
    values = np.arange(6.0).reshape(3, 2)
    assert np.shares_memory(binned_by(values, 1, 1), values)
    np.testing.assert_array_equal(binned_by(values, 1, 1), values)
    assert np.shares_memory(extreme_bins(values, 3, 2), values)


def test_bins_made_on_the_gui_thread_are_kept_read_only_and_reused():
    drawings, evaluation = BinnedDrawings(), Evaluation()
    values = np.arange(12.0).reshape(4, 3)
    first = drawings.binned(evaluation, "gate", values, (2, 1))
    np.testing.assert_array_equal(first, [[3.0, 4.0, 5.0], [9.0, 10.0, 11.0]])
    assert not first.flags.writeable
    assert drawings.binned(evaluation, "gate", values, (2, 1)) is first
    assert drawings.binned(evaluation, "gate", values, (2.0, 1.0)) is first
    other = drawings.binned(evaluation, "other gate", -values, (2, 1))
    assert other is not first and other[0, 0] == -3.0
    assert drawings.binned(Evaluation(), "gate", values, (2, 1)) is not first


def test_what_the_worker_prepared_is_what_the_gui_thread_draws():
    drawings, evaluation, holder = BinnedDrawings(), Evaluation(np.arange(8.0).reshape(4, 2)), Holder()
    drawings.want(holder, "gate", lambda e: e.values, (2, 2))
    drawings.prepare(evaluation)
    prepared = drawings.binned(evaluation, "gate", np.zeros((4, 2)), (2, 2))  # not binned again
    np.testing.assert_array_equal(prepared, [[3.0], [7.0]])
    assert not prepared.flags.writeable


def test_preparing_again_keeps_the_bins_already_made():
    drawings, evaluation, holder = BinnedDrawings(), Evaluation(np.arange(8.0).reshape(4, 2)), Holder()
    calls = []

    def source(e):
        calls.append(e)
        return e.values

    made = drawings.binned(evaluation, "gate", evaluation.values, (2, 1))
    drawings.want(holder, "gate", source, (2, 1))
    drawings.prepare(evaluation)
    drawings.prepare(evaluation)
    assert calls == []
    assert drawings.binned(evaluation, "gate", evaluation.values, (2, 1)) is made


def test_a_wish_that_fits_or_is_made_does_not_stop_the_others_being_prepared():
    drawings, evaluation = BinnedDrawings(), Evaluation(np.arange(8.0).reshape(4, 2))
    fits, made, wanted = Holder(), Holder(), Holder()
    drawings.want(fits, "fits", lambda e: e.values, (1, 1))
    drawings.binned(evaluation, "made", evaluation.values, (4, 1))
    drawings.want(made, "made", lambda e: e.values, (4, 1))
    drawings.want(wanted, "wanted", lambda e: e.values, (2, 1))
    drawings.prepare(evaluation)
    assert drawings._stored(evaluation, ("fits", (1, 1))) is None
    np.testing.assert_array_equal(drawings._stored(evaluation, ("wanted", (2, 1))), [[2.0, 3.0], [6.0, 7.0]])


def test_a_wish_without_bins_is_prepared_as_it_is_and_derived_from_the_store():
    drawings, evaluation, holder = BinnedDrawings(), Evaluation(np.arange(4.0)), Holder()
    drawings.want(holder, "range", lambda e: (float(e.values.min()), float(e.values.max())), None, slot="range")
    drawings.prepare(evaluation)
    assert drawings.derived(evaluation, "range", lambda e: "computed again") == (0.0, 3.0)


def test_a_derived_result_is_computed_once_per_evaluation_and_kept():
    drawings, evaluation = BinnedDrawings(), Evaluation(np.arange(3.0))
    calls = []

    def norms(e):
        calls.append(e)
        return e.values * 2

    first = drawings.derived(evaluation, "norms", norms)
    np.testing.assert_array_equal(first, [0.0, 2.0, 4.0])
    assert not first.flags.writeable
    assert drawings.derived(evaluation, "norms", norms) is first and len(calls) == 1
    assert drawings.derived(evaluation, "other", lambda e: "other") == "other"
    second = Evaluation(np.ones(2))
    np.testing.assert_array_equal(drawings.derived(second, "norms", norms), [2.0, 2.0])
    assert len(calls) == 2
    assert drawings.derived(evaluation, "norms", norms) is first


def test_a_holder_that_forgets_its_wishes_has_nothing_prepared():
    drawings, evaluation = BinnedDrawings(), Evaluation(np.arange(8.0).reshape(4, 2))
    gone, kept = Holder(), Holder()
    drawings.want(gone, "gone", lambda e: e.values, (2, 1))
    drawings.want(kept, "kept", lambda e: e.values, (2, 1))
    drawings.forget(gone)
    drawings.forget(gone)  # twice, or a holder that never wished: nothing to do
    drawings.forget(Holder())
    drawings.prepare(evaluation)
    assert drawings._stored(evaluation, ("gone", (2, 1))) is None
    assert drawings._stored(evaluation, ("kept", (2, 1))) is not None


def test_a_holder_has_one_wish_per_slot():
    drawings, evaluation, holder = BinnedDrawings(), Evaluation(np.arange(8.0).reshape(4, 2)), Holder()
    drawings.want(holder, "layer 0", lambda e: e.values, (2, 1))
    drawings.want(holder, "layer 1", lambda e: e.values, (2, 1))  # replaces the wish of layer 0
    drawings.want(holder, "range", lambda e: e.values.max(), None, slot="range")  # beside it
    drawings.prepare(evaluation)
    assert drawings._stored(evaluation, ("layer 0", (2, 1))) is None
    assert drawings._stored(evaluation, ("layer 1", (2, 1))) is not None
    assert drawings._stored(evaluation, ("range", None)) == 7.0
