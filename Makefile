# dyngraph: `make serve` runs the product, `make test` runs the whole suite.
# PYTHON and VENV pick the interpreter and its venv (.ci/matrix: one per Python 3.X);
# PIN adds requirements to every install, e.g. PIN=Pillow==10.1.0 for the oldest Pillow.
PYTHON ?= python3
VENV ?= .venv
PIN ?=
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test test-fast bench bench-peers checkers docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[qr]' $(PIN)
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.cfg
	$(BIN)/python -m pip install --quiet -e '.[test]' $(PIN)
	touch $@

serve: $(VENV)/.installed
	$(BIN)/dyngraph serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-test checkers
	$(BIN)/python -m pytest

# axe-core and the W3C Nu checker (vnu.jar, run with Java) for tests/integration/test_accessibility.py
# (tests/integration/package.json, pinned in package-lock.json); without npm those tests skip (fail under CI).
checkers:
	@if command -v npm >/dev/null 2>&1; then \
		[ tests/integration/node_modules/.package-lock.json -nt tests/integration/package-lock.json ] || \
		npm ci --prefix tests/integration --no-audit --no-fund; \
	else echo "npm not found: tests/integration/test_accessibility.py will skip"; fi

test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not integration and not slow" -q

bench: $(VENV)/.installed-test bench-peers
	$(BIN)/python bench/run.py

# The Chart.js peer (bench/package.json, pinned in package-lock.json); skipped with a note without npm.
bench-peers:
	@if command -v npm >/dev/null 2>&1; then \
		[ bench/node_modules/.package-lock.json -nt bench/package-lock.json ] || npm ci --prefix bench --no-audit --no-fund; \
	else echo "npm not found: bench/run.py reports Chart.js as not measured"; fi

docs: $(VENV)/.installed-test
	$(BIN)/python docs/make_images.py
	$(BIN)/python docs/make_sources_images.py
	$(BIN)/python docs/make_hidpi_images.py
	$(BIN)/python docs/make_hard_images.py

clean:
	rm -rf $(VENV) build *.egg-info lib/*.egg-info .pytest_cache .hypothesis test-artifacts tests/integration/node_modules
