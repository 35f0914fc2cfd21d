"""States panel: c_t and h_t heatmaps with symmetric levels, curves of the selected unit."""

import numpy as np
import pytest

from lstm_studio.app.plots import MAX_FAINT_CURVES, demo_model, nice_ceiling
from lstm_studio.app.states_panel import StatesPanel, faint_units
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
        m = nice_ceiling(np.max(np.abs(values)))
        assert tuple(view.heatmap.image.getLevels()) == pytest.approx((-m, m))


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
