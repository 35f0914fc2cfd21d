"""A large network's first run over the text is read in the background (issue 14): the text view
and the saturation panel say they are reading the text, then show it when the run is ready."""

import pytest
from PySide6.QtWidgets import QApplication

from lstm_studio.app.panels.saturation import SaturationPanel
from lstm_studio.app.panels.text_view import TextViewPanel
from lstm_studio.session import text_runs
from lstm_studio.session.experiments import task_document
from lstm_studio.session.model import SessionModel

TEXT = "the cat sat on the mat. (a (b) c) and \"quoted\" words here.\n" * 5


@pytest.mark.parametrize("panel_class", [TextViewPanel, SaturationPanel])
def test_the_panel_says_it_is_reading_the_text_then_shows_it(qtbot, monkeypatch, panel_class):
    model = SessionModel(task_document("next_char", text=TEXT, seq_len=12))
    monkeypatch.setattr(text_runs, "TEXT_RUN_FIRST_AT_ONCE_SECONDS", 0.0)  # every first run read in the background
    panel = panel_class(model)
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(model.textRunChanged, timeout=30_000):
        model.set_config(hidden_size=7)  # new sizes: a first run
        panel.refresh()
        assert model.text_run_pending
        assert panel.info.text().startswith("Reading the text…")
    qtbot.waitUntil(lambda: not panel.info.text().startswith("Reading"), timeout=10_000)
    QApplication.processEvents()
    assert not model.text_run_pending and model.text_run().hidden_size == 7
    if panel_class is TextViewPanel:
        assert panel.canvas.text == TEXT and panel.run is model.text_run()
    else:
        assert len(next(iter(panel.fractions.values()))[0]) == 7
