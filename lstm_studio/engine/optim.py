"""Gradient-descent optimisers on dicts of arrays (PyTorch semantics).

An optimiser is built on a dict ``name -> ndarray`` of parameters and updates those very arrays
**in place** on every :meth:`Optimizer.step`; the dict and its arrays stay the caller's objects.
Its state (hyper-parameters, step count, per-parameter buffers) round-trips through
:meth:`Optimizer.state_dict` / :meth:`Optimizer.load_state_dict` as a flat dict of floats and
arrays, so it can be written to an ``.npz`` file without pickling.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["OPTIMIZERS", "SGD", "Adam", "Optimizer", "make_optimizer"]


def _as_float(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number, got {value!r}")
    return float(value)


def check_positive(name: str, value: Any) -> float:
    """``value`` as a float if it is a positive finite number, else ValueError naming ``name``."""
    value = _as_float(name, value)
    if not math.isfinite(value) or value <= 0.0:
        raise ValueError(f"{name} must be a positive number, got {value}")
    return value


def check_fraction(name: str, value: Any) -> float:
    """``value`` as a float in [0, 1), else ValueError naming ``name``."""
    value = _as_float(name, value)
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return value


class Optimizer:
    """Base class: holds the parameters, the learning rate and named per-parameter buffers.

    Parameters
    ----------
    params : dict name -> ndarray
        The arrays to train; updated in place by :meth:`step`.
    lr : float
        Learning rate (> 0), settable later through :attr:`lr`.

    Subclasses list their hyper-parameters in ``_hyperparameters`` and their buffers in
    ``_buffer_names`` and implement :meth:`_update`.
    """

    _hyperparameters: tuple[str, ...] = ()
    _buffer_names: tuple[str, ...] = ()

    def __init__(self, params: Mapping[str, np.ndarray], lr: float):
        if not params:
            raise ValueError("the optimiser needs at least one parameter")
        for name, array in params.items():
            if not isinstance(array, np.ndarray) or not np.issubdtype(array.dtype, np.floating):
                raise ValueError(f"parameter {name!r} must be a floating-point ndarray")
        self.params = params
        self.lr = lr
        self.step_count = 0
        self.buffers = {buffer: {name: np.zeros_like(p) for name, p in params.items()}
                        for buffer in self._buffer_names}

    @property
    def lr(self) -> float:
        """Learning rate (> 0)."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = check_positive("learning rate", value)

    def step(self, grads: Mapping[str, np.ndarray]) -> None:
        """Apply one update to every parameter, in place, from ``grads`` (same names and shapes).

        Extra keys in ``grads`` (e.g. ``"input"``, ``"h0"``) are ignored.
        """
        for name, p in self.params.items():
            if name not in grads:
                raise ValueError(f"no gradient for parameter {name!r}")
            if np.shape(grads[name]) != p.shape:
                raise ValueError(f"gradient {name!r} has shape {np.shape(grads[name])}, "
                                 f"the parameter has {p.shape}")
        self.step_count += 1
        for name, p in self.params.items():
            self._update(name, p, np.asarray(grads[name], dtype=p.dtype))

    def _update(self, name: str, p: np.ndarray, g: np.ndarray) -> None:
        raise NotImplementedError

    def state_dict(self) -> dict[str, float | np.ndarray]:
        """Flat dict: ``"lr"``, the hyper-parameters, ``"step_count"`` and copies of the buffers
        under ``"<buffer>/<name>"``."""
        state: dict[str, float | np.ndarray] = {"lr": self.lr, "step_count": float(self.step_count)}
        state.update({h: getattr(self, h) for h in self._hyperparameters})
        for buffer, arrays in self.buffers.items():
            state.update({f"{buffer}/{name}": a.copy() for name, a in arrays.items()})
        return state

    def load_state_dict(self, state: Mapping[str, float | np.ndarray]) -> None:
        """Restore a :meth:`state_dict` (floats may come back as 0-d arrays from an ``.npz``)."""
        expected = set(self.state_dict())
        if set(state) != expected:
            missing, extra = sorted(expected - set(state)), sorted(set(state) - expected)
            raise ValueError(f"optimiser state does not match {type(self).__name__}: "
                             f"missing {missing}, unexpected {extra}")
        for buffer, arrays in self.buffers.items():
            for name, a in arrays.items():
                value = np.asarray(state[f"{buffer}/{name}"])
                if value.shape != a.shape:
                    raise ValueError(f"optimiser buffer {buffer}/{name} has shape {value.shape}, "
                                     f"expected {a.shape}")
                a[...] = value
        for h in self._hyperparameters:
            setattr(self, h, float(state[h]))
        self.lr = float(state["lr"])
        self.step_count = int(state["step_count"])


class SGD(Optimizer):
    """Stochastic gradient descent with (heavy-ball) momentum, as ``torch.optim.SGD``.

    Notes
    -----
    ``v ← μ·v + g`` and ``p ← p − lr·v`` (with ``v`` starting at 0, which equals PyTorch's first
    step ``v = g``); ``μ = 0`` is plain gradient descent ``p ← p − lr·g``.
    """

    _hyperparameters = ("momentum",)
    _buffer_names = ("velocity",)

    def __init__(self, params: Mapping[str, np.ndarray], lr: float = 0.01, momentum: float = 0.0):
        self.momentum = check_fraction("momentum", momentum)
        super().__init__(params, lr)

    def _update(self, name: str, p: np.ndarray, g: np.ndarray) -> None:
        v = self.buffers["velocity"][name]
        v *= self.momentum
        v += g
        p -= self.lr * v


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015) exactly as ``torch.optim.Adam`` without weight decay.

    Notes
    -----
    With step count ``t``: ``m ← β1·m + (1−β1)·g``, ``v ← β2·v + (1−β2)·g²``,
    ``p ← p − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε)``.
    """

    _hyperparameters = ("beta1", "beta2", "eps")
    _buffer_names = ("exp_avg", "exp_avg_sq")

    def __init__(self, params: Mapping[str, np.ndarray], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8):
        self.beta1 = check_fraction("beta1", betas[0])
        self.beta2 = check_fraction("beta2", betas[1])
        self.eps = check_positive("eps", eps)
        super().__init__(params, lr)

    def _update(self, name: str, p: np.ndarray, g: np.ndarray) -> None:
        m, v = self.buffers["exp_avg"][name], self.buffers["exp_avg_sq"][name]
        t = self.step_count
        work = np.empty_like(p)  # one temporary; every operation in place
        m *= self.beta1
        m += np.multiply(g, 1.0 - self.beta1, out=work)
        v *= self.beta2
        np.multiply(g, 1.0 - self.beta2, out=work)
        work *= g
        v += work
        step_size = self.lr / (1.0 - self.beta1 ** t)
        denominator = np.sqrt(v, out=work)
        denominator /= math.sqrt(1.0 - self.beta2 ** t)
        denominator += self.eps
        np.divide(m, denominator, out=denominator)
        denominator *= step_size
        p -= denominator


OPTIMIZERS: dict[str, type[Optimizer]] = {"sgd": SGD, "adam": Adam}


def make_optimizer(name: str, params: Mapping[str, np.ndarray], lr: float,
                   momentum: float = 0.0) -> Optimizer:
    """Build ``"sgd"`` (with ``momentum``) or ``"adam"`` (PyTorch's betas and eps) on ``params``."""
    if name == "sgd":
        return SGD(params, lr=lr, momentum=momentum)
    if name == "adam":
        return Adam(params, lr=lr)
    raise ValueError(f"unknown optimiser {name!r}; choose one of {sorted(OPTIMIZERS)}")
