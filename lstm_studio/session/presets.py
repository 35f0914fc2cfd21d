"""Weight editing logic: gate blocks of the parameter matrices and whole-matrix actions (pure
NumPy, no Qt). The course's lessons live in :mod:`lstm_studio.lessons`.

Every function takes a :class:`SessionDocument` and returns NEW arrays (``dict`` parameter name ->
full array) or a new document; the document itself is never changed. The app wraps the result in
one undo command.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_studio.engine import EMBEDDING, GATES, Readout, build_network
from lstm_studio.session.document import NetworkConfig, SessionDocument

INIT_SCHEMES = ("pytorch", "xavier", "orthogonal")


# -- gate blocks of the parameters ------------------------------------------------------------
def suffix(layer: int, direction: int) -> str:
    """PyTorch's parameter name suffix: "l0", "l1_reverse"..."""
    return f"l{layer}" + ("_reverse" if direction else "")


@dataclass(frozen=True)
class MatrixRef:
    """One matrix the weight editor shows: ``rows`` of array ``key`` of ``target``.

    ``target`` is "parameter" or "readout" (as for SetArrayCommand); ``gate`` selects that gate's
    block of rows of a gate-stacked parameter (None: the whole array). Vectors show as one row.
    """

    target: str
    key: str
    gate: str | None = None
    label: str = ""

    def rows(self, config: NetworkConfig) -> slice:
        """The rows of the full array this matrix covers."""
        if self.gate is None:
            return slice(None)
        index = GATES[config.kind].index(self.gate)
        return slice(index * config.hidden_size, (index + 1) * config.hidden_size)

    def full(self, doc: SessionDocument) -> np.ndarray:
        """The whole array this matrix is part of (the live array: do not write)."""
        return doc.parameters[self.key] if self.target == "parameter" else doc.readout[self.key]

    def block(self, doc: SessionDocument) -> np.ndarray:
        """The matrix as 2-D (rows, columns); a vector is one row. A view: do not write."""
        block = self.full(doc)[self.rows(doc.config)]
        return block if block.ndim == 2 else block[None, :]

    def with_block(self, doc: SessionDocument, block: np.ndarray) -> np.ndarray:
        """A copy of the whole array with this matrix replaced by ``block`` (2-D as :meth:`block`)."""
        out = self.full(doc).copy()
        rows = self.rows(doc.config)
        out[rows] = np.reshape(block, out[rows].shape)
        return out

    @property
    def is_recurrent(self) -> bool:
        return self.target == "parameter" and self.key.startswith("weight_hh")


def matrices(config: NetworkConfig, layer: int, direction: int) -> list[MatrixRef]:
    """Every matrix of one layer and direction, split by gate, then the read-out.

    Labels follow the course notes: W_i{gate} input weights, W_h{gate} recurrent weights,
    b_i{gate}/b_h{gate} biases (RNN: W_ih, W_hh, b_ih, b_hh), w_ci/w_cf/w_co peepholes; the
    embedding E (one row per input) with the first layer's.
    """
    kind, end = config.kind, suffix(layer, direction)
    refs = [MatrixRef("parameter", EMBEDDING, None, "E")] if config.embedding_size and layer == 0 else []
    for prefix, symbol in (("weight_ih", "W_i"), ("weight_hh", "W_h"), ("bias_ih", "b_i"), ("bias_hh", "b_h")):
        for gate in GATES[kind]:
            label = symbol + ("h" if kind.startswith("rnn") else gate)
            refs.append(MatrixRef("parameter", f"{prefix}_{end}", gate, label))
    if kind == "peephole_lstm":
        refs += [MatrixRef("parameter", f"weight_{name}_{end}", None, f"w_{name}") for name in ("ci", "cf", "co")]
    refs += [MatrixRef("readout", "weight", None, "W_y"), MatrixRef("readout", "bias", None, "b_y")]
    return refs


# -- whole-matrix actions -----------------------------------------------------------------------
def scaled(doc: SessionDocument, ref: MatrixRef, factor: float) -> np.ndarray:
    """The whole array with ``ref``'s matrix multiplied by ``factor``."""
    if not np.isfinite(factor):
        raise ValueError("The scale factor must be a finite number.")
    return ref.with_block(doc, ref.block(doc) * factor)


def zeroed(doc: SessionDocument, ref: MatrixRef) -> np.ndarray:
    """The whole array with ``ref``'s matrix set to zero."""
    return ref.with_block(doc, np.zeros_like(ref.block(doc)))


def identity(doc: SessionDocument, ref: MatrixRef) -> np.ndarray:
    """The whole array with ``ref``'s (square, recurrent) matrix set to the identity."""
    rows, columns = ref.block(doc).shape
    if not ref.is_recurrent or rows != columns:
        raise ValueError("Only a square recurrent block (W_h…) can be set to the identity.")
    return ref.with_block(doc, np.eye(rows))


def reinitialized(doc: SessionDocument, ref: MatrixRef, scheme: str, seed: int) -> np.ndarray:
    """The whole array with ``ref``'s matrix as a fresh network initialised by ``scheme`` would have it."""
    if scheme not in INIT_SCHEMES:
        raise ValueError(f"Unknown initialisation {scheme!r}; choose one of {', '.join(INIT_SCHEMES)}.")
    c = doc.config
    if ref.target == "readout":
        fresh = Readout(c.num_directions * c.hidden_size, c.output_size, seed=seed).parameters()
    else:
        net = build_network(c.kind, c.input_size, c.hidden_size, num_layers=c.num_layers,
                            bidirectional=c.bidirectional, embedding_size=c.embedding_size)
        net.initialize(init=scheme, seed=seed)
        fresh = net.parameters()
    block = fresh[ref.key][ref.rows(c)]
    return ref.with_block(doc, block)


def with_gate_bias(doc: SessionDocument, gate: str, value: float, *,
                   layers: list[tuple[int, int]] | None = None) -> dict[str, np.ndarray]:
    """New bias arrays with the effective bias of ``gate`` equal to ``value``: b_i{gate} = value,
    b_h{gate} = 0, in the given (layer, direction) pairs (None: all of them)."""
    c = doc.config
    if gate not in GATES[c.kind]:
        raise ValueError(f"A {c.kind} network has no gate {gate!r}.")
    if not np.isfinite(value):
        raise ValueError("The bias must be a finite number.")
    pairs = layers if layers is not None else _all_layers(c)
    out = {}
    for layer, direction in pairs:
        end = suffix(layer, direction)
        for name, bias in ((f"bias_ih_{end}", value), (f"bias_hh_{end}", 0.0)):
            ref = MatrixRef("parameter", name, gate)
            out[name] = ref.with_block(doc, np.full_like(ref.block(doc), bias))
    return out


def _all_layers(config: NetworkConfig) -> list[tuple[int, int]]:
    return [(layer, d) for layer in range(config.num_layers) for d in range(config.num_directions)]
