"""The ``.lstms`` archive: a zip of ``session.json`` (deflated) and ``arrays.npz`` (stored; its
``.npy`` members never pickled), read with bounded memory and trusting nothing.

The member count and uncompressed sizes are capped before and while reading: a member that
unpacks to more than it declares is stopped one byte past its declared size; deflated members
together may unpack to at most :data:`INFLATE_RATIO` times the file's size, or
:data:`INFLATE_FLOOR`, so a zip bomb is refused from its directory before anything is inflated.
What the members hold is checked by :mod:`lstm_studio.session.file_checks`.
"""

from __future__ import annotations

import copy
import io
import math
import os
import struct
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP
from lstm_studio.session.safe_files import SessionFileError, open_regular

SESSION_JSON = "session.json"
ARRAYS_NPZ = "arrays.npz"

MAX_ARRAY_BYTES = 2**30
"""Largest ``arrays.npz`` accepted, and largest sum of its uncompressed members."""
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
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same document always gives the same bytes
_NPY_HEADER_BYTES = 2**17  # more than NumPy's own limit on the header of an .npy file

# What zipfile/zlib/struct raise on damaged archives.
_ARCHIVE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError,
                   OSError, ValueError, NotImplementedError, OverflowError)


# ------------------------------------------------------------------------------------ reading
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

    ``expected`` maps each required member name to its size cap (no other member allowed): a
    session; with ``expected=None`` any member names are read, their sum capped at
    ``total_cap``: an .npz archive. Deflated members (but ``session.json``) are charged to
    ``budget`` before any is read.
    """
    what = f"{where}: " if where else ""
    try:
        _check_directory(source, what)
        archive = zipfile.ZipFile(source)
    except _ARCHIVE_ERRORS:
        if expected is None:
            raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "{where}not a NumPy .npz archive: the file is not a zip archive or is damaged (truncated?)."),  # noqa: E501 - one literal for lupdate
                                   where=what) from None
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


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024


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


# ------------------------------------------------------------------------------------ writing
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
