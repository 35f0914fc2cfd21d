"""A change of structure keeps the plots it can (issue 14): new sizes reshape the plots already
made, a new kind reuses the gate and state heatmaps; either way the panels then show exactly the
new evaluation. Making pyqtgraph plots again kept the GUI thread 0.3–0.5 s at large sizes."""

import numpy as np
import pytest
import shiboken6
from test_background_recompute import slow  # noqa: F401 - fixture
from test_plots import shown_panel as make_panel

from lstm_studio.app.panels.gates import GatesPanel
from lstm_studio.app.panels.gradient import GradientPanel
from lstm_studio.app.panels.output import OutputPanel
from lstm_studio.app.panels.plots.scales import format_value
from lstm_studio.app.panels.preview import demo_model
from lstm_studio.app.panels.states import StatesPanel
from lstm_studio.app.refresh_queue import refresh_queue
from lstm_studio.engine import GATES

PANELS = (GatesPanel, StatesPanel, GradientPanel, OutputPanel)


def plot_items(panel):
    return [plot.plot for plot in panel.axes.plots]


def assert_gates_show(panel, model):
    layer = model.selected_layer_trace()
    config = model.config
    assert tuple(panel.heatmaps) == GATES[config.kind]
    for gate, heatmap in panel.heatmaps.items():
        np.testing.assert_array_equal(heatmap.image.image, layer.gates[gate][:, 0])
        assert heatmap.values.shape == (config.seq_len, config.hidden_size)
        assert heatmap.view.viewRange()[1] == pytest.approx([-0.5, config.hidden_size - 0.5])
        assert heatmap.plot.titleLabel.text.startswith(gate + " — ")


def assert_states_show(panel, model):
    layer = model.selected_layer_trace()
    assert set(panel.views) == ({"c", "h"} if model.config.has_cell_state else {"h"})
    for name, view in panel.views.items():
        values = getattr(layer, name)[:, 0]
        np.testing.assert_array_equal(view.heatmap.image.image, values)
        np.testing.assert_array_equal(view.selected.y, values[:, model.view.unit])
        assert view.heatmap.plot.titleLabel.text.startswith(f"{name}_t — ")


def assert_time_axes(panel, steps):
    for plot in panel.axes.plots:
        assert plot.steps == steps
        assert plot.view.viewRange()[0] == pytest.approx([-0.5, steps - 0.5])


@pytest.mark.parametrize("change", [dict(hidden_size=24), dict(seq_len=60), dict(num_layers=2),
                                    dict(bidirectional=True), dict(input_size=3)],
                         ids=lambda c: next(iter(c)))
@pytest.mark.parametrize("panel_class", PANELS, ids=lambda c: c.__name__)
def test_new_sizes_keep_every_plot_and_show_the_new_numbers(qtbot, panel_class, change):
    model = demo_model("lstm")
    panel = make_panel(qtbot, panel_class, model)
    before = plot_items(panel)
    model.set_config(**change)
    refresh_queue().flush()
    assert plot_items(panel) == before
    assert all(shiboken6.isValid(item) for item in before)
    assert_time_axes(panel, model.config.seq_len)
    if panel_class is GatesPanel:
        assert_gates_show(panel, model)
    elif panel_class is StatesPanel:
        assert_states_show(panel, model)
    elif panel_class is GradientPanel:
        np.testing.assert_array_equal(panel.dh_map.image.image,
                                      model.evaluation.grads.dh[0][0][:, 0])
        assert panel.dh_map.units == model.config.hidden_size


def test_a_unit_beyond_the_old_sizes_can_be_selected_after_a_resize(qtbot):
    model = demo_model("lstm", hidden_size=8)
    panel = make_panel(qtbot, StatesPanel, model)
    model.set_config(hidden_size=32)
    model.set_selection(unit=30)
    assert_states_show(panel, model)
    heatmap = panel.views["h"].heatmap
    assert heatmap.unit_band() == pytest.approx((29.5, 30.5))
    value = format_value(model.selected_layer_trace().h[3, 0, 30])
    assert heatmap.readout(3.0, 30.0) == f"t = 4, unit 30: h_t = {value}"


def test_a_held_change_of_sizes_is_drawn_from_its_own_evaluation(qtbot, slow):
    model = demo_model("lstm")
    model.hold_above_seconds = 0.0  # held until the worker has evaluated it
    panels = [make_panel(qtbot, panel_class, model) for panel_class in (GatesPanel, StatesPanel)]
    before = [plot_items(panel) for panel in panels]
    model.set_config(hidden_size=20, seq_len=30)
    assert model.holding
    assert_gates_show(panels[0], model)  # meanwhile: the document before, as it was drawn
    slow.open()
    qtbot.waitUntil(lambda: not model.holding, timeout=5000)
    qtbot.waitUntil(lambda: not refresh_queue().pending, timeout=5000)
    assert [plot_items(panel) for panel in panels] == before
    assert model.config.hidden_size == 20
    assert_gates_show(panels[0], model)
    assert_states_show(panels[1], model)
    assert_time_axes(panels[0], 30)


def test_a_new_kind_reuses_the_gate_heatmaps_and_deletes_the_rest(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, GatesPanel, model)
    old = [heatmap.plot for heatmap in panel.heatmaps.values()]
    model.set_config(kind="gru")
    new = [heatmap.plot for heatmap in panel.heatmaps.values()]
    assert new == old[:3]  # three heatmaps serve again, titled anew
    assert not shiboken6.isValid(old[3])
    assert panel.heatmaps["r"].plot.titleLabel.text.startswith("r — reset gate")
    assert panel.heatmaps["r"].value_name == "r"
    assert_gates_show(panel, model)
    model.set_config(kind="lstm")
    assert [heatmap.plot for heatmap in panel.heatmaps.values()][:3] == old[:3]
    assert_gates_show(panel, model)


def test_a_new_kind_rebuilds_what_depends_on_it(qtbot):
    model = demo_model("lstm")
    states = make_panel(qtbot, StatesPanel, model)
    gradient = make_panel(qtbot, GradientPanel, model)
    h_heatmap = states.views["h"].heatmap.plot
    model.set_config(kind="gru")
    assert_states_show(states, model)
    assert states.views["h"].heatmap.plot in (h_heatmap, *[p.plot for p in states.axes.plots])
    assert gradient.dc_norm is None  # a GRU has no cell state to draw
    model.set_config(kind="lstm")
    assert_states_show(states, model)
    assert gradient.dc_norm is not None


def test_a_theme_or_scale_rebuild_makes_every_plot_afresh(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, GatesPanel, model)
    old = plot_items(panel)
    panel.rebuild()
    assert not any(shiboken6.isValid(item) for item in old)
    assert_gates_show(panel, model)


def test_a_change_of_loss_rebuilds_the_output_curves(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, OutputPanel, model)
    old = plot_items(panel)
    model.set_config(output_size=3)
    assert not any(shiboken6.isValid(item) for item in old)
    assert len(panel.output_curves) == 3


def test_a_zoom_is_undone_by_new_sizes(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, GatesPanel, model)
    heatmap = panel.heatmaps["f"]
    heatmap.view.setXRange(3, 9, padding=0)
    model.set_config(seq_len=50)
    assert heatmap.view.viewRange()[0] == pytest.approx([-0.5, 49.5])


def test_the_cell_gradient_curve_comes_and_goes_with_the_kind(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, GradientPanel, model)
    before = plot_items(panel)

    def legend():
        return [label.text for _, label in panel.norms.legend.items]

    assert legend() == ["‖dL/dh_t‖", "‖dL/dc_t‖"]
    cell_curve = panel.dc_norm.item
    model.set_config(kind="gru")
    assert plot_items(panel) == before and panel.dc_norm is None
    assert legend() == ["‖dL/dh_t‖"]
    assert len(panel.norms.series) == 1
    assert cell_curve not in panel.norms.plot.items and cell_curve.scene() is None
    model.set_config(kind="peephole_lstm")
    assert plot_items(panel) == before and legend() == ["‖dL/dh_t‖", "‖dL/dc_t‖"]
    norms = np.linalg.norm(model.evaluation.grads.dc[0][0][:, 0], axis=-1)
    np.testing.assert_allclose(panel.dc_norm.y, norms)


@pytest.mark.parametrize("kinds", [("lstm", "gru", "peephole_lstm"), ("gru", "lstm", "rnn_relu")],
                         ids="-".join)
def test_the_cell_state_column_comes_and_goes_with_the_kind(qtbot, kinds):
    model = demo_model(kinds[0])
    panel = make_panel(qtbot, StatesPanel, model)
    h_plots = [panel.views["h"].heatmap.plot, panel.views["h"].lines.plot]
    for kind in kinds[1:]:
        model.set_config(kind=kind)
        assert [panel.views["h"].heatmap.plot, panel.views["h"].lines.plot] == h_plots
        assert_states_show(panel, model)
        cell = model.config.has_cell_state
        order = (["c"] if cell else []) + ["h"]
        assert [plot.plot for plot in panel.axes.plots] == [
            item for name in order for item in (panel.views[name].heatmap.plot, panel.views[name].lines.plot)]
        assert [plot.grid for plot in panel.axes.plots] == [
            (row, column) for column in range(len(order)) for row in (0, 1)]
        assert panel.axes.places is not None and len(panel.axes.places) == len(panel.axes.plots)
        assert panel.views["h"].bounded == (kind != "rnn_relu")
    fresh = make_panel(qtbot, StatesPanel, model)  # as a panel built for the kind lays it out
    assert [plot.grid for plot in fresh.axes.plots] == [plot.grid for plot in panel.axes.plots]
    assert fresh.axes.places == panel.axes.places
