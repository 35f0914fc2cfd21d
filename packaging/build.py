"""Build the one-folder LSTM Studio app with PyInstaller (``make package``).

Steps: compile every ``resources/translations/*.ts`` into ``.qm`` with pyside6-lrelease, run
PyInstaller on ``packaging/lstm-studio.spec``, then add the Linux desktop integration files
(``share/applications``, ``share/mime/packages``, ``share/icons/hicolor``) inside the app folder.

Usage: ``python packaging/build.py [--dist DIR] [--work DIR]``; the app is ``<dist>/lstm-studio/``
and its program ``<dist>/lstm-studio/lstm-studio``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lstm_studio.app.i18n import compile_ts  # noqa: E402

PACKAGING = ROOT / "packaging"
APP_NAME = "lstm-studio"


def compile_translations(out: Path) -> list[Path]:
    """``.qm`` for every ``.ts`` of resources/translations, written into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    compiled = []
    for ts_file in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm_file = out / ts_file.with_suffix(".qm").name
        compile_ts(ts_file, qm_file)
        compiled.append(qm_file)
    if not compiled:
        raise SystemExit("No .ts files in resources/translations.")
    return compiled


def run_pyinstaller(dist: Path, work: Path, qm_dir: Path) -> Path:
    """Run PyInstaller on the spec; returns the app folder ``<dist>/lstm-studio``."""
    env = dict(os.environ, LSTM_STUDIO_QM_DIR=str(qm_dir))
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(PACKAGING / f"{APP_NAME}.spec"),
    ]
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    app_dir = dist / APP_NAME
    executable = app_dir / (APP_NAME + (".exe" if sys.platform == "win32" else ""))
    if not executable.is_file():
        raise SystemExit(f"PyInstaller did not produce {executable}.")
    return app_dir


def add_desktop_integration(app_dir: Path) -> None:
    """Linux: the .desktop entry, the MIME type of .lstms files and the icons, in ``share/``."""
    share = app_dir / "share"
    for source, target in [
        (PACKAGING / f"{APP_NAME}.desktop", share / "applications" / f"{APP_NAME}.desktop"),
        (PACKAGING / f"{APP_NAME}-mime.xml", share / "mime" / "packages" / f"{APP_NAME}.xml"),
        (ROOT / "resources" / "icons" / f"{APP_NAME}.svg", share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_NAME}.svg"),
    ]:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    for png in (ROOT / "resources" / "icons").glob(f"{APP_NAME}-*.png"):
        size = png.stem.rsplit("-", 1)[1]
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller work folder")
    args = parser.parse_args(argv)
    started = time.monotonic()
    qm_dir = args.work / "translations"
    compile_translations(qm_dir)
    app_dir = run_pyinstaller(args.dist.resolve(), args.work.resolve(), qm_dir.resolve())
    if sys.platform.startswith("linux"):
        add_desktop_integration(app_dir)
    print(f"Built {app_dir} in {time.monotonic() - started:.0f} s; run {app_dir / APP_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
