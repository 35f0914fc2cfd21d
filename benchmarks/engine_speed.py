"""Forward + BPTT time of the NumPy engine per kind, beside PyTorch CPU when installed.

Run: ``.venv/bin/python benchmarks/engine_speed.py [--repeats R] [--threads K]``.
Both libraries use ``--threads`` BLAS/intra-op threads (default 1, for a fair comparison), float64.
The engine runs ``forward`` + ``backward(d_output = ones)``; PyTorch runs the module with autograd
and ``output.sum().backward()`` with ``requires_grad`` on the input and initial states, so both
compute the same gradients (parameters, input, h0/c0). Times are the best of R runs, CPU time
(``time.process_time``) with one thread, wall time with more; the two libraries alternate, so
other load on the machine hits both alike.
"""

import argparse
import os
import sys
import time


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15, help="timed runs per measurement")
    parser.add_argument("--threads", type=int, default=1, help="BLAS / torch threads")
    return parser.parse_args()


ARGS = parse_arguments()
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = str(ARGS.threads)  # must precede the numpy import

import numpy as np  # noqa: E402

# one thread: CPU time of the process, robust to other load; several: wall time (CPU time would
# count the threads' spinning)
CLOCK = time.process_time if ARGS.threads == 1 else time.perf_counter

from lstm_studio.engine import KINDS, build_network  # noqa: E402

SHAPES = [(50, 32, 1), (200, 128, 1), (100, 64, 32)]  # (T, H, N); input size = H
TORCH_KIND = {"rnn_tanh": "rnn_tanh", "rnn_relu": "rnn_relu", "lstm": "lstm", "gru": "gru",
              "peephole_lstm": None, "lstm_nofg": None}


def best_seconds(runs, repeats):
    """Best time of each runner over ``repeats`` rounds; runners alternate within a round so
    that background load hits them alike."""
    for run in runs:
        run()  # warm-up
    best = [float("inf")] * len(runs)
    for _ in range(repeats):
        for k, run in enumerate(runs):
            start = CLOCK()
            run()
            best[k] = min(best[k], CLOCK() - start)
    return best


def engine_runner(kind, steps, hidden, batch):
    net = build_network(kind, hidden, hidden)
    x = np.random.default_rng(0).standard_normal((steps, batch, hidden) if batch > 1
                                                 else (steps, hidden))

    def run():
        trace = net.forward(x)
        net.backward(trace, np.ones_like(trace.output))
    return run


def torch_runner(torch, kind, steps, hidden, batch):
    """PyTorch computing what ``Network.backward`` returns: parameter, input and h0/c0 grads."""
    modules = {"rnn_tanh": torch.nn.RNN, "rnn_relu": torch.nn.RNN, "lstm": torch.nn.LSTM,
               "gru": torch.nn.GRU}
    options = {"nonlinearity": kind[4:]} if kind.startswith("rnn") else {}
    module = modules[kind](hidden, hidden, dtype=torch.float64, **options)
    batch_shape = (batch,) if batch > 1 else ()
    x = torch.randn((steps,) + batch_shape + (hidden,), dtype=torch.float64, requires_grad=True)
    states = [torch.zeros((1,) + batch_shape + (hidden,), dtype=torch.float64, requires_grad=True)
              for _ in range(2 if kind == "lstm" else 1)]

    def run():
        module.zero_grad()
        x.grad = None
        for state in states:
            state.grad = None
        module(x, tuple(states) if kind == "lstm" else states[0])[0].sum().backward()
    return run


def main():
    try:
        import torch
        torch.set_num_threads(ARGS.threads)
    except ImportError:
        torch = None
    print(f"numpy {np.__version__}, torch {torch.__version__ if torch else 'not installed'}, "
          f"python {sys.version.split()[0]}, {ARGS.threads} thread(s), float64, "
          f"best {'CPU' if ARGS.threads == 1 else 'wall'} time of {ARGS.repeats}")
    header = f"{'kind':<14}{'T':>5}{'H':>5}{'N':>4}{'numpy ms':>11}{'torch ms':>11}{'speed-up':>10}"
    print(header)
    print("-" * len(header))
    for steps, hidden, batch in SHAPES:
        for kind in KINDS:
            runs = [engine_runner(kind, steps, hidden, batch)]
            if torch is not None and TORCH_KIND[kind]:
                runs.append(torch_runner(torch, TORCH_KIND[kind], steps, hidden, batch))
            ours, *theirs = best_seconds(runs, ARGS.repeats)
            torch_text = f"{1e3 * theirs[0]:11.2f}{theirs[0] / ours:9.2f}x" if theirs else \
                f"{'-':>11}{'-':>10}"
            print(f"{kind:<14}{steps:>5}{hidden:>5}{batch:>4}{1e3 * ours:11.2f}{torch_text}")

if __name__ == "__main__":
    main()
