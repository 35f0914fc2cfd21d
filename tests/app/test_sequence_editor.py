"""The input/target editor driven like a user: typing, drawing, generators, sizes, loss."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from lstm_studio.app.editors.array_table import parse_number
from lstm_studio.app.editors.sequence_editor import SequenceEditor
from lstm_studio.session import generators
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.model import SessionModel


@pytest.fixture
def model():
    return SessionModel(new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=4, seq_len=10)))


@pytest.fixture
def stack():
    return QUndoStack()


@pytest.fixture
def editor(qtbot, model, stack):
    widget = SequenceEditor(model, stack, "inputs")
    qtbot.addWidget(widget)
    widget.resize(500, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def target_editor(qtbot, model, stack):
    widget = SequenceEditor(model, stack, "targets")
    qtbot.addWidget(widget)
    widget.resize(500, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def assert_undo_redo_exact(stack, model, before, after):
    """Undo gives back exactly ``before`` and redo exactly ``after`` (documents, bit for bit)."""
    stack.undo()
    assert model.document.equals(before)
    stack.redo()
    assert model.document.equals(after)


def type_into_cell(qtbot, view, row, column, text):
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    line = view.findChild(QLineEdit)
    assert line is not None, "the cell opens a text editor"
    line.selectAll()
    QTest.keyClick(line, Qt.Key.Key_Delete)
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)
    # the delegate commits on Return through a queued call: let the event loop run it
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_typing_a_value_reaches_the_engine_and_undoes_exactly(qtbot, editor, model, stack):
    before = model.snapshot()
    with qtbot.waitSignal(model.evaluationChanged):
        type_into_cell(qtbot, editor.table, 3, 1, "0.125")
    assert model.document.inputs[3, 1] == 0.125
    assert model.trace.x[3, 0, 1] == 0.125
    assert stack.count() == 1
    after = model.snapshot()
    assert_undo_redo_exact(stack, model, before, after)
    assert editor.table_model.data(editor.table_model.index(3, 1)) == "0.125"
    assert np.array_equal(editor.curves[1].getData()[1], model.document.inputs[:, 1])


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "-inf", "1e7", "", "1e400", "0x10"])
def test_bad_text_is_refused_with_a_message(qtbot, editor, model, stack, text):
    before = model.snapshot()
    with qtbot.waitSignal(editor.errorOccurred) as signal:
        type_into_cell(qtbot, editor.table, 0, 0, text)
    assert signal.args[0]
    assert editor.message.text()
    assert model.document.equals(before) and stack.count() == 0


def test_decimal_comma_and_unchanged_values():
    assert parse_number(" 0,5 ") == 0.5
    assert parse_number("-1e6") == -1e6
    with pytest.raises(ValueError):
        parse_number("1,000.5")


def test_setting_the_same_value_pushes_nothing(editor, model, stack):
    table = editor.table_model
    assert table.setData(table.index(0, 0), table.data(table.index(0, 0), Qt.ItemDataRole.EditRole))
    assert stack.count() == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=12), row=st.integers(0, 9), column=st.integers(0, 1))
def test_random_text_never_raises(editor, model, stack, text, row, column):
    table = editor.table_model
    count = stack.count()
    accepted = table.setData(table.index(row, column), text)
    value = model.document.inputs[row, column]
    assert np.isfinite(value) and abs(value) <= 1e6
    if not accepted:
        assert stack.count() == count


def view_point(editor, t, value):
    """The viewport pixel of data point (t, value) on the editor's plot."""
    scene = editor.view_box.mapViewToScene(QPointF(t, value))
    return editor.plot.mapFromScene(scene)


def draw(qtbot, editor, points):
    viewport = editor.plot.viewport()
    pixels = [view_point(editor, t, v) for t, v in points]
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixels[0])
    for pixel in pixels[1:]:
        QTest.mouseMove(viewport, pixel)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixels[-1])


def test_a_drawn_stroke_is_one_merged_command(qtbot, editor, model, stack):
    editor.channel.setCurrentIndex(editor.channel.findData(0))
    before = model.snapshot()
    with qtbot.waitSignal(model.evaluationChanged):
        draw(qtbot, editor, [(1, 0.5), (3, 1.0), (6, -1.0)])
    inputs = model.document.inputs
    assert stack.count() == 1
    assert np.allclose(inputs[1:7, 0], [0.5, 0.75, 1.0, 1 / 3, -1 / 3, -1.0], atol=0.05)
    assert np.all(inputs[:, 1] == 0) and inputs[0, 0] == 0 and np.all(inputs[7:, 0] == 0)
    after = model.snapshot()
    draw(qtbot, editor, [(8, 0.5), (9, 0.5)])
    assert stack.count() == 2, "a second stroke is a second command"
    assert_undo_redo_exact(stack, model, after, model.snapshot())
    stack.undo()
    stack.undo()
    assert model.document.equals(before)


def test_a_stroke_follows_the_pointer_within_a_step_and_backwards(editor, model, stack):
    editor.channel.setCurrentIndex(editor.channel.findData(1))
    box = editor.view_box
    box.strokeStarted.emit()
    box.strokePoint.emit(QPointF(5, 1.0))
    box.strokePoint.emit(QPointF(5.2, -1.0))  # down within the same step
    assert model.document.inputs[5, 1] == -1.0
    box.strokePoint.emit(QPointF(2, 0.5))  # then back in time
    box.strokeFinished.emit()
    assert np.allclose(model.document.inputs[2:6, 1], [0.5, 0.0, -0.5, -1.0])
    assert stack.count() == 1


def test_a_click_sets_one_step_of_every_channel(qtbot, editor, model, stack):
    editor.channel.setCurrentIndex(editor.channel.findData(None))
    QTest.mouseClick(editor.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view_point(editor, 4, 0.8))
    row = model.document.inputs[4]
    assert stack.count() == 1 and row[0] == row[1] and abs(row[0] - 0.8) < 0.05


@pytest.mark.parametrize("name, settings_, expected", [
    ("sine", {"period": 4.0, "phase": 0.0, "amplitude": 2.0}, generators.sine(10, 4.0, 0.0, 2.0)),
    ("step", {"k": 3, "value": 1.5}, generators.step(10, 2, 1.5)),  # k counts t = 1..T
    ("impulse", {"k": 10, "value": -2.0}, generators.impulse(10, 9, -2.0)),
    ("uniform", {"low": -1.0, "high": 1.0, "seed": 5}, generators.uniform_noise(10, -1, 1, 5 + 1)),
    ("gaussian", {"mean": 0.0, "std": 0.5, "seed": 2}, generators.gaussian_noise(10, 0, 0.5, 2 + 1)),
    ("constant", {"value": 3.0}, generators.constant(10, 3.0)),
])
def test_generators_fill_the_chosen_channel(qtbot, editor, model, stack, name, settings_, expected):
    editor.generator.setCurrentIndex(editor.generator.findData(name))
    for key, value in settings_.items():
        editor.settings[key].setValue(value)
    editor.channel.setCurrentIndex(editor.channel.findData(1))
    before = model.snapshot()
    with qtbot.waitSignal(model.evaluationChanged):
        QTest.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert np.allclose(model.document.inputs[:, 1], expected, rtol=0, atol=1e-12)
    assert np.all(model.document.inputs[:, 0] == 0)
    assert stack.count() == 1
    assert_undo_redo_exact(stack, model, before, model.snapshot())


def test_generator_on_all_channels_then_zeros(editor, model, stack):
    editor.generator.setCurrentIndex(editor.generator.findData("constant"))
    editor.channel.setCurrentIndex(editor.channel.findData(None))
    editor.apply_generator()
    assert np.all(model.document.inputs == 1.0)
    editor.generator.setCurrentIndex(editor.generator.findData("zeros"))
    editor.apply_generator()
    assert np.all(model.document.inputs == 0.0) and stack.count() == 2


def test_one_hot_text_changes_the_input_size_in_one_command(qtbot, editor, model, stack):
    editor.generator.setCurrentIndex(editor.generator.findData("one_hot"))
    assert editor.settings["text"].isVisibleTo(editor) and not editor.settings["k"].isVisibleTo(editor)
    QTest.keyClicks(editor.settings["text"], "hello")
    before = model.snapshot()
    with qtbot.waitSignal(model.structureChanged):
        editor.apply_generator()
    assert model.config.input_size == 4 and model.config.seq_len == 5
    assert np.array_equal(model.document.inputs, generators.one_hot("hello", "ehlo"))
    assert model.trace.x.shape == (5, 1, 4)
    assert stack.count() == 1 and len(editor.curves) == 4 and editor.table_model.columnCount() == 4
    assert_undo_redo_exact(stack, model, before, model.snapshot())
    QTest.keyClicks(editor.settings["vocabulary"], "xyz")
    with qtbot.waitSignal(editor.errorOccurred):
        editor.apply_generator()
    assert stack.count() == 1


def test_length_and_channels_are_config_changes(qtbot, editor, model, stack):
    before = model.snapshot()
    editor.length.setValue(6)
    assert model.config.seq_len == 6 and editor.table_model.rowCount() == 6
    editor.channels.setValue(3)
    assert model.config.input_size == 3 and len(editor.curves) == 3
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert model.document.equals(before)
    assert editor.length.value() == 10 and editor.channels.value() == 2


def test_editor_follows_outside_changes_without_commands(editor, model, stack):
    model.set_inputs(np.full((10, 2), 0.25))
    assert np.all(editor.curves[0].getData()[1] == 0.25)
    assert editor.table_model.data(editor.table_model.index(2, 1)) == "0.25"
    model.set_config(input_size=3)
    assert editor.channel.count() == 4 and stack.count() == 0


def test_targets_loss_steps_and_kind(qtbot, target_editor, model, stack):
    editor = target_editor
    before = model.snapshot()
    editor.steps_text.setText("1, 5, 7-8")  # t = 1..T, as the course notes count
    editor.steps_text.editingFinished.emit()
    assert np.array_equal(np.flatnonzero(model.document.loss_mask), [0, 4, 6, 7])
    assert editor.loss_steps.currentData() == "chosen"
    editor.loss_steps.setCurrentIndex(editor.loss_steps.findData("last"))
    editor.loss_steps.activated.emit(editor.loss_steps.currentIndex())
    assert np.flatnonzero(model.document.loss_mask).tolist() == [9]
    assert np.count_nonzero(model.evaluation.per_step_loss[:9]) == 0
    editor.loss_kind.setCurrentIndex(editor.loss_kind.findData("cross_entropy"))
    editor.loss_kind.activated.emit(editor.loss_kind.currentIndex())
    assert model.document.loss == "cross_entropy"
    assert stack.count() == 3
    for _ in range(3):
        stack.undo()
    assert model.document.equals(before)
    assert editor.loss_kind.currentData() == "mse" and editor.steps_text.text() == "1-10"


def choose(combo, data) -> None:
    """Pick the item holding ``data`` as a user does (``activated`` follows)."""
    combo.setCurrentIndex(combo.findData(data))
    combo.activated.emit(combo.currentIndex())


def test_undo_while_the_loss_steps_box_has_focus_keeps_the_history(qtbot, target_editor, model, stack):
    """Issue 12 (6): Every step → Chosen steps → Undo → click the table re-applied the box's
    stale text as a new command, and the redo stack was lost. The box follows the model even
    while focused, and leaving it without typing pushes nothing."""
    editor = target_editor
    undo = stack.createUndoAction(editor)  # the app's Edit ▸ Undo
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)

    choose(editor.loss_steps, "last")
    choose(editor.loss_steps, "every")
    assert stack.count() == 2 and model.document.loss_mask.all()
    after_every = model.snapshot()
    choose(editor.loss_steps, "chosen")  # puts the cursor into the box, which shows 1-10
    qtbot.waitUntil(editor.steps_text.hasFocus)
    assert editor.steps_text.text() == "1-10" and stack.count() == 2

    undo.trigger()  # Edit ▸ Undo (or History): the box keeps the keyboard focus
    assert editor.steps_text.hasFocus()
    assert stack.index() == 1 and np.flatnonzero(model.document.loss_mask).tolist() == [9]
    assert editor.steps_text.text() == "10"  # follows the model although focused
    assert editor.loss_steps.currentData() == "last"

    cell = editor.table.visualRect(editor.table.model().index(2, 0)).center()
    QTest.mouseClick(editor.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.waitUntil(lambda: not editor.steps_text.hasFocus())
    assert stack.count() == 2 and stack.index() == 1 and stack.canRedo()  # nothing pushed, redo kept
    assert np.flatnonzero(model.document.loss_mask).tolist() == [9]
    assert editor.message.text() == ""
    stack.redo()
    assert model.document.equals(after_every) and editor.steps_text.text() == "1-10"


def test_typing_in_the_focused_loss_steps_box_survives_other_changes(qtbot, target_editor, model, stack):
    """While the user types, changes that leave the loss steps alone keep the typed text; Enter
    applies it as one command; leaving the box again pushes nothing more."""
    editor = target_editor
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.steps_text.setFocus()
    qtbot.waitUntil(editor.steps_text.hasFocus)
    editor.steps_text.selectAll()
    QTest.keyClicks(editor.steps_text, "2, 4")
    model.set_targets(np.full((10, 1), 0.5))  # another change: the loss steps stay
    assert editor.steps_text.text() == "2, 4"
    QTest.keyClick(editor.steps_text, Qt.Key.Key_Return)
    assert np.flatnonzero(model.document.loss_mask).tolist() == [1, 3] and stack.count() == 1
    editor.table.setFocus()
    qtbot.waitUntil(lambda: not editor.steps_text.hasFocus())
    assert stack.count() == 1


def test_bad_loss_steps_are_refused(qtbot, target_editor, model, stack):
    target_editor.steps_text.setText("3, twelve")
    with qtbot.waitSignal(target_editor.errorOccurred):
        target_editor.steps_text.editingFinished.emit()
    assert model.document.loss_mask.all() and stack.count() == 0


def test_targets_are_edited_like_inputs(qtbot, target_editor, model, stack):
    type_into_cell(qtbot, target_editor.table, 2, 0, "-0.75")
    assert model.document.targets[2, 0] == -0.75 and np.all(model.document.inputs == 0)
    assert model.evaluation.loss > 0


def test_copy_and_paste_blocks(qtbot, editor, model, stack):
    from PySide6.QtGui import QGuiApplication

    clipboard = QGuiApplication.clipboard()
    clipboard.setText("1.5\t-2\n0,25\t3e-3\n")
    editor.table.setCurrentIndex(editor.table_model.index(7, 0))
    before = model.snapshot()
    QTest.keyClick(editor.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert np.array_equal(model.document.inputs[7:9], [[1.5, -2.0], [0.25, 0.003]])
    assert stack.count() == 1
    editor.table.selectionModel().clear()
    for row, column in ((7, 0), (8, 1)):
        editor.table.selectionModel().select(editor.table_model.index(row, column),
                                             editor.table.selectionModel().SelectionFlag.Select)
    QTest.keyClick(editor.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "1.5\t-2.0\n0.25\t0.003"
    stack.undo()
    assert model.document.equals(before)


@pytest.mark.parametrize("text, message", [
    ("1 2 3", "does not fit"), ("1\n2 3", "equally many"), ("1 x", "not a number"), ("", "equally many"),
    ("1 nan", "NaN"),
])
def test_bad_pastes_are_refused(qtbot, editor, model, stack, text, message):
    with qtbot.waitSignal(editor.errorOccurred) as signal:
        assert not editor.table_model.paste(9, 0, text)
    assert message in signal.args[0] and stack.count() == 0


def test_time_is_counted_from_one_in_headers_axis_and_step_settings(editor, model):
    """Row headers, the plot's time axis and the generator's k read t = 1..T (the course notes'
    count); the arrays behind them stay 0-based."""
    table = editor.table_model
    assert [table.headerData(row, Qt.Orientation.Vertical) for row in (0, 9)] == ["t=1", "t=10"]
    axis = editor.plot.getAxis("bottom")
    values = [v for _, level in axis.tickValues(-0.5, 9.5, 400) for v in level]
    labels = axis.tickStrings(sorted(values), 1, 1)
    assert labels[0] == "1" and labels[-1] == "10" and "0" not in labels
    k = editor.settings["k"]
    assert (k.minimum(), k.maximum()) == (1, 10)
    editor.generator.setCurrentIndex(editor.generator.findData("impulse"))
    editor.channel.setCurrentIndex(editor.channel.findData(0))
    k.setValue(1)
    editor.apply_generator()
    assert np.flatnonzero(model.document.inputs[:, 0]).tolist() == [0]


def test_a_change_of_sizes_keeps_the_curves_of_the_channels_still_there(editor, model):
    """Making a curve per channel again on every change of sizes took over a second at 256
    channels: the curves of channels still there stay, and each draws its channel's new values."""
    from lstm_studio.app.editors.sequence_editor import MAX_POINTS_WITH_SYMBOLS, with_symbols

    first = list(editor.curves)
    assert len(first) == 2 and all(c.opts["symbol"] == "o" for c in first)  # 10 steps × 2 channels: dots
    model.set_config(input_size=5, seq_len=30)
    assert editor.curves[:2] == first and len(editor.curves) == 5
    assert all(c in editor.plot.listDataItems() for c in editor.curves)
    for k, curve in enumerate(editor.curves):
        x, y = curve.getData()
        np.testing.assert_array_equal(x, np.arange(30))
        np.testing.assert_array_equal(y, model.document.inputs[:, k])
    kept = editor.curves[:3]
    model.set_config(input_size=3)
    assert editor.curves == kept and all(c not in editor.plot.listDataItems() for c in set(first) - set(kept))
    assert len([item for item in editor.plot.listDataItems() if item in editor.curves]) == 3
    # dots only while they leave the curves readable: at most 200 steps and MAX_POINTS_WITH_SYMBOLS points
    assert with_symbols(200, 1) and not with_symbols(201, 1)
    assert with_symbols(100, MAX_POINTS_WITH_SYMBOLS // 100) and not with_symbols(100, MAX_POINTS_WITH_SYMBOLS // 100 + 1)
    model.set_config(input_size=64, seq_len=100)  # 6400 points: no dots, on the kept curves too
    assert editor.curves[:3] == kept and all(c.opts["symbol"] is None for c in editor.curves)
    model.set_config(input_size=2, seq_len=10)
    assert editor.curves == kept[:2] and all(c.opts["symbol"] == "o" for c in editor.curves)


def test_the_chosen_channel_is_drawn_bold_and_the_others_thin(editor, model):
    from PySide6.QtGui import QColor

    from lstm_studio.app.editors.sequence_editor import CHANNEL_COLOURS

    def widths():
        return [curve.opts["pen"].width() for curve in editor.curves]

    editor.channel.setCurrentIndex(editor.channel.findData(1))
    assert widths() == [1, 3]
    editor.channel.setCurrentIndex(editor.channel.findData(None))  # all channels
    assert widths() == [3, 3]
    editor.channel.setCurrentIndex(editor.channel.findData(0))
    model.set_config(input_size=4)  # the new curves follow the choice too
    assert widths() == [3, 1, 1, 1]
    for k, curve in enumerate(editor.curves):
        assert curve.opts["pen"].color() == QColor(CHANNEL_COLOURS[k % len(CHANNEL_COLOURS)])


def test_a_change_of_sizes_draws_the_curves_once(editor, model, monkeypatch):
    drawn = []
    real = type(editor).refresh
    monkeypatch.setattr(type(editor), "refresh", lambda self: drawn.append(self.array()) or real(self))
    model.set_config(seq_len=14)
    assert len(drawn) == 1 and drawn[0] is model.document.inputs
    x, y = editor.curves[0].getData()
    np.testing.assert_array_equal(y, model.document.inputs[:, 0])
    model.set_inputs(model.document.inputs + 1.0)  # new numbers: drawn
    assert len(drawn) == 2
    np.testing.assert_array_equal(editor.curves[1].getData()[1], model.document.inputs[:, 1])
