"""Build the warehouse into a fresh file and publish it only when every test passed.

``make build`` runs this.  DuckDB allows one writer or many readers of a file,
never both, and dbt-duckdb always opens read-write; so the build never touches
``warehouse/budget.duckdb``.  It builds ``warehouse/.next-build/budget.duckdb``,
runs ``dbt build`` (seeds, models, every data test) there, checks that the new
file opens read-only, and then replaces the published file by an atomic
rename.  A reader holding the old file keeps reading it; a reader opening the
path gets the new one; a failed or killed build leaves the published file as
it was.  A lock file makes a second concurrent build fail fast.
"""

from __future__ import annotations

import argparse
import fcntl
import gc
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from budget_warehouse import engines, failures, incremental, intake, plans, progress, quarantine, validate

PUBLISHED = Path("warehouse/budget.duckdb")
# the PDFs the project ships; `make build DOCS=folder` reads that folder instead
SHIPPED = Path("data/documents")
CACHE = Path("warehouse/.cache/intake")
# dbt's partial-parse state of each kind of build (parse_state()); BUDGET_PARSE_STATES: another folder
PARSE_STATES = Path("target/parse-states")
# documents listed one by one at the end of a build; the rest are counted
FINDINGS_SHOWN = 200


class BuildError(RuntimeError):
    """A step of the build failed; the message says which and why."""


class TestsFailed(BuildError):
    """'dbt test' failed (every model was built): a DOCS build may quarantine the documents the failing rows name."""


@contextmanager
def build_lock(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``directory/.build.lock`` or fail at once.

    flock is released by the kernel when the process dies, so a killed build
    leaves no stale lock behind.
    """
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / ".build.lock"
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildError(
                f"another build is running (pid {holder}, lock {path}); "
                "wait for it to finish, the published warehouse is not touched"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def candidate_path(published: Path) -> Path:
    """Where a build writes before publishing: a private folder beside the file.

    The file keeps the published name, because DuckDB names the catalog after
    the file and dbt's views refer to their tables through that catalog name;
    the folder is on the same filesystem, so the final rename is atomic. Its name is the same on every
    build (the build lock makes it private): dbt keeps its partial parse only while the profile, and so
    this path, is unchanged; a new path would cost a full parse on every build.
    """
    return published.parent / ".next-build" / published.name


def remove_leftovers(published: Path) -> None:
    """Delete the candidate folders of builds that were killed, and the retired files (retire) that no
    remover removed (we hold the lock)."""
    for leftover in published.parent.glob(".next-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in published.parent.glob(f".retired-{published.name}.*"):
        leftover.unlink(missing_ok=True)


def retire(published: Path) -> Path | None:
    """A second name for the published file, beside it (``.retired-<name>.<pid>``), made just before the
    candidate replaces it, or None (no published file yet, a link, or a filesystem without hard links).

    The rename then takes one of two names away and frees nothing; without it the rename frees the old file's
    blocks in the build's own time (ext4, 4 GB at 10,000 documents: 0.44 s of an added document's 10 s).
    remove_later frees them after the build. A reader holding the old file keeps it open either way."""
    if published.is_symlink() or not published.is_file():
        return None
    retired = published.with_name(f".retired-{published.name}.{os.getpid()}")
    try:
        retired.unlink(missing_ok=True)
        os.link(published, retired)
    except OSError:
        return None
    return retired


def replace_published(candidate: Path, published: Path) -> None:
    """The candidate made durable and renamed over the published file, atomically; the old file, if any, kept
    under a second name until then and removed after the build (retire, remove_later)."""
    with open(candidate, "rb+") as handle:
        os.fsync(handle.fileno())
    retired = retire(published)
    os.replace(candidate, published)
    fsync_directory(published.parent)
    if retired is not None:
        remove_later(retired)


def remove_later(path: Path) -> None:
    """path removed by a process of its own, at the lowest priority, which the build does not wait for (its
    output discarded; in a session of its own, so that a make or a terminal stopping does not stop it). If it
    cannot be started, path is removed here. A removal it never finishes (the machine stopped) is done by the
    next build (remove_leftovers)."""
    import subprocess

    command = ["nice", "-n", "19", "rm", "-f", "--", str(path)]
    quiet = subprocess.DEVNULL
    try:
        subprocess.Popen(command, stdin=quiet, stdout=quiet, stderr=quiet, start_new_session=True)
    except OSError:
        path.unlink(missing_ok=True)


def check_opens(database: Path) -> None:
    import duckdb

    with duckdb.connect(str(database), read_only=True) as connection:
        (count,) = connection.execute("select count(*) from information_schema.tables where table_schema = 'marts'").fetchone()
    if count == 0:
        raise BuildError(f"{database} has no tables in schema marts")


def fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def project_relative(path: Path, resolve: bool = True) -> str:
    """A path as it is shown and as dbt is given it: relative to the working directory, the project's, where it is
    inside it (the same in every copy of the project), else as it is. resolve: links followed first (a path to
    show); else the path as named (DbtPaths' links, which must stay links for dbt)."""
    if resolve:
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)
    absolute, here = os.path.abspath(path), os.getcwd()
    return os.path.relpath(absolute, here) if absolute.startswith(here + os.sep) else absolute


def dbt_selection(bulk: str | None, policy: str) -> list[str]:
    """The vars and selection of every dbt step; a bulk folder (bulk: its path as dbt is given it, DbtPaths: the
    build's own folder of a bulk load's files or the text renderings' seeds) replaces the document seeds."""
    variables: dict[str, str] = {"findings_policy": policy}
    if bulk is None:
        return ["--vars", json.dumps(variables)]
    variables["input_path"] = bulk
    return ["--vars", json.dumps(variables), "--exclude", "path:seeds/document", "budget_unit_aliases"]


class DbtPaths:
    """The paths dbt is given, the same in every build with the same target folder: links of fixed names in
    ``<target>/paths`` to the candidate's folder (the profile's database) and to the build's bulk folder (the var
    input_path). dbt keeps its partial parse only while its profile and vars are the same (parse_state), and the
    candidate and the bulk folder are wherever the build puts them (beside the published file, the file of
    ``--database``); through the links a build of the same kind parses only what changed, wherever it builds.
    The links are the build's own while it holds ``<target>/paths/.lock``: two builds at once with one target
    folder (dbt's own files would collide too) fail at once, saying so. DuckDB's own files (the write-ahead log)
    are beside the database file, in the candidate's folder, since the link is the folder's."""

    def __init__(self, target_path: str) -> None:
        self.folder = Path(target_path) / "paths"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lock = open(self.folder / ".lock", "a+")  # held until close()
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.lock.close()
            raise BuildError(
                f"another build is using dbt's target folder {target_path} (its lock {self.folder / '.lock'}); "
                "wait for it to finish, or give this one another --target-path"
            ) from None

    def link(self, name: str, to: Path) -> str:
        """A link of this name to a folder (made again, whole), as dbt is given it: relative to the project
        where it is inside it."""
        path = self.folder / name
        partial = self.folder / f".{name}.{os.getpid()}.tmp"
        partial.unlink(missing_ok=True)
        os.symlink(to.resolve(), partial, target_is_directory=True)
        os.replace(partial, path)
        return project_relative(path, resolve=False)

    def close(self) -> None:
        fcntl.flock(self.lock, fcntl.LOCK_UN)
        self.lock.close()


# what profiles.yml reads from the environment: a parse state is kept for each set of their values (parse_state)
PROFILE_VARIABLES = ("BUDGET_DUCKDB_PATH", "BUDGET_DUCKDB_MEMORY_LIMIT", "BUDGET_DUCKDB_CHECKPOINT_THRESHOLD")
# an add to a copy of the published file commits many small changes, and each checkpoint writes the metadata of
# every table (0.4 s at 10,000 documents): it checkpoints once, when the build is done (profiles.yml)
ADD_CHECKPOINT_THRESHOLD = "1GB"
CHECKPOINT_THRESHOLD = "16MB"  # DuckDB's own, every other build's
# dbt's threads in a build that adds to a copy of the published file (every other build: the profile's one). Its
# queries are small (an added document's rows), and dbt's own Python is most of each node's time: a second thread
# renders and records one node while DuckDB runs another's query (an added document at 1,000 documents: its
# models 0.5 s and its tests 0.25 s sooner, of 7.9 s). Three and four threads were no faster on two cores (they
# wait for Python's lock). DuckDB lets threads of one process write to different tables at once; dbt runs a
# model only once every model it reads is built. A full build keeps one: its queries use every core each. The
# memory limit is the file's, whatever the threads (profiles.yml).
ADD_THREADS = 2


def parse_state(variables: list[str]) -> Path:
    """Where dbt's partial-parse state of a kind of build is kept: one file per set of vars and profile (the
    database path, the memory limit, the checkpoint threshold: PROFILE_VARIABLES), in PARSE_STATES or
    BUDGET_PARSE_STATES. dbt keeps one state per target folder and parses the project whole when the vars or the
    profile differ from the last parse there; a build of the shipped documents after one of a folder (other
    vars), or a check beside a build (another database), would parse the project whole every time. dbt still
    checks a state it is given, file by file (a file changed since is parsed again; other vars or profile: the
    whole project)."""
    what = [variables, *(os.environ.get(name, "") for name in PROFILE_VARIABLES)]
    key = hashlib.sha256(json.dumps(what).encode()).hexdigest()[:16]
    return Path(os.environ.get("BUDGET_PARSE_STATES", PARSE_STATES)) / f"{key}.msgpack"


def keep_parse_state(written: Path, state: Path) -> None:
    """Keep the state dbt's parse has just written (in its target folder) as the state of its kind of build,
    replaced whole (another build may be reading it)."""
    if not written.is_file():
        return
    state.parent.mkdir(parents=True, exist_ok=True)
    partial = state.with_name(f"{state.name}.{os.getpid()}.tmp")
    shutil.copyfile(written, partial)
    os.replace(partial, state)


class Dbt:
    """dbt in this process, on one database: the project parsed once, then any number of steps (seed, run, test)
    with dbt's programmatic runner. The compiled SELECT of every model and data test it ran is kept (queries),
    for the plan check. A line says when each step begins (``started``: when the build began, for the time it
    has run)."""

    def __init__(
        self,
        selection: list[str],
        database: Path,
        given: str,
        target_path: str,
        started: float | None = None,
        manifest_written: bool = True,
        threads: int | None = None,
    ) -> None:
        """manifest_written: the parse writes manifest.json into the target folder (1.2 s for this project).
        A build that adds to the published warehouse, built by the same code, leaves it out: it writes the
        semantic manifest (what MetricFlow reads, 50 KB) and, when a step fails, the manifest (what
        quarantine.py and failures.py read). threads: dbt's threads for each step, if not the profile's
        (ADD_THREADS)."""
        from dbt.cli.main import dbtRunner

        # dbt's modules, and then its parsed project, live as long as the build: Python's garbage collector went
        # through their objects again at every full collection (six in an add at 1,000 documents, 0.5 s of the 7);
        # frozen (gc.freeze), a collection goes through what the parse and then the steps make
        gc.freeze()
        # given: the database's path as dbt is given it (DbtPaths.link), the same wherever the build puts its file
        os.environ["BUDGET_DUCKDB_PATH"] = given
        self.selection, self.database, self.target_path = selection, database, target_path
        self.threads = ["--threads", str(threads)] if threads else []
        self.started = started if started is not None else time.monotonic()
        variables = selection[: selection.index("--vars") + 2]
        progress.step("dbt parse, the project", self.started)
        state = parse_state(variables)
        saved = ["--partial-parse-file-path", str(state)] if state.is_file() else []
        written = [] if manifest_written else ["--no-write-json"]
        parsed = dbtRunner().invoke(["parse", *variables, "--target-path", target_path, "--quiet", *written, *saved])
        if not parsed.success:
            raise BuildError(f"'dbt parse' failed: {parsed.exception or 'see the messages above'}")
        self.manifest = parsed.result
        gc.freeze()
        self.manifest_written = manifest_written
        if not manifest_written:
            from dbt.parser.manifest import write_semantic_manifest

            write_semantic_manifest(self.manifest, target_path)
        keep_parse_state(Path(target_path) / "partial_parse.msgpack", state)
        # a step writes run_results.json only when it fails (step): none from an earlier build may be read for it
        (Path(target_path) / "run_results.json").unlink(missing_ok=True)
        self.runner = dbtRunner(manifest=parsed.result)
        self.queries: dict[str, str] = {}
        # the models that hold one document's rows each, incremental by document
        self.incremental = {
            uid
            for uid, node in parsed.result.nodes.items()
            if node.resource_type == "model" and node.config.materialized == "incremental"
        }

    def step(self, step: str, *options: str) -> None:
        """One dbt step (its options after the build's selection); a failure is a BuildError (TestsFailed for
        'test') that says what failed.

        dbt writes manifest.json and run_results.json after every step: 1.2 s each for this project, a sixth of
        an added document's build, for files only a failure reads (failures.py, quarantine.py: the parse wrote
        the manifest). A step writes neither; a failed one writes its run_results.json."""
        result = self.runner.invoke(
            [step, *self.selection, "--target-path", self.target_path, "--no-write-json", *self.threads, *options]
        )
        for node_result in getattr(result.result, "results", None) or []:
            node = getattr(node_result, "node", None)
            code = getattr(node, "compiled_code", None)
            if node is not None and code and str(node.resource_type) in ("model", "test", "NodeType.Model", "NodeType.Test"):
                self.queries[node.unique_id] = code
        if not result.success:
            if hasattr(result.result, "write"):
                result.result.write(str(Path(self.target_path) / "run_results.json"))
            if not self.manifest_written:
                self.manifest.write(str(Path(self.target_path) / "manifest.json"))
                self.manifest_written = True
            release_dbt_connection()
            account = failures.explain(Path(self.target_path), self.database)
            reason = f": {result.exception}" if result.exception else ""
            error = TestsFailed if step == "test" else BuildError
            raise error(f"'dbt {step}' failed{reason}.\n{account}".rstrip())

    # the steps a pass is made of: (step, what, options)
    SEEDS = ("seed", "the seeds", ())
    EVERY_MODEL = ("run", "every model", ())
    # a later batch of a build in several: the rows of its documents (no table of every document's rows feeds them:
    # test_project_structure.py; the tables of reference data they read, the first batch built)
    ROWS = ("run", "the models incremental by document", ("--select", "config.materialized:incremental"))
    ACROSS = ("run", "the models across documents", ("--select", "config.materialized:table"))
    # what added documents can change: the models incremental by document, and what reads them or the tables the
    # build loads (the intake's, a bulk build's); not the tables and tests of reference data alone (a calendar, the
    # funding sources, the templates), which the published build, by the same code and seeds, built and tested
    # (test_project_structure.py checks that these read nothing a build adds)
    CHANGED = ("config.materialized:incremental+", "source:ingest+", "source:budget_document+")
    TABLES_CHANGED = tuple(f"{what},config.materialized:table" for what in CHANGED)
    ACROSS_CHANGED = ("run", "the models across documents the documents change", ("--select", *TABLES_CHANGED))
    ROWS_AND_ACROSS_CHANGED = (
        "run",
        "the models the documents change",
        ("--select", "config.materialized:incremental", *TABLES_CHANGED),
    )
    EVERY_TEST = ("test", "every data and unit test", ())
    # the unit tests test the code, which has not changed since the published build
    DATA_TESTS_CHANGED = (
        "test",
        "the data tests of what the documents change",
        ("--exclude-resource-type", "unit_test", "--select", *CHANGED),
    )
    # what each kind of dbt pass runs (Dbt.build)
    PASSES: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
        # every document into a fresh file at once
        "whole": [SEEDS, EVERY_MODEL, EVERY_TEST],
        # the first batch of a full build in several: the tests wait for the last ("closing")
        "first": [SEEDS, EVERY_MODEL],
        "rows": [ROWS],
        # after the last batch of a full build in several (build.batch: every document): what reads across
        # documents, once, and every test over every document
        "closing": [ACROSS, EVERY_TEST],
        # after the last batch of an incremental build in several (build.batch: every batch's documents)
        "closing added": [ACROSS_CHANGED, DATA_TESTS_CHANGED],
        # a build that adds to a copy of the published file (or a quarantine's rebuild): the batch's rows, what
        # reads across documents, and the data tests
        "added": [ROWS_AND_ACROSS_CHANGED, DATA_TESTS_CHANGED],
    }

    def build(self, kind: str) -> None:
        """One pass of dbt steps (PASSES): seeds, models, tests as separate steps rather than one 'dbt build', so
        that a failing test does not skip the models after it, and every problem is reported at once.

        A build of more documents than a batch holds computes each batch's rows of the models incremental by
        document ('first' or 'rows'), and only then, once, the models across documents and every test over
        the documents of every batch ('closing', 'closing added'): recomputed after every batch, they cost the
        square of the batches. None of the models incremental by document reads a model across documents
        (test_project_structure.py), so a batch's rows do not depend on what the earlier batches' closing would
        have been."""
        steps = self.PASSES[kind]
        for number, (step, what, options) in enumerate(steps, start=1):
            progress.step(f"dbt step {number} of {len(steps)}: dbt {step}, {what}", self.started)
            self.step(step, *options)
        release_dbt_connection()


def release_dbt_connection() -> None:
    """Close the file dbt-duckdb keeps open in this process, so it can be read (read-only) and renamed."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            try:
                DuckDBConnectionManager._ENV.close()
            finally:
                DuckDBConnectionManager._ENV = None


def intake_cache() -> Path:
    """The folder of what was read from each PDF: BUDGET_INTAKE_CACHE (another folder, as make bench uses), or CACHE."""
    return Path(os.environ.get("BUDGET_INTAKE_CACHE", CACHE))


def read_documents(
    docs_dir: Path | None,
    strict: bool,
    cache: Path | None = None,
    known: dict[str, tuple[str, str]] | None = None,
    engine: str = "local",
) -> intake.IntakeSummary:
    """The intake of the build's documents (DOCS, or the shipped ones), through the cache (default:
    intake_cache()), read by the engine (engines.ENGINES), its progress shown, reported; the bulk of each result
    released to the cache, read back batch by batch. known: the files of the published build (their sha256 is
    not computed again while unchanged)."""
    folder = docs_dir if docs_dir is not None else SHIPPED
    if not folder.exists():
        raise BuildError(f"{folder}: no such folder of documents")
    paths = intake.find_documents(folder)
    if docs_dir is not None and not paths:
        raise BuildError(f"{folder}: holds no PDF or text rendering (*.pdf, *.txt), recursively")
    # what was read from each PDF, by sha256 and reader
    folder_cache = cache if cache is not None else intake_cache()
    try:
        with engines.open_engine(engine) as read_files:
            summary = intake.intake(paths, folder_cache, known=known, read_files=read_files, progress=progress.FolderProgress())
    except engines.EngineError as error:
        raise BuildError(f"the {engine} engine could not read the documents: {error}") from None
    intake.report(summary)
    if strict and summary.left_out:
        raise BuildError(f"STRICT=1: {len(summary.left_out)} file(s) left out (listed above)")
    intake.release(summary, folder_cache)
    return summary


@dataclass
class Inputs:
    """What a build reads its documents from: the intake of a folder of documents (DOCS, or the shipped ones
    beside the seed document), or a bulk folder of CSV files (INPUT); and each document's fingerprint."""

    kind: str  # 'shipped', 'docs' or 'input'
    folder: Path | None
    summary: intake.IntakeSummary
    bulk: incremental.BulkFolder | None = None
    seeds: list[tuple[str, str]] = field(default_factory=list)

    def documents(self) -> dict[str, incremental.Document]:
        if self.bulk is not None:
            return self.bulk.documents()
        return incremental.intake_documents(self.summary, self.seeds)

    def write(self, work: Path, doc_ids: set[str] | None) -> None:
        """The files the build loads for a batch (doc_ids; None: every document): the intake's tables of its
        documents, the intake report of every file, a bulk build's folder (load)."""
        intake.write_outputs(self.summary, work, doc_ids)
        if self.bulk is not None:
            self.bulk.write(work / intake.BULK_FOLDER, doc_ids)

    def load(self, candidate: Path, work: Path, batch: set[str], whole: bool) -> None:
        """The files written for a batch (write) loaded into the candidate: the intake's tables (schema ingest) and a
        bulk build's (schema input), the batch's documents' rows replaced (whole: every document of the build, into
        a fresh file); the batch's documents in build.batch, for dbt's steps."""
        import duckdb

        with duckdb.connect(str(candidate)) as connection:
            incremental.write_batch(connection, batch)
            incremental.load_ingest(connection, work, whole)
            if self.kind != "shipped":
                incremental.load_input(connection, work / intake.BULK_FOLDER, whole)

    def release(self, work: Path) -> None:
        """The bulk folder written for the last batch (write) removed, once the build's dbt steps are done, and the
        units it linked stamped again (BulkFolder.release)."""
        if self.bulk is not None:
            self.bulk.release(work / intake.BULK_FOLDER)

    def validate(self, doc_ids: set[str] | None) -> list[str]:
        """The seeds' problems, and a bulk folder's (the files of the batch's documents alone when doc_ids is given)."""
        if self.bulk is None:
            return validate.validate_project(Path("."))
        if doc_ids is None:
            return validate.validate_project(Path("."), self.folder)
        only = [path for unit in self.bulk.units if doc_ids.intersection(unit.doc_ids) for path in unit.files]
        only += self.bulk.changed_aliases()
        return validate.validate_project(Path("."), self.folder, only=only)


def read_inputs(
    docs_dir: Path | None,
    input_dir: Path | None,
    strict: bool,
    cache: Path | None,
    previous: incremental.State | None,
    engine: str = "local",
) -> Inputs:
    if input_dir is not None:
        if not input_dir.is_dir():
            raise BuildError(f"{input_dir}: no such folder of CSV files")
        return Inputs(*input_source(None, input_dir), intake.IntakeSummary(), bulk=incremental.BulkFolder(input_dir, previous))
    summary = read_documents(docs_dir, strict, cache, previous.files if previous else None, engine)
    return Inputs(*input_source(docs_dir, None), summary, seeds=incremental.seed_documents() if docs_dir is None else [])


def input_source(docs_dir: Path | None, input_dir: Path | None) -> tuple[str, Path]:
    """The kind of input a build reads and its folder, as its fingerprint names them: a bulk folder of CSV files
    (INPUT), a folder of documents (DOCS), or the shipped documents."""
    if input_dir is not None:
        return "input", input_dir
    if docs_dir is not None:
        return "docs", docs_dir
    return "shipped", SHIPPED


def quarantine_documents(
    failed: TestsFailed, summary: intake.IntakeSummary, candidate: Path, target_path: str
) -> tuple[set[str], str]:
    """Mark the documents the failing tests' rows come from as quarantined (left out); raise the failure as it was
    when a failing row names no document of the build, or when no document would be left. Returns the documents
    quarantined and what to print about them."""
    loaded = {outcome.doc_id: outcome for outcome in summary.loaded}
    verdict = quarantine.attribute(Path(target_path), candidate, set(loaded))
    if verdict.unattributed or not verdict.breaches:
        shown = "\n".join(f"  {line}" for line in verdict.unattributed[:10])
        raise BuildError(f"{failed}\nNo document is quarantined: not every failing row comes from a document:\n{shown}")
    documents = sorted((loaded[doc_id] for doc_id in verdict.breaches), key=lambda outcome: str(outcome.path))
    for outcome in documents:
        outcome.status, outcome.reason = "left_out", "quarantined"
        outcome.message = verdict.message(outcome.doc_id, str(outcome.path))
    lines = "\n".join(f"  left out [quarantined] {outcome.message}" for outcome in documents)
    if not summary.loaded:
        raise BuildError(f"{failed}\nEvery document loaded breaks an invariant; nothing would be left to publish:\n{lines}")
    print(
        f"quarantine: {len(verdict.breaches)} document(s) break a warehouse invariant and are left out; "
        f"building again without them ({len(summary.loaded)} loaded):\n{lines}",
        flush=True,
    )
    return set(verdict.breaches), (
        f"quarantined: {len(verdict.breaches)} document(s), left out of the marts (marts.rpt_document_intake):\n{lines}"
    )


def findings_summary(database: Path) -> str:
    """The documents' findings as the build prints them at the end."""
    import duckdb

    lines = []
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            "select doc_id, department_name, fiscal_year, budget_phase, scope, table_figure_count, check_count, "
            "rounding_count, finding_count, unacknowledged_count, document_status "
            "from marts.rpt_document_findings order by department_name, fiscal_year, scope"
        ).fetchall()
    for doc_id, department, year, phase, scope, figures, checks, rounding, found, open_, status in rows:
        lines.append(
            f"  {doc_id} {department} {year} {phase} {scope}: {figures} table figures, {checks} checks, "
            f"{rounding} rounding, {found} finding(s) ({open_} not acknowledged): {status}"
        )
    if len(lines) > FINDINGS_SHOWN:
        more = len(lines) - FINDINGS_SHOWN
        lines = [*lines[:FINDINGS_SHOWN], f"  … and {more} more document(s) (marts.rpt_document_findings)"]
    return "documents:\n" + "\n".join(lines)


def check_plans(database: Path, dbt: Dbt, scoped: bool) -> None:
    """Fail the build on a query whose plan joins per-document rows with per-document rows on no key, and, in a
    build of a batch, on a model of one document's rows that reads every document's rows (plans.py)."""
    import duckdb

    with duckdb.connect(str(database), read_only=True) as connection:
        found: list[object] = list(plans.check(connection, sorted(dbt.queries.items())))
        if scoped:
            documents = plans.document_relations(connection)
            for uid, sql in sorted(dbt.queries.items()):
                if uid in dbt.incremental:
                    found.extend(plans.unscoped_scans(connection, uid, sql, documents))
    if found:
        shown = "\n".join(f"  {problem}" for problem in found)
        raise BuildError(f"{len(found)} plan(s) whose cost grows with the documents the warehouse holds:\n{shown}")
    scans = ", and every scan of a model of one document's rows reads the batch's alone" if scoped else ""
    print(f"plans: {len(dbt.queries)} models and data tests read: every join of per-document rows is keyed{scans}", flush=True)


def build(
    published: Path,
    target_path: str,
    publish: bool = True,
    input_dir: Path | None = None,
    docs_dir: Path | None = None,
    strict: bool = False,
    into: Path | None = None,
    cache: Path | None = None,
    full: bool = False,
    plans_checked: bool = False,
    engine: str = "local",
) -> Path:
    """Read the documents, validate the seeds, build and test a candidate file; publish it if asked.

    The candidate is ``into`` if given (kept, never published), else the private folder beside
    ``published`` (removed at the end, after the rename that publishes it if ``publish``). ``cache``:
    the intake's cache folder, if not the default one (intake_cache()). ``engine``: what reads the files
    (engines.ENGINES: the local process pool, or Spark).

    A build that publishes adds to the published warehouse when that was built by the same code from the same
    folder (incremental.py): the candidate is a copy of it, and only the documents added, replaced or removed
    (with their departments) are recomputed; ``full`` (FULL=1) builds every document instead. A build of more
    documents than a batch holds runs in batches, one after the other on the same candidate."""
    started = time.monotonic()
    candidate = into if into is not None else candidate_path(published)
    if candidate.parent.name.startswith(".next-"):
        shutil.rmtree(candidate.parent, ignore_errors=True)
        candidate.parent.mkdir(parents=True)
    candidate.unlink(missing_ok=True)
    candidate.with_name(candidate.name + ".wal").unlink(missing_ok=True)
    # a stable name in the private folder (its path is a dbt var: a new one would cost a full parse)
    work = candidate.parent / (".ingest" if into is None else f".ingest-{os.getpid()}")
    policy = "strict" if strict else "report" if docs_dir is not None else "acknowledged"
    paths: DbtPaths | None = None
    background = ThreadPoolExecutor(max_workers=1)
    copying: PublishedCopy | None = None
    try:
        previous = incremental.read_state(published) if publish and into is None and not full else None
        fingerprint = incremental.build_fingerprint(*input_source(docs_dir, input_dir), policy)
        # the build adds to the published file (or has nothing to do): its copy is made while the folder is read
        # and the build planned, and dropped if nothing changed. A folder of documents is read by processes forked
        # for each file (intake.py), which a thread copying beside them would be forked with: its copy starts
        # once they are done
        addable = previous is not None and previous.fingerprint == fingerprint
        if addable and input_dir is not None:
            copying = PublishedCopy(published, candidate, background)
        if input_dir is None:
            progress.step(f"reading the documents ({engine} engine)", started)
        inputs = read_inputs(docs_dir, input_dir, strict, cache, previous, engine)
        if addable and copying is None:
            copying = PublishedCopy(published, candidate, background)
        intake.write_outputs(inputs.summary, work, set())
        documents = inputs.documents()
        plan = incremental.plan(previous, fingerprint, documents, incremental.intake_sha(work / "intake.csv"), full)
        if copying is not None and plan.kind != "incremental":
            copying.cancel()
            copying = None
        if plan.kind == "nothing":
            print(f"build: nothing to do ({plan.reason}); the published warehouse {published} is up to date", flush=True)
            return published if publish else candidate
        sizes = ", ".join(str(len(batch)) for batch in plan.batches)
        print(
            f"build: {plan.kind} ({plan.reason}): {len(plan.changed)} document(s) to load or remove, "
            f"{len(plan.batches)} batch(es) of {sizes} document(s)",
            flush=True,
        )
        progress.step("validating the seeds", started)
        problems = inputs.validate(None if plan.kind == "full" else set().union(*plan.batches))
        if problems:
            shown = problems[:50] + ([f"... and {len(problems) - 50} more"] if len(problems) > 50 else [])
            raise BuildError("the seeds have problems dbt cannot load:\n" + "\n".join(f"  {p}" for p in shown))
        # an incremental build starts from the copy of the published file begun above, finished while dbt parses
        # (the copy is the kernel's work, the parse Python's: on two cores, side by side)
        paths = DbtPaths(target_path)
        given = f"{paths.link('database', candidate.parent)}/{candidate.name}"
        bulk = paths.link("input", work / intake.BULK_FOLDER) if inputs.kind != "shipped" else None
        adds = plan.kind == "incremental"
        os.environ["BUDGET_DUCKDB_CHECKPOINT_THRESHOLD"] = ADD_CHECKPOINT_THRESHOLD if adds else CHECKPOINT_THRESHOLD
        # an incremental build's code is the published build's, whose parse wrote the manifest
        dbt = Dbt(dbt_selection(bulk, policy), candidate, given, target_path, started, not adds, ADD_THREADS if adds else None)
        if copying is not None:
            copying.wait()
        quarantine_allowed = docs_dir is not None and not strict
        quarantined: list[str] = []
        for index, batch in enumerate(plan.batches):
            try:
                load_and_build(dbt, inputs, work, candidate, batch, whole=not plan.scoped, kind=pass_kind(plan, index))
                if index == len(plan.batches) - 1 and index > 0:
                    close_batches(dbt, candidate, plan, documents)
            except TestsFailed as failed:
                # a user's folder (not STRICT): the documents whose rows broke an invariant are left out, once
                if not quarantine_allowed:
                    raise
                left_out, message = quarantine_documents(failed, inputs.summary, candidate, target_path)
                quarantined.append(message)
                progress.step("building again without the quarantined documents", started)
                again = incremental.expand(left_out, previous.documents if previous else {}, documents)
                try:
                    load_and_build(dbt, inputs, work, candidate, again, whole=False, kind="added")
                except BuildError as error:
                    raise BuildError(f"the build without the quarantined documents failed too: {error}") from None
        if plans_checked:
            check_plans(candidate, dbt, plan.scoped)
        finish(candidate, inputs, fingerprint, work, previous if plan.kind == "incremental" else None)
        check_opens(candidate)
        for message in quarantined:
            print(message)
        print(findings_summary(candidate))
        if publish:
            replace_published(candidate, published)
            return published
        return candidate
    finally:
        # what Dbt froze may be collected again once the build is done (a process that builds more than once)
        gc.unfreeze()
        if copying is not None:
            copying.stop()
        background.shutdown(wait=True)
        if paths is not None:
            paths.close()
        shutil.rmtree(work, ignore_errors=True)
        if candidate.parent.name.startswith(".next-"):
            shutil.rmtree(candidate.parent, ignore_errors=True)


class PublishedCopy:
    """The published file copied to the candidate in a thread of the executor, for an incremental build to add to,
    in chunks (the kernel's sendfile, as shutil.copyfile copies), so that it can be stopped between two: a build
    starts it as soon as the build state says it may add to the file, before it reads the folder (its scan and
    the documents' fingerprints at 10,000 documents: 1.2 s, which the copy of 4 GB took longer than), and
    cancels it when the plan turns out to be nothing to do. How long it took is shown.

    The copy is made durable in the same thread (fdatasync), while dbt parses: else the first checkpoint of the
    candidate writes it out, in the build's own time (0.9 s at 10,000 documents). Each chunk of the published
    file is dropped from the page cache once copied (the kernel would free those pages when the file is
    replaced, in the build's own time too; a reader of the published file reads it from the disk until then)."""

    CHUNK = 64 * 2**20

    def __init__(self, published: Path, candidate: Path, executor: ThreadPoolExecutor) -> None:
        import threading

        self.published, self.candidate = published, candidate
        self.stopped = threading.Event()
        self.future = executor.submit(self.copy)

    def copy(self) -> None:
        start = time.monotonic()
        with open(self.published, "rb") as source, open(self.candidate, "wb") as target:
            size, offset = os.fstat(source.fileno()).st_size, 0
            while offset < size and not self.stopped.is_set():
                try:
                    sent = os.sendfile(target.fileno(), source.fileno(), offset, min(self.CHUNK, size - offset))
                except OSError:  # a filesystem sendfile cannot write to: the rest copied by reads and writes
                    source.seek(offset)
                    target.seek(offset)
                    shutil.copyfileobj(source, target)
                    break
                if sent == 0:
                    break
                os.posix_fadvise(source.fileno(), offset, sent, os.POSIX_FADV_DONTNEED)
                offset += sent
            if self.stopped.is_set():
                return
            os.fdatasync(target.fileno())
        print(f"build: the published warehouse copied: {time.monotonic() - start:.1f} s", flush=True)

    def wait(self) -> None:
        """The copy done (an error of it raised here)."""
        self.future.result()

    def stop(self) -> None:
        """The copy stopped at its next chunk, if it is still running (a build that failed before it used it)."""
        self.stopped.set()
        self.future.exception()

    def cancel(self) -> None:
        """The copy stopped and the part made removed (the plan does not add to the published file)."""
        self.stop()
        self.candidate.unlink(missing_ok=True)


def pass_kind(plan: incremental.Plan, index: int) -> str:
    """What dbt runs after the plan's batch of this index is loaded (Dbt.PASSES)."""
    if len(plan.batches) == 1:
        return "whole" if plan.kind == "full" else "added"
    return "first" if plan.kind == "full" and index == 0 else "rows"


def close_batches(dbt: Dbt, candidate: Path, plan: incremental.Plan, documents: dict[str, incremental.Document]) -> None:
    """After the last batch of a build in several: its documents in build.batch (a full build's: every document
    loaded; an incremental one's: every batch's), then the models across documents and the tests, once."""
    import duckdb

    if plan.kind == "full":
        doc_ids = set(incremental.loaded(documents))
    else:
        doc_ids = set().union(*plan.batches)
    with duckdb.connect(str(candidate)) as connection:
        incremental.write_batch(connection, doc_ids)
    dbt.build("closing" if plan.kind == "full" else "closing added")


def load_and_build(dbt: Dbt, inputs: Inputs, work: Path, candidate: Path, batch: set[str], whole: bool, kind: str) -> None:
    """One batch: its documents' input files written and loaded (whole: every document of the build into a fresh
    file at once; else the batch's documents' rows replaced, a removed one's deleted), then dbt's pass of this
    kind (Dbt.PASSES)."""
    inputs.write(work, None if whole else batch)
    inputs.load(candidate, work, batch, whole)
    dbt.build(kind)


def finish(candidate: Path, inputs: Inputs, fingerprint: str, work: Path, recorded: incremental.State | None) -> None:
    """Record how the candidate was built (schema build), for the next build to add to it (recorded: what the
    candidate records already, a copy of the published file's); the batch is every document again (the views
    of one document's rows read it). The last batch's bulk folder is removed first (Inputs.release)."""
    import duckdb

    inputs.release(work)
    state = incremental.State(fingerprint, incremental.intake_sha(work / "intake.csv"), inputs.documents())
    state.files = inputs.bulk.files if inputs.bulk is not None else inputs.summary.files
    state.aliases = inputs.bulk.digests if inputs.bulk is not None else {}
    with duckdb.connect(str(candidate)) as connection:
        incremental.write_state(connection, state, recorded)
        incremental.write_batch(connection, None)
        connection.execute("checkpoint")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build, test and atomically publish the warehouse.")
    parser.add_argument("--published", type=Path, default=PUBLISHED, help="the file readers open")
    parser.add_argument("--target-path", default="target", help="dbt's target folder for this build")
    parser.add_argument(
        "--check-only",
        action="store_true",
        help="build and test in a throwaway file and publish nothing (make test)",
    )
    parser.add_argument("--input", type=Path, default=None, help="bulk load: a folder of CSV files in the seeds' schema")
    parser.add_argument("--docs", type=Path, default=None, help="a folder of documents (PDFs, text renderings), recursively")
    parser.add_argument("--strict", action="store_true", help="any finding or any file left out fails the build")
    parser.add_argument(
        "--engine",
        choices=engines.ENGINES,
        default="local",
        help="what reads the files: the local process pool, or a Spark job (on SPARK_MASTER, default local mode)",
    )
    parser.add_argument("--database", type=Path, default=None, help="with --check-only: build into this file and keep it")
    parser.add_argument(
        "--full", action="store_true", help="build every document, even where the published warehouse could be added to (FULL=1)"
    )
    parser.add_argument(
        "--check-plans",
        action="store_true",
        help="fail when a model's or test's plan joins per-document rows on no key DuckDB can hash (plans.py)",
    )
    args = parser.parse_args(argv)
    options = {
        "input_dir": args.input,
        "docs_dir": args.docs,
        "strict": args.strict,
        "full": args.full,
        "plans_checked": args.check_plans,
        "engine": args.engine,
    }
    if args.check_only and args.database is not None:
        args.database.parent.mkdir(parents=True, exist_ok=True)
        args.database.unlink(missing_ok=True)
    try:
        if args.check_only and args.database is not None:
            build(args.published, args.target_path, publish=False, into=args.database, **options)
        else:
            # make build and make dbt-test's check build the same candidate path, under the same lock
            with build_lock(args.published.parent):
                remove_leftovers(args.published)
                build(args.published, args.target_path, publish=not args.check_only, **options)
    except BuildError as error:
        if args.check_only:
            print(f"\nCHECK FAILED: {error}", file=sys.stderr)
        else:
            print(f"\nBUILD FAILED: {error}\nThe published warehouse {args.published} is unchanged.", file=sys.stderr)
        return 1
    if args.check_only:
        print(f"\nEvery seed, model and data test passed ({args.database or 'throwaway database'}; nothing published).")
        return 0
    print(f"\nPublished {args.published}: every seed, model and data test passed.")
    return 0


def exit_now(code: int) -> None:
    """End the process without the interpreter's teardown, which frees dbt's parsed project object by object
    (0.3 to 0.5 s, a twentieth of an added document's build). What is registered to run at exit runs first
    (the logs flushed and closed, multiprocessing's semaphores, which dbt makes, released), and the output is
    flushed; every file the build wrote is closed by then (its connections in with-blocks, dbt's by
    release_dbt_connection)."""
    import atexit

    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
