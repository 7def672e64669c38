# songngu: two commands for a new user (see README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# argostranslate declares torch/stanza/spaCy as dependencies; songngu does not use
# the parts that need them, so it is installed without its dependencies.
ARGOS := argostranslate==1.11.0

.PHONY: install install-test run test test-sqlite test-postgresql lint format clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e .
	$(BIN)/pip install --quiet --no-deps $(ARGOS)
	touch $(STAMP)

install-test: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(TEST_STAMP)

run: install
	$(BIN)/songngu demo --if-missing
	$(BIN)/songngu app

test: install-test
	scripts/system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2 -q

# The whole suite on one database. `make test` runs SQLite, and the database-level tests
# (any_db) on a real PostgreSQL too; the whole suite on PostgreSQL joins it once it passes
# there (the team-server issue).
# One half of `make test` (tests only, no lint), e.g. while fixing what fails on one database.
test-sqlite: install-test
	SONGNGU_TEST_DATABASE=sqlite $(BIN)/python -m pytest -n 2 -q

test-postgresql: install-test
	scripts/system-deps
	SONGNGU_TEST_DATABASE=postgresql $(BIN)/python -m pytest -n 2 -q

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache
