# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: venv demo test unit lint typecheck clean sample-data form-json

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) -m devstack.demo

test: $(STAMP)
	$(PY) -m devstack.check_emulators
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m pytest

unit: $(STAMP)
	$(PY) -m pytest tests/unit

lint: $(STAMP)
	$(VENV)/bin/ruff check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

sample-data: $(STAMP)
	$(PY) -m tests.sample_data.generate

form-json: $(STAMP)
	$(PY) -m tools.write_form_json

clean:
	rm -rf $(VENV) .local outbox build .pytest_cache .mypy_cache .ruff_cache
