# Two commands do all the set-up on a fresh machine with Python 3.11 and make:
#   make demo   serve the replica, crawl it into archive.db, publish it with Datasette
#   make test   lint and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format clean bench bench-quick

$(STAMP): pyproject.toml
	scripts/install-test-deps --venv $(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/portal-archive demo

# scripts/install-test-deps installs Debian's chromium for the browser tests when it is missing.
# Any failure fails the target, pytest's 5 ("no tests ran") included.
test: $(STAMP)
	scripts/install-test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache

# Benchmarks (not tests): prints every figure with its ratio to a baseline from the same run.
bench: $(STAMP)
	$(BIN)/python -m bench.run

# The crawl and re-extraction figures at N=2,000 only, in a few minutes.
bench-quick: $(STAMP)
	$(BIN)/python -m bench.run --quick
