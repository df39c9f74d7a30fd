# planrecon: `make pipeline` runs the monthly job, `make test` the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INBOX ?= sample_inputs
OUT ?= build

.PHONY: setup pipeline test lint bench samples clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

pipeline: setup
	$(BIN)/planrecon run --inbox $(INBOX) --out $(OUT)

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python -m scripts.bench

samples: setup
	$(BIN)/python -m scripts.build_samples

clean:
	rm -rf $(OUT) .pytest_cache
