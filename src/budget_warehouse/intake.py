"""Every document of a folder, read once, in parallel, each in a bounded process.

``intake(folder, out)`` finds the PDFs and text renderings under ``folder``
(recursively), reads each new one in a process of its own with a time and a
memory limit (PDFs come from the internet: a decompression bomb or a
thousand-page file must not take the build down), and writes what the
warehouse loads into ``out``:

* ``documents.csv``: one row per document loaded, with its identity;
* ``tables.csv``, ``figures.csv``, ``claims.csv``: its tables, every number
  it prints, the narrative's claims;
* ``pages.csv``: per page of financial tables, the amounts it prints and how
  many of them are read as figures;
* ``intake.csv``: one row per file found, loaded or left out, with the reason;
* ``bulk/<doc>/*.csv``: text renderings in the seed document's format,
  transcribed into the seeds' schema (loaded like a bulk folder's files,
  incremental.load_input).

Results are cached by the file's sha256 and the reader's own fingerprint (the
code and template descriptions that read it), so an unchanged document is not
read again.  Two copies of one file load once, and so do two files that print
the same tables (the fuller one loads); two different files that print the
same department, year, phase and scope and different figures are both left
out, since the warehouse cannot tell which is right.
"""

from __future__ import annotations

import contextlib
import csv
import faulthandler
import hashlib
import importlib
import json
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from budget_warehouse import pairing

PROJECT = Path(__file__).resolve().parents[2]
READER_FILES = [
    "src/budget_warehouse/pdf/text.py",
    "src/budget_warehouse/pdf/layout.py",
    "src/budget_warehouse/pdf/unruled.py",
    "src/budget_warehouse/pdf/tables.py",
    "src/budget_warehouse/pdf/confirm.py",
    "src/budget_warehouse/pdf/document.py",
    "src/budget_warehouse/pdf/coverage.py",
    "src/budget_warehouse/pdf/narrative.py",
    "src/budget_warehouse/templates.py",
    "src/budget_warehouse/transcribe.py",
    "src/budget_warehouse/catalogue.py",
    "seeds/reference/function_class_names.csv",
    "seeds/reference/classification_subjects.csv",
]


# what one file's read gives: (result, reason, message, seconds); result None when it is left out
Reading = tuple[dict | None, str, str, float]
OnRead = Callable[[str, Reading], None]
# the map over files: (jobs of (path, sha256), limits, on_read called as each file is read) -> {sha256: Reading}.
# _run_isolated below (the local process pool) is one; spark_intake.SparkReader (a Spark job running the same
# bounded child per file) is another: the same verdicts whichever reads
ReadFiles = Callable[[list[tuple[Path, str]], "Limits", OnRead | None], dict[str, Reading]]


class Progress:
    """What the intake tells as it goes (progress.FolderProgress shows it); this one tells nobody."""

    def start(self, total: int) -> None:
        """total: the files found, cached and duplicate ones included."""

    def advance(self, verdict: str) -> None:
        """One more file done: "loaded", or the reason it is left out."""

    def finish(self) -> None:
        """Every file is done."""


@dataclass
class Limits:
    seconds: float = 60.0
    memory_bytes: int = 3 * 1024**3
    max_pages: int = 400
    workers: int = max(1, min(os.cpu_count() or 1, 8))


@dataclass
class Outcome:
    path: Path
    sha256: str
    size: int
    status: str = "loaded"
    reason: str = ""
    message: str = ""
    result: dict | None = None
    seconds: float = 0.0
    from_cache: bool = False
    doc_id: str = ""
    # once released (release()): the cache file the rest of its result is read back from, and its figures counted
    stored: Path | None = None
    figure_count: int | None = None
    # its result was changed by the folder beyond its identity (a pair's tables took the narrative's claims)
    pinned: bool = False

    def full_result(self) -> dict | None:
        """The document's whole result: read back from the cache where released, with what the folder changed in it
        (its identity, its claims) as the intake left it."""
        if self.stored is None or self.result is None:
            return self.result
        whole = json.loads(self.stored.read_text(encoding="utf-8"))["result"]
        whole.update(self.result)
        return whole


@dataclass
class IntakeSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    # every file's path -> its stamp (size, modification and change times, inode) and sha256
    files: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def loaded(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "loaded"]

    @property
    def left_out(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status != "loaded"]


def fingerprint() -> str:
    digest = hashlib.sha256()
    for name in READER_FILES:
        digest.update((PROJECT / name).read_bytes())
    for path in sorted((PROJECT / "templates").glob("*.yml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def find_documents(folder: Path) -> list[Path]:
    """PDFs and text renderings under folder, recursively, in a stable order."""
    if folder.is_file():
        return [folder]
    found = [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".pdf", ".txt") and not p.name.startswith(".")]
    return sorted(found)


def doc_id_for(sha256: str) -> str:
    """A document's id: the first 16 hex digits of its file's sha256 (stable, and derived from the content)."""
    return sha256[:16]


def _read_one(path: str, sha256: str, max_pages: int) -> dict:
    """Read one file (in the child process) into plain data."""
    from budget_warehouse import transcribe
    from budget_warehouse.pdf import document as pdf_document

    file = Path(path)
    doc_id = doc_id_for(sha256)
    if file.suffix.lower() == ".txt":
        return transcribe.read_text_rendering(file, doc_id)
    with open(file, "rb") as handle:
        handle.seek(max(0, file.stat().st_size - 2048))
        tail = handle.read()
    head = file.read_bytes()[:1024]
    if b"%PDF-" in head and b"%%EOF" not in tail:
        raise pdf_document.DocumentRejected(
            "truncated", f"{path}: ends before the PDF's end-of-file marker (%%EOF): the file is truncated; download it again"
        )
    result = pdf_document.read_document(file, max_pages=max_pages)
    document = dict(result.document, doc_id=doc_id)
    return {
        "kind": "pdf",
        "document": document,
        "tables": [dict(row, doc_id=doc_id) for row in result.tables],
        "figures": [dict(row, doc_id=doc_id) for row in result.figures],
        "claims": [dict(row, doc_id=doc_id) for row in result.claims],
        "mentions": [dict(row, doc_id=doc_id) for row in result.mentions],
        "pages": [dict(row, doc_id=doc_id) for row in result.pages],
        "notes": result.notes,
        "narrative_amounts": result.narrative_amounts,
        "explanations": result.explanations,
    }


def _child(path: str, sha256: str, limits: Limits, connection) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # a reader killed by its memory limit aborts in C: the parent reports it by name, without a traceback dump
    faulthandler.disable()
    try:
        payload = {"ok": _read_one(path, sha256, limits.max_pages)}
    except MemoryError:
        payload = {"error": ("too_much_memory", f"{path}: needed more than {limits.memory_bytes // 2**20} MiB to read; left out")}
    except Exception as error:  # every failure of one document is that document's, reported by name
        reason = getattr(error, "reason", "unreadable")
        message = str(error) if reason != "unreadable" else f"{path}: could not be read ({type(error).__name__}: {error})"
        payload = {"error": (reason, message)}
    try:
        connection.send_bytes(json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    finally:
        connection.close()


def _run_isolated(jobs: list[tuple[Path, str]], limits: Limits, on_read: OnRead | None = None) -> dict[str, Reading]:
    """Read each (path, sha256) in a forked process of its own, at most limits.workers at a time; on_read is told
    each file's reading as it ends."""
    if jobs:
        # the reader's modules and the templates, loaded once here, are what every forked child starts with
        from budget_warehouse import templates

        importlib.import_module("budget_warehouse.pdf.document")
        templates.all_templates()
        templates.function_class_codes()
    context = multiprocessing.get_context("fork")
    pending = list(jobs)
    running: list[tuple[multiprocessing.Process, object, Path, str, float, list[bytes]]] = []
    results: dict[str, Reading] = {}

    def done(sha256: str, reading: Reading) -> None:
        results[sha256] = reading
        if on_read is not None:
            on_read(sha256, reading)

    while pending or running:
        while pending and len(running) < limits.workers:
            path, sha256 = pending.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(str(path), sha256, limits, sender), daemon=True)
            process.start()
            sender.close()
            running.append((process, receiver, path, sha256, time.monotonic(), []))
        still = []
        for process, receiver, path, sha256, started, chunks in running:
            elapsed = time.monotonic() - started
            if receiver.poll(0.01):
                try:
                    chunks.append(receiver.recv_bytes())
                except EOFError:
                    pass
            if not chunks and not process.is_alive() and receiver.poll(0):
                # the child sent its result and exited between the poll above and now: a dead child's
                # bytes are all in the pipe, so read them before calling it crashed
                try:
                    chunks.append(receiver.recv_bytes())
                except EOFError:
                    pass
            if chunks:
                process.join(5)
                payload = json.loads(chunks[0].decode("utf-8"))
                if "ok" in payload:
                    done(sha256, (payload["ok"], "", "", elapsed))
                else:
                    reason, message = payload["error"]
                    done(sha256, (None, reason, message, elapsed))
                receiver.close()
            elif not process.is_alive():
                message = f"{path}: the reader stopped (exit code {process.exitcode}) while reading it; left out"
                done(sha256, (None, "crashed", message, elapsed))
                receiver.close()
            elif elapsed > limits.seconds:
                process.kill()
                process.join()
                message = f"{path}: took more than {limits.seconds:.0f} s to read (a pathological PDF?); left out"
                done(sha256, (None, "too_slow", message, elapsed))
                receiver.close()
            else:
                still.append((process, receiver, path, sha256, started, chunks))
        running = still
    return results


def _conflicts(outcomes: list[Outcome]) -> None:
    """Two different files that print one department, year, phase and scope and different figures: both are left
    out. Files of one identity one of which prints all the others print (the same table figures or none, every
    amount of their text) are one disclosure saved more than once: that one loads."""
    claims: dict[tuple, list[Outcome]] = {}
    for outcome in outcomes:
        if outcome.status != "loaded" or not outcome.result:
            continue
        document = outcome.result["document"]
        key = (document.get("department_name"), document.get("fiscal_year"), document.get("budget_phase"), document.get("scope"))
        if all(key):
            claims.setdefault(key, []).append(outcome)
    for key, group in claims.items():
        if len(group) < 2:
            continue
        if len({_content(outcome.result) for outcome in group}) == 1:
            # the same disclosure saved twice: the same pages, figures and sentences, loaded once
            for outcome in group[1:]:
                outcome.status, outcome.reason = "left_out", "duplicate"
                outcome.message = (
                    f"{outcome.path}: prints the same disclosure as {group[0].path} (same department, year, phase and "
                    "scope, the same pages, figures and sentences); loaded once"
                )
            continue
        fullest = max(group, key=lambda outcome: _extent(outcome.result))
        if all(_prints_within(outcome.result, fullest.result) for outcome in group):
            # one disclosure saved more than once (the whole, a copy missing a page, its narrative alone): the one
            # that prints the most loads
            for outcome in group:
                if outcome is not fullest:
                    outcome.status, outcome.reason = "left_out", "duplicate"
                    outcome.message = (
                        f"{outcome.path}: prints part of what {fullest.path} prints (same department, year, phase and "
                        "scope; no table figure, and no amount in its text, that the other does not print); loaded "
                        "once, from that file"
                    )
            continue
        for outcome in group:
            others = ", ".join(str(o.path) for o in group if o is not outcome)
            outcome.status = "left_out"
            outcome.reason = "conflict"
            outcome.message = (
                f"{outcome.path}: claims the same department, year, phase and scope ({key[0]} {key[1]} {key[2]} {key[3]}) "
                f"as {others}, a different file; neither is loaded until one is removed"
            )


def _table_figures(result: dict | None) -> tuple:
    """The figures a document's tables print (table, row, column, amount), in order: what tells a rival from a copy."""
    if not result:
        return ()
    return tuple(sorted(
        (f.get("table_key") or "", f.get("row_label_as_printed") or "", f.get("column_header_as_printed") or "",
         str(f.get("amount_as_printed")))
        for f in result.get("figures", [])
        if f.get("source_kind") == "table"
    ))  # fmt: skip


def _content(result: dict | None) -> tuple:
    """What a document prints, for telling a copy from a rival: its pages, table figures, claims and amounts."""
    if not result:
        return ()
    claims = sorted((c.get("claim_kind") or "", c.get("sentence_as_printed") or "") for c in result.get("claims", []))
    page_count = result.get("document", {}).get("page_count")
    return (page_count, _table_figures(result), tuple(claims), tuple(result.get("narrative_amounts") or ()))


def _extent(result: dict) -> tuple:
    """How much of a disclosure a file prints: its tables, then its pages, its narrative's claims and amounts."""
    return (
        bool(_table_figures(result)),
        result.get("document", {}).get("page_count") or 0,
        len(result.get("claims") or ()),
        len(result.get("narrative_amounts") or ()),
    )


def _prints_within(part: dict, whole: dict) -> bool:
    """Whether a file prints nothing another does not: the same table figures or none, and no amount in its text
    that the other's text does not print."""
    figures = _table_figures(part)
    amounts = set(part.get("narrative_amounts") or ())
    return (not figures or figures == _table_figures(whole)) and amounts <= set(whole.get("narrative_amounts") or ())


def file_stamp(path: Path) -> str:
    """What changes when a file's bytes may have: its size, modification and change times and inode."""
    return stamp_of(path.stat())


def stamp_of(stat: os.stat_result) -> str:
    """file_stamp of a file's stat."""
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}"


def same_but_change_time(stamp: str, other: str) -> bool:
    """Two stamps (stamp_of) of a file that differ in its change time alone (a link to it made or removed)."""
    size, modified, _, inode = stamp.split(":")
    other_size, other_modified, _, other_inode = other.split(":")
    return (size, modified, inode) == (other_size, other_modified, other_inode)


def intake(
    paths: Iterable[Path],
    cache: Path | None,
    limits: Limits | None = None,
    known: dict[str, tuple[str, str]] | None = None,
    read_files: ReadFiles | None = None,
    progress: Progress | None = None,
) -> IntakeSummary:
    """Every file of paths read (by read_files: the local process pool unless another engine is given) or taken
    from the cache, and the folder's decisions made (pairs, copies, rivals); progress is told each file's verdict
    as it is known. known: a previous build's files (path -> stamp, sha256), whose sha256 is not computed again
    while the file's stamp is the same (a folder of many large files is not read whole by every build)."""
    limits = limits or Limits()
    read_files = read_files or _run_isolated
    progress = progress or Progress()
    paths = list(paths)
    progress.start(len(paths))
    summary = IntakeSummary()
    stamp = fingerprint()
    first_by_sha: dict[str, Outcome] = {}
    jobs: list[tuple[Path, str]] = []
    for path in paths:
        key, now = str(path.resolve()), file_stamp(path)
        seen = (known or {}).get(key)
        sha256 = seen[1] if seen is not None and seen[0] == now else sha256_of(path)
        summary.files[key] = (now, sha256)
        outcome = Outcome(path, sha256, path.stat().st_size, doc_id=doc_id_for(sha256))
        summary.outcomes.append(outcome)
        if sha256 in first_by_sha:
            outcome.status, outcome.reason = "left_out", "duplicate"
            outcome.message = f"{path}: is the same file (sha256 {sha256[:16]}) as {first_by_sha[sha256].path}; loaded once"
            progress.advance(outcome.reason)
            continue
        first_by_sha[sha256] = outcome
        cached = cache / f"{sha256}.{stamp}.json" if cache else None
        if cached is not None and cached.exists():
            stored = json.loads(cached.read_text(encoding="utf-8"))
            outcome.result, outcome.reason, outcome.message = stored["result"], stored["reason"], stored["message"]
            outcome.seconds, outcome.from_cache = stored["seconds"], True
            outcome.status = "loaded" if outcome.result else "left_out"
            progress.advance(outcome.reason if outcome.status != "loaded" else "loaded")
        else:
            jobs.append((path, sha256))

    def on_read(sha256: str, reading: Reading) -> None:
        progress.advance("loaded" if reading[0] else reading[1])

    for sha256, (result, reason, message, seconds) in read_files(jobs, limits, on_read).items():
        outcome = first_by_sha[sha256]
        outcome.result, outcome.reason, outcome.message, outcome.seconds = result, reason, message, seconds
        outcome.status = "loaded" if result else "left_out"
        # a time-out is about this machine's limits, not the file: it is not remembered
        if cache is not None and reason not in ("too_slow", "too_much_memory", "crashed"):
            cache.mkdir(parents=True, exist_ok=True)
            stored = {"result": result, "reason": reason, "message": message, "seconds": seconds}
            target = cache / f"{sha256}.{stamp}.json"
            temporary = target.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, target)
            # what an older reader made of the same file is never read again
            for stale in cache.glob(f"{sha256}.*.json"):
                if stale != target:
                    stale.unlink(missing_ok=True)
    for outcome in summary.outcomes:
        if outcome.result:
            outcome.result["document"]["source_file"] = str(outcome.path)
            outcome.result["document"]["source_sha256"] = outcome.sha256
            if outcome.result.get("kind") == "pdf" and not any(
                figure["source_kind"] == "table" for figure in outcome.result["figures"]
            ):
                # loaded, and said to be what it is: every table printed empty (the blank official template), or a
                # narrative published apart from its tables
                outcome.reason = "no_figures"
                count = len(outcome.result["tables"])
                outcome.message = (
                    f"{outcome.path}: a {outcome.result['document']['template']} document whose "
                    f"{count} tables print no figures (a blank template); loaded with no figures"
                    if count
                    else f"{outcome.path}: a {outcome.result['document']['template']} narrative that prints no tables "
                    "(its tables published apart, in a file not in the folder); loaded with no figures"
                )
    progress.finish()
    paired = [tables for tables, _, _ in pairing.pair_halves(summary.outcomes)]
    paired += [tables for tables, _, _ in pairing.pair_by_identity(summary.outcomes, paired)]
    for tables in paired:
        tables.pinned = True
    _conflicts(summary.outcomes)
    return summary


# what a released result keeps in memory: the document's identity and what the folder's decisions read or change
KEPT = ("kind", "document", "claims", "narrative_amounts", "explanations")


def release(summary: IntakeSummary, cache: Path | None) -> None:
    """Drop the bulk of every result the cache holds (tables, figures, mentions, a rendering's seeds) once the
    folder's decisions are made: a build writes each batch's files from the cache (Outcome.full_result), so that
    what it holds while dbt runs does not grow with the folder."""
    if cache is None:
        return
    stamp = fingerprint()
    for outcome in summary.outcomes:
        stored = cache / f"{outcome.sha256}.{stamp}.json"
        if outcome.result is None or outcome.pinned or outcome.stored is not None or not stored.exists():
            continue
        outcome.figure_count = len(outcome.result.get("figures", []))
        outcome.result = {key: outcome.result[key] for key in KEPT if key in outcome.result}
        outcome.stored = stored


def _write(path: Path, columns: list[str], rows: Iterable[dict]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: ("" if value is None else value) for key, value in row.items()})
            count += 1
    return count


def write_outputs(summary: IntakeSummary, out: Path, doc_ids: set[str] | None = None) -> None:
    """The files the build loads: one CSV per kind of row, over every loaded document (or those of doc_ids: a batch
    of an incremental build); the intake report over every file."""
    from budget_warehouse import transcribe

    out.mkdir(parents=True, exist_ok=True)
    loaded = [o for o in summary.outcomes if o.status == "loaded" and o.result and (doc_ids is None or o.doc_id in doc_ids)]
    pdfs = [o for o in loaded if o.result["kind"] == "pdf"]
    texts = [o for o in loaded if o.result["kind"] == "text"]
    # one document's whole result at a time (read back from the cache where released)
    names = ("documents", "tables", "figures", "claims", "mentions", "pages")
    with contextlib.ExitStack() as files:
        writers = {}
        for name in names:
            handle = files.enter_context(open(out / f"{name}.csv", "w", encoding="utf-8", newline=""))
            writers[name] = csv.DictWriter(handle, fieldnames=list(TYPES[name]), extrasaction="ignore", lineterminator="\n")
            writers[name].writeheader()
        for outcome in pdfs:
            result = outcome.full_result() or {}
            for name in names:
                rows = [result["document"]] if name == "documents" else result.get(name, [])
                writers[name].writerows({key: ("" if value is None else value) for key, value in row.items()} for row in rows)
    _write(
        out / "intake.csv",
        list(TYPES["intake"]),
        (
            {
                "file_path": str(o.path),
                "source_sha256": o.sha256,
                "file_bytes": o.size,
                "status": o.status,
                "reason": o.reason or None,
                "message": o.message or None,
                "doc_id": o.doc_id if o.status == "loaded" else None,
                "template": (o.result or {}).get("document", {}).get("template"),
                "page_count": (o.result or {}).get("document", {}).get("page_count"),
                "figure_count": (o.figure_count if o.figure_count is not None else len((o.result or {}).get("figures", [])))
                or None,
                "read_seconds": f"{o.seconds:.3f}",
                "from_cache": "true" if o.from_cache else "false",
            }
            for o in summary.outcomes
        ),
    )
    transcribe.write_bulk(out / BULK_FOLDER, [o.full_result() for o in texts])


# the folder, in a build's work folder, of the files in the seeds' schema a bulk build loads into schema input
# (incremental.load_input): the seeds transcribed from text renderings, or links to an input folder's files
BULK_FOLDER = "bulk"

# the columns and types of the ingest tables dbt reads as sources (models/staging/ingest/_ingest__sources.yml)
TYPES = {
    "documents": {
        "doc_id": "varchar", "source_file": "varchar", "source_sha256": "varchar", "template": "varchar",
        "budget_phase": "varchar", "scope": "varchar", "fiscal_year": "integer", "department_name": "varchar",
        "region": "varchar", "region_level": "varchar", "title_as_printed": "varchar", "page_count": "integer",
        "table_unit": "varchar",
    },
    "tables": {
        "doc_id": "varchar", "table_order": "integer", "table_key": "varchar", "table_no_as_printed": "varchar",
        "table_title_as_printed": "varchar", "printed_unit": "varchar", "first_page": "integer", "last_page": "integer",
        "figure_count": "integer", "heading_department_as_printed": "varchar", "note_as_printed": "varchar",
        "empty_explained_as_printed": "varchar", "measures_printed": "varchar", "reading_status": "varchar",
        "identities_footed": "integer", "identities_failed": "integer", "failing_lines": "integer",
        "reading_note_zh": "varchar",
        "reading_note_en": "varchar",
    },
    "figures": {
        "doc_id": "varchar", "figure_id": "varchar", "source_kind": "varchar", "page_no": "integer", "table_key": "varchar",
        "table_order": "integer", "table_no_as_printed": "varchar", "table_title_as_printed": "varchar",
        "printed_unit": "varchar", "row_no": "integer", "column_no": "integer", "side": "varchar",
        "row_label_as_printed": "varchar", "code_as_printed": "varchar", "subject_kind": "varchar", "subject_code": "varchar",
        "code_note": "varchar", "row_key": "varchar", "column_header_as_printed": "varchar", "measure_key": "varchar",
        "basis": "varchar", "figure_text_as_printed": "varchar", "amount_as_printed": "decimal(24,6)",
        "printed_decimals": "integer", "claim_id": "varchar", "direction_as_printed": "varchar",
        "parent_figure_id": "varchar", "unit_name_as_printed": "varchar", "unit_name": "varchar",
        "reading_status": "varchar",
    },
    "claims": {
        "doc_id": "varchar", "claim_id": "varchar", "page_no": "integer", "claim_kind": "varchar",
        "subject_as_printed": "varchar", "subject_code": "varchar", "direction_as_printed": "varchar",
        "sentence_as_printed": "varchar", "note": "varchar", "directions_as_printed": "varchar", "printed_in": "varchar",
    },
    "mentions": {
        "doc_id": "varchar", "mention_no": "integer", "page_no": "integer", "mention_kind": "varchar", "table_order": "integer",
        "text_as_printed": "varchar", "fiscal_year_as_printed": "integer", "department_as_printed": "varchar",
    },
    "pages": {
        "doc_id": "varchar", "page_no": "integer", "table_title_as_printed": "varchar", "amounts_printed": "integer",
        "amounts_read": "integer",
    },
    "intake": {
        "file_path": "varchar", "source_sha256": "varchar", "file_bytes": "bigint", "status": "varchar", "reason": "varchar",
        "message": "varchar", "doc_id": "varchar", "template": "varchar", "page_count": "integer", "figure_count": "integer",
        "read_seconds": "decimal(10,3)", "from_cache": "boolean",
    },
}  # fmt: skip


def literal(value: str | None) -> str:
    """A text value as an SQL literal: quoted, a quote doubled; None as null. DuckDB's Python client imports
    pandas (0.25 s, once a process) the first time a statement is given parameters: what a build that adds a
    document writes, it writes as literals (incremental.LITERAL_ROWS)."""
    return "null" if value is None else "'" + value.replace("'", "''") + "'"


def read_sql(name: str, path: Path) -> str:
    """The query that reads one of the intake's CSV files, the one at path, with the exact types of TYPES."""
    spec = ", ".join(f"'{column}': '{kind}'" for column, kind in TYPES[name].items())
    return (
        f"select * from read_csv({literal(str(path))}, header = true, auto_detect = false, columns = {{{spec}}}, nullstr = '', "
        f"quote = '\"', escape = '\"', strict_mode = true)"
    )


# the intake report: one row a file, read whole; every other table holds documents' rows
REPORT = "intake"


def report(summary: IntakeSummary, stream=sys.stdout) -> None:
    loaded, left = summary.loaded, summary.left_out
    print(f"intake: {len(summary.outcomes)} file(s), {len(loaded)} loaded, {len(left)} left out", file=stream)
    for outcome in loaded:
        if outcome.reason:
            print(f"  loaded [{outcome.reason}] {outcome.message}", file=stream)
    for outcome in left:
        print(f"  left out [{outcome.reason}] {outcome.message}", file=stream)
