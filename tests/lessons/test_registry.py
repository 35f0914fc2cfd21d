"""The lesson registry: complete, in teaching order, sessions complete and deterministic, verdicts
that say why, and the README's table generated from it."""

from pathlib import Path

import pytest

from lstm_studio.lessons import CHAPTERS, LESSONS, PANELS, by_chapter, lesson, table
from lstm_studio.session.document import evaluate_document

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ("vanishing-rnn", "cell-highway", "forget-gate-erases", "input-gate-shut", "output-gate-shut",
            "exploding-rnn", "clipping", "clipping-not-vanishing", "truncation-cuts", "gru-update-copies",
            "gru-reset", "lstm-without-forget-gate", "lstm-explodes-too", "long-dependency",
            "bidirectional-helps", "gru-lighter", "peephole")


def test_every_required_lesson_is_there_once():
    ids = [item.id for item in LESSONS]
    assert sorted(ids) == sorted(REQUIRED) and len(set(ids)) == len(ids)


def test_chapters_and_pages():
    chapters = by_chapter()
    assert list(chapters) == list(CHAPTERS) and all(chapters.values())
    order = [CHAPTERS.index(item.chapter) for item in LESSONS]
    assert order == sorted(order), "lessons come chapter by chapter"
    for item in LESSONS:
        assert item.title and item.claim and item.pages
        for page in item.pages:
            assert page.title and len(page.look) > 80 and page.panel in PANELS


def test_unknown_ids_and_pages_are_refused():
    with pytest.raises(KeyError, match="vanishing-rnn"):
        lesson("no-such-lesson")
    with pytest.raises(ValueError, match="pages"):
        lesson("clipping").build(0, page=5)
    with pytest.raises(ValueError, match="seed"):
        lesson("clipping").build(-1)


@pytest.mark.parametrize("item", [item for item in LESSONS if not item.trains], ids=lambda item: item.id)
def test_a_built_session_is_complete_and_says_which_lesson_it_is(item):
    for page in range(len(item.pages)):
        doc = item.build(seed=2, page=page)
        doc.config.validated()
        T = doc.config.seq_len
        assert doc.inputs.shape == (T, doc.config.input_size) and doc.loss_mask.shape == (T,)
        assert doc.loss_mask.any() and 0 <= doc.view.time_step < T and 0 <= doc.view.unit < doc.config.hidden_size
        assert doc.lesson == {"id": item.id, "page": page, "seed": 2, "panel": item.pages[page].panel}
        assert item.build(seed=2, page=page).equals(doc), "building is deterministic"
        report = item.measures(evaluate_document(doc), doc)
        assert report.holds and report.measures, report.reason
        assert item.measures(document=doc).holds  # the evaluation may be left to the lesson


def test_measures_say_when_a_page_does_not_apply():
    doc = lesson("vanishing-rnn").build(0)
    from lstm_studio.session.document import reconfigured

    gru = reconfigured(doc, kind="gru")
    report = lesson("vanishing-rnn").measures(evaluate_document(gru), gru)
    assert not report.holds and "Does not apply" in str(report.reason)
    short = reconfigured(doc, seq_len=10)
    assert "T ≥ 20" in str(lesson("vanishing-rnn").measures(evaluate_document(short), short).reason)


def test_an_edit_can_break_a_claim_and_the_verdict_says_where():
    doc = lesson("forget-gate-erases").build(0)
    hidden = doc.config.hidden_size
    doc.parameters["weight_ih_l0"][hidden:2 * hidden, 2] = 0.0  # the full stop no longer shuts f
    report = lesson("forget-gate-erases").measures(evaluate_document(doc), doc)
    assert not report.holds
    reason = str(report.reason)
    assert reason.startswith("No longer holds") and "f = " in reason and "t = " in reason


def test_the_readme_table_is_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = table.table_in(readme).splitlines()
    expected = table.markdown_table(measure=lambda item: "…").splitlines()
    assert len(shown) == len(expected)
    for line, wanted in zip(shown, expected):
        cells, wanted_cells = line.split(" | ")[:3], wanted.split(" | ")[:3]
        assert cells == wanted_cells
    # what seed 0 measures is in the table too (the pages that need no training are checked)
    for item, line in zip(LESSONS, shown[2:]):
        if not item.trains:
            measured = table._cell(table.measured(item))
            if item.id == "gru-lighter":  # a measured time varies from run to run
                measured = measured.partition("measured here")[0]
            assert measured in line, item.id


CHANGES = [{"kind": kind} for kind in ("rnn_tanh", "rnn_relu", "lstm", "gru", "peephole_lstm", "lstm_nofg")] + [
    {"hidden_size": 1}, {"seq_len": 2}, {"seq_len": 1}, {"num_layers": 2}, {"bidirectional": True},
    {"input_size": 1}, {"output_size": 3}]


@pytest.mark.parametrize("item", LESSONS, ids=lambda item: item.id)
def test_measures_never_fail_on_a_session_edited_beyond_the_lesson(item, monkeypatch):
    """Whatever the student changes (kind, sizes, layers…), the lesson answers with a verdict."""
    from lstm_studio.lessons import trained
    from lstm_studio.session.document import reconfigured

    for name in ("DEPENDENCY_TRAIN_STEPS", "BIDIRECTIONAL_TRAIN_STEPS", "CLIP_TRAIN_STEPS"):
        monkeypatch.setattr(trained, name, 2)
    for page in range(len(item.pages)):
        doc = item.build(0, page)
        for change in CHANGES:
            edited = reconfigured(doc, **change)
            report = item.measures(evaluate_document(edited), edited, page)
            assert isinstance(report.holds, bool) and str(report.reason)
