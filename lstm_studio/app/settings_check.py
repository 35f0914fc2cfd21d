"""A settings file that cannot be read is set aside, not trusted and not overwritten.

At start-up (:func:`lstm_studio.app.application.create_application`) the file behind
``QSettings()`` is checked: when Qt reports it unreadable, or it is not UTF-8 text (Qt writes
settings as UTF-8 text; NUL bytes or invalid UTF-8 mean a damaged disk or another program wrote
it), it is renamed to ``<name>.corrupt-<date>-<time>`` so that the app starts on its defaults and
the old file stays for whoever wants to look. The user is told once, in the status bar of the
first window (:func:`show_notices`), never in a dialog. Values of the wrong type in a readable
file are the readers' business: each falls back to its default.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from lstm_studio.app.i18n import filled_in
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

CONTEXT = "Settings"
NOTICE_MS = 30_000
_notices: list[tuple[str, dict]] = []
"""Messages for the user from the start-up checks (template, values), translated and shown by
the first window: the check runs before the translator is installed."""

REASONS = {
    "not_regular": QT_TRANSLATE_NOOP("Settings", "it is not a regular file"),
    "unparsable": QT_TRANSLATE_NOOP("Settings", "Qt cannot parse it"),
    "unreadable": QT_TRANSLATE_NOOP("Settings", "it cannot be read"),
    "binary": QT_TRANSLATE_NOOP("Settings", "it holds binary data"),
    "not_utf8": QT_TRANSLATE_NOOP("Settings", "it is not UTF-8 text"),
}
SET_ASIDE = QT_TRANSLATE_NOOP("Settings", "The settings file was damaged ({reason}); LSTM Studio starts with its defaults. The old file was kept as {kept}.")  # noqa: E501 - one literal for lupdate
NOT_SET_ASIDE = QT_TRANSLATE_NOOP("Settings", "The settings file {file} is damaged ({reason}) and could not be set aside; LSTM Studio uses its defaults where it cannot read a setting.")  # noqa: E501 - one literal for lupdate


def _is_text_file(settings: QSettings) -> bool:
    """Whether ``settings`` live in an INI text file (always on Linux; on macOS and Windows only
    with the INI format — their native formats are a plist and the registry)."""
    if settings.format() == QSettings.Format.IniFormat:
        return True
    return settings.format() == QSettings.Format.NativeFormat and sys.platform not in ("darwin", "win32")


def corrupt_reason(settings: QSettings) -> str | None:
    """Why the settings file of ``settings`` cannot be trusted (a key of :data:`REASONS`), or
    None when it can (or there is no file yet)."""
    path = Path(settings.fileName())
    if not _is_text_file(settings) or not os.path.lexists(path):
        return None
    if not path.is_file():
        return "not_regular"
    if settings.status() == QSettings.Status.FormatError:
        return "unparsable"
    try:
        data = path.read_bytes()
    except OSError:
        return "unreadable"
    if b"\x00" in data:
        return "binary"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "not_utf8"
    return None


def set_aside_if_corrupt(settings: QSettings) -> str | None:
    """Rename the settings file of ``settings`` to ``<name>.corrupt-<date>-<time>`` when it
    cannot be trusted, so ``settings`` (and every QSettings made later) start empty; returns the
    message for the user (English; :func:`show_notices` shows it translated), or None when the
    file is fine."""
    reason = corrupt_reason(settings)
    if reason is None:
        return None
    path = Path(settings.fileName())
    target = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, target)
    except OSError as exc:
        log.warning("Cannot set the settings file %s aside: %s", path, exc)
        notice = (NOT_SET_ASIDE, {"file": str(path), "reason": REASONS[reason]})
    else:
        notice = (SET_ASIDE, {"reason": REASONS[reason], "kept": str(target)})
    settings.sync()  # reads the file again: it is gone, so nothing of it is used
    _notices.append(notice)
    message = notice[0].format(**notice[1])
    log.warning("%s", message)
    return message


def show_notices(window) -> None:
    """Show the start-up notices once, translated (the reason too), in ``window``'s status bar."""
    if _notices:
        window.show_status(" ".join(filled_in(CONTEXT, *notice) for notice in _notices), NOTICE_MS)
        _notices.clear()
