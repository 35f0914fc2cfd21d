"""The RNN / LSTM / GRU comparison: its initialisation, initial gradients, three trainings off the
GUI thread, accuracy, and the length sweep."""

import time

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from lstm_studio.app.training import compare_plots, compare_view
from lstm_studio.session.experiments import COMPARE_KINDS


@pytest.fixture
def window(shown_window):
    return shown_window
    assert w.compare.view.worker is None and w.compare.view.sweep_worker is None


def curve_data(curve):
    """The data given to a curve (before pyqtgraph's log transform)."""
    x, y = curve.getOriginalDataset()
    return (np.zeros(0), np.zeros(0)) if y is None else (x, y)


def curve_y(curve):
    return curve_data(curve)[1]


def test_menu_action_shows_the_vanishing_gradient_figure(window):
    compare = window.compare
    assert not compare.dock.isVisible()
    window.training.choose_task("long_dependency")
    compare.action.trigger()
    view = compare.view
    assert compare.dock.isVisible() and view.task_combo.currentData() == "long_dependency"
    T = view.seq_len.value()
    ends = {}
    for kind in COMPARE_KINDS:
        x, y = curve_data(view.decay_curves[kind])
        assert x.size == T and np.all(y > 0)  # log scale: the y data are the norms
        ends[kind] = y[np.argmax(x)] / y[np.argmin(x)]  # kept after T-1 steps back
    assert ends["rnn_tanh"] < 1e-3 * ends["lstm"]
    assert f"after {T - 1} steps back" in view.status.text()


def test_three_networks_train_side_by_side(window, qtbot):
    view = window.compare.view
    window.compare.show()
    view.seq_len.setValue(10)
    view.hidden.setValue(8)
    view.steps.setValue(6)
    view.train_button.click()
    assert view.worker is not None and not view.train_button.isEnabled()
    qtbot.waitUntil(lambda: view.worker is None, timeout=30_000)
    for kind in COMPARE_KINDS:
        assert curve_y(view.loss_curves[kind]).size == 6
        assert curve_y(view.trained_curves[kind]).size == 10
    heights = view.bars.opts["height"]
    assert len(heights) == 3 and np.all((0 <= heights) & (heights <= 1))
    assert set(view.accuracies) == set(COMPARE_KINDS)
    assert view.train_button.isEnabled()


def test_stop_ends_the_comparison_at_once(window, qtbot):
    view = window.compare.view
    view.steps.setValue(100_000)
    view.train()
    qtbot.waitUntil(lambda: curve_y(view.loss_curves["lstm"]).size >= 2, timeout=30_000)
    view.stop_button.click()
    assert view.worker is None
    sizes = {curve_y(view.loss_curves[kind]).size for kind in COMPARE_KINDS}
    assert len(sizes) == 1  # lock-step: all three trained the same number of steps


def test_bad_settings_are_explained_in_the_view(window):
    view = window.compare.view
    view.choose_task("copy")
    view.seq_len.setValue(3)  # the copy task needs room for the symbols and the recall
    assert not view.show_initial_gradients()
    assert "sequence length" in view.status.text()


def test_every_control_of_the_comparison_explains_itself(window):
    view = window.compare.view
    assert view.toolTip() and window.compare.action.toolTip()
    for widget in view.findChildren(QWidget):
        if not widget.objectName().startswith("qt_") and widget.metaObject().className() in (
                "QComboBox", "QSpinBox", "QPushButton", "QProgressBar"):
            assert widget.toolTip(), widget
    assert view.forget_bias_combo.whatsThis()


def test_the_view_states_its_initialisation_and_the_lstms_forget_gate_bias(window, qtbot):
    compare = window.compare
    compare.show()
    view = compare.view
    assert view.init_label.isVisible()
    text = view.init_label.text()
    assert "U(−1/√H, 1/√H) = U(−0.25, 0.25)" in text and "H = 16" in text and "seed 0" in text
    assert "forget-gate bias: 1" in text and view.forget_bias() == 1.0
    T = view.seq_len.value()

    def kept(kind):
        x, y = curve_data(view.decay_curves[kind])
        return y[np.argmax(x)] / y[np.argmin(x)]

    before = {kind: kept(kind) for kind in COMPARE_KINDS}
    view.forget_bias_combo.setCurrentIndex(view.forget_bias_combo.findData("default"))
    assert view.forget_bias() is None
    assert "mean 0" in view.init_label.text()
    after = {kind: kept(kind) for kind in COMPARE_KINDS}  # the figure is redrawn at once
    assert after["lstm"] < 1e-2 * before["lstm"]  # the tester's 7.6e-8 against 7.0e-4
    assert after["rnn_tanh"] == before["rnn_tanh"] and after["gru"] == before["gru"]
    assert f"after {T - 1} steps back" in view.status.text() and "bias mean 0" in view.status.text()
    view.hidden.setValue(4)
    view.seed.setValue(3)
    assert "U(−0.5, 0.5)" in view.init_label.text() and "H = 4" in view.init_label.text()
    assert "seed 3" in view.init_label.text()
    # kept between runs of the app (QSettings), not in the session
    assert window.settings.value(compare_view.FORGET_BIAS_KEY) == "default"
    assert not window.model.is_modified
    again = compare_view.CompareView(window.model, {"temporal_order": "Temporal order"},
                                     settings=window.settings)
    qtbot.addWidget(again)
    assert again.forget_bias() is None
    # training uses it too: the LSTM's forget-gate bias rows are drawn, not 1
    view.seq_len.setValue(10)
    view.steps.setValue(1)
    view.train()
    qtbot.waitUntil(lambda: view.worker is None, timeout=30_000)
    bias = view.trainers["lstm"].network.parameters()["bias_ih_l0"][4:8]
    assert not np.any(bias == 1.0)


def test_before_training_no_empty_axes(window, qtbot):
    view = window.compare.view
    window.compare.show()
    layout = view.plots.ci.items
    assert view.decay_plot in layout
    assert view.loss_plot not in layout and view.accuracy_plot not in layout
    view.seq_len.setValue(10)
    view.steps.setValue(2)
    view.train()
    assert view.loss_plot in layout and view.accuracy_plot in layout
    qtbot.waitUntil(lambda: view.worker is None, timeout=30_000)
    view.show_initial_gradients()  # fresh networks: the old training's plots go
    assert view.loss_plot not in layout
    assert not view.sweep_plots.isVisibleTo(view) and view.sweep_plan.text()


@pytest.fixture
def short_sweep(monkeypatch):
    monkeypatch.setattr(compare_view.CompareView, "sweep_lengths", (10, 11))


def test_the_length_sweep_runs_in_the_background(window, qtbot, short_sweep):
    view = window.compare.view
    window.compare.show()
    view.tabs.setCurrentIndex(1)
    view.sweep_steps.setValue(3)
    view.hidden.setValue(4)
    view.sweep_button.click()
    assert view.sweep_worker is not None
    assert not view.sweep_button.isEnabled() and view.sweep_stop_button.isEnabled()
    assert not view.train_button.isEnabled() and not view.forget_bias_combo.isEnabled()
    qtbot.waitUntil(lambda: view.sweep_worker is None, timeout=30_000)
    sweep = view.sweep
    assert sweep.complete and sweep.lengths == (10, 11) and sweep.hidden_size == 4
    assert sweep.forget_bias == 1.0 and sweep.task == "temporal_order"
    for kind in COMPARE_KINDS:
        x, y = curve_data(view.sweep_curves[kind])
        np.testing.assert_array_equal(x, [10, 11])
        np.testing.assert_array_equal(y, sweep.of(kind))
    assert view.chance_line.value() == 0.25 and "25 %" in view.chance_line.label.format
    assert view.sweep_plots.isVisible() and not view.sweep_plan.isVisible()
    assert view.sweep_progress.value() == view.sweep_progress.maximum() == 3 * 3 * 2
    assert "Longest T" in view.sweep_status.text() and "H = 4" in view.sweep_status.text()
    assert view.sweep_button.isEnabled() and view.train_button.isEnabled()


def test_stopping_the_sweep_keeps_what_was_measured_and_the_gui_responds(window, qtbot, short_sweep):
    view = window.compare.view
    view.sweep_steps.setValue(300)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    view.run_sweep()
    qtbot.waitUntil(lambda: view.sweep is not None and view.sweep.measured >= 1, timeout=60_000)
    timer.stop()
    view.sweep_stop_button.click()
    assert view.sweep_worker is None
    measured = view.sweep.measured
    assert 1 <= measured < 6 and not view.sweep.complete
    assert curve_data(view.sweep_curves["rnn_tanh"])[0].tolist() == [10]
    assert f"Stopped after {measured} of 6 points" in view.sweep_status.text()
    assert max(np.diff(ticks)) < 1.0  # the event loop kept running while the sweep trained
    assert view.sweep_button.isEnabled() and not view.sweep_stop_button.isEnabled()


def test_the_sweep_needs_a_task_with_a_long_dependency(window, qtbot, monkeypatch):
    view = window.compare.view
    view.choose_task("sine")
    assert not view.sweep_button.isEnabled()
    assert "needs a task whose answer depends on the first steps" in view.sweep_plan.text()
    view.choose_task("long_dependency")
    assert view.sweep_button.isEnabled() and "at each length T = 10, 20, 30, 40, 50" in view.sweep_plan.text()
    monkeypatch.setattr(compare_view.CompareView, "sweep_lengths", (5, 10))
    view.choose_task("copy")  # needs at least 7 steps
    view.run_sweep()
    qtbot.waitUntil(lambda: view.sweep_worker is None, timeout=30_000)
    assert "sequence length" in view.sweep_status.text()
    assert view.sweep is None and view.sweep_button.isEnabled()



def test_legend_labels_and_bars_are_readable(window, qtbot):
    """The legend sits in its own row above the figure with every entry whole; the accuracy
    labels lie inside the accuracy plot, drawn opaque; the loss and the accuracy share a row."""
    view = window.compare.view
    window.resize(1600, 1000)
    window.compare.show()
    view.seq_len.setValue(10)
    view.hidden.setValue(8)
    view.steps.setValue(2)
    view.train()
    qtbot.waitUntil(lambda: view.worker is None, timeout=30_000)
    qtbot.wait(50)
    legend = view.decay_legend
    assert len(legend.items) == 6 and all(label.isVisible() for _, label in legend.items)
    texts = [label.text for _, label in legend.items]
    assert "GRU trained" in texts and "RNN (tanh) at init" in texts
    rect = legend.sceneBoundingRect()
    assert rect.width() <= view.plots.ci.geometry().width()
    assert not rect.intersects(view.decay_plot.vb.sceneBoundingRect())  # covers no curve
    layout = view.plots.ci.layout
    loss_row = [layout.itemAt(2, column) for column in (0, 1)]
    assert view.loss_plot in loss_row and view.accuracy_plot in loss_row
    bars = view.accuracy_plot.vb.sceneBoundingRect()
    for label, accuracy in zip(view.bar_labels, view.accuracies.values()):
        assert label.textItem.toPlainText() == f"{100 * accuracy:.0f} %"
        assert bars.contains(label.sceneBoundingRect().center())
        assert label.color.alpha() == 255
    compare_plots.fit_legend(legend, 200)  # narrow: fewer entries side by side, none cut
    assert legend.columnCount < 3
    compare_plots.fit_legend(legend, 2000)
    assert legend.columnCount == 3
