"""The document's free-running setting (no Qt): from which step the network's own previous
prediction is fed back as its input (``SessionDocument.free_run_from``, 0-based; None = off).

The evaluation itself is the engine's (:func:`lstm_studio.engine.free_run.evaluate_free_running`,
called by :func:`lstm_studio.session.document.evaluate_document`); this module says which
settings allow it and what becomes of it when the network or the sequence changes.
"""

from __future__ import annotations

from lstm_studio.engine.free_run import free_run_refusal
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Refusal

FED_STEP_SECONDS = 300e-6
"""Estimated time of one fed-back step of one layer: the engine runs a one-step forward and the
read-out per step (Python overhead; measured 250–750 µs on the development machine, busy or not)."""


def free_run_seconds(config, start) -> float:
    """Extra time free running from ``start`` adds to one evaluation (0 when off): the session
    model counts it when choosing between evaluating at once and in the background."""
    return 0.0 if start is None else (config.seq_len - start) * config.num_layers * FED_STEP_SECONDS


FREE_RUN_BUDGET_SECONDS = 60.0
"""Longest estimated time of feeding back accepted (:func:`free_run_seconds`; the same budget as
a whole recompute's, ``document.TIME_BUDGET_SECONDS``)."""


def free_run_setting_refusal(config, loss: str, start) -> Refusal | None:
    """Why free running from ``start`` (0-based) cannot be switched on for a network ``config``
    and ``loss``, or None when it can (None, off, always can)."""
    if start is None:
        return None
    if loss != "mse":
        return Refusal(QT_TRANSLATE_NOOP(
            "Refusal", "Only predicted numbers (a mean squared error session) can be fed back, "
            "not class scores."))
    refusal = free_run_refusal(config.input_size, config.output_size, config.bidirectional,
                               config.seq_len, start)
    if refusal is None and free_run_seconds(config, start) > FREE_RUN_BUDGET_SECONDS:
        return Refusal(QT_TRANSLATE_NOOP(
            "Refusal", "Feeding back {steps} steps through {layers} layer(s) would take about "
            "{seconds:.0f} s after every change: start later or use fewer steps or layers."),
            steps=config.seq_len - start, layers=config.num_layers,
            seconds=free_run_seconds(config, start))
    return refusal


def kept_free_run(config, loss: str, start) -> int | None:
    """``start`` after a change of the network or the sequence: moved back to the last step
    when the sequence got shorter, off (None) when free running no longer fits."""
    if start is None:
        return None
    start = min(start, config.seq_len - 1)
    return None if free_run_setting_refusal(config, loss, start) is not None else start
