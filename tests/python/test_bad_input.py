"""Bad input: a clear message naming file, line and value; nothing published.

Every case edits a copy of the project that has a published warehouse, runs
the build exactly as make build does, and asserts a non-zero exit, a message
naming the seed file and line (or the identity), no Python traceback, and the
published file unchanged (same sha256, still opens).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from project_copy import copy_with_published, edit_cell, replace_in_file, run_tool

SEEDS = Path("seeds/document")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    return copy_with_published(built_project, tmp_path / "project")


def build_fails(project: Path, *expected: str) -> str:
    """Run make build's step; it must fail, say all of expected, and publish nothing."""
    published = project / "warehouse/budget.duckdb"
    before = sha256(published)
    run = run_tool(project, "budget_warehouse.publish", "--target-path", str(project / "target"))
    assert run.returncode != 0, run.output[-3000:]
    assert "Traceback" not in run.output, run.output[-3000:]
    assert "is unchanged" in run.output
    for fragment in expected:
        assert fragment in run.output, f"{fragment!r} not in:\n{run.output[-4000:]}"
    assert sha256(published) == before
    with duckdb.connect(str(published), read_only=True) as connection:
        assert connection.execute("select count(*) from marts.fct_published_figure").fetchone()[0] > 1000
    assert not list((project / "warehouse").glob(".next-*")), "a candidate folder was left behind"
    return run.output


# --- amounts that are not numbers (caught before dbt loads anything) ---------


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1,234.5x", "is not a number"),
        ("—", "is a dash"),
        ("４３９８.３８", "full-width"),
        ("4,398.38", "thousands separator"),
    ],
)
def test_an_amount_that_is_not_a_plain_decimal(project: Path, value: str, reason: str) -> None:
    edit_cell(project / SEEDS / "table_07_expenditure_by_function.csv", "source_line", "463", "total_amount", new_value=value)
    build_fails(project, "seeds/document/table_07_expenditure_by_function.csv:2: total_amount", repr(value), reason)


def test_structural_errors_in_the_seeds_are_each_named_with_file_and_line(project: Path) -> None:
    """Nine independent slips in one copy, one build: each is reported with its seed file, line and value."""
    seeds = project / SEEDS
    # a blank cell where the table prints a figure
    edit_cell(seeds / "table_03_expenditure_summary.csv", "source_line", "280", "basic_amount", new_value="")
    # a functional code of 4 digits, an economic code of 4 digits
    edit_cell(seeds / "table_03_expenditure_summary.csv", "source_line", "278", "function_code", new_value="2010")
    edit_cell(seeds / "table_08_expenditure_by_economic.csv", "source_line", "522", "economic_code", new_value="3010")
    # 本级's 30108 (source line 525) becomes a second 30103, the code of line 524
    edit_cell(seeds / "table_08_expenditure_by_economic.csv", "source_line", "525", "economic_code", new_value="30103")
    # labels of tables 4, 1 and 6 that map to no code, or could map to two
    edit_cell(seeds / "table_04_basic_expenditure.csv", "source_line", "336", "item_as_printed", new_value="基本工资X")
    edit_cell(seeds / "table_01_budget_summary.csv", "source_line", "228", "expenditure_item_as_printed", new_value="信息事物")
    edit_cell(
        seeds / "table_06_fiscal_grant_summary.csv", "source_line", "421", "expenditure_item_as_printed", new_value="人大事物"
    )
    # a unit that is not one of the document's
    edit_cell(
        seeds / "table_07_expenditure_by_function.csv",
        "source_line",
        "485",
        "unit_name_as_printed",
        new_value="深圳市盐田区政务服务大厅",
    )
    build_fails(
        project,
        "subject_codes_are_well_formed",
        "subject_code=2010",
        "seeds/document/table_03_expenditure_summary.csv:4 (source line 278)",
        "subject_code=3010",
        "seeds/document/table_08_expenditure_by_economic.csv:5 (source line 522)",
        "subject_codes_are_unique_per_unit",
        "subject_code=30103",
        "basic_expenditure_labels_map_to_codes",
        "item_as_printed=基本工资X",
        "seeds/document/table_04_basic_expenditure.csv:5 (source line 336)",
        "summary_labels_map_to_codes",
        "expenditure_item_as_printed=信息事物",
        "seeds/document/table_01_budget_summary.csv:10 (source line 228)",
        "subject_names_are_unambiguous",
        "label_as_printed=行政运行",
        "seeds/document/table_06_fiscal_grant_summary.csv:4 (source line 422)",
        "units_are_the_documents_units",
        "unit_name=深圳市盐田区政务服务大厅",
        "seeds/document/table_07_expenditure_by_function.csv:24 (source line 485)",
        "blank cell where the table prints a figure",
        "seeds/document/table_03_expenditure_summary.csv:6 (source line 280)",
        "seed_column=basic_amount",
    )


def test_a_row_without_its_document_identity(project: Path) -> None:
    edit_cell(project / SEEDS / "table_05_project_expenditure.csv", "source_line", "403", "doc_id", new_value="")
    build_fails(project, "seeds/document/table_05_project_expenditure.csv:5: doc_id = '' is empty")


def test_a_document_without_its_fiscal_year(project: Path) -> None:
    edit_cell(project / SEEDS / "documents.csv", "fiscal_year", "2024", "fiscal_year", new_value="")
    build_fails(project, "seeds/document/documents.csv:2: fiscal_year = '' is empty")


def test_a_row_of_an_unknown_document(project: Path) -> None:
    edit_cell(
        project / SEEDS / "table_05_project_expenditure.csv", "source_line", "403", "doc_id", new_value="another-2024-budget"
    )
    build_fails(project, "seeds/document/table_05_project_expenditure.csv:5: doc_id = 'another-2024-budget' is not a document")


# --- file encoding and columns (refused, with the way to fix it) -------------


def test_a_seed_with_a_byte_order_mark_is_refused(project: Path) -> None:
    seed = project / SEEDS / "table_02_income_summary.csv"
    seed.write_bytes(b"\xef\xbb\xbf" + seed.read_bytes())
    build_fails(project, "seeds/document/table_02_income_summary.csv:1: starts with a UTF-8 byte-order mark")


def test_a_seed_with_crlf_line_ends_is_refused(project: Path) -> None:
    seed = project / SEEDS / "table_02_income_summary.csv"
    seed.write_bytes(seed.read_bytes().replace(b"\n", b"\r\n"))
    build_fails(project, "seeds/document/table_02_income_summary.csv:1: has Windows (CRLF) line ends")


def test_a_missing_column(project: Path) -> None:
    seed = project / SEEDS / "table_07_expenditure_by_function.csv"
    lines = seed.read_text(encoding="utf-8").splitlines()
    seed.write_text("\n".join(",".join(line.split(",")[:-1]) for line in lines) + "\n", encoding="utf-8")
    build_fails(project, "seeds/document/table_07_expenditure_by_function.csv:1: header does not match", "missing project_amount")


def test_a_renamed_column(project: Path) -> None:
    replace_in_file(project / SEEDS / "table_07_expenditure_by_function.csv", "basic_amount", "basic")
    build_fails(
        project, "table_07_expenditure_by_function.csv:1: header does not match", "missing basic_amount", "unexpected basic"
    )


def test_an_extra_column(project: Path) -> None:
    seed = project / SEEDS / "table_07_expenditure_by_function.csv"
    lines = seed.read_text(encoding="utf-8").splitlines()
    seed.write_text("\n".join(line + ("," + "note" if i == 0 else ",") for i, line in enumerate(lines)) + "\n", encoding="utf-8")
    build_fails(project, "table_07_expenditure_by_function.csv:1: header does not match", "unexpected note")
