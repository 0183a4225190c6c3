"""A document added costs one document: what a build must (re)compute, and in which batches.

A published warehouse records how it was built (schema ``build``): the fingerprint of the code and
reference data that made it, the folder and kind of input it read, and each document it holds with the
fingerprint of its content (``build.documents``). ``make build DOCS=folder`` (or ``INPUT=folder``) on the
same folder with the same code then rebuilds only what changed:

* the documents added, replaced (new content) or removed, and those a quarantine left out before (tried
  again, as a full build would);
* with them every document of the same department, old or new: a 单位 document's coverage by its 部门
  document (``int_documents_covered``) and a bulk load's unit-name aliases are decided per department, so
  a department's documents are always recomputed together;
* and every document read from the same files (a bulk folder holding several documents).

Everything else is left as it is: the candidate is a copy of the published file, and the models that hold
one document's rows are incremental by ``doc_id`` (``macros/batch.sql``); the models across documents are
recomputed set-wise. A change of code or reference seeds, of the folder, of the kind of build or of its
findings policy, ``FULL=1``, or no published warehouse, makes a full build.

A build of many documents (full or incremental) runs in batches of whole departments, at most
``BUDGET_BATCH_DOCUMENTS`` documents each (default 1,000), one after the other on the same candidate: the
memory a batch needs does not grow with the folder.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import operator
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from budget_warehouse import intake

PROJECT = Path(__file__).resolve().parents[2]
# what makes the warehouse from the documents: a change of any of these makes a full build
CODE = [
    "dbt_project.yml",
    "profiles.yml",
    "requirements.txt",
    "models",
    "macros",
    "tests/generic",
    "tests/*.sql",
    "seeds",
    "templates",
    "src/budget_warehouse",
]
# modules that only read a published warehouse: a change of these changes no document's rows
READERS_ONLY = {"bench.py", "corpus.py", "docs.py", "export.py", "metrics.py", "readings.py", "report.py", "synth.py"}
BATCH_DOCUMENTS = 1000
# the aliases of unit names a bulk folder brings, gathered into one file for every batch
ALIASES = "budget_unit_aliases.csv"


def batch_limit() -> int:
    return max(1, int(os.environ.get("BUDGET_BATCH_DOCUMENTS", BATCH_DOCUMENTS)))


def code_files(project: Path = PROJECT) -> list[Path]:
    found: set[Path] = set()
    for pattern in CODE:
        for path in project.glob(pattern):
            if path.is_dir():
                found.update(p for p in path.rglob("*") if p.is_file())
            elif path.is_file():
                found.add(path)
    return sorted(
        p
        for p in found
        if "__pycache__" not in p.parts and p.suffix != ".pyc" and not (p.suffix == ".py" and p.name in READERS_ONLY)
    )


def code_fingerprint(project: Path = PROJECT) -> str:
    """The sha256 of every file that makes the warehouse from the documents (names and contents)."""
    digest = hashlib.sha256()
    for path in code_files(project):
        digest.update(str(path.relative_to(project)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def build_fingerprint(kind: str, folder: Path | None, policy: str, project: Path = PROJECT) -> str:
    """What a published warehouse must have been built with for a build to add to it: the code, the kind of
    input (shipped, docs, input), the folder, the findings policy."""
    where = str(folder.resolve()) if folder is not None else ""
    return hashlib.sha256(f"{code_fingerprint(project)}|{kind}|{where}|{policy}".encode()).hexdigest()


@dataclass(frozen=True)
class Document:
    """A document of the build: its id, the fingerprint of everything its rows are made of, its department
    (documents are recomputed a department at a time), and the files it is read from (a unit)."""

    doc_id: str
    content: str
    department: str
    unit: str
    status: str = "loaded"  # or 'quarantined' (left out of the marts by the build that recorded it)


@dataclass
class State:
    """How a published warehouse was built (schema build)."""

    fingerprint: str
    intake: str  # the sha256 of the intake report's rows (ingest.intake)
    documents: dict[str, Document] = field(default_factory=dict)
    # a PDF's path -> its stamp (intake.file_stamp), sha256; a bulk folder's unit or aliases file: BulkFolder
    files: dict[str, tuple[str, str]] = field(default_factory=dict)
    # a bulk folder's aliases files: path -> the sha256 of its rows of each department (BulkFolder.alias_digests)
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)


def read_state(published: Path) -> State | None:
    """The build state of a published warehouse, or None (no file, or a file built before it was recorded)."""
    import duckdb

    if not published.exists():
        return None
    try:
        with duckdb.connect(str(published), read_only=True) as connection:
            names = {
                name
                for (name,) in connection.execute("select table_name from duckdb_tables() where schema_name = 'build'").fetchall()
            }
            if not {"state", "documents", "files"} <= names:
                return None
            (fingerprint, intake_sha), *_ = connection.execute("select fingerprint, intake_sha256 from build.state").fetchall()
            state = State(fingerprint, intake_sha)
            for doc_id, content, department, unit, status in connection.execute(
                "select doc_id, content_sha256, department_name, unit, status from build.documents"
            ).fetchall():
                state.documents[doc_id] = Document(doc_id, content, department, unit, status)
            for path, stamp, sha in connection.execute("select path, stamp, sha256 from build.files").fetchall():
                state.files[path] = (stamp, sha)
            if "aliases" in names:
                for path, department, sha in connection.execute(
                    "select path, department_name, sha256 from build.aliases"
                ).fetchall():
                    state.aliases.setdefault(path, {})[department] = sha
            return state
    except (duckdb.Error, ValueError):
        return None


def write_state(connection, state: State, previous: State | None = None) -> None:
    """Record the build in schema build of the candidate (replacing what the published file recorded).

    previous: what the candidate already records (an incremental build's copy of the published file): only the
    documents, files and aliases files whose rows differ are deleted and inserted, not the rows of every document
    and file again (180,000 files at 10,000 documents: 2.4 s an added document)."""
    connection.execute("create schema if not exists build")
    connection.execute(
        "create or replace table build.state "
        "(fingerprint varchar, intake_sha256 varchar, built_at timestamp, batch_documents integer)"
    )
    connection.execute(
        f"insert into build.state values ({intake.literal(state.fingerprint)}, {intake.literal(state.intake)}, "
        f"current_timestamp, {batch_limit():d})"
    )
    if previous is None:
        connection.execute(
            "create or replace table build.documents "
            "(doc_id varchar primary key, content_sha256 varchar, department_name varchar, unit varchar, status varchar)"
        )
        connection.execute("create or replace table build.files (path varchar, stamp varchar, sha256 varchar)")
        connection.execute(f"create or replace table {ALIASES_TABLE}")
        connection.execute(
            "comment on table build.documents is 'How this warehouse was built: each document, the fingerprint of its "
            "content and its department (src/budget_warehouse/incremental.py)'"
        )
    # a state recorded before aliases files were has no such table, and read_state gave it none: all are written
    connection.execute(f"create table if not exists {ALIASES_TABLE}")
    for table, key, part in STATE_TABLES:
        now, before = getattr(state, part), getattr(previous, part) if previous is not None else {}
        stale = [name for name, value in before.items() if now.get(name) != value]
        if len(stale) > LITERAL_ROWS:
            connection.execute(f"delete from {table} where {key} in (select unnest(?::varchar[]))", [stale])
        elif stale:
            connection.execute(f"delete from {table} where {key} in ({', '.join(map(intake.literal, stale))})")
        changed = {name: value for name, value in now.items() if before.get(name) != value}
        insert_rows(connection, table, state_rows(part, changed))


# a bulk folder's aliases files, a row a department each names (State.aliases)
ALIASES_TABLE = "build.aliases (path varchar, department_name varchar, sha256 varchar)"
# the tables of a build's state (write_state), each with the key its rows are compared by and the State field
# that holds them
STATE_TABLES = (
    ("build.documents", "doc_id", "documents"),
    ("build.files", "path", "files"),
    ("build.aliases", "path", "aliases"),
)


def state_rows(part: str, values: dict) -> list[tuple[str, ...]]:
    """The rows of a State field's values (by their key), as write_state writes them: a document's row, a
    file's, an aliases file's rows (one a department it names)."""
    if part == "documents":
        return [(d.doc_id, d.content, d.department, d.unit, d.status) for d in values.values()]
    if part == "files":
        return [(path, stamp, sha) for path, (stamp, sha) in values.items()]
    return [(path, name, sha) for path, by in values.items() for name, sha in sorted(by.items())]


def write_batch(connection, doc_ids: Iterable[str] | None) -> None:
    """The documents the next dbt step recomputes (build.batch): the batch's, or every document's (a build of
    them all at once, and after the build; the views of one document's rows read it). None: every document
    build.documents records as loaded (after the build, from the state write_state has just written)."""
    connection.execute("create schema if not exists build")
    connection.execute("create or replace table build.batch (doc_id varchar primary key)")
    if doc_ids is None:
        connection.execute("insert into build.batch select doc_id from build.documents where status = 'loaded' order by doc_id")
        return
    insert_rows(connection, "build.batch", [(doc_id,) for doc_id in sorted(set(doc_ids))])


def loaded(documents: dict[str, Document]) -> list[str]:
    """The documents of a build that are loaded (not quarantined): every one a build of them all recomputes."""
    return [d.doc_id for d in documents.values() if d.status == "loaded"]


# DuckDB's Python client imports pandas (0.25 s, once a process) the first time a statement is given parameters:
# the few rows and values of a build that adds a document are written into the statement as literals instead, and
# only many rows (a full build's 180,000 files, which a literal statement would take seconds to parse) are given as
# parameters.
LITERAL_ROWS = 1000


def insert_rows(connection, table: str, rows: list[tuple[str | None, ...]]) -> None:
    """Rows of text into a table in one statement, a list per column unnested side by side (executemany runs a
    statement per row: 8 s for the 1,000 documents of a build, where this takes a few milliseconds); up to
    LITERAL_ROWS rows as literal values."""
    if not rows:
        return
    if len(rows) <= LITERAL_ROWS:
        values = ", ".join("(" + ", ".join(map(intake.literal, row)) + ")" for row in rows)
        connection.execute(f"insert into {table} values {values}")
        return
    columns = list(zip(*rows, strict=True))
    unnested = ", ".join("unnest(?::varchar[])" for _ in columns)
    connection.execute(f"insert into {table} select {unnested}", [list(column) for column in columns])


@dataclass
class Plan:
    """What a build does: every document in batches (full), only what changed (incremental), or nothing."""

    kind: str  # 'full', 'incremental' or 'nothing'
    batches: list[set[str]]
    changed: set[str] = field(default_factory=set)
    reason: str = ""

    @property
    def scoped(self) -> bool:
        """Whether a batch is loaded into a file that holds other documents (an incremental build, or a full one in
        several batches), rather than every document into a fresh file at once."""
        return self.kind == "incremental" or len(self.batches) > 1


def plan(
    previous: State | None,
    fingerprint: str,
    documents: dict[str, Document],
    intake_sha: str,
    full: bool = False,
    limit: int | None = None,
) -> Plan:
    """Full, incremental or nothing, and the batches: whole departments, whole units, at most limit documents
    each where that can be."""
    limit = limit or batch_limit()
    if full or previous is None or previous.fingerprint != fingerprint:
        reason = (
            "FULL=1"
            if full
            else "no published warehouse built by this code from this folder"
            if previous is None
            else "the code, the reference data, the folder or the findings policy changed since the published build"
        )
        every = set(loaded(documents))
        return Plan("full", batches(every, documents, {}, limit), set(every), reason)
    old, new = previous.documents, documents
    changed = {
        doc_id
        for doc_id in set(old) | set(new)
        if doc_id not in old
        or doc_id not in new
        or old[doc_id].content != new[doc_id].content
        or old[doc_id].status != "loaded"
        or new[doc_id].status != "loaded"
    }
    if not changed and previous.intake == intake_sha:
        return Plan("nothing", [], set(), "no document added, replaced or removed")
    touched = expand(changed, old, new)
    return Plan("incremental", batches(touched, new, old, limit) or [set()], changed, f"{len(changed)} document(s) changed")


def expand(changed: set[str], old: dict[str, Document], new: dict[str, Document]) -> set[str]:
    """The changed documents, and every document of their departments (old and new) and of their files."""
    departments = {d.department for doc_id in changed for d in (old.get(doc_id), new.get(doc_id)) if d is not None}
    units = {d.unit for doc_id in changed for d in (old.get(doc_id), new.get(doc_id)) if d is not None}
    touched = set(changed)
    for documents in (old, new):
        touched.update(doc_id for doc_id, d in documents.items() if d.department in departments or d.unit in units)
    return touched


def batches(doc_ids: set[str], documents: dict[str, Document], others: dict[str, Document], limit: int) -> list[set[str]]:
    """The documents in batches of at most limit, a department and a unit never split (components of the
    relation 'same department or same files', packed in order)."""
    parent: dict[str, str] = {doc_id: doc_id for doc_id in doc_ids}

    def find(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    by_key: dict[tuple[str, str], str] = {}
    for doc_id in sorted(doc_ids):
        d = documents.get(doc_id) or others.get(doc_id)
        keys = [("department", d.department), ("unit", d.unit)] if d is not None else []
        for key in keys:
            if key in by_key:
                parent[find(doc_id)] = find(by_key[key])
            else:
                by_key[key] = doc_id
    components: dict[str, set[str]] = {}
    for doc_id in sorted(doc_ids):
        components.setdefault(find(doc_id), set()).add(doc_id)
    result: list[set[str]] = []
    for component in sorted(components.values(), key=lambda c: min(c)):
        if result and len(result[-1]) + len(component) <= limit:
            result[-1] |= component
        else:
            result.append(set(component))
    return result


def content_of(outcome: intake.Outcome, stamp: str) -> str:
    """A document read by the intake: its file's sha256 and the reader's fingerprint (which fix what the cache
    holds for it), and what the folder changes in it: its identity (a pair's narrative gives it), its file's
    path, its claims (a pair's narrative's are merged in)."""
    result = outcome.result or {}
    changed_by_folder = {
        "document": result.get("document"),
        "claims": result.get("claims"),
        "reason": outcome.reason,
        "message": outcome.message,
    }
    text = json.dumps(changed_by_folder, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{outcome.sha256}|{stamp}|{text}".encode()).hexdigest()


def intake_documents(summary: intake.IntakeSummary, seed_documents: Iterable[tuple[str, str]] = ()) -> dict[str, Document]:
    """The documents of an intake (and the seed document, from the committed seeds, in a build of the
    shipped documents): the loaded ones, and the quarantined ones marked so."""
    stamp = intake.fingerprint()
    documents: dict[str, Document] = {}
    for doc_id, department in seed_documents:
        documents[doc_id] = Document(doc_id, "seeds", department, "seeds")
    for outcome in summary.outcomes:
        if outcome.result is None or (outcome.status != "loaded" and outcome.reason != "quarantined"):
            continue
        department = str(outcome.result.get("document", {}).get("department_name") or "")
        status = "loaded" if outcome.status == "loaded" else "quarantined"
        documents[outcome.doc_id] = Document(outcome.doc_id, content_of(outcome, stamp), department, str(outcome.path), status)
    return documents


def seed_documents(project: Path = PROJECT) -> list[tuple[str, str]]:
    """The committed seed document(s): doc_id and department."""
    path = project / "seeds/document/documents.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        return [(row["doc_id"], row["department_name"]) for row in csv.DictReader(handle)]


def intake_sha(path: Path) -> str:
    """The fingerprint of the intake report the build loads (ingest.intake), without how this build read each file
    (seconds, from the cache or not)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [{k: v for k, v in row.items() if k not in ("read_seconds", "from_cache")} for row in csv.DictReader(handle)]
    return hashlib.sha256(json.dumps(sorted(rows, key=lambda r: r["file_path"]), ensure_ascii=False).encode()).hexdigest()


def load_ingest(connection, out: Path, whole: bool) -> None:
    """Schema ingest of the candidate from the intake's CSV files in out (intake.write_outputs), with exact types
    (intake.TYPES): whole, every document's rows, the tables made anew; else the rows of the batch's documents
    replaced by those read now (none for a document removed). The intake report, of every file, is replaced
    whole."""
    connection.execute("create schema if not exists ingest")
    for name in intake.TYPES:
        read = intake.read_sql(name, out / f"{name}.csv")
        load_table(connection, f"ingest.{name}", read, whole, per_document=name != intake.REPORT)


def load_table(connection, table: str, read: str, whole: bool, per_document: bool) -> None:
    """A table the build loads, from the query that reads its files. A table of documents' rows is written in the
    order of its documents, as the models' rows are (macros/incremental_view.sql: a build that reads one document's
    rows skips the row groups of the others); whole, made anew; else its rows of the batch's documents
    (build.batch) replaced, the table made first, empty, in a fresh file (the first batch of a build in several).
    Any other table (one row per file, per department) is replaced whole."""
    if whole or not per_document:
        order = " order by doc_id" if per_document else ""
        connection.execute(f"create or replace table {table} as {read}{order}")
        return
    connection.execute(f"create table if not exists {table} as {read} limit 0")
    connection.execute(f"delete from {table} where doc_id in (select doc_id from build.batch)")
    connection.execute(f"insert into {table} {read} order by doc_id")


def input_seeds(project: Path = PROJECT) -> dict[str, dict[str, str]]:
    """The seeds a bulk build's files stand for (publish.dbt_selection leaves them out: seeds/document, and the unit
    aliases) -> their columns and declared types (seeds/_seeds.yml), the tables of source budget_document."""
    from budget_warehouse import validate

    declared = validate.declared_seeds(project)
    names = sorted(path.stem for path in (project / "seeds/document").glob("*.csv")) + [Path(ALIASES).stem]
    return {name: declared[name] for name in names}


def load_input(connection, folder: Path, whole: bool, project: Path = PROJECT) -> None:
    """Schema input of the candidate from a bulk build's folder (the batch's files, Inputs.write): every file
    <seed>.csv under folder, read as the seed's declared columns, into table input.<seed>, the staging models' source
    (macros/document_input.sql). whole: every document's rows, the tables made anew; else the rows of the batch's
    documents (build.batch, written before) replaced, a removed document's deleted (load_table). The unit aliases,
    every department's in the one file each batch brings, are replaced whole."""
    connection.execute("create schema if not exists input")
    for name, columns in input_seeds(project).items():
        spec = ", ".join(f"'{column}': '{kind}'" for column, kind in columns.items())
        files = intake.literal(f"{folder}/**/{name}.csv")
        read = f"select * from read_csv({files}, header = true, auto_detect = false, columns = {{{spec}}})"
        load_table(connection, f"input.{name}", read, whole, per_document="doc_id" in columns)


# --- a bulk folder (INPUT=folder): each document's folder is the unit a build reads and compares


@dataclass
class BulkUnit:
    """A folder of a bulk load holding documents.csv: its CSV files (aliases apart) are its documents' rows."""

    root: str  # the folder's path, under the bulk folder as resolved once (the Documents' unit)
    names: list[str]  # its files' paths, under the bulk folder as resolved once
    doc_ids: list[str]
    departments: dict[str, str]  # doc_id -> department_name
    stamp: str  # the sha256 of its files' paths (under the root) and stamps (unit_digest)

    @property
    def files(self) -> list[Path]:
        return [Path(name) for name in self.names]


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class FolderScan:
    """A bulk folder's CSV files (csv_files), each with its stamp (intake.file_stamp), by path under the folder as
    resolved once, in the order of their paths' parts; the aliases files apart, and the others by the nearest
    folder above them that holds a documents.csv (their unit's root) or, held by none, shared."""

    root: str  # the folder, resolved once
    stamps: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # every file but the aliases files
    roots: dict[str, list[str]] = field(default_factory=dict)  # a unit's root -> its files
    shared: list[str] = field(default_factory=list)


def csv_files(folder: Path) -> FolderScan:
    """Every CSV file under folder (recursively, folders linked to followed; a hidden file left out): one directory
    listing a folder and one stat a file, not a path object, a resolution and two stats each (the files of 10,000
    documents are 180,000), each file put in its unit as it is found. Each folder's entries are visited in the
    order of their names, a folder's files before the next entry's: the order of the paths' parts, without
    splitting and sorting 180,000 paths."""
    scan = FolderScan(str(folder.resolve()))
    stamp_of, by_name = intake.stamp_of, operator.attrgetter("name")

    def visit(path: str, unit: list[str]) -> None:
        with os.scandir(path) as listing:
            entries = sorted(listing, key=by_name)
        for entry in entries:
            if entry.name == "documents.csv" and entry.is_file():
                unit = scan.roots[path] = []
                break
        for entry in entries:
            name = entry.name
            if entry.is_dir():
                visit(entry.path, unit)
            elif name.endswith(".csv") and not name.startswith(".") and entry.is_file():
                scan.stamps[entry.path] = stamp_of(entry.stat())
                if name == ALIASES:
                    scan.aliases.append(entry.path)
                else:
                    scan.tables.append(entry.path)
                    unit.append(entry.path)

    visit(scan.root, scan.shared)
    return scan


def concatenate_csv(paths: Iterable[str | Path], out: Path, empty_header: str) -> None:
    """The rows of CSV files of the same columns in one file, under the first file's header (empty_header when no
    file has one). A file whose header line is that one, its lines ending in LF, is copied as it is (10,000
    aliases files at 10,000 documents: a third of the time of reading and writing their rows; a blank line, which
    the csv module and DuckDB both skip, copied too); any other is read and written by column names, in the first
    header's order (a column it lacks left empty)."""
    header: bytes | None = None
    fieldnames: list[str] = []
    with open(out, "wb") as handle:
        for path in paths:
            with open(path, "rb") as source:
                data = source.read()
            first, _, body = data.partition(b"\n")
            if first == header and b"\r" not in data:
                handle.write(body if not body or body.endswith(b"\n") else body + b"\n")
                continue
            reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
            if not reader.fieldnames:
                continue
            text = io.StringIO(newline="")
            writer = csv.DictWriter(text, fieldnames=fieldnames or list(reader.fieldnames), lineterminator="\n")
            if header is None:
                fieldnames = list(reader.fieldnames)
                writer.writeheader()
                header = text.getvalue().rstrip("\n").encode()
            writer.writerows(reader)
            handle.write(text.getvalue().encode())
        if header is None:
            handle.write(f"{empty_header}\n".encode())


def unit_digest(root: str, names: list[str], value: Callable[[str], str]) -> str:
    """The sha256 of a unit's files' paths (under its root), each with a value of the file, in order: their stamps
    (the unit's stamp, which changes when a file of the unit is added, removed, renamed or written) or their
    sha256s (what its documents' content is computed from)."""
    start = len(root) + 1
    return sha256_text("".join([f"{name[start:]}|{value(name)}\n" for name in names]))


class BulkFolder:
    """A folder of CSV files in the seeds' schema (make build INPUT=…): one set per document in subfolders (the
    layout a build can add to document by document), or all documents concatenated (one unit).

    The build state records it (files) a row per unit, not per file: the unit's folder, its stamp (unit_digest
    of its files' stamps) and the sha256 of its files' paths and sha256s, which its documents' content is
    computed from; and a row per aliases file (its stamp and sha256). At 10,000 documents that is 20,000 rows,
    not 190,000, to read back, compare and write again in every build that adds to it."""

    def __init__(self, folder: Path, previous: State | None = None) -> None:
        """folder scanned (its files' stamps) and split into units; previous: the build state of the warehouse
        built from it, whose record of a unit or aliases file whose stamp is the same stands for reading its
        files again (their sha256s, a unit's documents and their departments)."""
        self.previous_files = previous.files if previous else {}
        self.previous_aliases = previous.aliases if previous else {}
        self._digests: dict[str, dict[str, str]] = {}  # alias_digests, as documents() computed them
        self.files: dict[str, tuple[str, str]] = {}
        scan = csv_files(folder)
        self.stamps = scan.stamps
        self.aliases = scan.aliases
        # each unit's files, the units in the order of their roots' depth and names
        owner = {root: scan.roots[root] for root in sorted(scan.roots, key=lambda name: (name.count(os.sep), name))}
        if scan.shared or not owner:
            # files no document's folder holds (a concatenated load): the whole folder is one unit
            owner = {scan.root: scan.tables}
        recorded: dict[str, dict[str, str]] = {}
        for document in previous.documents.values() if previous else ():
            recorded.setdefault(document.unit, {})[document.doc_id] = document.department
        self.units: list[BulkUnit] = []
        for root, names in owner.items():
            stamp = unit_digest(root, names, self.stamps.__getitem__)
            departments = recorded.get(root, {}) if self.record_of(root, stamp) is not None else {}
            if not departments:
                for name in names:
                    if name.endswith(f"{os.sep}documents.csv"):
                        with open(name, encoding="utf-8", newline="") as handle:
                            rows = csv.DictReader(handle)
                            departments.update({row["doc_id"]: row.get("department_name") or "" for row in rows})
            self.units.append(BulkUnit(root, names, sorted(departments), departments, stamp))
        self._documents: dict[str, Document] | None = None
        self.linked: set[str] = set()  # the roots of the units a batch folder linked (write)

    def record_of(self, key: str, stamp: str) -> str | None:
        """The sha256 the previous build recorded for a unit (its root) or an aliases file, if it recorded this
        stamp for it."""
        known = self.previous_files.get(key)
        return known[1] if known is not None and known[0] == stamp else None

    def unchanged(self, name: str) -> bool:
        """The aliases file's stamp is the one the previous build recorded for it."""
        return self.record_of(name, self.stamps[name]) is not None

    def changed_aliases(self) -> list[Path]:
        """The aliases files the previous build did not read as they are now (the build that recorded the others
        validated them)."""
        return [Path(name) for name in self.aliases if not self.unchanged(name)]

    def sha256(self, name: str) -> str:
        """An aliases file's sha256, from the previous build's record while the file's stamp is the same."""
        stamp = self.stamps[name]
        sha = self.record_of(name, stamp) or intake.sha256_of(Path(name))
        self.files[name] = (stamp, sha)
        return sha

    def alias_digests(self) -> dict[str, dict[str, str]]:
        """Each aliases file's rows of each department, as the sha256 of their lines (sorted): from the previous
        build's record while the file's stamp is the same, else read (10,000 files at 10,000 documents: an add
        reads the one it brings). Every file recorded (its stamp and sha256): a later build validates only the
        aliases files that changed."""
        digests: dict[str, dict[str, str]] = {}
        for name in self.aliases:
            self.sha256(name)
            known = self.previous_aliases.get(name) if self.unchanged(name) else None
            if known is None:
                lines: dict[str, list[str]] = {}
                with open(name, encoding="utf-8", newline="") as handle:
                    for row in csv.DictReader(handle):
                        line = json.dumps(row, sort_keys=True, ensure_ascii=False)
                        lines.setdefault(row.get("department_name") or "", []).append(line)
                known = {department: sha256_text("\n".join(sorted(rows))) for department, rows in lines.items()}
            digests[name] = known
        return digests

    @property
    def digests(self) -> dict[str, dict[str, str]]:
        """Each aliases file's digests per department (alias_digests), as the documents' content was computed
        from them (the build state records them)."""
        self.documents()
        return self._digests

    def documents(self) -> dict[str, Document]:
        """Each document of the folder, its content the files of its unit and its department's aliases (computed
        once: the build plans with them and records them)."""
        if self._documents is None:
            self._documents = self.read_documents()
        return self._documents

    def read_documents(self) -> dict[str, Document]:
        """A document's content: its unit's files (names and sha256s; the previous build's record of them while the
        unit's stamp is the same) and its department's aliases (the digests of the department's rows in every
        aliases file, sorted)."""
        self._digests = self.alias_digests()
        by_department: dict[str, list[str]] = {}
        for digests in self._digests.values():
            for department, sha in digests.items():
                by_department.setdefault(department, []).append(sha)
        aliases = {name: sha256_text("\n".join(sorted(shas))) for name, shas in by_department.items()}
        documents: dict[str, Document] = {}
        for unit in self.units:
            files = self.record_of(unit.root, unit.stamp) or unit_digest(
                unit.root, unit.names, lambda name: intake.sha256_of(Path(name))
            )
            self.files[unit.root] = (unit.stamp, files)
            for doc_id in unit.doc_ids:
                department = unit.departments[doc_id]
                content = sha256_text(f"{files}|{aliases.get(department, '')}")
                documents[doc_id] = Document(doc_id, content, department, unit.root)
        return documents

    def write(self, out: Path, doc_ids: set[str] | None) -> None:
        """The bulk folder a batch loads (load_input): links to the files of its documents (every
        document when doc_ids is None), every department's aliases in one file, and the seeds' headers (a
        batch may bring no document: a removal)."""
        from budget_warehouse import transcribe

        transcribe.write_bulk(out, [])
        concatenate_csv(self.aliases, out / ALIASES, "department_name,alias_name,unit_name")
        linking = FileLinks()
        for index, unit in enumerate(self.units):
            if doc_ids is not None and not doc_ids.intersection(unit.doc_ids):
                continue
            target = str(out / f"{index:06d}")
            self.linked.add(unit.root)
            root = len(unit.root) + 1
            made: set[str] = set()
            for name in unit.names:
                link = os.path.join(target, name[root:])
                if (parent := os.path.dirname(link)) not in made:
                    os.makedirs(parent, exist_ok=True)
                    made.add(parent)
                linking.link(name, link)

    def release(self, out: Path) -> None:
        """The batch folder (write) removed, and each unit it linked stamped again, before the build records
        its units (files): a hard link changes its file's change time when it is made and again when it is
        removed, so the stamps scanned before the build are no longer the files' after it, and the next build
        would hash every file the build linked again and read its documents.csv (after a full build of 10,000
        documents, 170,000 files: 9 s). A file whose size, modification time and inode are those scanned takes
        its new change time; a unit with a file that differs otherwise (written while the build ran) or is gone
        keeps the stamp scanned, which the next build finds changed."""
        shutil.rmtree(out, ignore_errors=True)
        for unit in self.units:
            stamps = self.relinked_stamps(unit) if unit.root in self.linked else None
            if stamps is None:
                continue
            self.stamps.update(stamps)
            unit.stamp = unit_digest(unit.root, unit.names, stamps.__getitem__)
            if unit.root in self.files:
                self.files[unit.root] = (unit.stamp, self.files[unit.root][1])
        self.linked.clear()

    def relinked_stamps(self, unit: BulkUnit) -> dict[str, str] | None:
        """A linked unit's files' stamps now, if each differs from the one scanned in its change time alone; else
        None (a file written or gone since the scan)."""
        stamps: dict[str, str] = {}
        for name in unit.names:
            try:
                now = intake.stamp_of(os.stat(name))
            except OSError:
                return None
            if not intake.same_but_change_time(now, self.stamps[name]):
                return None
            stamps[name] = now
        return stamps


class FileLinks:
    """A file given a second name, as a bulk folder's batch is (BulkFolder.write): a hard link, where the
    filesystem allows it (the same filesystem, a file this user may link), else a symbolic link. On ext4 a
    symbolic link to an absolute path longer than 60 bytes takes a block of its own: 0.2 to 0.6 ms each,
    the 17,000 files of a batch of 1,000 synthetic documents 3 to 11 s, of a build of 10,000 in ten batches
    about 80 s; a hard link, 8 microseconds. Once refused, every later file gets a symbolic link."""

    def __init__(self) -> None:
        self.hard = True

    def link(self, source: str, link: str) -> None:
        if self.hard:
            try:
                os.link(source, link)
                return
            except OSError:  # another filesystem (EXDEV), a file of another user (EPERM), too many links
                self.hard = False
        os.symlink(source, link)
