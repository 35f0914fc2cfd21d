"""Lessons in the window, driven like a student or a lecturer would: open from the menu or the
panel, read the verdict, edit until it no longer holds, step Back/Next, Reset, undo; pages that
train are built off the GUI thread with progress and Stop; File ▸ Examples."""

import numpy as np
import pytest

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.editors.commands import SetArrayCommand
from lstm_studio.app.window.main_window import MainWindow
from lstm_studio.lessons import CHAPTERS, LESSONS, lesson, trained


@pytest.fixture
def window(qtbot):
    configure_pyqtgraph()
    w = MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.lessons.stop_building()
    w.training.shutdown()
    w.compare.shutdown()


@pytest.fixture
def quick_training(monkeypatch):
    """Pages that train take a few steps only (the claims themselves are tested in tests/lessons)."""
    monkeypatch.setattr(trained, "BIDIRECTIONAL_TRAIN_STEPS", 3)
    monkeypatch.setattr(trained, "DEPENDENCY_TRAIN_STEPS", 3)
    monkeypatch.setattr(trained, "CLIP_TRAIN_STEPS", 3)


def opened(window, qtbot, lesson_id, page=0, seed=0):
    window.lessons.open_lesson(lesson_id, page, seed)
    qtbot.waitUntil(lambda: (window.model.document.lesson or {}).get("id") == lesson_id
                    and window.model.document.lesson["page"] == page, timeout=20_000)
    qtbot.waitUntil(lambda: window.lessons.builder is None, timeout=20_000)
    return window.lessons.panel


def test_the_demo_opens_without_a_lesson_and_the_panel_says_how_to_start(window):
    panel = window.lessons.panel
    assert panel.current() is None and panel.report is None
    assert "No lesson" in panel.title.text()
    assert not window.docks["lessons"].isVisible()


def test_every_lesson_is_in_the_menu_and_the_chooser_grouped_by_chapter(window):
    menu = window.menu("Lessons")
    chapters = [action.menu() for action in menu.actions() if action.menu() is not None]
    assert len(chapters) == len(CHAPTERS)
    listed = [action.text() for sub in chapters for action in sub.actions()]
    assert len(listed) == len(LESSONS)
    chooser = window.lessons.panel.chooser
    ids = [chooser.itemData(i) for i in range(chooser.count()) if chooser.itemData(i)]
    assert ids == [item.id for item in LESSONS]
    headers = [i for i in range(chooser.count()) if chooser.itemData(i) is None]
    assert len(headers) == len(CHAPTERS)
    assert all(not chooser.model().item(i).isEnabled() for i in headers)


@pytest.mark.parametrize("item", [item for item in LESSONS if not item.trains], ids=lambda item: item.id)
def test_opening_a_lesson_is_one_undoable_step_that_shows_its_claim_holding(window, qtbot, item):
    before = window.model.snapshot()
    panel = opened(window, qtbot, item.id)
    assert window.undo_stack.count() == 1
    assert panel.report is not None and panel.report.holds, panel.verdict.text()
    assert panel.verdict.text().startswith("✔")
    assert panel.numbers_shown()
    assert window.docks["lessons"].isVisible()
    assert window.docks[item.pages[0].panel].isVisible()
    assert window.model.document.equals(item.build(0, 0))
    window.undo_stack.undo()
    assert window.model.document.equals(before)
    assert panel.current() is None


def test_the_verdict_follows_an_edit_live(window, qtbot):
    panel = opened(window, qtbot, "vanishing-rnn")
    assert panel.report.holds
    w_hh = window.model.document.parameters["weight_hh_l0"]
    window.undo_stack.push(SetArrayCommand(window.model, "parameter", 4.0 * w_hh, "Scale W_hh",
                                           key="weight_hh_l0"))
    qtbot.waitUntil(lambda: not panel.report.holds)
    assert panel.verdict.text().startswith("✘ No longer holds")
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.report.holds)


def test_back_next_and_reset(window, qtbot):
    panel = opened(window, qtbot, "output-gate-shut")
    assert panel.next_button.isEnabled() and not panel.back_button.isEnabled()
    panel.next_button.click()
    qtbot.waitUntil(lambda: window.model.document.lesson["page"] == 1)
    assert window.model.document.equals(lesson("output-gate-shut").build(0, 1))
    assert "2 of 2" in panel.page_label.text() and panel.report.holds
    panel.back_button.click()
    qtbot.waitUntil(lambda: window.model.document.lesson["page"] == 0)
    edited = window.model.document.inputs * 0.5
    window.undo_stack.push(SetArrayCommand(window.model, "inputs", edited, "Halve inputs"))
    panel.reset_button.click()
    qtbot.waitUntil(lambda: window.model.document.equals(lesson("output-gate-shut").build(0, 0)))
    assert window.undo_stack.count() == 5  # open, next, back, edit, reset: one step each


def test_another_seed_builds_another_session_where_the_claim_holds_too(window, qtbot):
    panel = opened(window, qtbot, "input-gate-shut")
    first = window.model.document.c0.copy()
    panel.seed.setValue(7)
    panel.reset_button.click()
    qtbot.waitUntil(lambda: window.model.document.lesson["seed"] == 7)
    assert not np.array_equal(window.model.document.c0, first)
    assert panel.report.holds


def test_choosing_in_the_panel_opens_the_lesson(window, qtbot):
    panel = window.lessons.panel
    index = panel.chooser.findData("gru-reset")
    panel.chooser.setCurrentIndex(index)
    panel.chooser.activated.emit(index)
    qtbot.waitUntil(lambda: (window.model.document.lesson or {}).get("id") == "gru-reset")
    assert panel.report.holds and panel.figure.isVisible()


def test_a_page_that_trains_is_built_off_the_gui_thread_with_progress(window, qtbot, quick_training):
    seen = []
    window.lessons.panel.progress.valueChanged.connect(seen.append)
    panel = opened(window, qtbot, "bidirectional-helps", page=1)
    assert window.model.document.config.bidirectional
    assert seen and not panel.progress.isVisible()
    assert window.undo_stack.count() == 1
    # built pages are kept: going back and forth does not train again
    panel.back_button.click()
    qtbot.waitUntil(lambda: window.lessons.builder is None and window.model.document.lesson["page"] == 0)
    panel.next_button.click()
    assert window.lessons.builder is None  # no build needed
    qtbot.waitUntil(lambda: window.model.document.lesson["page"] == 1)


def test_stopping_a_build_changes_nothing(window, qtbot, monkeypatch):
    monkeypatch.setattr(trained, "DEPENDENCY_TRAIN_STEPS", 100_000)
    before = window.model.snapshot()
    window.lessons.open_lesson("long-dependency", 1, 0)
    assert window.lessons.builder is not None and window.lessons.panel.progress.isVisible()
    qtbot.waitUntil(lambda: window.lessons.panel.progress.value() > 0, timeout=20_000)
    window.lessons.panel.stop_button.click()
    assert window.lessons.builder is None and not window.lessons.panel.progress.isVisible()
    qtbot.wait(50)
    assert window.model.document.equals(before) and window.undo_stack.count() == 0


def test_closing_the_window_stops_a_build(window, qtbot, monkeypatch):
    monkeypatch.setattr(trained, "DEPENDENCY_TRAIN_STEPS", 100_000)
    window.lessons.open_lesson("long-dependency", 0, 0)
    builder = window.lessons.builder
    window.model.mark_saved()
    window.close()
    assert window.lessons.builder is None and builder.isFinished()


def test_examples_open_the_demo_and_lessons_as_fresh_sessions(window, qtbot, dialogs):
    feature = window.lessons
    opened(window, qtbot, "cell-highway")
    window.model.mark_saved()
    assert feature.open_example("peephole")
    qtbot.waitUntil(lambda: (window.model.document.lesson or {}).get("id") == "peephole")
    assert window.undo_stack.count() == 0 and not window.model.is_modified
    assert window.windowFilePath() == ""
    assert feature.open_example(None)
    assert window.model.document.lesson is None and window.model.config.kind == "lstm"
    titles = [action.text() for action in feature.examples_menu.actions()]
    assert any("Moscow" in text for text in titles)


def test_examples_ask_before_unsaved_changes_are_lost(window, qtbot, dialogs):
    from PySide6.QtWidgets import QMessageBox

    opened(window, qtbot, "cell-highway")  # an unsaved change
    before = window.model.snapshot()
    dialogs.answers["question"] = QMessageBox.StandardButton.Cancel
    assert not window.lessons.open_example("peephole")
    assert [name for name, *_ in dialogs.calls] == ["question"]
    assert window.model.document.equals(before) and window.undo_stack.count() == 1
    dialogs.answers["question"] = QMessageBox.StandardButton.Discard
    assert window.lessons.open_example("peephole")
    assert window.model.document.lesson["id"] == "peephole"


def test_the_clipping_bars_appear_in_the_gradient_panel_while_clipping_is_set(window, qtbot):
    gradient = window.panels["gradient"]
    assert not gradient.clipping.isVisible()
    opened(window, qtbot, "clipping")
    assert gradient.clipping.isVisible()
    figure = gradient.clipping.figure
    before, after = (series.y for series in figure.series)
    assert np.all(after <= before) and np.sum(after ** 2) == pytest.approx(1.0)
