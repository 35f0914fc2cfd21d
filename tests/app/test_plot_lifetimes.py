"""Plots that a panel takes out are deleted at once, not left to a later garbage collection
(issue 12: a crash in ViewBox.paint and "'LabelItem' object has no attribute '_sizeHint'"
after many structural changes and a click in History)."""

import gc
import random
import sys
import weakref

import pyqtgraph as pg
import pytest
import shiboken6

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.panels.gates import GatesPanel
from lstm_studio.app.panels.preview import demo_model
from lstm_studio.app.window.main_window import MainWindow


@pytest.fixture
def no_garbage_collection():
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def panel_views(window_or_panel):
    """The views of every time plot of a panel (or of the window's panels)."""
    panels = getattr(window_or_panel, "panels", {"panel": window_or_panel}).values()
    return [plot.view for panel in panels if hasattr(panel, "axes") for plot in panel.axes.plots]


def assert_replaced_views_gone(seen, current) -> None:
    """Every view in ``seen`` (weak references) that is no longer one of ``current`` has been
    deleted and is out of pyqtgraph's registry."""
    registered = set(pg.ViewBox.AllViews.keys())
    current = set(current)
    for ref in seen:
        view = ref()
        if view is not None and view not in current:
            assert not shiboken6.isValid(view) and view not in registered


def test_a_rebuild_deletes_the_old_plots_at_once(qtbot, no_garbage_collection):
    panel = GatesPanel(demo_model())
    qtbot.addWidget(panel)
    panel.show()
    old = list(panel.axes.plots)
    views = [weakref.ref(plot.view) for plot in old]
    panel.rebuild()
    assert all(not shiboken6.isValid(plot.plot) for plot in old)  # with the collector off
    assert all(not shiboken6.isValid(plot.view) for plot in old)
    registered = set(pg.ViewBox.AllViews.keys())
    assert not any(view() in registered for view in views if view() is not None)
    assert all(shiboken6.isValid(plot.plot) for plot in panel.axes.plots)


def test_the_registry_of_views_holds_only_live_views(qtbot):
    panel = GatesPanel(demo_model())
    qtbot.addWidget(panel)
    panel.show()
    seen = []
    for kind in ("gru", "rnn_tanh", "lstm", "peephole_lstm"):
        seen += [weakref.ref(view) for view in panel_views(panel)]
        panel.model.set_config(kind=kind)
    assert_replaced_views_gone(seen, panel_views(panel))
    assert all(view in pg.ViewBox.AllViews for view in panel_views(panel))


def test_structural_changes_and_history_clicks_under_a_busy_collector(qtbot, monkeypatch):
    """Many kind and size changes in the real window, then up and down History while the
    garbage collector runs every few allocations and the window repaints."""
    configure_pyqtgraph()
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    errors = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: errors.append(info))
    thresholds = gc.get_threshold()
    gc.set_threshold(20, 2, 2)
    try:
        rng = random.Random(12)
        toolbar, history = window.config_toolbar, window.editing.history
        seen = []
        for step in range(24):
            seen += [weakref.ref(view) for view in panel_views(window)]
            if step % 3 == 0:
                toolbar.kind.setCurrentIndex(rng.randrange(toolbar.kind.count()))
            else:
                name = rng.choice(["hidden_size", "input_size", "num_layers", "seq_len"])
                toolbar.sizes[name].setValue(rng.choice([1, 2, 3, 5, 8]))
            qtbot.wait(1)
        for _ in range(8):
            seen += [weakref.ref(view) for view in panel_views(window)]
            history.go_to(rng.randint(0, window.undo_stack.count()))
            window.grab()
            qtbot.wait(1)
        history.go_to(0)
        window.grab()
    finally:
        gc.set_threshold(*thresholds)
    assert not errors
    assert_replaced_views_gone(seen, panel_views(window))
    window.model.mark_saved()
