"""The semantic layer (MetricFlow) answers with the figures the documents print, and cannot double count.

Each metric is asked through ``python -m budget_warehouse.metrics`` (``mf`` on
a copy of the published file) for a figure a shipped document prints, and the
answer is compared with the printed figure (the page is named beside it).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from project_copy import run_tool


def ask(project: Path, tmp_path: Path, *arguments: str) -> list[dict[str, str]]:
    out = tmp_path / f"answer-{len(list(tmp_path.glob('answer-*')))}.csv"
    run = run_tool(project, "budget_warehouse.metrics", "query", *arguments, "--csv", str(out), "--quiet")
    assert run.returncode == 0, run.output[-3000:]
    with open(out, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def where(dimension: str, value: str) -> list[str]:
    return ["--where", f"{{{{ Dimension('{dimension}') }}}} = '{value}'"]


def test_the_semantic_layer_validates_against_the_warehouse(built_project: Path) -> None:
    run = run_tool(built_project, "budget_warehouse.metrics", "validate-configs")
    assert run.returncode == 0, run.output[-3000:]
    assert "ERRORS: 0" in run.output and "against data warehouse" in run.output


@pytest.mark.parametrize(
    ("metric", "group_by", "filters", "printed_yuan"),
    [
        # 江苏省高级人民法院 2018, page 10: 支出合计 33,172.15 万元
        (
            "budget_expenditure",
            "metric_time__year",
            [*where("document__department_name", "江苏省高级人民法院")],
            {"2018": "331721500.00"},
        ),
        # the same, page 14: “三公”经费 小计 620.75 万元
        (
            "budget_three_public",
            "metric_time__year",
            [*where("document__department_name", "江苏省高级人民法院")],
            {"2018": "6207500.00"},
        ),
        # 上海市普陀区人民政府办公室 2025 部门预算, table 3: 201 一般公共服务支出 82,096,797.42 元
        (
            "budget_functional_expenditure",
            "functional_line__function_class_code",
            [*where("document__department_name", "上海市普陀区人民政府办公室")],
            {"201": "82096797.42"},
        ),
        # 上海市普陀区财政局 2024 决算, page 10 (支出决算表): 本年支出合计 2,940.05 万元
        (
            "final_expenditure",
            "metric_time__year",
            [*where("document__department_name", "上海市普陀区财政局")],
            {"2024": "29400500.00"},
        ),
    ],
)
def test_a_metric_gives_the_figure_the_document_prints(
    built_project: Path, tmp_path: Path, metric: str, group_by: str, filters: list[str], printed_yuan: dict[str, str]
) -> None:
    rows = ask(built_project, tmp_path, "--metrics", metric, "--group-by", group_by, *filters)
    answers = {row[group_by][:4] if group_by == "metric_time__year" else row[group_by]: row[metric] for row in rows}
    for key, printed in printed_yuan.items():
        assert Decimal(answers[key]) == Decimal(printed), (metric, key, answers)


def test_a_department_and_its_units_document_are_never_added(built_project: Path, tmp_path: Path) -> None:
    # 上海市普陀区人民政府办公室 publishes a 部门预算 and a 单位预算 for 2025, both loaded
    with duckdb.connect(str(built_project / "warehouse/budget.duckdb"), read_only=True) as warehouse:
        documents = dict(
            warehouse.execute(
                "select scope, expenditure_total_yuan from marts.rpt_document_summary "
                "where department_name = '上海市普陀区人民政府办公室' and fiscal_year = 2025"
            ).fetchall()
        )
    assert set(documents) == {"部门", "单位"} and documents["单位"] > 0
    rows = ask(
        built_project,
        tmp_path,
        "--metrics",
        "budget_expenditure",
        "--group-by",
        "document__department_name,metric_time__year",
        *where("document__department_name", "上海市普陀区人民政府办公室"),
    )
    (row,) = rows
    # the 部门 document's 支出总计, as printed in its table 1: 91,016,775.35 元; never 部门 + 单位
    assert Decimal(row["budget_expenditure"]) == Decimal("91016775.35") == documents["部门"]
    assert Decimal(row["budget_expenditure"]) != documents["部门"] + documents["单位"]
    # and a budget is never added to a final account: 上海市普陀区财政局 has both (2024 决算, 2025 预算)
    rows = ask(
        built_project, tmp_path, "--metrics", "budget_expenditure,final_expenditure", "--group-by", "metric_time__year",
        *where("document__department_name", "上海市普陀区财政局"),
    )  # fmt: skip
    by_year = {row["metric_time__year"][:4]: row for row in rows}
    assert by_year["2024"]["budget_expenditure"] in ("", None) and Decimal(by_year["2024"]["final_expenditure"]) > 0
    assert by_year["2025"]["final_expenditure"] in ("", None) and Decimal(by_year["2025"]["budget_expenditure"]) > 0
