"""UI latency of LSTM Studio: recompute + redraw of the real main window after one change.

Runs offscreen with every panel docked at 1600×1000. For each size (LSTM, one layer) it times,
per change, the model call plus ``QApplication.processEvents()`` (so panels have redrawn):

- edit:     ``model.set_parameter`` of one recurrent weight (forward + BPTT + every panel);
- drag:     a weight-slider drag, many merged ``SetArrayCommand`` pushes on the undo stack;
- stepping: ``model.set_time_step`` (must never recompute: the evaluation object is unchanged).

Other processes on a shared machine slow everything down by up to half again, minute to minute.
So the changes are timed in several rounds, each with its own reference: the median time of the
engine's forward + BPTT of the same network (pure CPU work, measured in the same round). The
report lists every round; the verdict is taken on the quietest round (the lowest reference), as
``timeit`` takes the best of its repeats, and on the median round.

These per-change figures are of the recompute on the GUI thread (``model.sync_below_seconds``
set to infinity), so that each call includes its result; H=128, T=200 is at the threshold above
which the app recomputes in the background. Targets: edit p95 < 16 ms for H=32, T=50 and < 50 ms for H=128, T=200 (the slider drag shares
the H=32 budget).

Then, for the large sizes (issue 14: up to LSTM H=512, T=2000, and the deepest network the limits
allow — 8 bidirectional layers, I=256, O=256 — at the most steps the budget accepts, recomputed
off the GUI thread), the
**longest GUI-thread gap while dragging**: a 2 ms timer on the GUI thread notes when it fires
while a weight-slider drag (merged ``SetArrayCommand`` pushes, as the slider makes them) changes
a recurrent weight 30 times a second for 3 s; the figure is the longest time between two of its
firings (p99 beside it), with the recompute in the background ("async", as the app runs) and, for
comparison, on the GUI thread ("sync", as before issue 14: ``model.sync_below_seconds`` set to
infinity). A "draw" row gives the same for a stroke drawn on the input sequence's plot (its first
channel; "draw all": every channel, for more than one), a point 30 times a second (each a merged ``GestureCommand``, as the mouse makes
them). Also: the GUI thread's CPU time during the drag (a share of one core), how many
results the panels showed during the drag, the time from the last edit until every panel has
drawn it ("settle"), and a check that they show exactly the last edit's evaluation. The longest
gap is also split: the longest one in which no result was drawn ("w/o result": what computing
and the drag's edits cost the GUI thread) and the longest one overlapping a redraw ("result":
from a result until the panels, one per event-loop turn, have all drawn it; see
:mod:`lstm_studio.app.refresh_queue`). An idle row (the timer alone, no edits) gives the
machine's own noise: on a shared machine, note the load (``uptime``) beside the figures.

``--structure``: the longest GUI-thread gap over a change of sizes or kind at large sizes, the
change held until the worker has evaluated it (as the app runs) and, for comparison, evaluated
at once on the GUI thread (as before).

Usage: ``QT_QPA_PLATFORM=offscreen python benchmarks/ui_latency.py [--changes 100] [--rounds 5]
[--gaps-only] [--no-sync] [--structure]``
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # as the app runs (lstm_studio/__main__.py)

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, QPointF, Qt, QTimer  # noqa: E402

from lstm_studio.app.application import create_application, throwaway_profile  # noqa: E402
from lstm_studio.app.editors.commands import MERGE_WEIGHT_DRAG, SetArrayCommand  # noqa: E402
from lstm_studio.app.editors.sequence_editor import SequenceEditor  # noqa: E402
from lstm_studio.app.refresh_queue import refresh_queue  # noqa: E402
from lstm_studio.app.window.main_window import DEFAULT_SIZE, MainWindow  # noqa: E402
from lstm_studio.session.document import (  # noqa: E402
    LIMITS, NetworkConfig, evaluate_document, new_document, work_refusal)
from lstm_studio.session.model import SYNC_BELOW_SECONDS, SessionModel  # noqa: E402

SIZES = ((32, 50, 16.0), (128, 200, 50.0))  # hidden size, steps, p95 target (ms)
LARGE_SIZES = (  # hidden size, steps, layers, bidirectional[, input size, output size]
    (128, 200, 2, True), (256, 500, 1, False), (256, 500, 4, True), (512, 1000, 1, False),
    (512, 2000, 1, False), (512, None, 8, True, 256, 256))
"""None steps: the most the work budget accepts on this machine (:func:`longest_accepted`); the
last row is the deepest network the limits allow, at that length."""
GAP_TIMER_MS = 2
DRAG_RATE = 30  # edits per second
DRAG_SECONDS = 3.0
GAP_TARGET_MS = 50.0
SCENARIOS = ("edit", "drag", "stepping")


def timed(app, change) -> float:
    """CPU milliseconds of ``change()`` plus processing every resulting event (the latency on an
    otherwise idle machine; waiting for other processes is not counted)."""
    cpu = time.process_time()
    change()
    app.processEvents()
    return (time.process_time() - cpu) * 1e3


def network_config(hidden: int, steps: int | None, layers: int = 1, bidirectional: bool = False,
                   inputs: int = 1, outputs: int = 1) -> NetworkConfig:
    """The LSTM of one row of sizes (steps None: :func:`longest_accepted`)."""
    config = NetworkConfig(kind="lstm", input_size=inputs, hidden_size=hidden, seq_len=steps or 1,
                           num_layers=layers, bidirectional=bidirectional, output_size=outputs)
    return config if steps else replace(config, seq_len=longest_accepted(config))


def longest_accepted(config: NetworkConfig) -> int:
    """The most steps of ``config`` that the work budget accepts on this machine."""
    low, high = 1, LIMITS["seq_len"]
    while low < high:
        middle = (low + high + 1) // 2
        if work_refusal(replace(config, seq_len=middle)) is None:
            low = middle
        else:
            high = middle - 1
    return low


def session(config: NetworkConfig) -> SessionModel:
    doc = new_document(config)
    rng = np.random.default_rng(0)
    doc.inputs = rng.uniform(-1, 1, doc.inputs.shape)
    doc.targets = rng.uniform(-1, 1, doc.targets.shape)
    doc.view.display_mode = "whole"
    return SessionModel(doc)


class Bench:
    """The real window on one session, and the three scenarios, one round at a time."""

    def __init__(self, app, *sizes):
        self.app = app
        self.config = network_config(*sizes)
        self.model = session(self.config)
        self.window = MainWindow(self.model, restore_layout=False)
        self.window.resize(*DEFAULT_SIZE)
        self.window.show()
        for _ in range(5):
            app.processEvents()
        self.rng = np.random.default_rng(1)
        self.base = self.model.document.parameters["weight_hh_l0"].copy()
        self.drag_value = self.base.copy()
        self.drags = 0

    def round(self, changes: int) -> dict[str, np.ndarray]:
        """Times of ``changes`` edits, drag moves and steps (ms), and the reference (ms)."""
        model, app = self.model, self.app
        results = {name: [] for name in (*SCENARIOS, "reference")}

        def edit():
            value = self.base.copy()
            value[self.rng.integers(value.shape[0]), self.rng.integers(value.shape[1])] = \
                self.rng.uniform(-1, 1)
            model.set_parameter("weight_hh_l0", value)

        for _ in range(changes):
            results["edit"].append(timed(app, edit))
            results["reference"].append(model.compute_seconds * 1e3)
        for _ in range(changes):
            self.drags += 1
            self.drag_value[0, 0] = np.sin(self.drags / 10)
            command = SetArrayCommand(model, "parameter", self.drag_value, "drag", key="weight_hh_l0",
                                      merge_id=MERGE_WEIGHT_DRAG)
            results["drag"].append(timed(app, lambda: self.window.undo_stack.push(command)))
        evaluation, steps = model.evaluation, model.config.seq_len
        for k in range(changes):
            results["stepping"].append(timed(app, lambda: model.set_time_step(k % steps)))
        assert model.evaluation is evaluation, "stepping recomputed the evaluation"
        return {name: np.array(ms) for name, ms in results.items()}

    def close(self) -> None:
        self.window.hide()  # not close(): closing a modified session would ask to save it
        self.window.deleteLater()
        self.app.processEvents()


def drag_gaps(bench: Bench, *, sync: bool, edits: bool = True, stroke: bool = False,
              all_channels: bool = False) -> dict:
    """The GUI-thread gaps (ms) of a 2 ms timer while a slider drag edits a weight DRAG_RATE
    times a second for DRAG_SECONDS (see the module docstring), and what the panels showed.
    ``stroke``: instead, a stroke drawn on the input sequence's plot, a point DRAG_RATE times a
    second, as the mouse gives them: on the first channel (as the editor starts), or on every
    channel ("All channels") with ``all_channels``."""
    app, model, window = bench.app, bench.model, bench.window
    model.sync_below_seconds = float("inf") if sync else SYNC_BELOW_SECONDS
    fired, shown, drained = [], [], []
    model.evaluationChanged.connect(lambda: shown.append(time.perf_counter()))

    def note_drained():
        drained.append(time.perf_counter())

    refresh_queue().drained.connect(note_drained)
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(GAP_TIMER_MS)
    ticker.timeout.connect(lambda: fired.append(time.perf_counter()))
    edited = []

    def drag():
        bench.drags += 1
        bench.drag_value[0, 0] = np.sin(bench.drags / 10)
        value = bench.drag_value.copy()
        value.flags.writeable = False  # as the weight editor hands it over (shared, not copied)
        window.undo_stack.push(SetArrayCommand(model, "parameter", value, "drag",
                                               key="weight_hh_l0", merge_id=MERGE_WEIGHT_DRAG))
        edited.append(time.perf_counter())

    editor = window.findChild(SequenceEditor)  # the inputs' editor (the first)
    editor.channel.setCurrentIndex(editor.channel.findData(None if all_channels else 0))
    for _ in range(5):  # the editor redrawn for the channel chosen, before the clock starts
        app.processEvents()

    def draw():
        bench.drags += 1
        steps = model.config.seq_len
        editor.view_box.strokePoint.emit(QPointF((bench.drags * 7) % steps, np.sin(bench.drags / 5)))
        edited.append(time.perf_counter())

    dragger = QTimer()
    dragger.setTimerType(Qt.TimerType.PreciseTimer)
    dragger.setInterval(round(1000 / DRAG_RATE))
    if edits:
        dragger.timeout.connect(draw if stroke else drag)
        if stroke:
            editor.view_box.strokeStarted.emit()
    loop = QEventLoop()
    cpu = time.thread_time()
    ticker.start()
    dragger.start()
    started = time.perf_counter()
    QTimer.singleShot(round(DRAG_SECONDS * 1e3), loop.quit)
    loop.exec()  # a real event loop (processEvents() in a loop starves a 2 ms timer)
    dragger.stop()
    if edits and stroke:
        editor.view_box.strokeFinished.emit()
    stopped = time.perf_counter()
    gui_cpu = (time.thread_time() - cpu) / (stopped - started)
    if model.computing:
        model.computingChanged.connect(loop.quit)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
        model.computingChanged.disconnect(loop.quit)
    QTimer.singleShot(300, loop.quit)  # the panels redraw the last result: part of the figure
    loop.exec()
    ticker.stop()
    app.processEvents()
    refresh_queue().drained.disconnect(note_drained)
    gaps = np.diff(fired) * 1e3
    # the gaps in which no result was drawn: what the background computation itself costs the
    # GUI thread; the others overlap a redraw: from a result until the panels have all redrawn
    # it (one per event-loop turn, until the refresh queue is drained), and 30 ms more (the
    # last repaint may come an event later)
    starts, ends = np.array(fired[:-1]), np.array(fired[1:])
    drawing = np.zeros(len(gaps), dtype=bool)
    for result in shown:
        done = next((t for t in drained if t >= result), result)
        drawing |= (starts < done + 0.03) & (ends > result)
    quiet = gaps[~drawing] if (~drawing).any() else np.zeros(1)
    settled = next((t for t in drained if shown and t >= shown[-1]), shown[-1] if shown else 0.0)
    during = [t for t in shown if started <= t < stopped]
    last_edit = edited[-1] if edited else stopped
    reference = evaluate_document(model.document)
    exact = bool(model.is_current and np.array_equal(reference.y, model.evaluation.y)
                 and float(reference.loss) == float(model.evaluation.loss))
    return {"max": float(gaps.max()), "p99": float(np.percentile(gaps, 99)), "quiet": float(quiet.max()),
            "redraw": float(gaps[drawing].max()) if drawing.any() else 0.0, "edits": len(edited),
            "shown": len(during), "settle": (settled - last_edit) * 1e3 if shown and edited else 0.0,
            "exact": exact, "gui_cpu": gui_cpu}


def size_label(config: NetworkConfig) -> str:
    c = config
    return (f"I={c.input_size}, " if c.input_size > 1 else "") + f"H={c.hidden_size}, T={c.seq_len}" + \
        (f", {c.num_layers} layers" if c.num_layers > 1 else "") + (", bidir" if c.bidirectional else "") + \
        (f", O={c.output_size}" if c.output_size > 1 else "")


def report_gaps(app, sync_too: bool, sizes=LARGE_SIZES) -> None:
    print(f"Longest GUI-thread gap while dragging: a {GAP_TIMER_MS} ms timer on the GUI thread, a "
          f"weight-slider drag at {DRAG_RATE} edits/s for {DRAG_SECONDS:g} s (LSTM), wall-clock ms; "
          f"target: < {GAP_TARGET_MS:.0f} ms")
    print("  size                                         mode     | gap max   p99 | w/o result | result | GUI CPU | edits shown | settle ms | exact")
    for row in sizes:
        bench = Bench(app, *row)
        label = size_label(bench.config)
        modes = [("idle", False, False, False, False), ("async", False, True, False, False),
                 ("draw", False, True, True, False)] + \
            ([("draw all", False, True, True, True)] if bench.config.input_size > 1 else []) + \
            ([("sync", True, True, False, False)] if sync_too else [])
        for mode, sync, edits, stroke, all_channels in modes:
            r = drag_gaps(bench, sync=sync, edits=edits, stroke=stroke, all_channels=all_channels)
            verdict = "" if mode == "idle" else ("  OK" if r["max"] < GAP_TARGET_MS else "  TOO LONG")
            print(f"  {label:44s} {mode:8s} | {r['max']:7.1f} {r['p99']:5.1f} | {r['quiet']:10.1f} | "
                  f"{r['redraw']:6.1f} | {r['gui_cpu']:6.0%} | {r['edits']:5d} "
                  f"{r['shown']:5d} | {r['settle']:9.0f} | {r['exact'] if edits else '-'}{verdict}")
        bench.close()


STRUCTURE_CHANGES = (  # the sizes (as LARGE_SIZES; None steps: the most the budget accepts after the change), the change
    ((256, 1000, 1, False), {"hidden_size": 512}), ((512, 1000, 1, False), {"seq_len": 2000}),
    ((256, 500, 4, True), {"kind": "gru"}), ((256, None, 8, True, 256, 256), {"hidden_size": 512}),
    ((512, None, 8, True, 256, 256), {"kind": "gru"}))


def structure_gaps(bench: Bench, change: dict, *, held: bool) -> dict:
    """A change of sizes or kind pushed as the toolbar pushes it, with a 2 ms timer on the GUI
    thread until every panel has drawn the new network: the longest gap and where it fell."""
    from lstm_studio.app.editors.commands import ConfigCommand

    app, model = bench.app, bench.model
    model.hold_above_seconds = 0.05 if held else float("inf")
    fired = []
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(lambda: fired.append(time.perf_counter()))
    ticker.start(GAP_TIMER_MS)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.002)
    started = time.perf_counter()
    bench.window.undo_stack.push(ConfigCommand(model, "change", **change))
    pushed = time.perf_counter()
    while model.holding or refresh_queue().pending or time.perf_counter() - started < 0.5:
        app.processEvents()
        time.sleep(0.001)
    drawn = time.perf_counter()
    end = drawn + 0.3
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    ticker.stop()
    times = np.array([started] + [t for t in fired if t > started])
    gaps = np.diff(times) * 1e3
    return {"max": float(gaps.max()), "push": (pushed - started) * 1e3, "drawn": (drawn - started) * 1e3,
            "gaps_over_target": int((gaps > GAP_TARGET_MS).sum())}


def report_structure(app) -> None:
    print(f"Longest GUI-thread gap over a change of sizes or kind (a {GAP_TIMER_MS} ms timer, pushed as "
          f"the toolbar does, until every panel has drawn the new network), wall-clock ms; "
          f"\"held\": computed in the background (as the app runs), \"at once\": on the GUI thread")
    print("  network                                      change              mode    | gap max | push | drawn after | gaps > 50 ms")
    for sizes, change in STRUCTURE_CHANGES:
        if sizes[1] is None:  # the most steps accepted both before and after the change
            config = network_config(*sizes)
            steps = min(config.seq_len, longest_accepted(replace(config, **change)))
            sizes = (sizes[0], steps, *sizes[2:])
        label = size_label(network_config(*sizes))
        for mode, held in (("held", True), ("at once", False)):
            bench = Bench(app, *sizes)
            r = structure_gaps(bench, change, held=held)
            bench.close()
            text = ", ".join(f"{k}={v}" for k, v in change.items())
            print(f"  {label:44s} {text:19s} {mode:7s} | {r['max']:7.0f} | {r['push']:4.0f} | "
                  f"{r['drawn']:11.0f} | {r['gaps_over_target']:3d}")


def p50_p95(ms: np.ndarray) -> str:
    return "{:5.1f} {:5.1f}".format(*np.percentile(ms, [50, 95]))


def report(app, changes: int, rounds: int) -> None:
    for hidden, steps, target in SIZES:
        bench = Bench(app, hidden, steps)
        bench.model.sync_below_seconds = float("inf")  # change -> panels redrawn, all in the call
        bench.round(10)  # warm-up
        measured = [bench.round(changes) for _ in range(rounds)]
        bench.close()
        print(f"LSTM H={hidden}, T={steps}, one layer: {rounds} rounds of {changes} changes per "
              f"scenario, CPU ms (target: edit and drag p95 < {target:.0f} ms)")
        print("  round  reference |  edit p50 p95 |  drag p50 p95 | stepping p50 p95")
        for k, r in enumerate(measured):
            print(f"  {k + 1:5d}  {np.median(r['reference']):7.2f}   | {p50_p95(r['edit']):>13s} | "
                  f"{p50_p95(r['drag']):>13s} | {p50_p95(r['stepping']):>15s}")
        order = np.argsort([np.median(r["reference"]) for r in measured])
        for label, r in (("quietest round", measured[order[0]]),
                         ("median round", measured[order[len(order) // 2]])):
            p95 = {name: np.percentile(r[name], 95) for name in ("edit", "drag")}
            verdict = "OK" if max(p95.values()) < target else "TOO SLOW"
            print(f"  {label:15s}: edit p95 {p95['edit']:.1f} ms, drag p95 {p95['drag']:.1f} ms: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100, help="changes timed per scenario and round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per size")
    parser.add_argument("--gaps-only", action="store_true", help="only the large sizes' drag gaps")
    parser.add_argument("--large", type=int, nargs="*", default=None,
                        help="indices of LARGE_SIZES to measure (default: all)")
    parser.add_argument("--structure", action="store_true",
                        help="only the gaps over a change of sizes (held in the background, and at once)")
    parser.add_argument("--no-sync", action="store_true",
                        help="skip the drag with the recompute on the GUI thread (as before issue 14)")
    args = parser.parse_args()
    with throwaway_profile():
        app = create_application()
        if args.structure:
            report_structure(app)
            return
        if not args.gaps_only:
            report(app, args.changes, args.rounds)
        sizes = LARGE_SIZES if args.large is None else [LARGE_SIZES[k] for k in args.large]
        report_gaps(app, not args.no_sync, sizes)


if __name__ == "__main__":
    main()
