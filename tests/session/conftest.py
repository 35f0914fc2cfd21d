"""Fixtures for session-file tests (no Qt): the sample documents of tests/make_session_samples.py."""

import gc
import importlib.util
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]


def _load_samples():
    spec = importlib.util.spec_from_file_location("make_session_samples", TESTS / "make_session_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def garbage_collected_between_tests():
    """As in the app, Python never collects on its own: a collection started by a worker thread
    (a background recompute) would delete session models there, not in their own thread. The
    garbage of each test is collected after it, in the main thread."""
    gc.disable()
    yield
    gc.collect()


@pytest.fixture(scope="session")
def samples():
    """The module tests/make_session_samples.py (sample documents, raw writers)."""
    return _load_samples()


@pytest.fixture(scope="session")
def data_dir():
    return TESTS / "data"


@pytest.fixture
def sample_path(data_dir):
    return data_dir / "session_v1_3.lstms"
