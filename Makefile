# Two commands on a fresh machine: `make run` launches the app, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench package clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m lstm_studio

# GUI test files run one process each: widgets left over by one file never paint in another.
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests --ignore=tests/app
	set -e; for f in tests/app/test_*.py; do QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider "$$f"; done

bench: $(STAMP)
	$(PY) benchmarks/engine_speed.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/ui_latency.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/train_responsiveness.py

package: $(STAMP)
	$(PY) -m pip install --quiet -e ".[package]"
	$(PY) packaging/build.py

clean:
	rm -rf $(VENV) build dist *.egg-info
