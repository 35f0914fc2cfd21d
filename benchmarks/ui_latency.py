"""UI latency of LSTM Studio: recompute + redraw of the real main window after one change.

Runs offscreen with every panel docked at 1600×1000. For each size (LSTM, one layer) it times,
per change, the model call plus ``QApplication.processEvents()`` (so panels have redrawn):

- edit:     ``model.set_parameter`` of one recurrent weight (forward + BPTT + every panel);
- drag:     a weight-slider drag, many merged ``SetArrayCommand`` pushes on the undo stack;
- stepping: ``model.set_time_step`` (must never recompute: the evaluation object is unchanged).

Targets: edit p95 < 16 ms for H=32, T=50 and < 50 ms for H=128, T=200.
Usage: ``QT_QPA_PLATFORM=offscreen python benchmarks/ui_latency.py [--changes 300]``
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # as the app runs (lstm_studio/__main__.py)

import numpy as np  # noqa: E402

from lstm_studio.app.application import create_application, throwaway_profile  # noqa: E402
from lstm_studio.app.commands import MERGE_WEIGHT_DRAG, SetArrayCommand  # noqa: E402
from lstm_studio.app.main_window import DEFAULT_SIZE, MainWindow  # noqa: E402
from lstm_studio.session.document import NetworkConfig, new_document  # noqa: E402
from lstm_studio.session.model import SessionModel  # noqa: E402

SIZES = ((32, 50, 16.0), (128, 200, 50.0))  # hidden size, steps, p95 target (ms)


def timed(app, change) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of ``change()`` plus processing every resulting event.

    CPU time is what the latency would be on an idle machine; wall time also counts waiting for
    other processes (the gap between the two shows how busy the machine was)."""
    wall, cpu = time.perf_counter(), time.process_time()
    change()
    app.processEvents()
    return (time.perf_counter() - wall) * 1e3, (time.process_time() - cpu) * 1e3


def percentiles(ms) -> str:
    p50, p95, worst = np.percentile(ms, [50, 95, 100])
    return f"p50 {p50:6.1f}  p95 {p95:6.1f}  max {worst:6.1f} ms"


def session(hidden: int, steps: int) -> SessionModel:
    doc = new_document(NetworkConfig(kind="lstm", input_size=1, hidden_size=hidden, seq_len=steps))
    rng = np.random.default_rng(0)
    doc.inputs = rng.uniform(-1, 1, doc.inputs.shape)
    doc.targets = rng.uniform(-1, 1, doc.targets.shape)
    doc.view.display_mode = "whole"
    return SessionModel(doc)


def measure(app, hidden: int, steps: int, changes: int) -> dict[str, list]:
    model = session(hidden, steps)
    window = MainWindow(model, restore_layout=False)
    window.resize(*DEFAULT_SIZE)
    window.show()
    for _ in range(5):
        app.processEvents()
    rng = np.random.default_rng(1)
    base = model.document.parameters["weight_hh_l0"].copy()
    results = {name: [] for name in ("edit", "drag", "stepping", *PARTS)}
    call_ms = []
    panels = {key: panel for key, panel in window.panels.items() if hasattr(panel, "last_update_seconds")}

    def edit():
        value = base.copy()
        value[rng.integers(value.shape[0]), rng.integers(value.shape[1])] = rng.uniform(-1, 1)
        started = time.perf_counter()
        model.set_parameter("weight_hh_l0", value)
        call_ms.append((time.perf_counter() - started) * 1e3)

    for _ in range(changes):
        wall, cpu = timed(app, edit)
        compute = model.compute_seconds * 1e3
        results["edit"].append((wall, cpu))
        results["forward + BPTT"].append(compute)
        results["panel updates (slots)"].append(call_ms[-1] - compute)
        results["painting (event loop)"].append(wall - call_ms[-1])
        for key, panel in panels.items():
            results.setdefault("  " + key, []).append(panel.last_update_seconds * 1e3)

    drag_value = base.copy()
    for k in range(changes):
        drag_value[0, 0] = np.sin(k / 10)
        command = SetArrayCommand(model, "parameter", drag_value, "drag", key="weight_hh_l0",
                                  merge_id=MERGE_WEIGHT_DRAG)
        results["drag"].append(timed(app, lambda: window.undo_stack.push(command)))

    evaluation = model.evaluation
    for k in range(changes):
        results["stepping"].append(timed(app, lambda: model.set_time_step(k % steps)))
    assert model.evaluation is evaluation, "stepping recomputed the evaluation"
    window.hide()  # not close(): closing a modified session would ask to save it
    window.deleteLater()
    app.processEvents()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=300, help="changes timed per scenario")
    args = parser.parse_args()
    with throwaway_profile():
        report(create_application(), args.changes)


SCENARIOS = (("edit", "edit (recompute + redraw)"), ("drag", "weight slider drag"),
             ("stepping", "stepping (no recompute)"))
PARTS = ("forward + BPTT", "panel updates (slots)", "painting (event loop)")


def report(app, changes: int) -> None:
    for hidden, steps, target in SIZES:
        results = {name: np.array(ms) for name, ms in measure(app, hidden, steps, changes).items()}
        print(f"LSTM H={hidden}, T={steps}, one layer, {changes} changes per scenario "
              f"(target: edit p95 < {target:.0f} ms)")
        for name, label in SCENARIOS:
            wall, cpu = results[name].T
            print(f"  {label:27s} wall {percentiles(wall)} | cpu {percentiles(cpu)}")
        print("  where an edit's wall time goes:")
        for name in results:
            if name not in dict(SCENARIOS):
                print(f"    {name:25s} wall {percentiles(results[name])}")
        p95_wall, p95_cpu = np.percentile(results["edit"], 95, axis=0)
        print(f"  verdict: wall p95 {'OK' if p95_wall < target else 'TOO SLOW'}, "
              f"cpu p95 {'OK' if p95_cpu < target else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
