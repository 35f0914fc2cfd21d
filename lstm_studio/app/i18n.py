"""Languages of the user interface: English (the source language) and Korean.

Korean texts live in ``resources/translations/lstm_studio_ko.ts`` (Qt Linguist source); the
English catalogue ``lstm_studio_en.ts`` only holds the plural forms of ``%n`` texts. The
compiled ``.qm`` is never committed: the wheel ships ones compiled during its build (``setup.py``
with ``packaging/ts_to_qm.py``), the PyInstaller app ones built by ``packaging/build.py``; only a
source checkout or editable install compiles a missing or stale one at run time with the
``pyside6-lrelease`` tool of PySide6-Essentials into the user's cache folder.

The language follows the system locale until the user picks one in View ▸ Language (stored in
QSettings under :data:`SETTINGS_KEY`); a change takes effect on the next start.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QStandardPaths, QTranslator
from PySide6.QtWidgets import QApplication

from lstm_studio.engine.refusal import CONTEXT, Phrase, TranslatableError

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
LANGUAGES = {"en": "English", "ko": "한국어"}
"""Language code -> the language's own name (shown untranslated in View ▸ Language)."""
SETTINGS_KEY = "ui/language"
CATALOG = "lstm_studio"
"""Base name of the translation files: ``lstm_studio_<code>.ts`` / ``.qm``."""


def translations_dir() -> Path:
    """Folder holding ``lstm_studio_*.ts`` (source install) or ``.qm`` (packaged app)."""
    return Path(str(resources.files("lstm_studio.resources") / "translations"))


def cache_dir() -> Path:
    """Folder where ``.qm`` files compiled at run time are kept."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(location) / "translations"


def system_language(locale: QLocale | None = None) -> str:
    """The supported language that best matches ``locale`` (default: the system's UI languages)."""
    locale = locale if locale is not None else QLocale.system()
    for name in [*locale.uiLanguages(), locale.name()]:
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def saved_language(settings: QSettings) -> str | None:
    """The language the user chose in View ▸ Language, or None to follow the system."""
    code = settings.value(SETTINGS_KEY, None)
    return code if isinstance(code, str) and code in LANGUAGES else None  # any other value: not chosen


def current_language(settings: QSettings) -> str:
    """The language the app starts in: the saved choice, else the system's."""
    return saved_language(settings) or system_language()


def save_language(settings: QSettings, code: str) -> None:
    """Remember ``code`` for the next start; ValueError for an unknown language."""
    if code not in LANGUAGES:
        raise ValueError(f"Unknown language {code!r}; choose one of {', '.join(LANGUAGES)}.")
    settings.setValue(SETTINGS_KEY, code)
    settings.sync()


def qt_tool_command(tool: str) -> list[str] | None:
    """Command line that runs Qt's ``tool`` ("lrelease", "lupdate") shipped in PySide6, or None
    when it is not installed."""
    try:
        import PySide6
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        return None
    package = Path(PySide6.__file__).parent
    for binary in (package / tool, package / f"{tool}.exe", package / "Qt" / "libexec" / tool):
        if binary.is_file() and os.access(binary, os.X_OK):
            return [str(binary)]
    for folder in (str(Path(sys.executable).parent), None):
        entry_point = shutil.which(f"pyside6-{tool}", path=folder)
        if entry_point:
            return [entry_point]
    return None


def compile_ts(ts_file: Path, qm_file: Path) -> None:
    """Compile ``ts_file`` into ``qm_file`` with lrelease; RuntimeError saying why it failed."""
    command = qt_tool_command("lrelease")
    if command is None:
        raise RuntimeError("pyside6-lrelease was not found: install PySide6-Essentials.")
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [*command, "-silent", str(ts_file), "-qm", str(qm_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0 or not qm_file.is_file():
        raise RuntimeError(f"lrelease failed on {ts_file.name}: {result.stderr.strip() or result.stdout.strip()}")


def _cached_qm(ts_file: Path) -> Path:
    """Compiled ``ts_file`` in the cache, named after a hash of its content (so never stale)."""
    digest = hashlib.sha256(ts_file.read_bytes()).hexdigest()[:16]
    qm_file = cache_dir() / f"{ts_file.stem}-{digest}.qm"
    if not qm_file.is_file():
        for old in cache_dir().glob(f"{ts_file.stem}-*.qm"):
            old.unlink(missing_ok=True)
        compile_ts(ts_file, qm_file.with_suffix(".tmp.qm"))
        os.replace(qm_file.with_suffix(".tmp.qm"), qm_file)
    return qm_file


def qm_file(code: str) -> Path | None:
    """The compiled translation for ``code``: shipped beside the sources when up to date, else
    compiled into :func:`cache_dir`. None when nothing can be found or built. (English, the
    source language, has a catalogue only for its plural forms.)"""
    if code not in LANGUAGES:
        return None
    ts_file = translations_dir() / f"{CATALOG}_{code}.ts"
    shipped = ts_file.with_suffix(".qm")
    if shipped.is_file() and (not ts_file.is_file() or shipped.stat().st_mtime >= ts_file.stat().st_mtime):
        return shipped
    if not ts_file.is_file():
        log.warning("No translation for %s in %s", code, translations_dir())
        return None
    try:
        return _cached_qm(ts_file)
    except (OSError, RuntimeError, subprocess.SubprocessError) as error:
        log.warning("Cannot compile the %s translation: %s", code, error)
        return None


def install_translator(app: QApplication, settings: QSettings) -> str:
    """Install the translators of the chosen language on ``app``; returns the language shown.

    Call once at start-up, before any window is created. Loads the app's texts and Qt's own
    (standard buttons and dialogs). Falls back to English when the translation is missing.
    """
    code = current_language(settings)
    remove_translators(app)
    translators = _translators(app, code)
    if translators is None:
        log.warning("No usable %s translation: showing English", code)
        code = SOURCE_LANGUAGE
        translators = _translators(app, code) or []
    for translator in translators:
        app.installTranslator(translator)
    app.setProperty("lstm_studio_language", code)
    app._lstm_studio_translators = translators  # keep them alive as long as the app
    return code


def _translators(app: QApplication, code: str) -> list[QTranslator] | None:
    """The app's and Qt's translators for ``code``; None when the app's catalogue is unusable
    (English works without one: it only adds plural forms)."""
    app_qm = qm_file(code)
    translator = QTranslator(app)
    if app_qm is None or not translator.load(str(app_qm)):
        return [] if code == SOURCE_LANGUAGE else None
    translators = [translator]
    qt_translator = QTranslator(app)  # Qt's own texts: standard buttons, dialogs, context menus
    if code != SOURCE_LANGUAGE and qt_translator.load(
            QLocale(code), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt_translator)
    return translators


def remove_translators(app: QApplication) -> None:
    """Uninstall the translators :func:`install_translator` put on ``app`` (back to English)."""
    for translator in getattr(app, "_lstm_studio_translators", []):
        app.removeTranslator(translator)
    app._lstm_studio_translators = []
    app.setProperty("lstm_studio_language", SOURCE_LANGUAGE)


def active_language(app: QApplication) -> str:
    """The language whose texts ``app`` shows now."""
    return app.property("lstm_studio_language") or SOURCE_LANGUAGE


def error_text(error: BaseException) -> str:
    """What ``error`` says, in the user's language when it is a
    :class:`~lstm_studio.engine.refusal.TranslatableError` (a refusal or a session file error):
    the template and the values that are words are translated, then the template is filled in."""
    if not isinstance(error, TranslatableError):
        return str(error)
    return filled_in(CONTEXT, error.template, error.values)


def filled_in(context: str, template: str, values: dict) -> str:
    """``template`` translated in ``context`` and filled with ``values``, those that are words
    translated too; the English text when a translation lost a placeholder."""
    # the texts are literals where they are written, marked there with QT_TRANSLATE_NOOP
    translate = QCoreApplication.translate
    translated = translate(context, template)
    if not values:
        return translated
    words = {key: translate(context, value) if isinstance(value, str)
             else filled_in(context, value.template, value.values) if isinstance(value, Phrase) else value
             for key, value in values.items()}
    try:
        return translated.format(**words)
    except (KeyError, IndexError, ValueError):
        return template.format(**values)
