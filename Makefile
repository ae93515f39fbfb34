# planchat: every target sets up .venv itself.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run test lint bench eval clean

install: $(STAMP)

# Re-install only when the project metadata changed. torch is installed first, pinned,
# so that the CPU build is used and no CUDA packages are pulled in.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/planchat ingest corpus --prune --rebuild-if-model-changed
	$(BIN)/planchat ui

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check ingest retrieval ui tests
	$(BIN)/ruff format --check ingest retrieval ui tests
	$(BIN)/mypy ingest retrieval ui

bench: install
	$(BIN)/planchat bench

eval: install
	$(BIN)/planchat eval

clean:
	rm -rf $(VENV) .planchat build *.egg-info
