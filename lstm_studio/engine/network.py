"""Stacked, optionally bidirectional recurrent networks in PyTorch's parameter layout."""

from __future__ import annotations

import contextlib
import functools
import numbers

import numpy as np

from .bptt import check_clipping, clip_gradients, truncation_cuts
from .cells import GATES, KINDS, DirectionParams, DirectionRun, make_cell
from .checks import as_float_array, check_dtype, check_size
from .embedding import EMBEDDING, embed, embedding_backward, initial_embedding
from .one_hot import one_hot_indices
from .trace import DerivedCache, Gradients, LayerTrace, Trace
from .work_arrays import LARGE_SCRATCH_BYTES, fresh, release_scratch, scratch, transient

INITS = ("pytorch", "xavier", "orthogonal")
PEEPHOLES = ("ci", "cf", "co")

STORED_ACTIVATIONS_BYTES = 256 * 2**20
"""A trace keeps its gate activations (and LSTM's tanh(c_t)) when those of all its layers take at
most this many bytes; a larger one keeps the preactivations and states only and derives the
rest when read (see ``LayerTrace``) and, for BPTT, into work arrays: the trace of the largest
networks takes 40% less memory, for one extra elementwise pass per layer in BPTT."""


def activation_bytes(kind, hidden_size, num_layers, num_directions, steps, batch=1, itemsize=8):
    """Bytes of the gate activations (and LSTM's tanh(c_t)) of a whole trace."""
    rows = len(GATES[kind]) + (1 if make_cell(kind).has_cell_state else 0)
    return rows * hidden_size * num_layers * num_directions * steps * batch * itemsize


def keeps_activations(kind, hidden_size, num_layers, num_directions, steps, batch=1, itemsize=8):
    """Whether the trace of such a network stores its activations (``STORED_ACTIVATIONS_BYTES``);
    a simple RNN's activations are its states, always stored."""
    return kind in ("rnn_tanh", "rnn_relu") or activation_bytes(
        kind, hidden_size, num_layers, num_directions, steps, batch, itemsize) \
        <= STORED_ACTIVATIONS_BYTES


def _derived_activations(cell, pre, c, reverse):
    """(gate rows, derived extras) in true time from a run's preactivations and cell states in
    processing order (a module-level function: a trace can be pickled)."""
    act, derived = cell.derive(pre, c)
    return _flip(act, reverse), {k: _flip(v, reverse) for k, v in derived.items()}


def _flip(array, reverse):
    """Convert between true time and processing order (a view)."""
    return None if array is None else (array[::-1] if reverse else array)


class Network:
    """A stack of recurrent layers of one ``kind`` (see ``build_network``, which also draws the
    initial parameters; a bare ``Network`` starts with all parameters zero).

    Attributes
    ----------
    kind, input_size, hidden_size, num_layers, bidirectional, num_directions, has_cell_state,
    dtype, embedding_size (0: the input feeds the first layer; else the size D of the embedding
    between them, see :mod:`.embedding`)
    """

    def __init__(self, kind, input_size, hidden_size, num_layers=1, bidirectional=False,
                 dtype=np.float64, embedding_size=0):
        if kind not in KINDS:
            raise ValueError(f"unknown network kind {kind!r}; choose one of {', '.join(KINDS)}")
        self.kind = kind
        self.input_size = check_size("input_size", input_size)
        self.hidden_size = check_size("hidden_size", hidden_size)
        self.num_layers = check_size("num_layers", num_layers)
        self.embedding_size = 0 if embedding_size == 0 and not isinstance(embedding_size, bool) \
            else check_size("embedding_size", embedding_size)
        self.bidirectional = bool(bidirectional)
        self.num_directions = 2 if self.bidirectional else 1
        self.dtype = check_dtype(dtype)
        self.cell = make_cell(kind)
        self.has_cell_state = self.cell.has_cell_state
        self._params = {name: np.zeros(shape, dtype=self.dtype)
                        for name, shape in self.parameter_shapes().items()}

    # ------------------------------------------------------------------ parameters
    def _names(self, layer, direction):
        """Parameter names of one layer/direction: role -> PyTorch name."""
        suffix = f"_l{layer}" + ("_reverse" if direction else "")
        names = {role: f"{role}{suffix}" for role in
                 ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
        if self.kind == "peephole_lstm":
            names.update({f"weight_{p}": f"weight_{p}{suffix}" for p in PEEPHOLES})
        return names

    def _layer_input_size(self, layer):
        if layer > 0:
            return self.num_directions * self.hidden_size
        return self.embedding_size or self.input_size

    def _directions(self):
        return [(layer, direction) for layer in range(self.num_layers)
                for direction in range(self.num_directions)]

    def parameter_shapes(self):
        """Dict name -> shape, in PyTorch's order (the embedding, then per layer, per direction)."""
        rows = len(GATES[self.kind]) * self.hidden_size
        shapes = {EMBEDDING: (self.input_size, self.embedding_size)} if self.embedding_size else {}
        for layer, direction in self._directions():
            names = self._names(layer, direction)
            shapes[names["weight_ih"]] = (rows, self._layer_input_size(layer))
            shapes[names["weight_hh"]] = (rows, self.hidden_size)
            shapes[names["bias_ih"]] = (rows,)
            shapes[names["bias_hh"]] = (rows,)
            for p in PEEPHOLES:
                if f"weight_{p}" in names:
                    shapes[names[f"weight_{p}"]] = (self.hidden_size,)
        return shapes

    def parameters(self, copy=True):
        """Dict name -> copy of the parameter array (``copy`` False: the network's own arrays,
        for a caller that drops the network)."""
        return {name: array.copy() if copy else array for name, array in self._params.items()}

    def _checked(self, name, value, copy=True):
        shapes = self.parameter_shapes()
        if name not in shapes:
            raise ValueError(f"unknown parameter {name!r} for this {self.kind} network; "
                             f"expected one of {', '.join(shapes)}")
        array = as_float_array(f"parameter {name!r}", value, self.dtype, copy)
        if array.shape != shapes[name]:
            raise ValueError(f"parameter {name!r} has shape {array.shape} but the network "
                             f"expects {shapes[name]}")
        return array

    def load_parameters(self, values, copy=True):
        """Replace all parameters; ``values`` must have exactly the names and shapes of
        ``parameter_shapes()`` and finite numbers (ValueError naming the key otherwise).
        Nothing changes when a check fails. ``copy`` False: arrays of the network's dtype are
        used as they are, not copied (for a network that only evaluates them: training
        changes its parameters in place)."""
        missing = [name for name in self._params if name not in values]
        if missing:
            raise ValueError(f"parameter {missing[0]!r} is missing")
        checked = {name: self._checked(name, value, copy) for name, value in values.items()}
        self._params.update(checked)

    def set_parameter(self, name, value):
        """Replace one parameter (same checks as ``load_parameters``)."""
        self._params[name] = self._checked(name, value)

    def gate_slice(self, gate):
        """Rows of weight_ih / weight_hh / bias_* belonging to ``gate``."""
        gates = GATES[self.kind]
        if gate not in gates:
            raise ValueError(f"{self.kind} has no gate {gate!r}; its gates are {', '.join(gates)}")
        k = gates.index(gate)
        return slice(k * self.hidden_size, (k + 1) * self.hidden_size)

    def initialize(self, init="pytorch", seed=0, forget_bias=None):
        """Draw fresh parameters.

        Parameters
        ----------
        init : {"pytorch", "xavier", "orthogonal"}
            "pytorch": every parameter U(-1/sqrt(H), 1/sqrt(H)).
            "xavier": each gate block of weight_ih / weight_hh Glorot-uniform
            U(±sqrt(6/(fan_in+fan_out))); biases and peepholes 0.
            "orthogonal": as "xavier" but each H×H gate block of weight_hh orthogonal.
            The embedding: N(0, 1) for "pytorch" (as ``nn.Embedding``), else Glorot-uniform.
        seed : int
            Seed of ``numpy.random.default_rng``.
        forget_bias : float or None
            Kinds with a forget gate only (lstm, peephole_lstm): bias_ih f-rows = value,
            bias_hh f-rows = 0.
        """
        if init not in INITS:
            raise ValueError(f"unknown init {init!r}; choose one of {', '.join(INITS)}")
        if forget_bias is not None:
            if "f" not in GATES[self.kind]:
                raise ValueError(f"forget_bias only applies to kinds with a forget gate, "
                                 f"not {self.kind}")
            if isinstance(forget_bias, bool) or not isinstance(forget_bias, numbers.Real) \
                    or not np.isfinite(forget_bias):
                raise ValueError(f"forget_bias must be a finite number, got {forget_bias!r}")
        rng = np.random.default_rng(seed)
        hidden = self.hidden_size
        for name, shape in self.parameter_shapes().items():
            if name == EMBEDDING:
                value = initial_embedding(init, shape, rng)
            elif init == "pytorch":
                bound = 1.0 / np.sqrt(hidden)
                value = rng.uniform(-bound, bound, size=shape)
            elif name.startswith(("weight_ih", "weight_hh")):
                blocks = [self._block_init(init, name, rng, (hidden, shape[1]))
                          for _ in range(shape[0] // hidden)]
                value = np.concatenate(blocks)
            else:
                value = np.zeros(shape)
            self._params[name] = value.astype(self.dtype, copy=False)  # (drawn fresh: no copy needed)
        if forget_bias is not None:
            rows = self.gate_slice("f")
            for layer, direction in self._directions():
                names = self._names(layer, direction)
                self._params[names["bias_ih"]][rows] = forget_bias
                self._params[names["bias_hh"]][rows] = 0

    @staticmethod
    def _block_init(init, name, rng, shape):
        if init == "orthogonal" and name.startswith("weight_hh"):
            q, r = np.linalg.qr(rng.standard_normal(shape))
            return q * np.sign(np.diag(r))
        bound = np.sqrt(6.0 / (shape[0] + shape[1]))
        return rng.uniform(-bound, bound, size=shape)

    def _direction_params(self, layer, direction):
        names = self._names(layer, direction)
        p = self._params
        return DirectionParams(
            w_ih=p[names["weight_ih"]], w_hh=p[names["weight_hh"]],
            b_ih=p[names["bias_ih"]], b_hh=p[names["bias_hh"]],
            **{f"w_{c}": p[names[f"weight_{c}"]] for c in PEEPHOLES if f"weight_{c}" in names})

    # ------------------------------------------------------------------ forward
    def _check_input(self, x):
        x = as_float_array("input", x, self.dtype)
        if x.ndim not in (2, 3):
            raise ValueError(f"input must have shape (T, {self.input_size}) or "
                             f"(T, N, {self.input_size}), got {x.shape}")
        if x.shape[-1] != self.input_size:
            raise ValueError(f"input has {x.shape[-1]} channels but the network expects "
                             f"{self.input_size}")
        if x.shape[0] < 1:
            raise ValueError("input has no time steps (T must be at least 1)")
        if x.ndim == 3 and x.shape[1] < 1:
            raise ValueError("input has an empty batch (N must be at least 1)")
        batched = x.ndim == 3
        return (x if batched else x[:, None, :]), batched

    def _check_state(self, name, value, batch, batched):
        """Initial state as (L*D, N, H); zeros when ``value`` is None."""
        rows = self.num_layers * self.num_directions
        if value is None:
            return np.zeros((rows, batch, self.hidden_size), dtype=self.dtype)
        state = as_float_array(name, value, self.dtype)
        expected = (rows, batch, self.hidden_size) if batched else (rows, self.hidden_size)
        if state.shape != expected:
            layout = "(num_layers*num_directions, N, hidden_size)" if batched else \
                "(num_layers*num_directions, hidden_size)"
            raise ValueError(f"{name} has shape {state.shape} but the network expects "
                             f"{expected} {layout}")
        return state if batched else state[:, None, :]

    def forward(self, x, h0=None, c0=None, reuse=False):
        """Run the network and record every intermediate.

        Parameters
        ----------
        x : array (T, I) or (T, N, I)
            Input, time first; cast to the network dtype. With an embedding, the first layer's
            input is x E (layer 0's ``LayerTrace.x``); ``Trace.x`` stays ``x``.
        h0, c0 : array (L*D, [N,] H) or None
            Initial states (zeros when None); ``c0`` only for LSTM kinds.
        reuse : bool
            True: the trace's per-step arrays are this thread's work arrays (``work_arrays.transient``),
            valid until the next forward with ``reuse``: for a caller that drops the trace
            before (a training step).

        Returns
        -------
        Trace
        """
        x, batched = self._check_input(x)
        steps, batch, _ = x.shape
        h0 = self._check_state("h0", h0, batch, batched)
        if c0 is not None and not self.has_cell_state:
            raise ValueError(f"c0 was given but a {self.kind} network has no cell state")
        c0 = self._check_state("c0", c0, batch, batched) if self.has_cell_state else None
        layers, runs = [], []
        layer_input = embed(x, self._params[EMBEDDING]) if self.embedding_size else x
        # a one-hot input (a character model's) projects by a row lookup: the same numbers
        hot = None if self.embedding_size else one_hot_indices(x.reshape(steps * batch, -1))
        keep = keeps_activations(self.kind, self.hidden_size, self.num_layers, self.num_directions,
                                 steps, batch, self.dtype.itemsize)
        cache = None if keep else DerivedCache()
        with np.errstate(all="ignore"):
            for layer in range(self.num_layers):
                traces = []
                # both directions write their states into one array, the layer's output: rows
                # 1..T hold h_t side by side, row 0 the forward direction's h0 and row T+1 the
                # reverse one's (no copy to put them side by side)
                with _work(reuse, ("forward", layer)):
                    out = fresh("output", (steps + 2, batch, self.num_directions * self.hidden_size),
                                self.dtype) if self.bidirectional else None
                for direction in range(self.num_directions):
                    reverse = direction == 1
                    index = layer * self.num_directions + direction
                    p = self._direction_params(layer, direction)
                    flat = layer_input.reshape(steps * batch, -1)
                    # input projection of every step in one product; the cell completes it
                    # in place into the preactivations
                    w_ih, bias = self.cell.projection(p)
                    with _work(reuse, ("forward", layer, direction)):
                        pre = fresh("pre", (steps, batch, w_ih.shape[0]), self.dtype)
                        if layer == 0 and hot is not None:
                            # row k of W_ihᵀ + b (mode "clip": the indices are valid; the
                            # default buffers ``out``)
                            np.take(w_ih.T + bias, hot, axis=0,
                                    out=pre.reshape(steps * batch, -1), mode="clip")
                        else:
                            np.matmul(flat, w_ih.T, out=pre.reshape(steps * batch, -1))
                            pre += bias
                        states = None if out is None else _flip(out, reverse)[
                            :steps + 1, :, direction * self.hidden_size:(direction + 1) * self.hidden_size]
                        run = self.cell.forward(p, _flip(pre, reverse), h0[index],
                                                None if c0 is None else c0[index], keep=keep,
                                                states=states)
                    runs.append(run)
                    traces.append(self._layer_trace(layer, direction, layer_input, h0[index],
                                                    None if c0 is None else c0[index], run,
                                                    cache))
                layers.append(traces)
                layer_input = out[1:steps + 1] if self.bidirectional else traces[0].h
            # with finite x, h0, c0 and weights, every other intermediate is finite whenever all
            # preactivations are (an overflow anywhere reaches a later preactivation); a finite
            # sum proves all terms finite, the elementwise check only runs when it is not
            nonfinite = not all(np.isfinite(run.pre.sum()) or np.isfinite(run.pre).all()
                                for run in runs)
        h_n = np.stack([run.h[-1] for run in runs])
        c_n = np.stack([run.c[-1] for run in runs]) if self.has_cell_state else None
        unbatch = (lambda a: a) if batched else (lambda a: None if a is None else a[..., 0, :])
        return Trace(kind=self.kind, batched=batched, T=steps, N=batch, x=x,
                     output=unbatch(layer_input), h_n=unbatch(h_n), c_n=unbatch(c_n),
                     nonfinite=nonfinite, layers=layers)

    def _layer_trace(self, layer, direction, x, h0, c0, run, cache=None):
        """The LayerTrace of ``run``; with a ``cache``, one that derives its activations (the
        run's ``act`` and ``tanh_c`` are work arrays then, see ``LSTMCell.forward``)."""
        reverse = direction == 1
        hidden = self.hidden_size
        pre = _flip(run.pre, reverse)
        gates = GATES[self.kind]
        extras = {k: _flip(v, reverse) for k, v in run.extras.items()}
        derive = None
        if cache is not None:
            extras.pop("tanh_c", None)
            derive = functools.partial(_derived_activations, self.cell, run.pre, run.c, reverse)

        return LayerTrace(
            layer=layer, direction=direction, x=x, h0=h0, c0=c0,
            preactivations={g: pre[:, :, k * hidden:(k + 1) * hidden] for k, g in enumerate(gates)},
            h=_flip(run.h, reverse), c=_flip(run.c, reverse),
            h_prev=_flip(run.h_prev, reverse), c_prev=_flip(run.c_prev, reverse),
            preactivation_rows=pre,
            stored_gate_rows=None if cache is not None else _flip(run.act, reverse),
            stored_extras=extras, derive=derive, cache=cache)

    def _run_in_processing_order(self, lt):
        """The DirectionRun of ``lt``; activations a trace does not keep and did not derive yet
        are derived into this thread's work arrays (those the forward used for them: valid until the
        next forward or backward)."""
        reverse = lt.direction == 1
        pre = _flip(lt.preactivation_rows, reverse)
        c = _flip(lt.c, reverse)
        cached = lt.cache.peek((lt.layer, lt.direction)) if lt.cache is not None else None
        if lt.activations_stored or cached is not None:
            act, extras = _flip(lt.gate_rows, reverse), lt.extras
            extras = {k: _flip(v, reverse) for k, v in extras.items()}
        else:
            out = (scratch("act", pre.shape, pre.dtype),
                   None if c is None else scratch("tanh_c", c.shape, c.dtype))
            act, derived = self.cell.derive(pre, c, out)
            extras = {k: _flip(v, reverse) for k, v in lt.stored_extras.items()} | derived
        return DirectionRun(
            pre=pre, act=act,
            h_prev=_flip(lt.h_prev, reverse), h=_flip(lt.h, reverse),
            c_prev=_flip(lt.c_prev, reverse), c=c, extras=extras)

    # ------------------------------------------------------------------ backward
    def backward(self, trace, d_output, truncate=None, clip_norm=None, clip_value=None,
                 input_gradient=True, reuse=False):
        """Backpropagation through time.

        Parameters
        ----------
        trace : Trace
            From ``forward`` with the current parameters.
        d_output : array, shape of ``trace.output``
            dL/d output.
        truncate : int or None
            Truncated BPTT with chunks of ``truncate`` steps aligned to the end of the sequence
            (see ``truncation_cuts``); h0/c0 receive the gradient of the first chunk processed.
        clip_norm, clip_value : float or None
            See ``clip_gradients``; applied to parameter gradients only.
        input_gradient : bool
            False: no ``"input"`` entry (a trainer does not need dL/dx; without an embedding the
            first layer then skips its input-gradient product).
        reuse : bool
            True: the per-step gradients ``dh``, ``dc`` are this thread's work arrays, valid until
            the next backward with ``reuse`` (see ``forward``).

        Returns
        -------
        Gradients
        """
        if not isinstance(trace, Trace) or trace.kind != self.kind or \
                len(trace.layers) != self.num_layers or \
                len(trace.layers[0]) != self.num_directions or \
                trace.x.shape[-1] != self.input_size or trace.h_n.shape[-1] != self.hidden_size or \
                trace.layers[0][0].x.shape[-1] != self._layer_input_size(0):
            raise ValueError("trace was not produced by this network's forward")
        try:
            d_output = np.asarray(d_output, dtype=self.dtype)
        except (TypeError, ValueError) as error:
            raise ValueError(f"d_output must be an array of numbers ({error})") from error
        if d_output.shape != trace.output.shape:
            raise ValueError(f"d_output has shape {d_output.shape} but the trace output has "
                             f"shape {trace.output.shape}")
        if truncate is not None:
            truncate = check_size("truncate", truncate)
        check_clipping(clip_norm, clip_value)
        steps, batch, hidden = trace.T, trace.N, self.hidden_size
        d_above = d_output if trace.batched else d_output[:, None, :]
        grads = {}
        dh = [[None] * self.num_directions for _ in range(self.num_layers)]
        dc = [[None] * self.num_directions for _ in range(self.num_layers)] \
            if self.has_cell_state else None
        rows = self.num_layers * self.num_directions
        dh0 = np.zeros((rows, batch, hidden), dtype=self.dtype)
        dc0 = np.zeros_like(dh0) if self.has_cell_state else None
        with np.errstate(all="ignore"):
            for layer in reversed(range(self.num_layers)):
                for direction in range(self.num_directions):
                    reverse = direction == 1
                    lt = trace.layers[layer][direction]
                    p = self._direction_params(layer, direction)
                    names = self._names(layer, direction)
                    dh_out = _flip(d_above[:, :, direction * hidden:(direction + 1) * hidden],
                                   reverse)
                    cuts = truncation_cuts(steps, truncate, reverse)
                    with _work(reuse, ("backward", layer, direction)):
                        dg = self.cell.backward(p, self._run_in_processing_order(lt), dh_out, cuts)
                    # weight gradients: one product over all steps (and batch)
                    d_ih = dg.d_ih.reshape(steps * batch, -1)
                    d_hh = dg.d_hh.reshape(steps * batch, -1)
                    x = _flip(lt.x, reverse)
                    h_prev = _flip(lt.h_prev, reverse)
                    if dg.d_hh is dg.d_ih:
                        w_ih, w_hh, bias = _weight_gradients(d_ih, x, h_prev)
                        grads[names["bias_hh"]] = bias.copy()
                    else:  # GRU: W_hh h + b_hh has a gradient of its own
                        w_ih, _, bias = _weight_gradients(d_ih, x)
                        w_hh, _, grads[names["bias_hh"]] = _weight_gradients(d_hh, h_prev)
                    grads[names["weight_ih"]], grads[names["weight_hh"]] = w_ih, w_hh
                    grads[names["bias_ih"]] = bias
                    for peephole, value in dg.peepholes.items():
                        grads[names["weight_" + peephole[2:]]] = value
                    if layer > 0 or input_gradient or self.embedding_size:
                        d_x = _flip((d_ih @ p.w_ih).reshape(steps, batch, -1), reverse)
                        if direction == 0:
                            d_input = d_x
                        else:
                            d_input += d_x
                    else:
                        d_input = None
                    index = layer * self.num_directions + direction
                    dh0[index] = dg.dh0
                    dh[layer][direction] = _flip(dg.dh, reverse)
                    if self.has_cell_state:
                        dc0[index] = dg.dc0
                        dc[layer][direction] = _flip(dg.dc, reverse)
                d_above = d_input
            if self.embedding_size:
                grads[EMBEDDING], d_above = embedding_backward(trace.x, d_above,
                                                               self._params[EMBEDDING])
        release_scratch(LARGE_SCRATCH_BYTES)
        ordered = {name: grads[name] for name in self._params}
        norm, clipped = clip_gradients(list(ordered.values()), clip_norm, clip_value)
        unbatch = (lambda a: a) if trace.batched else (lambda a: a[..., 0, :])
        if input_gradient:
            ordered["input"] = unbatch(d_above)
        ordered["h0"] = unbatch(dh0)
        if self.has_cell_state:
            ordered["c0"] = unbatch(dc0)
        return Gradients(ordered, dh=dh, dc=dc, norm=norm, clipped=clipped)


def _work(reuse, owner):
    """``transient(owner)`` when ``reuse``, else nothing."""
    return transient(owner) if reuse else contextlib.nullcontext()


def _weight_gradients(d_rows, x, h_prev=None):
    """(dW_ih, dW_hh, db) = Σ over steps and batch of ``d_rowsᵀ [x, h_prev, 1]`` (``d_rows``
    (R, G*H), ``x`` and ``h_prev`` (T, N, ·), R = T·N) as C-contiguous arrays, dW_hh None
    without ``h_prev``: one product ``[x, h_prev, 1]ᵀ d_rows``, which OpenBLAS runs faster than
    one per block (and the bias's sum)."""
    rows, width = d_rows.shape[0], x.shape[-1]
    columns = width + 1 + (0 if h_prev is None else h_prev.shape[-1])
    inputs = scratch("weight_gradient_inputs", (rows, columns), d_rows.dtype)
    inputs[:, :width] = x.reshape(rows, -1)
    inputs[:, width] = 1
    if h_prev is not None:
        inputs[:, width + 1:] = h_prev.reshape(rows, -1)
    product = inputs.T @ d_rows
    w_ih = np.ascontiguousarray(product[:width].T)
    w_hh = None if h_prev is None else np.ascontiguousarray(product[width + 1:].T)
    return w_ih, w_hh, product[width].copy()


def build_network(kind, input_size, hidden_size, num_layers=1, bidirectional=False,
                  init="pytorch", seed=0, forget_bias=None, dtype=np.float64, embedding_size=0):
    """Create and initialize a ``Network``.

    Parameters
    ----------
    kind : one of ``KINDS``
    input_size, hidden_size, num_layers : int >= 1
    bidirectional : bool
    init, seed, forget_bias
        See ``Network.initialize``.
    dtype : np.float64 (default) or np.float32
    embedding_size : int >= 0
        0: the input feeds the first layer; D > 0: an embedding matrix ``embedding``
        (input_size, D) maps the input x_t to the first layer's input x_t E.

    Notes
    -----
    Parameters are PyTorch's: ``weight_ih_l{k}`` (G*H, I_k), ``weight_hh_l{k}`` (G*H, H),
    ``bias_ih_l{k}``, ``bias_hh_l{k}`` (G*H,), suffix ``_reverse`` for the backward direction,
    plus ``weight_ci_l{k}``, ``weight_cf_l{k}``, ``weight_co_l{k}`` (H,) for ``peephole_lstm``.
    I_0 = input_size (embedding_size with an embedding), I_k = D*H for k > 0; G = number of gates (1 RNN, 4 LSTM, 3 GRU and
    ``lstm_nofg``, the 1997 LSTM without a forget gate).
    """
    network = Network(kind, input_size, hidden_size, num_layers, bidirectional, dtype,
                      embedding_size)
    network.initialize(init=init, seed=seed, forget_bias=forget_bias)
    return network
