"""The weight editor driven like a user: heatmap clicks, spin box, slider drags, wheel,
whole-matrix actions and gate biases."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QUndoStack, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lstm_studio.app.editors.weight_editor import SLIDER_STEPS, WeightEditor
from lstm_studio.engine import build_network
from lstm_studio.session.document import VALUE_LIMIT, NetworkConfig, new_document
from lstm_studio.session.model import SessionModel


def make_model(kind="lstm", **sizes):
    config = NetworkConfig(kind=kind, input_size=3, hidden_size=5, seq_len=12, **sizes)
    doc = new_document(config, seed=2)
    doc.inputs = np.random.default_rng(0).normal(size=doc.inputs.shape)
    return SessionModel(doc)


@pytest.fixture
def model():
    return make_model(bidirectional=True, num_layers=2)


@pytest.fixture
def stack():
    return QUndoStack()


@pytest.fixture
def editor(qtbot, model, stack):
    widget = WeightEditor(model, stack)
    qtbot.addWidget(widget)
    widget.resize(600, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def choose(editor, layer, direction, label):
    editor.layer.setCurrentIndex(layer)
    editor.layer.activated.emit(layer)
    editor.direction.setCurrentIndex(direction)
    editor.direction.activated.emit(direction)
    index = editor.matrix.findText(label)
    assert index >= 0, label
    editor.matrix.setCurrentIndex(index)
    editor.matrix.activated.emit(index)


def cell_pixel(editor, row, column):
    """Viewport pixel of the centre of heatmap cell (row, column)."""
    scene = editor.image.mapToScene(QPointF(column + 0.5, row + 0.5))
    return editor.graphics.mapFromScene(scene)


def engine_weight(model, name, row, column):
    return model.network.parameters()[name][row, column]


def image_extent(editor):
    """Where the heatmap lies in plot coordinates: cell (r, c) must cover [c±½] × [r±½]."""
    rect = editor.image.mapRectToParent(editor.image.boundingRect())
    return rect.x(), rect.y(), rect.width(), rect.height()


def test_combos_choose_gate_blocks(editor, model):
    choose(editor, 0, 0, "W_ii")
    assert image_extent(editor) == (-0.5, -0.5, 3, 5)
    assert editor.plot_item.getAxis("bottom").labelText == "input"
    choose(editor, 1, 1, "W_hf")
    assert image_extent(editor) == (-0.5, -0.5, 5, 5)
    assert editor.plot_item.getAxis("bottom").labelText == "unit of h_{t−1}"
    assert editor.ref.key == "weight_hh_l1_reverse" and editor.ref.gate == "f"
    assert editor.image.image.shape == (5, 5)
    assert np.array_equal(editor.image.image, model.document.parameters["weight_hh_l1_reverse"][5:10])
    editor.select_cell(4, 3)
    choose(editor, 0, 0, "W_y")
    assert editor.cell == (0, 3), "the selected cell moves inside a smaller matrix"
    choose(editor, 0, 0, "b_y")
    assert editor.cell == (0, 0)
    choose(editor, 0, 0, "W_y")
    assert editor.ref.target == "readout" and not editor.layer.isEnabled()
    assert editor.image.image.shape == (1, 10)
    assert image_extent(editor) == (-0.5, -0.5, 10, 1)


def test_symmetric_colour_scale(editor, model):
    choose(editor, 0, 0, "W_ig")
    reach = np.abs(model.document.parameters["weight_ih_l0"][10:15]).max()
    assert editor.color_bar.levels() == pytest.approx((-reach, reach))


def test_clicking_a_cell_selects_the_weight_and_the_unit(qtbot, editor, model):
    choose(editor, 0, 1, "W_io")
    QTest.mouseClick(editor.graphics.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     cell_pixel(editor, 3, 2))
    assert editor.cell == (3, 2)
    assert model.view.unit == 3 and model.view.direction == 1
    assert editor.value.value() == pytest.approx(model.document.parameters["weight_ih_l0_reverse"][18, 2], abs=1e-6)


def test_spin_box_sets_one_weight_of_the_full_array(qtbot, editor, model, stack):
    choose(editor, 0, 0, "W_hg")
    editor.select_cell(1, 4)
    before = model.snapshot()
    with qtbot.waitSignal(model.evaluationChanged):
        editor.value.setValue(0.375)
    assert engine_weight(model, "weight_hh_l0", 11, 4) == 0.375
    assert stack.count() == 1
    changed = model.snapshot()
    stack.undo()
    assert model.document.equals(before)
    assert np.array_equal(model.network.parameters()["weight_hh_l0"], before.parameters["weight_hh_l0"])
    assert editor.value.value() == pytest.approx(before.parameters["weight_hh_l0"][11, 4], abs=1e-6)
    stack.redo()
    assert model.document.equals(changed)


def drag_slider(editor, positions):
    editor.slider.setSliderDown(True)
    for position in positions:
        editor.slider.setValue(position)
    editor.slider.setSliderDown(False)


def test_a_slider_drag_is_one_undo_step_and_panels_follow_live(qtbot, editor, model, stack):
    choose(editor, 0, 0, "W_hf")
    editor.select_cell(2, 2)
    before = model.snapshot()
    redraws = []
    model.evaluationChanged.connect(lambda: redraws.append(model.trace.layer(0, 0).gates["f"].copy()))
    drag_slider(editor, [100, 300, 700])
    assert len(redraws) == 3, "every slider move recomputes once"
    assert not np.array_equal(redraws[0], redraws[2])
    expected = 700 / SLIDER_STEPS * editor.slider_range
    assert engine_weight(model, "weight_hh_l0", 7, 2) == expected
    assert stack.count() == 1
    assert np.array_equal(editor.image.image, model.document.parameters["weight_hh_l0"][5:10])
    first = model.snapshot()
    drag_slider(editor, [-200, -400])
    assert stack.count() == 2, "a second drag is a second undo step"
    stack.undo()
    assert model.document.equals(first)
    stack.undo()
    assert model.document.equals(before)
    assert np.array_equal(model.trace.layer(0, 0).gates["f"], SessionModel(before).trace.layer(0, 0).gates["f"])


def test_slider_range_covers_the_weight(editor, model):
    choose(editor, 0, 0, "b_if")
    editor.select_cell(0, 1)
    editor.value.setValue(37.0)
    assert editor.slider_range == 100.0
    assert editor.slider.value() == round(37.0 / 100.0 * SLIDER_STEPS)


@pytest.mark.parametrize("value", [7e5, 1e6, -1e6])
def test_slider_range_never_goes_beyond_what_a_weight_may_hold(editor, model, stack, dialogs, value):
    """Near ±1e6 the slider reaches exactly ±1e6: dragging it to either end is accepted, never
    refused (the range used to become ±1e7, and every drag past 1e6 popped a refusal)."""
    choose(editor, 0, 0, "b_if")
    editor.select_cell(0, 1)
    editor.value.setValue(value)
    assert editor.slider_range == VALUE_LIMIT
    assert editor.range_label.text() == "±1e+06"
    errors = []
    editor.errorOccurred.connect(errors.append)
    drag_slider(editor, [SLIDER_STEPS, -SLIDER_STEPS])
    assert errors == [] and dialogs.calls == []
    assert editor.block()[0, 1] == -VALUE_LIMIT
    for _ in range(3):  # the wheel stops at the limit too
        turn_wheel(editor, 0, 1, -1)
    assert editor.block()[0, 1] == -VALUE_LIMIT and errors == []


def turn_wheel(editor, row, column, notches=1, *, delta=120, phase=Qt.ScrollPhase.NoScrollPhase):
    """Turn the mouse wheel over heatmap cell (row, column), one event per notch (up if > 0) of
    ``delta`` eighths of a degree."""
    pixel = cell_pixel(editor, row, column)
    viewport = editor.graphics.viewport()
    for _ in range(max(abs(notches), 1)):
        event = QWheelEvent(QPointF(pixel), QPointF(viewport.mapToGlobal(pixel)), QPoint(0, 0),
                            QPoint(0, delta if notches > 0 else -delta if notches < 0 else 0),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, phase, False)
        QApplication.sendEvent(viewport, event)


def test_mouse_wheel_over_a_cell_changes_it_in_one_step(qtbot, editor, model, stack):
    choose(editor, 0, 0, "W_ii")
    old = model.document.parameters["weight_ih_l0"][4, 0]
    turn_wheel(editor, 4, 0, 3)
    assert editor.cell == (4, 0)
    assert model.document.parameters["weight_ih_l0"][4, 0] == pytest.approx(old + 3 * editor.slider_range / 100)
    assert stack.count() == 1
    stack.undo()
    assert model.document.parameters["weight_ih_l0"][4, 0] == old


def test_wheel_turns_on_two_cells_are_two_undo_steps(qtbot, editor, model, stack):
    choose(editor, 0, 0, "W_ii")
    before = model.document.parameters["weight_ih_l0"].copy()
    turn_wheel(editor, 1, 0, 2)
    turn_wheel(editor, 3, 2, -1)
    after = model.document.parameters["weight_ih_l0"].copy()
    step = editor.slider_range / 100
    assert after[1, 0] == pytest.approx(before[1, 0] + 2 * step)
    assert after[3, 2] == pytest.approx(before[3, 2] - step)
    assert stack.count() == 2, "each cell's wheel turns are their own undo step"
    stack.undo()
    expected = after.copy()
    expected[3, 2] = before[3, 2]
    assert np.array_equal(model.document.parameters["weight_ih_l0"], expected), "undo takes back only the last cell"
    stack.undo()
    assert np.array_equal(model.document.parameters["weight_ih_l0"], before)


def test_setting_the_value_a_weight_has_pushes_nothing(qtbot, editor, model, stack):
    choose(editor, 0, 0, "b_ig")
    editor.select_cell(0, 2)
    editor.value.setValue(1e6)  # the largest value a weight may take
    assert model.document.parameters["bias_ih_l0"][12] == 1e6 and stack.count() == 1
    before = model.snapshot()
    turn_wheel(editor, 0, 2, 1)  # up: clipped to the limit, the value it already has
    editor.set_weight(1e6)
    assert stack.count() == 1, "no empty undo step"
    assert model.document.equals(before)


def fresh_orthogonal_block(seed):
    """Rows 0:5 (gate i) of weight_hh_l1 of a fresh 2-layer bidirectional LSTM(3, 5), drawn by
    the engine itself with the orthogonal scheme."""
    net = build_network("lstm", 3, 5, num_layers=2, bidirectional=True)
    net.initialize(init="orthogonal", seed=seed)
    block = net.parameters()["weight_hh_l1"][0:5]
    assert np.allclose(block @ block.T, np.eye(5))  # orthogonal indeed
    return block


@pytest.mark.parametrize("button, new_block", [
    ("scale", lambda old: 2.0 * old),
    ("zero", lambda old: np.zeros((5, 5))),
    ("identity", lambda old: np.eye(5)),
    ("reinit", lambda old: fresh_orthogonal_block(seed=4)),
])
def test_whole_matrix_actions(qtbot, editor, model, stack, button, new_block):
    """Each action replaces exactly the shown gate block (W_hi of layer 1, forward: rows 0:5 of
    weight_hh_l1) with the values it names; the other gates' rows stay as they were."""
    choose(editor, 1, 0, "W_hi")
    editor.scheme.setCurrentIndex(editor.scheme.findData("orthogonal"))
    editor.seed.setValue(4)
    editor.factor.setValue(2.0)
    before = model.snapshot()
    want = before.parameters["weight_hh_l1"].copy()
    want[0:5] = new_block(want[0:5].copy())
    with qtbot.waitSignal(model.evaluationChanged):
        QTest.mouseClick(editor.buttons[button], Qt.MouseButton.LeftButton)
    np.testing.assert_allclose(model.network.parameters()["weight_hh_l1"], want, rtol=0, atol=1e-15)
    np.testing.assert_allclose(editor.image.image, want[0:5], rtol=0, atol=1e-15)
    assert stack.count() == 1
    stack.undo()
    assert model.document.equals(before)


def test_identity_only_for_recurrent_blocks(editor):
    choose(editor, 0, 0, "W_ii")
    assert not editor.buttons["identity"].isEnabled()
    choose(editor, 0, 0, "W_hi")
    assert editor.buttons["identity"].isEnabled()


def test_set_gate_bias_is_one_command_on_two_arrays(qtbot, editor, model, stack):
    choose(editor, 0, 1, "W_hf")
    editor.bias.setValue(-8.0)
    before = model.snapshot()
    QTest.mouseClick(editor.buttons["bias"], Qt.MouseButton.LeftButton)
    params = model.network.parameters()
    assert np.all(params["bias_ih_l0_reverse"][5:10] == -8.0) and np.all(params["bias_hh_l0_reverse"][5:10] == 0)
    assert np.array_equal(params["bias_ih_l0"], before.parameters["bias_ih_l0"])
    assert stack.count() == 1
    stack.undo()
    assert model.document.equals(before)


def test_refused_action_shows_why(qtbot, editor, model, stack):
    choose(editor, 0, 0, "W_y")  # the read-out has no gate: no gate bias to set
    with qtbot.waitSignal(editor.errorOccurred):
        editor.set_gate_bias()
    assert "gate" in editor.message.text() and stack.count() == 0


def test_matrices_follow_the_kind(qtbot, editor, model, stack):
    model.set_config(kind="gru")
    assert [ref.label for ref in editor.refs][:3] == ["W_ir", "W_iz", "W_in"]
    model.set_config(kind="lstm_nofg")
    assert [ref.label for ref in editor.refs][:3] == ["W_ii", "W_ig", "W_io"]


def test_shutting_the_forget_gate_by_its_bias(qtbot, editor, model, stack):
    before = model.snapshot()
    choose(editor, 1, 1, "W_hf")
    editor.bias.setValue(-20.0)
    with qtbot.waitSignal(model.evaluationChanged):
        editor.buttons["bias"].click()
    assert model.trace.layer(1, 1).gates["f"].max() < 0.01
    assert model.trace.layer(0, 0).gates["f"].max() > 0.01  # only the chosen layer and direction
    assert stack.count() == 1 and stack.undoText() == "Set bias of gate f"
    stack.undo()
    assert model.document.equals(before)


def test_editor_follows_outside_changes(editor, model, stack):
    choose(editor, 0, 0, "W_ii")
    weights = model.document.parameters["weight_ih_l0"].copy()
    weights[0:5] = 0.5
    model.set_parameter("weight_ih_l0", weights)
    assert np.all(editor.image.image == 0.5) and stack.count() == 0
    model.set_config(hidden_size=3, num_layers=1, bidirectional=False)
    assert editor.layer.count() == 1 and editor.image.image.shape == (3, 3)
    assert editor.matrix.currentText() == "W_ii"


def test_results_beyond_the_limit_are_refused(qtbot, editor, model, stack):
    choose(editor, 0, 0, "W_ii")
    editor.value.setValue(900_000.0)
    editor.factor.setValue(1000.0)
    before = model.snapshot()
    with qtbot.waitSignal(editor.errorOccurred) as signal:
        QTest.mouseClick(editor.buttons["scale"], Qt.MouseButton.LeftButton)
    assert "±1e6" in signal.args[0]
    assert model.document.equals(before) and stack.count() == 1


def test_each_undo_step_names_the_weight_it_changed(qtbot, editor, model, stack):
    """History lists what each step did: the matrix and the cell of a single weight (spin box,
    wheel, slider), the matrix of a whole-matrix action."""
    choose(editor, 1, 0, "W_hi")
    editor.select_cell(2, 3)
    editor.value.setValue(0.25)
    turn_wheel(editor, 4, 1, 1)
    editor.select_cell(0, 2)
    editor.slider.setValue(SLIDER_STEPS // 2)
    QTest.mouseClick(editor.buttons["zero"], Qt.MouseButton.LeftButton)
    assert [stack.text(i) for i in range(stack.count())] == \
        ["Set W_hi[2, 3]", "Set W_hi[4, 1]", "Set W_hi[0, 2]", "Zero W_hi"]


def test_a_slider_step_hands_its_new_matrix_to_the_model_without_copying_it(qtbot, editor, model, stack,
                                                                           monkeypatch):
    """At large sizes every slider step moves a whole parameter array (8 MB at H=512): the
    editor's fresh array is the document's, read-only, not copied once more (issue 14)."""
    from lstm_studio.app.editors import weight_editor

    handed = []
    real = weight_editor.GestureCommand

    def recording(model_, target, value, *args, **kwargs):
        handed.append(value)
        return real(model_, target, value, *args, **kwargs)

    monkeypatch.setattr(weight_editor, "GestureCommand", recording)
    choose(editor, 0, 0, "W_hf")
    editor.select_cell(1, 1)
    drag_slider(editor, [250])
    assert handed and model.document.parameters["weight_hh_l0"] is handed[-1]
    assert not handed[-1].flags.writeable


def test_the_embedding_is_editable_like_any_matrix(qtbot, stack):
    model = make_model(embedding_size=2)
    widget = WeightEditor(model, stack)
    qtbot.addWidget(widget)
    widget.show()
    choose(widget, 0, 0, "E")
    assert widget.image.image.shape == (3, 2)
    assert widget.plot_item.getAxis("bottom").labelText == "embedding dimension"
    widget.select_cell(2, 1)
    with qtbot.waitSignal(model.evaluationChanged):
        widget.value.setValue(0.625)
    assert engine_weight(model, "embedding", 2, 1) == 0.625
    assert model.document.parameters["embedding"][2, 1] == 0.625
    stack.undo()
    assert model.document.parameters["embedding"][2, 1] != 0.625
    choose(widget, 1 if model.config.num_layers > 1 else 0, 0, "W_ii")
    assert widget.image.image.shape == (5, 2), "the first layer's input is the embedding's"


# -- details found by mutation testing -----------------------------------------------------------
def test_looking_at_weights_pushes_nothing(qtbot, editor, model, stack):
    """Choosing matrices and cells only shows weights (with more digits than the spin box keeps):
    no undo step, the document as it was."""
    before = model.snapshot()
    for layer, direction, label in ((0, 0, "W_ii"), (1, 1, "W_hf"), (0, 1, "b_ig"), (0, 0, "W_y")):
        choose(editor, layer, direction, label)
        rows, columns = editor.block().shape
        for row, column in ((0, 0), (rows - 1, columns - 1), (rows // 2, columns // 2)):
            editor.select_cell(row, column)
            assert editor.value.value() == pytest.approx(editor.block()[row, column], abs=1e-6)
    assert stack.count() == 0 and model.document.equals(before)


def test_the_layer_and_direction_chosen_stay_through_a_change_of_sizes(qtbot, editor, model):
    for layer, direction in ((1, 1), (0, 0), (1, 0), (0, 1)):
        choose(editor, layer, direction, "W_hf")
        model.set_config(hidden_size=model.config.hidden_size + 1)
        assert (editor.layer.currentIndex(), editor.direction.currentIndex()) == (layer, direction)
        assert editor.matrix.currentText() == "W_hf"
        assert editor.ref.key == "weight_hh_l{0}{1}".format(layer, "_reverse" if direction else "")
    choose(editor, 1, 1, "W_hf")
    model.set_config(num_layers=1, bidirectional=False)  # the choice no longer exists: the last there is
    assert (editor.layer.currentIndex(), editor.direction.currentIndex()) == (0, 0)
    assert editor.ref.key == "weight_hh_l0"


def test_a_matrix_that_no_longer_exists_gives_way_to_the_first(qtbot, editor, model):
    choose(editor, 0, 0, "W_ig")  # an LSTM's cell candidate: a GRU has none
    model.set_config(kind="gru")
    assert editor.matrix.currentIndex() == 0 and editor.ref.label == "W_ir"


def test_what_can_be_chosen_follows_the_matrix(qtbot, stack):
    bidirectional = WeightEditor(make_model(bidirectional=True), stack)
    one_way = WeightEditor(make_model(), stack)
    for widget in (bidirectional, one_way):
        qtbot.addWidget(widget)
    choose(bidirectional, 0, 0, "W_hf")
    assert bidirectional.direction.isEnabled() and bidirectional.buttons["bias"].isEnabled()
    choose(bidirectional, 0, 0, "W_y")  # the read-out has no layer, direction or gate
    assert not bidirectional.layer.isEnabled() and not bidirectional.direction.isEnabled()
    assert not bidirectional.buttons["bias"].isEnabled() and not bidirectional.buttons["identity"].isEnabled()
    choose(one_way, 0, 0, "W_hf")
    assert not one_way.direction.isEnabled(), "one direction: nothing to choose"
    assert one_way.layer.isEnabled()


@pytest.mark.parametrize("label, shape, axes", [
    ("W_ii", (5, 3), ("unit", "input")),
    ("W_hi", (5, 5), ("unit", "unit of h_{t−1}")),
    ("b_ii", (1, 5), ("", "unit")),
    ("W_y", (1, 10), ("output", "unit of h_t")),
    ("b_y", (1, 1), ("", "output")),
])
def test_the_heatmap_fills_the_plot_with_its_cells_and_names_its_axes(editor, label, shape, axes):
    choose(editor, 0, 0, label)
    rows, columns = shape
    assert editor.image.image.shape == shape
    x_range, y_range = editor.plot_item.viewRange()
    assert x_range == pytest.approx([-0.5, columns - 0.5]) and y_range == pytest.approx([-0.5, rows - 0.5])
    assert (editor.plot_item.getAxis("left").labelText, editor.plot_item.getAxis("bottom").labelText) == axes


@pytest.mark.parametrize("hidden, spacing", [(5, 1), (8, 1), (9, 2), (16, 2), (17, 3), (40, 5)])
def test_ticks_fall_on_whole_cells_at_most_about_eight_to_an_axis(qtbot, stack, hidden, spacing):
    """Every cell is ticked up to 8 of them; beyond, every k-th cell (k the least that leaves
    at most 8 steps)."""
    model = SessionModel(new_document(NetworkConfig(kind="lstm", input_size=3, hidden_size=hidden, seq_len=4)))
    widget = WeightEditor(model, stack)
    qtbot.addWidget(widget)
    choose(widget, 0, 0, "W_hi")  # hidden × hidden
    for axis in ("left", "bottom"):
        assert widget.plot_item.getAxis(axis).tickSpacing(0, hidden, 500) == [(spacing, 0), (spacing, 0)]


def test_the_marker_frames_the_selected_cell_and_the_label_names_it(editor):
    choose(editor, 1, 0, "W_hi")
    editor.select_cell(2, 3)
    rect = editor.marker.rect()
    assert (rect.x(), rect.y(), rect.width(), rect.height()) == (2.5, 1.5, 1, 1)
    assert editor.cell_label.text() == "W_hi[2, 3] ="


def test_only_a_left_click_on_a_cell_selects_it(qtbot, editor, model):
    choose(editor, 0, 0, "W_io")
    editor.select_cell(0, 0)
    viewport = editor.graphics.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, cell_pixel(editor, 3, 2))
    assert editor.cell == (0, 0)
    outside = cell_pixel(editor, 2, 3)  # a column to the right of the 3 the matrix has
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, outside)
    assert editor.cell == (0, 0)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, cell_pixel(editor, 4, 2))
    assert editor.cell == (4, 2)


def test_a_click_on_a_matrix_without_gate_selects_no_unit(qtbot, editor, model):
    """Only a gate's rows are units of the other panels: the read-out's are outputs."""
    model.set_selection(layer=0, direction=0, unit=1)
    choose(editor, 0, 0, "W_y")
    qtbot.wait(50)  # the view takes the new range when it is laid out again
    QTest.mouseClick(editor.graphics.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     cell_pixel(editor, 0, 4))
    assert editor.cell == (0, 4)
    assert model.view.unit == 1


def test_a_matrix_of_zeros_keeps_a_unit_colour_scale_symmetric_about_zero(qtbot, editor, model):
    choose(editor, 0, 0, "W_hi")
    QTest.mouseClick(editor.buttons["zero"], Qt.MouseButton.LeftButton)
    assert editor.color_bar.levels() == (-1.0, 1.0)
    assert tuple(editor.image.getLevels()) == (-1.0, 1.0)
    editor.select_cell(1, 1)
    editor.value.setValue(0.5)  # within the scale: the colours keep their meaning
    assert editor.color_bar.levels() == (-0.5, 0.5)
    assert tuple(editor.image.getLevels()) == (-0.5, 0.5)
    editor.select_cell(2, 2)
    editor.value.setValue(-0.25)
    assert tuple(editor.image.getLevels()) == (-0.5, 0.5), "the scale is ±max|w|, not the data's range"


def test_the_editor_follows_outside_changes_of_the_read_out(editor, model, stack):
    choose(editor, 0, 0, "W_y")
    weight = np.full_like(model.document.readout["weight"], 0.25)
    model.set_readout_parameters({"weight": weight})
    assert np.all(editor.image.image == 0.25) and editor.value.value() == 0.25 and stack.count() == 0


def test_a_wheel_event_of_any_size_turns_one_step_its_way_and_one_of_none_turns_nothing(qtbot, editor, model,
                                                                                          stack):
    """High-resolution wheels send a notch as several small events, each a step its own way; a
    touchpad's scroll begins and ends with events that move nothing (no step, no undo entry)."""
    choose(editor, 0, 0, "W_ii")
    editor.select_cell(2, 1)
    old = model.document.parameters["weight_ih_l0"][2, 1]
    step = editor.slider_range / 100
    turn_wheel(editor, 2, 1, 0, phase=Qt.ScrollPhase.ScrollBegin)
    assert model.document.parameters["weight_ih_l0"][2, 1] == old and stack.count() == 0
    turn_wheel(editor, 2, 1, 1, delta=1)
    assert model.document.parameters["weight_ih_l0"][2, 1] == pytest.approx(old + step)
    turn_wheel(editor, 2, 1, -1, delta=1)
    turn_wheel(editor, 2, 1, -1, delta=1)
    assert model.document.parameters["weight_ih_l0"][2, 1] == pytest.approx(old - step)
    turn_wheel(editor, 2, 1, 0, phase=Qt.ScrollPhase.ScrollEnd)
    assert model.document.parameters["weight_ih_l0"][2, 1] == pytest.approx(old - step)
    assert stack.count() == 1


def test_a_click_selects_the_unit_in_the_layer_and_direction_of_the_matrix(qtbot, editor, model):
    choose(editor, 1, 0, "W_hf")
    qtbot.wait(50)
    QTest.mouseClick(editor.graphics.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     cell_pixel(editor, 3, 1))
    assert (model.view.layer, model.view.direction, model.view.unit) == (1, 0, 3)


def test_a_click_on_the_embedding_selects_no_unit(qtbot, stack):
    """The embedding's rows are inputs, not units of a gate."""
    model = make_model(embedding_size=2)
    widget = WeightEditor(model, stack)
    qtbot.addWidget(widget)
    widget.resize(600, 700)
    widget.show()
    qtbot.waitExposed(widget)
    model.set_selection(layer=0, direction=0, unit=4)
    choose(widget, 0, 0, "E")
    qtbot.wait(50)
    QTest.mouseClick(widget.graphics.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     cell_pixel(widget, 1, 1))
    assert widget.cell == (1, 1) and model.view.unit == 4


def test_a_result_of_exactly_the_limit_is_accepted(qtbot, editor, model, stack):
    """Values within ±1e6 are allowed, the bounds included."""
    choose(editor, 0, 0, "W_ii")
    editor.select_cell(0, 0)
    editor.value.setValue(500_000.0)
    editor.factor.setValue(2.0)
    errors = []
    editor.errorOccurred.connect(errors.append)
    QTest.mouseClick(editor.buttons["scale"], Qt.MouseButton.LeftButton)
    assert errors == [] and stack.count() == 2
    assert model.document.parameters["weight_ih_l0"][0, 0] == 1e6


class FakeEvent:
    """What the heatmap's handlers read of a pyqtgraph mouse or wheel event."""

    def __init__(self, x, y, button=Qt.MouseButton.LeftButton, delta=120):
        self._pos, self._button, self._delta = QPointF(x, y), button, delta
        self.accepted = None

    def pos(self):
        return self._pos

    def button(self):
        return self._button

    def delta(self):
        return self._delta

    def accept(self):
        self.accepted = True

    def ignore(self):
        self.accepted = False


@pytest.mark.parametrize("x, y, cell", [
    (0.0, 0.0, (0, 0)), (2.999, 4.999, (4, 2)), (2.5, 0.5, (0, 2)), (0.5, 4.5, (4, 0)),
    (3.0, 2.5, None), (1.5, 5.0, None), (3.0, 5.0, None), (-0.001, 2.5, None), (1.5, -0.001, None),
    (3.5, 2.5, None), (1.5, 7.0, None),
])
def test_only_points_on_the_matrix_are_cells(editor, x, y, cell):
    """The heatmap's own coordinates: cell (r, c) covers [c, c+1) × [r, r+1) of a 5 × 3 matrix;
    the right and bottom edges, and beyond, are no cell (events there pass on)."""
    choose(editor, 0, 0, "W_ii")
    clicked, turned = [], []
    editor.image.cellClicked.connect(lambda *args: clicked.append(args))
    editor.image.wheelTurned.connect(lambda *args: turned.append(args))
    click, wheel = FakeEvent(x, y), FakeEvent(x, y)
    editor.image.mouseClickEvent(click)
    editor.image.wheelEvent(wheel)
    if cell is None:
        assert clicked == [] and turned == [] and wheel.accepted is False
    else:
        assert clicked == [cell] and turned == [(*cell, 1)] and click.accepted and wheel.accepted


def test_two_spin_box_edits_are_two_undo_steps(qtbot, editor, model, stack):
    choose(editor, 0, 0, "W_hi")
    before = model.document.parameters["weight_hh_l0"].copy()
    editor.select_cell(1, 1)
    editor.value.setValue(0.25)
    editor.value.setValue(0.5)
    editor.select_cell(2, 2)
    editor.value.setValue(0.75)
    assert stack.count() == 3
    stack.undo()
    stack.undo()
    assert model.document.parameters["weight_hh_l0"][1, 1] == 0.25
    stack.undo()
    assert np.array_equal(model.document.parameters["weight_hh_l0"], before)


def test_a_wheel_step_is_a_hundredth_of_the_slider_range(qtbot, editor, model, stack):
    choose(editor, 0, 0, "b_if")
    editor.select_cell(0, 1)
    editor.value.setValue(37.0)
    assert editor.slider_range == 100.0
    turn_wheel(editor, 0, 1, 2)
    assert editor.block()[0, 1] == pytest.approx(39.0)


def test_the_wheel_stops_at_the_limit_without_a_refusal(qtbot, editor, model, stack, dialogs):
    choose(editor, 0, 0, "b_ig")
    editor.select_cell(0, 2)
    editor.value.setValue(999_990.0)
    errors = []
    editor.errorOccurred.connect(errors.append)
    turn_wheel(editor, 0, 2, 3)
    assert editor.block()[0, 2] == 1e6 and errors == [] and editor.message.text() == ""


def test_the_layer_and_direction_choices_are_named(editor, model):
    assert [editor.layer.itemText(i) for i in range(editor.layer.count())] == ["layer 0", "layer 1"]
    assert [editor.direction.itemText(i) for i in range(editor.direction.count())] == ["forward", "reverse"]
    model.set_config(num_layers=3, bidirectional=False)
    assert [editor.layer.itemText(i) for i in range(editor.layer.count())] == ["layer 0", "layer 1", "layer 2"]
    assert [editor.direction.itemText(i) for i in range(editor.direction.count())] == ["forward"]


@pytest.mark.parametrize("gesture", [None, ("slider", 99)])
def test_a_weight_beyond_the_limit_is_refused_naming_the_matrix(qtbot, editor, model, stack, gesture):
    choose(editor, 1, 1, "W_hf")
    with qtbot.waitSignal(editor.errorOccurred) as refused:
        editor.set_weight(3e6, gesture=gesture)
    assert refused.args == ["The parameter W_hf must stay within ±1e+06."]
    assert stack.count() == 0 and editor.message.text() == "⚠ The parameter W_hf must stay within ±1e+06."


def test_the_selected_cell_stays_where_it_still_fits(editor):
    choose(editor, 0, 0, "W_hi")  # 5 × 5
    editor.select_cell(3, 1)
    choose(editor, 0, 0, "W_ii")  # 5 × 3: the cell fits
    assert editor.cell == (3, 1)
    editor.select_cell(4, 2)
    choose(editor, 0, 0, "b_ii")  # 1 × 5: the last row, the same column
    assert editor.cell == (0, 2)


def test_the_slider_range_is_one_for_small_weights_and_the_same_for_every_cell_of_a_matrix(editor, model):
    """A round number (1, 10, 100, …) that covers the whole matrix: the same for each of its
    cells, 1 when every weight is small."""
    choose(editor, 0, 0, "W_hi")
    block = editor.block()
    assert np.abs(block).max() < 0.5
    for cell in ((0, 0), (1, 2), (4, 4)):
        editor.select_cell(*cell)
        assert editor.slider_range == 1.0 and editor.range_label.text() == "±1"
    editor.select_cell(2, 2)
    editor.value.setValue(37.0)
    for cell in ((0, 0), (1, 2), (4, 4), (2, 2)):
        editor.select_cell(*cell)
        assert editor.slider_range == 100.0 and editor.range_label.text() == "±100"


@pytest.mark.parametrize("largest", [5.0, 0.9, 60.0])
def test_the_slider_range_of_the_largest_weights_cell_is_the_others(editor, model, largest):
    choose(editor, 0, 0, "W_hi")
    editor.select_cell(3, 1)
    editor.value.setValue(largest)
    ranges = set()
    for cell in ((3, 1), (0, 0), (4, 4), (3, 1)):
        editor.select_cell(*cell)
        ranges.add(editor.slider_range)
    assert len(ranges) == 1 and ranges.pop() >= largest
