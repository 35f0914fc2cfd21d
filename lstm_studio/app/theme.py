"""Light and dark themes: Fusion style, a QPalette, a small stylesheet and pyqtgraph's colours;
and the presentation scale of fonts, line widths and markers.

Call :func:`apply_saved_theme` at start-up BEFORE any panel exists: pyqtgraph reads its
background/foreground options when plots are created. A switch at run time (View ▸ Theme) also
repaints the plots that exist: every plot view gets the new background, and axes and labels drawn
in the old default foreground take the new one.

The presentation scale (View ▸ Zoom In / Out, for a lecture hall) lives here as the one source
every view reads: :func:`scaled` for pen widths and marker sizes, :func:`scaled_points` for the
point sizes of pyqtgraph texts, the application font for everything else. :func:`set_scale`
changes the application font first and then emits :func:`scale_source`'s ``changed``; the
panels rebuild their items from it, as on a theme switch.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QObject, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette
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
    app.setStyleSheet(stylesheet(name) + scale_rules())
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


# -- presentation scale --------------------------------------------------------------------------
SCALE_KEY = "ui/presentation_scale"
SCALES = (1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5)
"""The steps of View ▸ Zoom In / Zoom Out: 100 % (the normal size) to 250 %."""
DEFAULT_SCALE = SCALES[0]


class ScaleSource(QObject):
    """Holds the presentation scale of the application; ``changed(scale)`` after every change
    (the application font has already changed then)."""

    changed = Signal(float)

    def __init__(self):
        super().__init__()
        self.scale = DEFAULT_SCALE
        self.base_font: QFont | None = None
        """The application font at 100 %, kept from the first change of scale."""


_source: ScaleSource | None = None


def scale_source() -> ScaleSource:
    """The one holder of the presentation scale (views connect to its ``changed``)."""
    global _source
    if _source is None:
        _source = ScaleSource()
    return _source


def current_scale() -> float:
    """The presentation scale: 1.0 is the normal size."""
    return scale_source().scale


def scaled(size: float) -> float:
    """A pen width or marker size (pixels at 100 %) at the presentation scale."""
    return size * current_scale()


def scaled_points(points: float) -> str:
    """A pyqtgraph text size ("9pt" at 100 %) at the presentation scale."""
    return f"{points * current_scale():g}pt"


def clamp_scale(scale) -> float:
    """``scale`` as a number within SCALES' range (the default for anything else)."""
    try:
        value = float(scale)
    except (TypeError, ValueError):
        return DEFAULT_SCALE
    if value != value:  # NaN
        return DEFAULT_SCALE
    return min(max(value, SCALES[0]), SCALES[-1])


def next_scale(scale: float, step: int) -> float:
    """The step of SCALES above (``step`` 1) or below (-1) ``scale``; the end when there is none."""
    if step > 0:
        return next((s for s in SCALES if s > scale + 1e-9), SCALES[-1])
    return next((s for s in reversed(SCALES) if s < scale - 1e-9), SCALES[0])


def set_scale(app: QApplication, scale: float) -> bool:
    """Make ``scale`` (clamped to SCALES' range) the presentation scale: the application font
    grows with it, then ``scale_source().changed`` tells the views. False when it already was."""
    source = scale_source()
    scale = clamp_scale(scale)
    if scale == source.scale:
        return False
    if source.base_font is None:
        source.base_font = QFont(app.font())
    font = QFont(source.base_font)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:  # a font sized in pixels
        font.setPixelSize(max(1, round(font.pixelSize() * scale)))
    source.scale = scale
    app.setFont(font)
    theme = app.property("lstm_studio_theme")
    sheet = (stylesheet(theme) if theme else "") + scale_rules()
    # widgets styled by a style sheet take the new font only from a sheet set anew
    if sheet == app.styleSheet() and sheet:
        app.setStyleSheet("")
    if sheet != app.styleSheet():
        app.setStyleSheet(sheet)
    source.changed.emit(scale)
    return True


def scale_rules() -> str:
    """Style sheet rules of the presentation scale: dock titles in the application's font size,
    bold (Qt draws a title in a title font of its own, which ignores the application font, unless
    the dock's font differs from the application's). Empty at the normal scale."""
    if current_scale() == DEFAULT_SCALE:
        return ""
    font = QApplication.font()
    size = f"{font.pointSizeF():g}pt" if font.pointSizeF() > 0 else f"{font.pixelSize()}px"
    return f"\nQDockWidget {{ font-size: {size}; font-weight: bold; }}\n"


def saved_scale(settings: QSettings) -> float:
    """The presentation scale chosen last (the default when none was)."""
    return clamp_scale(settings.value(SCALE_KEY, DEFAULT_SCALE))


def save_scale(settings: QSettings, scale: float) -> None:
    """Remember the presentation scale for the next start."""
    settings.setValue(SCALE_KEY, clamp_scale(scale))
    settings.sync()


def apply_saved_scale(app: QApplication, settings: QSettings) -> float:
    """Apply the remembered presentation scale at start-up; returns it."""
    scale = saved_scale(settings)
    set_scale(app, scale)
    return scale
