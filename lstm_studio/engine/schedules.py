"""Learning-rate schedules, as PyTorch defines them (``torch.optim.lr_scheduler``).

For training step ``k`` (0-based) and base rate ``lr``, with ``period`` S steps:

- ``"constant"``: lr
- ``"step"``: lr · decay^⌊k / S⌋  (``StepLR(step_size=S, gamma=decay)``)
- ``"cosine"``: lr · ½(1 + cos(π · (k mod S) / S))  (``CosineAnnealingWarmRestarts(T_0=S)``,
  ``eta_min=0``): down from lr towards 0 over each period, then back to lr — so training after
  the first period never stalls at a rate of zero.
"""
from __future__ import annotations

import math
from typing import Any

from lstm_studio.engine.optim import check_fraction

__all__ = ["SCHEDULES", "check_schedule", "scheduled_lr"]

SCHEDULES = ("constant", "step", "cosine")


def check_schedule(schedule: Any, period: Any, decay: Any) -> None:
    """ValueError naming the setting when ``schedule``, ``period`` (an integer >= 1) or ``decay``
    (in (0, 1)) is not one the schedules take."""
    if schedule not in SCHEDULES:
        raise ValueError(f"unknown learning-rate schedule {schedule!r}; choose one of {', '.join(SCHEDULES)}")
    if isinstance(period, bool) or not isinstance(period, int) or period < 1:
        raise ValueError(f"schedule period must be an integer >= 1, got {period!r}")
    if check_fraction("decay", decay) == 0.0:
        raise ValueError("decay must be in (0, 1), got 0.0")


def scheduled_lr(lr: float, schedule: str, step: int, period: int, decay: float = 0.5) -> float:
    """The learning rate of 0-based training step ``step`` (see the module's equations)."""
    if schedule == "constant":
        return lr
    if schedule == "step":
        return lr * decay ** (step // period)
    if schedule == "cosine":
        return lr * 0.5 * (1.0 + math.cos(math.pi * (step % period) / period))
    raise ValueError(f"unknown learning-rate schedule {schedule!r}")
