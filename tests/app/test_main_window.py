"""The main window driven like a user: toolbar, transport, shortcuts, docks, status bar."""

from contextlib import contextmanager

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from test_widgets import LayoutRequests

from lstm_studio.app.application import configure_pyqtgraph, show_window
from lstm_studio.app.editors.commands import SetArrayCommand
from lstm_studio.app.window.main_window import MENU_NAMES, PANEL_KEYS, TIMING_SHOWN_AFTER_MS, MainWindow
from lstm_studio.engine import GATES
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.model import SessionModel

MODEL_SIGNALS = ("documentReplaced", "structureChanged", "dataChanged", "evaluationChanged",
                 "timeStepChanged", "selectionChanged", "displayModeChanged")


def make_window(qtbot, model=None):
    configure_pyqtgraph()
    window = MainWindow(model)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


@pytest.fixture
def window(qtbot):
    """A fresh window on the demo (for tests that change the network's structure)."""
    w = make_window(qtbot)
    yield w
    w.playback.pause()


@pytest.fixture(scope="module")
def shared(qapp):
    configure_pyqtgraph()
    window = MainWindow(restore_layout=False)
    window.show()
    yield window
    window.playback.pause()
    window.deleteLater()


@pytest.fixture
def viewer(shared, qtbot):
    """One window for the module (building one takes a while) for tests that leave the
    document's numbers as they found them; view state, undo stack and layout start afresh."""
    model = shared.model
    shared.playback.pause()
    shared.undo_stack.clear()
    model.set_time_step(0)
    model.set_display_mode("reveal")
    model.set_selection(layer=0, direction=0, unit=0)
    model.mark_saved()
    shared.reset_layout()
    shared.activateWindow()
    qtbot.waitExposed(shared)
    yield shared
    shared.playback.pause()


@contextmanager
def signal_counts(model):
    """Counts of every model signal emitted inside the block."""
    counts = dict.fromkeys(MODEL_SIGNALS, 0)
    slots = {name: (lambda *_, name=name: counts.__setitem__(name, counts[name] + 1)) for name in MODEL_SIGNALS}
    for name, slot in slots.items():
        getattr(model, name).connect(slot)
    try:
        yield counts
    finally:
        for name, slot in slots.items():
            getattr(model, name).disconnect(slot)


def warnings_shown(dialogs):
    return [call for call in dialogs.calls if call[0] == "warning"]


# -- structure ---------------------------------------------------------------------------------
def test_menus_panels_and_docks(viewer):
    titles = [action.text().replace("&", "") for action in viewer.menuBar().actions()]
    assert titles[:len(MENU_NAMES)] == list(MENU_NAMES)
    for key in PANEL_KEYS:
        dock = viewer.docks[key]
        assert dock.objectName() == key and dock.widget() is viewer.panels[key]
        assert dock.isVisible()
    assert viewer.model.config.kind == "lstm"  # the demo session


def test_default_layout_is_roomy(viewer):
    gates = viewer.docks["gates"]
    assert gates.x() < viewer.docks["cell_diagram"].x()
    assert gates.width() > 0.5 * viewer.width()
    for key in PANEL_KEYS:
        assert viewer.docks[key].height() > 150, key


def test_a_window_larger_than_the_screen_opens_maximised(qtbot):
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    window.resize(screen.width() + 100, screen.height())
    show_window(window)
    assert window.isMaximized()


def test_extra_docks_share_one_tabbed_slot(window):
    first = window.add_dock("extra_one", "One", QLabel("one"), Qt.DockWidgetArea.BottomDockWidgetArea)
    second = window.add_dock("extra_two", "Two", QLabel("two"), Qt.DockWidgetArea.BottomDockWidgetArea)
    assert second in window.tabifiedDockWidgets(first)
    assert not any(window.docks[key] in window.tabifiedDockWidgets(first) for key in PANEL_KEYS)
    right = window.add_dock("extra_right", "Right", QLabel("right"))
    assert right in window.tabifiedDockWidgets(window.docks["output"])
    assert window.panels["extra_two"].text() == "two"
    assert second.toggleViewAction() in window._panels_menu.actions()


# -- network toolbar ---------------------------------------------------------------------------
def test_every_kind_rebuilds_the_network_and_undo_restores_it(window):
    combo = window.config_toolbar.kind
    for index in range(combo.count()):
        combo.setCurrentIndex(index)
        kind = combo.itemData(index)
        assert window.model.config.kind == kind and window.model.network.kind == kind
        assert tuple(window.model.selected_layer_trace().gates) == GATES[kind]
        for key in PANEL_KEYS:
            assert window.docks[key].widget() is window.panels[key] and window.docks[key].isVisible()
    assert window.undo_stack.count() == combo.count()  # each kind differs from the one before
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert window.model.config.kind == "lstm" and combo.currentData() == "lstm"


def test_lstm_without_forget_gate_from_the_toolbar_rebuilds_every_panel(window):
    """lstm ↔ lstm_nofg ↔ the others, stacked and bidirectional: every panel and editor follows
    (three gates, a cell state, no forget gate anywhere)."""
    combo = window.config_toolbar.kind
    window.model.set_config(num_layers=2, bidirectional=True)
    for kind in ("lstm_nofg", "lstm", "lstm_nofg", "gru", "lstm_nofg", "peephole_lstm", "lstm_nofg"):
        combo.setCurrentIndex(combo.findData(kind))
        assert window.model.config.kind == kind
        window.model.set_selection(layer=1, direction=1)
        panels = window.panels
        assert tuple(panels["gates"].heatmaps) == GATES[kind]
        assert ("c" in panels["states"].views) == window.model.config.has_cell_state
        assert (panels["gradient"].dc_norm is not None) == window.model.config.has_cell_state
        assert panels["cell_diagram"].kind == kind
        assert ("f" in panels["cell_diagram"].blocks) == ("f" in GATES[kind])
        assert window.editing.states.tabs.isTabEnabled(1) == window.model.config.has_cell_state
    assert combo.currentText() == "LSTM without forget gate (1997)"
    assert window.model.document.parameters["weight_hh_l1_reverse"].shape == (3 * 8, 8)
    assert [ref.label for ref in window.editing.weights.refs][:3] == ["W_ii", "W_ig", "W_io"]
    assert window.undo_stack.undoText() == "Network kind: LSTM without forget gate (1997)"
    for key in PANEL_KEYS:
        assert window.docks[key].widget() is window.panels[key] and window.docks[key].isVisible()


def test_size_change_is_one_undoable_command_that_keeps_weights(window):
    old_weight = window.model.document.parameters["weight_ih_l0"][0].copy()
    with signal_counts(window.model) as emitted:
        window.config_toolbar.sizes["hidden_size"].setValue(16)
    assert window.model.config.hidden_size == 16
    assert window.undo_stack.count() == 1
    assert np.array_equal(window.model.document.parameters["weight_ih_l0"][0], old_weight)
    assert emitted["documentReplaced"] == emitted["structureChanged"] == emitted["evaluationChanged"] == 1
    window.undo_stack.undo()
    assert window.model.config.hidden_size == 8
    assert window.config_toolbar.sizes["hidden_size"].value() == 8


def test_absurd_size_is_refused_with_a_message(viewer, dialogs):
    before = viewer.model.snapshot()
    spin = viewer.config_toolbar.sizes["seq_len"]
    with signal_counts(viewer.model) as emitted:
        spin.setValue(999_999)
    assert len(warnings_shown(dialogs)) == 1
    assert "at most" in warnings_shown(dialogs)[0][1][2]
    assert viewer.model.document.equals(before)
    assert spin.value() == before.config.seq_len
    assert viewer.undo_stack.count() == 0
    assert emitted["evaluationChanged"] == 0


def test_controls_follow_the_model_without_issuing_commands(window):
    window.model.set_config(hidden_size=4, num_layers=2, bidirectional=True, kind="rnn_tanh")
    toolbar = window.config_toolbar
    assert toolbar.sizes["hidden_size"].value() == 4 and toolbar.sizes["num_layers"].value() == 2
    assert toolbar.bidirectional.isChecked() and toolbar.kind.currentData() == "rnn_tanh"
    assert window.undo_stack.count() == 0


def test_layer_and_direction_are_chosen_in_each_panel_and_the_toolbar_fits_small_screens(window):
    toolbar = window.config_toolbar
    selector = window.panels["gates"].selector
    assert selector.layer_box.isHidden() and selector.direction_box.isHidden()
    toolbar.sizes["num_layers"].setValue(2)
    toolbar.bidirectional.setChecked(True)
    assert not selector.layer_box.isHidden() and not selector.direction_box.isHidden()
    selector.layer_box.activated.emit(1)
    selector.direction_box.activated.emit(1)
    assert (window.model.view.layer, window.model.view.direction) == (1, 1)
    window.undo_stack.undo()  # not bidirectional any more: direction falls back to forward
    assert window.model.view.direction == 0 and selector.direction_box.isHidden()
    # kind, six sizes and "Bidirectional" fit a 1024-pixel screen (nothing behind "»")
    assert toolbar.sizeHint().width() <= 1000


# -- transport ---------------------------------------------------------------------------------
def test_transport_actions_step_without_recomputing(viewer):
    evaluation = viewer.model.evaluation
    transport, view = viewer.transport, viewer.model.view
    with signal_counts(viewer.model) as emitted:
        transport.forward_action.trigger()
        transport.forward_action.trigger()
        assert view.time_step == 2
        transport.back_action.trigger()
        assert view.time_step == 1
        transport.last_action.trigger()
        assert view.time_step == viewer.model.config.seq_len - 1
        assert transport.slider.value() == view.time_step + 1 == viewer.model.config.seq_len
        assert (transport.slider.minimum(), transport.slider.maximum()) == (1, 30)  # t = 1..T
        transport.first_action.trigger()
        assert view.time_step == 0
    assert viewer.model.evaluation is evaluation
    assert emitted["evaluationChanged"] == 0 and emitted["timeStepChanged"] == 5


def test_slider_moves_the_time_step(viewer):
    viewer.transport.slider.setValue(7)  # the slider counts from 1, the model from 0
    assert viewer.model.view.time_step == 6
    assert viewer.step_label.text() == "t = 7 / 30"
    viewer.model.set_time_step(0)
    assert viewer.transport.slider.value() == 1
    assert viewer.step_label.text() == "t = 1 / 30"


@pytest.mark.parametrize("key, expected", [(Qt.Key.Key_Right, 1), (Qt.Key.Key_End, 29)])
def test_shortcuts_reach_the_window_even_from_a_spin_box(viewer, key, expected):
    QTest.keyClick(viewer, key)
    assert viewer.model.view.time_step == expected
    viewer.model.set_time_step(5)
    spin = viewer.config_toolbar.sizes["hidden_size"]
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_Left)
    QTest.keyClick(spin, Qt.Key.Key_Home)
    assert viewer.model.view.time_step == 0
    assert spin.value() == 8 and viewer.undo_stack.count() == 0


def test_space_plays_and_pauses(viewer, qtbot):
    viewer.playback.set_speed(60)
    QTest.keyClick(viewer, Qt.Key.Key_Space)
    assert viewer.playback.is_playing
    qtbot.waitUntil(lambda: viewer.model.view.time_step >= 3, timeout=15000)
    QTest.keyClick(viewer, Qt.Key.Key_Space)
    assert not viewer.playback.is_playing
    assert viewer.transport.play_action.text() == "Play"


def test_play_button_runs_to_the_end(viewer, qtbot):
    viewer.playback.set_speed(60)
    viewer.model.set_time_step(25)
    viewer.transport.play_action.trigger()
    assert viewer.transport.play_action.text() == "Pause"
    qtbot.waitUntil(lambda: not viewer.playback.is_playing, timeout=15000)
    assert viewer.model.view.time_step == 29


def test_display_mode_toggle(viewer):
    transport = viewer.transport
    assert viewer.model.view.display_mode == "reveal" and transport.reveal_action.isChecked()
    transport.whole_action.trigger()
    assert viewer.model.view.display_mode == "whole"
    viewer.model.set_display_mode("reveal")
    assert transport.reveal_action.isChecked() and not transport.whole_action.isChecked()
    view_menu_actions = [a for m in viewer.menu("View").actions() if m.menu() for a in m.menu().actions()]
    assert transport.whole_action in view_menu_actions


# -- docks and layout --------------------------------------------------------------------------
def test_view_menu_hides_and_shows_panels(viewer):
    action = viewer.docks["gradient"].toggleViewAction()
    assert action in viewer._panels_menu.actions()
    action.trigger()
    assert not viewer.docks["gradient"].isVisible()
    action.trigger()
    assert viewer.docks["gradient"].isVisible()


def test_layout_is_remembered_between_runs(qtbot):
    first = make_window(qtbot)
    first.docks["gradient"].toggleViewAction().trigger()
    first.removeDockWidget(first.docks["output"])
    first.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, first.docks["output"])
    first.docks["output"].show()
    first.docks["states"].setFloating(True)
    first.playback.play()
    first.close()
    assert not first.playback.is_playing
    second = make_window(qtbot)
    assert second.docks["gradient"].isHidden() and second.docks["states"].isFloating()
    assert second.dockWidgetArea(second.docks["output"]) == Qt.DockWidgetArea.BottomDockWidgetArea
    second.reset_layout()
    assert second.docks["gradient"].isVisible() and not second.docks["states"].isFloating()
    assert second.dockWidgetArea(second.docks["output"]) == Qt.DockWidgetArea.RightDockWidgetArea
    assert QSettings().value("main_window/state") is not None


# -- status bar --------------------------------------------------------------------------------
def test_status_bar_shows_step_loss_and_timing(viewer, qtbot):
    viewer.model.set_time_step(4)
    assert viewer.step_label.text() == "t = 5 / 30"
    viewer.undo_stack.push(SetArrayCommand(viewer.model, "targets", np.full((30, 1), 0.5), "targets"))
    assert viewer.loss_label.text() == "loss = {0:.4g}".format(viewer.model.evaluation.loss)
    qtbot.waitUntil(lambda: "redraw" in viewer.timing_label.text())
    assert not viewer.nonfinite_label.isVisible()
    viewer.undo_stack.undo()


def test_edits_and_steps_repaint_without_re_laying_out_the_window(viewer, qtbot):
    """Live numbers (status bar, panel headers) repaint in place: a layout pass of the main
    window on every change would cost a frame of its own."""
    model = viewer.model
    model.set_display_mode("whole")
    weights = model.document.parameters["weight_hh_l0"].copy()

    def changes():
        for k in range(5):
            model.set_parameter("weight_hh_l0", weights * (1.0 + k / 10))  # new numbers everywhere
            model.set_time_step(k)
            qtbot.wait(5)
        qtbot.wait(TIMING_SHOWN_AFTER_MS + 50)
        model.set_parameter("weight_hh_l0", weights)

    changes()  # the labels take the widths these numbers need
    watched = [LayoutRequests(viewer), LayoutRequests(viewer.statusBar()),
               *(LayoutRequests(panel) for panel in viewer.panels.values())]
    changes()
    assert sum(requests.count for requests in watched) == 0


def test_status_bar_warns_when_values_overflow(qtbot):
    config = NetworkConfig(kind="rnn_relu", input_size=1, hidden_size=2, seq_len=200)
    window = make_window(qtbot, SessionModel(new_document(config)))
    assert not window.nonfinite_label.isVisible()
    with window.model.changes():
        window.model.set_inputs(np.ones((200, 1)))
        window.model.set_parameter("weight_hh_l0", np.full((2, 2), 1e6))
        window.model.set_parameter("bias_ih_l0", np.ones(2))
    assert window.model.trace.nonfinite
    assert window.nonfinite_label.isVisible()
    window.undo_stack.push(SetArrayCommand(window.model, "parameter", np.zeros((2, 2)), "reset",
                                           key="weight_hh_l0"))
    assert not window.nonfinite_label.isVisible()


def test_show_error_uses_a_warning_and_the_status_bar(viewer, dialogs):
    viewer.show_error("Title", "Something was refused.")
    assert warnings_shown(dialogs)[0][1][1:] == ("Title", "Something was refused.")
    assert viewer.statusBar().currentMessage() == "Something was refused."


def test_window_title_marks_modified(viewer):
    assert not viewer.isWindowModified()
    viewer.undo_stack.push(SetArrayCommand(viewer.model, "targets", np.ones((30, 1)), "targets"))
    assert viewer.isWindowModified()
    viewer.undo_stack.undo()


# -- colour scales -----------------------------------------------------------------------------
def test_view_menu_switches_colour_scales_kept_in_the_model_and_the_session_file(qtbot, tmp_path):
    window = make_window(qtbot)
    action = window.colour_scale_action
    assert action in window.menu("View").actions()
    assert action.isCheckable() and action.isChecked() and window.model.view.colour_scale == "fixed"
    heatmap = window.panels["states"].views["h"].heatmap
    assert heatmap.levels == (-1.0, 1.0)  # h = o⊙tanh(c): fixed by default
    action.trigger()
    assert window.model.view.colour_scale == "auto"
    assert window.panels["states"].colour_scale_box.isChecked() is False
    assert window.panels["gates"].colour_scale_box.isChecked() is False
    assert heatmap.levels != (-1.0, 1.0)  # fitted to the data now
    assert window.file_actions.save_to(str(tmp_path / "auto.lstms"))

    again = make_window(qtbot)
    assert again.colour_scale_action.isChecked()
    assert again.file_actions.open_path(tmp_path / "auto.lstms", ask=False)
    assert again.model.view.colour_scale == "auto" and not again.colour_scale_action.isChecked()
    assert again.panels["states"].views["h"].heatmap.levels == heatmap.levels
    again.panels["gates"].colour_scale_box.setChecked(True)  # the panel's box writes the model
    assert again.colour_scale_action.isChecked() and again.model.view.colour_scale == "fixed"


def test_the_first_screen_shows_the_whole_sequence_at_the_loss(qtbot):
    """The app starts on the demo with every step drawn and the cursor where the loss is."""
    from lstm_studio.app.application import make_window as app_window

    window = app_window(None, None, restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    model, T = window.model, window.model.config.seq_len
    loss_steps = np.flatnonzero(model.document.loss_mask)
    assert model.view.display_mode == "whole" and window.transport.whole_action.isChecked()
    assert model.view.time_step == loss_steps[-1] == T - 1
    assert window.transport.slider.value() == T
    gates = window.panels["gates"]
    assert all(heatmap.image.image.shape[0] == T for heatmap in gates.heatmaps.values())
    assert window.panels["gradient"].dh_map.image.image.shape[0] == T
    model.mark_saved()
