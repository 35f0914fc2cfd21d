"""Responsiveness of LSTM Studio while it trains: event-loop gaps of the real main window.

For each built-in task (its preset, as the Train dock sets it up) the window trains off the GUI
thread while a precise 2 ms timer ticks on the GUI thread; a gap between two ticks is how long the
window could not answer the user (a frame: applying a weight snapshot and repainting the panels
that follow it), give or take one tick. Prints per task the training speed and the gaps'
p50 / p95 / max. Target: no frame over 50 ms.

``--text-chars C`` (e.g. 1000000) measures instead a next-character session on a generated text of
C characters (LSTM H=128, T=100, batch 32, as ``benchmarks/text_speed.py``): random windows, with
5 % held out for a validation loss, and read in order (stateful), each with the text view and then
the gate-saturation panel in sight (they follow the weights over the text).

Usage: ``QT_QPA_PLATFORM=offscreen env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python
benchmarks/train_responsiveness.py [--seconds 3] [--text-chars 1000000]`` (the two OpenBLAS
variables these machines set slow NumPy's batched products down; unset them for this command).
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # as the app runs (lstm_studio/__main__.py)

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402

from lstm_studio.app.application import create_application, throwaway_profile  # noqa: E402
from lstm_studio.app.window.main_window import DEFAULT_SIZE, MainWindow  # noqa: E402
from lstm_studio.engine.tasks import TASKS  # noqa: E402

TARGET_MS = 50.0
TICK_MS = 2
FRAME_MS = 8.0
"""Gaps longer than this count as frames (the GUI thread applying a snapshot and repainting)."""


def wait(app, seconds: float, until=lambda: False) -> None:
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < seconds * 1e3 and not until():
        app.processEvents()
        time.sleep(0.001)


def gaps_while_training(app, window, task: str | None, seconds: float) -> tuple[np.ndarray, float]:
    """Event-loop gaps (ms) over ``seconds`` of training ``task`` (None: the session as it is),
    and training steps per second."""
    dock = window.training
    if task is not None:
        dock.choose_task(task)
    dock.settings_box.steps.setValue(1_000_000)
    dock.start()
    wait(app, 20.0, until=lambda: len(window.model.document.history.get("loss", ())) >= 2)
    gaps, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1e3)
        last[0] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    steps_before, started = dock.worker.steps_taken, time.perf_counter()
    last[0] = time.perf_counter()
    timer.start()
    wait(app, seconds)
    timer.stop()
    rate = (dock.worker.steps_taken - steps_before) / (time.perf_counter() - started)
    dock.stop()
    wait(app, 1.0, until=lambda: not dock.is_running)
    return np.array(gaps), rate


def set_up_text(window, characters: int, validation: float, stateful: bool) -> None:
    """A next-character session on a generated text of ``characters`` characters, LSTM H=128,
    T=100, batch 32 (the task's preset, overridden for this benchmark)."""
    import sys
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from text_speed import generated_text
    from lstm_studio.engine.tasks import NextCharacter

    preset = NextCharacter._preset
    NextCharacter._preset = preset | dict(hidden_size=128, batch_size=32, clip_norm=None)
    try:
        window.training.choose_task("next_char", text=generated_text(characters, 65), seq_len=100)
    finally:
        NextCharacter._preset = preset
    box = window.training.schedule_box
    box.validation.setValue(round(100 * validation))
    box.stateful.setChecked(stateful)


def shows_this_text(window, panel: str) -> bool:
    """Whether ``panel`` has drawn the run over the session's present text."""
    run = window.model.text_run()
    if run is None:
        return False
    return window.text_view.run is run if panel == "text_view" else window.saturation.fractions is run.gate_saturation


def report(name: str, gaps: np.ndarray, rate: float) -> None:
    frames = gaps[gaps > FRAME_MS]  # the loop was busy, not just waiting for the timer
    median = np.median(frames) if frames.size else 0.0
    verdict = "OK" if gaps.max() < TARGET_MS else "TOO SLOW"
    print(f"  {name:28s} {rate:7.1f} steps/s   {frames.size:3d} frames over {FRAME_MS:.0f} ms: "
          f"median {median:5.1f}  max {gaps.max():6.1f} ms  {verdict}", flush=True)


def text_sessions(app, window, characters: int, seconds: float) -> None:
    for label, validation, stateful in (("windows", 0.0, False), ("windows, 5 % held out", 0.05, False),
                                        ("in order, 5 % held out", 0.05, True)):
        set_up_text(window, characters, validation, stateful)
        for panel in ("text_view", "saturation"):
            window.docks[panel].show()
            window.docks[panel].raise_()
            wait(app, 0.5)
            # the panels' first drawing of this session's text (its first run over the text, half
            # a second at 128 units, and the saturation plots' build, 40 ms) comes before training
            wait(app, 20.0, until=lambda: shows_this_text(window, panel))
            gaps, rate = gaps_while_training(app, window, None, seconds)
            report(f"{label}, {panel}", gaps, rate)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds measured per task")
    parser.add_argument("--tasks", nargs="*", default=sorted(TASKS), help="tasks to train")
    parser.add_argument("--text-chars", type=int, default=0,
                        help="measure next-character sessions on a generated text this long instead")
    args = parser.parse_args()
    with throwaway_profile():
        app = create_application()
        window = MainWindow(restore_layout=False)
        window.resize(*DEFAULT_SIZE)
        window.show()
        wait(app, 0.5)
        print(f"event-loop gaps while training ({TICK_MS} ms timer on the GUI thread; target: max < "
              f"{TARGET_MS:.0f} ms)")
        if args.text_chars:
            print(f"next-character sessions on a generated text of {args.text_chars:,} characters "
                  f"(LSTM H=128, T=100, batch 32)")
            text_sessions(app, window, args.text_chars, args.seconds)
        for task in [] if args.text_chars else args.tasks:
            gaps, rate = gaps_while_training(app, window, task, args.seconds)
            report(task, gaps, rate)
        window.training.shutdown()
        window.compare.shutdown()
        window.hide()


if __name__ == "__main__":
    main()
