"""The optional embedding input layer: x_t = onehot_t E, before the first recurrent layer.

The network's input stays a vector of size V (a one-hot character in the next-character task);
the embedding matrix E (V × D, parameter ``EMBEDDING``) maps it to the first layer's input of
size D. For a one-hot input this is a row lookup (PyTorch's ``nn.Embedding``); for any other
input it is a bias-free linear layer. Gradients: dE = Σ_t x_tᵀ d(x_t E), dx_t = d(x_t E) Eᵀ.
"""

from __future__ import annotations

import numpy as np

EMBEDDING = "embedding"
"""Parameter name of the embedding matrix (V × D); PyTorch's key is ``embedding.weight``."""


def embed(x, matrix):
    """The first layer's input x E for input ``x`` (T, N, V): (T, N, D)."""
    steps, batch, _ = x.shape
    return (x.reshape(steps * batch, -1) @ matrix).reshape(steps, batch, -1)


def embedding_backward(x, d_embedded, matrix):
    """(dL/dE, dL/dx) from the input ``x`` (T, N, V) and dL/d(x E) ``d_embedded`` (T, N, D)."""
    flat_x = x.reshape(-1, x.shape[-1])
    flat_d = d_embedded.reshape(-1, d_embedded.shape[-1])
    return flat_x.T @ flat_d, (flat_d @ matrix.T).reshape(x.shape)


def initial_embedding(init, shape, rng):
    """A fresh embedding: N(0, 1) for "pytorch" (``nn.Embedding``'s own), else Glorot-uniform."""
    if init == "pytorch":
        return rng.standard_normal(shape)
    bound = np.sqrt(6.0 / (shape[0] + shape[1]))
    return rng.uniform(-bound, bound, size=shape)
