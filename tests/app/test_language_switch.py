"""Language switch without restart: View ▸ Language shows the new language at once in every
feature area of a live window (QEvent.LanguageChange and the window's retranslation walk), and
nothing of the user's work changes — document, undo history, file name and modified state, time
step, selection, dock layout, open lesson and page, a running training run."""

import re
import sys
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QWidget,
)

from lstm_studio.app import i18n

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import update_translations  # noqa: E402

KO_TS = ROOT / "resources" / "translations" / "lstm_studio_ko.ts"


def catalogue() -> dict[tuple[str, str], str]:
    """(context, source) -> finished Korean translation (plural texts left out)."""
    return {key: t.text for key, t in update_translations.messages(KO_TS).items()
            if update_translations.is_finished(t) and not update_translations.is_numerus(t)}


KO = catalogue()


def ko(context: str, source: str) -> str:
    return KO[(context, source)]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    return tmp_path_factory.mktemp("translations")


@pytest.fixture
def window(qtbot, qapp, compiled, monkeypatch):
    from lstm_studio.app.window.main_window import MainWindow

    monkeypatch.setattr(i18n, "cache_dir", lambda: compiled)  # compiled once for the module
    monkeypatch.setattr(i18n, "translations_dir", lambda: KO_TS.parent)  # this checkout's catalogue
    settings = QSettings()
    i18n.save_language(settings, "en")
    win = MainWindow(settings=settings, restore_layout=False)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.lessons.stop_building()
    win.training.shutdown()
    win.compare.shutdown()
    for dialog in win.help.dialogs.values():
        dialog.close()


def switch(window, code: str) -> None:
    """View ▸ Language ▸ <code>, as the user picks it."""
    window.help.language_actions[code].trigger()
    QApplication.processEvents()


def open_lesson(window, qtbot, lesson_id="long-dependency", page=0):
    window.lessons.open_lesson(lesson_id, page, 0)
    qtbot.waitUntil(lambda: (window.model.document.lesson or {}).get("page") == page
                    and window.lessons.builder is None, timeout=20_000)
    window.lessons.dock.show()
    window.lessons.dock.raise_()
    QApplication.processEvents()


def user_state(window) -> dict:
    """What the switch must leave as it is."""
    model = window.model
    return {
        "undo": (window.undo_stack.count(), window.undo_stack.index(), window.undo_stack.cleanIndex()),
        "undo texts": [window.undo_stack.command(i) for i in range(window.undo_stack.count())],
        "time step": model.view.time_step,
        "selection": (model.view.unit, model.view.layer, model.view.direction),
        "modified": (model.is_modified, window.isWindowModified()),
        "file": window.windowFilePath(),
        # where every dock is and how big (saveState's bytes also hold the toolbars' widths, which
        # follow the length of their captions in each language)
        "layout": {key: (window.dockWidgetArea(dock), dock.geometry(),
                         sorted(d.objectName() for d in window.tabifiedDockWidgets(dock)))
                   for key, dock in window.docks.items()},
        "geometry": window.geometry(),
        "lesson": dict(model.document.lesson or {}),
        "docks": {key: (dock.isVisible(), dock.isFloating()) for key, dock in window.docks.items()},
    }


def expected_texts(window, translate) -> dict[str, str]:
    """A sample of texts from every feature area, as ``translate(context, source)`` gives them."""
    model, training, lesson_panel = window.model, window.training, window.lessons.panel
    item = lesson_panel.current()[0]
    lesson_text = lambda text: translate("Lessons", text)  # noqa: E731
    return {
        "File menu": translate("MainWindow", "&File"),
        "View menu": translate("MainWindow", "&View"),
        "Lessons menu": translate("MainWindow", "&Lessons"),
        "Help menu": translate("MainWindow", "&Help"),
        "gates dock": translate("MainWindow", "Gates over time"),
        "output dock": translate("MainWindow", "Output and loss"),
        "weights dock": translate("Editing", "Weights"),
        "history dock": translate("Editing", "History"),
        "training dock": translate("TrainingFeature", "Training"),
        "lesson dock": translate("LessonsFeature", "Lesson"),
        "compare dock": translate("Compare", "Compare RNN / LSTM / GRU"),
        "gates header": translate("GatesPanel", "{0}, batch sample 0{1}").format(
            translate("GatesPanel", "Gate activations"), ""),
        "gates plot title": "a — {0}\u2003tanh".format(translate("GatesPanel", "activation h_t")),
        "time axis label": translate("TimePlot", "time step t"),
        "toolbar label": translate("ConfigToolbar", "Hidden"),
        "toolbar title": translate("ConfigToolbar", "Network"),
        "step text": translate("MainWindow", "t = {0} / {1}").format(
            model.view.time_step + 1, model.config.seq_len),
        "Start button": translate("TrainingDock", "Start"),
        "Stop button": translate("TrainingDock", "Stop"),
        "settings box": translate("SettingsBox", "Settings"),
        "lesson title": lesson_text(item.title),
        "lesson Next": translate("LessonPanel", "Next ▶"),
        "kind tooltip": translate("ConfigToolbar", "Kind of recurrent network. Switching back to a kind "
                                                   "gives back the weights it had in this session."),
        "tour title": translate("TourDialog", "Guided tour"),
        "tour close": translate("TourDialog", "&Close"),
        "undo action": "{0} {1}".format(translate("Editing", "&Undo"), translate("LessonsFeature", "Lesson: {0} ({1}/{2})")
                                        .format(lesson_text(item.title), 1, len(item.pages))),
    }


def shown_texts(window) -> dict[str, str]:
    docks, training, tour = window.docks, window.training, window.help.dialogs["tour"]
    gates = window.panels["gates"]
    config = window.config_toolbar
    hidden_label = next(label for label in config.findChildren(QLabel)
                        if label.toolTip() == config.sizes["hidden_size"].toolTip())
    return {
        "File menu": window.menu("File").title(),
        "View menu": window.menu("View").title(),
        "Lessons menu": window.menu("Lessons").title(),
        "Help menu": window.menu("Help").title(),
        "gates dock": docks["gates"].windowTitle(),
        "output dock": docks["output"].windowTitle(),
        "weights dock": docks["weights_editor"].windowTitle(),
        "history dock": docks["undo_history"].windowTitle(),
        "training dock": docks["training"].windowTitle(),
        "lesson dock": docks["lessons"].windowTitle(),
        "compare dock": docks["compare"].windowTitle(),
        "gates header": gates.info.text(),
        "gates plot title": gates.heatmaps["a"].plot.titleLabel.text,
        "time axis label": gates.heatmaps["a"].plot.getAxis("bottom").labelText,
        "toolbar label": hidden_label.text(),
        "toolbar title": config.windowTitle(),
        "step text": window.step_label.text(),
        "Start button": training.start_button.text(),
        "Stop button": training.stop_button.text(),
        "settings box": training.settings_box.title(),
        "lesson title": window.lessons.panel.title.text(),
        "lesson Next": window.lessons.panel.next_button.text(),
        "kind tooltip": config.kind.toolTip(),
        "tour title": tour.windowTitle(),
        "tour close": tour.close_button.text(),
        "undo action": window.editing.undo_action.text(),
    }


def english(_context: str, source: str) -> str:
    return source


@pytest.mark.timeout(360)  # every dock and tab in turn, several times: 20-50 s here after other tests
def test_switching_languages_retranslates_every_area_and_keeps_the_work(window, qtbot):
    open_lesson(window, qtbot)
    window.model.set_time_step(4)
    window.model.set_selection(unit=3)
    window.help.show_tour().show_page(2)
    before = user_state(window)
    assert shown_texts(window) == expected_texts(window, english)

    switch(window, "ko")
    assert i18n.active_language(QApplication.instance()) == "ko"
    assert shown_texts(window) == expected_texts(window, ko)
    assert window.help.dialogs["tour"].index == 2  # the same page, now in Korean
    assert window.help.dialogs["tour"].heading.text() == "<h2>{0}</h2>".format(ko("TourDialog", "Playback"))
    assert window.windowTitle() == ko("FileActions", "{0}[*] — LSTM Studio").format(ko("FileActions", "Untitled"))
    assert user_state(window) == before

    switch(window, "en")
    assert shown_texts(window) == expected_texts(window, english)
    assert window.windowTitle() == "Untitled[*] — LSTM Studio"
    assert user_state(window) == before


def test_hover_read_outs_name_their_values_in_the_new_language(window):
    outputs = window.panels["output"].outputs
    english_readout = outputs.readout(2.0, 0.5)
    assert "y0 (target) = " in english_readout
    switch(window, "ko")
    readout = outputs.readout(2.0, 0.5)
    assert readout.startswith(ko("TimePlot", "t = {0}: {1}").split("{0}")[0] + "3")
    assert ko("OutputPanel", "y{0} (target)").format(0) + " = " in readout


def test_the_switch_keeps_the_document_and_its_modified_state(window):
    window.model.set_time_step(7)
    window.config_toolbar.sizes["hidden_size"].setValue(5)  # an undoable edit: the session is modified
    document = window.model.document
    saved = document.copy()
    assert window.model.is_modified and window.undo_stack.count() == 1
    switch(window, "ko")
    assert window.model.document is document and document.equals(saved)
    assert window.model.is_modified and window.isWindowModified()
    assert window.undo_stack.count() == 1 and window.undo_stack.canUndo()
    assert window.model.view.time_step == 7 and window.model.config.hidden_size == 5
    window.undo_stack.undo()  # the history still works, in Korean
    assert window.model.config.hidden_size != 5


# -- the generic check: no text with a Korean translation stays English -----------------------------
def widget_texts(window):
    """(what, text) of every text a user can see: visible widgets, every action (menus show them),
    and the pyqtgraph titles, axis labels and legends of visible plots."""
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or widget is window.timing_label:  # timings change anyway
            continue
        for getter in ("windowTitle", "toolTip", "statusTip", "text", "title", "placeholderText"):
            method = getattr(widget, getter, None)
            if callable(method):
                try:
                    value = method()
                except TypeError:
                    continue
                if isinstance(value, str) and value:
                    yield f"{type(widget).__name__}.{getter}", value
        for index in range(getattr(widget, "count", lambda: 0)() if hasattr(widget, "tabText") else 0):
            yield f"{type(widget).__name__}.tabText", widget.tabText(index)
        for index in range(widget.count() if hasattr(widget, "itemText") else 0):
            yield f"{type(widget).__name__}.itemText", widget.itemText(index)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for orientation, count in ((Qt.Orientation.Horizontal, model.columnCount()),
                                       (Qt.Orientation.Vertical, model.rowCount())):
                for section in range(min(count, 12)):
                    header = model.headerData(section, orientation)
                    if isinstance(header, str):
                        yield f"{type(widget).__name__}.header", header
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                if not item.isVisible():
                    continue
                if isinstance(item, pg.LabelItem):
                    yield "LabelItem", item.text
                elif isinstance(item, pg.AxisItem):
                    yield "AxisItem", item.labelText
                elif isinstance(item, QGraphicsSimpleTextItem):
                    yield "QGraphicsSimpleTextItem", item.text()
                elif isinstance(item, QGraphicsTextItem):
                    yield "QGraphicsTextItem", item.toPlainText()
                if item.toolTip():
                    yield f"{type(item).__name__}.toolTip", item.toolTip()
    for action in window.findChildren(QAction):
        for getter in ("text", "toolTip", "statusTip"):
            value = getattr(action, getter)()
            if value:
                yield f"QAction.{getter}", value


def english_left(window) -> list[str]:
    """Texts shown that are an English source with another Korean translation: whole, or as a
    part of a longer text (two words or more, e.g. a gate's name inside a plot title)."""
    translated = {source: text for (_context, source), text in KO.items() if text != source}
    whole = set(translated)
    parts = set()
    for source, text in translated.items():
        if "<" in source or "%" in source:
            continue
        for piece in re.split(r"\{[^{}]*\}", source):  # a template's fixed words count too
            piece = piece.strip(" ,.:;·—()[]*\u2003")
            if len(piece.split()) >= 2 and piece not in text:
                parts.add(piece)
    pattern = re.compile("|".join(r"(?<![\w&])" + re.escape(s) + r"(?!\w)"
                                  for s in sorted(parts, key=len, reverse=True)))
    left = set()
    for what, text in widget_texts(window):
        if text in whole or text.strip() in whole:
            left.add(f"{what}: {text!r}")
        else:
            match = pattern.search(text)
            if match:
                left.add(f"{what}: {match.group(0)!r} in {text[:120]!r}")
    return sorted(left)


def every_dock_in_turn(window):
    """Bring each dock to the front in turn (tabbed docks show their texts only then) and each
    tab of the views inside; yields after each."""
    from PySide6.QtWidgets import QTabWidget

    for key, dock in window.docks.items():
        dock.show()
        dock.raise_()
        QApplication.processEvents()
        yield key
        for tabs in dock.widget().findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                QApplication.processEvents()
                yield f"{key} tab {index}"


def open_everything(window, qtbot):
    open_lesson(window, qtbot)
    window.compare.show()
    window.help.show_tour()
    window.help.show_equations()
    window.help.show_shortcuts()
    QApplication.processEvents()


HANGUL = re.compile("[\uac00-\ud7a3]")


def all_texts_in_turn(window) -> dict[str, list[str]]:
    """Dock (tab) brought to the front -> the texts then shown, but those that change anyway
    (timings, the status message)."""
    changing = {"", window.statusBar().currentMessage()}
    return {where: sorted({f"{what}: {text}" for what, text in widget_texts(window) if text not in changing})
            for where in every_dock_in_turn(window)}


@pytest.mark.timeout(360)  # every dock and tab in turn, several times: 20-50 s here after other tests
def test_no_visible_text_stays_in_the_language_left(window, qtbot):
    """After en → ko no text with a Korean translation is English, after ko → en no text is
    Korean (but the language's own name), in every dock and tab brought to the front in turn;
    and back in English every text reads as it did before."""
    open_everything(window, qtbot)
    all_texts_in_turn(window)  # every view has been shown once: each turn now ends as it began
    before = all_texts_in_turn(window)
    assert english_left(window), "the check finds the English texts before the switch"
    switch(window, "ko")
    left = {}
    for where in every_dock_in_turn(window):
        for text in english_left(window):
            left.setdefault(text, where)
    assert not left, f"{len(left)} texts stayed English:\n" + "\n".join(f"{t} ({w})" for t, w in list(left.items())[:40])

    switch(window, "en")
    for where in every_dock_in_turn(window):
        for what, text in widget_texts(window):
            if HANGUL.search(text) and "한국어" not in text:
                left.setdefault(f"{what}: {text[:120]!r}", where)
    assert not left, f"{len(left)} texts stayed Korean:\n" + "\n".join(f"{t} ({w})" for t, w in list(left.items())[:40])
    after = all_texts_in_turn(window)
    changed = [f"{where}: {sorted(set(after[where]) - set(texts))[:6]} instead of "
               f"{sorted(set(texts) - set(after[where]))[:6]}" for where, texts in before.items() if after[where] != texts]
    assert not changed, "texts that read otherwise after en → ko → en:\n" + "\n".join(changed)


def test_a_window_started_in_korean_switches_to_the_english_of_a_window_started_in_english(
        window, qtbot, qapp):
    """The first switch of a Korean user: texts set in Korean by the constructors (never seen in
    English) come back as a window built in English shows them."""
    from lstm_studio.app.window.main_window import MainWindow

    english = set(all_texts_in_turn(window)["gates"])
    window.close()
    settings = QSettings()
    i18n.save_language(settings, "ko")
    i18n.install_translator(qapp, settings)
    korean = MainWindow(settings=settings, restore_layout=False)
    qtbot.addWidget(korean)
    korean.resize(1600, 1000)
    korean.show()
    qtbot.waitExposed(korean)
    assert korean.menu("File").title() == ko("MainWindow", "&File")
    switch(korean, "en")
    shown = set(all_texts_in_turn(korean)["gates"])
    assert sorted(shown - english) == [] and sorted(english - shown) == []


def test_no_translation_is_a_bare_number():
    """A switch could not tell such a text from a number (Korean "0" for "Zeros")."""
    bare = [f"[{context}] {source!r}: {text!r}" for (context, source), text in KO.items()
            if "{" not in source and not any(c.isalpha() for c in text)]
    assert not bare, "\n".join(bare)


def test_no_two_texts_of_one_context_read_the_same_in_korean():
    """Back to English, a text shown in Korean must say which English text it was: within one
    class (the context the switch looks in first) two texts may not share a translation —
    unless one of them is the same in both languages ("LSTM" and the lessons' "an LSTM")."""
    seen, clashes = {}, []
    for (context, source), text in KO.items():
        other = seen.setdefault((context, text), source)
        if other != source and text not in (source, other):
            clashes.append(f"[{context}] {other!r} and {source!r}: {text!r}")
    assert not clashes, "\n".join(clashes)


# -- a running training -------------------------------------------------------------------------------
def test_a_running_training_keeps_running_through_the_switch(window, qtbot):
    dock = window.training
    dock.choose_task("long_dependency")
    dock.settings_box.steps.setValue(100_000)
    dock.start()
    qtbot.waitUntil(lambda: len(window.model.document.history.get("step", ())) > 0, timeout=20_000)
    worker, command, count = dock.worker, dock._command, window.undo_stack.count()
    switch(window, "ko")
    assert dock.is_running and dock.worker is worker and not worker.is_paused
    assert dock.pause_button.text() == ko("TrainingDock", "Pause")
    steps = len(window.model.document.history["step"])
    qtbot.waitUntil(lambda: len(window.model.document.history["step"]) > steps, timeout=20_000)
    assert dock.status.text().startswith(ko("TrainingDock", "training") + " · ")
    assert window.undo_stack.count() == count and dock._command is command
    dock.stop()
    qtbot.waitUntil(lambda: not dock.is_running, timeout=20_000)
    trained = window.undo_stack.command(window.undo_stack.count() - 1).text()
    assert re.fullmatch(r"\d+단계 학습", trained), trained  # "Train %n step(s)", named in Korean


def test_a_lesson_build_goes_on_and_says_its_progress_in_the_new_language(window, qtbot, monkeypatch):
    from slow_steps import slow_steps_from

    slow_steps_from(monkeypatch, 1, 0.02, interruptible=True)
    window.lessons.open_lesson("long-dependency", 1, 0)  # a page that trains: built in the background
    builder, panel = window.lessons.builder, window.lessons.panel
    assert builder is not None and panel.progress_label.text().startswith("Training “")
    switch(window, "ko")
    assert window.lessons.builder is builder and builder.isRunning()
    title = ko("Lessons", lesson_page_title("long-dependency", 1))
    expected = ko("LessonsFeature", "Training “{0}”…").format(title)
    assert panel.progress_label.text() == expected
    value = panel.progress.value()
    qtbot.waitUntil(lambda: panel.progress.value() > value, timeout=20_000)  # a progress signal since
    assert panel.progress_label.text() == expected
    window.lessons.stop_building()


def lesson_page_title(lesson_id: str, page: int) -> str:
    from lstm_studio.lessons import lesson

    title = lesson(lesson_id).pages[page].title
    return title if isinstance(title, str) else title.template


# -- the choice -------------------------------------------------------------------------------------
def test_the_choice_is_remembered_for_the_next_start(window, qapp):
    switch(window, "ko")
    assert QSettings().value(i18n.SETTINGS_KEY) == "ko"
    assert i18n.current_language(QSettings()) == "ko"
    assert window.help.language_actions["ko"].isChecked()
    switch(window, "en")
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"
    assert window.help.language_actions["en"].isChecked()


def test_choosing_the_language_shown_changes_nothing(window):
    generation = i18n.switch_generation()
    window.help.language_actions["en"].trigger()
    QApplication.processEvents()
    assert i18n.switch_generation() == generation  # no switch: no LanguageChange, no walk
    assert window.statusBar().currentMessage() == "Language: English."


def test_an_unusable_translation_is_refused_and_english_stays(window, monkeypatch):
    monkeypatch.setattr(i18n, "qm_file", lambda code: None)
    switch(window, "ko")
    assert i18n.active_language(QApplication.instance()) == "en"
    assert window.menu("File").title() == "&File"
    assert window.help.language_actions["en"].isChecked()
    assert window.statusBar().currentMessage() == (
        "The 한국어 translation cannot be loaded: the texts stay in English.")


# -- the pieces -------------------------------------------------------------------------------------
def test_recorded_texts_map_to_the_new_language_whole_by_template_and_by_parts(window, qapp):
    translate = QCoreApplication.translate
    assert translate("GatesPanel", "input gate") == "input gate"  # recorded while shown in English
    title = translate("FileActions", "{0}[*] — LSTM Studio").format(translate("FileActions", "Untitled"))
    switch(window, "ko")
    assert i18n.retranslated("input gate") == ko("GatesPanel", "input gate")
    assert i18n.retranslated(title) == ko("FileActions", "{0}[*] — LSTM Studio").format(ko("FileActions", "Untitled"))
    assert i18n.retranslated("i — input gate\u2003σ") == "i — {0}\u2003σ".format(ko("GatesPanel", "input gate"))
    assert i18n.retranslated("12.5") is None and i18n.retranslated("my_session.lstm") is None
    switch(window, "en")
    assert i18n.retranslated("0") is None  # a number stays a number
    assert i18n.retranslated(ko("SequenceEditor", "Zeros")) == "Zeros"
    assert i18n.retranslated("LSTM") == "LSTM"  # not the lessons' "an LSTM", which reads the same in Korean
    assert i18n.retranslated(ko("GatesPanel", "input gate")) == "input gate"
