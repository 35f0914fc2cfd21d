"""The training-based lessons (lessons/trained.py) without their real training runs: the runner's
progress, stop and divergence handling, the sessions it builds (checked against the engine's own
trainers and tasks, with budgets of a few steps), and every branch of the measures, on documents
on which each claim holds or fails. The real runs are the slow tests of test_claims.py."""

import numpy as np
import pytest

from lstm_studio.engine import GATES, Readout, build_network
from lstm_studio.engine.tasks import make_task
from lstm_studio.engine.training import StepRecord, Trainer, TrainingConfig, TrainingDiverged
from lstm_studio.lessons import BuildStopped, lesson, trained
from lstm_studio.lessons.base import Figure, Report
from lstm_studio.lessons.construct import orthogonal, rng_for
from lstm_studio.session.document import engine_network, evaluate_document, reconfigured
from lstm_studio.session.experiments import EXAMPLE_SEED_OFFSET, TRAINING_KEYS, held_out_accuracy


class FakeTrainer:
    """Steps that count themselves; ``diverge_at`` (1-based) raises TrainingDiverged."""

    def __init__(self, diverge_at=None):
        self.done = 0
        self.diverge_at = diverge_at

    def step(self):
        if self.diverge_at is not None and self.done + 1 == self.diverge_at:
            raise TrainingDiverged("diverged")
        self.done += 1
        return StepRecord(step=self.done, loss=1.0 / self.done, grad_norm=1.0, accuracy=0.5, clipped=False)


# -- run_training ---------------------------------------------------------------------------------
def test_training_reports_progress_every_ten_steps_and_at_the_end_within_its_share():
    seen = []
    records = trained.run_training(FakeTrainer(), 25, progress=seen.append, share=(0.5, 0.5))
    assert [r.step for r in records] == list(range(1, 26))
    np.testing.assert_allclose(seen, [0.5 + 0.5 * 10 / 25, 0.5 + 0.5 * 20 / 25, 1.0])
    seen.clear()
    trained.run_training(FakeTrainer(), 10, progress=seen.append)  # the 10th step is also the last
    assert seen == [1.0]
    assert len(trained.run_training(FakeTrainer(), 3)) == 3  # no callbacks at all


def test_a_stop_ends_the_build_before_the_next_step():
    trainer = FakeTrainer()
    with pytest.raises(BuildStopped):
        trained.run_training(trainer, 50, should_stop=lambda: trainer.done == 4)
    assert trainer.done == 4
    trainer = FakeTrainer()
    records = trained.run_training(trainer, 5, should_stop=lambda: False)
    assert len(records) == 5


def test_a_diverged_step_ends_the_run_only_when_tolerated():
    with pytest.raises(TrainingDiverged):
        trained.run_training(FakeTrainer(diverge_at=3), 10)
    seen = []
    records = trained.run_training(FakeTrainer(diverge_at=3), 10, progress=seen.append, tolerate_divergence=True)
    assert [r.step for r in records] == [1, 2] and seen == []


# -- the sessions ---------------------------------------------------------------------------------
def test_settings_of_a_config_are_the_training_keys_with_the_steps():
    config = TrainingConfig(optimizer="sgd", lr=0.25, momentum=0.5, batch_size=7, clip_norm=2.0, seed=9,
                            schedule="step", schedule_period=40, decay=0.3, validation=0.1, validate_every=5)
    settings = trained.settings_of_config(config, 123)
    assert settings == {"optimizer": "sgd", "lr": 0.25, "momentum": 0.5, "batch_size": 7, "seed": 9, "steps": 123,
                        "schedule": "step", "schedule_period": 40, "decay": 0.3, "validation": 0.1,
                        "validate_every": 5, "stateful": False}
    assert set(settings) == set(TRAINING_KEYS)


@pytest.mark.parametrize("task_name", ["long_dependency", "adding"])
def test_a_task_session_shows_the_network_on_the_held_out_example(task_name):
    task = make_task(task_name, seq_len=12)
    network = build_network("gru", task.input_size, 5, seed=3)
    readout = Readout(5, task.output_size, seed=3)
    records = [StepRecord(step=k, loss=2.0 / k, grad_norm=0.5 * k, accuracy=0.1 * k, clipped=False) for k in (1, 2)]
    settings = {"optimizer": "adam", "lr": 0.01, "steps": 2}
    doc = trained.task_session(task, network, readout, 4, task_name=task_name, settings=settings, records=records)
    c = doc.config
    assert (c.kind, c.input_size, c.hidden_size, c.output_size, c.seq_len, c.bidirectional) == \
        ("gru", task.input_size, 5, task.output_size, 12, False)
    for name, value in network.parameters().items():
        np.testing.assert_array_equal(doc.parameters[name], value)
    np.testing.assert_array_equal(doc.readout["weight"], readout.parameters()["weight"])
    x, target, steps = task.generate(1, np.random.default_rng([4, EXAMPLE_SEED_OFFSET]))
    np.testing.assert_array_equal(doc.inputs, x[:, 0])
    if task.loss == "mse":
        np.testing.assert_array_equal(doc.targets, target[:, 0])
    else:
        np.testing.assert_array_equal(np.argmax(doc.targets, axis=1), target[:, 0])
        assert np.all(doc.targets.sum(axis=1) == 1.0) and doc.targets.shape == (12, task.output_size)
    assert doc.loss == task.loss
    expected_mask = np.zeros(12, dtype=bool)
    expected_mask[steps] = True
    np.testing.assert_array_equal(doc.loss_mask, expected_mask)
    assert doc.task == task_name
    options = {k: v for k, v in task.options().items() if k != "seq_len"}
    assert doc.training == {"optimizer": "adam", "lr": 0.01, "steps": 2, "seed": 4, "task_options": options}
    assert settings == {"optimizer": "adam", "lr": 0.01, "steps": 2}, "the caller's settings are not changed"
    np.testing.assert_array_equal(doc.history["step"], [1, 2])
    np.testing.assert_allclose(doc.history["loss"], [2.0, 1.0])
    np.testing.assert_allclose(doc.history["grad_norm"], [0.5, 1.0])
    assert doc.view.time_step == 11 and doc.view.display_mode == "whole"


def test_a_task_session_with_every_step_scored_and_no_task_name():
    task = trained.LookAhead(seq_len=6)
    network = build_network("lstm", 4, 3, seed=1)
    doc = trained.task_session(task, network, Readout(3, 4, seed=1), 2, task_name=None, settings={"lr": 0.1})
    assert doc.task is None and "task_options" not in doc.training and doc.training == {"lr": 0.1, "seed": 2}
    np.testing.assert_array_equal(doc.loss_mask, [True] * 5 + [False])
    assert not doc.history or all(len(v) == 0 for v in doc.history.values())


def test_the_look_ahead_task_asks_for_the_next_symbol():
    task = trained.LookAhead(seq_len=7, n_symbols=3)
    assert (task.input_size, task.output_size, task.seq_len, task.loss) == (3, 3, 7, "cross_entropy")
    x, target, steps = task.generate(5, np.random.default_rng(0))
    np.testing.assert_array_equal(steps, np.arange(6))
    symbols = np.argmax(x, axis=-1)
    assert x.shape == (7, 5, 3) and np.all(x.sum(axis=-1) == 1)
    np.testing.assert_array_equal(target[:-1], symbols[1:])
    assert set(np.unique(symbols)) <= {0, 1, 2} and len(np.unique(symbols)) == 3


def test_task_size_refusal_names_the_tasks_sizes():
    doc = lesson("vanishing-rnn").build(0)
    task = make_task("long_dependency", seq_len=doc.config.seq_len)
    fitting = reconfigured(doc, input_size=task.input_size, output_size=task.output_size)
    assert trained.task_size_refusal(fitting, task) is None
    for change in ({"input_size": task.input_size + 1, "output_size": task.output_size},
                   {"input_size": task.input_size, "output_size": task.output_size + 1}):
        report = trained.task_size_refusal(reconfigured(doc, **change), task)
        assert not report.holds and not report.measures
        assert str(report.reason) == (f"Does not apply: the network must have the task's {task.input_size} inputs "
                                      f"and {task.output_size} outputs.")


# -- clipping -------------------------------------------------------------------------------------
def test_the_clipping_runs_start_from_an_exploding_rnn_with_plain_sgd():
    for clip in (1.0, None):
        trainer = trained.clipping_trainer(3, clip)
        assert trainer.task.name == "adding" and trainer.task.seq_len == 30
        net = trainer.network
        assert net.kind == "rnn_tanh" and net.hidden_size == 8 and net.input_size == trainer.task.input_size
        w = net.parameters()["weight_hh_l0"]
        np.testing.assert_allclose(w, 1.4 * orthogonal(rng_for(3, 2), 8))
        np.testing.assert_allclose(np.linalg.svd(w, compute_uv=False), 1.4)
        np.testing.assert_array_equal(net.parameters()["weight_ih_l0"],
                                      build_network("rnn_tanh", trainer.task.input_size, 8, seed=3).parameters()["weight_ih_l0"])
        np.testing.assert_array_equal(trainer.readout.parameters()["weight"],
                                      Readout(8, trainer.task.output_size, seed=3).parameters()["weight"])
        c = trainer.config
        assert (c.optimizer, c.lr, c.batch_size, c.clip_norm, c.seed) == ("sgd", 0.5, 32, clip, 3)


def test_the_clipping_page_holds_the_clipped_runs_start_and_both_curves(monkeypatch):
    monkeypatch.setattr(trained, "CLIP_TRAIN_STEPS", 3)
    seen = []
    doc = trained.clipped_training_document(2, progress=seen.append)
    assert seen == [0.5, 1.0]
    start = trained.clipping_trainer(2, 1.0)
    for name, value in start.network.parameters().items():
        np.testing.assert_array_equal(doc.parameters[name], value)
    assert doc.bptt.clip_norm == 1.0 and doc.task == "adding"
    assert doc.training["optimizer"] == "sgd" and doc.training["lr"] == 0.5 and doc.training["steps"] == 3
    assert doc.training["seed"] == 2
    for key, clip in (("with_clipping", 1.0), ("without_clipping", None)):
        trainer = trained.clipping_trainer(2, clip)
        expected = []
        for _ in range(3):
            try:
                expected.append(float(trainer.step().loss))
            except TrainingDiverged:
                break
        assert doc.lesson["curves"][key] == expected
    with pytest.raises(BuildStopped):
        trained.clipped_training_document(2, should_stop=lambda: True)


def clipping_report(with_curve, without_curve):
    doc = lesson("vanishing-rnn").build(0)
    doc.lesson = {"curves": {"with_clipping": list(with_curve), "without_clipping": list(without_curve)}}
    return trained.measure_clipped_training(evaluate_document(doc), doc)


def test_clipping_measure_holds_when_the_unclipped_loss_blows_up_a_hundredfold():
    report = clipping_report([3.0, 2.0, 1.5], [3.0, 500.0, np.inf, np.nan])
    assert report.holds
    assert report.keys() == ["max_loss_with", "max_loss_without", "final_loss_with"]
    assert report["max_loss_with"] == 3.0 and report["max_loss_without"] == np.inf
    assert report["final_loss_with"] == 1.5
    assert str(report.reason) == "Holds: without clipping the loss blows up to inf; with clipping it never exceeds 3."
    assert [str(m.label) for m in report.measures] == ["highest loss with clipping", "highest loss without clipping",
                                                       "last loss with clipping"]
    (figure,) = report.figures
    assert isinstance(figure, Figure) and figure.log and figure.kind == "curves"
    assert (figure.title, figure.y_label, figure.x_label) == ("Training loss, same start and batches", "loss",
                                                               "training step")
    assert [s.name for s in figure.series] == ["with clipping (norm 1)", "without clipping"]
    np.testing.assert_array_equal(figure.series[0].x, [1, 2, 3])
    np.testing.assert_array_equal(figure.series[1].x, [1, 2, 3, 4])
    np.testing.assert_array_equal(figure.series[0].y, [3.0, 2.0, 1.5])
    np.testing.assert_array_equal(figure.series[1].y, [3.0, 500.0, np.inf, np.nan])


@pytest.mark.parametrize("with_curve, without_curve", [
    ([2.0, 1.0], [2.0, 200.0]),          # exactly 100 times: the claim needs more
    ([2.0, 1.0], [2.0, 150.0]),          # only 75 times
    ([2.0, np.inf], [2.0, np.inf]),      # the clipped run diverges too
    ([2.0, np.nan], [2.0, 1e9]),         # a NaN counts as a divergence
])
def test_clipping_measure_fails_unless_only_the_unclipped_run_blows_up(with_curve, without_curve):
    report = clipping_report(with_curve, without_curve)
    assert not report.holds and report.figures and len(report.measures) == 3
    assert str(report.reason) == (f"No longer holds: the highest loss is {report.measures[1].formatted()} without "
                                  f"clipping and {report.measures[0].formatted()} with it.")


def test_the_clipping_page_trains_and_points_at_the_gradient():
    page = trained.clipped_training_page()
    assert page.trains and page.panel == "gradient"
    assert page.build is trained.clipped_training_document and page.measure is trained.measure_clipped_training
    assert page.title == "Training with and without clipping" and page.look == trained.CLIPPED_TRAINING_LOOK
    assert lesson("clipping").pages[1] == page


def test_clipping_measure_asks_for_a_rebuild_without_both_curves():
    doc = lesson("vanishing-rnn").build(0)
    for extra in (None, {}, {"curves": {"with_clipping": [1.0]}}, {"curves": {"without_clipping": [1.0]}}):
        doc.lesson = extra
        report = trained.measure_clipped_training(evaluate_document(doc), doc)
        assert report == Report(False, report.reason) and not report.figures
        assert str(report.reason) == "Not measured yet: build this page again (Reset lesson) to train both runs."


# -- long dependency ------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["rnn_tanh", "lstm", "gru"])
def test_the_dependency_runs_start_with_the_memory_gate_open_and_the_tasks_preset(kind):
    trainer = trained.dependency_trainer(kind, 1)
    task = trainer.task
    assert task.name == "long_dependency" and task.seq_len == 30
    net = trainer.network
    assert net.kind == kind and net.hidden_size == 16
    params = net.parameters()
    reference = build_network(kind, task.input_size, 16, seed=1).parameters()
    np.testing.assert_array_equal(params["weight_hh_l0"], reference["weight_hh_l0"])
    H = 16
    if kind == "lstm":
        f = slice(H * GATES[kind].index("f"), H * (GATES[kind].index("f") + 1))
        np.testing.assert_allclose(params["bias_ih_l0"][f] + params["bias_hh_l0"][f], 5.0)
    elif kind == "gru":
        z = net.gate_slice("z")
        assert np.all(params["bias_ih_l0"][z] == 3.0) and np.all(params["bias_hh_l0"][z] == 0.0)
        r = net.gate_slice("r")
        np.testing.assert_array_equal(params["bias_ih_l0"][r], reference["bias_ih_l0"][r])
    else:
        np.testing.assert_array_equal(params["bias_ih_l0"], reference["bias_ih_l0"])
    np.testing.assert_array_equal(trainer.readout.parameters()["weight"],
                                  Readout(16, task.output_size, seed=1).parameters()["weight"])
    preset = task.preset
    c = trainer.config
    assert (c.optimizer, c.lr, c.batch_size, c.clip_norm, c.seed) == \
        (preset["optimizer"], preset["lr"], preset["batch_size"], preset["clip_norm"], 1)


def dependency_page(kind, monkeypatch, steps=0, seed=0):
    monkeypatch.setattr(trained, "DEPENDENCY_TRAIN_STEPS", steps)
    page = {"rnn_tanh": 0, "lstm": 1, "gru": 2}[kind]
    return lesson("long-dependency").build(seed, page)


def test_a_dependency_page_is_its_trainer_after_the_budget(monkeypatch):
    doc = dependency_page("gru", monkeypatch, steps=2, seed=1)
    trainer = trained.dependency_trainer("gru", 1)
    records = [trainer.step() for _ in range(2)]
    for name, value in trainer.network.parameters().items():
        np.testing.assert_array_equal(doc.parameters[name], value)
    np.testing.assert_allclose(doc.history["loss"], [r.loss for r in records])
    assert doc.task == "long_dependency" and doc.training["steps"] == 2 and doc.training["seed"] == 1
    assert doc.view.time_step == 0 and doc.lesson["page"] == 2


PAGE_MEASURES = {0: ("rnn_tanh", False), 1: ("lstm", True), 2: ("gru", True)}


def dependency_report(doc, page):
    """The page's measure, made afresh (the registry's were made when the module was imported)."""
    report = trained.dependency_measure(*PAGE_MEASURES[page])(evaluate_document(doc), doc)
    assert report == lesson("long-dependency").measures(evaluate_document(doc), doc, page)
    assert type(report.holds) is bool and not report.figures
    if not str(report.reason).startswith("Does not apply"):
        assert report.keys() == ["accuracy", "chance", "steps"]
    return report


@pytest.mark.parametrize("kind, page", [("lstm", 1), ("gru", 2)])
def test_an_untrained_gated_network_does_not_learn_the_dependency(kind, page, monkeypatch):
    doc = dependency_page(kind, monkeypatch)
    report = dependency_report(doc, page)
    task = make_task("long_dependency", seq_len=30, **doc.training["task_options"])
    network, readout = engine_network(doc)
    accuracy = held_out_accuracy(network, readout, task, 0)
    assert report.keys() == ["accuracy", "chance", "steps"]
    assert report["accuracy"] == accuracy and report["chance"] == 0.25 and report["steps"] == 30.0
    assert [str(m.label) for m in report.measures] == ["held-out accuracy", "chance", "T"]
    assert not report.holds
    assert str(report.reason) == f"No longer holds: held-out accuracy {100 * accuracy:.0f} % (chance 25 %)."


def test_the_accuracy_is_measured_on_the_pages_own_seed(monkeypatch):
    doc = dependency_page("lstm", monkeypatch, seed=3)
    task = make_task("long_dependency", seq_len=30, **doc.training["task_options"])
    network, readout = engine_network(doc)
    assert dependency_report(doc, 1)["accuracy"] == held_out_accuracy(network, readout, task, 3)
    doc.lesson = None  # a session that no longer says which lesson it is: seed 0
    assert trained.dependency_measure("lstm", True)(evaluate_document(doc), doc)["accuracy"] == \
        held_out_accuracy(network, readout, task, 0)


def test_the_dependency_claims_hold_and_fail_at_their_bounds(monkeypatch):
    rnn = dependency_page("rnn_tanh", monkeypatch)
    accuracy = dependency_report(rnn, 0)["accuracy"]
    assert accuracy < 0.7
    report = dependency_report(rnn, 0)
    assert report.holds
    assert str(report.reason) == (f"Holds: after the same training it answers only {100 * accuracy:.0f} % of "
                                  "held-out sequences right (chance 25 %).")
    monkeypatch.setattr(trained, "RNN_FAILS", accuracy)  # "fails" means below the bound
    assert not dependency_report(rnn, 0).holds
    lstm = dependency_page("lstm", monkeypatch)
    accuracy = dependency_report(lstm, 1)["accuracy"]
    monkeypatch.setattr(trained, "GATED_LEARN", accuracy - 1e-9)
    report = dependency_report(lstm, 1)
    assert report.holds
    assert str(report.reason) == (f"Holds: it answers {100 * accuracy:.0f} % of held-out sequences right "
                                  "(T = 30, chance 25 %).")
    monkeypatch.setattr(trained, "GATED_LEARN", accuracy)  # "learns" means above the bound
    assert not dependency_report(lstm, 1).holds
    monkeypatch.setattr(trained, "RNN_FAILS", 1.1)  # the RNN's verdict never holds for a gated page
    monkeypatch.setattr(trained, "GATED_LEARN", 1.1)
    assert not dependency_report(lstm, 1).holds


def test_the_dependency_pages_say_when_they_do_not_apply(monkeypatch):
    doc = dependency_page("lstm", monkeypatch)
    gru = reconfigured(doc, kind="gru")
    assert str(dependency_report(gru, 1).reason) == \
        "Does not apply: this page needs an LSTM; the network is now a GRU."
    short = reconfigured(doc, seq_len=1)
    assert str(dependency_report(short, 1).reason) == "Does not apply: the task needs at least 2 steps."
    broken = doc.copy()
    broken.training = dict(broken.training, task_options="noise")
    assert str(dependency_report(broken, 1).reason) == "Does not apply: the task needs at least 2 steps."
    wider = reconfigured(doc, input_size=6)
    assert str(dependency_report(wider, 1).reason) == \
        "Does not apply: the network must have the task's 5 inputs and 4 outputs."
    # a shorter session is measured on the task of its own length, down to the shortest, 2 steps
    assert dependency_report(reconfigured(doc, seq_len=2), 1)["steps"] == 2.0
    shorter = reconfigured(doc, seq_len=12)
    report = dependency_report(shorter, 1)
    assert report["steps"] == 12.0
    task = make_task("long_dependency", seq_len=12, **doc.training["task_options"])
    assert report["accuracy"] == held_out_accuracy(*engine_network(shorter), task, 0)
    without_options = doc.copy()
    without_options.training = {}
    task = make_task("long_dependency", seq_len=30)
    assert dependency_report(without_options, 1)["accuracy"] == held_out_accuracy(*engine_network(doc), task, 0)


# -- bidirectional --------------------------------------------------------------------------------
def look_ahead_page(bidirectional, monkeypatch, steps=0, seed=0):
    monkeypatch.setattr(trained, "BIDIRECTIONAL_TRAIN_STEPS", steps)
    return lesson("bidirectional-helps").build(seed, int(bidirectional))


@pytest.mark.parametrize("bidirectional", [False, True])
def test_the_look_ahead_pages_start_from_an_lstm_with_forget_bias_one(bidirectional, monkeypatch):
    doc = look_ahead_page(bidirectional, monkeypatch, seed=2)
    net = build_network("lstm", 4, 8, bidirectional=bidirectional, seed=2, forget_bias=1.0)
    for name, value in net.parameters().items():
        np.testing.assert_array_equal(doc.parameters[name], value)
    readout = Readout(net.num_directions * 8, 4, seed=2)
    np.testing.assert_array_equal(doc.readout["weight"], readout.parameters()["weight"])
    c = doc.config
    assert (c.kind, c.bidirectional, c.seq_len, c.input_size, c.output_size) == ("lstm", bidirectional, 10, 4, 4)
    assert doc.view.time_step == 4 and doc.task is None and doc.seed == 2
    assert doc.training == {"optimizer": "adam", "lr": 0.02, "momentum": 0.0, "batch_size": 32, "seed": 2, "steps": 0,
                            "schedule": "constant", "schedule_period": 100, "decay": 0.5, "validation": 0.0,
                            "validate_every": 20, "stateful": False}


def test_a_look_ahead_page_is_its_training_after_the_budget(monkeypatch):
    doc = look_ahead_page(True, monkeypatch, steps=2, seed=1)
    task = trained.LookAhead(seq_len=10)
    network = build_network("lstm", 4, 8, bidirectional=True, seed=1, forget_bias=1.0)
    trainer = Trainer(network, Readout(16, 4, seed=1), task,
                      TrainingConfig(optimizer="adam", lr=0.02, batch_size=32, seed=1))
    records = [trainer.step() for _ in range(2)]
    for name, value in network.parameters().items():
        np.testing.assert_array_equal(doc.parameters[name], value)
    np.testing.assert_allclose(doc.history["loss"], [r.loss for r in records])


def look_ahead_report(doc, page):
    """The page's measure, made afresh (the registry's were made when the module was imported)."""
    report = trained.look_ahead_measure(expect_bidirectional=bool(page))(evaluate_document(doc), doc)
    assert report == lesson("bidirectional-helps").measures(evaluate_document(doc), doc, page)
    assert type(report.holds) is bool and not report.figures
    if not str(report.reason).startswith("Does not apply"):
        assert report.keys() == ["accuracy", "chance"]
    return report


def test_the_look_ahead_claims_hold_and_fail_at_their_bounds(monkeypatch):
    one = look_ahead_page(False, monkeypatch)
    report = look_ahead_report(one, 0)
    task = trained.LookAhead(seq_len=10, n_symbols=4)
    accuracy = held_out_accuracy(*engine_network(one), task, 0)
    assert report.keys() == ["accuracy", "chance"] and report["accuracy"] == accuracy and report["chance"] == 0.25
    assert [str(m.label) for m in report.measures] == ["held-out accuracy", "chance"]
    assert abs(accuracy - 0.25) < 0.1 and report.holds
    assert str(report.reason) == (f"Holds: one direction names the next symbol {100 * accuracy:.0f} % of the time "
                                  "— chance is 25 %: it cannot know what has not come yet.")
    monkeypatch.setattr(trained, "NEAR_CHANCE", abs(accuracy - 0.25))  # near means closer than the bound
    assert not look_ahead_report(one, 0).holds
    monkeypatch.setattr(trained, "NEAR_CHANCE", 0.5)
    assert not look_ahead_report(reconfigured(one, bidirectional=True), 0).holds, "page 1 needs one direction"
    two = look_ahead_page(True, monkeypatch)
    report = look_ahead_report(two, 1)
    accuracy = report["accuracy"]
    assert not report.holds  # untrained: no better than chance
    assert str(report.reason) == f"No longer holds: held-out accuracy {100 * accuracy:.0f} % (chance 25 %)."
    monkeypatch.setattr(trained, "BIDIRECTIONAL_LEARNS", accuracy - 1e-9)
    report = look_ahead_report(two, 1)
    assert report.holds
    assert str(report.reason) == f"Holds: with a reverse direction it names the next symbol {100 * accuracy:.0f} % of the time."
    monkeypatch.setattr(trained, "BIDIRECTIONAL_LEARNS", accuracy)
    assert not look_ahead_report(two, 1).holds
    monkeypatch.setattr(trained, "BIDIRECTIONAL_LEARNS", -1.0)
    assert not look_ahead_report(reconfigured(two, bidirectional=False), 1).holds, "page 2 needs two directions"


def test_the_look_ahead_pages_say_when_they_do_not_apply(monkeypatch):
    doc = look_ahead_page(False, monkeypatch)
    for kind in ("gru", "rnn_relu", "lstm_nofg", "peephole_lstm", "rnn_tanh"):
        assert "Does not apply" not in str(look_ahead_report(reconfigured(doc, kind=kind), 0).reason), kind
    assert str(look_ahead_report(reconfigured(doc, seq_len=1), 0).reason) == \
        "Does not apply: the task needs at least 2 steps."
    assert str(look_ahead_report(reconfigured(doc, output_size=3), 0).reason) == \
        "Does not apply: the network must have the task's 4 inputs and 4 outputs."
    # the task follows the inputs: 3 inputs and 3 outputs are a 3-symbol task (chance 1/3)
    three = reconfigured(doc, input_size=3, output_size=3)
    report = look_ahead_report(three, 0)
    assert report["chance"] == pytest.approx(1 / 3)
    assert report["accuracy"] == held_out_accuracy(*engine_network(three), trained.LookAhead(seq_len=10, n_symbols=3), 0)
    one_input = reconfigured(doc, input_size=1, output_size=2)  # at least 2 symbols: 2 inputs
    assert str(look_ahead_report(one_input, 0).reason) == \
        "Does not apply: the network must have the task's 2 inputs and 2 outputs."
    short = reconfigured(doc, seq_len=2)
    assert look_ahead_report(short, 0)["accuracy"] == held_out_accuracy(*engine_network(short),
                                                                        trained.LookAhead(seq_len=2), 0)


# -- the training pages' builds ---------------------------------------------------------------------
@pytest.mark.parametrize("lesson_id, page", [("long-dependency", 0), ("long-dependency", 1), ("long-dependency", 2),
                                             ("bidirectional-helps", 0), ("bidirectional-helps", 1), ("clipping", 1)])
def test_a_training_page_reports_its_progress_and_stops_when_told(lesson_id, page, monkeypatch):
    for budget in ("DEPENDENCY_TRAIN_STEPS", "BIDIRECTIONAL_TRAIN_STEPS", "CLIP_TRAIN_STEPS"):
        monkeypatch.setattr(trained, budget, 10)
    seen = []
    lesson(lesson_id).build(0, page, progress=seen.append)
    assert seen and seen[-1] == 1.0
    with pytest.raises(BuildStopped):
        lesson(lesson_id).build(0, page, should_stop=lambda: True)


def test_the_clipping_page_keeps_the_curve_of_a_run_that_diverges(monkeypatch):
    """The run without clipping may blow up: its curve then ends where it diverged, and the page
    still builds."""
    real = trained.clipping_trainer
    made = []

    def clipping_trainer(seed, clip_norm):
        made.append(clip_norm)
        return real(seed, clip_norm) if len(made) == 1 else FakeTrainer(diverge_at=3)  # the first: the start

    monkeypatch.setattr(trained, "clipping_trainer", clipping_trainer)
    monkeypatch.setattr(trained, "CLIP_TRAIN_STEPS", 5)
    doc = lesson("clipping").build(0, 1)
    assert made[1:] == [trained.CLIP_THRESHOLD, None]
    assert doc.lesson["curves"] == {"with_clipping": [1.0, 0.5], "without_clipping": [1.0, 0.5]}
    assert doc.bptt.clip_norm == trained.CLIP_THRESHOLD
