"""Tests of the tests, for documents read from PDFs: what the reader read, changed, is found.

The intake keeps what it read from each PDF in warehouse/.cache/intake/ (one
JSON file per file and reader). One copy of the built project gets its cache
edited, as if the printed documents had said something else: a figure of
each kind of identity the Jiangsu and final-accounts templates state (an
outline row of the 政府采购 table, a line of the carry-over chain, a fund
printed twice, a share the narrative states, the 三公 budget beside its parts)
and a direction word that contradicts its numbers. The build must fail,
and each changed figure must be named in an unacknowledged finding.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb

from project_copy import copy_with_published, run_tool

GAOYUAN_2018 = "9bb83bc165f9437a"
CAIZHENGJU_2024 = "d45e923176f9fe4b"


def cached(project: Path, doc_prefix: str) -> Path:
    (path,) = (project / "warehouse/.cache/intake").glob(f"{doc_prefix}*.json")
    return path


def add_to(figures: list[dict], figure_id: str, amount: str) -> None:
    (figure,) = [f for f in figures if f["figure_id"] == figure_id]
    value = Decimal(figure["amount_as_printed"]) + Decimal(amount)
    figure["amount_as_printed"] = str(value)
    figure["figure_text_as_printed"] = f"{value:,.2f}"


def test_every_identity_of_the_new_templates_catches_a_changed_figure(built_project: Path, tmp_path: Path) -> None:
    project = copy_with_published(built_project, tmp_path / "project")
    shutil.rmtree(project / "warehouse/.cache", ignore_errors=True)
    shutil.copytree(built_project / "warehouse/.cache", project / "warehouse/.cache")

    # Jiangsu: an item of the procurement outline, and a fund the summary tables print twice
    path = cached(project, GAOYUAN_2018)
    stored = json.loads(path.read_text(encoding="utf-8"))
    figures = stored["result"]["figures"]
    item = next(
        f
        for f in figures
        if f["table_key"] == "procurement" and f["parent_figure_id"] and f["row_label_as_printed"].startswith("其他服务")
    )
    add_to(figures, item["figure_id"], "1.00")
    fund = next(f for f in figures if f["table_key"] == "fiscal_grant_summary" and f["row_key"] == "general_public")
    add_to(figures, fund["figure_id"], "1.00")
    share = next(f for f in figures if f["source_kind"] == "narrative" and f["measure_key"] == "basic_pct")
    add_to(figures, share["figure_id"], "1.00")
    path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")

    # final accounts: the carry-over chain, the 三公 budget, a direction word against its numbers
    path = cached(project, CAIZHENGJU_2024)
    stored = json.loads(path.read_text(encoding="utf-8"))
    figures, claims = stored["result"]["figures"], stored["result"]["claims"]
    carryover = next(f for f in figures if f["table_key"] == "revenue_expenditure_summary" and f["row_key"] == "carryover_begin")
    add_to(figures, carryover["figure_id"], "1.00")
    budget = next(f for f in figures if f["table_key"] == "three_public" and f["measure_key"] == "official_reception")
    add_to(figures, budget["figure_id"], "1.00")
    # 行政运行: 年初预算 1560.05, 决算 1511.89, "决算数小于预算数" said as 大于
    claim = next(c for c in claims if c["claim_kind"] == "function_item_execution" and c["subject_code"] == "2010601")
    claim["direction_as_printed"] = claim["directions_as_printed"] = "大于"
    for figure in figures:
        if figure.get("claim_id") == claim["claim_id"]:
            figure["direction_as_printed"] = "大于"
    direction_figure = next(
        f["figure_id"] for f in figures if f.get("claim_id") == claim["claim_id"] and f["measure_key"] == "amount"
    )
    path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")

    database = tmp_path / "check.duckdb"
    run = run_tool(
        project, "budget_warehouse.publish", "--check-only", "--database", str(database), "--target-path", str(project / "target")
    )
    assert run.returncode != 0, "the changed figures went unnoticed"
    assert "intake: " in run.output
    with duckdb.connect(str(database), read_only=True) as connection:
        found = connection.execute(
            "select finding_kind, figure_ids from marts.rpt_findings where not is_acknowledged and figure_ids is not null"
        ).fetchall()
    kinds_naming = {}
    for kind, figure_ids in found:
        for figure_id in figure_ids:
            kinds_naming.setdefault(figure_id, set()).add(kind)
    assert "hierarchy" in kinds_naming.get(item["figure_id"], set()), "the outline row's parent no longer adds up"
    assert "repeat" in kinds_naming.get(fund["figure_id"], set())
    assert "percent" in kinds_naming.get(share["figure_id"], set())
    assert {"item", "repeat"} <= kinds_naming.get(carryover["figure_id"], set()), "the carry-over chain is broken"
    assert "row" in kinds_naming.get(budget["figure_id"], set())
    assert "direction" in kinds_naming.get(direction_figure, set())
