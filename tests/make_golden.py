"""Write tests/data/golden_engine.npz: PyTorch's numbers for small networks, so the engine
tests check against PyTorch without needing torch. Run: ``.venv/bin/python tests/make_golden.py``.

Inputs and parameters come from the deterministic ``wave`` formula, so only PyTorch's results
are stored: per case ``kind:num_layers:bidirectional:batched``, "/outputs" = output, h_n[, c_n]
and "/grads" = parameter gradients in ``Network.parameter_shapes()`` order, then input, h0[, c0],
each flattened.
"""

from pathlib import Path

import numpy as np

from lstm_studio.engine import build_network

GOLDEN = Path(__file__).parent / "data" / "golden_engine.npz"
TORCH_KINDS = ("rnn_tanh", "rnn_relu", "lstm", "gru")
CASES = [("rnn_tanh", 1, True, False), ("rnn_relu", 2, False, True), ("lstm", 2, True, True),
         ("gru", 2, True, True)]
INPUT_SIZE, HIDDEN_SIZE, STEPS, BATCH = 2, 2, 3, 2


def torch_reference(kind, params, x, h0, c0, d_output, num_layers, bidirectional):
    """Run PyTorch's nn.RNN/LSTM/GRU (float64) with ``params``; return output, h_n, c_n and
    the gradients of sum(d_output * output) w.r.t. every parameter, "input", "h0", "c0"."""
    import torch

    modules = {"rnn_tanh": torch.nn.RNN, "rnn_relu": torch.nn.RNN, "lstm": torch.nn.LSTM,
               "gru": torch.nn.GRU}
    options = {"nonlinearity": kind[4:]} if kind.startswith("rnn") else {}
    module = modules[kind](x.shape[-1], h0.shape[-1], num_layers, bidirectional=bidirectional,
                           dtype=torch.float64, **options)
    with torch.no_grad():
        for name, parameter in module.named_parameters():
            parameter.copy_(torch.from_numpy(params[name]))
    inputs = {"input": x, "h0": h0} if c0 is None else {"input": x, "h0": h0, "c0": c0}
    tensors = {name: torch.tensor(value, requires_grad=True) for name, value in inputs.items()}
    state = tensors["h0"] if c0 is None else (tensors["h0"], tensors["c0"])
    output, final = module(tensors["input"], state)
    (output * torch.from_numpy(d_output)).sum().backward()
    h_n, c_n = (final, None) if c0 is None else final
    grads = {name: p.grad.numpy().copy() for name, p in module.named_parameters()}
    grads.update({name: t.grad.numpy().copy() for name, t in tensors.items()})
    return {"output": output.detach().numpy(), "h_n": h_n.detach().numpy(),
            "c_n": None if c_n is None else c_n.detach().numpy(), "grads": grads}


def wave(shape, phase):
    """Deterministic test numbers in (-0.8, 0.8) (no RNG, so nothing but results is stored)."""
    return 0.8 * np.sin(1.3 * np.arange(int(np.prod(shape))) + phase).reshape(shape)


def case_inputs(kind, num_layers, bidirectional, batched):
    """Network with ``wave`` parameters, and x, h0, c0, d_output for one case."""
    net = build_network(kind, INPUT_SIZE, HIDDEN_SIZE, num_layers, bidirectional)
    net.load_parameters({name: wave(shape, phase) for phase, (name, shape)
                         in enumerate(net.parameter_shapes().items())})
    batch = (BATCH,) if batched else ()
    state_shape = (num_layers * net.num_directions,) + batch + (HIDDEN_SIZE,)
    x = 2 * wave((STEPS,) + batch + (INPUT_SIZE,), 0.3)
    h0 = wave(state_shape, 0.6)
    c0 = wave(state_shape, 0.9) if net.has_cell_state else None
    d_output = wave((STEPS,) + batch + (net.num_directions * HIDDEN_SIZE,), 1.2)
    return net, x, h0, c0, d_output


def case_key(kind, num_layers, bidirectional, batched):
    return f"{kind}:{num_layers}:{int(bidirectional)}:{int(batched)}"


def flat(arrays, names):
    """One vector of ``arrays[name]`` for ``names`` in order (skipping absent ones)."""
    return np.concatenate([np.ravel(arrays[name]) for name in names
                           if arrays.get(name) is not None])


def main():
    stored = {}
    for case in CASES:
        net, x, h0, c0, d_output = case_inputs(*case)
        params = net.parameters()
        reference = torch_reference(case[0], params, x, h0, c0, d_output, case[1], case[2])
        key = case_key(*case)
        stored[key + "/outputs"] = flat(reference, ["output", "h_n", "c_n"])
        stored[key + "/grads"] = flat(reference["grads"], list(params) + ["input", "h0", "c0"])
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(GOLDEN, **stored)
    print(f"wrote {GOLDEN} ({GOLDEN.stat().st_size} bytes, {len(CASES)} cases)")


if __name__ == "__main__":
    main()
