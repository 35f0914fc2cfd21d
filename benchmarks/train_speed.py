"""Training steps per second of the NumPy engine, beside PyTorch CPU doing the same steps.

Adding problem, float64, Adam, clip_norm 1, batches drawn as the Trainer draws them; PyTorch (when
installed) runs single-threaded with the same sizes and batch. Each figure is the best of
``--repeats`` timings of ``--steps`` steps, to see past other load on the machine. Usage:
``python benchmarks/train_speed.py [--hidden 64] [--seq-len 50] [--batch 32] [--steps 20]``.
"""
from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # one thread for NumPy's BLAS too, before importing it

import argparse  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from lstm_studio.engine.tasks import AddingProblem  # noqa: E402
from lstm_studio.engine.training import Trainer  # noqa: E402

KINDS = ("rnn_tanh", "lstm", "gru")


def best_rate(run_steps, steps: int, repeats: int) -> float:
    """Steps per second of the fastest of ``repeats`` timings of ``run_steps(steps)``, after a
    warm-up of 2 steps."""
    run_steps(2)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run_steps(steps)
        best = min(best, time.perf_counter() - start)
    return steps / best


def numpy_trainer(kind: str, hidden: int, task: AddingProblem, batch: int) -> Trainer:
    return Trainer.from_preset(task, kind=kind, hidden_size=hidden, batch_size=batch,
                               seq_len=task.seq_len, lr=1e-3, clip_norm=1.0)


def torch_training(kind: str, hidden: int, task: AddingProblem, batch: int):
    """A function running n PyTorch training steps like the Trainer's, or None without torch."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    module = {"rnn_tanh": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
    torch.manual_seed(0)
    rnn = module(task.input_size, hidden, dtype=torch.float64)
    readout = torch.nn.Linear(hidden, task.output_size, dtype=torch.float64)
    params = list(rnn.parameters()) + list(readout.parameters())
    optimizer = torch.optim.Adam(params, lr=1e-3)
    rng = np.random.default_rng(0)

    def run_steps(n: int) -> None:
        for _ in range(n):
            x, target = (torch.from_numpy(a) for a in task.generate(batch, rng)[:2])
            optimizer.zero_grad()
            y = readout(rnn(x)[0][-1])
            loss = 0.5 * ((y - target[-1]) ** 2).sum(dim=-1).mean()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()

    return run_steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--seq-len", type=int, default=50)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    task = AddingProblem(seq_len=args.seq_len)
    print(f"Training steps/s, adding problem T={args.seq_len}, H={args.hidden}, "
          f"batch={args.batch}, float64, Adam, one thread")
    print(f"{'kind':<10}{'numpy':>10}{'torch':>10}{'numpy/torch':>14}")
    for kind in KINDS:
        ours = best_rate(numpy_trainer(kind, args.hidden, task, args.batch).run, args.steps,
                         args.repeats)
        torch_steps = torch_training(kind, args.hidden, task, args.batch)
        if torch_steps is None:
            print(f"{kind:<10}{ours:>10.1f}{'-':>10}{'-':>14}")
        else:
            theirs = best_rate(torch_steps, args.steps, args.repeats)
            print(f"{kind:<10}{ours:>10.1f}{theirs:>10.1f}{ours / theirs:>14.2f}")


if __name__ == "__main__":
    main()
