"""The C library's heap (engine/heap.py): tuned and trimmed where it is glibc, nothing elsewhere.
What tuning is for is measured in tests/session/test_work_budget.py (the largest accepted network
with a result shown and the next one computed in a thread stays under 2 GB)."""

import numpy as np

from lstm_studio.engine import heap


def test_the_heap_is_tuned_and_trimmed_where_the_c_library_is_glibc():
    if heap.C_LIBRARY is None:
        assert not heap.tune(128 * 1024) and not heap.return_free_pages()
        return
    assert heap.tune(128 * 1024)
    blocks = [np.ones(1000) for _ in range(1000)]  # small blocks of the shared heap, then freed
    del blocks
    assert heap.return_free_pages()


class _FakeLibrary:
    """Stands for glibc: records what the heap module asks of it."""

    def __init__(self):
        self.calls = []

    def malloc_trim(self, pad):
        self.calls.append(("malloc_trim", pad))
        return 1

    def mallopt(self, parameter, value):
        self.calls.append(("mallopt", parameter, value))
        return 1


def test_tuning_sets_glibcs_mmap_and_trim_thresholds_and_one_arena(monkeypatch):
    library = _FakeLibrary()
    monkeypatch.setattr(heap, "C_LIBRARY", library)
    assert heap.tune(5 * 2**20) is True
    # glibc's malloc.h: M_TRIM_THRESHOLD -1, M_MMAP_THRESHOLD -3, M_ARENA_MAX -8
    assert sorted(library.calls) == sorted([("mallopt", -3, 5 * 2**20), ("mallopt", -1, 5 * 2**20),
                                            ("mallopt", -8, 1)])


def test_returning_free_pages_trims_every_heap_to_nothing_kept(monkeypatch):
    library = _FakeLibrary()
    monkeypatch.setattr(heap, "C_LIBRARY", library)
    assert heap.return_free_pages() is True
    assert library.calls == [("malloc_trim", 0)]  # no padding kept at the top of the heap


def test_without_glibc_nothing_is_asked_and_both_say_so(monkeypatch):
    monkeypatch.setattr(heap, "C_LIBRARY", None)
    assert heap.tune(128 * 1024) is False
    assert heap.return_free_pages() is False


def test_glibc_is_found_on_linux_with_its_two_functions_typed():
    import ctypes
    import sys

    if not sys.platform.startswith("linux") or heap.C_LIBRARY is None:
        return
    library = heap._glibc()
    assert library is not None
    assert library.malloc_trim.argtypes == [ctypes.c_size_t]
    assert library.malloc_trim.restype is ctypes.c_int
    assert library.mallopt.argtypes == [ctypes.c_int, ctypes.c_int]
    assert library.mallopt.restype is ctypes.c_int
    assert library.malloc_trim(0) in (0, 1)


def test_the_c_library_is_opened_by_the_name_found_else_glibcs_own(monkeypatch):
    import ctypes

    opened = []

    class Library:
        def __init__(self, name):
            opened.append(name)
            self.malloc_trim, self.mallopt = _Function(), _Function()

    monkeypatch.setattr(heap.sys, "platform", "linux")
    monkeypatch.setattr(heap.ctypes, "CDLL", Library)
    asked = []
    monkeypatch.setattr(heap.ctypes.util, "find_library", lambda name: asked.append(name) or "libc.so.7")
    library = heap._glibc()
    assert isinstance(library, Library) and opened == ["libc.so.7"] and asked == ["c"]
    assert library.malloc_trim.argtypes == [ctypes.c_size_t] and library.malloc_trim.restype is ctypes.c_int
    assert library.mallopt.argtypes == [ctypes.c_int, ctypes.c_int] and library.mallopt.restype is ctypes.c_int
    monkeypatch.setattr(heap.ctypes.util, "find_library", lambda name: None)
    heap._glibc()
    assert opened == ["libc.so.7", "libc.so.6"]


class _Function:
    argtypes = restype = None


def test_no_glibc_off_linux_nor_where_the_library_lacks_the_functions(monkeypatch):
    opened = []
    monkeypatch.setattr(heap.ctypes, "CDLL", lambda name: opened.append(name) or object())
    for platform in ("darwin", "win32", "freebsd13"):
        monkeypatch.setattr(heap.sys, "platform", platform)
        assert heap._glibc() is None
    assert opened == []  # not even looked for
    monkeypatch.setattr(heap.sys, "platform", "linux")
    assert heap._glibc() is None and len(opened) == 1  # musl: no malloc_trim

    def missing(name):
        raise OSError(name)

    monkeypatch.setattr(heap.ctypes, "CDLL", missing)
    assert heap._glibc() is None
