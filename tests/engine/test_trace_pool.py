"""The pool of the memory traces keep (``work_arrays.TracePool``): a block is lent again only once
nothing made of it is left, never to two arrays alive at once."""

import threading

import numpy as np

from lstm_studio.engine import build_network
from lstm_studio.engine.work_arrays import TRACES, TracePool

KiB = 2**10


def address(array) -> int:
    return array.__array_interface__["data"][0]


def test_a_block_is_lent_again_only_when_every_array_made_of_it_is_gone():
    pool = TracePool(capacity_bytes=1024 * KiB, smallest_bytes=1 * KiB, largest_bytes=512 * KiB)
    first = pool.array((16, 16), np.float64)  # 2 KiB
    second = pool.array((16, 16), np.float64)
    assert not np.shares_memory(first, second) and pool.held_bytes == 4 * KiB
    where = address(first)
    part = first[3:5]  # a view keeps the block lent
    del first
    third = pool.array((16, 16), np.float64)
    assert address(third) != where and not np.shares_memory(third, part) and pool.held_bytes == 6 * KiB
    del part
    fourth = pool.array((4, 64), np.float64)  # the same bytes, another shape: the block is free now
    assert address(fourth) == where and fourth.shape == (4, 64) and fourth.dtype == np.float64
    assert pool.held_bytes == 6 * KiB
    fourth[:] = 7.0
    np.testing.assert_array_equal(fourth, 7.0)
    as_float32 = pool.array((512,), np.float32)  # 2 KiB of float32: a free block of 2 KiB if any
    assert not any(np.shares_memory(as_float32, a) for a in (second, third, fourth))


def test_sizes_outside_its_bounds_and_beyond_its_capacity_are_plain_new_arrays():
    pool = TracePool(capacity_bytes=8 * KiB, smallest_bytes=1 * KiB, largest_bytes=4 * KiB)
    small, large = pool.array((16,), np.float64), pool.array((1024,), np.float64)  # 128 B, 8 KiB
    assert pool.held_bytes == 0 and small.base is None and large.base is None
    kept = [pool.array((512,), np.float64) for _ in range(2)]  # 2 × 4 KiB: full
    assert pool.held_bytes == 8 * KiB
    beyond = pool.array((512,), np.float64)
    assert beyond.base is None and pool.held_bytes == 8 * KiB
    del kept[0]  # a free block of another size makes room for a new size
    other = pool.array((256,), np.float64)  # 2 KiB
    assert other.base is not None and pool.held_bytes == 6 * KiB
    assert not np.shares_memory(other, kept[0])


def test_release_lets_go_of_the_free_blocks_only():
    pool = TracePool(capacity_bytes=64 * KiB, smallest_bytes=1 * KiB, largest_bytes=16 * KiB)
    lent = pool.array((256,), np.float64)
    freed = pool.array((512,), np.float64)
    del freed
    assert pool.held_bytes == 6 * KiB
    pool.release()
    assert pool.held_bytes == 2 * KiB
    lent[:] = 1.0  # still its own
    again = pool.array((256,), np.float64)
    assert not np.shares_memory(again, lent)


def test_arrays_alive_at_once_never_share_a_block_across_threads():
    pool = TracePool(capacity_bytes=256 * KiB, smallest_bytes=1 * KiB, largest_bytes=8 * KiB)
    errors = []

    def work(seed):
        rng = np.random.default_rng(seed)
        alive = []
        for _ in range(400):
            if alive and rng.random() < 0.5:
                alive.pop(int(rng.integers(len(alive))))
            else:
                array = pool.array((int(rng.choice([128, 256, 512])),), np.float64)
                array[:] = seed
                alive.append(array)
            if any((a != seed).any() for a in alive):
                errors.append(seed)
                return

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert pool.held_bytes <= pool.capacity_bytes


def test_two_traces_kept_at_once_are_separate_and_a_trace_let_go_lends_its_memory():
    net = build_network("lstm", 8, 32)
    x = np.random.default_rng(0).standard_normal((100, 32, 8))
    first = net.forward(x)
    second = net.forward(x)
    assert not np.shares_memory(first.output, second.output)
    np.testing.assert_array_equal(first.output, second.output)
    held = TRACES.held_bytes
    del first
    third = net.forward(2 * x)  # made in the first one's memory: the pool holds no more
    assert TRACES.held_bytes == held
    assert not np.shares_memory(third.output, second.output)
    np.testing.assert_array_equal(second.output, net.forward(x).output)  # the second untouched


def test_its_bounds_are_inclusive():
    pool = TracePool(capacity_bytes=64 * KiB, smallest_bytes=1 * KiB, largest_bytes=4 * KiB)
    pooled = [pool.array((n,), np.uint8) for n in (1 * KiB, 4 * KiB)]
    plain = [pool.array((n,), np.uint8) for n in (1 * KiB - 1, 4 * KiB + 1)]
    assert all(a.base is not None for a in pooled) and all(a.base is None for a in plain)
    assert pool.held_bytes == 5 * KiB
    full = TracePool(capacity_bytes=2 * KiB, smallest_bytes=1 * KiB, largest_bytes=4 * KiB)
    exactly = [full.array((1 * KiB,), np.uint8) for _ in range(3)]  # the capacity is reached, not passed
    assert [a.base is not None for a in exactly] == [True, True, False] and full.held_bytes == 2 * KiB


def test_making_room_drops_just_enough_free_blocks():
    pool = TracePool(capacity_bytes=8 * KiB, smallest_bytes=1, largest_bytes=8 * KiB)
    lent = pool.array((2 * KiB,), np.uint8)
    free = [pool.array((2 * KiB,), np.uint8) for _ in range(2)]
    del free  # two free blocks of 2 KiB: 6 KiB held
    wide = pool.array((4 * KiB,), np.uint8)  # 2 KiB too many: one free block goes, not both
    assert wide.base is not None and pool.held_bytes == 8 * KiB
    assert pool.array((2 * KiB,), np.uint8).base is not None  # the other free one, lent again
    assert not np.shares_memory(lent, wide)


def test_a_free_block_behind_a_lent_one_is_found_and_a_single_byte_short_drops_one():
    pool = TracePool(capacity_bytes=4 * KiB, smallest_bytes=1, largest_bytes=4 * KiB)
    lent = pool.array((2 * KiB,), np.uint8)
    free = pool.array((1 * KiB,), np.uint8)
    del free
    late = pool.array((1 * KiB + 1,), np.uint8)  # one byte beyond the capacity: the free block goes
    assert late.base is not None and pool.held_bytes == 3 * KiB + 1
    # a lent block listed before a free one of its size
    pool = TracePool(capacity_bytes=3 * KiB, smallest_bytes=1, largest_bytes=4 * KiB)
    first = pool.array((1 * KiB,), np.uint8)
    second = pool.array((1 * KiB,), np.uint8)
    del second
    other = pool.array((2 * KiB,), np.uint8)  # 1 KiB short: the free block behind the lent one goes
    assert other.base is not None and pool.held_bytes == 3 * KiB
    assert not np.shares_memory(first, other)


def test_reaching_the_capacity_exactly_drops_nothing():
    pool = TracePool(capacity_bytes=3 * KiB, smallest_bytes=1, largest_bytes=4 * KiB)
    lent = pool.array((1 * KiB,), np.uint8)
    free = pool.array((512,), np.uint8)
    del free
    exact = pool.array((1536,), np.uint8)  # 1 KiB + 512 + 1536 = the capacity
    assert exact.base is not None and pool.held_bytes == 3 * KiB
    assert pool.array((512,), np.uint8).base is not None  # the free block is still there
    del lent, exact


def test_plain_arrays_beyond_the_capacity_keep_their_dtype():
    pool = TracePool(capacity_bytes=1 * KiB, smallest_bytes=1, largest_bytes=4 * KiB)
    kept = pool.array((1 * KiB,), np.uint8)
    beyond = pool.array((64,), np.float32)
    assert beyond.base is None and beyond.dtype == np.float32 and beyond.shape == (64,)
    assert pool.array((8,), np.int16).dtype == np.int16
    del kept
