"""The text view, the search for units by example and the gate saturation plot in detail (issue 17):
what is shown for which unit, the search's span and rows, the window moved, the saturation points."""

from dataclasses import replace

import numpy as np
import pytest
from text_panels import STEPS, TEXT, shown, text_model
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from lstm_studio.app.panels import text_view as text_view_module
from lstm_studio.app.panels.saturation import SaturationPanel
from lstm_studio.app.panels.text_canvas import colour_levels, value_colours
from lstm_studio.app.panels.text_view import (
    EDIT_PAUSE_MS,
    TRAINING_REFRESH_MS,
    MoveWindowCommand,
    TextViewPanel,
    schedule,
)
from lstm_studio.app.panels.unit_search import TOP_UNITS, UnitSearch, unit_name
from lstm_studio.session.experiments import task_document
from lstm_studio.session.model import SessionModel
from lstm_studio.session.text_run import NEIGHBOURHOOD, RankedUnit, matches, rank_units, window_at, window_start


@pytest.fixture
def model():
    return text_model()


@pytest.fixture
def panel(qtbot, model):
    return shown(qtbot, TextViewPanel(model, QUndoStack()))


def selected(model):
    return model.view.layer, model.view.direction, model.view.unit


# -- when the panels refresh ------------------------------------------------------------------------
def test_schedule_waits_for_edits_to_pause_and_at_most_a_second_while_training():
    assert (EDIT_PAUSE_MS, TRAINING_REFRESH_MS) == (150, 1000)
    timer = QTimer()
    timer.setSingleShot(True)
    schedule(timer, False)
    assert timer.isActive() and timer.interval() == EDIT_PAUSE_MS
    schedule(timer, True)  # already waiting: not postponed to a second
    assert timer.isActive() and timer.interval() == EDIT_PAUSE_MS
    timer.stop()
    schedule(timer, True)
    assert timer.isActive() and timer.interval() == TRAINING_REFRESH_MS
    schedule(timer, False)  # an edit restarts the pause
    assert timer.interval() == EDIT_PAUSE_MS
    timer.stop()


@pytest.mark.parametrize("panel_class", [TextViewPanel, SaturationPanel])
def test_the_panels_schedule_by_the_models_training(qtbot, model, panel_class):
    panel = shown(qtbot, panel_class(model))
    panel._timer.stop()
    model._training = True
    panel.schedule()
    assert panel._timer.isActive() and panel._timer.interval() == TRAINING_REFRESH_MS
    panel._timer.stop()
    model._training = False
    panel.schedule()
    assert panel._timer.isActive() and panel._timer.interval() == EDIT_PAUSE_MS
    panel.refresh()
    assert not panel._timer.isActive()  # a refresh stops the wait


# -- the window moved -----------------------------------------------------------------------------
def test_the_window_moves_and_comes_back_with_its_place_and_time_step(model):
    start = window_start(model.document)
    model.set_time_step(3)
    before = (model.document.inputs.copy(), model.document.targets.copy())
    inputs, targets = window_at(model.document, 70)
    placed = []
    command = MoveWindowCommand(model, inputs, targets, 5, 70, start, "Move it", placed=placed.append)
    assert command.text() == "Move it"
    command.redo()
    np.testing.assert_array_equal(model.document.inputs, inputs)
    np.testing.assert_array_equal(model.document.targets, targets)
    assert model.view.time_step == 5 and placed == [70] and window_start(model.document, 70) == 70
    command.undo()
    np.testing.assert_array_equal(model.document.inputs, before[0])
    np.testing.assert_array_equal(model.document.targets, before[1])
    assert model.view.time_step == 3 and placed == [70, start]
    MoveWindowCommand(model, inputs, targets, 2, 70, start, "Move").redo()  # without placed
    assert model.view.time_step == 2


def test_a_double_click_centres_the_window_on_the_character_clamped_to_the_text(panel, model):
    stack = panel.undo_stack
    run = model.text_run()
    panel.move_window_to(100)
    assert stack.count() == 1 and stack.undoText() == "Move the sequence window to character 101"
    assert panel.start == 100 - STEPS // 2 and model.view.time_step == STEPS // 2 and panel.canvas.cursor == 100
    panel.refresh()  # (the frame follows the model's change at the refresh it schedules)
    assert panel.canvas.window == (94, 94 + STEPS) and panel.canvas.cursor == 100
    panel.move_window_to(97)  # inside the window: nothing to move
    assert stack.count() == 1
    panel.move_window_to(2)
    assert panel.start == 0 and model.view.time_step == 2
    panel.move_window_to(len(TEXT) - 3)
    assert panel.start == run.total - STEPS - 1 and model.view.time_step == len(TEXT) - 3 - panel.start
    assert stack.count() == 3
    stack.undo()
    assert panel.start == 0 and model.view.time_step == 2


def test_the_window_is_moved_without_an_undo_stack_and_not_while_training(qtbot, model):
    panel = shown(qtbot, TextViewPanel(model))
    panel.set_message("something")
    panel.move_window_to(200)
    assert panel.start == 200 - STEPS // 2 and model.view.time_step == STEPS // 2
    assert not panel.message.isVisible() and panel.message.text() == ""
    model._training = True
    panel.move_window_to(20)
    assert panel.start == 200 - STEPS // 2
    model._training = False


def test_a_window_moved_in_a_repetitive_text_keeps_its_place_on_refresh(panel, model):
    first = window_start(model.document)
    line = TEXT.index("\n") + 1
    panel.move_window_to(first + 3 * line + 30)
    moved = panel.start
    assert window_start(model.document) < moved  # the same characters found earlier in the text
    panel.refresh()
    assert panel.start == moved and panel.canvas.window == (moved, moved + STEPS)


def test_edited_inputs_leave_no_window_in_the_text(panel, model):
    inputs = model.document.inputs.copy()
    inputs[0, :] = 0.5
    model.set_inputs(inputs)
    panel.refresh()
    assert panel.start is None and panel.canvas.window is None and panel.canvas.cursor is None
    assert panel.info.text().endswith("the sequence window is not in the text (its inputs were edited)")
    panel.character_clicked(5)
    assert panel.message.text() == ("The sequence window's inputs are not characters of the text (they were "
                                    "edited), so no character of the text is in it.")
    panel.move_window_to(5)  # puts a window of the text back
    panel.refresh()
    assert panel.start == 0 and panel.canvas.window == (0, STEPS)


# -- clicks and hovering -------------------------------------------------------------------------------
def test_a_click_moves_the_cursor_only_inside_the_window(panel, model):
    start = panel.start
    panel.set_message("old")
    panel.character_clicked(start)
    assert model.view.time_step == 0 and not panel.message.isVisible()
    panel.character_clicked(start + STEPS - 1)
    assert model.view.time_step == STEPS - 1 and panel.canvas.cursor == start + STEPS - 1
    for k in (start + STEPS, start - 1):
        panel.character_clicked(k)
        assert model.view.time_step == STEPS - 1 and panel.message.isVisible()
        assert panel.message.text() == (
            f"Character {k + 1} lies outside the sequence window (characters {start + 1}–{start + STEPS}): "
            "double-click it to move the window there.")


def test_hovering_shows_every_value_of_the_selected_unit(panel, model):
    model.set_selection(unit=4)
    run = model.text_run()
    start = panel.start
    k = start + 2
    values = ", ".join(f"{name} = {run.of(name)[k, 4]:.3f}" for name in ("h", "c", "i", "f", "g", "o"))
    panel.show_values(k)
    assert panel.hover.text() == f"“{TEXT[k]}” (character {k + 1}) · unit 4: {values} · t = 3 of the sequence window"
    outside = start + STEPS
    panel.show_values(outside)
    assert panel.hover.text().startswith(f"“{TEXT[outside]}” (character {outside + 1}) · unit 4: h = ")
    assert "sequence window" not in panel.hover.text()
    panel.show_values(start + STEPS - 1)
    assert panel.hover.text().endswith(f"t = {STEPS} of the sequence window")
    panel.show_values(start - 1)
    assert "sequence window" not in panel.hover.text()
    newline = TEXT.index("\n")
    panel.show_values(newline)
    assert panel.hover.text().startswith(f"“⏎” (character {newline + 1})")
    for nowhere in (-1, len(TEXT)):
        panel.show_values(0)
        panel.show_values(nowhere)
        assert panel.hover.text() == ""
    panel.show_values(len(TEXT) - 1)
    assert panel.hover.text().startswith(f"“⏎” (character {len(TEXT)})")


# -- what is shown for which unit -------------------------------------------------------------------
def test_the_quantities_follow_the_kind_and_keep_the_choice_when_they_can(panel, model):
    combo = panel.quantity_combo
    assert [combo.itemData(k) for k in range(combo.count())] == ["h", "c", "i", "f", "g", "o"]
    assert [combo.itemText(k) for k in range(combo.count())] == [
        "h — hidden state", "c — cell state", "i — input gate", "f — forget gate", "g — candidate cell input",
        "o — output gate"]
    panel.set_quantity("o")
    panel.set_quantity("z")  # not a quantity of an LSTM: nothing changes
    assert panel.quantity == "o"
    model.set_config(kind="gru")
    panel.refresh()
    assert [combo.itemData(k) for k in range(combo.count())] == ["h", "r", "z", "n"]
    assert panel.quantity == "h"  # the output gate has no GRU counterpart: the first
    panel.set_quantity("z")
    assert combo.currentIndex() == 2
    model.set_config(kind="lstm")
    panel.refresh()
    assert panel.quantity == "h" and combo.count() == 6
    combo.clear()
    assert panel.quantity == "h"  # no choice: h


def test_quantity_titles():
    titles = {"h": "h — hidden state", "c": "c — cell state", "i": "i — input gate", "f": "f — forget gate",
              "g": "g — candidate cell input", "o": "o — output gate", "r": "r — reset gate",
              "z": "z — update gate", "n": "n — candidate state", "a": "a"}
    assert {name: TextViewPanel.quantity_title(Titles(), name) for name in titles} == titles


class Titles:
    """Enough of a panel for quantity_title and gate_title (their tr is the identity here)."""

    @staticmethod
    def tr(text):
        return text


def test_the_info_line_names_the_unit_the_quantity_the_extent_and_the_window(panel, model):
    model.set_selection(unit=7)
    panel.set_quantity("c")
    start = panel.start
    assert panel.info.text() == (
        f"unit 7: c — cell state at each character of all {len(TEXT)} characters, the state carried across "
        f"the whole text from h0 · dashed frame: the sequence window (characters {start + 1}–{start + STEPS})")
    panel.run = replace(panel.run, text=TEXT[:100], total=12345)
    panel._show_info()
    assert "at each character of the first 100 of 12,345 characters," in panel.info.text()
    panel.run = replace(panel.run, text=TEXT[:100], total=100)
    panel._show_info()
    assert "at each character of all 100 characters," in panel.info.text()


def test_the_colours_and_the_colour_bar_follow_the_unit_the_quantity_and_the_scale(panel, model):
    run = model.text_run()
    for unit, quantity, scale in ((5, "h", "fixed"), (5, "f", "fixed"), (2, "f", "auto"), (2, "c", "auto")):
        model.set_selection(unit=unit)
        panel.set_quantity(quantity)
        model.set_colour_scale(scale)
        values = run.of(quantity)[:, unit]
        np.testing.assert_array_equal(panel.unit_values(), values)
        low, high, name = colour_levels("lstm", quantity, values, scale)
        assert panel.levels == (low, high, name)
        assert panel.colour_bar.levels == (low, high, name)
        expected = value_colours(values, low, high, name)
        assert [panel.canvas.colours[k].rgb() for k in (0, 40, 200)] == [expected[k].rgb() for k in (0, 40, 200)]
        assert panel.search.selected == (0, 0, unit)
    np.testing.assert_array_equal(panel.unit_values("o"), run.of("o")[:, 2])


def test_a_selection_beyond_the_run_waits_for_the_next_refresh(panel, model):
    panel._timer.stop()
    colours = panel.canvas.colours
    panel.run = replace(panel.run, hidden_size=5)  # a run of 5 units: unit 5 is not in it
    model.set_selection(unit=5)
    assert panel.canvas.colours is colours and panel._timer.isActive()  # not recoloured: a refresh comes
    panel._timer.stop()
    panel.run = replace(panel.run, hidden_size=32, values={})
    assert not panel._shows_selection() and panel._timer.isActive()
    panel._timer.stop()
    panel.refresh()
    assert panel._shows_selection() and not panel._timer.isActive()
    panel.run = None
    assert not panel._shows_selection()


def test_a_session_that_loses_its_text_clears_the_panel(panel, model):
    panel.select_span(10, 20)
    panel.show_values(3)
    panel.character_clicked(panel.start + STEPS + 5)
    model.replace_document(SessionModel().document)
    panel.refresh()
    assert panel.run is None and panel.canvas.text == "" and len(panel.canvas.colours) == 0
    assert panel.info.text().startswith("The text view shows the text of a next-character session.")
    assert panel.search.rows == [] and panel.search_title.text() == "" and panel.hover.text() == ""
    assert not panel.message.isVisible() and panel.message.text() == ""
    panel.select_span(0, 5)  # no run: no search
    assert panel.search.rows == []


def test_a_new_text_forgets_the_search_and_the_place(panel, model):
    panel.select_span(10, 20)
    model.replace_document(task_document("next_char", text=TEXT.upper(), seq_len=STEPS))
    panel.refresh()
    assert panel.search_span is None and panel.search.rows == [] and panel.canvas.span is None
    assert panel.canvas.marks == []
    assert panel.search_title.text() == ("Drag over a span of the text to find the units that are on there and "
                                         "off around it.")
    assert panel.start == window_start(model.document)


def test_the_same_text_keeps_the_search_up_to_its_last_character(panel, model):
    end = len(TEXT)
    panel.select_span(end - 4, end)
    model.set_selection(unit=1)
    panel.refresh()
    assert panel.search_span == (end - 4, end) and len(panel.search.rows) == TOP_UNITS
    assert panel.found == rank_units(model.text_run(), end - 4, end, "h", count=TOP_UNITS)


# -- units by example -------------------------------------------------------------------------------
def test_a_span_is_clamped_to_the_text_and_an_empty_one_ignored(panel, model):
    panel.select_span(5, 5)
    assert panel.search_span is None and panel.search.rows == []
    panel.select_span(-4, 3)
    assert panel.search_span == (0, 3) and panel.canvas.span == (0, 3) and panel.search.span == (0, 3)
    assert panel.search.context == (0, 3 + NEIGHBOURHOOD)
    panel.select_span(len(TEXT) - 2, len(TEXT) + 9)
    assert panel.search_span == (len(TEXT) - 2, len(TEXT))
    assert panel.search.context == (len(TEXT) - 2 - NEIGHBOURHOOD, len(TEXT))
    panel.select_span(len(TEXT) + 1, len(TEXT) + 5)
    assert panel.search_span == (len(TEXT) - 2, len(TEXT))  # nothing of the text: ignored


def test_the_found_units_rows_are_their_values_around_the_span(panel, model):
    model.set_colour_scale("auto")
    panel.set_quantity("f")
    panel.select_span(100, 104)
    run = model.text_run()
    ranked = rank_units(run, 100, 104, "f", count=TOP_UNITS)
    assert panel.found == ranked and [row[0] for row in panel.search.rows] == ranked
    context = (100 - NEIGHBOURHOOD, 104 + NEIGHBOURHOOD)
    assert panel.search.context == context and panel.search.text == TEXT and panel.search.span == (100, 104)
    for r, colours in panel.search.rows:
        values = run.of("f")[:, r.unit]
        low, high, name = colour_levels("lstm", "f", values, "auto")
        expected = value_colours(values[context[0]:context[1]], low, high, name)
        assert len(colours) == len(expected) == context[1] - context[0]
        assert [c.rgb() for c in colours] == [expected[k].rgb() for k in range(len(expected))]
    assert panel.canvas.marks == matches(run, ranked, "f")
    assert panel.search._layers == (1, 1)


def test_the_search_title_quotes_the_span_and_counts_the_other_places(panel, model):
    a = TEXT.index("(a (b) c)")
    panel.select_span(a, a + 9)
    others = sum(1 for x, y in panel.canvas.marks if y <= a or x >= a + 9)
    assert panel.search_title.text() == (
        f"Units whose h is on on “(a (b) c)” and off around it (score: mean on the span − mean over "
        f"{NEIGHBOURHOOD} characters on each side); underlined: {others} other places where the best 3 are "
        "all on. Click a row to select the unit.")
    panel.select_span(0, 30)
    assert f"on on “{TEXT[:30]}”" in panel.search_title.text()
    panel.select_span(0, 31)
    assert f"on on “{TEXT[:29]}…”" in panel.search_title.text()
    newline = TEXT.index("\n")
    panel.select_span(newline - 1, newline + 1)
    assert "on on “.⏎”" in panel.search_title.text()


def test_the_search_counts_marks_outside_the_span_only(panel, model, monkeypatch):
    marks = [(0, 2), (2, 5), (5, 8), (8, 10), (10, 12), (4, 9)]
    monkeypatch.setattr(text_view_module, "matches", lambda run, ranked, quantity: marks)
    panel.select_span(5, 10)  # (0, 2), (2, 5), (10, 12) outside; (5, 8), (8, 10), (4, 9) overlap it
    assert "underlined: 3 other places where the best 3 are all on" in panel.search_title.text()


def test_the_search_title_says_how_many_units_a_match_needs(panel, model, monkeypatch):
    ranked = rank_units(model.text_run(), 10, 12, count=2)
    monkeypatch.setattr(text_view_module, "rank_units", lambda *args, **kwargs: ranked)
    panel.select_span(10, 12)
    assert "where the best 2 are all on" in panel.search_title.text()


def test_a_changed_quantity_searches_the_span_again(panel, model):
    panel.select_span(100, 104)
    panel.set_quantity("o")
    assert panel.found == rank_units(model.text_run(), 100, 104, "o", count=TOP_UNITS)
    assert panel.search_title.text().startswith("Units whose o is on")


def test_the_search_gets_room_up_to_half_of_the_split(qtbot, model):
    panel = shown(qtbot, TextViewPanel(model, QUndoStack()), height=300)
    total = sum(panel.splitter.sizes())
    panel.splitter.setSizes([total - 40, 40])
    panel.select_span(100, 104)
    sizes = panel.splitter.sizes()
    assert abs(sizes[1] - total // 2) <= 2  # more is needed than half: half
    panel.splitter.setSizes([total - 40, 40])
    panel.search.clear()
    panel.search_title.setText("")
    panel._make_room_for_search()
    need = panel.search_title.heightForWidth(max(panel.search_scroll.viewport().width(), 200)) + 8
    assert abs(panel.splitter.sizes()[1] - max(40, min(need, total // 2))) <= 2
    panel.splitter.setSizes([total - 200, 200])
    before = panel.splitter.sizes()
    panel._make_room_for_search()  # already room enough: left as it is
    assert panel.splitter.sizes() == before


# -- the list of units found ------------------------------------------------------------------------
def test_unit_names_say_layer_and_direction_only_in_bigger_networks():
    assert unit_name(0, 0, 5) == "unit 5"
    assert unit_name(0, 0, 5, (1, 1)) == "unit 5"
    assert unit_name(1, 0, 5, (2, 1)) == "L2 unit 5"
    assert unit_name(0, 1, 5, (1, 2)) == "L1↺ unit 5"
    assert unit_name(0, 0, 5, (1, 2)) == "L1 unit 5"
    assert unit_name(2, 1, 0, (3, 2)) == "L3↺ unit 0"


def ranked(unit, layer=0, direction=0, score=0.5):
    return RankedUnit(layer, direction, unit, score, score, 0.0)


def test_the_list_is_as_high_as_its_rows_and_empty_when_cleared(qtbot):
    search = shown(qtbot, UnitSearch(), width=600, height=100)
    assert search.height() == 0
    assert search.row_height == pytest.approx(search.fontMetrics().height() + 4, abs=1.5)
    rows = [(ranked(u), []) for u in (3, 1, 4)]
    search.set_result("abcdef", (2, 4), (0, 6), rows)
    assert search.height() == int(search.row_height * 4 + 4)
    assert (search.text, search.span, search.context, search.rows) == ("abcdef", (2, 4), (0, 6), rows)
    assert search.row_rect(0) == QRectF(0, search.row_height, search.width(), search.row_height)
    assert search.row_rect(2) == QRectF(0, 3 * search.row_height, search.width(), search.row_height)
    search.set_selected((0, 0, 4))
    assert search.selected == (0, 0, 4)
    search.grab()  # painted without error, the selected row among them
    search.clear()
    assert (search.text, search.span, search.context, search.rows, search.height()) == ("", (0, 0), (0, 0), [], 0)


def test_cells_fit_the_width_between_four_and_fifteen_pixels(qtbot):
    search = shown(qtbot, UnitSearch(), width=600, height=100)
    search.set_result("x" * 100, (45, 50), (10, 50), [(ranked(0), [])])
    assert search.cell_width() == pytest.approx((600 - 150 - 6) / 40)
    search.set_result("x" * 100, (5, 6), (5, 20), [(ranked(0), [])])
    assert search.cell_width() == 15.0
    search.set_result("x" * 300, (100, 101), (0, 300), [(ranked(0), [])])
    assert search.cell_width() == 4.0
    search.set_result("", (0, 0), (3, 3), [(ranked(0), [])])
    assert search.cell_width() == 15.0  # no characters: one cell's room
    search.resize(160, 100)
    search.set_result("xy", (0, 1), (0, 1), [(ranked(0), [])])
    assert search.cell_width() == 4.0  # (160 − 156) / 1 is less than four pixels


def test_a_click_on_a_row_emits_its_unit_and_elsewhere_nothing(qtbot):
    search = shown(qtbot, UnitSearch(), width=600, height=200)
    search.set_result("abcdef" * 10, (20, 24), (0, 44), [(ranked(3), []), (ranked(7, 1, 1), []), (ranked(2), [])])
    clicked = []
    search.unitClicked.connect(lambda *unit: clicked.append(unit))
    h = search.row_height
    for y in (h / 2, 1.5 * h, 2.5 * h, 3.5 * h, 4.5 * h, h + 1, 2 * h - 1):
        QTest.mouseClick(search, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPointF(300, y).toPoint())
    assert clicked == [(0, 0, 3), (1, 1, 7), (0, 0, 2), (0, 0, 3), (0, 0, 3)]


# -- gate saturation --------------------------------------------------------------------------------
def test_gate_titles():
    titles = {"i": "i — input gate", "f": "f — forget gate", "o": "o — output gate", "r": "r — reset gate",
              "z": "z — update gate", "q": "q"}
    assert {gate: SaturationPanel.gate_title(Titles(), gate) for gate in titles} == titles


def test_each_point_is_a_unit_of_a_gate_with_its_fractions(qtbot, model):
    panel = shown(qtbot, SaturationPanel(model))
    run = model.text_run()
    for gate in ("i", "f", "o"):
        x, y = panel.scatters[(0, 0, gate)].getData()
        values = run.of(gate)
        np.testing.assert_array_equal(x, (values < 0.1).mean(axis=0))
        np.testing.assert_array_equal(y, (values > 0.9).mean(axis=0))
        assert [p.data() for p in panel.scatters[(0, 0, gate)].points()] == [
            (0, 0, unit, gate) for unit in range(run.hidden_size)]
    assert panel.info.text().startswith(f"Each point is one unit of one σ gate over all {len(TEXT)} characters of "
                                        "the text:")


def test_the_saturation_info_says_when_only_the_first_characters_are_read(qtbot, model, monkeypatch):
    run = model.text_run()
    short = replace(run, text=TEXT[:50], total=4321, values={key: {q: v[:50] for q, v in arrays.items()}
                                                            for key, arrays in run.values.items()})
    monkeypatch.setattr(model, "text_run", lambda: short)
    panel = shown(qtbot, SaturationPanel(model))
    assert "over the first 50 of 4,321 characters of the text" in panel.info.text()


def test_the_tip_and_a_click_name_the_gate_unit_and_fractions(qtbot, model):
    panel = shown(qtbot, SaturationPanel(model))
    assert panel._tip(0.254, 0.031, (0, 0, 9, "f")) == (
        "f — forget gate of unit 9: left-saturated 25 %, right-saturated 3 %")
    panel._clicked(None, [])
    assert model.view.unit == 0 and panel.hover.text() == ""
    scatter = panel.scatters[(0, 0, "o")]
    point = scatter.points()[6]
    panel._clicked(scatter, [point, scatter.points()[2]])
    assert model.view.unit == 6
    assert panel.hover.text() == panel._tip(point.pos().x(), point.pos().y(), (0, 0, 6, "o"))


def test_the_selected_unit_is_ringed_in_its_own_layers_plot_only(qtbot):
    model = SessionModel(task_document("next_char", text=TEXT, seq_len=STEPS))
    model.set_config(num_layers=2, bidirectional=True, hidden_size=6)
    panel = shown(qtbot, SaturationPanel(model), height=700)
    assert set(panel.plots) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    model.set_selection(layer=1, direction=1, unit=4)
    fractions = model.text_run().gate_saturation
    for key, ring in panel.rings.items():
        x, y = ring.getData()
        if key == (1, 1):
            assert list(x) == [fractions[(1, 1, g)][0][4] for g in ("i", "f", "o")]
            assert list(y) == [fractions[(1, 1, g)][1][4] for g in ("i", "f", "o")]
        else:
            assert len(x) == 0 and len(y) == 0
    model.set_selection(layer=0, direction=0, unit=1)
    assert len(panel.rings[(0, 0)].getData()[0]) == 3 and len(panel.rings[(1, 1)].getData()[0]) == 0


def test_a_selection_beyond_the_points_waits_for_the_next_refresh(qtbot, model):
    panel = shown(qtbot, SaturationPanel(model))
    panel._timer.stop()
    panel.fractions = {key: (left[:5], right[:5]) for key, (left, right) in panel.fractions.items()}
    model.set_selection(unit=5)  # just beyond the 5 units of the points shown
    assert panel._timer.isActive()
    panel.refresh()
    assert not panel._timer.isActive() and len(panel.rings[(0, 0)].getData()[0]) == 3


def test_a_network_without_sigmoid_gates_says_so(qtbot, model):
    model.set_config(kind="rnn_tanh")
    panel = shown(qtbot, SaturationPanel(model))
    assert panel.fractions == {} and panel.scatters == {}
    assert panel.info.text() == ("This network has no σ gates to saturate (its only nonlinearity is the "
                                 "activation tanh).")  # the activation's name, not the gate's ("a")
    panel.refresh()  # the same network again: still nothing to plot
    assert panel.plots == {} and panel.fractions == {} and panel.info.text().endswith("activation tanh).")
    model.set_config(kind="rnn_relu")
    panel.refresh()
    assert panel.info.text().endswith("the activation relu).")
    model.set_config(kind="gru")
    panel.refresh()
    assert set(panel.scatters) == {(0, 0, "r"), (0, 0, "z")} and set(panel.fractions) == set(panel.scatters)


def test_a_session_that_loses_its_text_empties_the_saturation(qtbot, model):
    panel = shown(qtbot, SaturationPanel(model))
    assert panel.fractions
    model.replace_document(SessionModel().document)
    panel.refresh()
    assert panel.fractions == {} and panel.plots == {}
    assert panel.info.text() == ("Gate saturation is measured over the text of a next-character session; this "
                                 "session has no text.")
    model.set_selection(unit=2)  # nothing to ring


# -- from the first mutation run's survivors ----------------------------------------------------------
def deep_model(seq_len=STEPS):
    model = SessionModel(task_document("next_char", text=TEXT, seq_len=seq_len))
    model.set_config(num_layers=2, bidirectional=True, hidden_size=6)
    return model


def test_a_window_is_moved_only_for_a_character_outside_it(panel, model):
    start = panel.start
    for k in (start, start + STEPS - 1):
        panel.move_window_to(k)
        assert panel.undo_stack.count() == 0 and panel.start == start
    panel.move_window_to(start + STEPS)
    assert panel.undo_stack.count() == 1 and panel.start == start + STEPS - STEPS // 2


def test_a_window_of_odd_length_starts_half_its_length_before_the_character(qtbot):
    model = SessionModel(task_document("next_char", text=TEXT, seq_len=11))
    panel = shown(qtbot, TextViewPanel(model, QUndoStack()))
    panel.move_window_to(100)
    assert panel.start == 95 and model.view.time_step == 5


def test_a_click_inside_the_window_empties_the_message(panel, model):
    panel.character_clicked(panel.start + STEPS)
    assert panel.message.isVisible()
    panel.character_clicked(panel.start + 1)
    assert panel.message.text() == "" and not panel.message.isVisible()


def test_hovering_the_first_character_and_the_windows_first(panel, model):
    panel.show_values(0)
    assert panel.hover.text().startswith("“t” (character 1) · unit 0: h = ")
    start = panel.start
    panel.show_values(start)
    assert panel.hover.text().endswith(" · t = 1 of the sequence window")


def test_hovering_in_a_deeper_network_shows_the_selected_layer_and_direction(qtbot):
    model = deep_model()
    panel = shown(qtbot, TextViewPanel(model, QUndoStack()))
    model.set_selection(layer=1, direction=1, unit=2)
    run = model.text_run()
    panel.show_values(30)
    values = ", ".join(f"{name} = {run.of(name, 1, 1)[30, 2]:.3f}" for name in ("h", "c", "i", "f", "g", "o"))
    assert panel.hover.text().startswith(f"“{TEXT[30]}” (character 31) · L2↺ unit 2: {values}")
    assert panel.info.text().startswith("L2↺ unit 2: h — hidden state at each character")
    np.testing.assert_array_equal(panel.unit_values(), run.of("h", 1, 1)[:, 2])
    model.set_selection(layer=0, direction=1)
    panel.show_values(30)
    assert " · L1↺ unit 2: h = " in panel.hover.text()


def test_hovering_under_the_mouse_shows_the_values_as_a_tool_tip(panel, model, monkeypatch):
    from PySide6.QtWidgets import QToolTip

    monkeypatch.setattr(panel.canvas, "underMouse", lambda: True)
    panel.show_values(12)
    assert QToolTip.isVisible() and QToolTip.text() == panel.hover.text()
    QToolTip.hideText()


def test_a_click_on_a_point_of_a_deeper_network_selects_its_layer_direction_and_unit(qtbot):
    model = deep_model()
    panel = shown(qtbot, SaturationPanel(model), height=700)
    for key in ((1, 1), (0, 1), (1, 0), (0, 0)):
        scatter = panel.scatters[(*key, "f")]
        panel._clicked(scatter, [scatter.points()[4]])
        assert selected(model) == (*key, 4)
    assert panel._tip(0.5, 0.99, (0, 0, 1, "i")) == "i — input gate of unit 1: left-saturated 50 %, right-saturated 99 %"
    assert panel._tip(0.999, 0.0, (0, 0, 1, "i")).endswith("left-saturated 100 %, right-saturated 0 %")


def test_the_search_gets_exactly_the_room_it_needs_when_that_is_under_half(qtbot, model):
    panel = shown(qtbot, TextViewPanel(model, QUndoStack()), height=900)
    panel.select_span(100, 104)
    total = sum(panel.splitter.sizes())
    panel.splitter.setSizes([total - 40, 40])
    assert panel.splitter.sizes()[1] == 40
    panel._make_room_for_search()
    need = panel.search_title.heightForWidth(max(panel.search_scroll.viewport().width(), 200)) + \
        panel.search.height() + 8
    assert need < total / 2 and panel.splitter.sizes() == [total - need, need]


def test_cells_of_an_empty_context_take_the_whole_width_left(qtbot):
    search = shown(qtbot, UnitSearch(), width=170, height=100)
    search.set_result("abc", (3, 3), (3, 3), [(ranked(0), [])])
    assert search.width() == 170 and search.cell_width() == 14.0  # 170 − 150 − 6 for one cell


def test_the_rows_of_a_deeper_network_are_each_units_own_values(qtbot):
    model = deep_model()
    panel = shown(qtbot, TextViewPanel(model, QUndoStack()), height=800)
    panel.select_span(100, 104)
    run = model.text_run()
    assert panel.search._layers == (2, 2)
    assert any((r.layer, r.direction) != (0, 0) for r, _ in panel.search.rows)
    for r, colours in panel.search.rows:
        values = run.of("h", r.layer, r.direction)[:, r.unit]
        low, high, name = colour_levels("lstm", "h", values)
        expected = value_colours(values[80:124], low, high, name)
        assert [c.rgb() for c in colours] == [expected[k].rgb() for k in range(len(expected))]


def test_a_text_one_window_long_keeps_its_window_at_the_start(qtbot):
    text = "abcabcabcabcd"
    model = SessionModel(task_document("next_char", text=text, seq_len=len(text) - 1))
    panel = shown(qtbot, TextViewPanel(model, QUndoStack()))
    assert panel.start == 0 and model.text_run().total == len(text)
    panel.move_window_to(len(text) - 1)  # the last character is the window's last target: no other place
    assert panel.start == 0 and model.view.time_step == len(text) - 2


def test_the_window_puts_the_text_view_beside_the_output_and_saturation_beside_the_cell_diagram(qtbot):
    from lstm_studio.app.window.main_window import MainWindow

    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    docks = window.docks
    assert window.panels["text_view"] is window.text_view and window.panels["saturation"] is window.saturation
    assert docks["text_view"] in window.tabifiedDockWidgets(docks["output"])
    assert docks["saturation"] in window.tabifiedDockWidgets(docks["cell_diagram"])
    assert docks["saturation"] not in window.tabifiedDockWidgets(docks["output"])
    assert window.text_view.undo_stack is window.undo_stack  # a moved window is undoable
    assert window.text_view.model is window.model and window.saturation.model is window.model


def test_the_first_quantity_can_be_chosen_again(panel):
    panel.set_quantity("f")
    panel.set_quantity("h")
    assert panel.quantity == "h" and panel.quantity_combo.currentIndex() == 0


def test_a_quantity_both_kinds_have_stays_chosen_at_its_new_place(panel, model):
    panel.set_quantity("o")
    model.set_config(kind="lstm_nofg")
    panel.refresh()
    combo = panel.quantity_combo
    assert [combo.itemData(k) for k in range(combo.count())] == ["h", "c", "i", "g", "o"]
    assert panel.quantity == "o" and combo.currentIndex() == 4


def test_the_ring_is_at_each_gates_left_and_right_fractions(qtbot, model):
    hidden = model.document.config.hidden_size
    bias = model.document.parameters["bias_ih_l0"].copy()
    bias[0 * hidden + 4] = -30.0  # the input gate of unit 4 always shut: left-saturated
    bias[1 * hidden + 4] = 30.0  # its forget gate always open: right-saturated
    model.set_parameters({"bias_ih_l0": bias})
    panel = shown(qtbot, SaturationPanel(model))
    model.set_selection(unit=4)
    x, y = panel.rings[(0, 0)].getData()
    fractions = model.text_run().gate_saturation
    assert (list(x[:2]), list(y[:2])) == ([1.0, 0.0], [0.0, 1.0])
    assert (x[2], y[2]) == (fractions[(0, 0, "o")][0][4], fractions[(0, 0, "o")][1][4])


def test_the_plots_are_built_again_only_for_other_sizes(qtbot, model):
    panel = shown(qtbot, SaturationPanel(model))
    plot, scatter = panel.plots[(0, 0)], panel.scatters[(0, 0, "f")]
    model.set_selection(unit=3)
    panel.refresh()
    assert panel.plots[(0, 0)] is plot and panel.scatters[(0, 0, "f")] is scatter
    model.set_config(hidden_size=7)
    panel.refresh()
    assert panel.plots[(0, 0)] is not plot and len(panel.scatters[(0, 0, "f")].getData()[0]) == 7
