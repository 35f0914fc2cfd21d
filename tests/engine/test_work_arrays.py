"""This thread's reusable work arrays (``scratch``), the arrays a forward or BPTT returns
(``fresh``: new, or inside ``transient`` the thread's work arrays), and letting them go."""

import numpy as np

from lstm_studio.engine import build_network
from lstm_studio.engine.work_arrays import _scratch, fresh, release_scratch, scratch, transient


def test_a_work_array_is_reused_by_its_tag_and_dtype_and_grown_when_too_small():
    release_scratch()
    first = scratch("w", (4, 8), np.float64)
    again = scratch("w", (8, 4), np.float64)  # as many elements: the same memory
    assert np.shares_memory(first, again) and again.shape == (8, 4) and again.dtype == np.float64
    smaller = scratch("w", (10,), np.float64)
    assert np.shares_memory(first, smaller)
    single = scratch("w", (32,), np.float32)  # another dtype: a buffer of its own, in that dtype
    assert single.dtype == np.float32 and not np.shares_memory(single, first)
    other = scratch("v", (4, 8), np.float64)  # another tag: its own
    assert not np.shares_memory(other, first)
    grown = scratch("w", (40,), np.float64)  # more than it holds: a larger one, kept from now on
    assert not np.shares_memory(grown, first) and np.shares_memory(scratch("w", (33,), np.float64), grown)


def test_release_lets_go_of_work_arrays_of_at_least_the_size_given():
    release_scratch()
    scratch("exact", (128,), np.float64)  # 1024 bytes
    scratch("smaller", (127,), np.float64)
    assert release_scratch(1024) == 1024
    assert {tag for tag, _ in _scratch.buffers} == {"smaller"}
    assert release_scratch() == 127 * 8 and not _scratch.buffers
    scratch("empty", (0, 8), np.float64)  # nothing at all is still a work array: all means all
    release_scratch()
    assert not _scratch.buffers


def test_inside_transient_the_returned_arrays_are_the_threads_work_arrays_outside_new_ones():
    release_scratch()
    outside = [fresh("out", (64, 64), np.float32) for _ in range(2)]
    assert not np.shares_memory(*outside) and outside[0].dtype == np.float32
    with transient("layer 0"):
        inside = [fresh("out", (64, 64), np.float32) for _ in range(2)]
        other_tag = fresh("dh", (64, 64), np.float32)
    assert np.shares_memory(*inside) and inside[0].dtype == np.float32  # the same work array
    assert not np.shares_memory(inside[0], other_tag)
    assert not any(np.shares_memory(inside[0], o) for o in outside)
    with transient("layer 1"):
        assert not np.shares_memory(fresh("out", (64, 64), np.float32), inside[0])  # another owner


def test_a_training_step_inside_transient_reuses_its_traces_memory():
    net = build_network("lstm", 3, 8)
    x = np.random.default_rng(0).standard_normal((20, 4, 3))
    with transient("step"):
        first = net.forward(x).output
    with transient("step"):
        second = net.forward(2 * x)
    assert np.shares_memory(first, second.output)  # no new memory on every step
    kept = net.forward(x)
    np.testing.assert_array_equal(net.forward(x).output, kept.output)
