"""Regular files only, and whole saves or none: the refusals of ``safe_files`` say which file and
why, in the user's words, on every platform."""

import errno
import os

import pytest

from lstm_studio.session import safe_files
from lstm_studio.session.safe_files import SessionFileError, open_regular, write_atomically


def refusal(call, *args) -> str:
    with pytest.raises(SessionFileError) as refused:
        call(*args)
    return str(refused.value)


def test_a_platform_without_non_blocking_opens_still_reads_a_regular_file(tmp_path, monkeypatch):
    """Windows has no O_NONBLOCK: reading goes on without it (read-only, whole)."""
    path = tmp_path / "s.bin"
    path.write_bytes(b"\x00\x01data\r\n")
    monkeypatch.delattr(os, "O_NONBLOCK", raising=False)
    with open_regular(path) as fh:
        assert fh.read() == b"\x00\x01data\r\n"


def test_binary_mode_is_asked_for_where_the_platform_has_it(tmp_path, monkeypatch):
    """Windows opens low-level files in text mode (line ends translated) unless O_BINARY is given."""
    binary = 1 << 29  # a flag bit no POSIX open uses: stands in for Windows' O_BINARY
    asked = []
    real_open = os.open

    def recording_open(path, flags, *args):
        asked.append(flags)
        return real_open(path, flags & ~binary, *args)

    monkeypatch.setattr(os, "O_BINARY", binary, raising=False)
    monkeypatch.setattr(safe_files.os, "open", recording_open)
    path = tmp_path / "s.bin"
    path.write_bytes(b"a\r\nb")
    with open_regular(path) as fh:
        assert fh.read() == b"a\r\nb"
    assert asked and asked[0] & binary and asked[0] & os.O_ACCMODE == os.O_RDONLY


def test_a_save_that_fails_on_the_disk_names_the_file_and_the_systems_reason(tmp_path):
    def full_disk(fh):
        raise OSError(errno.ENOSPC, "No space left on device")

    assert refusal(write_atomically, tmp_path / "s.lstms", full_disk) == \
        "Cannot save s.lstms: No space left on device."
    assert list(tmp_path.iterdir()) == []  # the temporary file went too


def test_a_save_whose_writer_fails_names_the_file_and_the_error(tmp_path):
    def broken(fh):
        raise ValueError("no such array")

    assert refusal(write_atomically, tmp_path / "s.lstms", broken) == \
        "Cannot save s.lstms: ValueError: no such array."


def test_a_save_under_a_file_names_the_file_and_the_systems_reason(tmp_path):
    (tmp_path / "plain").write_text("x")
    assert refusal(write_atomically, tmp_path / "plain" / "s.lstms", lambda fh: fh.write(b"x")) == \
        "Cannot save s.lstms: Not a directory."


def test_a_save_onto_a_folder_names_it_and_asks_for_another_name(tmp_path):
    (tmp_path / "taken.lstms").mkdir()
    assert refusal(write_atomically, tmp_path / "taken.lstms", lambda fh: fh.write(b"x")) == (
        "Cannot save taken.lstms: it is not a regular file (a folder, device or pipe). "
        "Choose another name.")


def test_a_relative_name_is_saved_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_atomically("here.lstms", lambda fh: fh.write(b"saved"))
    assert (tmp_path / "here.lstms").read_bytes() == b"saved"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here.lstms"]


def test_reading_a_folder_names_it(tmp_path):
    (tmp_path / "notes.lstms").mkdir()
    assert refusal(open_regular, tmp_path / "notes.lstms") == \
        "Cannot read notes.lstms: it is not a regular file (a folder, device or pipe)."


def test_a_file_whose_kind_cannot_be_read_is_closed_and_the_error_passed_on(tmp_path, monkeypatch):
    path = tmp_path / "s.lstms"
    path.write_bytes(b"x")
    closed, real_close, real_fstat = [], os.close, os.fstat
    opened = os.open(path, os.O_RDONLY)  # the descriptor number open_regular will be given next
    os.close(opened)

    def failing_fstat(fd):  # os is shared: only the file under test fails
        if fd == opened:
            raise OSError(errno.EIO, "Input/output error")
        return real_fstat(fd)

    def recording_close(fd):
        if fd == opened or not isinstance(fd, int):
            closed.append(fd)
        real_close(fd)

    monkeypatch.setattr(safe_files.os, "fstat", failing_fstat)
    monkeypatch.setattr(safe_files.os, "close", recording_close)
    with pytest.raises(OSError, match="Input/output error"):
        open_regular(path)
    assert closed == [opened]
