"""A small demo session, and a panel shown alone on it (for tests and ``python -m`` previews).
"""

from __future__ import annotations

import numpy as np


def demo_model(kind: str = "lstm", **sizes):
    """A small session with sine inputs and targets (for previews and tests).

    ``sizes`` override NetworkConfig fields (defaults: 2 inputs, 16 units, 2 outputs, 40 steps).
    """
    from lstm_studio.session.document import NetworkConfig, new_document
    from lstm_studio.session.model import SessionModel

    settings = dict(kind=kind, input_size=2, hidden_size=16, output_size=2, seq_len=40)
    settings.update(sizes)
    config = NetworkConfig(**settings)
    model = SessionModel(new_document(config, seed=1))
    steps = np.arange(config.seq_len)[:, None]
    with model.changes():
        model.set_inputs(np.sin(steps / 4.0 + np.arange(config.input_size)))
        model.set_targets(0.8 * np.sin(steps / 5.0 + np.arange(config.output_size)))
    model.mark_saved()
    return model


def preview(panel_class, kind: str = "lstm") -> None:
    """Show ``panel_class`` alone on a small demo session (for ``python -m`` previews)."""
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    model = demo_model(kind)
    model.set_time_step(model.config.seq_len // 2)
    panel = panel_class(model)
    panel.resize(900, 600)
    panel.show()
    sys.exit(app.exec())
