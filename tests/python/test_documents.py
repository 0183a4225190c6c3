"""The shipped documents in the published warehouse: identity, provenance, one unit, no double counting."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "data/documents").glob("*.pdf"))


@pytest.fixture(scope="module")
def warehouse(built_project: Path):
    with duckdb.connect(str(built_project / "warehouse/budget.duckdb"), read_only=True) as connection:
        yield connection


# what the provenance table (data/documents/README.md) says of each template, independent of the reader
PROVENANCE_TEMPLATE = {
    "Shanghai district budget": "shanghai_district_budget",
    "Jiangsu provincial budget": "jiangsu_provincial_budget",
    "national final-accounts template": "national_department_final_accounts",
}
EXPECTED = {
    # template: (region prefix of the department, region level, phase)
    "shanghai_district_budget": ("上海市普陀区", "区", "预算"),
    "jiangsu_provincial_budget": ("江苏省", "省", "预算"),
    "national_department_final_accounts": ("上海市", None, "决算"),
}


def provenance_templates() -> dict[str, str]:
    templates = {}
    for line in (ROOT / "data/documents/README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) > 2 and cells[0].endswith(".pdf"):
            (template,) = [name for prefix, name in PROVENANCE_TEMPLATE.items() if cells[1].startswith(prefix)]
            templates[cells[0]] = template
    return templates


def test_every_shipped_pdf_is_a_document_with_its_identity(warehouse) -> None:
    rows = warehouse.execute(
        "select doc_id, source_sha256, template, region, region_level, fiscal_year, budget_phase, scope, department_name,"
        " title_as_printed from marts.dim_document where template != 'shenzhen_district_budget'"
    ).fetchall()
    by_sha = {row[1]: row for row in rows}
    templates = provenance_templates()
    assert sorted(templates) == [path.name for path in SHIPPED]
    for path in SHIPPED:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        assert sha in by_sha, path.name
        doc_id, _, template, region, level, year, phase, scope, department, title = by_sha[sha]
        assert doc_id == sha[:16], "doc_id is derived from the content, so it is stable across rebuilds"
        assert template == templates[path.name], path.name
        region_prefix, expected_level, expected_phase = EXPECTED[template]
        assert region.startswith(region_prefix) and region_prefix in department, path.name
        assert phase == expected_phase and level in ("省", "市", "区") and title, path.name
        assert expected_level is None or level == expected_level, path.name
        assert str(year) in path.name or "muban" in path.name, path.name
        assert scope == ("单位" if "danwei" in path.name else "部门"), path.name


def test_the_seed_document_is_one_of_them(warehouse) -> None:
    (row,) = warehouse.execute(
        "select region, fiscal_year, budget_phase, scope, template from marts.dim_document where doc_id = 'fa96849a1b7124a7'"
    ).fetchall()
    assert row == ("深圳市盐田区", 2024, "预算", "部门", "shenzhen_district_budget")


def test_every_table_figure_has_its_provenance(warehouse) -> None:
    missing = warehouse.execute(
        "select doc_id, figure_id from marts.fct_published_figure"
        " where source_kind = 'table' and ("
        "   (page_no is null and source_line is null) or table_title_as_printed is null or figure_text_as_printed is null"
        "   or printed_unit is null or column_header_as_printed is null or source_sha256 is null)"
    ).fetchall()
    assert missing == []
    (pdf_pages,) = warehouse.execute(
        "select count(*) from marts.fct_published_figure f join marts.dim_document d using (doc_id)"
        " where d.template = 'shanghai_district_budget' and f.page_no is null"
    ).fetchone()
    assert pdf_pages == 0


def test_yuan_and_wan_yuan_sit_side_by_side_exactly(warehouse) -> None:
    rows = dict(
        warehouse.execute(
            "select figure_text_as_printed || ' ' || printed_unit, amount_yuan from marts.fct_published_figure"
            " where figure_text_as_printed in ('91,016,775.35', '4,398.38') and source_kind = 'table'"
        ).fetchall()
    )
    assert rows["91,016,775.35 元"] == Decimal("91016775.35")
    assert rows["4,398.38 万元"] == Decimal("43983800.00")
    types = dict(
        warehouse.execute(
            "select column_name, data_type from duckdb_columns() "
            "where table_name = 'fct_published_figure' and schema_name = 'marts'"
        ).fetchall()
    )
    assert types["amount_yuan"].startswith("DECIMAL") and types["value_as_printed"].startswith("DECIMAL")


def test_codes_printed_split_or_joined_are_one_code(warehouse) -> None:
    printed = warehouse.execute(
        "select distinct code_as_printed from marts.fct_published_figure"
        " where subject_code = '2010301' and code_as_printed is not null"
    ).fetchall()
    assert {"201 | 03 | 01", "2010301"} <= {code for (code,) in printed}
    (rows,) = warehouse.execute("select count(*) from marts.dim_function_subject where function_code = '2010301'").fetchone()
    assert rows == 1
    years = warehouse.execute(
        "select distinct fiscal_year from marts.dim_function_subject_name where function_code = '2010301'"
    ).fetchall()
    assert {year for (year,) in years} >= {2024, 2025}


def test_a_unit_document_covered_by_its_department_document_is_not_counted_twice(warehouse) -> None:
    covered = warehouse.execute(
        "select doc_id, covered_by_doc_id from marts.dim_document where scope = '单位' and not is_in_totals"
    ).fetchall()
    assert len(covered) == 1, "政府办公室 2025 单位 is covered by its 部门 document"
    ((unit_doc, department_doc),) = covered
    # the covered document keeps its facts, flagged, so it can be queried alone; the headlines count it once
    for fact in ("fct_expenditure_by_function", "fct_income", "fct_three_public_expenses"):
        flags = warehouse.execute(f"select distinct is_in_totals from marts.{fact} where doc_id = ?", [unit_doc]).fetchall()
        assert flags == [(False,)], fact
        (others,) = warehouse.execute(f"select bool_and(is_in_totals) from marts.{fact} where doc_id != ?", [unit_doc]).fetchone()
        assert others, fact
    (headlines,) = warehouse.execute("select count(*) from marts.fct_document_headline where doc_id = ?", [unit_doc]).fetchone()
    assert headlines == 0
    (own,) = warehouse.execute(
        "select sum(total_yuan) from marts.fct_expenditure_by_function where doc_id = ?", [unit_doc]
    ).fetchone()
    (printed,) = warehouse.execute(
        "select expenditure_total_yuan from marts.rpt_document_summary where doc_id = ?", [unit_doc]
    ).fetchone()
    assert own == printed, "the 单位 document's own facts are its own total"
    # the obvious query over what counts in totals: a district's 2025 spending is each department's total once
    (district,) = warehouse.execute(
        "select sum(total_yuan) from marts.fct_expenditure_by_function f join marts.dim_document d using (doc_id)"
        " where d.region = '上海市普陀区' and d.fiscal_year = 2025 and f.is_in_totals"
    ).fetchone()
    (stated,) = warehouse.execute(
        "select sum(expenditure_total_yuan) from marts.rpt_document_summary"
        " where region = '上海市普陀区' and fiscal_year = 2025 and is_in_totals"
    ).fetchone()
    assert district == stated


def test_every_table_figure_takes_part_in_an_identity_or_a_claim(warehouse) -> None:
    """A table figure no table identity involves may only be one a narrative claim rule is about."""
    unchecked = warehouse.execute(
        "select u.doc_id, u.table_key, u.measure_key from marts.rpt_unchecked_figures u"
        " where u.source_kind = 'table' and not exists ("
        "   select 1 from staging.stg_templates__rule_terms t join staging.stg_templates__rules r using (rule_id)"
        "   where r.check_family = 'narrative' and t.table_key = u.table_key and t.measure_key = u.measure_key)"
    ).fetchall()
    assert unchecked == []


def test_the_intake_lists_every_document(warehouse) -> None:
    rows = warehouse.execute("select intake_status, count(*) from marts.rpt_document_intake group by all").fetchall()
    assert dict(rows) == {"loaded": len(SHIPPED) + 1}
