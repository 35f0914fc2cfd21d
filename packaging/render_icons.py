"""Render resources/icons/lstm-studio.svg into PNGs of every size desktops ask for.

Usage: ``python packaging/render_icons.py [--out DIR]`` (default: the SVG's folder). Writes
``lstm-studio-<size>.png`` for each size in :data:`SIZES`. Run it again after editing the SVG.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lstm_studio.app.theme import ICON_SIZES as SIZES  # noqa: E402

SVG = ROOT / "resources" / "icons" / "lstm-studio.svg"


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn on a transparent ``size``×``size`` image, antialiased."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG file.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def render_all(svg: Path = SVG, out: Path | None = None) -> list[Path]:
    """Write one PNG per size in :data:`SIZES` into ``out``; returns the written paths."""
    out = out or svg.parent
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        path = out / f"{svg.stem}-{size}.png"
        if not render(svg, size).save(str(path)):
            raise OSError(f"Cannot write {path}.")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts/paint need it
    for path in render_all(args.svg, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
