# Two entry points for a fresh machine (see README): `make digest` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: digest test lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Install the package and build today's digest of seeds/ (offline, no Prefect server needed).
digest: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/newsdigest run seeds --out reports

# Install the test extra and run the whole suite (fails when no test runs: pytest exit 5).
test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pytest

lint: $(BIN)/python
	$(BIN)/ruff check summarizer flows tests
	$(BIN)/ruff format --check summarizer flows tests
