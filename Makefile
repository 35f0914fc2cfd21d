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

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/engine_speed.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/ui_latency.py

package: $(STAMP)
	$(PY) -m pip install --quiet -e ".[package]"
	$(PY) packaging/build.py

clean:
	rm -rf $(VENV) build dist *.egg-info
