"""Output panel: outputs against targets, per-step loss at the loss steps, total loss."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from lstm_studio.app.panels.output import MAX_CHANNELS, OutputPanel
from lstm_studio.app.panels.preview import demo_model
from lstm_studio.engine import KINDS

NETWORKS = [dict(kind=kind) for kind in KINDS] + [dict(kind="lstm", num_layers=2, bidirectional=True)]


def make_panel(qtbot, model):
    panel = OutputPanel(model)
    qtbot.addWidget(panel)
    panel.resize(800, 560)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def use_cross_entropy(model, classes_every=5):
    steps, classes = model.config.seq_len, model.config.output_size
    with model.changes():
        model.set_loss("cross_entropy")
        model.set_targets(np.eye(classes)[(np.arange(steps) // classes_every) % classes])


@pytest.mark.parametrize("settings", NETWORKS, ids=lambda s: "-".join(map(str, s.values())))
def test_outputs_targets_and_loss(qtbot, settings, tmp_path):
    model = demo_model(**settings)
    panel = make_panel(qtbot, model)
    ev, doc = model.evaluation, model.document
    for k, curve in enumerate(panel.output_curves):
        np.testing.assert_array_equal(curve.item.getData()[1], ev.y[:, k])
        line, marks = panel.targets[k]
        np.testing.assert_array_equal(line.y, doc.targets[:, k])
        np.testing.assert_array_equal(marks.y, doc.targets[:, k])  # loss at every step
    np.testing.assert_array_equal(panel.loss_bars.y, ev.per_step_loss)
    assert "{:.4g}".format(ev.loss) in panel.info.text()
    panel.grab().save(str(tmp_path / "output.png"))


def test_loss_steps_are_marked(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, model)
    mask = np.zeros(model.config.seq_len, dtype=bool)
    mask[[4, 17, 39]] = True
    model.set_loss(mask=mask)
    np.testing.assert_array_equal(panel.loss_bars.item.opts["x"], [4, 17, 39])
    np.testing.assert_array_equal(panel.loss_bars.item.opts["height"],
                                  model.evaluation.per_step_loss[mask])
    _, marks = panel.targets[0]
    np.testing.assert_array_equal(marks.x, [4, 17, 39])
    np.testing.assert_array_equal(marks.y, model.document.targets[mask, 0])
    assert "mean over 3 of 40 steps" in panel.info.text()


def test_cross_entropy_shows_probabilities_of_the_target_class(qtbot):
    model = demo_model("gru", output_size=3)
    panel = make_panel(qtbot, model)
    use_cross_entropy(model)
    assert panel.cross_entropy
    probabilities = model.evaluation.probabilities
    classes = np.argmax(model.document.targets, axis=1)
    assert len(panel.targets) == 1
    np.testing.assert_allclose(panel.targets[0][0].y,
                               probabilities[np.arange(len(classes)), classes])
    for k, curve in enumerate(panel.output_curves):
        np.testing.assert_array_equal(curve.y, probabilities[:, k])
    assert tuple(panel.outputs.view.viewRange()[1]) == pytest.approx((-0.05, 1.05))
    assert "cross-entropy" in panel.info.text()
    model.set_loss("mse")
    assert not panel.cross_entropy and len(panel.targets) == 3


def test_many_channels_are_capped(qtbot):
    model = demo_model("lstm", output_size=MAX_CHANNELS + 3)
    panel = make_panel(qtbot, model)
    assert len(panel.output_curves) == MAX_CHANNELS
    assert "showing {0} of {1}".format(MAX_CHANNELS, MAX_CHANNELS + 3) in panel.info.text()


def test_reveal_mode_and_cursor(qtbot):
    model = demo_model("lstm")
    panel = make_panel(qtbot, model)
    model.set_display_mode("reveal")
    model.set_time_step(6)
    assert len(panel.output_curves[0].item.getData()[0]) == 7
    assert len(panel.loss_bars.item.opts["x"]) == 7
    assert panel.loss.cursor.value() == 6


def test_non_finite_loss_is_reported(qtbot):
    model = demo_model("rnn_relu", seq_len=80, hidden_size=8)
    panel = make_panel(qtbot, model)
    model.set_parameters({"weight_hh_l0": np.full((8, 8), 1e6), "weight_ih_l0": np.full((8, 2), 1e6)})
    assert "non-finite" in panel.info.text()
    panel.grab()


def test_prediction_is_y_hat_and_target_is_y_as_in_the_course_notes(qtbot):
    model = demo_model("lstm", output_size=2)
    panel = make_panel(qtbot, model)
    title = panel.outputs.plot.titleLabel.text
    assert "ŷ" in title and "target y" in title
    legend = [label.text for _, label in panel.outputs.legend.items]
    assert legend == ["ŷ0", "y0 (target)", "ŷ1", "y1 (target)"]
    assert "ŷ_t" in panel.toolTip() and "y_t" in panel.toolTip()
    panel.axes._hover(panel.outputs.view.mapViewToScene(QPointF(4, 0.0)))
    text = panel.readout.text()
    prediction, target = model.evaluation.y[4, 0], model.document.targets[4, 0]
    assert text.startswith("t = 5: ")  # index 4 is the fifth step: t = 1..T
    assert "ŷ0 = {:.4g}".format(prediction) in text
    assert "y0 (target) = {:.4g}".format(target) in text
