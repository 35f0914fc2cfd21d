"""Presentation mode on the live window: F11 full screen and back, the presentation scale of
fonts, line widths and markers (remembered), one panel focused and the layout back on Esc."""

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lstm_studio.app import theme
from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.panels.diagram_items import LINE_WIDTH, Wire
from lstm_studio.app.panels.plots.curves import MARKER_SIZE
from lstm_studio.app.panels.plots.time_plot import CURSOR_WIDTH, TITLE_POINTS
from lstm_studio.app.window.main_window import PANEL_KEYS, MainWindow

Key, Mod = Qt.Key, Qt.KeyboardModifier
FULL = Qt.WindowState.WindowFullScreen


def make_window(qtbot, settings=None):
    configure_pyqtgraph()
    window = MainWindow(settings=settings, restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


@pytest.fixture
def window(qtbot):
    w = make_window(qtbot)
    yield w
    w.playback.pause()


def press(window, key, modifiers=Mod.NoModifier):
    QTest.keyClick(window, key, modifiers)
    QApplication.processEvents()


def shown_docks(window) -> dict:
    """Key -> geometry of every dock shown (docks behind another one's tab lie outside the window)."""
    return {key: dock.geometry() for key, dock in window.docks.items()
            if dock.isVisible() and window.rect().intersects(dock.geometry())}


def keys(action) -> list[str]:
    return [k.toString(QKeySequence.SequenceFormat.PortableText) for k in action.shortcuts()]


# -- actions and keys --------------------------------------------------------------------------
def test_view_menu_offers_every_presentation_action_with_real_shortcuts(window):
    p = window.presentation
    view = window.menu("View").actions()
    for action, expected in [(p.present_action, ["F11"]), (p.zoom_in_action, ["Ctrl+=", "Ctrl++"]),
                             (p.zoom_out_action, ["Ctrl+-"]), (p.zoom_reset_action, ["Ctrl+0"]),
                             (p.focus_action, ["Ctrl+Shift+F"]), (p.leave_action, ["Esc"])]:
        assert keys(action) == expected
        assert action in window.actions()  # its keys work without opening a menu
        assert action in view or action in p.focus_menu.actions()
        assert action.toolTip() and action.statusTip()
    assert p.present_action.isCheckable() and p.focus_menu.menuAction() in view
    p.focus_menu.aboutToShow.emit()
    titles = [a.text() for a in p.focus_menu.actions() if a.text()]
    assert [window.docks[k].windowTitle() for k in PANEL_KEYS] == titles[1:6]
    assert window.docks["training"].windowTitle() in titles
    # Esc belongs to the rest of the window (dialogs, editors) until there is something to leave
    assert not p.leave_action.isEnabled()
    # Help ▸ Keyboard Shortcuts lists them
    listed = dict(window.help.shortcuts())
    assert listed["Present"] == "F11" and listed["Zoom In"].startswith("Ctrl+=")


# -- full screen -------------------------------------------------------------------------------
def test_f11_toggles_full_screen_and_esc_leaves_it(window):
    p = window.presentation
    geometry = window.geometry()
    press(window, Key.Key_F11)
    assert window.windowState() & FULL
    assert p.present_action.isChecked() and p.leave_action.isEnabled()
    assert p.hint_label.isVisible() and "Esc" in p.hint_label.text()
    press(window, Key.Key_F11)
    assert not window.windowState() & FULL and not p.present_action.isChecked()
    assert window.geometry() == geometry
    press(window, Key.Key_F11)
    press(window, Key.Key_Escape)
    assert not window.windowState() & FULL and not p.present_action.isChecked()
    assert not p.hint_label.isVisible() and not p.leave_action.isEnabled()
    assert window.geometry() == geometry


def test_full_screen_returns_to_a_maximised_window(window):
    window.showMaximized()
    QApplication.processEvents()
    window.presentation.present_action.trigger()
    assert window.windowState() & FULL
    window.presentation.present_action.trigger()
    assert window.windowState() == Qt.WindowState.WindowMaximized


def test_leaving_full_screen_another_way_unchecks_present(window):
    window.presentation.present_action.trigger()
    window.showNormal()
    QApplication.processEvents()
    assert not window.presentation.present_action.isChecked()
    assert not window.presentation.hint_label.isVisible()


# -- scale -------------------------------------------------------------------------------------
def pen_widths(window) -> dict:
    output, gradient = window.panels["output"], window.panels["gradient"]
    diagram = window.panels["cell_diagram"]
    return {
        "curve": output.output_curves[0].item.opts["pen"].widthF(),
        "marker": gradient.dh_norm.markers.size,
        "cursor": output.outputs.cursor.pen().widthF(),
        "wire": next(i for i in diagram.scene.items() if isinstance(i, Wire)).pen().widthF(),
        "title": gradient.norms.plot.titleLabel.opts["size"],
        "tick": gradient.norms.plot.getAxis("left").style["tickFont"].pointSizeF(),
        "legend": gradient.norms.legend.opts["labelTextSize"],
        "diagram text": diagram.blocks["f"]._text.font().pixelSize(),
        "training": window.training_feature.dock.loss_curve.opts["pen"].widthF(),
    }


def test_zoom_scales_fonts_line_widths_and_markers(window):
    app = QApplication.instance()
    points = app.font().pointSizeF()
    before = pen_widths(window)
    assert before["curve"] == 2 and before["marker"] == MARKER_SIZE
    assert before["cursor"] == CURSOR_WIDTH and before["wire"] == LINE_WIDTH
    assert before["title"] == f"{TITLE_POINTS}pt"

    press(window, Key.Key_Equal, Mod.ControlModifier)
    press(window, Key.Key_Equal, Mod.ControlModifier)
    assert theme.current_scale() == 1.5
    assert app.font().pointSizeF() == pytest.approx(1.5 * points)
    assert window.panels["states"].info.font().pointSizeF() == pytest.approx(1.5 * points)
    after = pen_widths(window)
    assert after["curve"] == 3.0 and after["marker"] == 1.5 * MARKER_SIZE
    assert after["cursor"] == 1.5 * CURSOR_WIDTH and after["wire"] == pytest.approx(1.5 * LINE_WIDTH)
    assert after["title"] == f"{1.5 * TITLE_POINTS:g}pt" and after["legend"] == "12pt"
    assert after["tick"] == pytest.approx(1.5 * points)
    assert after["diagram text"] == round(1.5 * before["diagram text"])
    assert after["training"] == 1.5 * before["training"]
    # dock titles too (Qt draws them in a title font of their own unless told otherwise)
    assert window.docks["gates"].font().pointSizeF() == pytest.approx(1.5 * points)
    assert window.docks["gates"].font().bold()
    # a title row tall enough for the larger title
    plot = window.panels["gradient"].norms.plot
    assert plot.layout.rowMaximumHeight(0) >= plot.titleLabel.item.boundingRect().height()
    assert "150 %" in window.statusBar().currentMessage()

    press(window, Key.Key_Minus, Mod.ControlModifier)
    assert theme.current_scale() == 1.25 and pen_widths(window)["curve"] == 2.5
    press(window, Key.Key_0, Mod.ControlModifier)
    assert theme.current_scale() == 1.0 and pen_widths(window) == before
    assert app.font().pointSizeF() == points
    assert "QDockWidget" not in app.styleSheet()


def test_scale_stays_within_its_steps(window):
    p = window.presentation
    assert not p.zoom_out_action.isEnabled() and not p.zoom_reset_action.isEnabled()
    for _ in range(len(theme.SCALES) + 2):
        p.zoom_in_action.trigger()
    assert theme.current_scale() == theme.SCALES[-1] == 2.5
    assert not p.zoom_in_action.isEnabled() and p.zoom_out_action.isEnabled()
    assert [theme.next_scale(s, 1) for s in (1.0, 1.1, 2.5)] == [1.25, 1.25, 2.5]
    assert [theme.next_scale(s, -1) for s in (1.0, 1.1, 2.5)] == [1.0, 1.0, 2.25]
    assert [theme.clamp_scale(v) for v in ("1.5", "x", None, 9, 0.2, float("nan"))] == [
        1.5, 1.0, 1.0, 2.5, 1.0, 1.0]


def test_scale_is_remembered_for_a_new_window(qtbot):
    settings = QSettings()
    first = make_window(qtbot, settings)
    first.presentation.zoom(1)
    first.presentation.zoom(1)
    assert float(QSettings().value(theme.SCALE_KEY)) == 1.5
    first.close()
    theme.set_scale(QApplication.instance(), 1.0)  # as a new start of the app finds it
    points = QApplication.font().pointSizeF()

    second = make_window(qtbot, QSettings())
    assert theme.current_scale() == 1.5
    assert QApplication.font().pointSizeF() == pytest.approx(1.5 * points)
    widths = pen_widths(second)
    assert widths["curve"] == 3.0 and widths["marker"] == 1.5 * MARKER_SIZE
    assert theme.apply_saved_scale(QApplication.instance(), QSettings()) == 1.5


# -- focus -------------------------------------------------------------------------------------
def test_focus_shows_one_dock_and_esc_restores_the_layout(window):
    p = window.presentation
    before = shown_docks(window)
    assert {"gates", "output", "cell_diagram"} <= set(before)
    p.focus_menu.aboutToShow.emit()
    p.panel_actions["gates"].trigger()
    QApplication.processEvents()
    assert list(shown_docks(window)) == ["gates"]
    assert not window.config_toolbar.isVisible()
    gates = window.docks["gates"].geometry()
    assert gates.width() > 0.9 * window.width()  # it fills the window
    assert p.focus_action.isChecked() and p.panel_actions["gates"].isChecked()
    assert p.hint_label.text() == "Gates over time · Esc returns"

    press(window, Key.Key_Escape)
    assert shown_docks(window) == before
    assert window.config_toolbar.isVisible() and p.focused is None
    assert not p.hint_label.isVisible()


def test_another_panel_takes_the_focus_and_esc_still_restores_the_first_layout(window):
    p = window.presentation
    before = shown_docks(window)
    p.focus("gates")
    p.focus("training")  # a feature's dock, tabbed behind the output at first
    QApplication.processEvents()
    assert list(shown_docks(window)) == ["training"]
    p.toggle_focus("training")  # the same entry again: back
    QApplication.processEvents()
    assert shown_docks(window) == before


def test_ctrl_shift_f_focuses_the_panel_last_used_and_returns(window):
    p = window.presentation
    before = shown_docks(window)
    p.dock_under_pointer = lambda: None  # the pointer is nowhere in particular
    window.panels["states"].axes.setFocus()
    QApplication.processEvents()
    press(window, Key.Key_F, Mod.ControlModifier | Mod.ShiftModifier)
    assert list(shown_docks(window)) == ["states"]
    press(window, Key.Key_F, Mod.ControlModifier | Mod.ShiftModifier)
    assert shown_docks(window) == before


def test_ctrl_shift_f_focuses_the_panel_under_the_pointer(window):
    p = window.presentation
    view = window.panels["cell_diagram"].view
    assert p.dock_of(view) is window.docks["cell_diagram"]
    p.dock_under_pointer = lambda: p.dock_of(view)
    p.focus_action.trigger()
    assert list(shown_docks(window)) == ["cell_diagram"]


def test_ctrl_shift_f_without_a_panel_says_what_to_do(window):
    p = window.presentation
    p.dock_under_pointer = lambda: None
    p._last_dock = None
    p.focus_action.trigger()
    assert p.focused is None and not p.focus_action.isChecked()
    assert "Point at a panel" in window.statusBar().currentMessage()


def test_double_click_on_a_dock_title_focuses_it_instead_of_floating(window):
    dock = window.docks["output"]
    before = shown_docks(window)
    QTest.mouseDClick(dock, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(30, 4))
    QApplication.processEvents()
    assert not dock.isFloating() and list(shown_docks(window)) == ["output"]
    QTest.mouseDClick(dock, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(30, 4))
    QApplication.processEvents()
    assert not dock.isFloating() and shown_docks(window) == before


def test_focus_and_full_screen_combine_and_esc_steps_back_one_at_a_time(window):
    p = window.presentation
    press(window, Key.Key_F11)
    QApplication.processEvents()
    before = set(shown_docks(window))  # full screen (a short one tabs the gradient beside the states)
    p.focus("cell_diagram")
    QApplication.processEvents()
    assert window.windowState() & FULL and list(shown_docks(window)) == ["cell_diagram"]
    press(window, Key.Key_Escape)
    assert window.windowState() & FULL and set(shown_docks(window)) == before
    assert p.hint_label.text() == "Full screen · Esc returns"
    press(window, Key.Key_Escape)
    assert not window.windowState() & FULL and not p.leave_action.isEnabled()


def test_closing_while_presenting_saves_the_whole_layout(window):
    p = window.presentation
    press(window, Key.Key_F11)
    p.focus("gates")
    window.close()
    assert p.focused is None and not window.windowState() & FULL
    restored = MainWindow(settings=QSettings())
    try:
        restored.show()
        QApplication.processEvents()
        assert {"gates", "states", "output", "cell_diagram"} <= set(shown_docks(restored))
    finally:
        restored.close()
        restored.deleteLater()
