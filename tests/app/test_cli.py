"""Command line: --help, --screenshot, a file that cannot be opened, a platform plugin that cannot
load (explained, not Qt's abort), and the app on a real X server (Xvfb) with Qt's xcb platform
(run as a user would)."""

import os
import select
import shutil
import subprocess
import sys
import textwrap

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


# -- the platform plugin ------------------------------------------------------------------------
def fake_ldd(folder, output: str) -> str:
    """A PATH entry whose ``ldd`` prints ``output`` for any library."""
    folder.mkdir(exist_ok=True)
    script = folder / "ldd"
    script.write_text("#!/bin/sh\ncat <<'EOF'\n" + output + "\nEOF\n")
    script.chmod(0o755)
    return str(folder)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb platform is Linux's")
def test_a_platform_plugin_that_cannot_load_is_explained_instead_of_an_abort(tmp_path):
    """Issue 12 (13): without libxcb-icccm4 and libxcb-keysyms1 Qt aborted ("Could not load the Qt
    platform plugin "xcb""); the app says which packages to install, for Debian/Ubuntu and Fedora."""
    missing = "\tlibxcb-icccm.so.4 => not found\n\tlibxcb-keysyms.so.1 => not found\n\tlibc.so.6 => /lib/libc.so.6"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":98", XDG_CONFIG_HOME=str(tmp_path / "config"),
               PATH=fake_ldd(tmp_path / "bin", missing) + os.pathsep + env.get("PATH", ""))
    result = subprocess.run([sys.executable, "-m", "lstm_studio"], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=90)
    assert result.returncode == 1, result.stderr
    err = result.stderr
    assert err.startswith("lstm-studio: cannot open a window.")
    assert 'Qt\'s "xcb" platform plugin cannot load' in err and "libxcb-icccm.so.4, libxcb-keysyms.so.1" in err
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in err
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms" in err
    assert "Could not load the Qt platform plugin" not in err and "Traceback" not in err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux displays")
def test_no_display_at_all_is_explained(tmp_path):
    result = run_cli(tmp_path=tmp_path)  # DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM unset
    assert result.returncode == 1
    assert "no display" in result.stderr and "--screenshot" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture
def xvfb_display(tmp_path):
    """A fresh X server (Xvfb) for this test; skipped when Xvfb or Qt's xcb libraries are missing."""
    if not sys.platform.startswith("linux"):
        pytest.skip("X11 on Linux only")
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (Debian/Ubuntu: apt install xvfb; .ci/run installs it)")
    read, write = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 30)
        number = os.read(read, 64).decode().strip() if ready else ""
        assert number.isdigit(), "Xvfb did not start"
        display = f":{number}"
        from lstm_studio.app.platform_check import platform_problem

        problem = platform_problem({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
        if problem is not None:
            pytest.skip(problem)
        yield display
    finally:
        os.close(read)
        server.terminate()
        server.wait(timeout=30)


def xcb_env(display: str, tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "PYTHONPATH")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    return env


def test_the_app_starts_on_a_real_x_server_renders_and_closes_cleanly(xvfb_display, tmp_path):
    """``lstm-studio`` as a user starts it, on Qt's xcb platform (every other test runs offscreen):
    the window is shown and exposed, paints, and closing it ends the process with status 0."""
    probe = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QGuiApplication
        from lstm_studio.__main__ import main
        from lstm_studio.app.application import create_application

        app = create_application()

        def look():
            window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
            image = window.grab().toImage()
            colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)}
            print("platform", QGuiApplication.platformName(), "visible", window.isVisible(),
                  "exposed", window.windowHandle().isExposed(), "colours", len(colours), flush=True)
            window.close()

        QTimer.singleShot(3000, look)
        sys.exit(main([]))
    """)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env=xcb_env(xvfb_display, tmp_path), cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    words = result.stdout.split()
    seen = dict(zip(words[::2], words[1::2]))
    assert seen["platform"] == "xcb" and seen["visible"] == "True" and seen["exposed"] == "True"
    assert int(seen["colours"]) > 20
    assert "Traceback" not in result.stderr and "QThread: Destroyed" not in result.stderr


def test_screenshot_on_a_real_x_server(xvfb_display, tmp_path):
    out = tmp_path / "window.png"
    result = subprocess.run([sys.executable, "-m", "lstm_studio", "--screenshot", str(out)], capture_output=True,
                            text=True, env=xcb_env(xvfb_display, tmp_path), cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    assert len({image.pixel(x, y) for x in range(0, 1600, 37) for y in range(0, 1000, 23)}) > 20
