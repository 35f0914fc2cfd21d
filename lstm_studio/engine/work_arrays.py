"""The memory the engine's loops work in: this thread's reusable work arrays (no fresh pages, whose
first writes fault every 4 KiB, on every forward and BPTT), the arrays a trace keeps, and the
chunks of steps BPTT works through in cache.
"""

from __future__ import annotations

import contextlib
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
    """A new uninitialised array, or inside ``transient(owner)`` this thread's work array
    ``(owner, tag)``."""
    owner = getattr(_scratch, "owner", None)
    return np.empty(shape, dtype=dtype) if owner is None else scratch((owner, tag), shape, dtype)


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
