# Two commands: `make demo` and `make test`. Both install what is missing
# (Debian packages with apt-get, Python packages into .venv) and are idempotent.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.hushnote-installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo test bench screenshots bundle bundle-test clean

install: $(STAMP)

$(STAMP): pyproject.toml packaging/requirements.txt packaging/requirements-nodeps.txt packaging/constraints.txt packaging/apt-packages.txt
	bash packaging/install-system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip wheel setuptools
	$(PIP) install -q -c packaging/constraints.txt -r packaging/requirements.txt
	$(PIP) install -q -c packaging/constraints.txt --no-deps -r packaging/requirements-nodeps.txt
	$(PIP) uninstall -y -q typing 2>/dev/null || true
	$(PIP) install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: install
	$(VENV)/bin/hushnote demo

test: install
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests

bench: install
	for b in tests/bench/bench_*.py; do $(PY) $$b || exit 1; done

screenshots: install
	bash packaging/screenshots.sh

bundle: install
	$(PIP) install -q -c packaging/constraints.txt -r packaging/requirements-bundle.txt
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/hushnote.spec
	du -sh dist/hushnote

bundle-test: bundle
	bash packaging/bundle_test.sh

clean:
	rm -rf $(VENV) build dist .cache
