"""The lesson panel on its own (no main window): a build's progress, the key numbers' grid, when
the numbers are measured again, what is shown of the open lesson and its step; the lesson
builder run in the test's thread; lesson texts in another language. Found by mutation testing
(tests/MUTATION.md)."""

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


def with_lesson_info(info):
    """A built lesson document whose lesson record says ``info`` (as a saved file may)."""
    document = lesson("output-gate-shut").build(0, 0)
    document.lesson = info
    return document


@pytest.mark.parametrize("info, expected", [
    ({"id": "output-gate-shut", "page": 1, "seed": 7}, (1, 7)),
    ({"id": "output-gate-shut"}, (0, 0)),  # a record without page or seed: the first page, seed 0
    ({"id": "output-gate-shut", "page": "1", "seed": "3"}, (1, 3)),
    ({"id": "output-gate-shut", "page": 2}, None),  # no such page
    ({"id": "output-gate-shut", "page": -1}, None),
    ({"id": "no-such-lesson", "page": 0}, None),
    ({"page": 0}, None),
    (None, None),
])
def test_the_open_lesson_is_read_from_the_sessions_lesson_record(qtbot, info, expected):
    panel = LessonPanel(SessionModel(with_lesson_info(info)))
    qtbot.addWidget(panel)
    found = panel.current()
    if expected is None:
        assert found is None and panel.report is None and panel.page_label.text() == ""
    else:
        assert found == (lesson("output-gate-shut"), *expected)


def test_no_lesson_open_hides_the_pager_and_chooses_nothing(qtbot):
    panel = LessonPanel(SessionModel(with_lesson_info(None)))
    qtbot.addWidget(panel)
    assert panel.chooser.currentIndex() == 0 and panel.chooser.currentData() == ""
    assert panel.page_label.text() == ""
    assert all(button.isHidden() for button in (panel.back_button, panel.next_button, panel.reset_button))


def test_the_pager_says_the_step_and_offers_the_other_steps(qtbot):
    item = lesson("output-gate-shut")
    first = lesson_panel(qtbot, page=0)
    assert first.chooser.currentData() == "output-gate-shut"
    assert first.page_label.text() == f"Step 1 of 2: {item.pages[0].title}"
    assert not first.back_button.isEnabled() and first.next_button.isEnabled()
    assert not any(b.isHidden() for b in (first.back_button, first.next_button, first.reset_button))
    last = lesson_panel(qtbot, page=1, seed=7)
    assert last.page_label.text() == f"Step 2 of 2: {item.pages[1].title}" and last.seed.value() == 7
    assert last.back_button.isEnabled() and not last.next_button.isEnabled()


def test_a_lesson_of_one_step_has_no_back_or_next(qtbot):
    panel = lesson_panel(qtbot, "forget-gate-erases")
    assert len(lesson("forget-gate-erases").pages) == 1
    assert panel.page_label.text().startswith("Step 1 of 1: ")
    assert panel.back_button.isHidden() and panel.next_button.isHidden() and not panel.reset_button.isHidden()


def test_numbers_measured_during_a_build_keep_the_pager_held_and_the_seed_typed(qtbot):
    panel = lesson_panel(qtbot, page=1)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_progress(0.1, "Training")
    panel.seed.setValue(42)  # typed before the build (the box is held during it)
    panel.refresh()
    assert not panel.back_button.isEnabled() and not panel.next_button.isEnabled()
    assert panel.seed.value() == 42
    panel.show_progress(None)
    assert panel.back_button.isEnabled() and panel.seed.value() == 0


def test_an_open_lesson_shows_its_title_claim_what_to_look_at_and_a_holding_verdict(panel):
    import html

    from lstm_studio.app.lessons.texts import translated

    item = lesson("output-gate-shut")
    assert panel.title.text() == item.title and panel.claim.text() == item.claim
    assert panel.look.text() == f"<b>What to look at:</b> {html.escape(translated(item.pages[0].look))}"
    assert panel.report.holds is True
    assert panel.verdict.text() == "✔ " + translated(panel.report.reason)
    assert panel.verdict.styleSheet() == HOLDS_STYLE
    assert panel.numbers_shown() == {translated(m.label): m.formatted() for m in panel.report.measures}
    assert 0.0 <= panel.last_measure_seconds < 5.0  # how long the measures took, for _numbers_changed


def test_a_claim_that_does_not_hold_is_marked_and_coloured_so(panel, monkeypatch):
    from lstm_studio.lessons import Report, Text, base

    monkeypatch.setattr(base.Lesson, "measures", lambda self, *args: Report(False, Text("No longer holds")))
    panel.refresh()
    assert panel.verdict.text() == "✘ No longer holds" and panel.verdict.styleSheet() == FAILS_STYLE


@pytest.mark.parametrize("error", [ValueError, ArithmeticError, IndexError, KeyError])
def test_a_session_edited_beyond_the_lesson_says_it_cannot_be_measured(panel, monkeypatch, error):
    from lstm_studio.lessons import base

    def failing(self, *args):
        raise error("gone")

    monkeypatch.setattr(base.Lesson, "measures", failing)
    panel.refresh()
    assert panel.report.holds is False and panel.report.measures == () and panel.verdict.styleSheet() == FAILS_STYLE
    assert panel.verdict.text() == ("✘ Cannot measure: the session no longer has what this lesson measures; "
                                    "Reset lesson builds it again.")
    assert panel.numbers_shown() == {} and panel.figure.isHidden()


def test_no_lesson_says_how_to_start(qtbot):
    panel = LessonPanel(SessionModel(with_lesson_info(None)))
    qtbot.addWidget(panel)
    assert panel.title.text() == "No lesson is open" and panel.claim.text().startswith("Choose a lesson above")
    assert panel.look.isHidden() and panel.verdict.isHidden() and panel.figure.isHidden()
    assert panel.report is None and panel.numbers_shown() == {}


class FakeLesson:
    """A lesson whose build reports half done, then returns, refuses, fails or stops as told."""

    def __init__(self, outcome="built"):
        self.outcome, self.asked = outcome, None

    def build(self, seed, page, progress, should_stop):
        from lstm_studio.lessons import BuildStopped

        self.asked = (seed, page, should_stop())
        progress(0.5)
        if self.outcome == "refused":
            raise ValueError("the training text is empty")
        if self.outcome == "failed":
            raise RuntimeError("out of memory")
        if self.outcome == "stopped" and should_stop():
            raise BuildStopped
        return "the document"


def run_builder(lesson_, page=2, seed=7, stop=False):
    from lstm_studio.app.lessons.builder import LessonBuilder

    builder = LessonBuilder(lesson_, page, seed)
    heard = []
    builder.progressed.connect(lambda share: heard.append(("progressed", share)))
    builder.built.connect(lambda document: heard.append(("built", document)))
    builder.failed.connect(lambda message: heard.append(("failed", message)))
    if stop:
        builder.stop()
    builder.run()  # in this thread: the signals reach the lambdas at once
    return heard


@pytest.mark.parametrize("outcome, last", [
    ("built", ("built", "the document")),
    ("refused", ("failed", "the training text is empty")),  # a refusal: said as it is
    ("failed", ("failed", "RuntimeError: out of memory")),  # anything else: named
])
def test_a_builder_builds_its_page_for_its_seed_and_reports_progress_and_the_outcome(qapp, outcome, last):
    fake = FakeLesson(outcome)
    assert run_builder(fake) == [("progressed", 0.5), last]
    assert fake.asked == (7, 2, False)


@pytest.mark.parametrize("outcome", ["stopped", "built"])
def test_a_stopped_builder_reports_no_document_whether_or_not_the_build_stops(qapp, outcome):
    """Stop asked: the build sees it between steps; a build that ends anyway is not heard."""
    fake = FakeLesson(outcome)
    assert run_builder(fake, stop=True) == [("progressed", 0.5)]
    assert fake.asked == (7, 2, True)


@pytest.fixture
def marked_translation(qapp):
    """A translation that marks every text of the lessons' context «so» (and no other)."""
    from PySide6.QtCore import QTranslator

    class Marking(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return f"«{source}»" if context == "Lessons" else None

        def isEmpty(self):  # noqa: N802 - Qt's name
            return False

    translator = Marking()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_lesson_texts_are_translated_in_the_lessons_context_words_and_all(marked_translation):
    from lstm_studio.app.lessons.texts import translated
    from lstm_studio.lessons import Text

    assert translated("The cell keeps its value") == "«The cell keeps its value»"
    assert translated(Text("{gate} shut for {n} steps", {"gate": "input gate", "n": 12})) == \
        "««input gate» shut for 12 steps»"
    assert translated(Text("No values")) == "«No values»"


@pytest.mark.parametrize("page", [0, 1])
def test_the_open_lesson_is_measured_on_what_the_model_evaluated(qtbot, monkeypatch, page):
    """The panel measures the session model's own evaluation of its evaluated document, at the
    record's page: nothing is evaluated or built a second time."""
    widget = lesson_panel(qtbot, page=page)
    item = lesson("output-gate-shut")
    calls = []
    original = type(item).measures

    def recording(self, evaluation=None, document=None, page=None):
        calls.append((evaluation, document, page))
        return original(self, evaluation, document, page)

    monkeypatch.setattr(type(item), "measures", recording)
    widget.refresh()
    evaluation, document, measured_page = calls[-1]
    assert evaluation is not None and evaluation is widget.model.evaluation
    assert document is not None and document is widget.model.evaluated_document
    assert measured_page == page


@pytest.mark.parametrize("lesson_id", ["gru-reset", "clipping"])
def test_a_lessons_figure_is_the_reports_first_and_shown(qtbot, lesson_id):
    widget = lesson_panel(qtbot, lesson_id)
    widget.refresh()
    assert len(widget.report.figures) == 1
    assert widget.figure.figure is widget.report.figures[0]
    assert not widget.figure.isHidden()


def test_choosing_a_lesson_asks_for_its_first_step_with_the_seed_in_the_box(qtbot):
    widget = lesson_panel(qtbot)
    asked = []
    widget.openRequested.connect(lambda *args: asked.append(args))
    widget.seed.setValue(7)
    index = widget.chooser.findData("clipping")
    widget.chooser.activated.emit(index)
    assert asked == [("clipping", 0, 7)]
    for header in (0, 1):  # "Choose a lesson…" and the first chapter's title open nothing
        widget.chooser.activated.emit(header)
    assert asked == [("clipping", 0, 7)]


@pytest.mark.parametrize(("page", "button", "asked_page"),
                         [(0, "next_button", 1), (1, "back_button", 0), (1, "reset_button", 1),
                          (0, "reset_button", 0)])
def test_back_next_and_reset_ask_for_a_step_of_the_open_lesson_with_the_seed_in_the_box(
        qtbot, page, button, asked_page):
    widget = lesson_panel(qtbot, page=page, seed=3)
    asked = []
    widget.openRequested.connect(lambda *args: asked.append(args))
    widget.seed.setValue(5)
    getattr(widget, button).setEnabled(True)
    getattr(widget, button).click()
    assert asked == [("output-gate-shut", asked_page, 5)]


@pytest.mark.parametrize(("page", "step", "asked_page"), [(0, -1, 0), (1, +1, 1), (1, +5, 1), (0, -3, 0)])
def test_a_step_beyond_the_lessons_ends_asks_for_the_first_or_the_last(qtbot, page, step, asked_page):
    widget = lesson_panel(qtbot, page=page)
    asked = []
    widget.openRequested.connect(lambda *args: asked.append(args))
    widget._go(step)
    assert asked == [("output-gate-shut", asked_page, widget.seed.value())]


def test_no_step_is_asked_for_without_an_open_lesson(qtbot):
    from lstm_studio.session.demos import moscow_demo

    widget = LessonPanel(SessionModel(moscow_demo()))
    qtbot.addWidget(widget)
    asked = []
    widget.openRequested.connect(lambda *args: asked.append(args))
    for step in (-1, 0, 1):
        widget._go(step)
    assert asked == []
