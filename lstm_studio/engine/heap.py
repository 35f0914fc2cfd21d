"""The C library's heap: how it hands out memory and giving its free pages back to the system
(glibc only; elsewhere nothing happens).

The C library keeps freed memory for later rather than returning it. A background evaluation's
arrays are freed when the evaluation it replaced goes, and at the largest sizes the heaps then
held about 0.6 GB that nothing used while the next evaluation was computed (the process took
2.3–2.5 GB instead of 1.8), until something trimmed them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

__all__ = ["C_LIBRARY", "return_free_pages", "tune"]


def _glibc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim.argtypes, libc.malloc_trim.restype = [ctypes.c_size_t], ctypes.c_int
        libc.mallopt.argtypes, libc.mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    except (OSError, AttributeError):  # not glibc (musl has neither)
        return None
    return libc


C_LIBRARY = _glibc()
"""glibc, with ``malloc_trim`` and ``mallopt`` typed; None where there is no glibc."""


def return_free_pages() -> bool:
    """Return the free pages of every heap of the C library to the system (``malloc_trim``);
    False where that is not possible."""
    if C_LIBRARY is None:
        return False
    C_LIBRARY.malloc_trim(0)
    return True


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8  # glibc's mallopt parameters


def tune(own_pages_from: int) -> bool:
    """Blocks of ``own_pages_from`` bytes and more get pages of their own, returned when freed
    (``M_MMAP_THRESHOLD`` fixed, and ``M_TRIM_THRESHOLD``: the heap's free top goes back beyond
    it), and every thread shares one heap (``M_ARENA_MAX`` 1); False where there is no glibc.

    One heap: glibc gives threads heaps of their own, and what a background evaluation freed in
    its thread's heap stayed with the process. At the largest sizes a recompute with a result
    shown took the process to 2.3–2.5 GB where its arrays were 1.7 GB; with one heap, 1.7 GB.
    Call it before threads allocate."""
    if C_LIBRARY is None:
        return False
    C_LIBRARY.mallopt(M_MMAP_THRESHOLD, own_pages_from)
    C_LIBRARY.mallopt(M_TRIM_THRESHOLD, own_pages_from)
    C_LIBRARY.mallopt(M_ARENA_MAX, 1)
    return True
