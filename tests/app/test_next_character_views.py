"""A next-character session shows characters, not channel numbers: time axes written with the
input characters, the output panel's most likely next characters and the true next character's
probability, the one-hot editors' column headers; text generation explains a seed the text
lacks beside the generated text (never in a dialog), takes its seed from the text, and the
default text follows the interface's language (issue 15; issue 13's Korean text and seed)."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QFontMetricsF, QUndoStack

from lstm_studio.app import i18n
from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.editors.sequence_editor import SequenceEditor
from lstm_studio.app.panels.gates import GatesPanel
from lstm_studio.app.panels.output import TOP_K, OutputPanel
from lstm_studio.app.panels.plots.axes import TimeAxis
from lstm_studio.app.panels.preview import demo_model
from lstm_studio.app.window.main_window import MainWindow
from lstm_studio.engine.tasks import DEFAULT_TEXT, DEFAULT_TEXT_KO, default_seed
from lstm_studio.session.experiments import task_document
from lstm_studio.session.model import SessionModel

ROOT = Path(__file__).resolve().parents[2]
TEXT = "the cat sat\non the mat. the cat sat\non the mat. the cat sat\non the mat. "
SIGNS = {" ": "␣", "\n": "⏎"}


def sign(c: str) -> str:
    return SIGNS.get(c, c)


def text_model(text=TEXT, seq_len=20) -> SessionModel:
    return SessionModel(task_document("next_char", text=text, seq_len=seq_len))


def read_characters(model):
    """Input character and true next character of every step, decoded here from the one-hot rows."""
    vocabulary = "".join(sorted(set(model.document.training["task_options"]["text"])))
    doc = model.document
    return ([vocabulary[k] for k in doc.inputs.argmax(axis=1)],
            [vocabulary[k] for k in doc.targets.argmax(axis=1)], vocabulary)


def show(qtbot, widget, width=900, height=600):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def drawn_labels(axis: TimeAxis, width: float) -> dict[int, str]:
    """Step (0-based) -> the text the axis writes under it when ``width`` pixels long."""
    low, high = -0.5, axis.steps - 0.5
    values = [v for _, level in axis.tickValues(low, high, width) for v in level]
    return dict(zip((int(round(v)) for v in values), axis.tickStrings(values, 1.0, 1.0)))


# -- time axes -------------------------------------------------------------------------------
def test_time_axes_write_the_input_characters_with_visible_space_and_newline(qtbot):
    model = text_model()
    read, _, _ = read_characters(model)
    panel = show(qtbot, GatesPanel(model), 1400, 700)
    expected = [sign(c) for c in read]
    assert {" ", "\n"} & set(read)  # the window shows a space or a newline
    for plot in panel.axes.plots:
        axis = plot.plot.getAxis("bottom")
        assert axis.step_labels == expected
    drawn = drawn_labels(panel.axes.plots[0].plot.getAxis("bottom"), 1000.0)  # room for all
    assert sorted(drawn) == list(range(20))
    for t, text in drawn.items():
        character, number = text.split("\n")
        assert character == expected[t]
    assert drawn[0].split("\n")[1] == "1" and drawn[19].split("\n")[1] == "20"  # the ends numbered
    plot = panel.axes.plots[0]  # hovering names the step's character too
    panel.axes._hover(plot.view.mapViewToScene(QPointF(4, 3.0)))
    assert panel.readout.text().startswith(f"t = 5 “{expected[4]}”, unit 3: ")
    assert "␣" in "".join(drawn.values()) or "⏎" in "".join(drawn.values())


def test_dense_step_labels_are_thinned_so_that_none_overlap(qtbot):
    model = text_model(seq_len=60)
    panel = show(qtbot, OutputPanel(model))
    axis = panel.outputs.plot.getAxis("bottom")
    metrics = QFontMetricsF(axis.font())
    widest = max(metrics.horizontalAdvance(label) for label in axis.step_labels)
    for width in (1200.0, 300.0, 120.0):
        drawn = sorted(drawn_labels(axis, width))
        per_step = width / 60
        if width == 1200.0:
            assert drawn == list(range(60))  # 20 px a step: every character
        else:
            assert len(drawn) < 60
        gaps = np.diff(drawn) * per_step
        assert gaps.min() >= widest  # neighbouring characters never touch


def test_sessions_without_characters_keep_step_numbers(qtbot):
    panel = show(qtbot, OutputPanel(demo_model("lstm")))
    axis = panel.outputs.plot.getAxis("bottom")
    assert axis.step_labels is None
    assert all("\n" not in text for text in drawn_labels(axis, 800.0).values())
    assert drawn_labels(axis, 800.0)[0] == "1"


def test_labels_follow_edited_inputs_and_vanish_with_the_vocabulary(qtbot):
    model = text_model()
    panel = show(qtbot, OutputPanel(model))
    axis = panel.outputs.plot.getAxis("bottom")
    _, _, vocabulary = read_characters(model)
    inputs = model.document.inputs.copy()
    inputs[3] = 0.0
    inputs[3, vocabulary.index("m")] = 1.0
    inputs[4, 0] = 0.5  # no longer one-hot: no character
    model.set_inputs(inputs)
    assert axis.step_labels[3] == "m" and axis.step_labels[4] == ""
    model.set_config(input_size=len(vocabulary) + 1)  # no longer the text's vocabulary
    assert panel.outputs.plot.getAxis("bottom").step_labels is None


# -- output panel ----------------------------------------------------------------------------
def softmax(y):
    e = np.exp(y - np.max(y))
    return e / e.sum()


def test_output_panel_lists_the_most_likely_next_characters_at_the_cursor(qtbot):
    model = text_model()
    panel = show(qtbot, OutputPanel(model))
    read, following, vocabulary = read_characters(model)
    for t in (0, 7, 19):
        model.set_time_step(t)
        p = softmax(model.evaluation.y[t])
        order = sorted(range(len(vocabulary)), key=lambda k: (-p[k], k))[:TOP_K]
        listed = " · ".join(f"{sign(vocabulary[k])} {100 * p[k]:.1f} %" for k in order)
        true_p = p[vocabulary.index(following[t])]
        assert panel.top_k.text() == (f"t = {t + 1}, after “{sign(read[t])}”, next: {listed} · "
                                      f"true next “{sign(following[t])}”: {100 * true_p:.1f} %")
    assert panel.top_k.isVisible()
    panel.axes._hover(panel.outputs.view.mapViewToScene(QPointF(7, 0.5)))
    assert panel.readout.text().startswith(f"t = 8 “{sign(read[7])}”: p(most likely character) = ")


def test_output_panel_draws_the_true_next_characters_probability_not_class_curves(qtbot):
    model = text_model()
    panel = show(qtbot, OutputPanel(model))
    _, following, vocabulary = read_characters(model)
    p = np.array([softmax(row) for row in model.evaluation.y])
    true_p = p[np.arange(20), [vocabulary.index(c) for c in following]]
    line, _marks = panel.targets[0]
    np.testing.assert_allclose(line.y, true_p, rtol=1e-12)
    np.testing.assert_allclose(panel.likeliest.y, p.max(axis=1), rtol=1e-12)
    legend = [label.text for _, label in panel.outputs.legend.items]
    assert legend == ["p(most likely character)", "p(true next character)"]
    assert "true next character" in panel.outputs.plot.titleLabel.text
    assert panel.output_curves == []
    info = panel.info.text()
    assert "showing" not in info and f"vocabulary: {len(vocabulary)} characters" in info


def test_output_panel_goes_back_to_classes_without_characters(qtbot):
    model = text_model()
    panel = show(qtbot, OutputPanel(model))
    model.set_config(output_size=len(read_characters(model)[2]) + 1)
    assert panel.characters is None and not panel.top_k.isVisible()
    assert panel.output_curves and "p(class 0)" in [label.text for _, label in panel.outputs.legend.items]


# -- editors ---------------------------------------------------------------------------------
@pytest.mark.parametrize("target, symbol", [("inputs", "x"), ("targets", "y")])
def test_one_hot_editors_head_their_columns_with_characters(qtbot, target, symbol):
    model = text_model()
    editor = show(qtbot, SequenceEditor(model, QUndoStack(), target), 600, 800)
    read, following, vocabulary = read_characters(model)
    table = editor.table_model
    headers = [table.headerData(k, Qt.Orientation.Horizontal) for k in range(table.columnCount())]
    assert headers == [sign(c) for c in vocabulary]
    assert "⏎" in headers and "␣" in headers
    k = vocabulary.index("c")
    assert table.headerData(k, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == \
        f"Channel {symbol}{k}: the character 'c'"
    assert editor.channel.itemText(k + 1) == f"Channel {k} (c)"
    shown = read if target == "inputs" else following
    assert editor.plot.getAxis("bottom").step_labels == [sign(c) for c in shown]
    rows = [table.headerData(t, Qt.Orientation.Vertical) for t in range(table.rowCount())]
    assert rows == [f"t={t + 1} {sign(c)}" for t, c in enumerate(shown)]
    edited = getattr(model.document, target).copy()
    edited[2] = 0.0  # no character at t = 3 any more
    heard = []
    table.headerDataChanged.connect(lambda *args: heard.append(args))
    (model.set_inputs if target == "inputs" else model.set_targets)(edited)
    assert table.headerData(2, Qt.Orientation.Vertical) == "t=3" and heard


def test_editors_of_other_sessions_keep_channel_names(qtbot):
    editor = show(qtbot, SequenceEditor(demo_model("lstm"), QUndoStack(), "inputs"), 600, 800)
    assert editor.table_model.headerData(1, Qt.Orientation.Horizontal) == "x1"
    assert editor.table_model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert editor.plot.getAxis("bottom").step_labels is None
    assert editor.table_model.headerData(4, Qt.Orientation.Vertical) == "t=5"


# -- generation ------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot):
    configure_pyqtgraph()
    w = MainWindow(restore_layout=False)
    show(qtbot, w, 1600, 1000)
    yield w
    w.training.shutdown()
    w.compare.shutdown()


def use_text(dock, text):
    dock.text_edit.setPlainText(text)
    dock.use_text_button.click()


def test_a_seed_the_text_lacks_is_explained_beside_the_text_never_in_a_dialog(window, qtbot, dialogs):
    dock = window.training
    korean = "나는 모스크바에 여행을 왔다. 여기는 춥다. " * 3
    use_text(dock, korean)
    assert window.model.document.task == "next_char"
    assert dock.generation.seed_text.text() == default_seed(korean) == "나는 모스크바에 "
    assert not dock.generation.generation_note.isVisible()
    dock.generation.seed_text.setText("The ")
    assert dock.generation.generation_note.isVisible()
    note = dock.generation.generation_note.text()
    assert "“T”" in note and "“h”" in note and "“e”" in note and "“␣”" not in note
    assert "나는 모스크바에 " in note
    dock.generation.generated.setPlainText("old")
    for _ in range(2):  # Step, twice: each run ends by generating
        dock.step_once()
        qtbot.waitUntil(lambda: not dock.is_running, timeout=30_000)
    assert len(window.model.document.history["loss"]) == 2
    assert dialogs.calls == []
    assert dock.generation.generation_note.isVisible() and dock.generation.generation_note.text() == note
    assert dock.generation.generated.toPlainText() == "old"  # nothing written
    assert dock.generation.generate() is False and dialogs.calls == []
    dock.generation.seed_text.setText("여기는 ")  # a seed of the text's characters: written, note gone
    assert not dock.generation.generation_note.isVisible()
    assert dock.generation.generate() is True
    assert dock.generation.generated.toPlainText().startswith("여기는 ")
    assert set(dock.generation.generated.toPlainText()) <= set(korean)
    dock.generation.seed_text.setText("")
    assert "Type a seed text" in dock.generation.generation_note.text()


def test_other_generation_refusals_are_said_inline_too(window, qtbot, dialogs):
    dock = window.training
    use_text(dock, TEXT)
    window.model.set_config(bidirectional=True)
    assert dock.generation.generate() is False
    assert "bidirectional" in dock.generation.generation_note.text() and dialogs.calls == []


def test_a_new_text_brings_its_own_seed_and_undo_keeps_a_typed_one(window):
    dock = window.training
    use_text(dock, TEXT)
    assert dock.generation.seed_text.text() == "the cat "
    dock.generation.seed_text.setText("on ")
    window.undo_stack.undo()  # back to before the task: then redo the same text
    window.undo_stack.redo()
    assert dock.generation.seed_text.text() == "on "
    use_text(dock, "ab ab ab ab ab ab ab ab ab ab ab ab ab ab")
    assert dock.generation.seed_text.text() == "ab ab "


def test_the_english_interface_sets_up_the_english_text(window):
    compare = window.compare.view
    compare.task_combo.setCurrentIndex(compare.task_combo.findData("next_char"))
    assert compare._task().text == DEFAULT_TEXT
    dock = window.training
    dock.choose_task("next_char")
    assert window.model.document.training["task_options"]["text"] == DEFAULT_TEXT
    assert dock.generation.seed_text.text() == default_seed(DEFAULT_TEXT) == "I grew "
    assert not dock.generation.generation_note.isVisible()


def test_the_korean_interface_sets_up_the_korean_text_and_seed(qtbot, qapp, tmp_path, monkeypatch, dialogs):
    monkeypatch.setattr(i18n, "cache_dir", lambda: tmp_path / "cache")
    # this checkout's catalogue (an editable install may map the resources to another checkout)
    monkeypatch.setattr(i18n, "translations_dir", lambda: ROOT / "resources" / "translations")
    settings = QSettings()
    i18n.save_language(settings, "ko")
    assert i18n.install_translator(qapp, settings) == "ko"
    configure_pyqtgraph()
    w = MainWindow(settings=settings, restore_layout=False)
    show(qtbot, w, 1600, 1000)
    try:
        compare = w.compare.view  # Compare on the task before the session has it: the Korean text too
        compare.task_combo.setCurrentIndex(compare.task_combo.findData("next_char"))
        assert compare._task().text == DEFAULT_TEXT_KO
        dock = w.training
        combo = dock.task_combo
        combo.setCurrentIndex(combo.findData("next_char"))
        combo.activated.emit(combo.currentIndex())  # chosen as a user does
        doc = w.model.document
        assert doc.task == "next_char" and doc.training["task_options"]["text"] == DEFAULT_TEXT_KO
        assert dock.text_edit.toPlainText() == DEFAULT_TEXT_KO
        assert dock.generation.seed_text.text() == "나는 바닷가의 "
        assert not dock.generation.generation_note.isVisible()
        assert dock.generation.generate() is True and dialogs.calls == []
        assert dock.generation.generated.toPlainText().startswith("나는 바닷가의 ")
        output = w.findChild(OutputPanel)
        output.refresh()
        assert output.top_k.text().startswith(f"t = {doc.view.time_step + 1}, “")  # in Korean
        assert "다음" in output.top_k.text()
    finally:
        w.training.shutdown()
        w.compare.shutdown()
