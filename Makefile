# Two commands do everything on a fresh machine: `make run` and `make test` (both set up .venv first).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BUILT := pipeline/_built/.complete
WORKERS ?=

.PHONY: setup run test bench clean browser

# The bytecode of pipeline/ written once (compileall skips what is up to date): a run where Python may not write it
# (PYTHONDONTWRITEBYTECODE) would compile every module again, a quarter of a second of each process.
setup: $(STAMP) $(BUILT)
	$(PY) -m compileall -q pipeline >/dev/null

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,dask]"
	touch $(STAMP)

$(BUILT): $(STAMP) pipeline/resources.py $(wildcard pipeline/*/lexicon.py)
	$(PY) -m pipeline build-resources
	touch $(BUILT)

run: setup
	$(PY) -m pipeline run corpus -o outputs $(if $(WORKERS),--workers $(WORKERS))

test: setup browser
	$(PY) -m pytest

# Headless Chromium (Debian package) for the report's browser tests; installed only when missing. When it cannot
# be installed (no apt, no root), say so and go on: the browser tests then skip with that reason.
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)
browser:
	@test -n "$(CHROMIUM)" || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver \
	    >/dev/null; } || echo "warning: could not install chromium; the browser tests will be skipped" >&2

bench: setup
	bash bench/ocr/install.sh
	$(PY) -m pip install --quiet -e ".[test,dask,bench]"
	$(PY) -m bench.run_all

clean:
	rm -rf outputs/* pipeline/_built .pytest_cache
