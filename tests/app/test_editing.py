"""Editing inside the real main window: docks, Edit menu, undo/redo by menu and shortcut,
refused input reported through the window."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.window.main_window import MainWindow
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
    assert not any("Lesson" in action.text() for action in actions)  # lessons have their own menu
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
        lambda: editing.weights.buttons["bias"].click(),
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
    assert stack.count() == len(edits), "editors following the model never push commands"


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


def test_kind_change_and_undo_restores(qtbot, window):
    from lstm_studio.app.editors.commands import ConfigCommand

    before = window.model.snapshot()
    window.undo_stack.push(ConfigCommand(window.model, "kind", kind="gru"))
    assert window.editing.states.tabs.isTabEnabled(1) is False
    window.editing.undo_action.trigger()
    assert window.editing.states.tabs.isTabEnabled(1) and window.model.document.equals(before)


# -- the initial-state editor alone ------------------------------------------------------------
@pytest.fixture
def state_editor(qtbot):
    from PySide6.QtGui import QUndoStack

    from lstm_studio.app.editors.state_editor import StateEditor

    doc = new_document(NetworkConfig(kind="lstm", input_size=1, hidden_size=3, num_layers=2,
                                     bidirectional=True, seq_len=6))
    doc.inputs[:] = 0.5
    editor = StateEditor(SessionModel(doc), QUndoStack())
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_initial_state_tables_reach_the_engine(qtbot, state_editor):
    from test_sequence_editor import type_into_cell

    editor, model, stack = state_editor, state_editor.model, state_editor.undo_stack
    table = editor.tables["h0"]
    assert table.model().rowCount() == 4 and table.model().columnCount() == 3
    assert table.model().headerData(3, Qt.Orientation.Vertical) == "layer 1 ←"
    before = model.snapshot()
    type_into_cell(qtbot, table, 3, 2, "0.25")
    assert model.document.h0[3, 2] == 0.25
    assert model.trace.layer(1, 1).h0[0, 2] == 0.25
    editor.tabs.setCurrentIndex(1)
    type_into_cell(qtbot, editor.tables["c0"], 0, 0, "-1.5")
    assert model.trace.layer(0, 0).c0[0, 0] == -1.5
    edited = model.snapshot()
    editor.zero_button.click()
    assert not model.document.c0.any() and model.document.h0[3, 2] == 0.25
    assert stack.count() == 3
    stack.undo()
    assert model.document.equals(edited)
    stack.undo()
    stack.undo()
    assert model.document.equals(before)


def test_c0_only_for_lstm_kinds(qtbot, state_editor):
    model = state_editor.model
    state_editor.tabs.setCurrentIndex(1)
    model.set_config(kind="rnn_tanh")
    assert not state_editor.tabs.isTabEnabled(1) and state_editor.current_target() == "h0"
    assert "LSTM" in state_editor.tabs.tabToolTip(1)
    model.set_config(kind="peephole_lstm", hidden_size=5)
    assert state_editor.tabs.isTabEnabled(1) and state_editor.tables["c0"].model().columnCount() == 5


def test_bad_initial_state_is_refused(qtbot, state_editor):
    table = state_editor.table_models["h0"]
    with qtbot.waitSignal(state_editor.errorOccurred) as refusal:
        assert not table.setData(table.index(0, 0), "inf")
    assert state_editor.message.text() == "⚠ " + refusal.args[0] and state_editor.undo_stack.count() == 0


def test_state_rows_are_labelled_by_layer_and_direction(qtbot, state_editor):
    table = state_editor.table_models["h0"]
    assert [table.headerData(r, Qt.Orientation.Vertical) for r in range(4)] == [
        "layer 0 →", "layer 0 ←", "layer 1 →", "layer 1 ←"]
    state_editor.model.set_config(bidirectional=False)
    assert [table.headerData(r, Qt.Orientation.Vertical) for r in range(2)] == ["layer 0", "layer 1"]


def test_the_c0_tab_stays_shown_through_changes_that_keep_a_cell_state(qtbot, state_editor):
    state_editor.tabs.setCurrentIndex(1)
    state_editor.model.set_config(hidden_size=4)
    assert state_editor.current_target() == "c0" and state_editor.tabs.isTabEnabled(1)
    assert state_editor.tabs.tabToolTip(1) == "Initial cell state c0."


@pytest.mark.parametrize("tab, target", [(0, "h0"), (1, "c0")])
def test_zeroing_a_state_is_one_undo_step_named_after_it(qtbot, state_editor, tab, target):
    state_editor.model.set_initial_state(**{target: np.ones((4, 3))})  # not through the stack: nothing to undo yet
    state_editor.tabs.setCurrentIndex(tab)
    state_editor.zero_button.click()
    assert state_editor.undo_stack.count() == 1 and state_editor.undo_stack.undoText() == f"Zero {target}"


def test_every_editor_control_has_a_tooltip(window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QGraphicsView,
        QLineEdit,
        QSlider,
        QTabBar,
        QWidget,
    )

    controls = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QSlider, QAbstractItemView, QGraphicsView)
    inner = (QAbstractItemView, QAbstractSpinBox, QComboBox, QTabBar)  # their own sub-widgets
    checked = 0
    for key in EDITOR_DOCKS:
        panel = window.panels[key]
        for widget in [panel, *panel.findChildren(QWidget)]:
            parent, nested = widget.parentWidget(), False
            while parent is not None and parent is not panel:
                nested |= isinstance(parent, inner)
                parent = parent.parentWidget()
            if not nested and isinstance(widget, controls):
                assert widget.toolTip(), f"{key}: {type(widget).__name__} {widget.objectName()!r} has no tooltip"
                checked += 1
    assert checked > 50


# -- a random user -----------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [7, 8])
def test_random_edits_never_raise_and_undo_all_the_way(qtbot, seed):
    """Hundreds of random edits through every editor (kind and size changes included): no
    exception in any slot, editors always show the document, and undo/redo walk the history."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QUndoStack

    from lstm_studio.app.editors.commands import ConfigCommand
    from lstm_studio.app.editors.sequence_editor import SequenceEditor
    from lstm_studio.app.editors.state_editor import StateEditor
    from lstm_studio.app.editors.weight_editor import WeightEditor

    rng = np.random.default_rng(seed)
    model = SessionModel(new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=3, seq_len=8)))
    stack = QUndoStack()
    weights, inputs, targets, states = (WeightEditor(model, stack), SequenceEditor(model, stack, "inputs"),
                                        SequenceEditor(model, stack, "targets"), StateEditor(model, stack))
    for widget in (weights, inputs, targets, states):
        qtbot.addWidget(widget)
    texts = ["0.5", "-3", "abc", "nan", "1e9", "", "2,5", "7"]

    def pick(combo):
        combo.setCurrentIndex(int(rng.integers(combo.count())))
        combo.activated.emit(combo.currentIndex())

    def weight_action():
        for combo in (weights.layer, weights.direction, weights.matrix):
            pick(combo)
        rows, columns = weights.block().shape
        weights.select_cell(int(rng.integers(rows)), int(rng.integers(columns)))
        choice = rng.integers(4)
        if choice == 0:
            weights.slider.setSliderDown(True)
            for position in rng.integers(-1000, 1000, 3):
                weights.slider.setValue(int(position))
            weights.slider.setSliderDown(False)
        elif choice == 1:
            weights.value.setValue(float(rng.normal()))
        elif choice == 2:
            list(weights.buttons.values())[int(rng.integers(len(weights.buttons)))].click()
        else:
            weights.bias.setValue(float(rng.normal(scale=5.0)))
            weights.buttons["bias"].click()

    def sequence_action():
        editor = inputs if rng.random() < 0.5 else targets
        choice = rng.integers(4)
        if choice == 0:
            pick(editor.generator)
            pick(editor.channel)
            editor.settings["text"].setText("abca"[: int(rng.integers(5))])
            editor.apply_generator()
        elif choice == 1:
            table = editor.table_model
            table.setData(table.index(int(rng.integers(table.rowCount())), int(rng.integers(table.columnCount()))),
                          texts[int(rng.integers(len(texts)))])
        elif choice == 2:
            editor.view_box.strokeStarted.emit()
            for _ in range(3):
                editor.view_box.strokePoint.emit(QPointF(rng.uniform(-2, 12), rng.uniform(-2, 2)))
            editor.view_box.strokeFinished.emit()
        else:
            editor.length.setValue(int(rng.integers(1, 12)))

    def state_action():
        table = states.table_models["h0" if rng.random() < 0.5 else "c0"]
        table.setData(table.index(int(rng.integers(table.rowCount())), int(rng.integers(table.columnCount()))),
                      texts[int(rng.integers(len(texts)))])

    def config_action():
        changes = [{"kind": str(rng.choice(["rnn_tanh", "lstm", "gru", "peephole_lstm"]))},
                   {"hidden_size": int(rng.integers(1, 5))}, {"num_layers": int(rng.integers(1, 3))},
                   {"bidirectional": bool(rng.random() < 0.5)}, {"output_size": int(rng.integers(1, 3))}]
        stack.push(ConfigCommand(model, "config", **changes[int(rng.integers(len(changes)))]))

    def undo_redo():
        (stack.undo if rng.random() < 0.6 else stack.redo)()

    start = model.snapshot()
    actions = [weight_action, sequence_action, state_action, config_action, undo_redo]
    for _ in range(250):
        actions[int(rng.choice(5, p=[0.35, 0.3, 0.1, 0.1, 0.15]))]()
        assert np.array_equal(weights.image.image, weights.block())
        assert inputs.table_model.columnCount() == model.config.input_size
        assert len(targets.curves) == model.config.output_size
    end, index = model.snapshot(), stack.index()
    stack.setIndex(0)
    assert model.document.equals(start)
    stack.setIndex(index)
    assert model.document.equals(end)


# -- details found by mutation testing -----------------------------------------------------------
def test_every_editors_refusal_is_titled_after_the_editor(qtbot, window, dialogs):
    editing = window.editing
    refusals = {"Input refused": editing.inputs, "Target refused": editing.targets,
                "Weight edit refused": editing.weights, "Initial state refused": editing.states}
    for title, editor in refusals.items():
        editor.errorOccurred.emit(f"why {title}")
    warnings = [call[1] for call in dialogs.calls if call[0] == "warning"]
    assert [(parent, title, message) for parent, title, message, *_ in warnings] == [
        (window, title, f"why {title}") for title in refusals]


def test_the_edit_menu_shows_tool_tips_and_history_shows_the_list(qtbot, window):
    menu = window.menu("Edit")
    assert menu.toolTipsVisible()
    editing = window.editing
    assert editing.history_action in menu.actions() and editing.history_action.text() == "&History"
    dock = window.docks["undo_history"]
    was = dock.isVisible()
    editing.history_action.trigger()
    assert dock.isVisible() is not was
    for action in (editing.undo_action, editing.redo_action):
        assert action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut
        assert action in window.actions()


def test_undo_and_redo_name_the_edit_they_would_take_back_or_again(qtbot, window):
    editing, stack = window.editing, window.undo_stack
    assert (editing.undo_action.text(), editing.redo_action.text()) == ("&Undo", "&Redo")
    editing.weights.select_cell(1, 1)
    editing.weights.value.setValue(0.125)
    assert (editing.undo_action.text(), editing.redo_action.text()) == ("&Undo Set W_ii[1, 1]", "&Redo")
    stack.undo()
    assert (editing.undo_action.text(), editing.redo_action.text()) == ("&Undo", "&Redo Set W_ii[1, 1]")


def history_row_centre(history, row):
    return history.visualRect(history.model().index(row, 0)).center()


def test_clicks_and_keys_in_history_move_the_document_in_one_update(qtbot, window):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from lstm_studio.app.editors.commands import ConfigCommand

    model, stack, history = window.model, window.undo_stack, window.editing.history
    window.docks["undo_history"].show()
    window.docks["undo_history"].raise_()
    qtbot.waitExposed(history)
    sizes = [model.config.hidden_size]
    for hidden in (7, 8, 9):
        stack.push(ConfigCommand(model, f"hidden {hidden}", hidden_size=hidden))
        sizes.append(hidden)
    rebuilt = []
    model.structureChanged.connect(lambda: rebuilt.append(model.snapshot().config.hidden_size))
    viewport = history.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     history_row_centre(history, 0))
    assert stack.index() == 0 and model.snapshot().config.hidden_size == sizes[0]
    assert rebuilt == [sizes[0]], "three steps undone: one rebuild"
    rebuilt.clear()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     history_row_centre(history, 1))
    QTest.mouseMove(viewport, history_row_centre(history, 3))  # dragged down the list, the button held
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       history_row_centre(history, 3))
    assert stack.index() == 3 and model.snapshot().config.hidden_size == 9
    assert rebuilt == [7, 9], "the press moves to its entry, the drag on to the last: one rebuild each"
    stack.setIndex(0)
    rebuilt.clear()
    for _ in range(3):  # the view's own key handling, as a user's down arrow
        QApplication.sendEvent(history, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier))
    assert stack.index() == 3 and model.snapshot().config.hidden_size == 9
    assert rebuilt == [7, 8, 9], "one rebuild a key press"
    rebuilt.clear()
    QApplication.sendEvent(history, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier))
    assert stack.index() == 2 and rebuilt == [8]


def test_a_deleted_windows_editing_goes_with_it(qtbot):
    """The editing objects and the Edit menu's actions belong to their window: deleting the
    window deletes them (nothing of a closed window stays alive behind it)."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    doc = new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=3, seq_len=5), seed=1)
    w = MainWindow(SessionModel(doc), restore_layout=False)
    editing = w.editing
    assert editing.parent() is w
    kept = (editing, editing.undo_action, editing.redo_action)
    w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(o) for o in kept)


def test_the_editor_docks_are_titled_and_open_on_the_right(window):
    titles = {"inputs_editor": "Inputs", "targets_editor": "Targets and loss", "weights_editor": "Weights",
              "initial_state_editor": "Initial state", "undo_history": "History"}
    for key, title in titles.items():
        dock = window.docks[key]
        assert dock.windowTitle() == title
        assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_each_sequence_dock_edits_its_own_array(qtbot, window):
    model, editing = window.model, window.editing
    before = model.snapshot()
    for editor, name, value in ((editing.inputs, "inputs", 0.75), (editing.targets, "targets", -0.25)):
        table = editor.table_model
        assert table.setData(table.index(1, 0), str(value))
        assert getattr(model.document, name)[1, 0] == value
    assert model.document.inputs[1, 0] == 0.75 and model.document.targets[1, 0] == -0.25
    assert np.array_equal(np.delete(model.document.inputs, 1, axis=0), np.delete(before.inputs, 1, axis=0))
    assert np.array_equal(np.delete(model.document.targets, 1, axis=0), np.delete(before.targets, 1, axis=0))
