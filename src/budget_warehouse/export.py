"""Export every mart to Parquet and CSV, with a Frictionless data package descriptor.

``make export`` writes ``warehouse/export/``:

* ``parquet/<mart>.parquet`` and ``csv/<mart>.csv`` for every table of schema
  ``marts``; the CSV files are UTF-8 with a byte-order mark, so Excel opens
  the Chinese text correctly;
* ``datapackage.json``, a Frictionless Data Package (the form open-budget
  portals such as OpenSpending load): one resource per file, with its fields,
  their types and descriptions, the primary key, the currency (CNY) and unit
  of every amount (元: every mart states money in 元, exactly), and the
  documents (department, region, fiscal year, budget phase, scope);
* ``lake/<mart>/fiscal_year=…/region=…/*.parquet`` with ``lake/<mart>.schema.json``: every mart as a lake
  partitioned by fiscal year and region, for Spark, Trino or DuckDB on another machine (``lake.py``).

It reads the published warehouse read-only and writes nothing else.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import yaml

from budget_warehouse import lake
from budget_warehouse.publish import PUBLISHED

FRICTIONLESS_TYPES = {
    "VARCHAR": "string",
    "INTEGER": "integer",
    "BIGINT": "integer",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "DOUBLE": "number",
}


def field_type(duckdb_type: str) -> str:
    if duckdb_type.startswith("DECIMAL"):
        return "number"
    if duckdb_type.endswith("[]"):
        return "array"
    return FRICTIONLESS_TYPES.get(duckdb_type, "string")


def primary_keys(project: Path) -> dict[str, list[str]]:
    """Each mart's primary key, as its primary_key data test declares it."""
    keys: dict[str, list[str]] = {}
    for path in (project / "models/marts").rglob("_*__models.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            for test in model.get("data_tests", []):
                if isinstance(test, dict) and "primary_key" in test:
                    keys[model["name"]] = list(test["primary_key"]["arguments"]["columns"])
    return keys


def write_csv_with_bom(connection: duckdb.DuckDBPyConnection, table: str, target: Path) -> None:
    plain = target.with_suffix(".plain.csv")
    lists = [
        name
        for (name,) in connection.execute(
            "select column_name from duckdb_columns() where schema_name = 'marts' and table_name = ? and data_type like '%[]'",
            [table],
        ).fetchall()
    ]
    # a list is written as JSON (["a", "b"]), the form a data package's array field is read in
    selected = "*" if not lists else "* replace (" + ", ".join(f"to_json({name}) as {name}" for name in lists) + ")"
    connection.execute(f"copy (select {selected} from marts.{table}) to '{plain}' (format csv, header true)")
    with open(target, "wb") as out, open(plain, "rb") as source:
        out.write(b"\xef\xbb\xbf")
        shutil.copyfileobj(source, out)
    plain.unlink()


def metrics(project: Path) -> list[dict[str, Any]]:
    """The semantic layer's metrics (from dbt's semantic manifest), so that the package says what its figures add up to."""
    manifest = project / "target" / "semantic_manifest.json"
    if not manifest.exists():
        return []
    semantic = json.loads(manifest.read_text(encoding="utf-8"))
    measures = {
        measure["name"]: {"model": model["node_relation"]["alias"], "agg": measure["agg"], "expr": measure.get("expr")}
        for model in semantic["semantic_models"]
        for measure in model["measures"]
    }
    described = []
    for metric in sorted(semantic["metrics"], key=lambda m: m["name"]):
        entry = {
            "name": metric["name"],
            "title": metric.get("label") or metric["name"],
            "description": metric.get("description") or "",
            "type": metric["type"],
        }
        measure = (metric["type_params"].get("measure") or {}).get("name")
        if measure in measures:
            entry.update(
                table=measures[measure]["model"], aggregation=measures[measure]["agg"], expression=measures[measure]["expr"]
            )
        if metric["type"] == "ratio":
            entry.update(
                numerator=metric["type_params"]["numerator"]["name"], denominator=metric["type_params"]["denominator"]["name"]
            )
        described.append(entry)
    return described


def export(published: Path, out_dir: Path, project: Path) -> Path:
    if not published.exists():
        raise SystemExit(f"{published} does not exist: run 'make build' first")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "parquet").mkdir(parents=True)
    (out_dir / "csv").mkdir(parents=True)
    keys = primary_keys(project)
    resources: list[dict[str, Any]] = []
    parquet_resources: list[dict[str, Any]] = []
    with duckdb.connect(str(published), read_only=True) as connection:
        documents = connection.execute(
            "select doc_id, department_name, region, fiscal_year, budget_phase, scope, table_unit, source_sha256"
            " from marts.dim_document order by doc_id"
        ).fetchall()
        tables = connection.execute(
            "select table_name, comment from duckdb_tables() where schema_name = 'marts' order by table_name"
        ).fetchall()
        for table, comment in tables:
            connection.execute(f"copy marts.{table} to '{out_dir / 'parquet' / (table + '.parquet')}' (format parquet)")
            write_csv_with_bom(connection, table, out_dir / "csv" / f"{table}.csv")
            columns = connection.execute(
                "select column_name, data_type, comment from duckdb_columns()"
                " where schema_name = 'marts' and table_name = ? order by column_index",
                [table],
            ).fetchall()
            fields = []
            for name, data_type, column_comment in columns:
                field: dict[str, Any] = {"name": name, "type": field_type(data_type), "description": column_comment or ""}
                if data_type.startswith("DECIMAL") and name.endswith("yuan"):
                    field.update({"unit": "元", "currency": "CNY", "factor": 1, "decimalChar": "."})
                fields.append(field)
            schema: dict[str, Any] = {"fields": fields}
            if table in keys:
                schema["primaryKey"] = keys[table]
            (rows,) = connection.execute(f"select count(*) from marts.{table}").fetchone()
            resources.append(
                {
                    "name": table.replace("_", "-"),
                    "path": f"csv/{table}.csv",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8-sig",
                    "dialect": {"header": True, "delimiter": ","},
                    "description": comment or "",
                    "schema": schema,
                    "rows": rows,
                }
            )
            parquet_resources.append(
                {
                    "name": table.replace("_", "-"),
                    "path": f"{table}.parquet",
                    "format": "parquet",
                    "mediatype": "application/vnd.apache.parquet",
                    "description": comment or "",
                    "schema": schema,
                    "rows": rows,
                }
            )
        lake.write_lake(connection, out_dir / "lake", keys)
    descriptor = {
        "name": "budget-warehouse",
        "title": "部门预算公开数据仓库 · Chinese department budget disclosures",
        "profile": "data-package",
        "licenses": [{"name": "other-pd", "title": "Government information disclosed to the public (政府信息公开)"}],
        "currency": "CNY",
        "amountUnit": "元",
        "amountFactor": 1,
        "fiscalYears": sorted({d[3] for d in documents}),
        "budgetPhases": sorted({d[4] for d in documents}),
        "documents": [
            {
                "doc_id": d[0],
                "department_name": d[1],
                "region": d[2],
                "fiscal_year": d[3],
                "budget_phase": d[4],
                "scope": d[5],
                "printed_unit": d[6],
                "source_sha256": d[7],
            }
            for d in documents
        ],
        "metrics": metrics(project),
        "resources": resources,
    }
    target = out_dir / "datapackage.json"
    target.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    # the same tables as Parquet, described beside them: the Frictionless Framework (5.21) reads Parquet through
    # pandas and cannot check a nullable integer or a list column there, so the package it validates is the CSV one
    parquet = dict(descriptor, name="budget-warehouse-parquet", resources=parquet_resources)
    (out_dir / "parquet" / "datapackage.json").write_text(json.dumps(parquet, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--published", type=Path, default=PUBLISHED)
    parser.add_argument("--out", type=Path, default=Path("warehouse/export"))
    args = parser.parse_args(argv)
    target = export(args.published, args.out, Path("."))
    print(f"exported every mart to {args.out}/parquet, {args.out}/csv and {args.out}/lake; descriptor {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
