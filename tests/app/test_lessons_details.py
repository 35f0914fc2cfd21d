"""Details of the lessons in the window found by mutation testing (tests/MUTATION.md): what a
student or lecturer sees when they choose a lesson in the panel, when a page's build fails or
trains, and how a lesson's figure draws log axes and bars."""

import itertools
import math

import numpy as np
import pyqtgraph as pg
import pytest
from test_lessons import window  # noqa: F401 - the fixture: the window at 1600 × 1000

from lstm_studio.app.lessons.figure import LessonFigure, PowerAxis
from lstm_studio.app.panels.plots.colours import series_color
from lstm_studio.app.theme import scaled
from lstm_studio.lessons import Figure, Series, base, lesson, trained


def test_a_lesson_chosen_in_the_panel_opens_at_its_first_step_with_the_seed_shown(window, qtbot):
    panel = window.lessons.panel
    panel.seed.setValue(7)
    index = panel.chooser.findData("gru-reset")
    panel.chooser.setCurrentIndex(index)
    panel.chooser.activated.emit(index)
    qtbot.waitUntil(lambda: (window.model.document.lesson or {}).get("id") == "gru-reset")
    assert window.model.document.lesson["page"] == 0 and window.model.document.lesson["seed"] == 7
    assert "Step 1 of" in panel.page_label.text() and panel.seed.value() == 7


@pytest.mark.parametrize("error, message", [
    (ValueError("the training text is empty"), "the training text is empty"),  # a refusal: said as it is
    (RuntimeError("out of memory"), "RuntimeError: out of memory"),  # anything else: named
])
def test_a_page_whose_build_fails_says_why_and_changes_nothing(window, qtbot, dialogs, monkeypatch, error, message):
    def failing(self, seed=0, page=0, **callbacks):
        raise error

    monkeypatch.setattr(base.Lesson, "build", failing)
    before = window.model.snapshot()
    window.lessons.open_lesson("long-dependency", 1, 0)  # a page that trains: built in the background
    qtbot.waitUntil(lambda: window.lessons.builder is None, timeout=20_000)
    qtbot.waitUntil(lambda: bool(dialogs.calls), timeout=5_000)
    assert [(name, args[1:]) for name, args, _ in dialogs.calls] == [
        ("warning", ("Cannot open the lesson", message))]
    assert dialogs.calls[0][1][0] is window
    assert window.model.document.equals(before) and window.undo_stack.count() == 0
    assert not window.lessons.panel.progress.isVisible()


@pytest.mark.parametrize("low, high", [(-3.2, 2.5), (0.0, 1.0), (-1.0, 5.0), (-3.0, 4.0), (-10.0, 2.0),
                                       (0.0, 12.0), (-30.0, 1.0), (2.0, 9.0), (-7.0, -1.0)])
def test_a_log_axis_is_labelled_at_whole_decades_at_most_seven_of_them(low, high):
    """Log figures (the lighter GRU's timings, the clipped gradients) label their y axis at
    powers of ten: every decade when the range spans at most six, else every n-th, evenly,
    always from the decade at or below the bottom to the one at or above the top."""
    axis = PowerAxis("left")
    ((spacing, values),) = axis.tickValues(low, high, 200)
    bottom, top = math.floor(low), math.ceil(high)
    assert all(float(v).is_integer() for v in values)
    assert values[0] == bottom and values[-1] >= top - spacing + 1 and values[-1] <= top
    assert all(b - a == spacing for a, b in itertools.pairwise(values))
    assert len(values) <= 7
    if top - bottom <= 6:
        assert spacing == 1 and values == [float(k) for k in range(bottom, top + 1)]
    else:
        assert spacing > 1 and len(values) >= 4


def test_a_log_axis_reads_as_plain_numbers_near_one_and_as_powers_beyond(qapp):
    """From 0.01 to 100 the labels are plain numbers, beyond them 1e-3, 1e3, …"""
    labels = PowerAxis("left").tickStrings([-6.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 7.0], 1, 1)
    assert labels == ["1e-6", "1e-3", "0.01", "0.1", "1", "10", "100", "1e3", "1e7"]


def test_a_page_that_trains_says_which_page_it_trains(window, qtbot, monkeypatch):
    monkeypatch.setattr(trained, "DEPENDENCY_TRAIN_STEPS", 100_000)
    window.lessons.open_lesson("long-dependency", 1, 0)
    title = lesson("long-dependency").pages[1].title
    assert window.lessons.panel.progress_label.text() == f"Training “{title}”…"
    assert window.lessons.panel.progress_label.isVisible()
    window.lessons.stop_building()


def bars(figure_widget):
    return [item for item in figure_widget.plot.items if isinstance(item, pg.BarGraphItem)]


def test_bars_of_a_log_figure_rise_from_a_decade_below_the_smallest(qtbot):
    """Every bar of a log-scale bar figure is seen, the smallest too: they start one decade below
    the smallest value; a value that cannot be drawn (0, NaN) is an empty bar."""
    widget = LessonFigure()
    qtbot.addWidget(widget)
    widget.show_figure(Figure("Time per step", "seconds", (
        Series("LSTM", np.array([0, 1]), np.array([0.05, 300.0])),
        Series("GRU", np.array([0, 1]), np.array([0.0, 20.0]))), kind="bars", log=True,
        categories=("small", "large")))
    lstm, gru = bars(widget)
    assert np.all(lstm.opts["y0"] == -3) and np.all(gru.opts["y0"] == -3)  # log10 0.05 = -1.3: below -2
    assert np.allclose(lstm.opts["y0"] + lstm.opts["height"], np.log10([0.05, 300.0]))
    assert np.allclose(gru.opts["height"], [0.0, np.log10(20.0) + 3])


def test_bars_of_a_linear_figure_rise_from_zero(qtbot):
    widget = LessonFigure()
    qtbot.addWidget(widget)
    widget.show_figure(Figure("Parameters", "count", (
        Series("LSTM", np.array([0, 1]), np.array([2.0, 5.0])),), kind="bars", categories=("a", "b")))
    (item,) = bars(widget)
    assert np.all(item.opts["y0"] == 0) and np.allclose(item.opts["height"], [2.0, 5.0])
    assert np.allclose(item.opts["x"], [0.0, 1.0]) and item.opts["width"] == pytest.approx(0.72)  # one bar a category


def test_a_log_bar_figure_with_nothing_to_draw_shows_empty_bars(qtbot):
    """Times not measured (0 or NaN) on a log scale: empty bars from 0, not an error."""
    widget = LessonFigure()
    qtbot.addWidget(widget)
    widget.show_figure(Figure("Time per step", "seconds", (
        Series("LSTM", np.array([0, 1]), np.array([0.0, np.nan])),), kind="bars", log=True, categories=("a", "b")))
    (item,) = bars(widget)
    assert np.all(item.opts["y0"] == 0) and np.all(item.opts["height"] == 0)


def category_labels(widget):
    """The (x, text) of every name the bar figure's bottom axis writes."""
    axis = widget.plot.getAxis("bottom")
    return [(x, text) for level in axis._tickLevels or [] for x, text in level]


def test_bar_names_that_would_run_into_each_other_go_every_other_one_a_line_lower(qtbot):
    """Six names under narrow bars (the clipping figure beside the gradient panel): every
    second name moves a line down, the axis grows to hold both lines; wide again, they go back
    onto one line. The names stay under their own bars."""
    names = ("W_ih", "W_hh", "b_ih", "b_hh", "W_y", "b_y")
    widget = LessonFigure()
    qtbot.addWidget(widget)
    widget.show_figure(Figure("Parameter gradients", "‖∂L/∂θ‖", (
        Series("before", np.arange(6), np.arange(1.0, 7.0)),), kind="bars", categories=names))
    axis = widget.plot.getAxis("bottom")
    widget.resize(900, 240)
    widget.show()
    qtbot.waitUntil(lambda: axis.width() > 600)
    assert category_labels(widget) == [(float(k), name) for k, name in enumerate(names)]
    one_line = axis.height()
    widget.resize(200, 240)
    qtbot.waitUntil(lambda: axis.width() < 200)
    assert category_labels(widget) == [(float(k), ("\n" + name if k % 2 else name))
                                       for k, name in enumerate(names)]
    qtbot.waitUntil(lambda: axis.height() > one_line)
    widget.resize(900, 240)
    qtbot.waitUntil(lambda: category_labels(widget)[1][1] == "W_hh")
    widget.show_figure(Figure("Loss", "loss", (Series("a", np.arange(3), np.ones(3)),), x_label="step"))
    assert axis._tickLevels is None  # curves: the axis' own numbers


def test_an_example_lesson_is_built_with_seed_0_whatever_the_panel_shows(window, qtbot):
    """File ▸ Examples opens a lesson as it is shipped: seed 0, not the seed of the lesson open
    before or the one in the panel's box."""
    window.lessons.open_lesson("input-gate-shut", 0, 7)
    qtbot.waitUntil(lambda: (window.model.document.lesson or {}).get("seed") == 7)
    window.model.mark_saved()
    assert window.lessons.open_example("peephole")
    qtbot.waitUntil(lambda: window.model.document.lesson["id"] == "peephole")
    assert window.model.document.lesson["seed"] == 0
    assert window.model.document.equals(lesson("peephole").build(0, 0))


def test_log_values_leave_gaps_where_there_is_no_positive_finite_value():
    from lstm_studio.app.lessons.figure import log_values

    found = log_values([0.0, -1.0, np.inf, np.nan, 100.0, 0.001])
    assert np.isnan(found[:4]).all() and found[4:].tolist() == [2.0, -3.0]


def test_the_value_axis_is_labelled_in_powers_of_ten_for_log_figures_only(qtbot):
    widget = LessonFigure()
    qtbot.addWidget(widget)
    curve = (Series("‖∂L/∂h‖", np.arange(1, 4), np.array([1.0, 0.1, 0.01])),)
    for log in (True, False, True, True, False):
        widget.show_figure(Figure("Gradient", "norm", curve, log=log))
        assert isinstance(widget.plot.getAxis("left"), PowerAxis) == log


def test_a_bar_figure_groups_its_series_over_named_categories(qtbot):
    """Bars of each category side by side, in the series' colours, the categories named under
    them, the legend naming the series in their colours."""
    widget = LessonFigure()
    qtbot.addWidget(widget)
    widget.show_figure(Figure("Parameters per layer", "count", (
        Series("LSTM", np.array([0, 1, 2]), np.array([40.0, 80.0, 160.0])),
        Series("GRU", np.array([0, 1, 2]), np.array([30.0, 60.0, 120.0]))), kind="bars",
        categories=("4 units", "8 units", "16 units")))
    lstm, gru = bars(widget)
    assert np.allclose(lstm.opts["x"], [-0.2, 0.8, 1.8]) and np.allclose(gru.opts["x"], [0.2, 1.2, 2.2])
    assert lstm.opts["width"] == pytest.approx(0.36) and gru.opts["width"] == pytest.approx(0.36)
    assert np.allclose(lstm.opts["height"], [40, 80, 160]) and np.allclose(gru.opts["height"], [30, 60, 120])
    assert pg.mkColor(lstm.opts["brush"]) == pg.mkColor(series_color(0))
    assert pg.mkColor(gru.opts["brush"]) == pg.mkColor(series_color(1))
    bottom = widget.plot.getAxis("bottom")
    assert bottom._tickLevels == [[(0.0, "4 units"), (1.0, "8 units"), (2.0, "16 units")]]
    assert widget.plot.viewRange()[0] == pytest.approx([-0.6, 2.6])
    assert "Parameters per layer" in widget.plot.titleLabel.text
    assert widget.plot.getAxis("left").labelText == "count"
    assert widget.legend.text() == (f"<span style='color: rgb{tuple(series_color(0))}'>■</span> LSTM  "
                                    f"<span style='color: rgb{tuple(series_color(1))}'>■</span> GRU")


def test_a_curve_figure_draws_each_series_against_its_steps(qtbot):
    widget = LessonFigure()
    qtbot.addWidget(widget)
    widget.show_figure(Figure("‖∂L/∂h_t‖", "norm", (
        Series("RNN", np.array([1, 2, 3]), np.array([1.0, 0.1, 0.0])),
        Series("LSTM", np.array([1, 2, 3]), np.array([1.0, 1.0, 1.0]))), log=True, x_label="t"))
    rnn, lstm = widget.plot.listDataItems()
    x, y = rnn.getData()
    assert x.tolist() == [1, 2, 3] and y[:2].tolist() == [0.0, -1.0] and np.isnan(y[2])  # a gap at 0
    assert lstm.getData()[1].tolist() == [0.0, 0.0, 0.0]
    assert widget.plot.getAxis("bottom").labelText == "t" and widget.plot.getAxis("bottom")._tickLevels is None
    assert "RNN" in widget.legend.text() and "LSTM" in widget.legend.text()
    for k, item in enumerate((rnn, lstm)):  # in the series' colours, broken where there is no value
        assert pg.mkColor(item.opts["pen"].color()) == pg.mkColor(series_color(k))
        assert item.opts["pen"].widthF() == scaled(2) and item.opts["connect"] == "finite"
    widget.show_figure(Figure("h_t", "value", (Series("h", np.array([1, 2, 3]), np.array([-0.5, 0.0, 2.0])),)))
    assert widget.plot.listDataItems()[0].getData()[1].tolist() == [-0.5, 0.0, 2.0]  # a linear scale: as they are
    widget.show_figure(Figure("Parameters", "count", (Series("LSTM", np.array([0]), np.array([4.0])),),
                              kind="bars", categories=("a",)))
    assert widget.plot.getAxis("bottom").labelText == ""  # the categories name the bars: no "t" left


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_a_figure_title_has_the_size_of_the_panels_plot_titles(qtbot, qapp, scale):
    """As the plots of the panels: TITLE_POINTS at 100 %, growing with the presentation scale."""
    from lstm_studio.app import theme
    from lstm_studio.app.panels.plots.time_plot import TITLE_POINTS

    theme.set_scale(qapp, scale)  # the tests' conftest puts the scale back afterwards
    widget = LessonFigure()
    qtbot.addWidget(widget)
    widget.show_figure(Figure("Gradient", "norm", (Series("h", np.arange(1, 4), np.array([1.0, 0.5, 0.2])),)))
    assert widget.plot.titleLabel.opts["size"] == f"{scale * TITLE_POINTS:g}pt"


def sizes(window):
    """(lesson dock's height, output's height, gradient panel's width) as they are now."""
    docks = window.docks
    return docks["lessons"].height(), docks["output"].height(), docks["gradient"].width()


def opened_in_view(window, qtbot, lesson_id, page=0):
    """Open a lesson and wait until the lesson dock has taken its place (``_make_room`` runs once
    the dock is shown, in the next turn of the event loop)."""
    window.lessons.open_lesson(lesson_id, page, 0)
    qtbot.waitUntil(lambda: (window.model.document.lesson or {}).get("id") == lesson_id
                    and window.lessons.builder is None, timeout=20_000)
    qtbot.wait(100)


def test_a_lesson_takes_the_right_hand_column_and_widens_the_panel_it_points_at_on_the_left(window, qtbot):
    """A lesson pointing at the gradient panel (on the left): the lesson dock gets the right-hand
    column but the output's minimum, the left side SIDE_SHARE (60 %) of the window's docks."""
    docks = window.docks
    lessons, output, gradient = docks["lessons"], docks["output"], docks["gradient"]
    width_before = gradient.width() + output.width()
    opened_in_view(window, qtbot, "vanishing-rnn")
    assert window.lessons.panel.current()[0].pages[0].panel == "gradient"
    column = lessons.height() + output.height()
    assert output.height() < 0.3 * column and lessons.height() > 0.7 * column
    assert output.height() <= output.minimumSizeHint().height() + 100  # as small as the layout allows
    both = gradient.width() + lessons.width()
    assert both == pytest.approx(width_before, abs=4)
    assert gradient.width() == pytest.approx(0.6 * both, abs=4) and gradient.width() < width_before * 0.62


def test_a_lesson_pointing_at_the_output_leaves_it_its_share_of_the_column(window, qtbot, monkeypatch):
    """The output's tabs keep PANEL_SHARE (45 %) of the right-hand column under the lesson dock;
    the left side keeps its width."""
    monkeypatch.setattr(trained, "BIDIRECTIONAL_TRAIN_STEPS", 3)
    docks = window.docks
    lessons, output, gradient = docks["lessons"], docks["output"], docks["gradient"]
    width_before = gradient.width()
    opened_in_view(window, qtbot, "bidirectional-helps")
    assert window.lessons.panel.current()[0].pages[0].panel == "output"
    column = lessons.height() + output.height()
    assert output.height() == pytest.approx(0.45 * column, abs=6)
    assert gradient.width() == width_before


@pytest.mark.parametrize("how", ["lesson dock floating", "output floating", "output hidden", "output on the left"])
def test_a_lesson_resizes_nothing_when_the_docks_are_not_in_one_column(window, qtbot, how):
    """The lesson dock or the output floating, the output hidden or moved to the other side: no
    column to share, and the window's docks keep their sizes."""
    from PySide6.QtCore import Qt

    docks = window.docks
    if how == "lesson dock floating":
        docks["lessons"].show()
        docks["lessons"].setFloating(True)
    elif how == "output floating":
        docks["output"].setFloating(True)
    elif how == "output hidden":
        docks["output"].hide()
    else:
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks["output"])
    qtbot.wait(100)
    before = sizes(window)
    opened_in_view(window, qtbot, "vanishing-rnn")
    assert sizes(window)[1:] == before[1:]


def test_a_lesson_from_the_menu_keeps_the_open_lessons_seed_or_takes_the_panels(window, qtbot):
    """The Lessons menu asks for no seed: with a lesson open, the new one is built with that
    lesson's seed (not a number typed into the box since); with none open, with the box's."""
    lessons = window.lessons
    lessons.panel.seed.setValue(5)
    lessons.lesson_actions["input-gate-shut"].trigger()
    qtbot.waitUntil(lambda: (window.model.document.lesson or {}).get("id") == "input-gate-shut")
    assert window.model.document.lesson["seed"] == 5
    lessons.panel.seed.setValue(9)  # typed, not built
    lessons.lesson_actions["peephole"].trigger()
    qtbot.waitUntil(lambda: window.model.document.lesson["id"] == "peephole")
    assert window.model.document.lesson["seed"] == 5
    assert window.model.document.equals(lesson("peephole").build(5, 0))


def test_each_lesson_step_is_named_in_the_undo_history(window, qtbot):
    window.lessons.open_lesson("output-gate-shut", 1, 7)
    qtbot.waitUntil(lambda: (window.model.document.lesson or {}).get("page") == 1)
    title = lesson("output-gate-shut").title
    assert window.undo_stack.text(0) == f"Lesson: {title} (2/2)"
    window.lessons.open_lesson("forget-gate-erases", 0, 3)
    qtbot.waitUntil(lambda: window.model.document.lesson["id"] == "forget-gate-erases")
    assert window.undo_stack.text(1) == f"Lesson: {lesson('forget-gate-erases').title} (1/1)"


def test_a_lesson_opened_before_opens_again_as_an_example_without_undo_history(window, qtbot):
    """A page built once is kept; opened again from File ▸ Examples it is still a fresh untitled
    session, not one more undoable step."""
    window.lessons.open_lesson("peephole", 0, 0)
    qtbot.waitUntil(lambda: (window.model.document.lesson or {}).get("id") == "peephole")
    window.lessons.open_lesson("cell-highway", 0, 0)
    qtbot.waitUntil(lambda: window.model.document.lesson["id"] == "cell-highway")
    window.model.mark_saved()
    assert window.lessons.open_example("peephole")
    qtbot.waitUntil(lambda: window.model.document.lesson["id"] == "peephole")
    assert window.undo_stack.count() == 0 and not window.model.is_modified
    assert window.model.document.equals(lesson("peephole").build(0, 0))


def test_a_page_that_cannot_be_built_says_why_under_its_title(window, qtbot, dialogs, monkeypatch):
    """A page built at once (no training) that refuses: a warning "Cannot open the lesson" with
    the refusal, and nothing changes."""
    def failing(self, seed=0, page=0, **callbacks):
        raise ValueError("the seed is out of range")

    monkeypatch.setattr(base.Lesson, "build", failing)
    before = window.model.snapshot()
    window.lessons.open_lesson("peephole", 0, 0)
    assert [(name, args[1:]) for name, args, _ in dialogs.calls] == [
        ("warning", ("Cannot open the lesson", "the seed is out of range"))]
    assert window.model.document.equals(before) and window.undo_stack.count() == 0


def test_a_build_starts_at_nothing_done_for_the_page_and_seed_asked(window, qtbot, monkeypatch):
    monkeypatch.setattr(trained, "DEPENDENCY_TRAIN_STEPS", 100_000)
    window.lessons.open_lesson("long-dependency", 1, 3)
    builder = window.lessons.builder
    assert window.lessons.panel.progress.value() == 0 and window.lessons.panel.progress.isVisible()
    assert (builder.lesson.id, builder.page, builder.seed) == ("long-dependency", 1, 3)
    window.lessons.stop_building()


def test_a_lesson_shows_the_panel_it_points_at_and_its_own_dock(window, qtbot):
    window.docks["gradient"].hide()
    window.docks["lessons"].hide()
    window.lessons.open_lesson("vanishing-rnn", 0, 0)
    qtbot.waitUntil(lambda: (window.model.document.lesson or {}).get("id") == "vanishing-rnn")
    assert window.docks["gradient"].isVisible() and window.docks["lessons"].isVisible()


def test_a_build_under_way_keeps_saying_what_it_trains_when_the_texts_are_set_again(window, qtbot, monkeypatch):
    """At a language switch the progress line is written again at once (in the new language),
    not left empty until the next training step reports: a step can take a while."""
    import threading

    from lstm_studio.lessons import BuildStopped

    started, release = threading.Event(), threading.Event()

    def waiting(self, seed=0, page=0, progress=None, should_stop=None):
        started.set()
        release.wait(10)  # no progress reported meanwhile
        raise BuildStopped

    monkeypatch.setattr(base.Lesson, "build", waiting)
    window.lessons.open_lesson("long-dependency", 1, 0)
    try:
        assert started.wait(10)
        label = window.lessons.panel.progress_label
        title = lesson("long-dependency").pages[1].title
        window.lessons.retranslate()
        assert label.text() == f"Training “{title}”…"
    finally:
        release.set()
    qtbot.waitUntil(lambda: window.lessons.builder is None, timeout=10_000)
    assert not label.isVisible()


def test_the_lesson_dock_waits_as_a_tab_behind_the_cell_diagram_with_the_output_in_front(window, qtbot):
    docks = window.docks
    assert not docks["lessons"].isVisible() and docks["output"].isVisible()
    docks["lessons"].show()
    assert docks["cell_diagram"] in window.tabifiedDockWidgets(docks["lessons"])
    assert window.dockWidgetArea(docks["lessons"]) == window.dockWidgetArea(docks["cell_diagram"])
    window.lessons.retranslate()  # the texts set again with no build under way: nothing to say
    assert window.lessons.builder is None and not window.lessons.panel.progress_label.isVisible()
    assert window.lessons.panel.progress_label.text() == ""


def test_an_example_whose_first_page_trains_opens_untitled_once_built_in_the_background(window, qtbot, monkeypatch):
    """File ▸ Examples of a lesson whose first page trains: the build runs in the background and
    what it builds opens as a fresh untitled session, not as an undoable lesson step."""
    original = base.Lesson.build
    built = original(lesson("peephole"), 0, 0)

    def quick(self, seed=0, page=0, progress=None, should_stop=None):
        return built.copy()

    monkeypatch.setattr(base.Lesson, "build", quick)
    assert lesson("long-dependency").pages[0].trains
    window.model.mark_saved()
    assert window.lessons.open_example("long-dependency")
    qtbot.waitUntil(lambda: window.lessons.builder is None, timeout=10_000)
    qtbot.waitUntil(lambda: window.model.document.equals(built))
    assert not window.undo_stack.canUndo()
    assert window.windowFilePath() == "" and not window.model.is_modified
    qtbot.wait(100)  # the lesson dock takes its place in the next turn of the event loop


def test_a_panel_to_look_at_beside_the_lesson_dock_is_not_widened(window, qtbot):
    """The panel a lesson points at moved to the lesson dock's side: the two share a column, so
    the left side keeps its width (no room made sideways)."""
    from PySide6.QtCore import Qt

    docks = window.docks
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks["gradient"])
    qtbot.wait(100)
    left_before = docks["gates"].width()
    opened_in_view(window, qtbot, "vanishing-rnn")
    assert window.dockWidgetArea(docks["gradient"]) == window.dockWidgetArea(docks["lessons"])
    assert docks["gates"].width() == left_before


def test_a_lesson_opened_without_a_step_opens_its_first_as_a_lesson_step(window, monkeypatch):
    started = []
    monkeypatch.setattr(window.lessons, "_start", lambda *args, **options: started.append((args, options)))
    window.lessons.open_lesson("output-gate-shut")
    assert started == [(("output-gate-shut", 0, None), {"as_example": False})]
    assert started[0][1]["as_example"] is False
