"""The RNN / LSTM / GRU comparison: initial gradients, three trainings off the GUI thread, accuracy."""

import numpy as np
import pytest
from PySide6.QtWidgets import QWidget

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.main_window import MainWindow
from lstm_studio.session.experiments import COMPARE_KINDS


@pytest.fixture
def window(qtbot):
    configure_pyqtgraph()
    w = MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.compare.shutdown()
    assert w.compare.view.worker is None


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
                "QComboBox", "QSpinBox", "QPushButton"):
            assert widget.toolTip(), widget
