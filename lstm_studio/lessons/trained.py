"""Lessons built by a short deterministic training: clipping keeps training alive, an RNN fails
where an LSTM and a GRU learn, and an answer that depends on later inputs needs the reverse
direction.

Every training here is seeded (batches from ``seed``), so a page builds the same session on every
machine, up to floating-point rounding. Building accepts ``progress(fraction)`` and
``should_stop()``; a stop raises :class:`BuildStopped`.
"""

from __future__ import annotations

import numpy as np

from lstm_studio.engine import GATES, Readout, build_network
from lstm_studio.engine.tasks import Task, make_task
from lstm_studio.engine.training import Trainer, TrainingConfig, TrainingDiverged
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP
from lstm_studio.lessons.base import Figure, Lesson, Measure, Page, Report, Series, Text, wrong_kind
from lstm_studio.lessons.construct import orthogonal, rng_for
from lstm_studio.session.document import NetworkConfig, SessionDocument, engine_network, new_document
from lstm_studio.session.experiments import (
    EXAMPLE_SEED_OFFSET,
    TRAINING_KEYS,
    held_out_accuracy,
    history_with,
)


class BuildStopped(Exception):
    """The user stopped a page's training before it finished."""


def run_training(trainer: Trainer, steps: int, progress=None, should_stop=None, share=(0.0, 1.0),
                 tolerate_divergence: bool = False):
    """Train ``steps`` steps, reporting progress within ``share`` of the whole build; the records.

    A diverged step ends the run early when ``tolerate_divergence`` (its loss recorded as inf)."""
    records = []
    start, width = share
    for k in range(steps):
        if should_stop is not None and should_stop():
            raise BuildStopped()
        try:
            records.append(trainer.step())
        except TrainingDiverged:
            if not tolerate_divergence:
                raise
            break
        if progress is not None and (k % 10 == 9 or k == steps - 1):
            progress(start + width * (k + 1) / steps)
    return records


def task_session(task: Task, network, readout, seed: int, *, task_name: str | None,
                 settings: dict, records=()) -> SessionDocument:
    """A session showing ``network`` on one held-out example of ``task`` (its loss and loss
    steps), with training ``settings`` and the curves of ``records``."""
    config = NetworkConfig(kind=network.kind, input_size=task.input_size, hidden_size=network.hidden_size,
                           output_size=task.output_size, seq_len=task.seq_len,
                           bidirectional=network.bidirectional).validated()
    doc = new_document(config, seed=seed)
    doc.parameters = network.parameters()
    doc.readout = readout.parameters()
    x, target, steps = task.generate(1, np.random.default_rng([seed, EXAMPLE_SEED_OFFSET]))
    doc.inputs = x[:, 0].copy()
    doc.targets = target[:, 0].copy() if task.loss == "mse" else np.eye(task.output_size)[target[:, 0]]
    doc.loss = task.loss
    doc.loss_mask = np.ones(task.seq_len, dtype=bool)
    if steps is not None:
        doc.loss_mask[:] = False
        doc.loss_mask[steps] = True
    doc.task = task_name
    doc.training = dict(settings) | {"seed": seed}
    if task_name is not None:
        doc.training["task_options"] = {k: v for k, v in task.options().items() if k != "seq_len"}
    if records:
        doc.history = history_with({}, list(records))
    doc.view.time_step = task.seq_len - 1
    doc.view.display_mode = "whole"
    return doc


def settings_of_config(config: TrainingConfig, steps: int) -> dict:
    """The training settings (``document.training``) of ``config`` and ``steps``; its truncation
    and clipping are not among them (a page sets the document's BPTT settings as it shows them)."""
    return {key: getattr(config, key) for key in TRAINING_KEYS if key != "steps"} | {"steps": steps}


def task_size_refusal(document, task: Task) -> Report | None:
    """A report when the network no longer reads the task's inputs or gives its outputs."""
    config = document.config
    if (config.input_size, config.output_size) == (task.input_size, task.output_size):
        return None
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "Does not apply: the network must have the task's {inputs} inputs and {outputs} outputs."),
                              {"inputs": task.input_size, "outputs": task.output_size}))


def accuracy_measure(document, task: Task) -> float:
    network, readout = engine_network(document)
    return held_out_accuracy(network, readout, task, int((document.lesson or {}).get("seed", 0)))


# -- clipping keeps training alive -----------------------------------------------------------------
CLIP_TASK_STEPS = 30
CLIP_HIDDEN = 8
CLIP_RADIUS = 1.4
CLIP_TRAIN_STEPS = 200
CLIP_LR = 0.5
CLIP_THRESHOLD = 1.0
CURVE_KEYS = ("with_clipping", "without_clipping")
CURVE_NAMES = {"with_clipping": QT_TRANSLATE_NOOP("Lessons", "with clipping (norm 1)"), "without_clipping": QT_TRANSLATE_NOOP("Lessons", "without clipping")}
BLOW_UP = 100.0
"""The claim: without clipping the loss gets more than this many times higher than with it."""


def clipping_trainer(seed: int, clip_norm: float | None) -> Trainer:
    """A tanh RNN (H = 8) with W_hh = 1.4 × a random orthogonal matrix on the adding problem
    (T = 30), plain SGD with learning rate 0.5."""
    task = make_task("adding", seq_len=CLIP_TASK_STEPS)
    network = build_network("rnn_tanh", task.input_size, CLIP_HIDDEN, seed=seed)
    network.set_parameter("weight_hh_l0", CLIP_RADIUS * orthogonal(rng_for(seed, 2), CLIP_HIDDEN))
    readout = Readout(CLIP_HIDDEN, task.output_size, seed=seed)
    config = TrainingConfig(optimizer="sgd", lr=CLIP_LR, batch_size=32, clip_norm=clip_norm, seed=seed)
    return Trainer(network, readout, task, config)


def clipped_training_document(seed: int, progress=None, should_stop=None) -> SessionDocument:
    """The clipping runs' start (weights before training, clipping on) with both loss curves."""
    start = clipping_trainer(seed, CLIP_THRESHOLD)
    doc = task_session(start.task, start.network, start.readout, seed, task_name="adding",
                       settings=settings_of_config(start.config, CLIP_TRAIN_STEPS))
    doc.bptt.clip_norm = CLIP_THRESHOLD
    curves = {}
    for index, (key, clip) in enumerate((("with_clipping", CLIP_THRESHOLD), ("without_clipping", None))):
        records = run_training(clipping_trainer(seed, clip), CLIP_TRAIN_STEPS, progress, should_stop,
                               share=(index / 2, 1 / 2), tolerate_divergence=True)
        curves[key] = [float(record.loss) for record in records]
    doc.lesson = {"curves": curves}
    return doc


def measure_clipped_training(evaluation, document) -> Report:
    curves = (document.lesson or {}).get("curves", {})
    if not all(key in curves for key in CURVE_KEYS):
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "Not measured yet: build this page again (Reset lesson) to train both runs.")))
    losses = {key: np.asarray(curves[key], dtype=float) for key in CURVE_KEYS}
    worst = {key: float(np.max(np.where(np.isfinite(value), value, np.inf))) for key, value in losses.items()}
    figure = Figure(QT_TRANSLATE_NOOP("Lessons", "Training loss, same start and batches"), QT_TRANSLATE_NOOP("Lessons", "loss"),
                    tuple(Series(CURVE_NAMES[key], np.arange(1, len(losses[key]) + 1), losses[key])
                          for key in CURVE_KEYS),
                    log=True, x_label=QT_TRANSLATE_NOOP("Lessons", "training step"))
    measures = (Measure("max_loss_with", QT_TRANSLATE_NOOP("Lessons", "highest loss with clipping"), worst["with_clipping"]),
                Measure("max_loss_without", QT_TRANSLATE_NOOP("Lessons", "highest loss without clipping"), worst["without_clipping"]),
                Measure("final_loss_with", QT_TRANSLATE_NOOP("Lessons", "last loss with clipping"), float(losses["with_clipping"][-1])))
    values = {"with": measures[0].formatted(), "without": measures[1].formatted()}
    if worst["without_clipping"] > BLOW_UP * worst["with_clipping"] and np.isfinite(worst["with_clipping"]):
        return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: without clipping the loss blows up to {without}; with clipping it never "
                                    "exceeds {with}."), values), measures, (figure,))
    return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: the highest loss is {without} without clipping and {with} with it."),
                              values), measures, (figure,))


CLIPPED_TRAINING_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "The figure shows two training runs of the same tanh RNN (W_hh = 1.4 × an orthogonal matrix) on "
    "the adding problem, from the same weights with the same batches and plain SGD (learning rate "
    "0.5): without clipping, exploding gradients throw the weights so far that the loss shoots up by "
    "many orders of magnitude; with clipping by norm 1 every step stays bounded and training goes "
    "on (clipping does not make the RNN solve the long dependency). The session holds the start of "
    "the clipped run: press Start in the Training tab to repeat it, or switch clipping off there.")


def clipped_training_page() -> Page:
    return Page(QT_TRANSLATE_NOOP("Lessons", "Training with and without clipping"), CLIPPED_TRAINING_LOOK, clipped_training_document,
                measure_clipped_training, panel="gradient", trains=True)


# -- RNN fails where LSTM and GRU learn --------------------------------------------------------------
DEPENDENCY_STEPS = 30
DEPENDENCY_HIDDEN = 16
DEPENDENCY_TRAIN_STEPS = 300
DEPENDENCY_FORGET_BIAS = 5.0
"""The LSTM starts with its forget gate open: f ≈ σ(5) ≈ 0.99."""
DEPENDENCY_UPDATE_BIAS = 3.0
"""The GRU starts with its update gate mostly copying: z ≈ σ(3) ≈ 0.95."""
RNN_FAILS, GATED_LEARN = 0.70, 0.95


def dependency_task() -> Task:
    """The long-term dependency task ("Moscow"): 4 symbols, T = 30, noise 0.5 in between."""
    return make_task("long_dependency", seq_len=DEPENDENCY_STEPS)


def dependency_trainer(kind: str, seed: int) -> Trainer:
    """``kind`` (H = 16) with the task preset's optimiser (Adam, learning rate 0.01, batch 32,
    clipping by norm 1); gated cells start with their memory gate open (LSTM forget-gate bias 5,
    GRU update-gate bias 3), the RNN with PyTorch's initialisation."""
    task = dependency_task()
    network = build_network(kind, task.input_size, DEPENDENCY_HIDDEN, seed=seed,
                            forget_bias=DEPENDENCY_FORGET_BIAS if "f" in GATES[kind] else None)
    if kind == "gru":
        rows = network.gate_slice("z")
        for name, value in (("bias_ih_l0", DEPENDENCY_UPDATE_BIAS), ("bias_hh_l0", 0.0)):
            bias = network.parameters()[name]
            bias[rows] = value
            network.set_parameter(name, bias)
    readout = Readout(DEPENDENCY_HIDDEN, task.output_size, seed=seed)
    preset = task.preset
    config = TrainingConfig(optimizer=preset["optimizer"], lr=preset["lr"], batch_size=preset["batch_size"],
                            clip_norm=preset["clip_norm"], seed=seed)
    return Trainer(network, readout, task, config)


def dependency_document(kind: str, seed: int, progress=None, should_stop=None) -> SessionDocument:
    """:func:`dependency_trainer` after 300 steps, on one held-out example of the task."""
    trainer = dependency_trainer(kind, seed)
    records = run_training(trainer, DEPENDENCY_TRAIN_STEPS, progress, should_stop)
    doc = task_session(trainer.task, trainer.network, trainer.readout, seed, task_name=trainer.task.name,
                       settings=settings_of_config(trainer.config, DEPENDENCY_TRAIN_STEPS), records=records)
    doc.view.time_step = 0
    return doc


def dependency_measure(kind: str, expect_learned: bool):
    def measure(evaluation, document) -> Report:
        refusal = wrong_kind(document, kind)
        if refusal:
            return refusal
        options = (document.training or {}).get("task_options", {})
        if document.config.seq_len < 2 or not isinstance(options, dict):
            return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "Does not apply: the task needs at least 2 steps.")))
        task = make_task("long_dependency", seq_len=document.config.seq_len, **options)
        refusal = task_size_refusal(document, task)
        if refusal:
            return refusal
        accuracy = accuracy_measure(document, task)
        chance = 1.0 / task.output_size
        measures = (Measure("accuracy", QT_TRANSLATE_NOOP("Lessons", "held-out accuracy"), accuracy), Measure("chance", QT_TRANSLATE_NOOP("Lessons", "chance"), chance),
                    Measure("steps", "T", float(document.config.seq_len)))
        values = {"accuracy": f"{100 * accuracy:.0f} %", "chance": f"{100 * chance:.0f} %",
                  "steps": document.config.seq_len}
        if expect_learned and accuracy > GATED_LEARN:
            return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: it answers {accuracy} of held-out sequences right (T = {steps}, chance "
                                        "{chance})."), values), measures)
        if not expect_learned and accuracy < RNN_FAILS:
            return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: after the same training it answers only {accuracy} of held-out "
                                        "sequences right (chance {chance})."), values), measures)
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: held-out accuracy {accuracy} (chance {chance})."), values),
                      measures)
    return measure


DEPENDENCY_RNN_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "A tanh RNN trained for 300 steps on the long-term dependency task: the symbol at t = 1 (\"Moscow\") "
    "must be named at t = 30 (\"here in ___\"), with noise on the steps in between. Output: its answer is "
    "at chance (25 %). Gradient flow: the loss's gradient has all but vanished by t = 1, so training "
    "never learns to keep the first symbol. Training is random, though: with a few seeds (seed 5, for "
    "one) the RNN happens to latch onto the first symbol within this budget; with most it never "
    "does. Next: an LSTM and a GRU, same task, same batches, same budget.")

DEPENDENCY_LSTM_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "An LSTM after the same training names the first symbol almost always. States: a few cells keep a "
    "value from t = 1 to t = 30; Gradient flow: ‖dL/dc_t‖ reaches t = 1. It started with its forget "
    "gate open (bias 5, f ≈ 0.99), the usual trick (Gers et al. 2000); with bias 0 it needs far "
    "longer.")

DEPENDENCY_GRU_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "A GRU after the same training learns it too: its update gate z stays near 1 on the steps in "
    "between (Gates), copying the state — the GRU's way of keeping the first symbol. It started "
    "with its update gate mostly copying (bias 3, z ≈ 0.95), the GRU's counterpart of the LSTM's "
    "forget-gate bias.")


# -- bidirectional ----------------------------------------------------------------------------------
class LookAhead(Task):
    """Name the NEXT symbol: the answer at step t is the input at t + 1."""

    name = "look_ahead"
    title = QT_TRANSLATE_NOOP("Lessons", "Look ahead")
    description = "At every step, answer the symbol that comes next (only a reverse direction can know)."
    loss = "cross_entropy"
    min_seq_len = 2

    def __init__(self, *, seq_len: int = 10, n_symbols: int = 4):
        self.n_symbols = n_symbols
        self.input_size = self.output_size = n_symbols
        super().__init__(seq_len=seq_len)

    def loss_steps(self, T: int) -> np.ndarray:
        return np.arange(T - 1)

    def _sample(self, T, N, rng):
        symbols = rng.integers(0, self.n_symbols, size=(T, N))
        target = np.zeros((T, N), dtype=np.int64)
        target[:-1] = symbols[1:]
        return np.eye(self.n_symbols)[symbols], target


LOOK_AHEAD_STEPS = 10
BIDIRECTIONAL_HIDDEN = 8
BIDIRECTIONAL_TRAIN_STEPS = 150
BIDIRECTIONAL_LEARNS, NEAR_CHANCE = 0.95, 0.10


def look_ahead_document(bidirectional: bool, seed: int, progress=None, should_stop=None) -> SessionDocument:
    """An LSTM (H = 8, forget-gate bias 1), one or two directions, trained 150 Adam steps on
    :class:`LookAhead` (T = 10, 4 symbols)."""
    task = LookAhead(seq_len=LOOK_AHEAD_STEPS)
    network = build_network("lstm", task.input_size, BIDIRECTIONAL_HIDDEN, bidirectional=bidirectional,
                            seed=seed, forget_bias=1.0)
    readout = Readout(network.num_directions * BIDIRECTIONAL_HIDDEN, task.output_size, seed=seed)
    trainer = Trainer(network, readout, task, TrainingConfig(optimizer="adam", lr=0.02, batch_size=32, seed=seed))
    records = run_training(trainer, BIDIRECTIONAL_TRAIN_STEPS, progress, should_stop)
    doc = task_session(task, network, readout, seed, task_name=None,
                       settings=settings_of_config(trainer.config, BIDIRECTIONAL_TRAIN_STEPS), records=records)
    doc.view.time_step = 4
    return doc


def look_ahead_measure(expect_bidirectional: bool):
    def measure(evaluation, document) -> Report:
        refusal = wrong_kind(document, "lstm", "gru", "peephole_lstm", "rnn_tanh", "rnn_relu", "lstm_nofg")
        if refusal:
            return refusal
        if document.config.seq_len < 2:
            return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "Does not apply: the task needs at least 2 steps.")))
        task = LookAhead(seq_len=document.config.seq_len, n_symbols=max(document.config.input_size, 2))
        refusal = task_size_refusal(document, task)
        if refusal:
            return refusal
        accuracy = accuracy_measure(document, task)
        chance = 1.0 / task.output_size
        measures = (Measure("accuracy", QT_TRANSLATE_NOOP("Lessons", "held-out accuracy"), accuracy), Measure("chance", QT_TRANSLATE_NOOP("Lessons", "chance"), chance))
        values = {"accuracy": f"{100 * accuracy:.0f} %", "chance": f"{100 * chance:.0f} %"}
        bidirectional = document.config.bidirectional
        if expect_bidirectional and bidirectional and accuracy > BIDIRECTIONAL_LEARNS:
            return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: with a reverse direction it names the next symbol {accuracy} of the "
                                        "time."), values), measures)
        if not expect_bidirectional and not bidirectional and abs(accuracy - chance) < NEAR_CHANCE:
            return Report(True, Text(QT_TRANSLATE_NOOP("Lessons", "Holds: one direction names the next symbol {accuracy} of the time — chance "
                                        "is {chance}: it cannot know what has not come yet."), values), measures)
        return Report(False, Text(QT_TRANSLATE_NOOP("Lessons", "No longer holds: held-out accuracy {accuracy} (chance {chance})."), values),
                      measures)
    return measure


UNIDIRECTIONAL_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "The task: at every step, name the symbol that comes NEXT — an answer that depends on a later "
    "input, like \"Teddy\" in \"Teddy bears are on sale\" vs \"Teddy Roosevelt was a president\". A "
    "one-directional LSTM trained for 150 steps reads left to right: at step t it has not seen "
    "x_{t+1}, so Output shows guesses at chance (25 %). Next: the same LSTM with a reverse direction.")

BIDIRECTIONAL_LOOK = QT_TRANSLATE_NOOP("Lessons", 
    "A bidirectional LSTM: a second set of cells, the reverse direction, reads the sequence from the "
    "end (Gates/States: choose \"reverse\" in the panel header); at step t the read-out sees both h→_t and h←_t, and h←_t "
    "has just read x_{t+1}. After the same training it answers (almost) every step right. The price: "
    "it needs the whole sequence before it answers, so it cannot generate text step by step.")


LESSONS = (
    Lesson(
        id="long-dependency", chapter="GRU",
        title=QT_TRANSLATE_NOOP("Lessons", "RNN fails where LSTM and GRU learn"),
        claim=QT_TRANSLATE_NOOP("Lessons", "On a long-term dependency (the first input decides the answer at the last step) a vanilla "
                 "RNN usually stays at chance, while an LSTM and a GRU, trained the same way, learn it."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "tanh RNN after training"), DEPENDENCY_RNN_LOOK,
                    lambda seed, **cb: dependency_document("rnn_tanh", seed, **cb),
                    dependency_measure("rnn_tanh", expect_learned=False), panel="output", trains=True),
               Page(QT_TRANSLATE_NOOP("Lessons", "LSTM after the same training"), DEPENDENCY_LSTM_LOOK,
                    lambda seed, **cb: dependency_document("lstm", seed, **cb),
                    dependency_measure("lstm", expect_learned=True), panel="output", trains=True),
               Page(QT_TRANSLATE_NOOP("Lessons", "GRU after the same training"), DEPENDENCY_GRU_LOOK,
                    lambda seed, **cb: dependency_document("gru", seed, **cb),
                    dependency_measure("gru", expect_learned=True), panel="gates", trains=True))),
    Lesson(
        id="bidirectional-helps", chapter="RNN",
        title=QT_TRANSLATE_NOOP("Lessons", "An answer that depends on later inputs needs the reverse direction"),
        claim=QT_TRANSLATE_NOOP("Lessons", "A one-directional RNN at step t knows only x_1 … x_t; where the answer depends on later "
                 "inputs, a bidirectional RNN (a second direction reading backwards) is needed."),
        pages=(Page(QT_TRANSLATE_NOOP("Lessons", "One direction: guesses"), UNIDIRECTIONAL_LOOK,
                    lambda seed, **cb: look_ahead_document(False, seed, **cb),
                    look_ahead_measure(expect_bidirectional=False), panel="output", trains=True),
               Page(QT_TRANSLATE_NOOP("Lessons", "Two directions: knows"), BIDIRECTIONAL_LOOK,
                    lambda seed, **cb: look_ahead_document(True, seed, **cb),
                    look_ahead_measure(expect_bidirectional=True), panel="output", trains=True))),
)
