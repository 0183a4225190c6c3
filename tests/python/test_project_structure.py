"""The rules of dbt-project-evaluator this project keeps, checked on the manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def manifest(built_project: Path) -> dict:
    return json.loads((built_project / "target/manifest.json").read_text(encoding="utf-8"))


# the sources a build loads before dbt runs: the intake's tables, a bulk build's files
LOADED_SOURCES = ("source.budget_warehouse.ingest.", "source.budget_warehouse.budget_document.")


def models(manifest: dict) -> dict[str, dict]:
    return {uid: node for uid, node in manifest["nodes"].items() if node["resource_type"] == "model"}


def test_staging_reads_only_a_seed_or_a_source(manifest: dict) -> None:
    for node in models(manifest).values():
        if node["name"].startswith("stg_"):
            parents = node["depends_on"]["nodes"]
            assert len(parents) == 1 and parents[0].startswith(("seed.", "source.")), node["name"]


def test_only_staging_reads_seeds_and_sources(manifest: dict) -> None:
    for node in models(manifest).values():
        if not node["name"].startswith("stg_"):
            assert not [p for p in node["depends_on"]["nodes"] if p.startswith(("seed.", "source."))], node["name"]


def test_no_model_has_more_than_seven_parents(manifest: dict) -> None:
    crowded = {n["name"]: len(n["depends_on"]["nodes"]) for n in models(manifest).values() if len(n["depends_on"]["nodes"]) > 7}
    assert crowded == {}


def test_layers_and_prefixes(manifest: dict) -> None:
    for node in models(manifest).values():
        folder = node["original_file_path"].split("/")[1]
        prefix = {"staging": ("stg_",), "intermediate": ("int_",), "marts": ("dim_", "fct_", "rpt_")}[folder]
        assert node["name"].startswith(prefix), node["original_file_path"]
        # intermediate models are views, or tables where several readers share one result (incremental by document
        # where they hold one document's rows); marts are tables, but for a past version of a mart, a view over its
        # latest version
        expected = {"staging": {"view"}, "intermediate": {"view", "incremental"}, "marts": {"table", "incremental"}}[folder]
        if folder == "marts" and node.get("version") is not None and node["version"] != node.get("latest_version"):
            expected = {"view"}
        assert node["config"]["materialized"] in expected, node["name"]


def test_a_table_of_one_documents_rows_is_incremental_by_document(manifest: dict) -> None:
    """A model that holds one document's rows (a doc_id column, not marked across_documents) is incremental by
    doc_id where it is a table, deleting its batch's rows first (macros/batch.sql); a model across documents is a
    table recomputed whole, or a view."""
    for node in models(manifest).values():
        config = node["config"]
        per_document = "doc_id" in node["columns"] and not config["meta"].get("across_documents")
        if config["materialized"] == "incremental":
            assert per_document, node["name"]
            assert (config["unique_key"], config["incremental_strategy"]) == ("doc_id", "append"), node["name"]
            assert any("delete_batch()" in hook["sql"] for hook in config["pre-hook"]), node["name"]
        elif config["materialized"] == "table":
            assert not per_document, f"{node['name']} holds one document's rows: incremental, or across_documents"


def test_no_model_of_one_documents_rows_reads_a_table_computed_from_the_documents(manifest: dict) -> None:
    """A build in batches computes each batch's rows of the incremental models, and the tables across documents only
    once, after the last batch (publish.Dbt.build): an incremental model may read, directly or through views, a
    table of reference data (the first batch built it), never a table computed from the documents' rows or the
    files a build loads (one that reads an incremental model, a document seed or the unit aliases a bulk build
    loads in their place, the intake's tables), which would hold only the batches before it."""
    nodes = manifest["nodes"]

    def ancestors(uid: str) -> set[str]:
        found: set[str] = set()
        stack = [uid]
        while stack:
            node = nodes.get(stack.pop(), {})
            for parent in node.get("depends_on", {}).get("nodes", []):
                if parent not in found:
                    found.add(parent)
                    stack.append(parent)
        return found

    def from_documents(uid: str) -> bool:
        return any(
            (parent in nodes and nodes[parent].get("config", {}).get("materialized") == "incremental")
            or parent.startswith(LOADED_SOURCES)
            or (parent.startswith("seed.") and nodes[parent]["original_file_path"].startswith("seeds/document/"))
            or parent == "seed.budget_warehouse.budget_unit_aliases"
            for parent in ancestors(uid) | {uid}
        )

    incremental_models = [uid for uid, node in models(manifest).items() if node["config"]["materialized"] == "incremental"]
    tables_read = {
        (uid, parent)
        for uid in incremental_models
        for parent in ancestors(uid)
        if parent in nodes and nodes[parent]["resource_type"] == "model" and nodes[parent]["config"]["materialized"] == "table"
    }
    assert not {(model, table) for model, table in tables_read if from_documents(table)}
    # the rule can fail: the dimensions and headlines are such tables, read by views of the marts
    assert from_documents("model.budget_warehouse.dim_document")
    assert from_documents("model.budget_warehouse.dim_budget_unit")


def test_every_mart_has_an_enforced_contract_and_a_primary_key_test(manifest: dict) -> None:
    tested = {
        node["attached_node"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test" and node.get("test_metadata", {}).get("name") == "primary_key"
    }
    for uid, node in models(manifest).items():
        if node["original_file_path"].startswith("models/marts/"):
            assert node["config"]["contract"]["enforced"], node["name"]
            assert uid in tested, f"{node['name']} has no primary_key test"


def test_every_model_is_tested(manifest: dict) -> None:
    tested = set()
    for node in manifest["nodes"].values():
        if node["resource_type"] in ("test", "unit_test"):
            tested.update(node["depends_on"]["nodes"])
    for node in manifest.get("unit_tests", {}).values():
        tested.update(node["depends_on"]["nodes"])
    untested = sorted(n["name"] for uid, n in models(manifest).items() if uid not in tested)
    assert untested == []


# dbt-project-evaluator's `primary_key_test_macros`, as this project configures it: its own primary_key test
# (any number of columns), or unique and not_null on the same column
PRIMARY_KEY_TEST_MACROS = [["macro.budget_warehouse.test_primary_key"], ["macro.dbt.test_unique", "macro.dbt.test_not_null"]]
# dbt-project-evaluator's `models_fanout_threshold`
FANOUT_THRESHOLD = 3
# models allowed more direct leaf children, and why
FANOUT_EXCEPTIONS = {
    "int_fact_figures_scoped": (
        "the one place that decides which figures count (documents in totals, the finest unit grain, each amount"
        " once); every fact reads it, and a copy per fact would copy that rule"
    ),
    "int_documents_unioned": (
        "the warehouse's list of documents, with their year and phase: each mart of one document's own rows (its"
        " performance goals, indicators and tasks, the tables it prints and how they were read, its pages of"
        " financial tables) keeps the documents of the warehouse and takes their year from it, as a dimension would"
    ),
}


def test_every_model_has_a_primary_key_test_the_evaluator_recognizes(manifest: dict) -> None:
    macros_by_model: dict[str, dict[str | None, set[str]]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or not node.get("attached_node"):
            continue
        for macro in node["depends_on"]["macros"]:
            by_column = macros_by_model.setdefault(node["attached_node"], {})
            by_column.setdefault(node.get("column_name"), set()).add(macro)
    missing = []
    for uid, node in models(manifest).items():
        found = macros_by_model.get(uid, {})
        recognized = any(
            all(macro in macros for macro in combination) for combination in PRIMARY_KEY_TEST_MACROS for macros in found.values()
        )
        if not recognized:
            missing.append(node["name"])
    assert missing == []


def test_no_model_fans_out_to_more_leaves_than_the_evaluator_allows(manifest: dict) -> None:
    nodes = models(manifest)
    children: dict[str, set[str]] = {uid: set() for uid in nodes}
    for uid, node in nodes.items():
        for parent in node["depends_on"]["nodes"]:
            if parent in children:
                children[parent].add(uid)
    leaves = {uid for uid, kids in children.items() if not kids}
    fanning = {
        nodes[uid]["name"]: sorted(nodes[child]["name"] for child in kids & leaves)
        for uid, kids in children.items()
        if len(kids & leaves) > FANOUT_THRESHOLD and nodes[uid]["name"] not in FANOUT_EXCEPTIONS
    }
    assert fanning == {}


def test_the_marts_are_public_and_everything_else_is_not(manifest: dict) -> None:
    for node in models(manifest).values():
        is_mart = node["original_file_path"].startswith("models/marts/")
        assert node["access"] == ("public" if is_mart else "protected"), node["name"]
        assert node["group"] == ("budget_marts" if is_mart else "warehouse_pipeline"), node["name"]
    groups = manifest["groups"].values()
    assert {group["name"] for group in groups} == {"budget_marts", "warehouse_pipeline"}
    assert all(group["owner"].get("name") for group in groups)


def test_exposures_depend_only_on_public_models(manifest: dict) -> None:
    nodes = models(manifest)
    assert manifest["exposures"], "the report, the analyses, BI tools and the export are declared as exposures"
    for exposure in manifest["exposures"].values():
        for parent in exposure["depends_on"]["nodes"]:
            assert nodes[parent]["access"] == "public", (exposure["name"], parent)


def test_a_changed_contract_keeps_its_old_version_under_its_old_name(manifest: dict) -> None:
    versioned = [n for n in models(manifest).values() if n.get("version") is not None]
    names = {n["name"] for n in versioned}
    assert {"fct_expenditure_by_function", "fct_income"} <= names
    for node in versioned:
        latest = node["latest_version"]
        expected = node["name"] if node["version"] == latest else f"{node['name']}_v{node['version']}"
        assert node["alias"] == expected, node["unique_id"]
        assert node["config"]["contract"]["enforced"], node["unique_id"]


def test_the_shipped_build_ran_every_seed_model_data_and_unit_test(built_project: Path, manifest: dict) -> None:
    """make build of the shipped documents (the built_project fixture, as make build runs it) loads every seed,
    builds every model and passes every data and unit test: none skipped, none left out of a step (make test's own
    dbt build of them)."""
    log = (built_project / "build.log").read_text(encoding="utf-8")
    kinds = [node["resource_type"] for node in manifest["nodes"].values()]
    units = len(manifest.get("unit_tests", {}))
    seeds, built, data_tests = kinds.count("seed"), kinds.count("model"), kinds.count("test")
    assert seeds > 20 and built > 100 and data_tests > 100 and units > 5
    finished = [line.split("Finished running ", 1)[1] for line in log.splitlines() if "Finished running " in line]
    assert finished[0].startswith(f"{seeds} seeds in "), finished
    counts = [int(word) for word in finished[1].split(" in ")[0].split() if word.isdigit()]
    assert sum(counts) == built, finished
    assert finished[2].startswith(f"{data_tests} data tests, {units} unit tests in "), finished
    assert "Published warehouse/budget.duckdb: every seed, model and data test passed." in log
    assert " ERROR " not in log and " SKIP " not in log


def test_a_build_that_adds_documents_leaves_out_only_what_reads_reference_data(manifest: dict) -> None:
    """A build that adds to the published warehouse runs the models and data tests its documents can change
    (publish.Dbt.CHANGED: the incremental models and what reads them or the tables the build loads), not those of
    reference data alone (a calendar, the funding sources, the templates' tests): the published build, by the same
    code and seeds, built and tested those. What that selection leaves out must read nothing a build adds: no
    source, no input folder (the var input_path, as the document seeds' staging and the unit aliases read it:
    macros/document_input.sql), only seeds and other nodes left out."""
    nodes = manifest["nodes"]
    macros = manifest["macros"]
    children: dict[str, set[str]] = {}
    for uid, node in nodes.items():
        for parent in node.get("depends_on", {}).get("nodes", []):
            children.setdefault(parent, set()).add(uid)

    def closure(start: set[str], step) -> set[str]:
        found, stack = set(start), list(start)
        while stack:
            for other in step(stack.pop()):
                if other not in found:
                    found.add(other)
                    stack.append(other)
        return found

    def reads_input(uid: str) -> bool:
        """A model of the input folder: the document seeds' staging, views of the seeds in a shipped build (this
        manifest's) and of the tables a bulk build loads (source budget_document) in a bulk build."""
        node = nodes[uid]
        bodies = [node.get("raw_code", "")] + [
            macros[m]["macro_sql"] for m in node["depends_on"].get("macros", []) if m in macros
        ]
        return any("input_path" in body for body in bodies)

    incremental_models = {uid for uid, node in models(manifest).items() if node["config"]["materialized"] == "incremental"}
    # the tables a build loads (publish.Dbt.CHANGED): the intake's, a bulk build's; in a bulk build, the models
    # that read the input folder read source budget_document, where this manifest's read the seeds
    ingest = {uid for uid in manifest["sources"] if uid.startswith(LOADED_SOURCES)}
    input_readers = {uid for uid in models(manifest) if reads_input(uid)}
    downstream = closure(incremental_models | ingest | input_readers, lambda uid: children.get(uid, set()))
    selected = set(downstream)
    # a data test runs with any model it reads (dbt's eager indirect selection)
    selected |= {
        uid
        for uid, node in nodes.items()
        if node["resource_type"] == "test" and selected.intersection(node["depends_on"]["nodes"])
    }
    left_out = {
        uid
        for uid, node in nodes.items()
        if node["resource_type"] in ("model", "test") and uid not in selected and node["config"].get("materialized") != "view"
    }

    for uid in sorted(left_out):
        ancestors = closure({uid}, lambda u: nodes.get(u, {}).get("depends_on", {}).get("nodes", [])) - {uid}
        assert not any(a.startswith("source.") for a in ancestors), uid
        assert all(a.startswith("seed.") or a not in selected for a in ancestors), uid
        assert not any(reads_input(a) for a in ancestors | {uid} if a in nodes and not a.startswith("seed.")), uid
    # the rule can fail, and leaves something out: reference tables are built and tested by every full build
    assert "model.budget_warehouse.dim_date" in left_out
    # ... and what reads the input folder is not: the unit aliases' tests, the unit dimension
    aliases = "model.budget_warehouse.stg_reference__budget_unit_aliases"
    aliases_tests = {uid for uid, node in nodes.items() if node.get("attached_node") == aliases}
    assert aliases in input_readers and aliases_tests
    assert not left_out & {"model.budget_warehouse.dim_budget_unit", *aliases_tests}
