"""Engine tests start without the engine's reusable work arrays (``cells.scratch``): a test never
depends on buffers an earlier test happened to leave behind."""

import pytest

from lstm_studio.engine import cells


@pytest.fixture(autouse=True)
def fresh_scratch_buffers():
    cells._scratch.__dict__.clear()
    yield
