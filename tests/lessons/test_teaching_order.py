"""The registry's teaching order (lstm_studio.lessons): built from the lesson modules, chapter by
chapter in the order the README's table shows, and refusing a lesson that has no place in it.
``LESSONS`` is built once at import; these tests call the function itself."""

from dataclasses import replace

import pytest

import lstm_studio.lessons as lessons
from lstm_studio.lessons import bptt, gru, lstm, rnn, trained

TEACHING_ORDER = ("vanishing-rnn", "exploding-rnn", "bidirectional-helps",
                  "cell-highway", "forget-gate-erases", "input-gate-shut", "output-gate-shut",
                  "lstm-without-forget-gate", "peephole", "lstm-explodes-too",
                  "gru-update-copies", "gru-reset", "gru-lighter", "long-dependency",
                  "clipping", "clipping-not-vanishing", "truncation-cuts")


def test_the_lessons_come_in_teaching_order_and_are_the_modules_own():
    ordered = lessons._in_teaching_order()
    assert tuple(item.id for item in ordered) == TEACHING_ORDER
    own = {item.id: item for module in (rnn, lstm, gru, bptt, trained) for item in module.LESSONS}
    assert all(item is own[item.id] for item in ordered)
    assert ordered == lessons.LESSONS


def test_a_lesson_without_a_place_in_the_order_is_refused(monkeypatch):
    extra = replace(rnn.LESSONS[0], id="a-new-lesson")
    monkeypatch.setattr(rnn, "LESSONS", rnn.LESSONS + (extra,))
    with pytest.raises(AssertionError, match="^every lesson has its place in the teaching order"):
        lessons._in_teaching_order()
    monkeypatch.setattr(rnn, "LESSONS", rnn.LESSONS[:1])  # one missing: refused too
    with pytest.raises(AssertionError, match="^every lesson has its place in the teaching order"):
        lessons._in_teaching_order()


def test_by_chapter_gives_each_chapter_its_lessons_in_order():
    chapters = lessons.by_chapter()
    assert [item for items in chapters.values() for item in items] == \
        sorted(lessons.LESSONS, key=lambda item: lessons.CHAPTERS.index(item.chapter))
    for chapter, items in chapters.items():
        assert all(item.chapter == chapter for item in items)


def test_an_unknown_lesson_is_refused_naming_every_known_one():
    with pytest.raises(KeyError) as refused:
        lessons.lesson("no-such-lesson")
    assert refused.value.args[0] == f"no lesson 'no-such-lesson'; the lessons are {', '.join(TEACHING_ORDER)}"
    assert lessons.lesson("peephole") is lessons.LESSONS[TEACHING_ORDER.index("peephole")]
