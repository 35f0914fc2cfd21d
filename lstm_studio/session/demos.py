"""Built-in demo sessions (pure NumPy, no Qt).

The "Moscow" demo is the course notes' long sentence in numbers: a word at the very start
("I went to Moscow…") decides the answer asked at the very end ("…here in ___"). An LSTM with
hand-set weights carries that first input across the whole sequence in one memory cell.
"""

from __future__ import annotations

import numpy as np

from lstm_studio.session.document import NetworkConfig, SessionDocument, new_document
from lstm_studio.session.generators import impulse, uniform_noise

MOSCOW_CONFIG = NetworkConfig(kind="lstm", input_size=2, hidden_size=8, num_layers=1,
                              bidirectional=False, output_size=1, seq_len=30)
MEMORY_UNIT = 0
"""The unit that stores the first input: input gate opens only on it, forget gate stays ≈ 1."""
LEAKY_UNIT = 1
"""A unit wired the same way but with a half-open forget gate: its memory fades (contrast)."""

IMPULSE_WEIGHT, IMPULSE_BIAS = 12.0, -6.0  # input gate: σ(6) ≈ 1 on the impulse, σ(−6) ≈ 0 else
CANDIDATE_WEIGHT = 3.0                      # candidate g = tanh(3) ≈ 1 on the impulse, 0 else
OPEN_BIAS = 8.0                             # σ(8) ≈ 0.9997: forget and output gates open
NOISE_AMPLITUDE = 0.5                       # filler "words" on channel 1, ignored by the memory
READOUT_WEIGHT = 1.3                        # y = 1.3·h: h ≈ tanh(0.98) ≈ 0.75 gives y ≈ 0.98


def moscow_demo() -> SessionDocument:
    """An LSTM (I=2, H=8, T=30) that remembers an impulse at t=0 until the loss at the last step.

    Channel 0 carries the impulse ("Moscow"), channel 1 small noise (the rest of the sentence).
    Unit 0 stores the impulse (input gate open only on it, forget and output gates open), the
    read-out reads unit 0 only, so y at the last step is close to the target 1 (a small error
    is left so that the gradient flow back to t=0 can be seen).
    Unit 1 is wired the same way with a forget gate at 0.5, so its memory fades within steps.
    Other units keep small random weights. The loss applies at the last step only.
    """
    config = MOSCOW_CONFIG
    T, H = config.seq_len, config.hidden_size
    doc = new_document(config, seed=0)
    doc.inputs = np.column_stack([impulse(T, 0),
                                  uniform_noise(T, -NOISE_AMPLITUDE, NOISE_AMPLITUDE, seed=1)])
    doc.targets = np.zeros((T, 1))
    doc.targets[-1, 0] = 1.0
    doc.loss_mask = np.zeros(T, dtype=bool)
    doc.loss_mask[-1] = True

    p = doc.parameters
    i, f, g, o = (slice(k * H, (k + 1) * H) for k in range(4))  # gate rows: i, f, g, o
    for unit, forget_bias in ((MEMORY_UNIT, OPEN_BIAS), (LEAKY_UNIT, 0.0)):
        rows = [gate.start + unit for gate in (i, f, g, o)]
        p["weight_ih_l0"][rows] = 0.0
        p["weight_hh_l0"][rows] = 0.0
        p["bias_ih_l0"][rows] = 0.0
        p["bias_hh_l0"][rows] = 0.0
        p["weight_ih_l0"][i.start + unit, 0] = IMPULSE_WEIGHT
        p["bias_ih_l0"][i.start + unit] = IMPULSE_BIAS
        p["weight_ih_l0"][g.start + unit, 0] = CANDIDATE_WEIGHT
        p["bias_ih_l0"][f.start + unit] = forget_bias
        p["bias_ih_l0"][o.start + unit] = OPEN_BIAS

    doc.readout["weight"][:] = 0.0
    doc.readout["weight"][0, MEMORY_UNIT] = READOUT_WEIGHT
    doc.readout["bias"][:] = 0.0

    doc.view.display_mode = "reveal"
    doc.view.unit = MEMORY_UNIT
    return doc
