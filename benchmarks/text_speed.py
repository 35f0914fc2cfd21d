"""Training throughput on a text (characters per second): the engine's Trainer against PyTorch CPU,
beside the floor of the same work.

Run: ``env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benchmarks/text_speed.py
[--repeats R] [--steps K] [--stateful] [--hidden H] [--seq-len T] [--batch N]``, with
``OPENBLAS_CORETYPE`` and ``OPENBLAS_L2_SIZE`` unset for this command alone: these machines set
them and under them NumPy's OpenBLAS runs slower kernels for the batched products (the script
warns when either is set). One BLAS / intra-op thread for both libraries, float64 both.

The model (defaults): one-hot characters of a generated text (vocabulary of 65, as Tiny
Shakespeare) → LSTM H=128 → linear read-out → softmax cross-entropy, T=100, batch 32, Adam
(lr 2e-3, no clipping). A training step is the whole step: the batch, forward, loss, BPTT and the
Adam update. Both libraries train on the engine's batches (random windows, or with
``--stateful`` consecutive chunks with the state carried across them). Each repetition times
``--steps`` steps (CPU time, ``time.process_time``); the runners alternate so other load hits
them alike; the table gives the median repetition.

The floor is the work a NumPy engine cannot avoid, timed alone: the matrix products of the step
(the one-hot input's projection, a row gather; T recurrent products forward and T back; the
layer's weight and bias gradients as one product; the read-out's forward and its two gradient
products) and the gate arithmetic of forward+BPTT with each elementwise operation done once, the
recurrence step by step on blocks that stay in cache (``floors.lstm_gates_runner``). The loss,
the Adam update, the batch and the engine's checks are not in it.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9, help="timed repetitions (median)")
    parser.add_argument("--steps", type=int, default=5, help="training steps per repetition")
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--seq-len", type=int, default=100)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--vocabulary", type=int, default=65)
    parser.add_argument("--stateful", action="store_true",
                        help="read the text in order, carrying the state across chunks")
    return parser.parse_args()


ARGS = parse_arguments() if __name__ == "__main__" else None  # imported: for generated_text
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1") if ARGS is None else os.environ.update({variable: "1"})

import numpy as np  # noqa: E402

from lstm_studio.engine import Readout, build_network  # noqa: E402
from lstm_studio.engine.tasks import NextCharacter  # noqa: E402
from lstm_studio.engine.training import Trainer, TrainingConfig  # noqa: E402

from floors import lstm_gates_runner  # noqa: E402 - benchmarks/floors.py

LR = 2e-3
TEXT_CHARS = 200_000


def generated_text(size: int, vocabulary: int, seed: int = 0) -> str:
    """A text of ``size`` characters over ``vocabulary`` printable characters, made of words
    (so a model has something to learn; the speed does not depend on it)."""
    alphabet = [chr(c) for c in range(33, 127)][:vocabulary - 2] + [" ", "\n"]
    rng = np.random.default_rng(seed)
    words = ["".join(rng.choice(alphabet[:-2], size=rng.integers(2, 9))) for _ in range(500)]
    text, length = [], 0
    while length < size:
        word = words[int(rng.zipf(1.3)) % len(words)]
        text.append(word)
        length += len(word) + 1
    text = " ".join(text)[:size - 1] + "\n"
    return "".join(alphabet) + text[len(alphabet):]  # every character occurs


def make_task():
    return NextCharacter(seq_len=ARGS.seq_len, text=generated_text(TEXT_CHARS, ARGS.vocabulary))


def config():
    return TrainingConfig(optimizer="adam", lr=LR, batch_size=ARGS.batch, seq_len=ARGS.seq_len,
                          stateful=ARGS.stateful)


def engine_trainer(task):
    network = build_network("lstm", task.input_size, ARGS.hidden, seed=0)
    readout = Readout(ARGS.hidden, task.output_size, seed=0)
    return Trainer(network, readout, task, config())


def engine_runner(task):
    trainer = engine_trainer(task)

    def run():
        for _ in range(ARGS.steps):
            trainer.step()
    return run


def torch_runner(torch, task):
    """The same model, loss, optimiser and batches in PyTorch (parameters copied from the
    engine's, so both start alike)."""
    source = engine_trainer(task)
    lstm = torch.nn.LSTM(task.input_size, ARGS.hidden, dtype=torch.float64)
    linear = torch.nn.Linear(ARGS.hidden, task.output_size, dtype=torch.float64)
    with torch.no_grad():
        for name, value in source.network.parameters().items():
            getattr(lstm, name).copy_(torch.from_numpy(value))
        linear.weight.copy_(torch.from_numpy(source.readout.weight))
        linear.bias.copy_(torch.from_numpy(source.readout.bias))
    optimizer = torch.optim.Adam(list(lstm.parameters()) + list(linear.parameters()), lr=LR)
    loss_function = torch.nn.CrossEntropyLoss()
    state = {"index": 0, "carried": None}

    def run():
        for _ in range(ARGS.steps):
            batch = source.data.batch(state["index"])
            state["index"] += 1
            x, target = torch.from_numpy(batch.x), torch.from_numpy(batch.target)
            carried = state["carried"] if batch.carry else None
            optimizer.zero_grad()
            output, (h_n, c_n) = lstm(x, carried)
            loss = loss_function(linear(output).reshape(-1, task.output_size), target.reshape(-1))
            loss.backward()
            optimizer.step()
            if ARGS.stateful:
                state["carried"] = (h_n.detach(), c_n.detach())
    return run


def products_runner(inputs, hidden, outputs, steps, batch):
    """The matrix products of a training step, alone, as the engine does them: the one-hot
    input's projection is a gather of rows of W_ihᵀ + b, the weight gradients of the layer one
    product [x, h_prev, 1]ᵀ dpre (biases included)."""
    rng = np.random.default_rng(1)
    rows, count = 4 * hidden, steps * batch
    table, w_hh = rng.standard_normal((inputs, rows)), rng.standard_normal((rows, hidden))
    w_out = rng.standard_normal((outputs, hidden))
    w_hh_t = np.ascontiguousarray(w_hh.T)
    hot, h = rng.integers(0, inputs, count), rng.standard_normal((steps, batch, hidden))
    x_h_1 = np.ones((count, inputs + hidden + 1))
    x_h_1[:, :inputs + hidden] = rng.standard_normal((count, inputs + hidden))
    d = rng.standard_normal((steps, batch, rows))
    d_y = rng.standard_normal((count, outputs))
    xp, recurrent = np.empty((count, rows)), np.empty((batch, rows))
    carry, y, d_out = np.empty((batch, hidden)), np.empty((count, outputs)), np.empty((count, hidden))
    d_flat, h_flat = d.reshape(count, rows), h.reshape(count, hidden)

    def run():
        for _ in range(ARGS.steps):
            np.take(table, hot, axis=0, out=xp, mode="clip")  # W_ih x_t + b, every step at once
            for h_t in h:
                np.matmul(h_t, w_hh_t, out=recurrent)   # W_hh h_{t-1}
            np.matmul(h_flat, w_out.T, out=y)           # read-out
            np.matmul(d_y, w_out, out=d_out)            # its input gradient
            d_y.T @ h_flat                              # dW_out
            for d_t in d[::-1]:
                np.matmul(d_t, w_hh, out=carry)         # W_hhᵀ dpre_t
            x_h_1.T @ d_flat                            # dW_ih, dW_hh, db
    return run


def gates_runner(hidden, steps, batch):
    """The elementwise gate arithmetic of LSTM forward+BPTT of every training step
    (:func:`floors.lstm_gates_runner`, as ``benchmarks/engine_speed.py`` times it)."""
    once = lstm_gates_runner(steps, hidden, batch)

    def run():
        for _ in range(ARGS.steps):
            once()
    return run


def median_seconds(runs, repeats):
    """Median CPU time of each runner over ``repeats`` rounds (runners alternate in a round)."""
    for run in runs:
        run()  # warm-up
    times = [[] for _ in runs]
    for _ in range(repeats):
        for k, run in enumerate(runs):
            start = time.process_time()
            run()
            times[k].append(time.process_time() - start)
    return [statistics.median(t) for t in times]


def load():
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"


def main():
    try:
        import torch
        torch.set_num_threads(1)
    except ImportError:
        torch = None
    task = make_task()
    T, N, H = ARGS.seq_len, ARGS.batch, ARGS.hidden
    characters = ARGS.steps * T * N
    print(f"numpy {np.__version__}, torch {torch.__version__ if torch else 'not installed'}, "
          f"python {sys.version.split()[0]}, 1 thread, float64, median CPU time of "
          f"{ARGS.repeats} × {ARGS.steps} steps, {'stateful chunks' if ARGS.stateful else 'random windows'}")
    print(f"load: {load()}")
    for variable in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if variable in os.environ:
            print(f"warning: {variable} is set: NumPy's products are slower under it")
    runs = [engine_runner(task), products_runner(task.input_size, H, task.output_size, T, N),
            gates_runner(H, T, N)]
    if torch is not None:
        runs.append(torch_runner(torch, task))
    engine, products, gates, *theirs = median_seconds(runs, ARGS.repeats)
    floor = products + gates
    per_step = 1e3 / ARGS.steps
    header = (f"{'LSTM V H T N':<18}{'engine':>10}{'torch':>10}{'ratio':>8}{'products':>10}"
              f"{'gates':>8}{'floor':>8}{'engine/floor':>14}")
    print(header)
    print("-" * len(header))
    print(f"{'ms per step':<18}{engine * per_step:10.1f}"
          f"{theirs[0] * per_step if theirs else float('nan'):10.1f}"
          f"{theirs[0] / engine if theirs else float('nan'):7.2f}x"
          f"{products * per_step:10.1f}{gates * per_step:8.1f}{floor * per_step:8.1f}"
          f"{engine / floor:13.2f}x")
    print(f"{'characters / s':<18}{characters / engine:10.0f}"
          f"{characters / theirs[0] if theirs else float('nan'):10.0f}{'':8}"
          f"{'':26}{characters / floor:8.0f}")
    print(f"(V={task.input_size}, H={H}, T={T}, N={N})")


if __name__ == "__main__":
    main()
