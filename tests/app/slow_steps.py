"""Training steps that take long on purpose, for tests of Stop, Quit and closing during a step."""

import time

from lstm_studio.engine.training import Trainer

REAL_STEP = Trainer.step
"""``Trainer.step`` itself (tests slow it down; the reference never is)."""


def slow_steps_from(monkeypatch, call: int, seconds: float, *, interruptible: bool) -> list[int]:
    """From its ``call``-th call on, ``Trainer.step`` first spends ``seconds``: in Python code (a
    step Stop can cut short) or in one blocking call (like one huge NumPy product of a large
    network: Stop has to wait until it returns). Returns the call counter (one item)."""
    calls = [0]

    def step(self):
        calls[0] += 1
        if calls[0] >= call:
            if interruptible:
                end = time.perf_counter() + seconds
                while time.perf_counter() < end:
                    pass
            else:
                time.sleep(seconds)
        return REAL_STEP(self)

    monkeypatch.setattr(Trainer, "step", step)
    return calls
