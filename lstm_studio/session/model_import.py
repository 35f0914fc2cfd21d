"""Open a character model trained with PyTorch (no Qt): ``nn.Embedding`` (or one-hot input),
``nn.LSTM`` / ``nn.GRU`` / ``nn.RNN`` of any depth, either direction, and an ``nn.Linear``
read-out, from a ``state_dict`` file plus a vocabulary JSON, as a next-character session.

The state dict is read as data only (``.npz``, or ``.pt``/``.pth`` with
``torch.load(weights_only=True)`` when PyTorch is installed: see
:func:`~lstm_studio.session.params_io.read_parameter_file`); nothing in it is run. Its keys,
after a common wrapper prefix (:data:`WRAPPER_PREFIXES`) is dropped:

- ``<embedding>.weight`` (V × E), optional, ``<embedding>`` named one of
  :data:`EMBEDDING_MODULES` (its last part: ``model.char_embedding`` too);
- ``<rnn>.weight_ih_l{k}``, ``weight_hh_l{k}``, ``bias_ih_l{k}``, ``bias_hh_l{k}`` (and
  ``_reverse``), ``<rnn>`` any one module path;
- ``<fc>.weight`` (V × D·H) and ``<fc>.bias`` (V,), ``<fc>`` named one of :data:`READOUT_MODULES`.

Kind, layers, direction and sizes come from the keys and shapes: 4H gate rows are an LSTM, 3H a
GRU, H a simple RNN, whose nonlinearity (tanh or relu) the weights cannot tell: the vocabulary
JSON's optional ``"nonlinearity"`` says it (default tanh). The vocabulary JSON is
``{"characters": ["a", "b", …]}``, the characters in the model's index order.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np

from lstm_studio.engine import EMBEDDING, Network
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Refusal
from lstm_studio.session.document import VALUE_LIMIT, NetworkConfig, SessionDocument, opening_view
from lstm_studio.session.params_io import ParameterFileError, read_parameter_file

WRAPPER_PREFIXES = ("module.", "_orig_mod.", "model.")
"""Prefixes a wrapper adds to every key (DataParallel, torch.compile, a module holding the model)."""
EMBEDDING_MODULES = ("embedding", "embed", "emb", "embeddings", "encoder", "char_embedding")
READOUT_MODULES = ("fc", "linear", "out", "output", "decoder", "head", "readout", "proj", "lm_head",
                   "classifier")
KIND_OF_GATES = {4: "lstm", 3: "gru", 1: None}  # 1 gate: rnn_tanh or rnn_relu, by the vocabulary
NONLINEARITIES = {"tanh": "rnn_tanh", "relu": "rnn_relu"}
MAX_VOCABULARY_BYTES = 4 * 2**20
DEFAULT_SEQ_LEN = 25
RECURRENT_KEY = re.compile(r"(?:(?P<module>[\w.]+)\.)?(?P<role>weight_ih|weight_hh|bias_ih|bias_hh)"
                           r"_l(?P<layer>\d+)(?P<reverse>_reverse)?")


class ModelImportError(ParameterFileError):
    """A model or vocabulary file that cannot be opened as a character model; the message names
    the key (or field) and the shapes."""


def read_vocabulary(path) -> tuple[str, str | None]:
    """(characters in index order, "tanh"/"relu" or None) of a vocabulary JSON file
    ``{"characters": [...], "nonlinearity": ...}``; ModelImportError saying what is wrong."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_VOCABULARY_BYTES + 1)
    except OSError as exc:
        raise ModelImportError(QT_TRANSLATE_NOOP("Refusal", "Cannot read {file}: {reason}."),
                               file=path.name, reason=exc.strerror or str(exc)) from None
    if len(data) > MAX_VOCABULARY_BYTES:
        raise ModelImportError(QT_TRANSLATE_NOOP("Refusal", "{file} is too large for a vocabulary."),
                               file=path.name)
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelImportError(QT_TRANSLATE_NOOP("Refusal", "{file} is not a JSON file ({reason})."),
                               file=path.name, reason=str(exc)) from None
    return vocabulary_from(content, path.name)


def vocabulary_from(content, name: str = "vocabulary") -> tuple[str, str | None]:
    """As :func:`read_vocabulary`, from the parsed JSON ``content``."""
    if not isinstance(content, dict) or "characters" not in content:
        raise ModelImportError(QT_TRANSLATE_NOOP(
            "Refusal", "{file} must be an object with a \"characters\" list, e.g. {example}."),
            file=name, example='{"characters": ["a", "b", " "]}')
    characters = content["characters"]
    if not isinstance(characters, list) or not characters:
        raise ModelImportError(QT_TRANSLATE_NOOP(
            "Refusal", "{file}: \"characters\" must be a non-empty list of characters."), file=name)
    for index, character in enumerate(characters):
        if not isinstance(character, str) or len(character) != 1:
            raise ModelImportError(QT_TRANSLATE_NOOP(
                "Refusal", "{file}: entry {index} of \"characters\" is {value}, not one character."),
                file=name, index=index, value=json.dumps(character, ensure_ascii=False))
    seen = {}
    for index, character in enumerate(characters):
        if character in seen:
            raise ModelImportError(QT_TRANSLATE_NOOP(
                "Refusal", "{file}: {character} is listed twice in \"characters\" (entries {first} and {second})."),
                file=name, character=repr(character), first=seen[character], second=index)
        seen[character] = index
    if len(characters) < 2:
        raise ModelImportError(QT_TRANSLATE_NOOP(
            "Refusal", "{file}: \"characters\" must list at least two characters."), file=name)
    nonlinearity = content.get("nonlinearity")
    if nonlinearity is not None and nonlinearity not in NONLINEARITIES:
        raise ModelImportError(QT_TRANSLATE_NOOP(
            "Refusal", "{file}: \"nonlinearity\" must be \"tanh\" or \"relu\", not {value}."),
            file=name, value=json.dumps(nonlinearity, ensure_ascii=False))
    return "".join(characters), nonlinearity


def _without_wrappers(state: dict) -> dict:
    """``state`` with wrapper prefixes every key shares dropped (``module._orig_mod.rnn…``)."""
    changed = True
    while changed and state:
        changed = False
        for prefix in WRAPPER_PREFIXES:
            if all(key.startswith(prefix) for key in state):
                state = {key[len(prefix):]: value for key, value in state.items()}
                changed = True
    return state


def _split_keys(state: dict) -> tuple[dict, dict, dict, dict]:
    """(embedding {"weight"}, recurrent {PyTorch name: array}, read-out {"weight", "bias"}, the
    prefix of each group's keys as found, e.g. {"embedding": "encoder.", "rnn": "rnn.",
    "readout": "decoder."}); ModelImportError naming a key that is none of them, or a group
    split over two modules."""
    embedding, recurrent, readout = {}, {}, {}
    modules = {"embedding": set(), "rnn": set(), "readout": set()}
    for key, value in state.items():
        match = RECURRENT_KEY.fullmatch(key)
        module, _, part = key.rpartition(".")
        if match:
            modules["rnn"].add(module + "." if module else "")
            recurrent[part] = value
        elif module.rpartition(".")[2] in EMBEDDING_MODULES and part == "weight":
            modules["embedding"].add(module + ".")
            embedding[part] = value
        elif module.rpartition(".")[2] in READOUT_MODULES and part in ("weight", "bias"):
            modules["readout"].add(module + ".")
            readout[part] = value
        else:
            raise ModelImportError(QT_TRANSLATE_NOOP(
                "Refusal", "The model has a key LSTM Studio does not know: {key} (shape {shape}). It opens an embedding ({embedding}.weight), one nn.LSTM, nn.GRU or nn.RNN and a linear read-out ({readout}.weight, .bias)."),  # noqa: E501 - one literal for lupdate
                key=key, shape=tuple(value.shape), embedding="|".join(EMBEDDING_MODULES[:2]),
                readout="|".join(READOUT_MODULES[:3]))
    for found in modules.values():
        if len(found) > 1:
            raise ModelImportError(QT_TRANSLATE_NOOP(
                "Refusal", "The model has weights of several modules of one role ({modules}); LSTM Studio opens one embedding, one recurrent stack and one read-out."),  # noqa: E501 - one literal for lupdate
                modules=", ".join(sorted(m.rstrip(".") for m in found)))
    if not recurrent:
        raise ModelImportError(QT_TRANSLATE_NOOP(
            "Refusal", "The model has no recurrent weights (missing key: weight_ih_l0 of an nn.LSTM, nn.GRU or nn.RNN)."))  # noqa: E501 - one literal for lupdate
    prefixes = {role: next(iter(found), default) for (role, found), default in
                zip(modules.items(), ("embedding.", "rnn.", "fc."))}
    return embedding, recurrent, readout, prefixes


def _infer_config(embedding, recurrent, readout, prefixes, vocabulary_size, nonlinearity) -> NetworkConfig:
    """Kind, sizes and layers the weights imply; ModelImportError naming the key that is missing
    or has a shape that does not fit."""
    prefix = prefixes["rnn"]
    for needed in ("weight_ih_l0", "weight_hh_l0"):
        if needed not in recurrent:
            raise ModelImportError(QT_TRANSLATE_NOOP("Refusal", "The model has no key {key}."),
                                   key=prefix + needed)
    w_hh = recurrent["weight_hh_l0"]
    if w_hh.ndim != 2 or w_hh.shape[1] < 1 or w_hh.shape[0] % w_hh.shape[1] \
            or w_hh.shape[0] // w_hh.shape[1] not in KIND_OF_GATES:
        raise ModelImportError(QT_TRANSLATE_NOOP(
            "Refusal", "{key} has shape {shape}: an nn.LSTM has 4H × H, an nn.GRU 3H × H, an nn.RNN H × H."),
            key=prefix + "weight_hh_l0", shape=tuple(w_hh.shape))
    hidden = w_hh.shape[1]
    kind = KIND_OF_GATES[w_hh.shape[0] // hidden]
    if kind is None:
        kind = NONLINEARITIES[nonlinearity or "tanh"]
    elif nonlinearity is not None:
        raise ModelImportError(QT_TRANSLATE_NOOP(
            "Refusal", "The vocabulary gives a nonlinearity ({value}), but the model is an nn.{module}: only an nn.RNN has one to choose."),  # noqa: E501 - one literal for lupdate
            value=nonlinearity, module=kind.upper())
    layers = 1 + max(int(RECURRENT_KEY.fullmatch(name)["layer"]) for name in recurrent)
    bidirectional = any(name.endswith("_reverse") for name in recurrent)
    w_ih = recurrent["weight_ih_l0"]
    embedding_size = 0
    if "weight" in embedding:
        table = embedding["weight"]
        if table.ndim != 2 or table.shape[0] != vocabulary_size:
            raise ModelImportError(QT_TRANSLATE_NOOP(
                "Refusal", "The vocabulary has {count} characters but the embedding {key} has shape {shape} ({count} rows expected)."),  # noqa: E501 - one literal for lupdate
                count=vocabulary_size, key=prefixes["embedding"] + "weight", shape=tuple(table.shape))
        embedding_size = table.shape[1]
    elif w_ih.ndim == 2 and w_ih.shape[1] != vocabulary_size:
        raise ModelImportError(QT_TRANSLATE_NOOP(
            "Refusal", "The model has no embedding, so {key} reads one-hot characters: it needs {count} columns for the {count} characters of the vocabulary, not shape {shape}."),  # noqa: E501 - one literal for lupdate
            key=prefix + "weight_ih_l0", count=vocabulary_size, shape=tuple(w_ih.shape))
    weight = readout.get("weight")
    if weight is not None and weight.ndim == 2 and weight.shape[0] != vocabulary_size:
        raise ModelImportError(QT_TRANSLATE_NOOP(
            "Refusal", "The vocabulary has {count} characters but the read-out {key} has shape {shape} ({count} rows expected)."),  # noqa: E501 - one literal for lupdate
            count=vocabulary_size, key=prefixes["readout"] + "weight", shape=tuple(weight.shape))
    return NetworkConfig(kind=kind, input_size=vocabulary_size, hidden_size=hidden, num_layers=layers,
                         bidirectional=bidirectional, output_size=vocabulary_size,
                         seq_len=DEFAULT_SEQ_LEN, embedding_size=embedding_size)


def _checked_weights(config: NetworkConfig, recurrent, embedding, readout, prefixes) -> tuple[dict, dict]:
    """(parameters, read-out) in the engine's names, every key there with its exact shape and
    finite numbers within ±VALUE_LIMIT; ModelImportError naming the key otherwise."""
    network = Network(config.kind, config.input_size, config.hidden_size, config.num_layers,
                      config.bidirectional, embedding_size=config.embedding_size)
    expected = {(prefixes["rnn"] + name if name != EMBEDDING else prefixes["embedding"] + "weight"):
                (name, shape) for name, shape in network.parameter_shapes().items()}
    features = config.num_directions * config.hidden_size
    expected[prefixes["readout"] + "weight"] = ("readout.weight", (config.output_size, features))
    expected[prefixes["readout"] + "bias"] = ("readout.bias", (config.output_size,))
    given = {prefixes["rnn"] + name: value for name, value in recurrent.items()}
    given.update({prefixes["readout"] + name: value for name, value in readout.items()})
    given.update({prefixes["embedding"] + name: value for name, value in embedding.items()})
    for key in given:
        if key not in expected:
            raise ModelImportError(QT_TRANSLATE_NOOP(
                "Refusal", "The model has a key {key} that a {layers}-layer network does not have (shape {shape})."),
                key=key, layers=config.num_layers, shape=tuple(given[key].shape))
    parameters, out = {}, {}
    for key, (name, shape) in expected.items():
        if key not in given:
            raise ModelImportError(QT_TRANSLATE_NOOP(
                "Refusal", "The model has no key {key} (shape {shape} expected)."),
                key=key, shape=shape)
        value = given[key]
        if value.shape != shape:
            raise ModelImportError(QT_TRANSLATE_NOOP(
                "Refusal", "{key} has shape {shape}; this model needs {expected}."),
                key=key, shape=tuple(value.shape), expected=shape)
        if not np.all(np.isfinite(value)):
            raise ModelImportError(QT_TRANSLATE_NOOP("Refusal", "{key} contains NaN or infinity."), key=key)
        if value.size and np.max(np.abs(value)) > VALUE_LIMIT:
            raise ModelImportError(QT_TRANSLATE_NOOP(
                "Refusal", "{key} holds values beyond ±{limit}, the largest LSTM Studio takes."),
                key=key, limit=f"{VALUE_LIMIT:g}")
        group, _, short = name.partition(".") if name.startswith("readout.") else ("", "", name)
        (out if group else parameters)[short] = np.array(value, dtype=np.float64)
    return parameters, out


def model_document(state: dict, characters: str, nonlinearity: str | None = None,
                   text: str | None = None) -> SessionDocument:
    """A next-character session of the model whose weights are ``state`` (key -> float array)
    with the vocabulary ``characters`` (index order); ``text`` to read (default: the vocabulary
    repeated, enough for one sequence). ModelImportError (a Refusal for sizes beyond the work
    budget, or a text with characters the vocabulary lacks) saying what does not fit."""
    from lstm_studio.session.experiments import task_document

    state = _without_wrappers(dict(state))
    for key, value in state.items():
        if not isinstance(value, np.ndarray) or value.dtype.kind != "f":
            raise ModelImportError(QT_TRANSLATE_NOOP(
                "Refusal", "{key}: must hold floating-point numbers, not {type}."),
                key=key, type=str(getattr(value, "dtype", type(value).__name__)))
    embedding, recurrent, readout, prefixes = _split_keys(state)
    config = _infer_config(embedding, recurrent, readout, prefixes, len(characters), nonlinearity)
    parameters, out = _checked_weights(config, recurrent, embedding, readout, prefixes)
    if text is None:
        text = default_text(characters, config.seq_len)
    seq_len = min(config.seq_len, len(text) - 1)
    try:
        config = replace(config, seq_len=max(seq_len, 1)).validated()
        document = task_document("next_char", text=text, seq_len=config.seq_len, vocabulary=characters)
    except Refusal as exc:
        raise ModelImportError(exc.template, **exc.values) from None
    document.config = config
    document.parameters = parameters
    document.readout = out
    rows = config.state_rows
    document.h0 = np.zeros((rows, config.hidden_size))
    document.c0 = np.zeros((rows, config.hidden_size))
    document.init_scheme = "pytorch"
    document.view.time_step = config.seq_len - 1
    return opening_view(document)


def default_text(characters: str, seq_len: int) -> str:
    """A text made of the vocabulary for a model opened without one: its characters in index
    order, repeated to hold one sequence and its last target."""
    repeats = -(-(seq_len + 1) // len(characters))
    return characters * max(repeats, 2)


def open_model(model_path, vocabulary_path, text: str | None = None) -> SessionDocument:
    """:func:`model_document` of a state-dict file (.npz, .pt, .pth) and a vocabulary JSON."""
    characters, nonlinearity = read_vocabulary(vocabulary_path)
    state = read_parameter_file(model_path, floats_only=True)
    return model_document(state, characters, nonlinearity, text)


def has_own_vocabulary(document: SessionDocument) -> bool:
    """Whether ``document`` is a next-character session whose characters are a model's own
    (an imported model: its task options hold a "vocabulary")."""
    options = document.training.get("task_options") if document.task == "next_char" else None
    return isinstance(options, dict) and isinstance(options.get("vocabulary"), str)


def with_text(document: SessionDocument, text: str) -> SessionDocument:
    """An imported model's session (:func:`has_own_vocabulary`) reading ``text`` instead: the
    network, its weights and its vocabulary kept, the sequence a window of the new text (as many
    steps as before when the text is long enough). A Refusal when the text uses a character the
    vocabulary lacks."""
    from lstm_studio.session.experiments import task_document

    characters = document.training["task_options"]["vocabulary"]
    seed = document.training.get("seed", 0)
    steps = max(1, min(document.config.seq_len, len(text) - 1)) if isinstance(text, str) else 1
    fresh = task_document("next_char", seed=seed if isinstance(seed, int) else 0, text=text,
                          seq_len=steps, vocabulary=characters)
    result = document.copy()
    result.config = replace(document.config, seq_len=fresh.config.seq_len).validated()
    result.inputs, result.targets, result.loss_mask = fresh.inputs, fresh.targets, fresh.loss_mask
    result.training = dict(result.training, task_options=fresh.training["task_options"])
    result.view.time_step = min(result.view.time_step, result.config.seq_len - 1)
    return opening_view(result)
