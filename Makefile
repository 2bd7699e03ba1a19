# graphbuild: install, demo, test, bench.  `make help` lists the targets.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
BENCH_INPUT ?= $(SHARED)/bench/bbc_news.csv
BENCH_ARGS ?=

.PHONY: help install demo test browser-deps spreadsheet-deps bench

help:
	@echo "make install       create $(VENV) if missing and install graphbuild with its test extras"
	@echo "make demo          build the example articles into out/"
	@echo "make test          install, add headless Chromium and LibreOffice Calc if missing, run the tests"
	@echo "make bench         throughput benchmark on $(BENCH_INPUT) (if present)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's metadata changes: `make install` is cheap to repeat.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e ".[test,dask]"
	touch $@

install: $(STAMP)

demo: install
	$(BIN)/graphbuild build examples/articles --out out/

# Headless Chromium for the browser tests of the HTML map; sudo only when not root.
browser-deps:
	@if ! [ -x /usr/bin/chromedriver ]; then \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=""; \
		elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; \
		else echo "chromedriver missing and no sudo: browser tests will be skipped" >&2; exit 0; fi; \
		$$SUDO apt-get update && $$SUDO apt-get install -y chromium chromium-driver; \
	fi

# Headless LibreOffice Calc, which opens the CSV exports to check no cell runs as a formula.
spreadsheet-deps:
	@if ! command -v soffice >/dev/null 2>&1; then \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=""; \
		elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; \
		else echo "soffice missing and no sudo: the spreadsheet test will be skipped" >&2; exit 0; fi; \
		$$SUDO apt-get update && $$SUDO apt-get install -y libreoffice-calc; \
	fi

test: install browser-deps spreadsheet-deps
	$(BIN)/python -m pytest

bench: install
	@if [ -f "$(BENCH_INPUT)" ]; then \
		$(BIN)/python benchmarks/throughput.py "$(BENCH_INPUT)" $(BENCH_ARGS); \
	else \
		echo "no $(BENCH_INPUT): nothing to benchmark"; \
	fi
