"""Floors shared by the speed benchmarks: the work an LSTM step cannot avoid, timed alone.

Import after the BLAS thread variables are set (the benchmarks set them before NumPy loads)."""

import numpy as np


def lstm_gates_runner(steps, hidden, batch):
    """The elementwise gate arithmetic of LSTM forward+BPTT, each operation once, in place, over
    the whole (T, N, ·) block."""
    rng = np.random.default_rng(2)
    shape = (steps, batch, hidden)
    pre, recurrent = (rng.standard_normal((steps, batch, 4 * hidden)) for _ in range(2))
    act, slope, dpre = np.empty_like(pre), np.empty_like(pre), np.empty_like(pre)
    c_prev, dh_out, carry, dc_next = (rng.standard_normal(shape) for _ in range(4))
    c, tanh_c, h, dh, dc, work = (np.empty(shape) for _ in range(6))
    i, f, g, o = (act[..., k * hidden:(k + 1) * hidden] for k in range(4))
    slopes = [slope[..., k * hidden:(k + 1) * hidden] for k in range(4)]
    dpres = [dpre[..., k * hidden:(k + 1) * hidden] for k in range(4)]
    scale = np.repeat([0.5, 0.5, 1.0, 0.5], hidden)
    shift = np.repeat([0.5, 0.5, 0.0, 0.5], hidden)

    def run():
        # forward: pre = W_ih x + b + W_hh h; i, f, o = σ(·) = ½ + ½ tanh(·/2), g = tanh(·);
        # c_t = f⊙c_{t-1} + i⊙g; h_t = o⊙tanh(c_t)
        np.add(pre, recurrent, out=pre)
        np.multiply(pre, scale, out=act)
        np.tanh(act, out=act)
        np.multiply(act, scale, out=act)
        np.add(act, shift, out=act)
        np.multiply(f, c_prev, out=c)
        np.multiply(i, g, out=work)
        np.add(c, work, out=c)
        np.tanh(c, out=tanh_c)
        np.multiply(o, tanh_c, out=h)
        # backward: dh = dh_out + W_hhᵀ dpre_{t+1}; dc = dh⊙o⊙(1−tanh²c) + dc_{t+1}⊙f_{t+1};
        # dpre_i, dpre_f, dpre_g, dpre_o = dc⊙g⊙σ', dc⊙c_{t-1}⊙σ', dc⊙i⊙tanh', dh⊙tanh(c)⊙σ'
        np.add(dh_out, carry, out=dh)
        np.subtract(1, act, out=slope)
        np.multiply(slope, act, out=slope)
        np.multiply(g, g, out=slopes[2])
        np.subtract(1, slopes[2], out=slopes[2])
        np.multiply(tanh_c, tanh_c, out=work)
        np.subtract(1, work, out=work)
        np.multiply(work, o, out=work)
        np.multiply(dh, work, out=dc)
        np.add(dc, dc_next, out=dc)
        np.multiply(dc, f, out=work)                # dc_{t-1}⊙... passed back
        for slope_k, times, d_k, dpre_k in zip(slopes, (g, c_prev, i, tanh_c), (dc, dc, dc, dh),
                                               dpres):
            np.multiply(slope_k, times, out=slope_k)
            np.multiply(slope_k, d_k, out=dpre_k)
        dpre.reshape(-1, 4 * hidden).sum(axis=0)    # bias gradient
    return run
