"""Details of the input/target editor found by mutation testing (tests/MUTATION.md): what the
table, the plot and the generator box show, and which edits are one command, refused or none."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtTest import QTest
from test_sequence_editor import model, stack  # noqa: F401 - fixtures

from lstm_studio.app.editors.array_table import parse_number
from lstm_studio.app.editors.sequence_editor import CHANNEL_COLOURS, SequenceEditor
from lstm_studio.app.widgets import blocked

H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
Role = Qt.ItemDataRole


def shown(qtbot, widget, height=800):
    qtbot.addWidget(widget)
    widget.resize(500, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def editor(qtbot, model, stack):
    return shown(qtbot, SequenceEditor(model, stack, "inputs"))


@pytest.fixture
def target_editor(qtbot, model, stack):
    return shown(qtbot, SequenceEditor(model, stack, "targets"), 900)


def y_range(editor):
    return tuple(editor.view_box.viewRange()[1])


def pen_widths(editor):
    return [curve.opts["pen"].widthF() for curve in editor.curves]


# -- typed numbers -----------------------------------------------------------------------------
def test_a_long_text_that_is_no_number_is_quoted_up_to_forty_characters():
    with pytest.raises(ValueError) as refused:
        parse_number("  " + "x" * 60 + " ")
    assert str(refused.value) == "“" + "x" * 40 + "” is not a number."
    with pytest.raises(ValueError) as beyond:
        parse_number("1" * 45)
    assert str(beyond.value) == "1" * 40 + " is beyond the allowed range ±1e+06."


def test_a_decimal_comma_is_read_only_when_there_is_no_point():
    assert parse_number("2,5") == 2.5
    with pytest.raises(ValueError):
        parse_number("2,5.1")


# -- the table ---------------------------------------------------------------------------------
def test_a_cell_shows_four_digits_edits_and_tells_the_exact_value(editor, model):
    model.set_inputs(np.full((10, 2), 0.123456789))
    table = editor.table_model
    index = table.index(3, 1)
    assert table.data(index) == "0.1235"
    assert table.data(index, Role.EditRole) == table.data(index, Role.ToolTipRole) == "0.123456789"
    assert table.data(index, Role.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert table.data(index, Role.ForegroundRole) is None  # a value in use: the normal colour
    assert table.flags(index) & Qt.ItemFlag.ItemIsEditable


def test_rows_not_used_now_are_grey_and_say_why(editor, model):
    """While the network runs free, the inputs it feeds itself are not read: their rows are
    greyed and their tool tip says why (the row hint of the free-running view)."""
    table = editor.table_model
    table.row_hint = lambda row: "fed back from the output" if row >= 5 else None
    assert table.data(table.index(6, 0), Role.ToolTipRole) == "0.0\nfed back from the output"
    assert table.data(table.index(6, 0), Role.ForegroundRole) == QColor(128, 128, 128)
    assert table.data(table.index(2, 0), Role.ToolTipRole) == "0.0"
    assert table.data(table.index(2, 0), Role.ForegroundRole) is None
    assert table.data(table.index(6, 0)) == "0"


def test_column_headers_have_the_colour_of_their_curve(editor, model):
    table = editor.table_model
    model.set_config(input_size=12)
    colours = [table.headerData(k, H, Role.ForegroundRole) for k in range(12)]
    assert colours == [QColor(CHANNEL_COLOURS[k % 10]) for k in range(12)]  # ten colours, then again
    assert [curve.opts["pen"].color() for curve in editor.curves] == colours
    assert table.headerData(0, V, Role.ForegroundRole) is None
    assert table.headerData(0, V, Role.ToolTipRole) is None


def test_a_value_is_set_only_by_editing_it(editor, model, stack):
    table = editor.table_model
    assert not table.setData(table.index(1, 1), "0.5", Role.DisplayRole)
    assert not table.setData(table.index(20, 1), "0.5")  # no such cell
    assert stack.count() == 0 and np.all(model.document.inputs == 0)
    assert table.setData(table.index(1, 1), "0.5")
    assert stack.command(0).text() == "Edit inputs[1, 1]"


def test_the_table_repaints_on_changes_of_its_own_array_only(target_editor, model):
    heard = []
    target_editor.table_model.dataChanged.connect(lambda first, last: heard.append(
        (first.row(), first.column(), last.row(), last.column())))
    model.set_inputs(np.ones((10, 2)))
    assert heard == []
    model.set_targets(np.ones((10, 1)))
    assert heard == [(0, 0, 9, 0)]


def test_a_block_pasted_up_to_the_last_cell_fits(editor, model, stack):
    table = editor.table_model
    assert table.paste(8, 0, "1;2\n3, 4\n")  # semicolons and commas separate cells too
    assert np.array_equal(model.document.inputs[8:], [[1, 2], [3, 4]])
    assert stack.command(0).text() == "Paste into inputs"
    heard = []
    table.errorOccurred.connect(heard.append)
    assert not table.paste(9, 0, "1\n2")
    assert not table.paste(8, 1, "1 2")
    assert heard == ["The pasted 2×1 block does not fit from row 9, column 0.",
                     "The pasted 1×2 block does not fit from row 8, column 1."]
    assert stack.count() == 1


def test_tab_separated_cells_keep_their_place(editor, model):
    """A spreadsheet's cells are separated by tabs: a comma there is a decimal comma."""
    assert editor.table_model.paste(0, 0, "1,5\t2\n")
    assert np.array_equal(model.document.inputs[0], [1.5, 2.0])


def test_copy_with_nothing_selected_leaves_the_clipboard_alone(editor):
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("kept")
    editor.table.selectionModel().clear()
    editor.table.copy_selection()
    assert clipboard.text() == "kept"


def test_paste_without_a_current_cell_changes_nothing(editor, model, stack):
    QGuiApplication.clipboard().setText("1\t2")
    editor.table.setCurrentIndex(editor.table_model.index(-1, -1))
    QTest.keyClick(editor.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert stack.count() == 0


# -- the plot ----------------------------------------------------------------------------------
def test_points_are_marked_up_to_200_steps_and_drawn_as_lines_beyond(editor):
    assert all(curve.opts["symbol"] == "o" for curve in editor.curves)
    editor.length.setValue(200)
    assert all(curve.opts["symbol"] == "o" for curve in editor.curves)
    editor.length.setValue(201)
    assert all(curve.opts["symbol"] is None for curve in editor.curves)


def test_the_plot_shows_every_step_and_the_cursor_at_the_current_step(editor, model):
    model.set_time_step(4)
    editor.length.setValue(6)
    low, high = editor.view_box.viewRange()[0]
    assert (low, high) == pytest.approx((-0.5, 5.5))
    assert editor.cursor.value() == 4
    assert (editor.settings["k"].minimum(), editor.settings["k"].maximum()) == (1, 6)


def test_the_value_axis_reaches_past_the_largest_value(editor, model):
    assert y_range(editor) == pytest.approx((-1.5, 1.5))  # at least ±1.5
    model.set_inputs(np.full((10, 2), -5.0))
    assert y_range(editor) == pytest.approx((-6.0, 6.0))  # 1.2 × the largest magnitude
    model.set_inputs(np.full((10, 2), 1.0))
    assert y_range(editor) == pytest.approx((-1.5, 1.5))


def test_the_value_axis_holds_still_while_a_stroke_is_drawn(editor, model):
    box = editor.view_box
    editor.channel.setCurrentIndex(editor.channel.findData(0))
    box.strokeStarted.emit()
    box.strokePoint.emit(QPointF(2, 1.4))
    box.strokePoint.emit(QPointF(3, 5.0))
    assert model.document.inputs[3, 0] == 5.0 and y_range(editor) == pytest.approx((-1.5, 1.5))
    box.strokeFinished.emit()
    assert y_range(editor) == pytest.approx((-6.0, 6.0))


def test_the_chosen_channel_is_drawn_bold(editor):
    editor.channel.setCurrentIndex(editor.channel.findData(1))
    assert pen_widths(editor) == [1, 3]
    editor.channel.setCurrentIndex(editor.channel.findData(None))  # all channels
    assert pen_widths(editor) == [3, 3]


def test_all_channels_are_drawn_bold_up_to_ten_and_thin_beyond(editor, model):
    editor.channel.setCurrentIndex(editor.channel.findData(None))
    model.set_config(input_size=10)
    assert pen_widths(editor) == [3] * 10
    model.set_config(input_size=11)  # colours repeat beyond ten: bold curves would hide one another
    assert pen_widths(editor) == [1] * 11
    editor.channel.setCurrentIndex(editor.channel.findData(4))
    assert pen_widths(editor) == [1] * 4 + [3] + [1] * 6
    model.set_config(input_size=3)
    editor.channel.setCurrentIndex(editor.channel.findData(None))
    assert pen_widths(editor) == [3] * 3


def test_the_chosen_channel_stays_chosen_when_the_sizes_change(editor):
    editor.channel.setCurrentIndex(editor.channel.findData(1))
    editor.length.setValue(7)
    assert editor.channel.currentData() == 1
    editor.channels.setValue(1)  # channel 1 is gone: channel 0
    assert editor.channel.currentData() == 0
    assert [editor.channel.itemData(i, Role.ToolTipRole) for i in range(editor.channel.count())] == \
        ["All channels", "Channel 0"]


def test_a_stroke_stays_within_the_steps_and_the_allowed_values(editor, model, stack):
    editor.channel.setCurrentIndex(editor.channel.findData(1))
    box = editor.view_box
    box.strokeStarted.emit()
    box.strokePoint.emit(QPointF(30, 3e6))  # right of the last step, above the limit
    box.strokePoint.emit(QPointF(-4, -3e6))
    box.strokeFinished.emit()
    column = model.document.inputs[:, 1]
    assert column[9] == 1e6 and column[0] == -1e6
    assert np.all(np.diff(column) > 0) and np.all(model.document.inputs[:, 0] == 0)
    assert stack.count() == 1 and stack.command(0).text() == "Draw inputs"


def test_a_click_that_changes_nothing_is_no_command(editor, model, stack):
    editor.channel.setCurrentIndex(editor.channel.findData(0))
    box = editor.view_box
    box.strokeStarted.emit()
    box.strokePoint.emit(QPointF(3, 0.0))  # the value it has
    box.strokeFinished.emit()
    assert stack.count() == 0
    box.strokePoint.emit(QPointF(3, 1.0))  # no stroke under way: not drawn
    assert stack.count() == 0 and np.all(model.document.inputs == 0)


def view_point(editor, t, value):
    return editor.plot.mapFromScene(editor.view_box.mapViewToScene(QPointF(t, value)))


def test_the_right_button_does_not_draw(qtbot, editor, model, stack):
    viewport = editor.plot.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, view_point(editor, 4, 0.8))
    start, end = view_point(editor, 2, 0.5), view_point(editor, 6, 0.5)
    QTest.mousePress(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, end)
    assert stack.count() == 0 and np.all(model.document.inputs == 0)


# -- generators --------------------------------------------------------------------------------
@pytest.mark.parametrize("name, labels", [
    ("zeros", []), ("constant", ["Value"]), ("step", ["Value", "Step k"]), ("impulse", ["Value", "Step k"]),
    ("sine", ["Period", "Phase", "Amplitude"]), ("uniform", ["Low", "High", "Seed"]),
    ("gaussian", ["Mean", "Std. dev.", "Seed"]), ("one_hot", ["Text", "Vocabulary"]),
])
def test_each_generator_shows_its_own_settings_only(editor, name, labels):
    editor.generator.setCurrentIndex(editor.generator.findData(name))
    seen = [label.text() for label in editor.setting_labels.values() if label.isVisibleTo(editor)]
    assert seen == labels
    assert sum(widget.isVisibleTo(editor) for widget in editor.settings.values()) == len(labels)
    assert editor.channel.isEnabled() == (name != "one_hot")  # one-hot text sets every channel


def test_a_generator_is_one_command_named_after_it(editor, stack):
    editor.generator.setCurrentIndex(editor.generator.findData("sine"))
    editor.apply_generator()
    assert stack.command(0).text() == "Generate Sine"


def test_one_hot_text_uses_the_vocabulary_typed(editor, model, stack):
    editor.generator.setCurrentIndex(editor.generator.findData("one_hot"))
    editor.settings["text"].setText("abba")
    editor.settings["vocabulary"].setText("cba")
    editor.apply_generator()
    assert model.config.input_size == 3
    assert model.document.inputs.argmax(axis=1).tolist() == [2, 1, 1, 2]
    assert stack.count() == 1 and stack.command(0).text() == "Generate One-hot text"


# -- sizes and loss ----------------------------------------------------------------------------
def test_a_refused_size_is_put_back(editor, model, stack, monkeypatch):
    import lstm_studio.app.editors.sequence_editor as module

    def refuse(*args, **kwargs):
        raise ValueError("too large for this session")

    monkeypatch.setattr(module, "ConfigCommand", refuse)
    editor.length.setValue(7)
    assert editor.length.value() == 10 and model.config.seq_len == 10 and stack.count() == 0
    assert editor.message.text() == "⚠ too large for this session"


def test_choosing_the_loss_already_set_pushes_nothing(target_editor, model, stack):
    editor = target_editor
    for combo, data in ((editor.loss_kind, "mse"), (editor.loss_steps, "every")):
        combo.setCurrentIndex(combo.findData(data))
        combo.activated.emit(combo.currentIndex())
    assert stack.count() == 0


def test_chosen_steps_puts_the_cursor_into_the_steps_box(qtbot, target_editor, model, stack):
    editor = target_editor
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.loss_steps.setCurrentIndex(editor.loss_steps.findData("chosen"))
    editor.loss_steps.activated.emit(editor.loss_steps.currentIndex())
    qtbot.waitUntil(editor.steps_text.hasFocus)
    assert stack.count() == 0 and model.document.loss_mask.all()
    editor.steps_text.editingFinished.emit()  # left without typing: back to the model's mode
    assert editor.loss_steps.currentData() == "every" and stack.count() == 0


def test_the_last_step_only_is_shown_as_such(target_editor, model):
    mask = np.zeros(10, dtype=bool)
    mask[9] = True
    model.set_loss(mask=mask)
    assert target_editor.loss_steps.currentData() == "last" and target_editor.steps_text.text() == "10"
    mask[0] = True
    model.set_loss(mask=mask)
    assert target_editor.loss_steps.currentData() == "chosen" and target_editor.steps_text.text() == "1, 10"
    mask[:] = False
    mask[4] = True  # one step, not the last
    model.set_loss(mask=mask)
    assert target_editor.loss_steps.currentData() == "chosen"


def test_blocked_restores_each_widgets_own_state(editor):
    editor.length.blockSignals(True)
    with blocked(editor.length, editor.channels):
        assert editor.length.signalsBlocked() and editor.channels.signalsBlocked()
    assert editor.length.signalsBlocked() and not editor.channels.signalsBlocked()
    editor.length.blockSignals(False)


def test_copy_takes_the_selected_block_only(editor, model):
    model.set_inputs(np.arange(20.0).reshape(10, 2))
    selection = editor.table.selectionModel()
    selection.clear()
    for row in (2, 3):
        selection.select(editor.table_model.index(row, 1), selection.SelectionFlag.Select)
    editor.table.copy_selection()
    assert QGuiApplication.clipboard().text() == "5.0\n7.0"


def test_size_and_loss_changes_are_named_in_the_history(target_editor, model, stack):
    editor = target_editor
    editor.length.setValue(8)
    editor.loss_kind.setCurrentIndex(editor.loss_kind.findData("cross_entropy"))
    editor.loss_kind.activated.emit(editor.loss_kind.currentIndex())
    editor.loss_steps.setCurrentIndex(editor.loss_steps.findData("last"))
    editor.loss_steps.activated.emit(editor.loss_steps.currentIndex())
    assert [stack.command(i).text() for i in range(stack.count())] == ["Change size", "Change loss", "Loss steps"]


def test_refused_loss_steps_say_why_beside_the_box(target_editor, model, stack):
    target_editor.steps_text.setText("3, twelve")
    target_editor.steps_text.editingFinished.emit()
    assert target_editor.message.text() == "⚠ 'twelve' is not a step or a range of steps like 10-12."
    assert stack.count() == 0


@pytest.mark.parametrize("text, message", [
    ("1\t", "“” is not a number."),  # a spreadsheet's empty cell
    ("1\t\t2", "“” is not a number."),
    ("X2", "“X2” is not a number."),
])
def test_a_block_with_a_cell_that_is_no_number_is_refused(editor, model, stack, text, message):
    heard = []
    editor.table_model.errorOccurred.connect(heard.append)
    assert not editor.table_model.paste(0, 0, text)
    assert heard == [message] and stack.count() == 0


def test_commas_separate_cells_without_spaces_too(editor, model):
    assert editor.table_model.paste(0, 0, "1,2\n3,4")
    assert np.array_equal(model.document.inputs[:2], [[1, 2], [3, 4]])


def test_a_stroke_on_all_channels_sets_every_channel(editor, model, stack):
    editor.channel.setCurrentIndex(editor.channel.findData(None))
    box = editor.view_box
    box.strokeStarted.emit()
    box.strokePoint.emit(QPointF(1, 1.0))
    box.strokePoint.emit(QPointF(5, -1.0))
    box.strokeFinished.emit()
    expected = [1.0, 0.5, 0.0, -0.5, -1.0]
    assert np.allclose(model.document.inputs[1:6, 0], expected) and np.allclose(model.document.inputs[1:6, 1], expected)
    assert stack.count() == 1


def test_a_single_number_pastes_into_the_current_cell(editor, model, stack):
    assert editor.table_model.paste(4, 1, "0.5\n")
    assert model.document.inputs[4, 1] == 0.5 and np.count_nonzero(model.document.inputs) == 1


def test_a_typed_value_that_is_refused_says_why_and_is_not_taken(editor, model, stack):
    """The table tells its view the text was not taken (Qt's setData returns False) and the
    editor says why beside the table."""
    table = editor.table_model
    assert not table.setData(table.index(2, 0), "abc")
    assert editor.message.text() == "⚠ “abc” is not a number."
    assert stack.count() == 0


def curve_values(editor):
    return np.column_stack([curve.getData()[1] for curve in editor.curves])


def test_a_stroke_on_one_channel_redraws_that_channels_curve_only(editor, model, stack, monkeypatch):
    model.set_config(input_size=5)
    set_data = []
    for k, curve in enumerate(editor.curves):
        monkeypatch.setattr(curve, "setData", lambda *args, k=k, curve=curve, **kwargs:
                            (set_data.append(k), type(curve).setData(curve, *args, **kwargs)))
    editor.channel.setCurrentIndex(editor.channel.findData(3))
    box = editor.view_box
    box.strokeStarted.emit()
    box.strokePoint.emit(QPointF(2, 1.0))
    box.strokePoint.emit(QPointF(4, -1.0))
    box.strokeFinished.emit()
    assert set(set_data) == {3}
    assert np.array_equal(curve_values(editor), model.document.inputs)


@pytest.mark.parametrize("change", ["undo", "generator", "more channels", "fewer steps", "paste"])
def test_the_curves_show_the_documents_channels_after_any_change(editor, model, stack, change):
    editor.channel.setCurrentIndex(editor.channel.findData(1))
    box = editor.view_box
    box.strokeStarted.emit()
    box.strokePoint.emit(QPointF(3, 0.75))
    box.strokeFinished.emit()
    if change == "undo":
        stack.undo()
    elif change == "generator":
        model.set_inputs(np.arange(20.0).reshape(10, 2) / 10)
    elif change == "more channels":
        model.set_config(input_size=4)
    elif change == "fewer steps":
        model.set_config(seq_len=6)
    else:
        assert editor.table_model.paste(0, 0, "0.25\t-0.5")
    inputs = model.document.inputs
    assert len(editor.curves) == inputs.shape[1]
    assert np.array_equal(curve_values(editor), inputs)
    assert all(np.array_equal(curve.getData()[0], np.arange(inputs.shape[0])) for curve in editor.curves)


# -- many channels: the ones not drawn are one cached picture ------------------------------------
@pytest.fixture
def wide_editor(qtbot, model, stack):
    model.set_config(input_size=12, seq_len=400)  # lines only: 400 steps are drawn without dots
    levels = np.linspace(-1, 1, 12)
    model.set_inputs(np.tile(levels, (400, 1)))  # channel k a flat line at levels[k]
    editor = shown(qtbot, SequenceEditor(model, stack, "inputs"))
    editor.channel.setCurrentIndex(editor.channel.findData(3))
    return editor


def visible_channels(editor):
    return [k for k, curve in enumerate(editor.curves) if curve.isVisible()]


def pixel_colours(editor, t, value):
    """The colours the plot shows at data point (t, value), give or take a pixel up or down."""
    image = editor.plot.grab().toImage()
    point = editor.plot.mapFromScene(editor.view_box.mapViewToScene(QPointF(t, value)))
    return {QColor(image.pixel(point.x(), point.y() + dy)).name() for dy in (-1, 0, 1)}


def test_beyond_ten_channels_the_chosen_one_is_a_curve_and_the_others_one_picture(wide_editor, model):
    assert visible_channels(wide_editor) == [3]
    backdrop = wide_editor.backdrop
    assert backdrop.channels == (0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11) and backdrop.values is model.document.inputs
    levels = np.linspace(-1, 1, 12)
    for k in (0, 5, 11):  # drawn by the backdrop, each in its channel's colour, where its values are
        assert CHANNEL_COLOURS[k % 10] in pixel_colours(wide_editor, 200, levels[k])
    wide_editor.channel.setCurrentIndex(wide_editor.channel.findData(None))  # all: none drawn live
    assert visible_channels(wide_editor) == [] and backdrop.channels == tuple(range(12))
    model.set_config(input_size=10)  # up to ten, every channel is a curve of its own
    assert visible_channels(wide_editor) == list(range(10)) and backdrop.channels == ()
    assert backdrop.values is None and backdrop.boundingRect().isEmpty()


def test_the_picture_spans_the_steps_and_values_it_draws_and_joins_no_two_channels(wide_editor, model):
    levels = np.linspace(-1, 1, 12)
    bounds = wide_editor.backdrop.boundingRect()  # what it paints (and caches): t = 0..T-1, the values' range
    assert (bounds.left(), bounds.right(), bounds.top(), bounds.bottom()) == (0, 399, levels[0], levels[11])
    wide_editor.channel.setCurrentIndex(wide_editor.channel.findData(0))  # the extremes drawn live
    bounds = wide_editor.backdrop.boundingRect()
    assert (bounds.top(), bounds.bottom()) == pytest.approx((levels[1], levels[11]))
    # channels 0 and 10 share a colour: no line joins the end of one to the start of the other
    # (it would cross t = 100 at this height, between the lines of channels 7 and 8)
    wide_editor.channel.setCurrentIndex(wide_editor.channel.findData(3))
    crossing = levels[0] + (levels[10] - levels[0]) * (399 - 100) / 399
    assert CHANNEL_COLOURS[0] not in pixel_colours(wide_editor, 100, crossing)


def test_a_stroke_on_the_chosen_channel_leaves_the_picture_of_the_others_alone(wide_editor, model, monkeypatch):
    updates = []
    monkeypatch.setattr(wide_editor.backdrop, "update", lambda *args: updates.append(args))
    box = wide_editor.view_box
    box.strokeStarted.emit()
    box.strokePoint.emit(QPointF(10, 0.9))
    box.strokePoint.emit(QPointF(30, -0.9))
    box.strokeFinished.emit()
    assert model.document.inputs[10, 3] == 0.9 and updates == []
    assert np.array_equal(wide_editor.curves[3].getData()[1], model.document.inputs[:, 3])
    model.set_inputs(model.document.inputs * 0.5)  # every channel: the picture is drawn again
    assert len(updates) == 1


def test_a_channel_chosen_again_shows_its_newest_values(wide_editor, model):
    values = model.document.inputs.copy()
    values[:, 7] = np.sin(np.arange(400) / 9)  # changed while the backdrop draws it
    model.set_inputs(values)
    wide_editor.channel.setCurrentIndex(wide_editor.channel.findData(7))
    assert visible_channels(wide_editor) == [7]
    assert np.array_equal(wide_editor.curves[7].getData()[1], values[:, 7])
    assert 3 in wide_editor.backdrop.channels and 7 not in wide_editor.backdrop.channels


def test_channels_all_at_one_value_are_drawn_too(wide_editor, model):
    model.set_inputs(np.zeros((400, 12)))  # a flat picture: no height of its own
    wide_editor.channel.setCurrentIndex(wide_editor.channel.findData(None))
    assert CHANNEL_COLOURS[9] in pixel_colours(wide_editor, 200, 0.0)  # the last colour drawn


def test_the_channel_box_is_filled_again_only_when_its_names_change(editor, model, monkeypatch):
    editor.channel.setCurrentIndex(editor.channel.findData(1))
    cleared = []
    monkeypatch.setattr(editor.channel, "clear", lambda: (cleared.append(1), type(editor.channel).clear(editor.channel)))
    model.set_config(hidden_size=7)
    model.set_config(seq_len=12)
    assert cleared == [] and editor.channel.currentData() == 1
    model.set_config(input_size=3)
    assert cleared == [1]
    assert [editor.channel.itemText(i) for i in range(4)] == ["All channels", "Channel 0", "Channel 1", "Channel 2"]
    assert [editor.channel.itemData(i) for i in range(4)] == [None, 0, 1, 2]
    assert editor.channel.itemData(3, Role.ToolTipRole) == "Channel 2" and editor.channel.currentData() == 1


def test_a_stroke_on_all_of_many_channels_is_previewed_and_drawn_once_at_its_end(wide_editor, model, stack, monkeypatch):
    wide_editor.channel.setCurrentIndex(wide_editor.channel.findData(None))
    updates = []
    monkeypatch.setattr(wide_editor.backdrop, "update", lambda *args: updates.append(args))
    box = wide_editor.view_box
    box.strokeStarted.emit()
    box.strokePoint.emit(QPointF(10, 1.0))
    box.strokePoint.emit(QPointF(14, 0.0))
    assert np.array_equal(model.document.inputs[10:15, 7], [1.0, 0.75, 0.5, 0.25, 0.0])  # every channel set
    preview = wide_editor.stroke_preview
    assert preview.isVisible() and updates == []
    x, y = preview.getData()
    assert np.array_equal(x, np.arange(10, 15)) and np.allclose(y, [1.0, 0.75, 0.5, 0.25, 0.0])
    box.strokeFinished.emit()
    assert not preview.isVisible() and len(updates) == 1
    assert wide_editor.backdrop.values is model.document.inputs and wide_editor.backdrop.channels == tuple(range(12))
    assert stack.count() == 1
    box.strokeStarted.emit()  # the next stroke previews its own points only
    box.strokePoint.emit(QPointF(30, 0.5))
    assert np.array_equal(preview.getData()[0], [30])
    box.strokeFinished.emit()


def test_a_stroke_on_all_of_ten_channels_draws_them_as_it_goes(editor, model):
    model.set_config(input_size=10)
    editor.channel.setCurrentIndex(editor.channel.findData(None))
    box = editor.view_box
    box.strokeStarted.emit()
    box.strokePoint.emit(QPointF(2, 1.0))
    assert not editor.stroke_preview.isVisible()
    assert all(np.array_equal(curve.getData()[1], model.document.inputs[:, k]) for k, curve in enumerate(editor.curves))
    box.strokeFinished.emit()


# -- found by the sequence editor's run of its redrawing (1 December, second look) ----------------
def test_each_editor_is_redrawn_for_changes_of_its_own_array_only(editor, target_editor, model, monkeypatch):
    """The inputs' editor redraws for the inputs, the targets' for the targets and the loss; a
    redraw of hundreds of channels for another array's change is time the window stands still."""
    redrawn = []
    for each in (editor, target_editor):
        monkeypatch.setattr(each, "refresh", lambda each=each: redrawn.append(each.target))
    model.set_inputs(np.ones((10, 2)))
    assert redrawn == ["inputs"]
    model.set_targets(np.ones((10, 1)))
    assert redrawn == ["inputs", "targets"]
    model.set_loss(kind="cross_entropy")
    assert redrawn == ["inputs", "targets", "targets"]


def test_a_row_beyond_the_step_labels_is_headed_by_its_step_only(editor):
    """Step labels (characters) shorter than the table, as for a moment while a longer sequence
    is being made: the rows they do not reach are headed "t=…" alone, those without a character
    too."""
    editor.plot.getAxis("bottom").set_step_labels(["a", "", "c"])
    assert [editor.row_label(t) for t in range(5)] == ["t=1 a", "t=2", "t=3 c", "t=4", "t=5"]


def test_each_channels_step_marks_are_filled_with_its_colour(editor, model):
    """The dots marking each step are filled with their channel's colour, for the curves made
    with the editor and for those a change of sizes adds."""
    import pyqtgraph as pg

    model.set_config(input_size=12)
    assert all(curve.opts["symbol"] == "o" for curve in editor.curves)
    fills = [pg.mkBrush(curve.opts["symbolBrush"]).color() for curve in editor.curves]
    assert fills == [QColor(CHANNEL_COLOURS[k % 10]) for k in range(12)]
    assert [curve.opts["symbolSize"] for curve in editor.curves] == [4] * 12  # small: 200 steps fit


def test_a_change_of_sizes_gives_no_curve_a_pen_it_has_already(editor, model, monkeypatch):
    """Each new pen redraws its curve: a new channel's curve gets one, the others keep theirs,
    even while the channel box is filled again (its signals are blocked meanwhile)."""
    editor.channel.setCurrentIndex(editor.channel.findData(1))
    pens = []
    for k, curve in enumerate(editor.curves):
        monkeypatch.setattr(curve, "setPen", lambda *args, k=k, curve=curve, **kwargs:
                            (pens.append(k), type(curve).setPen(curve, *args, **kwargs)))
    model.set_config(input_size=3)  # new names: the channel box is filled again
    assert pens == [] and pen_widths(editor) == [1, 3, 1]
    assert editor.channel.currentData() == 1


def test_the_time_axis_labels_the_last_step_of_the_sequence(editor):
    """Told the length by every rebuild, the time axis puts a label on the last step, T."""
    editor.length.setValue(37)
    axis = editor.plot.getAxis("bottom")
    low, high = editor.view_box.viewRange()[0]
    ticks = [value for _, values in axis.tickValues(low, high, axis.width()) for value in values]
    assert axis.steps == 37 and 36.0 in ticks and axis.tickStrings([36.0], 1, 1) == ["37"]


def test_the_row_headers_are_announced_changed_only_when_the_step_labels_change(editor, model, monkeypatch):
    """The rows are headed "t=5 e" by the step labels: the table is told its row headers changed
    when the labels do, and only then (a long table lays its headers out again each time)."""
    heard = []
    editor.table_model.headerDataChanged.connect(lambda *args: heard.append(args))
    model.set_inputs(np.ones((10, 2)))  # no labels before or after
    assert heard == []
    labels = ["a"] * 10
    monkeypatch.setattr(editor, "step_labels", lambda: labels)
    model.set_inputs(np.ones((10, 2)) * 2)
    assert heard == [(V, 0, 9)]
    model.set_inputs(np.ones((10, 2)) * 3)  # the same labels
    assert heard == [(V, 0, 9)]
    labels = ["b"] * 10
    model.set_inputs(np.ones((10, 2)) * 4)
    assert heard == [(V, 0, 9)] * 2


def test_a_change_of_every_channel_redraws_only_the_live_curve(wide_editor, model, monkeypatch):
    """Beyond ten channels the hidden curves are not given values the backdrop draws anyway
    (they get theirs when shown): a change of all 12 sets the chosen channel's curve only."""
    set_data = []
    for k, curve in enumerate(wide_editor.curves):
        monkeypatch.setattr(curve, "setData", lambda *args, k=k, curve=curve, **kwargs:
                            (set_data.append(k), type(curve).setData(curve, *args, **kwargs)))
    model.set_inputs(model.document.inputs * 0.5)
    assert set_data == [3]
    assert np.array_equal(wide_editor.curves[3].getData()[1], model.document.inputs[:, 3])
    wide_editor.channel.setCurrentIndex(wide_editor.channel.findData(8))  # shown: given its values now
    assert set_data == [3, 8]
    assert np.array_equal(wide_editor.curves[8].getData()[1], model.document.inputs[:, 8])


def test_the_channel_list_is_wide_enough_for_its_longest_name(editor, model):
    """The channel box's list shows every name whole: as wide as the widest name, its frame on
    both sides and 24 pixels of margins and scroll bar."""
    from PySide6.QtWidgets import QFrame

    view = editor.channel.view()
    view.setFrameShape(QFrame.Shape.Box)  # a style's frame (the offscreen style draws none)
    view.setLineWidth(3)
    model.set_config(input_size=12)  # new names: the list is filled again
    names = [editor.channel.itemText(i) for i in range(editor.channel.count())]
    widest = max(view.fontMetrics().horizontalAdvance(name) for name in names)
    assert widest > 0 and view.frameWidth() > 0
    assert view.minimumWidth() == widest + 2 * view.frameWidth() + 24


# -- found by the run of the table and of the editor's edits (1 December, third look) -------------
def test_the_table_model_goes_with_its_editor(model, stack):
    """The table's model is the editor's child: deleting the editor deletes it too, and with it
    its connections to the session model (else every later change would reach a table that no
    window shows)."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    editor = SequenceEditor(model, stack, "inputs")
    table = editor.table_model
    assert table.parent() is editor
    editor.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(editor) and not shiboken6.isValid(table)


def test_the_table_is_compact_and_as_wide_as_its_view(editor):
    """Rows of 22 pixels (more steps in view than the style's default), columns stretched
    across the view."""
    from PySide6.QtWidgets import QHeaderView

    assert editor.table.verticalHeader().defaultSectionSize() == 22
    assert editor.table.horizontalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch


def test_a_size_typed_digit_by_digit_is_one_change_when_entered(editor, model, stack):
    """Typing 25 into the length box changes nothing until Enter (not a length of 2 first, its
    curves, table and command, then 25): one change, to the number typed."""
    spin = editor.length
    spin.selectAll()
    QTest.keyClicks(spin, "25")
    assert model.config.seq_len == 10 and stack.count() == 0
    QTest.keyClick(spin, Qt.Key.Key_Return)
    assert model.config.seq_len == 25 and stack.count() == 1
    editor.channels.selectAll()
    QTest.keyClicks(editor.channels, "12")
    assert model.config.input_size == 2 and stack.count() == 1
    QTest.keyClick(editor.channels, Qt.Key.Key_Enter)
    assert model.config.input_size == 12 and stack.count() == 2
