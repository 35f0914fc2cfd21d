"""The session document: everything a user builds, as plain data (no Qt, no engine objects).

A document is the single thing that is saved, loaded, undone and redone. The session model
(:mod:`lstm_studio.session.model`) owns one and keeps an engine network in sync with it.
"""

from __future__ import annotations

import copy
import os
import sys
from dataclasses import dataclass, field, fields, replace
from functools import partial

import numpy as np

from lstm_studio.engine import (
    EMBEDDING,
    GATES,
    HAS_CELL_STATE,
    KINDS,
    Network,
    Readout,
    build_network,
    cost,
    evaluate,
)
from lstm_studio.engine.free_run import evaluate_free_running
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Phrase, Refusal
from lstm_studio.session.free_running import kept_free_run

LOSS_KINDS = ("mse", "cross_entropy")
DISPLAY_MODES = ("reveal", "whole")
LESSON_PANELS = ("gates", "states", "gradient", "cell_diagram", "output")
"""The panels a lesson page can point at (the main window's dock keys)."""
COLOUR_SCALES = ("fixed", "auto")
"""How heatmaps scale their colours: "fixed" to the range of bounded quantities (gates σ 0..1,
tanh values and a bounded h −1..1; others fitted to the data), "auto" all fitted to the data."""

VALUE_LIMIT = 1e6
"""Largest magnitude of any number of the document: typed, dragged, trained or read from a file."""

LIMITS = {
    "input_size": 4096,
    "hidden_size": 4096,
    "num_layers": 64,
    "output_size": 4096,
    "seq_len": 100_000,
}
EMBEDDING_LIMIT = 4096
"""Largest ``embedding_size`` (0, no embedding, is the smallest)."""
"""Sanity caps on each size, against absurd input (a typo of 10⁹ steps). The real rule is the
budget on the work (``work_refusal``): a network is refused when one recompute would take more
than TIME_BUDGET_SECONDS or more memory than ``memory_budget()``."""

TIME_BUDGET_SECONDS = 60.0
"""Longest estimated forward + BPTT accepted (every change of a number waits for one)."""
MEMORY_BUDGET_FRACTION = 0.25
"""Share of the machine's memory one recompute may take..."""
MEMORY_BUDGET_CAP = 18 * 10**8
"""...and at most this (1.8 GB), whatever the machine: the arrays of a session recomputing with a
result shown peak a few percent under their estimate, and with the interpreter's own memory and
the allocator's slack the process of the largest networks accepted stays under 2 GB."""
FALLBACK_MEMORY = 8 * 2**30
"""Memory assumed where the system does not say how much it has (``physical_memory``)."""
SLOW_SECONDS = 1.0
"""Recomputes estimated to take longer are announced with their estimate (``slow_notice``)."""

LABELS = {
    "kind": QT_TRANSLATE_NOOP("Refusal", "network kind"),
    "input_size": QT_TRANSLATE_NOOP("Refusal", "input size"),
    "hidden_size": QT_TRANSLATE_NOOP("Refusal", "hidden size"),
    "num_layers": QT_TRANSLATE_NOOP("Refusal", "number of layers"),
    "output_size": QT_TRANSLATE_NOOP("Refusal", "output size"),
    "seq_len": QT_TRANSLATE_NOOP("Refusal", "sequence length"),
    "bidirectional": QT_TRANSLATE_NOOP("Refusal", "bidirectional"),
    "embedding_size": QT_TRANSLATE_NOOP("Refusal", "embedding size"),
}


@dataclass(frozen=True)
class NetworkConfig:
    """Kind and sizes of the network, its read-out and the sequence. ``embedding_size`` D > 0
    puts an embedding matrix (input_size × D, parameter "embedding") between the input and the
    first layer (see :mod:`lstm_studio.engine.embedding`); 0: none."""

    kind: str = "lstm"
    input_size: int = 1
    hidden_size: int = 8
    num_layers: int = 1
    bidirectional: bool = False
    output_size: int = 1
    seq_len: int = 20
    embedding_size: int = 0

    @property
    def num_directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def has_cell_state(self) -> bool:
        """Whether the kind carries a cell state c_t (and c0), as the engine says."""
        return HAS_CELL_STATE.get(self.kind, False)

    @property
    def state_rows(self) -> int:
        """Rows of h0/c0: layers times directions, as in PyTorch."""
        return self.num_layers * self.num_directions

    def validated(self) -> NetworkConfig:
        """Return self, or raise ValueError (a Refusal) saying which setting is out of range or
        that one recompute would exceed the budget of time or memory (``work_refusal``)."""
        if self.kind not in KINDS:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Unknown network kind {kind}; choose one of {kinds}."),
                          kind=repr(self.kind), kinds=", ".join(KINDS))
        for name, limit in (LIMITS | {"embedding_size": EMBEDDING_LIMIT}).items():
            value = getattr(self, name)
            if not isinstance(value, (int, np.integer)) or isinstance(value, bool):
                raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The {setting} must be a whole number, not {value}."),
                              setting=LABELS[name], value=repr(value))
            if name == "embedding_size" and value < 0:
                raise Refusal(QT_TRANSLATE_NOOP(
                    "Refusal", "The {setting} must be 0 (none) or more (got {value})."),
                    setting=LABELS[name], value=value)
            if value < 1 and name != "embedding_size":
                raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The {setting} must be at least 1 (got {value})."),
                              setting=LABELS[name], value=value)
            if value > limit:
                raise Refusal(QT_TRANSLATE_NOOP(
                    "Refusal", "The {setting} {value} is beyond what stays interactive (at most {limit})."),
                    setting=LABELS[name], value=value, limit=limit)
        refusal = work_refusal(self)
        if refusal is not None:
            raise refusal
        return self


def physical_memory() -> int:
    """Bytes of memory of this machine: ``os.sysconf`` (Linux, macOS and other POSIX systems),
    ``GlobalMemoryStatusEx`` on Windows; FALLBACK_MEMORY where neither answers."""
    try:
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        if pages > 0 and page_size > 0:
            return pages * page_size
    except (AttributeError, ValueError, OSError):
        pass
    if sys.platform == "win32":
        try:
            import ctypes

            class MemoryStatus(ctypes.Structure):
                _fields_ = [("dwLength", ctypes.c_ulong), ("dwMemoryLoad", ctypes.c_ulong),
                            ("ullTotalPhys", ctypes.c_ulonglong), ("ullAvailPhys", ctypes.c_ulonglong),
                            ("ullTotalPageFile", ctypes.c_ulonglong),
                            ("ullAvailPageFile", ctypes.c_ulonglong),
                            ("ullTotalVirtual", ctypes.c_ulonglong),
                            ("ullAvailVirtual", ctypes.c_ulonglong),
                            ("ullAvailExtendedVirtual", ctypes.c_ulonglong)]

            status = MemoryStatus()
            status.dwLength = ctypes.sizeof(MemoryStatus)
            if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):
                return int(status.ullTotalPhys)
        except (AttributeError, OSError):
            pass
    return FALLBACK_MEMORY


def memory_budget() -> int:
    """Most bytes one recompute may take: MEMORY_BUDGET_FRACTION of the machine's memory, at
    most MEMORY_BUDGET_CAP."""
    return int(min(MEMORY_BUDGET_FRACTION * physical_memory(), MEMORY_BUDGET_CAP))


def estimate_work(config: NetworkConfig) -> tuple[float, int]:
    """(seconds, bytes) of a recompute of ``config`` (forward, loss and BPTT) on this machine,
    from the engine's cost model (:mod:`lstm_studio.engine.cost`): seconds from the multiply-adds,
    gate arithmetic and steps at the speed measured once on this machine; bytes the session holds
    at its peak, while it recomputes with a result shown: the weights, and of the evaluation shown
    and the one being computed their gradients, traces and work arrays
    (``cost.estimate_session_bytes``)."""
    sizes = cost_sizes(config)
    return (cost.estimate_seconds(steps=config.seq_len, batch=1, **sizes),
            cost.estimate_session_bytes(steps=config.seq_len, **sizes))


def cost_sizes(config: NetworkConfig) -> dict:
    """``config``'s sizes as the engine's cost model (:mod:`lstm_studio.engine.cost`) takes them,
    steps and batch aside."""
    return dict(kind=config.kind, input_size=config.input_size, hidden_size=config.hidden_size,
                num_layers=config.num_layers, num_directions=config.num_directions,
                output_size=config.output_size, embedding_size=config.embedding_size)


def duration_text(seconds: float) -> str:
    """"0.4 s", "12 s", "3.5 min", "2.0 h"."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def memory_text(size: float) -> str:
    """"750 MB", "2.15 GB" (decimal units)."""
    return f"{size / 1e6:.0f} MB" if size < 1e9 else f"{size / 1e9:.2f} GB"


def work_refusal(config: NetworkConfig) -> Refusal | None:
    """The Refusal of a network whose recompute would exceed the budget (estimated time above
    TIME_BUDGET_SECONDS or memory above ``memory_budget()``), with the estimate; None when it
    fits. The sizes are assumed within LIMITS."""
    seconds, size = estimate_work(config)
    if size > memory_budget():
        return Refusal(QT_TRANSLATE_NOOP(
            "Refusal", "This network would need about {memory} of memory for every recompute, "
            "more than the {budget} allowed. Use fewer steps, layers or units."),
            memory=memory_text(size), budget=memory_text(memory_budget()))
    if seconds > TIME_BUDGET_SECONDS:
        return Refusal(QT_TRANSLATE_NOOP(
            "Refusal", "This network would take about {time} to recompute after every change, "
            "more than the {budget} allowed. Use fewer steps, layers or units."),
            time=duration_text(seconds), budget=duration_text(TIME_BUDGET_SECONDS))
    return None


def slow_notice(config: NetworkConfig) -> Phrase | None:
    """What to tell of a network whose recompute is estimated at more than SLOW_SECONDS: a
    translatable Phrase with the estimate; None for a faster one."""
    seconds, _ = estimate_work(config)
    if seconds <= SLOW_SECONDS:
        return None
    return Phrase(QT_TRANSLATE_NOOP(
        "Refusal", "Every change of this network takes about {time} to recompute."),
        time=duration_text(seconds))


@dataclass
class ViewState:
    """Where the user is looking: time step, selected layer/direction/unit, display mode, and how
    colours are scaled (``colour_scale``, one of COLOUR_SCALES)."""

    time_step: int = 0
    layer: int = 0
    direction: int = 0
    unit: int = 0
    display_mode: str = "whole"
    colour_scale: str = "fixed"


@dataclass
class BpttSettings:
    """How gradients are computed for display and training: truncation and clipping."""

    truncate: int | None = None
    clip_norm: float | None = None
    clip_value: float | None = None


@dataclass
class SessionDocument:
    """All numbers and settings of one session.

    Arrays (float64 unless stated): ``inputs`` (T, I), ``targets`` (T, O) — for cross-entropy
    each row is a one-hot (or any score) row whose argmax is the class —, ``loss_mask`` (T,) bool,
    ``h0`` and ``c0`` (L·D, H), ``parameters`` (PyTorch names, and "embedding" (I, E) when
    ``config.embedding_size`` is E > 0), ``readout`` ("weight" (O, D·H),
    "bias" (O,)), ``history`` name -> 1-D array (training curves).
    """

    config: NetworkConfig
    parameters: dict[str, np.ndarray]
    readout: dict[str, np.ndarray]
    inputs: np.ndarray
    targets: np.ndarray
    loss_mask: np.ndarray
    h0: np.ndarray
    c0: np.ndarray
    loss: str = "mse"
    bptt: BpttSettings = field(default_factory=BpttSettings)
    view: ViewState = field(default_factory=ViewState)
    init_scheme: str = "pytorch"
    seed: int = 0
    task: str | None = None
    training: dict = field(default_factory=dict)
    history: dict[str, np.ndarray] = field(default_factory=dict)
    lesson: dict | None = None
    """The lesson page this session was built from: {"id", "page", "seed", "panel"} and, for
    pages that train, "curves" (name -> list of losses); None for other sessions."""
    kind_weights: dict[str, dict] = field(default_factory=dict)
    """The weights each other kind last had in this session, given back when the network is
    switched back to that kind (see :func:`reconfigured`): kind -> {"config": the NetworkConfig
    they belong to, "parameters": {name: array}, "readout": {"weight", "bias"}}. The current
    kind's weights are ``parameters`` and ``readout``, never kept here."""
    free_run_from: int | None = None
    """Free running: from this step on (0-based) the network's input is its own previous
    prediction, not ``inputs`` (see :mod:`lstm_studio.session.free_running`); None: off."""

    def copy(self) -> "SessionDocument":
        """A deep copy, except that read-only arrays are shared with the original: nobody can
        change their numbers (the session model makes every array it accepts read-only and
        replaces arrays, never writes into them), so a copy of them would only cost time and
        memory (at the largest sizes a copy of the weights took 0.1 s and 0.4 GB, and a change of
        sizes made four). Writable arrays are copied."""
        return copy.deepcopy(self, {id(array): array for array in _read_only_arrays(vars(self))})

    def equals(self, other: "SessionDocument") -> bool:
        """True when every setting and every array (bit for bit, dtype included) is the same."""
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if not _deep_equal(a, b):
                return False
        return True


def freeze(document: "SessionDocument") -> "SessionDocument":
    """Make every array of ``document`` read-only (in place; returns it): the session model's
    documents are never written into (see :meth:`SessionDocument.copy`)."""
    for array in _arrays(vars(document)):
        array.flags.writeable = False
    return document


def _arrays(value):
    """The arrays in ``value`` (dicts, lists and tuples walked)."""
    if isinstance(value, np.ndarray):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _arrays(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _arrays(item)


def _read_only_arrays(value):
    """The read-only arrays in ``value`` (dicts, lists and tuples walked)."""
    return (array for array in _arrays(value) if not array.flags.writeable)


def _deep_equal(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and a.tobytes() == b.tobytes()
        )
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_deep_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_deep_equal(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def evaluate_document(doc: SessionDocument, network=None, readout=None):
    """The engine's :class:`~lstm_studio.engine.Evaluation` of ``doc``: forward, loss and BPTT
    with the document's loss, loss mask, initial states and BPTT settings; free-running from
    ``doc.free_run_from`` when set (a :class:`~lstm_studio.engine.free_run.FreeRunEvaluation`:
    the trace of the inputs fed, the gradient BPTT with them held fixed). ``network`` and
    ``readout`` (holding the document's weights) are built when not given. The one place a
    document is evaluated (the session model and its background worker call it)."""
    if network is None or readout is None:
        network, readout = engine_network(doc, share=True)
    target = doc.targets if doc.loss == "mse" else np.argmax(doc.targets, axis=1)
    settings = dict(loss=doc.loss, steps=doc.loss_mask, h0=doc.h0,
                    c0=doc.c0 if doc.config.has_cell_state else None, truncate=doc.bptt.truncate,
                    clip_norm=doc.bptt.clip_norm, clip_value=doc.bptt.clip_value)
    if doc.free_run_from is not None:
        return evaluate_free_running(network, readout, doc.inputs, target, doc.free_run_from, **settings)
    return evaluate(network, readout, doc.inputs, target, **settings)


def engine_network(doc: SessionDocument, *, share: bool = False):
    """A fresh engine network and read-out holding copies of the document's weights (``share``:
    the document's own arrays, for a network that only evaluates them and is not trained)."""
    config = doc.config
    network = _network_for(config, initialize=False)
    network.load_parameters(doc.parameters, copy=not share)
    readout = Readout(config.num_directions * config.hidden_size, config.output_size)
    readout.load_parameters(doc.readout)
    return network, readout


def new_document(config: NetworkConfig | None = None, *, seed: int = 0,
                 init_scheme: str = "pytorch") -> SessionDocument:
    """A fresh document: freshly initialised weights, zero inputs, zero targets, loss at every step."""
    config = (config or NetworkConfig()).validated()
    net = _network_for(config, initialize=False)
    net.initialize(init=init_scheme, seed=seed)
    readout = Readout(config.num_directions * config.hidden_size, config.output_size, seed=seed)
    rows, hidden = config.state_rows, config.hidden_size
    return SessionDocument(
        config=config,
        parameters=net.parameters(copy=False),  # the network is dropped
        readout=readout.parameters(),
        inputs=np.zeros((config.seq_len, config.input_size)),
        targets=np.zeros((config.seq_len, config.output_size)),
        loss_mask=np.ones(config.seq_len, dtype=bool),
        h0=np.zeros((rows, hidden)),
        c0=np.zeros((rows, hidden)),
        init_scheme=init_scheme,
        seed=seed,
    )


def last_loss_step(doc: SessionDocument) -> int:
    """The last step (0-based) where the loss applies: the last step when the mask is empty."""
    steps = np.flatnonzero(doc.loss_mask)
    return int(steps[-1]) if steps.size else doc.config.seq_len - 1


def opening_view(doc: SessionDocument) -> SessionDocument:
    """``doc`` shown as a session opens: the whole sequence, the cursor at the last step where
    the loss applies (where backpropagation starts), not one column at t = 1."""
    doc.view.display_mode = "whole"
    doc.view.time_step = last_loss_step(doc)
    return doc


def _network_for(config: NetworkConfig, *, initialize: bool = True):
    """The engine network of ``config``: initialised, or with zero weights (not yet in memory:
    for a network whose weights are loaded next)."""
    make = build_network if initialize else Network
    return make(
        config.kind,
        input_size=config.input_size,
        hidden_size=config.hidden_size,
        num_layers=config.num_layers,
        bidirectional=config.bidirectional,
        embedding_size=config.embedding_size,
    )


def reconfigured(doc: SessionDocument, **changes) -> SessionDocument:
    """A copy of ``doc`` with new kind/sizes, keeping every number that still fits.

    Weights of the same name keep their overlapping block gate by gate (when the old and new kinds
    have the same gates); the sequence, targets, loss mask and initial states are truncated or
    zero-padded; the loss at "last step only" stays at the last step.

    A change of kind keeps each kind's weights: the weights and read-out of the kind left are
    remembered in ``kind_weights``, and those remembered for the new kind come back — exactly,
    at the sizes they had; after a change of sizes, their overlapping blocks as a change of sizes
    keeps them (the rest freshly initialised). A kind without remembered weights starts from the
    current ones where the gates agree (LSTM ↔ peephole LSTM; added peepholes start shut), else
    from fresh weights. The embedding (the input's, of every kind) keeps its overlapping block
    through any change.
    """
    unknown = set(changes) - {f.name for f in fields(NetworkConfig)}
    if unknown:
        raise ValueError(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
    old = doc.config
    config = replace(old, **changes).validated()
    fresh = _FreshValues(config, doc)
    result = doc.copy()
    result.config = config

    source_kind, source_parameters, source_readout = old.kind, doc.parameters, doc.readout
    if config.kind != old.kind:
        result.kind_weights[old.kind] = {"config": old, "parameters": result.parameters,
                                         "readout": result.readout}
        remembered = result.kind_weights.pop(config.kind, None)
        if remembered is not None:
            source_kind = config.kind
            source_parameters, source_readout = remembered["parameters"], remembered["readout"]

    gates = len(GATES[config.kind])
    same_gates = GATES[source_kind] == GATES[config.kind]
    params = {}
    for name, shape in _network_for(config, initialize=False).parameter_shapes().items():
        if name == EMBEDDING:  # the input's, not the kind's: a change of kind keeps it too
            params[name] = _kept(doc.parameters.get(name), shape, fresh.parameter(name))
        elif same_gates and name in source_parameters:
            params[name] = _kept(source_parameters[name], shape, fresh.parameter(name), gates)
        elif same_gates and config.kind != source_kind:
            # Peepholes added to a trained LSTM start shut, so the network behaves as before.
            params[name] = np.zeros(shape)
        else:
            params[name] = fresh.parameter(name)()
    result.parameters = params
    readout_shapes = {"weight": (config.output_size, config.num_directions * config.hidden_size),
                      "bias": (config.output_size,)}
    result.readout = {name: _kept(source_readout[name], shape, fresh.readout(name))
                      for name, shape in readout_shapes.items()}

    rows, hidden = config.state_rows, config.hidden_size
    for name, shape in (("inputs", (config.seq_len, config.input_size)),
                        ("targets", (config.seq_len, config.output_size)),
                        ("h0", (rows, hidden)), ("c0", (rows, hidden))):
        setattr(result, name, _kept(getattr(doc, name), shape, partial(np.zeros, shape)))
    result.loss_mask = _resized_mask(doc.loss_mask, config.seq_len)
    result.view = _clamped_view(doc.view, config)
    result.free_run_from = kept_free_run(config, doc.loss, doc.free_run_from)
    return result


class _FreshValues:
    """The freshly initialised parameters of ``config`` (the document's seed and scheme), drawn
    only when first asked for: a change that keeps every number (more steps, fewer layers) draws
    none — at the largest sizes drawing them took seconds of the GUI thread (issue 14)."""

    def __init__(self, config: NetworkConfig, doc: SessionDocument):
        self.config, self.seed, self.init_scheme = config, doc.seed, doc.init_scheme
        self._document = None

    def _drawn(self) -> SessionDocument:
        if self._document is None:
            self._document = new_document(self.config, seed=self.seed, init_scheme=self.init_scheme)
        return self._document

    def parameter(self, name: str):
        """A function returning the fresh value of network parameter ``name``."""
        return lambda: self._drawn().parameters[name]

    def readout(self, name: str):
        """A function returning the fresh value of read-out parameter ``name``."""
        return lambda: self._drawn().readout[name]


def _kept(old: np.ndarray | None, shape: tuple, fresh, gates: int = 1) -> np.ndarray:
    """A value of ``shape`` keeping the overlapping block of ``old`` (gate by gate for ``gates``
    gate-stacked row blocks, see :func:`_overlap_by_gate`) over ``fresh()`` values, called only
    when ``old`` (None: nothing kept) does not cover the whole shape. ``old`` of that very shape
    and read-only is shared, as copies of documents share such arrays."""
    shape = tuple(shape)
    if old is None:
        return fresh()
    if old.shape == shape:
        return old if not old.flags.writeable else old.copy()
    by_gate = gates > 1 and not (old.shape[0] % gates or shape[0] % gates)
    blocks, wanted = ((old.reshape((gates, old.shape[0] // gates) + old.shape[1:]),
                       (gates, shape[0] // gates) + shape[1:]) if by_gate else (old, shape))
    if old.ndim == len(shape) and all(have >= want for have, want in zip(blocks.shape, wanted)):
        return blocks[tuple(slice(0, want) for want in wanted)].copy().reshape(shape)
    # fresh() is this call's own array: written in place
    return _overlap_by_gate(old, fresh(), gates, copy=False) if by_gate else _overlap(old, fresh(), copy=False)


def _overlap(old: np.ndarray, new: np.ndarray, copy: bool = True) -> np.ndarray:
    """``new`` with its leading block overwritten by the overlapping block of ``old`` (a copy,
    or ``new`` itself written in place unless ``copy``)."""
    out = new.copy() if copy else new
    block = tuple(slice(0, min(a, b)) for a, b in zip(old.shape, new.shape))
    out[block] = old[block]
    return out


def _overlap_by_gate(old: np.ndarray, new: np.ndarray, gates: int, copy: bool = True) -> np.ndarray:
    """Like :func:`_overlap` but for gate-stacked rows (G·H, ...): copies each gate's block."""
    if old.shape[0] % gates or new.shape[0] % gates:
        return _overlap(old, new, copy)
    old_g = old.reshape((gates, old.shape[0] // gates) + old.shape[1:])
    new_g = new.reshape((gates, new.shape[0] // gates) + new.shape[1:])
    return _overlap(old_g, new_g, copy).reshape(new.shape)


def _resized_mask(mask: np.ndarray, length: int) -> np.ndarray:
    if mask.sum() == 1 and mask[-1]:
        out = np.zeros(length, dtype=bool)
        out[-1] = True
        return out
    out = np.zeros(length, dtype=bool)
    n = min(length, mask.size)
    out[:n] = mask[:n]
    if not out.any():
        out[-1] = True
    return out


def _clamped_view(view: ViewState, config: NetworkConfig) -> ViewState:
    return replace(
        view,
        time_step=min(view.time_step, config.seq_len - 1),
        layer=min(view.layer, config.num_layers - 1),
        direction=min(view.direction, config.num_directions - 1),
        unit=min(view.unit, config.hidden_size - 1),
    )
