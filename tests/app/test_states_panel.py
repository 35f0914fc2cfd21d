"""States panel: c_t and h_t heatmaps (h with fixed −1..1 levels where it is bounded, by default),
curves of the selected unit."""

import numpy as np
import pytest

from lstm_studio.app.panels.gates import GatesPanel
from lstm_studio.app.panels.plots.curves import MAX_FAINT_CURVES
from lstm_studio.app.panels.plots.scales import nice_ceiling
from lstm_studio.app.panels.preview import demo_model
from lstm_studio.app.panels.states import StatesPanel, bundle_points, faint_units, hidden_is_bounded
from lstm_studio.engine import KINDS

NETWORKS = [dict(kind=kind) for kind in KINDS] + [dict(kind="peephole_lstm", num_layers=2,
                                                       bidirectional=True)]


def make_panel(qtbot, model):
    panel = StatesPanel(model)
    qtbot.addWidget(panel)
    panel.resize(800, 560)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def assert_shows_trace(panel, model):
    layer, unit = model.selected_layer_trace(), model.view.unit
    for name, view in panel.views.items():
        values = getattr(layer, name)[:, 0]
        np.testing.assert_array_equal(view.heatmap.image.image, values)
        np.testing.assert_array_equal(view.selected.y, values[:, unit])
        assert tuple(view.heatmap.image.getLevels()) == pytest.approx(expected_levels(model, name, values))


def expected_levels(model, name, values):
    """h of a bounded kind keeps −1..1 under the default "fixed" colour scale; c, a ReLU RNN's
    h and everything under "auto" are fitted (±max |value|, rounded up)."""
    m = nice_ceiling(np.max(np.abs(values)))
    fixed = model.view.colour_scale == "fixed"
    if name == "h" and fixed and hidden_is_bounded(model.config.kind) and m <= 1:
        return (-1.0, 1.0)
    return (-m, m)


@pytest.mark.parametrize("settings", NETWORKS, ids=lambda s: "-".join(map(str, s.values())))
def test_states_show_the_trace(qtbot, settings, tmp_path):
    model = demo_model(**settings)
    panel = make_panel(qtbot, model)
    expected = ["c", "h"] if model.config.has_cell_state else ["h"]
    assert list(panel.views) == expected
    assert_shows_trace(panel, model)
    if model.config.num_layers > 1:
        model.set_selection(layer=1, direction=1)
        assert_shows_trace(panel, model)
    panel.grab().save(str(tmp_path / "states.png"))


def test_selected_unit_is_highlighted(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, model)
    model.set_selection(unit=6)
    view = panel.views["h"]
    assert view.selected.name == "h_t[6]"
    assert "unit 6" in view.lines.plot.titleLabel.text
    _, y = view.selected.item.getData()
    np.testing.assert_array_equal(y, model.selected_layer_trace().h[:, 0, 6])
    assert view.heatmap.unit_band() == (5.5, 6.5)
    assert view.selected.item.opts["pen"].widthF() > view.others.item.opts["pen"].widthF()


def test_other_units_are_faint_and_subsampled_for_wide_layers():
    assert list(faint_units(5)) == [0, 1, 2, 3, 4]
    wide = faint_units(200)
    assert len(wide) == MAX_FAINT_CURVES and wide[0] == 0 and wide[-1] == 199


def test_weight_change_redraws_and_reveal_mode_cuts_curves(qtbot):
    model = demo_model("gru")
    panel = make_panel(qtbot, model)
    model.set_parameter("weight_hh_l0", model.document.parameters["weight_hh_l0"] * 2)
    assert_shows_trace(panel, model)
    model.set_time_step(7)
    model.set_display_mode("reveal")
    x, _ = panel.views["h"].selected.item.getData()
    assert list(x) == list(range(8))
    x, _ = panel.views["h"].others.item.getData()
    assert np.nanmax(x) == 7


def test_non_finite_states_do_not_crash(qtbot):
    model = demo_model("rnn_relu", seq_len=80, hidden_size=8)
    panel = make_panel(qtbot, model)
    model.set_parameters({"weight_hh_l0": np.full((8, 8), 1e6), "weight_ih_l0": np.full((8, 2), 1e6)})
    assert model.trace.nonfinite
    low, high = panel.views["h"].heatmap.image.getLevels()
    assert np.isfinite(high) and low == -high
    panel.grab()


@pytest.mark.parametrize("kind, bounded", [("lstm", True), ("peephole_lstm", True), ("lstm_nofg", True),
                                           ("gru", True), ("rnn_tanh", True), ("rnn_relu", False)])
def test_which_hidden_states_are_bounded(kind, bounded):
    assert hidden_is_bounded(kind) == bounded


def test_a_shut_output_gate_looks_faint_by_default(qtbot):
    """h ≈ 0.001 behind a shut output gate: fixed −1..1 colours, not levels fitted to 0.001."""
    model = demo_model("lstm", hidden_size=4)
    panel = make_panel(qtbot, model)
    assert model.view.colour_scale == "fixed" and panel.colour_scale_box.isChecked()
    bias = model.document.parameters["bias_ih_l0"].copy()
    bias[12:16] = -8.0  # the output gate's block (i, f, g, o): σ(−8 + …) ≈ 0.0003
    model.set_parameter("bias_ih_l0", bias)
    h = model.selected_layer_trace().h[:, 0]
    assert np.max(np.abs(h)) < 0.01
    assert panel.views["h"].heatmap.levels == (-1.0, 1.0)
    c = model.selected_layer_trace().c[:, 0]  # unbounded: always fitted
    m = nice_ceiling(np.max(np.abs(c)))
    assert panel.views["c"].heatmap.levels == pytest.approx((-m, m))


def test_auto_colour_scale_refits_every_heatmap_and_back(qtbot):
    model = demo_model("lstm")
    states = make_panel(qtbot, model)
    gates = GatesPanel(model)
    qtbot.addWidget(gates)
    h = model.selected_layer_trace().h[:, 0]
    i = model.selected_layer_trace().gates["i"][:, 0]
    assert states.views["h"].heatmap.levels == (-1.0, 1.0)
    assert gates.heatmaps["i"].levels == (0.0, 1.0) and gates.heatmaps["g"].levels == (-1.0, 1.0)
    model.set_colour_scale("auto")
    m = nice_ceiling(np.max(np.abs(h)))
    assert m < 1 and states.views["h"].heatmap.levels == pytest.approx((-m, m))
    low, high = gates.heatmaps["i"].levels  # fitted to the gate's values: more contrast
    assert low <= i.min() and i.max() <= high and (low, high) != (0.0, 1.0)
    assert not states.colour_scale_box.isChecked() and not gates.colour_scale_box.isChecked()
    gates.colour_scale_box.setChecked(True)  # a check box writes the model, every view follows
    assert model.view.colour_scale == "fixed"
    assert states.views["h"].heatmap.levels == (-1.0, 1.0) and states.colour_scale_box.isChecked()
    assert gates.heatmaps["i"].levels == (0.0, 1.0)


def test_a_gru_started_outside_minus_one_to_one_widens_its_fixed_levels(qtbot):
    model = demo_model("gru", hidden_size=4)
    panel = make_panel(qtbot, model)
    model.set_initial_state(h0=np.full((1, 4), 3.0))
    h = model.selected_layer_trace().h[:, 0]
    assert np.max(np.abs(h)) > 1
    low, high = panel.views["h"].heatmap.levels
    assert low <= h.min() and h.max() <= high


def test_faint_curves_fit_their_pixels_with_every_extreme_and_are_exact_when_they_fit():
    values = np.random.default_rng(3).normal(size=(10, 3))
    x, y = bundle_points(values, 1)
    assert list(x) == list(range(10)) and y is values
    values = np.zeros((1000, 2))
    values[517, 0], values[998, 1] = 4.0, -3.0  # one spike each, the second in the last, short bin
    x, y = bundle_points(values, 4)
    assert len(x) == 2 * 250 and x[0] == 0 and x[1] == 3 and x[-1] == 999
    assert y[:, 0].max() == 4.0 and y[:, 1].min() == -3.0
    assert 516 <= x[np.argmax(y[:, 0])] <= 519  # drawn within the bin of steps it is in


def test_a_long_sequence_draws_its_faint_curves_binned_and_every_step_in_reveal_mode(qtbot):
    model = demo_model("lstm", seq_len=3000, hidden_size=4)
    panel = make_panel(qtbot, model)
    view = panel.views["h"]
    x, _ = view.others.item.getData()
    width = view.lines.view.rect().width()
    curves = len(view.faint)
    assert len(x) <= curves * (2 * width + 3)  # (a NaN after each curve separates them)
    model.set_time_step(99)
    model.set_display_mode("reveal")
    x, _ = view.others.item.getData()
    assert np.nanmax(x) == 99 and len(x) == curves * 101
