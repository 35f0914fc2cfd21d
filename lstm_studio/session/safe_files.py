"""Files read and written safely: only regular files are opened for reading (a folder, device or
pipe could block or never end), and a save replaces its file whole or not at all
(:func:`write_atomically`). Every refusal is a :class:`SessionFileError`, a message for the user.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, TranslatableError

__all__ = ["SessionFileError", "open_regular", "write_atomically"]


class SessionFileError(TranslatableError):
    """A session file cannot be opened or saved; the message says why, for the user (the
    common cases as a translatable template)."""


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


def write_atomically(path: Path, write) -> None:
    """Call ``write(file)`` on a temporary file next to the file ``path`` names, fsync it, rename
    it over that file, fsync the folder. A symbolic link is followed: its target is replaced and
    the link stays. A folder, device or pipe at ``path`` is refused (SessionFileError), as is any
    failure (OSError, or anything ``write`` raises but KeyboardInterrupt and SystemExit, which go
    on); the temporary file is removed and a previous file stays as it was."""
    path = Path(path)
    target = _save_target(path)
    folder = target.parent  # Path(".") for a bare name
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
