"""Helpers for tests that build a copy of the project (never the working tree)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

ROOT = Path(__file__).resolve().parents[2]
# a slow path tested a second time, on an incremental build (quarantine, a killed build, batches of a bulk
# folder): make test runs each slow path once, on a full build; CI runs these after it (.ci/run sets
# BUDGET_INCREMENTAL_BUILDS=1), so make test keeps its 10 minutes
incremental_slow_path = pytest.mark.skipif(
    os.environ.get("BUDGET_INCREMENTAL_BUILDS") != "1",
    reason="a slow path again on an incremental build: run in CI after make test (BUDGET_INCREMENTAL_BUILDS=1, .ci/run)",
)
# what differs between two reads of the same file by any engine: how long it took, and whether it was cached
TIMING_COLUMNS = ("read_seconds", "from_cache")
# what is not the project's (builds' outputs), and what a build beside it (make test runs make dbt-test beside
# pytest) writes while a test copies it: its private folder, its lock, a cache file being written
IGNORED = shutil.ignore_patterns(
    ".venv",
    "target",
    "target-*",
    "logs",
    "*.duckdb",
    "*.duckdb.wal",
    ".git",
    "__pycache__",
    ".pytest_cache",
    "export",
    "bench",
    ".next-*",
    ".retired-*",
    ".ingest*",
    ".build.lock",
    "*.tmp",
)


def copy_file_still_there(source: str, destination: str) -> None:
    """Copy a file, unless a build beside this one removed it since the folder was listed."""
    try:
        shutil.copy2(source, destination)
    except FileNotFoundError:
        if os.path.exists(source):
            raise


def copy_project(destination: Path) -> Path:
    shutil.copytree(ROOT, destination, ignore=IGNORED, copy_function=copy_file_still_there)
    (destination / "warehouse").mkdir(exist_ok=True)
    # what the session's built project read from the shipped PDFs (conftest.built_project, once it is built): a
    # copy's build of them reads them from its cache, as a second make build does, instead of again
    built = os.environ.get("BUDGET_TEST_BUILT_PROJECT")
    if built and (Path(built) / "build.log").exists() and (Path(built) / "warehouse/.cache/intake").is_dir():
        shutil.copytree(
            Path(built) / "warehouse/.cache/intake",
            destination / "warehouse/.cache/intake",
            ignore=IGNORED,
            dirs_exist_ok=True,
            copy_function=copy_file_still_there,
        )
    # dbt's partial-parse state of the working tree's latest build, for a copy's first build of a kind the
    # session's states (conftest.shared_parse_states) do not hold yet
    states = [
        path for path in (ROOT / "target-test/partial_parse.msgpack", ROOT / "target/partial_parse.msgpack") if path.exists()
    ]
    if states:
        (destination / "target").mkdir(exist_ok=True)
        shutil.copyfile(max(states, key=lambda path: path.stat().st_mtime), destination / "target/partial_parse.msgpack")
    return destination


@dataclass
class Run:
    returncode: int
    output: str


def run_tool(project: Path, *args: str, timeout: float = 600, env: dict[str, str] | None = None) -> Run:
    """Run a budget_warehouse module in the copy, with the project's venv (and env's variables)."""
    env = dict(os.environ, DBT_PROFILES_DIR=str(project), PYTHONPATH=str(project / "src"), **(env or {}))
    env.pop("BUDGET_DUCKDB_PATH", None)
    result = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Run(result.returncode, result.stdout + result.stderr)


def edit_cell(seed: Path, key_column: str, key: str, column: str, new_value: str | None = None, add: str | None = None) -> str:
    """Change one cell of a seed (found by key_column == key); return the old value."""
    text = seed.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    k, c = header.index(key_column), header.index(column)
    for row in rows[1:]:
        if row[k] == key:
            old = row[c]
            row[c] = new_value if new_value is not None else str(Decimal(old) + Decimal(add or "0"))
            break
    else:
        raise KeyError(f"{seed.name}: no row with {key_column} = {key}")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    seed.write_text(buffer.getvalue(), encoding="utf-8")
    return old


def copy_with_published(source: Path, destination: Path) -> Path:
    """A fresh copy of the project that already has a published warehouse (from source)."""
    project = copy_project(destination)
    shutil.copyfile(source / "warehouse/budget.duckdb", project / "warehouse/budget.duckdb")
    return project


def replace_in_file(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def table_rows(connection: duckdb.DuckDBPyConnection, database: str, schema: str, table: str) -> list[tuple]:
    """Every row of a table (of an attached database) but its timing columns, in one order."""
    columns = [
        name
        for (name,) in connection.execute(
            "select column_name from duckdb_columns() where database_name = ? and schema_name = ? and table_name = ? "
            "order by column_index",
            [database, schema, table],
        ).fetchall()
        if name not in TIMING_COLUMNS
    ]
    listed = ", ".join(f'"{name}"' for name in columns)
    return connection.execute(f"select {listed} from {database}.{schema}.{table} order by all").fetchall()


def intake_output(summary, folder: Path) -> dict[str, object]:
    """The intake output as the build writes it (intake.write_outputs), file by file: each file's bytes, but
    intake.csv's rows without the timing columns."""
    from budget_warehouse import intake

    intake.write_outputs(summary, folder)
    files: dict[str, object] = {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }
    rows = list(csv.reader(io.StringIO(files["intake.csv"].decode("utf-8"))))
    keep = [index for index, column in enumerate(rows[0]) if column not in TIMING_COLUMNS]
    assert len(keep) == len(rows[0]) - len(TIMING_COLUMNS), rows[0]
    files["intake.csv"] = [[row[index] for index in keep] for row in rows]
    return files


# what a build records about how it ran, not what it read: compared apart
BUILD_COLUMNS = {"from_cache", "read_seconds"}


def warehouse_rows(database: Path, schemas: tuple[str, ...], out: Path) -> dict[str, Path]:
    """Every table and view of the schemas, as a Parquet file each (name -> file), columns in order, without
    the columns of how the build ran (BUILD_COLUMNS). The file is opened under its own name (views name it)."""
    import duckdb

    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        relations = connection.execute(
            "select schema_name, table_name from duckdb_tables() where schema_name in ? "
            "union all select schema_name, view_name from duckdb_views() where schema_name in ? and not internal",
            [list(schemas), list(schemas)],
        ).fetchall()
        for schema, name in relations:
            columns = [
                column
                for (column,) in connection.execute(
                    "select column_name from duckdb_columns() where schema_name = ? and table_name = ? order by column_index",
                    [schema, name],
                ).fetchall()
                if column not in BUILD_COLUMNS
            ]
            target = out / f"{schema}.{name}.parquet"
            listed = ", ".join(f'"{column}"' for column in columns)
            connection.execute(f'copy (select {listed} from "{schema}"."{name}") to \'{target}\' (format parquet)')
            files[f"{schema}.{name}"] = target
    return files


def differences(first: Path, second: Path, scratch: Path, schemas: tuple[str, ...]) -> list[str]:
    """What differs between two warehouses' relations (as multisets of rows): missing relations, other columns,
    rows in one and not the other (counted)."""
    import duckdb

    one = warehouse_rows(first, schemas, scratch / "first")
    two = warehouse_rows(second, schemas, scratch / "second")
    found = [f"{name}: only in {first if name in one else second}" for name in sorted(set(one) ^ set(two))]
    with duckdb.connect() as connection:
        for name in sorted(set(one) & set(two)):
            a, b = (f"read_parquet('{path}')" for path in (one[name], two[name]))
            columns = [[d[0] for d in connection.execute(f"select * from {side} limit 0").description] for side in (a, b)]
            if columns[0] != columns[1]:
                found.append(f"{name}: columns {columns[0]} and {columns[1]}")
                continue
            extra = connection.execute(f"select count(*) from (select * from {a} except all select * from {b})").fetchone()[0]
            missing = connection.execute(f"select count(*) from (select * from {b} except all select * from {a})").fetchone()[0]
            if extra or missing:
                found.append(f"{name}: {extra} row(s) only in the first, {missing} only in the second")
    return found


def without_cover_character(source: Path, target: Path, after: str, character: str) -> None:
    """A copy of the PDF whose page 1 no longer prints the character (its own text object) just before `after`."""
    document = pdfium.PdfDocument(str(source))
    page = document[0]
    text = page.get_textpage()
    objects = [o for o in page.get_objects() if o.type == pdfium_c.FPDF_PAGEOBJ_TEXT]
    printed = [text.get_text_bounded(*o.get_bounds()) for o in objects]
    index = printed.index(after) - 1
    assert printed[index] == character, printed
    page.remove_obj(objects[index])
    page.gen_content()
    document.save(str(target))
