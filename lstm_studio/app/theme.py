"""Light and dark themes: Fusion style, a QPalette, a small stylesheet and pyqtgraph's colours.

Call :func:`apply_saved_theme` at start-up BEFORE any panel exists: pyqtgraph reads its
background/foreground options when plots are created. A switch at run time (View ▸ Theme) also
repaints the plots that exist: every plot view gets the new background, and axes and labels drawn
in the old default foreground take the new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

SETTINGS_KEY = "ui/theme"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""Sizes of the PNG icons rendered from the SVG by packaging/render_icons.py."""


@dataclass(frozen=True)
class Theme:
    """Colours of one theme; ``plot_background``/``plot_foreground`` go to pyqtgraph."""

    name: str
    window: str
    base: str
    alternate_base: str
    text: str
    button: str
    highlight: str
    highlighted_text: str
    link: str
    tooltip_base: str
    disabled_text: str
    plot_background: str
    plot_foreground: str


THEMES = {
    "light": Theme(
        name="light",
        window="#efeff1",
        base="#ffffff",
        alternate_base="#f4f5f7",
        text="#1d1f23",
        button="#e6e7ea",
        highlight="#2f6fd0",
        highlighted_text="#ffffff",
        link="#1f5fbf",
        tooltip_base="#ffffe6",
        disabled_text="#8d9096",
        plot_background="#ffffff",
        plot_foreground="#30333a",
    ),
    "dark": Theme(
        name="dark",
        window="#2b2d31",
        base="#1e1f22",
        alternate_base="#26282c",
        text="#e3e5e8",
        button="#373a40",
        highlight="#4a8ae8",
        highlighted_text="#ffffff",
        link="#7fb2ff",
        tooltip_base="#3a3d43",
        disabled_text="#7c8088",
        plot_background="#18191c",
        plot_foreground="#c9ccd1",
    ),
}
DEFAULT_THEME = "light"


def palette(theme: Theme) -> QPalette:
    """A complete QPalette (active, inactive and disabled groups) for ``theme``."""
    roles = QPalette.ColorRole
    result = QPalette()
    for role, colour in [
        (roles.Window, theme.window),
        (roles.WindowText, theme.text),
        (roles.Base, theme.base),
        (roles.AlternateBase, theme.alternate_base),
        (roles.Text, theme.text),
        (roles.Button, theme.button),
        (roles.ButtonText, theme.text),
        (roles.BrightText, "#ff5050"),
        (roles.Highlight, theme.highlight),
        (roles.HighlightedText, theme.highlighted_text),
        (roles.Link, theme.link),
        (roles.LinkVisited, theme.link),
        (roles.ToolTipBase, theme.tooltip_base),
        (roles.ToolTipText, theme.text),
        (roles.PlaceholderText, theme.disabled_text),
        (roles.Light, QColor(theme.button).lighter(130).name()),
        (roles.Midlight, QColor(theme.button).lighter(115).name()),
        (roles.Mid, QColor(theme.button).darker(130).name()),
        (roles.Dark, QColor(theme.button).darker(160).name()),
        (roles.Shadow, "#000000"),
    ]:
        result.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.HighlightedText):
        result.setColor(disabled, role, QColor(theme.disabled_text))
    result.setColor(disabled, roles.Highlight, QColor(theme.button).darker(120))
    return result


def stylesheet(name: str) -> str:
    """The theme's stylesheet from ``resources/styles/<name>.qss`` ("" when absent)."""
    path = resources.files("lstm_studio.resources") / "styles" / f"{name}.qss"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def system_theme() -> str:
    """"dark" when the desktop asks for a dark colour scheme, else "light"."""
    hints = QGuiApplication.styleHints()
    return "dark" if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark else DEFAULT_THEME


def saved_theme(settings: QSettings) -> str:
    """The theme chosen in View ▸ Theme, else the desktop's preference."""
    name = settings.value(SETTINGS_KEY, None)
    return name if isinstance(name, str) and name in THEMES else system_theme()


def current_theme(app: QApplication) -> str:
    """Name of the theme applied to ``app`` (the default before any was applied)."""
    return app.property("lstm_studio_theme") or DEFAULT_THEME


def apply_theme(app: QApplication, name: str) -> None:
    """Apply theme ``name`` to ``app``: style, palette, stylesheet, pyqtgraph options and the
    plots that already exist. ValueError for an unknown theme."""
    if name not in THEMES:
        raise ValueError(f"Unknown theme {name!r}; choose one of {', '.join(THEMES)}.")
    theme = THEMES[name]
    old_foreground = pg.mkColor(pg.getConfigOption("foreground"))
    app.setStyle("Fusion")
    app.setPalette(palette(theme))
    app.setStyleSheet(stylesheet(name))
    pg.setConfigOptions(background=theme.plot_background, foreground=theme.plot_foreground)
    app.setProperty("lstm_studio_theme", name)
    recolour_plots(app, old_foreground, theme)


def recolour_plots(app: QApplication, old_foreground: QColor, theme: Theme) -> None:
    """Give existing pyqtgraph views the theme's background; axes and labels drawn in
    ``old_foreground`` (the previous default) take the new foreground."""
    # Walk the windows' children rather than app.allWidgets(): that list can hold widgets half
    # way through destruction, and wrapping one of them crashes.
    views = []
    for window in app.topLevelWidgets():
        if shiboken6.isValid(window):
            views += [window] if isinstance(window, pg.GraphicsView) else []
            views += window.findChildren(pg.GraphicsView)
    for widget in views:
        widget.setBackground(theme.plot_background)
        scene = widget.scene()
        if scene is None:
            continue
        for item in scene.items():
            if isinstance(item, pg.AxisItem):
                if item.pen().color() == old_foreground:
                    item.setPen()
                if item.textPen().color() == old_foreground:
                    item.setTextPen()
            elif isinstance(item, pg.LabelItem):
                colour = item.opts.get("color")
                if colour is None or pg.mkColor(colour) == old_foreground:
                    item.setText(item.text, color=None)


def apply_saved_theme(app: QApplication, settings: QSettings) -> str:
    """Apply the remembered (or the desktop's) theme at start-up; returns its name."""
    name = saved_theme(settings)
    apply_theme(app, name)
    return name


def save_theme(settings: QSettings, name: str) -> None:
    """Remember theme ``name`` for the next start; ValueError for an unknown theme."""
    if name not in THEMES:
        raise ValueError(f"Unknown theme {name!r}; choose one of {', '.join(THEMES)}.")
    settings.setValue(SETTINGS_KEY, name)
    settings.sync()


def icon_path(size: int | None = None):
    """The app icon file: the PNG of ``size`` pixels, or the SVG when ``size`` is None."""
    icons = resources.files("lstm_studio.resources") / "icons"
    return Path(str(icons / (f"lstm-studio-{size}.png" if size else "lstm-studio.svg")))


def app_icon() -> QIcon:
    """The app icon with every rendered size (crisp in title bars and task switchers)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_path(size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon
