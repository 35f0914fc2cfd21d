"""Render the README's screenshots into resources/screenshots/ (offscreen, default layout).

Usage: ``python packaging/make_screenshots.py`` from the repository root; ``python
packaging/make_screenshots.py --sizes DIR`` renders the demo at every screen size of
:data:`SIZES` in both themes and both languages into DIR (``studio-1024x768-light-en.png``, ...;
the tests write them to ``out/screenshots/``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from lstm_studio.app import i18n, theme  # noqa: E402
from lstm_studio.app.application import create_application, make_window, throwaway_profile  # noqa: E402
from lstm_studio.app.window.main_window import DEFAULT_SIZE  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"


SIZES = [(1024, 768), (1280, 720), (1600, 1000)]
"""A laptop, a projector and the default window."""
THEMES = ("light", "dark")
LANGUAGES = ("en", "ko")


def render(name: str, *, kind: str | None = None, step: int = 20, theme_name: str = "light",
           language: str = "en", lesson: tuple[str, int] | None = None,
           size: tuple[int, int] = DEFAULT_SIZE, out: Path = OUT) -> None:
    """One screenshot of the demo session, in "whole sequence" mode with the cursor at ``step``,
    or of page ``lesson = (id, page)`` of a lesson (seed 0) as the lesson shows it."""
    with throwaway_profile():
        app = create_application()
        i18n.save_language(QSettings(), language)  # after the app's names are set: same file
        i18n.install_translator(app, QSettings())
        theme.apply_theme(app, theme_name)
        window = make_window(None, None, restore_layout=False)
        model = window.model
        if kind:
            model.set_config(kind=kind)
        if lesson is None:
            model.set_display_mode("whole")
            model.set_time_step(step)
        window.resize(*size)
        window.show()
        for _ in range(10):
            app.processEvents()
        if lesson is not None:
            window.lessons.open_lesson(*lesson, 0)
            while window.lessons.builder is not None:  # pages that train build in a thread
                app.processEvents()
                time.sleep(0.02)
            for _ in range(20):
                app.processEvents()
        path = out / f"{name}.png"
        if not window.grab().save(str(path), "PNG"):
            sys.exit(f"could not write {path}")
        model.mark_saved()  # closing a changed session would ask whether to save it
        window.close()
        window.deleteLater()
        app.processEvents()
        print(path)


SHOTS = {  # name: (kind, theme, language, lesson page[, window size])
    "studio": (None, "light", "en", None),
    "studio-gru-dark": ("gru", "dark", "en", None),
    "studio-ko": (None, "light", "ko", None),
    "lesson-vanishing": (None, "light", "en", ("vanishing-rnn", 0)),
    "lesson-clipping": (None, "light", "en", ("clipping", 1)),
    "lesson-forget-ko": (None, "light", "ko", ("forget-gate-erases", 0)),
    "studio-1024x768": (None, "light", "en", None, (1024, 768)),
    "studio-1280x720-dark-ko": (None, "dark", "ko", None, (1280, 720)),
}

def render_sizes(out: Path, language: str) -> None:
    """The demo at every size of SIZES in both themes, in ``language``."""
    for width, height in SIZES:
        for theme_name in THEMES:
            render(f"studio-{width}x{height}-{theme_name}-{language}", theme_name=theme_name,
                   language=language, size=(width, height), out=out)


if __name__ == "__main__":
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--sizes":
        import subprocess

        out = Path(sys.argv[2])
        out.mkdir(parents=True, exist_ok=True)
        if len(sys.argv) == 4:  # one language per process, as for the shots below
            render_sizes(out, sys.argv[3])
        else:
            for language in LANGUAGES:
                subprocess.run([sys.executable, __file__, "--sizes", str(out), language], check=True)
    elif len(sys.argv) == 2:  # one shot per process: the language is fixed when the app starts
        kind, theme_name, language, lesson, *size = SHOTS[sys.argv[1]]
        render(sys.argv[1], kind=kind, theme_name=theme_name, language=language, lesson=lesson,
               size=size[0] if size else DEFAULT_SIZE)
    else:
        import subprocess

        OUT.mkdir(parents=True, exist_ok=True)
        for shot in SHOTS:
            subprocess.run([sys.executable, __file__, shot], check=True)
