"""The format itself (``session/io.py``) in detail: the whole message of each refusal of the
format and its versions, the key path a refusal of text that is not Unicode names, and the
``session.json`` a save writes. Found by mutation testing (see tests/MUTATION.md)."""

import json

import pytest

from lstm_studio.session import io
from lstm_studio.session.io import SessionFileError, load_session


@pytest.fixture
def parts(samples):
    """(meta, arrays) of the sample document, to be altered by a test."""
    return io.encode(samples.sample_document())


def refusal(samples, tmp_path, meta, arrays) -> str:
    samples.write_raw(tmp_path / "s.lstms", meta, arrays)
    with pytest.raises(SessionFileError) as info:
        load_session(tmp_path / "s.lstms")
    return str(info.value)


# ----------------------------------------------------------------------- format and version
def test_another_format_is_refused_naming_the_member_and_the_format_expected(tmp_path, samples, parts):
    meta, arrays = parts
    meta["format"] = "some-other-app"
    assert refusal(samples, tmp_path, meta, arrays) == \
        "session.json: not an LSTM Studio session ('format' is not 'lstm-studio-session')."


@pytest.mark.parametrize("version", ["0.9", "1.5.1", "1", "v1.1", "1.1 ", "1234567.0", 1.1, None, ["1.1"]])
def test_a_version_that_is_no_major_and_minor_number_is_refused_as_such(tmp_path, samples, parts, version):
    meta, arrays = parts
    meta["format_version"] = version
    message = refusal(samples, tmp_path, meta, arrays)
    if version == "0.9":
        assert message == "session.json: unknown format version 0.9."
    else:
        assert message == "session.json: 'format_version' must be text like \"1.1\"."


@pytest.mark.parametrize("version", ["0.0", "0.9", "0.12"])
def test_an_older_version_without_a_migration_is_refused_as_unknown(tmp_path, samples, parts, version):
    meta, arrays = parts
    meta["format_version"] = version
    assert refusal(samples, tmp_path, meta, arrays) == f"session.json: unknown format version {version}."


# ------------------------------------------------------------------------------ the JSON text
@pytest.mark.parametrize("text, shown", [(b"[1, 2]", "a list"), (b'"session"', "text"), (b"3", "a whole number"),
                                         (b"2.5", "a number"), (b"true", "true/false"), (b"null", "null")])
def test_json_that_is_no_object_is_refused_saying_what_it_is(tmp_path, parts, text, shown):
    with open(tmp_path / "s.lstms", "wb") as fh:
        io._write_members(fh, text, io._npz(parts[1]))
    with pytest.raises(SessionFileError) as info:
        load_session(tmp_path / "s.lstms")
    assert str(info.value) == f"session.json: must hold a JSON object, not {shown}."


def test_a_key_twice_is_refused_naming_that_key_wherever_it_is(tmp_path, parts):
    meta, arrays = parts
    twice = json.dumps(meta, indent=2).replace('"loss": ', '"loss": "mse",\n  "loss": ', 1)
    with open(tmp_path / "s.lstms", "wb") as fh:  # by hand: json.dumps never writes a key twice
        io._write_members(fh, twice.encode("utf-8"), io._npz(arrays))
    with pytest.raises(SessionFileError) as info:
        load_session(tmp_path / "s.lstms")
    assert str(info.value) == "session.json: not valid JSON (key 'loss' appears twice)."


@pytest.mark.parametrize("where, set_text", [
    ("lesson.curves.loss[1]", lambda meta: meta.__setitem__(
        "lesson", {"id": "x", "page": 0, "seed": 0, "panel": "gates", "curves": {"loss": [1.0, "\ud800"]}})),
    ("extra[0][1]", lambda meta: meta.__setitem__("extra", [["a", "b\udfff"]])),
    ("\udc80", lambda meta: meta.__setitem__("\udc80", 1)),
])
def test_text_that_is_not_unicode_is_refused_with_its_whole_key_path(tmp_path, parts, where, set_text):
    meta, arrays = parts
    set_text(meta)
    with open(tmp_path / "s.lstms", "wb") as fh:  # JSON writes the surrogate as the escape \ud800
        io._write_members(fh, json.dumps(meta).encode("ascii"), io._npz(arrays))
    with pytest.raises(SessionFileError) as info:
        load_session(tmp_path / "s.lstms")
    assert str(info.value) == (f"session.json: {where!r} holds text that is not valid Unicode "
                               "(an unpaired surrogate such as \\ud800).")
