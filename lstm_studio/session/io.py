"""The ``.lstms`` session file: one zip holding ``session.json`` (settings) and ``arrays.npz``
(numbers). Pure Python and NumPy, no Qt.

Layout of format "lstm-studio-session", version 1.4::

    session.json  {"format": "lstm-studio-session", "format_version": "1.4", "app_version": "…",
                   "network": {"kind", "input_size", "hidden_size", "num_layers", "bidirectional",
                               "output_size", "seq_len", "embedding_size" (optional, 1.4)},
                   "init_scheme", "seed", "loss", "bptt": {"truncate", "clip_norm", "clip_value"},
                   "task", "training": {"optimizer", "lr", "momentum", "batch_size", "seed", "steps",
                                        "task_options", …},
                   "view": {"time_step", "layer", "direction", "unit",
                                                      "display_mode", "colour_scale"},
                   "lesson": null or {"id", "page", "seed", "panel", "curves": {name: [numbers]}},
                   "kind_weights": {kind: {"network": {…as "network"…}}}  (optional, 1.3),
                   "free_run_from": step (optional, 1.4; absent: free running off)}
    arrays.npz    .npy members (never pickled): parameters/<PyTorch name>, readout/weight,
                  readout/bias, inputs, targets, loss_mask, h0, c0, history/<curve name>,
                  kinds/<kind>/parameters/<PyTorch name>, kinds/<kind>/readout/{weight,bias}

Reading trusts nothing: only regular files are opened; the member count and uncompressed sizes
are capped before and while reading (a member that unpacks to more than it declares is stopped one
byte past its declared size; deflated members together may unpack to at most
:data:`INFLATE_RATIO` times the file's size, or :data:`INFLATE_FLOOR`, so a zip bomb is refused
from its directory before anything is inflated); every JSON value (text must be valid Unicode) and
every array (name, dtype, shape, finite numbers within ±:data:`VALUE_LIMIT`) is checked against
the network the file describes (``NetworkConfig.validated()``, the engine's parameter shapes), the
training settings and task against the engine's ``TrainingConfig`` and task registry, and
whatever is wrong becomes one :class:`SessionFileError` naming it. Saving refuses a document that
could not be read back (within the same caps: what saves, opens), and writes atomically
(:func:`write_atomically`, through symbolic links to their target; never over a folder, device or
pipe). Saving raises nothing but :class:`SessionFileError`.

Versions: MAJOR.MINOR. Older versions are migrated step by step (:data:`MIGRATIONS`); a newer
MAJOR version is refused; a newer MINOR version of the same major loads, ignoring settings and
arrays it does not know.

- 1.0: BPTT truncation as a top-level ``"truncate"`` (no clipping), no view state.
- 1.1: ``"bptt"`` object with clipping, ``"view"`` object.
- 1.2: ``"view"`` holds ``"colour_scale"`` ("fixed" or "auto"; files of 1.1 get "fixed"); an
  optional ``"lesson"`` object {"id", "page", "seed", "panel", "curves"?} names the lesson page
  the session was built from.
- 1.3: truncation and clipping live in ``"bptt"`` only. A 1.2 file's ``"training"`` could hold
  copies of them ("truncate", "clip_norm", "clip_value": what the training dock showed, often not
  what the panels computed with); they are dropped, and ``"bptt"`` — what the plots showed —
  holds for the panels and for training alike. The training settings in ``"training"`` (every
  one optional: a missing one is the default of a session without a task) are saved whenever
  they change, not only after a run. An optional ``"kind_weights"`` object (absent: none) holds,
  for each kind the network had before in the session, the network it had then; its weights and
  read-out are the arrays under ``kinds/<kind>/`` — switching back to that kind gives them back.
- 1.4: settings a 1.3 reader does not know, each optional and written only when in use (so a
  file without them is a 1.3 file but for its version; a 1.3 app reads a 1.4 file as a newer
  minor version, ignoring them, instead of refusing them as unknown). The training settings may
  hold "schedule", "schedule_period", "decay", "validation", "validate_every" and "stateful"
  (absent: constant rate, no validation, random windows). An optional
  ``"network.embedding_size"`` E (absent: 0, no embedding) puts an embedding matrix
  ``parameters/embedding`` (input_size × E) before the first layer. An optional
  ``"free_run_from"`` k (0-based, 1 ≤ k ≤ seq_len − 1; absent: off) feeds the network's own
  previous prediction back as its input from step k on (see
  :mod:`lstm_studio.session.free_running`); written only when on, so a file without it is what
  it was before.
"""

from __future__ import annotations

import copy
import io
import json
import math
import os
import re
import stat
import struct
import tempfile
import zipfile
import zlib
from collections import Counter
from dataclasses import asdict, fields
from pathlib import Path

import numpy as np

from lstm_studio import __version__
from lstm_studio.engine import KINDS, Network
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Phrase, Refusal, TranslatableError
from lstm_studio.engine.tasks import check_int, make_task
from lstm_studio.engine.training import TrainingConfig
from lstm_studio.session.document import (
    COLOUR_SCALES,
    DISPLAY_MODES,
    LESSON_PANELS,
    LOSS_KINDS,
    BpttSettings,
    NetworkConfig,
    VALUE_LIMIT,
    SessionDocument,
    ViewState,
)
from lstm_studio.session.experiments import BPTT_KEYS, TRAINING_KEYS
from lstm_studio.session.free_running import free_run_setting_refusal

FORMAT_NAME = "lstm-studio-session"
FORMAT_VERSION = (1, 4)
SESSION_JSON = "session.json"
ARRAYS_NPZ = "arrays.npz"

MAX_JSON_BYTES = 16 * 2**20
"""Largest ``session.json`` accepted (uncompressed), and written: the longest training text
(``MAX_TEXT_CHARS`` characters, at most 6 bytes each in JSON) fits with room to spare."""
MAX_ARRAY_BYTES = 2**30
"""Largest ``arrays.npz`` accepted, and largest sum of its uncompressed members."""
MAX_HISTORY_VALUES = 10_000_000
"""Most training-curve values a session may hold (all curves together)."""
MAX_MEMBERS = 10_000
"""Most arrays a session may hold (a network of the largest size has a few hundred)."""
INFLATE_RATIO = 20
INFLATE_FLOOR = 16 * 2**20
"""Deflated members other than ``session.json`` (which has its own cap), at every level of one
file, may unpack to at most ``INFLATE_RATIO`` times the file's size or ``INFLATE_FLOOR`` bytes,
whichever is more. The app stores arrays uncompressed; float arrays deflate by a few per cent,
while a zip bomb inflates a thousandfold."""
_DIRECTORY_BYTES_PER_MEMBER = 1024
_END_SEARCH = 22 + 65535  # the end record plus the longest archive comment
READ_CHUNK = 2**20
MAX_COUNT = 2**31 - 1
"""Largest step count, batch size or seed in the training settings (what the app's fields hold)."""
MAX_SETTING = 1e300
"""Largest clipping threshold accepted (any larger number is no clipping, and would overflow)."""

TOP_LEVEL_KEYS = ("format", "format_version", "app_version", "network", "init_scheme", "seed",
                  "loss", "bptt", "task", "training", "view")
OPTIONAL_KEYS = ("lesson", "kind_weights", "free_run_from")
INIT_SCHEMES = ("pytorch", "xavier", "orthogonal")
LESSON_KEYS = ("id", "page", "seed", "panel")
MAX_LESSON_CURVES, MAX_LESSON_CURVE_VALUES = 8, 100_000
HISTORY_DTYPES = (np.dtype(np.float64), np.dtype(np.float32), np.dtype(np.int64), np.dtype(np.int32))
_HISTORY_NAME = re.compile(r"[^\x00-\x1f\x7f/\\]{1,100}")
_VERSION = re.compile(r"(\d{1,6})\.(\d{1,6})")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_NPY_HEADER_BYTES = 2**17  # more than NumPy's own limit on the header of an .npy file  # fixed, so the same document always gives the same bytes

# What zipfile/zlib/struct raise on damaged archives.
_ARCHIVE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError,
                   OSError, ValueError, NotImplementedError, OverflowError)


class SessionFileError(TranslatableError):
    """A session file cannot be opened or saved; the message says why, for the user (the
    common cases as a translatable template)."""


# ------------------------------------------------------------------------------------ loading
def load_session(path) -> SessionDocument:
    """Read a ``.lstms`` file into a SessionDocument, or raise SessionFileError saying what is
    wrong (nothing else escapes for any content of the file)."""
    members, budget = _read_zip(Path(path), expected={SESSION_JSON: MAX_JSON_BYTES, ARRAYS_NPZ: MAX_ARRAY_BYTES})
    meta = _parse_json(members[SESSION_JSON])
    version = _format_version(meta)
    arrays = read_npz(members.pop(ARRAYS_NPZ), budget=budget)
    meta, arrays = migrate(meta, arrays, version)
    return _document_from(meta, arrays, lenient=version > FORMAT_VERSION)


def open_regular(path: Path):
    """``path`` opened for binary reading, or OSError; SessionFileError when it is not a regular
    file (a folder, device or pipe: reading one could block or never end)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        os.close(fd)
        raise
    if not regular:
        os.close(fd)
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot read {file}: it is not a regular file (a folder, device or pipe)."),  # noqa: E501 - one literal for lupdate
                               file=path.name)
    return os.fdopen(fd, "rb")


def _read_zip(path: Path, expected: dict[str, int]) -> tuple[dict[str, bytearray], _Inflation]:
    try:
        with open_regular(path) as fh:
            budget = _Inflation(os.fstat(fh.fileno()).st_size)
            return _zip_members(fh, "", expected, budget=budget), budget
    except OSError as exc:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot read {file}: {reason}."),
                               file=path.name, reason=exc.strerror or exc) from None


class _Inflation:
    """What the deflated members of one file may still unpack to, at every level (see
    :data:`INFLATE_RATIO`): charged from each member's declared size before it is read."""

    def __init__(self, file_bytes: int):
        self.left = max(INFLATE_FLOOR, INFLATE_RATIO * file_bytes)

    def charge(self, info: zipfile.ZipInfo, what: str) -> None:
        if info.compress_type != zipfile.ZIP_DEFLATED or info.file_size <= 0:
            return
        if info.file_size > self.left:
            raise SessionFileError(f"{what}{info.filename!r} would unpack to {_size(info.file_size)} "
                                   f"from {_size(info.compress_size)}: far more than a session's data "
                                   "ever compresses (a damaged or malicious file, a zip bomb).")
        self.left -= info.file_size


class _MemoryFile(io.RawIOBase):
    """A read-only, seekable file over a buffer, without copying it (``io.BytesIO`` copies a
    bytearray)."""

    def __init__(self, buffer):
        self._view = memoryview(buffer)
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        n = max(0, min(len(target), len(self._view) - self._pos))
        target[:n] = self._view[self._pos:self._pos + n]
        self._pos += n
        return n

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: len(self._view)}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def tell(self) -> int:
        return self._pos


def _zip_members(source, where: str, expected: dict[str, int] | None, total_cap: int | None = None,
                 *, budget: _Inflation) -> dict[str, bytearray]:
    """The members of a zip archive, read with bounded memory.

    ``expected`` maps each required member name to its size cap (no other member allowed);
    with ``expected=None`` any member names are read, their sum capped at ``total_cap``.
    Deflated members (but ``session.json``) are charged to ``budget`` before any is read.
    """
    what = f"{where}: " if where else ""
    try:
        _check_directory(source, what)
        archive = zipfile.ZipFile(source)
    except _ARCHIVE_ERRORS:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "{where}not an LSTM Studio session: the file is not a zip archive or is damaged (truncated?)."),  # noqa: E501 - one literal for lupdate
                               where=what) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise SessionFileError(f"{what}the archive holds more than {MAX_MEMBERS} members.")
        names = [info.filename for info in infos]
        duplicates = sorted(name for name, count in Counter(names).items() if count > 1)
        if duplicates:
            raise SessionFileError(f"{what}the archive holds {duplicates[0]!r} twice.")
        if expected is not None:
            missing = [name for name in expected if name not in names]
            if missing:
                raise SessionFileError(f"{what}the archive has no {missing[0]!r}: not a complete "
                                       "LSTM Studio session.")
            extra = [name for name in names if name not in expected]
            if extra:
                raise SessionFileError(f"{what}unexpected member {extra[0]!r} in the archive.")
        caps = {info.filename: expected[info.filename] if expected is not None else total_cap
                for info in infos}
        archive_bytes = source.seek(0, os.SEEK_END)
        for info in infos:
            _check_declared(info, caps[info.filename], what, archive_bytes)
        declared = sum(info.file_size for info in infos)
        if total_cap is not None and declared > total_cap:
            raise SessionFileError(f"{what}the archive would unpack to {_size(declared)}, more "
                                   f"than the {_size(total_cap)} a session may hold.")
        for info in infos:
            if not (expected is not None and info.filename == SESSION_JSON):
                budget.charge(info, what)
        return {info.filename: _read_member(archive, info, what) for info in infos}


def _check_directory(source, what: str) -> None:
    """Refuse, from the end record alone, archives whose directory zipfile would have to load
    whole to find them too big: too many members, a huge directory, or ZIP64 (never needed)."""
    source.seek(0, os.SEEK_END)
    size = source.tell()
    source.seek(max(0, size - _END_SEARCH))
    tail = source.read()
    source.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return  # not a zip at all: zipfile says so
    if tail[max(0, at - 20):at].startswith(b"PK\x06\x07"):
        raise SessionFileError(f"{what}the archive uses ZIP64, which a session never needs.")
    entries, directory_size = struct.unpack("<HI", tail[at + 10:at + 16])
    if entries > MAX_MEMBERS or directory_size > MAX_MEMBERS * _DIRECTORY_BYTES_PER_MEMBER:
        raise SessionFileError(f"{what}the archive holds more than {MAX_MEMBERS} members.")


def _check_declared(info: zipfile.ZipInfo, cap: int, what: str, archive_bytes: int) -> None:
    """Refuse a member from its header alone: encrypted, odd compression, too big, or sizes that
    do not fit the archive (a stored member holds exactly its bytes, which are in the archive)."""
    name = info.filename
    if info.flag_bits & 0x1:
        raise SessionFileError(f"{what}{name!r} is encrypted; session files never are.")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise SessionFileError(f"{what}{name!r} uses an unsupported compression method.")
    if info.file_size > cap:
        raise SessionFileError(f"{what}{name!r} would unpack to {_size(info.file_size)}, more than "
                               f"the {_size(cap)} a session may hold.")
    if info.compress_size > archive_bytes or (
            info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size):
        raise SessionFileError(f"{what}{name!r} is damaged and cannot be unpacked.")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, what: str) -> bytearray:
    """One member's bytes, read in bounded chunks into a buffer of its declared size; reading
    stops one byte past that size, which refuses a member that unpacks to more than it says."""
    name = info.filename
    probe = copy.copy(info)
    probe.file_size = info.file_size + 1  # zipfile would silently stop at the declared size
    del probe.CRC  # checked below, over exactly what was read
    buffer = bytearray(info.file_size)
    total = crc = 0
    try:
        with archive.open(probe) as member:
            while chunk := member.read(min(READ_CHUNK, info.file_size + 1 - total)):
                if total + len(chunk) > info.file_size:
                    break
                buffer[total:total + len(chunk)] = chunk
                total += len(chunk)
                crc = zlib.crc32(chunk, crc)
    except _ARCHIVE_ERRORS:
        raise SessionFileError(f"{what}{name!r} is damaged and cannot be unpacked.") from None
    if chunk:
        raise SessionFileError(f"{what}{name!r} unpacks to more than its declared size "
                               f"({_size(info.file_size)}): a damaged or malicious file.")
    if total != info.file_size or crc != info.CRC:
        raise SessionFileError(f"{what}{name!r} is damaged and cannot be unpacked.")
    return buffer


def _largest(array: np.ndarray) -> float:
    """The value of ``array`` largest in magnitude (with its sign)."""
    return float(array.flat[np.argmax(np.abs(array))])


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024


def _parse_json(data: bytes) -> dict:
    def finite_float(text):
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(f"number {text} is out of range")
        return value

    def refuse_constant(text):
        raise ValueError(f"{text} is not allowed")

    def unique_keys(pairs):
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError(f"key {next(k for k in keys if keys.count(k) > 1)!r} appears twice")
        return dict(pairs)

    try:
        meta = json.loads(data.decode("utf-8"), parse_float=finite_float,
                          parse_constant=refuse_constant, object_pairs_hook=unique_keys)
    except UnicodeDecodeError:
        raise SessionFileError(f"{SESSION_JSON}: not UTF-8 text.") from None
    except (ValueError, RecursionError) as exc:
        raise SessionFileError(f"{SESSION_JSON}: not valid JSON ({exc}).") from None
    if not isinstance(meta, dict):
        raise SessionFileError(f"{SESSION_JSON}: must hold a JSON object, not {_json_type(meta)}.")
    where = _unencodable(meta)
    if where is not None:
        raise SessionFileError(f"{SESSION_JSON}: {where!r} holds text that is not valid Unicode "
                               "(an unpaired surrogate such as \\ud800).")
    return meta


def _unencodable(value, path: str = "") -> str | None:
    """The key path of the first text (key or value) in ``value`` that is not valid Unicode (an
    unpaired surrogate, which JSON's \\u escapes can hold and UTF-8 cannot), or None."""
    def bad(text: str) -> bool:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False

    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if bad(item):
                return where or "(top level)"
        elif isinstance(item, dict):
            for key, child in item.items():
                name = f"{where}.{key}" if where else str(key)
                if isinstance(key, str) and bad(key):
                    return name
                stack.append((child, name))
        elif isinstance(item, (list, tuple)):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(item))
    return None


def _format_version(meta: dict) -> tuple[int, int]:
    if meta.get("format") != FORMAT_NAME:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "{member}: not an LSTM Studio session ('format' is not {name})."),  # noqa: E501 - one literal for lupdate
                               member=SESSION_JSON, name=repr(FORMAT_NAME))
    text = meta.get("format_version")
    match = _VERSION.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise SessionFileError(f"{SESSION_JSON}: 'format_version' must be text like \"1.1\".")
    version = (int(match[1]), int(match[2]))
    if version[0] > FORMAT_VERSION[0]:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "This session was saved in format {format} by a newer LSTM Studio ({app}); this version reads format {major}.x and older. Please update LSTM Studio to open it."),  # noqa: E501 - one literal for lupdate
                               format=text, app=_text(meta.get("app_version")), major=FORMAT_VERSION[0])
    if version < FORMAT_VERSION and version not in MIGRATIONS:
        raise SessionFileError(f"{SESSION_JSON}: unknown format version {text}.")
    return version


def _text(value) -> str:
    return value if isinstance(value, str) else "unknown version"


def read_npz(data, label: str = ARRAYS_NPZ, *, budget: _Inflation | None = None) -> dict[str, np.ndarray]:
    """The arrays of an .npz archive (bytes), read as safely as a session: sizes capped, no
    pickles, only plain numeric dtypes; SessionFileError messages start with ``label``.
    ``budget``: what deflated members may still unpack to (by default, as for a file of
    ``len(data)`` bytes)."""
    budget = budget if budget is not None else _Inflation(len(data))
    members = _zip_members(_MemoryFile(data), label, expected=None, total_cap=MAX_ARRAY_BYTES, budget=budget)
    arrays = {}
    for member, raw in members.items():
        if not member.endswith(".npy"):
            raise SessionFileError(f"{label}: unexpected member {member!r} (not an array).")
        arrays[member[:-4]] = _parse_npy(raw, member[:-4], label)
    return arrays


def _parse_npy(raw: bytes, name: str, label: str) -> np.ndarray:
    """One .npy member: header checked (no object arrays, sizes consistent) before any data."""
    stream = io.BytesIO(memoryview(raw)[:_NPY_HEADER_BYTES])  # the header only, not a copy of the data
    try:
        major, _ = np.lib.format.read_magic(stream)
        read_header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
        shape, fortran_order, dtype = read_header(stream)
    except (ValueError, SyntaxError, TypeError, OverflowError, EOFError, UnicodeDecodeError):
        raise SessionFileError(f"{label}: {name!r} is not a valid NumPy array.") from None
    if dtype.hasobject:
        raise SessionFileError(f"{label}: {name!r} is a pickled object array; "
                               "session files hold only numbers and are never unpickled.")
    if dtype.kind not in "biuf" or dtype.fields is not None or dtype.subdtype is not None:
        raise SessionFileError(f"{label}: {name!r} has unsupported data type {dtype}.")
    if any(n < 0 for n in shape):
        raise SessionFileError(f"{label}: {name!r} has a negative dimension.")
    count = math.prod(shape)
    if count * dtype.itemsize != len(raw) - stream.tell():
        raise SessionFileError(f"{label}: {name!r} is truncated or has extra bytes.")
    array = np.frombuffer(raw, dtype=dtype, count=count, offset=stream.tell())
    array = array.reshape(shape, order="F" if fortran_order else "C")
    return np.ascontiguousarray(array, dtype=dtype.newbyteorder("="))


# ---------------------------------------------------------------------------------- migration
VIEW_KEYS_1_1 = ("time_step", "layer", "direction", "unit", "display_mode")
"""The view state of format 1.1."""


def _migrate_1_0(meta: dict, arrays: dict) -> tuple[dict, dict]:
    """1.0 -> 1.1: top-level "truncate" becomes the "bptt" object; default view state added."""
    meta = dict(meta)
    if "truncate" in meta:
        meta["bptt"] = {"truncate": meta.pop("truncate"), "clip_norm": None, "clip_value": None}
    meta.setdefault("view", {key: value for key, value in asdict(ViewState()).items()
                             if key in VIEW_KEYS_1_1})
    meta["format_version"] = "1.1"
    return meta, arrays


def _migrate_1_1(meta: dict, arrays: dict) -> tuple[dict, dict]:
    """1.1 -> 1.2: the view state gets the default colour scale ("fixed")."""
    meta = dict(meta)
    if isinstance(meta.get("view"), dict):  # anything else is refused by the checks
        meta["view"] = {**meta["view"], "colour_scale": ViewState().colour_scale}
    meta["format_version"] = "1.2"
    return meta, arrays


def _migrate_1_3(meta: dict, arrays: dict) -> tuple[dict, dict]:
    """1.3 -> 1.4: nothing to change (1.4 only adds optional settings)."""
    return {**meta, "format_version": "1.4"}, arrays


def _migrate_1_2(meta: dict, arrays: dict) -> tuple[dict, dict]:
    """1.2 -> 1.3: the training settings lose their copies of truncation and clipping (the
    "bptt" object, what the panels computed with, is the one that counts)."""
    meta = dict(meta)
    if isinstance(meta.get("training"), dict):  # anything else is refused by the checks
        meta["training"] = {key: value for key, value in meta["training"].items() if key not in BPTT_KEYS}
    meta["format_version"] = "1.3"
    return meta, arrays


MIGRATIONS = {(1, 0): ((1, 1), _migrate_1_0), (1, 1): ((1, 2), _migrate_1_1), (1, 2): ((1, 3), _migrate_1_2),
              (1, 3): ((1, 4), _migrate_1_3)}
"""version -> (next version, function(meta, arrays) -> (meta, arrays)); applied in a chain."""


def migrate(meta: dict, arrays: dict, version: tuple[int, int]) -> tuple[dict, dict]:
    """Bring the content of an older file up to :data:`FORMAT_VERSION`."""
    while version in MIGRATIONS:
        version, step = MIGRATIONS[version]
        meta, arrays = step(meta, arrays)
    return meta, arrays


# --------------------------------------------------------------------------------- validation
class _Fields:
    """Typed access to one JSON object; every refusal names the key path."""

    def __init__(self, obj, path: str, *, lenient: bool, required: tuple[str, ...],
                 optional: tuple[str, ...] = ()):
        self.path = path
        if not isinstance(obj, dict):
            self.fail(f"must be an object, not {_json_type(obj)}")
        self.obj = obj
        missing = [key for key in required if key not in obj]
        if missing:
            raise SessionFileError(f"{SESSION_JSON}: {self._name(missing[0])} is missing.")
        extra = [key for key in obj if key not in required + optional]
        if extra and not lenient:
            raise SessionFileError(f"{SESSION_JSON}: unknown setting {self._name(extra[0])}.")

    def _name(self, key=None) -> str:
        return repr(f"{self.path}.{key}" if self.path and key else key or self.path)

    def fail(self, message: str, key: str | None = None):
        raise SessionFileError(f"{SESSION_JSON}: {self._name(key)} {message}.")

    def whole(self, key, low, high=None) -> int:
        value = self.obj[key]
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"must be a whole number, not {_json_type(value)}", key)
        if value < low or (high is not None and value > high):
            self.fail(f"must be between {low} and {high}" if high is not None
                      else f"must be at least {low}", key)
        return value

    def boolean(self, key) -> bool:
        value = self.obj[key]
        if not isinstance(value, bool):
            self.fail(f"must be true or false, not {_json_type(value)}", key)
        return value

    def choice(self, key, choices) -> str:
        value = self.obj[key]
        if value not in choices or not isinstance(value, str):
            self.fail(f"must be one of {', '.join(map(repr, choices))}", key)
        return value

    def text_or_null(self, key) -> str | None:
        value = self.obj[key]
        if value is not None and not isinstance(value, str):
            self.fail(f"must be text or null, not {_json_type(value)}", key)
        return value

    def positive_or_null(self, key):
        value = self.obj[key]
        if value is None:
            return None
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            self.fail(f"must be a positive number or null, not {_json_type(value)}", key)
        if not 0 < value <= MAX_SETTING:
            self.fail(f"must be a positive number up to {MAX_SETTING:g}, or null", key)
        return value

    def whole_or_null(self, key, low):
        return None if self.obj[key] is None else self.whole(key, low)


def _json_type(value) -> str:
    for kind, label in ((bool, "true/false"), (int, "a whole number"), (float, "a number"),
                        (str, "text"), (list, "a list"), (dict, "an object")):
        if isinstance(value, kind):
            return label
    return "null"


def _document_from(meta: dict, arrays: dict[str, np.ndarray], *, lenient: bool) -> SessionDocument:
    """Check every setting and array of a (migrated) file and build the document."""
    top = _Fields(meta, "", lenient=lenient, required=TOP_LEVEL_KEYS, optional=OPTIONAL_KEYS)
    if not isinstance(meta["app_version"], str):
        top.fail(f"must be text, not {_json_type(meta['app_version'])}", "app_version")

    config = _config_from(meta["network"], lenient)
    bptt = _Fields(meta["bptt"], "bptt", lenient=lenient, required=("truncate", "clip_norm", "clip_value"))
    view = _Fields(meta["view"], "view", lenient=lenient, required=VIEW_KEYS_1_1 + ("colour_scale",))
    training = meta["training"]
    if not isinstance(training, dict):
        top.fail(f"must be an object, not {_json_type(training)}", "training")
    task = top.text_or_null("task")
    _check_training(training, task)

    arrays = dict(arrays)
    kind_weights = _kind_weights_from(meta.get("kind_weights", {}), arrays, config, lenient)
    numbers = _arrays_from(arrays, config, lenient)
    return SessionDocument(
        config=config,
        **numbers,
        loss=top.choice("loss", LOSS_KINDS),
        bptt=BpttSettings(
            truncate=bptt.whole_or_null("truncate", 1),
            clip_norm=bptt.positive_or_null("clip_norm"),
            clip_value=bptt.positive_or_null("clip_value"),
        ),
        view=ViewState(
            time_step=view.whole("time_step", 0, config.seq_len - 1),
            layer=view.whole("layer", 0, config.num_layers - 1),
            direction=view.whole("direction", 0, config.num_directions - 1),
            unit=view.whole("unit", 0, config.hidden_size - 1),
            display_mode=view.choice("display_mode", DISPLAY_MODES),
            colour_scale=view.choice("colour_scale", COLOUR_SCALES),
        ),
        init_scheme=top.choice("init_scheme", INIT_SCHEMES),
        seed=top.whole("seed", 0, 2**63 - 1),
        task=task,
        training=training,
        lesson=_lesson_from(meta.get("lesson"), lenient),
        kind_weights=kind_weights,
        free_run_from=_free_run_from(top, config, meta["loss"]),
    )


def _free_run_from(top: _Fields, config: NetworkConfig, loss: str) -> int | None:
    """The optional ``"free_run_from"`` step, checked as the session model checks it."""
    if top.obj.get("free_run_from") is None:
        return None
    start = top.whole("free_run_from", 1, config.seq_len - 1)
    refusal = free_run_setting_refusal(config, loss, start)
    if refusal is not None:
        top.fail(f"cannot be used here: {refusal}", "free_run_from")
    return start


KIND_PREFIX = "kinds/"
"""Arrays of the weights remembered for other kinds: ``kinds/<kind>/parameters/…``, ``…/readout/…``."""


def _kind_weights_from(value, arrays: dict[str, np.ndarray], config: NetworkConfig, lenient: bool) -> dict:
    """The ``"kind_weights"`` object and its arrays (taken out of ``arrays``): for each kind but
    the current one, the network it had and its weights, checked like the current ones."""
    if not isinstance(value, dict):
        raise SessionFileError(f"{SESSION_JSON}: 'kind_weights' must be an object, not {_json_type(value)}.")
    remembered = {}
    for kind, entry in value.items():
        where = f"kind_weights.{kind}"
        if lenient and kind not in KINDS:
            continue  # a kind of a newer version: its arrays are ignored like any unknown ones
        if kind not in KINDS or kind == config.kind:
            raise SessionFileError(f"{SESSION_JSON}: {where!r} must name another kind of network "
                                   f"than the current {config.kind!r}, one of {', '.join(KINDS)}.")
        fields_ = _Fields(entry, where, lenient=lenient, required=("network",))
        entry_config = _config_from(fields_.obj["network"], lenient, f"{where}.network")
        if entry_config.kind != kind:
            fields_.fail(f"must describe a {kind!r} network", "network")
        prefix = f"{KIND_PREFIX}{kind}/"
        shapes = {name: shape for name, shape in expected_shapes(entry_config).items()
                  if name.startswith(("parameters/", "readout/"))}
        parts = {"parameters": {}, "readout": {}}
        for name, shape in shapes.items():
            array = arrays.pop(prefix + name, None)
            if array is None:
                raise SessionFileError(f"{ARRAYS_NPZ}: {prefix + name!r} is missing.")
            _check_weights(prefix + name, array, shape)
            group, key = name.split("/", 1)
            parts[group][key] = array
        remembered[kind] = {"config": entry_config, **parts}
    return remembered  # arrays under kinds/ left over are refused (or ignored) as any other


def _check_weights(name: str, array: np.ndarray, shape: tuple[int, ...]) -> None:
    """A float64 array of ``shape``, finite, within ±VALUE_LIMIT (SessionFileError naming it)."""
    if array.dtype != np.float64:
        raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} must be float64, not {array.dtype.name}.")
    if array.shape != shape:
        raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} must have shape {shape}, not {array.shape}.")
    if not np.all(np.isfinite(array)):
        raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} contains NaN or infinity.")
    if array.size and np.max(np.abs(array)) > VALUE_LIMIT:
        raise SessionFileError(
            f"{ARRAYS_NPZ}: {name!r} holds {_largest(array):g}, beyond ±{VALUE_LIMIT:g}, the "
            "largest value LSTM Studio takes (typed or read).")


def _lesson_from(value, lenient: bool) -> dict | None:
    """The ``"lesson"`` object (optional, null for none): which lesson page the session was built
    from, and the curves a training page measured."""
    if value is None:
        return None
    fields = _Fields(value, "lesson", lenient=lenient, required=LESSON_KEYS, optional=("curves",))
    lesson_id = fields.text_or_null("id")
    if not isinstance(lesson_id, str) or not 0 < len(lesson_id) <= 100:
        fields.fail("must be text of 1 to 100 characters", "id")
    lesson = {"id": lesson_id, "page": fields.whole("page", 0, 999), "seed": fields.whole("seed", 0, 2**63 - 1),
              "panel": fields.choice("panel", LESSON_PANELS)}
    curves = value.get("curves")
    if curves is not None:
        if not isinstance(curves, dict) or len(curves) > MAX_LESSON_CURVES:
            fields.fail(f"must be an object of at most {MAX_LESSON_CURVES} curves", "curves")
        for name, curve in curves.items():
            if (not isinstance(curve, list) or len(curve) > MAX_LESSON_CURVE_VALUES
                    or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                               for v in curve)):
                fields.fail(f"must hold lists of at most {MAX_LESSON_CURVE_VALUES} finite numbers",
                            f"curves.{name}")
        lesson["curves"] = {name: [float(v) for v in curve] for name, curve in curves.items()}
    return lesson


def _check_training(training: dict, task: str | None) -> None:
    """The training settings the app uses (:data:`TRAINING_KEYS`, ``task_options``) must be valid
    for the engine's trainer and the task; other keys are kept as they are."""
    settings = {key: training[key] for key in TRAINING_KEYS if key in training}
    options = training.get("task_options", {})
    try:
        TrainingConfig(**{key: value for key, value in settings.items() if key != "steps"})
        if "steps" in settings:
            check_int("steps", settings["steps"])
        for key in ("batch_size", "seed", "steps"):
            if isinstance(settings.get(key), int) and settings[key] > MAX_COUNT:
                raise ValueError(f"{key} must be at most {MAX_COUNT}, got {settings[key]}")
        if not isinstance(options, dict):
            raise ValueError(f"task_options must be an object, not {_json_type(options)}")
        if task is not None and (task, options) != _valid_task_options[0]:
            make_task(task, **{key: value for key, value in options.items() if key != "seq_len"})
            _valid_task_options[0] = (task, copy.deepcopy(options))
    except (ValueError, TypeError) as exc:
        raise SessionFileError(f"{SESSION_JSON}: 'training': {exc}.") from None


_valid_task_options: list = [None]
"""The last (task, task options) that built a task: the same again (equal, not only alike) need
not be built again — building the next-character task encodes its whole text (86 ms for 1 MB,
at every save and autosave of the same session)."""


def _config_from(network, lenient: bool, path: str = "network") -> NetworkConfig:
    names = tuple(f.name for f in fields(NetworkConfig))
    optional = ("embedding_size",)  # absent: 0, no embedding (files before it)
    required = tuple(name for name in names if name not in optional)
    net = _Fields(network, path, lenient=lenient, required=required, optional=optional)
    values = {"kind": net.choice("kind", KINDS), "bidirectional": net.boolean("bidirectional")}
    if "embedding_size" in network:
        values["embedding_size"] = net.whole("embedding_size", 0)
    for name in required:
        if name not in values:
            values[name] = net.whole(name, 1)
    try:
        return NetworkConfig(**values).validated()
    except Refusal as exc:  # translated as the refusal it is, after the member's name
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "{member}: {reason}"), member=SESSION_JSON,
                               reason=Phrase(exc.template, **exc.values)) from None
    except ValueError as exc:
        raise SessionFileError(f"{SESSION_JSON}: {exc}") from None


def expected_shapes(config: NetworkConfig) -> dict[str, tuple[int, ...]]:
    """Member name -> shape of every float64 array a session of this config holds."""
    net = Network(config.kind, input_size=config.input_size, hidden_size=config.hidden_size,
                  num_layers=config.num_layers, bidirectional=config.bidirectional,
                  embedding_size=config.embedding_size)  # zeros: no work
    shapes = {f"parameters/{name}": tuple(shape) for name, shape in net.parameter_shapes().items()}
    features = config.num_directions * config.hidden_size
    shapes.update({
        "readout/weight": (config.output_size, features),
        "readout/bias": (config.output_size,),
        "inputs": (config.seq_len, config.input_size),
        "targets": (config.seq_len, config.output_size),
        "h0": (config.state_rows, config.hidden_size),
        "c0": (config.state_rows, config.hidden_size),
    })
    return shapes


def _arrays_from(arrays: dict[str, np.ndarray], config: NetworkConfig, lenient: bool) -> dict:
    shapes = expected_shapes(config)
    shapes["loss_mask"] = (config.seq_len,)
    missing = [name for name in shapes if name not in arrays]
    if missing:
        raise SessionFileError(f"{ARRAYS_NPZ}: {missing[0]!r} is missing"
                               + (f" (and {len(missing) - 1} more)." if len(missing) > 1 else "."))
    history = {}
    for name, array in arrays.items():
        if name in shapes:
            continue
        curve = name.removeprefix("history/")
        if name.startswith("history/") and _HISTORY_NAME.fullmatch(curve):
            history[curve] = array
        elif not lenient:
            raise SessionFileError(f"{ARRAYS_NPZ}: unexpected array {name!r}.")

    for name, shape in shapes.items():
        array = arrays[name]
        wanted = np.dtype(bool) if name == "loss_mask" else np.dtype(np.float64)
        if array.dtype != wanted:
            raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} must be {wanted.name}, not {array.dtype.name}.")
        if array.shape != shape:
            raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} must have shape {shape}, "
                                   f"not {array.shape}.")
        if wanted.kind == "f" and not np.all(np.isfinite(array)):
            raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} contains NaN or infinity.")
        if wanted.kind == "f" and array.size and np.max(np.abs(array)) > VALUE_LIMIT:
            raise SessionFileError(
                f"{ARRAYS_NPZ}: {name!r} holds {_largest(array):g}, beyond ±{VALUE_LIMIT:g}, the "
                "largest value LSTM Studio takes (typed or read).")
    if not arrays["loss_mask"].any():
        raise SessionFileError(f"{ARRAYS_NPZ}: 'loss_mask' must select at least one time step.")

    total = 0
    for curve, array in history.items():
        if array.dtype not in HISTORY_DTYPES or array.ndim != 1:
            raise SessionFileError(f"{ARRAYS_NPZ}: training curve {curve!r} must be a 1-D array "
                                   "of numbers.")
        total += array.size
    if total > MAX_HISTORY_VALUES:
        raise SessionFileError(f"{ARRAYS_NPZ}: the training curves hold more than "
                               f"{MAX_HISTORY_VALUES} values.")

    def group(prefix):
        return {name[len(prefix):]: arrays[name] for name in shapes if name.startswith(prefix)}

    return {
        "parameters": group("parameters/"),
        "readout": group("readout/"),
        "inputs": arrays["inputs"],
        "targets": arrays["targets"],
        "loss_mask": arrays["loss_mask"],
        "h0": arrays["h0"],
        "c0": arrays["c0"],
        "history": history,
    }


# ------------------------------------------------------------------------------------- saving
def save_session(document: SessionDocument, path) -> None:
    """Write ``document`` to a ``.lstms`` file atomically, or raise SessionFileError (and
    nothing else, whatever the document holds).

    The file is written to a temporary file in the same folder, flushed to disk and then renamed
    over ``path``: a failure at any point leaves a previous file at ``path`` untouched. A document
    that could not be read back (a non-JSON training setting, NaN weights, text that is not valid
    Unicode, settings or arrays beyond what reading accepts…) is refused before anything is
    written.
    """
    try:
        json_bytes, npz_bytes = _packed(document)
    except SessionFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever a document holds, saving only refuses
        raise SessionFileError(f"Cannot save this session: {type(exc).__name__}: {exc}") from None
    write_atomically(Path(path), lambda fh: _write_members(fh, json_bytes, npz_bytes))


def _packed(document: SessionDocument) -> tuple[bytes, bytes]:
    """``session.json`` and ``arrays.npz`` of ``document``, checked as reading would check them."""
    meta, arrays = encode(document)
    try:
        text = json.dumps(meta, indent=2, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        raise SessionFileError(f"Cannot save: a setting is not plain data ({exc}).") from None
    where = _unencodable(meta)
    if where is not None:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot save this session: the setting {setting} holds text that is not valid Unicode (an unpaired surrogate)."),  # noqa: E501 - one literal for lupdate
                               setting=repr(where))
    json_bytes = text.encode("utf-8")
    if len(json_bytes) > MAX_JSON_BYTES:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot save this session: its settings (a long training text?) take {size}, more than the {limit} a session file may hold."),  # noqa: E501 - one literal for lupdate
                               size=_size(len(json_bytes)), limit=_size(MAX_JSON_BYTES))
    if len(arrays) > MAX_MEMBERS:
        raise SessionFileError(f"Cannot save this session: it holds {len(arrays)} arrays, more than "
                               f"the {MAX_MEMBERS} a session file may hold.")
    try:
        _document_from(_parse_json(json_bytes), arrays, lenient=False)
    except SessionFileError as exc:
        raise SessionFileError(f"Cannot save this session: {exc}") from None
    npz_bytes = _npz(arrays)
    if len(npz_bytes) > MAX_ARRAY_BYTES:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot save this session: its arrays take {size}, more than the {limit} a session file may hold."),  # noqa: E501 - one literal for lupdate
                               size=_size(len(npz_bytes)), limit=_size(MAX_ARRAY_BYTES))
    return json_bytes, npz_bytes


def _network_json(config: NetworkConfig) -> dict:
    """The "network" object of ``config``; "embedding_size" only when there is an embedding (a
    file without one is what it was before embeddings)."""
    return {f.name: _plain(getattr(config, f.name)) for f in fields(NetworkConfig)
            if f.name != "embedding_size" or config.embedding_size}


def encode(document: SessionDocument) -> tuple[dict, dict[str, np.ndarray]]:
    """The JSON content and the named arrays of the current format for ``document``."""
    config = document.config
    meta = {
        "format": FORMAT_NAME,
        "format_version": "{}.{}".format(*FORMAT_VERSION),
        "app_version": __version__,
        "network": _network_json(config),
        "init_scheme": document.init_scheme,
        "seed": _plain(document.seed),
        "loss": document.loss,
        "bptt": {k: _plain(v) for k, v in asdict(document.bptt).items()},
        "task": document.task,
        "training": _plain(document.training),
        "view": {k: _plain(v) for k, v in asdict(document.view).items()},
    }
    if document.lesson is not None:
        meta["lesson"] = _plain(document.lesson)
    if document.free_run_from is not None:
        meta["free_run_from"] = _plain(document.free_run_from)
    if document.kind_weights:
        meta["kind_weights"] = {kind: {"network": _network_json(entry["config"])}
                                for kind, entry in document.kind_weights.items()}
    arrays = {f"parameters/{name}": value for name, value in document.parameters.items()}
    arrays.update({f"readout/{name}": value for name, value in document.readout.items()})
    arrays.update(inputs=document.inputs, targets=document.targets, loss_mask=document.loss_mask,
                  h0=document.h0, c0=document.c0)
    for kind, entry in document.kind_weights.items():
        for group in ("parameters", "readout"):
            arrays.update({f"{KIND_PREFIX}{kind}/{group}/{name}": value for name, value in entry[group].items()})
    for name, curve in document.history.items():
        if not isinstance(name, str) or not _HISTORY_NAME.fullmatch(name) or _unencodable(name) is not None:
            raise SessionFileError(f"Cannot save: training curve name {name!r} is not allowed.")
        arrays[f"history/{name}"] = np.asarray(curve)
    return meta, {name: np.asarray(value) for name, value in arrays.items()}


def _plain(value):
    """NumPy scalars as Python numbers, also inside dicts and lists (JSON knows only those)."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def write_archive(fh, text: str, arrays: dict[str, np.ndarray]) -> None:
    """Pack ``session.json`` (deflated) and ``arrays.npz`` into the file ``fh``. Arrays are stored
    uncompressed: weights hardly compress, and deflating them made saving ten times slower."""
    _write_members(fh, text.encode("utf-8"), _npz(arrays))


def _npz(arrays: dict[str, np.ndarray]) -> bytes:
    """The ``arrays.npz`` archive (members stored, never pickled)."""
    npz = io.BytesIO()
    with zipfile.ZipFile(npz, "w") as inner:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            inner.writestr(_zip_info(f"{name}.npy", zipfile.ZIP_STORED), buffer.getvalue())
    return npz.getvalue()


def _write_members(fh, json_bytes: bytes, npz_bytes: bytes) -> None:
    with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as outer:
        # the fastest deflate: a 1 MB training text took 44 ms at the default level for 12 % less
        outer.writestr(_zip_info(SESSION_JSON), json_bytes, compresslevel=1)
        outer.writestr(_zip_info(ARRAYS_NPZ, zipfile.ZIP_STORED), npz_bytes)


def _zip_info(name: str, compression=zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    return info


def write_atomically(path: Path, write) -> None:
    """Call ``write(file)`` on a temporary file next to the file ``path`` names, fsync it, rename
    it over that file, fsync the folder. A symbolic link is followed: its target is replaced and
    the link stays. A folder, device or pipe at ``path`` is refused (SessionFileError), as is any
    failure (OSError, or anything ``write`` raises but KeyboardInterrupt and SystemExit, which go
    on); the temporary file is removed and a previous file stays as it was."""
    path = Path(path)
    target = _save_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot save {file}: {reason}."),
                               file=path.name, reason=exc.strerror or exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, _file_mode(target))
        os.replace(temp, target)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot save {file}: {reason}."),
                                   file=path.name, reason=exc.strerror or exc) from None
        if isinstance(exc, Exception) and not isinstance(exc, TranslatableError):
            raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot save {file}: {reason}."),
                                   file=path.name, reason=f"{type(exc).__name__}: {exc}") from None
        raise
    _fsync_folder(folder)


def _save_target(path: Path) -> Path:
    """The file a save to ``path`` replaces: ``path``, or the end of its chain of symbolic links
    (which may not exist yet). SessionFileError when that is a folder, device, pipe or socket."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot save {file}: {reason}."),
                               file=path.name, reason=exc.strerror or exc) from None
    if not stat.S_ISREG(mode):
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot save {file}: it is not a regular file (a folder, device or pipe). Choose another name."),  # noqa: E501 - one literal for lupdate
                               file=path.name)
    return target


def _file_mode(path: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets the usual mode (umask applied)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); not possible everywhere, so best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
