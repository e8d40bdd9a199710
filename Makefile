# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

CHECKOV_STAMP := .venv-checkov/.installed

.PHONY: tools venv demo test test-faults bench bench-quick unit lint typecheck checkov bundles lock clean sample-data form-json

$(STAMP): requirements.txt requirements-report.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

# The browser, office suite and Thai fonts the digest and workbook are checked in.
tools:
	bash devstack/ensure_tools.sh

demo: $(STAMP) tools
	$(PY) -m devstack.demo

test: $(STAMP) $(CHECKOV_STAMP) tools
	$(PY) -m devstack.check_emulators
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(MAKE) --no-print-directory checkov
	$(PY) -m pytest

# The fault-injection scenarios on a form of 2,000 responses (make test runs them on 300).
test-faults: $(STAMP)
	$(PY) -m devstack.check_emulators
	FAULT_RESPONSES=2000 $(PY) -m pytest tests/integration/test_faults.py

# Every benchmark at national scale, beside the emulator's own limits; appends to docs/benchmarks.md.
bench: $(STAMP) tools
	$(PY) -m devstack.check_emulators
	$(PY) -m benchmarks.national

bench-quick: $(STAMP) tools
	$(PY) -m devstack.check_emulators
	$(PY) -m benchmarks.national --scale 0.1

# checkov lives in a virtualenv of its own: its many pins would fight ours.
$(CHECKOV_STAMP): infra/requirements-checkov.txt
	$(PYTHON) -m venv .venv-checkov
	.venv-checkov/bin/python -m pip install --quiet -r infra/requirements-checkov.txt
	touch $(CHECKOV_STAMP)

checkov: $(CHECKOV_STAMP)
	.venv-checkov/bin/checkov -d infra --framework terraform --compact --quiet --skip-download

bundles: $(STAMP)
	$(PY) -m infra.build_bundles

# The deployed bundles install exactly this: every dependency of requirements.txt,
# resolved for the runtime (python312 on Linux) and pinned with hashes.
lock: $(STAMP)
	$(VENV)/bin/uv pip compile requirements.txt --python-version 3.12 --python-platform x86_64-manylinux_2_28 \
		--generate-hashes --custom-compile-command "make lock" -q -o infra/requirements.lock

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
	rm -rf $(VENV) .venv-checkov .local outbox build .pytest_cache .mypy_cache .ruff_cache
