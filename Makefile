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

# `make test`: lint, then the suite in two halves. The SQLite half runs every test (an
# any_db test with its SQLite case; tests that name postgres_db start a real server); the
# PostgreSQL half runs every test again with PostgreSQL as each test's default database
# (subprocesses, the app server and workers included), except those marked database_free
# (pure primitives, exporters and translation code, which never open a database) and those
# marked sqlite_only (SQLite's PRAGMAs, its backup file, its crash recovery), each skipped
# with its reason.
test: install-test
	scripts/system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SONGNGU_TEST_DATABASE=sqlite $(BIN)/python -m pytest -n 2 -q
	SONGNGU_TEST_DATABASE=postgresql $(BIN)/python -m pytest -n 2 -q -m "not database_free"

# One half (tests only, no lint), e.g. while fixing what fails on one database.
test-sqlite: install-test
	SONGNGU_TEST_DATABASE=sqlite $(BIN)/python -m pytest -n 2 -q

test-postgresql: install-test
	scripts/system-deps
	SONGNGU_TEST_DATABASE=postgresql $(BIN)/python -m pytest -n 2 -q -m "not database_free"

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache
