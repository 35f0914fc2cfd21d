"""PySide6 6.12.0 drops a reference to None on every void call under CPython < 3.12 (the app
aborts with "deallocating None"); pyproject.toml pins it out. See shared/traps/pyside_none_refcount.py."""

import sys
import tomllib
from pathlib import Path

import PySide6
from packaging.requirements import Requirement
from packaging.version import Version
from PySide6.QtCore import QTimer

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_void_calls_do_not_leak_references_to_none(qapp):
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(1000):
        timer.setInterval(5)
    drift = (sys.getrefcount(None) - before) / 1000
    assert drift > -0.5, f"PySide6 {PySide6.__version__} drops a reference to None per void call"


def test_installed_pyside_satisfies_the_pin():
    dependencies = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    pins = [Requirement(d) for d in dependencies if Requirement(d).name == "PySide6-Essentials"]
    active = [r for r in pins if r.marker is None or r.marker.evaluate()]
    assert len(active) == 1
    assert Version(PySide6.__version__) in active[0].specifier
    old_python = [r for r in pins if r.marker is not None and r.marker.evaluate({"python_version": "3.11"})]
    assert Version("6.12.0") not in old_python[0].specifier
