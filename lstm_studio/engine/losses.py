"""Linear read-out, per-step losses and the one-call ``evaluate`` used by the app."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .bptt import check_clipping, clip_gradients
from .checks import as_float_array, check_dtype, check_size
from .trace import Gradients, Trace

LOSSES = ("mse", "cross_entropy")


class Readout:
    """Linear read-out y_t = W out_t + b applied at every step.

    Parameters
    ----------
    in_features, out_features : int >= 1
    seed : int
        Initialization as PyTorch's ``nn.Linear``: W, b ~ U(-1/sqrt(F), 1/sqrt(F)).
    dtype : np.float64 or np.float32
    """

    def __init__(self, in_features, out_features, seed=0, dtype=np.float64):
        self.in_features = check_size("in_features", in_features)
        self.out_features = check_size("out_features", out_features)
        self.dtype = check_dtype(dtype)
        rng = np.random.default_rng(seed)
        bound = 1.0 / np.sqrt(self.in_features)
        self.weight = rng.uniform(-bound, bound, (self.out_features, self.in_features)) \
            .astype(self.dtype)
        self.bias = rng.uniform(-bound, bound, self.out_features).astype(self.dtype)

    def parameter_shapes(self):
        """{"weight": (O, F), "bias": (O,)}."""
        return {"weight": (self.out_features, self.in_features), "bias": (self.out_features,)}

    def parameters(self):
        """{"weight": (O, F), "bias": (O,)} (copies)."""
        return {"weight": self.weight.copy(), "bias": self.bias.copy()}

    def load_parameters(self, values):
        """Replace weight and bias; exact keys, shapes and finite values, else ValueError."""
        expected = self.parameter_shapes()
        unknown = [name for name in values if name not in expected]
        if unknown:
            raise ValueError(f"unknown read-out parameter {unknown[0]!r}; expected weight, bias")
        checked = {}
        for name, shape in expected.items():
            if name not in values:
                raise ValueError(f"read-out parameter {name!r} is missing")
            array = as_float_array(f"read-out parameter {name!r}", values[name], self.dtype)
            if array.shape != shape:
                raise ValueError(f"read-out parameter {name!r} has shape {array.shape} but "
                                 f"{shape} is expected")
            checked[name] = array
        self.weight, self.bias = checked["weight"], checked["bias"]

    def _check_features(self, out):
        out = np.asarray(out, dtype=self.dtype)
        if out.ndim not in (2, 3) or out.shape[-1] != self.in_features:
            raise ValueError(f"read-out input must have shape (T, [N,] {self.in_features}), "
                             f"got {out.shape}")
        return out

    def forward(self, out):
        """``out`` (T, [N,] F) -> y (T, [N,] O)."""
        out = self._check_features(out)
        with np.errstate(all="ignore"):
            y = out.reshape(-1, self.in_features) @ self.weight.T  # one product over all steps
            y += self.bias
            return y.reshape(out.shape[:-1] + (self.out_features,))

    def backward(self, out, d_y):
        """Return (dL/d out, {"weight": dL/dW, "bias": dL/db}) for dL/dy ``d_y``."""
        out = self._check_features(out)
        d_y = np.asarray(d_y, dtype=self.dtype)
        if d_y.shape != out.shape[:-1] + (self.out_features,):
            raise ValueError(f"d_y has shape {d_y.shape} but the read-out output has shape "
                             f"{out.shape[:-1] + (self.out_features,)}")
        flat_out = out.reshape(-1, self.in_features)
        flat_dy = d_y.reshape(-1, self.out_features)
        with np.errstate(all="ignore"):
            grads = {"weight": flat_dy.T @ flat_out, "bias": flat_dy.sum(axis=0)}
            return (flat_dy @ self.weight).reshape(out.shape), grads


def step_mask(steps, length):
    """Boolean (T,) mask of the chosen steps: None = all, a bool mask, or step indices."""
    if steps is None:
        return np.ones(length, dtype=bool)
    chosen = np.asarray(steps)
    if chosen.dtype == bool:
        if chosen.shape != (length,):
            raise ValueError(f"steps mask has shape {chosen.shape} but the sequence has "
                             f"{length} steps")
        mask = chosen.copy()
    else:
        if chosen.ndim != 1 or (chosen.size and chosen.dtype.kind not in "iu"):
            raise ValueError("steps must be None, a boolean mask (T,) or a list of step indices")
        bad = chosen[(chosen < -length) | (chosen >= length)]
        if bad.size:
            raise ValueError(f"step {bad[0]} is outside the sequence of {length} steps")
        mask = np.zeros(length, dtype=bool)
        mask[chosen.astype(np.intp)] = True  # an empty list comes as float64
    if not mask.any():
        raise ValueError("steps selects no step: choose at least one step for the loss")
    return mask


def _loss_from_elements(elements, mask, batched):
    """Per-step losses (T,) = batch mean of ``elements`` (T, [N]) at chosen steps, the loss L
    and the scale 1/(N * chosen steps) of dL/dy."""
    per_sample = elements if batched else elements[:, None]
    per_step = np.where(mask, per_sample.mean(axis=1), 0.0)
    loss = float(per_step[mask].mean())
    return loss, per_step, 1.0 / (per_sample.shape[1] * mask.sum())


def _check_prediction(y):
    y = np.asarray(y)
    if y.ndim not in (2, 3) or y.dtype.kind != "f":
        raise ValueError(f"y must be a float array (T, [N,] O), got shape {y.shape} "
                         f"dtype {y.dtype}")
    return y


def mse_loss(y, target, steps=None):
    """Mean squared error.

    Returns (L, per_step (T,), dL/dy) with ℓ_t = mean over batch of ½ Σ_o (y − target)² and
    L = mean of ℓ_t over the chosen ``steps`` (``step_mask``); per_step is 0 elsewhere.
    """
    y = _check_prediction(y)
    try:
        target = np.asarray(target, dtype=y.dtype)
    except (TypeError, ValueError) as error:
        raise ValueError(f"target must be an array of numbers ({error})") from error
    if target.shape != y.shape:
        raise ValueError(f"target has shape {target.shape} but the prediction has shape "
                         f"{y.shape}")
    mask = step_mask(steps, y.shape[0])
    with np.errstate(all="ignore"):
        error = y - target
        loss, per_step, scale = _loss_from_elements(0.5 * (error * error).sum(axis=-1),
                                                    mask, y.ndim == 3)
        d_y = error * (scale * mask).reshape((-1,) + (1,) * (y.ndim - 1))
    return loss, per_step, d_y.astype(y.dtype)


def softmax(y):
    """Softmax over the last axis (stable; NaN stays NaN)."""
    with np.errstate(all="ignore"):
        shifted = np.exp(y - y.max(axis=-1, keepdims=True))
        return shifted / shifted.sum(axis=-1, keepdims=True)


def cross_entropy_loss(y, target, steps=None):
    """Softmax cross-entropy.

    ``target`` holds class indices (T, [N]). ℓ_t = mean over batch of −log softmax(y_t)[k];
    L and per_step as in ``mse_loss``; dL/dy = (softmax(y) − onehot) / (N · #steps).
    """
    return _cross_entropy(y, target, steps)[:3]


def _cross_entropy(y, target, steps):
    """``cross_entropy_loss`` and softmax(y) (the same numbers as ``softmax``)."""
    y = _check_prediction(y)
    target = np.asarray(target)
    if target.shape != y.shape[:-1]:
        raise ValueError(f"target has shape {target.shape} but class indices of shape "
                         f"{y.shape[:-1]} are expected")
    if target.size and target.dtype.kind not in "iu":
        if target.dtype.kind != "f" or not np.all(np.isfinite(target)) \
                or np.any(target != np.round(target)):
            raise ValueError("target must hold whole class indices")
    target = target.astype(np.intp)[..., None]
    classes = y.shape[-1]
    if target.size and (target.min() < 0 or target.max() >= classes):
        raise ValueError(f"target class indices must be between 0 and {classes - 1}")
    mask = step_mask(steps, y.shape[0])
    with np.errstate(all="ignore"):
        # log softmax(y)_k = s_k − log Σ exp(s) with s = y − max y (no overflow)
        probabilities = np.subtract(y, y.max(axis=-1, keepdims=True))
        picked = np.take_along_axis(probabilities, target, axis=-1)[..., 0]
        np.exp(probabilities, out=probabilities)
        total = probabilities.sum(axis=-1, keepdims=True)
        picked -= np.log(total[..., 0])
        probabilities /= total
        loss, per_step, scale = _loss_from_elements(-picked, mask, y.ndim == 3)
        weight = (scale * mask).astype(y.dtype).reshape((-1,) + (1,) * (y.ndim - 1))
        d_y = np.multiply(probabilities, weight)       # (softmax − onehot) · weight
        np.put_along_axis(d_y, target, np.take_along_axis(d_y, target, axis=-1)
                          - np.broadcast_to(weight, target.shape), axis=-1)
    return loss, per_step, d_y, probabilities


@dataclass(eq=False)
class Evaluation:
    """Everything one training/inspection step needs (see ``evaluate``)."""

    trace: Trace
    y: np.ndarray
    loss: float
    per_step_loss: np.ndarray
    grads: Gradients
    readout_grads: dict
    probabilities: np.ndarray | None


def evaluate(net, readout, x, target, loss="mse", steps=None, h0=None, c0=None,
             truncate=None, clip_norm=None, clip_value=None, input_gradient=True, reuse=False):
    """Forward, read-out, loss and BPTT in one call.

    Parameters
    ----------
    net : Network
    readout : Readout
        ``in_features`` = D*H of ``net``.
    x : array (T, [N,] I)
    target : array
        (T, [N,] O) for "mse", class indices (T, [N]) for "cross_entropy".
    loss : {"mse", "cross_entropy"}
    steps : None, bool mask (T,) or step indices
        Steps that enter the loss (``step_mask``).
    h0, c0, truncate
        As in ``Network.forward`` / ``Network.backward``.
    clip_norm, clip_value : float or None
        Cover the network and read-out parameter gradients together: ``grads.norm`` is their
        joint norm before clipping, ``grads.unclipped_norms`` the norm of each block before
        clipping (network parameter names, "readout.weight", "readout.bias") and
        ``grads.clipped`` tells whether anything changed.
    input_gradient : bool
        False: ``grads`` has no ``"input"`` entry (see ``Network.backward``).
    reuse : bool
        True: the trace's and the per-step gradients' arrays are this thread's work arrays,
        valid until its next evaluation with ``reuse`` (see ``Network.forward``).

    Returns
    -------
    Evaluation
        NaN/inf in the forward never raise: the loss is then nan or inf.
    """
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; choose one of {', '.join(LOSSES)}")
    check_clipping(clip_norm, clip_value)
    trace = net.forward(x, h0=h0, c0=c0, reuse=reuse)
    y = readout.forward(trace.output)
    if loss == "mse":
        (value, per_step, d_y), probabilities = mse_loss(y, target, steps), None
    else:
        value, per_step, d_y, probabilities = _cross_entropy(y, target, steps)
    d_output, readout_grads = readout.backward(trace.output, d_y)
    grads = net.backward(trace, d_output, truncate=truncate, input_gradient=input_gradient,
                         reuse=reuse)
    blocks = {name: grads[name] for name in net.parameter_shapes()} \
        | {f"readout.{name}": value for name, value in readout_grads.items()}
    with np.errstate(all="ignore"):
        grads.unclipped_norms = {name: float(np.sqrt(np.vdot(value, value))) for name, value in blocks.items()}
    grads.norm, grads.clipped = clip_gradients(list(blocks.values()), clip_norm, clip_value)
    return Evaluation(trace=trace, y=y, loss=value, per_step_loss=per_step, grads=grads,
                      readout_grads=readout_grads, probabilities=probabilities)
