"""The budget on work: estimated against measured time and memory of a recompute (new document,
forward, loss and BPTT), each size in a fresh process: the time of one evaluation, and the memory
of the process holding two, as the app does while it recomputes with a result shown (the second
computed in a thread, with the app's allocator settings).

Run: ``.venv/bin/python benchmarks/work_budget.py [--largest]``. One BLAS thread, as the app.
Prints per size: the estimate (``session.document.estimate_work``: seconds at this machine's
measured speed, bytes), the measured CPU time of the evaluation and the process's peak RSS
(``resource.getrusage``, POSIX), and whether the budget accepts the size. ``--largest`` adds
the largest size the per-size limits accepted before the budget (I=256, H=512, 8 layers,
bidirectional, T=2000, O=256: minutes on a busy machine) and the largest the memory budget
accepts at that shape (T=329 with the 1.8 GB cap).
"""

import argparse
import json
import os
import subprocess
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ONE = """
import json, resource, sys, threading, time
from lstm_studio.engine import heap
from lstm_studio.session import document
heap.tune(128 * 1024)  # as the app (app/window/memory.py)
config = document.NetworkConfig(**json.loads(sys.argv[1]))
refusal = document.work_refusal(config)
seconds, size = document.estimate_work(config)
doc = document.new_document(document.replace(config, seq_len=1))  # not validated: may be refused
doc = document.reconfigured(doc, seq_len=config.seq_len) if refusal is None else None
measured = peak = None
if doc is not None:
    started = time.process_time()
    shown = document.evaluate_document(doc)
    measured = time.process_time() - started
    computed = threading.Thread(target=document.evaluate_document, args=(doc,))
    computed.start()
    computed.join()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print(json.dumps({"estimate_s": seconds, "estimate_bytes": size, "measured_s": measured,
                  "peak_bytes": peak, "refused": None if refusal is None else str(refusal)}))
"""

SIZES = [
    dict(kind="lstm", hidden_size=32, seq_len=50),
    dict(kind="lstm", hidden_size=128, num_layers=2, bidirectional=True, seq_len=200),
    dict(kind="lstm", hidden_size=256, seq_len=500),
    dict(kind="lstm", hidden_size=512, seq_len=1000),
    dict(kind="gru", input_size=8, hidden_size=256, num_layers=4, seq_len=2000),
    dict(kind="lstm", hidden_size=1024, num_layers=2, seq_len=2000),
]
LARGEST_OLD = dict(kind="lstm", input_size=256, hidden_size=512, num_layers=8, bidirectional=True,
                   seq_len=2000, output_size=256)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--largest", action="store_true", help="also the largest sizes (slow)")
    args = parser.parse_args()
    sizes = list(SIZES)
    if args.largest:
        sizes += [LARGEST_OLD, {**LARGEST_OLD, "seq_len": 329}]
    print(f"{'size':58s} {'estimate':>18s} {'measured':>18s}  budget")
    for config in sizes:
        done = subprocess.run([sys.executable, "-c", ONE, json.dumps(config)], capture_output=True,
                              text=True, check=True)
        r = json.loads(done.stdout)
        name = " ".join(f"{k}={v}" for k, v in config.items())
        measured = "-" if r["measured_s"] is None else \
            f"{r['measured_s']:7.2f} s {r['peak_bytes'] / 1e9:5.2f} GB"
        print(f"{name:58s} {r['estimate_s']:7.2f} s {r['estimate_bytes'] / 1e9:5.2f} GB "
              f"{measured:>18s}  {'accepted' if r['refused'] is None else 'refused'}")


if __name__ == "__main__":
    main()
