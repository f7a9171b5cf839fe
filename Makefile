# The collection's commands. Each one creates the environment (.venv) first if it is missing
# or older than requirements.lock, so a fresh clone needs nothing but Python 3.11+ and make.
#
#   make lab       set up, then open JupyterLab on the first notebook
#   make test      set up, then run every test (data, helpers, notebooks under strict nbval)
#   make bench     time each notebook in a fresh kernel, with peak memory
#   make execute   re-run every notebook in place and store the new outputs
#   make book      the static site in build/site/      make student   build/student/*.ipynb
#   make slides    build/slides/*.slides.html          make lock      re-pin requirements.lock
#   make toc       the README's table of notebooks     make datadoc   data/README.md's tables

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
UV_VERSION := 0.13.9
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup lab test test-offline bench execute book student slides lock toc datadoc clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# uv installs the lock about ten times faster than pip; pip is the fallback.
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION) || true
	@if [ -x $(BIN)/uv ]; then \
	  $(BIN)/uv pip install -q -p $(BIN)/python -r requirements.lock && \
	  $(BIN)/uv pip install -q -p $(BIN)/python --no-deps -e . ; \
	else \
	  $(BIN)/python -m pip install -q -r requirements.lock && \
	  $(BIN)/python -m pip install -q --no-deps -e . ; \
	fi
	@# JupyterLab: no news or update checks (the collection works offline)
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp tools/lab/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@rm -f $(VENV)/.installed-*
	@touch $@
	@echo "environment ready in $(VENV)"

lab: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00_introduction.ipynb

test: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile

# The same tests with the network unplugged: a network namespace with only loopback up.
test-offline: setup
	unshare --net --map-root-user sh -c 'ip link set lo up 2>/dev/null || true; $(BIN)/python -m pytest -n 2 --dist loadfile'

bench: setup
	$(BIN)/python tools/bench.py

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

lock: setup
	$(BIN)/uv pip compile pyproject.toml --universal -p 3.11 -o requirements.lock --no-header

clean:
	rm -rf build
