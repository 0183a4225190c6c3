"""Tests of the tests: figures changed in the seeds make the build fail, naming each changed figure.

One copy of the project gets several independent corruptions (an amount
changed by 1.00 in each of several tables, and a narrative figure); the build (validation and dbt build on a throwaway file,
as make build runs them) must fail, and each changed figure must be named in
the findings with its seed file, line and column. The unchanged project is
the shared built one, which passes.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from project_copy import copy_project, edit_cell, run_tool

# (seed file, source_line of the row, column): one cell in each of several seeds
CASES = [
    ("table_02_income_summary", "265", "basic_grant_amount"),
    ("table_03_expenditure_summary", "277", "total_amount"),
    ("table_05_project_expenditure", "402", "total_amount"),
    ("table_08_expenditure_by_economic", "568", "total_amount"),
    ("table_09_three_public_expenses", "612", "vehicle_operation_general_public_budget_amount"),
    ("table_12_performance_tasks", "665", "total_amount"),
]


def test_every_corrupted_figure_is_named_in_a_finding(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    seeds = project / "seeds/document"
    for seed, source_line, column in CASES:
        edit_cell(seeds / f"{seed}.csv", "source_line", source_line, column, add="1.00")
    # 机关运行经费's change 1.77 (source line 170) typed as 2.77, text and value alike
    narrative = seeds / "narrative_figures.csv"
    narrative.write_text(narrative.read_text(encoding="utf-8").replace(",1.77,1.77,万元", ",2.77,2.77,万元", 1), encoding="utf-8")
    database = tmp_path / "check.duckdb"
    run = run_tool(
        project, "budget_warehouse.publish", "--check-only", "--database", str(database), "--target-path", str(project / "target")
    )
    assert run.returncode != 0, "the corruptions went unnoticed"
    assert "assert_findings_acknowledged" in run.output
    with duckdb.connect(str(database), read_only=True) as connection:
        named = {
            figure_id
            for (figure_ids,) in connection.execute(
                "select figure_ids from marts.rpt_findings where not is_acknowledged"
            ).fetchall()
            for figure_id in figure_ids or []
        }
    for seed, source_line, column in CASES:
        assert f"{seed}:{source_line}:{column}" in named, f"{seed}:{source_line}:{column} is in no finding"
        located = f"seeds/document/{seed}.csv:"
        cell = f" {column} (source line {source_line})"
        assert any(located in line and cell in line for line in run.output.splitlines()), (
            f"the build's message does not name {seed}:{source_line}:{column}"
        )
    assert "narrative_figures:88" in named, "the changed narrative figure is in no finding"
