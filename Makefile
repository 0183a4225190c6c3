# Two commands do everything on a fresh clone: `make build` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DBT_PROFILES_DIR := $(CURDIR)
export PYTHONPATH := $(CURDIR)/src
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: setup browser fonts java build test lint dbt-test pytest transcribe templates lock clean docs export analyses synth bench report corpus variants

# DuckDB clients of other versions, as BI drivers bundle them: the tests open
# the published file with each (1.4 and 1.5 readers; 2.x, the current one)
COMPAT_DUCKDB := 1.4.4 2.0.1
COMPAT := $(foreach version,$(COMPAT_DUCKDB),$(VENV)/compat/duckdb-$(version)/.installed)

# the report's chart library, from npm, pinned (its one file is copied beside the report's pages)
ECHARTS_VERSION := 6.1.0
ECHARTS := $(VENV)/npm/node_modules/echarts/dist/echarts.min.js

setup: $(BIN)/.installed $(COMPAT) $(ECHARTS)

# the venv is (re)installed whenever the lock changes
$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(ECHARTS): | $(BIN)/.installed
	npm install --silent --no-audit --no-fund --prefix $(VENV)/npm echarts@$(ECHARTS_VERSION)
	test -f $@

## browser: headless Chromium for the report's browser tests: Debian's chromium package (and a CJK font for the
##          screenshots), installed where missing and the machine allows; without it those tests are skipped
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; } \
	  || echo "chromium could not be installed here (apt-get as root is needed): the browser tests will be skipped"; }

## fonts: a CJK TrueType font (Debian's fonts-wqy-microhei) for the generated bench of layouts, installed where
##        missing and the machine allows; without it the bench prints with reportlab's non-embedded STSong-Light
fonts:
	@fc-list 2>/dev/null | grep -qi 'wqy' || ls /usr/share/fonts/truetype/wqy/*.tt[cf] >/dev/null 2>&1 || { \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null; } \
	  || echo "fonts-wqy-microhei could not be installed here (apt-get as root is needed): the bench of layouts prints with STSong-Light"; }

## java: a Java runtime for Spark (ENGINE=spark, the Spark tests): Debian's OpenJDK 17 headless, installed where no
##       java is found and the machine allows; without it those tests are skipped and ENGINE=spark fails, saying so
java:
	@command -v java >/dev/null 2>&1 || { \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; } \
	  || echo "java could not be installed here (apt-get as root is needed): ENGINE=spark and the Spark tests need it"; }

$(VENV)/compat/duckdb-%/.installed:
	$(PYTHON) -m venv $(VENV)/compat/duckdb-$*
	$(VENV)/compat/duckdb-$*/bin/python -m pip install --quiet --disable-pip-version-check duckdb==$*
	touch $@

## build: read the documents, validate the seeds, dbt build into a fresh file, publish warehouse/budget.duckdb
##        if all passed. Without DOCS: the seed document and the PDFs of data/documents/.
##        DOCS=folder: every PDF and text rendering under folder instead (findings are published, not failures)
##        STRICT=1: any finding, and any file left out, fails the build
##        INPUT=folder: a bulk load of CSV files in the seeds' schema instead of the committed seeds
##        ENGINE=spark: the files read as a Spark job (local mode on this machine's cores; on a cluster,
##        SPARK_MASTER=spark://host:7077 and a DOCS folder every worker reads at the same path); ENGINE=local (the
##        default): the local process pool. The same verdicts and intake output either way
##        Adds to the published warehouse when it was built by the same code from the same folder: only the
##        documents added, replaced or removed are rebuilt. FULL=1: every document, from scratch
ENGINE ?= local
build: setup $(if $(filter spark,$(ENGINE)),java)
	$(BIN)/python -m budget_warehouse.publish $(if $(INPUT),--input $(INPUT)) $(if $(DOCS),--docs $(DOCS)) $(if $(filter 1,$(STRICT)),--strict) $(if $(filter 1,$(FULL)),--full) --engine $(ENGINE)

## test: lint and pytest, side by side (each one's output whole when it ends). pytest's first build is make build's
##       of the shipped documents, every seed, model, data and unit test (in a copy of the project, built once for
##       both of its workers and checked by test_project_structure.py); make dbt-test runs that build alone
test: setup browser fonts java
	$(MAKE) --no-print-directory -j2 --output-sync=target lint pytest

lint: setup
	$(BIN)/sqlfluff lint models tests macros analyses
	$(BIN)/ruff check src tests/python
	$(BIN)/ruff format --check src tests/python

# the same validation and dbt build as make build, on a throwaway file
dbt-test: setup
	$(BIN)/python -m budget_warehouse.publish --check-only --target-path target-test

pytest: setup
	$(BIN)/pytest -n 2 --dist worksteal --durations=20

## corpus: the crawled folder of seven cities' budgets (CORPUS=folder, default ../shared/documents/corpus) built
##         into warehouse/corpus/budget.duckdb; writes bench/corpus.md; fails on a budget left out or quarantined
##         unreviewed, or on a finding not reviewed (.ci/run runs it after make test)
CORPUS ?= ../shared/documents/corpus
corpus: setup
	$(BIN)/python -m budget_warehouse.corpus --corpus $(CORPUS)

## report: warehouse/report/, an index of every document, a page per document (charts and their tables) and
##         the same kind of department across regions (peers.html),
##         from the published warehouse's marts; opens from file:// with the network off
report: setup
	$(BIN)/python -m budget_warehouse.report

## docs: the dbt docs of the published warehouse as one static page, warehouse/docs/index.html
docs: setup
	$(BIN)/python -m budget_warehouse.docs

## analyses: analyses/*.sql compiled (table names resolved) into warehouse/analyses/
analyses: setup
	$(BIN)/python -m budget_warehouse.docs --analyses

## export: every mart to warehouse/export/ as Parquet and CSV (UTF-8 with BOM) with datapackage.json
export: setup
	$(BIN)/python -m budget_warehouse.export

## synth: N synthetic departments × Y years in the seeds' schema (bulk input), from the published warehouse
N ?= 10
Y ?= 1
synth: build
	$(BIN)/python -m budget_warehouse.synth --departments $(N) --years $(Y)

## bench: validation + dbt build on 1, 10, 100 and 1,000 synthetic documents, the PDFs, the reader and make corpus
##        cold and warm on CORPUS (skipped if absent), and the scale section: a full build and 1 and 10 documents added
##        at 100, 1,000 and 10,000 synthetic documents (alone: bench --scale-only; long); writes bench/results.md, and
##        bench/findings.md (the published warehouses' findings per document beside a peer checker's counts; alone:
##        bench --findings-only), and bench/reader_variants.md (the generated bench of layouts; alone: make variants)
bench: build fonts
	$(BIN)/python -m budget_warehouse.bench --corpus $(CORPUS)

## variants: the generated bench of layouts alone: budgets with known figures printed in every variant of the
##           national table set (src/budget_warehouse/layouts/), read back and built once; writes
##           bench/reader_variants.md (per variant: figures recovered exactly, missing, wrong, tables
##           unconfirmed, false and missed findings); fails when a target of issue 21 is missed
variants: setup fonts
	$(BIN)/python -m budget_warehouse.bench --variants-only

## templates: regenerate seeds/templates/*.csv from templates/*.yml
templates: setup
	$(BIN)/python -m budget_warehouse.templates

## transcribe: regenerate seeds/document/table_*.csv from the source text
transcribe: setup
	$(BIN)/python -m budget_warehouse.transcribe

## lock: re-pin requirements.txt from requirements.in in a scratch venv
lock:
	tmp=$$(mktemp -d) && $(PYTHON) -m venv "$$tmp" && "$$tmp/bin/pip" install --quiet -r requirements.in && \
	{ sed -n '1,3p' requirements.txt; "$$tmp/bin/pip" freeze; } > requirements.txt.new && mv requirements.txt.new requirements.txt && rm -rf "$$tmp"

clean:
	rm -rf target target-test target-docs logs
