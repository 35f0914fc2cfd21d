"""Render the README's screenshots into resources/screenshots/ (offscreen, default layout).

Usage: ``python packaging/make_screenshots.py`` from the repository root.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from lstm_studio.app import i18n, theme  # noqa: E402
from lstm_studio.app.application import create_application, make_window, throwaway_profile  # noqa: E402
from lstm_studio.app.main_window import DEFAULT_SIZE  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"


def render(name: str, *, kind: str | None = None, step: int = 20, theme_name: str = "light",
           language: str = "en") -> None:
    """One screenshot of the demo session, in "whole sequence" mode with the cursor at ``step``."""
    with throwaway_profile():
        app = create_application()
        i18n.save_language(QSettings(), language)  # after the app's names are set: same file
        i18n.install_translator(app, QSettings())
        theme.apply_theme(app, theme_name)
        window = make_window(None, None, restore_layout=False)
        model = window.model
        if kind:
            model.set_config(kind=kind)
        model.set_display_mode("whole")
        model.set_time_step(step)
        window.resize(*DEFAULT_SIZE)
        window.show()
        for _ in range(10):
            app.processEvents()
        path = OUT / f"{name}.png"
        if not window.grab().save(str(path), "PNG"):
            sys.exit(f"could not write {path}")
        model.mark_saved()  # closing a changed session would ask whether to save it
        window.close()
        window.deleteLater()
        app.processEvents()
        print(path)


SHOTS = {  # name: (kind, theme, language)
    "studio": (None, "light", "en"),
    "studio-gru-dark": ("gru", "dark", "en"),
    "studio-ko": (None, "light", "ko"),
}

if __name__ == "__main__":
    if len(sys.argv) == 2:  # one shot per process: the language is fixed when the app starts
        kind, theme_name, language = SHOTS[sys.argv[1]]
        render(sys.argv[1], kind=kind, theme_name=theme_name, language=language)
    else:
        import subprocess

        OUT.mkdir(parents=True, exist_ok=True)
        for shot in SHOTS:
            subprocess.run([sys.executable, __file__, shot], check=True)
