# crmselect developer commands. The README's two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SAMPLE ?= sample-project

.PHONY: demo test system venv bench lint

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "crmselect needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

venv: $(VENV)/.installed

## demo: install, write the sample project into ./sample-project and build everything for it
demo: $(VENV)/.installed
	$(VENV)/bin/crmselect init $(SAMPLE) --sample --force
	$(VENV)/bin/crmselect validate $(SAMPLE)
	$(VENV)/bin/crmselect build $(SAMPLE)

## system: the Debian packages the tests use (LibreOffice, Chromium, PostgreSQL, poppler)
system:
	bash .ci/system-packages.sh

## test: install everything and run the whole test suite (SQLite and a real PostgreSQL)
test: system $(VENV)/.installed
	bash .ci/with-postgres.sh $(PY) -m pytest -n 2 -p no:cacheprovider

## bench: the performance benchmarks; figures go into the README
bench: $(VENV)/.installed
	$(PY) benchmarks/run_all.py

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check crmselect tests benchmarks
