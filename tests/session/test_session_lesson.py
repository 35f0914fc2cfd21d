"""A session built from a lesson remembers it in the file (format 1.2, optional "lesson")."""

import pytest

from lstm_studio.lessons import lesson
from lstm_studio.session import io
from lstm_studio.session.io import SessionFileError, load_session, save_session


@pytest.fixture
def parts(samples):
    return io.encode(samples.sample_document())


def test_a_lesson_session_reopens_as_the_same_lesson_page(tmp_path):
    doc = lesson("truncation-cuts").build(seed=5, page=1)
    save_session(doc, tmp_path / "l.lstms")
    again = load_session(tmp_path / "l.lstms")
    assert again.lesson == {"id": "truncation-cuts", "page": 1, "seed": 5, "panel": "gradient"}
    assert again.equals(doc)


def test_measured_curves_are_kept(tmp_path):
    doc = lesson("vanishing-rnn").build(seed=0)
    doc.lesson["curves"] = {"with_clipping": [0.5, 0.25], "without_clipping": [0.5, 1e210]}
    save_session(doc, tmp_path / "c.lstms")
    assert load_session(tmp_path / "c.lstms").lesson["curves"] == doc.lesson["curves"]


def test_sessions_without_a_lesson_have_none(tmp_path, samples):
    save_session(samples.sample_document(), tmp_path / "s.lstms")
    assert load_session(tmp_path / "s.lstms").lesson is None
    meta, _ = io.encode(samples.sample_document())
    assert "lesson" not in meta


@pytest.mark.parametrize("lesson_value, fragment", [
    ("vanishing-rnn", "lesson"),
    ({"id": "x", "page": 0, "seed": 0}, "lesson.panel"),
    ({"id": "x", "page": -1, "seed": 0, "panel": "gates"}, "lesson.page"),
    ({"id": "", "page": 0, "seed": 0, "panel": "gates"}, "lesson.id"),
    ({"id": "x", "page": 0, "seed": 0, "panel": "desktop"}, "lesson.panel"),
    ({"id": "x", "page": 0, "seed": 0, "panel": "gates", "script": "rm"}, "lesson.script"),
    ({"id": "x", "page": 0, "seed": 0, "panel": "gates", "curves": {"a": ["1"]}}, "lesson.curves.a"),
    ({"id": "x", "page": 0, "seed": 0, "panel": "gates", "curves": {"a": list(range(100_001))}}, "lesson.curves.a"),
    ({"id": "x", "page": 0, "seed": 0, "panel": "gates", "curves": [1, 2]}, "lesson.curves"),
])
def test_a_malformed_lesson_is_refused_naming_it(tmp_path, samples, parts, lesson_value, fragment):
    meta, arrays = parts
    meta["lesson"] = lesson_value
    samples.write_raw(tmp_path / "bad.lstms", meta, arrays)
    with pytest.raises(SessionFileError, match=fragment.replace(".", r"\.")):
        load_session(tmp_path / "bad.lstms")


def test_an_unknown_lesson_id_still_opens(tmp_path, samples, parts):
    """A lesson renamed in a later version: the session opens; the app shows no lesson for it."""
    meta, arrays = parts
    meta["lesson"] = {"id": "from-the-future", "page": 3, "seed": 1, "panel": "states"}
    samples.write_raw(tmp_path / "future.lstms", meta, arrays)
    assert load_session(tmp_path / "future.lstms").lesson["id"] == "from-the-future"
