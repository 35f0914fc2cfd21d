"""examples/train_char_model.py trains a character model with PyTorch; opened in LSTM Studio, the
engine's probabilities and the gradients of the loss with respect to every parameter (the
embedding's too) equal PyTorch's in float64. Without torch, the stored example model
(tests/data/char_model: its .npz, vocabulary and PyTorch's probabilities) is checked the same way.

Regenerate the stored model with ``python tests/test_char_model_example.py`` (needs torch)."""

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from lstm_studio.session.characters import vocabulary
from lstm_studio.session.document import BpttSettings, evaluate_document
from lstm_studio.session.model_import import open_model

ROOT = Path(__file__).resolve().parents[1]
STORED = ROOT / "tests" / "data" / "char_model"
TEXT = "the cat sat on the mat; the rat ate the hat. " * 4
TOLERANCE = dict(rtol=1e-10, atol=1e-12)


def example():
    spec = importlib.util.spec_from_file_location("train_char_model", ROOT / "examples" / "train_char_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def opened(folder, file_name="model.pt"):
    """The imported session on TEXT, gradients unclipped (as PyTorch's are)."""
    document = open_model(folder / file_name, folder / "vocab.json", TEXT)
    document.bptt = BpttSettings()
    return document


def torch_reference(model, document):
    """PyTorch's softmax probabilities (T, V), loss and parameter gradients on the document's
    sequence (the model's own forward, fed the character indices)."""
    import torch

    indices = torch.tensor(np.argmax(document.inputs, axis=1))[:, None]
    targets = torch.tensor(np.argmax(document.targets, axis=1))
    model.zero_grad()
    logits = model(indices)[:, 0]
    loss = torch.nn.functional.cross_entropy(logits, targets)
    loss.backward()
    grads = {name: value.grad.numpy().copy() for name, value in model.named_parameters()}
    return torch.softmax(logits, dim=-1).detach().numpy(), loss.item(), grads


def assert_engine_matches(document, probabilities, loss, grads):
    evaluation = evaluate_document(document)
    np.testing.assert_allclose(evaluation.probabilities, probabilities, **TOLERANCE)
    assert evaluation.loss == pytest.approx(loss, rel=1e-12)
    for name, expected in grads.items():
        module, _, part = name.partition(".")
        if module == "fc":
            actual = evaluation.readout_grads[part]
        else:
            actual = evaluation.grads["embedding" if module == "embedding" else part]
        np.testing.assert_allclose(actual, expected, err_msg=name, **TOLERANCE)


@pytest.mark.parametrize("kind,layers,embedding,bidirectional", [
    ("lstm", 2, 4, False), ("gru", 1, 3, True), ("rnn_relu", 2, 0, False), ("rnn_tanh", 1, 5, False)])
def test_an_example_model_opens_with_pytorchs_outputs_and_gradients(tmp_path, kind, layers, embedding,
                                                                     bidirectional):
    pytest.importorskip("torch")
    module = example()
    model, characters = module.train(TEXT, hidden_size=5, num_layers=layers, kind=kind,
                                      embedding_size=embedding, steps=3, seq_len=12, batch_size=4,
                                      bidirectional=bidirectional)
    module.write(model, characters, kind, tmp_path)
    for file_name in ("model.pt", "model.npz"):
        document = opened(tmp_path, file_name)
        assert vocabulary(document) == characters == module.vocabulary_of(TEXT)
        assert (document.config.kind, document.config.num_layers) == (kind, layers)
        assert document.config.embedding_size == embedding
        assert_engine_matches(document, *torch_reference(model, document))


def test_the_example_runs_from_the_command_line(tmp_path):
    pytest.importorskip("torch")
    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    example().main([str(tmp_path / "text.txt"), "--hidden", "4", "--steps", "2", "--seq-len", "8",
                    "--kind", "gru", "--embedding", "3", "--out", str(tmp_path / "out")])
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"model.pt", "model.npz", "vocab.json"}
    assert opened(tmp_path / "out").config.kind == "gru"


def readme_export_snippet() -> str:
    """The README's five-line .npz export (the code block after "Export without PyTorch")."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("**Export without PyTorch", 1)[1]
    return after.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_readme_export_snippet_writes_what_opens(tmp_path, monkeypatch):
    pytest.importorskip("torch")
    snippet = readme_export_snippet()
    assert len(snippet.strip().splitlines()) <= 5
    model, characters = example().train(TEXT, hidden_size=4, kind="gru", embedding_size=3, steps=1,
                                        seq_len=8, batch_size=2)
    monkeypatch.chdir(tmp_path)
    exec(snippet, {"model": model, "characters": characters})  # noqa: S102 - the README's own code
    document = opened(tmp_path, "model.npz")
    assert vocabulary(document) == characters
    assert_engine_matches(document, *torch_reference(model, document))


def test_the_stored_example_model_opens_with_pytorchs_outputs_without_torch():
    """tests/data/char_model: model.npz and vocab.json written by the example, and PyTorch's
    probabilities, loss and gradients on TEXT's opening sequence (reference.npz)."""
    document = opened(STORED, "model.npz")
    reference = dict(np.load(STORED / "reference.npz"))
    np.testing.assert_array_equal(document.inputs, reference.pop("inputs"))
    probabilities, loss = reference.pop("probabilities"), float(reference.pop("loss"))
    assert_engine_matches(document, probabilities, loss, reference)


def write_stored(folder=STORED):
    """Train the stored example model and write its files and PyTorch's reference."""
    module = example()
    model, characters = module.train(TEXT, hidden_size=6, num_layers=2, kind="lstm", embedding_size=4,
                                      steps=20, seq_len=12, batch_size=4)
    module.write(model, characters, "lstm", folder)
    (folder / "model.pt").unlink()  # the .npz is what a machine without torch reads
    document = opened(folder, "model.npz")
    probabilities, loss, grads = torch_reference(model, document)
    np.savez(folder / "reference.npz", inputs=document.inputs, probabilities=probabilities,
             loss=np.array(loss), **grads)
    print(json.dumps({"written": str(folder), "characters": characters}, ensure_ascii=False))


if __name__ == "__main__":
    write_stored()
