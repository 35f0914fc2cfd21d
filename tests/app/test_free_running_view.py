"""Free running in the window: the switch (undoable), the marker at the right step, the panels and
the inputs editor following the free-running evaluation."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.window.main_window import MainWindow
from lstm_studio.engine.free_run import FreeRunEvaluation
from lstm_studio.session.experiments import task_document


@pytest.fixture
def window(qtbot):
    configure_pyqtgraph()
    w = MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    w.model.replace_document(task_document("sine", seed=0))
    w.undo_stack.clear()
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.playback.pause()
    w.model.mark_saved()


def marker(plot):
    line = plot.free_run_line
    return None if line is None or not line.isVisible() else line.value()


def test_switching_on_and_off_is_one_undoable_edit_each(window):
    model, control = window.model, window.panels["output"].free_run
    assert not control.check.isChecked() and control.check.isEnabled()
    control.step.setValue(25)
    assert model.document.free_run_from is None  # the step alone switches nothing on
    control.check.setChecked(True)
    assert model.document.free_run_from == 24
    assert isinstance(model.evaluation, FreeRunEvaluation)
    control.step.setValue(30)
    control.step.setValue(31)
    assert model.document.free_run_from == 30
    assert window.undo_stack.count() == 2  # switching on, then the step (merged)
    window.undo_stack.undo()
    assert model.document.free_run_from == 24 and control.step.value() == 25
    window.undo_stack.undo()
    assert model.document.free_run_from is None and not control.check.isChecked()
    assert not isinstance(model.evaluation, FreeRunEvaluation)
    window.undo_stack.redo()
    assert control.check.isChecked() and model.document.free_run_from == 24
    control.check.setChecked(False)
    assert model.document.free_run_from is None


def test_marker_is_drawn_before_the_first_fed_step_in_every_time_panel(window):
    model = window.model
    window.panels["output"].free_run.set_start(19)  # t = 20 as the axes count
    for key in ("output", "gates", "states", "gradient"):
        panel = window.panels[key]
        panel.refresh()
        for plot in panel.axes.plots:
            if hasattr(plot, "free_run_line"):
                assert marker(plot) == 18.5, key
    output = window.panels["output"]
    assert "own predictions" in output.axes.plots[0].free_run_label
    assert window.panels["gates"].axes.plots[0].free_run_label is None
    assert "from t = 20" in output.info.text()
    assert "held fixed" in window.panels["gradient"].info.text()
    model.set_free_run(None)
    for key in ("output", "gates"):
        assert all(marker(plot) is None for plot in window.panels[key].axes.plots)
    assert "from t =" not in output.info.text()


def test_panels_draw_the_free_running_run(window, qtbot):
    model = window.model
    model.set_free_run(10)
    ev = model.evaluation
    output = window.panels["output"]
    np.testing.assert_array_equal(output.output_curves[0].item.getData()[1], ev.y[:, 0])
    line, _ = output.targets[0]
    np.testing.assert_array_equal(line.y, model.document.targets[:, 0])  # the true signal, dashed
    assert line.item.opts["pen"].style() == Qt.PenStyle.DashLine
    # the cell diagram shows the input fed at the cursor: the prediction of the step before
    model.set_time_step(15)
    diagram = window.panels["cell_diagram"]
    diagram.refresh()
    fed = ev.trace.x[15, 0, 0]
    assert fed == pytest.approx(ev.y[14, 0], abs=1e-12) and fed != model.document.inputs[15, 0]
    np.testing.assert_array_equal(diagram.badges["x"].values, [fed])


def test_inputs_editor_draws_the_fed_inputs_and_greys_the_unused_ones(window):
    model, editor = window.model, window.editing.inputs
    overlay = editor.fed_inputs
    assert not overlay.line.isVisible()
    assert overlay.curves[0].getData()[0] is None or len(overlay.curves[0].getData()[0]) == 0
    model.set_free_run(30)
    ev = model.evaluation
    x, y = overlay.curves[0].getData()
    np.testing.assert_array_equal(x, np.arange(29, 40))
    np.testing.assert_array_equal(y, ev.trace.x[29:, 0, 0])
    assert overlay.line.isVisible() and overlay.line.value() == 29.5
    table = editor.table_model
    assert table.data(table.index(29, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert table.data(table.index(30, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert "Not used while running free" in table.data(table.index(35, 0), Qt.ItemDataRole.ToolTipRole)
    model.set_free_run(None)
    assert not overlay.line.isVisible()
    assert table.data(table.index(35, 0), Qt.ItemDataRole.ForegroundRole) is None


def test_control_is_disabled_with_the_reason_where_nothing_can_be_fed_back(window):
    control = window.panels["output"].free_run
    window.model.set_config(output_size=2)
    assert not control.check.isEnabled()
    assert "2 output(s) and the network 1 input(s)" in control.toolTip()
    window.model.set_config(output_size=1)
    assert control.check.isEnabled()


def test_changes_of_length_clamp_the_switch(window):
    control = window.panels["output"].free_run
    control.set_start(35)
    window.model.set_config(seq_len=20)
    assert window.model.document.free_run_from == 19
    assert control.step.value() == 20 and control.step.maximum() == 20 and control.check.isChecked()


def test_exported_traces_hold_the_inputs_fed(window):
    from lstm_studio.app.files.export import trace_rows

    window.model.set_free_run(30)
    fed = window.model.evaluation.trace.x[:, 0, 0]
    rows = [row for row in trace_rows(window.model) if row[3] == "x"]
    assert [float(row[5]) for row in rows] == pytest.approx(fed.tolist(), abs=1e-12)
    assert float(rows[35][5]) != window.model.document.inputs[35, 0]


def test_trained_sine_network_continues_the_wave_alone(window, qtbot):
    """After training the sine preset, free running continues the wave (an oscillation of about
    the true amplitude, not a flat line or a blow-up); the window is saved at 1600×1000 for a
    look (out/screenshots/free-running-1600x1000.png)."""
    from pathlib import Path

    from lstm_studio.session.experiments import trainer_for

    doc = task_document("sine", seed=0)
    trainer = trainer_for(doc)
    for _ in range(300):
        trainer.step()
    doc.parameters, doc.readout = trainer.network.parameters(), trainer.readout.parameters()
    model = window.model
    model.replace_document(doc)
    window.panels["output"].free_run.set_start(10)
    y = model.evaluation.y[10:, 0]
    assert model.evaluation.free_run_from == 10
    assert -1.5 < y.min() < -0.7 and 0.7 < y.max() < 1.5
    assert np.sum(np.diff(np.sign(y)) != 0) >= 3  # still rising and falling after 30 steps alone
    model.set_display_mode("whole")
    qtbot.wait(50)
    out = Path(__file__).resolve().parents[2] / "out" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(out / "free-running-1600x1000.png"), "PNG")


def test_marker_labels_and_switch_follow_a_language_switch(window, monkeypatch, tmp_path):
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from lstm_studio.app import i18n

    monkeypatch.setattr(i18n, "cache_dir", lambda: tmp_path)
    monkeypatch.setattr(i18n, "translations_dir",
                        lambda: Path(__file__).resolve().parents[2] / "resources" / "translations")
    window.model.set_free_run(20)
    try:
        window.help.language_actions["ko"].trigger()
        QApplication.processEvents()
        control = window.panels["output"].free_run
        assert control.check.text() == "자기 예측 입력 시작 t ="
        assert control.toolTip().startswith("자유 실행")
        assert window.panels["output"].axes.plots[0].free_run_label == "여기부터 자기 예측"
        assert window.editing.inputs.fed_inputs.line.label.format == "여기부터 예측을 되먹임"
    finally:
        window.help.language_actions["en"].trigger()
        QApplication.processEvents()
    assert window.editing.inputs.fed_inputs.line.label.format == "fed back from here"


def test_the_fed_inputs_curves_are_kept_through_a_change_of_sizes(window):
    model, editor = window.model, window.editing.inputs
    overlay = editor.fed_inputs
    model.set_free_run(30)
    kept = list(overlay.curves)
    model.set_config(seq_len=50)
    assert overlay.curves == kept and model.document.free_run_from == 30
    x, y = overlay.curves[0].getData()
    np.testing.assert_array_equal(x, np.arange(29, 50))
    np.testing.assert_array_equal(y, model.evaluation.trace.x[29:, 0, 0])
    model.set_config(input_size=3)  # a channel per input, each in its input's colour
    assert len(overlay.curves) == 3 == len(editor.curves) and overlay.curves[0] is kept[0]
    for curve, line in zip(overlay.curves, editor.curves):
        assert curve.opts["pen"].color() == line.opts["pen"].color()
    removed = overlay.curves[1:]
    model.set_config(input_size=1)
    assert overlay.curves == kept
    assert all(c not in editor.plot.listDataItems() for c in removed)


def test_the_fed_inputs_curves_are_emptied_once_when_free_running_stops(window, monkeypatch):
    model, overlay = window.model, window.editing.inputs.fed_inputs
    model.set_free_run(30)
    assert len(overlay.curves[0].getData()[0]) == 11
    model.set_free_run(None)
    assert overlay.curves[0].getData() == (None, None) and not overlay.line.isVisible()
    calls = []
    monkeypatch.setattr(overlay.curves[0], "setData", lambda *args, **kwargs: calls.append(args))
    model.set_parameter("weight_hh_l0", model.document.parameters["weight_hh_l0"] * 0.5)
    assert model.document.free_run_from is None and calls == []  # nothing to draw, nothing set
