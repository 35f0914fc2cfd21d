"""Recurrent cells: whole-sequence forward and BPTT for one layer in one direction.

Every function here works in PROCESSING order (step 0 is the first step the direction sees;
the network flips the reverse direction). The input projection ``W_ih x_t + b`` of all steps is
computed by the network in one matrix product (or a row gather, for a one-hot input) and passed
in as ``pre``, which the forward loop completes in place into the preactivations; the loops only
do the recurrent product and the elementwise gate arithmetic, a few in-place calls over whole
gate blocks per step (blocks that stay in cache), writing into preallocated arrays. BPTT
computes what does not depend on the recurrence (the LSTM gates' slopes) a chunk of steps at a
time (``work_arrays.CHUNK_ELEMENTS``). The weight gradients are one product over all steps after the loop
(in the network), from the per-step preactivation gradients the backward loop stacks.

Parameter layout is PyTorch's: ``w_ih`` (G*H, I), ``w_hh`` (G*H, H), ``b_ih``, ``b_hh`` (G*H,),
gate blocks of H rows stacked in the order of ``GATES[kind]``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .work_arrays import _chunk_steps, _chunks_from_end, fresh, scratch

KINDS = ("rnn_tanh", "rnn_relu", "lstm", "gru", "peephole_lstm", "lstm_nofg")

GATES = {
    "rnn_tanh": ("a",),
    "rnn_relu": ("a",),
    "lstm": ("i", "f", "g", "o"),
    "gru": ("r", "z", "n"),
    "peephole_lstm": ("i", "f", "g", "o"),
    "lstm_nofg": ("i", "g", "o"),
}

GATE_ACTIVATION = {
    "rnn_tanh": {"a": "tanh"},
    "rnn_relu": {"a": "relu"},
    "lstm": {"i": "sigmoid", "f": "sigmoid", "g": "tanh", "o": "sigmoid"},
    "gru": {"r": "sigmoid", "z": "sigmoid", "n": "tanh"},
    "peephole_lstm": {"i": "sigmoid", "f": "sigmoid", "g": "tanh", "o": "sigmoid"},
    "lstm_nofg": {"i": "sigmoid", "g": "tanh", "o": "sigmoid"},
}


@dataclass
class DirectionParams:
    """Parameters of one layer and direction (peepholes only for ``peephole_lstm``)."""

    w_ih: np.ndarray
    w_hh: np.ndarray
    b_ih: np.ndarray
    b_hh: np.ndarray
    w_ci: np.ndarray | None = None
    w_cf: np.ndarray | None = None
    w_co: np.ndarray | None = None


@dataclass
class DirectionRun:
    """Intermediates of one direction in processing order; all (T, N, ·).

    ``pre``/``act`` hold every gate's preactivation/activation in parameter row order (T, N, G*H);
    ``h_prev``/``c_prev`` the state each step starts from, ``h``/``c`` the state it produces.
    """

    pre: np.ndarray
    act: np.ndarray
    h_prev: np.ndarray
    h: np.ndarray
    c_prev: np.ndarray | None
    c: np.ndarray | None
    extras: dict


@dataclass
class DirectionGradients:
    """BPTT result of one direction in processing order.

    ``d_ih`` (T, N, G*H) is dL/d(W_ih x_t + b_ih), ``d_hh`` dL/d(W_hh h_prev + b_hh) (the same
    array except for GRU); ``dh``/``dc`` total dL/dh_t, dL/dc_t; ``dh0``/``dc0`` (N, H);
    ``peepholes`` the gradients of ``w_ci``, ``w_cf``, ``w_co`` (peephole LSTM only).
    """

    d_ih: np.ndarray
    d_hh: np.ndarray
    dh: np.ndarray
    dc: np.ndarray | None
    dh0: np.ndarray
    dc0: np.ndarray | None
    peepholes: dict


def _gate_scale(kind, hidden, dtype):
    """Per-row ``scale`` and ``shift`` (G*H,) that evaluate every gate of ``kind`` as
    ``scale * tanh(scaled preactivation) + shift``.

    σ(x) = ½ + ½·tanh(x/2) (never overflows; absolute error ~1e-16): sigmoid rows use
    scale = shift = ½, tanh rows scale = 1, shift = 0. The forward loops work on scaled
    preactivations (their weights and biases scaled: exact, a power of two) and unscale them
    once after the loop, so a step needs one tanh, one product and one sum for all gates.
    """
    sigmoid_rows = np.repeat([GATE_ACTIVATION[kind][g] == "sigmoid" for g in GATES[kind]], hidden)
    scale = np.where(sigmoid_rows, 0.5, 1.0).astype(dtype)
    shift = np.where(sigmoid_rows, 0.5, 0.0).astype(dtype)
    return scale, shift


def _activate(pre, out, scale, shift):
    """``out`` = σ or tanh row by row from the scaled preactivations ``pre``:
    ``scale ⊙ tanh(pre) + shift``, three in-place calls over the whole gate block."""
    np.tanh(pre, out=out)
    out *= scale
    out += shift


def derive_gates(kind, pre, out=None):
    """The gate activations (T, N, G*H) of ``kind`` from its preactivations ``pre``, the same
    numbers, bit for bit, as the forward loop computed: it worked on the preactivations scaled
    by ``_gate_scale`` (a power of two: exact both ways) and activated them with ``_activate``."""
    scale, shift = _gate_scale(kind, pre.shape[-1] // len(GATES[kind]), pre.dtype)
    out = np.multiply(pre, scale, out=out)
    _activate(out, out, scale, shift)
    return out


def _array(tag, shape, dtype, keep):
    """A fresh array (``fresh``) when the trace keeps it, else this thread's work array ``tag``."""
    return fresh(tag, shape, dtype) if keep else scratch(tag, shape, dtype)


def _scaled_projection(kind, p, bias):
    """Input projection ``(W_ih ⊙ scale, bias ⊙ scale)`` of a gated kind (see ``_gate_scale``)."""
    scale, _ = _gate_scale(kind, p.w_hh.shape[1], p.w_ih.dtype)
    return p.w_ih * scale[:, None], bias * scale


def _scaled_recurrent_weights(w_hh, scale):
    """``(W_hh ⊙ scale)ᵀ`` as a C-contiguous (H, G*H) array for ``h @ ·``."""
    return np.multiply(w_hh.T, scale, out=np.empty(w_hh.shape[::-1], dtype=w_hh.dtype))


def _slope(out, value, kind, times=None):
    """``out = act'(·) [⊙ times]`` from the activation ``value``: σ' = σ(1−σ), tanh' = 1−tanh²."""
    if kind == "sigmoid":
        np.subtract(1, value, out=out)
        out *= value
    else:
        np.multiply(value, value, out=out)
        np.subtract(1, out, out=out)
    if times is not None:
        out *= times
    return out


def _empty_states(pre, hidden_size, initial, states=None, tag="h"):
    """(T+1, N, H) array in processing order holding ``initial`` at index 0: ``states`` when
    given (a view the caller chose: the network lets both directions of a layer write into one
    array, its output), else a new one (``fresh`` ``tag``)."""
    steps, batch, _ = pre.shape
    if states is None:
        states = fresh(tag, (steps + 1, batch, hidden_size), pre.dtype)
    states[0] = initial
    return states


def _reversed_steps(cuts, *arrays):
    """Zip ``arrays`` (and the per-step cut flags) from the last processed step to the first."""
    return zip(cuts[::-1], *(a[::-1] for a in arrays))


class RNNCell:
    """Elman RNN: h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), act = tanh or relu."""

    has_cell_state = False

    def __init__(self, kind):
        self.kind = kind
        self.gates = GATES[kind]
        self.relu = kind == "rnn_relu"

    def projection(self, p):
        """Weights and bias of the input projection: W_ih, b_ih + b_hh."""
        return p.w_ih, p.b_ih + p.b_hh

    def forward(self, p, pre, h0, c0=None, keep=True, states=None):
        """Run the recurrence. ``pre`` (T, N, H) holds W_ih x_t + b_ih + b_hh on entry, the
        preactivations on return; ``h0`` (N, H). (``keep``: see ``LSTMCell.forward``; the
        activations are the states here, always kept.)"""
        hidden = h0.shape[-1]
        hs = _empty_states(pre, hidden, h0, states)
        recurrent = scratch("recurrent", h0.shape, pre.dtype)
        w_hh_t = np.ascontiguousarray(p.w_hh.T)
        relu = self.relu
        for pre_t, h_prev, h_t in zip(pre, hs[:-1], hs[1:]):
            np.matmul(h_prev, w_hh_t, out=recurrent)
            pre_t += recurrent
            if relu:
                np.maximum(pre_t, 0, out=h_t)
            else:
                np.tanh(pre_t, out=h_t)
        return DirectionRun(pre=pre, act=hs[1:], h_prev=hs[:-1], h=hs[1:],
                            c_prev=None, c=None, extras={})

    def derive(self, pre, c, out=None):
        """Nothing to derive: the activations are the states (see ``LSTMCell.derive``)."""
        raise ValueError("a simple RNN's trace keeps its activations")

    def backward(self, p, run, dh_out, cuts):
        """BPTT through the recurrence.

        ``dh_out`` (T, N, H) is the gradient arriving from above; ``cuts[t]`` True zeroes what
        step t passes back to step t-1. dL/dpre_t = dL/dh_t ⊙ act'(pre_t).
        """
        slope = scratch("slope", run.h.shape, run.h.dtype)
        if self.relu:
            np.greater(run.pre, 0, out=slope)
        else:
            _slope(slope, run.h, "tanh")
        dpre = scratch("d_pre", run.pre.shape, run.pre.dtype)
        dh = fresh("dh", dh_out.shape, dh_out.dtype)
        carry = np.zeros_like(dh_out[0])
        w_hh = p.w_hh
        for cut, dh_out_t, dh_t, slope_t, dpre_t in _reversed_steps(cuts, dh_out, dh, slope, dpre):
            np.add(dh_out_t, carry, out=dh_t)
            np.multiply(dh_t, slope_t, out=dpre_t)
            if cut:
                carry.fill(0)
            else:
                np.matmul(dpre_t, w_hh, out=carry)
        return DirectionGradients(d_ih=dpre, d_hh=dpre, dh=dh, dc=None, dh0=carry, dc0=None,
                                  peepholes={})


class LSTMCell:
    """LSTM, optionally with Gers & Schmidhuber peepholes (diagonal ``w_ci``, ``w_cf``, ``w_co``).

    Notes
    -----
    i = σ(W_ii x + b_ii + W_hi h + b_hi [+ w_ci⊙c_{t-1}])
    f = σ(W_if x + b_if + W_hf h + b_hf [+ w_cf⊙c_{t-1}])
    g = tanh(W_ig x + b_ig + W_hg h + b_hg)
    c_t = f⊙c_{t-1} + i⊙g
    o = σ(W_io x + b_io + W_ho h + b_ho [+ w_co⊙c_t])
    h_t = o⊙tanh(c_t)
    """

    has_cell_state = True

    def __init__(self, kind):
        self.kind = kind
        self.gates = GATES[kind]
        self.peephole = kind == "peephole_lstm"

    def projection(self, p):
        """Weights and bias of the input projection, scaled (see ``_gate_scale``):
        W_ih, b_ih + b_hh."""
        return _scaled_projection(self.kind, p, p.b_ih + p.b_hh)

    def forward(self, p, pre, h0, c0, keep=True, states=None):
        """Run the recurrence. ``pre`` (T, N, 4H) holds the scaled input projection
        (``projection``) on entry, the preactivations on return; ``h0``, ``c0`` (N, H).

        ``keep`` False: the run's ``act`` and ``extras["tanh_c"]`` are this thread's work
        arrays, valid until the next forward, for a trace that derives them (``derive``).
        ``states``: the (T+1, N, H) array, or view, to write h_0..h_T into (see
        ``_empty_states``)."""
        hidden = h0.shape[-1]
        peephole = self.peephole
        scale, shift = _gate_scale(self.kind, hidden, pre.dtype)
        act = _array("act", pre.shape, pre.dtype, keep)
        hs = _empty_states(pre, hidden, h0, states)
        cs = _empty_states(pre, hidden, c0, tag="c")
        tanh_c = _array("tanh_c", hs[1:].shape, pre.dtype, keep)
        recurrent = scratch("recurrent", pre.shape[1:], pre.dtype)
        product = scratch("product", h0.shape, pre.dtype)
        w_hh = _scaled_recurrent_weights(p.w_hh, scale)
        if peephole:
            w_ci, w_cf, w_co = 0.5 * p.w_ci, 0.5 * p.w_cf, 0.5 * p.w_co
        # rows whose activation is known before c_t: all of them unless o peeks at c_t
        ready = 3 * hidden if peephole else 4 * hidden
        i, f, g, o = (act[:, :, k * hidden:(k + 1) * hidden] for k in range(4))
        pre_i, pre_f, pre_o = (pre[:, :, k * hidden:(k + 1) * hidden] for k in (0, 1, 3))
        steps = zip(pre, pre[:, :, :ready], act[:, :, :ready], i, f, g, o, pre_i, pre_f, pre_o,
                    hs[:-1], hs[1:], cs[:-1], cs[1:], tanh_c)
        for (pre_t, pre_ready, act_ready, i_t, f_t, g_t, o_t, pre_i_t, pre_f_t, pre_o_t,
             h_prev, h_t, c_prev, c_t, tanh_c_t) in steps:
            np.matmul(h_prev, w_hh, out=recurrent)
            pre_t += recurrent
            if peephole:
                pre_i_t += np.multiply(w_ci, c_prev, out=product)
                pre_f_t += np.multiply(w_cf, c_prev, out=product)
            # i, f, g (and o) = σ, σ, tanh (, σ)
            _activate(pre_ready, act_ready, scale[:ready], shift[:ready])
            np.multiply(f_t, c_prev, out=c_t)                 # c_t = f⊙c_{t-1} + i⊙g
            c_t += np.multiply(i_t, g_t, out=product)
            if peephole:
                pre_o_t += np.multiply(w_co, c_t, out=product)
                _activate(pre_o_t, o_t, 0.5, 0.5)             # o = σ(· + w_co⊙c_t)
            np.tanh(c_t, out=tanh_c_t)                        # h_t = o⊙tanh(c_t)
            np.multiply(o_t, tanh_c_t, out=h_t)
        pre /= scale
        return DirectionRun(pre=pre, act=act, h_prev=hs[:-1], h=hs[1:], c_prev=cs[:-1],
                            c=cs[1:], extras={"tanh_c": tanh_c})

    def derive(self, pre, c, out=None):
        """The activations and ``{"tanh_c"}`` from the preactivations ``pre`` and cell states
        ``c`` (T, N, ·), bit for bit as the forward computed them (into ``out``, a pair of
        arrays, when given)."""
        act, tanh_c = out if out is not None else (None, None)
        return derive_gates(self.kind, pre, act), {"tanh_c": np.tanh(c, out=tanh_c)}

    def backward(self, p, run, dh_out, cuts):
        """BPTT through the recurrence (see ``RNNCell.backward`` for ``dh_out`` and ``cuts``).

        Notes
        -----
        dc_t = dc_{t+1}⊙f_{t+1} + dh_t⊙o⊙(1 − tanh²c_t) [+ dpre_o⊙w_co]
        dpre_i = dc⊙g⊙i(1−i), dpre_f = dc⊙c_{t-1}⊙f(1−f), dpre_g = dc⊙i⊙(1−g²),
        dpre_o = dh⊙tanh(c_t)⊙o(1−o); dh_{t-1} += W_hhᵀ dpre,
        dc_{t-1} = dc_t⊙f [+ w_ci⊙dpre_i + w_cf⊙dpre_f].
        """
        steps, batch, rows = run.act.shape
        hidden = rows // 4
        act = run.act.reshape(steps, batch, 4, hidden)
        tanh_c = run.extras["tanh_c"]
        slope = scratch("slope", (min(steps, _chunk_steps(batch * rows)), batch, 4, hidden),
                        act.dtype)
        q = scratch("dh_o", dh_out.shape[1:], dh_out.dtype)
        r = scratch("dh_o_tanh_c", dh_out.shape[1:], dh_out.dtype)
        dpre = scratch("d_pre", act.shape, act.dtype)
        dh = fresh("dh", dh_out.shape, dh_out.dtype)
        dc = fresh("dc", dh_out.shape, dh_out.dtype)
        dh_carry = np.zeros_like(dh_out[0])
        dc_carry = np.zeros_like(dh_out[0])
        product = scratch("product", dc_carry.shape, dc_carry.dtype)
        peephole, w_hh = self.peephole, p.w_hh
        for start, end in _chunks_from_end(steps, batch * rows):
            a, s = act[start:end], slope[:end - start]
            i, f, g, o = (a[:, :, k] for k in range(4))
            s_i, s_f, s_g, s_o = (s[:, :, k] for k in range(4))
            # the slopes times what multiplies them, for a chunk of steps at once: 1 − o;
            # g⊙σ'(i), c_{t-1}⊙σ'(f) with σ' = σ(1−σ); i⊙tanh'(g) with tanh' = 1 − g²
            np.subtract(1, a, out=s)
            np.multiply(s[:, :, :2], a[:, :, :2], out=s[:, :, :2])
            np.multiply(g, g, out=s_g)
            np.subtract(1, s_g, out=s_g)
            np.multiply(s_i, g, out=s_i)
            np.multiply(s_f, run.c_prev[start:end], out=s_f)
            np.multiply(s_g, i, out=s_g)
            loop = _reversed_steps(cuts[start:end], f, o, s_o, s[:, :, :3], tanh_c[start:end],
                                   *(x[start:end] for x in (dh_out, dh, dc, dc[:, :, None],
                                                            dpre[:, :, 3], dpre[:, :, :3],
                                                            dpre.reshape(steps, batch, rows))))
            for (cut, f_t, o_t, s_o_t, s_ifg_t, tanh_c_t, dh_out_t, dh_t, dc_t, dc_rows_t,
                 dpre_o, dpre_ifg, dpre_t) in loop:
                np.add(dh_out_t, dh_carry, out=dh_t)
                # dpre_o = dh⊙o⊙tanh(c_t)⊙(1−o); dc_t = dh⊙o⊙(1 − tanh²c_t) + dc_{t+1}⊙f_{t+1}
                np.multiply(dh_t, o_t, out=q)
                np.multiply(q, tanh_c_t, out=r)
                np.multiply(r, s_o_t, out=dpre_o)
                np.multiply(r, tanh_c_t, out=dc_t)
                np.subtract(q, dc_t, out=dc_t)
                dc_t += dc_carry
                if peephole:
                    dc_t += np.multiply(dpre_o, p.w_co, out=product)
                np.multiply(dc_rows_t, s_ifg_t, out=dpre_ifg)    # dpre_i, dpre_f, dpre_g
                if cut:
                    dh_carry.fill(0)
                    dc_carry.fill(0)
                    continue
                np.multiply(dc_t, f_t, out=dc_carry)
                if peephole:
                    dc_carry += np.multiply(dpre_ifg[:, 0], p.w_ci, out=product)
                    dc_carry += np.multiply(dpre_ifg[:, 1], p.w_cf, out=product)
                np.matmul(dpre_t, w_hh, out=dh_carry)
        dpre = dpre.reshape(steps, batch, rows)
        peepholes = {}
        if self.peephole:
            dpre_i, dpre_f, dpre_o = (dpre[:, :, k * hidden:(k + 1) * hidden] for k in (0, 1, 3))
            peepholes = {"w_ci": np.einsum("tnh,tnh->h", dpre_i, run.c_prev),
                         "w_cf": np.einsum("tnh,tnh->h", dpre_f, run.c_prev),
                         "w_co": np.einsum("tnh,tnh->h", dpre_o, run.c)}
        return DirectionGradients(d_ih=dpre, d_hh=dpre, dh=dh, dc=dc, dh0=dh_carry,
                                  dc0=dc_carry, peepholes=peepholes)


class GRUCell:
    """GRU with PyTorch's candidate formula.

    Notes
    -----
    r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
    n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn)), h_t = (1−z)⊙n + z⊙h_{t−1}.
    ``extras["hn"]`` = W_hn h_{t-1} + b_hn; ``pre["n"]`` = W_in x + b_in + r⊙hn.
    """

    has_cell_state = False

    def __init__(self, kind):
        self.kind = kind
        self.gates = GATES[kind]

    def projection(self, p):
        """Weights and bias of the input projection, scaled (see ``_gate_scale``): W_ih, b_ih
        (b_hh sits inside r⊙(·) for n)."""
        return _scaled_projection(self.kind, p, p.b_ih)

    def forward(self, p, pre, h0, c0=None, keep=True, states=None):
        """Run the recurrence. ``pre`` (T, N, 3H) holds the scaled input projection
        (``projection``) on entry, the preactivations on return; ``h0`` (N, H). ``keep``: see
        ``LSTMCell.forward`` (``extras["hn"]`` is a fresh array either way)."""
        hidden = h0.shape[-1]
        scale, shift = _gate_scale(self.kind, hidden, pre.dtype)
        rz = slice(0, 2 * hidden)
        act = _array("act", pre.shape, pre.dtype, keep)
        gh = _array("gh", pre.shape, pre.dtype, keep)  # W_hh h_{t-1} + b_hh, r and z rows scaled
        hs = _empty_states(pre, hidden, h0, states)
        reset_hn = scratch("reset_hn", h0.shape, pre.dtype)
        w_hh = _scaled_recurrent_weights(p.w_hh, scale)
        b_hh = p.b_hh * scale
        r, z, n = (act[:, :, k * hidden:(k + 1) * hidden] for k in range(3))
        hn = gh[:, :, 2 * hidden:]
        steps = zip(pre[:, :, rz], pre[:, :, 2 * hidden:], act[:, :, rz], r, z, n, gh,
                    gh[:, :, rz], hn, hs[:-1], hs[1:])
        for pre_rz, pre_n, act_rz, r_t, z_t, n_t, gh_t, gh_rz, hn_t, h_prev, h_t in steps:
            np.matmul(h_prev, w_hh, out=gh_t)
            gh_t += b_hh
            pre_rz += gh_rz
            _activate(pre_rz, act_rz, 0.5, 0.5)               # r, z = σ(·)
            pre_n += np.multiply(r_t, hn_t, out=reset_hn)
            np.tanh(pre_n, out=n_t)                           # n = tanh(W_in x + b_in + r⊙hn)
            # h_t = (1 - z)⊙n + z⊙h_{t-1} = n + z⊙(h_{t-1} - n)
            np.subtract(h_prev, n_t, out=h_t)
            h_t *= z_t
            h_t += n_t
        pre /= scale
        return DirectionRun(pre=pre, act=act, h_prev=hs[:-1], h=hs[1:], c_prev=None, c=None,
                            extras={"hn": hn if keep else hn.copy()})

    def derive(self, pre, c, out=None):
        """The activations from the preactivations (see ``LSTMCell.derive``); ``hn`` is kept."""
        return derive_gates(self.kind, pre, None if out is None else out[0]), {}

    def backward(self, p, run, dh_out, cuts):
        """BPTT through the recurrence (see ``RNNCell.backward`` for ``dh_out`` and ``cuts``).

        Notes
        -----
        dpre_n = dh⊙(1−z)⊙(1−n²), dpre_z = dh⊙(h_{t−1}−n)⊙z(1−z), dhn = dpre_n⊙r,
        dpre_r = dpre_n⊙hn⊙r(1−r); dh_{t−1} = dh⊙z + W_hhᵀ [dpre_r, dpre_z, dhn].
        """
        hidden = run.h.shape[-1]
        r = run.act[:, :, :hidden]
        z = run.act[:, :, hidden:2 * hidden]
        n = run.act[:, :, 2 * hidden:]
        hn = run.extras["hn"]
        steps, batch, rows = run.act.shape
        factor = scratch("factor", (steps, batch, 3, hidden), run.act.dtype)
        _slope(factor.reshape(run.act.shape), run.act, "sigmoid")  # whole rows: contiguous, fast
        factor_r, factor_z, factor_n = (factor[:, :, k] for k in range(3))
        work = scratch("work", n.shape, n.dtype)
        factor_r *= hn                                   # r(1-r)⊙hn
        factor_z *= np.subtract(run.h_prev, n, out=work)  # z(1-z)⊙(h_{t-1} - n)
        _slope(factor_n, n, "tanh")
        factor_n -= np.multiply(factor_n, z, out=work)   # (1 - z)⊙(1 - n²)
        d_ih = scratch("d_ih", run.act.shape, run.act.dtype)
        d_hh = scratch("d_hh", run.act.shape, run.act.dtype)
        rz = slice(0, 2 * hidden)
        dh = fresh("dh", dh_out.shape, dh_out.dtype)
        carry = np.zeros_like(dh_out[0])
        through_z = scratch("through_z", carry.shape, carry.dtype)
        w_hh = p.w_hh
        # dpre_r, dpre_z go to d_hh (the recurrent product needs them), d_ih's copy follows the loop
        loop = _reversed_steps(cuts, dh_out, dh, factor_n, factor_z, factor_r, r, z, d_hh,
                               d_hh[:, :, :hidden], d_hh[:, :, hidden:2 * hidden],
                               d_ih[:, :, 2 * hidden:], d_hh[:, :, 2 * hidden:])
        for (cut, dh_out_t, dh_t, fn_t, fz_t, fr_t, r_t, z_t, d_hh_t, dpre_r, dpre_z, dpre_n,
             d_hn) in loop:
            np.add(dh_out_t, carry, out=dh_t)
            np.multiply(dh_t, fn_t, out=dpre_n)
            np.multiply(dh_t, fz_t, out=dpre_z)
            np.multiply(dpre_n, fr_t, out=dpre_r)
            np.multiply(dpre_n, r_t, out=d_hn)
            if cut:
                carry.fill(0)
                continue
            np.matmul(d_hh_t, w_hh, out=carry)
            carry += np.multiply(dh_t, z_t, out=through_z)
        np.copyto(d_ih[:, :, rz], d_hh[:, :, rz])
        return DirectionGradients(d_ih=d_ih, d_hh=d_hh, dh=dh, dc=None, dh0=carry, dc0=None,
                                  peepholes={})


class NoForgetLSTMCell:
    """The original LSTM of Hochreiter & Schmidhuber (1997): no forget gate, the cell only adds.

    Notes
    -----
    i = σ(W_ii x + b_ii + W_hi h + b_hi)
    g = tanh(W_ig x + b_ig + W_hg h + b_hg)
    o = σ(W_io x + b_io + W_ho h + b_ho)
    c_t = c_{t-1} + i⊙g
    h_t = o⊙tanh(c_t)
    """

    has_cell_state = True

    def __init__(self, kind):
        self.kind = kind
        self.gates = GATES[kind]

    def projection(self, p):
        """Weights and bias of the input projection, scaled (see ``_gate_scale``):
        W_ih, b_ih + b_hh."""
        return _scaled_projection(self.kind, p, p.b_ih + p.b_hh)

    def forward(self, p, pre, h0, c0, keep=True, states=None):
        """Run the recurrence. ``pre`` (T, N, 3H) holds the scaled input projection
        (``projection``) on entry, the preactivations on return; ``h0``, ``c0`` (N, H).
        ``keep``: see ``LSTMCell.forward``."""
        hidden = h0.shape[-1]
        scale, shift = _gate_scale(self.kind, hidden, pre.dtype)
        act = _array("act", pre.shape, pre.dtype, keep)
        hs = _empty_states(pre, hidden, h0, states)
        cs = _empty_states(pre, hidden, c0, tag="c")
        tanh_c = _array("tanh_c", hs[1:].shape, pre.dtype, keep)
        recurrent = scratch("recurrent", pre.shape[1:], pre.dtype)
        w_hh = _scaled_recurrent_weights(p.w_hh, scale)
        i, g, o = (act[:, :, k * hidden:(k + 1) * hidden] for k in range(3))
        steps = zip(pre, act, i, g, o, hs[:-1], hs[1:], cs[:-1], cs[1:], tanh_c)
        for pre_t, act_t, i_t, g_t, o_t, h_prev, h_t, c_prev, c_t, tanh_c_t in steps:
            np.matmul(h_prev, w_hh, out=recurrent)
            pre_t += recurrent
            _activate(pre_t, act_t, scale, shift)             # i, g, o = σ, tanh, σ
            np.multiply(i_t, g_t, out=c_t)                    # c_t = c_{t-1} + i⊙g
            c_t += c_prev
            np.tanh(c_t, out=tanh_c_t)                        # h_t = o⊙tanh(c_t)
            np.multiply(o_t, tanh_c_t, out=h_t)
        pre /= scale
        return DirectionRun(pre=pre, act=act, h_prev=hs[:-1], h=hs[1:], c_prev=cs[:-1],
                            c=cs[1:], extras={"tanh_c": tanh_c})

    derive = LSTMCell.derive

    def backward(self, p, run, dh_out, cuts):
        """BPTT through the recurrence (see ``RNNCell.backward`` for ``dh_out`` and ``cuts``).

        Notes
        -----
        dc_t = dc_{t+1} + dh_t⊙o⊙(1 − tanh²c_t) (the cell line passes dc on unchanged),
        dpre_i = dc⊙g⊙i(1−i), dpre_g = dc⊙i⊙(1−g²), dpre_o = dh⊙tanh(c_t)⊙o(1−o);
        dh_{t-1} += W_hhᵀ dpre, dc_{t-1} = dc_t.
        """
        steps, batch, rows = run.act.shape
        hidden = rows // 3
        i, g, o = (run.act[:, :, k * hidden:(k + 1) * hidden] for k in range(3))
        tanh_c = run.extras["tanh_c"]
        # dL/dpre = factor ⊙ (dc for rows i, g; dh for rows o), factors known before the loop
        factor = scratch("factor", (steps, batch, 3, hidden), run.act.dtype)
        _slope(factor.reshape(run.act.shape), run.act, "sigmoid")  # whole rows: contiguous, fast
        _slope(factor[:, :, 1], g, "tanh")
        for k, times in enumerate((g, i, tanh_c)):
            factor[:, :, k] *= times
        dc_from_h = _slope(scratch("dc_from_h", dh_out.shape, dh_out.dtype), tanh_c, "tanh", o)
        dpre = scratch("d_pre", factor.shape, factor.dtype)
        dh = fresh("dh", dh_out.shape, dh_out.dtype)
        dc = fresh("dc", dh_out.shape, dh_out.dtype)
        dh_carry = np.zeros_like(dh_out[0])
        dc_carry = zero = np.zeros_like(dh_out[0])
        w_hh = p.w_hh
        loop = _reversed_steps(cuts, dh_out, dh, dc, dc[:, :, None, :], dc_from_h, factor[:, :, :2],
                               factor[:, :, 2], dpre[:, :, :2], dpre[:, :, 2],
                               dpre.reshape(steps, batch, rows))
        for (cut, dh_out_t, dh_t, dc_t, dc_rows_t, dc_from_h_t, factor_ig, factor_o, dpre_ig,
             dpre_o, dpre_t) in loop:
            np.add(dh_out_t, dh_carry, out=dh_t)
            np.multiply(dh_t, factor_o, out=dpre_o)
            np.multiply(dh_t, dc_from_h_t, out=dc_t)
            dc_t += dc_carry
            np.multiply(dc_rows_t, factor_ig, out=dpre_ig)
            if cut:
                dh_carry.fill(0)
                dc_carry = zero
                continue
            dc_carry = dc_t  # no forget gate: dc_{t-1} = dc_t
            np.matmul(dpre_t, w_hh, out=dh_carry)
        dpre = dpre.reshape(steps, batch, rows)
        return DirectionGradients(d_ih=dpre, d_hh=dpre, dh=dh, dc=dc, dh0=dh_carry,
                                  dc0=dc_carry, peepholes={})


CELLS = {"rnn_tanh": RNNCell, "rnn_relu": RNNCell, "lstm": LSTMCell, "gru": GRUCell,
         "peephole_lstm": LSTMCell, "lstm_nofg": NoForgetLSTMCell}
"""The class implementing each kind."""

HAS_CELL_STATE = {kind: CELLS[kind].has_cell_state for kind in KINDS}
"""Whether a kind carries a cell state c_t (and takes c0) besides h_t."""


def make_cell(kind):
    """The cell object implementing ``kind`` (one of ``KINDS``)."""
    if kind not in CELLS:
        raise ValueError(f"unknown network kind {kind!r}; choose one of {', '.join(KINDS)}")
    return CELLS[kind](kind)
