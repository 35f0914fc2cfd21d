"""The text view of a unit, the search for units by example and the gate saturation plot (issue 15):
colours through the colour map, click → time cursor (or the window moved, undoably), hover values,
span → ranked units → selection, scatter click → selection, and both docks in the window."""

import numpy as np
import pyqtgraph as pg
import pytest
from text_panels import TEXT, shown, text_model
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lstm_studio.app.panels.plots.colours import DIVERGING_MAP, SEQUENTIAL_MAP, colormap
from lstm_studio.app.panels.saturation import SaturationPanel
from lstm_studio.app.panels.text_canvas import colour_levels
from lstm_studio.app.panels.text_view import TextViewPanel
from lstm_studio.app.panels.unit_search import TOP_UNITS
from lstm_studio.app.window.main_window import MainWindow
from lstm_studio.session.model import SessionModel
from lstm_studio.session.text_run import rank_units, saturation, window_start


@pytest.fixture
def model():
    return text_model()


def centre(panel, k) -> QPoint:
    return panel.canvas.character_rect(k).center().toPoint()


def scroll_to(panel, k) -> None:
    panel.scroll.ensureVisible(0, int(panel.canvas.character_rect(k).center().y()), 0, 40)
    QApplication.processEvents()


def drag(canvas, a: QPoint, b: QPoint) -> None:
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for point in (a + QPoint(3, 0), b):
        event = QMouseEvent(QEvent.Type.MouseMove, QPointF(point), canvas.mapToGlobal(QPointF(point)),
                            Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(canvas, event)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def test_each_character_is_coloured_by_the_selected_units_value(qtbot, model):
    panel = shown(qtbot, TextViewPanel(model, QUndoStack()))
    model.set_selection(unit=7)
    run = model.text_run()
    assert panel.canvas.text == TEXT
    image = panel.canvas.grab().toImage()
    ratio = image.devicePixelRatio()
    for quantity, expected_map in (("h", DIVERGING_MAP), ("f", SEQUENTIAL_MAP), ("c", DIVERGING_MAP)):
        panel.set_quantity(quantity)
        image = panel.canvas.grab().toImage()
        values = run.of(quantity)[:, 7]
        low, high, name = colour_levels("lstm", quantity, values)
        assert name == expected_map
        assert (low, high) == ((0.0, 1.0) if quantity == "f" else (-1.0, 1.0) if quantity == "h"
                               else (-np.abs(values).max(), np.abs(values).max()))
        for k in (0, 5, 31, 100):
            colour = colormap(name).map(np.array([(values[k] - low) / (high - low)]), mode=pg.ColorMap.QCOLOR)[0]
            assert panel.canvas.colours[k].rgb() == colour.rgb()
            corner = panel.canvas.character_rect(k).topLeft() + QPointF(1.5, 1.5)
            pixel = image.pixelColor(int(corner.x() * ratio), int(corner.y() * ratio))
            assert max(abs(pixel.red() - colour.red()), abs(pixel.green() - colour.green()),
                       abs(pixel.blue() - colour.blue())) <= 2, (quantity, k)
    model.set_selection(unit=3)  # another unit: other colours, from the model's selection
    values = run.of("c")[:, 3]
    low, high, name = colour_levels("lstm", "c", values)
    colour = colormap(name).map(np.array([(values[10] - low) / (high - low)]), mode=pg.ColorMap.QCOLOR)[0]
    assert panel.canvas.colours[10].rgb() == colour.rgb()


def test_click_in_the_window_moves_the_time_cursor(qtbot, model):
    stack = QUndoStack()
    panel = shown(qtbot, TextViewPanel(model, stack))
    start = window_start(model.document)
    assert panel.canvas.window == (start, start + 12)
    scroll_to(panel, start + 4)
    QTest.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(panel, start + 4))
    assert model.view.time_step == 4
    assert panel.canvas.cursor == start + 4
    outside = (start + 40) % (len(TEXT) - 20)
    scroll_to(panel, outside)
    QTest.mouseClick(panel.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(panel, outside))
    assert model.view.time_step == 4
    assert "outside the sequence window" in panel.message.text() and panel.message.isVisible()
    QTest.mouseDClick(panel.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(panel, outside))
    qtbot.waitUntil(lambda: panel.canvas.window[0] <= outside < panel.canvas.window[0] + 12)
    moved = panel.canvas.window[0]
    assert window_start(model.document, outside) == moved
    assert moved <= outside < moved + 12 and model.view.time_step == outside - moved
    assert panel.canvas.window == (moved, moved + 12) and panel.canvas.cursor == outside
    assert stack.count() == 1
    stack.undo()
    qtbot.waitUntil(lambda: panel.canvas.window == (start, start + 12))
    assert panel.canvas.window == (start, start + 12) and model.view.time_step == 4


def test_hover_shows_the_values_at_the_character(qtbot, model):
    panel = shown(qtbot, TextViewPanel(model, QUndoStack()))
    model.set_selection(unit=2)
    run = model.text_run()
    QTest.mouseMove(panel.canvas, centre(panel, 9))
    QApplication.processEvents()
    text = panel.hover.text()
    assert "character 10" in text and "unit 2" in text
    for name in ("h", "c", "i", "f", "g", "o"):
        assert f"{name} = {run.of(name)[9, 2]:.3f}" in text


def test_a_dragged_span_ranks_units_and_a_row_selects_one(qtbot, model):
    panel = shown(qtbot, TextViewPanel(model, QUndoStack()), height=800)
    a, b = TEXT.index("(a (b) c)"), TEXT.index("(a (b) c)") + 8
    drag(panel.canvas, centre(panel, a), centre(panel, b))
    assert panel.search_span == (a, b + 1)
    expected = rank_units(model.text_run(), a, b + 1, "h", count=TOP_UNITS)
    assert panel.found == expected and len(panel.search.rows) == TOP_UNITS
    assert "(a" in panel.search_title.text()
    assert model.view.time_step == len(model.document.inputs) - 1  # a drag is no click
    second = expected[1]
    row = panel.search.row_rect(1).center().toPoint()
    QTest.mouseClick(panel.search, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, row)
    assert (model.view.layer, model.view.direction, model.view.unit) == (second.layer, second.direction, second.unit)
    assert panel.search.selected == (0, 0, second.unit)


def test_a_planted_unit_is_found_by_its_span(qtbot, model):
    """A unit whose weights make it fire on "(" only (and stay off elsewhere) is the first one
    found by a span holding one "(", and every other "(" is marked."""
    doc = model.document
    vocabulary = "".join(sorted(set(TEXT)))
    hidden = doc.config.hidden_size
    w_ih = doc.parameters["weight_ih_l0"].copy()
    w_hh = doc.parameters["weight_hh_l0"].copy()
    b_ih = doc.parameters["bias_ih_l0"].copy()
    b_hh = doc.parameters["bias_hh_l0"].copy()
    unit = 11
    for gate, k in (("i", 0), ("f", 1), ("g", 2), ("o", 3)):
        row = k * hidden + unit
        w_ih[row] = 0.0
        w_hh[row] = 0.0
        b_hh[row] = 0.0
        b_ih[row] = {"i": 10.0, "f": -10.0, "g": -10.0, "o": 10.0}[gate]  # h ≈ tanh(-1): off
        if gate == "g":
            w_ih[row, vocabulary.index("(")] = 20.0  # g = +1 on "(" only
    model.set_parameters({"weight_ih_l0": w_ih, "weight_hh_l0": w_hh, "bias_ih_l0": b_ih, "bias_hh_l0": b_hh})
    panel = shown(qtbot, TextViewPanel(model, QUndoStack()))
    k = TEXT.index("(")
    panel.select_span(k, k + 1)
    assert (panel.found[0].layer, panel.found[0].unit) == (0, unit)
    assert all((k2, k2 + 1) in panel.canvas.marks for k2 in range(len(TEXT)) if TEXT[k2] == "(")


def test_saturation_points_and_click_select_a_unit(qtbot, model):
    panel = shown(qtbot, SaturationPanel(model))
    run = model.text_run()
    fractions = saturation(run)
    assert set(panel.scatters) == {(0, 0, "i"), (0, 0, "f"), (0, 0, "o")}
    f = model.text_run().of("f")
    scatter = panel.scatters[(0, 0, "f")]
    x, y = scatter.getData()
    np.testing.assert_allclose(x, (f < 0.1).mean(axis=0))
    np.testing.assert_allclose(y, (f > 0.9).mean(axis=0))
    np.testing.assert_allclose(x, fractions[(0, 0, "f")][0])
    point = scatter.points()[9]
    panel._clicked(scatter, [point])
    assert model.view.unit == 9
    assert "unit 9" in panel.hover.text()
    ring_x, ring_y = panel.rings[(0, 0)].getData()
    assert len(ring_x) == 3 and x[9] in ring_x and y[9] in ring_y
    # a real click on a point's place in the view
    plot = panel.plots[(0, 0)]
    target = scatter.points()[21]
    scene_point = plot.getViewBox().mapViewToScene(target.pos())
    view_point = panel.graphics.mapFromScene(scene_point)
    hits = [p for p in scatter.pointsAt(target.pos())]
    QTest.mouseClick(panel.graphics.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view_point)
    QApplication.processEvents()
    assert model.view.unit in {p.data()[2] for p in hits}


def test_sessions_without_text_explain_themselves(qtbot):
    model = SessionModel()
    text_view = shown(qtbot, TextViewPanel(model, QUndoStack()))
    saturation_panel = shown(qtbot, SaturationPanel(model))
    assert text_view.run is None and "next-character" in text_view.info.text()
    assert "no text" in saturation_panel.info.text()


def test_the_window_has_both_docks_and_they_follow_the_session(qtbot):
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "text_view" in window.docks and "saturation" in window.docks
    assert window.docks["text_view"] in window.tabifiedDockWidgets(window.docks["output"])
    assert window.training.choose_task("next_char", text=TEXT)
    window.docks["text_view"].raise_()
    window.docks["saturation"].raise_()
    qtbot.waitUntil(lambda: window.text_view.run is not None and bool(window.saturation.fractions))
    assert window.text_view.canvas.text == TEXT


def test_a_corpus_example_trains_and_shows_the_unit_it_found(qtbot, monkeypatch):
    from dataclasses import replace

    from lstm_studio.session import corpora

    monkeypatch.setitem(corpora.CORPORA, "quotes", replace(corpora.CORPORA["quotes"], steps=3))
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    titles = [action.text() for action in window.lessons.examples_menu.actions()]
    assert "Texts that grow interpretable units" in titles
    assert list(window.unit_examples.actions) == ["brackets", "quotes", "lines", "arithmetic"]
    assert window.unit_examples.actions["arithmetic"].text() == (
        "Simple sums: a unit that knows the result is being written")
    assert window.unit_examples.open_example("quotes")
    qtbot.waitUntil(lambda: window.unit_examples.found is not None, timeout=60000)
    found = window.unit_examples.found
    view = window.model.view
    assert window.model.document.task == "next_char" and '"' in window.text_view.canvas.text
    assert (view.layer, view.direction, view.unit) == (found.layer, found.direction, found.unit)
    assert window.text_view.quantity == found.quantity
    assert f"unit {found.unit}" in window.text_view.message.text()
    assert len(window.model.document.history["step"]) == 3
