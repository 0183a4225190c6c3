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
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from budget_warehouse import engines, failures, intake, progress, quarantine, validate

PUBLISHED = Path("warehouse/budget.duckdb")
# the PDFs the project ships; `make build DOCS=folder` reads that folder instead
SHIPPED = Path("data/documents")
CACHE = Path("warehouse/.cache/intake")


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
    """Delete the candidate folders of builds that were killed (we hold the lock)."""
    for leftover in published.parent.glob(".next-*"):
        shutil.rmtree(leftover, ignore_errors=True)


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


def dbt_selection(input_dir: Path | None, bulk_dir: Path | None, policy: str) -> list[str]:
    """The vars and selection of every dbt step; a bulk folder (INPUT=, or DOCS='s text renderings) replaces the seeds."""
    variables: dict[str, str] = {"findings_policy": policy}
    folder = input_dir or bulk_dir
    if folder is None:
        return ["--vars", json.dumps(variables)]
    # a user's folder by its absolute path; the build's own (beside the candidate) as it is named, so that the
    # var, and with it dbt's partial parse, stays the same from build to build
    variables["input_path"] = str(input_dir.resolve()) if input_dir is not None else str(bulk_dir)
    return ["--vars", json.dumps(variables), "--exclude", "path:seeds/document", "budget_unit_aliases"]


# dbt's steps, as the build names them when each begins
DBT_STEPS = {"seed": "the seeds", "run": "every model", "test": "every data and unit test"}


def dbt_build(selection: list[str], database: Path, target_path: str, started: float | None = None) -> None:
    """Seeds, then every model, then every test: run as three steps rather than one 'dbt build', so
    that a failing test does not skip the models after it, and every problem is reported at once.

    The steps run in this process with dbt's programmatic runner, parsing the project once; a line says
    when each begins (``started``: when the build began, for the time it has run).
    """
    from dbt.cli.main import dbtRunner

    started = started if started is not None else time.monotonic()
    os.environ["BUDGET_DUCKDB_PATH"] = str(database)
    variables = selection[: selection.index("--vars") + 2]
    progress.step("dbt parse, the project", started)
    parsed = dbtRunner().invoke(["parse", *variables, "--target-path", target_path, "--quiet"])
    if not parsed.success:
        raise BuildError(f"'dbt parse' failed: {parsed.exception or 'see the messages above'}")
    runner = dbtRunner(manifest=parsed.result)
    for number, (step, what) in enumerate(DBT_STEPS.items(), start=1):
        progress.step(f"dbt step {number} of {len(DBT_STEPS)}: dbt {step}, {what}", started)
        result = runner.invoke([step, *selection, "--target-path", target_path])
        if not result.success:
            release_dbt_connection()
            account = failures.explain(Path(target_path), database)
            reason = f": {result.exception}" if result.exception else ""
            error = TestsFailed if step == "test" else BuildError
            raise error(f"'dbt {step}' failed{reason}.\n{account}".rstrip())
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
    input_dir: Path | None,
    work: Path,
    strict: bool,
    cache: Path | None = None,
    engine: str = "local",
) -> intake.IntakeSummary:
    """The intake of the build's documents (DOCS, or the shipped ones; none for a bulk CSV load) into work/,
    through the cache (default: intake_cache()), read by the engine (engines.ENGINES), its progress shown."""
    if input_dir is not None:
        paths: list[Path] = []
    else:
        folder = docs_dir if docs_dir is not None else SHIPPED
        if not folder.exists():
            raise BuildError(f"{folder}: no such folder of documents")
        paths = intake.find_documents(folder)
        if docs_dir is not None and not paths:
            raise BuildError(f"{folder}: holds no PDF or text rendering (*.pdf, *.txt), recursively")
    # what was read from each PDF, by sha256 and reader
    try:
        with engines.open_engine(engine) as read_files:
            summary = intake.intake(
                paths, cache if cache is not None else intake_cache(), read_files=read_files, progress=progress.FolderProgress()
            )
    except engines.EngineError as error:
        raise BuildError(f"the {engine} engine could not read the documents: {error}") from None
    intake.write_outputs(summary, work)
    intake.report(summary)
    if strict and summary.left_out:
        raise BuildError(f"STRICT=1: {len(summary.left_out)} file(s) left out (listed above)")
    return summary


def quarantine_documents(failed: TestsFailed, summary: intake.IntakeSummary, candidate: Path, target_path: str) -> str:
    """Mark the documents the failing tests' rows come from as quarantined (left out), and remove the failed
    candidate so the build can start again; raise the failure as it was when a failing row names no document
    of the build, or when no document would be left."""
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
    candidate.unlink(missing_ok=True)
    candidate.with_name(candidate.name + ".wal").unlink(missing_ok=True)
    return f"quarantined: {len(verdict.breaches)} document(s), left out of the marts (marts.rpt_document_intake):\n{lines}"


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
    return "documents:\n" + "\n".join(lines)


def build(
    published: Path,
    target_path: str,
    publish: bool = True,
    input_dir: Path | None = None,
    docs_dir: Path | None = None,
    strict: bool = False,
    into: Path | None = None,
    cache: Path | None = None,
    engine: str = "local",
) -> Path:
    """Read the documents, validate the seeds, build and test a candidate file; publish it if asked.

    The candidate is ``into`` if given (kept, never published), else the private folder beside
    ``published`` (removed at the end, after the rename that publishes it if ``publish``). ``cache``:
    the intake's cache folder, if not the default one (intake_cache()). ``engine``: what reads the files
    (engines.ENGINES: the local process pool, or Spark)."""
    started = time.monotonic()
    progress.step("validating the seeds", started)
    problems = validate.validate_project(Path("."), input_dir)
    if problems:
        shown = problems[:50] + ([f"... and {len(problems) - 50} more"] if len(problems) > 50 else [])
        raise BuildError("the seeds have problems dbt cannot load:\n" + "\n".join(f"  {p}" for p in shown))
    candidate = into if into is not None else candidate_path(published)
    if candidate.parent.name.startswith(".next-"):
        shutil.rmtree(candidate.parent, ignore_errors=True)
        candidate.parent.mkdir(parents=True)
    candidate.unlink(missing_ok=True)
    # a stable name in the private folder (its path is a dbt var: a new one would cost a full parse)
    work = candidate.parent / (".ingest" if into is None else f".ingest-{os.getpid()}")
    try:
        if input_dir is None:
            progress.step(f"reading the documents ({engine} engine)", started)
        summary = read_documents(docs_dir, input_dir, work, strict, cache, engine)
        intake.load_into(candidate, work)
        bulk_dir = work / "shenzhen" if docs_dir is not None else None
        policy = "strict" if strict else "report" if docs_dir is not None else "acknowledged"
        selection = dbt_selection(input_dir, bulk_dir, policy)
        quarantined = ""
        try:
            dbt_build(selection, candidate, target_path, started)
        except TestsFailed as failed:
            # a user's folder (not STRICT): the documents whose rows broke an invariant are left out, once
            if docs_dir is None or strict:
                raise
            quarantined = quarantine_documents(failed, summary, candidate, target_path)
            shutil.rmtree(work, ignore_errors=True)
            intake.write_outputs(summary, work)
            intake.load_into(candidate, work)
            try:
                progress.step("building again without the quarantined documents", started)
                dbt_build(selection, candidate, target_path, started)
            except BuildError as again:
                raise BuildError(f"the build without the quarantined documents failed too: {again}") from None
        check_opens(candidate)
        if quarantined:
            print(quarantined)
        print(findings_summary(candidate))
        if publish:
            with open(candidate, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(candidate, published)
            fsync_directory(published.parent)
            return published
        return candidate
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if candidate.parent.name.startswith(".next-"):
            shutil.rmtree(candidate.parent, ignore_errors=True)


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
    args = parser.parse_args(argv)
    options = {"input_dir": args.input, "docs_dir": args.docs, "strict": args.strict, "engine": args.engine}
    if args.check_only and args.database is not None:
        args.database.parent.mkdir(parents=True, exist_ok=True)
        args.database.unlink(missing_ok=True)
    try:
        if args.check_only and args.database is not None:
            build(args.published, args.target_path, publish=False, into=args.database, **options)
        else:
            # make build and make test's check build the same candidate path, under the same lock: dbt's
            # partial parse then carries from one to the other (and to the tests' copies of the project)
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


if __name__ == "__main__":
    raise SystemExit(main())
