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
