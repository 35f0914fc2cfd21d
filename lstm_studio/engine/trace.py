"""Containers returned by the engine: the forward ``Trace`` and the BPTT ``Gradients``."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

DERIVED_CACHE_BYTES = 128 * 2**20
"""Gate activations and ``tanh(c)`` a large trace derives on demand (see ``LayerTrace``) are kept
for the layers last read while they take at most this many bytes together (the last one always)."""


class DerivedCache:
    """Derived arrays of the layers of one trace, least recently read dropped first."""

    def __init__(self, limit=DERIVED_CACHE_BYTES):
        self.limit = limit
        self._entries = {}  # key -> (arrays, bytes), in order of use (dicts keep insertion order)
        self._lock = threading.Lock()

    def __getstate__(self):  # a copy (pickled, deep-copied) starts empty, with a lock of its own
        return {"limit": self.limit}

    def __setstate__(self, state):
        self.__init__(state["limit"])

    def peek(self, key):
        """The arrays kept for ``key``, or None."""
        with self._lock:
            entry = self._entries.get(key)
        return None if entry is None else entry[0]

    def get(self, key, derive):
        with self._lock:
            entry = self._entries.pop(key, None)
            if entry is not None:
                self._entries[key] = entry
                return entry[0]
        arrays = derive()
        size = sum(a.nbytes for a in arrays[0:1]) + sum(a.nbytes for a in arrays[1].values())
        with self._lock:
            self._entries.pop(key, None)
            self._entries[key] = (arrays, size)
            total = sum(entry[1] for entry in self._entries.values())
            while len(self._entries) > 1 and total > self.limit:
                oldest = next(iter(self._entries))
                total -= self._entries.pop(oldest)[1]
        return arrays


@dataclass(eq=False)
class LayerTrace:
    """Every intermediate of one layer in one direction, indexed by TRUE time ``t``.

    Attributes
    ----------
    layer, direction : int
        Layer index and direction (0 forward, 1 reverse).
    x : ndarray (T, N, I_layer)
        Input of this layer.
    h0, c0 : ndarray (N, H)
        Initial states (``c0`` is None for kinds without a cell state).
    preactivations, gates : dict gate -> ndarray (T, N, H)
        Argument and value of each gate nonlinearity (for RNN ``gates["a"]`` is ``h_t``).
    h, c : ndarray (T, N, H)
        Hidden and cell state after step ``t`` (``c`` None without a cell state).
    h_prev, c_prev : ndarray (T, N, H)
        State the step ``t`` started from: ``h_{t-1}`` forward, ``h_{t+1}`` reverse
        (``h0`` for the first processed step).
    extras : dict name -> ndarray (T, N, H)
        Other intermediates (LSTM ``"tanh_c"``; GRU ``"hn"`` = W_hn h_prev + b_hn).
    preactivation_rows, gate_rows : ndarray (T, N, G*H)
        The same numbers as the dicts, gates stacked in parameter row order.

    Notes
    -----
    Arrays may be views (possibly with negative strides for the reverse direction); the trace
    is immutable by convention.

    A large trace (see ``Network.forward``) does not store the gate activations and LSTM's
    ``tanh(c_t)``: they are functions of the stored preactivations and cell states, and are
    derived from them when first read (the same float64 numbers, bit for bit, as the forward
    computed), kept while the trace's cache holds them (``DerivedCache``).
    """

    layer: int
    direction: int
    x: np.ndarray
    h0: np.ndarray
    c0: np.ndarray | None
    preactivations: dict
    h: np.ndarray
    c: np.ndarray | None
    h_prev: np.ndarray
    c_prev: np.ndarray | None
    preactivation_rows: np.ndarray = field(repr=False)
    stored_gate_rows: np.ndarray | None = field(repr=False, default=None)
    """The gate activations when stored, else None (derived by ``derive``)."""
    stored_extras: dict = field(repr=False, default_factory=dict)
    """The extras stored; the others are derived by ``derive``."""
    derive: object = field(repr=False, default=None)
    """None, or a function returning (gate rows, derived extras) in true time."""
    cache: DerivedCache | None = field(repr=False, default=None)

    def _derived(self):
        if self.stored_gate_rows is not None:
            return self.stored_gate_rows, {}
        return self.cache.get((self.layer, self.direction), self.derive)

    @property
    def gate_rows(self) -> np.ndarray:
        return self._derived()[0]

    @property
    def gates(self) -> dict:
        rows = self.gate_rows
        hidden = self.h.shape[-1]
        return {g: rows[:, :, k * hidden:(k + 1) * hidden] for k, g in enumerate(self.preactivations)}

    @property
    def extras(self) -> dict:
        return {**self.stored_extras, **self._derived()[1]}

    @property
    def activations_stored(self) -> bool:
        """Whether the gate activations are stored (else derived when read)."""
        return self.stored_gate_rows is not None


@dataclass(eq=False)
class Trace:
    """Result of ``Network.forward``.

    Attributes
    ----------
    kind : str
    batched : bool
        Whether the input had a batch axis.
    T, N : int
        Steps and batch size (N = 1 when unbatched).
    x : ndarray (T, N, I)
        The input, batch axis always present.
    output : ndarray (T, [N,] D*H)
        Last layer's hidden states, directions concatenated (PyTorch shape).
    h_n, c_n : ndarray (L*D, [N,] H)
        Final states per layer and direction (``c_n`` None without a cell state).
    nonfinite : bool
        True when any NaN/inf occurs anywhere in the trace.
    layers : list[list[LayerTrace]]
        ``layers[layer][direction]``.
    """

    kind: str
    batched: bool
    T: int
    N: int
    x: np.ndarray
    output: np.ndarray
    h_n: np.ndarray
    c_n: np.ndarray | None
    nonfinite: bool
    layers: list = field(repr=False)

    def layer(self, layer: int, direction: int = 0) -> LayerTrace:
        """The ``LayerTrace`` of ``layer`` (0-based) and ``direction`` (0 forward, 1 reverse)."""
        if not 0 <= layer < len(self.layers):
            raise ValueError(f"layer {layer} does not exist: the network has "
                             f"{len(self.layers)} layer(s)")
        if not 0 <= direction < len(self.layers[layer]):
            raise ValueError(f"direction {direction} does not exist: the network has "
                             f"{len(self.layers[layer])} direction(s)")
        return self.layers[layer][direction]


class Gradients(dict):
    """BPTT result: a dict ``name -> gradient`` plus per-step state gradients.

    Keys are every parameter name, ``"input"`` (shape of ``x`` as given), ``"h0"`` and, for
    LSTM kinds, ``"c0"`` (shape ``(L*D, [N,] H)``).

    Attributes
    ----------
    dh : list[list[ndarray (T, N, H)]]
        ``dh[layer][direction][t]`` = total dL/dh_t (from the output and the recurrence).
    dc : list[list[ndarray (T, N, H)]] or None
        Same for dL/dc_t (LSTM kinds).
    norm : float
        Global L2 norm of the parameter gradients before clipping.
    unclipped_norms : dict name -> float
        L2 norm of each parameter gradient before clipping (set by ``evaluate``, which adds the
        read-out's as "readout.weight" and "readout.bias"; empty after a bare ``backward``).
    clipped : bool
        Whether clipping changed anything.
    """

    def __init__(self, values, dh, dc, norm, clipped):
        super().__init__(values)
        self.dh = dh
        self.dc = dc
        self.norm = norm
        self.clipped = clipped
        self.unclipped_norms = {}
