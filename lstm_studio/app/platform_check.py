"""Before the QApplication exists: can Qt's platform plugin load on this machine?

On Linux, Qt draws windows through a platform plugin ("xcb" for X11, "wayland"), a shared library
that needs system libraries PySide6's wheels do not ship (libxcb-cursor0, libxcb-icccm4,
libxcb-keysyms1, …). Without them Qt prints "Could not load the Qt platform plugin" and aborts.
:func:`platform_problem` finds the libraries the plugins Qt would try cannot load (``ldd`` on the
plugin and on Qt's own xcb library) and returns a message naming the Debian/Ubuntu and Fedora
packages that provide them; ``lstm-studio`` prints it and exits instead of crashing.

Only ``PySide6.QtCore`` is imported: no platform plugin is loaded by the check itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGES = {
    # soname: (Debian/Ubuntu package, Fedora package)
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
    "libwayland-egl.so.1": ("libwayland-egl1", "libwayland-egl"),
}
"""The shared libraries Qt's platform plugins load, and the packages that provide them (on
Ubuntu 24.04 a few Debian names carry a ``t64`` suffix; apt finds them by the name given here)."""

XCB_CURSOR = "libxcb-cursor.so.0"
"""Qt 6.5+ needs it for xcb and may load it only when the plugin starts (not a link dependency)."""


def candidate_platforms(environ=os.environ, platform: str = sys.platform) -> list[str]:
    """The platform plugins Qt will try, in order (its own defaults on Linux)."""
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return [name.split(":")[0].strip() for name in chosen.split(";") if name.strip()]
    if not platform.startswith("linux"):
        return []
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    return ["xcb"]


def plugin_files(name: str) -> list[Path]:
    """The plugin ``name`` and the Qt library it is built on (xcb: libQt6XcbQpa), where they exist."""
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    libraries = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath))
    files = [plugins / f"libq{name}.so"]
    if name == "xcb":
        files += sorted(libraries.glob("libQt6XcbQpa.so*"))[:1]
    elif name == "wayland":
        files += sorted(libraries.glob("libQt6WaylandClient.so*"))[:1]
    return [path for path in files if path.is_file()]


def unresolved(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` reports as "not found"."""
    return re.findall(r"^\s*(\S+)\s+=>\s+not found", ldd_output, flags=re.MULTILINE)


def missing_libraries(files: list[Path], ldd: str | None = None) -> list[str] | None:
    """The libraries ``files`` need that the system cannot find, in a stable order; None when
    that cannot be told (no ``ldd``)."""
    ldd = ldd or shutil.which("ldd")
    if ldd is None:
        return None
    missing = []
    for path in files:
        try:
            result = subprocess.run([ldd, str(path)], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return None
        for name in unresolved(result.stdout + result.stderr):
            if name not in missing:
                missing.append(name)
    return missing


def xcb_cursor_missing() -> bool:
    """True when libxcb-cursor.so.0 cannot be loaded (Qt 6.5+ refuses xcb without it)."""
    import ctypes

    try:
        ctypes.CDLL(XCB_CURSOR)
    except OSError:
        return True
    return False


def install_advice(missing: list[str]) -> str:
    """Commands installing the packages that provide ``missing`` (Debian/Ubuntu and Fedora)."""
    debian, fedora, unknown = [], [], []
    for name in missing:
        if name in PACKAGES:
            for packages, package in zip((debian, fedora), PACKAGES[name]):
                if package not in packages:
                    packages.append(package)
        else:
            unknown.append(name)
    lines = []
    if debian:
        lines += [f"  Debian/Ubuntu:  sudo apt install {' '.join(debian)}",
                  f"  Fedora:         sudo dnf install {' '.join(fedora)}"]
    if unknown:
        lines.append(f"  and the packages that provide {', '.join(unknown)}")
    return "\n".join(lines)


def platform_problem(environ=os.environ, platform: str = sys.platform, ldd: str | None = None) -> str | None:
    """Why Qt cannot open a window here (a message naming what to install), or None when it can
    or when that cannot be told (then Qt decides)."""
    if not platform.startswith("linux"):
        return None
    candidates = candidate_platforms(environ, platform)
    if not environ.get("QT_QPA_PLATFORM") and not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return ("There is no display to show a window on (DISPLAY and WAYLAND_DISPLAY are not set). "
                "Start LSTM Studio from a desktop session, or render the window to an image with "
                "`lstm-studio --screenshot out.png`.")
    missing_by_platform = {}
    for name in candidates:
        if name not in ("xcb", "wayland"):
            return None  # offscreen, minimal, vnc, eglfs…: nothing this check knows to look at
        files = plugin_files(name)
        if not files:
            return None
        missing = missing_libraries(files, ldd)
        if missing is None:
            return None
        if name == "xcb" and XCB_CURSOR not in missing and xcb_cursor_missing():
            missing.append(XCB_CURSOR)
        if not missing:
            return None  # this one loads
        missing_by_platform[name] = missing
    if not missing_by_platform:
        return None
    lines = []
    for name, missing in missing_by_platform.items():
        lines += [f'Qt\'s "{name}" platform plugin cannot load: the system lacks {", ".join(missing)}.',
                  "Install them:", install_advice(missing)]
    lines += ["Then start LSTM Studio again. Without a display, `lstm-studio --screenshot out.png` "
              "renders the window to an image (Qt's offscreen platform)."]
    return "\n".join(lines)


def check_or_explain(stream=None) -> bool:
    """Print :func:`platform_problem`'s message to ``stream`` (stderr) and return False if Qt
    cannot open a window; True otherwise."""
    problem = platform_problem()
    if problem is None:
        return True
    print(f"lstm-studio: cannot open a window.\n{problem}", file=stream or sys.stderr)
    return False
