"""Say what a failed dbt build found, in terms a person can act on.

dbt reports a failing data test as "Got N results". This module reads
``run_results.json``, runs each failed test's compiled query against the
candidate database (read-only), and prints its first rows: the identity or
rule that broke, the values, and where each figure is in the seed files
(``seeds/document/table_03_expenditure_summary.csv:4``) and in the source
document (its ``source_line``).
"""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

MAX_ROWS = 60

# columns worth showing, in this order, when a failing row has them
SHOWN = [
    "problem",
    "doc_id",
    "finding_id",
    "seed_column",
    "check_id",
    "description",
    "page_no",
    "published_amount",
    "derived_amount",
    "difference",
    "tolerance",
    "table_no",
    "seed_name",
    "source_line",
    "unit_name",
    "unit_name_as_printed",
    "subject_code",
    "missing_parent_code",
    "label_as_printed",
    "item_as_printed",
    "subject_name_as_printed",
    "expenditure_item_as_printed",
    "row_label",
    "column_label",
    "amount",
    "occurrences",
    "source_lines",
]

# the seeds that transcribe each table, to find a row by its source line
TABLE_SEEDS = {
    0: ["narrative_figures"],
    1: ["table_01_budget_summary"],
    2: ["table_02_income_summary"],
    3: ["table_03_expenditure_summary"],
    4: ["table_04_basic_expenditure"],
    5: ["table_05_project_expenditure"],
    6: ["table_06_fiscal_grant_summary"],
    7: ["table_07_expenditure_by_function"],
    8: ["table_08_expenditure_by_economic"],
    9: ["table_09_three_public_expenses"],
    10: ["table_10_government_fund_expenditure"],
    11: ["table_11_state_capital_expenditure"],
    12: ["table_12_performance_tasks", "table_12_performance_goals", "table_12_performance_indicators"],
}


@cache
def seed_lines(seed_file: Path) -> dict[str, int]:
    """source_line -> line of the seed file (1-based, header is line 1)."""
    if not seed_file.exists():
        return {}
    with open(seed_file, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return {row.get("source_line", ""): reader.line_num for row in reader}


_PDF_CELL = re.compile(r"^p(\d+)\.t(\d+)\.r(\d+)\.c(\d+)$")
_PDF_CLAIM = re.compile(r"^p(\d+)\.(n\d+)\.(\w+)$")


def locate_figure(figure_id: str, project: Path) -> str:
    """Where a figure is printed: a seed's file, line and column, or a PDF's page, table, row and column."""
    if match := _PDF_CELL.match(figure_id):
        page, table, row, column = (int(group) for group in match.groups())
        return f"page {page}, table {table}, row {row}, column {column} ({figure_id})"
    if match := _PDF_CLAIM.match(figure_id):
        return f"page {int(match[1])}, narrative claim {match[2]}, its {match[3]} ({figure_id})"
    parts = figure_id.split(":")
    if parts[0] == "narrative_figures" and len(parts) == 2:
        path = project / "seeds/document/narrative_figures.csv"
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                if row["figure_no"] == parts[1]:
                    return (
                        f"seeds/document/narrative_figures.csv:{reader.line_num} figure_value (source line {row['source_line']})"
                    )
        return figure_id
    if len(parts) != 3:
        return figure_id
    seed, source_line, column = parts
    path = project / "seeds/document" / f"{seed}.csv"
    line = seed_lines(path).get(source_line)
    where = f"seeds/document/{seed}.csv:{line}" if line else f"seeds/document/{seed}.csv"
    return f"{where} {column} (source line {source_line})"


def format_value(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def locate_line(row: dict[str, Any], project: Path) -> list[str]:
    """The seed file and line of a failing row that names its table and source line."""
    if row.get("seed_file") and row.get("seed_file_line"):
        return [f"{row['seed_file']}:{row['seed_file_line']} (source line {row.get('source_line')})"]
    table = row.get("table_no")
    sources = row.get("source_lines") or ([row["source_line"]] if row.get("source_line") is not None else [])
    if table is None or not sources:
        return []
    found = []
    for source_line in sources:
        for seed in TABLE_SEEDS.get(int(table), []):
            line = seed_lines(project / "seeds/document" / f"{seed}.csv").get(str(source_line))
            if line:
                found.append(f"seeds/document/{seed}.csv:{line} (source line {source_line})")
    return found


def describe_row(row: dict[str, Any], project: Path) -> list[str]:
    shown = [f"{key}={format_value(row[key])}" for key in SHOWN if key in row and row[key] is not None]
    if not shown:
        shown = [f"{key}={format_value(value)}" for key, value in list(row.items())[:8]]
    lines = ["    - " + ", ".join(shown)]
    lines.extend(f"        {where}" for where in locate_line(row, project))
    figure_ids = row.get("figure_ids") or []
    for figure_id in figure_ids[:8]:
        lines.append(f"        {locate_figure(figure_id, project)}")
    if len(figure_ids) > 8:
        lines.append(f"        … and {len(figure_ids) - 8} more figures")
    return lines


def failures(target_path: Path) -> list[dict[str, Any]]:
    results_file = target_path / "run_results.json"
    if not results_file.exists():
        return []
    results = json.loads(results_file.read_text(encoding="utf-8"))["results"]
    return [r for r in results if r["status"] in ("fail", "error")]


def explain(target_path: Path, database: Path, project: Path = Path(".")) -> str:
    """A readable account of every failed node of the last dbt run."""
    import duckdb

    failed = failures(target_path)
    if not failed:
        return ""
    out = [f"{len(failed)} check(s) failed:"]
    connection = None
    if database.exists():
        try:
            connection = duckdb.connect(str(database), read_only=True)
        except duckdb.Error:
            connection = None
    try:
        for result in failed:
            name = result["unique_id"].split(".", 2)[-1]
            out.append(f"  {name}: {result.get('message') or result['status']}")
            code = result.get("compiled_code")
            if result["unique_id"].startswith("test.") and result["status"] == "fail" and code and connection:
                try:
                    cursor = connection.execute(f"select * from ({code}) as failing limit {MAX_ROWS}")
                    names = [d[0] for d in cursor.description]
                    for values in cursor.fetchall():
                        out.extend(describe_row(dict(zip(names, values, strict=True)), project))
                except duckdb.Error as error:
                    out.append(f"    (could not list the failing rows: {error})")
    finally:
        if connection is not None:
            connection.close()
    return "\n".join(out)
