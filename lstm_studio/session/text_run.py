"""The network run over a session's whole text, not only its one sequence window (pure, no Qt).

A next-character session trains on a text (``document.training["task_options"]["text"]``) but its
panels show one window of ``seq_len`` characters. :func:`run_text` feeds the text character by
character through the document's network — the engine's own ``forward``, in chunks of ``seq_len``
characters with the hidden state (and the cell state) carried from chunk to chunk, so the numbers
are those of one long forward over the text (a bidirectional layer runs its reverse direction
over the chunks from the end of the text back, as a long forward would) — and keeps, for every
character, layer, direction and unit, h, c and every gate (the engine's trace arrays). The run
starts from the document's initial state h0 (and c0) at the first character.

Memory is bounded: a run keeps at most :data:`MAX_RUN_CHARACTERS` characters (the first ones of a
longer text) and at most :data:`MEMORY_BUDGET_BYTES` of values (float32 for display; fewer
characters for a big network: see :func:`characters_within_budget`); what was left out is said
by :attr:`TextRun.total`.

On top of a run: :func:`rank_units` (which units are on on a span of the text and off around
it, as LSTMVis finds them), :func:`matches` (other places where those units switch on) and
:func:`saturation` (how often each gate unit is left- or right-saturated, Karpathy, Johnson &
Fei-Fei 2015, fig. 3). :class:`TextRunCache` keeps the last run of a session model.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from lstm_studio.engine import EMBEDDING, GATE_ACTIVATION, GATES, HAS_CELL_STATE, build_network
from lstm_studio.engine.embedding import embed
from lstm_studio.session.characters import one_hot_characters, task_text, task_vocabulary, vocabulary
from lstm_studio.session.document import SessionDocument
from lstm_studio.session.recompute import estimated_seconds

__all__ = ["LEFT_SATURATED", "MATCH_LEVEL", "MATCH_UNITS", "MAX_RUN_CHARACTERS", "MEMORY_BUDGET_BYTES", "NEIGHBOURHOOD",
           "RIGHT_SATURATED", "RankedUnit", "TextRun", "TextRunCache", "characters_within_budget", "estimated_text_run_seconds",
           "matches", "quantities", "rank_units", "run_document", "run_text", "saturation",
           "sigmoid_gates", "window_start"]

MAX_RUN_CHARACTERS = 10_000
"""Most characters of a text one run covers (the first ones): under a second of computing for a
64-unit LSTM on one core."""
MEMORY_BUDGET_BYTES = 64 * 2 ** 20
"""Most bytes the values of one run hold (float32: 4 bytes per character, layer, direction, unit
and quantity (h, c, each gate)); a bigger network covers fewer characters."""
NEIGHBOURHOOD = 20
"""Characters on each side of a span that :func:`rank_units` compares it with."""
MATCH_UNITS = 3
"""How many of the best-ranked units must all be on for :func:`matches` to mark a place."""
LEFT_SATURATED = 0.1
RIGHT_SATURATED = 0.9
"""A σ gate below 0.1 is left-saturated (nearly shut), above 0.9 right-saturated (nearly open)."""


def quantities(kind: str) -> tuple[str, ...]:
    """The values a run keeps for each unit of network ``kind``: "h", "c" (kinds with a cell
    state) and every gate (an RNN's only "gate" a is h itself and is not repeated)."""
    names = ["h"] + (["c"] if HAS_CELL_STATE[kind] else [])
    return tuple(names + [g for g in GATES[kind] if g != "a"])


def sigmoid_gates(kind: str) -> tuple[str, ...]:
    """The gates of ``kind`` that are logistic sigmoids (0..1): the ones that saturate at 0 or 1."""
    return tuple(g for g in GATES[kind] if GATE_ACTIVATION[kind][g] == "sigmoid")


def characters_within_budget(config, budget: int = MEMORY_BUDGET_BYTES,
                             limit: int = MAX_RUN_CHARACTERS) -> int:
    """How many characters a run of a network of ``config`` may cover: its values (4 bytes each)
    plus one layer's float64 output while running stay within ``budget`` bytes."""
    units = config.num_layers * config.num_directions * config.hidden_size
    per_character = 4 * units * len(quantities(config.kind)) + 8 * config.num_directions * config.hidden_size
    return max(1, min(limit, budget // per_character))


@dataclass(eq=False)
class TextRun:
    """The values of every unit at every character of a text.

    ``text`` the characters run over (the first ``len(text)`` of the session's text, whose length is
    ``total``); ``values[(layer, direction)][quantity]`` an array (len(text), H) — quantity "h",
    "c" or a gate name (see :func:`quantities`); value k is the one after reading character k.
    """

    text: str
    total: int
    kind: str
    num_layers: int
    num_directions: int
    hidden_size: int
    values: dict = field(repr=False)

    @property
    def quantities(self) -> tuple[str, ...]:
        return quantities(self.kind)

    def of(self, quantity: str, layer: int = 0, direction: int = 0) -> np.ndarray:
        """(characters, H) values of ``quantity`` in ``layer`` and ``direction``."""
        return self.values[(layer, direction)][quantity]

    def stacked(self, quantity: str) -> np.ndarray:
        """(characters, L·D·H): every unit's values, layer by layer, direction by direction."""
        return np.concatenate([self.values[key][quantity] for key in self.keys()], axis=1)

    def keys(self) -> list[tuple[int, int]]:
        return [(layer, direction) for layer in range(self.num_layers)
                for direction in range(self.num_directions)]

    def unit_of(self, column: int) -> tuple[int, int, int]:
        """(layer, direction, unit) of column ``column`` of :meth:`stacked`."""
        block, unit = divmod(int(column), self.hidden_size)
        layer, direction = divmod(block, self.num_directions)
        return layer, direction, unit

    @property
    def nbytes(self) -> int:
        return sum(array.nbytes for arrays in self.values.values() for array in arrays.values())

    @cached_property
    def gate_saturation(self) -> dict:
        """:func:`saturation` at the default thresholds, computed once per run (by the worker
        that computed the run, when there is one: a scan of every gate value, too long for the
        GUI thread while training on a long text)."""
        return saturation(self)


def _layer_network(kind: str, parameters: dict, layer: int, direction: int, input_size: int, hidden: int):
    """A one-layer, one-direction engine network holding ``parameters`` of ``layer``/``direction``."""
    network = build_network(kind, input_size, hidden, num_layers=1, bidirectional=False)
    suffix = f"_l{layer}" + ("_reverse" if direction else "")
    network.load_parameters({name: parameters[name[:-len("_l0")] + suffix]
                             for name in network.parameter_shapes()})
    return network


def run_text(config, parameters: dict, inputs: np.ndarray, h0=None, c0=None, *, chunk: int | None = None,
             dtype=np.float32, text: str = "", total: int | None = None) -> TextRun:
    """Run the network of ``config`` with ``parameters`` over ``inputs`` (characters, I), in chunks
    of ``chunk`` steps (default ``config.seq_len``), every state carried across chunks.

    Each layer and direction is the engine's forward of a one-layer network holding that layer's
    weights: the forward direction reads the chunks first to last, the reverse direction last to
    first from the state it reached, and the next layer reads the concatenated outputs, exactly
    as one forward over all of ``inputs`` does. ``h0``/``c0`` (L·D, H) start the run (zeros when
    None). Values are kept as ``dtype`` (float32 for display; float64 to compare with a long
    forward)."""
    inputs = np.asarray(inputs, dtype=np.float64)
    steps = inputs.shape[0]
    chunk = int(chunk or config.seq_len)
    hidden, directions = config.hidden_size, config.num_directions
    has_cell = config.has_cell_state
    names = quantities(config.kind)
    rows = config.num_layers * directions
    h0 = np.zeros((rows, hidden)) if h0 is None else np.asarray(h0, dtype=np.float64)
    c0 = np.zeros((rows, hidden)) if c0 is None else np.asarray(c0, dtype=np.float64)
    values = {}
    # with an embedding the first layer reads x_t E (the same product as the engine's forward)
    layer_input = embed(inputs[:, None, :], parameters[EMBEDDING])[:, 0] if config.embedding_size \
        else inputs
    for layer in range(config.num_layers):
        outputs = np.empty((steps, directions * hidden))
        for direction in range(directions):
            index = layer * directions + direction
            network = _layer_network(config.kind, parameters, layer, direction, layer_input.shape[1], hidden)
            kept = {name: np.empty((steps, hidden), dtype=dtype) for name in names}
            h, c = h0[index:index + 1], (c0[index:index + 1] if has_cell else None)
            starts = range(0, steps, chunk)
            for start in (reversed(starts) if direction else starts):
                stop = min(start + chunk, steps)
                piece = layer_input[start:stop]
                trace = network.forward(piece[::-1] if direction else piece, h0=h, c0=c)
                h, c = trace.h_n, trace.c_n
                lt = trace.layers[0][0]
                order = slice(None, None, -1) if direction else slice(None)
                for name in names:
                    array = lt.h if name == "h" else lt.c if name == "c" else lt.gates[name]
                    kept[name][start:stop] = array[order, 0]
                outputs[start:stop, direction * hidden:(direction + 1) * hidden] = lt.h[order, 0]
            values[(layer, direction)] = kept
        layer_input = outputs
    return TextRun(text=text, total=steps if total is None else total, kind=config.kind,
                   num_layers=config.num_layers, num_directions=directions, hidden_size=hidden,
                   values=values)


def estimated_text_run_seconds(document: SessionDocument) -> float:
    """Rough time of the run over ``document``'s text (forward only: about half of a forward +
    BPTT per step, :func:`~lstm_studio.session.recompute.estimated_seconds`); 0 without text."""
    text = task_text(document)
    if not text:
        return 0.0
    config = document.config
    steps = min(len(text), characters_within_budget(config))
    return 0.5 * estimated_seconds(config) * steps / max(config.seq_len, 1)


def run_document(document: SessionDocument, *, limit: int | None = None, dtype=np.float32) -> TextRun | None:
    """The run over the text of a next-character ``document`` (None for other sessions, or when its
    sizes no longer match the text's vocabulary): its first ``limit`` characters (default: as
    many as :func:`characters_within_budget` allows), from the document's h0/c0."""
    text = task_text(document)
    characters = vocabulary(document)
    if text is None or characters is None:
        return None
    limit = characters_within_budget(document.config) if limit is None else limit
    shown = text[:limit]
    index = {ch: k for k, ch in enumerate(characters)}
    inputs = np.eye(len(characters))[[index[ch] for ch in shown]]
    config = document.config
    return run_text(config, document.parameters, inputs, document.h0,
                    document.c0 if config.has_cell_state else None, dtype=dtype, text=shown,
                    total=len(text))


class TextRunCache:
    """The last run of a session: recomputed only when the weights, the initial state, the sizes
    or the text changed (compared by identity: the session model replaces an array when it
    changes one, never writes into it)."""

    def __init__(self):
        self._key = None
        self._run = None
        self._serial = 0  # counts requests: a run computed for an older one is never kept
        self._shown = 0  # the serial of the run at hand
        self._requested = None  # the key last handed to a background worker
        self._failed = None  # the key whose background run failed (no run to wait for)
        self.seconds = 0.0
        """How long the last run computed here (not in the background) took."""

    @staticmethod
    def _key_of(document: SessionDocument) -> tuple:
        return (document.config, task_text(document), document.h0, document.c0,
                *document.parameters.values())

    @staticmethod
    def _same(key, other) -> bool:
        return other is not None and len(key) == len(other) and key[0] == other[0] \
            and all(a is b for a, b in zip(key[1:], other[1:]))

    def get(self, document: SessionDocument, background=None, *, first_in_background: bool = False
            ) -> TextRun | None:
        """The run of ``document``. With a ``background`` worker (``submit(token, document)``, see
        :class:`~lstm_studio.session.text_run_worker.TextRunWorker`) and a run of the same sizes
        and text at hand, that run is returned at once and the new one is requested from the
        worker (once per change), to be handed back with :meth:`deliver`. With
        ``first_in_background`` a run of other sizes or another text is requested from the worker
        too, and None returned until it is delivered (:attr:`pending` meanwhile)."""
        key = self._key_of(document)
        if self._same(key, self._key):
            return self._run
        if self._same(key, self._failed):
            return None  # its run failed (or there is none): not asked for again
        fits = self._key is not None and key[0] == self._key[0] and key[1] is self._key[1]
        if background is not None and (fits or first_in_background):
            if not self._same(key, self._requested):
                self._serial += 1
                self._requested = key
                background.submit((self._serial, key), document)
            return self._run if fits else None
        self._serial += 1
        started = time.perf_counter()
        self._run, self._key, self._shown, self._requested = run_document(document), key, self._serial, None
        self.seconds = time.perf_counter() - started
        return self._run

    def deliver(self, token: tuple, run: TextRun | None) -> bool:
        """Keep ``run``, computed in the background for ``token`` (as given to the worker), if it
        is newer than the run at hand and of its sizes and text; returns whether it was kept."""
        serial, key = token
        requested = self._same(key, self._requested)
        fits = self._key is not None and key[0] == self._key[0] and key[1] is self._key[1]
        if run is None:
            if requested:
                self._requested = None
                if not fits:  # nothing will come for these sizes or this text: say so, not wait
                    self._failed = key
                    return True
            return False
        if serial <= self._shown or not (fits or requested):
            return False
        if requested:
            self._requested = None
        self._key, self._run, self._shown = key, run, serial
        return True

    @property
    def pending(self) -> bool:
        """Whether a run of other sizes or another text than the one at hand is being computed in
        the background (``get`` returns None until it is delivered)."""
        requested = self._requested
        return requested is not None and (self._key is None or requested[0] != self._key[0]
                                          or requested[1] is not self._key[1])

    def clear(self) -> None:
        self._key = self._run = self._requested = self._failed = None


# -- where the document's window lies in the text -------------------------------------------------
def window_start(document: SessionDocument, near: int | None = None) -> int | None:
    """Where the document's sequence window starts in its text: a place whose characters are the
    window's input characters and its last target character — the first, or the one nearest to
    ``near`` (the window's last known place: a repetitive text holds the same window at several
    places); None when the inputs are not one-hot characters (edited) or the window is not in
    the text."""
    text = task_text(document)
    characters = vocabulary(document)
    if text is None or characters is None:
        return None
    inputs = one_hot_characters(document.inputs, characters)
    if not all(inputs):
        return None
    last = one_hot_characters(document.targets[-1:], characters)[0]
    window = "".join(inputs) + last
    found = text.find(window)
    if found < 0 or near is None:
        return None if found < 0 else found
    best = found
    while found >= 0:
        if abs(found - near) < abs(best - near):
            best = found
        if found > near:
            break
        found = text.find(window, found + 1)
    return best


def window_at(document: SessionDocument, start: int) -> tuple[np.ndarray, np.ndarray]:
    """One-hot (inputs, targets) of the sequence window of the document's text starting at
    character ``start`` (clamped so that the window and its last target fit in the text)."""
    text = task_text(document)
    characters = task_vocabulary(document)
    steps = document.config.seq_len
    start = int(np.clip(start, 0, max(0, len(text) - steps - 1)))
    index = {ch: k for k, ch in enumerate(characters)}
    codes = [index[ch] for ch in text[start:start + steps + 1]]
    eye = np.eye(len(characters))
    return eye[codes[:-1]], eye[codes[1:]]


# -- units by example ----------------------------------------------------------------------------
@dataclass(frozen=True)
class RankedUnit:
    """A unit and how much more it is on on a span than around it."""

    layer: int
    direction: int
    unit: int
    score: float
    """mean on the span − mean on the neighbourhood"""
    inside: float
    """mean on the span"""
    outside: float
    """mean on the neighbourhood"""


def neighbourhood(length: int, start: int, stop: int, around: int = NEIGHBOURHOOD) -> np.ndarray:
    """Indices of up to ``around`` characters before ``start`` and after ``stop`` (exclusive)
    within 0..length."""
    before = np.arange(max(0, start - around), start)
    after = np.arange(stop, min(length, stop + around))
    return np.concatenate([before, after]).astype(int)


def rank_units(run: TextRun, start: int, stop: int, quantity: str = "h", *, around: int = NEIGHBOURHOOD,
               count: int | None = None) -> list[RankedUnit]:
    """Every unit of ``run`` ranked by its score on the span ``start``..``stop`` (characters
    start..stop−1): the mean of ``quantity`` on the span minus its mean on the neighbourhood
    (``around`` characters on each side; LSTMVis's "on here, off around"), best first (ties: in
    layer, direction, unit order). A span that covers the whole run has no neighbourhood: the
    neighbourhood mean is taken as 0. ``count`` None: every unit."""
    values = run.stacked(quantity)
    start, stop = max(0, int(start)), min(values.shape[0], int(stop))
    if stop <= start:
        return []
    inside = values[start:stop].astype(np.float64).mean(axis=0)
    near = neighbourhood(values.shape[0], start, stop, around)
    outside = values[near].astype(np.float64).mean(axis=0) if near.size else np.zeros_like(inside)
    score = inside - outside
    order = np.argsort(-score, kind="stable")[:count]
    return [RankedUnit(*run.unit_of(k), float(score[k]), float(inside[k]), float(outside[k])) for k in order]


MATCH_LEVEL = 0.75
"""How far from its mean around the example span towards its mean on it a unit must be to count as
on (:func:`matches`)."""


def matches(run: TextRun, ranked: list[RankedUnit], quantity: str = "h", *,
            units: int = MATCH_UNITS, level: float = MATCH_LEVEL) -> list[tuple[int, int]]:
    """Spans (start, stop) of the text where the first ``units`` of ``ranked`` (those that score
    above 0) are all on: each above outside + ``level`` · (inside − outside), ``level`` of the way
    from its mean around the example span to its mean on it."""
    chosen = [r for r in ranked[:units] if r.score > 0]
    if not chosen:
        return []
    on = np.ones(len(run.text) if run.text else run.of(quantity).shape[0], dtype=bool)
    for r in chosen:
        values = run.of(quantity, r.layer, r.direction)[:, r.unit]
        on &= values > r.outside + level * (r.inside - r.outside)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], on.astype(np.int8), [0]])))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])]


# -- gate saturation -----------------------------------------------------------------------------
def saturation(run: TextRun, left: float = LEFT_SATURATED, right: float = RIGHT_SATURATED) -> dict:
    """(layer, direction, gate) -> (left fractions (H,), right fractions (H,)): for each unit of
    each σ gate, the fraction of characters at which it is below ``left`` and above ``right``."""
    result = {}
    for key in run.keys():
        for gate in sigmoid_gates(run.kind):
            values = run.of(gate, *key)
            result[(*key, gate)] = ((values < left).mean(axis=0), (values > right).mean(axis=0))
    return result
