# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Each installs what is missing first (Python packages into .venv, Pyodide from npm, a headless browser).

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
HOST     ?= 127.0.0.1
PORT     ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install serve build build-zensical test test-fast bench browser lock clean

help:
	@echo "make serve      install what is missing, build, serve on http://$(HOST):$(PORT) with live reload"
	@echo "make test       install what is missing (headless browser included) and run every test"
	@echo "make test-fast  the tests that need no browser, no site build and no Node.js: a quick loop"
	@echo "make build      build site/ (and the Dutch edition in site/nl/) with mkdocs build --strict"
	@echo "make build-zensical  build the same site/ with Zensical, then run the post-build step on it"
	@echo "make bench      measure build time, calculator start-up, input latency and bytes"

install: $(VENV)/.installed node_modules/.installed

# The project itself is installed in editable "compat" mode: calc and margin_fences import from the work tree.
$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
		--config-settings editable_mode=compat -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Playwright's own Chromium when it is installed (a laptop); Debian's chromium otherwise (CI, this machine).
browser:
	@$(BIN)/python harness.py >/dev/null 2>&1 || scripts/install-chromium

serve: install
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST):$(PORT)

build: install
	$(BIN)/mkdocs build --strict

# Zensical reads mkdocs.yml but runs no hooks: the Dutch edition is built after the English one (each empties its
# folder, and nl/ is inside site/), then the post-build step (runtime, archive, snapshot, policy, gzip) follows.
build-zensical: install
	$(BIN)/zensical build --strict
	$(BIN)/zensical build --strict --config-file mkdocs.nl.yml
	$(BIN)/python -m postbuild site

test: install browser
	$(BIN)/python -m pytest

# The markers come from tests/conftest.py, which sets them from the fixtures each test uses. These tests are pure
# Python and CPU-bound: two workers (pytest-xdist) use both cores of a small machine. `make test` stays serial, since
# its browsers already fill both.
test-fast: install
	$(BIN)/python -m pytest -m "not browser and not build and not node" -n 2

bench: install browser
	$(BIN)/python -m bench

lock:
	$(BIN)/python -m pip install --quiet -r requirements.in
	{ echo "# Full lock of requirements.in, written by \`make lock\`. Install with: pip install -r requirements.txt"; \
	  $(BIN)/python -m pip freeze --all --exclude-editable | grep -v -e '^-e' -e '^pip=='; } > requirements.txt

clean:
	rm -rf site .pytest_cache bench/results/latest.json
