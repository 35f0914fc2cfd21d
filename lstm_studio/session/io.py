"""The ``.lstms`` session file: one zip holding ``session.json`` (settings) and ``arrays.npz``
(numbers). Pure Python and NumPy, no Qt.

Layout of format "lstm-studio-session", version 1.4::

    session.json  {"format": "lstm-studio-session", "format_version": "1.4", "app_version": "…",
                   "network": {"kind", "input_size", "hidden_size", "num_layers", "bidirectional",
                               "output_size", "seq_len", "embedding_size" (optional, 1.4)},
                   "init_scheme", "seed", "loss", "bptt": {"truncate", "clip_norm", "clip_value"},
                   "task", "training": {"optimizer", "lr", "momentum", "batch_size", "seed", "steps",
                                        "task_options", …},
                   "view": {"time_step", "layer", "direction", "unit",
                                                      "display_mode", "colour_scale"},
                   "lesson": null or {"id", "page", "seed", "panel", "curves": {name: [numbers]}},
                   "kind_weights": {kind: {"network": {…as "network"…}}}  (optional, 1.3),
                   "free_run_from": step (optional, 1.4; absent: free running off)}
    arrays.npz    .npy members (never pickled): parameters/<PyTorch name>, readout/weight,
                  readout/bias, inputs, targets, loss_mask, h0, c0, history/<curve name>,
                  kinds/<kind>/parameters/<PyTorch name>, kinds/<kind>/readout/{weight,bias}

Where things are: this module reads and writes the format (versions, migrations, encoding);
:mod:`~lstm_studio.session.archive` the zip and its members; :mod:`~lstm_studio.session.file_checks`
what they hold; :mod:`~lstm_studio.session.safe_files` which files are opened and how a save
replaces one.

Reading trusts nothing: only regular files are opened; the member count and uncompressed sizes
are capped before and while reading (a member that unpacks to more than it declares is stopped one
byte past its declared size; deflated members together may unpack to at most
:data:`INFLATE_RATIO` times the file's size, or :data:`INFLATE_FLOOR`, so a zip bomb is refused
from its directory before anything is inflated); every JSON value (text must be valid Unicode) and
every array (name, dtype, shape, finite numbers within ±:data:`VALUE_LIMIT`) is checked against
the network the file describes (``NetworkConfig.validated()``, the engine's parameter shapes), the
training settings and task against the engine's ``TrainingConfig`` and task registry, and
whatever is wrong becomes one :class:`SessionFileError` naming it. Saving refuses a document that
could not be read back (within the same caps: what saves, opens), and writes atomically
(:func:`write_atomically`, through symbolic links to their target; never over a folder, device or
pipe). Saving raises nothing but :class:`SessionFileError`.

Versions: MAJOR.MINOR. Older versions are migrated step by step (:data:`MIGRATIONS`); a newer
MAJOR version is refused; a newer MINOR version of the same major loads, ignoring settings and
arrays it does not know.

- 1.0: BPTT truncation as a top-level ``"truncate"`` (no clipping), no view state.
- 1.1: ``"bptt"`` object with clipping, ``"view"`` object.
- 1.2: ``"view"`` holds ``"colour_scale"`` ("fixed" or "auto"; files of 1.1 get "fixed"); an
  optional ``"lesson"`` object {"id", "page", "seed", "panel", "curves"?} names the lesson page
  the session was built from.
- 1.3: truncation and clipping live in ``"bptt"`` only. A 1.2 file's ``"training"`` could hold
  copies of them ("truncate", "clip_norm", "clip_value": what the training dock showed, often not
  what the panels computed with); they are dropped, and ``"bptt"`` — what the plots showed —
  holds for the panels and for training alike. The training settings in ``"training"`` (every
  one optional: a missing one is the default of a session without a task) are saved whenever
  they change, not only after a run. An optional ``"kind_weights"`` object (absent: none) holds,
  for each kind the network had before in the session, the network it had then; its weights and
  read-out are the arrays under ``kinds/<kind>/`` — switching back to that kind gives them back.
- 1.4: settings a 1.3 reader does not know, each optional and written only when in use (so a
  file without them is a 1.3 file but for its version; a 1.3 app reads a 1.4 file as a newer
  minor version, ignoring them, instead of refusing them as unknown). The training settings may
  hold "schedule", "schedule_period", "decay", "validation", "validate_every" and "stateful"
  (absent: constant rate, no validation, random windows). An optional
  ``"network.embedding_size"`` E (absent: 0, no embedding) puts an embedding matrix
  ``parameters/embedding`` (input_size × E) before the first layer. An optional
  ``"free_run_from"`` k (0-based, 1 ≤ k ≤ seq_len − 1; absent: off) feeds the network's own
  previous prediction back as its input from step k on (see
  :mod:`lstm_studio.session.free_running`); written only when on, so a file without it is what
  it was before.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, fields
from pathlib import Path

import numpy as np

from lstm_studio import __version__
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP
from lstm_studio.session import archive
from lstm_studio.session.archive import (
    ARRAYS_NPZ,
    SESSION_JSON,
    _npz,
    _read_zip,
    _size,
    _write_members,
    read_npz,
    write_archive,
)
from lstm_studio.session.document import NetworkConfig, SessionDocument, ViewState
from lstm_studio.session.experiments import BPTT_KEYS
from lstm_studio.session.file_checks import (
    HISTORY_NAME,
    KIND_PREFIX,
    VIEW_KEYS_1_1,
    _document_from,
    _json_type,
)
from lstm_studio.session.safe_files import (
    SessionFileError,
    open_regular,
    write_atomically,
)

__all__ = ["ARRAYS_NPZ", "FORMAT_NAME", "FORMAT_VERSION", "MAX_JSON_BYTES", "SESSION_JSON",
           "SessionFileError", "encode", "load_session", "migrate", "open_regular", "read_npz",
           "save_session", "write_archive", "write_atomically"]

FORMAT_NAME = "lstm-studio-session"
FORMAT_VERSION = (1, 4)

MAX_JSON_BYTES = 16 * 2**20
"""Largest ``session.json`` accepted (uncompressed), and written: the longest training text
(``MAX_TEXT_CHARS`` characters, at most 6 bytes each in JSON) fits with room to spare."""
_VERSION = re.compile(r"(\d{1,6})\.(\d{1,6})")


# ------------------------------------------------------------------------------------ loading
def load_session(path) -> SessionDocument:
    """Read a ``.lstms`` file into a SessionDocument, or raise SessionFileError saying what is
    wrong (nothing else escapes for any content of the file)."""
    members, budget = _read_zip(Path(path), expected={SESSION_JSON: MAX_JSON_BYTES, ARRAYS_NPZ: archive.MAX_ARRAY_BYTES})
    meta = _parse_json(members[SESSION_JSON])
    version = _format_version(meta)
    arrays = read_npz(members.pop(ARRAYS_NPZ), budget=budget)
    meta, arrays = migrate(meta, arrays, version)
    return _document_from(meta, arrays, lenient=version > FORMAT_VERSION)


def _parse_json(data: bytes) -> dict:
    def finite_float(text):
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(f"number {text} is out of range")
        return value

    def refuse_constant(text):
        raise ValueError(f"{text} is not allowed")

    def unique_keys(pairs):
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError(f"key {next(k for k in keys if keys.count(k) > 1)!r} appears twice")
        return dict(pairs)

    try:
        meta = json.loads(data.decode("utf-8"), parse_float=finite_float,
                          parse_constant=refuse_constant, object_pairs_hook=unique_keys)
    except UnicodeDecodeError:
        raise SessionFileError(f"{SESSION_JSON}: not UTF-8 text.") from None
    except (ValueError, RecursionError) as exc:
        raise SessionFileError(f"{SESSION_JSON}: not valid JSON ({exc}).") from None
    if not isinstance(meta, dict):
        raise SessionFileError(f"{SESSION_JSON}: must hold a JSON object, not {_json_type(meta)}.")
    where = _unencodable(meta)
    if where is not None:
        raise SessionFileError(f"{SESSION_JSON}: {where!r} holds text that is not valid Unicode "
                               "(an unpaired surrogate such as \\ud800).")
    return meta


def _unencodable(value, path: str = "") -> str | None:
    """The key path of the first text (key or value) in ``value`` that is not valid Unicode (an
    unpaired surrogate, which JSON's \\u escapes can hold and UTF-8 cannot), or None."""
    def bad(text: str) -> bool:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False

    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if bad(item):
                return where or "(top level)"
        elif isinstance(item, dict):
            for key, child in item.items():
                name = f"{where}.{key}" if where else str(key)
                if isinstance(key, str) and bad(key):
                    return name
                stack.append((child, name))
        elif isinstance(item, (list, tuple)):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(item))
    return None


def _format_version(meta: dict) -> tuple[int, int]:
    if meta.get("format") != FORMAT_NAME:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "{member}: not an LSTM Studio session ('format' is not {name})."),  # noqa: E501 - one literal for lupdate
                               member=SESSION_JSON, name=repr(FORMAT_NAME))
    text = meta.get("format_version")
    match = _VERSION.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise SessionFileError(f"{SESSION_JSON}: 'format_version' must be text like \"1.1\".")
    version = (int(match[1]), int(match[2]))
    if version[0] > FORMAT_VERSION[0]:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "This session was saved in format {format} by a newer LSTM Studio ({app}); this version reads format {major}.x and older. Please update LSTM Studio to open it."),  # noqa: E501 - one literal for lupdate
                               format=text, app=_text(meta.get("app_version")), major=FORMAT_VERSION[0])
    if version < FORMAT_VERSION and version not in MIGRATIONS:
        raise SessionFileError(f"{SESSION_JSON}: unknown format version {text}.")
    return version


def _text(value) -> str:
    return value if isinstance(value, str) else "unknown version"


# ---------------------------------------------------------------------------------- migration
"""The view state of format 1.1."""


def _migrate_1_0(meta: dict, arrays: dict) -> tuple[dict, dict]:
    """1.0 -> 1.1: top-level "truncate" becomes the "bptt" object; default view state added."""
    meta = dict(meta)
    if "truncate" in meta:
        meta["bptt"] = {"truncate": meta.pop("truncate"), "clip_norm": None, "clip_value": None}
    meta.setdefault("view", {key: value for key, value in asdict(ViewState()).items()
                             if key in VIEW_KEYS_1_1})
    meta["format_version"] = "1.1"
    return meta, arrays


def _migrate_1_1(meta: dict, arrays: dict) -> tuple[dict, dict]:
    """1.1 -> 1.2: the view state gets the default colour scale ("fixed")."""
    meta = dict(meta)
    if isinstance(meta.get("view"), dict):  # anything else is refused by the checks
        meta["view"] = {**meta["view"], "colour_scale": ViewState().colour_scale}
    meta["format_version"] = "1.2"
    return meta, arrays


def _migrate_1_3(meta: dict, arrays: dict) -> tuple[dict, dict]:
    """1.3 -> 1.4: nothing to change (1.4 only adds optional settings)."""
    return {**meta, "format_version": "1.4"}, arrays


def _migrate_1_2(meta: dict, arrays: dict) -> tuple[dict, dict]:
    """1.2 -> 1.3: the training settings lose their copies of truncation and clipping (the
    "bptt" object, what the panels computed with, is the one that counts)."""
    meta = dict(meta)
    if isinstance(meta.get("training"), dict):  # anything else is refused by the checks
        meta["training"] = {key: value for key, value in meta["training"].items() if key not in BPTT_KEYS}
    meta["format_version"] = "1.3"
    return meta, arrays


MIGRATIONS = {(1, 0): ((1, 1), _migrate_1_0), (1, 1): ((1, 2), _migrate_1_1), (1, 2): ((1, 3), _migrate_1_2),
              (1, 3): ((1, 4), _migrate_1_3)}
"""version -> (next version, function(meta, arrays) -> (meta, arrays)); applied in a chain."""


def migrate(meta: dict, arrays: dict, version: tuple[int, int]) -> tuple[dict, dict]:
    """Bring the content of an older file up to :data:`FORMAT_VERSION`."""
    while version in MIGRATIONS:
        version, step = MIGRATIONS[version]
        meta, arrays = step(meta, arrays)
    return meta, arrays


# ------------------------------------------------------------------------------------- saving
def save_session(document: SessionDocument, path) -> None:
    """Write ``document`` to a ``.lstms`` file atomically, or raise SessionFileError (and
    nothing else, whatever the document holds).

    The file is written to a temporary file in the same folder, flushed to disk and then renamed
    over ``path``: a failure at any point leaves a previous file at ``path`` untouched. A document
    that could not be read back (a non-JSON training setting, NaN weights, text that is not valid
    Unicode, settings or arrays beyond what reading accepts…) is refused before anything is
    written.
    """
    try:
        json_bytes, npz_bytes = _packed(document)
    except SessionFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever a document holds, saving only refuses
        raise SessionFileError(f"Cannot save this session: {type(exc).__name__}: {exc}") from None
    write_atomically(Path(path), lambda fh: _write_members(fh, json_bytes, npz_bytes))


def _packed(document: SessionDocument) -> tuple[bytes, bytes]:
    """``session.json`` and ``arrays.npz`` of ``document``, checked as reading would check them."""
    meta, arrays = encode(document)
    try:
        text = json.dumps(meta, indent=2, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        raise SessionFileError(f"Cannot save: a setting is not plain data ({exc}).") from None
    where = _unencodable(meta)
    if where is not None:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot save this session: the setting {setting} holds text that is not valid Unicode (an unpaired surrogate)."),  # noqa: E501 - one literal for lupdate
                               setting=repr(where))
    json_bytes = text.encode("utf-8")
    if len(json_bytes) > MAX_JSON_BYTES:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot save this session: its settings (a long training text?) take {size}, more than the {limit} a session file may hold."),  # noqa: E501 - one literal for lupdate
                               size=_size(len(json_bytes)), limit=_size(MAX_JSON_BYTES))
    if len(arrays) > archive.MAX_MEMBERS:
        raise SessionFileError(f"Cannot save this session: it holds {len(arrays)} arrays, more than "
                               f"the {archive.MAX_MEMBERS} a session file may hold.")
    try:
        _document_from(_parse_json(json_bytes), arrays, lenient=False)
    except SessionFileError as exc:
        raise SessionFileError(f"Cannot save this session: {exc}") from None
    npz_bytes = _npz(arrays)
    if len(npz_bytes) > archive.MAX_ARRAY_BYTES:
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "Cannot save this session: its arrays take {size}, more than the {limit} a session file may hold."),  # noqa: E501 - one literal for lupdate
                               size=_size(len(npz_bytes)), limit=_size(archive.MAX_ARRAY_BYTES))
    return json_bytes, npz_bytes


def _network_json(config: NetworkConfig) -> dict:
    """The "network" object of ``config``; "embedding_size" only when there is an embedding (a
    file without one is what it was before embeddings)."""
    return {f.name: _plain(getattr(config, f.name)) for f in fields(NetworkConfig)
            if f.name != "embedding_size" or config.embedding_size}


def encode(document: SessionDocument) -> tuple[dict, dict[str, np.ndarray]]:
    """The JSON content and the named arrays of the current format for ``document``."""
    config = document.config
    meta = {
        "format": FORMAT_NAME,
        "format_version": "{}.{}".format(*FORMAT_VERSION),
        "app_version": __version__,
        "network": _network_json(config),
        "init_scheme": document.init_scheme,
        "seed": _plain(document.seed),
        "loss": document.loss,
        "bptt": {k: _plain(v) for k, v in asdict(document.bptt).items()},
        "task": document.task,
        "training": _plain(document.training),
        "view": {k: _plain(v) for k, v in asdict(document.view).items()},
    }
    if document.lesson is not None:
        meta["lesson"] = _plain(document.lesson)
    if document.free_run_from is not None:
        meta["free_run_from"] = _plain(document.free_run_from)
    if document.kind_weights:
        meta["kind_weights"] = {kind: {"network": _network_json(entry["config"])}
                                for kind, entry in document.kind_weights.items()}
    arrays = {f"parameters/{name}": value for name, value in document.parameters.items()}
    arrays.update({f"readout/{name}": value for name, value in document.readout.items()})
    arrays.update(inputs=document.inputs, targets=document.targets, loss_mask=document.loss_mask,
                  h0=document.h0, c0=document.c0)
    for kind, entry in document.kind_weights.items():
        for group in ("parameters", "readout"):
            arrays.update({f"{KIND_PREFIX}{kind}/{group}/{name}": value for name, value in entry[group].items()})
    for name, curve in document.history.items():
        if not isinstance(name, str) or not HISTORY_NAME.fullmatch(name) or _unencodable(name) is not None:
            raise SessionFileError(f"Cannot save: training curve name {name!r} is not allowed.")
        arrays[f"history/{name}"] = np.asarray(curve)
    return meta, {name: np.asarray(value) for name, value in arrays.items()}


def _plain(value):
    """NumPy scalars as Python numbers, also inside dicts and lists (JSON knows only those)."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
