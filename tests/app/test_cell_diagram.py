"""The cell diagram panel: drawing per kind, values from the trace, updates, tooltips, bars."""

import time

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGraphicsSceneHoverEvent

from lstm_studio.app.panels.cell_diagram import SCENE_RECT, CellDiagramPanel, format_value, step_rows
from lstm_studio.engine import GATES, KINDS
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.model import SessionModel

EXPECTED_BLOCKS = {
    "rnn_tanh": {"a"},
    "rnn_relu": {"a"},
    "lstm": {"i", "f", "g", "o", "tanh_c"},
    "peephole_lstm": {"i", "f", "g", "o", "tanh_c"},
    "gru": {"r", "z", "n", "hn"},
    "lstm_nofg": {"i", "g", "o", "tanh_c"},
}
EXPECTED_NODES = {
    "rnn_tanh": set(),
    "rnn_relu": set(),
    "lstm": {"f_c", "i_g", "c_sum", "h_out"},
    "peephole_lstm": {"f_c", "i_g", "c_sum", "h_out"},
    "gru": {"z_h", "one_minus_z", "zn", "r_hn", "h_out"},
    "lstm_nofg": {"i_g", "c_sum", "h_out"},
}


def make_model(kind="lstm", hidden_size=5, input_size=1, **config):
    doc = new_document(NetworkConfig(kind=kind, hidden_size=hidden_size, input_size=input_size,
                                     seq_len=12, **config), seed=3)
    steps = np.arange(12)[:, None]
    doc.inputs = np.sin(0.7 * steps + np.arange(input_size)[None, :])
    rng = np.random.default_rng(1)
    doc.h0 = rng.normal(size=doc.h0.shape)
    doc.c0 = rng.normal(size=doc.c0.shape)
    return SessionModel(doc)


@pytest.fixture
def panel_for(qtbot):
    def make(kind="lstm", **config):
        model = make_model(kind, **config)
        panel = CellDiagramPanel(model)
        qtbot.addWidget(panel)
        panel.resize(700, 450)
        return panel

    return make


def expected_values(model):
    """Each diagram quantity computed here straight from the trace at the current step, (H,)."""
    view = model.view
    lt = model.trace.layer(view.layer, view.direction)
    t = view.time_step
    prev = t - 1 if view.direction == 0 else t + 1
    first = not 0 <= prev < lt.h.shape[0]
    h_prev = lt.h0[0] if first else lt.h[prev, 0]
    values = {"h": lt.h[t, 0], "h_prev": h_prev, "x": lt.x[t, 0]}
    values.update({g: lt.gates[g][t, 0] for g in GATES[model.config.kind]})
    if lt.c is not None:
        c_prev = lt.c0[0] if first else lt.c[prev, 0]
        values.update(c=lt.c[t, 0], c_prev=c_prev, tanh_c=np.tanh(lt.c[t, 0]),
                      i_g=values["i"] * values["g"])
        if "f" in values:
            values["f_c"] = values["f"] * c_prev
    if model.config.kind == "gru":
        hn = lt.extras["hn"][t, 0]
        values.update(hn=hn, r_hn=values["r"] * hn, one_minus_z=1 - values["z"],
                      z_h=values["z"] * h_prev, zn=(1 - values["z"]) * values["n"])
    return values


def check_values(panel):
    """Every number on the diagram is the trace's value for the selected unit at the current step."""
    model = panel.model
    unit = model.view.unit
    expected = expected_values(model)
    items = [*panel.blocks.values(), *panel.badges.values(), *panel.nodes.values()]
    assert items
    for item in items:
        want = expected[item.quantity]
        if item.per_unit:
            assert item.value == pytest.approx(want[unit], rel=1e-12, abs=1e-15), item.quantity
        else:
            np.testing.assert_array_equal(item.values, want)
    for block in panel.blocks.values():
        assert block.text() == format_value(expected[block.quantity][unit])


@pytest.mark.parametrize("kind", KINDS)
def test_builds_the_right_blocks_for_every_kind(panel_for, kind):
    panel = panel_for(kind)
    assert panel.kind == kind
    assert set(panel.blocks) == EXPECTED_BLOCKS[kind]
    assert set(GATES[kind]) <= set(panel.blocks)
    assert set(panel.nodes) == EXPECTED_NODES[kind]
    assert {"x", "h_prev", "h", "h_up"} <= set(panel.badges)
    has_cell = kind in ("lstm", "peephole_lstm", "lstm_nofg")
    assert (panel.cell_line is not None) == has_cell
    assert ({"c", "c_prev"} <= set(panel.badges)) == has_cell
    if kind == "peephole_lstm":
        assert set(panel.peepholes) == {"i", "f", "o"}
        assert all(wire.dashed for wire in panel.peepholes.values())
    else:
        assert panel.peepholes == {}
    sigmoid_blocks = {key for key, block in panel.blocks.items() if block.symbol == "σ"}
    assert sigmoid_blocks == {"i", "f", "o", "r", "z"} & set(GATES[kind])
    if kind == "rnn_relu":
        assert panel.blocks["a"].symbol == "ReLU"
    if kind == "gru":
        assert panel.nodes["one_minus_z"].symbol == "1−"
    for item in [*panel.blocks.values(), *panel.nodes.values(), *panel.badges.values()]:
        assert item.scene() is panel.scene


@pytest.mark.parametrize("kind", KINDS)
def test_values_equal_the_trace_at_the_current_step(panel_for, kind):
    panel = panel_for(kind)
    panel.model.set_time_step(4)
    panel.model.set_selection(unit=2)
    check_values(panel)


def test_first_step_starts_from_the_initial_state(panel_for):
    panel = panel_for("lstm")
    model = panel.model
    model.set_time_step(0)
    assert panel.badges["h_prev"].value == model.document.h0[0, model.view.unit]
    assert panel.badges["c_prev"].value == model.document.c0[0, model.view.unit]
    check_values(panel)


def test_stepping_time_updates_values_and_step_label(panel_for):
    panel = panel_for("gru")
    model = panel.model
    for t in (0, 1, 7, 11):
        model.set_time_step(t)
        assert panel.step_label.text() == f"t = {t + 1}"  # t = 1..T, as the course notes count
        assert f"t = {t + 1})" in panel.blocks["z"].toolTip()
        check_values(panel)
    assert panel.blocks["z"].value == model.trace.layer(0).gates["z"][11, 0, model.view.unit]


def test_changing_the_unit_updates_values_and_the_selector(panel_for):
    panel = panel_for("lstm")
    model = panel.model
    model.set_time_step(6)
    model.set_selection(unit=4)
    assert panel.unit_spin.value() == 4
    check_values(panel)
    panel.unit_spin.setValue(1)
    assert model.view.unit == 1
    assert panel.blocks["f"].value == model.trace.layer(0).gates["f"][6, 0, 1]
    assert panel.unit_spin.maximum() == model.config.hidden_size - 1


def test_new_numbers_update_the_values(panel_for):
    panel = panel_for("rnn_tanh")
    model = panel.model
    before = panel.blocks["a"].value
    model.set_inputs(model.document.inputs + 0.5)
    assert panel.blocks["a"].value != before
    check_values(panel)


def test_tooltips_show_equation_and_value(panel_for):
    panel = panel_for("lstm")
    model = panel.model
    forget = panel.blocks["f"]
    assert forget.equation == "f<sub>t</sub> = σ(W<sub>f</sub>·[h<sub>t−1</sub>, x<sub>t</sub>] + b<sub>f</sub>)"
    assert forget.equation in forget.toolTip()
    assert format_value(forget.value) in forget.toolTip()
    pre = model.trace.layer(0).preactivations["f"][model.view.time_step, 0, model.view.unit]
    assert format_value(pre) in forget.toolTip()
    assert "tanh(c<sub>t</sub>)" in panel.nodes["h_out"].toolTip()
    for item in [*panel.blocks.values(), *panel.nodes.values(), *panel.badges.values()]:
        assert item.equation and item.equation in item.toolTip()


def test_peephole_tooltips_show_the_peephole_terms(panel_for):
    panel = panel_for("peephole_lstm")
    model = panel.model
    assert "+ w<sub>cf</sub> ⊙ c<sub>t−1</sub>" in panel.blocks["f"].toolTip()
    assert "+ w<sub>ci</sub> ⊙ c<sub>t−1</sub>" in panel.blocks["i"].toolTip()
    assert "+ w<sub>co</sub> ⊙ c<sub>t</sub>" in panel.blocks["o"].toolTip()
    assert "w<sub>" not in panel.blocks["g"].toolTip()
    weight = model.document.parameters["weight_cf_l0"][model.view.unit]
    assert panel.peepholes["f"].weight == weight
    assert format_value(weight) in panel.peepholes["f"].toolTip()


def test_lstm_without_forget_gate_is_drawn_without_it(panel_for):
    """The 1997 LSTM: no f block, no ⊙ on the cell line; c_{t−1} goes straight into the +."""
    panel = panel_for("lstm_nofg")
    assert "f" not in panel.blocks and "f_c" not in panel.nodes and "f_c" not in panel.badges
    assert panel.caption.text() == "LSTM without forget gate (1997) cell"
    c_sum = panel.nodes["c_sum"]
    assert c_sum.symbol == "+"
    assert "c<sub>t</sub> = c<sub>t−1</sub> + i<sub>t</sub> ⊙ g<sub>t</sub>" in c_sum.toolTip()
    assert "f<sub>" not in "".join(item.toolTip() for item in panel.scene.items())
    texts = [item.toPlainText() for item in panel.scene.items() if hasattr(item, "toPlainText")]
    assert "no forget gate: ct−1 passes unchanged" in texts
    model = panel.model
    model.set_time_step(6)
    lt = model.trace.layer(0)
    unit = model.view.unit
    assert c_sum.value == lt.c[6, 0, unit] == pytest.approx(lt.c[5, 0, unit] + panel.nodes["i_g"].value)
    check_values(panel)


def test_plain_lstm_tooltips_have_no_peephole_terms(panel_for):
    panel = panel_for("lstm")
    assert all("w<sub>c" not in block.toolTip() for block in panel.blocks.values())


def test_bars_mode_shows_one_bar_per_unit(panel_for):
    panel = panel_for("lstm", hidden_size=7)
    panel.bars_check.setChecked(True)
    expected = expected_values(panel.model)
    for item in [*panel.blocks.values(), *panel.badges.values()]:
        if item.per_unit:
            assert item.bars.isVisibleTo(item)
            assert item.text() == ""
            assert len(item.bars.values) == 7
            np.testing.assert_array_equal(item.bars.values, expected[item.quantity])
    panel.model.set_time_step(3)
    np.testing.assert_array_equal(panel.blocks["o"].bars.values, expected_values(panel.model)["o"])
    panel.bars_check.setChecked(False)
    assert not panel.blocks["o"].bars.isVisibleTo(panel.blocks["o"])
    assert panel.blocks["o"].text() == format_value(panel.blocks["o"].value)


def test_several_input_channels_show_as_bars(panel_for):
    panel = panel_for("gru", input_size=3)
    x = panel.badges["x"]
    assert x.bars.isVisibleTo(x)
    np.testing.assert_array_equal(x.bars.values, expected_values(panel.model)["x"])
    assert format_value(x.values[2]) in x.toolTip()


def test_kind_change_rebuilds_the_drawing(panel_for):
    panel = panel_for("lstm")
    old_block = panel.blocks["f"]
    panel.model.set_config(kind="gru")
    assert panel.kind == "gru"
    assert set(panel.blocks) == EXPECTED_BLOCKS["gru"]
    assert panel.cell_line is None
    assert not shiboken6.isValid(old_block)  # the old drawing is gone
    check_values(panel)
    panel.model.set_config(kind="peephole_lstm", hidden_size=3)
    assert set(panel.peepholes) == {"i", "f", "o"}
    assert panel.unit_spin.maximum() == 2
    check_values(panel)
    panel.model.set_config(kind="lstm_nofg")
    assert set(panel.blocks) == EXPECTED_BLOCKS["lstm_nofg"] and panel.peepholes == {}
    check_values(panel)
    panel.model.set_config(kind="lstm")
    assert set(panel.nodes) == EXPECTED_NODES["lstm"]
    check_values(panel)


def test_replacing_the_document_rebuilds(panel_for):
    panel = panel_for("lstm")
    panel.model.replace_document(make_model("rnn_relu").document)
    assert set(panel.blocks) == {"a"}
    check_values(panel)


def test_reverse_direction_reads_the_next_step(panel_for):
    panel = panel_for("lstm", bidirectional=True)
    model = panel.model
    assert panel.direction_combo.isVisibleTo(panel)
    model.set_time_step(5)
    model.set_selection(direction=1, unit=1)
    lt = model.trace.layer(0, 1)
    assert panel.badges["h_prev"].value == lt.h[6, 0, 1]
    assert "h<sub>t+1</sub>" in panel.blocks["f"].toolTip()
    check_values(panel)
    model.set_time_step(11)
    assert panel.badges["c_prev"].value == lt.c0[0, 1]
    panel.direction_combo.setCurrentIndex(0)
    assert model.view.direction == 0


def test_layer_selection(panel_for):
    panel = panel_for("gru", num_layers=2)
    model = panel.model
    assert panel.layer_spin.isVisibleTo(panel)
    panel.layer_spin.setValue(2)
    assert model.view.layer == 1
    np.testing.assert_array_equal(panel.badges["x"].values, model.trace.layer(1).x[0, 0])
    check_values(panel)
    assert "2" in panel.caption.text()


def test_nan_values_display_nan(panel_for):
    panel = panel_for("lstm")
    model = panel.model
    lt = model.trace.layer(0)
    t, unit = model.view.time_step, model.view.unit
    for array in (lt.gates["f"], lt.c, lt.h):
        array[t, 0, unit] = np.nan
    panel.refresh()
    assert panel.blocks["f"].text() == "nan"
    assert panel.blocks["tanh_c"].text() == "nan"
    assert panel.badges["c"].text() == "nan"
    assert "nan" in panel.blocks["f"].toolTip()
    panel.bars_check.setChecked(True)
    panel.grab()


def test_overflowing_network_shows_inf(qtbot):
    doc = new_document(NetworkConfig(kind="rnn_relu", hidden_size=4, seq_len=60))
    rng = np.random.default_rng(0)
    doc.parameters = {name: rng.choice([-1e6, 1e6], size=value.shape)
                      for name, value in doc.parameters.items()}
    doc.inputs[:] = 1.0
    model = SessionModel(doc)
    assert model.trace.nonfinite
    panel = CellDiagramPanel(model)
    qtbot.addWidget(panel)
    model.set_time_step(59)
    unit = int(np.argmax(np.isinf(model.trace.layer(0).h[59, 0])))
    model.set_selection(unit=unit)
    assert panel.blocks["a"].text() == "inf"
    assert panel.badges["h"].text() == "inf"
    check_values(panel)
    panel.bars_check.setChecked(True)
    panel.grab()


def test_step_rows_reads_true_time(panel_for):
    panel = panel_for("gru")
    lt = panel.model.trace.layer(0)
    rows = step_rows(lt, 3)
    np.testing.assert_array_equal(rows["h_prev"], lt.h[2, 0])
    np.testing.assert_array_equal(rows["pre_n"], lt.preactivations["n"][3, 0])


def test_lines_follow_the_palette(panel_for):
    panel = panel_for("lstm")
    palette = panel.palette()
    palette.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    palette.setColor(QPalette.ColorRole.Base, QColor(30, 30, 30))
    panel.setPalette(palette)
    assert panel.cell_line.pen().color() == QColor(230, 230, 230)
    check_values(panel)


def update_cost(model, steps) -> float:
    """Median CPU seconds of one time-step change (CPU time: other processes do not count)."""
    costs = []
    for t in steps:
        start = time.process_time()
        model.set_time_step(t)
        costs.append(time.process_time() - start)
    return float(np.median(costs))


def test_update_is_fast_at_hidden_size_128(panel_for):
    panel = panel_for("lstm", hidden_size=128)
    model = panel.model
    assert update_cost(model, [*range(1, 12), *range(10, -1, -1)]) < 0.002  # measured 0.6 ms
    panel.bars_check.setChecked(True)
    assert update_cost(model, [*range(1, 12), *range(10, -1, -1)]) < 0.003  # measured 0.9 ms


@pytest.mark.parametrize("kind", KINDS)
def test_renders_to_png(panel_for, kind, tmp_path):
    panel = panel_for(kind)
    panel.show()
    path = tmp_path / f"{kind}.png"
    assert panel.grab().save(str(path))
    assert path.stat().st_size > 5000


def test_panel_has_tooltips(panel_for):
    panel = panel_for("lstm")
    for widget in (panel, panel.unit_spin, panel.layer_spin, panel.direction_combo,
                   panel.bars_check, panel.step_label):
        assert widget.toolTip()


def first_tooltip_item(panel, scene_point):
    """The item whose tooltip the view shows at ``scene_point`` (first one with a tooltip)."""
    view_point = panel.view.mapFromScene(scene_point)
    return next(item for item in panel.view.items(view_point) if item.toolTip())


def test_hovering_a_block_finds_its_tooltip(panel_for):
    panel = panel_for("peephole_lstm")
    panel.show()
    for item in (panel.blocks["f"], panel.nodes["i_g"], panel.badges["c"]):
        assert first_tooltip_item(panel, item.scenePos()) is item
    wire = panel.peepholes["o"]
    middle = wire.path().pointAtPercent(0.9)
    assert first_tooltip_item(panel, middle) is wire


@pytest.mark.parametrize("size", [(700, 450), (360, 240), (900, 300)])
def test_drawing_fits_the_view(panel_for, size):
    panel = panel_for("lstm")
    panel.resize(*size)
    panel.show()
    shown = panel.view.mapFromScene(SCENE_RECT).boundingRect()
    viewport = panel.view.viewport().rect()
    assert viewport.adjusted(-2, -2, 2, 2).contains(shown)
    assert shown.width() >= viewport.width() - 4 or shown.height() >= viewport.height() - 4


def bar_point(bars, index):
    """Scene point in the middle of bar ``index``."""
    rect = bars.boundingRect().adjusted(1, 1, -1, -1)
    width = rect.width() / len(bars.values)
    return bars.mapToScene(QPointF(rect.left() + (index + 0.5) * width, rect.center().y()))


def test_bars_hover_shows_the_unit_and_a_click_selects_it(panel_for, qtbot):
    panel = panel_for("gru", hidden_size=6)
    panel.show()
    qtbot.waitExposed(panel)
    panel.bars_check.setChecked(True)
    bars = panel.blocks["z"].bars
    value = panel.model.trace.layer(0).gates["z"][panel.model.view.time_step, 0, 4]
    event = QGraphicsSceneHoverEvent(QEvent.Type.GraphicsSceneHoverMove)
    event.setPos(bars.mapFromScene(bar_point(bars, 4)))
    bars.hoverMoveEvent(event)
    assert f"unit 4: {format_value(value)}" in bars.toolTip()
    assert panel.blocks["z"].equation in bars.toolTip()
    click_at = panel.view.mapFromScene(bar_point(bars, 4))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=click_at)
    assert panel.model.view.unit == 4
    assert panel.unit_spin.value() == 4
    click_at = panel.view.mapFromScene(bar_point(panel.badges["h"].bars, 1))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=click_at)
    assert panel.model.view.unit == 1


@pytest.mark.parametrize("change", [dict(hidden_size=9), dict(seq_len=25), dict(num_layers=2),
                                    dict(output_size=3)], ids=lambda c: next(iter(c)))
def test_new_sizes_keep_the_drawing_and_show_the_new_values(panel_for, change):
    panel = panel_for("lstm", hidden_size=7)
    panel.bars_check.setChecked(True)
    drawn = dict(panel.blocks)
    panel.model.set_config(**change)
    assert panel.blocks == drawn and all(shiboken6.isValid(block) for block in drawn.values())
    hidden = panel.model.config.hidden_size
    np.testing.assert_array_equal(panel.blocks["o"].bars.values, expected_values(panel.model)["o"])
    assert len(panel.blocks["o"].bars.values) == hidden
    assert panel.unit_spin.maximum() == hidden - 1
    panel.bars_check.setChecked(False)
    check_values(panel)
    panel.model.set_selection(unit=hidden - 1)
    check_values(panel)


def test_a_new_input_size_draws_the_input_again(panel_for):
    panel = panel_for("gru")
    old = panel.badges["x"]
    panel.model.set_config(input_size=3)
    assert not shiboken6.isValid(old)
    x = panel.badges["x"]
    assert x.bars.isVisibleTo(x) and len(x.values) == 3
    check_values(panel)
