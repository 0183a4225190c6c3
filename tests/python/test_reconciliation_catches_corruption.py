"""Tests of the tests: a figure changed by 1.00 makes the build fail, naming the identity.

Each case builds a copy of the project (the validation step and dbt build,
as make build runs them, on a throwaway file) and expects a non-zero exit
whose message names the changed figure (seed, source line, column) inside a
broken identity. An unchanged copy passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from project_copy import copy_project, edit_cell, run_tool

# (seed file, source_line of the row, column): one cell in each of several seeds
CASES = [
    ("table_02_income_summary", "265", "basic_grant_amount"),
    ("table_03_expenditure_summary", "277", "total_amount"),
    ("table_05_project_expenditure", "402", "total_amount"),
    ("table_08_expenditure_by_economic", "527", "basic_amount"),
    ("table_09_three_public_expenses", "612", "vehicle_operation_general_public_budget_amount"),
    ("table_12_performance_tasks", "665", "total_amount"),
]


IDENTITY_TESTS = [
    "row_identities_hold",
    "hierarchy_identities_hold",
    "cross_table_identities_hold",
    "narrative_identities_hold",
    "empty_tables_are_zero",
]


def check(project: Path) -> tuple[int, str]:
    run = run_tool(project, "budget_warehouse.publish", "--check-only", "--target-path", str(project / "target"))
    return run.returncode, run.output


def test_unchanged_copy_passes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    returncode, output = check(project)
    assert returncode == 0, output[-3000:]


@pytest.mark.parametrize(("seed", "source_line", "column"), CASES)
def test_a_changed_amount_breaks_a_named_identity(tmp_path: Path, seed: str, source_line: str, column: str) -> None:
    project = copy_project(tmp_path / "project")
    edit_cell(project / "seeds/document" / f"{seed}.csv", "source_line", source_line, column, add="1.00")
    returncode, output = check(project)
    assert returncode != 0, f"changing {seed}:{source_line}:{column} by 1.00 went unnoticed"
    assert any(f"{name}" in output for name in IDENTITY_TESTS), output[-3000:]
    located = f"seeds/document/{seed}.csv:"
    cell = f" {column} (source line {source_line})"
    assert any(located in line and cell in line for line in output.splitlines()), (
        f"the failure does not name the changed cell {seed}:{source_line}:{column}:\n{output[-3000:]}"
    )


def test_a_changed_narrative_figure_breaks_a_named_identity(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    seed = project / "seeds/document/narrative_figures.csv"
    # 信息化工作经费 79.81 万元, one of the sub-items of 中心's 信息化类 (source line 111)
    old = edit_cell(seed, "figure_text_as_printed", "79.81", "figure_value", new_value="80.81")
    assert old == "79.81"
    returncode, output = check(project)
    assert returncode != 0
    assert "narrative_identities_hold" in output
    assert "category = sum of its listed sub-items" in output
    assert "source line 111" in output
