"""Messages a user reads when something is refused (issue 12, item 11): a refusal names the value
(never an undo command's text), divergence is reported once and names the learning rate, a
learning rate out of range is refused or reported instead of silently clamped, and messages from
the engine reach the Korean interface in Korean."""

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from lstm_studio.app import i18n
from lstm_studio.app.editors.commands import SetArrayCommand
from lstm_studio.app.editors.sequence_editor import SequenceEditor
from lstm_studio.app.editors.weight_editor import WeightEditor
from lstm_studio.engine import Readout, build_network
from lstm_studio.engine.refusal import Phrase, Refusal
from lstm_studio.engine.tasks import make_task
from lstm_studio.engine.training import Trainer
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.experiments import task_document, trainer_for
from lstm_studio.session.model import SessionModel


@pytest.fixture
def model():
    return SessionModel(new_document(NetworkConfig(kind="lstm", input_size=2, hidden_size=3, seq_len=6)))


@pytest.fixture
def korean(qapp, tmp_path, monkeypatch):
    """The Korean interface (translations compiled into a temp folder), English again after."""
    monkeypatch.setattr(i18n, "cache_dir", lambda: tmp_path / "cache")
    settings = QSettings()
    i18n.save_language(settings, "ko")
    assert i18n.install_translator(qapp, settings) == "ko"
    yield
    i18n.remove_translators(qapp)


def refusal_of(make) -> Refusal:
    with pytest.raises(Refusal) as refused:
        make()
    return refused.value


# -- refusals name the value --------------------------------------------------------------------
def test_an_array_refusal_names_the_array_not_the_command(model):
    huge = np.full((6, 2), 2e6)
    refused = refusal_of(lambda: SetArrayCommand(model, "inputs", huge, "Generate Gaussian noise"))
    assert i18n.error_text(refused) == "The input sequence must stay within ±1e+06."
    refused = refusal_of(lambda: SetArrayCommand(model, "targets", np.full((6, 1), -3e6), "Draw targets"))
    assert i18n.error_text(refused) == "The targets must stay within ±1e+06."
    refused = refusal_of(lambda: SetArrayCommand(model, "c0", np.full((1, 3), np.nan), "Zero c0"))
    assert i18n.error_text(refused) == "The initial cell state c0 must not contain NaN or infinity."
    weights = model.document.parameters["weight_hh_l0"] * 0 + 5e6
    refused = refusal_of(lambda: SetArrayCommand(model, "parameter", weights, "Set W_hi[0, 0]",
                                                 key="weight_hh_l0", label="W_hi"))
    assert i18n.error_text(refused) == "The parameter W_hi must stay within ±1e+06."
    refused = refusal_of(lambda: SetArrayCommand(model, "readout", np.full((1, 3), 7e6), "Scale W_y",
                                                 key="weight"))
    assert i18n.error_text(refused) == "The read-out parameter weight must stay within ±1e+06."
    assert model.document.equals(SessionModel(new_document(model.config)).document)  # nothing changed


def test_the_generator_refusal_names_the_sequence(qtbot, model):
    editor = SequenceEditor(model, QUndoStack(), "inputs")
    qtbot.addWidget(editor)
    editor.generator.setCurrentIndex(editor.generator.findData("gaussian"))
    editor.settings["mean"].setValue(1e6)
    editor.settings["std"].setValue(1e6)  # samples beyond ±1e6
    with qtbot.waitSignal(editor.errorOccurred) as refused:
        editor.apply_generator()
    assert refused.args == ["The input sequence must stay within ±1e+06."]
    assert "Generate" not in editor.message.text() and not model.document.inputs.any()


def test_the_weight_editor_refusal_names_the_matrix(qtbot, model):
    stack = QUndoStack()
    editor = WeightEditor(model, stack)
    qtbot.addWidget(editor)
    label = editor.ref.label
    with qtbot.waitSignal(editor.errorOccurred) as refused:
        editor.set_weight(3e6)
    assert refused.args == [f"The parameter {label} must stay within ±1e+06."]
    assert stack.count() == 0


def test_phrases_read_as_english_and_compare():
    phrase = Phrase("parameter {label}", label="W_ii")
    assert str(phrase) == f"{phrase}" == "parameter W_ii" and "W_ii" in repr(phrase)
    assert phrase == Phrase("parameter {label}", label="W_ii") != Phrase("parameter {label}", label="b_ii")
    assert str(Refusal("The {name} must be numbers.", name=phrase)) == "The parameter W_ii must be numbers."


def test_refusals_naming_values_are_korean_in_the_korean_interface(model, korean):
    refused = refusal_of(lambda: SetArrayCommand(model, "inputs", np.full((6, 2), 2e6), "x"))
    assert i18n.error_text(refused) == "입력 시퀀스은(는) ±1e+06 범위 안이어야 합니다."
    refused = refusal_of(lambda: SetArrayCommand(
        model, "parameter", model.document.parameters["weight_hh_l0"] + 5e6, "x", key="weight_hh_l0", label="W_hi"))
    assert i18n.error_text(refused) == "매개변수 W_hi은(는) ±1e+06 범위 안이어야 합니다."
    refused = refusal_of(lambda: SetArrayCommand(model, "readout", np.full((1, 3), 7e6), "x", key="bias"))
    assert i18n.error_text(refused).startswith("출력층 매개변수 bias")


# -- messages of the engine ---------------------------------------------------------------------
def test_engine_messages_about_training_are_translatable(korean):
    doc = task_document("long_dependency")
    settings = dict(doc.training, optimizer="sgd", lr=10.0, clip_norm=None, clip_value=None)
    task = make_task("long_dependency")
    network = build_network("lstm", task.input_size, 4)
    refused = refusal_of(lambda: Trainer(network, Readout(5, task.output_size), task))
    assert refused.template.startswith("The read-out maps {features} features")
    korean_text = i18n.error_text(refused)
    assert korean_text != str(refused) and "출력층" in korean_text and "5" in korean_text
    refused = refusal_of(lambda: Trainer(build_network("lstm", task.input_size + 1, 4), Readout(4, 1), task))
    assert "입력 채널" in i18n.error_text(refused)

    trainer = trainer_for(doc, settings)
    trainer.weight_limit = 1e-3  # the first step crosses it
    diverged = refusal_of(trainer.step)
    assert "(now 10)" in str(diverged)
    assert i18n.error_text(diverged).startswith("학습이 1번째 단계에서 발산했습니다") and "10" in i18n.error_text(diverged)


# -- training dock: divergence and learning rates -----------------------------------------------
@pytest.fixture
def window(qtbot):
    from lstm_studio.app.application import configure_pyqtgraph
    from lstm_studio.app.window.main_window import MainWindow

    configure_pyqtgraph()
    w = MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.training.shutdown()
    w.compare.shutdown()


def test_a_diverging_run_is_reported_once_naming_the_learning_rate(window, qtbot, dialogs):
    dock = window.training
    dock.choose_task("adding")
    dock.settings_box.optimizer.setCurrentIndex(dock.settings_box.optimizer.findData("sgd"))
    dock.settings_box.clip_mode.setCurrentIndex(dock.settings_box.clip_mode.findData(None))
    dock.settings_box.lr.setValue(10.0)
    dock.start()
    qtbot.waitUntil(lambda: not dock.is_running, timeout=60_000)
    qtbot.wait(50)
    shown = [call for call in dialogs.calls if call[0] == "warning"]
    assert len(shown) == 1, shown
    message = shown[0][1][2]
    assert message.startswith("Training diverged at step ") and "learning rate (now 10)" in message
    assert np.all(np.abs(window.model.document.readout["weight"]) <= 1e6)


def type_into(widget, text):
    widget.setFocus()
    widget.selectAll()
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_a_typed_learning_rate_out_of_range_is_refused_with_a_message(window, qtbot):
    dock = window.training
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before = dock.settings_box.lr.value()
    for typed in ("1e6", "0"):
        type_into(dock.settings_box.lr, typed)
        assert dock.settings_box.lr.value() == before
        assert not dock.settings_box.settings_note.isHidden()
        assert dock.settings_box.settings_note.text() == (
            f"⚠ Learning rate {float(typed):g} refused: it must lie between 1e-05 and 10. It stays {before:g}.")
    type_into(dock.settings_box.lr, "1e-4")  # scientific notation is a number too
    assert dock.settings_box.lr.value() == 1e-4 and dock.settings_box.settings_note.isHidden()
    assert dock.settings()["lr"] == 1e-4


def test_a_files_learning_rate_out_of_range_is_reported(window):
    dock = window.training
    doc = task_document("adding")
    doc.training = dict(doc.training, lr=1e6)
    window.model.replace_document(doc)
    assert dock.settings_box.lr.value() == 10
    assert not dock.settings_box.settings_note.isHidden()
    assert dock.settings_box.settings_note.text() == "⚠ This session's learning rate 1e+06 lies outside 1e-05 … 10: the dock uses 10 instead."
    window.model.replace_document(task_document("adding"))  # a session within range: no note
    assert dock.settings_box.settings_note.isHidden()


def test_learning_rate_messages_are_korean(qtbot, korean):
    from lstm_studio.app.application import configure_pyqtgraph
    from lstm_studio.app.window.main_window import MainWindow

    configure_pyqtgraph()
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    doc = task_document("adding")
    doc.training = dict(doc.training, lr=0.0)  # not even a learning rate: the defaults, no note
    window.model.replace_document(doc)
    assert window.training.settings_box.settings_note.isHidden()
    doc.training = dict(doc.training, lr=50.0)
    window.model.replace_document(doc)
    assert window.training.settings_box.settings_note.text() == "⚠ 이 세션의 학습률 50은(는) 1e-05 … 10 범위 밖이므로 대신 10을(를) 씁니다."
    window.training.settings_box.lr.outOfRange.emit(0.0)
    assert window.training.settings_box.settings_note.text().startswith("⚠ 학습률 0은(는) 받아들일 수 없습니다")
    window.training.shutdown()
    window.compare.shutdown()
