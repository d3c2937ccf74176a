# The course in two commands:
#   make lab    - create .venv if needed, install, open JupyterLab on the course
#   make test   - the same bootstrap, then lint, unit tests, nbval, browser tests
# and, for authors: make notebooks (re-execute every notebook in place), make bench.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.dlnotes-installed
NB     ?= notebooks/*.ipynb
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test lint unit nbval browser notebooks bench doctor clean

# Reinstall only when the dependency list changes: a second `make test` reuses the venv.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[lab,test]'
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/python -m dlnotes doctor || true
	$(BIN)/jupyter lab --ip=127.0.0.1 $(ROOT_FLAG) --ServerApp.root_dir=notebooks \
	  --LabApp.default_url=/lab/tree/00_start_here.ipynb

doctor: $(STAMP)
	$(BIN)/python -m dlnotes doctor

test: $(STAMP) lint unit nbval browser

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(STAMP)
	$(BIN)/python -m pytest -q --ignore=tests/browser tests

nbval: $(STAMP)
	env -u MPLBACKEND PYTHONHASHSEED=0 $(BIN)/python -m pytest -q --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:randomly notebooks/

browser: $(STAMP)
	$(BIN)/python -m pytest -q -s tests/browser

# Re-execute notebooks in place (all, or one: make notebooks NB=notebooks/01_perceptron.ipynb).
notebooks: $(STAMP)
	$(BIN)/ruff format $(NB)
	env -u MPLBACKEND PYTHONHASHSEED=0 $(BIN)/python tools/run_notebooks.py $(NB)

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
	find . -name __pycache__ -prune -exec rm -rf {} + ; find . -name .ipynb_checkpoints -prune -exec rm -rf {} +
