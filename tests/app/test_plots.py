"""Shared plotting pieces: levels, masking, the time cursor, clicks, drags, hover, reveal mode."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid as shiboken_valid

from lstm_studio.app.panels.gates import GatesPanel
from lstm_studio.app.panels.plots.colours import SEQUENTIAL_MAP, activation_colormap
from lstm_studio.app.panels.plots.curves import Bundle, VerticalMarks
from lstm_studio.app.panels.plots.items import BarsItem, Curve, Markers
from lstm_studio.app.panels.plots.scales import (
    activation_levels,
    bounded_levels,
    finite_max_abs,
    finite_range,
    fitted_levels,
    nice_ceiling,
    positive_or_nan,
    scaled_levels,
    snapped_outward,
    symmetric_levels,
)
from lstm_studio.app.panels.plots.time_panel import TimePanel
from lstm_studio.app.panels.preview import demo_model
from lstm_studio.app.panels.states import StatesPanel


def shown_panel(qtbot, panel_class, model):
    panel = panel_class(model)
    qtbot.addWidget(panel)
    panel.resize(800, 560)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


class FakeDrag:
    """Stands in for pyqtgraph's MouseDragEvent (left button at a scene position)."""

    def __init__(self, scene_pos, button=Qt.MouseButton.LeftButton):
        self._pos, self._button, self.accepted = scene_pos, button, False

    def button(self):
        return self._button

    def scenePos(self):
        return self._pos

    def accept(self):
        self.accepted = True


def test_levels_fit_the_nonlinearity_ranges():
    values = np.array([[0.5, 3.0], [np.inf, np.nan]])
    assert activation_levels("sigmoid", values) == (0.0, 1.0)
    assert activation_levels("tanh", values) == (-1.0, 1.0)
    assert activation_levels("relu", values) == (0.0, 3.0)
    assert activation_levels("relu", np.array([0.0, 3.3])) == (0.0, 4.0)
    assert activation_levels("relu", np.zeros(3)) == (0.0, 1.0)
    assert activation_levels("linear", np.array([-4.0, 2.0])) == (-4.0, 4.0)
    assert activation_levels("linear", np.array([np.nan, 0.011])) == (-0.012, 0.012)
    assert activation_colormap("sigmoid") == activation_colormap("relu") != activation_colormap("tanh")


@pytest.mark.parametrize("value, nice", [(0.37, 0.4), (1.0, 1.0), (1.01, 1.2), (9.9, 10.0),
                                         (0.001234, 0.0015), (0.0, 1.0), (np.inf, 1.0),
                                         (1.7e308, np.finfo(float).max)])
def test_nice_ceiling_rounds_up_by_at_most_a_quarter(value, nice):
    assert nice_ceiling(value) == pytest.approx(nice)


def test_colour_scale_levels_fixed_or_fitted():
    values = np.array([[0.0012, 0.0031], [np.nan, 0.002]])
    assert scaled_levels("sigmoid", values, "fixed") == (0.0, 1.0)
    assert scaled_levels("tanh", values, "fixed") == (-1.0, 1.0)
    low, high = scaled_levels("sigmoid", values, "auto")  # min..max, rounded outward
    assert low <= 0.0012 and 0.0031 <= high and high - low < 0.003
    assert scaled_levels("tanh", values, "auto") == pytest.approx((-0.004, 0.004))
    assert fitted_levels(np.full(3, 0.5), SEQUENTIAL_MAP) == pytest.approx((0.45, 0.55))
    assert fitted_levels(np.full(3, np.nan), SEQUENTIAL_MAP) == (0.0, 1.0)
    assert bounded_levels(values, "fixed") == (-1.0, 1.0)
    assert bounded_levels(values, "auto") == pytest.approx((-0.004, 0.004))
    assert bounded_levels(np.array([2.2, -0.1]), "fixed") == (-2.5, 2.5)  # data beyond ±1


def test_ranges_snap_outward_to_round_steps():
    assert snapped_outward(-0.2337, 0.4712) == pytest.approx((-0.24, 0.48))
    assert snapped_outward(0.0, 1.0) == (0.0, 1.0)
    assert snapped_outward(2.0, 2.0) == (2.0, 2.0)


def test_levels_and_ranges_stay_put_for_small_changes(qtbot):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    view = states.views["c"]
    levels, y_range = view.heatmap.levels, view.lines.y_range
    weights = model.document.parameters["weight_hh_l0"]
    model.set_parameter("weight_hh_l0", weights * 1.0001)
    assert view.heatmap.levels == levels and view.lines.y_range == y_range


def test_number_helpers_ignore_non_finite_values():
    assert finite_max_abs([np.nan, -np.inf, -2.0, 1.0]) == 2.0
    assert finite_max_abs([np.nan]) == 0.0
    assert symmetric_levels([np.nan, 0.0]) == (-1.0, 1.0)
    assert symmetric_levels([-np.inf, 0.7]) == (-0.8, 0.8)
    assert finite_range([np.nan, 3.0, -1.0], [np.inf, 5.0]) == (-1.0, 5.0)
    assert finite_range([0.0, -1.0, 1e-3], log=True) == (1e-3, 1e-3)
    assert finite_range([np.nan], [0.0], log=True) is None
    np.testing.assert_array_equal(positive_or_nan([0.0, 2.0, -1.0, np.inf]), [np.nan, 2.0, np.nan, np.nan])


def test_click_moves_time_and_selects_unit_in_every_panel(qtbot):
    model = demo_model("lstm")
    gates = shown_panel(qtbot, GatesPanel, model)
    states = shown_panel(qtbot, StatesPanel, model)
    forget = gates.heatmaps["f"]
    qtbot.mouseClick(gates.axes.viewport(), Qt.MouseButton.LeftButton,
                     pos=forget.viewport_point(27, 5))
    assert model.view.time_step == 27
    assert model.view.unit == 5
    for plot in gates.axes.plots + states.axes.plots:
        assert plot.cursor.value() == 27
    assert states.views["h"].heatmap.unit_band() == (4.5, 5.5)
    assert states.views["h"].selected.name == "h_t[5]"


def test_click_on_a_curve_plot_moves_time_but_keeps_the_unit(qtbot):
    model = demo_model("gru")
    states = shown_panel(qtbot, StatesPanel, model)
    lines = states.views["h"].lines
    qtbot.mouseClick(states.axes.viewport(), Qt.MouseButton.LeftButton,
                     pos=lines.viewport_point(12, 0.0))
    assert model.view.time_step == 12
    assert model.view.unit == 0


def test_left_drag_scrubs_time_other_buttons_keep_pyqtgraph_behaviour(qtbot, monkeypatch):
    model = demo_model("lstm")
    gates = shown_panel(qtbot, GatesPanel, model)
    heatmap = gates.heatmaps["i"]
    for t in (3, 9, 15):
        drag = FakeDrag(heatmap.view.mapViewToScene(QPointF(t, 2)))
        heatmap.view.mouseDragEvent(drag)
        assert drag.accepted
        assert model.view.time_step == t
    assert model.view.unit == 0  # dragging does not change the selected unit
    handed_on = []
    monkeypatch.setattr(pg.ViewBox, "mouseDragEvent", lambda self, ev, axis=None: handed_on.append(ev))
    right = FakeDrag(heatmap.view.mapViewToScene(QPointF(30, 2)), Qt.MouseButton.RightButton)
    heatmap.view.mouseDragEvent(right)
    assert handed_on == [right]
    assert model.view.time_step == 15


def test_clicks_beyond_the_ends_clamp_to_valid_steps(qtbot):
    model = demo_model("lstm")
    gates = shown_panel(qtbot, GatesPanel, model)
    gates.axes.picked(-7.0)
    assert model.view.time_step == 0
    gates.axes.picked(1e6)
    assert model.view.time_step == model.config.seq_len - 1


def test_hover_reads_out_exact_values(qtbot):
    model = demo_model("lstm")
    gates = shown_panel(qtbot, GatesPanel, model)
    heatmap = gates.heatmaps["g"]
    gates.axes._hover(heatmap.view.mapViewToScene(QPointF(6, 2)))
    value = model.trace.layer(0).gates["g"][6, 0, 2]
    assert gates.readout.text() == "t = 7, unit 2: g = {:.4g}".format(value)  # t = 1..T


def test_hover_counts_time_from_one_on_curve_plots_too(qtbot):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    lines = states.views["h"].lines
    states.axes._hover(lines.view.mapViewToScene(QPointF(0, 0.0)))
    assert states.readout.text().startswith("t = 1: ")
    states.axes._hover(lines.view.mapViewToScene(QPointF(model.config.seq_len - 1, 0.0)))
    assert states.readout.text().startswith("t = 40: ")


def tick_labels(axis, low, high, size=400):
    """Every label the axis draws for view range (low, high), in order of position."""
    values = sorted(v for _, level in axis.tickValues(low, high, size) for v in level)
    return axis.tickStrings(values, 1, 1)


@pytest.mark.parametrize("steps, size", [(40, 400), (40, 120), (30, 300), (37, 500), (8, 300),
                                         (1, 300), (2000, 800)])
def test_time_axes_label_the_first_step_1_and_the_last_t(qtbot, steps, size):
    """As the course notes count: t = 1..T (inside, step t sits at x = t − 1)."""
    model = demo_model("lstm", seq_len=steps)
    gates = shown_panel(qtbot, GatesPanel, model)
    axis = gates.heatmaps["i"].plot.getAxis("bottom")
    labels = tick_labels(axis, -0.5, steps - 0.5, size)
    numbers = [int(label) for label in labels]
    assert numbers[0] == 1 and numbers[-1] == steps and "0" not in labels
    assert numbers == sorted(set(numbers)) and all(1 <= n <= steps for n in numbers)
    positions = sorted(v for _, level in axis.tickValues(-0.5, steps - 0.5, size) for v in level)
    assert positions[0] == 0.0 and positions[-1] == steps - 1  # labels sit on their steps


def test_time_axis_of_a_zoomed_view_labels_only_the_steps_shown(qtbot):
    model = demo_model("lstm", seq_len=40)
    gates = shown_panel(qtbot, GatesPanel, model)
    axis = gates.heatmaps["i"].plot.getAxis("bottom")
    numbers = [int(label) for label in tick_labels(axis, 9.5, 20.5)]
    assert numbers[0] >= 11 and numbers[-1] <= 21 and 1 not in numbers and 40 not in numbers
    gates.grab()  # drawn with these labels
    assert axis.tickStrings([0.0, 39.0], 1, 1) == ["1", "40"]


def test_reveal_mode_shows_only_steps_up_to_the_cursor(qtbot):
    model = demo_model("lstm")
    gates = shown_panel(qtbot, GatesPanel, model)
    states = shown_panel(qtbot, StatesPanel, model)
    model.set_time_step(9)
    image = gates.heatmaps["o"].image
    assert image.image.shape[0] == model.config.seq_len
    model.set_display_mode("reveal")
    assert image.image.shape[0] == 10
    model.set_time_step(14)
    assert image.image.shape[0] == 15
    x, _ = states.views["h"].selected.item.getData()
    assert x[-1] == 14
    model.set_display_mode("whole")
    assert image.image.shape[0] == model.config.seq_len


def test_plot_items_are_created_once_and_only_updated_on_new_numbers(qtbot):
    model = demo_model("lstm")
    gates = shown_panel(qtbot, GatesPanel, model)
    image = gates.heatmaps["i"].image
    weights = model.document.parameters["weight_ih_l0"]
    model.set_parameter("weight_ih_l0", weights * 3)
    assert gates.heatmaps["i"].image is image
    np.testing.assert_array_equal(image.image, model.trace.layer(0).gates["i"][:, 0])
    model.set_config(kind="gru")
    assert sorted(gates.heatmaps) == ["n", "r", "z"]


def test_bundle_draws_several_curves_as_one_item(qtbot):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    bundle = states.views["h"].others
    assert isinstance(bundle, Bundle)
    bundle.set_data(np.arange(4), np.arange(8.0).reshape(4, 2))
    bundle.show_steps(3)
    x, y = bundle.item.getData()
    np.testing.assert_array_equal(x, [0, 1, 2, np.nan, 0, 1, 2, np.nan])
    np.testing.assert_array_equal(y, [0, 2, 4, np.nan, 1, 3, 5, np.nan])


def test_vertical_marks_reuse_their_lines(qtbot):
    model = demo_model("lstm")
    gates = shown_panel(qtbot, GatesPanel, model)
    marks = VerticalMarks(gates.heatmaps["i"].plot, None)
    marks.set_positions([1.5, 4.5, 7.5])
    first = list(marks.lines)
    marks.set_positions([2.5])
    assert marks.lines == first
    assert marks.positions() == [2.5]


def test_layer_selector_appears_for_deep_bidirectional_networks(qtbot):
    model = demo_model("lstm", num_layers=2, bidirectional=True)
    gates = shown_panel(qtbot, GatesPanel, model)
    assert gates.selector.layer_box.isVisible() and gates.selector.direction_box.isVisible()
    gates.selector.direction_box.activated.emit(1)
    gates.selector.layer_box.activated.emit(1)
    assert (model.view.layer, model.view.direction) == (1, 1)
    assert "layer 2" in gates.info.text() and "reverse" in gates.info.text()
    single = shown_panel(qtbot, GatesPanel, demo_model("lstm"))
    assert not single.selector.layer_box.isVisible()


def test_time_panel_is_abstract(qtbot):
    with pytest.raises(NotImplementedError):
        TimePanel(demo_model("lstm"))


def test_theme_switch_rebuilds_with_the_new_plot_colours(qtbot, monkeypatch):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    old_outline = states.views["h"].heatmap.unit_mark
    monkeypatch.setitem(pg.CONFIG_OPTIONS, "foreground", (250, 10, 10))
    monkeypatch.setitem(pg.CONFIG_OPTIONS, "background", (240, 240, 240))
    states.setPalette(QPalette(QColor(240, 240, 240)))
    qtbot.waitUntil(lambda: states.views["h"].heatmap.unit_mark is not old_outline)
    assert states.views["h"].heatmap.unit_mark.pen().color() == QColor(250, 10, 10)
    assert states.views["h"].others.item.opts["pen"].color().red() == 250


def test_palette_change_without_new_plot_colours_keeps_the_items(qtbot):
    model = demo_model("lstm")
    gates = shown_panel(qtbot, GatesPanel, model)
    image = gates.heatmaps["f"].image
    gates.setPalette(QPalette(QColor(20, 20, 20)))
    QApplication.processEvents()  # runs the zero-delay restyle check
    assert gates.heatmaps["f"].image is image


def test_plots_go_into_one_row_in_a_wide_short_panel_and_back(qtbot):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    grid = states.axes.ci.layout

    def cells():
        found = {}
        for row in range(grid.rowCount()):
            for col in range(grid.columnCount()):
                item = grid.itemAt(row, col)
                if item is not None:
                    found[id(item)] = (row, col)
        return [found[id(plot.plot)] for plot in states.axes.plots]

    assert cells() == [(0, 0), (1, 0), (0, 1), (1, 1)]
    states.resize(1200, 260)
    qtbot.waitUntil(lambda: states.axes.in_row)
    assert cells() == [(0, 0), (0, 1), (0, 2), (0, 3)]
    states.resize(700, 700)
    qtbot.waitUntil(lambda: not states.axes.in_row)
    assert cells() == [(0, 0), (1, 0), (0, 1), (1, 1)]


def data_areas(panel):
    """(width, height) of every plot's data area, in pixels."""
    return [(plot.view.width(), plot.view.height()) for plot in panel.axes.plots]


@pytest.mark.parametrize("size", [(720, 200), (980, 190), (560, 230)])
def test_a_short_panel_keeps_every_plot_readable_when_a_row_can(qtbot, size):
    """The gradient panel's three plots in a short dock: side by side, each with a data area of
    at least MIN_DATA_SIZE, not stacked into rows whose data areas are a few pixels tall (a plot
    counted as fitting at its minimum size, whose data area is 0 px). At 560 px nothing fits:
    then rows that fit the width, as before."""
    from lstm_studio.app.panels.gradient import GradientPanel
    from lstm_studio.app.panels.plots.time_plot import MIN_DATA_SIZE

    model = demo_model("lstm")
    panel = shown_panel(qtbot, GradientPanel, model)
    panel.resize(size[0], size[1] + panel.height() - panel.axes.height())
    qtbot.waitUntil(lambda: panel.axes.height() == size[1])
    QApplication.processEvents()
    width, height = panel.axes.width(), panel.axes.height()
    needed_row = panel.axes.needed_size([(0, k) for k in range(3)])
    if needed_row[0] <= width:
        assert panel.axes.in_row
        areas = data_areas(panel)
        assert all(w >= MIN_DATA_SIZE[0] - 1 and h >= MIN_DATA_SIZE[1] - 1 for w, h in areas), (areas, width, height)
    else:
        assert not panel.axes.in_row
        assert panel.axes.needed_size(panel.axes.places)[0] <= width


def test_a_tall_narrow_panel_stacks_its_plots_in_the_designed_column(qtbot):
    from lstm_studio.app.panels.gradient import GradientPanel

    model = demo_model("lstm")
    panel = shown_panel(qtbot, GradientPanel, model)
    panel.resize(420, 720)
    qtbot.waitUntil(lambda: panel.axes.places == [(0, 0), (1, 0), (2, 0)])
    assert min(h for _, h in data_areas(panel)) > 80


def test_needed_size_counts_the_colour_bar_margin_only_in_a_grid(qtbot):
    """A curve plot keeps a colour bar's width free in a grid column (to line up with heatmaps)
    and only room for the last step's label in a row: the arrangement is judged with the margin
    the plot will have there, not the one it has now."""
    from lstm_studio.app.panels.plots.axes import BOTTOM_LABEL_OVERHANG
    from lstm_studio.app.panels.plots.time_plot import color_bar_space

    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    curve = next(plot for plot in states.axes.plots if not hasattr(plot, "image"))
    heatmap = next(plot for plot in states.axes.plots if hasattr(plot, "image"))
    for now in (True, False):
        curve.set_stacked(now)
        grid, row = curve.needed_size(True), curve.needed_size(False)
        assert grid[0] - row[0] == pytest.approx(5 + color_bar_space() - BOTTOM_LABEL_OVERHANG)
        assert grid[1] == row[1]
        assert heatmap.needed_size(True) == heatmap.needed_size(False)


def test_needed_size_is_the_minimum_the_layout_has_with_a_readable_data_area(qtbot):
    """What a plot is judged to need is exactly the minimum its layout has once it keeps a
    data area of MIN_DATA_SIZE: counted once, whether the layout keeps it already or not."""
    from lstm_studio.app.panels.plots.time_plot import MIN_DATA_SIZE

    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    for plot in states.axes.plots:
        plot.keep_data_area(False, False)
        plot.plot.layout.invalidate()
        needed = plot.needed_size(plot.stacked)
        left_axis = plot.plot.getAxis("left").effectiveSizeHint(Qt.SizeHint.MinimumSize).width()
        assert needed[0] >= left_axis + MIN_DATA_SIZE[0]
        plot.keep_data_area(True, True)
        plot.plot.layout.invalidate()
        assert plot.view.effectiveSizeHint(Qt.SizeHint.MinimumSize).toTuple() == MIN_DATA_SIZE
        assert plot.plot.effectiveSizeHint(Qt.SizeHint.MinimumSize).toTuple() == pytest.approx(needed)
        assert plot.needed_size(plot.stacked) == pytest.approx(needed)


def test_a_long_title_is_shortened_with_an_ellipsis_and_kept_whole_in_its_tool_tip(qtbot):
    """A title asks for little width (so it never sets how wide its plot must be); where the
    plot is narrower than the text, the text ends in "…" and its tool tip holds all of it."""
    from lstm_studio.app.panels.plots.time_plot import SHORTEST_TITLE, ElidedTitle

    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    plot = states.axes.plots[0]
    title = plot.plot.titleLabel
    assert isinstance(title, ElidedTitle)
    long_text = "A title far longer than any plot is wide, about a quantity with a long name"
    plot.retitle(long_text, "value") if hasattr(plot, "retitle") else None
    assert title.full_text == long_text
    assert title.effectiveSizeHint(Qt.SizeHint.MinimumSize).width() <= SHORTEST_TITLE + 0.5
    states.resize(500, 560)
    qtbot.waitUntil(lambda: title.shown_text != long_text)
    assert title.shown_text.endswith("…") and long_text.startswith(title.shown_text[:-1])
    assert title.toolTip() == long_text
    shown = title.item.toPlainText()
    assert shown == title.shown_text
    assert title.itemRect().width() <= title.rect().width() + 1
    plot.retitle("short", "value")
    assert title.shown_text == "short" and title.toolTip() == ""


def test_a_title_is_plain_text(qtbot):
    """"<" and "&" in a title are shown as written, not read as markup."""
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    plot = states.axes.plots[0]
    plot.retitle("x < 0 & y", "value")
    assert plot.plot.titleLabel.item.toPlainText() == "x < 0 & y"


class FakeClick(FakeDrag):
    """Stands in for pyqtgraph's MouseClickEvent."""

    def __init__(self, scene_pos, double):
        super().__init__(scene_pos)
        self._double = double

    def double(self):
        return self._double


def test_double_click_undoes_zooming(qtbot):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    for plot in (states.views["h"].heatmap, states.views["h"].lines):
        before = plot.view.viewRange()
        plot.view.scaleBy((0.5, 0.5))
        assert plot.view.viewRange() != before
        click = FakeClick(plot.view.mapViewToScene(QPointF(3, 0)), double=True)
        plot.view.mouseClickEvent(click)
        assert click.accepted
        np.testing.assert_allclose(plot.view.viewRange(), before)


def assert_heatmap_shows(heatmap, values):
    """The heatmap draws exactly ``values`` (T, H) with finite, increasing colour levels."""
    np.testing.assert_array_equal(heatmap.image.image, values)
    low, high = heatmap.levels
    assert np.isfinite(low) and np.isfinite(high) and low < high


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn_tanh"])
@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_every_panel_copes_with_one_step_one_unit_one_output(qtbot, kind, loss):
    """T = H = I = O = 1: every panel shows its single value, in both display modes (with one
    class, cross-entropy is 0 and every gradient exactly 0: the log plots show gaps)."""
    from lstm_studio.app.panels.gradient import GradientPanel
    from lstm_studio.app.panels.output import OutputPanel

    model = demo_model(kind, seq_len=1, hidden_size=1, input_size=1, output_size=1)
    model.set_loss(loss)
    layer, ev, doc = model.selected_layer_trace(), model.evaluation, model.document
    assert layer.h.shape == (1, 1, 1)
    dh = ev.grads.dh[0][0][:, 0]
    dx = np.asarray(ev.grads["input"]).reshape(1, 1)
    if loss == "cross_entropy":  # one class: probability 1, loss 0, nothing to learn
        np.testing.assert_array_equal(ev.probabilities, [[1.0]])
        assert ev.loss == 0.0 and not np.any(dh) and not np.any(dx)
    else:
        assert ev.loss == pytest.approx(0.5 * (ev.y[0, 0] - doc.targets[0, 0]) ** 2) and np.all(dh != 0)

    panels = {panel_class: shown_panel(qtbot, panel_class, model)
              for panel_class in (GatesPanel, StatesPanel, GradientPanel, OutputPanel)}
    for mode in ("reveal", "whole"):
        model.set_display_mode(mode)
        assert model.visible_steps() == 1
        gates = panels[GatesPanel]
        assert set(gates.heatmaps) == set(layer.gates)
        for gate, heatmap in gates.heatmaps.items():
            assert_heatmap_shows(heatmap, layer.gates[gate][:, 0])

        states = panels[StatesPanel]
        assert set(states.views) == ({"c", "h"} if kind == "lstm" else {"h"})
        for name, view in states.views.items():
            values = getattr(layer, name)[:, 0]
            assert_heatmap_shows(view.heatmap, values)
            x, y = view.selected.item.getData()
            np.testing.assert_array_equal(x, [0])
            np.testing.assert_array_equal(y, values[:, 0])

        gradient = panels[GradientPanel]
        assert_heatmap_shows(gradient.dh_map, dh)
        np.testing.assert_array_equal(gradient.dh_norm.y, np.abs(dh[:, 0]))
        np.testing.assert_array_equal(gradient.dx_norm.y, np.abs(dx[:, 0]))
        assert (gradient.dc_norm is not None) == (kind == "lstm")
        assert "no clipping" in gradient.info.text()

        output = panels[OutputPanel]
        assert output.cross_entropy == (loss == "cross_entropy") and len(output.output_curves) == 1
        shown = ev.probabilities if loss == "cross_entropy" else ev.y
        np.testing.assert_array_equal(output.output_curves[0].item.getData()[1], shown[:, 0])
        line, marks = output.targets[0]
        np.testing.assert_array_equal(line.y, [1.0] if loss == "cross_entropy" else doc.targets[:, 0])
        np.testing.assert_array_equal(marks.x, [0])
        np.testing.assert_array_equal(output.loss_bars.y, [ev.loss])
        assert "mean over 1 of 1 steps" in output.info.text()
        for panel in panels.values():
            assert not panel.grab().isNull()


def test_a_deleted_panel_no_longer_listens_to_the_model(qtbot):
    model = demo_model("lstm")
    panel = GatesPanel(model)
    panel.deleteLater()
    qtbot.waitUntil(lambda: not shiboken_valid(panel))
    model.set_display_mode("reveal")
    model.set_time_step(5)
    model.set_selection(unit=3)
    model.set_parameter("bias_ih_l0", model.document.parameters["bias_ih_l0"] + 1)


def test_a_panel_out_of_sight_catches_up_when_shown_again(qtbot):
    from PySide6.QtWidgets import QTabWidget

    model = demo_model("lstm")
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    gates, states = GatesPanel(model), StatesPanel(model)
    tabs.addTab(gates, "gates")
    tabs.addTab(states, "states")
    tabs.show()
    qtbot.waitExposed(tabs)
    assert gates.isVisible() and not states.isVisible()
    model.set_parameter("bias_ih_l0", model.document.parameters["bias_ih_l0"] + 1)
    assert states._stale and not gates._stale
    h = model.selected_layer_trace().h[:, 0]
    assert not np.array_equal(states.views["h"].heatmap.image.image, h)
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not states._stale)
    np.testing.assert_array_equal(states.views["h"].heatmap.image.image, h)


def test_moving_time_in_whole_mode_only_moves_cursors(qtbot):
    model = demo_model("lstm")
    gates = shown_panel(qtbot, GatesPanel, model)
    states = shown_panel(qtbot, StatesPanel, model)
    image = gates.heatmaps["f"].image.image
    x, _ = states.views["h"].selected.item.getData()
    model.set_time_step(17)
    assert gates.heatmaps["f"].image.image is image  # nothing re-sliced or re-rendered
    assert states.views["h"].selected.item.getData()[0] is x
    assert gates.heatmaps["f"].cursor.value() == 17 == states.views["c"].lines.cursor.value()


def test_markers_draw_only_finite_points_and_bound_them(qtbot):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    markers = Markers("o", 7, (255, 0, 0))
    states.views["h"].lines.plot.addItem(markers)
    markers.setData([0, 1, 2, 3], [0.5, np.nan, -0.5, np.inf])
    x, y = markers.getData()
    np.testing.assert_array_equal(x, [0, 1, 2, 3])
    assert markers.dataBounds(0) == (0.0, 2.0) and markers.dataBounds(1) == (-0.5, 0.5)
    states.grab()  # lays out and paints without error
    bounds = markers.boundingRect()
    assert bounds.left() < 0 and bounds.right() > 2  # padded by the symbol's size in pixels
    markers.setData([], [])
    assert markers.boundingRect().isEmpty() and markers.dataBounds(0) == (None, None)


def test_curves_with_markers_share_visibility_and_unchanged_data_is_not_pushed(qtbot):
    from lstm_studio.app.panels.gradient import GradientPanel

    model = demo_model("lstm")
    panel = shown_panel(qtbot, GradientPanel, model)
    series = panel.dh_norm
    assert series.markers.parentItem() is series.item  # a legend click hides both
    series.item.setVisible(False)
    assert not series.markers.isVisible()
    x, _ = series.item.getData()
    panel.refresh()  # same numbers again
    assert series.item.getData()[0] is x
    model.set_parameter("weight_hh_l0", model.document.parameters["weight_hh_l0"] * 2)
    assert series.item.getData()[0] is not x


def test_axes_remember_recent_drawings(qtbot):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    lines = states.views["h"].lines
    axis = lines.plot.getAxis("left")
    first, second = (-1.0, 1.0), (-2.0, 2.0)
    lines.fit_y(first, exact=True)
    states.grab()
    picture = axis.picture
    lines.fit_y(second, exact=True)
    states.grab()
    assert axis.picture is not picture
    lines.fit_y(first, exact=True)
    states.grab()
    assert axis.picture is picture


def test_fitted_y_range_stays_while_the_data_fill_it(qtbot):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    lines = states.views["h"].lines
    lines.fit_y((-1.0, 1.0))
    assert lines.y_range == (-1.0, 1.0)
    lines.fit_y((-0.5, 0.6))  # fills over 40 %: no jump, no axis redraw
    assert lines.y_range == (-1.0, 1.0)
    lines.fit_y((-0.2, 0.3))  # too little of the range: refit
    assert lines.y_range == pytest.approx((-0.2, 0.3))
    lines.fit_y((-0.2, 0.31))  # beyond the range: refit at once
    assert lines.y_range[1] >= 0.31
    lines.fit_y((0.0, 0.1), exact=True)
    assert lines.y_range == pytest.approx((0.0, 0.1))


def test_double_click_fits_the_y_range_tightly_again(qtbot):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    lines = states.views["h"].lines
    tight = lines.y_range
    lines.fit_y((2 * tight[0], 2 * tight[1]))
    lines.fit_y()
    assert lines.y_range != tight
    lines.reset_view()
    low, high = lines.y_range
    data = np.concatenate([series.y.ravel() for series in lines.series])
    assert low <= data.min() and data.max() <= high
    assert (data.max() - data.min()) >= 0.4 * (high - low)


def test_colour_levels_stay_for_similar_data_and_refit_for_another_layer(qtbot):
    model = demo_model("lstm", num_layers=2)
    states = shown_panel(qtbot, StatesPanel, model)
    heatmap = states.views["c"].heatmap  # unbounded: levels fitted to the data
    levels = heatmap.levels
    weights = model.document.parameters["weight_hh_l0"]
    model.set_parameter("weight_hh_l0", weights * 0.97)  # a little smaller: same scale
    assert heatmap.levels == levels
    model.set_selection(layer=1)  # other numbers: their own scale
    values = model.selected_layer_trace().c[:, 0]
    m = nice_ceiling(np.max(np.abs(values)))
    assert heatmap.levels == pytest.approx((-m, m))


def test_bars_span_from_zero_and_skip_non_finite_values(qtbot):
    bars = BarsItem(x=[0, 1, 2, 3], height=[2.0, -1.0, np.nan, 0.5], width=0.5, brush="r")
    rects = bars._rects.ndarray()
    np.testing.assert_array_equal(rects, [[-0.25, 0, 0.5, 2.0], [0.75, -1.0, 0.5, 1.0],
                                          [2.75, 0, 0.5, 0.5]])
    assert bars.dataBounds(0) == (-0.25, 3.25) and bars.dataBounds(1) == (-1.0, 2.0)
    with pytest.raises(ValueError, match="3 bar positions but 2 heights"):
        bars.setOpts(x=[0, 1, 2], height=[1, 2])
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.addItem(bars)
    plot.grab()


def test_curve_joins_only_neighbouring_finite_points(qtbot):
    curve = Curve(pg.mkPen("b"))
    curve.setData([0, 1, 2, 3, 4], [0.0, 1.0, np.nan, 3.0, 4.0])
    np.testing.assert_array_equal(curve._lines.ndarray(), [[0, 0, 1, 1], [3, 3, 4, 4]])
    assert curve.dataBounds(1) == (0.0, 4.0)
    curve.setData([0, 1], [np.nan, np.inf])
    assert curve._count == 0 and curve.dataBounds(0) == (None, None)
    curve.setData([0, 1, 2], [1.0, 2.0, 3.0], connect=np.array([True, False, True]))
    np.testing.assert_array_equal(curve._lines.ndarray(), [[0, 1, 1, 2]])


def test_scales_are_kept_loosely_while_training_and_fit_the_result_after(qtbot):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    lines, heatmap = states.views["c"].lines, states.views["c"].heatmap
    weights = model.document.parameters["weight_hh_l0"]
    model.set_training(True)
    model.set_parameter("weight_hh_l0", weights * 3)
    grown_range, grown_levels = lines.y_range, heatmap.levels
    model.set_parameter("weight_hh_l0", weights * 2.5)  # a little smaller: the scales stay
    assert lines.y_range == grown_range and heatmap.levels == grown_levels
    model.set_training(False)  # the run is over: fit what it left
    values = model.selected_layer_trace().c[:, 0]
    m = nice_ceiling(np.max(np.abs(values)))
    assert heatmap.levels == pytest.approx((-m, m))


def test_while_training_a_scale_the_data_hardly_fill_is_refitted(qtbot):
    model = demo_model("lstm")
    states = shown_panel(qtbot, StatesPanel, model)
    heatmap = states.views["h"].heatmap
    model.set_training(True)
    heatmap.set_values(np.full((4, 3), 1.0), (-1.0, 1.0), heatmap.image.colormap_name)
    heatmap.set_values(np.full((4, 3), 0.5), (-0.5, 0.5), heatmap.image.colormap_name)
    assert heatmap.levels == (-1.0, 1.0)  # half of the scale: kept
    heatmap.set_values(np.full((4, 3), 0.1), (-0.1, 0.1), heatmap.image.colormap_name)
    assert heatmap.levels == (-0.1, 0.1)  # a tenth: the gradients vanished, show them


def test_a_log_axis_over_less_than_two_decades_labels_2_and_5_too(qtbot):
    """A loss between 2.8 and 3.0 in a short plot: the powers of ten sit at the very edges,
    where no label is drawn, so 2 and 5 are labelled as well; over more decades, only powers."""
    from lstm_studio.app.panels.plots.axes import DecadeAxis

    plot = pg.PlotItem(axisItems={"left": DecadeAxis("left")})
    plot.setLogMode(y=True)
    axis = plot.getAxis("left")
    plot.setYRange(-0.05, 1.05, padding=0)
    values = [0.0, np.log10(2), np.log10(3), np.log10(5), 1.0]
    assert [bool(text) for text in axis.tickStrings(values, 1, 1)] == [True, True, False, True, True]
    plot.setYRange(-3, 1, padding=0)
    assert [bool(text) for text in axis.tickStrings([-2.0, np.log10(0.02), np.log10(0.05), -1.0], 1, 1)] \
        == [True, False, False, True]
