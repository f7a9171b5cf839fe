# The collection's commands. Each one creates the environment (.venv) first if it is missing
# or older than its lock, so a fresh clone needs nothing but Python 3.11+ and make.
#
#   make lab       set up for reading (requirements-lab.lock), then open JupyterLab on notebook 00
#   make test      set up everything (requirements.lock), then run every test (data, helpers,
#                  notebooks under strict nbval)
#   make lint      ruff on tools, tests, helpers, data scripts and notebooks
#   make bench     time each notebook in a fresh kernel, with peak memory
#   make mutate    the mutation battery: small mistakes made one at a time in a copy, the
#                  tests that should notice each, and the kill ratio (a benchmark, 10-20 min;
#                  MUTATE_ARGS="--only NAME" for one, "--list" to see them)
#   make execute   re-run every notebook in place and store the new outputs
#   make book      the static site in build/site/      make student   build/student/*.ipynb
#   make slides    build/slides/*.slides.html          make lock      re-pin both locks
#   make toc       the README's table of notebooks     make datadoc   data/README.md's tables

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LAB_LOCK  := requirements-lab.lock
FULL_LOCK := requirements.lock
UV_VERSION         := 0.13.9
PIP_VERSION        := 26.3
SETUPTOOLS_VERSION := 84.2.1
# One stamp per step, named after what it installed: a changed lock or pin re-runs that step.
VENV_STAMP := $(VENV)/.venv-pip$(PIP_VERSION)-setuptools$(SETUPTOOLS_VERSION)-uv$(UV_VERSION)
LAB_STAMP  := $(VENV)/.installed-lab-$(shell cksum < $(LAB_LOCK) | cut -d' ' -f1)
FULL_STAMP := $(VENV)/.installed-full-$(shell cksum < $(FULL_LOCK) | cut -d' ' -f1)
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# $(call install,LOCK): the lock's exact versions, compiled to bytecode (so the first import
# in a kernel is not slowed by compiling), then helpers as an editable package. uv installs
# about ten times faster than pip; pip (which compiles by default) is the fallback.
define install
	@if [ -x $(BIN)/uv ]; then \
	  $(BIN)/uv pip install -q -p $(BIN)/python --compile-bytecode -r $(1) && \
	  $(BIN)/uv pip install -q -p $(BIN)/python --compile-bytecode --no-deps -e . ; \
	else \
	  $(BIN)/python -m pip install -q -r $(1) && \
	  $(BIN)/python -m pip install -q --no-deps -e . ; \
	fi
	@# packages already in the venv (installed before, or by hand) are compiled too; files
	@# compiled already are skipped, so this costs seconds after the first time
	@$(BIN)/python -m compileall -q -j 0 \
	  "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
	  > /dev/null || true
endef

.PHONY: setup lab lint test test-offline bench mutate execute book student slides lock toc datadoc clean

setup: $(FULL_STAMP)

# The venv, with uv and pinned current pip and setuptools (python -m venv brings older ones).
$(VENV_STAMP):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION) \
	  || echo "uv could not be installed: pip installs the lock instead (slower)"
	@if [ -x $(BIN)/uv ]; then \
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

test: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile

# The same tests with the network unplugged: a network namespace with only loopback up.
test-offline: setup
	unshare --net --map-root-user sh -c 'ip link set lo up 2>/dev/null || true; $(BIN)/python -m pytest -n 2 --dist loadfile'

bench: setup
	$(BIN)/python tools/bench.py

MUTATE_ARGS ?= -j 2
mutate: setup
	$(BIN)/python tools/mutate.py $(MUTATE_ARGS)

execute: setup
	$(BIN)/python tools/execute.py

book: setup
	$(BIN)/python tools/build_site.py

student: setup
	$(BIN)/python tools/build_student.py

slides: setup
	$(BIN)/python tools/build_slides.py

toc: setup
	$(BIN)/python tools/toc.py --write

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
