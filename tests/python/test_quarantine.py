"""make build DOCS=folder: one document whose rows break a warehouse invariant never fails the folder.

The folder holds a good document and a copy of another shipped PDF whose cover
lost one character: 上海市普陀2025年区级部门预算 (the 区 of 普陀区 removed), a
cover from which the template reads no fiscal year, as the Shanghai city-level
covers (上海市2026年市级单位预算) print theirs. The reader still loads it; its
rows then break primary keys (a subject name or a three-public-expenses line
of no year). The build quarantines it, names the file and the invariant, and
publishes the good document; STRICT=1 fails on the same document and
publishes nothing (test_documents_folder.py's strict test, one build for a
finding and a broken invariant).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from project_copy import (
    copy_project,
    copy_with_published,
    differences,
    incremental_slow_path,
    run_tool,
    without_cover_character,
)

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "data/documents"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "batch",
    [
        None,
        # a full build in batches tests once, after its last batch (publish.Dbt.build): the quarantine then, too
        pytest.param(1, marks=incremental_slow_path, id="in-batches-of-one"),
    ],
)
def test_a_document_that_breaks_an_invariant_is_quarantined_and_the_others_publish(
    built_project: Path, tmp_path: Path, batch: int | None
) -> None:
    project = copy_with_published(built_project, tmp_path / "project")
    published = project / "warehouse/budget.duckdb"
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(DOCUMENTS / "shpt_zhengfubangongshi_2025_yusuan_bumen.pdf", docs / "政府办公室.pdf")
    without_cover_character(DOCUMENTS / "shpt_caizhengju_2025_yusuan_bumen.pdf", docs / "财政局.pdf", "2", "区")

    # STRICT=1 on the same document fails the build and quarantines nothing: test_documents_folder.py's strict test
    env = {"BUDGET_BATCH_DOCUMENTS": str(batch)} if batch else None
    run = run_tool(project, "budget_warehouse.publish", "--docs", str(docs), "--target-path", str(project / "target"), env=env)
    assert run.returncode == 0, run.output[-4000:]
    if batch:
        assert "2 batch(es) of 1, 1 document(s)" in run.output and "dbt run, the models across documents" in run.output
    lines = [line for line in run.output.splitlines() if "left out [quarantined]" in line]
    # printed when the document is left out, and again at the end of the build
    assert len(lines) == 2 and lines[0] == lines[1], run.output[-4000:]
    assert "财政局.pdf: quarantined" in lines[0]
    assert "primary key of int_subject_names_by_document" in lines[0] and "fiscal_year is NULL" in lines[0]
    assert "(page " in lines[0]
    assert "Published" in run.output
    with duckdb.connect(str(published), read_only=True) as warehouse:
        assert warehouse.execute("select department_name, fiscal_year from marts.dim_document").fetchall() == [
            ("上海市普陀区人民政府办公室", 2025)
        ]
        (good,) = warehouse.execute(
            "select count(*) from marts.fct_expenditure_by_function inner join marts.dim_document using (doc_id)"
        ).fetchone()
        assert good > 0
        bad_doc = sha256(docs / "财政局.pdf")[:16]
        for mart in ("fct_published_figure", "fct_three_public_expenses", "fct_expenditure_by_function"):
            assert warehouse.execute(f"select count(*) from marts.{mart} where doc_id = ?", [bad_doc]).fetchone() == (0,)
        intake = warehouse.execute(
            "select intake_status, intake_reason, intake_message from marts.rpt_document_intake where file_path like ?",
            ["%财政局.pdf"],
        ).fetchall()
        assert len(intake) == 1
        status, reason, message = intake[0]
        assert (status, reason) == ("left_out", "quarantined")
        assert str(docs / "财政局.pdf") in message and "primary key of" in message and "fiscal_year is NULL" in message
        # the 财政局's subject names are not in the dimensions
        names = warehouse.execute("select count(*) from marts.dim_function_subject_name where fiscal_year is null").fetchone()
        assert names == (0,)


@incremental_slow_path
def test_a_document_added_to_a_built_folder_is_quarantined_by_the_incremental_build(tmp_path: Path) -> None:
    """The same quarantine when the broken document is added to a folder already built: the incremental build
    (a copy of the published warehouse, the new document alone recomputed) leaves it out, names it, publishes
    the rest, and publishes what a full build of the folder publishes."""
    project = copy_project(tmp_path / "project")
    published = project / "warehouse/budget.duckdb"
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(DOCUMENTS / "shpt_zhengfubangongshi_2025_yusuan_bumen.pdf", docs / "政府办公室.pdf")
    target = ["--target-path", str(project / "target")]
    run = run_tool(project, "budget_warehouse.publish", "--docs", str(docs), *target)
    assert run.returncode == 0 and "build: full" in run.output, run.output[-4000:]

    without_cover_character(DOCUMENTS / "shpt_caizhengju_2025_yusuan_bumen.pdf", docs / "财政局.pdf", "2", "区")
    run = run_tool(project, "budget_warehouse.publish", "--docs", str(docs), *target)
    assert run.returncode == 0, run.output[-4000:]
    assert "build: incremental (1 document(s) changed)" in run.output
    lines = [line for line in run.output.splitlines() if "left out [quarantined]" in line]
    assert len(lines) == 2 and "财政局.pdf: quarantined" in lines[0] and "primary key of" in lines[0], run.output[-4000:]
    with duckdb.connect(str(published), read_only=True) as warehouse:
        assert warehouse.execute("select department_name from marts.dim_document").fetchall() == [("上海市普陀区人民政府办公室",)]
        bad_doc = sha256(docs / "财政局.pdf")[:16]
        assert warehouse.execute("select count(*) from marts.fct_published_figure where doc_id = ?", [bad_doc]).fetchone() == (0,)
        (reason,) = warehouse.execute(
            "select intake_reason from marts.rpt_document_intake where file_path like ?", ["%财政局.pdf"]
        ).fetchone()
    assert reason == "quarantined"

    full = project / "warehouse/full/budget.duckdb"
    full.parent.mkdir()
    run = run_tool(project, "budget_warehouse.publish", "--docs", str(docs), "--published", str(full), "--full", *target)
    assert run.returncode == 0 and "财政局.pdf: quarantined" in run.output, run.output[-4000:]
    schemas = ("raw", "ingest", "input", "staging", "intermediate", "marts")
    assert differences(published, full, tmp_path / "compare", schemas) == []
