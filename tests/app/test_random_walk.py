"""Random walks through the real window (tests/app/random_walk.py): a few short seeds in every
test run; long ones with ``make soak SEEDS=… ACTIONS=…`` (or ``python tests/app/random_walk.py``),
which keep the action log of any walk that fails and can replay it (``--replay LOG``)."""

import os
from pathlib import Path

import pytest
from random_walk import Walker, rss_mb

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.window.main_window import MainWindow

SHORT_SEEDS = (0, 1, 2)
SHORT_ACTIONS = 40


def open_window(qtbot):
    configure_pyqtgraph()
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def walk_window(qtbot, qapp):
    from lstm_studio.app import theme

    shown = qapp.property("lstm_studio_theme")
    if shown is None:  # as the app starts (create_application): the walk measures memory from there
        theme.apply_theme(qapp, theme.DEFAULT_THEME)
    window = open_window(qtbot)
    yield window
    window.model.mark_saved()  # no question when the window closes
    if qapp.property("lstm_studio_theme") != shown:  # the walk switched it: back for other tests
        theme.apply_theme(qapp, shown or theme.DEFAULT_THEME)


def walk(window, dialogs, folder, seed, actions, log, check_every):
    walker = Walker(window, dialogs, folder, seed=seed, log=log, check_every=check_every)
    try:
        walker.run(actions)
    finally:
        walker.close()
    return walker


@pytest.mark.parametrize("seed", SHORT_SEEDS)
def test_short_walk(walk_window, dialogs, tmp_path, seed):
    walker = walk(walk_window, dialogs, tmp_path / "files", seed, SHORT_ACTIONS, tmp_path / "walk.jsonl",
                  check_every=20)
    if os.environ.get("WALK_VERBOSE"):
        print(walker.stats, {k: (n, round(t, 2)) for k, (n, t) in sorted(walker.timings.items(), key=lambda x: -x[1][1])})
    assert walker.stats["undo_checks"] >= 2
    assert walker.stats["actions"] == SHORT_ACTIONS


def test_a_log_replays_the_same_walk(qtbot, dialogs, tmp_path):
    """Replaying a walk's log on a fresh window ends on the same document (actions whose outcome
    depends on timing — training, comparing, pausing — left out here)."""
    from random_walk import comparable

    first = open_window(qtbot)
    walker = Walker(first, dialogs, tmp_path / "first", seed=7, log=tmp_path / "walk.jsonl", check_every=0)
    for name in ("train_short", "train_step", "compare", "idle", "menu", "poke", "quit_cancel"):
        walker.weights[name] = 0
    walker.run(10)
    first.model.mark_saved()
    second = open_window(qtbot)
    replayed = Walker(second, dialogs, tmp_path / "second", log=tmp_path / "again.jsonl", check_every=0)
    replayed.replay(tmp_path / "walk.jsonl")
    assert replayed.stats["actions"] == 10
    assert comparable(second.model.document).equals(comparable(first.model.document))
    second.model.mark_saved()


def _logs() -> Path:
    return Path(os.environ.get("WALK_LOGS", "soak-logs"))


@pytest.mark.skipif("WALK_SEEDS" not in os.environ, reason="make soak (WALK_SEEDS, WALK_ACTIONS) only")
@pytest.mark.parametrize("seed", [int(s) for s in os.environ.get("WALK_SEEDS", "0").split(",") if s])
@pytest.mark.timeout(0)
def test_soak(walk_window, dialogs, tmp_path, seed):
    """A long walk; its action log stays in WALK_LOGS when it fails (replay: --replay LOG)."""
    logs = _logs()
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"walk-seed{seed}.jsonl"
    actions = int(os.environ.get("WALK_ACTIONS", "300"))
    start = rss_mb()
    walker = walk(walk_window, dialogs, tmp_path / "files", seed, actions, log,
                  check_every=int(os.environ.get("WALK_CHECK_EVERY", "50")))
    log.unlink()
    if os.environ.get("WALK_MEMORY"):
        print(f"\nseed {seed}: {actions} actions, RSS {start:.0f} -> {rss_mb():.0f} MB "
              f"(peak {max(walker.rss):.0f}), stats {walker.stats}")


@pytest.mark.skipif("WALK_REPLAY" not in os.environ, reason="replays the log named by WALK_REPLAY")
@pytest.mark.timeout(0)
def test_replay(walk_window, dialogs, tmp_path):
    walker = Walker(walk_window, dialogs, tmp_path / "files", log=tmp_path / "replay.jsonl")
    try:
        walker.replay(os.environ["WALK_REPLAY"])
    finally:
        walker.close()
