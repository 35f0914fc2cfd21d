"""Editing inside the real main window: docks, Edit menu, undo/redo by menu and shortcut,
refused input reported through the window, lessons."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.main_window import MainWindow
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.model import SessionModel

EDITOR_DOCKS = ("inputs_editor", "targets_editor", "weights_editor", "initial_state_editor", "undo_history")


@pytest.fixture
def window(qtbot):
    configure_pyqtgraph()
    doc = new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=6, seq_len=15), seed=3)
    doc.inputs = np.random.default_rng(0).normal(size=doc.inputs.shape)
    w = MainWindow(SessionModel(doc), restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    w.playback.pause()


def edit_actions(window):
    return {action.text().replace("&", ""): action for action in window.menu("Edit").actions()}


def test_docks_and_edit_menu(window):
    for key in EDITOR_DOCKS:
        assert window.docks[key].widget() is window.panels[key]
        assert window.docks[key].toolTip()
    editing = window.editing
    assert QKeySequence("Ctrl+Z") in editing.undo_action.shortcuts()
    assert set(editing.redo_action.shortcuts()) >= {QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")}
    actions = window.menu("Edit").actions()
    assert editing.undo_action in actions and editing.redo_action in actions
    assert editing.lessons.menu.menuAction() in actions
    assert not editing.undo_action.isEnabled()


def test_weight_slider_then_undo_by_menu_and_redo_by_shortcut(qtbot, window):
    model, editor = window.model, window.editing.weights
    before = model.snapshot()
    editor.select_cell(1, 1)
    editor.slider.setSliderDown(True)
    for position in (200, 400, 600):
        editor.slider.setValue(position)
    editor.slider.setSliderDown(False)
    after = model.snapshot()
    assert not after.equals(before) and window.undo_stack.count() == 1
    assert window.editing.history.model().rowCount() == 2  # <start> + the drag
    window.editing.undo_action.trigger()
    assert model.document.equals(before)
    assert np.array_equal(model.network.parameters()["weight_ih_l0"], before.parameters["weight_ih_l0"])
    QTest.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert model.document.equals(after)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert model.document.equals(before)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert model.document.equals(after)


def test_every_kind_of_edit_undoes_exactly(qtbot, window):
    model, editing, stack = window.model, window.editing, window.undo_stack
    snapshots = [model.snapshot()]
    table = editing.inputs.table_model
    edits = [
        lambda: table.setData(table.index(2, 1), "0.5"),
        lambda: editing.inputs.apply_generator(),
        lambda: editing.targets.length.setValue(9),
        lambda: editing.weights.buttons["zero"].click(),
        lambda: editing.lessons.actions["input_gate_shut"].trigger(),
        lambda: editing.states.table_models["c0"].setData(editing.states.table_models["c0"].index(0, 3), "-2"),
        lambda: (editing.states.tabs.setCurrentIndex(1), editing.states.zero_button.click()),
    ]
    for edit in edits:
        edit()
        snapshots.append(model.snapshot())
        assert not snapshots[-1].equals(snapshots[-2])
    assert stack.count() == len(edits)
    for snapshot in reversed(snapshots[:-1]):
        stack.undo()
        assert model.document.equals(snapshot)
    for snapshot in snapshots[1:]:
        stack.redo()
        assert model.document.equals(snapshot)


def test_refused_input_goes_through_show_error(qtbot, window, dialogs):
    model = window.model
    before = model.snapshot()
    table = window.editing.inputs.table_model
    assert not table.setData(table.index(0, 0), "nan")
    assert not window.editing.states.table_models["h0"].setData(
        window.editing.states.table_models["h0"].index(0, 0), "2e6")
    warnings = [call for call in dialogs.calls if call[0] == "warning"]
    assert len(warnings) == 2
    assert "NaN" in warnings[0][1][2] and "beyond" in warnings[1][1][2]
    assert model.document.equals(before) and window.undo_stack.count() == 0


def test_kind_change_disables_lessons_and_undo_restores(qtbot, window):
    from lstm_studio.app.commands import ConfigCommand

    before = window.model.snapshot()
    window.undo_stack.push(ConfigCommand(window.model, "kind", kind="gru"))
    lessons = window.editing.lessons.actions
    assert not lessons["forget_gate_open"].isEnabled()
    assert window.editing.states.tabs.isTabEnabled(1) is False
    window.editing.undo_action.trigger()
    assert lessons["forget_gate_open"].isEnabled() and window.model.document.equals(before)
