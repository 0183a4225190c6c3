"""The public marts as a lake: Parquet partitioned by fiscal year and region (Hive layout), each with its schema.

``write_lake(connection, out)`` (``make export`` calls it) writes, from the published warehouse, for every table
of schema ``marts``::

    out/<mart>/fiscal_year=2026/region=上海市/part-0.parquet
    out/<mart>.schema.json

so that Spark, Trino or DuckDB on another machine can query the warehouse without its DuckDB file, reading
only the years and regions a query names.

* The partition columns are ``fiscal_year`` and ``region``: the mart's own columns where it has them, else its
  document's (``dim_document``, by ``doc_id``; the lake table then has them as two more columns). A mart of
  neither (a classification, the funding-source tree) is partitioned by what it has, or not at all (one file).
* A directory's value is escaped as Hive and Spark escape it (``/``, ``=``, ``%`` and the like as ``%2F``; a
  Chinese name as it is) and a NULL is ``__HIVE_DEFAULT_PARTITION__``: DuckDB's own writer percent-encodes
  UTF-8, which Spark reads back as mojibake.
* An empty mart is one empty file under the NULL partition, so that every engine finds its columns.
* ``<mart>.schema.json``: the lake table's columns in order (partition columns last, as the engines list
  them), each with its DuckDB and Spark SQL type and description, the partition columns and where each comes
  from, the primary key, the rows; ``sparkSchema`` is the DDL string ``spark.read.schema(...)`` takes.

``register_in_spark(spark, lake)`` registers every lake table in Spark's own catalog (``CREATE TABLE … USING
parquet PARTITIONED BY … LOCATION …``, then its partitions recovered), for Spark SQL by name.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
from pathlib import Path
from typing import Any

import duckdb

PARTITION_COLUMNS = ("fiscal_year", "region")
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
# the characters Hive's (and Spark's) partition paths escape as %XX (ExternalCatalogUtils.escapePathName)
HIVE_ESCAPED = set("\"#%'*/:=?\\{[]^\x7f") | {chr(code) for code in range(0x20)}
SPARK_TYPES = {
    "VARCHAR": "STRING",
    "INTEGER": "INT",
    "BIGINT": "BIGINT",
    "BOOLEAN": "BOOLEAN",
    "DATE": "DATE",
    "DOUBLE": "DOUBLE",
    "TIMESTAMP": "TIMESTAMP",
}


def spark_type(duckdb_type: str) -> str:
    """The Spark SQL type of a DuckDB column type (an unknown one is an error: the lake would mis-type it)."""
    if duckdb_type.endswith("[]"):
        return f"ARRAY<{spark_type(duckdb_type[:-2])}>"
    if duckdb_type.startswith("DECIMAL"):
        return duckdb_type
    if duckdb_type not in SPARK_TYPES:
        raise ValueError(f"no Spark type for DuckDB type {duckdb_type}: add it to lake.SPARK_TYPES")
    return SPARK_TYPES[duckdb_type]


def hive_escape(value: str) -> str:
    return "".join(f"%{ord(char):02X}" if char in HIVE_ESCAPED else char for char in value)


def rename_partitions(folder: Path) -> None:
    """DuckDB's partition directories (percent-encoded UTF-8) renamed to Hive's escaping, top down."""
    for path in sorted(folder.iterdir()):
        if path.is_dir() and "=" in path.name:
            key, value = path.name.split("=", 1)
            if value != NULL_PARTITION:
                value = hive_escape(urllib.parse.unquote(value))
            renamed = path.with_name(f"{key}={value}")
            if renamed != path:
                path.rename(renamed)
            rename_partitions(renamed)


def columns_of(connection: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, str]]:
    return connection.execute(
        "select column_name, data_type, coalesce(comment, '') from duckdb_columns()"
        " where schema_name = 'marts' and table_name = ? order by column_index",
        [table],
    ).fetchall()


def write_mart(
    connection: duckdb.DuckDBPyConnection, table: str, comment: str, out: Path, key: list[str] | None
) -> dict[str, Any]:
    """One mart into out/<table>/ and out/<table>.schema.json; gives the schema written."""
    columns = columns_of(connection, table)
    names = [name for name, _, _ in columns]
    documents = {name: (data_type, description) for name, data_type, description in columns_of(connection, "dim_document")}
    added, sources = [], {}
    for column in PARTITION_COLUMNS:
        if column in names:
            sources[column] = f"the mart's own {column}"
        elif "doc_id" in names:
            added.append(column)
            sources[column] = f"its document's {column} (dim_document, by doc_id)"
    partitions = list(sources)
    selected = ", ".join([*(f"mart.{name}" for name in names), *(f"document.{column}" for column in added)])
    query = f"select {selected} from marts.{table} as mart"
    if added:
        query += " left join marts.dim_document as document on mart.doc_id = document.doc_id"
    folder = out / table
    (rows,) = connection.execute(f"select count(*) from ({query})").fetchone()
    if rows == 0 or not partitions:
        target = folder.joinpath(*(f"{column}={NULL_PARTITION}" for column in partitions), "part-0.parquet")
        target.parent.mkdir(parents=True, exist_ok=True)
        data_columns = ", ".join(name for name in names if name not in partitions)
        connection.execute(f"copy (select {data_columns} from ({query})) to '{target}' (format parquet)")
    else:
        listed = ", ".join(partitions)
        connection.execute(
            f"copy ({query}) to '{folder}' (format parquet, partition_by ({listed}), filename_pattern 'part-{{i}}')"
        )
        rename_partitions(folder)
    described = {name: (data_type, description) for name, data_type, description in columns}
    described.update({column: documents[column] for column in added})
    ordered = [name for name in [*names, *added] if name not in partitions] + partitions
    fields = [
        {
            "name": name,
            "type": described[name][0],
            "sparkType": spark_type(described[name][0]),
            "description": described[name][1],
            "partition": name in partitions,
        }
        for name in ordered
    ]
    schema: dict[str, Any] = {
        "name": table,
        "description": comment,
        "path": f"{table}/",
        "format": "parquet",
        "layout": "hive",
        "partitionedBy": partitions,
        "partitionSources": sources,
        "fields": fields,
        "sparkSchema": ", ".join(f"`{field['name']}` {field['sparkType']}" for field in fields),
        "rows": rows,
    }
    if key:
        schema["primaryKey"] = key
    (out / f"{table}.schema.json").write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    return schema


def write_lake(connection: duckdb.DuckDBPyConnection, out: Path, keys: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Every table of schema marts into the lake folder out (replaced); gives their schemas."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    tables = connection.execute(
        "select table_name, coalesce(comment, '') from duckdb_tables() where schema_name = 'marts' order by table_name"
    ).fetchall()
    return [write_mart(connection, table, comment, out, keys.get(table)) for table, comment in tables]


def duckdb_source(lake: Path, schema: dict[str, Any]) -> str:
    """The read_parquet call that reads a lake table in DuckDB with its partition columns typed."""
    types = ", ".join(f"'{field['name']}': '{field['type']}'" for field in schema["fields"] if field["partition"])
    pattern = f"{lake / schema['name']}/**/*.parquet"
    if not schema["partitionedBy"]:
        return f"read_parquet('{pattern}')"
    return f"read_parquet('{pattern}', hive_partitioning = true, hive_types = {{{types}}})"


def register_in_spark(spark: Any, lake: Path, database: str = "budget") -> list[str]:
    """Every lake table in Spark's catalog as database.<mart> (partitions recovered); gives the names."""
    spark.sql(f"create database if not exists {database}")
    names = []
    for path in sorted(lake.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        name = f"{database}.{schema['name']}"
        if not re.fullmatch(r"\w+", schema["name"]):
            raise ValueError(f"{path}: not a table name")
        partitioned = f" partitioned by ({', '.join(schema['partitionedBy'])})" if schema["partitionedBy"] else ""
        location = (lake / schema["name"]).resolve().as_uri()
        spark.sql(f"drop table if exists {name}")
        spark.sql(f"create table {name} ({schema['sparkSchema']}) using parquet{partitioned} location '{location}'")
        if schema["partitionedBy"]:
            spark.sql(f"alter table {name} recover partitions")
        names.append(name)
    return names
