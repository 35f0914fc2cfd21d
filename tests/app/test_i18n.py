"""Languages: the Korean catalogue covers every text, .qm files are built when needed, the
language follows the system or the user's choice, and the live window really shows Korean."""

import ast
import importlib.util
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QStandardPaths

from lstm_studio.app import i18n

ROOT = Path(__file__).resolve().parents[2]
KO_TS = ROOT / "resources" / "translations" / "lstm_studio_ko.ts"
EN_TS = ROOT / "resources" / "translations" / "lstm_studio_en.ts"


def load_update_script():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "packaging" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def updater():
    return load_update_script()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """Compiled translations go to a temp folder."""
    folder = tmp_path / "cache"
    monkeypatch.setattr(i18n, "cache_dir", lambda: folder)
    return folder


@pytest.fixture
def clean_translators(qapp):
    yield qapp
    i18n.remove_translators(qapp)


@pytest.fixture
def extracted(updater, tmp_path):
    """Every message pyside6-lupdate finds in the sources today, in a fresh .ts."""
    ts_file = tmp_path / "extracted.ts"
    updater.run_lupdate(ts_file, "ko", updater.source_files())
    return updater.messages(ts_file)


def test_lupdate_finds_texts_of_every_feature(extracted):
    contexts = {context for context, _ in extracted}
    assert {"HelpFeature", "TourDialog", "MainWindow"} <= contexts
    assert ("HelpFeature", "&Theme") in extracted


def test_every_visible_text_has_a_finished_korean_translation(extracted, updater):
    committed = updater.messages(KO_TS)
    missing = [f"[{context}] {source!r}" for (context, source), _ in extracted.items()
               if not updater.is_finished(committed.get((context, source)))]
    assert not missing, (
        f"{len(missing)} texts have no finished Korean translation; run "
        "`python packaging/update_translations.py` and translate them:\n" + "\n".join(missing[:60]))


def test_every_plural_text_has_english_forms(extracted, updater):
    """English is the source language, but ``%n`` texts need their singular and plural forms."""
    committed = updater.messages(EN_TS)
    plural = [key for key, translation in extracted.items() if updater.is_numerus(translation)]
    missing = [f"[{c}] {s!r}" for c, s in plural
               if not (updater.is_finished(committed.get((c, s))) and len(committed[(c, s)]) == 2)]
    assert not missing, "plural texts without English forms (run packaging/update_translations.py):\n" + "\n".join(missing)


def test_english_plurals_at_run_time(cache, clean_translators):
    settings = QSettings()
    i18n.save_language(settings, "en")
    assert i18n.install_translator(clean_translators, settings) == "en"
    assert QCoreApplication.translate("TrainingDock", "Train %n step(s)", None, 1) == "Train 1 step"
    assert QCoreApplication.translate("TrainingDock", "Train %n step(s)", None, 3) == "Train 3 steps"
    i18n.save_language(settings, "ko")
    i18n.install_translator(clean_translators, settings)
    assert QCoreApplication.translate("TrainingDock", "Train %n step(s)", None, 3) == "3단계 학습"


def test_every_text_has_a_translation_context(extracted):
    """lupdate files each text under the class whose ``self.tr`` it sees, or the literal context of
    ``QCoreApplication.translate("Context", ...)``. A text under no context (a home-made ``tr``
    helper) or under an expression (``self.panel.tr``) is looked up at run time under another
    context, so it would never show translated."""
    wrong = sorted(f"[{context}] {source!r}" for context, source in extracted
                   if not (context.isidentifier() and context[0].isupper()))
    assert not wrong, "texts under a context no run-time lookup uses:\n" + "\n".join(wrong)


def literal_text(node) -> bool:
    """A string literal, possibly split over adjacent literals (which Python joins)."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def untranslatable_calls(path: Path) -> list[str]:
    """``tr``/``translate`` calls lupdate cannot read: texts that are not literals (a helper
    such as ``def _tr(text): return translate("X", text)`` hides every text passed to it) and
    ``other.tr(...)`` on an object other than ``self`` (lupdate files it under the wrong context)."""
    problems = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        where = f"{path.relative_to(ROOT)}:{node.lineno}"
        if name == "translate" and isinstance(func, ast.Attribute) and getattr(func.value, "id", "") in (
                "QCoreApplication", "QApplication", "app"):
            if len(node.args) < 2 or not (literal_text(node.args[0]) and literal_text(node.args[1])):
                problems.append(f"{where}: translate() needs a literal context and text")
        elif name == "tr":
            if not node.args or not literal_text(node.args[0]):
                problems.append(f"{where}: tr() needs a literal text")
            if isinstance(func, ast.Name):
                problems.append(f"{where}: a home-made tr() helper: lupdate files the text under no context")
            elif getattr(func.value, "id", "") != "self":
                problems.append(f"{where}: tr() on another object than self: lupdate files it under the wrong context")
    return problems


def test_translation_calls_use_literal_texts(updater):
    problems = [p for path in updater.source_files() for p in untranslatable_calls(path)]
    assert not problems, (
        "texts pyside6-lupdate cannot extract (write each call out, e.g. "
        "QCoreApplication.translate(\"MainWindow\", \"Gates over time\"), or self.tr(\"…\") "
        "inside the class):\n" + "\n".join(problems))


@pytest.mark.parametrize("ts_file", [KO_TS, EN_TS], ids=["ko", "en"])
def test_translations_keep_placeholders(updater, ts_file):
    for (context, source), translation in updater.messages(ts_file).items():
        if not updater.is_finished(translation):
            continue
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        for text in forms:
            for placeholder in ("{0}", "{1}", "{2}", "{3}", "{4}", "%1", "%2", "%n", "[*]"):
                assert source.count(placeholder) == text.count(placeholder), (context, source, text)
            named = re.compile(r"\{[A-Za-z_]\w*\}")  # the fields of Refusal templates
            assert sorted(named.findall(source)) == sorted(named.findall(text)), (context, source, text)


def test_korean_keeps_gate_symbols_and_uses_the_glossary(updater):
    korean = {source: t.text for (_, source), t in updater.messages(KO_TS).items() if updater.is_finished(t)}
    assert korean["forget gate"] == "삭제 게이트"
    assert korean["input gate"] == "입력 게이트"
    assert korean["output gate"] == "출력 게이트"
    assert korean["cell state"] == "셀 상태"
    assert korean["hidden state"] == "은닉 상태"
    assert "(f, i, o, r, z)" in korean[next(s for s in korean if s.startswith("<p>One heatmap per gate"))]
    assert "기울기 소실" in korean[next(s for s in korean if s.startswith("The gradient reaching"))]


def test_lrelease_is_found_and_compiles(tmp_path):
    assert i18n.qt_tool_command("lrelease") is not None
    qm = tmp_path / "ko.qm"
    i18n.compile_ts(KO_TS, qm)
    assert qm.stat().st_size > 1000


def test_source_install_compiles_missing_qm_into_cache(cache, monkeypatch, tmp_path):
    source = tmp_path / "translations"
    source.mkdir()
    shutil.copy(KO_TS, source / KO_TS.name)
    monkeypatch.setattr(i18n, "translations_dir", lambda: source)
    first = i18n.qm_file("ko")
    assert first is not None and first.parent == cache and first.is_file()
    assert i18n.qm_file("ko") == first  # cached: not compiled again

    # An edited .ts (stale .qm) is compiled again and the old file removed.
    ts = source / KO_TS.name
    ts.write_text(ts.read_text(encoding="utf-8").replace("</TS>", "<!-- edited --></TS>"), encoding="utf-8")
    second = i18n.qm_file("ko")
    assert second != first and second.is_file() and not first.exists()


def test_packaged_app_uses_the_shipped_qm(cache, monkeypatch, tmp_path):
    shipped = tmp_path / "translations"
    shipped.mkdir()
    i18n.compile_ts(KO_TS, shipped / "lstm_studio_ko.qm")  # as in the PyInstaller bundle: no .ts
    monkeypatch.setattr(i18n, "translations_dir", lambda: shipped)
    assert i18n.qm_file("ko") == shipped / "lstm_studio_ko.qm"
    assert not cache.exists()


def test_missing_lrelease_falls_back_to_english(cache, monkeypatch, clean_translators):
    monkeypatch.setattr(i18n, "qt_tool_command", lambda tool: None)
    assert i18n.qm_file("ko") is None and i18n.qm_file("en") is None
    settings = QSettings()
    i18n.save_language(settings, "ko")
    assert i18n.install_translator(clean_translators, settings) == "en"
    assert i18n.active_language(clean_translators) == "en"


def test_default_cache_is_the_user_cache_location():
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    assert str(i18n.cache_dir()).startswith(location)


@pytest.mark.parametrize(("name", "expected"), [("ko_KR", "ko"), ("en_US", "en"), ("de_DE", "en"), ("ko", "ko")])
def test_language_follows_system_locale(name, expected):
    assert i18n.system_language(QLocale(name)) == expected


def test_saved_choice_wins_over_system():
    settings = QSettings()
    assert i18n.saved_language(settings) is None
    assert i18n.current_language(settings) == i18n.system_language()
    i18n.save_language(settings, "ko")
    assert QSettings().value(i18n.SETTINGS_KEY) == "ko"
    assert i18n.current_language(settings) == "ko"
    with pytest.raises(ValueError, match="Unknown language"):
        i18n.save_language(settings, "xx")


def test_install_translator_translates_and_removes(cache, clean_translators):
    app = clean_translators
    settings = QSettings()
    i18n.save_language(settings, "ko")
    assert i18n.install_translator(app, settings) == "ko"
    assert i18n.active_language(app) == "ko"
    assert QCoreApplication.translate("HelpFeature", "&Theme") != "&Theme"
    i18n.remove_translators(app)
    assert QCoreApplication.translate("HelpFeature", "&Theme") == "&Theme"
    assert i18n.active_language(app) == "en"


def test_live_main_window_in_korean(qtbot, cache, clean_translators):
    from lstm_studio.app.window.main_window import MainWindow

    settings = QSettings()
    i18n.save_language(settings, "ko")
    i18n.install_translator(clean_translators, settings)
    window = MainWindow(settings=settings, restore_layout=False)
    qtbot.addWidget(window)
    assert window.menu("Help").title() == "도움말(&H)"
    assert window.menu("View").title() == "보기(&V)"
    assert window.help.tour_action.text().startswith("둘러보기")
    assert "게이트" in window.docks["gates"].windowTitle()


def test_qt_standard_buttons_are_translated_too(cache, clean_translators):
    settings = QSettings()
    i18n.save_language(settings, "ko")
    i18n.install_translator(clean_translators, settings)
    assert len(clean_translators._lstm_studio_translators) == 2  # the app's and Qt's own
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"


def test_update_script_reports_untranslated(updater, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(updater, "TRANSLATIONS", tmp_path)
    monkeypatch.setattr(updater, "ROOT", tmp_path)
    sources = [ROOT / "lstm_studio" / "app" / "help" / "feature.py"]
    real_run = updater.run_lupdate
    monkeypatch.setattr(updater, "run_lupdate", lambda ts, lang: real_run(ts, lang, sources))
    assert updater.main(["ko"]) == 0
    out = capsys.readouterr().out
    assert "lstm_studio_ko.ts:" in out and "to translate" in out and "[HelpFeature]" in out
    assert os.path.getsize(tmp_path / "lstm_studio_ko.ts") > 0


def test_refusals_from_the_engine_reach_the_user_in_korean(cache, clean_translators):
    from lstm_studio.engine.refusal import Refusal
    from lstm_studio.session.document import NetworkConfig
    from lstm_studio.session.checked import checked_array

    with pytest.raises(Refusal) as too_big:
        NetworkConfig(hidden_size=5000).validated()
    with pytest.raises(Refusal) as not_finite:
        checked_array("targets", [np.nan], (1,))
    english = i18n.error_text(too_big.value)
    assert english == str(too_big.value) == (
        "The hidden size 5000 is beyond what stays interactive (at most 4096).")
    settings = QSettings()
    i18n.save_language(settings, "ko")
    i18n.install_translator(clean_translators, settings)
    assert i18n.error_text(too_big.value) == "은닉 크기 5000은(는) 대화형으로 다룰 수 있는 범위를 넘습니다 (최대 4096)."
    assert i18n.error_text(not_finite.value) == "목표값에 NaN이나 무한대가 있으면 안 됩니다."
    assert i18n.error_text(ValueError("plain")) == "plain"
