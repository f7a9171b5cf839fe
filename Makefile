# The collection's commands. Each one creates the environment (.venv) first if it is missing
# or older than its lock, so a fresh clone needs nothing but Python 3.11 or newer (not 3.14.1,
# which networkx refuses) and make. Once it is made, setting it up again after a change to a
# lock or to pyproject.toml needs no network when the locked versions are installed already,
# and works with a read-only HOME. A .venv moved or copied with its folder is made anew (its
# scripts and the editable install of helpers would point at the old folder).
#
#   make lab       set up for reading (requirements-lab.lock), then open JupyterLab on notebook 00
#   make test      set up everything (requirements.lock), then run every test (data, helpers,
#                  notebooks under strict nbval, the sites, decks and handouts in Chromium)
#   make test-quick  the same without the slow tier: nothing opened in Chromium, no deck or
#                  figure file built (the loop to run while editing data or a notebook)
#   make lint      ruff on tools, tests, helpers, data scripts and notebooks
#   make bench     time each notebook in a fresh kernel, with peak memory and the part that is
#                  matplotlib drawing the figures
#   make bench-tests  run make test once and sum its time by tier (slow, quick) and by file
#   make mutate    the mutation battery: small mistakes made one at a time in a copy, the
#                  tests that should notice each, and the kill ratio (a benchmark, 10-20 min;
#                  MUTATE_ARGS="--only NAME" for one, "--list" to see them)
#   make execute   re-run every notebook in place and store the new outputs
#   make student   your own copies in student/ (no solutions; a copy you changed is kept, the
#                  new version written beside it as NN_name.fresh.ipynb), and the hand-out
#                  copies in build/student/      make student-lab   JupyterLab on student/00
#   make book      the instructor's static site in build/site/ (solutions collapsed)
#   make book-student   the student's site in build/site-student/: made from the hand-out
#                  set (build/student/), no solutions, its download button serves it
#   make slides    build/slides/*.slides.html          make lock      re-pin both locks
#   make handouts  build/handouts/: each notebook as a PDF for students (no solutions) and for
#                  the instructor (solutions open), and one sheet per session of the seminar
#   make figures   every figure as SVG and 220 dpi PNG in build/figures/, with index.html
#   make toc       the README's tables (notebooks, plan)   make datadoc   data/README.md's tables

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Where this venv belongs: recorded in it when it is made, and part of its stamp's name
VENV_HERE := $(CURDIR)/$(VENV)
# The Pythons the locks hold for, as a test on v = sys.version_info[:3]; a test checks that it
# agrees with requires-python in pyproject.toml.
PYTHONS_PROMISED := v >= (3, 11) and v != (3, 14, 1)
LAB_LOCK  := requirements-lab.lock
FULL_LOCK := requirements.lock
UV_VERSION         := 0.13.9
PIP_VERSION        := 26.3
SETUPTOOLS_VERSION := 84.2.1
# One stamp per step, named after what it installed (and, for the venv, where): a changed lock,
# pin or folder re-runs that step.
VENV_STAMP := $(VENV)/.venv-pip$(PIP_VERSION)-setuptools$(SETUPTOOLS_VERSION)-uv$(UV_VERSION)-at$(shell printf '%s' '$(VENV_HERE)' | cksum | cut -d' ' -f1)
LAB_STAMP  := $(VENV)/.installed-lab-$(shell cksum < $(LAB_LOCK) | cut -d' ' -f1)
FULL_STAMP := $(VENV)/.installed-full-$(shell cksum < $(FULL_LOCK) | cut -d' ' -f1)
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# uv keeps its cache where it always does (shared by clones, so a new one installs from it),
# unless that folder cannot be written (a read-only or absent HOME): then in the venv.
UV_CACHE = cache=$$($(BIN)/uv cache dir 2>/dev/null); \
  { [ -n "$$cache" ] && mkdir -p "$$cache" && [ -w "$$cache" ]; } 2>/dev/null \
  || export UV_CACHE_DIR="$(VENV_HERE)/.uv-cache";

# $(call install,LOCK): the lock's exact versions, compiled to bytecode (so the first import
# in a kernel is not slowed by compiling), then helpers as an editable package. uv installs
# about ten times faster than pip; pip (which compiles by default) is the fallback.
# Offline once installed: packages the venv has at the locked version are not fetched again,
# and helpers is built with the venv's own pinned setuptools (--no-build-isolation), not with
# one fetched from the index for an isolated build.
define install
	@if [ -x $(BIN)/uv ]; then \
	  $(UV_CACHE) \
	  $(BIN)/uv pip install -q -p $(BIN)/python --compile-bytecode -r $(1) && \
	  $(BIN)/uv pip install -q -p $(BIN)/python --compile-bytecode --no-deps \
	    --no-build-isolation -e . ; \
	else \
	  $(BIN)/python -m pip install -q -r $(1) && \
	  $(BIN)/python -m pip install -q --no-deps --no-build-isolation -e . ; \
	fi
	@# packages already in the venv (installed before, or by hand) are compiled too; files
	@# compiled already are skipped, so this costs seconds after the first time
	@$(BIN)/python -m compileall -q -j 0 \
	  "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
	  > /dev/null || true
endef

.PHONY: setup lab lint test test-quick test-offline bench bench-tests mutate execute book book-student student student-lab slides lock toc datadoc clean

setup: $(FULL_STAMP)

# The venv, with uv and pinned current pip and setuptools (python -m venv brings older ones;
# setuptools also builds helpers' editable install). A venv made in another folder (its
# record, or for an older venv the first line of its pip script, names another path) is
# removed and made anew here.
$(VENV_STAMP):
	@$(PYTHON) -c 'import sys; v = sys.version_info[:3]; sys.exit(0 if $(PYTHONS_PROMISED) else "Python 3.11 or newer is needed, except 3.14.1 (it breaks networkx); this is %d.%d.%d" % v)'
	@if [ -e $(VENV)/pyvenv.cfg ]; then \
	  made_in=$$(cat $(VENV)/.made-in 2>/dev/null \
	    || sed -n '1s|^#!\(.*\)/bin/python[0-9.]*$$|\1|p' $(BIN)/pip 2>/dev/null); \
	  if [ "$$made_in" != "$(VENV_HERE)" ]; then \
	    echo "$(VENV) was made in $${made_in:-another folder}, not here: making it anew"; \
	    rm -rf $(VENV); \
	  fi; \
	fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@printf '%s\n' '$(VENV_HERE)' > $(VENV)/.made-in
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION) \
	  || echo "uv could not be installed: pip installs the lock instead (slower)"
	@if [ -x $(BIN)/uv ]; then \
	  $(UV_CACHE) \
	  $(BIN)/uv pip install -q -p $(BIN)/python --compile-bytecode \
	    pip==$(PIP_VERSION) setuptools==$(SETUPTOOLS_VERSION) ; \
	else \
	  $(BIN)/python -m pip install -q --disable-pip-version-check \
	    pip==$(PIP_VERSION) setuptools==$(SETUPTOOLS_VERSION) ; \
	fi
	@rm -f $(VENV)/.venv-*
	@touch $@

# What reading needs: the notebooks' stack and JupyterLab.
$(LAB_STAMP): $(LAB_LOCK) pyproject.toml $(VENV_STAMP)
	$(call install,$(LAB_LOCK))
	@rm -f $(VENV)/.installed-lab-*
	@touch $@
	@echo "environment for reading ready in $(VENV)"

# Everything: the above plus tests, builds, lint and notebook editing (a superset of the lab
# lock with the same versions, so it also serves `make lab`).
$(FULL_STAMP): $(FULL_LOCK) pyproject.toml $(VENV_STAMP)
	$(call install,$(FULL_LOCK))
	@rm -f $(VENV)/.installed-full-*
	@touch $@
	@echo "environment ready in $(VENV)"

# JupyterLab: no news or update checks (the collection works offline)
$(LAB_SETTINGS): tools/lab/overrides.json $(VENV_STAMP)
	@mkdir -p $(dir $@)
	@cp $< $@

lab: $(LAB_STAMP) $(LAB_SETTINGS)
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00_introduction.ipynb

lint: setup
	$(BIN)/ruff check .

# pytest, on two workers, each taking whole test files (a module's fixtures are made once, a
# notebook's cells run in one kernel: without --dist loadfile, "pytest -n 2" would split a
# notebook's cells between two kernels).
# It may write bytecode even where PYTHONDONTWRITEBYTECODE is set (many containers set it):
# then its rewritten test modules and the helpers the kernels import are compiled once, not
# in every process of every run (4 s a worker).
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n 2 --dist loadfile

test: setup
	$(PYTEST)

# The same without the slow tier (marked by tests/conftest.py): what opens headless Chromium
# (the sites, decks and handouts) or builds a deliverable (decks, figure files).
test-quick: setup
	$(PYTEST) -m "not slow"

# The same tests with the network unplugged: a network namespace with only loopback up.
test-offline: setup
	unshare --net --map-root-user sh -c 'ip link set lo up 2>/dev/null || true; $(PYTEST)'

bench: setup
	$(BIN)/python tools/bench.py

bench-tests: setup
	$(BIN)/python tools/bench_tests.py

MUTATE_ARGS ?= -j 2
mutate: setup
	$(BIN)/python tools/mutate.py $(MUTATE_ARGS)

execute: setup
	$(BIN)/python tools/execute.py

book: setup
	$(BIN)/python tools/build_site.py

# The site to give to a class: built from the student notebooks, so no page holds a solution
book-student: setup
	$(BIN)/python tools/build_student.py --out build/student --replace
	$(BIN)/python tools/build_site.py --student --notebooks build/student \
	  --out build/site-student --src build/site-student-src

# student/ (git-ignored, never removed by clean): building again keeps a copy the student
# changed; build/student/ is the hand-out, replaced each time.
student: setup
	$(BIN)/python tools/build_student.py
	$(BIN)/python tools/build_student.py --out build/student --replace

# JupyterLab on the student's own copies (built or refreshed first; needs only the lab lock)
student-lab: $(LAB_STAMP) $(LAB_SETTINGS)
	$(BIN)/python tools/build_student.py
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/student/00_introduction.ipynb

slides: setup
	$(BIN)/python tools/build_slides.py

# Printed by headless Chromium from both sites (built or brought up to date first), offline
.PHONY: handouts
handouts: setup
	$(BIN)/python tools/build_handouts.py

.PHONY: figures
figures: setup
	$(BIN)/python tools/figures.py

toc: setup
	$(BIN)/python tools/toc.py --write
	$(BIN)/python tools/plan.py --write

datadoc: setup
	$(BIN)/python tools/datadoc.py --write

# Re-pin: the full lock first (keeping its current versions where pyproject.toml allows),
# then the lab lock constrained by it, so the two agree on every package they share.
lock: setup
	$(BIN)/uv pip compile pyproject.toml --group lab --group dev --universal -p 3.11 \
	  -o $(FULL_LOCK) --no-header -q
	$(BIN)/uv pip compile pyproject.toml --group lab -c $(FULL_LOCK) --universal -p 3.11 \
	  -o $(LAB_LOCK) --no-header -q

clean:
	rm -rf build
