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
        kinds = bulk.execute(
            "select table_schema, table_type from information_schema.tables "
            "where table_name in ('documents', 'stg_budget_document__documents') and table_schema in ('input', 'staging')"
        ).fetchall()
        # a bulk load parses each CSV once, into the tables of schema input, which the staging views read
        assert sorted(kinds) == [("input", "BASE TABLE"), ("staging", "VIEW")]


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


def test_a_batch_replaces_its_documents_rows_of_schema_input(tmp_path: Path) -> None:
    """incremental.load_input: a whole load reads every file of each seed, as the seed's declared types; a batch
    replaces the rows of its documents (build.batch) alone, a document whose files are gone losing its rows, and
    the unit aliases (every department's, in the file each batch brings) whole."""
    from budget_warehouse import incremental

    project = Path(__file__).resolve().parents[2]
    seeds = sorted((project / "seeds/document").glob("*.csv"))
    folder = tmp_path / "bulk"
    for name in ("a", "b"):
        (folder / name).mkdir(parents=True)
        for seed in seeds:
            text = seed.read_text(encoding="utf-8").replace(SEED_DOCUMENT, f"doc-{name}")
            (folder / name / seed.name).write_text(text, encoding="utf-8")
    aliases = (project / "seeds/reference/budget_unit_aliases.csv").read_text(encoding="utf-8")
    (folder / "budget_unit_aliases.csv").write_text(aliases, encoding="utf-8")
    rows = {seed.stem: len(seed.read_text(encoding="utf-8").splitlines()) - 1 for seed in seeds}

    def counts(connection) -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for name in rows:
            by_document = connection.execute(f"select doc_id, count(*) from input.{name} group by doc_id").fetchall()
            found[name] = dict(by_document)
        return found

    def expected(documents: dict[str, int]) -> dict[str, dict[str, int]]:
        """Each seed's rows by document: the seed's, less those given for table 2 (doc_id -> rows less)."""
        less = {doc: {name: 0 for name in rows} | {"table_02_income_summary": n} for doc, n in documents.items()}
        return {name: {doc: n - less[doc][name] for doc in documents} if n else {} for name, n in rows.items()}

    # the first batch of a build in several, into a fresh file, loads what a whole load does
    with duckdb.connect(str(tmp_path / "batch.duckdb")) as connection:
        incremental.write_batch(connection, {"doc-a", "doc-b"})
        incremental.load_input(connection, folder, whole=False)
        assert counts(connection) == expected({"doc-a": 0, "doc-b": 0})
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        incremental.load_input(connection, folder, whole=True)
        assert counts(connection) == expected({"doc-a": 0, "doc-b": 0})
        declared = incremental.input_seeds()["table_02_income_summary"]["total_income_amount"]
        (typed,) = connection.execute(
            "select data_type from duckdb_columns() where schema_name = 'input' "
            "and table_name = 'table_02_income_summary' and column_name = 'total_income_amount'"
        ).fetchone()
        assert typed.lower().replace(" ", "") == declared.lower().replace(" ", "") and typed.startswith("DECIMAL")
        assert connection.execute("select count(*) from input.budget_unit_aliases").fetchone()[0] == aliases.count("\n") - 1

        # a batch of b (its files gone) and a (a line of table 2 fewer); the aliases down to one line
        shutil.rmtree(folder / "b")
        for seed in seeds:
            lines = seed.read_text(encoding="utf-8").replace(SEED_DOCUMENT, "doc-a").splitlines(keepends=True)
            kept = lines[:-1] if seed.stem == "table_02_income_summary" else lines
            (folder / "a" / seed.name).write_text("".join(kept), encoding="utf-8")
        (folder / "budget_unit_aliases.csv").write_text("".join(aliases.splitlines(keepends=True)[:2]), encoding="utf-8")
        incremental.write_batch(connection, {"doc-a", "doc-b"})
        incremental.load_input(connection, folder, whole=False)
        assert counts(connection) == expected({"doc-a": 1})
        assert connection.execute("select count(*) from input.budget_unit_aliases").fetchone()[0] == 1

        # a batch of b alone, brought back: a's rows stay as they are
        (folder / "b").mkdir()
        for seed in seeds:
            text = seed.read_text(encoding="utf-8").replace(SEED_DOCUMENT, "doc-b")
            (folder / "b" / seed.name).write_text(text, encoding="utf-8")
        shutil.rmtree(folder / "a")
        incremental.write_batch(connection, {"doc-b"})
        incremental.load_input(connection, folder, whole=False)
        assert counts(connection) == expected({"doc-a": 1, "doc-b": 0})
