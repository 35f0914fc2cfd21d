"""Train a character model with PyTorch and write it for LSTM Studio's File ▸ Import PyTorch Model….

The model is an ``nn.Embedding`` (or one-hot input with ``--embedding 0``), an ``nn.LSTM`` /
``nn.GRU`` / ``nn.RNN`` and an ``nn.Linear`` read-out, trained in float64 to predict the next
character of a text. Written to ``--out``:

- ``model.pt``: the ``state_dict`` (LSTM Studio reads it with ``torch.load(weights_only=True)``);
- ``model.npz``: the same arrays under the same names, for an LSTM Studio without PyTorch;
- ``vocab.json``: ``{"characters": [...]}`` in the model's index order (plus ``"nonlinearity":
  "relu"`` for a ReLU RNN, which the weights alone cannot tell).

Example::

    python examples/train_char_model.py my_text.txt --kind lstm --hidden 128 --layers 2 \\
        --embedding 32 --steps 2000 --out my_model

Needs PyTorch (``pip install torch``); LSTM Studio itself does not.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch
from torch import nn

KINDS = ("lstm", "gru", "rnn_tanh", "rnn_relu")


class CharModel(nn.Module):
    """Embedding (or one-hot), a recurrent stack and a linear read-out, with the module names
    LSTM Studio recognises: ``embedding``, ``rnn``, ``fc``."""

    def __init__(self, vocabulary_size, hidden_size, num_layers=1, kind="lstm", embedding_size=16,
                 bidirectional=False):
        super().__init__()
        self.vocabulary_size = vocabulary_size
        self.embedding = nn.Embedding(vocabulary_size, embedding_size) if embedding_size else None
        inputs = embedding_size or vocabulary_size
        if kind == "lstm":
            self.rnn = nn.LSTM(inputs, hidden_size, num_layers, bidirectional=bidirectional)
        elif kind == "gru":
            self.rnn = nn.GRU(inputs, hidden_size, num_layers, bidirectional=bidirectional)
        else:
            self.rnn = nn.RNN(inputs, hidden_size, num_layers, nonlinearity=kind[4:],
                              bidirectional=bidirectional)
        self.fc = nn.Linear((2 if bidirectional else 1) * hidden_size, vocabulary_size)

    def forward(self, indices):
        """Logits (T, N, V) of the next character after each of ``indices`` (T, N)."""
        if self.embedding is not None:
            x = self.embedding(indices)
        else:
            x = nn.functional.one_hot(indices, self.vocabulary_size).to(self.fc.weight.dtype)
        output, _ = self.rnn(x)
        return self.fc(output)


def vocabulary_of(text: str) -> str:
    """The text's characters in order of first appearance (any fixed order works: vocab.json
    records it)."""
    return "".join(dict.fromkeys(text))


def train(text, hidden_size=64, num_layers=1, kind="lstm", embedding_size=16, steps=500,
          seq_len=50, batch_size=16, lr=0.003, seed=0, bidirectional=False):
    """(trained CharModel in float64, its vocabulary) after ``steps`` Adam steps on random windows."""
    torch.manual_seed(seed)
    characters = vocabulary_of(text)
    index = {c: k for k, c in enumerate(characters)}
    encoded = torch.tensor([index[c] for c in text], dtype=torch.long)
    seq_len = min(seq_len, len(text) - 1)
    model = CharModel(len(characters), hidden_size, num_layers, kind, embedding_size, bidirectional).double()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(steps):
        starts = torch.randint(0, len(text) - seq_len, (batch_size,), generator=generator)
        windows = encoded[starts[None, :] + torch.arange(seq_len + 1)[:, None]]  # (T+1, N)
        logits = model(windows[:-1])
        loss = nn.functional.cross_entropy(logits.reshape(-1, len(characters)), windows[1:].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()
    return model, characters


def write(model, characters, kind, out_dir) -> Path:
    """Write model.pt, model.npz and vocab.json to ``out_dir`` (created); return it."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    state = model.state_dict()
    torch.save(state, out / "model.pt")
    np.savez(out / "model.npz", **{name: tensor.detach().cpu().numpy() for name, tensor in state.items()})
    vocabulary = {"characters": list(characters)}
    if kind == "rnn_relu":
        vocabulary["nonlinearity"] = "relu"
    (out / "vocab.json").write_text(json.dumps(vocabulary, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text", type=Path, help="UTF-8 text file to learn from")
    parser.add_argument("--hidden", type=int, default=64, help="hidden units per layer (default 64)")
    parser.add_argument("--layers", type=int, default=1, help="stacked recurrent layers (default 1)")
    parser.add_argument("--kind", choices=KINDS, default="lstm", help="recurrent layer (default lstm)")
    parser.add_argument("--embedding", type=int, default=16,
                        help="embedding size; 0 for one-hot input (default 16)")
    parser.add_argument("--bidirectional", action="store_true", help="bidirectional layers")
    parser.add_argument("--steps", type=int, default=500, help="Adam steps (default 500)")
    parser.add_argument("--seq-len", type=int, default=50, help="characters per window (default 50)")
    parser.add_argument("--batch", type=int, default=16, help="windows per step (default 16)")
    parser.add_argument("--lr", type=float, default=0.003, help="learning rate (default 0.003)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("char_model"), help="output folder")
    args = parser.parse_args(argv)
    text = args.text.read_text(encoding="utf-8")
    if len(set(text)) < 2 or len(text) < 3:
        parser.error(f"{args.text} needs at least two different characters")
    model, characters = train(text, args.hidden, args.layers, args.kind, args.embedding, args.steps,
                              args.seq_len, args.batch, args.lr, args.seed, args.bidirectional)
    out = write(model, characters, args.kind, args.out)
    print(f"wrote {out / 'model.pt'}, {out / 'model.npz'} and {out / 'vocab.json'} "
          f"({len(characters)} characters)")


if __name__ == "__main__":
    main()
