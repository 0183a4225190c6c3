"""make export's lake: every mart as Parquet partitioned by fiscal year and region, read back by two engines.

Each mart's partitions are read with DuckDB (read_parquet, Hive partitioning) and with Spark (the schema file's
DDL, and Spark's own catalog), and must give exactly the mart's rows, with its document's fiscal year and region
where the mart has none of its own. A small warehouse made here holds what the shipped one does not: a region
with the characters a path escapes, a NULL region, a mart with no rows, a mart with no document.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from budget_warehouse import lake
from project_copy import run_tool


def published(project: Path) -> Path:
    return project / "warehouse/budget.duckdb"


def sort_key(row: tuple) -> str:
    return repr(row)


def expected_rows(connection: duckdb.DuckDBPyConnection, schema: dict[str, Any]) -> list[tuple]:
    """The mart's rows in the lake table's column order, its document's year and region looked up by doc_id."""
    table = schema["name"]
    columns = [name for (name,) in connection.execute(f"select column_name from (describe marts.{table})").fetchall()]
    documents = {
        doc_id: {"fiscal_year": year, "region": region}
        for doc_id, year, region in connection.execute("select doc_id, fiscal_year, region from marts.dim_document").fetchall()
    }
    rows = []
    for values in connection.execute(f"select * from marts.{table}").fetchall():
        row = dict(zip(columns, values, strict=True))
        for field in schema["fields"]:
            if field["name"] not in row:
                row[field["name"]] = documents.get(row["doc_id"], {}).get(field["name"])
        rows.append(tuple(row[field["name"]] for field in schema["fields"]))
    return sorted(rows, key=sort_key)


def read_back(lake_dir: Path, connection: duckdb.DuckDBPyConnection, spark: Any) -> dict[str, tuple[list, list, list]]:
    """Per mart: the expected rows, DuckDB's reading of its partitions, Spark's."""
    read = {}
    for path in sorted(lake_dir.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        names = ", ".join(f'"{field["name"]}"' for field in schema["fields"])
        by_duckdb = connection.execute(f"select {names} from {lake.duckdb_source(lake_dir, schema)}").fetchall()
        frame = spark.read.schema(schema["sparkSchema"]).parquet(str(lake_dir / schema["name"]))
        by_spark = [tuple(row) for row in frame.select(*[field["name"] for field in schema["fields"]]).collect()]
        read[schema["name"]] = (
            expected_rows(connection, schema),
            sorted(by_duckdb, key=sort_key),
            sorted(by_spark, key=sort_key),
        )
    return read


def test_a_small_warehouse_with_awkward_partitions_reads_back_the_same(tmp_path: Path, spark: Any) -> None:
    database = tmp_path / "small.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            "create table marts.dim_document as select * from (values ('d1', 2026, '上海市'), ('d2', 2026, 'A/B=C%?'),"
            " ('d3', 2025, null), ('d4', null, '北京市')) as t (doc_id, fiscal_year, region)"
        )
        connection.execute(
            "create table marts.fct_amount as select doc_id, amount_yuan, labels, day from (values"
            " ('d1', 1.50::decimal(20, 2), ['一', '二'], date '2026-01-01'), ('d2', -3.00, [], null),"
            " ('d3', 0.01, null, date '2025-12-31'), ('d4', 7.00, ['x'], null), (null, 2.00, ['orphan'], null))"
            " as t (doc_id, amount_yuan, labels, day)"
        )
        connection.execute("create table marts.rpt_empty (doc_id varchar, note varchar)")
        connection.execute("create table marts.dim_code as select * from (values ('201', '一般公共服务')) as t (code, name)")
        schemas = {schema["name"]: schema for schema in lake.write_lake(connection, tmp_path / "lake", {"dim_code": ["code"]})}
        read = read_back(tmp_path / "lake", connection, spark)
    assert schemas["fct_amount"]["partitionedBy"] == ["fiscal_year", "region"]
    assert schemas["dim_code"]["partitionedBy"] == [] and schemas["dim_code"]["primaryKey"] == ["code"]
    # Hive's escaping: the Chinese name as it is, the path's own characters escaped, NULL as Hive's default
    folders = {path.relative_to(tmp_path / "lake/fct_amount").as_posix() for path in (tmp_path / "lake/fct_amount").rglob("*")}
    assert "fiscal_year=2026/region=上海市" in folders
    assert "fiscal_year=2026/region=A%2FB%3DC%25%3F" in folders
    assert "fiscal_year=2025/region=__HIVE_DEFAULT_PARTITION__" in folders
    assert "fiscal_year=__HIVE_DEFAULT_PARTITION__/region=北京市" in folders
    expected, by_duckdb, by_spark = read["fct_amount"]
    assert len(expected) == 5
    assert ("d2", Decimal("-3.00"), [], None, 2026, "A/B=C%?") in expected
    assert ("d1", Decimal("1.50"), ["一", "二"], datetime.date(2026, 1, 1), 2026, "上海市") in expected
    for name, (expected, by_duckdb, by_spark) in read.items():
        assert by_duckdb == expected, name
        assert by_spark == expected, name
    assert read["rpt_empty"][0] == []


def test_export_writes_every_mart_as_a_lake_that_spark_and_duckdb_read_as_the_marts(built_project: Path, spark: Any) -> None:
    run = run_tool(built_project, "budget_warehouse.export")
    assert run.returncode == 0, run.output[-2000:]
    lake_dir = built_project / "warehouse/export/lake"
    with duckdb.connect(str(published(built_project)), read_only=True) as connection:
        tables = connection.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
        marts = {name for (name,) in tables}
        read = read_back(lake_dir, connection, spark)
    assert set(read) == marts
    partitioned = json.loads((lake_dir / "fct_published_figure.schema.json").read_text(encoding="utf-8"))
    assert partitioned["partitionedBy"] == ["fiscal_year", "region"]
    assert (lake_dir / "fct_published_figure/fiscal_year=2024/region=上海市普陀区").is_dir()
    for name, (expected, by_duckdb, by_spark) in read.items():
        assert by_duckdb == expected, name
        assert by_spark == expected, name
    assert len(read["fct_published_figure"][0]) > 5000
    # Spark's own catalog: every lake table by name, its partitions recovered, a query pruned to one year
    names = lake.register_in_spark(spark, lake_dir)
    assert len(names) == len(marts)
    (count,) = spark.sql("select count(*) from budget.fct_published_figure where fiscal_year = 2018").first()
    with duckdb.connect(str(published(built_project)), read_only=True) as connection:
        (wanted,) = connection.execute(
            "select count(*) from marts.fct_published_figure inner join marts.dim_document using (doc_id)"
            " where dim_document.fiscal_year = 2018"
        ).fetchone()
    assert count == wanted > 0


@pytest.mark.parametrize(("duckdb_type", "spark_type"), [("VARCHAR[]", "ARRAY<STRING>"), ("DECIMAL(20,2)", "DECIMAL(20,2)")])
def test_every_column_type_has_its_spark_type(duckdb_type: str, spark_type: str) -> None:
    assert lake.spark_type(duckdb_type) == spark_type
    with pytest.raises(ValueError, match="no Spark type"):
        lake.spark_type("HUGEINT")
