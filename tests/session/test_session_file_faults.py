"""The .lstms format under faults and hostile input: what saves always opens (one limit, checked
when saving), text that is not valid Unicode, symbolic links and non-regular files, values beyond
what typing takes, zip bombs (refused fast, in little memory), durability (fsync before the
rename) and a process killed in the middle of a save."""

import json
import os
import re
import signal
import stat
import struct
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zipfile
import zlib

import numpy as np
import pytest

from lstm_studio.engine.refusal import Refusal
from lstm_studio.engine.tasks import MAX_TEXT_CHARS, make_task
from lstm_studio.session import archive, io, params_io, safe_files
from lstm_studio.session.document import VALUE_LIMIT, NetworkConfig, new_document
from lstm_studio.session.experiments import task_document
from lstm_studio.session.io import SessionFileError, load_session, save_session


def refused(path, *fragments):
    with pytest.raises(SessionFileError) as info:
        load_session(path)
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)
    return str(info.value)


def small_document(seed=3):
    return new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=3, seq_len=5), seed=seed)


# ------------------------------------------------------------- one limit: what saves, opens
def test_the_longest_training_text_fits_a_session_file_however_it_is_written():
    # JSON writes a control character as \u00XX: six bytes, the most any character takes
    assert len(json.dumps("\x01", ensure_ascii=False)) - 2 == 6
    assert 6 * MAX_TEXT_CHARS + 2**20 < io.MAX_JSON_BYTES


def test_a_text_over_eight_megabytes_of_json_saves_and_opens(tmp_path):
    text = "\x01\x02" * (MAX_TEXT_CHARS // 2)  # the longest text, in the characters JSON writes longest
    doc = task_document("next_char", text=text)
    path = tmp_path / "long.lstms"
    save_session(doc, path)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("session.json").file_size > 8 * 2**20  # the old cap refused these
    loaded = load_session(path)
    assert loaded.training["task_options"]["text"] == text
    assert loaded.equals(doc)


def test_a_text_longer_than_the_task_takes_is_refused_at_the_door():
    with pytest.raises(Refusal, match="at most 2,000,000"):
        make_task("next_char", text="ab" * (MAX_TEXT_CHARS // 2) + "c")


@pytest.mark.parametrize("cap, shown", [(3000, "2.9 KB"), (4096, "4.0 KB"), (6000, "5.9 KB")])
def test_settings_save_exactly_when_they_open(tmp_path, monkeypatch, cap, shown):
    """Around the cap on session.json, a save succeeds exactly when the file opens again; a
    refused save says why and leaves the previous file as it was."""
    monkeypatch.setattr(io, "MAX_JSON_BYTES", cap)
    path = tmp_path / "s.lstms"
    base = small_document()
    base_size = len(json.dumps(io.encode(base)[0], indent=2).encode())
    assert base_size < cap
    save_session(base, path)
    before = path.read_bytes()
    for extra in range(cap - base_size - 40, cap - base_size + 40):
        doc = small_document()
        doc.training = {"note": "x" * extra}
        try:
            save_session(doc, path)
        except SessionFileError as exc:
            assert re.search(rf"take \d+\.\d KB, more than the {shown} a session file may hold", str(exc))
            assert path.read_bytes() == before
            assert os.listdir(tmp_path) == ["s.lstms"]
            with zipfile.ZipFile(tmp_path / "probe.lstms", "w") as archive:  # written by hand
                archive.writestr("session.json", json.dumps(io.encode(doc)[0], indent=2))
                archive.writestr("arrays.npz", io._npz(io.encode(doc)[1]))
            refused(tmp_path / "probe.lstms", "would unpack")
            os.unlink(tmp_path / "probe.lstms")
        else:
            assert load_session(path).equals(doc)
            before = path.read_bytes()


@pytest.mark.parametrize("cap", ["MAX_MEMBERS", "MAX_ARRAY_BYTES"])
def test_arrays_save_exactly_when_they_open_at_the_caps_on_their_count_and_size(tmp_path, monkeypatch, cap):
    doc = small_document()
    arrays = io.encode(doc)[1]
    count, size = len(arrays), len(io._npz(arrays))
    bound, refusal = ((count, f"it holds {count} arrays, more than the {count - 1} a session file may hold")
                      if cap == "MAX_MEMBERS" else
                      (size, f"its arrays take {size / 1024:.1f} KB, more than the {(size - 1) / 1024:.1f} KB a session"))
    monkeypatch.setattr(archive, cap, bound)  # (reading and saving both check the archive's caps)
    save_session(doc, tmp_path / "s.lstms")
    assert load_session(tmp_path / "s.lstms").equals(doc)
    monkeypatch.setattr(archive, cap, bound - 1)
    with pytest.raises(SessionFileError) as info:
        save_session(doc, tmp_path / "t.lstms")
    assert refusal in str(info.value)
    assert os.listdir(tmp_path) == ["s.lstms"]


# ------------------------------------------------------------------- text that is not Unicode
def test_a_task_text_with_an_unpaired_surrogate_is_refused_at_the_door():
    with pytest.raises(Refusal, match="not valid Unicode at position 3") as info:
        make_task("next_char", text="ab\ud800cd")
    assert info.value.values["code"] == "U+D800"


@pytest.mark.parametrize("where, set_text", [
    ("training.task_options.text", lambda meta: meta["training"]["task_options"].__setitem__("text", "ab\ud800cd")),
    ("training.note", lambda meta: meta["training"].__setitem__("note", "x\udfff")),
    ("training.bad\udc00key", lambda meta: meta["training"].__setitem__("bad\udc00key", 1)),
    ("lesson.id", lambda meta: meta.__setitem__("lesson", {"id": "\ud800", "page": 0, "seed": 0, "panel": "gates"})),
])
def test_files_with_text_that_is_not_unicode_are_refused_naming_the_setting(tmp_path, where, set_text):
    meta, arrays = io.encode(task_document("next_char"))
    set_text(meta)
    path = tmp_path / "s.lstms"
    with open(path, "wb") as fh:  # JSON writes the surrogate as the escape \ud800
        io._write_members(fh, json.dumps(meta).encode("ascii"), io._npz(arrays))
    message = refused(path, "not valid Unicode")
    assert repr(where) in message


@pytest.mark.parametrize("change, fragment", [
    (lambda d: d.training.__setitem__("task_options", {"text": "ab\ud800cd"}),
     "the setting 'training.task_options.text' holds text that is not valid Unicode"),
    (lambda d: d.training.__setitem__("note\ud800", 1), "the setting 'training.note\\ud800' holds text"),
    (lambda d: d.history.__setitem__("loss\ud800", np.zeros(2)), "training curve name 'loss\\ud800' is not allowed"),
    (lambda d: setattr(d, "task", "next\udc80char"), "the setting 'task' holds text that is not valid Unicode"),
])
def test_saving_text_that_is_not_unicode_is_refused_naming_it_and_writes_nothing(tmp_path, change, fragment):
    path = tmp_path / "s.lstms"
    save_session(task_document("next_char"), path)
    before = path.read_bytes()
    doc = task_document("next_char")
    change(doc)
    with pytest.raises(SessionFileError) as info:
        save_session(doc, path)
    assert fragment in str(info.value)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["s.lstms"]


def test_saving_raises_nothing_but_session_file_errors(tmp_path, monkeypatch):
    doc = small_document()
    monkeypatch.setattr(io, "encode", lambda document: (_ for _ in ()).throw(RuntimeError("surprise")))
    with pytest.raises(SessionFileError, match="Cannot save this session: RuntimeError: surprise"):
        save_session(doc, tmp_path / "a.lstms")
    monkeypatch.undo()

    def failing(fh, *args):
        fh.write(b"half")
        raise MemoryError("no room")

    monkeypatch.setattr(io, "_write_members", failing)
    with pytest.raises(SessionFileError, match="MemoryError: no room"):
        save_session(doc, tmp_path / "a.lstms")
    assert os.listdir(tmp_path) == []


def test_keyboard_interrupt_while_saving_still_goes_on_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "_write_members", lambda fh, *args: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        save_session(small_document(), tmp_path / "a.lstms")
    assert os.listdir(tmp_path) == []


# --------------------------------------------------------- symbolic links, non-regular files
def test_saving_through_a_symbolic_link_replaces_its_target_and_keeps_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "target.lstms"
    save_session(small_document(seed=1), target)
    os.chmod(target, 0o640)
    link = tmp_path / "link.lstms"
    link.symlink_to(target)
    changed = small_document(seed=2)
    save_session(changed, link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert load_session(target).equals(changed)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["link.lstms", "real"]
    assert os.listdir(tmp_path / "real") == ["target.lstms"]


def test_chains_of_relative_links_and_dangling_links_are_followed(tmp_path):
    (tmp_path / "a").mkdir()
    target = tmp_path / "a" / "t.lstms"
    (tmp_path / "a" / "middle.lstms").symlink_to("t.lstms")  # relative, and dangling for now
    (tmp_path / "first.lstms").symlink_to("a/middle.lstms")
    doc = small_document(seed=4)
    save_session(doc, tmp_path / "first.lstms")
    assert target.is_file() and not target.is_symlink()
    assert (tmp_path / "first.lstms").is_symlink() and (tmp_path / "a" / "middle.lstms").is_symlink()
    assert load_session(tmp_path / "first.lstms").equals(doc)


def test_a_link_loop_is_refused_with_a_message(tmp_path):
    (tmp_path / "x.lstms").symlink_to("y.lstms")
    (tmp_path / "y.lstms").symlink_to("x.lstms")
    with pytest.raises(SessionFileError, match="Cannot save x.lstms"):
        save_session(small_document(), tmp_path / "x.lstms")
    assert (tmp_path / "x.lstms").is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_neither_replaced_nor_read(tmp_path):
    fifo = tmp_path / "pipe.lstms"
    os.mkfifo(fifo)
    with pytest.raises(SessionFileError, match="not a regular file"):
        save_session(small_document(), fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe.lstms"]
    started = time.perf_counter()
    refused(fifo, "not a regular file")  # opening it for reading would wait for a writer forever
    with pytest.raises(params_io.ParameterFileError, match="not a regular file"):
        params_io.read_parameter_file(fifo)
    assert time.perf_counter() - started < 5


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_link_to_a_pipe_is_refused_too(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link.lstms").symlink_to(tmp_path / "pipe")
    with pytest.raises(SessionFileError, match="not a regular file"):
        save_session(small_document(), tmp_path / "link.lstms")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)


def test_a_folder_is_not_replaced(tmp_path):
    (tmp_path / "folder.lstms").mkdir()
    with pytest.raises(SessionFileError, match="not a regular file"):
        save_session(small_document(), tmp_path / "folder.lstms")
    assert (tmp_path / "folder.lstms").is_dir()


# ------------------------------------------------------------------ values beyond ±VALUE_LIMIT
@pytest.mark.parametrize("name", ["parameters/weight_hh_l0", "readout/bias", "inputs", "targets", "h0", "c0"])
def test_values_beyond_what_typing_takes_are_refused_naming_the_array(tmp_path, name):
    meta, arrays = io.encode(small_document())
    arrays[name] = arrays[name].copy()
    arrays[name].flat[0] = 2e6
    arrays[name].flat[-1] = -1e300  # the message quotes the value largest in magnitude, with its sign
    path = tmp_path / "big.lstms"
    with open(path, "wb") as fh:
        io.write_archive(fh, json.dumps(meta), arrays)
    refused(path, f"'{name}' holds -1e+300, beyond ±1e+06")


def test_values_at_the_limit_are_accepted(tmp_path):
    doc = small_document()
    doc.inputs[0, 0], doc.parameters["weight_ih_l0"][0, 0] = VALUE_LIMIT, -VALUE_LIMIT
    save_session(doc, tmp_path / "edge.lstms")
    assert load_session(tmp_path / "edge.lstms").equals(doc)


def test_imported_parameters_beyond_the_limit_are_refused_naming_them(tmp_path):
    doc = small_document()
    arrays = params_io.parameter_arrays(doc)
    arrays["weight_hh_l0"] = arrays["weight_hh_l0"] * 0 + 1e300
    arrays["readout.bias"] = np.array([-2e6])
    np.savez(tmp_path / "p.npz", **arrays)
    with pytest.raises(params_io.ParameterFileError) as info:
        params_io.imported_document(doc, params_io.read_parameter_file(tmp_path / "p.npz"))
    assert "weight_hh_l0: holds 1e+300, beyond ±1e+06" in str(info.value)
    assert "readout.bias: holds -2e+06" in str(info.value)


# ------------------------------------------------------------------------------------ zip bombs
ZERO_CHUNK = 2**20


def deflated_zeros(size: int) -> bytes:
    """A raw deflate stream of ``size`` zero bytes (a multiple of 1 MiB), made in milliseconds:
    one compressed megabyte, repeated (a full flush makes every repeat the same bytes)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(ZERO_CHUNK)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * (size // ZERO_CHUNK) + compressor.flush(zlib.Z_FINISH)


def raw_zip(members) -> bytes:
    """A zip archive from (name, method, raw data, declared size, crc) members written as given,
    so a member can claim any size."""
    out, central = bytearray(), bytearray()
    for name, method, data, size, crc in members:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size,
                           len(encoded), 0) + encoded + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc,
                               len(data), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def stored(name, data):
    return (name, zipfile.ZIP_STORED, data, len(data), zlib.crc32(data))


def json_member():
    meta, _ = io.encode(small_document())
    return stored("session.json", json.dumps(meta).encode())


def bomb_session(path, arrays_member):
    path.write_bytes(raw_zip([json_member(), arrays_member]))
    assert path.stat().st_size < 2 * 2**20  # a small file...


def refused_quickly(path, *fragments):
    """Refused within a second, the Python heap never above 32 MB on the way."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        message = refused(path, *fragments)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.0
    assert peak < 32 * 2**20, peak
    return message


GIB = 2**30


def test_a_gigabyte_bomb_declared_honestly_is_refused_before_inflating(tmp_path):
    size = GIB - ZERO_CHUNK  # within the 1 GB cap on arrays
    bomb_session(tmp_path / "b.lstms", ("arrays.npz", zipfile.ZIP_DEFLATED, deflated_zeros(size), size, 0))
    refused_quickly(tmp_path / "b.lstms", "'arrays.npz' would unpack to 1023.0 MB", "zip bomb")


def test_a_bomb_inside_the_arrays_is_refused_before_inflating(tmp_path):
    size = GIB - 2 * ZERO_CHUNK
    inner = raw_zip([("inputs.npy", zipfile.ZIP_DEFLATED, deflated_zeros(size), size, 0)])
    bomb_session(tmp_path / "b.lstms", stored("arrays.npz", inner))
    refused_quickly(tmp_path / "b.lstms", "arrays.npz: 'inputs.npy' would unpack to 1022.0 MB", "zip bomb")


def test_many_small_bombs_add_up_and_are_refused_before_inflating(tmp_path):
    size = 15 * ZERO_CHUNK  # each under the floor a file may always inflate to
    data = deflated_zeros(size)
    inner = raw_zip([(f"history/c{k}.npy", zipfile.ZIP_DEFLATED, data, size, 0) for k in range(60)])
    bomb_session(tmp_path / "b.lstms", stored("arrays.npz", inner))
    refused_quickly(tmp_path / "b.lstms", "would unpack to 15.0 MB", "zip bomb")


def test_a_member_that_lies_about_its_size_is_stopped_one_byte_past_it(tmp_path):
    bomb_session(tmp_path / "b.lstms",
                 ("arrays.npz", zipfile.ZIP_DEFLATED, deflated_zeros(GIB), 4 * ZERO_CHUNK, 0))
    refused_quickly(tmp_path / "b.lstms", "'arrays.npz' unpacks to more than its declared size (4.0 MB)")


def test_a_stored_member_that_claims_more_than_the_file_holds_is_refused(tmp_path):
    name, method, data, _, crc = stored("arrays.npz", b"x" * 100)
    bomb_session(tmp_path / "b.lstms", (name, method, data, 500 * ZERO_CHUNK, crc))
    refused_quickly(tmp_path / "b.lstms", "'arrays.npz' is damaged")


def test_compressed_parameter_files_of_real_weights_still_import(tmp_path):
    doc = new_document(NetworkConfig(kind="lstm", input_size=64, hidden_size=256, seq_len=5), seed=1)
    np.savez_compressed(tmp_path / "p.npz", **params_io.parameter_arrays(doc))
    imported = params_io.imported_document(doc, params_io.read_parameter_file(tmp_path / "p.npz"))
    assert imported.equals(doc)


# ------------------------------------------------------------------------------- durability
def test_the_file_and_its_folder_are_synced_around_the_rename(tmp_path, monkeypatch):
    """fsync of the new file's data before it replaces the old one (else a crash can leave an
    empty file under the old name), and of the folder after (else the rename itself can be lost)."""
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        info = os.fstat(fd)
        events.append(("fsync", "folder" if stat.S_ISDIR(info.st_mode) else "file", info.st_ino, info.st_size))
        real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", os.stat(src).st_ino, os.stat(src).st_size))
        real_replace(src, dst)

    monkeypatch.setattr(safe_files.os, "fsync", fsync)
    monkeypatch.setattr(safe_files.os, "replace", replace)
    path = tmp_path / "d.lstms"
    save_session(small_document(), path)
    assert [event[0] for event in events] == ["fsync", "replace", "fsync"], events
    (_, kind, inode, size), (_, moved, moved_size), (_, folder_kind, folder_inode, _) = events
    assert kind == "file" and inode == moved == path.stat().st_ino
    assert size == moved_size == path.stat().st_size  # all of it was written before the sync
    assert folder_kind == "folder" and folder_inode == tmp_path.stat().st_ino


SLOW_SAVER = textwrap.dedent("""
    import sys, time
    import numpy as np
    from lstm_studio.session import io
    from lstm_studio.session.document import NetworkConfig, new_document

    path = sys.argv[1]
    doc = new_document(NetworkConfig(kind="lstm", input_size=64, hidden_size=256, num_layers=2), seed=9)
    doc.inputs = np.full(doc.inputs.shape, 0.75)

    class SlowDisk:
        # a slow disk: the archive reaches the file 256 KB at a time
        def __init__(self, fh):
            self.fh = fh
        def write(self, data):
            view = memoryview(data)
            for start in range(0, len(view), 2**18):
                self.fh.write(view[start:start + 2**18])
                self.fh.flush()
                print("writing", flush=True)
                time.sleep(0.02)
            return len(data)
        def __getattr__(self, name):
            return getattr(self.fh, name)

    real = io._write_members
    io._write_members = lambda fh, *parts: real(SlowDisk(fh), *parts)
    io.save_session(doc, path)
    print("finished", flush=True)
""")


def test_a_process_killed_while_saving_leaves_the_previous_file_intact(tmp_path):
    path = tmp_path / "keep.lstms"
    previous = small_document(seed=5)
    save_session(previous, path)
    before = path.read_bytes()
    process = subprocess.Popen([sys.executable, "-c", SLOW_SAVER, str(path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(8):  # let it write 2 MB of the new file
            line = process.stdout.readline()
            assert line == "writing\n", line + process.stderr.read()
        temporary = [name for name in os.listdir(tmp_path) if name != "keep.lstms"]
        assert len(temporary) == 1 and (tmp_path / temporary[0]).stat().st_size >= 2**20
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert load_session(path).equals(previous)
    again = small_document(seed=6)  # the leftover temporary file is in nobody's way
    save_session(again, path)
    assert load_session(path).equals(again)
