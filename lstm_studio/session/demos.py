"""The built-in demo session (pure NumPy, no Qt): the course notes' long sentence, learned.

"모스크바에 여행을 왔는데 … 여기___" — "I came to Moscow on a trip … here, ___": the word that decides
the last blank comes first. The demo is an LSTM (I = 2, H = 8, T = 30) TRAINED on such sentences:
channel 0 carries the first word (+1 "Moscow" or −1 "Paris", at t = 1 only), channel 1 the other
words (noise); at t = 30 the network must answer +1 or −1. Every weight is learned, so it reacts
to edits the way the notes say: switch it to a tanh RNN and the gradient vanishes; shut its
forget gate and it forgets.

The demo is shipped as ``resources/sessions/moscow.lstms``; ``packaging/make_demo.py`` (which
calls :func:`train_moscow_demo`) regenerates it, deterministically.
"""

from __future__ import annotations

from importlib import resources

import numpy as np

from lstm_studio.engine import Readout, build_network
from lstm_studio.engine.tasks import Task
from lstm_studio.engine.training import Trainer, TrainingConfig
from lstm_studio.session.document import NetworkConfig, SessionDocument, evaluate_document, new_document
from lstm_studio.session.experiments import history_with

MOSCOW_CONFIG = NetworkConfig(kind="lstm", input_size=2, hidden_size=8, num_layers=1,
                              bidirectional=False, output_size=1, seq_len=30)
TRAINING_SEED = 0
TRAINING_STEPS = 400
FORGET_BIAS = 2.0
"""Forget-gate bias at the start of training (Gers et al. 2000): the cell starts open."""
WORD_NOISE = 0.5
DEMO_FILE = "moscow.lstms"


class FirstWordTask(Task):
    """The sentence task: the first word (±1 on channel 0 at t = 1) is the answer at the last step;
    channel 1 is noise (the other words)."""

    name = "first_word"
    title = "First word"
    description = "Answer, at the last step, the first word (+1 or −1) of a noisy sentence."
    loss = "mse"
    input_size = 2
    output_size = 1
    tolerance = 0.25

    def __init__(self, *, seq_len: int = MOSCOW_CONFIG.seq_len):
        super().__init__(seq_len=seq_len)

    def loss_steps(self, T: int) -> np.ndarray:
        return np.array([T - 1])

    def _sample(self, T, N, rng):
        word = rng.choice([-1.0, 1.0], size=N)
        x = np.zeros((T, N, 2))
        x[0, :, 0] = word
        x[:, :, 1] = rng.uniform(-WORD_NOISE, WORD_NOISE, size=(T, N))
        target = np.zeros((T, N, 1))
        target[-1, :, 0] = word
        return x, target


def moscow_sentence(seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The demo's own sentence: "Moscow" (+1) first, then noise; the answer +1 at t = 30."""
    T = MOSCOW_CONFIG.seq_len
    x = np.zeros((T, 2))
    x[0, 0] = 1.0
    x[:, 1] = np.random.default_rng(seed).uniform(-WORD_NOISE, WORD_NOISE, T)
    target = np.zeros((T, 1))
    target[-1, 0] = 1.0
    return x, target


def train_moscow_demo(steps: int = TRAINING_STEPS, seed: int = TRAINING_SEED) -> SessionDocument:
    """Train the demo LSTM from PyTorch's initialisation (``seed``) and return its session.

    Adam, learning rate 0.01, batches of 32 sentences, clipping by norm 1. The session shows the
    Moscow sentence with the loss at the last step, the whole sequence, t = 30, and the unit whose
    cell carries the most of the gradient back to t = 1."""
    config = MOSCOW_CONFIG
    task = FirstWordTask()
    network = build_network(config.kind, config.input_size, config.hidden_size, seed=seed,
                            forget_bias=FORGET_BIAS)
    readout = Readout(config.hidden_size, config.output_size, seed=seed)
    trainer = Trainer(network, readout, task, TrainingConfig(optimizer="adam", lr=0.01, batch_size=32,
                                                             clip_norm=1.0, seed=seed))
    records = trainer.run(steps)
    doc = new_document(config, seed=seed)
    doc.parameters = network.parameters()
    doc.readout = readout.parameters()
    doc.inputs, doc.targets = moscow_sentence()
    doc.loss_mask = np.zeros(config.seq_len, dtype=bool)
    doc.loss_mask[-1] = True
    doc.training = {"optimizer": "adam", "lr": 0.01, "momentum": 0.0, "batch_size": 1, "seed": seed,
                    "steps": 300}  # the panels and further training: no truncation, no clipping
    doc.history = history_with({}, records)
    doc.view.display_mode = "whole"
    doc.view.time_step = config.seq_len - 1
    dc_first = evaluate_document(doc).grads.dc[0][0][0, 0]
    doc.view.unit = int(np.argmax(np.abs(dc_first)))
    return doc


def demo_path():
    """Where the shipped demo session lies (a Traversable inside the installed resources)."""
    return resources.files("lstm_studio.resources") / "sessions" / DEMO_FILE


def moscow_demo() -> SessionDocument:
    """The trained Moscow demo, read from the shipped session file."""
    from lstm_studio.session.io import load_session

    with resources.as_file(demo_path()) as path:
        return load_session(path)
