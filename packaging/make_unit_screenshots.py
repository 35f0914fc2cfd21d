"""Render the window on a trained next-character session showing the text view of a unit, a
search for units by example and the gate saturation plot (issue 15):

    python packaging/make_unit_screenshots.py [OUT_DIR] [--corpus quotes] [--steps 300] [--language ko]

Trains an LSTM on a generated corpus (:mod:`lstm_studio.session.corpora`) with the engine's
trainer, selects the unit that tracks the corpus's structure, selects a span of the text for the
unit search and writes ``units-<corpus>[-ko].png`` (the window at 1600×1000) and crops of the
three views to OUT_DIR (default ``out/screenshots``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SPANS = {"quotes": '"', "brackets": "(((", "lines": "\n"}
"""What the unit search selects: the first quoted string, the first triple opening, a line."""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default=str(ROOT / "out" / "screenshots"))
    parser.add_argument("--corpus", default="quotes")
    parser.add_argument("--steps", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--language", default="en")
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    QCoreApplication.setOrganizationName("LSTM Studio Screenshots")
    QCoreApplication.setApplicationName("LSTM Studio Screenshots")
    from lstm_studio.app import i18n, theme
    from lstm_studio.app.application import configure_pyqtgraph

    configure_pyqtgraph()
    theme.apply_theme(app, "light")
    settings = QSettings(str(Path(args.out) / "units-settings.ini"), QSettings.Format.IniFormat)
    if args.language != "en":
        i18n.translations_dir = lambda: ROOT / "resources" / "translations"  # this checkout's texts
        i18n.save_language(settings, args.language)
        i18n.install_translator(app, settings)

    from lstm_studio.app.window.main_window import MainWindow
    from lstm_studio.session.corpora import CORPORA, best_unit, corpus_document, train_corpus
    from lstm_studio.session.model import SessionModel

    corpus = CORPORA[args.corpus]
    document = train_corpus(corpus_document(args.corpus, args.seed), args.steps or corpus.steps)
    text = document.training["task_options"]["text"]
    found = best_unit(document, corpus.signal(text))
    print(f"loss {document.history['loss'][-1]:.3f}; {found}")
    document.view.layer, document.view.direction, document.view.unit = found.layer, found.direction, found.unit
    window = MainWindow(SessionModel(document), settings=settings, restore_layout=False)
    window.resize(1600, 1000)
    window.show()
    for _ in range(3):
        app.processEvents()
    window.docks["text_view"].raise_()
    window.docks["saturation"].raise_()
    for _ in range(3):
        app.processEvents()
    # the default arrangement of the docks: a dock resized here leaves a stale tab bar of the
    # right-hand column visible at its old place (also without these docks: main window / lessons)
    panel = window.text_view
    panel.set_quantity("h")  # the search compares bounded values
    start = text.index(SPANS.get(args.corpus, text[0]), len(text) // 10)  # past the first lines: state settled
    stop = text.index('"', start + 1) + 1 if args.corpus == "quotes" else start + 6
    panel.select_span(start, stop)
    window.model.set_selection(layer=found.layer, direction=found.direction, unit=found.unit)
    panel.set_quantity(found.quantity)  # the text coloured by what tracks the structure
    panel.scroll.ensureVisible(0, int(panel.canvas.character_rect(start).center().y()), 0, 60)
    for _ in range(3):
        app.processEvents()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.language == "en" else f"-{args.language}"
    window.grab().save(str(out / f"units-{args.corpus}{suffix}.png"))
    window.docks["text_view"].grab().save(str(out / f"units-{args.corpus}-text{suffix}.png"))
    window.docks["saturation"].grab().save(str(out / f"units-{args.corpus}-saturation{suffix}.png"))
    print(panel.info.text())
    print(panel.search_title.text())
    print(window.saturation.info.text())
    window.close()


if __name__ == "__main__":
    main()
