"""The reading side of the .lstms zip (``session/archive.py``) in detail, from hand-built bytes:
the refusals' whole messages (the outer archive's without a prefix, the inner ``arrays.npz``'s
with one), the end record found wherever the zip format lets it be, the budget of deflated
members at its bounds, checksums, bounded reading, and the .npy layouts NumPy writes (format
2.0, Fortran order, empty arrays). Found by mutation testing (see tests/MUTATION.md)."""

import errno
import io as std_io
import json
import os
import struct
import tracemalloc
import zipfile
import zlib

import numpy as np
import pytest

from lstm_studio.session import archive, io
from lstm_studio.session.archive import read_npz
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.io import SessionFileError, load_session

MIB = 2**20
FLOOR = 16 * MIB  # "or INFLATE_FLOOR bytes": 16 MB, as the module's docstring and constant say
RATIO = 20  # "at most INFLATE_RATIO times the file's size": 20


def refusal(path) -> str:
    with pytest.raises(SessionFileError) as info:
        load_session(path)
    return str(info.value)


def npz_refusal(data) -> str:
    with pytest.raises(SessionFileError) as info:
        read_npz(data)
    return str(info.value)


def npy(array, version=None) -> bytes:
    buffer = std_io.BytesIO()
    np.lib.format.write_array(buffer, array, version=version, allow_pickle=False)
    return buffer.getvalue()


def zip_of(members, comment=b"") -> bytes:
    """A zip of (name, bytes, compression) members, written by Python's zipfile."""
    buffer = std_io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, data, compression in members:
            out.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, compress_type=compression)
        out.comment = comment
    return buffer.getvalue()


def small_document():
    return new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=3, seq_len=5), seed=3)


def session_bytes(doc=None, *, arrays_npz=None, json_text=None, arrays_compression=zipfile.ZIP_STORED):
    """A session file's bytes: the document's session.json and arrays.npz (or the ones given)."""
    meta, arrays = io.encode(doc if doc is not None else small_document())
    if arrays_npz is None:
        arrays_npz = zip_of([(f"{name}.npy", npy(array), zipfile.ZIP_STORED) for name, array in arrays.items()])
    text = json_text if json_text is not None else json.dumps(meta)
    return zip_of([("session.json", text.encode(), zipfile.ZIP_DEFLATED),
                   ("arrays.npz", arrays_npz, arrays_compression)])


def end_record(entries, directory_size, directory_offset=0, comment_length=0) -> bytes:
    """The zip format's end of central directory record (22 bytes, signature PK\\5\\6)."""
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries, entries, directory_size, directory_offset,
                       comment_length)


# ------------------------------------------------------------------ the outer archive's refusals
def test_refusals_of_the_outer_archive_say_what_is_wrong_without_a_prefix(tmp_path):
    path = tmp_path / "s.lstms"
    good = session_bytes()
    with zipfile.ZipFile(std_io.BytesIO(good)) as z:
        members = [(name, z.read(name), zipfile.ZIP_DEFLATED) for name in z.namelist()]

    path.write_bytes(zip_of(members[:1]))
    assert refusal(path) == "the archive has no 'arrays.npz': not a complete LSTM Studio session."
    path.write_bytes(zip_of(members + [("notes.txt", b"hi", zipfile.ZIP_STORED)]))
    assert refusal(path) == "unexpected member 'notes.txt' in the archive."
    with pytest.warns(UserWarning, match="Duplicate name"):
        path.write_bytes(zip_of(members + members[1:]))
    assert refusal(path) == "the archive holds 'arrays.npz' twice."


def test_a_file_that_cannot_be_opened_is_refused_with_its_name_and_the_reason(tmp_path):
    message = refusal(tmp_path / "gone.lstms")
    assert message == f"Cannot read gone.lstms: {os.strerror(errno.ENOENT)}."


@pytest.mark.parametrize("compression", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_a_member_compressed_another_way_than_deflate_is_refused(tmp_path, compression):
    pytest.importorskip("bz2" if compression == zipfile.ZIP_BZIP2 else "lzma")
    meta, arrays = io.encode(small_document())
    npz = zip_of([(f"{name}.npy", npy(array), zipfile.ZIP_STORED) for name, array in arrays.items()])
    path = tmp_path / "s.lstms"
    path.write_bytes(zip_of([("session.json", json.dumps(meta).encode(), compression),
                             ("arrays.npz", npz, zipfile.ZIP_STORED)]))
    assert refusal(path) == "'session.json' uses an unsupported compression method."


# ------------------------------------------------------------------------------ the end record
def test_a_text_file_is_refused_as_no_zip_archive_whatever_its_bytes_spell(tmp_path):
    path = tmp_path / "notes.lstms"
    path.write_bytes(b"These are my notes on the forget gate, not a session file at all.\n")
    assert refusal(path) == ("not an LSTM Studio session: the file is not a zip archive or is damaged "
                             "(truncated?).")


def test_a_bare_end_record_declaring_too_many_members_is_refused_from_it(tmp_path):
    # an end record at the very start of the file (an empty zip is just this record)
    path = tmp_path / "e.lstms"
    path.write_bytes(end_record(30_000, 0))
    assert refusal(path) == "the archive holds more than 10000 members."


def test_a_central_directory_bigger_than_the_members_allowed_take_is_refused_from_the_end_record(tmp_path):
    limit = archive.MAX_MEMBERS * 1024  # a member's directory entry may take 1 KB
    path = tmp_path / "d.lstms"
    path.write_bytes(end_record(1, limit + 1))
    assert refusal(path) == "the archive holds more than 10000 members."
    path.write_bytes(end_record(1, limit))  # not refused for its size: damaged, as zipfile finds
    assert "not a zip archive or is damaged" in refusal(path)
    path.write_bytes(end_record(2, 2**31))
    assert refusal(path) == "the archive holds more than 10000 members."


def test_more_members_than_allowed_are_refused_even_when_the_end_record_counts_fewer():
    # the end record says 1 member; zipfile reads the directory by its size and finds 10001
    data = bytearray(zip_of([(f"a{k}.npy", b"", zipfile.ZIP_STORED) for k in range(archive.MAX_MEMBERS + 1)]))
    at = data.rfind(b"PK\x05\x06")
    assert struct.unpack("<HH", data[at + 8:at + 12]) == (10_001, 10_001)
    data[at + 8:at + 12] = struct.pack("<HH", 1, 1)
    assert npz_refusal(bytes(data)) == "arrays.npz: the archive holds more than 10000 members."


def npz_declaring(sizes) -> bytes:
    """An npz of small deflated members whose directory declares the given unpacked sizes."""
    data = bytearray(zip_of([(f"a{k}.npy", npy(np.zeros(2)), zipfile.ZIP_DEFLATED) for k in range(len(sizes))]))
    at = -1
    for size in sizes:  # the central directory entries, in order; their unpacked size at +24
        at = data.find(b"PK\x01\x02", at + 1)
        data[at + 24:at + 28] = struct.pack("<I", size)
    return bytes(data)


def test_the_arrays_together_may_declare_one_gigabyte_and_no_more():
    # each member within the 1 GB (2**30 bytes) cap, together at it: on to the deflate budget
    half = 2**29
    deflate = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile deflates
    packed = len(deflate.compress(npy(np.zeros(2))) + deflate.flush())
    assert npz_refusal(npz_declaring([half, half])) == (
        f"arrays.npz: 'a0.npy' would unpack to 512.0 MB from {packed} bytes: far more than a session's data ever "
        "compresses (a damaged or malicious file, a zip bomb).")
    assert npz_refusal(npz_declaring([half, half + 1])) == (
        "arrays.npz: the archive would unpack to 1.0 GB, more than the 1.0 GB a session may hold.")
    assert npz_refusal(npz_declaring([600 * MIB, 600 * MIB])) == (
        "arrays.npz: the archive would unpack to 1.2 GB, more than the 1.0 GB a session may hold.")


def test_the_end_record_is_found_behind_the_longest_comment(tmp_path, monkeypatch):
    # a comment may take 65535 bytes; the member count is still read from the end record
    data = zip_of([(f"m{k}", b"", zipfile.ZIP_STORED) for k in range(30)], comment=b"c" * 65535)
    assert data[-22 - 65535:].startswith(b"PK\x05\x06")
    path = tmp_path / "c.lstms"
    path.write_bytes(data)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 20)
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: pytest.fail("directory was loaded"))
    assert refusal(path) == "the archive holds more than 20 members."


def test_a_bare_zip64_end_record_is_refused_as_zip64(tmp_path):
    locator = struct.pack("<IIQI", 0x07064B50, 0, 0, 1)  # the ZIP64 locator, just before the end record
    path = tmp_path / "z.lstms"
    path.write_bytes(locator + end_record(0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF))
    assert refusal(path) == "the archive uses ZIP64, which a session never needs."


def test_an_end_record_cut_short_is_refused_as_damaged_even_after_a_zip64_locator(tmp_path):
    locator = struct.pack("<IIQI", 0x07064B50, 0, 0, 1)
    path = tmp_path / "t.lstms"
    path.write_bytes(locator + end_record(1, 0)[:15])  # the last 7 bytes of the record cut off
    assert refusal(path) == ("not an LSTM Studio session: the file is not a zip archive or is damaged "
                             "(truncated?).")


def test_numbers_that_spell_the_end_record_signature_do_not_confuse_the_reader(tmp_path):
    # a training curve (int64: any bytes) holding what looks like an end record for 65535 members
    fake = b"PK\x05\x06" + b"\x00" * 6 + b"\xff\xff" + b"\xff\xff\xff\x7f" + b"\x00" * 14
    doc = small_document()
    doc.history = {"loss": np.frombuffer(fake + b"\x00" * (32 - len(fake)), dtype="<i8").copy()}
    path = tmp_path / "h.lstms"
    io.save_session(doc, path)
    assert fake in path.read_bytes()
    loaded = load_session(path)
    assert np.array_equal(loaded.history["loss"], doc.history["loss"])


# ---------------------------------------------------------------------- the deflated budget
def deflated_npy_of(size: int, dtype=np.uint8) -> bytes:
    """An .npy of zeros exactly ``size`` bytes long (header included)."""
    itemsize = np.dtype(dtype).itemsize
    header = len(npy(np.zeros(size // itemsize, dtype))) - size // itemsize * itemsize
    data = npy(np.zeros((size - header) // itemsize, dtype))
    assert len(data) == size
    return data


def test_deflated_members_may_unpack_to_exactly_the_floor_and_stored_ones_do_not_count():
    small = npy(np.arange(3.0))
    data = zip_of([("big.npy", deflated_npy_of(FLOOR), zipfile.ZIP_DEFLATED),
                   ("small.npy", small, zipfile.ZIP_STORED)])
    assert len(data) * RATIO < FLOOR  # the floor is what counts for so small a file
    arrays = read_npz(data)
    assert arrays["big"].size == FLOOR - (len(npy(np.zeros(FLOOR, np.uint8))) - FLOOR)
    assert np.array_equal(arrays["small"], np.arange(3.0))


def test_one_deflated_byte_past_the_floor_is_refused_even_in_a_member_of_its_own():
    data = zip_of([("big.npy", deflated_npy_of(FLOOR), zipfile.ZIP_DEFLATED),
                   ("x.npy", b"\x00", zipfile.ZIP_DEFLATED)])
    message = npz_refusal(data)
    assert message.startswith("arrays.npz: 'x.npy' would unpack to 1 bytes from ")
    assert message.endswith(": far more than a session's data ever compresses (a damaged or malicious file, "
                            "a zip bomb).")


def test_a_larger_file_may_unpack_to_twenty_times_its_size_and_no_more():
    noise = npy(np.random.default_rng(0).integers(0, 256, MIB, dtype=np.uint8))  # does not deflate
    accepted = zip_of([("noise.npy", noise, zipfile.ZIP_STORED),
                       ("zeros.npy", deflated_npy_of(18 * MIB), zipfile.ZIP_DEFLATED)])
    assert FLOOR < 18 * MIB < RATIO * len(accepted)
    assert read_npz(accepted)["zeros"].size > 17 * MIB
    refused = zip_of([("noise.npy", noise, zipfile.ZIP_STORED),
                      ("zeros.npy", deflated_npy_of(22 * MIB), zipfile.ZIP_DEFLATED)])
    assert RATIO * len(refused) < 22 * MIB
    assert npz_refusal(refused).startswith("arrays.npz: 'zeros.npy' would unpack to 22.0 MB from ")


def test_session_json_has_its_own_cap_and_is_not_charged_to_the_arrays_budget(tmp_path):
    # 12 MB of settings (under their 16 MB cap) and 6 MB of deflated arrays (under the 16 MB floor)
    doc = small_document()
    doc.training = {"note": "x" * (12 * MIB)}
    meta, arrays = io.encode(doc)
    members = [(f"{name}.npy", npy(array), zipfile.ZIP_STORED) for name, array in arrays.items()]
    members.append(("history/loss.npy", deflated_npy_of(6 * MIB, np.float64), zipfile.ZIP_DEFLATED))
    path = tmp_path / "s.lstms"
    path.write_bytes(session_bytes(json_text=json.dumps(meta), arrays_npz=zip_of(members)))
    assert path.stat().st_size * RATIO < FLOOR
    loaded = load_session(path)
    assert loaded.training["note"] == "x" * (12 * MIB)
    assert loaded.history["loss"].size * 8 > 5 * MIB


# ------------------------------------------------------------------------ reading the members
def test_a_changed_byte_in_the_numbers_is_refused_by_the_checksum(tmp_path):
    doc = small_document()
    doc.inputs = np.full(doc.inputs.shape, 0.5)
    path = tmp_path / "s.lstms"
    io.save_session(doc, path)
    data = bytearray(path.read_bytes())
    at = data.find(npy(doc.inputs))
    assert at > 0
    data[at + len(npy(doc.inputs)) - 3] ^= 0x01  # a bit of the last input, still a plain number
    path.write_bytes(bytes(data))
    assert refusal(path) == "'arrays.npz' is damaged and cannot be unpacked."


def test_a_changed_byte_inside_the_arrays_is_refused_naming_the_array_file():
    raw = npy(np.full(4, 0.5))
    data = bytearray(zip_of([("w.npy", raw, zipfile.ZIP_STORED)]))
    at = data.find(raw)
    data[at + len(raw) - 3] ^= 0x01
    assert npz_refusal(bytes(data)) == "arrays.npz: 'w.npy' is damaged and cannot be unpacked."


def test_a_member_that_cannot_be_unpacked_at_all_is_refused_with_the_whole_message(tmp_path):
    # not a wrong checksum but a failure while unpacking: the local header of 'arrays.npz' lost
    # its signature, or the deflated 'session.json' begins with a block of the reserved type
    good = session_bytes()
    with zipfile.ZipFile(std_io.BytesIO(good)) as z:
        offsets = {info.filename: info.header_offset for info in z.infolist()}
        json_info = z.getinfo("session.json")
    path = tmp_path / "s.lstms"
    data = bytearray(good)
    assert data[offsets["arrays.npz"]:offsets["arrays.npz"] + 4] == b"PK\x03\x04"
    data[offsets["arrays.npz"] + 3] = 0x05
    path.write_bytes(bytes(data))
    assert refusal(path) == "'arrays.npz' is damaged and cannot be unpacked."

    data = bytearray(good)
    at = offsets["session.json"]
    name_length, extra_length = struct.unpack("<HH", data[at + 26:at + 30])
    start = at + 30 + name_length + extra_length
    data[start:start + json_info.compress_size] = b"\xff" * json_info.compress_size  # BTYPE 11: invalid
    path.write_bytes(bytes(data))
    assert refusal(path) == "'session.json' is damaged and cannot be unpacked."


def test_a_member_longer_than_declared_is_refused_with_the_whole_message(tmp_path, sample_path):
    data = bytearray(sample_path.read_bytes())
    at = -1
    while (at := data.find(b"PK\x01\x02", at + 1)) >= 0:  # the central directory entry of session.json
        if data[at + 46: at + 46 + 12] == b"session.json":
            data[at + 24: at + 28] = (100).to_bytes(4, "little")
    path = tmp_path / "lie.lstms"
    path.write_bytes(bytes(data))
    assert refusal(path) == ("'session.json' unpacks to more than its declared size (100 bytes): a damaged "
                             "or malicious file.")


def test_a_member_is_read_in_bounded_chunks_into_one_buffer():
    size = 32 * MIB
    data = zip_of([("big.npy", npy(np.zeros(size, np.uint8)), zipfile.ZIP_STORED)])
    tracemalloc.start()
    try:
        arrays = read_npz(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert arrays["big"].size == size
    assert peak < size + 8 * MIB, peak  # the member's buffer and a few chunks, not a second copy


# ------------------------------------------------------------------------------- .npy members
def test_a_damaged_array_is_named_exactly():
    data = zip_of([("inputs.npy", b"not an array", zipfile.ZIP_STORED)])
    assert npz_refusal(data) == "arrays.npz: 'inputs' is not a valid NumPy array."


def test_arrays_in_npy_format_2_are_read():
    array = np.arange(12.0).reshape(3, 4)
    raw = npy(array, version=(2, 0))
    assert raw[6] == 2  # the format's major version
    assert np.array_equal(read_npz(zip_of([("a.npy", raw, zipfile.ZIP_STORED)]))["a"], array)


def test_arrays_in_fortran_order_are_read_with_their_values_in_place():
    array = np.asfortranarray(np.arange(12.0).reshape(3, 4))
    raw = npy(array)
    assert b"'fortran_order': True" in raw
    read = read_npz(zip_of([("a.npy", raw, zipfile.ZIP_STORED)]))["a"]
    assert np.array_equal(read, np.arange(12.0).reshape(3, 4))
    assert read.flags.c_contiguous


def test_empty_arrays_are_read_and_an_empty_training_curve_opens(tmp_path):
    arrays = read_npz(zip_of([("e.npy", npy(np.zeros((0, 3))), zipfile.ZIP_STORED)]))
    assert arrays["e"].shape == (0, 3)
    doc = small_document()
    doc.history = {"loss": np.zeros(0)}
    path = tmp_path / "s.lstms"
    io.save_session(doc, path)
    assert load_session(path).history["loss"].shape == (0,)


def test_the_arrays_inside_share_the_budget_left_by_the_file_around_them(tmp_path):
    # arrays.npz deflated in the file (10 MB, charged), and inside it 8 MB more deflated: 18 MB
    # of a 16 MB floor in all, though each level alone would fit it
    stored_curve = npy(np.zeros(10 * MIB // 8))
    inner = zip_of([("history/a.npy", stored_curve, zipfile.ZIP_STORED),
                    ("history/b.npy", deflated_npy_of(8 * MIB, np.float64), zipfile.ZIP_DEFLATED)])
    path = tmp_path / "s.lstms"
    path.write_bytes(session_bytes(arrays_npz=inner, arrays_compression=zipfile.ZIP_DEFLATED))
    assert path.stat().st_size * RATIO < FLOOR
    assert refusal(path).startswith("arrays.npz: 'history/b.npy' would unpack to 8.0 MB from ")


# ------------------------------------------------------------------------------------ writing
def test_a_saved_file_deflates_its_settings_and_stores_its_arrays_as_plain_dated_files(tmp_path):
    # the module's docstring: session.json deflated, arrays.npz stored, its .npy members stored;
    # each member dated 1980-01-01 (the same document, the same bytes) and a plain file (rw-r--r--)
    path = tmp_path / "s.lstms"
    io.save_session(small_document(), path)
    with zipfile.ZipFile(path) as outer:
        infos = {info.filename: info for info in outer.infolist()}
        npz = outer.read("arrays.npz")
    assert infos["session.json"].compress_type == zipfile.ZIP_DEFLATED
    assert infos["arrays.npz"].compress_type == zipfile.ZIP_STORED
    with zipfile.ZipFile(std_io.BytesIO(npz)) as inner:
        inner_infos = inner.infolist()
    assert {info.compress_type for info in inner_infos} == {zipfile.ZIP_STORED}
    for info in [*infos.values(), *inner_infos]:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.external_attr >> 16 == 0o644, oct(info.external_attr)


def test_a_saved_file_deflates_its_settings_at_the_fastest_level(tmp_path):
    # "the fastest deflate" (level 1): the member holds what zlib's level 1 makes of the text,
    # which here is longer than what levels 2 and 6 (zlib's default) make of it
    path = tmp_path / "s.lstms"
    io.save_session(small_document(), path)
    with zipfile.ZipFile(path) as outer:
        info = outer.getinfo("session.json")
        text = outer.read("session.json")

    def deflated_size(level):
        deflate = zlib.compressobj(level, zlib.DEFLATED, -15)  # raw deflate, as in a zip
        return len(deflate.compress(text) + deflate.flush())

    assert deflated_size(1) not in (deflated_size(2), deflated_size(6))
    assert info.compress_size == deflated_size(1)


def test_an_archive_never_pickles_an_array():
    # "its .npy members never pickled": an object array is refused rather than written
    with pytest.raises(ValueError, match="allow_pickle"):
        archive.write_archive(std_io.BytesIO(), "{}", {"x": np.array([{"a": 1}, None], dtype=object)})


def test_a_pickled_object_array_is_refused_with_the_whole_message():
    pickled = std_io.BytesIO()
    np.lib.format.write_array(pickled, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    assert npz_refusal(zip_of([("x.npy", pickled.getvalue(), zipfile.ZIP_STORED)])) == (
        "arrays.npz: 'x' is a pickled object array; session files hold only numbers and are never unpickled.")


def test_a_damaged_parameter_file_is_called_an_npz_archive_not_a_session(tmp_path):
    """Opening weights from a broken .npz names what the user opened, not a session file."""
    import pytest

    from lstm_studio.session.params_io import ParameterFileError, read_parameter_file

    path = tmp_path / "weights.npz"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ParameterFileError) as refused:
        read_parameter_file(path)
    assert str(refused.value) == ("weights.npz: not a NumPy .npz archive: the file is not a zip archive "
                                  "or is damaged (truncated?).")
    assert "session" not in str(refused.value)
