"""Refresh the translation sources from the code: ``python packaging/update_translations.py``.

Runs pyside6-lupdate over every ``lstm_studio/**/*.py`` (and the few pyqtgraph files of the
plots' right-click menu) into ``resources/translations/lstm_studio_<lang>.ts`` (Korean and
English by default). Existing translations are kept; new texts come in as unfinished, texts gone
from the code are dropped. Then open the .ts in Qt Linguist (``pyside6-linguist``) or an editor
and translate every unfinished message (in English only the plural forms of ``%n`` texts), using
the terms of the course notes' glossary. Prints how many messages still need a translation.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lstm_studio.app.i18n import CATALOG, qt_tool_command  # noqa: E402

TRANSLATIONS = ROOT / "resources" / "translations"


PYQTGRAPH_FILES = ("graphicsItems/ViewBox/ViewBoxMenu.py", "graphicsItems/PlotItem/PlotItem.py",
                   "GraphicsScene/GraphicsScene.py")
"""pyqtgraph files whose texts (the plots' right-click menu) lupdate can read: translated too."""


def source_files(root: Path = ROOT) -> list[Path]:
    """Every Python file of the app, in a stable order."""
    return sorted(p for p in (root / "lstm_studio").rglob("*.py") if "__pycache__" not in p.parts)


def pyqtgraph_files() -> list[Path]:
    """The installed pyqtgraph's files listed in :data:`PYQTGRAPH_FILES` that exist."""
    import pyqtgraph

    package = Path(pyqtgraph.__file__).parent
    return [package / name for name in PYQTGRAPH_FILES if (package / name).is_file()]


def run_lupdate(ts_file: Path, language: str, sources: list[Path] | None = None) -> None:
    """Extract the translatable texts of ``sources`` into ``ts_file`` (created or merged)."""
    command = qt_tool_command("lupdate")
    if command is None:
        raise SystemExit("pyside6-lupdate was not found: install PySide6-Essentials.")
    sources = source_files() + pyqtgraph_files() if sources is None else sources
    plural_only = ["-pluralonly"] if language == "en" else []  # English only needs plural forms
    subprocess.run(
        [*command, "-silent", "-no-obsolete", "-locations", "none", *plural_only, "-source-language", "en",
         "-target-language", language, *map(str, sources), "-ts", str(ts_file)],
        check=True,
        timeout=300,
    )


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source text) -> the ``<translation>`` element of every message in ``ts_file``."""
    result = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            result[(name, message.findtext("source", ""))] = message.find("translation")
    return result


def is_numerus(translation: ET.Element | None) -> bool:
    """True for the translation of a ``%n`` text (one form per plural category)."""
    return translation is not None and bool(translation.findall("numerusform"))


def needs_translation(language: str, translation: ET.Element | None) -> bool:
    """Whether a message must be translated: every one, except in the source language (English)
    where only the plural forms of ``%n`` texts are written."""
    return (language != "en" or is_numerus(translation)) and not is_finished(translation)


def is_finished(translation: ET.Element | None) -> bool:
    """True when a ``<translation>`` holds a finished, non-empty text (or plural forms)."""
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = translation.findall("numerusform")
    texts = [f.text for f in forms] if forms else [translation.text]
    return all(text and text.strip() for text in texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", default=["ko", "en"])
    args = parser.parse_args(argv)
    for language in args.languages:
        ts_file = TRANSLATIONS / f"{CATALOG}_{language}.ts"
        run_lupdate(ts_file, language)
        found = messages(ts_file)
        missing = [key for key, translation in found.items() if needs_translation(language, translation)]
        print(f"{ts_file.relative_to(ROOT)}: {len(found)} messages, {len(missing)} to translate")
        for context, source in missing:
            print(f"  [{context}] {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
