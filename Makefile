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
SANITY_ARGS ?=        # e.g. make sanity-2.16 SANITY_ARGS="--test pylint"
PYTEST_ARGS ?=        # e.g. make units PYTEST_ARGS="-k retry -x"

# ansible-test sanity matrix: the oldest ansible-core that requires_ansible (meta/runtime.yml) accepts
# and the newest one, each in its own venv with ansible-core alone (the lint tools in .venv would
# upgrade ansible-core), built from requirements-sanity-<version>.txt. ansible-core 2.20+ needs
# Python 3.12: PYTHON312, whose bin dir also goes first on PATH for ansible-test (a pyenv shim
# there breaks it).
SANITY_CORES ?= 2.16 2.21
PYTHON312 ?= $(firstword $(wildcard /root/.pyenv/versions/3.12.*/bin/python3.12) $(shell command -v python3.12 2>/dev/null))
CORE_PYTHON_2.16 := $(PYTHON)
CORE_PYTHON_2.21 := $(PYTHON312)
core_python = $(or $(CORE_PYTHON_$(1)),$(error no interpreter for ansible-core $(1): set CORE_PYTHON_$(1)))
core_venv = $(CURDIR)/.venv-core$(1)

# galaxy-importer (what Galaxy / Automation Hub run on an upload) has pins that conflict with .venv.
IMPORTER_VENV := $(CURDIR)/.venv-importer
IMPORTER_BUILD := $(BUILD_DIR)/galaxy-importer

# The HTML docsite (make docs): antsibull-docs + Sphinx, git-ignored.
DOCSITE_DIR ?= $(CURDIR)/.docsite

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

# The stages of `make test`. `venv` runs first; the others run in parallel, at most TEST_JOBS at a
# time, longest first, each into its own log (tools/run_stages.sh prints it when the stage ends).
# integration, the longest, runs at normal priority; the others under nice 10, on the CPU it leaves.
TEST_STAGES ?= integration $(addprefix sanity-,$(SANITY_CORES)) galaxy-importer lint docs-lint ecosystem units
TEST_JOBS ?= 3

.PHONY: help venv venvs collections sanity lint units integration test soak sandbox demo clean distclean bench \
	galaxy-importer docs docs-lint changelog ecosystem ee $(addprefix sanity-,$(SANITY_CORES))

help: ## list the targets
	@echo "deployops.platforms development targets:"
	@grep -E '^([a-z][a-zA-Z0-9_.-]+|\$$\(addprefix sanity-.*\)): .*## ' $(MAKEFILE_LIST) \
		| sed -E 's/^\$$\(addprefix sanity-[^)]*\)\)/sanity-<version>/;s/^([a-zA-Z0-9_<>.-]+):.*## (.*)/  make \1\t\2/' | expand -t 24
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

venvs: venv $(CORE_STAMPS) $(IMPORTER_VENV)/.installed.stamp ## .venv and the matrix / galaxy-importer venvs
	@:

# .venv-core<version>: ansible-core <version> alone, for ansible-test sanity. Static pattern rules
# (explicit targets) for the versions of SANITY_CORES: no implicit rule search.
CORE_STAMPS := $(foreach v,$(SANITY_CORES),$(call core_venv,$(v))/.installed.stamp)
$(CORE_STAMPS): $(CURDIR)/.venv-core%/.installed.stamp: requirements-sanity-%.txt
	@echo ">> building .venv-core$* with $(call core_python,$*)"
	@test -x $(call core_venv,$*)/bin/python || $(call core_python,$*) -m venv $(call core_venv,$*)
	$(call core_venv,$*)/bin/python -m pip install --quiet -r requirements-sanity-$*.txt 2>&1 \
		| { grep -v "^WARNING: Location 'file:" || true; }
	$(call core_venv,$*)/bin/python -m pip check
	@touch $@

$(IMPORTER_VENV)/.installed.stamp: requirements-galaxy-importer.txt
	@echo ">> building .venv-importer with $(PYTHON)"
	@test -x $(IMPORTER_VENV)/bin/python || $(PYTHON) -m venv $(IMPORTER_VENV)
	$(IMPORTER_VENV)/bin/python -m pip install --quiet -r requirements-galaxy-importer.txt 2>&1 \
		| { grep -v "^WARNING: Location 'file:" || true; }
	$(IMPORTER_VENV)/bin/python -m pip check
	@touch $@

# Expanded in the recipe of sanity-<version>, where $* is the version.
SV_BIN = $(call core_venv,$*)/bin
SV_BUILD = $(BUILD_DIR)/sanity-$*
SV_INSTALLED = $(SV_BUILD)/collections/ansible_collections/deployops/platforms

sanity: $(addprefix sanity-,$(SANITY_CORES)) ## ansible-test sanity on every version of SANITY_CORES (2.16 2.21)

# sanity-<version>: build the tarball with that ansible-core, install it under
# .build/sanity-<version>/ and run ansible-test sanity there, on exactly what ships (build_ignore
# applies). Each version has its own tree, so the versions can run at the same time.
$(addprefix sanity-,$(SANITY_CORES)): sanity-%: $(CURDIR)/.venv-core%/.installed.stamp ## ansible-test sanity with ansible-core <version> (e.g. sanity-2.16)
	rm -rf $(SV_BUILD)
	mkdir -p $(SV_BUILD)/collections
	$(SV_BIN)/ansible-galaxy collection build --force --output-path $(SV_BUILD) .
	ANSIBLE_COLLECTIONS_PATH=$(SV_BUILD)/collections $(SV_BIN)/ansible-galaxy collection install --force \
		--no-deps -p $(SV_BUILD)/collections $(SV_BUILD)/deployops-platforms-*.tar.gz
	@# ansible-test finds its file list through the nearest .git above the collection; without one
	@# here it would use the repo's own .git, where .build/ is ignored, and skip every target.
	cd $(SV_INSTALLED) && git init --quiet && printf 'tests/output/\n__pycache__/\n' >> .git/info/exclude
	$(SV_BIN)/python tools/seed_get_pip.py --timeout 5
	cd $(SV_INSTALLED) && PATH="$(SV_BIN):$(dir $(realpath $(call core_python,$*))):$$PATH" \
		ANSIBLE_COLLECTIONS_PATH=$(SV_BUILD)/collections \
		ansible-test sanity --venv --python $$($(SV_BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])') \
		--color -v $(SANITY_ARGS)

lint: venv collections ## ansible-lint (production profile, .ansible-lint)
	ansible-lint -c .ansible-lint

units: venv collections ## pytest tests/unit (and sandbox/tests when present)
	@rc=0; pytest $(UNIT_PATHS) $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo ">> units: no unit tests collected yet in $(UNIT_PATHS)"; rc=0; fi; exit $$rc

# pytest-xdist workers for the integration tests; each worker starts its own sandbox. worksteal lets
# an idle worker take queued tests from a busy one, so a few long tests do not leave a core idle.
INTEGRATION_WORKERS ?= 3
integration: venv collections ## pytest tests/integration -n $(INTEGRATION_WORKERS) (each xdist worker starts its own sandbox)
	pytest tests/integration -n $(INTEGRATION_WORKERS) --dist worksteal --durations=10 $(PYTEST_ARGS)

# make soak: the fault suite's run repeated with SOAK_RUNS seeds (from SOAK_FIRST_SEED) for every
# platform of tests/integration/reliability.py, on SOAK_WORKERS xdist workers; prints runs / failures /
# duplicates / missing. Not part of make test (about a minute per run and worker).
SOAK_RUNS ?= 20
SOAK_FIRST_SEED ?= 1000
SOAK_WORKERS ?= 2
SOAK_REPORT := $(CURDIR)/.soak/report.jsonl
soak: venv collections ## fault suite x SOAK_RUNS seeds (20); prints runs / failures / duplicates (not in make test)
	@mkdir -p $(dir $(SOAK_REPORT)) && rm -f $(SOAK_REPORT)
	@rc=0; SOAK_RUNS=$(SOAK_RUNS) SOAK_FIRST_SEED=$(SOAK_FIRST_SEED) SOAK_REPORT=$(SOAK_REPORT) \
		pytest tests/integration/test_reliability_faults.py -k test_soak -n $(SOAK_WORKERS) -q -p no:cacheprovider \
		|| rc=$$?; $(VENV_PY) tools/soak_summary.py $(SOAK_REPORT) || rc=1; exit $$rc

galaxy-importer: $(IMPORTER_VENV)/.installed.stamp ## galaxy-importer on the built tarball: fails on any error or warning
	rm -rf $(IMPORTER_BUILD)
	mkdir -p $(IMPORTER_BUILD)
	$(IMPORTER_VENV)/bin/ansible-galaxy collection build --force --output-path $(IMPORTER_BUILD) .
	@# Galaxy's own import runs ansible-test in a container; there is no container engine here, so
	@# GALAXY_IMPORTER_RUN_ANSIBLE_TEST=False (the sanity-<version> targets run ansible-test instead).
	PATH="$(IMPORTER_VENV)/bin:$$PATH" ANSIBLE_HOME=$(IMPORTER_BUILD)/ansible-home \
		GALAXY_IMPORTER_CONFIG=$(CURDIR)/tools/galaxy-importer.cfg GALAXY_IMPORTER_RUN_ANSIBLE_TEST=False \
		$(IMPORTER_VENV)/bin/python tools/galaxy_importer_gate.py $(IMPORTER_BUILD)/deployops-platforms-*.tar.gz

docs-lint: venv collections ## antsibull-docs lint-collection-docs --plugin-docs, antsibull-changelog lint, CHANGELOG.md up to date
	antsibull-docs lint-collection-docs --plugin-docs .
	antsibull-changelog lint
	tools/changelog.sh --check

changelog: venv collections ## regenerate CHANGELOG.md from changelogs/ (fragments included)
	tools/changelog.sh

docs: venv collections ## build the HTML docsite into .docsite/ (antsibull-docs + Sphinx)
	tools/build_docsite.sh $(DOCSITE_DIR)
	@echo ">> open $(DOCSITE_DIR)/build/html/index.html"

ee: venv ## ansible-builder create: the execution environment build context in .build/ee/context
	tools/ee_context.sh $(BUILD_DIR)/ee

ecosystem: venv collections ## tests/ecosystem: docsite build, execution environment context, changelog
	pytest tests/ecosystem $(PYTEST_ARGS)

test: ## venv, then TEST_STAGES in parallel (TEST_JOBS at a time; all run; fails if any fails)
	@tools/run_stages.sh --jobs $(TEST_JOBS) --priority integration venv -- $(TEST_STAGES)

# make bench: the benchmarks of docs/benchmarks.md against a sandbox with BENCH_LATENCY_MS per request; one
# line per figure, and docs/benchmarks.md rewritten. BENCH_ARGS: e.g. --scale tiny --output - (or --only variables).
BENCH_LATENCY_MS ?= 30
BENCH_ARGS ?=
bench: venv collections ## benchmarks/ against the sandbox (BENCH_LATENCY_MS=30): figures, and docs/benchmarks.md
	BENCH_LATENCY_MS=$(BENCH_LATENCY_MS) $(VENV_PY) -m benchmarks $(BENCH_ARGS)

sandbox: venv ## run the API sandbox in the foreground (SANDBOX_PORT, default 8765)
	$(VENV_PY) -m sandbox --port $${SANDBOX_PORT:-$(SANDBOX_PORT)}

demo: venv collections ## start a sandbox, run playbooks/demo.yml and the inventory graph, stop it
	tools/demo.sh

clean: ## remove build output, the docsite, the collections link, ansible/pytest caches (keeps the venvs)
	rm -rf $(BUILD_DIR) $(DOCSITE_DIR) $(COLLECTIONS_DIR) $(CURDIR)/.ansible tests/output .pytest_cache .soak
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## clean, and remove .venv and the matrix / galaxy-importer venvs too
	rm -rf $(VENV) $(CURDIR)/.venv-core* $(IMPORTER_VENV)
