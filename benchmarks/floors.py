"""Floors shared by the speed benchmarks: the work an LSTM step cannot avoid, timed alone.

Import after the BLAS thread variables are set (the benchmarks set them before NumPy loads).

The gate arithmetic is timed the way a NumPy engine does it fastest, each elementwise operation
once, in place where it can be: what follows the recurrence one time step at a time, on (N, ·)
blocks that stay in cache; the gates' slopes in BPTT, which do not depend on it, for a chunk of
steps at once (about 512 KiB, as ``work_arrays.CHUNK_ELEMENTS``). An earlier version of this floor did
every operation over the whole (T, N, ·) block: an order the recurrence does not allow, and
slower than the engine's, since each pass streams megabytes through memory where a step's
blocks stay in cache (the engine came in under that "floor").
"""

import numpy as np


def lstm_gates_runner(steps, hidden, batch):
    """The elementwise gate arithmetic of LSTM forward+BPTT as ``LSTMCell`` does it (no
    products: fixed blocks stand for their results).

    Forward: pre_t = W_ih x_t + b + W_hh h_{t-1}; i, f, o = σ(·) = ½ + ½ tanh(·/2) (the weights
    pre-scaled by ½), g = tanh(·); c_t = f⊙c_{t-1} + i⊙g; h_t = o⊙tanh(c_t).
    Backward: dh = dh_out + W_hhᵀ dpre_{t+1}; dpre_o = dh⊙o⊙tanh(c_t)⊙(1−o);
    dc = dh⊙o⊙(1 − tanh²c_t) + dc_{t+1}⊙f_{t+1}; dpre_i, dpre_f, dpre_g = dc⊙g⊙σ'(i),
    dc⊙c_{t-1}⊙σ'(f), dc⊙i⊙(1−g²).
    """
    rng = np.random.default_rng(2)
    shape = (steps, batch, hidden)
    projection = rng.standard_normal((steps, batch, 4 * hidden))
    recurrent = rng.standard_normal((batch, 4 * hidden))       # stands for W_hh h_{t-1}
    pre, act = np.empty_like(projection), np.empty_like(projection)
    dpre = np.empty((steps, batch, 4, hidden))
    c = np.zeros((steps + 1, batch, hidden))
    tanh_c, h, dh, dc = (np.empty(shape) for _ in range(4))
    dh_out = rng.standard_normal(shape)
    dh_carry = rng.standard_normal((batch, hidden))            # stands for W_hhᵀ dpre_{t+1}
    dc_carry, product, q, r = (np.zeros((batch, hidden)) for _ in range(4))
    chunk = max(1, 2**16 // (4 * hidden * batch))               # as work_arrays.CHUNK_ELEMENTS
    slope = np.empty((min(chunk, steps), batch, 4, hidden))
    scale = np.repeat([0.5, 0.5, 1.0, 0.5], hidden)
    shift = np.repeat([0.5, 0.5, 0.0, 0.5], hidden)
    gates = act.reshape(steps, batch, 4, hidden)
    i, f, g, o = (gates[:, :, k] for k in range(4))

    def run():
        for projection_t, pre_t, act_t, i_t, f_t, g_t, o_t, c_prev, c_t, tanh_c_t, h_t in zip(
                projection, pre, act, i, f, g, o, c[:-1], c[1:], tanh_c, h):
            np.add(projection_t, recurrent, out=pre_t)
            np.tanh(pre_t, out=act_t)
            act_t *= scale
            act_t += shift
            np.multiply(f_t, c_prev, out=c_t)
            c_t += np.multiply(i_t, g_t, out=product)
            np.tanh(c_t, out=tanh_c_t)
            np.multiply(o_t, tanh_c_t, out=h_t)
        np.divide(pre, scale, out=pre)
        dc_carry.fill(0)
        for start in range(steps - chunk, -chunk, -chunk):
            window = slice(max(start, 0), start + chunk)
            a, s = gates[window], slope[:len(range(steps)[window])]
            # the slopes of a chunk of steps at once (no recurrence in them)
            np.subtract(1, a, out=s)
            np.multiply(s[:, :, :2], a[:, :, :2], out=s[:, :, :2])
            np.multiply(a[:, :, 2], a[:, :, 2], out=s[:, :, 2])
            np.subtract(1, s[:, :, 2], out=s[:, :, 2])
            np.multiply(s[:, :, 0], a[:, :, 2], out=s[:, :, 0])
            np.multiply(s[:, :, 1], c[:-1][window], out=s[:, :, 1])
            np.multiply(s[:, :, 2], a[:, :, 0], out=s[:, :, 2])
            for f_t, o_t, s_o, s_ifg, tanh_c_t, dh_out_t, dh_t, dc_t, dc_rows, dpre_o, dpre_ifg in \
                    zip(*(x[window][::-1] for x in (f, o, s[:, :, 3], s[:, :, :3], tanh_c, dh_out,
                                                    dh, dc, dc[:, :, None], dpre[:, :, 3],
                                                    dpre[:, :, :3]))):
                np.add(dh_out_t, dh_carry, out=dh_t)
                np.multiply(dh_t, o_t, out=q)
                np.multiply(q, tanh_c_t, out=r)
                np.multiply(r, s_o, out=dpre_o)
                np.multiply(r, tanh_c_t, out=dc_t)
                np.subtract(q, dc_t, out=dc_t)
                np.add(dc_t, dc_carry, out=dc_t)
                np.multiply(dc_rows, s_ifg, out=dpre_ifg)
                np.multiply(dc_t, f_t, out=dc_carry)
    return run
