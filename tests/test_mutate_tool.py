"""The mutation-testing tool's own decisions (tests/mutate.py): which mutants a sample holds, the
interval of a sampled kill rate, when a run goes on from the last one, and what a run reports.
Pure functions: no mutmut needed, no mutants run."""

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("mutate_tool", Path(__file__).with_name("mutate.py"))
mutate = importlib.util.module_from_spec(_spec)
sys.modules["mutate_tool"] = mutate  # its dataclasses look their module up
_spec.loader.exec_module(mutate)

NAMES = [f"lstm_studio.engine.cells.x_lstm_step__mutmut_{n}" for n in range(1, 4001)]


def test_a_whole_sample_holds_every_mutant():
    assert all(mutate.in_sample(name, 100) for name in NAMES)


@pytest.mark.parametrize("percent", [5, 10, 25, 50])
def test_a_sample_holds_about_its_share_of_the_mutants(percent):
    share = sum(mutate.in_sample(name, percent) for name in NAMES) / len(NAMES)
    spread = 4 * math.sqrt(percent / 100 * (1 - percent / 100) / len(NAMES))  # four standard deviations
    assert abs(share - percent / 100) < spread


def test_a_sample_is_the_same_every_run_and_grows_with_its_share():
    small = {name for name in NAMES if mutate.in_sample(name, 10)}
    assert small == {name for name in NAMES if mutate.in_sample(name, 10)}
    assert small < {name for name in NAMES if mutate.in_sample(name, 30)}


def test_the_interval_is_wilsons():
    low, high = mutate.interval(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-4) and high == pytest.approx(0.5962, abs=1e-4)
    low, high = mutate.interval(18, 18)
    assert low == pytest.approx(0.8241, abs=1e-4) and high == 1.0
    assert mutate.interval(0, 10)[0] == 0.0
    assert mutate.interval(0, 0) == (1.0, 1.0)


def made_run(scratch: Path, setting: dict) -> Path:
    (scratch / "mutants").mkdir(parents=True)
    (scratch / "setting.json").write_text(json.dumps(setting))
    return scratch


SETTING = {"modules": ["lstm_studio/engine/optim.py"], "sample": 100, "skip": []}


def test_a_run_of_the_same_modules_sample_and_skips_goes_on_from_the_last(tmp_path):
    scratch = made_run(tmp_path / "engine", SETTING)
    assert mutate.goes_on(scratch, dict(SETTING))
    assert not mutate.goes_on(scratch, dict(SETTING), fresh=True)


@pytest.mark.parametrize("change", [{"modules": ["lstm_studio/engine/tasks.py"]}, {"sample": 10},
                                    {"skip": ["*::f"]}])
def test_a_run_of_other_modules_or_another_sample_starts_over_unless_retesting(tmp_path, change):
    scratch = made_run(tmp_path / "engine", SETTING)
    assert not mutate.goes_on(scratch, {**SETTING, **change})
    assert mutate.goes_on(scratch, {**SETTING, **change}, retest=True)


def test_without_an_earlier_run_a_run_starts_over(tmp_path):
    assert not mutate.goes_on(tmp_path / "engine", SETTING)
    assert not mutate.goes_on(tmp_path / "engine", SETTING, retest=True)
    (tmp_path / "engine" / "mutants").mkdir(parents=True)  # a run from before setting.json
    assert not mutate.goes_on(tmp_path / "engine", SETTING)
    assert mutate.goes_on(tmp_path / "engine", SETTING, retest=True)


def test_the_summary_leaves_listed_equivalents_out_of_the_rate():
    statuses = {"a": "killed", "b": "survived", "c": "survived", "d": "timeout", "e": "segfault"}
    line, numbers = mutate.summarise("engine", statuses, {"c": "changes nothing"}, 120)
    assert numbers["rate"] == 3 / 4 and numbers["equivalent"] == 1 and numbers["killed"] == 3
    assert "75.0 % of the non-equivalent mutants killed" in line and "2.0 min" in line
    assert "interval" not in line and "sample" not in line


def test_a_sampled_summary_gives_its_interval():
    statuses = {f"m{n}": "killed" for n in range(95)} | {f"s{n}": "survived" for n in range(5)}
    line, numbers = mutate.summarise("lessons", statuses, {}, 60, sample=10)
    low, high = mutate.interval(95, 100)
    assert numbers["interval"] == (low, high)
    assert "(a 10 % sample)" in line
    assert f"95 % interval {100 * low:.1f}–{100 * high:.1f} %" in line


def test_a_mutant_listed_as_equivalent_but_killed_is_named():
    line, _ = mutate.summarise("engine", {"a": "killed"}, {"a": "reason"}, 0)
    assert "listed as equivalent but killed now: a" in line
