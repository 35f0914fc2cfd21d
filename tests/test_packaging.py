"""Packaging: desktop entry and MIME type, the wheel's contents and entry point, a quiet
``pip install`` into a fresh venv that starts from another folder, the translations compiled
during the build, and the PyInstaller one-folder app (built, started, rendering a screenshot)."""

import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
MIME_TYPE = "application/x-lstm-studio-session"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def clean_env(home: Path, **extra) -> dict:
    """Environment of a fresh user: settings and caches in ``home``, no display."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_DATA_HOME=str(home / ".local" / "share"), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    env.update(extra)
    return env


def write_settings(home: Path, **values) -> None:
    """The app's QSettings file (organisation and application "LSTM Studio") on Linux."""
    folder = home / ".config" / "LSTM Studio"
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["[ui]"] + [f"{key}={value}" for key, value in values.items()]
    (folder / "LSTM Studio.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")


def check_screenshot(path: Path) -> None:
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert (image.width(), image.height()) == (1600, 1000)
    colours = {image.pixel(x, y) for x in range(0, 1600, 37) for y in range(0, 1000, 23)}
    assert len(colours) > 20  # a rendered window, not a blank rectangle


# -- desktop integration ---------------------------------------------------------------------------
def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "lstm-studio.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_launches_the_command_with_a_file():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "lstm-studio %f"
    assert entry["Icon"] == "lstm-studio"
    assert (ROOT / "resources" / "icons" / "lstm-studio.svg").is_file()
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["MimeType"].endswith(";") and entry["Categories"].endswith(";")
    assert "Name[ko]" in entry and "Comment[ko]" in entry
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(PACKAGING / "lstm-studio.desktop")],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_mime_xml_registers_lstms(tmp_path):
    root = ET.parse(PACKAGING / "lstm-studio-mime.xml").getroot()
    mime = root.find(f"{MIME_NS}mime-type")
    assert mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == ["*.lstms"]
    assert mime.find(f"{MIME_NS}comment").text
    if shutil.which("update-mime-database"):
        packages = tmp_path / "mime" / "packages"
        packages.mkdir(parents=True)
        shutil.copy(PACKAGING / "lstm-studio-mime.xml", packages / "lstm-studio.xml")
        subprocess.run(["update-mime-database", str(tmp_path / "mime")], check=True, capture_output=True)
        assert f"{MIME_TYPE}:*.lstms" in (tmp_path / "mime" / "globs").read_text()


def test_icons_are_rendered_for_every_size():
    from PySide6.QtGui import QImage

    from lstm_studio.app.theme import ICON_SIZES

    for size in ICON_SIZES:
        image = QImage(str(ROOT / "resources" / "icons" / f"lstm-studio-{size}.png"))
        assert (image.width(), image.height()) == (size, size)


def test_render_icons_script(tmp_path):
    result = subprocess.run([sys.executable, str(PACKAGING / "render_icons.py"), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=60, env=clean_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "lstm-studio-512.png").stat().st_size > 1000


# -- the wheel -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", str(ROOT), "-w", str(out)],
                            capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    (path,) = out.glob("lstm_studio-*.whl")
    return path


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_wheel_carries_resources_and_command(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    for name in ("lstm_studio/resources/icons/lstm-studio.svg", "lstm_studio/resources/icons/lstm-studio-256.png",
                 "lstm_studio/resources/translations/lstm_studio_ko.qm",
                 "lstm_studio/resources/translations/lstm_studio_en.qm", "lstm_studio/resources/styles/dark.qss",
                 "lstm_studio/resources/sessions/moscow.lstms", "lstm_studio/app/help/feature.py"):
        assert name in names, name
    assert not any(n.endswith(".ts") for n in names)  # compiled during the build instead
    assert not any("screenshots" in n for n in names)
    assert "lstm-studio = lstm_studio.__main__:main" in entry_points


def pip_warnings(output: str) -> list[str]:
    """The lines of pip's ``output`` that warn, except those about this machine's pip set-up (an
    index folder of its configuration that does not exist, a network retry)."""
    ignored = re.compile(r"Location '.*' is ignored: it is neither a file nor a directory|Retrying \(Retry\(")
    return [line for line in output.splitlines()
            if re.search(r"warn|deprecat", line, re.IGNORECASE) and not ignored.search(line)]


def test_pip_warnings_finds_setuptools_notices():
    assert pip_warnings("ok\n  /x/build_py.py:215: BuildBackendWarning: Package 'a.b' is absent\n") != []
    assert pip_warnings("DEPRECATION: legacy editable install\n") != []
    assert pip_warnings("WARNING: Location 'file:///opt/x/' is ignored: it is neither a file nor a directory.\n"
                        "Successfully installed lstm-studio-0.1.0\n") == []


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_pip_install_in_a_fresh_venv_is_quiet_and_the_app_starts_elsewhere(tmp_path):
    """``pip install .`` and ``pip install -e .`` into a fresh virtual environment print no
    warnings; the installed command starts from another folder in Korean with the .qm the wheel
    ships (nothing compiled into the user's cache)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]  # this venv's up-to-date pip
    pip_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # pip sees only the fresh venv

    result = subprocess.run([*pip, "install", str(ROOT)], capture_output=True, text=True, timeout=800,
                            cwd=tmp_path, env=pip_env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-5000:]
    assert pip_warnings(output) == [], output[-5000:]

    home = tmp_path / "home"
    write_settings(home, language="ko", theme="dark")
    env = clean_env(home)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "import lstm_studio; from PySide6.QtWidgets import QApplication; "
        "from PySide6.QtCore import QSettings; from lstm_studio.app import i18n; "
        "app = QApplication([]); app.setOrganizationName('LSTM Studio'); app.setApplicationName('LSTM Studio'); "
        "print(lstm_studio.__file__); print(i18n.install_translator(app, QSettings())); "
        "print(i18n.qm_file('ko')); print(app.translate('HelpFeature', '&Theme')); "
        "print(app.translate('TrainingDock', 'Train %n step(s)', None, 3))"
    )
    result = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, timeout=120,
                            env=env, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    package, language, qm, theme_title, plural = result.stdout.splitlines()[-5:]
    assert package.startswith(str(venv))
    assert language == "ko"
    assert qm.startswith(str(venv)) and qm.endswith("lstm_studio_ko.qm")
    assert theme_title != "&Theme" and plural == "3단계 학습"

    command = venv / ("Scripts/lstm-studio.exe" if sys.platform == "win32" else "bin/lstm-studio")
    shot = elsewhere / "shot.png"
    result = subprocess.run([str(command), "--screenshot", str(shot)], capture_output=True, text=True,
                            timeout=120, env=env, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    check_screenshot(shot)
    assert not (home / ".cache").exists() or not list((home / ".cache").rglob("*.qm"))  # the shipped .qm

    result = subprocess.run([*pip, "install", "--no-deps", "-e", str(ROOT)], capture_output=True, text=True,
                            timeout=600, cwd=tmp_path, env=pip_env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-5000:]
    assert pip_warnings(output) == [], output[-5000:]
    result = subprocess.run([str(python), "-c", "import lstm_studio.resources as r; print(r.__file__)"],
                            capture_output=True, text=True, timeout=60, env=env, cwd=elsewhere)
    assert result.stdout.strip() == str(ROOT / "resources" / "__init__.py"), result.stderr


# -- translations compiled without Qt ------------------------------------------------------------
def load_ts_to_qm():
    spec = importlib.util.spec_from_file_location("ts_to_qm", PACKAGING / "ts_to_qm.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def edge_case_catalogues(tmp_path: Path) -> list[Path]:
    """tests/data/ts_edge_cases.ts (unfinished, vanished, disambiguating comments, plural forms
    too few and too many, entities, emoji, control characters, length variants, empty context)
    in Korean and in English."""
    korean = ROOT / "tests" / "data" / "ts_edge_cases.ts"
    english = tmp_path / "ts_edge_cases_en.ts"
    english.write_text(korean.read_text(encoding="utf-8").replace('language="ko"', 'language="en"'),
                       encoding="utf-8")
    return [korean, english]


def test_ts_to_qm_writes_what_lrelease_writes(tmp_path):
    """The build step's pure-Python compiler gives the same bytes as Qt's lrelease."""
    from lstm_studio.app.i18n import compile_ts, qt_tool_command

    if qt_tool_command("lrelease") is None:
        pytest.skip("pyside6-lrelease is not installed")
    ts_to_qm = load_ts_to_qm()
    catalogues = sorted((ROOT / "resources" / "translations").glob("*.ts")) + edge_case_catalogues(tmp_path)
    for number, ts_file in enumerate(catalogues):
        expected, written = tmp_path / f"{number}-lrelease.qm", tmp_path / f"{number}-python.qm"
        compile_ts(ts_file, expected)
        ts_to_qm.compile_ts(ts_file, written)
        assert written.read_bytes() == expected.read_bytes(), ts_file.name


def test_ts_to_qm_output_translates(tmp_path):
    from PySide6.QtCore import QTranslator

    ts_to_qm = load_ts_to_qm()
    korean, _ = edge_case_catalogues(tmp_path)
    ts_to_qm.compile_ts(korean, tmp_path / "ko.qm")
    ts_to_qm.compile_ts(ROOT / "resources" / "translations" / "lstm_studio_en.ts", tmp_path / "en.qm")
    translator = QTranslator()
    assert translator.load(str(tmp_path / "ko.qm"))
    assert translator.translate("Alpha", "Finished") == "완료"
    assert translator.translate("Beta", "Finished") == "끝"
    assert translator.translate("Alpha", "Open", "adjective") == "열린"
    assert translator.translate("Alpha", "Emoji 😀 and Σ") == "이모지 😀 그리고 Σ"
    assert translator.translate("Alpha", "Unfinished empty") == ""  # not translated: the source shows
    assert translator.translate("Alpha", "Vanished") == ""
    assert translator.translate("Alpha", "%n item(s)", None, 5) == "%n개"
    assert translator.load(str(tmp_path / "en.qm"))
    assert translator.translate("TrainingDock", "Train %n step(s)", None, 1) == "Train %n step"
    assert translator.translate("TrainingDock", "Train %n step(s)", None, 3) == "Train %n steps"
    assert ts_to_qm.main([str(tmp_path / "missing.ts"), str(tmp_path / "x.qm")]) == 1


# -- the PyInstaller app -------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_pyinstaller_app_builds_and_renders(tmp_path):
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed: pip install -e '.[package]'")
    dist, work = tmp_path / "dist", tmp_path / "work"
    result = subprocess.run([sys.executable, str(PACKAGING / "build.py"), "--dist", str(dist), "--work", str(work)],
                            capture_output=True, text=True, timeout=1100, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    app_dir = dist / "lstm-studio"
    executable = app_dir / ("lstm-studio.exe" if sys.platform == "win32" else "lstm-studio")
    bundled = next(app_dir.rglob("lstm_studio/resources"))
    assert (bundled / "translations" / "lstm_studio_ko.qm").is_file()
    assert (bundled / "translations" / "lstm_studio_en.qm").is_file()  # English plural forms
    assert (bundled / "icons" / "lstm-studio.svg").is_file()
    demo_sessions = sorted(p.name for p in (ROOT / "resources" / "sessions").glob("*") if p.is_file())
    assert sorted(p.name for p in (bundled / "sessions").glob("*")) == demo_sessions
    assert not list(app_dir.rglob("*QtNetwork*")) and not list(app_dir.rglob("*QtQml*"))
    if sys.platform.startswith("linux"):
        assert (app_dir / "share" / "applications" / "lstm-studio.desktop").is_file()
        assert (app_dir / "share" / "mime" / "packages" / "lstm-studio.xml").is_file()
        assert (app_dir / "share" / "icons" / "hicolor" / "48x48" / "apps" / "lstm-studio.png").is_file()

    for name, settings in [("english-light", {"language": "en", "theme": "light"}),
                           ("korean-dark", {"language": "ko", "theme": "dark"})]:
        home = tmp_path / name
        write_settings(home, **settings)
        shot = tmp_path / f"{name}.png"
        result = subprocess.run([str(executable), "--screenshot", str(shot)], capture_output=True, text=True,
                                timeout=120, env=clean_env(home), cwd=tmp_path)
        assert result.returncode == 0, result.stderr[-3000:]
        check_screenshot(shot)
        assert not (home / ".cache").exists() or not list((home / ".cache").rglob("*.qm"))  # shipped .qm used


def test_every_package_of_the_app_is_installed():
    """A new sub-package must be listed in pyproject.toml, or the installed app cannot import it."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    listed = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(root).parts)
             for init in (root / "lstm_studio").rglob("__init__.py")}
    assert found <= listed, f"not in pyproject.toml: {sorted(found - listed)}"
