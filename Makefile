# Two commands work on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench lint venv clean constraints wheel-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# One install with every extra the targets need, at the exact versions the tests ran with
# (constraints.txt); redone when pyproject.toml or constraints.txt changes.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e '.[dev,serve,spark,browser,parquet]'
	touch $(STAMP)

venv: $(STAMP)

# axe-core, which the browser tests load into the pages they check (tests/serve/package-lock.json pins it).
AXE := tests/serve/node_modules/axe-core/axe.min.js
$(AXE): tests/serve/package.json tests/serve/package-lock.json
	cd tests/serve && npm ci --no-audit --no-fund --silent
	touch $(AXE)

demo: $(STAMP)
	$(BIN)/newsgraph demo

test: $(STAMP) $(AXE)
	$(BIN)/ruff check src --select C901   # no function above McCabe 20 (pyproject)
	$(BIN)/ruff check src tests bench     # the lint `make lint` runs, so that it cannot land red
	$(BIN)/mypy                           # type errors had landed unnoticed while only `make lint` ran it
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# After a tested upgrade of the venv: write its exact set back to constraints.txt.
constraints: $(STAMP)
	{ sed -n '1,/^# Regenerate/p' constraints.txt; $(BIN)/pip freeze --exclude-editable | grep -v -i '^newsgraph'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

# What a user gets from `pip install`: the wheel in a fresh venv with Python's own pip.
wheel-check:
	.ci/wheel-check

clean:
	rm -rf $(VENV) build dist *.egg-info newsgraph.db
