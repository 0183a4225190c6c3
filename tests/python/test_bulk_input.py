"""The bulk input path: CSV files in the seeds' schema, read by DuckDB directly."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from project_copy import copy_project, run_tool

MARTS = ["fct_expenditure_by_function", "fct_income", "fct_published_figure", "rpt_reconciliation", "fct_document_headline"]
SEED_DOCUMENT = "fa96849a1b7124a7"


def test_the_document_as_a_bulk_folder_builds_the_same_marts(built_project: Path, tmp_path: Path) -> None:
    """The committed seeds, copied into a folder (one set per document), give the same marts."""
    project = copy_project(tmp_path / "project")
    folder = tmp_path / "bulk" / "yantian-2024"
    folder.mkdir(parents=True)
    for seed in [*(project / "seeds/document").glob("*.csv"), project / "seeds/reference/budget_unit_aliases.csv"]:
        shutil.copy(seed, folder / seed.name)
    database = tmp_path / "bulk.duckdb"
    run = run_tool(
        project,
        "budget_warehouse.publish",
        "--check-only",
        "--input",
        str(tmp_path / "bulk"),
        "--database",
        str(database),
        "--target-path",
        str(project / "target"),
    )
    assert run.returncode == 0, run.output[-3000:]
    with (
        duckdb.connect(str(database), read_only=True) as bulk,
        duckdb.connect(str(built_project / "warehouse/budget.duckdb"), read_only=True) as seeds,
    ):
        for mart in MARTS:
            query = f"select * from marts.{mart} where doc_id = '{SEED_DOCUMENT}' order by all"
            assert bulk.execute(query).fetchall() == seeds.execute(query).fetchall(), mart
        (staging_kind,) = bulk.execute(
            "select table_type from information_schema.tables where table_name = 'stg_budget_document__documents'"
        ).fetchone()
        assert staging_kind == "BASE TABLE", "a bulk load parses each CSV once, into staging tables"


def test_a_bulk_folder_with_a_bad_cell_is_refused_before_dbt(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    folder = tmp_path / "bulk"
    folder.mkdir()
    for seed in [*(project / "seeds/document").glob("*.csv"), project / "seeds/reference/budget_unit_aliases.csv"]:
        shutil.copy(seed, folder / seed.name)
    table = folder / "table_02_income_summary.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",564.55,", ",564.5x,", 1), encoding="utf-8")
    run = run_tool(project, "budget_warehouse.publish", "--check-only", "--input", str(folder))
    assert run.returncode != 0
    assert f"{folder}/table_02_income_summary.csv:3: total_income_amount = '564.5x' is not a number" in run.output
    assert "Running with dbt" not in run.output


def test_aliases_files_are_concatenated_row_for_row(tmp_path: Path) -> None:
    """incremental.concatenate_csv: every row of every file once, under the first header, whether a file is
    copied as it is (its header the first's, LF lines; a blank line too) or read and written by column names
    (another column order, a CRLF line, no header at all), and a quoted line break kept inside its cell."""
    import csv

    from budget_warehouse import incremental

    header = "department_name,alias_name,unit_name"
    texts = {
        "empty.csv": "",
        "plain.csv": f"{header}\nA,a1,u1\nA,a2,u2\n",
        "unterminated.csv": f"{header}\nB,b1,u1",
        "reordered.csv": 'alias_name,department_name,unit_name\r\nc1,C,"u,3"\r\n',
        "blank_line.csv": f'{header}\nD,"d\nx",u\n\nD,d2,\n',
        "header_only.csv": f"{header}\n",
        "crlf_rows.csv": f"{header}\nE,e1,u\r\nE,e2,u\r\n",
    }
    paths = []
    for name, text in texts.items():
        (tmp_path / name).write_bytes(text.encode())
        paths.append(tmp_path / name)
    out = tmp_path / "out.csv"
    incremental.concatenate_csv(paths, out, header)
    expected = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            expected += [{column: row[column] for column in header.split(",")} for row in csv.DictReader(handle)]
    with open(out, encoding="utf-8", newline="") as handle:
        assert handle.readline() == header + "\n"
        handle.seek(0)
        assert list(csv.DictReader(handle)) == expected
    assert len(expected) == 8
    assert b"\r" not in out.read_bytes()
    incremental.concatenate_csv([paths[0]], out, header)
    assert out.read_text() == header + "\n"
