# Build and test toolchain of the deployops.platforms collection (the repo root IS the collection).
# GNU make. `make help` lists the targets; docs/development.md explains them.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# Python that builds .venv: python3.11 if present, else python3 (override: make venv PYTHON=...).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := $(CURDIR)/.venv
VENV_BIN := $(VENV)/bin
VENV_PY := $(VENV_BIN)/python
VENV_STAMP := $(VENV)/.installed.stamp

# The working tree as an installed collection: .collections/ansible_collections/deployops/platforms -> repo root.
COLLECTIONS_DIR := $(CURDIR)/.collections
COLLECTION_LINK := $(COLLECTIONS_DIR)/ansible_collections/deployops/platforms

# What `make sanity` builds and tests: the tarball from galaxy.yml, installed like a user would.
BUILD_DIR := $(CURDIR)/.build
BUILD_COLLECTIONS := $(BUILD_DIR)/collections
BUILD_INSTALLED := $(BUILD_COLLECTIONS)/ansible_collections/deployops/platforms
SANITY_PYTHON ?= 3.11
SANITY_ARGS ?=        # e.g. make sanity SANITY_ARGS="--test pylint"
PYTEST_ARGS ?=        # e.g. make units PYTEST_ARGS="-k retry -x"

# Every ansible command (ansible-doc, ansible-playbook, ansible-inventory, ansible-lint) sees the
# working tree through .collections and nothing else. ANSIBLE_HOME keeps ansible's and
# ansible-lint's caches (and the copy of the collection ansible-lint makes) inside the repo, so
# no stale copy in ~/.ansible/collections can shadow the working tree.
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS_DIR)
export ANSIBLE_HOME := $(CURDIR)/.ansible
export PATH := $(VENV_BIN):$(PATH)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

UNIT_PATHS := tests/unit $(wildcard sandbox/tests)
SANDBOX_PORT ?= 8765

.PHONY: help venv collections sanity lint units integration test sandbox demo clean distclean

help: ## list the targets
	@echo "deployops.platforms development targets:"
	@grep -E '^[a-z][a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-zA-Z_-]+):.*## (.*)/  make \1\t\2/' | expand -t 22
	@echo "See docs/development.md."

venv: $(VENV_STAMP) ## build .venv from requirements-dev.txt + requirements.txt (idempotent)
	@:

$(VENV_STAMP): requirements-dev.txt requirements.txt
	@echo ">> building .venv with $(PYTHON)"
	@test -n "$(PYTHON)" || { echo "no python3.11 or python3 on PATH" >&2; exit 1; }
	@test -x $(VENV_PY) || $(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet -r requirements-dev.txt -r requirements.txt 2>&1 \
		| { grep -v "^WARNING: Location 'file:" || true; }
	$(VENV_PY) -m pip check
	@touch $@

collections: ## create .collections/ansible_collections/deployops/platforms -> repo root
	@if [ ! -L $(COLLECTION_LINK) ] || [ "$$(readlink -f $(COLLECTION_LINK))" != "$$(readlink -f $(CURDIR))" ]; then \
		rm -rf $(COLLECTION_LINK); mkdir -p $(dir $(COLLECTION_LINK)); \
		ln -s ../../.. $(COLLECTION_LINK); echo ">> linked $(COLLECTION_LINK) -> $(CURDIR)"; fi

sanity: venv ## ansible-test sanity on the built and installed collection tarball
	rm -rf $(BUILD_DIR)
	mkdir -p $(BUILD_COLLECTIONS)
	ansible-galaxy collection build --force --output-path $(BUILD_DIR) .
	ANSIBLE_COLLECTIONS_PATH=$(BUILD_COLLECTIONS) ansible-galaxy collection install --force --no-deps \
		-p $(BUILD_COLLECTIONS) $(BUILD_DIR)/deployops-platforms-*.tar.gz
	@# ansible-test finds its file list through the nearest .git above the collection; without one
	@# here it would use the repo's own .git, where .build/ is ignored, and skip every target.
	cd $(BUILD_INSTALLED) && git init --quiet && printf 'tests/output/\n__pycache__/\n' >> .git/info/exclude
	$(VENV_PY) tools/seed_get_pip.py --timeout 5
	cd $(BUILD_INSTALLED) && ANSIBLE_COLLECTIONS_PATH=$(BUILD_COLLECTIONS) \
		ansible-test sanity --venv --python $(SANITY_PYTHON) --color -v $(SANITY_ARGS)

lint: venv collections ## ansible-lint (production profile, .ansible-lint)
	ansible-lint -c .ansible-lint

units: venv collections ## pytest tests/unit (and sandbox/tests when present)
	@rc=0; pytest $(UNIT_PATHS) $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo ">> units: no unit tests collected yet in $(UNIT_PATHS)"; rc=0; fi; exit $$rc

integration: venv collections ## pytest tests/integration -n 2 (each xdist worker starts its own sandbox)
	pytest tests/integration -n 2 $(PYTEST_ARGS)

test: ## venv, then sanity, lint, units, integration (all run; fails if any fails)
	@tools/run_stages.sh venv sanity lint units integration

sandbox: venv ## run the API sandbox in the foreground (SANDBOX_PORT, default 8765)
	$(VENV_PY) -m sandbox --port $${SANDBOX_PORT:-$(SANDBOX_PORT)}

demo: venv collections ## start a sandbox, run playbooks/demo.yml and the inventory graph, stop it
	tools/demo.sh

clean: ## remove build output, the collections link, ansible/pytest caches (keeps .venv)
	rm -rf $(BUILD_DIR) $(COLLECTIONS_DIR) $(CURDIR)/.ansible tests/output .pytest_cache
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## clean, and remove .venv too
	rm -rf $(VENV)
