"""Screenshots as part of the tests' output (issue 13): the demo at 1024×768, 1280×720 and
1600×1000, light and dark, English and Korean, written to ``out/screenshots/`` — and at each of
them what a reader needs is on screen: the four gate heatmaps, the toolbar without overflow, the
cell diagram at least 300 pixels wide, the status texts whole."""

from pathlib import Path

import pytest
from on_screen import on_screen, shown
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QToolBar

from lstm_studio.app import i18n, theme
from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.window.main_window import MainWindow

OUT = Path(__file__).resolve().parents[2] / "out" / "screenshots"
SIZES = [(1024, 768), (1280, 720), (1600, 1000)]


@pytest.fixture
def language(request, qapp):
    code = request.param
    if code != "en":
        i18n.save_language(QSettings(), code)
        i18n.install_translator(qapp, QSettings())
    yield code
    i18n.remove_translators(qapp)
    theme.apply_theme(qapp, "light")


def assert_readable(window):
    axes = window.panels["gates"].axes
    view = axes.mapToScene(axes.viewport().rect()).boundingRect()
    assert shown(axes) and len(axes.plots) == 4
    for plot in axes.plots:
        assert view.contains(plot.plot.sceneBoundingRect())
    for toolbar in window.findChildren(QToolBar):
        for action in toolbar.actions():
            widget = toolbar.widgetForAction(action)
            if shown(toolbar) and action.isVisible() and widget is not None:
                assert widget.isVisible() and toolbar.rect().contains(widget.geometry())
    assert on_screen(window.panels["cell_diagram"], window).width() >= 300
    for label in (window.step_label, window.loss_label):
        area = label.rect().adjusted(label.MARGIN, label.MARGIN, -label.MARGIN, -label.MARGIN)
        elided = label.fontMetrics().elidedText(label.text(), Qt.TextElideMode.ElideRight, area.width())
        assert elided == label.text()


@pytest.mark.parametrize("language", ["en", "ko"], indirect=True)
def test_screenshots_at_every_size_theme_and_language(qtbot, language):
    """A window opened at each size, as the app opens on that screen."""
    configure_pyqtgraph()
    OUT.mkdir(parents=True, exist_ok=True)
    for theme_name in ("light", "dark"):
        theme.apply_theme(QApplication.instance(), theme_name)
        for width, height in SIZES:
            window = MainWindow(restore_layout=False)
            qtbot.addWidget(window)
            window.model.set_display_mode("whole")
            window.model.set_time_step(20)
            window.resize(width, height)
            window.show()
            qtbot.waitExposed(window)
            qtbot.wait(50)
            try:
                image = window.grab()
                assert (image.width(), image.height()) == (width, height)
                assert_readable(window)
                path = OUT / f"studio-{width}x{height}-{theme_name}-{language}.png"
                assert image.save(str(path), "PNG")
            finally:
                window.model.mark_saved()
                window.close()
