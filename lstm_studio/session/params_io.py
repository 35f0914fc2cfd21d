"""Parameter import and export in PyTorch's layout (no Qt).

Files hold one array per PyTorch name (``weight_ih_l0``, ``bias_hh_l1_reverse``…, an embedding as
``embedding.weight``) and optionally the read-out as ``readout.weight`` / ``readout.bias``: the
keys of a character model's ``state_dict``. Exporting a next-character session also writes its
vocabulary JSON beside the file (``model.npz`` → ``model.vocab.json``), so the pair opens with
Import PyTorch Model (:mod:`lstm_studio.session.model_import`) — in LSTM Studio or wherever the
model goes next. The file formats:

- ``.npz`` (always available; read without pickles, with the same size caps as sessions),
- ``.pt`` / ``.pth`` state dicts when PyTorch happens to be installed (``torch.load`` with
  ``weights_only=True``; never required).

A state dict saved from a module that holds the recurrent layer as an attribute
(``lstm.weight_ih_l0``…) is accepted too: the common prefix is dropped.

Kinds PyTorch has no module for (the 1997 LSTM without a forget gate) are refused both ways
rather than written in a layout no PyTorch module loads.
"""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import numpy as np

from lstm_studio.engine.embedding import EMBEDDING
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, TranslatableError
from lstm_studio.session import archive
from lstm_studio.session.characters import vocabulary
from lstm_studio.session.document import VALUE_LIMIT, SessionDocument
from lstm_studio.session.safe_files import (
    SessionFileError,
    open_regular,
    write_atomically,
)

READOUT_PREFIX = "readout."
TORCH_SUFFIXES = (".pt", ".pth")


NO_PYTORCH_COUNTERPART = {
    "lstm_nofg": QT_TRANSLATE_NOOP(
        "Refusal", "PyTorch has no LSTM without a forget gate: nn.LSTM always has one, so its weights have four gate blocks where this network has three. Save the session (.lstms) to keep these weights."),  # noqa: E501 - one literal for lupdate
}
"""Kinds whose weights no PyTorch module takes, with the reason shown to the user."""


class ParameterFileError(TranslatableError):
    """A parameter file cannot be read, written or does not fit; the message says exactly why
    (translatable where it is a template marked with QT_TRANSLATE_NOOP)."""


def check_pytorch_kind(document: SessionDocument) -> None:
    """ParameterFileError when PyTorch has no module of the document's network kind."""
    reason = NO_PYTORCH_COUNTERPART.get(document.config.kind)
    if reason is not None:
        raise ParameterFileError(reason)


def torch_available() -> bool:
    """Whether ``.pt`` files can be read and written (PyTorch is installed)."""
    return importlib.util.find_spec("torch") is not None


EMBEDDING_KEY = EMBEDDING + ".weight"
"""The embedding's name in a parameter file: ``nn.Embedding``'s, as Import PyTorch Model reads it
(files written before it was used hold the engine's bare name, still read)."""
VOCABULARY_SUFFIX = ".vocab.json"


def parameter_arrays(document: SessionDocument) -> dict[str, np.ndarray]:
    """The network's parameters by PyTorch name (the embedding as ``embedding.weight``) plus
    ``readout.weight``/``readout.bias``: the keys of a PyTorch character model's ``state_dict``."""
    arrays = {EMBEDDING_KEY if name == EMBEDDING else name: value for name, value in document.parameters.items()}
    arrays.update({READOUT_PREFIX + name: value for name, value in document.readout.items()})
    return arrays


def vocabulary_path(path) -> Path:
    """Where the vocabulary of a parameter file ``path`` is written: ``model.npz`` →
    ``model.vocab.json``."""
    path = Path(path)
    return path.with_name(path.stem + VOCABULARY_SUFFIX)


def vocabulary_json(document: SessionDocument) -> str | None:
    """The vocabulary JSON of a next-character session (the characters of its channels in order,
    and an RNN's nonlinearity), as Import PyTorch Model reads it; None for other sessions."""
    characters = vocabulary(document)
    if characters is None:
        return None
    content = {"characters": list(characters)}
    if document.config.kind in ("rnn_tanh", "rnn_relu"):
        content["nonlinearity"] = document.config.kind.removeprefix("rnn_")
    return json.dumps(content, ensure_ascii=False)


def export_parameters(document: SessionDocument, path) -> list[Path]:
    """Write the parameters of ``document`` to ``path`` (.npz, or .pt/.pth with PyTorch),
    atomically, and for a next-character session its vocabulary beside it
    (:func:`vocabulary_path`): the two files Import PyTorch Model opens. Returns the paths
    written; ParameterFileError when that is not possible."""
    check_pytorch_kind(document)
    path = Path(path)
    arrays = parameter_arrays(document)
    vocabulary_text = vocabulary_json(document)
    if path.suffix.lower() in TORCH_SUFFIXES:
        torch = _torch(path)
        # copies: the document's arrays are read-only, which a tensor sharing them cannot be
        tensors = {name: torch.tensor(value) for name, value in arrays.items()}

        def writer(fh):
            torch.save(tensors, fh)
    else:
        def writer(fh):
            np.savez(fh, **arrays)
    written = [path]
    try:
        write_atomically(path, writer)
        if vocabulary_text is not None:
            written.append(vocabulary_path(path))
            write_atomically(written[-1], lambda fh: fh.write(vocabulary_text.encode("utf-8")))
    except SessionFileError as exc:
        raise ParameterFileError(str(exc)) from None
    return written


def read_parameter_file(path, *, floats_only: bool = False) -> dict[str, np.ndarray]:
    """The arrays of a parameter file (name -> float64 array), or ParameterFileError
    (``floats_only``: integer arrays are refused too, naming the key and its type)."""
    path = Path(path)
    try:
        with open_regular(path) as fh:
            data = fh.read(archive.MAX_ARRAY_BYTES + 1)
    except OSError as exc:
        raise ParameterFileError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None
    except SessionFileError as exc:
        raise ParameterFileError(exc.template, **exc.values) from None
    if len(data) > archive.MAX_ARRAY_BYTES:
        raise ParameterFileError(f"{path.name} is larger than any network's parameters.")
    if path.suffix.lower() in TORCH_SUFFIXES:
        arrays = _read_torch(path, data)
    else:
        try:
            arrays = archive.read_npz(data, path.name)
        except SessionFileError as exc:
            raise ParameterFileError(str(exc)) from None
    for name, array in arrays.items():
        if array.dtype.kind not in "iuf":
            raise ParameterFileError(f"{name}: must hold numbers, not {array.dtype}.")
        if floats_only and array.dtype.kind != "f":
            raise ParameterFileError(QT_TRANSLATE_NOOP(
                "Refusal", "{key}: must hold floating-point numbers, not {type}."), key=name,
                type=str(array.dtype))
    return {name: array.astype(np.float64) for name, array in arrays.items()}


def _torch(path: Path):
    if not torch_available():
        raise ParameterFileError(f"{path.name}: PyTorch files need PyTorch installed; "
                                 "use the .npz format instead.")
    import torch

    return torch


def _read_torch(path: Path, data: bytes) -> dict[str, np.ndarray]:
    torch = _torch(path)
    try:
        state = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises many kinds for damaged or unsafe files
        raise ParameterFileError(f"{path.name} is not a readable PyTorch state dict ({exc}).") from None
    if not isinstance(state, dict):
        raise ParameterFileError(f"{path.name} holds a {type(state).__name__}, not a state dict.")
    arrays = {}
    for name, value in state.items():
        if not isinstance(name, str) or not isinstance(value, torch.Tensor):
            raise ParameterFileError(f"{path.name}: entry {name!r} is not a named tensor.")
        if value.is_complex() or not (value.is_floating_point() or value.dtype in (torch.int32, torch.int64)):
            raise ParameterFileError(f"{name}: must hold real numbers, not {value.dtype}.")
        if value.is_floating_point():  # float16 and bfloat16 too, which NumPy lacks or reads poorly
            value = value.to(torch.float64)
        arrays[name] = value.detach().cpu().numpy()  # integers of their own type: the caller checks them
    return arrays


def imported_document(document: SessionDocument, values: dict[str, np.ndarray]) -> SessionDocument:
    """A copy of ``document`` with the parameters (and read-out, when given) of ``values``.

    Every network parameter must be there with the exact shape and finite numbers within
    ±``VALUE_LIMIT`` (what typing takes); the read-out
    is optional. ParameterFileError lists everything that does not fit, e.g.
    ``weight_hh_l0: expected (32, 8), file has (16, 4); missing: bias_ih_l1``; refused for a
    kind PyTorch has no module for (:func:`check_pytorch_kind`).
    """
    check_pytorch_kind(document)
    if EMBEDDING_KEY in values and EMBEDDING in document.parameters and EMBEDDING not in values:
        values = {EMBEDDING if name == EMBEDDING_KEY else name: value for name, value in values.items()}
    values = _without_module_prefix(values, document.parameters)
    wanted = {name: value.shape for name, value in document.parameters.items()}
    wanted.update({READOUT_PREFIX + name: value.shape for name, value in document.readout.items()})
    problems = []
    for name, value in values.items():
        if name not in wanted:
            continue
        if value.shape != wanted[name]:
            problems.append(f"{name}: expected {wanted[name]}, file has {value.shape}")
        elif not np.all(np.isfinite(value)):
            problems.append(f"{name}: contains NaN or infinity")
        elif value.size and np.max(np.abs(value)) > VALUE_LIMIT:
            worst = float(value.flat[np.argmax(np.abs(value))])
            problems.append(f"{name}: holds {worst:g}, beyond ±{VALUE_LIMIT:g}, the largest value "
                            "LSTM Studio takes")
    missing = [name for name in document.parameters if name not in values]
    if missing:
        problems.append("missing: " + ", ".join(missing))
    unknown = [name for name in values if name not in wanted]
    if unknown:
        problems.append("not in this network: " + ", ".join(unknown))
    if problems:
        raise ParameterFileError("; ".join(problems))
    result = document.copy()
    result.parameters = {name: values[name].copy() for name in document.parameters}
    for name in document.readout:
        if READOUT_PREFIX + name in values:
            result.readout[name] = values[READOUT_PREFIX + name].copy()
    return result


def _without_module_prefix(values: dict, parameters: dict) -> dict:
    """Drop a common ``something.`` prefix of the recurrent names (``lstm.weight_ih_l0``)."""
    recurrent = [name for name in values if not name.startswith(READOUT_PREFIX)]
    if not recurrent or any(name in parameters for name in recurrent):
        return values
    prefixes = {name.split(".", 1)[0] for name in recurrent if "." in name}
    if len(prefixes) != 1 or not all("." in name for name in recurrent):
        return values
    cut = len(prefixes.pop()) + 1
    return {(name if name.startswith(READOUT_PREFIX) else name[cut:]): value
            for name, value in values.items()}
