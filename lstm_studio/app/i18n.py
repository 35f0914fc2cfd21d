"""Languages of the user interface: English (the source language) and Korean.

Korean texts live in ``resources/translations/lstm_studio_ko.ts`` (Qt Linguist source); the
English catalogue ``lstm_studio_en.ts`` only holds the plural forms of ``%n`` texts. The
compiled ``.qm`` is never committed: the wheel ships ones compiled during its build (``setup.py``
with ``packaging/ts_to_qm.py``), the PyInstaller app ones built by ``packaging/build.py``; only a
source checkout or editable install compiles a missing or stale one at run time with the
``pyside6-lrelease`` tool of PySide6-Essentials into the user's cache folder.

The language follows the system locale until the user picks one in View ▸ Language (stored in
QSettings under :data:`SETTINGS_KEY`); a change takes effect at once (:func:`switch_language`).

Switching without a restart — the Qt way (design (a)), not rebuilding the window. Rebuilding
the widgets around the same SessionModel would have to carry over everything the user has in
the window (undo history, selection, dock layout, open lesson page, a running training run, open
windows) and would lose whatever one forgot; retranslating in place changes texts only.

- One translator is installed on the application, a :class:`TextRecorder`: it asks the
  current language's QTranslators (the app's and Qt's own) and remembers which texts were
  asked for (context, source, disambiguation, and the recent ``%n`` counts). A switch swaps the
  translators it asks and installs it again, so Qt sends ``QEvent.LanguageChange`` to every
  widget (``QCoreApplication.installTranslator``).
- Before the swap, :func:`use_translators` notes what every recorded text looked like in the
  old language. :func:`retranslated` then maps a text shown now to the same text in the new
  language: exactly (a menu title, a tooltip) or, for a text filled into a template
  (``"Show or hide “{0}”"``), by matching the old template and filling the new one with the
  same values (those that are texts themselves translated too). Where two texts read the same
  in the old language, the one a catalogue has and the object's own class asked for wins; a
  number is never taken for a word. So a Korean translation must not be a bare number, and
  two texts of one class must not share one (tests/app/test_language_switch.py checks both).
- :func:`lstm_studio.app.widgets.retranslate_tree` (called from ``changeEvent`` of the main
  window and of parentless windows) walks every widget, action, tab, header, combo item and
  pyqtgraph label and re-sets each text that way, so the hundreds of texts set once in
  constructors need no code of their own; the widgets whose texts are put together or computed
  from the model (status texts, headers with numbers, HTML pages, lessons) have a
  ``retranslate()`` method that recomputes them through their usual refresh path; the walk
  calls it after the generic pass.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
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

    Called at start-up and by :func:`switch_language`. Loads the app's texts and Qt's own
    (standard buttons and dialogs). Falls back to English when the translation is missing.
    """
    code = current_language(settings)
    translators = _translators(app, code)
    if translators is None:
        log.warning("No usable %s translation: showing English", code)
        code = SOURCE_LANGUAGE
        translators = _translators(app, code) or []
    use_translators(app, code, translators)
    return code


def switch_language(app: QApplication, settings: QSettings, code: str) -> str:
    """Remember ``code`` and show it now: every window gets ``QEvent.LanguageChange`` and
    retranslates its texts (see the module's docstring). Returns the language shown (English
    when ``code``'s translation is unusable); ValueError for an unknown language."""
    save_language(settings, code)
    return install_translator(app, settings)


class TextRecorder(QTranslator):
    """The one translator installed on the application: looks texts up in the current
    language's translators and remembers which texts were asked for, so a language switch can
    find every text shown and its counterpart in the new language."""

    PLURAL_COUNTS_KEPT = 16
    """Recent counts remembered per ``%n`` text (a text shows the last one or few)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.delegates: list[QTranslator] = []
        self.keys: dict[tuple[str, str, str | None], None] = {}  # ordered: first seen first
        self.counts: dict[tuple[str, str, str | None], list[int]] = {}
        self.previous: dict[str, list[tuple]] = {}  # a text in the old language -> its keys
        self.templates: list[tuple] = []  # (prefix, suffix, regex, fields, key, template) in the old language
        self.generation = 0  # switches so far: each window retranslates once per switch

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False  # installing it must send LanguageChange, even in English

    def translate(self, context, source, disambiguation=None, n=-1):
        key = (context, source, disambiguation)
        if n is None or n < 0:
            self.keys[key] = None
        else:
            counts = self.counts.setdefault(key, [])
            if n not in counts:
                counts.append(n)
                del counts[:-self.PLURAL_COUNTS_KEPT]
        for translator in self.delegates:
            text = translator.translate(context, source, disambiguation, n)
            if text:
                return text
        return None  # not translated: Qt shows the source text

    # -- a switch ----------------------------------------------------------------------------------
    def note_texts(self) -> None:
        """Remember what every recorded text looks like in the language shown now."""
        translate = QCoreApplication.translate
        previous: dict[str, list[tuple]] = {}
        templates = []
        for key in list(self.keys):
            context, source, disambiguation = key
            text = translate(context, source, disambiguation)
            previous.setdefault(text, []).append((key, -1, self._catalogued(key, -1)))
            if _FIELD.search(text) and _FIELD.search(source):
                template = _template_pattern(text)
                if template is not None:
                    templates.append((*template, key, text))
        for key, counts in list(self.counts.items()):
            for n in counts:
                previous.setdefault(translate(*key, n), []).append((key, n, self._catalogued(key, n)))
        templates.sort(key=lambda entry: -len(entry[0]) - len(entry[1]))  # the most specific first
        self.previous = previous
        self.templates = templates

    def _catalogued(self, key, n: int) -> bool:
        """Whether the current language's catalogue has ``key`` (PySide's ``tr`` also asks under
        the names of the base classes — QWidget, QObject —, which no catalogue has)."""
        return any(translator.translate(*key, n) for translator in self.delegates)

    def retranslated(self, text: str, contexts=()) -> str | None:
        """``text`` (shown in the old language) in the language shown now, or None when it is
        none of the recorded texts. ``contexts``: class names that may have asked for it, to
        choose among texts that read the same in the old language.

        Tried in turn: the text itself; the words inside spaces it was padded with (toolbar
        captions, combo entries); a template it was filled into; its parts between separators
        (" — ", " · ", ", ", line breaks: a plot title "i — input gate σ" put together from a
        symbol and a translated name)."""
        if not any(character.isalpha() for character in text):
            return None  # numbers and symbols are never words (a translation must not be a bare number)
        if text in self.previous:
            return self._choose(text, self.previous[text], contexts)
        core = text.strip()
        if core != text:
            new = self.retranslated(core, contexts) if core else None
            if new is None:
                return None
            start = text.index(core)
            return text[:start] + new + text[start + len(core):]
        whole = self._retranslated(text, contexts)
        if whole is not None:
            return whole
        parts = _SEPARATORS.split(text)
        if len(parts) == 1:
            return None
        new = [self._retranslated(part, contexts) if i % 2 == 0 else None for i, part in enumerate(parts)]
        if all(part is None for part in new):
            return None
        return "".join(part if translated is None else translated for part, translated in zip(parts, new))

    def _retranslated(self, text: str, contexts) -> str | None:
        if not any(character.isalpha() for character in text):
            return None
        found = self.previous.get(text)
        if found:
            return self._choose(text, found, contexts)
        translate = QCoreApplication.translate  # recorded texts: literals where they are written
        changed = unchanged = None
        for prefix, suffix, pattern, fields, key, old in self.templates:
            if len(text) < len(prefix) + len(suffix) or not text.startswith(prefix) or not text.endswith(suffix):
                continue
            match = pattern.fullmatch(text)
            if match is None:
                continue
            values = {}
            for field, value in zip(fields, match.groups()):
                if field in values and values[field] != value:
                    break  # a field used twice with different values: not this template
                values[field] = value
            else:
                new = translate(*key)
                filled = _FIELD.sub(lambda m: self._value(values, m.group(1), contexts), new)
                if new == old:  # e.g. the template asked for under a base class's name
                    unchanged = unchanged or filled
                elif key[0] in contexts:
                    return filled
                else:
                    changed = changed or filled
        return changed or unchanged

    def _value(self, values: dict, field: str, contexts) -> str:
        value = values.get(field.split(":")[0].split("!")[0])
        if value is None:
            return "{" + field + "}"
        return self._retranslated(value, contexts) or value

    def _choose(self, text: str, found: list[tuple], contexts) -> str:
        """Among the texts that read ``text`` in the old language (those a catalogue has): one
        asked for by the object's own classes; else ``text`` itself when one of them reads the
        same in both languages ("LSTM", not the lessons' "an LSTM"); else the first changed."""
        translate = QCoreApplication.translate
        news = [(context, translate(context, source, disambiguation, n))
                for (context, source, disambiguation), n, catalogued in found
                if catalogued or self._catalogued((context, source, disambiguation), n)]
        changed = [(context, new) for context, new in news if new != text]
        own = [new for context, new in changed if context in contexts]
        if own:
            return own[0]
        if len(changed) < len(news) or not changed:
            return text
        return changed[0][1]


_FIELD = re.compile(r"\{([^{}]*)\}")
_SEPARATORS = re.compile(r"( — | – | · |\u2003|, |; |: |\n|<br>)")


def _template_pattern(template: str):
    """(prefix, suffix, regex, field names) matching texts filled into ``template``; None when
    the template is nothing but fields (it would match any text)."""
    parts = _FIELD.split(template)
    literals, fields = parts[0::2], parts[1::2]
    if not any(literal.strip() for literal in literals):
        return None
    fields = [field.split(":")[0].split("!")[0] for field in fields]
    automatic = iter(range(len(fields)))
    fields = [field if field else str(next(automatic)) for field in fields]
    pattern = "".join(re.escape(literal) + ("(.+?)" if i < len(fields) else "")
                      for i, literal in enumerate(literals))
    return literals[0], literals[-1], re.compile(pattern, re.DOTALL), fields


def recorder(app: QApplication) -> TextRecorder:
    """The :class:`TextRecorder` installed on ``app`` (installed now if it is not yet): create
    it before a window is built, so every text of the window is recorded."""
    existing = getattr(app, "_lstm_studio_recorder", None)
    if existing is None:
        existing = TextRecorder(app)
        existing.delegates = list(getattr(app, "_lstm_studio_translators", []))
        app._lstm_studio_recorder = existing
        app.installTranslator(existing)
    return existing


def use_translators(app: QApplication, code: str, translators: list[QTranslator]) -> None:
    """Show language ``code`` with ``translators``: note the texts as they read now, swap the
    translators and install the recorder again, which sends LanguageChange to every widget."""
    texts = recorder(app)
    texts.note_texts()
    for old in texts.delegates:
        if old not in translators:
            old.deleteLater()
    texts.delegates = list(translators)
    app._lstm_studio_translators = translators  # keep them alive as long as the app
    app.setProperty("lstm_studio_language", code)
    texts.generation += 1
    app.removeTranslator(texts)
    app.installTranslator(texts)


def retranslated(text: str, contexts=()) -> str | None:
    """``text`` as shown before the last language switch, in the language shown now; None when
    it is no text the app translated (a number, a file name, the user's own words)."""
    texts = getattr(QApplication.instance(), "_lstm_studio_recorder", None)
    return None if texts is None else texts.retranslated(text, contexts)


def switch_generation() -> int:
    """How many language switches the application has seen (0 before the first)."""
    texts = getattr(QApplication.instance(), "_lstm_studio_recorder", None)
    return 0 if texts is None else texts.generation


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
    use_translators(app, SOURCE_LANGUAGE, [])


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
