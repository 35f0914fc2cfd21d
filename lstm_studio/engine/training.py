"""Deterministic mini-batch training of a network and its read-out on a task.

The batch of step ``k`` is drawn from ``np.random.default_rng([seed, k])`` (or is chunk ``k`` of
a text read in order, see :mod:`.training_data`), and all other state (weights, optimiser
buffers, step count, the state carried between chunks) lives in arrays, so training in one go,
one step at a time, or paused, saved with :meth:`Trainer.state_dict` and resumed, gives
bit-identical weights. A learning-rate schedule (:mod:`.schedules`) sets the rate of each step; a
held-out part gives a validation loss every few steps, and the trainer keeps the weights of the
best one.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from lstm_studio.engine import GATES, Readout, build_network, evaluate
from lstm_studio.engine.bptt import check_clipping
from lstm_studio.engine.losses import cross_entropy_loss, mse_loss
from lstm_studio.engine.optim import (
    OPTIMIZERS,
    check_fraction,
    check_positive,
    make_optimizer,
)
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Refusal
from lstm_studio.engine.schedules import check_schedule, scheduled_lr
from lstm_studio.engine.tasks import Task, check_int
from lstm_studio.engine.training_data import TrainingData

__all__ = ["HISTORY_FIELDS", "StepRecord", "Trainer", "TrainingConfig", "TrainingDiverged"]

HISTORY_FIELDS = ("step", "loss", "grad_norm", "accuracy", "clipped", "lr", "val_loss")


class TrainingDiverged(Refusal):
    """The loss or the gradient of a batch is not finite; the step was not applied."""


@dataclass(frozen=True)
class TrainingConfig:
    """Training hyper-parameters (checked on creation; ValueError names the bad one).

    ``optimizer`` "sgd" (with ``momentum``) or "adam"; ``clip_norm`` / ``clip_value`` / ``truncate``
    None = off; ``seq_len`` None = the task's default length; ``seed`` (>= 0) fixes every batch.
    ``schedule`` "constant", "step" or "cosine" with ``schedule_period`` and ``decay``
    (:func:`.schedules.scheduled_lr`; ``lr`` is the base rate); ``validation`` the fraction held
    out (0: none), its loss measured every ``validate_every`` steps; ``stateful`` reads a text in
    order and carries the state from batch to batch (:mod:`.training_data`).
    """

    optimizer: str = "adam"
    lr: float = 1e-3
    momentum: float = 0.0
    batch_size: int = 32
    clip_norm: float | None = None
    clip_value: float | None = None
    truncate: int | None = None
    seed: int = 0
    seq_len: int | None = None
    schedule: str = "constant"
    schedule_period: int = 100
    decay: float = 0.5
    validation: float = 0.0
    validate_every: int = 20
    stateful: bool = False

    def __post_init__(self):
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"unknown optimiser {self.optimizer!r}; "
                             f"choose one of {sorted(OPTIMIZERS)}")
        check_positive("learning rate", self.lr)
        check_fraction("momentum", self.momentum)
        check_int("batch size", self.batch_size)
        check_clipping(self.clip_norm, self.clip_value)
        if self.truncate is not None:
            check_int("truncate", self.truncate)
        check_int("seed", self.seed, 0)
        if self.seq_len is not None:
            check_int("sequence length", self.seq_len)
        check_schedule(self.schedule, self.schedule_period, self.decay)
        check_fraction("validation", self.validation)
        check_int("validate every", self.validate_every)
        if not isinstance(self.stateful, bool):
            raise ValueError(f"stateful must be True or False, got {self.stateful!r}")


@dataclass(frozen=True)
class StepRecord:
    """What one training step measured (on its batch, before the update)."""

    step: int  # steps completed, this one included (1 for the first)
    loss: float
    grad_norm: float  # before clipping
    accuracy: float
    clipped: bool
    lr: float = math.nan  # the rate this step used
    val_loss: float = math.nan  # on the held-out data after this step; NaN when not measured


def _loss_step_count(steps, T: int) -> int:
    """How many of ``T`` steps enter the loss: all (None), a mask's true ones, or the indices."""
    if steps is None:
        return T
    steps = np.asarray(steps)
    return int(steps.sum()) if steps.dtype == bool else len(steps)


class Trainer:
    """Trains ``network`` + ``readout`` on ``task`` one mini-batch per :meth:`step`.

    Parameters
    ----------
    network : engine network (``build_network``)
    readout : ``Readout`` with ``in_features = D*H`` and ``out_features = task.output_size``
    task : a :mod:`lstm_studio.engine.tasks` task
    config : TrainingConfig

    The optimiser works on one flat dict of parameters named ``"network.<name>"`` and
    ``"readout.<name>"``; before each update it is refreshed from the network and read-out, so
    weights edited between steps are respected.
    """

    def __init__(self, network, readout, task: Task, config: TrainingConfig = TrainingConfig(),
                 weight_limit: float | None = None):
        if network.input_size != task.input_size:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The task has {task} input channels but the network expects {network}."),  # noqa: E501 - one literal for lupdate
                          task=task.input_size, network=network.input_size)
        weight_shape = readout.parameters()["weight"].shape
        features = network.num_directions * network.hidden_size
        if weight_shape != (task.output_size, features):
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The read-out maps {features} features to {outputs} outputs; this network and task need {needed} to {needed_outputs}."),  # noqa: E501 - one literal for lupdate
                          features=weight_shape[1], outputs=weight_shape[0], needed=features,
                          needed_outputs=task.output_size)
        if config.seq_len is not None:
            task.check_seq_len(config.seq_len)
        if config.stateful and network.bidirectional:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "A bidirectional network cannot carry its state from one chunk of the text to the next: its backward direction reads each chunk from its end."))  # noqa: E501 - one literal for lupdate
        self.data = TrainingData(task, config.batch_size, config.seq_len or task.seq_len, config.seed,
                                 validation=config.validation, stateful=config.stateful)
        self.network, self.readout, self.task, self.config = network, readout, task, config
        self.params = self._current_parameters()
        self.optimizer = make_optimizer(config.optimizer, self.params, config.lr, config.momentum)
        self.steps_done = 0
        self.weight_limit = weight_limit
        """Largest magnitude a weight may reach (None: no limit); a step that would go beyond it
        is not applied (weights and optimiser state stay) and raises TrainingDiverged."""
        self._history: dict[str, list] = {field: [] for field in HISTORY_FIELDS}
        self.carried = None
        """(h_n, c_n) the last chunk ended in, the next chunk's start (``stateful`` only)."""
        self.best = None
        """(step, validation loss, parameters) of the lowest validation loss so far, or None."""

    @classmethod
    def from_preset(cls, task: Task, seed: int = 0, **overrides: Any) -> Trainer:
        """A fresh network, read-out and trainer configured by ``task.preset`` (keys overridable).

        The preset's ``steps`` is what :meth:`run` should be given; it is not part of the config.
        """
        preset = task.preset | overrides
        kind, forget_bias = preset.pop("kind"), preset.pop("forget_bias")
        if "forget_bias" not in overrides and "f" not in GATES.get(kind, ()):
            forget_bias = None  # the preset's forget-gate bias does not apply to another kind
        network = build_network(kind, task.input_size, preset.pop("hidden_size"), seed=seed,
                                forget_bias=forget_bias)
        readout = Readout(network.num_directions * network.hidden_size, task.output_size, seed=seed)
        preset.pop("steps")
        return cls(network, readout, task, TrainingConfig(seed=seed, **preset))

    # -- parameters ------------------------------------------------------------------------------
    def _current_parameters(self) -> dict[str, np.ndarray]:
        return ({f"network.{k}": v for k, v in self.network.parameters().items()}
                | {f"readout.{k}": v for k, v in self.readout.parameters().items()})

    def _pull_parameters(self) -> None:
        for name, value in self._current_parameters().items():
            self.params[name][...] = value

    def _load_parameters(self, flat: dict[str, Any]) -> None:
        """Load the ``"network.*"`` and ``"readout.*"`` entries of ``flat`` into the two parts."""
        for part, prefix in ((self.network, "network."), (self.readout, "readout.")):
            part.load_parameters({name[len(prefix):]: np.asarray(value)
                                  for name, value in flat.items() if name.startswith(prefix)})

    @property
    def lr(self) -> float:
        """Base learning rate (the schedule scales it step by step); settable between steps."""
        return self.config.lr

    @lr.setter
    def lr(self, value: float) -> None:
        self.optimizer.lr = value
        self.config = dataclasses.replace(self.config, lr=self.optimizer.lr)

    def lr_at(self, index: int) -> float:
        """The learning rate of training step ``index`` (0-based) under the schedule."""
        config = self.config
        return scheduled_lr(config.lr, config.schedule, index, config.schedule_period, config.decay)

    # -- training --------------------------------------------------------------------------------
    def batch(self, index: int):
        """The batch ``(x, target, steps)`` of step ``index`` (0-based), the same on every call."""
        batch = self.data.batch(index)
        return batch.x, batch.target, batch.steps

    def step(self) -> StepRecord:
        """Train on exactly one batch; TrainingDiverged (nothing changed) if it is not finite."""
        config = self.config
        batch = self.data.batch(self.steps_done)
        x, target, steps = batch.x, batch.target, batch.steps
        h0, c0 = self.carried if batch.carry and self.carried is not None else (None, None)
        ev = evaluate(self.network, self.readout, x, target, loss=self.task.loss, steps=steps,
                      h0=h0, c0=c0, truncate=config.truncate, clip_norm=config.clip_norm,
                      clip_value=config.clip_value, input_gradient=False, reuse=True)
        if not (math.isfinite(ev.loss) and math.isfinite(ev.grads.norm)):
            raise TrainingDiverged(QT_TRANSLATE_NOOP("Refusal", "Training diverged at step {step}: the loss is {loss}. Lower the learning rate (now {lr}) or turn on gradient clipping."),  # noqa: E501 - one literal for lupdate
                                   step=self.steps_done + 1, loss=ev.loss, lr=f"{config.lr:g}")
        grads = ({f"network.{k}": ev.grads[k] for k in self.network.parameter_shapes()}
                 | {f"readout.{k}": v for k, v in ev.readout_grads.items()})
        self._pull_parameters()
        saved = self.optimizer.state_dict() if self.weight_limit is not None else None
        rate = self.lr_at(self.steps_done)
        self.optimizer.lr = rate
        try:
            self.optimizer.step(grads)
        finally:
            self.optimizer.lr = config.lr  # the optimiser keeps the base rate between steps
        if saved is not None and not self._weights_within_limit():
            self._pull_parameters()  # the network still holds the weights before the step
            self.optimizer.load_state_dict(saved)
            raise TrainingDiverged(QT_TRANSLATE_NOOP("Refusal", "Training diverged at step {step}: the weights grew beyond ±{limit}. Lower the learning rate (now {lr}) or turn on gradient clipping."),  # noqa: E501 - one literal for lupdate
                                   step=self.steps_done + 1, limit=f"{self.weight_limit:g}",
                                   lr=f"{config.lr:g}")
        self._load_parameters(self.params)
        self.steps_done += 1
        if config.stateful:
            trace = ev.trace
            self.carried = (trace.h_n.copy(), None if trace.c_n is None else trace.c_n.copy())
        val_loss = math.nan
        if config.validation > 0 and self.steps_done % config.validate_every == 0:
            val_loss = self.validation_loss()
            if math.isfinite(val_loss) and (self.best is None or val_loss < self.best[1]):
                self.best = (self.steps_done, val_loss, {k: v.copy() for k, v in self._current_parameters().items()})
        record = StepRecord(step=self.steps_done, loss=float(ev.loss),
                            grad_norm=float(ev.grads.norm),
                            accuracy=self.task.accuracy(ev.y, target),
                            clipped=bool(ev.grads.clipped), lr=rate, val_loss=val_loss)
        for field in HISTORY_FIELDS:
            self._history[field].append(getattr(record, field))
        return record

    def validation_loss(self) -> float:
        """The loss on the held-out data with the current weights (forward only): the mean over
        every held-out step, chunks of a text read in order (carrying the state when training
        does); NaN without a held-out part."""
        total, count, carried = 0.0, 0, None
        loss_function = mse_loss if self.task.loss == "mse" else cross_entropy_loss
        for batch in self.data.held_out():
            h0, c0 = carried if batch.carry and carried is not None else (None, None)
            trace = self.network.forward(batch.x, h0=h0, c0=c0)
            carried = (trace.h_n, trace.c_n)
            value, _, _ = loss_function(self.readout.forward(trace.output), batch.target, batch.steps)
            weight = _loss_step_count(batch.steps, batch.x.shape[0])
            total, count = total + float(value) * weight, count + weight
        return total / count if count else math.nan

    def restore_best(self) -> int:
        """Load the weights of the lowest validation loss so far; returns their step (ValueError
        when no validation loss was measured yet)."""
        if self.best is None:
            raise ValueError("no validation loss has been measured yet")
        step, _, parameters = self.best
        self._load_parameters(parameters)
        self._pull_parameters()
        return step

    def _weights_within_limit(self) -> bool:
        return all(not value.size or np.max(np.abs(value)) <= self.weight_limit  # NaN fails too
                   for value in self.params.values())

    def run(self, n_steps: int, callback: Callable[[StepRecord], Any] | None = None,
            should_stop: Callable[[], bool] | None = None) -> list[StepRecord]:
        """Run up to ``n_steps`` steps; ``should_stop()`` is asked before each, ``callback(record)``
        is called after each. Returns the records of the steps taken."""
        check_int("number of steps", n_steps, 0)
        records = []
        for _ in range(n_steps):
            if should_stop is not None and should_stop():
                break
            records.append(self.step())
            if callback is not None:
                callback(records[-1])
        return records

    @property
    def history(self) -> dict[str, np.ndarray]:
        """Arrays over the steps taken: step (int), loss, grad_norm, accuracy, clipped (bool), lr,
        val_loss (NaN at the steps without a validation)."""
        dtypes = {"step": np.int64, "clipped": bool}
        return {field: np.array(values, dtype=dtypes.get(field, np.float64))
                for field, values in self._history.items()}

    # -- saving ----------------------------------------------------------------------------------
    def state_dict(self) -> dict[str, np.ndarray | float]:
        """Everything needed to resume, as plain arrays/floats under flat keys: ``"network.*"``,
        ``"readout.*"``, ``"optimizer/*"``, ``"history/*"`` and ``"steps_done"``; reading a text in
        order also ``"carried/h"`` and ``"carried/c"`` (empty before the first chunk; no c without
        a cell state)."""
        self._pull_parameters()
        state: dict[str, np.ndarray | float] = {k: v.copy() for k, v in self.params.items()}
        state.update({f"optimizer/{k}": v for k, v in self.optimizer.state_dict().items()})
        state.update({f"history/{k}": v for k, v in self.history.items()})
        state["steps_done"] = float(self.steps_done)
        if self.config.stateful:
            h, c = self.carried or (np.zeros(0), np.zeros(0))
            state["carried/h"] = h.copy()
            if self.network.has_cell_state:
                state["carried/c"] = c.copy()
        return state

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore a :meth:`state_dict` (e.g. read back from an ``.npz``); ValueError if it does
        not fit this network, read-out and optimiser (the trainer is then left unchanged)."""
        before = self.state_dict()
        try:
            self._load_state(state, expected=set(before))
        except ValueError:
            self._load_state(before, expected=set(before))
            raise

    def _load_state(self, state: dict[str, Any], expected: set[str]) -> None:
        if set(state) != expected:
            missing, extra = sorted(expected - set(state)), sorted(set(state) - expected)
            raise ValueError(f"the training state does not fit this trainer: missing {missing}, "
                             f"unexpected {extra}")
        history = {field: np.asarray(state[f"history/{field}"]) for field in HISTORY_FIELDS}
        if len({len(values) for values in history.values()}) != 1:
            raise ValueError("the training history arrays have different lengths")
        self._load_parameters(state)
        self._pull_parameters()
        self.optimizer.load_state_dict({k[len("optimizer/"):]: v for k, v in state.items()
                                        if k.startswith("optimizer/")})
        self.config = dataclasses.replace(self.config, lr=self.optimizer.lr)
        self.steps_done = int(state["steps_done"])
        self._history = {field: values.tolist() for field, values in history.items()}
        if self.config.stateful:
            h = np.array(state["carried/h"], dtype=self.network.dtype)
            c = np.array(state["carried/c"], dtype=self.network.dtype) if "carried/c" in state else None
            self.carried = None if not h.size else (h, c)
