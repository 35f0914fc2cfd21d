"""Gates panel: one heatmap per gate showing exactly the trace's numbers."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from lstm_studio.app.panels.gates import GatesPanel
from lstm_studio.app.panels.plots.scales import nice_ceiling
from lstm_studio.app.panels.preview import demo_model
from lstm_studio.app.panels.states import StatesPanel
from lstm_studio.engine import GATE_ACTIVATION, GATES, KINDS

NETWORKS = [dict(kind=kind) for kind in KINDS] + [
    dict(kind="lstm", num_layers=2, bidirectional=True),
    dict(kind="gru", num_layers=2, bidirectional=True),
]


def make_panel(qtbot, model):
    panel = GatesPanel(model)
    qtbot.addWidget(panel)
    panel.resize(800, 560)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def assert_shows_trace(panel, model):
    layer = model.selected_layer_trace()
    for gate, heatmap in panel.heatmaps.items():
        np.testing.assert_array_equal(heatmap.image.image, layer.gates[gate][:, 0])


@pytest.mark.parametrize("settings", NETWORKS, ids=lambda s: "-".join(map(str, s.values())))
def test_one_heatmap_per_gate_with_the_trace_numbers(qtbot, settings, tmp_path):
    model = demo_model(**settings)
    panel = make_panel(qtbot, model)
    kind = settings["kind"]
    assert tuple(panel.heatmaps) == GATES[kind]
    assert_shows_trace(panel, model)
    for gate, heatmap in panel.heatmaps.items():
        activation = GATE_ACTIVATION[kind][gate]
        low, high = heatmap.image.getLevels()
        expected = {"sigmoid": (0, 1), "tanh": (-1, 1)}.get(
            activation, (0, nice_ceiling(np.max(model.selected_layer_trace().gates[gate]))))
        assert (low, high) == pytest.approx(expected)
        assert heatmap.bar.levels() == pytest.approx(expected)
        assert heatmap.plot.titleLabel.text.startswith(gate + " — ")
    panel.grab().save(str(tmp_path / "gates.png"))
    assert (tmp_path / "gates.png").stat().st_size > 0


def test_titles_name_the_gate_and_its_nonlinearity(qtbot):
    panel = make_panel(qtbot, demo_model("lstm"))
    assert panel.heatmaps["f"].plot.titleLabel.text == "f — forget gate\u2003σ"
    assert panel.heatmaps["g"].plot.titleLabel.text.endswith("tanh")
    relu = make_panel(qtbot, demo_model("rnn_relu"))
    assert relu.heatmaps["a"].plot.titleLabel.text.endswith("ReLU")


@pytest.mark.parametrize("kind, cells", [("lstm", [(0, 0), (0, 1), (1, 0), (1, 1)]),
                                         # three gates in 800×560: two to a row is closer to the
                                         # plots' best aspect than a row of three tall plots
                                         ("gru", [(0, 0), (0, 1), (1, 0)]),
                                         ("rnn_tanh", [(0, 0)])])
def test_layout_adapts_to_the_number_of_gates(qtbot, kind, cells):
    panel = make_panel(qtbot, demo_model(kind))
    grid = panel.axes.ci.layout
    placed = sorted((row, col) for row in range(grid.rowCount())
                    for col in range(grid.columnCount()) if grid.itemAt(row, col) is not None)
    assert placed == cells
    assert not panel.axes.in_row
    panel.resize(1500, 300)  # wide and short: one row
    qtbot.waitUntil(lambda: panel.axes.in_row or len(cells) == 1)


def test_colour_maps_fit_the_range(qtbot):
    panel = make_panel(qtbot, demo_model("lstm"))
    assert panel.heatmaps["i"].bar.colorMap().name == "viridis"
    assert panel.heatmaps["g"].bar.colorMap().name == "CET-D1"


def test_shows_the_selected_layer_and_direction(qtbot):
    model = demo_model("lstm", num_layers=2, bidirectional=True)
    panel = make_panel(qtbot, model)
    model.set_selection(layer=1, direction=1)
    assert_shows_trace(panel, model)
    np.testing.assert_array_equal(panel.heatmaps["f"].image.image,
                                  model.trace.layer(1, 1).gates["f"][:, 0])


def test_changing_a_weight_updates_the_images(qtbot):
    model = demo_model("gru")
    panel = make_panel(qtbot, model)
    before = panel.heatmaps["z"].image.image.copy()
    model.set_parameter("bias_hh_l0", model.document.parameters["bias_hh_l0"] + 2.0)
    assert not np.array_equal(before, panel.heatmaps["z"].image.image)
    assert_shows_trace(panel, model)


def test_preactivations_use_symmetric_levels(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, model)
    panel.preactivation_box.setChecked(True)
    values = model.selected_layer_trace().preactivations["f"][:, 0]
    heatmap = panel.heatmaps["f"]
    np.testing.assert_array_equal(heatmap.image.image, values)
    m = nice_ceiling(np.max(np.abs(values)))
    assert tuple(heatmap.image.getLevels()) == pytest.approx((-m, m))


def test_click_selects_unit_and_time_highlighted_in_other_panels(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, model)
    states = StatesPanel(model)
    qtbot.addWidget(states)
    qtbot.mouseClick(panel.axes.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.heatmaps["o"].viewport_point(8, 11))
    assert (model.view.time_step, model.view.unit) == (8, 11)
    assert panel.heatmaps["i"].unit_band() == (10.5, 11.5)
    assert states.views["c"].heatmap.cursor.value() == 8
    np.testing.assert_array_equal(states.views["c"].selected.y,
                                  model.selected_layer_trace().c[:, 0, 11])


def test_reveal_mode_hides_later_steps(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, model)
    model.set_time_step(4)
    model.set_display_mode("reveal")
    for gate, heatmap in panel.heatmaps.items():
        np.testing.assert_array_equal(heatmap.image.image,
                                      model.selected_layer_trace().gates[gate][:5, 0])
        assert heatmap.image.mapRectToParent(heatmap.image.boundingRect()).right() == 4.5


def test_non_finite_trace_does_not_crash(qtbot):
    model = demo_model("rnn_relu", seq_len=80, hidden_size=8)
    panel = make_panel(qtbot, model)
    model.set_parameters({"weight_hh_l0": np.full((8, 8), 1e6), "weight_ih_l0": np.full((8, 2), 1e6)})
    assert model.trace.nonfinite
    assert_shows_trace(panel, model)
    low, high = panel.heatmaps["a"].image.getLevels()
    assert low == 0 and np.isfinite(high)
    model.set_display_mode("reveal")
    model.set_time_step(60)
    panel.grab()
