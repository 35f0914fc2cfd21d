"""Import ``tests/make_golden.py`` (case definitions and the PyTorch reference) from engine tests."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "make_golden", Path(__file__).resolve().parents[1] / "make_golden.py")
make_golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_golden)
