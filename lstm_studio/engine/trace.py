"""Containers returned by the engine: the forward ``Trace`` and the BPTT ``Gradients``."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


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
    """

    layer: int
    direction: int
    x: np.ndarray
    h0: np.ndarray
    c0: np.ndarray | None
    preactivations: dict
    gates: dict
    h: np.ndarray
    c: np.ndarray | None
    h_prev: np.ndarray
    c_prev: np.ndarray | None
    extras: dict
    preactivation_rows: np.ndarray = field(repr=False)
    gate_rows: np.ndarray = field(repr=False)


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
