# PAR Tracker: `make run` serves the app with demo data; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
BABEL_KEYWORDS := -k _l -k lazy_gettext -k N_ -k InvalidUser -k InvalidUpdate -k InvalidRule -k PlanInputError -k Rejected \
                  -k InvalidDepartment -k ReportError -k SetupError -k DocumentError -k WhatIfError -k ScaleError -k MappingError -k CarryError -k SelfAssessmentError -k WorkspaceError -k DeadlineError \
                  -k TreeError:2 -k SheetError -k reject -k PlanTextError
CATALOG := tracker/translations/vi/LC_MESSAGES/messages
# Every package, transitive ones included, pinned with its hashes, for Python 3.11 to 3.13:
# generated from pyproject.toml's pins by `make lock` (uv's universal resolution).
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
UV_VERSION := 0.13.8
TOOLS := .venv-tools
# `make test` runs the suite on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto
# The tests' temporary files (a database per test) in memory where the machine has a tmpfs: a
# commit to an SQLite file then costs a fifth of a millisecond instead of several.
TEST_TMPDIR ?= $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm)

.PHONY: run test install lock translations extract-messages bench clean

# Re-installs whenever pyproject.toml or the lock changes; otherwise a no-op.
$(VENV)/.installed: pyproject.toml $(DEV_LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

# After changing a pin in pyproject.toml. Unchanged packages keep their versions; to move the
# transitive ones to their newest releases: make lock LOCK_ARGS=--upgrade
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --quiet --custom-compile-command "make lock"
lock: $(TOOLS)/bin/uv
	$(TOOLS)/bin/uv pip compile pyproject.toml --extra dev $(LOCK_FLAGS) $(LOCK_ARGS) -o $(DEV_LOCK)
	$(TOOLS)/bin/uv pip compile pyproject.toml $(LOCK_FLAGS) -c $(DEV_LOCK) -o $(LOCK)

$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION)

$(CATALOG).mo: $(CATALOG).po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d tracker/translations -D messages

translations: $(CATALOG).mo

# For developers: after changing UI text, re-extract and translate the new msgids in the .po.
extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --no-location --sort-output -o messages.pot .
	$(BIN)/pybabel update -i messages.pot -d tracker/translations -D messages --no-fuzzy-matching
	rm messages.pot

# A developer's machine: only here may the app use its built-in secret key (README, Configuration).
run: export TRACKER_CONFIG ?= development
run: install translations
	$(FLASK) db upgrade
	$(FLASK) tracker demo --if-empty --with-wards
	@echo
	@echo "PAR Tracker: http://$(HOST):$(PORT)/   (Ctrl+C stops the web server and the scheduler)"
	@$(FLASK) tracker scheduler & SCHEDULER=$$!; \
	  trap 'kill $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	  $(FLASK) run --host $(HOST) --port $(PORT)

test: install translations
	$(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR)) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache $(CATALOG).mo
