"""What a session file holds, checked setting by setting and array by array against the network
it describes (``NetworkConfig.validated()``, the engine's parameter shapes), the training settings
and task against the engine's ``TrainingConfig`` and task registry; whatever is wrong becomes one
:class:`~lstm_studio.session.safe_files.SessionFileError` naming it (see
:mod:`lstm_studio.session.io` for the format).
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import fields

import numpy as np

from lstm_studio.engine import KINDS, Network
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Phrase, Refusal
from lstm_studio.engine.tasks import check_int, make_task
from lstm_studio.engine.training import TrainingConfig
from lstm_studio.session.archive import ARRAYS_NPZ, SESSION_JSON
from lstm_studio.session.document import (
    COLOUR_SCALES,
    DISPLAY_MODES,
    LESSON_PANELS,
    LOSS_KINDS,
    VALUE_LIMIT,
    BpttSettings,
    NetworkConfig,
    SessionDocument,
    ViewState,
)
from lstm_studio.session.experiments import TRAINING_KEYS
from lstm_studio.session.free_running import free_run_setting_refusal
from lstm_studio.session.safe_files import SessionFileError

MAX_HISTORY_VALUES = 10_000_000
"""Most training-curve values a session may hold (all curves together)."""
MAX_COUNT = 2**31 - 1
"""Largest step count, batch size or seed in the training settings (what the app's fields hold)."""
MAX_SETTING = 1e300
"""Largest clipping threshold accepted (any larger number is no clipping, and would overflow)."""

TOP_LEVEL_KEYS = ("format", "format_version", "app_version", "network", "init_scheme", "seed",
                  "loss", "bptt", "task", "training", "view")
OPTIONAL_KEYS = ("lesson", "kind_weights", "free_run_from")
INIT_SCHEMES = ("pytorch", "xavier", "orthogonal")
LESSON_KEYS = ("id", "page", "seed", "panel")
VIEW_KEYS_1_1 = ("time_step", "layer", "direction", "unit", "display_mode")
"""The view state's settings since format 1.1 (1.2 added "colour_scale")."""
MAX_LESSON_CURVES, MAX_LESSON_CURVE_VALUES = 8, 100_000
HISTORY_DTYPES = (np.dtype(np.float64), np.dtype(np.float32), np.dtype(np.int64), np.dtype(np.int32))
HISTORY_NAME = re.compile(r"[^\x00-\x1f\x7f/\\]{1,100}")
"""A training curve's name (``history/<name>``): printable, no slashes."""


def _largest(array: np.ndarray) -> float:
    """The value of ``array`` largest in magnitude (with its sign)."""
    return float(array.flat[np.argmax(np.abs(array))])


class _Fields:
    """Typed access to one JSON object; every refusal names the key path."""

    def __init__(self, obj, path: str, *, lenient: bool, required: tuple[str, ...],
                 optional: tuple[str, ...] = ()):
        self.path = path
        if not isinstance(obj, dict):
            self.fail(f"must be an object, not {_json_type(obj)}")
        self.obj = obj
        missing = [key for key in required if key not in obj]
        if missing:
            raise SessionFileError(f"{SESSION_JSON}: {self._name(missing[0])} is missing.")
        extra = [key for key in obj if key not in required + optional]
        if extra and not lenient:
            raise SessionFileError(f"{SESSION_JSON}: unknown setting {self._name(extra[0])}.")

    def _name(self, key=None) -> str:
        return repr(f"{self.path}.{key}" if self.path and key else key or self.path)

    def fail(self, message: str, key: str | None = None):
        raise SessionFileError(f"{SESSION_JSON}: {self._name(key)} {message}.")

    def whole(self, key, low, high=None) -> int:
        value = self.obj[key]
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"must be a whole number, not {_json_type(value)}", key)
        if value < low or (high is not None and value > high):
            self.fail(f"must be between {low} and {high}" if high is not None
                      else f"must be at least {low}", key)
        return value

    def boolean(self, key) -> bool:
        value = self.obj[key]
        if not isinstance(value, bool):
            self.fail(f"must be true or false, not {_json_type(value)}", key)
        return value

    def choice(self, key, choices) -> str:
        value = self.obj[key]
        if value not in choices or not isinstance(value, str):
            self.fail(f"must be one of {', '.join(map(repr, choices))}", key)
        return value

    def text_or_null(self, key) -> str | None:
        value = self.obj[key]
        if value is not None and not isinstance(value, str):
            self.fail(f"must be text or null, not {_json_type(value)}", key)
        return value

    def positive_or_null(self, key):
        value = self.obj[key]
        if value is None:
            return None
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            self.fail(f"must be a positive number or null, not {_json_type(value)}", key)
        if not 0 < value <= MAX_SETTING:
            self.fail(f"must be a positive number up to {MAX_SETTING:g}, or null", key)
        return value

    def whole_or_null(self, key, low):
        return None if self.obj[key] is None else self.whole(key, low)


def _json_type(value) -> str:
    for kind, label in ((bool, "true/false"), (int, "a whole number"), (float, "a number"),
                        (str, "text"), (list, "a list"), (dict, "an object")):
        if isinstance(value, kind):
            return label
    return "null"


def _document_from(meta: dict, arrays: dict[str, np.ndarray], *, lenient: bool) -> SessionDocument:
    """Check every setting and array of a (migrated) file and build the document."""
    top = _Fields(meta, "", lenient=lenient, required=TOP_LEVEL_KEYS, optional=OPTIONAL_KEYS)
    if not isinstance(meta["app_version"], str):
        top.fail(f"must be text, not {_json_type(meta['app_version'])}", "app_version")

    config = _config_from(meta["network"], lenient)
    bptt = _Fields(meta["bptt"], "bptt", lenient=lenient, required=("truncate", "clip_norm", "clip_value"))
    view = _Fields(meta["view"], "view", lenient=lenient, required=VIEW_KEYS_1_1 + ("colour_scale",))
    training = meta["training"]
    if not isinstance(training, dict):
        top.fail(f"must be an object, not {_json_type(training)}", "training")
    task = top.text_or_null("task")
    _check_training(training, task)

    arrays = dict(arrays)
    kind_weights = _kind_weights_from(meta.get("kind_weights", {}), arrays, config, lenient)
    numbers = _arrays_from(arrays, config, lenient)
    return SessionDocument(
        config=config,
        **numbers,
        loss=top.choice("loss", LOSS_KINDS),
        bptt=BpttSettings(
            truncate=bptt.whole_or_null("truncate", 1),
            clip_norm=bptt.positive_or_null("clip_norm"),
            clip_value=bptt.positive_or_null("clip_value"),
        ),
        view=ViewState(
            time_step=view.whole("time_step", 0, config.seq_len - 1),
            layer=view.whole("layer", 0, config.num_layers - 1),
            direction=view.whole("direction", 0, config.num_directions - 1),
            unit=view.whole("unit", 0, config.hidden_size - 1),
            display_mode=view.choice("display_mode", DISPLAY_MODES),
            colour_scale=view.choice("colour_scale", COLOUR_SCALES),
        ),
        init_scheme=top.choice("init_scheme", INIT_SCHEMES),
        seed=top.whole("seed", 0, 2**63 - 1),
        task=task,
        training=training,
        lesson=_lesson_from(meta.get("lesson"), lenient),
        kind_weights=kind_weights,
        free_run_from=_free_run_from(top, config, meta["loss"]),
    )


def _free_run_from(top: _Fields, config: NetworkConfig, loss: str) -> int | None:
    """The optional ``"free_run_from"`` step, checked as the session model checks it."""
    if top.obj.get("free_run_from") is None:
        return None
    start = top.whole("free_run_from", 1, config.seq_len - 1)
    refusal = free_run_setting_refusal(config, loss, start)
    if refusal is not None:
        top.fail(f"cannot be used here: {refusal}", "free_run_from")
    return start


KIND_PREFIX = "kinds/"
"""Arrays of the weights remembered for other kinds: ``kinds/<kind>/parameters/…``, ``…/readout/…``."""


def _kind_weights_from(value, arrays: dict[str, np.ndarray], config: NetworkConfig, lenient: bool) -> dict:
    """The ``"kind_weights"`` object and its arrays (taken out of ``arrays``): for each kind but
    the current one, the network it had and its weights, checked like the current ones."""
    if not isinstance(value, dict):
        raise SessionFileError(f"{SESSION_JSON}: 'kind_weights' must be an object, not {_json_type(value)}.")
    remembered = {}
    for kind, entry in value.items():
        where = f"kind_weights.{kind}"
        if lenient and kind not in KINDS:
            continue  # a kind of a newer version: its arrays are ignored like any unknown ones
        if kind not in KINDS or kind == config.kind:
            raise SessionFileError(f"{SESSION_JSON}: {where!r} must name another kind of network "
                                   f"than the current {config.kind!r}, one of {', '.join(KINDS)}.")
        fields_ = _Fields(entry, where, lenient=lenient, required=("network",))
        entry_config = _config_from(fields_.obj["network"], lenient, f"{where}.network")
        if entry_config.kind != kind:
            fields_.fail(f"must describe a {kind!r} network", "network")
        prefix = f"{KIND_PREFIX}{kind}/"
        shapes = {name: shape for name, shape in expected_shapes(entry_config).items()
                  if name.startswith(("parameters/", "readout/"))}
        parts = {"parameters": {}, "readout": {}}
        for name, shape in shapes.items():
            array = arrays.pop(prefix + name, None)
            if array is None:
                raise SessionFileError(f"{ARRAYS_NPZ}: {prefix + name!r} is missing.")
            _check_weights(prefix + name, array, shape)
            group, key = name.split("/", 1)
            parts[group][key] = array
        remembered[kind] = {"config": entry_config, **parts}
    return remembered  # arrays under kinds/ left over are refused (or ignored) as any other


def _check_weights(name: str, array: np.ndarray, shape: tuple[int, ...]) -> None:
    """A float64 array of ``shape``, finite, within ±VALUE_LIMIT (SessionFileError naming it)."""
    if array.dtype != np.float64:
        raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} must be float64, not {array.dtype.name}.")
    if array.shape != shape:
        raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} must have shape {shape}, not {array.shape}.")
    if not np.all(np.isfinite(array)):
        raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} contains NaN or infinity.")
    if array.size and np.max(np.abs(array)) > VALUE_LIMIT:
        raise SessionFileError(
            f"{ARRAYS_NPZ}: {name!r} holds {_largest(array):g}, beyond ±{VALUE_LIMIT:g}, the "
            "largest value LSTM Studio takes (typed or read).")


def _lesson_from(value, lenient: bool) -> dict | None:
    """The ``"lesson"`` object (optional, null for none): which lesson page the session was built
    from, and the curves a training page measured."""
    if value is None:
        return None
    fields = _Fields(value, "lesson", lenient=lenient, required=LESSON_KEYS, optional=("curves",))
    lesson_id = fields.text_or_null("id")
    if not isinstance(lesson_id, str) or not 0 < len(lesson_id) <= 100:
        fields.fail("must be text of 1 to 100 characters", "id")
    lesson = {"id": lesson_id, "page": fields.whole("page", 0, 999), "seed": fields.whole("seed", 0, 2**63 - 1),
              "panel": fields.choice("panel", LESSON_PANELS)}
    curves = value.get("curves")
    if curves is not None:
        if not isinstance(curves, dict) or len(curves) > MAX_LESSON_CURVES:
            fields.fail(f"must be an object of at most {MAX_LESSON_CURVES} curves", "curves")
        for name, curve in curves.items():
            if (not isinstance(curve, list) or len(curve) > MAX_LESSON_CURVE_VALUES
                    or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                               for v in curve)):
                fields.fail(f"must hold lists of at most {MAX_LESSON_CURVE_VALUES} finite numbers",
                            f"curves.{name}")
        lesson["curves"] = {name: [float(v) for v in curve] for name, curve in curves.items()}
    return lesson


def _check_training(training: dict, task: str | None) -> None:
    """The training settings the app uses (:data:`TRAINING_KEYS`, ``task_options``) must be valid
    for the engine's trainer and the task; other keys are kept as they are."""
    settings = {key: training[key] for key in TRAINING_KEYS if key in training}
    options = training.get("task_options", {})
    try:
        TrainingConfig(**{key: value for key, value in settings.items() if key != "steps"})
        if "steps" in settings:
            check_int("steps", settings["steps"])
        for key in ("batch_size", "seed", "steps"):
            if isinstance(settings.get(key), int) and settings[key] > MAX_COUNT:
                raise ValueError(f"{key} must be at most {MAX_COUNT}, got {settings[key]}")
        if not isinstance(options, dict):
            raise ValueError(f"task_options must be an object, not {_json_type(options)}")
        if task is not None and (task, options) != _valid_task_options[0]:
            make_task(task, **{key: value for key, value in options.items() if key != "seq_len"})
            _valid_task_options[0] = (task, copy.deepcopy(options))
    except (ValueError, TypeError) as exc:
        raise SessionFileError(f"{SESSION_JSON}: 'training': {exc}.") from None


_valid_task_options: list = [None]
"""The last (task, task options) that built a task: the same again (equal, not only alike) need
not be built again — building the next-character task encodes its whole text (86 ms for 1 MB,
at every save and autosave of the same session)."""


def _config_from(network, lenient: bool, path: str = "network") -> NetworkConfig:
    names = tuple(f.name for f in fields(NetworkConfig))
    optional = ("embedding_size",)  # absent: 0, no embedding (files before it)
    required = tuple(name for name in names if name not in optional)
    net = _Fields(network, path, lenient=lenient, required=required, optional=optional)
    values = {"kind": net.choice("kind", KINDS), "bidirectional": net.boolean("bidirectional")}
    if "embedding_size" in network:
        values["embedding_size"] = net.whole("embedding_size", 0)
    for name in required:
        if name not in values:
            values[name] = net.whole(name, 1)
    try:
        return NetworkConfig(**values).validated()
    except Refusal as exc:  # translated as the refusal it is, after the member's name
        raise SessionFileError(QT_TRANSLATE_NOOP("Refusal", "{member}: {reason}"), member=SESSION_JSON,
                               reason=Phrase(exc.template, **exc.values)) from None
    except ValueError as exc:
        raise SessionFileError(f"{SESSION_JSON}: {exc}") from None


def expected_shapes(config: NetworkConfig) -> dict[str, tuple[int, ...]]:
    """Member name -> shape of every float64 array a session of this config holds."""
    net = Network(config.kind, input_size=config.input_size, hidden_size=config.hidden_size,
                  num_layers=config.num_layers, bidirectional=config.bidirectional,
                  embedding_size=config.embedding_size)  # zeros: no work
    shapes = {f"parameters/{name}": tuple(shape) for name, shape in net.parameter_shapes().items()}
    features = config.num_directions * config.hidden_size
    shapes.update({
        "readout/weight": (config.output_size, features),
        "readout/bias": (config.output_size,),
        "inputs": (config.seq_len, config.input_size),
        "targets": (config.seq_len, config.output_size),
        "h0": (config.state_rows, config.hidden_size),
        "c0": (config.state_rows, config.hidden_size),
    })
    return shapes


def _arrays_from(arrays: dict[str, np.ndarray], config: NetworkConfig, lenient: bool) -> dict:
    shapes = expected_shapes(config)
    shapes["loss_mask"] = (config.seq_len,)
    missing = [name for name in shapes if name not in arrays]
    if missing:
        raise SessionFileError(f"{ARRAYS_NPZ}: {missing[0]!r} is missing"
                               + (f" (and {len(missing) - 1} more)." if len(missing) > 1 else "."))
    history = {}
    for name, array in arrays.items():
        if name in shapes:
            continue
        curve = name.removeprefix("history/")
        if name.startswith("history/") and HISTORY_NAME.fullmatch(curve):
            history[curve] = array
        elif not lenient:
            raise SessionFileError(f"{ARRAYS_NPZ}: unexpected array {name!r}.")

    for name, shape in shapes.items():
        array = arrays[name]
        wanted = np.dtype(bool) if name == "loss_mask" else np.dtype(np.float64)
        if array.dtype != wanted:
            raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} must be {wanted.name}, not {array.dtype.name}.")
        if array.shape != shape:
            raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} must have shape {shape}, "
                                   f"not {array.shape}.")
        if wanted.kind == "f" and not np.all(np.isfinite(array)):
            raise SessionFileError(f"{ARRAYS_NPZ}: {name!r} contains NaN or infinity.")
        if wanted.kind == "f" and array.size and np.max(np.abs(array)) > VALUE_LIMIT:
            raise SessionFileError(
                f"{ARRAYS_NPZ}: {name!r} holds {_largest(array):g}, beyond ±{VALUE_LIMIT:g}, the "
                "largest value LSTM Studio takes (typed or read).")
    if not arrays["loss_mask"].any():
        raise SessionFileError(f"{ARRAYS_NPZ}: 'loss_mask' must select at least one time step.")

    total = 0
    for curve, array in history.items():
        if array.dtype not in HISTORY_DTYPES or array.ndim != 1:
            raise SessionFileError(f"{ARRAYS_NPZ}: training curve {curve!r} must be a 1-D array "
                                   "of numbers.")
        total += array.size
    if total > MAX_HISTORY_VALUES:
        raise SessionFileError(f"{ARRAYS_NPZ}: the training curves hold more than "
                               f"{MAX_HISTORY_VALUES} values.")

    def group(prefix):
        return {name[len(prefix):]: arrays[name] for name in shapes if name.startswith(prefix)}

    return {
        "parameters": group("parameters/"),
        "readout": group("readout/"),
        "inputs": arrays["inputs"],
        "targets": arrays["targets"],
        "loss_mask": arrays["loss_mask"],
        "h0": arrays["h0"],
        "c0": arrays["c0"],
        "history": history,
    }
