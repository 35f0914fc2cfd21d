"""The memory the engine's loops work in: this thread's reusable work arrays (no fresh pages, whose
first writes fault every 4 KiB, on every forward and BPTT), the arrays a trace keeps, and the
chunks of steps BPTT works through in cache.
"""

from __future__ import annotations

import contextlib
import sys
import threading

import numpy as np

_scratch = threading.local()


def scratch(tag, shape, dtype):
    """An uninitialised work array private to this thread, reused by every call with ``tag``.

    Valid until the next request with the same tag: only for temporaries that never leave the
    engine. Reusing the memory avoids fresh pages (page faults) on every forward/backward.
    """
    buffers = _scratch.__dict__.setdefault("buffers", {})
    size = int(np.prod(shape))
    buffer = buffers.get((tag, np.dtype(dtype)))
    if buffer is None or buffer.size < size:
        buffer = buffers[(tag, np.dtype(dtype))] = np.empty(size, dtype=dtype)
    return buffer[:size].reshape(shape)


def release_scratch(at_least: int = 0) -> int:
    """Forget this thread's work arrays of ``at_least`` bytes (all by default; made again when
    next needed); returns the bytes let go.

    A thread keeps its largest work arrays as long as it lives: for the GUI thread, that is the
    whole session, after one big computation (a comparison's held-out accuracy) as after many."""
    buffers = _scratch.__dict__.get("buffers", {})
    large = [key for key, buffer in buffers.items() if buffer.nbytes >= at_least]
    return sum(buffers.pop(key).nbytes for key in large)


def fresh(tag, shape, dtype):
    """A new uninitialised array (its memory maybe that of a trace already let go:
    :class:`TracePool`), or inside ``transient(owner)`` this thread's work array ``(owner, tag)``."""
    owner = getattr(_scratch, "owner", None)
    return TRACES.array(shape, dtype) if owner is None else scratch((owner, tag), shape, dtype)


class TracePool:
    """The memory of the arrays traces keep, handed out again once every array made of it is
    gone.

    A trace the caller keeps must be new memory, and new memory costs a page fault every 4 KiB
    on its first write: a quarter of a batched LSTM's forward + BPTT (100 steps, 64 units, batch
    32: 3,500 faults a run). The pool holds each block it lent (up to ``capacity_bytes`` in all,
    blocks of ``smallest_bytes`` to ``largest_bytes``) and lends a block again when nothing but
    the pool refers to it any more: the trace it was lent to was let go (an evaluation replaced
    by the next one). Blocks outside those bounds, or beyond the capacity, are plain new arrays.
    Thread-safe; :meth:`release` lets go of the free blocks (the app does so when quiet)."""

    def __init__(self, capacity_bytes: int, smallest_bytes: int, largest_bytes: int):
        self.capacity_bytes, self.smallest_bytes, self.largest_bytes = capacity_bytes, smallest_bytes, largest_bytes
        self._lock = threading.Lock()
        self._blocks: dict[int, list[np.ndarray]] = {}  # bytes -> blocks of that size
        self._held = 0

    @property
    def held_bytes(self) -> int:
        """Bytes of the blocks the pool holds (lent or free)."""
        return self._held

    def array(self, shape, dtype) -> np.ndarray:
        """An uninitialised array of ``shape`` and ``dtype``: a free block's, else a new one."""
        dtype = np.dtype(dtype)
        nbytes = int(np.prod(shape)) * dtype.itemsize
        if not self.smallest_bytes <= nbytes <= self.largest_bytes:
            return np.empty(shape, dtype=dtype)
        with self._lock:
            block = self._free_block(nbytes)
            if block is None:
                if self._held + nbytes > self.capacity_bytes:
                    self._drop_free(self._held + nbytes - self.capacity_bytes)
                if self._held + nbytes > self.capacity_bytes:
                    return np.empty(shape, dtype=dtype)
                block = np.empty(nbytes, dtype=np.uint8)
                self._blocks.setdefault(nbytes, []).append(block)
                self._held += nbytes
        return block.view(dtype).reshape(shape)

    def release(self) -> None:
        """Let go of every free block (their memory goes back)."""
        with self._lock:
            self._drop_free(self._held)

    def _free_block(self, nbytes):
        blocks = self._blocks.get(nbytes, ())
        for k in range(len(blocks)):
            if sys.getrefcount(blocks[k]) == 2:  # the list's reference and the call's: not lent
                return blocks[k]
        return None

    def _drop_free(self, wanted: int) -> None:
        """Drop free blocks until ``wanted`` bytes went (or none is free)."""
        for nbytes, blocks in list(self._blocks.items()):
            k = 0
            while k < len(blocks) and wanted > 0:
                if sys.getrefcount(blocks[k]) == 2:
                    del blocks[k]
                    self._held -= nbytes
                    wanted -= nbytes
                else:
                    k += 1
            if not blocks:
                del self._blocks[nbytes]


TRACES = TracePool(capacity_bytes=96 * 2**20, smallest_bytes=64 * 2**10, largest_bytes=16 * 2**20)
"""The pool of the arrays traces keep: blocks of 64 KiB to 16 MiB (larger ones take long to
fill: their page faults are a small part of the work), 96 MiB in all."""


@contextlib.contextmanager
def transient(owner):
    """Within it, the arrays a forward or BPTT returns (``fresh``) are this thread's work arrays
    of ``owner`` (e.g. a layer and direction), valid until the next transient call for the same
    owner: for a caller that drops them at once (a training step), with no new memory, whose
    first writes cost a page fault every 4 KiB."""
    previous = getattr(_scratch, "owner", None)
    _scratch.owner = owner
    try:
        yield
    finally:
        _scratch.owner = previous


LARGE_SCRATCH_BYTES = 16 * 2**20
"""Work arrays this large are let go after each BPTT (``Network.backward``): kept, those of the
largest networks would hold 150 MB between recomputes, for a saving of a few page faults per
megabyte on a computation of seconds."""


CHUNK_ELEMENTS = 2**16
"""BPTT computes what does not depend on the recurrence (the gates' slopes) for chunks of steps of
about this many elements (512 KiB of float64): few calls, and a block that stays in cache for
the steps that use it."""


def _chunk_steps(per_step):
    """Steps in a chunk of ``CHUNK_ELEMENTS`` (at least one) for ``per_step`` elements a step."""
    return max(1, CHUNK_ELEMENTS // per_step)


def _chunks_from_end(steps, per_step):
    """(start, end) of the chunks of ``_chunk_steps`` steps, from the last one back."""
    length = _chunk_steps(per_step)
    for end in range(steps, 0, -length):
        yield max(0, end - length), end
