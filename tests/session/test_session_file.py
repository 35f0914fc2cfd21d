"""The .lstms format: round trip, versions and migration, atomic save, refusal of bad files."""

import copy
import errno
import json
import os
import struct
import zipfile

import numpy as np
import pytest

from lstm_studio.engine import KINDS
from lstm_studio.engine.tasks import DEFAULT_TEXT_KO
from lstm_studio.session import archive, file_checks, io, safe_files
from lstm_studio.session.document import BpttSettings, NetworkConfig, new_document
from lstm_studio.session.experiments import task_document
from lstm_studio.session.io import SessionFileError, load_session, save_session



def refused(path, *fragments):
    """Loading ``path`` raises SessionFileError whose message contains every fragment."""
    with pytest.raises(SessionFileError) as info:
        load_session(path)
    for fragment in fragments:
        assert fragment in str(info.value)
    return str(info.value)


@pytest.fixture
def parts(samples):
    """(meta, arrays) of the sample document, to be altered by a test."""
    return io.encode(samples.sample_document())


# ---------------------------------------------------------------------------------- round trip
@pytest.mark.parametrize("kind", KINDS)
def test_round_trip_is_bit_for_bit_for_every_kind(tmp_path, kind):
    doc = new_document(NetworkConfig(kind=kind, input_size=2, hidden_size=3, num_layers=2,
                                     bidirectional=True), seed=5)
    doc.inputs = np.random.default_rng(1).normal(size=doc.inputs.shape)
    doc.c0 = np.random.default_rng(2).normal(size=doc.c0.shape)
    path = tmp_path / "a.lstms"
    save_session(doc, path)
    assert load_session(path).equals(doc)


def test_lstm_without_forget_gate_reopens_with_its_three_gate_blocks_and_cell(tmp_path):
    doc = new_document(NetworkConfig(kind="lstm_nofg", input_size=2, hidden_size=3), seed=4)
    doc.c0 = np.full(doc.c0.shape, 0.5)
    save_session(doc, tmp_path / "nofg.lstms")
    loaded = load_session(tmp_path / "nofg.lstms")
    assert loaded.config.kind == "lstm_nofg" and loaded.config.has_cell_state
    assert loaded.parameters["weight_ih_l0"].shape == (9, 2)
    np.testing.assert_array_equal(loaded.c0, doc.c0)


def test_save_writes_one_zip_with_json_and_npz_readable_without_pickle(tmp_path, samples):
    path = tmp_path / "s.lstms"
    save_session(samples.sample_document(), path)
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["session.json", "arrays.npz"]
        text = archive.read("session.json").decode("utf-8")
        meta = json.loads(text)
        with archive.open("arrays.npz") as npz, np.load(npz, allow_pickle=False) as arrays:
            assert "parameters/weight_hh_l1" in arrays.files
            assert arrays["inputs"].shape == (6, 2)
    assert meta["format"] == "lstm-studio-session"
    assert meta["format_version"] == "1.4"
    assert meta["network"]["hidden_size"] == 3
    assert meta["view"]["display_mode"] == "reveal"
    assert meta["view"]["colour_scale"] == "auto"
    assert text.startswith('{\n  "format": "lstm-studio-session",\n  "format_version": "1.4",\n')  # for people too


def test_same_document_gives_same_bytes(tmp_path, samples):
    save_session(samples.sample_document(), tmp_path / "a.lstms")
    save_session(samples.sample_document(), tmp_path / "b.lstms")
    assert (tmp_path / "a.lstms").read_bytes() == (tmp_path / "b.lstms").read_bytes()


def test_text_beyond_ascii_is_written_as_itself_in_utf_8(tmp_path):
    doc = task_document("next_char", text=DEFAULT_TEXT_KO)
    save_session(doc, tmp_path / "ko.lstms")
    with zipfile.ZipFile(tmp_path / "ko.lstms") as archive:
        text = archive.read("session.json")
    assert json.dumps(DEFAULT_TEXT_KO, ensure_ascii=False).encode("utf-8") in text  # no \\uXXXX escapes


# ------------------------------------------------------------------------- versions, migration
def test_current_version_sample_loads_to_the_sample_document(sample_path, samples):
    assert load_session(sample_path).equals(samples.sample_document())


def test_version_1_2_sample_is_migrated_with_the_bptt_settings_of_its_plots(samples, data_dir):
    """A 1.2 file's training settings may hold copies of truncation and clipping (what the
    training dock showed); its "bptt" object (what the plots computed with) is the one kept."""
    doc = load_session(data_dir / "session_v1_2.lstms")
    assert doc.equals(samples.sample_document())
    assert doc.bptt == BpttSettings(truncate=3) and not {"truncate", "clip_norm", "clip_value"} & set(doc.training)


def test_training_settings_are_saved_and_read_back(tmp_path, samples):
    doc = samples.sample_document()
    doc.training = {"optimizer": "sgd", "lr": 0.5, "momentum": 0.9, "batch_size": 4, "seed": 11, "steps": 12}
    doc.bptt = BpttSettings(clip_value=0.25)
    save_session(doc, tmp_path / "t.lstms")
    loaded = load_session(tmp_path / "t.lstms")
    assert loaded.equals(doc)
    assert loaded.training == doc.training and loaded.bptt == BpttSettings(clip_value=0.25)


def test_version_1_1_sample_is_migrated_with_fixed_colour_scales(samples, data_dir):
    doc = load_session(data_dir / "session_v1_1.lstms")
    assert doc.equals(samples.sample_document_v1_1())
    assert doc.view.colour_scale == "fixed" and doc.view.display_mode == "reveal"


@pytest.mark.parametrize("scale", ["fixed", "auto"])
def test_colour_scale_is_saved_and_read_back(tmp_path, samples, scale):
    doc = samples.sample_document()
    doc.view.colour_scale = scale
    save_session(doc, tmp_path / "c.lstms")
    assert load_session(tmp_path / "c.lstms").view.colour_scale == scale


@pytest.mark.parametrize("value", ["bright", None, 1])
def test_unknown_colour_scale_is_refused(tmp_path, samples, parts, value):
    meta, arrays = parts
    meta["view"]["colour_scale"] = value
    samples.write_raw(tmp_path / "c.lstms", meta, arrays)
    refused(tmp_path / "c.lstms", "view.colour_scale", "fixed")


def test_current_files_need_their_colour_scale(tmp_path, samples, parts):
    meta, arrays = parts  # current content
    del meta["view"]["colour_scale"]
    samples.write_raw(tmp_path / "missing.lstms", meta, arrays)
    refused(tmp_path / "missing.lstms", "view.colour_scale", "missing")


def test_version_1_0_sample_is_migrated(samples, data_dir):
    doc = load_session(data_dir / "session_v1_0.lstms")
    assert doc.equals(samples.sample_document_v1_0())
    assert doc.bptt == BpttSettings(truncate=3, clip_norm=None, clip_value=None)


def test_migration_chain_reaches_the_current_version(parts):
    meta, arrays = parts
    meta["format_version"] = "1.0"
    meta["truncate"] = None
    del meta["bptt"], meta["view"]
    migrated, _ = io.migrate(meta, arrays, (1, 0))
    assert migrated["format_version"] == "{}.{}".format(*io.FORMAT_VERSION) == "1.4"
    assert migrated["bptt"] == {"truncate": None, "clip_norm": None, "clip_value": None}
    assert migrated["view"]["colour_scale"] == "fixed"


def test_newer_major_version_is_refused_with_a_clear_message(tmp_path, samples, parts):
    meta, arrays = parts
    meta["format_version"] = "2.0"
    meta["app_version"] = "3.1.0"
    meta["something_new"] = {"x": 1}
    samples.write_raw(tmp_path / "new.lstms", meta, {"totally": np.zeros(2)})
    message = refused(tmp_path / "new.lstms", "format 2.0", "newer LSTM Studio", "3.1.0", "update")
    assert "1.x" in message


@pytest.mark.parametrize("app_version", [3, None])
def test_newer_major_version_without_an_app_version_text_says_unknown_version(tmp_path, samples, parts, app_version):
    meta, arrays = parts
    meta["format_version"] = "2.0"
    meta["app_version"] = app_version
    samples.write_raw(tmp_path / "new.lstms", meta, arrays)
    refused(tmp_path / "new.lstms", "format 2.0 by a newer LSTM Studio (unknown version)")


def test_newer_minor_version_loads_ignoring_what_it_does_not_know(tmp_path, samples, parts):
    meta, arrays = parts
    meta["format_version"] = "1.9"
    meta["bptt"]["future_option"] = True
    meta["colour"] = "blue"
    arrays["future/array"] = np.zeros(3)
    samples.write_raw(tmp_path / "minor.lstms", meta, arrays)
    assert load_session(tmp_path / "minor.lstms").equals(samples.sample_document())


@pytest.mark.parametrize("version", ["0.9", "1", "v1.1", 1.1, None])
def test_unknown_or_malformed_versions_are_refused(tmp_path, version, samples, parts):
    meta, arrays = parts
    meta["format_version"] = version
    samples.write_raw(tmp_path / "v.lstms", meta, arrays)
    refused(tmp_path / "v.lstms", "format")


def test_other_formats_are_refused(tmp_path, samples, parts):
    meta, arrays = parts
    meta["format"] = "some-other-app"
    samples.write_raw(tmp_path / "o.lstms", meta, arrays)
    refused(tmp_path / "o.lstms", "not an LSTM Studio session")


# ---------------------------------------------------------------------------- atomic saving
def test_failure_midway_through_save_leaves_the_old_file_intact(tmp_path, monkeypatch, samples):
    path = tmp_path / "keep.lstms"
    save_session(samples.sample_document(), path)
    before = path.read_bytes()
    real_writestr = zipfile.ZipFile.writestr

    def failing_writestr(self, info, data, *args, **kwargs):
        if getattr(info, "filename", info) == "arrays.npz":
            self.fp.write(b"half of the arrays")
            raise OSError(28, "No space left on device")
        return real_writestr(self, info, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing_writestr)
    changed = samples.sample_document()
    changed.inputs = changed.inputs + 1.0
    with pytest.raises(SessionFileError, match="No space left on device"):
        save_session(changed, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["keep.lstms"]


def test_failure_of_the_final_rename_leaves_the_old_file_intact(tmp_path, monkeypatch, samples):
    path = tmp_path / "keep.lstms"
    save_session(samples.sample_document(), path)
    before = path.read_bytes()

    def failing_replace(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe_files.os, "replace", failing_replace)
    with pytest.raises(SessionFileError, match="Permission denied"):
        save_session(new_document(), path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["keep.lstms"]


def test_saving_into_a_missing_folder_says_so(tmp_path):
    with pytest.raises(SessionFileError) as info:
        save_session(new_document(), tmp_path / "no" / "such" / "x.lstms")
    assert str(info.value) == f"Cannot save x.lstms: {os.strerror(errno.ENOENT)}."


def test_numpy_scalars_in_settings_are_saved_as_plain_numbers(tmp_path, samples):
    doc = samples.sample_document()
    doc.training = {"learning_rate": np.float32(0.5), "steps": np.int64(3), "betas": (np.float64(0.9), 0.99)}
    save_session(doc, tmp_path / "n.lstms")
    assert load_session(tmp_path / "n.lstms").training == {"learning_rate": 0.5, "steps": 3, "betas": [0.9, 0.99]}


def test_save_keeps_the_mode_of_the_replaced_file(tmp_path):
    path = tmp_path / "m.lstms"
    save_session(new_document(), path)
    os.chmod(path, 0o640)
    save_session(new_document(), path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_the_file_is_written_as_a_hidden_temporary_file_named_after_it_in_its_folder(tmp_path):
    """``.<name>.<random>.tmp``: the name the autosave's clean-up looks for after a crash."""
    seen = []
    io.write_atomically(tmp_path / "a.lstms", lambda fh: seen.extend(os.listdir(tmp_path)))
    assert len(seen) == 1 and seen[0].startswith(".a.lstms.") and seen[0].endswith(".tmp")
    assert os.listdir(tmp_path) == ["a.lstms"]


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600)])
def test_a_new_file_gets_the_usual_mode_for_the_umask(tmp_path, umask, mode):
    before = os.umask(umask)
    try:
        save_session(new_document(), tmp_path / "n.lstms")
    finally:
        os.umask(before)
    assert (tmp_path / "n.lstms").stat().st_mode & 0o7777 == mode


@pytest.mark.parametrize("change, fragment", [
    (lambda d: d.inputs.__setitem__((0, 0), np.nan), "'inputs' contains NaN"),
    (lambda d: d.training.__setitem__("rate", float("inf")), "not plain data"),
    (lambda d: d.training.__setitem__("callback", print), "not plain data"),
    (lambda d: d.history.__setitem__("a/b", np.zeros(2)), "curve name"),
    (lambda d: setattr(d, "loss_mask", np.zeros(6, dtype=bool)), "at least one time step"),
    (lambda d: setattr(d, "lesson", {"id": "x", "page": 0, "seed": 0, "panel": "gates", "colour": 1}),
     "unknown setting 'lesson.colour'"),
])
def test_documents_that_could_not_be_read_back_are_not_saved(tmp_path, change, fragment, samples):
    doc = samples.sample_document()
    change(doc)
    with pytest.raises(SessionFileError, match=fragment):
        save_session(doc, tmp_path / "x.lstms")
    assert os.listdir(tmp_path) == []


# ------------------------------------------------------------------------------- bad archives
def test_missing_file_and_folder_are_refused(tmp_path):
    refused(tmp_path / "nothing.lstms", "Cannot read nothing.lstms")
    refused(tmp_path, "Cannot read")


@pytest.mark.parametrize("content", [b"", b"hello world", b"PK\x03\x04" + b"\x00" * 40])
def test_non_zip_files_are_refused(tmp_path, content):
    (tmp_path / "x.lstms").write_bytes(content)
    refused(tmp_path / "x.lstms", "not a zip archive")


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 0.99])
def test_truncated_files_are_refused(tmp_path, sample_path, keep):
    data = sample_path.read_bytes()
    (tmp_path / "t.lstms").write_bytes(data[: int(len(data) * keep)])
    refused(tmp_path / "t.lstms")


def write_members(path, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)


def sample_members(sample_path):
    with zipfile.ZipFile(sample_path) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def test_missing_member_is_refused(tmp_path, sample_path):
    members = sample_members(sample_path)
    write_members(tmp_path / "m.lstms", members[:1])
    refused(tmp_path / "m.lstms", "no 'arrays.npz'")


def test_extra_member_is_refused(tmp_path, sample_path):
    write_members(tmp_path / "e.lstms", sample_members(sample_path) + [("notes.txt", b"hi")])
    refused(tmp_path / "e.lstms", "unexpected member 'notes.txt'")


def test_duplicate_member_is_refused(tmp_path, sample_path):
    members = sample_members(sample_path)
    with pytest.warns(UserWarning, match="Duplicate name"):
        write_members(tmp_path / "d.lstms", members + members[:1])
    refused(tmp_path / "d.lstms", "'session.json' twice")


def central_header(data: bytes, member: bytes) -> int:
    """Offset of the central-directory header of ``member`` (outer archive only)."""
    at = -1
    while (at := data.find(b"PK\x01\x02", at + 1)) >= 0:
        name_length = int.from_bytes(data[at + 28: at + 30], "little")
        if data[at + 46: at + 46 + name_length] == member:
            return at
    raise AssertionError("member not found")


def test_encrypted_member_is_refused(tmp_path, sample_path):
    data = bytearray(sample_path.read_bytes())
    data[central_header(data, b"session.json") + 8] |= 0x1  # general purpose flag: encrypted
    (tmp_path / "c.lstms").write_bytes(bytes(data))
    refused(tmp_path / "c.lstms", "'session.json' is encrypted")


def set_declared_size(data: bytes, member: bytes, size: int) -> bytes:
    """Patch the central directory so ``member`` claims ``size`` uncompressed bytes."""
    data = bytearray(data)
    at = central_header(data, member)
    data[at + 24: at + 28] = size.to_bytes(4, "little")
    return bytes(data)


@pytest.mark.parametrize("size, shown", [(2 * 2**30, "2.0 GB"), (int(2.6 * 2**30), "2.6 GB")])
def test_two_gigabyte_member_is_refused_before_reading(tmp_path, sample_path, monkeypatch, size, shown):
    (tmp_path / "big.lstms").write_bytes(set_declared_size(sample_path.read_bytes(), b"arrays.npz", size))
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("member was read"))
    refused(tmp_path / "big.lstms", f"'arrays.npz' would unpack to {shown},", "1.0 GB")


def test_a_member_declaring_terabytes_in_a_zip64_field_is_refused_quoting_them_in_gigabytes(tmp_path, sample_path):
    data = bytearray(sample_path.read_bytes())
    at = central_header(data, b"arrays.npz")
    name_length, extra_length = struct.unpack("<HH", data[at + 28: at + 32])
    zip64 = struct.pack("<HHQ", 1, 8, 2 * 2**40)  # the uncompressed size, 2 TB
    data[at + 24: at + 28] = (0xFFFFFFFF).to_bytes(4, "little")  # "see the ZIP64 field"
    data[at + 30: at + 32] = (extra_length + len(zip64)).to_bytes(2, "little")
    data[at + 46 + name_length + extra_length: at + 46 + name_length + extra_length] = zip64
    end = data.rfind(b"PK\x05\x06")  # the central directory grew
    data[end + 12: end + 16] = (int.from_bytes(data[end + 12: end + 16], "little") + len(zip64)).to_bytes(4, "little")
    (tmp_path / "huge.lstms").write_bytes(bytes(data))
    refused(tmp_path / "huge.lstms", "'arrays.npz' would unpack to 2048.0 GB,")


def test_member_larger_than_declared_is_refused(tmp_path, sample_path):
    (tmp_path / "lie.lstms").write_bytes(set_declared_size(sample_path.read_bytes(), b"session.json", 100))
    refused(tmp_path / "lie.lstms", "'session.json' unpacks to more than its declared size (100 bytes)")


def test_member_smaller_than_declared_is_refused_as_damaged(tmp_path, sample_path):
    data = sample_path.read_bytes()
    with zipfile.ZipFile(sample_path) as archive:
        size = archive.getinfo("session.json").file_size
    (tmp_path / "short.lstms").write_bytes(set_declared_size(data, b"session.json", size + 10))
    refused(tmp_path / "short.lstms", "'session.json' is damaged and cannot be unpacked")


def test_zip_bomb_is_refused(tmp_path, monkeypatch, parts):
    inner = tmp_path / "inner.npz"
    write_members(inner, [("inputs.npy", b"\x00" * (64 * 2**20))])
    assert inner.stat().st_size < 2**20
    meta, _ = parts
    write_members(tmp_path / "bomb.lstms", [("session.json", json.dumps(meta)), ("arrays.npz", inner.read_bytes())])
    monkeypatch.setattr(archive, "MAX_ARRAY_BYTES", 16 * 2**20)
    refused(tmp_path / "bomb.lstms", "arrays.npz: 'inputs.npy' would unpack to 64.0 MB")


def test_archive_with_too_many_members_is_refused(tmp_path, monkeypatch, parts):
    meta, arrays = parts
    arrays.update({f"history/curve {k}": np.zeros(1) for k in range(20)})
    samples_path = tmp_path / "many.lstms"
    with open(samples_path, "wb") as fh:
        io.write_archive(fh, json.dumps(meta), arrays)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 20)
    refused(samples_path, "arrays.npz: the archive holds more than 20 members")


def test_member_count_is_checked_before_the_directory_is_loaded(tmp_path, monkeypatch):
    write_members(tmp_path / "many.lstms", [(f"m{k}", b"") for k in range(30)])
    monkeypatch.setattr(archive, "MAX_MEMBERS", 20)
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: pytest.fail("directory was loaded"))
    refused(tmp_path / "many.lstms", "more than 20 members")


def test_zip64_archives_are_refused(tmp_path, monkeypatch, sample_path):
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 1)  # makes zipfile write ZIP64 records
    write_members(tmp_path / "z64.lstms", sample_members(sample_path))
    refused(tmp_path / "z64.lstms", "ZIP64")


def test_json_larger_than_its_cap_is_refused(tmp_path, monkeypatch, samples, parts):
    meta, arrays = parts
    meta["training"]["notes"] = "x" * 5000
    samples.write_raw(tmp_path / "j.lstms", meta, arrays)
    monkeypatch.setattr(io, "MAX_JSON_BYTES", 4096)
    refused(tmp_path / "j.lstms", "'session.json' would unpack to", "more than the 4.0 KB a session may hold")


# ----------------------------------------------------------------------------------- bad JSON
@pytest.mark.parametrize("text, fragment", [
    (b"\xff\xfe", "not UTF-8"),
    (b"{", "not valid JSON"),
    (b"[1, 2]", "must hold a JSON object"),
    (b'{"format": NaN}', "NaN is not allowed"),
    (b'{"seed": 1e999}', "out of range"),
    (b'{"seed": 1, "seed": 2}', "'seed' appears twice"),
    (b"[" * 100000, "not valid JSON"),
])
def test_malformed_json_is_refused(tmp_path, sample_path, text, fragment):
    members = sample_members(sample_path)
    write_members(tmp_path / "j.lstms", [("session.json", text), members[1]])
    refused(tmp_path / "j.lstms", "session.json", fragment)


def with_value(meta, path, value):
    target = meta
    *parents, last = path.split(".")
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return meta


@pytest.mark.parametrize("path, value, fragment", [
    ("network.hidden_size", "8", "'network.hidden_size' must be a whole number, not text"),
    ("network.hidden_size", 8.5, "'network.hidden_size' must be a whole number, not a number."),
    ("network.hidden_size", True, "must be a whole number, not true/false"),
    ("network.hidden_size", 0, "must be at least 1"),
    ("network.hidden_size", 100000, "hidden size 100000 is beyond"),
    ("network.kind", "transformer", "'network.kind' must be one of"),
    ("network.kind", ["lstm"], "'network.kind' must be one of"),
    ("network.bidirectional", 1, "'network.bidirectional' must be true or false, not a whole number."),
    ("network.seq_len", KeyError, "'network.seq_len' is missing"),
    ("network", [], "'network' must be an object, not a list"),
    ("network.colour", "red", "unknown setting 'network.colour'"),
    ("colour", "red", "unknown setting 'colour'"),
    ("seed", -1, "'seed' must be between 0"),
    ("seed", None, "'seed' must be a whole number, not null"),
    ("loss", "hinge", "'loss' must be one of 'mse', 'cross_entropy'"),
    ("init_scheme", "he", "'init_scheme' must be one of"),
    ("bptt.truncate", 0, "'bptt.truncate' must be at least 1"),
    ("bptt.clip_norm", -1.0, "'bptt.clip_norm' must be a positive number"),
    ("bptt.clip_norm", 10**400, "'bptt.clip_norm' must be a positive number up to 1e+300"),
    ("bptt.clip_value", "1", "'bptt.clip_value' must be a positive number or null, not text"),
    ("task", 3, "'task' must be text or null"),
    ("training", [], "'training' must be an object"),
    ("training.lr", -1, "'training': learning rate must be a positive number"),
    ("training.optimizer", "rmsprop", "'training': unknown optimiser 'rmsprop'"),
    ("training.steps", 2.5, "'training': steps must be an integer"),
    ("training.seed", 2**40, "'training': seed must be at most 2147483647"),
    ("training.task_options", [], "'training': task_options must be an object"),
    ("training.task_options", {"colour": 1}, "has no option 'colour'"),
    ("task", "chess", "'training': unknown task 'chess'"),
    ("view.time_step", 6, "'view.time_step' must be between 0 and 5"),
    ("view.unit", 3, "'view.unit' must be between 0 and 2"),
    ("view.display_mode", "all", "'view.display_mode' must be one of"),
    ("view", KeyError, "'view' is missing"),
    ("app_version", 1, "'app_version' must be text"),
])
def test_wrong_settings_are_refused_naming_the_setting(tmp_path, path, value, fragment, samples, parts):
    meta, arrays = parts
    samples.write_raw(tmp_path / "s.lstms", with_value(meta, path, value), arrays)
    refused(tmp_path / "s.lstms", "session.json: ", fragment)


# --------------------------------------------------------------------------------- bad arrays
def npy_bytes(array, allow_pickle=False):
    import io as std_io

    buffer = std_io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def write_with_npy(path, parts, replace: dict[str, bytes], drop=()):
    """The sample with some .npy members replaced by raw bytes (or dropped)."""
    meta, arrays = parts
    members = [(f"{name}.npy", npy_bytes(a)) for name, a in arrays.items() if name not in drop]
    members = [(name, replace.pop(name[:-4], data)) for name, data in members]
    members += [(f"{name}.npy", data) for name, data in replace.items()]
    inner = path.with_suffix(".npz")
    write_members(inner, members)
    write_members(path, [("session.json", json.dumps(meta)), ("arrays.npz", inner.read_bytes())])


@pytest.mark.parametrize("name, array, fragment", [
    ("parameters/weight_hh_l0", np.zeros((12, 4)), "must have shape (12, 3), not (12, 4)"),
    ("parameters/weight_hh_l0", np.zeros((12, 3), np.float32), "must be float64, not float32"),
    ("parameters/bias_ih_l1", np.full(12, np.nan), "'parameters/bias_ih_l1' contains NaN"),
    ("inputs", np.full((6, 2), np.inf), "'inputs' contains NaN or infinity"),
    ("h0", np.zeros((3, 3)), "'h0' must have shape (2, 3)"),
    ("loss_mask", np.ones(6), "'loss_mask' must be bool"),
    ("loss_mask", np.zeros(6, bool), "at least one time step"),
    ("readout/weight", np.zeros((1, 4)), "'readout/weight' must have shape (1, 3)"),
    ("history/loss", np.zeros((2, 2)), "training curve 'loss' must be a 1-D array"),
    ("history/loss", np.array(["a"]), "unsupported data type"),
    ("extra", np.zeros(1), "unexpected array 'extra'"),
])
def test_wrong_arrays_are_refused_naming_the_array(tmp_path, name, array, fragment, parts):
    write_with_npy(tmp_path / "a.lstms", parts, {name: npy_bytes(array)})
    refused(tmp_path / "a.lstms", "arrays.npz: ", fragment)


def test_missing_array_is_refused(tmp_path, parts):
    write_with_npy(tmp_path / "a.lstms", parts, {}, drop={"parameters/weight_ih_l1", "c0"})
    refused(tmp_path / "a.lstms", "'parameters/weight_ih_l1' is missing (and 1 more)")


def test_pickled_object_array_is_refused_without_unpickling(tmp_path, monkeypatch, parts):
    pickled = npy_bytes(np.array([{"evil": 1}, None], dtype=object), allow_pickle=True)
    write_with_npy(tmp_path / "p.lstms", parts, {"inputs": pickled})
    monkeypatch.setattr("pickle.loads", lambda *a, **k: pytest.fail("unpickled"))
    refused(tmp_path / "p.lstms", "'inputs' is a pickled object array")


@pytest.mark.parametrize("raw, fragment", [
    (b"not an array", "not a valid NumPy array"),
    (npy_bytes(np.zeros((6, 2)))[:-8], "truncated"),
    (npy_bytes(np.zeros((6, 2))) + b"x", "extra bytes"),
    (npy_bytes(np.zeros((6, 2))).replace(b"(6, 2)", b"(-6, -2)"), "negative dimension"),
    (npy_bytes(np.zeros((6, 2))).replace(b"(6, 2)", b"(10**12, 2)"), "not a valid NumPy array"),
    (npy_bytes(np.zeros(2, dtype=[("a", "<f8")])), "unsupported data type"),
])
def test_damaged_npy_members_are_refused(tmp_path, raw, fragment, parts):
    write_with_npy(tmp_path / "n.lstms", parts, {"inputs": raw})
    refused(tmp_path / "n.lstms", "arrays.npz: ", fragment)


def test_npz_member_that_is_not_npy_is_refused(tmp_path, parts):
    write_with_npy(tmp_path / "n.lstms", parts, {})
    meta, _ = parts
    inner = tmp_path / "n.npz"
    with zipfile.ZipFile(inner, "a") as archive:
        archive.writestr("readme.txt", b"hi")
    write_members(tmp_path / "n.lstms", [("session.json", json.dumps(meta)), ("arrays.npz", inner.read_bytes())])
    refused(tmp_path / "n.lstms", "unexpected member 'readme.txt'")


def test_big_endian_arrays_are_read_as_native(tmp_path, samples, parts):
    doc = samples.sample_document()
    write_with_npy(tmp_path / "b.lstms", parts, {"inputs": npy_bytes(doc.inputs.astype(">f8"))})
    assert load_session(tmp_path / "b.lstms").equals(doc)


# ------------------------------------------------------------------ weights of the other kinds
def visited_kinds(samples):
    """The sample document after a look at the GRU and the RNN (hidden size 4 in between)."""
    from lstm_studio.session.document import reconfigured

    doc = reconfigured(reconfigured(samples.sample_document(), kind="gru"), hidden_size=4)
    doc = reconfigured(doc, kind="rnn_tanh")
    assert set(doc.kind_weights) == {"lstm", "gru"}
    return doc


def test_the_weights_of_other_kinds_are_saved_and_come_back(tmp_path, samples):
    from lstm_studio.session.document import reconfigured

    doc = visited_kinds(samples)
    save_session(doc, tmp_path / "k.lstms")
    loaded = load_session(tmp_path / "k.lstms")
    assert loaded.equals(doc)
    assert reconfigured(loaded, kind="gru").equals(reconfigured(doc, kind="gru"))
    with zipfile.ZipFile(tmp_path / "k.lstms") as archive:
        meta = json.loads(archive.read("session.json"))
    assert meta["kind_weights"]["lstm"]["network"]["hidden_size"] == 3
    assert meta["kind_weights"]["gru"]["network"]["hidden_size"] == 4
    assert "kind_weights" not in io.encode(samples.sample_document())[0]  # none: nothing written


@pytest.mark.parametrize("alter, fragments", [
    (lambda m, a: m["kind_weights"].__setitem__("rnn_tanh", m["kind_weights"].pop("lstm")), ["another kind"]),
    (lambda m, a: m["kind_weights"].__setitem__("elman", {}), ["another kind"]),
    (lambda m, a: m["kind_weights"]["gru"]["network"].__setitem__("kind", "lstm"), ["kind_weights.gru", "'gru'"]),
    (lambda m, a: m["kind_weights"]["gru"]["network"].__setitem__("hidden_size", 0), ["at least 1"]),
    (lambda m, a: m.__setitem__("kind_weights", [1]), ["kind_weights", "object"]),
    (lambda m, a: a.pop("kinds/gru/parameters/bias_hh_l0"), ["kinds/gru/parameters/bias_hh_l0", "missing"]),
    (lambda m, a: a.__setitem__("kinds/gru/readout/bias", np.zeros(5)), ["kinds/gru/readout/bias", "shape"]),
    (lambda m, a: a.__setitem__("kinds/lstm/readout/bias", np.array([np.nan])), ["NaN"]),
    (lambda m, a: a.__setitem__("kinds/lstm/readout/bias", np.array([1, 2], dtype=np.int64)[:1]), ["float64"]),
    (lambda m, a: a.__setitem__("kinds/gru/parameters/extra", np.zeros(2)), ["unexpected array"]),
])
def test_weights_of_other_kinds_that_do_not_fit_are_refused(tmp_path, samples, alter, fragments):
    meta, arrays = io.encode(visited_kinds(samples))
    alter(meta, arrays)
    samples.write_raw(tmp_path / "bad.lstms", meta, arrays)
    refused(tmp_path / "bad.lstms", *fragments)


def test_a_1_3_file_opens_as_it_was_and_saves_as_1_4(tmp_path):
    """1.4 only adds optional settings: a 1.3 file is the same document, and an app that reads
    1.3 sees a 1.4 file as a newer minor version (it ignores what it does not know)."""
    from lstm_studio.session.experiments import task_document

    doc = task_document("sine")
    path = tmp_path / "s.lstms"
    io.save_session(doc, path)
    import json
    import zipfile
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    meta = json.loads(members[io.SESSION_JSON])
    assert meta["format_version"] == "1.4"
    meta["format_version"] = "1.3"
    old = tmp_path / "old.lstms"
    with zipfile.ZipFile(old, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, json.dumps(meta) if name == io.SESSION_JSON else data)
    assert io.load_session(old).equals(doc)


def test_saving_the_same_session_again_does_not_rebuild_its_task(tmp_path, monkeypatch):
    from lstm_studio.session import io as session_io
    from lstm_studio.session.experiments import task_document

    built = []
    original = file_checks.make_task
    monkeypatch.setattr(file_checks, "make_task", lambda name, **options: built.append(name) or original(name, **options))
    document = task_document("next_char", text="the cat sat on the mat. " * 50, seq_len=10)
    session_io.save_session(document, tmp_path / "a.lstms")
    session_io.save_session(document, tmp_path / "a.lstms")  # an autosave of the same text: checked already
    assert built == ["next_char"]
    other = task_document("next_char", text="a dog ran to the red mat. " * 50, seq_len=10)
    session_io.save_session(other, tmp_path / "b.lstms")  # another text: checked
    assert built == ["next_char", "next_char"]
    assert session_io.load_session(tmp_path / "a.lstms").equals(document)
    broken = copy.deepcopy(other.training)  # options equal to none checked before are still refused
    broken["task_options"]["text"] = "aaaa"
    other.training = broken
    with pytest.raises(SessionFileError, match="two different characters"):
        session_io.save_session(other, tmp_path / "c.lstms")
