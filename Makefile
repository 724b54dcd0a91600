# The two commands of the README: `make run` and `make test`. Both set up .venv on first use:
# `make run` installs only what running the app needs, `make test` adds the dev extra
# (pytest, Playwright, ruff, …). `make run PORT=8600` serves on another port.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
STAMP  := $(VENV)/.installed-dev
PORT   ?= 8501

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes. The dev install includes the run install.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	mkdir -p data
	$(BIN)/streamlit run app/streamlit_app.py --server.port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# `make bench QUICK=1` for a run under a minute; `make bench ONLY=pdf` for some rows only.
# PostgreSQL rows run when TEST_DATABASE_URL is set (as for the tests).
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(if $(QUICK),--quick) $(if $(ONLY),-k $(ONLY))

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
