"""The lesson panel on its own (no main window): a build's progress, the key numbers' grid, when
the numbers are measured again, what is shown of the open lesson and its step. Found by mutation
testing (tests/MUTATION.md)."""

import pytest
from PySide6.QtCore import Qt

from lstm_studio.app.lessons import panel as panel_module
from lstm_studio.app.lessons.panel import FAILS_STYLE, HOLDS_STYLE, LATER_MS, SLOW_MEASURE_SECONDS, LessonPanel
from lstm_studio.lessons import Measure, lesson
from lstm_studio.session.model import SessionModel


def lesson_panel(qtbot, lesson_id="output-gate-shut", page=0, seed=0):
    model = SessionModel(lesson(lesson_id).build(seed, page))
    widget = LessonPanel(model)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def panel(qtbot):
    """The panel of the two-step lesson "output-gate-shut", at its first step."""
    return lesson_panel(qtbot)


def controls(panel):
    return panel.chooser, panel.back_button, panel.next_button, panel.reset_button, panel.seed


def test_a_build_shows_its_progress_in_thousandths_and_holds_the_controls_until_it_ends(panel, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    assert not any(w.isVisible() for w in (panel.progress_label, panel.progress, panel.stop_button))
    panel.show_progress(0.2504, "Training “Both directions”…")
    assert panel.progress.value() == 250 and panel.progress_label.text() == "Training “Both directions”…"
    assert all(w.isVisible() for w in (panel.progress_label, panel.progress, panel.stop_button))
    assert not any(w.isEnabled() for w in controls(panel))
    panel.show_progress(0.5)  # no text given: none shown
    assert panel.progress.value() == 500 and panel.progress_label.text() == ""
    panel.show_progress(None)
    assert not any(w.isVisible() for w in (panel.progress_label, panel.progress, panel.stop_button))
    chooser, back, next_, reset, seed = controls(panel)
    assert chooser.isEnabled() and reset.isEnabled() and seed.isEnabled()
    assert next_.isEnabled() and not back.isEnabled()  # the first of two steps


def measures(count):
    return tuple(Measure(f"m{k}", f"measure {k}", float(k)) for k in range(count))


def test_the_numbers_go_two_pairs_to_a_row_and_only_those_measured_are_shown(panel):
    panel._show_numbers(measures(5))
    grid = panel.numbers
    places = [grid.getItemPosition(grid.indexOf(widget))[:2] for pair in panel._number_labels for widget in pair]
    assert places == [(0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 1), (1, 2), (1, 3), (2, 0), (2, 1)]
    assert grid.count() == 10  # no label made that is never shown
    assert panel.numbers_shown() == {m.label: m.formatted() for m in measures(5)}
    for label, value in panel._number_labels:
        assert label.wordWrap()
        assert value.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    panel._show_numbers(measures(2))
    assert list(panel.numbers_shown()) == ["measure 0", "measure 1"]
    assert grid.count() == 10 and [label.isHidden() for label, _ in panel._number_labels] == [False] * 2 + [True] * 3
    assert all(value.isHidden() for _, value in panel._number_labels[2:])
    assert [value.text() for _, value in panel._number_labels[:2]] == [m.formatted() for m in measures(2)]


def counting_refreshes(panel, monkeypatch):
    calls = []
    original = panel.refresh
    monkeypatch.setattr(panel, "refresh", lambda: (calls.append(1), original())[1])
    return calls


def test_no_lesson_open_costs_no_measuring_when_the_numbers_change(qtbot, monkeypatch):
    from lstm_studio.session.demos import moscow_demo

    model = SessionModel(moscow_demo())
    panel = LessonPanel(model)
    qtbot.addWidget(panel)
    calls = counting_refreshes(panel, monkeypatch)
    model.evaluationChanged.emit()
    assert calls == [] and not panel._later.isActive() and panel.report is None


def test_fast_measures_are_taken_again_at_once(panel, monkeypatch):
    calls = counting_refreshes(panel, monkeypatch)
    panel.last_measure_seconds = SLOW_MEASURE_SECONDS  # not slower than the limit
    before = panel.report
    panel.model.evaluationChanged.emit()
    assert calls == [1] and panel.report is not before and not panel._later.isActive()


def test_slow_measures_are_taken_again_at_most_every_later_ms(panel, qtbot, monkeypatch):
    calls = counting_refreshes(panel, monkeypatch)
    monkeypatch.setattr(panel_module, "SLOW_MEASURE_SECONDS", -1.0)  # every measure is slow
    panel.last_measure_seconds = 0.0
    panel.model.evaluationChanged.emit()
    assert calls == [] and panel._later.isActive() and panel._later.interval() == LATER_MS
    remaining = panel._later.remainingTime()
    panel.model.evaluationChanged.emit()  # more changes meanwhile: the same wait, not a new one
    assert calls == [] and panel._later.remainingTime() <= remaining
    qtbot.waitUntil(lambda: calls == [1], timeout=2_000)
    assert not panel._later.isActive()
