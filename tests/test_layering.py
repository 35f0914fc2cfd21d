"""The layers of the code: engine/ and lessons/ import no Qt (nor the app); session/ never imports
app/ (only session/model.py may use Qt's signals)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lstm_studio"
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph")


def imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.append(node.module or "")
    return names


@pytest.mark.parametrize("layer", ["engine", "lessons"])
def test_pure_numpy_layers_import_no_qt(layer):
    for path in (PACKAGE / layer).rglob("*.py"):
        for name in imports(path):
            assert not name.startswith(QT + ("lstm_studio.app",)), f"{path.relative_to(PACKAGE)} imports {name}"


def test_session_never_imports_the_app():
    for path in (PACKAGE / "session").rglob("*.py"):
        for name in imports(path):
            assert not name.startswith("lstm_studio.app"), f"{path.relative_to(PACKAGE)} imports {name}"
            if path.name != "model.py":
                assert not name.startswith(QT), f"{path.relative_to(PACKAGE)} imports {name}"


def test_the_engine_does_not_import_the_layers_above_it():
    for path in (PACKAGE / "engine").rglob("*.py"):
        for name in imports(path):
            assert not name.startswith(("lstm_studio.session", "lstm_studio.lessons")), name
