# The course in two commands:
#   make lab    - create .venv if needed, install, copy the student edition into your own
#                 git-ignored workspace work/ (never overwriting your notebooks) and open
#                 JupyterLab there on 00_start_here
#   make test   - the same bootstrap, then lint, unit tests, nbval (instructor edition) beside
#                 the student edition's run, the HTML edition, browser tests
# and: make lab-instructor (JupyterLab on notebooks/, the instructor edition with the solutions),
# make student (build/student, the notebooks to hand out), make html (build/html, a static
# site), make test-widgets7 (the explorer tests under ipywidgets 7.7, CI's second leg),
# make notebooks (re-execute every notebook in place), make bench.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.dlnotes-installed
NB     ?= notebooks/*.ipynb
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab lab-instructor test lint unit nbval nbval-instructor nbval-student nbval-rerun words \
	student html browser browser-loaded test-widgets7 test-widgets7-notebooks notebooks bench doctor clean \
	screenshots

# Reinstall only when the dependency list changes: a second `make test` reuses the venv.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[lab,test]'
	@touch $(STAMP)

# One BLAS thread for the kernels: the course's arrays are small, and extra OpenBLAS threads
# fight the browser for the cores (notebook 05's explorer: a move 1.4-2x slower on 2 cores).
# The link's path names the edition (/lab/workspaces/student/... or .../instructor/...), and so
# does DLNOTES_EDITION, which the doctor and the kernels see.
# LAB_ARGS passes more options to JupyterLab (make lab LAB_ARGS="--port=8899 --no-browser").
WORK ?= work
LAB := OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 $(BIN)/jupyter lab \
	$(ROOT_FLAG) $(LAB_ARGS)

lab: $(STAMP)
	$(BIN)/python tools/make_student.py --workspace $(WORK)
	DLNOTES_EDITION=student $(BIN)/python -m dlnotes doctor || true
	@echo "make lab: the STUDENT edition, your own copy in $(WORK)/ (git-ignored; nothing overwrites"
	@echo "  it). Solutions: make lab-instructor. Open the link below with /lab/workspaces/student/ in it."
	DLNOTES_EDITION=student $(LAB) --ip=127.0.0.1 --ServerApp.root_dir=$(WORK) \
	  --LabApp.default_url=/lab/workspaces/student/tree/00_start_here.ipynb

lab-instructor: $(STAMP)
	DLNOTES_EDITION=instructor $(BIN)/python -m dlnotes doctor || true
	@echo "make lab-instructor: the INSTRUCTOR edition (notebooks/, with the solutions)."
	DLNOTES_EDITION=instructor $(LAB) --ip=127.0.0.1 --ServerApp.root_dir=notebooks \
	  --LabApp.default_url=/lab/workspaces/instructor/tree/00_start_here.ipynb

doctor: $(STAMP)
	$(BIN)/python -m dlnotes doctor

test: $(STAMP) lint unit nbval browser

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(STAMP)
	$(BIN)/python -m pytest -q -m "not notebooks" --ignore=tests/browser tests

# Both editions run at once (one kernel each, two cores): nbval re-runs the instructor edition
# and compares outputs; the student edition must run with errors only in its exercise cells.
# A third job re-runs every cell after Run All (tests/test_rerun.py): re-runs print the same.
nbval: $(STAMP)
	$(MAKE) --no-print-directory -j2 --output-sync=target nbval-instructor nbval-student nbval-rerun

nbval-instructor: $(STAMP)
	env -u MPLBACKEND PYTHONHASHSEED=0 $(BIN)/python -m pytest -q --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:randomly notebooks/

nbval-student: $(STAMP)
	env -u MPLBACKEND PYTHONHASHSEED=0 $(BIN)/python -m pytest -q -m notebooks \
	  tests/test_student_edition.py

nbval-rerun: $(STAMP)
	env -u MPLBACKEND PYTHONHASHSEED=0 $(BIN)/python -m pytest -q -m notebooks tests/test_rerun.py

# Prose words of each notebook, core path and side roads (target: core <= 3000, 00 <= 1200).
words: $(STAMP)
	$(BIN)/python tools/wordcount.py $(NB)

# The student edition: solutions replaced by stubs, their outputs cleared (tools/make_student.py).
student: $(STAMP)
	rm -rf build/student
	$(BIN)/python tools/make_student.py --out build/student

# The course book: a static site of the stored outputs, solutions and side roads folded, formulas
# rendered at build time, no request outside the folder (tools/make_html.py, tools/book/).
html: $(STAMP)
	rm -rf build/html build/html-src
	$(BIN)/python tools/make_html.py --out build/html

browser: $(STAMP) html
	$(BIN)/python -m pytest -q -s tests/browser

# The browser test 3 times in a row beside two busy processes loading both cores (issue 18);
# DLNOTES_LATENCY_STRICT=1 make browser asserts the latency targets on an idle machine.
browser-loaded: $(STAMP) html
	$(BIN)/python tests/browser/loaded.py 3

# CI's second leg: the package installed (not editable) beside ipywidgets 7.7, as on many
# JupyterHubs: every explorer test. (`make test-widgets7-notebooks` also runs every notebook's
# student edition in a 7.7 kernel; it is left out of CI to keep the run short.)
W7 := build/venv-widgets7
test-widgets7:
	@test -x $(W7)/bin/python || $(PYTHON) -m venv $(W7)
	$(W7)/bin/python -m pip install --quiet "ipywidgets>=7.7,<7.8" "pytest>=7.4" "hypothesis>=6" \
	  "nbclient>=0.7" "nbformat>=5" ipykernel .
	cd $(W7) && bin/python -c "import dlnotes, ipywidgets; print('ipywidgets', ipywidgets.__version__, 'dlnotes from', dlnotes.__file__)"
	cd $(W7) && bin/python -m pytest -q -c ../../pyproject.toml --rootdir ../.. --import-mode=importlib \
	  ../../tests/test_explorer*.py

test-widgets7-notebooks: test-widgets7
	cd $(W7) && env -u MPLBACKEND PYTHONHASHSEED=0 bin/python -m pytest -q -c ../../pyproject.toml \
	  --rootdir ../.. --import-mode=importlib -m notebooks ../../tests/test_student_edition.py

# Re-execute notebooks in place (all, or one: make notebooks NB=notebooks/01_perceptron.ipynb).
notebooks: $(STAMP)
	$(BIN)/ruff format $(NB)
	env -u MPLBACKEND PYTHONHASHSEED=0 $(BIN)/python tools/run_notebooks.py $(NB)

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/run_all.py

# Never touches the learner's workspace work/ (nor its JupyterLab checkpoints).
clean:
	rm -rf $(VENV) build *.egg-info
	find . -path ./$(WORK) -prune -o -name __pycache__ -prune -exec rm -rf {} + ; \
	  find . -path ./$(WORK) -prune -o -name .ipynb_checkpoints -prune -exec rm -rf {} +

# Screenshots of every explorer at 1366x768, devicePixelRatio 1 and 2, into build/screenshots/
# (one notebook: make screenshots NB=notebooks/04_universal_approximation.ipynb).
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py $(NB)
