"""Gradient-flow panel: per-step gradient norms (log), dL/dh_t per unit, input sensitivity."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from lstm_studio.app.panels.gradient import (
    GradientPanel,
    backward_revealed_steps,
    cut_steps_text,
    step_norms,
    truncation_boundaries,
)
from lstm_studio.app.panels.plots.scales import nice_ceiling
from lstm_studio.app.panels.preview import demo_model
from lstm_studio.engine import KINDS

NETWORKS = [dict(kind=kind) for kind in KINDS] + [dict(kind="lstm", num_layers=2, bidirectional=True)]


def make_panel(qtbot, model):
    panel = GradientPanel(model)
    qtbot.addWidget(panel)
    panel.resize(800, 620)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def assert_shows_gradients(panel, model):
    view, grads = model.view, model.evaluation.grads
    dh = grads.dh[view.layer][view.direction][:, 0]
    np.testing.assert_array_equal(panel.dh_map.image.image, dh)
    np.testing.assert_allclose(panel.dh_norm.y, np.linalg.norm(dh, axis=1))
    if model.config.has_cell_state:
        dc = grads.dc[view.layer][view.direction][:, 0]
        np.testing.assert_allclose(panel.dc_norm.y, np.linalg.norm(dc, axis=1))
    else:
        assert panel.dc_norm is None
    np.testing.assert_allclose(panel.dx_norm.y, np.linalg.norm(grads["input"], axis=1))
    m = nice_ceiling(np.max(np.abs(dh)))
    assert tuple(panel.dh_map.image.getLevels()) == pytest.approx((-m, m))


@pytest.mark.parametrize("settings", NETWORKS, ids=lambda s: "-".join(map(str, s.values())))
def test_gradients_of_the_current_loss(qtbot, settings, tmp_path):
    model = demo_model(**settings)
    panel = make_panel(qtbot, model)
    assert_shows_gradients(panel, model)
    assert panel.norms.log and panel.sensitivity.log
    if model.config.num_layers > 1:
        model.set_selection(layer=0, direction=1)
        assert_shows_gradients(panel, model)
    panel.grab().save(str(tmp_path / "gradients.png"))


def test_truncated_bptt_gives_zero_gradients_before_the_boundary(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, model)
    steps = model.config.seq_len
    with model.changes():
        model.set_loss(mask=np.arange(steps) == steps - 1)
        model.set_bptt(truncate=5)
    assert np.all(panel.dh_map.image.image[:steps - 5] == 0)
    assert np.all(panel.dh_norm.y[:steps - 5] == 0)
    assert np.all(panel.dh_norm.y[steps - 5:] > 0)
    _, shown = panel.dh_norm.item.getData()  # zeros are gaps on the log axis
    assert np.all(np.isnan(shown[:steps - 5])) and np.all(np.isfinite(shown[steps - 5:]))
    assert panel.boundaries[0].positions() == list(np.arange(4.5, steps - 5, 5))
    assert "truncated BPTT: 5 steps" in panel.info.text()
    assert "cut after t = 5, 10, …, 35" in panel.info.text()  # t = 1..T: steps 36..40 keep it
    model.set_bptt(truncate=steps)
    assert "no cut" in panel.info.text()
    panel.grab()


def test_all_zero_gradients_keep_the_log_plot_valid(qtbot):
    model = demo_model("gru")
    panel = make_panel(qtbot, model)
    model.set_targets(model.evaluation.y)  # perfect fit: every gradient is zero
    assert np.all(panel.dh_norm.y == 0)
    low, high = panel.norms.view.viewRange()[1]
    assert np.isfinite(low) and np.isfinite(high) and high > low
    panel.grab()


def test_label_shows_norm_and_clipping(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, model)
    norm = model.evaluation.grads.norm
    assert "{:.4g}".format(norm) in panel.info.text()
    assert "no clipping" in panel.info.text()
    model.set_bptt(clip_norm=norm / 10)
    assert model.evaluation.grads.clipped
    assert "clipped" in panel.info.text()
    model.set_bptt(clip_norm=norm * 10)
    assert "not applied" in panel.info.text()


def test_helpers():
    assert list(truncation_boundaries(12, 5)) == [1.5, 6.5]
    assert list(truncation_boundaries(12, None)) == []
    assert cut_steps_text(truncation_boundaries(12, 5)) == "2, 7"  # counted t = 1..T
    np.testing.assert_allclose(step_norms(np.array([[3.0, 4.0], [0.0, 0.0]])), [5.0, 0.0])
    assert step_norms(np.array([[1e300, 1e300]]))[0] == pytest.approx(np.sqrt(2) * 1e300)
    assert np.isnan(step_norms(np.array([[np.nan, 1.0]]))[0])
    assert step_norms(np.array([[-np.inf, 1.0]]))[0] == np.inf


def test_non_finite_gradients_do_not_crash(qtbot):
    model = demo_model("rnn_relu", seq_len=80, hidden_size=8)
    panel = make_panel(qtbot, model)
    model.set_parameters({"weight_hh_l0": np.full((8, 8), 1e6), "weight_ih_l0": np.full((8, 2), 1e6)})
    assert model.trace.nonfinite
    model.set_display_mode("reveal")
    model.set_time_step(50)
    panel.grab()


def test_hover_on_a_curve_plot_reads_every_series_at_that_step(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, model)
    t = 7
    centre_y = panel.norms.view.viewRect().center().y()
    panel.axes._hover(panel.norms.view.mapViewToScene(QPointF(t, centre_y)))
    text = panel.readout.text()
    assert text.startswith("t = {0}: ‖dL/dh_t‖ = {1:.4g}".format(t + 1, panel.dh_norm.y[t]))  # t = 1..T
    assert "‖dL/dc_t‖ = {0:.4g}".format(panel.dc_norm.y[t]) in text


def shown_steps(series):
    """The steps (0-based) a curve draws."""
    x, _ = series.item.getData()
    return [int(v) for v in x]


def test_reveal_shows_gradients_from_the_loss_backwards(qtbot):
    """BPTT runs backwards: in "reveal" mode at the cursor t the panel shows t..T — the steps
    the backward pass has reached — and moving the cursor back reveals more; the header says so."""
    model = demo_model("lstm")
    panel = make_panel(qtbot, model)
    steps = model.config.seq_len
    model.set_loss(mask=np.isin(np.arange(steps), [9, 24]))  # losses at t = 10 and t = 25
    model.set_display_mode("reveal")
    model.set_time_step(steps - 1)
    assert shown_steps(panel.dh_norm) == [steps - 1] == shown_steps(panel.dx_norm)
    model.set_time_step(15)
    expected = list(range(15, steps))
    assert shown_steps(panel.dh_norm) == expected == shown_steps(panel.dc_norm) == shown_steps(panel.dx_norm)
    dh = model.evaluation.grads.dh[0][0][:, 0]
    np.testing.assert_array_equal(panel.dh_map.image.image, dh[15:])  # the columns t = 16..T
    assert panel.dh_map.image.mapRectToParent(panel.dh_map.image.boundingRect()).left() == 14.5
    # what is shown is final: the losses at t = 25 and after; the loss at t = 10 reaches none
    drawn, final = panel.dh_norm.item.getData()[1], step_norms(dh)[15:]
    assert np.all(final[:10] > 0) and np.all(final[10:] == 0)  # after the last loss: nothing
    np.testing.assert_allclose(drawn[:10], np.log10(final[:10]))
    assert np.all(np.isnan(drawn[10:]))  # zeros: gaps on the log axis
    text = panel.info.text()
    assert "Reveal" in text and "the last at t = 25" in text and "t = 16…{0}".format(steps) in text
    assert "clipping bars" not in text
    model.set_bptt(clip_norm=1.0)  # the bars beside the curves are not revealed step by step
    assert panel.clipping.isVisibleTo(panel)
    assert "The clipping bars show the whole gradient, summed over every step." in panel.info.text()
    model.set_bptt(clip_norm=None)
    assert "clipping bars" not in panel.info.text()
    model.set_time_step(3)  # back: more is revealed, and the header follows the cursor
    assert shown_steps(panel.dh_norm) == list(range(3, steps))
    assert "t = 4…{0}".format(steps) in panel.info.text()
    assert panel.dh_map.readout(2.0, 0.0) == "" and panel.dh_map.readout(3.0, 0.0)  # hidden steps read nothing
    model.set_display_mode("whole")
    assert shown_steps(panel.dh_norm) == list(range(steps))
    assert "Reveal" not in panel.info.text()
    panel.grab()


def test_reveal_of_a_reverse_direction_runs_forwards_in_time(qtbot):
    """A reverse direction read x_T first, so its backward pass starts at t = 1."""
    model = demo_model("gru", bidirectional=True)
    panel = make_panel(qtbot, model)
    model.set_display_mode("reveal")
    model.set_time_step(6)
    assert shown_steps(panel.dh_norm) == list(range(6, model.config.seq_len))
    model.set_selection(direction=1)
    assert shown_steps(panel.dh_norm) == list(range(7))
    assert "reverse direction" in panel.info.text() and "t = 1…7" in panel.info.text()


def test_revealed_steps_rule():
    assert backward_revealed_steps(4, 10) == (4, 10)
    assert backward_revealed_steps(9, 10) == (9, 10)
    assert backward_revealed_steps(0, 10) == (0, 10)
    assert backward_revealed_steps(4, 10, direction=1) == (0, 5)
