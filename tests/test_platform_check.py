"""The check before the QApplication: which platform plugins Qt will try, which libraries they
lack (from ldd), and the packages named for Debian/Ubuntu and Fedora."""

import sys

import pytest

from lstm_studio.app import platform_check
from lstm_studio.app.platform_check import (
    PACKAGES,
    candidate_platforms,
    install_advice,
    platform_problem,
    unresolved,
)

LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)
"""


def fake_ldd(tmp_path, output: str) -> str:
    script = tmp_path / "ldd"
    script.write_text("#!/bin/sh\ncat <<'EOF'\n" + output + "EOF\n")
    script.chmod(0o755)
    return str(script)


def test_candidates_follow_qt_qpa_platform_and_the_session():
    assert candidate_platforms({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ["offscreen"]
    assert candidate_platforms({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux") == ["wayland", "xcb"]
    assert candidate_platforms({"QT_QPA_PLATFORM": "xcb:dpi=96"}, "linux") == ["xcb"]
    assert candidate_platforms({"DISPLAY": ":0"}, "linux") == ["xcb"]
    assert candidate_platforms({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux") == [
        "wayland", "xcb"]
    assert candidate_platforms({}, "win32") == []


def test_ldd_lines_not_found():
    assert unresolved(LDD_MISSING) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-icccm.so.4"]
    assert unresolved("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_install_advice_names_debian_and_fedora_packages_once():
    advice = install_advice(["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1",
                             "libxcb-randr.so.0", "libxcb-shape.so.0", "libmystery.so.9"])
    lines = advice.splitlines()
    assert lines[0] == ("  Debian/Ubuntu:  sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 "
                        "libxcb-randr0 libxcb-shape0")
    assert lines[1] == "  Fedora:         sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms libxcb"
    assert lines[2] == "  and the packages that provide libmystery.so.9"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's Linux platform plugins")
def test_missing_xcb_libraries_make_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(platform_check, "xcb_cursor_missing", lambda: False)
    problem = platform_problem({"DISPLAY": ":0"}, "linux", ldd=fake_ldd(tmp_path, LDD_MISSING))
    assert problem.splitlines()[:4] == [
        'Qt\'s "xcb" platform plugin cannot load: the system lacks libxcb-icccm.so.4, libxcb-keysyms.so.1.',
        "Install them:",
        "  Debian/Ubuntu:  sudo apt install libxcb-icccm4 libxcb-keysyms1",
        "  Fedora:         sudo dnf install xcb-util-wm xcb-util-keysyms",
    ]
    monkeypatch.setattr(platform_check, "xcb_cursor_missing", lambda: True)  # Qt 6.5+ loads it late
    problem = platform_problem({"DISPLAY": ":0"}, "linux", ldd=fake_ldd(tmp_path, "\tlibc.so.6 => /lib/libc.so.6\n"))
    assert "lacks libxcb-cursor.so.0" in problem and "libxcb-cursor0" in problem and "xcb-util-cursor" in problem


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's Linux platform plugins")
def test_nothing_missing_or_nothing_known_lets_qt_decide(tmp_path, monkeypatch):
    monkeypatch.setattr(platform_check, "xcb_cursor_missing", lambda: False)
    complete = fake_ldd(tmp_path, "\tlibc.so.6 => /lib/libc.so.6 (0x1)\n")
    assert platform_problem({"DISPLAY": ":0"}, "linux", ldd=complete) is None
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", ldd=fake_ldd(tmp_path, LDD_MISSING)) is None
    assert platform_problem({"DISPLAY": ":0"}, "win32") is None
    assert platform_problem({"DISPLAY": ":0"}, "linux", ldd=str(tmp_path / "no-ldd-here")) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's Linux platform plugins")
def test_a_wayland_session_falls_back_to_xcb(tmp_path, monkeypatch):
    """Qt tries wayland, then xcb: only when neither can load is it a problem."""
    monkeypatch.setattr(platform_check, "xcb_cursor_missing", lambda: False)
    monkeypatch.setattr(platform_check, "plugin_files", lambda name: [tmp_path / f"libq{name}.so"])
    outputs = {"wayland": "\tlibwayland-cursor.so.0 => not found\n", "xcb": "\tlibc.so.6 => /lib/libc.so.6\n"}
    script = tmp_path / "ldd"
    script.write_text("#!/bin/sh\ncase \"$1\" in\n"
                      + "".join(f"  *libq{name}.so) printf '{text}' ;;\n" for name, text in outputs.items())
                      + "esac\n")
    script.chmod(0o755)
    session = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert platform_problem(session, "linux", ldd=str(script)) is None
    outputs["xcb"] = "\tlibxcb-icccm.so.4 => not found\n"
    script.write_text("#!/bin/sh\ncase \"$1\" in\n"
                      + "".join(f"  *libq{name}.so) printf '{text}' ;;\n" for name, text in outputs.items())
                      + "esac\n")
    problem = platform_problem(session, "linux", ldd=str(script))
    assert '"wayland" platform plugin' in problem and "libwayland-cursor0" in problem
    assert '"xcb" platform plugin' in problem and "libxcb-icccm4" in problem


def test_no_display_is_a_problem_on_linux():
    assert "no display" in platform_problem({}, "linux")


def test_every_package_name_is_given_for_both_families():
    for soname, (debian, fedora) in PACKAGES.items():
        assert soname.startswith("lib") and ".so." in soname
        assert debian and fedora and " " not in debian + fedora
