"""The session model: one document, an engine network kept in sync, and Qt signals for its views.

Views read ``model.document``/``model.evaluation`` and ask for changes through the ``set_*``
methods; they never talk to each other. Every change that alters numbers recomputes the forward
trace and BPTT once (see :meth:`SessionModel.changes` for batching) and emits
``evaluationChanged`` once. Moving the time cursor or the selection never recomputes anything.

Recomputing off the GUI thread, and holding a change of structure until it is evaluated
(issue 14): see :mod:`lstm_studio.session.background`.
"""

from __future__ import annotations

import copy
import time
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QObject, Signal

from lstm_studio.engine import Readout
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Refusal
from lstm_studio.session.document import (
    COLOUR_SCALES,
    DISPLAY_MODES,
    LOSS_KINDS,
    SessionDocument,
    engine_network,
    evaluate_document,
    freeze,
    new_document,
)
from lstm_studio.session import characters, column_names
from lstm_studio.session.checked import checked_array
from lstm_studio.session.deferred import DeferredDocument, resolved
from lstm_studio.session.text_runs import TextRuns
from lstm_studio.session.experiments import check_training_settings
from lstm_studio.session.background import HOLD_ABOVE_SECONDS, SYNC_BELOW_SECONDS, BackgroundEvaluation
from lstm_studio.session.binning import BinnedDrawings
from lstm_studio.session.recompute import estimated_seconds, snapshot
from lstm_studio.session.free_running import free_run_seconds, free_run_setting_refusal, kept_free_run

QUIET_CHANGES = frozenset({"training"})
"""Changes of the document that do not change the trace (no recompute, no evaluationChanged)."""

BPTT_LABELS = {
    "truncate": QT_TRANSLATE_NOOP("Refusal", "truncation length"),
    "clip_norm": QT_TRANSLATE_NOOP("Refusal", "clipping norm"),
    "clip_value": QT_TRANSLATE_NOOP("Refusal", "clipping value"),
}
"""Names of the BPTT settings in messages."""


class SessionModel(TextRuns, BackgroundEvaluation, QObject):
    """The one model of the app. See the module docstring for the contract."""

    documentReplaced = Signal()
    """A whole new document (new, open, undo of a structural change): rebuild everything."""
    structureChanged = Signal()
    """Kind or sizes changed (after ``documentReplaced`` too): rebuild plot items."""
    dataChanged = Signal(str)
    """Numbers of the document changed: "inputs", "targets", "parameters", "readout",
    "initial_state", "loss", "bptt", "free_run", "history" or "all"."""
    evaluationChanged = Signal()
    """A new forward trace, loss and BPTT result is in ``evaluation`` (of ``evaluated_document``)."""
    computingChanged = Signal(bool)
    """The evaluation fell behind the document and is being computed in the background (True), or
    the background work is over (False): caught up, or cancelled (then ``is_current`` is False)."""
    holdingChanged = Signal(bool)
    """A change of structure is held back until its evaluation is ready (True: views still show
    the document before it, editing waits) or no longer (False: delivered, or withdrawn)."""
    changeWithdrawn = Signal()
    """A held change of structure was withdrawn (:meth:`cancel_recompute`): the document is again
    the one the views show. Whoever applied the change (the undo stack) puts itself back."""
    _jobDone = Signal(object)
    textRunChanged = Signal()
    """A run over the text computed in the background is ready (:meth:`text_run`)."""
    _textRunDone = Signal(object, object)
    """A background job is over (emitted in the worker thread, delivered on the model's thread)."""
    timeStepChanged = Signal(int)
    selectionChanged = Signal()
    displayModeChanged = Signal(str)
    colourScaleChanged = Signal(str)
    """The view's colour scale changed: "fixed" (bounded quantities keep their range) or "auto"."""
    modifiedChanged = Signal(bool)
    trainingChanged = Signal(bool)
    """A training run started (True) or ended (False): while it runs, the parameters change
    several times a second and views may keep their scales from jumping. A run that starts or
    ends while the signals of a change are being delivered (a view ends the run on
    ``documentReplaced``), or within a batch (:meth:`changes`: History ending a run as it moves
    the stack), is announced after the last of them, so every view has rebuilt for the new
    structure before it hears of it."""

    def __init__(self, document: SessionDocument | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._doc = freeze(document if document is not None else new_document())
        self._net = None
        self._readout = None
        self._evaluation = None
        self._evaluated_doc = None
        self._generation = 0  # counts changes of numbers
        self._shown_generation = -1  # the generation of ``_evaluation``
        self._computing = False
        self._engine_stale = False  # the document's weights are not loaded in _net/_readout yet
        self._recomputer = None
        self.drawings = BinnedDrawings()
        """The panels' heatmaps binned to their pixels, prepared by the background worker."""
        self.result_from_worker = False
        """True while ``evaluationChanged`` announces a result of the background worker: views
        may then spread their redraw over several event-loop turns (a change made on this
        thread, :meth:`settle` included, is drawn at once)."""
        self.last_error = None  # what the engine raised in the newest background job, if it failed
        self._jobDone.connect(self._job_done)
        self.sync_below_seconds = SYNC_BELOW_SECONDS
        self.compute_seconds = 0.0
        self._batch_depth = 0
        self._pending: set[str] = set()
        self._pending_structure = False
        self._before = None  # the document before this round's change of structure (a snapshot)
        self._shown = None  # while a change of structure is held: the document the views show
        self._held: set[str] = set()  # the changes whose signals wait for the held evaluation
        self._hold_withdrawable = True
        self._hold_state = None  # (generation, shown generation, modified) before the hold
        self._opening = False  # this round replaces the document by one that is not an edit of it
        self._restoring = False  # see restoring_history()
        self.hold_above_seconds = HOLD_ABOVE_SECONDS
        self._modified = False
        self._training = False
        self._announced_training = False  # what trainingChanged said last
        self._delivering = 0  # rounds of change signals being delivered (nested when a view edits)
        self._characters_key = None  # what step_characters() was derived from
        self._characters = None
        self._start_text_runs()
        self._rebuild_engine()
        self._recompute()

    # -- reading -----------------------------------------------------------------------------
    @property
    def document(self) -> SessionDocument:
        """The live document. Read it; change it only through the ``set_*`` methods. While a change
        of structure is held (:attr:`holding`), the document before it: what the views show."""
        return self._doc if self._shown is None else self._shown

    @property
    def config(self):
        return self.document.config

    @property
    def holding(self) -> bool:
        """Whether a change of structure is held back until its evaluation is ready (see the
        module docstring): views keep showing the document before it; editing should wait."""
        return self._shown is not None

    @property
    def hold_withdrawable(self) -> bool:
        """Whether the held change can be withdrawn (:meth:`cancel_recompute`): not when it
        replaced the document by one that is not an edit of it (a file opened, a new session)."""
        return self._shown is not None and self._hold_withdrawable

    @property
    def network(self):
        """The engine network holding the document's weights (its arrays, shared: read-only)."""
        self._load_engine()
        return self._net

    @property
    def readout(self) -> Readout:
        self._load_engine()
        return self._readout

    @property
    def evaluation(self):
        """The engine's Evaluation (trace, y, loss, grads) of :attr:`evaluated_document`: the newest
        finished one, of the current document when :attr:`is_current`."""
        return self._evaluation

    @property
    def evaluated_document(self) -> SessionDocument:
        """The document ``evaluation`` is of: ``document`` itself when :attr:`is_current`, else a
        snapshot of an earlier state (read its numbers; its ``view`` is the live view state)."""
        return self.document if self.is_current else self._evaluated_doc

    @property
    def is_current(self) -> bool:
        """Whether ``evaluation`` is of the current document."""
        return self._shown_generation == self._generation

    @property
    def computing(self) -> bool:
        """Whether the evaluation of a newer document is being computed in the background."""
        return self._computing

    @property
    def generation(self) -> int:
        """How many changes of numbers the model has seen (the document's generation)."""
        return self._generation

    def estimated_seconds(self) -> float:
        """Rough time of one forward + BPTT of the current sizes on one core (and of feeding
        predictions back when running free)."""
        doc = self._doc
        return estimated_seconds(doc.config) + free_run_seconds(doc.config, doc.free_run_from)

    @property
    def trace(self):
        return self._evaluation.trace

    @property
    def view(self):
        return self.document.view

    @property
    def is_modified(self) -> bool:
        return self._modified

    def snapshot(self) -> SessionDocument:
        """A copy of the document for undo, sharing only its read-only arrays (the newest: a held
        change is settled first)."""
        self._settle_hold()
        return self._doc.copy()

    # -- batching ----------------------------------------------------------------------------
    @contextmanager
    def changes(self):
        """Group several ``set_*`` calls into one recompute and one round of signals."""
        self._batch_depth += 1
        try:
            yield self
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._flush()

    def _changed(self, what: str, *, structure: bool = False) -> None:
        self._pending.add(what)
        self._pending_structure |= structure
        if self._batch_depth == 0:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._deliver()
        if not self._delivering:
            self._announce_training()

    def _deliver(self) -> None:
        pending, structure = self._pending, self._pending_structure
        before, opening = self._before, self._opening
        self._pending, self._pending_structure, self._before, self._opening = set(), False, None, False
        numbers = structure or bool(pending - QUIET_CHANGES)  # else nothing to recompute
        if structure and self._should_hold(before):
            self._hold(pending, before, opening)
            return
        if self._shown is not None:  # a change that is not held ends the hold: deliver everything
            pending, structure, numbers = pending | self._end_hold(), True, True
            if self._recomputer is not None:
                self._recomputer.cancel()  # the held document's job: stale now
        if structure:
            self._resolve()
            self._rebuild_engine()
        else:
            self._sync_engine(pending)
        evaluated = False
        if numbers:
            self._generation += 1
            evaluated = self._evaluate(at_once=structure)
        self._set_modified(True)
        self._emit_changes(pending, structure, evaluated)

    def _emit_changes(self, pending: set[str], structure: bool, evaluated: bool) -> None:
        self._delivering += 1
        try:
            if "document" in pending:
                self.documentReplaced.emit()
            if structure:
                self.structureChanged.emit()
            for what in sorted(pending - {"document", "config"}) or ["all"]:
                self.dataChanged.emit(what)
            if evaluated:
                self.evaluationChanged.emit()
        finally:
            self._delivering -= 1

    # -- engine sync -------------------------------------------------------------------------
    def _rebuild_engine(self) -> None:
        """A new structure: this thread's network is made when next needed (:meth:`_load_engine`).
        A held change is evaluated by the worker's own network, and making this one checked
        every weight on the GUI thread as the change was delivered (46 M at the largest sizes)."""
        self._net = self._readout = None
        self._engine_stale = True

    def _sync_engine(self, pending: set[str]) -> None:
        if pending & {"parameters", "readout"}:
            self._engine_stale = True  # loaded when next needed (copying large weights costs)

    def _load_engine(self) -> None:
        if self._net is None:
            # the document's own arrays (read-only, replaced and never written in place): this
            # network only evaluates them, so no duplicate of the weights (0.38 GB at the largest size)
            self._net, self._readout = engine_network(self._doc, share=True)
        elif self._engine_stale:
            self._net.load_parameters(self._doc.parameters, copy=False)
            self._readout.load_parameters(self._doc.readout)
        self._engine_stale = False

    def _recompute(self) -> None:
        """Evaluate the current document on this thread and show it (no signal)."""
        doc = self._doc
        self._load_engine()
        started = time.perf_counter()
        self._evaluation = evaluate_document(doc, self._net, self._readout)
        self.compute_seconds = time.perf_counter() - started
        self._evaluated_doc = snapshot(doc)
        self._shown_generation = self._generation

    # -- modified flag -----------------------------------------------------------------------
    def _set_modified(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self.modifiedChanged.emit(modified)

    def mark_saved(self) -> None:
        """The document now matches what is on disk."""
        self._set_modified(False)

    # -- changing the document ---------------------------------------------------------------
    def replace_document(self, document: SessionDocument | DeferredDocument, *, modified: bool = True) -> None:
        """Swap in a whole document (new, open, undo of a structural change). A
        :class:`DeferredDocument` (a change of sizes) is made by the background worker when the
        change is held, else here, at once."""
        if self._restoring:
            return
        if self._batch_depth > 0:  # other changes of the batch act on the document itself
            document = resolved(document)
        if not isinstance(document, DeferredDocument):
            document.config.validated()
            # free running that no longer fits the new network or loss (a one-hot text) is off
            document.free_run_from = kept_free_run(document.config, document.loss, document.free_run_from)
            document = freeze(document)
        self._keep_before()
        self._opening |= not modified
        self._doc = document
        self._changed("document", structure=True)
        self._set_modified(modified)

    def _resolve(self) -> None:
        """Make the document of a deferred change of sizes, if ``_doc`` is one (here, now)."""
        if isinstance(self._doc, DeferredDocument):
            self._doc = resolved(self._doc)

    def _keep_before(self) -> None:
        """Before a change of structure: what the views show, should the change be held."""
        if self._before is None and self._shown is None:
            self._before = snapshot(self._doc)

    def set_config(self, **changes) -> None:
        """Change kind/sizes (``kind``, ``hidden_size``, ``seq_len``...), keeping what can be kept.

        Raises ValueError with a user-facing message for sizes out of range; nothing changes then.
        """
        if self._restoring:
            return
        changes = {k: v for k, v in changes.items() if getattr(self._doc.config, k, object()) != v}
        if not changes:
            return
        source = self._doc if isinstance(self._doc, DeferredDocument) else snapshot(self._doc)
        document = DeferredDocument(source, **changes)  # made by the worker when the change is held
        if self._batch_depth > 0:  # other changes of the batch act on the document itself
            document = freeze(resolved(document))
        self._keep_before()
        self._doc = document
        self._changed("config", structure=True)

    def set_parameter(self, name: str, value) -> None:
        """Replace one network parameter (same shape)."""
        self.set_parameters({name: value})

    def set_parameters(self, values: dict) -> None:
        """Replace some network parameters; unknown names or wrong shapes raise ValueError. Every
        value is checked before any is applied: a refused call changes nothing."""
        self._settle_hold()
        params = self._doc.parameters
        checked = {}
        for name, value in values.items():
            if name not in params:
                raise ValueError(f"The network has no parameter named {name!r}.")
            checked[name] = checked_array(name, value, params[name].shape)
        params.update(checked)
        self._changed("parameters")

    def set_readout_parameters(self, values: dict) -> None:
        """Replace the read-out's "weight" and/or "bias"; checked like :meth:`set_parameters`."""
        self._settle_hold()
        readout = self._doc.readout
        checked = {}
        for name, value in values.items():
            if name not in readout:
                raise ValueError(f"The read-out has no parameter named {name!r}.")
            checked[name] = checked_array(f"read-out {name}", value, readout[name].shape)
        readout.update(checked)
        self._changed("readout")

    def set_inputs(self, value) -> None:
        """Replace the input sequence (T, I)."""
        self._settle_hold()
        self._doc.inputs = checked_array(QT_TRANSLATE_NOOP("Refusal", "input sequence"), value, self._doc.inputs.shape)
        self._changed("inputs")

    def set_targets(self, value) -> None:
        """Replace the targets (T, O)."""
        self._settle_hold()
        self._doc.targets = checked_array(QT_TRANSLATE_NOOP("Refusal", "targets"), value, self._doc.targets.shape)
        self._changed("targets")

    def set_loss(self, kind: str | None = None, mask=None) -> None:
        """Loss kind ("mse" | "cross_entropy") and/or the steps where it applies (bool mask (T,),
        copied: the caller's array stays the caller's). A refused call changes nothing."""
        self._settle_hold()
        doc = self._doc
        if kind is not None and kind not in LOSS_KINDS:
            raise ValueError(f"Unknown loss {kind!r}; choose one of {', '.join(LOSS_KINDS)}.")
        if kind is not None and kind != "mse" and doc.free_run_from is not None:
            raise Refusal(QT_TRANSLATE_NOOP(
                "Refusal", "Free running feeds predicted numbers back: switch it off before "
                "choosing another loss than the mean squared error."))
        if mask is not None:
            mask = np.array(mask, dtype=bool)  # a copy
            if mask.shape != (doc.config.seq_len,):
                raise Refusal(QT_TRANSLATE_NOOP(
                    "Refusal", "The loss mask must have one entry per time step ({steps})."),
                    steps=doc.config.seq_len)
            if not mask.any():
                raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The loss must apply to at least one time step."))
            doc.loss_mask = mask
        if kind is not None:
            doc.loss = kind
        self._changed("loss")

    def set_free_run(self, start: int | None) -> None:
        """Feed the network's own previous prediction back as its input from step ``start``
        (0-based) on, or not (None): the evaluation becomes the free-running one. A setting that
        cannot be fed back (see :mod:`~lstm_studio.session.free_running`) is refused (a Refusal
        saying why); nothing changes then. Emits ``dataChanged("free_run")``."""
        self._settle_hold()
        if isinstance(start, np.integer):
            start = int(start)
        refusal = free_run_setting_refusal(self._doc.config, self._doc.loss, start)
        if refusal is not None:
            raise refusal
        if start != self._doc.free_run_from:
            self._doc.free_run_from = start
            self._changed("free_run")

    def set_initial_state(self, h0=None, c0=None) -> None:
        """Replace h0 and/or c0, each (L·D, H)."""
        self._settle_hold()
        doc = self._doc
        if h0 is not None:
            h0 = checked_array(QT_TRANSLATE_NOOP("Refusal", "initial hidden state h0"), h0, doc.h0.shape)
        if c0 is not None:
            c0 = checked_array(QT_TRANSLATE_NOOP("Refusal", "initial cell state c0"), c0, doc.c0.shape)
        doc.h0 = doc.h0 if h0 is None else h0
        doc.c0 = doc.c0 if c0 is None else c0
        self._changed("initial_state")

    def set_bptt(self, **settings) -> None:
        """Truncation (``truncate``: steps or None) and clipping (``clip_norm``, ``clip_value``).
        Zero, negative, non-finite (and a truncation that is not a whole number) are refused
        before anything changes."""
        self._settle_hold()
        for name, value in settings.items():
            label = BPTT_LABELS.get(name, name.replace("_", " "))
            if value is None:
                continue
            if name == "truncate" and (isinstance(value, bool) or not isinstance(value, (int, np.integer))):
                raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The {setting} must be a whole number of steps."),
                              setting=label)
            if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) \
                    or not np.isfinite(value) or value <= 0:
                raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The {setting} must be a positive number."),
                              setting=label)
        self._doc.bptt = replace(self._doc.bptt, **settings)
        self._changed("bptt")

    def set_training_settings(self, **settings) -> None:
        """Training settings of the next run (any of ``experiments.TRAINING_KEYS``: optimizer, lr,
        momentum, batch_size, seed, steps), kept in ``document.training`` and saved with it. A
        value the trainer would refuse is refused (ValueError) before anything changes;
        truncation and clipping are :meth:`set_bptt`'s."""
        try:
            check_training_settings(settings)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"Training setting refused: {exc}.") from None
        self.set_training_dict({**self._doc.training, **settings})

    def set_training_dict(self, training: dict) -> None:
        """Replace ``document.training`` as a whole (a copy of ``training``: settings, task options
        and whatever else a file kept there), e.g. to undo :meth:`set_training_settings`. No
        recompute (the panels do not depend on it); emits ``dataChanged("training")``."""
        self._settle_hold()
        if training == self._doc.training:
            return
        self._doc.training = copy.deepcopy(training)
        if self._batch_depth:  # delivered with the batch's other signals
            self._pending.add("training")
            return
        self._set_modified(True)
        self.dataChanged.emit("training")

    def set_history(self, history: dict) -> None:
        """Replace the training curves (no recompute: they do not change the trace)."""
        self._settle_hold()
        self._doc.history = {k: np.asarray(v) for k, v in history.items()}
        self._set_modified(True)
        self.dataChanged.emit("history")

    @property
    def training(self) -> bool:
        """Whether a training run is changing the parameters (not saved with the document)."""
        return self._training

    def set_training(self, running: bool) -> None:
        """Say that a training run started or ended (emits ``trainingChanged`` on a change, after
        the signals of a change being delivered: see ``trainingChanged``)."""
        self._training = bool(running)
        if not self._training and not self.is_current and not self._batch_depth and not self._delivering \
                and self.estimated_seconds() < self.sync_below_seconds:
            self.settle()  # the run's last weights, evaluated in the background until now
        if not self._delivering and not self._batch_depth:
            self._announce_training()

    def _announce_training(self) -> None:
        if self._training != self._announced_training:
            self._announced_training = self._training
            self.trainingChanged.emit(self._training)

    # -- the view state (no recompute) -------------------------------------------------------
    def set_time_step(self, t: int) -> None:
        t = int(np.clip(t, 0, self.document.config.seq_len - 1))
        if t != self.document.view.time_step:
            self.document.view.time_step = t
            self.timeStepChanged.emit(t)

    def set_selection(self, *, layer: int | None = None, direction: int | None = None,
                      unit: int | None = None) -> None:
        c, v = self.document.config, self.document.view
        new = (
            v.layer if layer is None else int(np.clip(layer, 0, c.num_layers - 1)),
            v.direction if direction is None else int(np.clip(direction, 0, c.num_directions - 1)),
            v.unit if unit is None else int(np.clip(unit, 0, c.hidden_size - 1)),
        )
        if new != (v.layer, v.direction, v.unit):
            v.layer, v.direction, v.unit = new
            self.selectionChanged.emit()

    def set_display_mode(self, mode: str) -> None:
        if mode not in DISPLAY_MODES:
            raise ValueError(f"Unknown display mode {mode!r}.")
        if mode != self.document.view.display_mode:
            self.document.view.display_mode = mode
            self.displayModeChanged.emit(mode)

    def set_colour_scale(self, mode: str) -> None:
        """"fixed": heatmaps of bounded quantities (gates, tanh values, a bounded h) keep their
        range (σ 0..1, −1..1); "auto": every heatmap's colours are fitted to its data."""
        if mode not in COLOUR_SCALES:
            raise ValueError(f"Unknown colour scale {mode!r}; choose one of {', '.join(COLOUR_SCALES)}.")
        if mode != self.document.view.colour_scale:
            self.document.view.colour_scale = mode
            self.colourScaleChanged.emit(mode)

    # -- helpers for views -------------------------------------------------------------------
    def selected_layer_trace(self):
        """The trace of the selected layer and direction."""
        v = self.document.view
        return self.trace.layer(v.layer, v.direction)

    def vocabulary(self) -> str | None:
        """The character of each channel of a next-character session (channel k is
        ``vocabulary()[k]``), or None (see :func:`characters.vocabulary`)."""
        return characters.vocabulary(self.document)

    def channel_names(self, which: str) -> list[str] | None:
        """The CSV header's name of every channel of ``which`` ("inputs" or "targets"), or None
        (see :func:`column_names.channel_names`)."""
        return column_names.channel_names(self.document, which)

    def step_characters(self) -> tuple[list[str], list[str]] | None:
        """(input character, true next character) of every step of a next-character session,
        "" where a row is not one-hot; None for other sessions. Derived once per evaluation."""
        key = (self._evaluation, characters.task_text(self.document))
        if self._characters_key is None or any(a is not b for a, b in zip(key, self._characters_key)):
            found = characters.vocabulary(self.document)
            self._characters = None if found is None else (
                characters.one_hot_characters(self.document.inputs, found),
                characters.one_hot_characters(self.document.targets, found))
            self._characters_key = key
        return self._characters

    def visible_steps(self) -> int:
        """How many steps views show: t+1 in "reveal" mode, all of them in "whole"."""
        v = self.document.view
        return v.time_step + 1 if v.display_mode == "reveal" else self.document.config.seq_len
