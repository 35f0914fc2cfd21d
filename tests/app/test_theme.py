"""Light and dark themes: palette, pyqtgraph colours, plots that already exist, remembered choice."""

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette

from lstm_studio.app import theme


@pytest.fixture
def themed_app(qapp):
    """Restore the app-wide look (palette, style sheet, pyqtgraph options) after the test."""
    saved = (qapp.palette(), qapp.styleSheet(), qapp.property("lstm_studio_theme"),
             pg.getConfigOption("background"), pg.getConfigOption("foreground"))
    yield qapp
    qapp.setPalette(saved[0])
    qapp.setStyleSheet(saved[1])
    qapp.setProperty("lstm_studio_theme", saved[2])
    pg.setConfigOptions(background=saved[3], foreground=saved[4])


def lightness(colour):
    return colour.lightnessF()


@pytest.mark.parametrize("name", ["light", "dark"])
def test_apply_theme_sets_palette_style_and_plot_colours(themed_app, name):
    theme.apply_theme(themed_app, name)
    spec = theme.THEMES[name]
    window = themed_app.palette().color(QPalette.ColorRole.Window)
    text = themed_app.palette().color(QPalette.ColorRole.WindowText)
    assert (lightness(window) < 0.5) == (name == "dark")
    assert abs(lightness(window) - lightness(text)) > 0.5  # readable text
    assert pg.getConfigOption("background") == spec.plot_background
    assert pg.getConfigOption("foreground") == spec.plot_foreground
    assert abs(lightness(pg.mkColor(spec.plot_background)) - lightness(pg.mkColor(spec.plot_foreground))) > 0.5
    assert "QToolTip" in themed_app.styleSheet()
    assert theme.current_theme(themed_app) == name
    themed_app.setStyleSheet("")  # the style sheet wraps the style; underneath it is Fusion
    assert themed_app.style().name().lower() == "fusion"


def test_unknown_theme_is_refused(themed_app):
    with pytest.raises(ValueError, match="Unknown theme"):
        theme.apply_theme(themed_app, "purple")
    with pytest.raises(ValueError, match="Unknown theme"):
        theme.save_theme(QSettings(), "purple")


def test_switch_at_run_time_recolours_existing_plots(qtbot, themed_app):
    theme.apply_theme(themed_app, "light")
    plot = pg.PlotWidget(title="a title")
    qtbot.addWidget(plot)
    custom_axis = plot.getAxis("left")
    custom_axis.setPen("#ff0000")  # a panel's own colour stays
    theme.apply_theme(themed_app, "dark")
    dark = theme.THEMES["dark"]
    assert plot.backgroundBrush().color() == pg.mkColor(dark.plot_background)
    assert plot.getAxis("bottom").pen().color() == pg.mkColor(dark.plot_foreground)
    assert plot.getAxis("bottom").textPen().color() == pg.mkColor(dark.plot_foreground)
    assert custom_axis.pen().color() == pg.mkColor("#ff0000")
    assert dark.plot_foreground[1:] in plot.getPlotItem().titleLabel.item.toHtml()


def test_saved_theme_is_applied_at_start(themed_app):
    settings = QSettings()
    assert theme.saved_theme(settings) == theme.system_theme()
    theme.save_theme(settings, "dark")
    assert QSettings().value(theme.SETTINGS_KEY) == "dark"
    assert theme.apply_saved_theme(themed_app, QSettings()) == "dark"
    assert theme.current_theme(themed_app) == "dark"


def test_icon_has_every_size():
    assert theme.icon_path().is_file()
    icon = theme.app_icon()
    sizes = {size.width() for size in icon.availableSizes()}
    assert set(theme.ICON_SIZES) <= sizes
    assert not icon.pixmap(16, 16).isNull()


def icon_ink(action):
    """Lightness of the most opaque pixel of ``action``'s icon."""
    image = action.icon().pixmap(32, 32).toImage()
    pixels = [image.pixelColor(x, y) for x in range(32) for y in range(32)]
    return max(pixels, key=lambda c: c.alpha()).lightnessF()


def test_transport_icons_follow_the_theme(themed_app, qtbot):
    from lstm_studio.app.panels.preview import demo_model
    from lstm_studio.app.window.playback import PlaybackController
    from lstm_studio.app.window.transport import TransportBar

    model = demo_model("lstm")
    bar = TransportBar(model, PlaybackController(model))
    qtbot.addWidget(bar)
    for name in ("dark", "light"):
        theme.apply_theme(themed_app, name)
        text = bar.palette().color(QPalette.ColorRole.WindowText).lightnessF()
        for action in bar.actions_in_order:
            assert abs(icon_ink(action) - text) < 0.15, (name, action.text())
