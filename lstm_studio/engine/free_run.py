"""Free-running generation: from a chosen step on, the network's own previous prediction is its
input (a sine wave continued by the network alone, after the true signal stops).

For steps t < k the input is the given x_t; from step k on it is y_{t-1} = W out_{t-1} + b, the
read-out of the step before. This only means something when the input and the output are the same
quantity, so the read-out must have as many outputs as the network has inputs, and the network
must run forward only (a reverse direction would read inputs not yet generated).

The result is an ordinary forward trace of the inputs actually fed (``Trace.x`` holds them), so
every view of a trace shows the free-running run.

Gradient (what :func:`evaluate_free_running` returns as ``grads``): BPTT of the loss with the
fed-back inputs treated as given numbers (detached, as scheduled-sampling implementations do):
the gradient of L(θ) = loss(read-out(network_θ(x_fed))) with x_fed held fixed. It does not
include the path through the feedback (a weight change also changes later inputs); the tests
check it against finite differences of exactly that function, and that it differs from the
finite differences of the loss through the feedback.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, fields

import numpy as np

from .losses import Evaluation, evaluate
from .refusal import QT_TRANSLATE_NOOP, Refusal


def free_run_refusal(input_size, output_size, bidirectional, steps, start):
    """The :class:`Refusal` of feeding predictions back from step ``start`` (0-based) of a
    sequence of ``steps`` steps, or None when it can be done."""
    if output_size != input_size:
        return Refusal(QT_TRANSLATE_NOOP(
            "Refusal", "Feeding predictions back needs as many outputs as inputs: the read-out has "
            "{outputs} output(s) and the network {inputs} input(s)."),
            outputs=output_size, inputs=input_size)
    if bidirectional:
        return Refusal(QT_TRANSLATE_NOOP(
            "Refusal", "Feeding predictions back needs a network that runs forward only: a "
            "bidirectional network reads inputs that are not generated yet."))
    if isinstance(start, bool) or not isinstance(start, numbers.Integral) or not 1 <= start <= steps - 1:
        return Refusal(QT_TRANSLATE_NOOP(
            "Refusal", "Free running must start between the second and the last step (t = 2 to "
            "{last}), not at {start}."), last=steps, start=_counted(start))
    return None


def _counted(start):
    """``start`` (0-based) as the user counts steps (1-based), or as given when not a number."""
    return start + 1 if isinstance(start, numbers.Integral) and not isinstance(start, bool) else repr(start)


def check_free_run(net, readout, x, start):
    """``x`` as an array with a time axis, or the :class:`Refusal` of :func:`free_run_refusal`."""
    x = np.asarray(x)
    steps = x.shape[0] if x.ndim else 0
    refusal = free_run_refusal(net.input_size, readout.out_features, net.bidirectional, steps, start)
    if refusal is not None:
        raise refusal
    return x


def free_running_inputs(net, readout, x, start, h0=None, c0=None):
    """The inputs a free-running forward feeds: ``x`` (T, [N,] I) up to step ``start`` - 1, then
    at every step t >= ``start`` the read-out of step t - 1 (a new array of the network's dtype).

    The network runs step by step from ``start`` on, carrying its states (``h0``, ``c0`` as in
    ``Network.forward``)."""
    x = check_free_run(net, readout, x, start)
    fed = np.array(x, dtype=net.dtype)
    trace = net.forward(fed[:start], h0=h0, c0=c0)
    with np.errstate(all="ignore"):
        for t in range(start, fed.shape[0]):
            fed[t] = readout.forward(trace.output[-1:])[0]
            trace = net.forward(fed[t:t + 1], h0=trace.h_n, c0=trace.c_n)
    return fed


@dataclass(eq=False)
class FreeRunEvaluation(Evaluation):
    """An :class:`Evaluation` of a free-running forward: ``trace.x`` holds the inputs fed,
    ``given_inputs`` the inputs as given, ``free_run_from`` the first step fed back (0-based)."""

    free_run_from: int = 1
    given_inputs: np.ndarray | None = None


def evaluate_free_running(net, readout, x, target, start, loss="mse", steps=None, h0=None, c0=None,
                          truncate=None, clip_norm=None, clip_value=None):
    """:func:`~.losses.evaluate` of the free-running forward from step ``start`` (see the module
    docstring for the gradient: BPTT with the fed-back inputs treated as given). Only a
    regression loss ("mse") is fed back; other arguments as for ``evaluate``."""
    if loss != "mse":
        raise Refusal(QT_TRANSLATE_NOOP(
            "Refusal", "Only predicted numbers (a mean squared error session) can be fed back, "
            "not class scores."))
    fed = free_running_inputs(net, readout, x, start, h0=h0, c0=c0)
    result = evaluate(net, readout, fed, target, loss=loss, steps=steps, h0=h0, c0=c0,
                      truncate=truncate, clip_norm=clip_norm, clip_value=clip_value)
    values = {f.name: getattr(result, f.name) for f in fields(Evaluation)}
    return FreeRunEvaluation(**values, free_run_from=int(start), given_inputs=np.asarray(x))
