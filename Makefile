# PAR Tracker: `make run` serves the app with demo data; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
BABEL_KEYWORDS := -k _l -k lazy_gettext -k N_ -k InvalidUser -k InvalidUpdate -k InvalidRule -k PlanInputError -k Rejected \
                  -k InvalidDepartment -k ReportError -k SetupError -k DocumentError -k WhatIfError -k ScaleError -k MappingError -k CarryError -k SelfAssessmentError \
                  -k TreeError:2 -k SheetError -k reject -k PlanTextError
CATALOG := tracker/translations/vi/LC_MESSAGES/messages

.PHONY: run test install translations extract-messages bench clean

# Re-installs whenever pyproject.toml changes; otherwise a no-op.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

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
	$(FLASK) tracker demo --if-empty
	@echo
	@echo "PAR Tracker: http://$(HOST):$(PORT)/   (Ctrl+C stops the web server and the scheduler)"
	@$(FLASK) tracker scheduler & SCHEDULER=$$!; \
	  trap 'kill $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	  $(FLASK) run --host $(HOST) --port $(PORT)

test: install translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache $(CATALOG).mo
