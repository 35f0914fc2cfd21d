"""Engine tests start without the engine's reusable work arrays (``work_arrays.scratch``): a test never
depends on buffers an earlier test happened to leave behind."""

import pytest

from lstm_studio.engine import work_arrays


@pytest.fixture(autouse=True)
def fresh_scratch_buffers():
    work_arrays._scratch.__dict__.clear()
    yield
