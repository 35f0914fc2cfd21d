"""Command line: --help, --screenshot, and a file that cannot be opened (run as a user would)."""

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from lstm_studio.__main__ import main


def run_cli(*args, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # never the user's settings
    return subprocess.run([sys.executable, "-m", "lstm_studio", *args], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=90)


def test_screenshot_without_a_display_writes_a_drawn_window(tmp_path):
    out = tmp_path / "window.png"
    result = run_cli("--screenshot", str(out), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    colours = {image.pixel(x, y) for x in range(0, 1600, 37) for y in range(0, 1000, 23)}
    assert len(colours) > 20  # panels, toolbars and text, not a blank frame


def test_unreadable_file_is_one_line_on_stderr_and_a_failure(tmp_path):
    bad = tmp_path / "broken.lstms"
    bad.write_bytes(b"this is not a session file")
    result = run_cli(str(bad), tmp_path=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("lstm-studio: ")


def test_missing_file_fails_before_any_window(tmp_path, capsys):
    assert main([str(tmp_path / "missing.lstms")]) != 0
    err = capsys.readouterr().err
    assert err.startswith("lstm-studio: ") and "Traceback" not in err


def test_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--screenshot" in out and "FILE" in out
