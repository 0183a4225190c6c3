"""The rules of dbt-project-evaluator this project keeps, checked on the manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def manifest(built_project: Path) -> dict:
    return json.loads((built_project / "target/manifest.json").read_text(encoding="utf-8"))


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
        # intermediate models are views, or tables where several readers share one result
        expected = {"staging": {"view"}, "intermediate": {"view", "table"}, "marts": {"table"}}[folder]
        assert node["config"]["materialized"] in expected, node["name"]


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
