# planrecon: `make pipeline` runs the monthly job, `make test` the suite.
#
# Paths are quoted everywhere, so folders with spaces work:
#   make pipeline INBOX="$HOME/Committee papers" OUT="$HOME/Committee papers/planrecon"
# `make pipeline` installs only what planrecon needs to run; `make test`, `lint` and
# `bench` add the developer tools. Each install is remembered by a stamp file in .venv,
# so moving between them does not install anything twice.

# The first of these that runs and is Python 3.11 or newer with venv support, unless
# PYTHON is given (make PYTHON=python3.12 ... or PYTHON=... in the environment).
PYTHON_CANDIDATES := python3.13 python3.12 python3.11 python3
PYTHON_OK := import sys, ensurepip; sys.exit(sys.version_info < (3, 11))
# Looked for only when .venv has to be made.
ifeq ($(origin PYTHON),undefined)
PYTHON = $(firstword $(foreach p,$(PYTHON_CANDIDATES),\
	$(shell $(p) -c '$(PYTHON_OK)' >/dev/null 2>&1 && echo $(p))))
endif

VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev
INBOX ?= sample_inputs
OUT ?= build

.PHONY: setup pipeline test quick lint bench bench-corpus samples clean

setup: $(DEV)

$(BIN)/python:
	@"$(PYTHON)" -c '$(PYTHON_OK)' 2>/dev/null || { \
		echo "planrecon needs Python 3.11 or newer with its venv module, and PYTHON='$(PYTHON)'" \
		     "is not one (unless PYTHON is given, the first of $(PYTHON_CANDIDATES) that is" \
		     "one is used). Install one, or name it: make PYTHON=/path/to/python3.12"; \
		exit 1; }
	"$(PYTHON)" -m venv "$(VENV)"
	"$(BIN)/python" -m pip install -q --upgrade pip

# The runtime install; the developer install covers it too, so it marks both done.
$(RUNTIME): pyproject.toml | $(BIN)/python
	"$(BIN)/python" -m pip install -q -e .
	touch "$@"

$(DEV): pyproject.toml | $(BIN)/python
	"$(BIN)/python" -m pip install -q -e '.[dev]'
	touch "$(RUNTIME)" "$@"

pipeline: $(RUNTIME)
	"$(BIN)/planrecon" run --inbox "$(INBOX)" --out "$(OUT)"

# The suite over all cores (pytest-xdist), each test module kept on one worker so its
# module-wide fixtures run once, the longest modules handed out first (tests/conftest.py,
# LongestFirst). `make quick` leaves out the whole-pipeline runs and the layout variants:
# the developer's loop, under a minute.
test: $(DEV)
	"$(BIN)/python" -m pytest -n auto --dist loadscope

quick: $(DEV)
	"$(BIN)/python" -m pytest -n auto --dist loadscope -m "not slow and not variants"

lint: $(DEV)
	"$(BIN)/ruff" check .

bench: $(DEV)
	"$(BIN)/python" -m scripts.bench

# The corpus runs alone, quicker with fewer sizes or runs: make bench-corpus SIZES=100 RUNS=1
SIZES ?= 100,300,1000
RUNS ?= 3
bench-corpus: $(DEV)
	"$(BIN)/python" -m scripts.corpus_bench --sizes "$(SIZES)" --runs "$(RUNS)"

samples: $(DEV)
	"$(BIN)/python" -m scripts.build_samples

clean:
	rm -rf "$(OUT)" .pytest_cache
