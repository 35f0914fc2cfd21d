"""Switching the kind in the network toolbar keeps each kind's weights (issue 13): the demo
survives a look at the RNN, each switch is one undo step, undo and redo are exact, and the
weights of the kinds left are saved with the session."""

import numpy as np
import pytest

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.window.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    configure_pyqtgraph()
    w = MainWindow(restore_layout=False)  # opens on the trained Moscow demo
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.training.shutdown()


def choose_kind(window, kind):
    combo = window.config_toolbar.kind
    combo.setCurrentIndex(combo.findData(kind))


def weights_of(document):
    return {**{f"p/{k}": v.tobytes() for k, v in document.parameters.items()},
            **{f"r/{k}": v.tobytes() for k, v in document.readout.items()}}


def test_demo_survives_a_look_at_the_rnn_bit_for_bit(window):
    model, stack = window.model, window.undo_stack
    demo, loss = model.snapshot(), model.evaluation.loss
    assert model.config.kind == "lstm" and loss < 1e-3
    choose_kind(window, "rnn_tanh")
    assert model.config.kind == "rnn_tanh" and model.evaluation.loss > 0.1
    rnn = model.snapshot()
    choose_kind(window, "lstm")
    assert stack.count() == 2  # one undo step per switch
    assert weights_of(model.document) == weights_of(demo)
    assert model.evaluation.loss == loss  # bit for bit
    back = model.snapshot()
    stack.undo()
    assert model.document.equals(rnn) and model.config.kind == "rnn_tanh"
    assert window.config_toolbar.kind.currentData() == "rnn_tanh"
    stack.undo()
    assert model.document.equals(demo) and model.evaluation.loss == loss
    stack.redo()
    assert model.document.equals(rnn)
    stack.redo()
    assert model.document.equals(back) and model.evaluation.loss == loss
    assert window.config_toolbar.kind.currentData() == "lstm"


def test_an_edit_made_to_the_rnn_stays_with_the_rnn(window):
    model = window.model
    demo = model.snapshot()
    choose_kind(window, "rnn_tanh")
    edited = model.document.parameters["weight_hh_l0"] * 0.5
    model.set_parameter("weight_hh_l0", edited)
    choose_kind(window, "lstm")
    assert weights_of(model.document) == weights_of(demo)
    choose_kind(window, "rnn_tanh")
    np.testing.assert_array_equal(model.document.parameters["weight_hh_l0"], edited)


def test_the_weights_of_the_kind_left_are_saved_with_the_session(window, tmp_path):
    model = window.model
    demo, loss = model.snapshot(), model.evaluation.loss
    choose_kind(window, "gru")
    path = tmp_path / "gru.lstms"
    assert window.file_actions.save_to(str(path))
    window.file_actions.new()
    assert window.file_actions.open_path(path, ask=False)
    assert model.config.kind == "gru" and window.undo_stack.count() == 0
    choose_kind(window, "lstm")
    assert weights_of(model.document) == weights_of(demo) and model.evaluation.loss == loss
