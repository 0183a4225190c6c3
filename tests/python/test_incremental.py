"""A document added costs one document: make build DOCS=folder on a folder already built rebuilds what changed.

One folder, built three times on a copy of the project: in full (a 单位 budget, a Jiangsu budget and the
Shenzhen text rendering); then incrementally, after the folder changed every way it can (the 单位 budget's
部门 budget added, which covers it; a budget with findings added; the Jiangsu file replaced by another year's
under the same name; the text rendering removed); then in full again (FULL=1) into another file. The
incremental build must publish exactly what the full build of the same folder publishes, every removed or
replaced file's rows gone, and every plan keyed by document and, in the incremental build, reading the
batch's rows alone. The folders of a bulk load (INPUT=) are added to the same way.
"""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from budget_warehouse import incremental, intake, synth
from project_copy import copy_project, differences, incremental_slow_path, run_tool

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "data/documents"
RENDERING = ROOT / "data/source/000_05c50ae7d1510997.txt"
SCHEMAS = ("raw", "ingest", "input", "staging", "intermediate", "marts")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def doc_id(path: Path) -> str:
    return sha256(path)[:16]


@dataclass
class Builds:
    project: Path
    docs: Path
    incremental: Path
    full: Path
    outputs: list[str]
    gone: list[str]  # doc_ids of the files removed or replaced


def publish(project: Path, *arguments: str, env: dict[str, str] | None = None) -> str:
    run = run_tool(project, "budget_warehouse.publish", "--target-path", str(project / "target"), *arguments, env=env)
    assert run.returncode == 0, run.output[-4000:]
    # the process ends without the interpreter's teardown (publish.exit_now), having released what it holds:
    # multiprocessing's resource tracker finds no semaphore of dbt's left behind
    assert "resource_tracker" not in run.output, run.output[-2000:]
    return run.output


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    base = tmp_path_factory.mktemp("incremental")
    project = copy_project(base / "project")
    docs = base / "docs"
    docs.mkdir()
    shutil.copyfile(DOCUMENTS / "shpt_zhengfubangongshi_2025_yusuan_danwei.pdf", docs / "办公室单位.pdf")
    shutil.copyfile(DOCUMENTS / "js_gaoyuan_2018_yusuan.pdf", docs / "高院.pdf")
    shutil.copyfile(RENDERING, docs / "盐田.txt")
    gone = [doc_id(docs / "高院.pdf"), doc_id(docs / "盐田.txt")]
    outputs = [publish(project, "--docs", str(docs), "--check-plans")]

    shutil.copyfile(DOCUMENTS / "shpt_zhengfubangongshi_2025_yusuan_bumen.pdf", docs / "办公室部门.pdf")
    shutil.copyfile(DOCUMENTS / "js_jianchayuan_2018_yusuan.pdf", docs / "检察院.pdf")
    shutil.copyfile(DOCUMENTS / "js_gaoyuan_2019_yusuan.pdf", docs / "高院.pdf")
    (docs / "盐田.txt").unlink()
    outputs.append(publish(project, "--docs", str(docs), "--check-plans"))

    full = project / "warehouse/full/budget.duckdb"
    full.parent.mkdir()
    outputs.append(publish(project, "--docs", str(docs), "--published", str(full), "--full"))
    return Builds(project, docs, project / "warehouse/budget.duckdb", full, outputs, gone)


def test_the_second_build_adds_to_the_first(builds: Builds) -> None:
    first, second, full = builds.outputs
    assert "build: full" in first and "build: full (FULL=1)" in full
    # two documents removed (the rendering; the Jiangsu file's 2018 content), three added (its 2019 content under
    # the same name, the 部门 budget, the budget with findings), and the 单位 budget its 部门 budget now covers
    assert "build: incremental (5 document(s) changed): 5 document(s) to load or remove, 1 batch(es) of 6" in second
    assert "the published warehouse copied" in second
    # the findings of the document added are reported with the others
    (added,) = [line for line in second.splitlines() if "江苏省人民检察院 2018 预算 部门" in line]
    assert "5 finding(s) (0 not acknowledged): findings" in added


def test_an_incremental_build_publishes_what_a_full_build_of_the_folder_publishes(builds: Builds, tmp_path: Path) -> None:
    assert differences(builds.incremental, builds.full, tmp_path, SCHEMAS) == []
    with duckdb.connect(str(builds.incremental), read_only=True) as warehouse:
        covered = warehouse.execute(
            "select is_in_totals, covered_by_doc_id from marts.dim_document where doc_id = ?",
            [doc_id(builds.docs / "办公室单位.pdf")],
        ).fetchone()
        findings = warehouse.execute(
            "select count(*) from marts.rpt_findings where doc_id = ?", [doc_id(builds.docs / "检察院.pdf")]
        ).fetchone()
    assert covered == (False, doc_id(builds.docs / "办公室部门.pdf"))
    assert findings[0] > 0


def comments(database: Path) -> list[tuple[str, ...]]:
    """Every table's and column's comment (the models' descriptions) of the warehouse's schemas."""
    with duckdb.connect(str(database), read_only=True) as warehouse:
        tables = warehouse.execute(
            "select schema_name, table_name, '', comment from duckdb_tables() where schema_name in ? "
            "union all select schema_name, table_name, column_name, comment from duckdb_columns() "
            "where schema_name in ? order by all",
            [list(SCHEMAS), list(SCHEMAS)],
        ).fetchall()
    return tables


def test_an_incremental_build_keeps_every_description_as_a_comment(builds: Builds) -> None:
    """An incremental build does not write the comments of the tables it adds rows to again (macros/persist_docs.sql):
    they are those of the full build, every one."""
    incremental, full = comments(builds.incremental), comments(builds.full)
    assert incremental == full
    described = [row for row in incremental if row[0] == "marts" and row[3]]
    assert len(described) > 300, len(described)


def test_a_removed_or_replaced_files_rows_are_gone_in_the_same_build(builds: Builds) -> None:
    with duckdb.connect(str(builds.incremental), read_only=True) as warehouse:
        tables = warehouse.execute(
            "select schema_name, table_name from duckdb_columns() where column_name = 'doc_id' and schema_name in ?",
            [list(SCHEMAS)],
        ).fetchall()
        assert len(tables) > 50
        left = {}
        for schema, table in tables:
            query = f'select count(*) from "{schema}"."{table}" where doc_id in ?'
            (count,) = warehouse.execute(query, [builds.gone]).fetchone()
            if count:
                left[f"{schema}.{table}"] = count
        assert left == {}
        # the files still in the folder are all there
        (documents,) = warehouse.execute("select count(*) from marts.dim_document").fetchone()
    assert documents == 4


def by_document(database: Path, manifest: Path) -> dict[str, tuple[int, int, int]]:
    """Each table of documents' rows (the models incremental by document, the intake's tables but its report):
    in the order its rows were written, how often doc_id goes down, how many runs of one doc_id it has, and
    how many documents."""
    nodes = json.loads(manifest.read_text(encoding="utf-8"))["nodes"].values()
    tables = [
        f'"{node["schema"]}"."{node["alias"]}"'
        for node in nodes
        if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental"
    ]
    with duckdb.connect(str(database), read_only=True) as warehouse:
        ingest = warehouse.execute(
            "select table_name from duckdb_columns() where schema_name = 'ingest' and column_name = 'doc_id' and table_name <> ?",
            [intake.REPORT],
        ).fetchall()
        tables += [f'ingest."{name}"' for (name,) in ingest]
        order = {}
        for table in tables:
            order[table] = warehouse.execute(
                "select count(*) filter (where doc_id < previous), count(*) filter (where doc_id is distinct from "
                "previous), count(distinct doc_id) from (select doc_id, lag(doc_id) over (order by rowid) as previous "
                f"from {table})"
            ).fetchone()
    return order


def test_a_documents_rows_are_written_together_in_the_order_of_the_documents(builds: Builds) -> None:
    """Every table of documents' rows holds each document's rows together, in the order of doc_id within what a
    batch wrote (macros/incremental_view.sql, incremental.load_table): DuckDB's zone maps then let a build that reads
    one document skip the others' row groups. The full build wrote its documents in one batch; the incremental
    build added a batch after the first build's."""
    manifest = builds.project / "target/manifest.json"
    for database, batches in ((builds.full, 1), (builds.incremental, 2)):
        order = by_document(database, manifest)
        assert len(order) > 30 and sum(documents for _, _, documents in order.values()) > 100
        scattered = {table: counts for table, counts in order.items() if counts[1] != counts[2] or counts[0] >= batches}
        assert scattered == {}, (database, scattered)


def test_every_plan_joins_documents_by_key_and_reads_the_batch_alone(builds: Builds) -> None:
    first, second, _ = builds.outputs
    assert "plans: " in first and "every join of per-document rows is keyed" in first
    assert "every scan of a model of one document's rows reads the batch's alone" in second


def test_a_build_of_an_unchanged_folder_changes_nothing(builds: Builds) -> None:
    before = sha256(builds.incremental)
    output = publish(builds.project, "--docs", str(builds.docs))
    assert "build: nothing to do (no document added, replaced or removed)" in output
    assert sha256(builds.incremental) == before


@incremental_slow_path
def test_a_bulk_folder_adds_and_removes_a_document_by_its_folder_in_batches(built_project: Path, tmp_path: Path) -> None:
    """INPUT=folder with one folder per document (make synth's layout): built in batches of two documents, a
    document's folder added and another's removed and built in batches of one, then built in full at once; the
    same tables."""
    every = tmp_path / "every"
    synth.generate(built_project, built_project / "warehouse/budget.duckdb", 5, 1, 3, every)
    project = copy_project(tmp_path / "project")
    folder = tmp_path / "input"
    folder.mkdir()
    for name in ("synthetic-0001-2024", "synthetic-0002-2024", "synthetic-0003-2024", "synthetic-0004-2024"):
        shutil.copytree(every / name, folder / name)
    batched = project / "warehouse/batched/budget.duckdb"
    batched.parent.mkdir()
    in_twos = {"BUDGET_BATCH_DOCUMENTS": "2"}
    first = publish(project, "--input", str(folder), "--published", str(batched), env=in_twos)
    assert "build: full" in first and "2 batch(es) of 2, 2 document(s)" in first
    # each batch's rows, then what reads across documents and every test, once (publish.Dbt.build)
    assert first.count("dbt run, the models incremental by document") == 1 and first.count("dbt test,") == 1
    assert first.index("dbt run, the models incremental by document") < first.index("dbt run, the models across documents")
    # the batches' hard links, made and removed, changed the files' change times: the state records the stamps
    # after them (BulkFolder.release), and the next build reads none of the units again
    scanned = incremental.BulkFolder(folder, incremental.read_state(batched))
    assert [unit.root for unit in scanned.units if scanned.record_of(unit.root, unit.stamp) is None] == []
    shutil.copytree(every / "synthetic-0005-2024", folder / "synthetic-0005-2024")
    shutil.rmtree(folder / "synthetic-0002-2024")
    # added in batches of one: each batch's rows, then what reads across documents and the data tests, once
    in_ones = {"BUDGET_BATCH_DOCUMENTS": "1"}
    second = publish(project, "--input", str(folder), "--published", str(batched), "--check-plans", env=in_ones)
    assert "build: incremental (2 document(s) changed)" in second and "2 batch(es) of 1, 1 document(s)" in second
    assert second.count("dbt run, the models incremental by document") == 2 and second.count("dbt test,") == 1
    assert "dbt test, the data tests of what the documents change" in second
    assert "every scan of a model of one document's rows reads the batch's alone" in second
    whole = project / "warehouse/whole/budget.duckdb"
    whole.parent.mkdir()
    publish(project, "--input", str(folder), "--published", str(whole))
    assert differences(batched, whole, tmp_path / "compare", SCHEMAS) == []
    with duckdb.connect(str(batched), read_only=True) as warehouse:
        documents = sorted(d for (d,) in warehouse.execute("select doc_id from marts.dim_document").fetchall())
    kept = ["synthetic-0001-2024", "synthetic-0003-2024", "synthetic-0004-2024", "synthetic-0005-2024"]
    assert documents == sorted(synth.doc_id_of(name) for name in kept)


def test_a_bulk_folder_reads_again_only_what_changed_since_the_build_it_adds_to(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A build that adds to a warehouse built from a bulk folder takes an unchanged document folder's documents and
    departments, and an unchanged aliases file's rows (their digest per department) and validation, from the build
    state: at 10,000 documents, reading 10,000 documents.csv files and reading and validating 10,000 aliases files
    again cost the add about two seconds. The state records a unit, not each of its files: a folder with a file
    changed is read again (its files hashed, its documents.csv read), and an aliases file that changed is read and
    validated."""
    folder = tmp_path / "input"
    for name, doc_id, department in (("a", "aaaa000000000001", "部门甲"), ("b", "bbbb000000000002", "部门乙")):
        (folder / name).mkdir(parents=True)
        (folder / name / "documents.csv").write_text(f"doc_id,department_name\n{doc_id},{department}\n", encoding="utf-8")
        (folder / name / "table_01_budget_summary.csv").write_text(f"doc_id,line_no\n{doc_id},1\n", encoding="utf-8")
        (folder / name / incremental.ALIASES).write_text(
            f"department_name,alias_name,unit_name\n{department},{department}本级,{department}\n", encoding="utf-8"
        )
    first = incremental.BulkFolder(folder)
    state = incremental.State("fingerprint", "intake", first.documents(), first.files, first.digests)
    aliases = sorted(str(path) for path in first.aliases)
    root = folder.resolve()
    assert set(first.files) == {str(root / "a"), str(root / "b"), *aliases}

    opened: list[str] = []
    hashed: list[str] = []

    def recording_open(path: Path | str, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(path))
        return open(path, *args, **kwargs)

    def recording_sha256_of(path: Path) -> str:
        hashed.append(str(path))
        return sha256(path)

    monkeypatch.setattr(incremental, "open", recording_open, raising=False)
    monkeypatch.setattr(intake, "sha256_of", recording_sha256_of)
    again = incremental.BulkFolder(folder, state)
    assert again.changed_aliases() == []
    assert [unit.departments for unit in again.units] == [unit.departments for unit in first.units]
    assert again.documents() == state.documents and again.digests == state.aliases and again.files == state.files
    assert opened == [] and hashed == []  # no documents.csv, no aliases file read again, no file hashed

    # a table of a's written again (the same rows): a's files hashed again, its documents.csv read again
    (folder / "a" / "table_01_budget_summary.csv").write_text("doc_id,line_no\naaaa000000000001,1\n", encoding="utf-8")
    rewritten = incremental.BulkFolder(folder, state)
    assert rewritten.documents() == state.documents
    assert sorted(hashed) == sorted(str(root / "a" / name) for name in ("documents.csv", "table_01_budget_summary.csv"))
    assert opened == [str(root / "a" / "documents.csv")]
    state = incremental.State("fingerprint", "intake", rewritten.documents(), rewritten.files, rewritten.digests)
    opened.clear()
    hashed.clear()

    (folder / "b" / "documents.csv").write_text("doc_id,department_name\nbbbb000000000002,部门丙\n", encoding="utf-8")
    (folder / "b" / incremental.ALIASES).write_text(
        "department_name,alias_name,unit_name\n部门丙,部门丙本级,部门丙\n", encoding="utf-8"
    )
    changed = incremental.BulkFolder(folder, state)
    assert [str(path) for path in changed.changed_aliases()] == [str((folder / "b" / incremental.ALIASES).resolve())]
    assert [name for name in opened if name.endswith("documents.csv")] == [str((folder / "b/documents.csv").resolve())]
    assert changed.documents()["bbbb000000000002"].department == "部门丙"
    assert [name for name in opened if name.endswith(incremental.ALIASES)] == [
        str((folder / "b" / incremental.ALIASES).resolve())
    ]
    assert changed.documents()["aaaa000000000001"] == state.documents["aaaa000000000001"]
    assert changed.documents()["bbbb000000000002"].content != state.documents["bbbb000000000002"].content
    b_files = ("documents.csv", "table_01_budget_summary.csv", incremental.ALIASES)
    assert sorted(hashed) == sorted(str(root / "b" / name) for name in b_files)


def test_a_bulk_folder_is_split_into_the_folders_that_hold_a_documents_csv(tmp_path: Path) -> None:
    """A bulk folder's units (what a build adds or removes whole): each folder holding a documents.csv, with every
    CSV file below it that no nearer such folder holds, in the order of the paths' parts; the units by depth, then
    path. The aliases files apart, hidden files and other files left out. A CSV file no such folder holds (a
    concatenated load) makes the whole folder one unit."""
    folder = tmp_path / "input"
    tables = ["a/documents.csv", "a/t1.csv", "a/x/t2.csv", "b/c/documents.csv", "b/c/t1.csv"]
    tables += ["b/documents.csv", "b/t1.csv", "b/z.csv"]
    for number, name in enumerate([*tables, f"a/{incremental.ALIASES}", "a/.hidden.csv", "a/notes.txt"]):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"doc_id,department_name\n{number:016d},部门{number}\n", encoding="utf-8")
    root = folder.resolve()
    bulk = incremental.BulkFolder(folder)
    units = [(Path(unit.root), [str(Path(name).relative_to(root)) for name in unit.names]) for unit in bulk.units]
    assert units == [
        (root / "a", ["a/documents.csv", "a/t1.csv", "a/x/t2.csv"]),
        (root / "b", ["b/documents.csv", "b/t1.csv", "b/z.csv"]),
        (root / "b/c", ["b/c/documents.csv", "b/c/t1.csv"]),
    ]
    assert [unit.doc_ids for unit in bulk.units] == [["0000000000000000"], ["0000000000000005"], ["0000000000000003"]]
    assert bulk.aliases == [str(root / "a" / incremental.ALIASES)]
    assert list(bulk.stamps) == [str(root / name) for name in [f"a/{incremental.ALIASES}", *tables]]

    (folder / "loose.csv").write_text("doc_id\n", encoding="utf-8")
    bulk = incremental.BulkFolder(folder)
    every = [str(root / name) for name in [*tables, "loose.csv"]]
    assert [(unit.root, unit.names) for unit in bulk.units] == [(str(root), every)]
    assert sorted(bulk.units[0].doc_ids) == ["0000000000000000", "0000000000000003", "0000000000000005"]


def test_a_batchs_files_are_hard_links_where_the_filesystem_allows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The folder dbt reads for a batch (BulkFolder.write) holds the batch's documents' files, each under its unit's
    folder: hard links to them (a symbolic link to a long path took 0.2 to 0.6 ms a file on ext4), or symbolic
    links once the filesystem refuses a hard link; the other documents' files are not there."""
    folder = tmp_path / "input"
    for name, number in (("a", 1), ("b", 2)):
        for table in ("documents.csv", "x/table_01_budget_summary.csv"):
            (folder / name / table).parent.mkdir(parents=True, exist_ok=True)
            (folder / name / table).write_text(f"doc_id,department_name\n{number:016d},部门{number}\n", encoding="utf-8")
    bulk = incremental.BulkFolder(folder)
    wanted = {f"{1:016d}"}

    def written(out: Path) -> dict[str, Path]:
        # the units' folders (numbered), not the seeds' headers nor the aliases beside them
        units = (path for path in sorted(out.rglob("*.csv")) if path.relative_to(out).parts[0].isdigit())
        return {str(path.relative_to(out)): path for path in units}

    def source_of(name: str) -> Path:
        return folder / "a" / name.removeprefix("000000/")

    bulk.write(tmp_path / "hard", wanted)
    files = written(tmp_path / "hard")
    assert sorted(files) == ["000000/documents.csv", "000000/x/table_01_budget_summary.csv"]
    for name, path in files.items():
        source = source_of(name)
        assert not path.is_symlink() and path.stat().st_ino == source.stat().st_ino
        assert path.read_bytes() == source.read_bytes()

    refused: list[str] = []

    def refusing(source: str, link: str) -> None:
        refused.append(link)
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(incremental.os, "link", refusing)
    bulk.write(tmp_path / "soft", wanted)
    files = written(tmp_path / "soft")
    assert sorted(files) == ["000000/documents.csv", "000000/x/table_01_budget_summary.csv"]
    for name, path in files.items():
        assert path.is_symlink() and path.resolve() == source_of(name).resolve()
    assert len(refused) == 1  # refused once: not asked again for every file


def test_a_unit_a_batch_linked_keeps_its_record_once_the_links_are_gone(tmp_path: Path) -> None:
    """A hard link changes its file's change time, made and removed: once the batch folder is released, a unit the
    batch linked is stamped again (BulkFolder.release), so that the next build takes its record rather than
    hashing its files again (every file, after a full build). A unit with a file written while the build ran
    keeps the stamp scanned before it: the next build reads it again."""
    folder = tmp_path / "input"
    for name, number in (("a", 1), ("b", 2), ("c", 3)):
        (folder / name).mkdir(parents=True)
        (folder / name / "documents.csv").write_text(f"doc_id,department_name\n{number:016d},部门{number}\n", encoding="utf-8")
    bulk = incremental.BulkFolder(folder)
    bulk.documents()  # the build plans with them before it writes a batch
    scanned = intake.file_stamp(folder / "a" / "documents.csv")
    time.sleep(0.05)  # a change time a clock tick (1 to 10 ms) after the scan's
    batch = tmp_path / "batch"
    bulk.write(batch, {f"{1:016d}", f"{2:016d}"})  # a and b linked, not c
    # b written while the build ran: its size differs from the scan's
    (folder / "b" / "documents.csv").write_text(f"doc_id,department_name\n{2:016d},部门二\n", encoding="utf-8")
    bulk.release(batch)
    assert not batch.exists() and intake.file_stamp(folder / "a" / "documents.csv") != scanned  # the links changed it
    state = incremental.State("fingerprint", "intake", bulk.documents(), bulk.files, bulk.digests)

    again = incremental.BulkFolder(folder, state)
    kept = {Path(unit.root).name: again.record_of(unit.root, unit.stamp) is not None for unit in again.units}
    assert kept == {"a": True, "b": False, "c": True}
    assert again.documents()[f"{2:016d}"].department == "部门二"


def test_the_build_state_reads_back_as_it_was_written(tmp_path: Path) -> None:
    """What a build records of its documents and files (one statement per table, not a row at a time) reads back
    whole: every row, its text as written, a NULL as NULL; an empty build writes empty tables."""
    database = tmp_path / "state.duckdb"
    state = incremental.State("fingerprint", "intake")
    for number in range(2500):
        doc_id = f"{number:016x}"
        unit = "" if number % 7 == 0 else f"单位{number}"
        status = "quarantined" if number % 11 == 0 else "loaded"
        state.documents[doc_id] = incremental.Document(doc_id, f"content-{number}", f"部门 {number % 40}", unit, status)
        state.files[f"/docs/{number}/财政局's 'budget'.pdf"] = (f"stamp-{number}", f"sha-{number}")
        state.aliases[f"/docs/{number}/aliases.csv"] = {f"部门 {number % 40}": f"a-{number}", "部门 '乙'": f"b-{number}"}
    with duckdb.connect(str(database)) as connection:
        incremental.write_state(connection, state)
        incremental.write_batch(connection, ["b", "a", "b"])
        assert connection.execute("select doc_id from build.batch order by doc_id").fetchall() == [("a",), ("b",)]
        connection.execute("create table nullable (a varchar, b varchar)")
        incremental.insert_rows(connection, "nullable", [("c", None), (None, "d")])
        assert connection.execute("select * from nullable order by a nulls last").fetchall() == [("c", None), (None, "d")]
    again = incremental.read_state(database)
    assert again is not None
    assert (again.fingerprint, again.intake) == ("fingerprint", "intake")
    assert again.documents == state.documents and again.files == state.files and again.aliases == state.aliases
    with duckdb.connect(str(database)) as connection:
        incremental.write_state(connection, incremental.State("empty", "none"))
        incremental.write_batch(connection, [])
        assert connection.execute("select count(*) from build.documents").fetchone() == (0,)
        assert connection.execute("select count(*) from build.batch").fetchone() == (0,)


def test_an_incremental_build_records_its_state_by_difference(tmp_path: Path) -> None:
    """An incremental build's candidate already records the published build: what it writes over that (the rows
    that differ, deleted and inserted, as literals: incremental.LITERAL_ROWS) reads back as the new state exactly,
    as a state written whole does, with no row twice; the batch written after the build is every document loaded."""
    database = tmp_path / "state.duckdb"
    before = incremental.State("old", "intake-old")
    for number in range(300):
        doc_id = f"doc-{number:04d}"
        before.documents[doc_id] = incremental.Document(doc_id, f"content-{number}", f"部门 {number % 9}", f"unit-{number}")
        before.files[f"/input/{number}/财政局's table.csv"] = (f"stamp-{number}", f"sha-{number}")
        before.aliases[f"/input/{number}/aliases.csv"] = {f"部门 {number % 9}": f"sha-{number}"}
    after = incremental.State("new", "intake-new", dict(before.documents), dict(before.files), dict(before.aliases))
    del after.aliases["/input/4/aliases.csv"]
    after.aliases["/input/5/aliases.csv"] = {"部门 5": "sha-5", "部门 '新'": "sha-new"}
    after.aliases["/input/400/aliases.csv"] = {"部门 新": "sha-400"}
    for number in (3, 150):  # removed
        del after.documents[f"doc-{number:04d}"], after.files[f"/input/{number}/财政局's table.csv"]
    after.documents["doc-0007"] = incremental.Document("doc-0007", "content-changed", "部门 7", "unit-7")
    after.documents["doc-0008"] = incremental.Document("doc-0008", "content-8", "部门 8", "unit-8", "quarantined")
    after.files["/input/9/财政局's table.csv"] = ("stamp-new", "sha-new")
    for number in (300, 301):  # added
        after.documents[f"doc-{number:04d}"] = incremental.Document(f"doc-{number:04d}", "c", "部门 新", "")
        after.files[f"/input/{number}/财政局's table.csv"] = ("stamp", "sha")
    with duckdb.connect(str(database)) as connection:
        incremental.write_state(connection, before)
        incremental.write_state(connection, after, before)
        incremental.write_batch(connection, None)
        batch = [doc_id for (doc_id,) in connection.execute("select doc_id from build.batch order by doc_id").fetchall()]
        counts = connection.execute(
            "select (select count(*) from build.documents), (select count(*) from build.files), "
            "(select count(*) from build.aliases)"
        ).fetchone()
    again = incremental.read_state(database)
    assert again is not None
    assert (again.fingerprint, again.intake) == ("new", "intake-new")
    assert again.documents == after.documents and again.files == after.files and again.aliases == after.aliases
    assert counts == (len(after.documents), len(after.files), sum(len(by) for by in after.aliases.values()))
    assert batch == sorted(incremental.loaded(after.documents)) and "doc-0008" not in batch
    # a state recorded before aliases files were: read back with none, and written over with all of them
    with duckdb.connect(str(database)) as connection:
        incremental.write_state(connection, before)
        connection.execute("drop table build.aliases")
    older = incremental.read_state(database)
    assert older is not None and older.aliases == {}
    with duckdb.connect(str(database)) as connection:
        incremental.write_state(connection, after, older)
    again = incremental.read_state(database)
    assert again is not None and again.aliases == after.aliases and again.files == after.files


def test_each_kind_of_build_keeps_its_own_dbt_parse_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """dbt keeps one partial-parse state per target folder, and parses the project whole when the vars or the
    profile changed since: each kind of build (vars, database) keeps its own state, so that builds of the shipped
    documents and of a folder, one after the other, each parse only what changed."""
    from budget_warehouse import publish

    monkeypatch.setenv("BUDGET_PARSE_STATES", str(tmp_path / "states"))
    monkeypatch.setenv("BUDGET_DUCKDB_PATH", "target/paths/database/budget.duckdb")
    shipped = publish.parse_state(publish.dbt_selection(None, "acknowledged")[:2])
    folder = publish.parse_state(publish.dbt_selection("target/paths/input", "report")[:2])
    strict = publish.parse_state(publish.dbt_selection("target/paths/input", "strict")[:2])
    assert len({shipped, folder, strict}) == 3 and shipped.parent == tmp_path / "states"
    assert publish.parse_state(publish.dbt_selection(None, "acknowledged")[:2]) == shipped
    monkeypatch.setenv("BUDGET_DUCKDB_CHECKPOINT_THRESHOLD", publish.ADD_CHECKPOINT_THRESHOLD)
    added = publish.parse_state(publish.dbt_selection(None, "acknowledged")[:2])
    assert added != shipped
    monkeypatch.setenv("BUDGET_DUCKDB_CHECKPOINT_THRESHOLD", publish.CHECKPOINT_THRESHOLD)
    assert publish.parse_state(publish.dbt_selection(None, "acknowledged")[:2]) not in (shipped, added)
    monkeypatch.delenv("BUDGET_DUCKDB_CHECKPOINT_THRESHOLD")
    monkeypatch.setenv("BUDGET_DUCKDB_PATH", "target/paths/database/real.duckdb")
    assert publish.parse_state(publish.dbt_selection(None, "acknowledged")[:2]) != shipped
    # what dbt wrote into its target folder becomes the kind's state, whole; nothing written, nothing kept
    written = tmp_path / "target/partial_parse.msgpack"
    publish.keep_parse_state(written, shipped)
    assert not shipped.exists()
    written.parent.mkdir()
    written.write_bytes(b"state one")
    publish.keep_parse_state(written, shipped)
    written.write_bytes(b"state two")
    publish.keep_parse_state(written, shipped)
    assert shipped.read_bytes() == b"state two" and sorted(p.name for p in shipped.parent.iterdir()) == [shipped.name]


def test_dbt_is_given_the_same_paths_wherever_a_build_puts_its_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The candidate and the bulk folder are wherever a build puts them; dbt is given links of fixed names to them
    in the target folder (publish.DbtPaths), so that its profile and vars, and with them its partial parse, are
    the same from build to build. A second build with the same target folder fails at once, saying so."""
    from budget_warehouse import publish

    monkeypatch.chdir(tmp_path)
    given = []
    for where in ("one", "two"):
        (tmp_path / where / intake.BULK_FOLDER).mkdir(parents=True)
        (tmp_path / where / "budget.duckdb").write_bytes(where.encode())
        paths = publish.DbtPaths("target")
        try:
            given.append((paths.link("database", tmp_path / where), paths.link("input", tmp_path / where / intake.BULK_FOLDER)))
            # the links lead to this build's files
            assert (tmp_path / given[-1][0] / "budget.duckdb").read_bytes() == where.encode()
            assert (tmp_path / given[-1][1]).resolve() == (tmp_path / where / intake.BULK_FOLDER).resolve()
            with pytest.raises(publish.BuildError, match="another build is using dbt's target folder target"):
                publish.DbtPaths("target")
        finally:
            paths.close()
    assert given[0] == given[1] == ("target/paths/database", "target/paths/input")
    assert sorted(p.name for p in (tmp_path / "target/paths").iterdir()) == [".lock", "database", "input"]


def test_the_published_file_is_copied_whole_or_stopped_between_two_chunks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An incremental build copies the published file in a thread, in chunks, from before it reads the folder
    (publish.PublishedCopy): the copy is the file, byte for byte (also where the filesystem refuses sendfile),
    made durable (fdatasync) in the same thread, and each chunk of the published file is dropped from the page
    cache once copied; a copy stopped (a build that failed) stops at the end of its chunk, and is not made
    durable, and one cancelled (nothing to do) leaves no file."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    from budget_warehouse import publish

    monkeypatch.setattr(publish.PublishedCopy, "CHUNK", 2**20)
    published, candidate = tmp_path / "published.duckdb", tmp_path / "candidate.duckdb"
    published.write_bytes(hashlib.sha256(b"seed").digest() * (3 * 2**15 + 7))  # three chunks and 224 bytes
    synced: list[int] = []  # the inodes made durable
    dropped: list[tuple[int, int, int]] = []  # (inode, offset, length) dropped from the page cache
    fdatasync, fadvise = os.fdatasync, os.posix_fadvise

    def recording_fdatasync(fd: int) -> None:
        synced.append(os.fstat(fd).st_ino)
        fdatasync(fd)

    def recording_fadvise(fd: int, offset: int, length: int, advice: int) -> None:
        if advice == os.POSIX_FADV_DONTNEED:
            dropped.append((os.fstat(fd).st_ino, offset, length))
        fadvise(fd, offset, length, advice)

    monkeypatch.setattr(publish.os, "fdatasync", recording_fdatasync)
    monkeypatch.setattr(publish.os, "posix_fadvise", recording_fadvise)
    with ThreadPoolExecutor(max_workers=1) as executor:
        publish.PublishedCopy(published, candidate, executor).wait()
        assert sha256(candidate) == sha256(published)
        assert synced == [candidate.stat().st_ino]
        size, inode = published.stat().st_size, published.stat().st_ino
        assert dropped == [(inode, offset, min(2**20, size - offset)) for offset in range(0, size, 2**20)]
        synced.clear()

        # the filesystem refuses sendfile after the first chunk: the rest copied by reads and writes
        sendfile, sent = os.sendfile, []

        def refusing(out: int, source: int, offset: int, count: int) -> int:
            if sent:
                raise OSError(22, "Invalid argument")
            sent.append(count)
            return sendfile(out, source, offset, count)

        candidate.unlink()
        monkeypatch.setattr(publish.os, "sendfile", refusing)
        publish.PublishedCopy(published, candidate, executor).wait()
        assert sent == [2**20] and sha256(candidate) == sha256(published)
        assert synced == [candidate.stat().st_ino]
        synced.clear()

        # stopped during its first chunk: it ends with that chunk; cancelled: nothing is left
        copies: list[publish.PublishedCopy] = []

        def stopping(out: int, source: int, offset: int, count: int) -> int:
            copies[0].stopped.set()
            return sendfile(out, source, offset, count)

        candidate.unlink()
        monkeypatch.setattr(publish.os, "sendfile", stopping)
        # made before it starts, so that the thread finds it
        copy = publish.PublishedCopy.__new__(publish.PublishedCopy)
        copies.append(copy)
        copy.__init__(published, candidate, executor)  # type: ignore[misc]
        copy.wait()
        assert candidate.stat().st_size == 2**20 and synced == []
        copy.cancel()
        assert not candidate.exists()


def test_the_replaced_published_file_is_removed_after_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The candidate replaces the published file by a rename, and the old file is freed after the build, by a
    process of its own (publish.replace_published): the build links the old file to a second name before the
    rename and hands that name to the remover, which it does not wait for. A remover that cannot be started:
    the build removes the old file itself; one that never finished: the next build does (remove_leftovers),
    leaving another published file's and the published file alone. The first publish has nothing to retire."""
    import os
    import subprocess
    import time

    from budget_warehouse import publish

    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    published, candidate = warehouse / "budget.duckdb", warehouse / "candidate.duckdb"
    started: list[list[str]] = []

    class Recording:
        def __init__(self, command: list[str], **options: Any) -> None:
            assert options["start_new_session"] is True
            started.append(command)

    monkeypatch.setattr(subprocess, "Popen", Recording)
    candidate.write_bytes(b"first")
    publish.replace_published(candidate, published)
    assert published.read_bytes() == b"first" and started == [] and not candidate.exists()

    old = published.stat().st_ino
    candidate.write_bytes(b"second")
    publish.replace_published(candidate, published)
    assert published.read_bytes() == b"second" and not candidate.exists()
    assert len(started) == 1
    retired = Path(started[0][-1])
    # the old file under its second name, not freed by the build: its only name now
    assert retired.parent == warehouse and retired.name.startswith(".retired-budget.duckdb.")
    assert retired.stat().st_ino == old and retired.stat().st_nlink == 1 and retired.read_bytes() == b"first"

    # the remover's own command removes it, in a process the build does not wait for
    monkeypatch.undo()
    publish.remove_later(retired)
    deadline = time.monotonic() + 30
    while retired.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not retired.exists()

    # a remover that cannot be started: removed at once
    def refusing(command: list[str], **options: Any) -> None:
        raise FileNotFoundError(2, "No such file or directory", command[0])

    monkeypatch.setattr(subprocess, "Popen", refusing)
    candidate.write_bytes(b"third")
    publish.replace_published(candidate, published)
    assert published.read_bytes() == b"third"
    assert sorted(path.name for path in warehouse.iterdir()) == ["budget.duckdb"]

    # a remover that never finished, and a killed build's candidate folder: the next build removes them
    (warehouse / f".retired-budget.duckdb.{os.getpid() + 1}").write_bytes(b"left")
    (warehouse / ".retired-other.duckdb.7").write_bytes(b"another published file's")
    (warehouse / ".next-build").mkdir()
    (warehouse / ".next-build" / "budget.duckdb").write_bytes(b"killed")
    publish.remove_leftovers(published)
    assert sorted(path.name for path in warehouse.iterdir()) == [".retired-other.duckdb.7", "budget.duckdb"]
