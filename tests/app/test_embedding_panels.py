"""A next-character session with an embedding: the first layer's input (E columns) differs from
the network's input (one character per channel), and every panel and editor still works."""

import numpy as np
from test_main_window import make_window

from lstm_studio.app.window.main_window import PANEL_KEYS
from lstm_studio.session.characters import step_characters
from lstm_studio.session.document import reconfigured
from lstm_studio.session.experiments import task_document
from lstm_studio.session.model import SessionModel

TEXT = "the cat sat on the mat. the cat sat on the mat. "


def test_every_panel_shows_a_session_with_an_embedding(qtbot):
    doc = reconfigured(task_document("next_char", text=TEXT, seq_len=16), embedding_size=3,
                       num_layers=2, bidirectional=True)
    window = make_window(qtbot, SessionModel(doc))
    model = window.model
    assert model.network.embedding_size == 3
    characters = "".join(step_characters(model.document))
    assert len(characters) == 16 and characters in TEXT, "the input is still one-hot characters"
    for layer in (0, 1):
        for direction in (0, 1):
            model.set_selection(layer=layer, direction=direction, unit=1)
            for t in (0, 7, 15):
                model.set_time_step(t)
                qtbot.wait(1)
            assert model.selected_layer_trace().x.shape[-1] == (3 if layer == 0 else 2 * model.config.hidden_size)
    for key in PANEL_KEYS:
        assert window.docks[key].isVisible(), key
    assert window.editing.weights.refs[0].label == "E"
    np.testing.assert_allclose(window.editing.weights.block(), model.document.parameters["embedding"])


def test_the_toolbar_adds_and_removes_an_embedding_as_one_undoable_edit(qtbot):
    window = make_window(qtbot, SessionModel(task_document("next_char", text=TEXT, seq_len=16)))
    spin = window.config_toolbar.sizes["embedding_size"]
    assert spin.value() == 0 and spin.minimum() == 0
    spin.setValue(4)
    model = window.model
    assert model.config.embedding_size == 4 and model.network.parameters()["embedding"].shape == (
        model.config.input_size, 4)
    assert window.undo_stack.undoText() == "Embedding size: 4"
    assert window.editing.weights.refs[0].label == "E"
    window.undo_stack.undo()
    assert model.config.embedding_size == 0 and "embedding" not in model.document.parameters
    assert spin.value() == 0
    assert window.editing.weights.refs[0].label != "E"
