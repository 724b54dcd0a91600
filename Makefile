# The two commands of the README: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev
PORT   ?= 8501

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: $(STAMP)
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
