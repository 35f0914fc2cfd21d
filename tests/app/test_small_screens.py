"""Small screens and training beside the outputs (issue 13): at 1024×768 and 1280×720 every gate
heatmap of an LSTM is on screen, no toolbar control hides behind the toolbar's "»", tab titles
are whole, the cell diagram is at least 300 pixels wide; at 1600×1000 a training run shows its
curves and the outputs at the same time. Checked on geometry, after rendering the window."""

import pytest
from on_screen import on_screen, shown
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar, QToolBar

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.window.main_window import COMPACT_HEIGHT, MainWindow

SMALL = [(1024, 768), (1280, 720)]


@pytest.fixture
def window(qtbot):
    configure_pyqtgraph()
    w = MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    yield w
    w.playback.pause()
    w.model.mark_saved()


def show_at(qtbot, window, size, exactly=True):
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    window.grab()  # lays out and paints everything, as the screen would
    if exactly:  # the window's minimum size allows it
        assert (window.width(), window.height()) == size


@pytest.mark.parametrize("size", SMALL)
def test_every_gate_heatmap_is_inside_its_panel(qtbot, window, size):
    show_at(qtbot, window, size)
    axes = window.panels["gates"].axes
    assert shown(axes)
    plots = axes.plots
    assert len(plots) == 4  # i, f, g, o
    view = axes.mapToScene(axes.viewport().rect()).boundingRect()
    for plot in plots:
        rect = plot.plot.sceneBoundingRect()
        assert view.contains(rect), (plot.plot.titleLabel.text, rect, view)
        data = plot.view.sceneBoundingRect()
        assert data.width() >= 100 and data.height() >= 40  # readable, not a sliver


@pytest.mark.parametrize("size", [*SMALL, (1600, 1000)])
def test_every_time_panel_fits_its_plots(qtbot, window, size):
    show_at(qtbot, window, size)
    for key in ("gates", "states", "gradient"):
        axes = window.panels[key].axes
        if not shown(axes):
            continue  # a tab behind another: shown whole when its tab is chosen
        view = axes.mapToScene(axes.viewport().rect()).boundingRect()
        for plot in axes.plots:
            assert view.contains(plot.plot.sceneBoundingRect()), key


@pytest.mark.parametrize("size", SMALL)
def test_no_toolbar_control_hides_behind_the_overflow(qtbot, window, size):
    show_at(qtbot, window, size)
    for toolbar in window.findChildren(QToolBar):
        if not shown(toolbar):
            continue
        for action in toolbar.actions():
            widget = toolbar.widgetForAction(action)
            if action.isVisible() and widget is not None:
                assert widget.isVisible(), (toolbar.objectName(), action.text() or widget)
                assert toolbar.rect().contains(widget.geometry()), (toolbar.objectName(), widget)


def test_the_toolbar_fits_a_small_screen_with_layers_and_directions(qtbot, window):
    window.model.set_config(num_layers=3, bidirectional=True)
    show_at(qtbot, window, (1024, 768))
    toolbar = window.config_toolbar
    for action in toolbar.actions():
        widget = toolbar.widgetForAction(action)
        if action.isVisible() and widget is not None:
            assert widget.isVisible()
    # which layer and direction are shown is chosen in each panel's header
    assert not window.panels["gates"].selector.layer_box.isHidden()


@pytest.mark.parametrize("size", SMALL)
def test_tab_titles_are_whole_and_the_cell_diagram_is_wide(qtbot, window, size):
    show_at(qtbot, window, size)
    bars = [bar for bar in window.findChildren(QTabBar) if shown(bar)]
    assert bars  # the right column's docks and the states/gradient pair share tabs
    for bar in bars:
        assert bar.elideMode() == Qt.TextElideMode.ElideNone
        metrics = bar.fontMetrics()
        for index in range(bar.count()):
            assert bar.tabRect(index).width() > metrics.horizontalAdvance(bar.tabText(index))
    diagram = window.docks["cell_diagram"]
    assert shown(diagram) and diagram.width() >= 300
    assert on_screen(diagram, window).width() >= 300


def test_short_windows_tab_the_gradient_beside_the_states_and_tall_ones_split_them(qtbot, window):
    states, gradient = window.docks["states"], window.docks["gradient"]
    show_at(qtbot, window, (1280, 720))
    assert 720 < COMPACT_HEIGHT
    assert gradient in window.tabifiedDockWidgets(states)
    assert shown(window.panels["states"]) and not shown(window.panels["gradient"])
    # the gates panel keeps at least as much room as the tabbed pair
    assert window.docks["gates"].height() >= 0.9 * states.height()
    window.resize(1600, 1000)
    qtbot.wait(50)
    assert gradient not in window.tabifiedDockWidgets(states)
    assert shown(window.panels["states"]) and shown(window.panels["gradient"])
    window.resize(1280, 720)
    qtbot.wait(50)
    assert gradient in window.tabifiedDockWidgets(states)
    gradient.raise_()  # its tab chosen: laid out whole at the size of the tab
    qtbot.wait(50)
    window.grab()
    axes = window.panels["gradient"].axes
    assert shown(axes) and not shown(window.panels["states"])
    view = axes.mapToScene(axes.viewport().rect()).boundingRect()
    for plot in axes.plots:
        assert view.contains(plot.plot.sceneBoundingRect())


def test_a_gradient_the_user_moved_is_left_where_it_is(qtbot, window):
    states, gradient = window.docks["states"], window.docks["gradient"]
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, gradient)
    show_at(qtbot, window, (1280, 720), exactly=False)
    assert gradient not in window.tabifiedDockWidgets(states)
    assert window.dockWidgetArea(gradient) == Qt.DockWidgetArea.RightDockWidgetArea


@pytest.mark.parametrize("size", [(1600, 1000), (1280, 720)])
def test_a_run_shows_its_curves_beside_the_outputs(qtbot, window, size):
    show_at(qtbot, window, size)
    training = window.docks["training"]
    assert shown(window.panels["cell_diagram"]) and not shown(window.panels["training"])  # first screen
    window.model.set_training(True)
    qtbot.wait(20)
    try:
        assert shown(window.panels["training"]) and shown(window.panels["output"])
        assert training not in window.tabifiedDockWidgets(window.docks["output"])
        plots = window.training.plots  # loss and gradient norm: whole, without scrolling
        visible = on_screen(plots, window)
        assert shown(plots) and visible.size() == plots.size()
        assert plots.height() >= 120
        for button in (window.training.start_button, window.training.stop_button):
            assert on_screen(button, window).size() == button.size()
    finally:
        window.model.set_training(False)


def test_compare_fits_a_projector_screen(qtbot, window):
    show_at(qtbot, window, (1280, 720))
    window.training_feature.compare.show()
    qtbot.wait(50)
    window.grab()
    view = window.panels["compare"]
    assert shown(view)
    assert (window.width(), window.height()) == (1280, 720)  # the comparison scrolls instead
    window.training_feature.compare.view.shutdown()


@pytest.mark.parametrize("size", SMALL)
def test_the_sequence_editors_keep_a_plot_one_can_draw_on(qtbot, window, size):
    """Tabbed in a laptop's short dock, the inputs' and targets' plots keep MIN_DRAWING_HEIGHT
    (the editor scrolls to the table below) instead of shrinking to a strip."""
    from lstm_studio.app.editors.sequence_plot import MIN_DRAWING_HEIGHT

    show_at(qtbot, window, size)
    for key in ("inputs_editor", "targets_editor"):
        window.docks[key].raise_()
        qtbot.wait(20)
        window.grab()
        editor = window.docks[key].widget()
        assert shown(editor.plot) and editor.plot.height() >= MIN_DRAWING_HEIGHT, key


@pytest.mark.parametrize("size", SMALL)
def test_the_weight_editor_keeps_a_matrix_one_can_click(qtbot, window, size):
    """Tabbed in a laptop's short dock, the matrix keeps MIN_MATRIX_HEIGHT (the editor scrolls
    to its controls) instead of a strip a few pixels tall."""
    from lstm_studio.app.editors.weight_editor import MIN_MATRIX_HEIGHT

    show_at(qtbot, window, size)
    window.docks["weights_editor"].raise_()
    qtbot.wait(20)
    window.grab()
    editor = window.docks["weights_editor"].widget()
    assert shown(editor.graphics) and editor.graphics.height() >= MIN_MATRIX_HEIGHT
    assert editor.plot_item.vb.height() >= MIN_MATRIX_HEIGHT / 2


@pytest.mark.parametrize("key", ["compare", "training", "weights_editor", "inputs_editor",
                                 "targets_editor", "initial_state_editor", "lessons", "text_view"])
def test_a_dock_of_a_laptop_screen_needs_no_sideways_scrolling(qtbot, qapp, window, key):
    """Rows of controls are short enough for a dock of the 1024 px window (about 420 px), in the
    app's theme (its paddings widen controls): what does not fit scrolls down, never sideways."""
    from PySide6.QtWidgets import QScrollArea

    from lstm_studio.app import theme

    if qapp.property("lstm_studio_theme") is None:  # as the app starts (create_application)
        theme.apply_theme(qapp, theme.DEFAULT_THEME)
    show_at(qtbot, window, (1024, 768))
    window.docks[key].show()
    window.docks[key].raise_()
    qtbot.wait(20)
    window.grab()
    for area in window.docks[key].widget().findChildren(QScrollArea):
        if shown(area) and area.widgetResizable():
            assert not area.horizontalScrollBar().isVisible(), (key, area.widget().minimumSizeHint())
