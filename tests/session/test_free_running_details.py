"""The free-running setting's rules without Qt (session/free_running.py): its time, the budget at
its edge, the refusals whole, and the setting kept, moved back or dropped after a change."""

from types import SimpleNamespace

import pytest

from lstm_studio.session import free_running
from lstm_studio.session.free_running import (
    FED_STEP_SECONDS,
    free_run_seconds,
    free_run_setting_refusal,
    kept_free_run,
)


def config(seq_len=40, num_layers=1, input_size=1, output_size=1, bidirectional=False):
    """A network's sizes, as free running reads them (any sizes, checked or not)."""
    return SimpleNamespace(seq_len=seq_len, num_layers=num_layers, input_size=input_size,
                           output_size=output_size, bidirectional=bidirectional)


def test_feeding_back_costs_one_step_time_per_fed_step_and_layer():
    assert free_run_seconds(config(), None) == 0.0
    assert free_run_seconds(config(seq_len=40, num_layers=3), 10) == pytest.approx(30 * 3 * FED_STEP_SECONDS)
    assert free_run_seconds(config(seq_len=40, num_layers=1), 39) == pytest.approx(FED_STEP_SECONDS)
    assert FED_STEP_SECONDS == pytest.approx(300e-6)


def test_off_is_always_allowed():
    assert free_run_setting_refusal(config(input_size=2), "cross_entropy", None) is None
    assert free_run_setting_refusal(config(), "mse", 1) is None
    assert free_run_setting_refusal(config(), "mse", 39) is None


def test_class_scores_cannot_be_fed_back():
    refusal = free_run_setting_refusal(config(), "cross_entropy", 5)
    assert str(refusal) == ("Only predicted numbers (a mean squared error session) can be fed back, "
                            "not class scores.")


def test_the_engines_refusals_are_given_as_they_are():
    assert str(free_run_setting_refusal(config(input_size=2), "mse", 5)) == (
        "Feeding predictions back needs as many outputs as inputs: the read-out has 1 output(s) "
        "and the network 2 input(s).")
    assert "between the second and the last step (t = 2 to 40), not at 41" in str(
        free_run_setting_refusal(config(), "mse", 40))


def test_the_time_budget_is_accepted_to_its_end_and_refused_beyond(monkeypatch):
    network = config(seq_len=1001, num_layers=2)
    monkeypatch.setattr(free_running, "FREE_RUN_BUDGET_SECONDS", free_run_seconds(network, 1))
    assert free_run_setting_refusal(network, "mse", 1) is None
    monkeypatch.setattr(free_running, "FREE_RUN_BUDGET_SECONDS", free_run_seconds(network, 1) * 0.999)
    assert str(free_run_setting_refusal(network, "mse", 1)) == (
        f"Feeding back 1000 steps through 2 layer(s) would take about {1000 * 2 * FED_STEP_SECONDS:.0f} s "
        "after every change: start later or use fewer steps or layers.")
    assert free_run_setting_refusal(network, "mse", 2) is None  # one step fewer


def test_the_budget_is_sixty_seconds():
    assert free_running.FREE_RUN_BUDGET_SECONDS == 60.0
    steps = round(60.0 / FED_STEP_SECONDS)  # 200,000 fed steps of one layer
    assert free_run_setting_refusal(config(seq_len=steps + 2), "mse", 1) is not None
    assert str(free_run_setting_refusal(config(seq_len=steps + 2), "mse", 1)).startswith(
        f"Feeding back {steps + 1} steps through 1 layer(s) would take about 60 s")
    assert free_run_setting_refusal(config(seq_len=steps // 2 + 1, num_layers=2), "mse", 2) is None


def test_a_network_refused_for_its_sizes_is_refused_for_them_before_the_time():
    network = config(seq_len=1_000_000, input_size=2)
    assert "as many outputs as inputs" in str(free_run_setting_refusal(network, "mse", 1))


def test_after_a_change_the_start_is_kept_moved_back_or_dropped():
    assert kept_free_run(config(seq_len=40), "mse", None) is None
    assert kept_free_run(config(seq_len=40), "mse", 12) == 12
    assert kept_free_run(config(seq_len=40), "mse", 39) == 39
    assert kept_free_run(config(seq_len=20), "mse", 30) == 19  # the sequence got shorter
    assert kept_free_run(config(seq_len=1), "mse", 30) is None  # no second step left
    assert kept_free_run(config(seq_len=40), "cross_entropy", 12) is None
    assert kept_free_run(config(seq_len=40, output_size=2), "mse", 12) is None
    assert kept_free_run(config(seq_len=40, bidirectional=True), "mse", 12) is None
