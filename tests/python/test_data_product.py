"""The published warehouse as analysts and BI tools use it (read-only)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from project_copy import ROOT, run_tool

PUBLISHED = Path("warehouse/budget.duckdb")


def published(project: Path) -> Path:
    return project / PUBLISHED


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("version", ["1.4.4", "2.0.1"])
def test_other_duckdb_clients_open_the_published_file(built_project: Path, version: str) -> None:
    python = ROOT / ".venv/compat" / f"duckdb-{version}" / "bin/python"
    assert python.exists(), f"{python} missing: make setup installs the DuckDB {version} client"
    script = (
        "import duckdb, sys; "
        "c = duckdb.connect(sys.argv[1], read_only=True); "
        "print(duckdb.__version__); "
        'print(c.execute("select sum(total_yuan) from marts.fct_expenditure_by_function '
        "join marts.dim_budget_unit using (unit_id) "
        "where unit_name = '深圳市盐田区政务服务中心' and function_class_code = '201'\").fetchone()[0])"
    )
    result = subprocess.run(
        [str(python), "-c", script, str(published(built_project))], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    version_printed, total = result.stdout.split()
    assert version_printed == version
    # table 3 prints 3,540.82 (万元) for 中心's 一般公共服务支出 (201)
    assert total == "35408200.00"


def test_sqlalchemy_duckdb_engine_reads_read_only(built_project: Path) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(f"duckdb:///{published(built_project)}", connect_args={"read_only": True})
    try:
        with engine.connect() as connection:
            total = connection.execute(
                text(
                    "select sum(total_yuan) from marts.fct_expenditure_by_function"
                    " where function_code = :code and doc_id = 'fa96849a1b7124a7'"
                ),
                {"code": "2019999"},
            ).scalar_one()
    finally:
        # the pooled connection holds the file with duckdb_engine's settings: release it
        engine.dispose()
    # table 3 prints 915.71 (万元) for 2019999 其他一般公共服务支出 (中心 only)
    assert total == Decimal("9157100.00")


def test_descriptions_are_table_and_column_comments(built_project: Path) -> None:
    with duckdb.connect(str(published(built_project)), read_only=True) as connection:
        tables = connection.execute("select table_name, comment from duckdb_tables() where schema_name = 'marts'").fetchall()
        columns = connection.execute(
            "select table_name, column_name, comment from duckdb_columns() where schema_name = 'marts'"
        ).fetchall()
    assert len(tables) >= 20
    assert [t for t, comment in tables if not comment] == []
    assert [(t, c) for t, c, comment in columns if not comment] == []
    comments = {(t, c): comment for t, c, comment in columns}
    # bilingual: Chinese and English in the same comment
    assert comments[("fct_expenditure_by_function", "basic_yuan")].startswith("基本支出")
    assert "Basic expenditure" in comments[("fct_expenditure_by_function", "basic_yuan")]


def compiled_analyses(project: Path) -> dict[str, str]:
    """make analyses in the copy: analyses/ compiled against a scratch copy of the published file."""
    run = run_tool(project, "budget_warehouse.docs", "--analyses", "--target-path", str(project / "target-analyses"))
    assert run.returncode == 0, run.output[-2000:]
    folder = project / "warehouse/analyses"
    return {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.sql")}


# one figure a document prints (in 元; or that follows from printed figures) per analysis
KNOWN = {
    # 政府办公室 2025 部门's 201 一般公共服务支出, table 3: 82,096,797.42 元
    "spending_by_function_class": ("function_class_code", "201", "total_yuan", "82096797.42"),
    # the seed document's 中心: 3,833.83 万元 in table 3
    "basic_and_project_by_unit": ("unit_name", "深圳市盐田区政务服务中心", "total_yuan", "38338300.00"),
    # 万里街道 2024: 支出总计 156,211,123 元 (table 1)
    "documents_side_by_side": ("fiscal_year", 2024, "expenditure_total_yuan", "156211123.00"),
    # the 万里街道 2024 narrative's 352.67 (page 9)
    "findings_to_read": ("page_no", 9, "text_as_printed", "352.67"),
    # 本级's 2023 三公: 3.60 万元 (table 9)
    "three_public_by_year": ("unit_name", "深圳市盐田区政务服务数据管理局（本级）", "budget_yuan", "36000.00"),
    # 政府投资项目拨款 915.71 万元 (table 2)
    "income_by_funding_source": ("funding_source_code", "CUR.FIN.GPB.INVEST", "amount_yuan", "9157100.00"),
    # 30102 津贴补贴, basic spending of the seed document: 169.57 + 292.80 万元 (table 8, source lines 523 and 553)
    "largest_economic_items": ("economic_code", "30102", "basic_yuan", "4623700.00"),
    # 万里街道 2025 against 2024: 189,767,551 − 156,211,123 元 (tables 1)
    "same_department_over_years": ("fiscal_year", 2025, "change_yuan", "33556428.00"),
}


def test_every_analysis_runs_and_finds_a_known_figure(built_project: Path) -> None:
    analyses = compiled_analyses(built_project)
    assert len(analyses) >= 8
    assert set(analyses) == set(KNOWN), "every analysis needs a known figure in KNOWN"
    for path in (ROOT / "analyses").glob("*.sql"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("-- ") and first.endswith("?"), f"{path.name}: first line states the question"
    with duckdb.connect(str(published(built_project)), read_only=True) as connection:
        for name, sql in analyses.items():
            cursor = connection.execute(sql)
            columns = [d[0] for d in cursor.description]
            rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
            key, value, column, expected = KNOWN[name]
            matching = [row for row in rows if key is None or row[key] == value]
            assert matching, f"{name}: no row with {key} = {value}"
            # (a document that prints no figure, the blank official form, has NULL where the others have amounts)
            found = [
                Decimal(str(row[column])) if column != "text_as_printed" else row[column]
                for row in matching
                if row[column] is not None
            ]
            wanted = Decimal(expected) if column != "text_as_printed" else expected
            assert wanted in found, f"{name}: {column} != {expected}"


def test_export_writes_parquet_csv_with_bom_and_a_data_package(built_project: Path) -> None:
    run = run_tool(built_project, "budget_warehouse.export")
    assert run.returncode == 0, run.output[-2000:]
    out = built_project / "warehouse/export"
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    parquet_descriptor = json.loads((out / "parquet/datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["currency"] == "CNY" and descriptor["amountUnit"] == "元" and descriptor["amountFactor"] == 1
    with duckdb.connect(str(published(built_project)), read_only=True) as connection:
        years = [y for (y,) in connection.execute("select distinct fiscal_year from marts.dim_document order by 1").fetchall()]
        phases = [p for (p,) in connection.execute("select distinct budget_phase from marts.dim_document order by 1").fetchall()]
    # the shipped documents: Jiangsu 2018-2019, Shanghai 2024-2025, budgets and final accounts
    assert years == [2018, 2019, 2024, 2025] and phases == ["决算", "预算"]
    assert descriptor["fiscalYears"] == years and descriptor["budgetPhases"] == phases
    with duckdb.connect(str(published(built_project)), read_only=True) as connection:
        marts = {
            row[0]: row[1]
            for row in connection.execute(
                "select table_name, estimated_size from duckdb_tables() where schema_name = 'marts'"
            ).fetchall()
        }
        for mart in marts:
            csv_file = out / "csv" / f"{mart}.csv"
            assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf"), f"{mart}.csv has no BOM"
            (expected,) = connection.execute(f"select count(*) from marts.{mart}").fetchone()
            (from_parquet,) = connection.execute(f"select count(*) from '{out / 'parquet' / (mart + '.parquet')}'").fetchone()
            (from_csv,) = connection.execute(f"select count(*) from read_csv('{csv_file}', header = true)").fetchone()
            assert from_parquet == expected == from_csv, mart
            columns = [
                r[0]
                for r in connection.execute(
                    "select column_name from duckdb_columns()"
                    " where schema_name = 'marts' and table_name = ? order by column_index",
                    [mart],
                ).fetchall()
            ]
            resources = [r for r in descriptor["resources"] if r["path"] == f"csv/{mart}.csv"]
            resources += [r for r in parquet_descriptor["resources"] if r["path"] == f"{mart}.parquet"]
            assert len(resources) == 2, mart
            for resource in resources:
                assert [f["name"] for f in resource["schema"]["fields"]] == columns
                assert resource["rows"] == expected
    income = next(r for r in descriptor["resources"] if r["path"] == "csv/fct_income.csv")
    amount = next(f for f in income["schema"]["fields"] if f["name"] == "amount_yuan")
    assert amount["type"] == "number" and amount["currency"] == "CNY" and amount["unit"] == "元"
    assert income["schema"]["primaryKey"] == ["doc_id", "unit_id", "funding_source_code"]
    # the package describes its metrics too, each with the table and expression it adds up
    metrics = {metric["name"]: metric for metric in descriptor["metrics"]}
    assert metrics["budget_expenditure"]["table"] == "fct_document_headline"
    assert metrics["budget_basic_share"]["numerator"] == "budget_basic_expenditure"
    # and the Frictionless Framework's own validator accepts it, as a new user would run it
    validator = Path(sys.executable).with_name("frictionless")
    run = subprocess.run([str(validator), "validate", "datapackage.json"], cwd=out, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "INVALID" not in run.stdout
