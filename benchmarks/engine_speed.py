"""Forward + BPTT time of the NumPy engine per kind, beside PyTorch CPU when installed, and for
LSTM beside its floor: the same matrix products and gate arithmetic timed alone.

Run: ``env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benchmarks/engine_speed.py
[--repeats R] [--threads K]``, with ``OPENBLAS_CORETYPE`` and ``OPENBLAS_L2_SIZE`` unset for this
command alone: these machines set them (older OpenBLAS builds fail on some processors without
them) and under them NumPy's current OpenBLAS runs slower kernels. The header names the kernel
that ran; the script warns when either variable is set.
Both libraries use ``--threads`` BLAS/intra-op threads (default 1, for a fair comparison), float64.
The engine runs ``forward`` + ``backward(d_output = ones)``; PyTorch runs the module with autograd
and ``output.sum().backward()`` with ``requires_grad`` on the input and initial states, so both
compute the same gradients (parameters, input, h0/c0). Times are the best of R runs, CPU time
(``time.process_time``) with one thread, wall time with more; the runners alternate, so other
load on the machine hits them alike.

The floor of LSTM forward+BPTT (second table) is the work a NumPy engine cannot do without: its
matrix products (the input projection and the input-gradient product over all steps, T
recurrent products forward and T back, the weight and bias gradients as one product) and its
gate arithmetic with every elementwise operation done once, in place where it can be, into
preallocated arrays: the recurrence step by step on blocks that stay in cache, the gates' slopes
a chunk of steps at a time (``floors.lstm_gates_runner``). The engine's own time also holds its
checks, its allocations (a trace the app keeps is memory of its own: the engine's trace pool
lends the blocks of traces let go again, so a run after the first is spared most of the page
faults of new memory) and the finiteness check.
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

from floors import lstm_gates_runner  # noqa: E402 - benchmarks/floors.py

SHAPES = [(50, 32, 1), (200, 128, 1), (100, 64, 32)]  # (T, H, N); input size = H
FLOOR_SHAPES = [(100, 64, 32), (1000, 512, 1)]
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


def lstm_products_runner(steps, hidden, batch):
    """The matrix products of LSTM forward+BPTT (input size = H), alone, as the engine does
    them (the weight and bias gradients as one product [x, h_prev, 1]ᵀ dpre)."""
    rng = np.random.default_rng(1)
    rows = 4 * hidden
    w_ih, w_hh = rng.standard_normal((rows, hidden)), rng.standard_normal((rows, hidden))
    w_hh_t = np.ascontiguousarray(w_hh.T)
    x, h = rng.standard_normal((steps * batch, hidden)), rng.standard_normal((steps, batch, hidden))
    x_h_1 = np.ones((steps * batch, 2 * hidden + 1))
    x_h_1[:, :2 * hidden] = rng.standard_normal((steps * batch, 2 * hidden))
    d = rng.standard_normal((steps, batch, rows))
    xp, recurrent = np.empty((steps * batch, rows)), np.empty((batch, rows))
    carry = np.empty((batch, hidden))
    d_flat = d.reshape(steps * batch, rows)

    def run():
        np.matmul(x, w_ih.T, out=xp)                # W_ih x_t, every step at once
        for h_t in h:
            np.matmul(h_t, w_hh_t, out=recurrent)   # W_hh h_{t-1}
        for d_t in d[::-1]:
            np.matmul(d_t, w_hh, out=carry)         # W_hhᵀ dpre_t
        x_h_1.T @ d_flat                            # dW_ih, dW_hh, db
        d_flat @ w_ih                               # dx
    return run


def openblas_core():
    """The kernel family NumPy's OpenBLAS chose (e.g. SkylakeX, Haswell), or "unknown"."""
    try:
        import ctypes
        with open("/proc/self/maps") as maps:
            library = next(line.split()[-1] for line in maps
                           if "openblas" in line and "numpy" in line)
        for name in ("scipy_openblas_get_corename64_", "openblas_get_corename64_",
                     "openblas_get_corename"):
            function = getattr(ctypes.CDLL(library), name, None)
            if function is not None:
                function.restype = ctypes.c_char_p
                return function().decode()
    except (OSError, StopIteration):
        pass
    return "unknown"


def main():
    try:
        import torch
        torch.set_num_threads(ARGS.threads)
    except ImportError:
        torch = None
    print(f"numpy {np.__version__}, torch {torch.__version__ if torch else 'not installed'}, "
          f"python {sys.version.split()[0]}, {ARGS.threads} thread(s), float64, "
          f"best {'CPU' if ARGS.threads == 1 else 'wall'} time of {ARGS.repeats}, "
          f"OpenBLAS kernel {openblas_core()}")
    for variable in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if variable in os.environ:
            print(f"warning: {variable} is set: NumPy's products are slower under it")
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
    print()
    header = (f"{'LSTM':<6}{'T':>5}{'H':>5}{'N':>4}{'engine ms':>11}{'products':>10}{'gates':>8}"
              f"{'floor':>8}{'engine/floor':>14}{'torch ms':>10}")
    print(header)
    print("-" * len(header))
    for steps, hidden, batch in FLOOR_SHAPES:
        runs = [engine_runner("lstm", steps, hidden, batch),
                lstm_products_runner(steps, hidden, batch),
                lstm_gates_runner(steps, hidden, batch)]
        if torch is not None:
            runs.append(torch_runner(torch, "lstm", steps, hidden, batch))
        ours, products, gates, *theirs = (1e3 * s for s in best_seconds(runs, ARGS.repeats))
        floor = products + gates
        torch_text = f"{theirs[0]:10.2f}" if theirs else f"{'-':>10}"
        print(f"{'':<6}{steps:>5}{hidden:>5}{batch:>4}{ours:11.2f}{products:10.2f}{gates:8.2f}"
              f"{floor:8.2f}{ours / floor:13.2f}x{torch_text}")

if __name__ == "__main__":
    main()
