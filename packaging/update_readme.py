"""Regenerate the README's table of the course's claims from the lesson registry:
``python packaging/update_readme.py`` from the repository root (trains the few lessons that need
it: about a minute)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lstm_studio.lessons.table import markdown_table, with_table  # noqa: E402

README = ROOT / "README.md"


def main() -> int:
    README.write_text(with_table(README.read_text(encoding="utf-8"), markdown_table()), encoding="utf-8")
    print(f"updated the lessons table in {README.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
