"""A background result is redrawn one panel per event-loop turn, the newest result wins, the
panels settle on the last edit exactly, and heatmaps draw bins prepared by the worker (issue 14)."""

import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import QObject, QTimer

from lstm_studio.app.panels.gates import GatesPanel
from lstm_studio.app.panels.gradient import GradientPanel
from lstm_studio.app.panels.output import OutputPanel
from lstm_studio.app.panels.states import StatesPanel
from lstm_studio.app.refresh_queue import RefreshQueue, refresh_queue
from lstm_studio.session import binning
from lstm_studio.session.document import NetworkConfig, evaluate_document, new_document
from lstm_studio.session.model import SessionModel

CONFIG = NetworkConfig(kind="lstm", input_size=2, hidden_size=6, seq_len=12)


class View(QObject):
    """Records its refreshes."""

    def __init__(self, name, log):
        super().__init__()
        self.name, self.log = name, log

    def refresh_or_defer(self):
        self.log.append(self.name)


def test_waiting_views_redraw_later_in_order_once_each(qtbot):
    queue, log = RefreshQueue(), []
    queue.drained.connect(lambda: log.append("drained"))
    a, b, c = (View(name, log) for name in "abc")
    for view in (a, b, a, c):
        queue.request(view)
    assert log == [] and queue.pending == [a, b, c]  # nothing at once; a keeps its place
    queue.discard(b)  # b redrew by itself meanwhile
    qtbot.waitUntil(lambda: not queue.pending, timeout=2000)
    assert log == ["a", "c", "drained"]


def test_a_view_deleted_while_waiting_is_skipped(qtbot):
    queue, log = RefreshQueue(), []
    a, b = View("a", log), View("b", log)
    queue.request(a)
    queue.request(b)
    a.deleteLater()
    qtbot.wait(1)  # (deleteLater runs before the queue's turn or the view is skipped anyway)
    qtbot.waitUntil(lambda: not queue.pending, timeout=2000)
    assert log == ["b"]


@pytest.fixture
def model(qapp):
    m = SessionModel(new_document(CONFIG))
    m.sync_below_seconds = 0.0  # every change of numbers in the background
    yield m
    m.cancel_recompute()


def show(qtbot, panel):
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def with_weight(model, value):
    weights = model.document.parameters["weight_hh_l0"].copy()
    weights[0, 0] = value
    return weights


def assert_panels_show(panels, reference):
    output, states, gates, gradient = panels
    np.testing.assert_array_equal(output.output_curves[0].y, reference.y[:, 0])
    layer = reference.trace.layer(0, 0)
    np.testing.assert_array_equal(states.views["h"].heatmap.image.image, layer.h[:, 0])
    for gate, heatmap in gates.heatmaps.items():
        np.testing.assert_array_equal(heatmap.image.image, layer.gates[gate][:, 0])
    np.testing.assert_array_equal(gradient.dh_map.image.image, reference.grads.dh[0][0][:, 0])


def test_a_background_result_is_drawn_one_panel_per_turn_and_the_newest_wins(qtbot, model):
    panels = [show(qtbot, cls(model)) for cls in (OutputPanel, StatesPanel, GatesPanel, GradientPanel)]
    turns = [0]
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: turns.__setitem__(0, turns[0] + 1))
    ticker.start()
    refreshed = []  # (panel, event-loop turn, generation of the evaluation it drew)
    newer = []

    def recording(panel):
        original = panel.refresh

        def refresh():
            original()
            refreshed.append((panel, turns[0], model.evaluation))
            if len(refreshed) == 1 and not newer:  # a newer edit, its result arriving mid-round
                newer.append(model.generation + 1)
                model.set_parameter("weight_hh_l0", with_weight(model, -0.7))
                deadline = time.monotonic() + 10
                while model._recomputer.busy and time.monotonic() < deadline:
                    time.sleep(0.002)  # computed: its result waits in the event queue
        panel.refresh = refresh

    for panel in panels:
        recording(panel)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.9))
    assert not refreshed  # drawn in later turns, not inside the worker's signal
    qtbot.waitUntil(lambda: model.is_current and not refresh_queue().pending, timeout=10000)
    ticker.stop()
    # one panel per turn
    assert all(later[1] > earlier[1] for earlier, later in zip(refreshed, refreshed[1:]))
    # every panel ends on the newest result, which is the last edit's evaluation exactly
    final = model.evaluation
    assert model.generation == newer[0]
    assert len(refreshed) > len(panels)  # those drawn before it came were drawn again
    for panel in panels:
        assert [evaluation for shown, _turn, evaluation in refreshed if shown is panel][-1] is final
    assert_panels_show(panels, evaluate_document(model.document))


def test_a_change_on_the_gui_thread_is_drawn_at_once(qtbot, model):
    output = show(qtbot, OutputPanel(model))
    model.sync_below_seconds = float("inf")
    model.set_parameter("weight_hh_l0", with_weight(model, 0.4))
    np.testing.assert_array_equal(output.output_curves[0].y, evaluate_document(model.document).y[:, 0])


def test_settle_draws_at_once_what_it_settled_on(qtbot, model):
    states = show(qtbot, StatesPanel(model))
    model.set_parameter("weight_hh_l0", with_weight(model, 0.3))
    model.settle()
    reference = evaluate_document(model.document)
    np.testing.assert_array_equal(states.views["h"].heatmap.image.image, reference.trace.layer(0, 0).h[:, 0])


def test_a_long_heatmap_draws_the_workers_bins_with_extremes_and_reads_out_full_values(qtbot, monkeypatch):
    config = NetworkConfig(kind="lstm", input_size=1, hidden_size=8, seq_len=3000)
    model = SessionModel(new_document(config))
    model.sync_below_seconds = 0.0
    states = show(qtbot, StatesPanel(model))
    heatmap = states.views["h"].heatmap
    width = int(heatmap.view.rect().width())
    assert 0 < width < 3000
    binned_on = []
    real = binning.binned_by

    def counting(values, *bins):
        binned_on.append(threading.get_ident())
        return real(values, *bins)

    monkeypatch.setattr(binning, "binned_by", counting)
    inputs = np.zeros((3000, 1))
    inputs[1234] = 1.0  # one spike: one step where h jumps
    model.set_inputs(inputs)
    qtbot.waitUntil(lambda: model.is_current and not refresh_queue().pending, timeout=20000)
    qtbot.wait(20)
    h = model.evaluation.trace.layer(0, 0).h[:, 0]
    drawn = heatmap.image.image
    assert drawn.shape[0] <= width and drawn.shape[1] == 8
    np.testing.assert_array_equal(drawn, real(h, binning.bin_size(3000, width), 1))
    unit = int(np.argmax(np.abs(h[1234])))
    assert np.max(np.abs(drawn)) == np.max(np.abs(h))  # the extreme is in the picture
    assert threading.get_ident() not in binned_on  # the worker binned it
    assert heatmap.readout(1234, unit).endswith("{:.4g}".format(h[1234, unit]))  # full resolution


def test_the_status_bar_times_the_redraw_until_the_last_panel_has_drawn(qtbot, model):
    from lstm_studio.app.window.main_window import MainWindow

    window = MainWindow(model, restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    drained = []

    def note_drained():
        drained.append(time.perf_counter())

    def time_anew():
        window.last_redraw_seconds = None

    refresh_queue().drained.connect(note_drained)
    model.evaluationChanged.connect(time_anew)
    model.set_parameter("weight_hh_l0", with_weight(model, 0.6))
    qtbot.waitUntil(lambda: model.is_current and bool(drained) and window.last_redraw_seconds is not None,
                    timeout=10000)
    refresh_queue().drained.disconnect(note_drained)
    model.evaluationChanged.disconnect(time_anew)  # a connected function would keep the window
    assert window._update_started + window.last_redraw_seconds >= drained[-1]
