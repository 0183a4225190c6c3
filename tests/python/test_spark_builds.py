"""Folders built both ways, by the local pool and by Spark in local mode: the same warehouse, row by row.

A folder of good and bad files, and the crawled corpus. Slow (each engine reads every file from no cache, and
dbt builds twice per folder), so it runs in CI beside ``make corpus`` (``.ci/run`` sets BUDGET_SPARK_BUILDS=1)
and is skipped in ``make test``. The intake output (the corpus's as each engine's build cached what it read)
must be the same file by file, and every table of ``ingest`` and of ``marts`` the same rows, but for the
timing columns; the build says how far it is as it goes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from budget_warehouse import corpus, intake
from project_copy import copy_project, intake_output, run_tool, table_rows
from test_spark_engine import folder_of

pytestmark = pytest.mark.skipif(
    os.environ.get("BUDGET_SPARK_BUILDS") != "1", reason="whole builds on Spark run in CI (BUDGET_SPARK_BUILDS=1, .ci/run)"
)


def compared(local: Path, spark: Path, count: str) -> tuple[list[tuple[str, str]], list[str], int]:
    """The tables of ingest and marts in the warehouse the local pool built, those whose rows (but for the timing
    columns) differ in the one Spark built, and a count from Spark's (a query on built_spark)."""
    with duckdb.connect() as connection:
        connection.execute(f"attach '{local}' as built_local (read_only)")
        connection.execute(f"attach '{spark}' as built_spark (read_only)")
        tables = connection.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = 'built_local' "
            "and schema_name in ('ingest', 'marts') order by all"
        ).fetchall()
        differ = [
            f"{schema}.{table}"
            for schema, table in tables
            if table_rows(connection, "built_local", schema, table) != table_rows(connection, "built_spark", schema, table)
        ]
        (counted,) = connection.execute(count).fetchone()
    return tables, differ, counted


def test_a_folder_builds_to_the_same_warehouse_on_spark_row_by_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("java") is None:
        pytest.skip("no java on this machine (make java installs Debian's OpenJDK)")
    project = copy_project(tmp_path / "project")
    docs = folder_of(tmp_path)
    files = len(intake.find_documents(docs))
    for engine in ("local", "spark"):
        # a cache of each engine's own, empty: both read every file
        monkeypatch.setenv("BUDGET_INTAKE_CACHE", str(tmp_path / f"cache-{engine}"))
        run = run_tool(
            project, "budget_warehouse.publish", "--check-only", "--docs", str(docs),
            "--database", str(tmp_path / f"built_{engine}.duckdb"), "--target-path", str(project / "target"),
            "--engine", engine,
        )  # fmt: skip
        assert run.returncode == 0, run.output[-3000:]
        # what a person watching sees: the files read of all with their verdicts, then which dbt step runs
        assert f"intake: {files} of {files} files (100%)" in run.output, run.output[:3000]
        assert "; loaded 5, duplicate 1, not_a_pdf 1, truncated 1" in run.output
        assert "build: dbt step 2 of 3: dbt run, every model" in run.output
    figures_counted = "select count(*) from built_spark.marts.fct_published_figure"
    tables, differ, figures = compared(tmp_path / "built_local.duckdb", tmp_path / "built_spark.duckdb", figures_counted)
    assert ("marts", "fct_published_figure") in tables and ("ingest", "intake") in tables
    assert differ == []
    assert figures > 500


@pytest.mark.skipif(not corpus.CORPUS.is_dir(), reason=f"{corpus.CORPUS} is absent")
def test_the_corpus_builds_to_the_same_warehouse_on_spark_row_by_row(tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.fail("no java: make java installs Debian's OpenJDK")
    project = copy_project(tmp_path / "project")
    files = len(intake.find_documents(corpus.CORPUS))
    for engine in ("local", "spark"):
        run = run_tool(
            project, "budget_warehouse.corpus", "--corpus", str(corpus.CORPUS), "--engine", engine, "--no-gate",
            "--cache", str(tmp_path / f"cache-{engine}"), "--database", str(tmp_path / engine / "budget.duckdb"),
            "--results", str(tmp_path / f"corpus-{engine}.md"), "--target-path", str(project / "target"),
            timeout=1800,
        )  # fmt: skip
        assert run.returncode == 0, run.output[-3000:]
        assert f"intake: {files} of {files} files (100%)" in run.output
    # the intake output file by file, as each engine read it (from the cache each build filled)
    paths = intake.find_documents(corpus.CORPUS)
    outputs = {
        engine: intake_output(intake.intake(paths, tmp_path / f"cache-{engine}"), tmp_path / f"intake-{engine}")
        for engine in ("local", "spark")
    }
    assert sorted(outputs["local"]) == sorted(outputs["spark"])
    assert [name for name, content in outputs["local"].items() if content != outputs["spark"][name]] == []
    local, spark = tmp_path / "local" / "budget.duckdb", tmp_path / "spark" / "budget.duckdb"
    tables, differ, loaded = compared(local, spark, "select count(*) from built_spark.marts.dim_document")
    assert len(tables) > 30
    assert differ == []
    assert loaded > 100
