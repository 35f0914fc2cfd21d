# Two commands on a fresh machine: `make run` launches the app, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench package mutate clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m lstm_studio

# The GUI tests run in one process, as the app does: every window a test opened is deleted after
# it (tests/app/conftest.py), and the process ends through Qt's and Python's normal teardown.
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests --ignore=tests/app
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider tests/app

# Long random walks through the window (tests/app/random_walk.py), e.g. `make soak SEEDS=0-9 ACTIONS=1000`:
# the action log of a walk that fails stays in soak-logs/ (replay it with
# `$(PY) tests/app/random_walk.py --replay soak-logs/walk-seedN.jsonl`); RSS before and after each walk.
.PHONY: soak
SEEDS ?= 0-4
ACTIONS ?= 500
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/app/random_walk.py --seeds $(SEEDS) --actions $(ACTIONS) --memory

bench: $(STAMP)
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(PY) benchmarks/engine_speed.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/ui_latency.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/train_responsiveness.py

package: $(STAMP)
	$(PY) -m pip install --quiet -e ".[package]"
	$(PY) packaging/build.py

# Mutation testing (tests/mutate.py, tests/MUTATION.md); not part of `make test`. The survivors go to
# mutation-report.txt. A first run mutates a SAMPLE % of every module's mutants (the same ones every
# run: about an hour on two cores); later runs go on from it, running only the mutants of changed
# functions and the last run's survivors (minutes). `make mutate SAMPLE=100` runs every mutant
# (hours the first time), `FRESH=1` starts over, `GROUPS="engine lessons"` runs some groups.
SAMPLE ?= 5
mutate: $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,mutate]"
	nice -n 10 $(PY) tests/mutate.py --sample $(SAMPLE) $(if $(FRESH),--fresh) $(GROUPS)

clean:
	rm -rf $(VENV) build dist *.egg-info
