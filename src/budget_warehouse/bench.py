"""Measure the build on many documents: ``make bench`` writes ``bench/results.md``.

For each N (default 1, 10, 100, 1000) it generates N synthetic documents
(``synth.py``), runs the whole validation and ``dbt build`` (every model and
test) on them through the bulk input path, and records wall seconds, the peak
resident memory of the build, the rows of the largest fact and of
``fct_published_figure``, and seconds per document. It also times
``dbt parse`` and ``dbt build`` of the real document side by side from a cold
target folder. Timings go to the results file only; nothing asserts on them.

The PDF path is measured apart: the shipped PDFs, copied to 100 and 1,000
files (each copy a distinct file: a comment appended after its end), read
by the intake from a cold cache (in parallel, each file in its own process),
then built and tested as documents (each copy given a department name of its
own, so that the intake's one-document-one-file rule does not leave them
out); beside it the bare pypdfium2 text extraction of the same files, the
floor any reader built on it pays, and where the reader's time goes on the
shipped files (characters, layout, tables and narrative).

The crawled corpus (``--corpus``, default ``../shared/documents/corpus``; skipped with a line saying so
when the folder is absent, or with ``--skip-corpus``): the reader on each of its PDFs in one warm process
(median, p90 and max seconds per document, files per second) beside pypdfium2's bare text extraction of
the same files, and ``python -m budget_warehouse.corpus`` timed cold (an empty intake cache of its own)
and warm; each figure beside its target. ``--corpus-only`` measures this part alone and replaces its
section of the results file.

The distributed section (``bench_distributed.py``; alone: ``--distributed-only``): the corpus read by the
local process pool and by Spark in local mode, files per second both ways, Spark's fixed cost, the same intake
output checked, and a national year projected on a cluster of K cores.

``bench/findings.md`` (alone: ``--findings-only``): the published warehouses' findings per document, by
kind and verdict, beside the peer checker's counts (``data/peer/govbudgetchecker_counts.csv``).

The scale section (``--scale-sizes``, default 100, 1,000 and 10,000; alone: ``--scale-only``): for each N,
N synthetic documents (one folder each) built and published from scratch, then 1 document added and built
incrementally, then 10 more (``--scale-adds``); wall seconds and peak memory of each, the published file's
size and the seconds a copy of it takes (an incremental build starts from one), and the growth exponent of
each series from one N to the next, each beside its target (issue 23). Once every N is built, one document is
taken out and added back at each N in turns, three times (``readd_in_turns``): the machine's speed drifts, so
the add's growth with N is judged by those medians, not by adds measured tens of minutes apart. Nothing
asserts on them.

``bench/reader_variants.md`` (alone: ``--variants-only``, ``make variants``): the generated bench of layouts
(``budget_warehouse.layouts.bench``): budgets with known figures printed in every variant of the national
table set, read back and built once; per variant the figures recovered exactly, missing and wrong, the tables
unconfirmed, the false and missed findings, beside the targets of issue 21.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pypdfium2 as pdfium

from budget_warehouse import bench_distributed, corpus, intake, publish, synth
from budget_warehouse.layouts import bench as layouts_bench
from budget_warehouse.publish import PUBLISHED

# the targets the corpus figures are printed beside (nothing asserts on them)
READER_MEDIAN_TARGET = 0.25  # seconds per document, one core
CORPUS_COLD_TARGET = 180.0  # seconds, python -m budget_warehouse.corpus from an empty intake cache
CORPUS_WARM_TARGET = 90.0  # seconds, the same again
CORPUS_HEADING = "## The crawled corpus: the reader per document, and `make corpus` cold and warm"
# the targets the scale figures are printed beside (issue 23; nothing asserts on them)
SCALE_HEADING = "## Scale: a full build, and documents added to it, at N synthetic documents"
SCALE_SIZES = "100,1000,10000"
SCALE_ADDS = "1,10"
SCALE_ROUNDS = 3  # the adds measured in turns at every N (readd_in_turns)
FULL_1000_TARGET = 240.0  # seconds, 1,000 synthetic documents built and tested from scratch
ADD_SHARE_TARGET = 0.10  # adding 1 document to 1,000: at most this share of the full build of 1,000
PEAK_TARGET_MIB = 4096.0  # peak memory of a build of 10,000 documents, full or incremental

FINDINGS = Path("bench/findings.md")
PEER_COUNTS = Path("data/peer/govbudgetchecker_counts.csv")
REFERENCE = Path("seeds/reference/acknowledged_findings.csv")
# the verdicts of acknowledged_findings.csv, each a column of bench/findings.md (any other one found is added)
VERDICTS = ("document error", "rounding or truncation note", "reader error")
NOT_REVIEWED = "not reviewed"


@dataclass
class Measure:
    seconds: float
    peak_mib: float
    returncode: int


def measured(command: list[str], env: dict[str, str] | None = None) -> Measure:
    """Run a command in a child that reports its wall time and the peak RSS of its children."""
    probe = (
        "import json, resource, subprocess, sys, time\n"
        "start = time.monotonic()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps([time.monotonic() - start, peak, code]))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, env=env, check=True)
    seconds, peak_kib, code = json.loads(result.stdout)
    return Measure(seconds, peak_kib / 1024, code)


def dbt_command(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("dbt")), *args]


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}, DuckDB {duckdb.__version__}"


def parse_versus_build(work: Path) -> tuple[Measure, Measure]:
    """dbt parse alone, and the whole build of the shipped documents (intake from the cache, seeds, models,
    tests), each from a cold target folder."""
    env = dict(os.environ, BUDGET_DUCKDB_PATH=str(work / "real.duckdb"))
    target = work / "target-real-parse"
    shutil.rmtree(target, ignore_errors=True)
    parse = measured(dbt_command("parse", "--no-partial-parse", "--target-path", str(target)), env)
    target = work / "target-real-build"
    shutil.rmtree(target, ignore_errors=True)
    (work / "real.duckdb").unlink(missing_ok=True)
    command = [sys.executable, "-m", "budget_warehouse.publish", "--check-only", "--database", str(work / "real.duckdb")]
    build = measured([*command, "--target-path", str(target)])
    (work / "real.duckdb").unlink(missing_ok=True)
    return parse, build


SHIPPED = Path("data/documents")


def pdf_copies(folder: Path, size: int) -> list[Path]:
    """size distinct files cycling over the shipped PDFs: each copy ends with a comment of its own."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = sorted(SHIPPED.glob("*.pdf"))
    paths = []
    for index in range(size):
        source = sources[index % len(sources)]
        path = folder / f"{index:05d}_{source.name}"
        path.write_bytes(source.read_bytes() + f"\n% copy {index}\n".encode())
        paths.append(path)
    return paths


def floor_seconds(paths: list[Path]) -> float:
    """The bare library: pypdfium2 opening each file and extracting the text of every page, one process."""
    return sum(floor_each(paths))


def floor_each(paths: list[Path]) -> list[float]:
    """floor_seconds per file: pypdfium2's open and each page's textpage get_text_range, timed file by file."""
    seconds = []
    for path in paths:
        start = time.monotonic()
        document = pdfium.PdfDocument(str(path))
        for index in range(len(document)):
            document[index].get_textpage().get_text_range()
        document.close()
        seconds.append(time.monotonic() - start)
    return seconds


def reader_stages(files: int | None = None) -> dict[str, float]:
    """Seconds per shipped PDF in each stage of the reader, one process, warm; files: the first so many of them
    (the smoke test's two), else every one."""
    from budget_warehouse.pdf import document as pdf_document
    from budget_warehouse.pdf import layout as pdf_layout
    from budget_warehouse.pdf import text as pdf_text

    stages = {"characters and rulings (pdf.text)": 0.0, "lines and grids (pdf.layout)": 0.0, "whole reader": 0.0}
    paths = sorted(SHIPPED.glob("*.pdf"))[:files]
    pdf_document.read_document(paths[0])  # warm the imports
    for path in paths:
        start = time.monotonic()
        pages = pdf_text.read_pages(path)
        middle = time.monotonic()
        for page in pages:
            pdf_layout.layout(page)
        stages["characters and rulings (pdf.text)"] += middle - start
        stages["lines and grids (pdf.layout)"] += time.monotonic() - middle
        start = time.monotonic()
        pdf_document.read_document(path)
        stages["whole reader"] += time.monotonic() - start
    stages = {name: seconds / len(paths) for name, seconds in stages.items()}
    stages["tables, figures and narrative (pdf.tables, pdf.narrative)"] = (
        stages["whole reader"] - stages["characters and rulings (pdf.text)"] - stages["lines and grids (pdf.layout)"]
    )
    return stages


def distinct_departments(cache: Path) -> None:
    """Give every cached document a department of its own (the copies all claim the shipped ones')."""
    for index, path in enumerate(sorted(cache.glob("*.json"))):
        stored = json.loads(path.read_text(encoding="utf-8"))
        document = (stored.get("result") or {}).get("document")
        if document and document.get("department_name"):
            document["department_name"] += f" #{index}"
            path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")


def pdf_run(sizes: list[int], work: Path, build_too: bool = True) -> list[dict[str, float]]:
    """Each size: N copies read by the intake from a cold cache, then (build_too) built and tested from it."""
    rows = []
    for size in sizes:
        folder, cache = work / f"pdf-{size}", work / f"pdf-cache-{size}"
        shutil.rmtree(cache, ignore_errors=True)
        paths = pdf_copies(folder, size)
        pages = sum(len(pdfium.PdfDocument(str(path))) for path in paths)
        script = (
            "import sys; from pathlib import Path; from budget_warehouse import intake\n"
            "summary = intake.intake(intake.find_documents(Path(sys.argv[1])), Path(sys.argv[2]))\n"
            "sys.exit(0 if len(summary.outcomes) == len([o for o in summary.outcomes if o.result]) else 1)\n"
        )
        read = measured([sys.executable, "-c", script, str(folder), str(cache)])
        distinct_departments(cache)
        database = work / f"pdf-{size}.duckdb"
        database.unlink(missing_ok=True)
        build, figures = None, 0
        if build_too:
            command = [sys.executable, "-m", "budget_warehouse.publish", "--check-only", "--docs", str(folder)]
            command += ["--database", str(database), "--target-path", str(work / f"target-pdf-{size}")]
            build = measured(command, dict(os.environ, BUDGET_INTAKE_CACHE=str(cache)))
            if build.returncode == 0:
                with duckdb.connect(str(database), read_only=True) as connection:
                    (figures,) = connection.execute("select count(*) from marts.fct_published_figure").fetchone()
        rows.append(
            {
                "documents": size,
                "pages": pages,
                "passed": read.returncode == 0 and (build is None or build.returncode == 0),
                "read_seconds": read.seconds,
                "read_peak_mib": read.peak_mib,
                "build_seconds": build.seconds if build else None,
                "build_peak_mib": build.peak_mib if build else 0,
                "floor_seconds": floor_seconds(paths),
                "figures": figures,
            }
        )
        database.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    return rows


@dataclass
class CorpusReading:
    """The reader and pypdfium2 on each PDF of the corpus, in this process."""

    files: int
    reader: list[float]  # seconds per document the reader read
    rejected: Counter[str]  # the reader's reason -> files it rejected (an HTML page, a scan, a notice, ...)
    total_seconds: float  # the reader on every file, the rejected ones too
    floor: list[float]  # pypdfium2's text extraction of the documents the reader read, seconds each


def corpus_reading(corpus_dir: Path) -> CorpusReading:
    """Every PDF of the corpus (as the intake lists them) read by ``read_document`` one after the other in this
    process, imports and templates warmed by a first untimed read; then pypdfium2's bare text extraction of the
    documents it read."""
    from budget_warehouse.pdf import document as pdf_document

    paths = [path for path in intake.find_documents(corpus_dir) if path.suffix.lower() == ".pdf"]
    read: list[Path] = []
    seconds: list[float] = []
    rejected: Counter[str] = Counter()
    total = 0.0
    for index, path in enumerate(paths):
        if index == 0:
            with contextlib.suppress(Exception):  # a rejected first file warms the imports as well
                pdf_document.read_document(path)
        start = time.monotonic()
        try:
            pdf_document.read_document(path)
        except Exception as error:  # a file the reader rejects is counted by its reason, as the intake reports it
            rejected[getattr(error, "reason", "unreadable")] += 1
        else:
            read.append(path)
            seconds.append(time.monotonic() - start)
        total += time.monotonic() - start
    return CorpusReading(len(paths), seconds, rejected, total, floor_each(read))


def corpus_runs(corpus_dir: Path, work: Path) -> tuple[Measure, Measure]:
    """``python -m budget_warehouse.corpus`` on the folder twice, into a warehouse, intake cache and dbt target of
    the bench's own (the real ones untouched): cold (an empty cache, a fresh target folder), then warm (both as
    the cold run left them). Without its gate: a non-zero code is a failed build."""
    folder = work / "corpus"
    shutil.rmtree(folder, ignore_errors=True)
    command = [sys.executable, "-m", "budget_warehouse.corpus", "--corpus", str(corpus_dir), "--no-gate"]
    command += ["--database", str(folder / "budget.duckdb"), "--results", str(folder / "corpus.md")]
    command += ["--cache", str(folder / "cache"), "--target-path", str(folder / "target")]
    cold = measured(command)
    warm = measured(command)
    shutil.rmtree(folder, ignore_errors=True)
    return cold, warm


def quantile(values: list[float], share: float) -> float:
    """The value below which share of the values lie (the nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def within(value: float, target: float, unit: str) -> str:
    return f"≤ {target:g} {unit} ({'met' if value <= target else 'NOT met'})"


def corpus_section(corpus_dir: Path | None, work: Path) -> tuple[list[str], bool]:
    """The results file's section on the crawled corpus, and whether its builds passed."""
    lines = [CORPUS_HEADING, ""]
    if corpus_dir is None:
        return [*lines, "Not measured: `--skip-corpus`.", ""], True
    if not corpus_dir.is_dir():
        return [*lines, f"Not measured: the corpus folder {corpus_dir} is absent (`--corpus` to name another).", ""], True
    reading = corpus_reading(corpus_dir)
    cold, warm = corpus_runs(corpus_dir, work)
    rejected = ", ".join(f"{reason} {count}" for reason, count in sorted(reading.rejected.items())) or "none"
    lines += [
        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}, by `make bench` (this section alone:",
        f"`python -m budget_warehouse.bench --corpus-only`), on {corpus_dir} ({reading.files} PDFs). Each figure",
        "is printed beside its target; nothing asserts on them.",
        "",
        "The reader (`budget_warehouse.pdf.document.read_document`) on each PDF, one after the other in one",
        "process (one core), imports and templates warm; beside it pypdfium2's bare text extraction (open, each",
        f"page's textpage `get_text_range`) of the same documents. {len(reading.reader)} documents read; the",
        f"reader rejected {sum(reading.rejected.values())} files ({rejected}), whose seconds count in files per",
        "second only.",
        "",
        "| per document | reader | pypdfium2 text alone | target (reader) |",
        "|---|---:|---:|---|",
    ]
    if reading.reader:
        median = statistics.median(reading.reader)
        lines += [
            f"| median seconds | {median:.3f} | {statistics.median(reading.floor):.3f} |"
            f" {within(median, READER_MEDIAN_TARGET, 's per document per core')} |",
            f"| p90 seconds | {quantile(reading.reader, 0.9):.3f} | {quantile(reading.floor, 0.9):.3f} | — |",
            f"| max seconds | {max(reading.reader):.3f} | {max(reading.floor):.3f} | — |",
            f"| files per second (every file) | {reading.files / reading.total_seconds:.2f} | — | — |",
        ]
    lines += [
        "",
        "The whole `make corpus` (`python -m budget_warehouse.corpus`: the intake, reading the files in parallel",
        "with its limits, then validation, `dbt build` and every test, the report), into a warehouse, intake",
        "cache and dbt target of the bench's own: cold from an empty cache and a fresh target folder, then",
        "warm (every file from the cache, dbt's partial parse).",
        "",
        "| run | build passed | wall seconds | peak memory (MiB) | target |",
        "|---|:---:|---:|---:|---|",
    ]
    for name, measure, target in (("cold", cold, CORPUS_COLD_TARGET), ("warm", warm, CORPUS_WARM_TARGET)):
        lines.append(
            f"| {name} | {'yes' if measure.returncode == 0 else 'NO'} | {measure.seconds:.1f} |"
            f" {measure.peak_mib:,.0f} | {within(measure.seconds, target, 's')} |"
        )
    return [*lines, ""], cold.returncode == 0 and warm.returncode == 0


@dataclass
class ScaleRow:
    """One N of the scale section: the full build, each addition, the published file and a copy of it, and the
    machine's load average (1 minute) before and after each build (other work on a shared machine slows them)."""

    documents: int
    full: Measure
    adds: dict[int, Measure]
    file_mib: float
    copy_seconds: float
    load: list[float] = field(default_factory=list)
    # adds measured in turns with the other Ns, after every N is built (readd_in_turns)
    in_turns: list[float] = field(default_factory=list)


def load_average() -> float:
    return os.getloadavg()[0]


def add_documents(source: Path, folder: Path, names: list[str]) -> None:
    """Put the documents' folders into the bulk folder (hard links where the filesystem allows: a document costs
    its files, not a copy of them)."""
    for name in names:
        try:
            shutil.copytree(source / name, folder / name, copy_function=os.link)
        except OSError:
            shutil.rmtree(folder / name, ignore_errors=True)
            shutil.copytree(source / name, folder / name)


def scale_command(base: Path, work: Path) -> list[str]:
    """The build of one N's folder into its published warehouse (make build INPUT=folder)."""
    command = [sys.executable, "-m", "budget_warehouse.publish", "--input", str(base / "input")]
    return command + ["--published", str(base / "warehouse" / "budget.duckdb"), "--target-path", str(work / "target-scale")]


def scale_run(size: int, adds: list[int], work: Path, published: Path, keep: bool = False) -> ScaleRow:
    """N synthetic documents built from scratch and published into a warehouse of the bench's own, then each
    addition built incrementally into it. keep: the folder (documents, warehouse, copy) left in work, to look into
    (a build of it again adds to it)."""
    base = work / f"scale-{size}"
    shutil.rmtree(base, ignore_errors=True)
    every, folder = base / "every", base / "input"
    names = synth.generate(Path("."), published, size + sum(adds), 1, 20241, every)
    folder.mkdir(parents=True)
    add_documents(every, folder, names[:size])
    warehouse = base / "warehouse" / "budget.duckdb"
    warehouse.parent.mkdir(parents=True)
    command = scale_command(base, work)
    load = [load_average()]
    full = measured(command)
    load.append(load_average())
    measures: dict[int, Measure] = {}
    done = size
    for count in adds:
        add_documents(every, folder, names[done : done + count])
        done += count
        measures[count] = measured(command) if full.returncode == 0 else Measure(0.0, 0.0, 1)
        load.append(load_average())
    file_mib, copy_seconds = 0.0, 0.0
    if warehouse.exists():
        file_mib = warehouse.stat().st_size / 2**20
        # as an incremental build copies it: the copy made durable (publish fsyncs the file it renames)
        start = time.monotonic()
        shutil.copyfile(warehouse, base / "copy.duckdb")
        with open(base / "copy.duckdb", "rb+") as handle:
            os.fsync(handle.fileno())
        copy_seconds = time.monotonic() - start
        (base / "copy.duckdb").unlink()
    if not keep:
        shutil.rmtree(base, ignore_errors=True)
    return ScaleRow(size, full, measures, file_mib, copy_seconds, load)


def readd_in_turns(rows: list[ScaleRow], work: Path, rounds: int = SCALE_ROUNDS) -> None:
    """An add measured at every N in turns, once every N is built (row.in_turns): the machine's speed drifts by up
    to twice over half an hour, so adds measured one N after the other, tens of minutes apart, compare the
    machine as much as the N. Each turn, at each N in order: the last document's folder taken out of the input
    and the warehouse built without it (not timed), then put back and built again (timed): one document added."""
    for _ in range(rounds):
        for row in rows:
            base = work / f"scale-{row.documents}"
            folder, held = base / "input", base / "held"
            if row.full.returncode != 0 or not folder.is_dir():
                continue
            last = max(folder.iterdir(), key=lambda path: path.name)
            held.mkdir(exist_ok=True)
            last.rename(held / last.name)
            removed = measured(scale_command(base, work))
            (held / last.name).rename(last)
            added = measured(scale_command(base, work))
            row.in_turns.append(added.seconds if removed.returncode == added.returncode == 0 else float("nan"))


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def exponent(small: float, large: float, ratio: float) -> str:
    """The growth exponent k of seconds ∝ N^k between two sizes."""
    if small <= 0 or large <= 0:
        return "—"
    return f"{math.log(large / small) / math.log(ratio):.2f}"


def scale_section(rows: list[ScaleRow], adds: list[int]) -> list[str]:
    """The results file's section on scale: the measures per N, their growth, each beside its target."""
    lines = [
        SCALE_HEADING,
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}, by `make bench` (this section alone:",
        "`python -m budget_warehouse.bench --scale-only`). N synthetic documents (`make synth`, one folder each),",
        "built, tested and published from scratch through the bulk input path (`make build INPUT=folder`), then",
        f"{' and '.join(str(a) for a in adds)} more document(s) added to the folder and built again: incrementally,",
        "the published file copied and only the documents added (with their departments) recomputed and tested.",
        "Peak memory is the largest resident set of the build's processes; the copy is `shutil.copyfile` of the",
        "published file and its `fsync`, as an incremental build starts from it and makes it durable before it",
        "publishes; the load is the machine's load average over a",
        f"minute before and after each build ({os.cpu_count()} cores: other work on a shared machine slows every",
        "build alike). Nothing asserts on these figures.",
        "",
        "| N | full: passed | full: seconds | full: peak MiB |"
        + "".join(f" add {a}: passed | add {a}: seconds | add {a}: peak MiB |" for a in adds)
        + " published MiB | copy seconds | load average |",
        "|---:|:---:|---:|---:|" + ":---:|---:|---:|" * len(adds) + "---:|---:|---|",
    ]
    for row in rows:
        cells = f"| {row.documents:,} | {'yes' if row.full.returncode == 0 else 'NO'} | {row.full.seconds:.1f} |"
        cells += f" {row.full.peak_mib:,.0f} |"
        for count in adds:
            measure = row.adds.get(count)
            if measure is None:
                cells += " — | — | — |"
                continue
            cells += f" {'yes' if measure.returncode == 0 else 'NO'} | {measure.seconds:.1f} | {measure.peak_mib:,.0f} |"
        load = " → ".join(f"{value:.1f}" for value in row.load)
        lines.append(cells + f" {row.file_mib:,.0f} | {row.copy_seconds:.1f} | {load} |")
    if len(rows) > 1:
        lines += [
            "",
            "Growth exponent k of seconds ∝ N^k from one N to the next (1.00 is linear; an incremental add should be",
            "near 0, growing only with what it copies):",
            "",
            "| from N | to N | full | " + " | ".join(f"add {a}" for a in adds) + " | peak memory (full) |",
            "|---:|---:|---:|" + "---:|" * len(adds) + "---:|",
        ]
        for small, large in zip(rows, rows[1:], strict=False):
            ratio = large.documents / small.documents
            growth = [exponent(small.full.seconds, large.full.seconds, ratio)]
            growth += [exponent(small.adds[a].seconds, large.adds[a].seconds, ratio) if a in small.adds else "—" for a in adds]
            growth.append(exponent(small.full.peak_mib, large.full.peak_mib, ratio))
            lines.append(f"| {small.documents:,} | {large.documents:,} | " + " | ".join(growth) + " |")
    by_size = {row.documents: row for row in rows}
    targets = []
    if 1000 in by_size:
        thousand = by_size[1000]
        targets.append(
            f"- 1,000 documents built and tested from scratch: {thousand.full.seconds:.1f} s, target"
            f" {within(thousand.full.seconds, FULL_1000_TARGET, 's')}"
        )
        if 1 in thousand.adds:
            share = thousand.adds[1].seconds / thousand.full.seconds if thousand.full.seconds else 0.0
            verdict = "met" if share <= ADD_SHARE_TARGET else "NOT met"
            targets.append(
                f"- 1 document added to 1,000: {thousand.adds[1].seconds:.1f} s, {share:.1%} of the full build"
                f" (target ≤ {ADD_SHARE_TARGET:.0%}, {verdict})"
            )
    if 1000 in by_size and 10000 in by_size:
        thousand, ten = by_size[1000], by_size[10000]
        targets.append(
            f"- 10,000 documents from scratch: {ten.full.seconds:.1f} s, target"
            f" {within(ten.full.seconds, 10 * thousand.full.seconds, 's')} (10 × the build of 1,000)"
        )
        if thousand.in_turns and ten.in_turns:
            # side by side: the medians of the adds measured in turns
            before, after, how = median(thousand.in_turns), median(ten.in_turns), "medians of the adds in turns"
        elif 1 in thousand.adds and 1 in ten.adds:
            before, after, how = thousand.adds[1].seconds, ten.adds[1].seconds, "each measured once, apart"
        else:
            before = after = None
        if before is not None and after is not None:
            growth = after - before
            verdict = "met" if growth <= ten.copy_seconds else "NOT met"
            targets.append(
                f"- 1 document added, from 1,000 to 10,000 documents ({how}): {before:.1f} s → {after:.1f} s"
                f" ({growth:+.1f} s; target: no more than copying the published file of 10,000, {ten.copy_seconds:.1f} s,"
                f" {verdict})"
            )
        peak = max([ten.full.peak_mib, *(m.peak_mib for m in ten.adds.values())])
        target = within(peak, PEAK_TARGET_MIB, "MiB")
        targets.append(f"- peak memory at 10,000 documents, full or incremental: {peak:,.0f} MiB, target {target}")
    turns = [row for row in rows if row.in_turns]
    if turns:
        lines += [
            "",
            f"One document added at each N in turns, {len(turns[0].in_turns)} times, after every N is built (the",
            "machine's speed drifts by up to twice over half an hour; adds one N after the other compare it as much as",
            "the N): the last document's folder taken out and the warehouse built without it, then put back and built",
            "again, timed.",
            "",
            "| N | add 1 in turns: seconds | median |",
            "|---:|---|---:|",
        ]
        lines += [
            f"| {row.documents:,} | {', '.join(f'{value:.1f}' for value in row.in_turns)} | {median(row.in_turns):.1f} |"
            for row in turns
        ]
    if targets:
        lines += ["", "Targets:", "", *targets]
    return [*lines, ""]


def scale_measures(sizes: list[int], adds: list[int], work: Path, published: Path, keep: bool = False) -> tuple[list[str], bool]:
    """Every N of the scale section, measured; the section's lines and whether every build passed."""
    work.mkdir(parents=True, exist_ok=True)
    # every N's folder kept until the adds in turns are measured
    rows = [scale_run(size, adds, work, published, keep=keep or len(sizes) > 1) for size in sizes]
    if len(sizes) > 1:
        readd_in_turns(rows, work)
        if not keep:
            for size in sizes:
                shutil.rmtree(work / f"scale-{size}", ignore_errors=True)
    passed = all(row.full.returncode == 0 and all(m.returncode == 0 for m in row.adds.values()) for row in rows)
    passed = passed and all(value == value for row in rows for value in row.in_turns)  # NaN: a build failed
    return scale_section(rows, adds), passed


def write_section(path: Path, lines: list[str]) -> None:
    """Put a section (lines, its heading first) into the results file: in place of the section of that heading
    (up to the next ``## `` heading) when the file has one, else at its end."""
    kept = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    if lines[0] in kept:
        start = kept.index(lines[0])
        end = next((index for index in range(start + 1, len(kept)) if kept[index].startswith("## ")), len(kept))
        kept[start:end] = lines
    else:
        kept += ["", *lines] if kept and kept[-1] else lines
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(kept).rstrip("\n") + "\n", encoding="utf-8")


@dataclass
class Warehouse:
    """A published warehouse whose findings bench/findings.md lists."""

    title: str
    path: Path
    built_by: str  # the command that builds it
    corpus: Path | None = None  # the folder its documents were read from, whose first level is the city


@dataclass
class PeerCount:
    low: int
    high: int
    errors_not_found: str
    source: str


def peer_counts(path: Path) -> tuple[dict[str, PeerCount], dict[str, PeerCount]]:
    """The peer checker's counts by file sha256, and by file name (for a file whose sha256 is not recorded)."""
    by_sha256: dict[str, PeerCount] = {}
    by_name: dict[str, PeerCount] = {}
    if not path.exists():
        return by_sha256, by_name
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            count = PeerCount(
                int(row["peer_findings_low"]), int(row["peer_findings_high"]), row.get("errors_not_found") or "", row["source"]
            )
            if row.get("source_sha256"):
                by_sha256[row["source_sha256"]] = count
            by_name[row["source_file"]] = count
    return by_sha256, by_name


def shown(path: Path) -> str:
    """A path as the files print it: relative to the project (the working folder) when under it."""
    return publish.project_relative(path)


def count_range(low: int, high: int) -> str:
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


@dataclass
class DocumentFindings:
    """One document of a warehouse and the counts of its findings."""

    place: str
    department: str
    year: str
    phase: str
    scope: str
    file: str
    sha256: str
    severities: Counter[str] = field(default_factory=Counter)
    verdicts: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    peer: PeerCount | None = None


def warehouse_findings(
    warehouse: Warehouse, peers: tuple[dict[str, PeerCount], dict[str, PeerCount]]
) -> tuple[list[DocumentFindings], set[tuple[str, str]]]:
    """Each document of the warehouse with its findings counted, and the (sha256, finding_id) of every finding."""
    with duckdb.connect(str(warehouse.path), read_only=True) as connection:
        documents = connection.execute(
            "select doc_id, region, department_name, fiscal_year, budget_phase, scope, source_file, source_sha256 "
            "from marts.dim_document"
        ).fetchall()
        findings = connection.execute(
            "select doc_id, source_sha256, finding_id, finding_kind, severity, verdict from marts.rpt_findings"
        ).fetchall()
    by_sha256, by_name = peers
    rows: dict[str, DocumentFindings] = {}
    for doc_id, region, department, year, phase, scope, source_file, sha256 in documents:
        file = Path(source_file or "")
        place = region or "?"
        if warehouse.corpus is not None:
            place = f"{corpus.city_of(str(file), warehouse.corpus)} · {place}"
        peer = by_sha256.get(sha256 or "") or by_name.get(file.name)
        rows[doc_id] = DocumentFindings(
            place, department or "?", str(year or "?"), phase or "?", scope or "?", file.name, sha256 or "", peer=peer
        )
    raised: set[tuple[str, str]] = set()
    for doc_id, sha256, finding_id, kind, severity, verdict in findings:
        raised.add((sha256, finding_id))
        row = rows.get(doc_id)
        if row is None:
            continue
        row.severities[severity] += 1
        row.verdicts[verdict or NOT_REVIEWED] += 1
        row.kinds[kind] += 1
    ordered = sorted(rows.values(), key=lambda row: (row.place, row.department, row.year, row.phase, row.scope, row.file))
    return ordered, raised


def document_errors(reference: Path) -> list[dict[str, str]]:
    """The findings the review judged errors of their documents (acknowledged_findings.csv)."""
    if not reference.exists():
        return []
    with open(reference, encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["verdict"] == "document error"]


def findings_table(
    warehouse: Warehouse, rows: list[DocumentFindings], raised: set[tuple[str, str]], errors: list[dict[str, str]]
) -> list[str]:
    """The section of bench/findings.md on one warehouse: the targets measured, then the table per document."""
    verdicts = [*VERDICTS, *sorted({v for row in rows for v in row.verdicts} - {*VERDICTS, NOT_REVIEWED}), NOT_REVIEWED]
    total = DocumentFindings("", "", "", "", "", "", "")
    for row in rows:
        total.severities.update(row.severities)
        total.verdicts.update(row.verdicts)
        total.kinds.update(row.kinds)
    shas = {row.sha256 for row in rows}
    expected = [error for error in errors if error["source_sha256"] in shas]
    missing = [error for error in expected if (error["source_sha256"], error["finding_id"]) not in raised]
    reader_errors = total.verdicts["reader error"]
    lines = [
        f"## {warehouse.title} (`{shown(warehouse.path)}`, built by `{warehouse.built_by}`)",
        "",
        f"- reader errors among the published findings: {reader_errors} (target 0"
        f"{', met' if reader_errors == 0 else ', NOT met'})",
        f"- document errors of the review still found: {len(expected) - len(missing)} of {len(expected)}"
        f" (target: all{', met' if not missing else ', NOT met'})",
        *[
            f"  - not found: {error['finding_id']} (p. {error['page_no']}, sha256 {error['source_sha256'][:16]})"
            for error in missing
        ],
        "",
        "| region | department | year | phase | scope | file | findings (error / note) |"
        + "".join(f" {verdict} |" for verdict in verdicts)
        + " by kind | GovBudgetChecker |",
        "|---|---|---|---|---|---|---:|" + "---:|" * len(verdicts) + "---|---:|",
    ]

    def cells(row: DocumentFindings) -> str:
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(row.kinds.items())) or "—"
        return (
            f" {sum(row.severities.values())} ({row.severities['error']} / {row.severities['note']}) |"
            + "".join(f" {row.verdicts[verdict]} |" for verdict in verdicts)
            + f" {kinds} |"
        )

    for row in rows:
        peer = count_range(row.peer.low, row.peer.high) if row.peer else "—"
        lines.append(
            f"| {row.place} | {row.department} | {row.year} | {row.phase} | {row.scope} | {row.file} |{cells(row)} {peer} |"
        )
    checked = [(row, row.peer) for row in rows if row.peer]
    peer_range = count_range(sum(peer.low for _, peer in checked), sum(peer.high for _, peer in checked))
    peer_total = f"{peer_range} ({len(checked)} documents)" if checked else "—"
    lines.append(f"| **total** | {len(rows)} documents | | | | |{cells(total)} {peer_total} |")
    if checked:
        ours = sum(sum(row.severities.values()) for row, _ in checked)
        ours_errors = sum(row.verdicts["document error"] for row, _ in checked)
        lines += [
            "",
            f"On the {len(checked)} documents GovBudgetChecker has counts for: this project publishes {ours} findings"
            f" ({ours_errors} of them document errors), GovBudgetChecker {peer_range}"
            f" ({', '.join(sorted({peer.source for _, peer in checked}))}).",
        ]
        not_found = [(row, peer) for row, peer in checked if peer.errors_not_found]
        if not_found:
            lines += [
                "Document errors of the review it did not report: "
                + "; ".join(f"{row.file} ({peer.errors_not_found.replace('; ', ', ')})" for row, peer in not_found)
                + "."
            ]
    return [*lines, ""]


def write_findings(path: Path, warehouses: list[Warehouse], peer_file: Path = PEER_COUNTS, reference: Path = REFERENCE) -> None:
    """bench/findings.md: per warehouse, the findings of each document by severity, verdict and kind, and the peer
    checker's count beside them; a warehouse whose file is absent is named as such."""
    peers = peer_counts(peer_file)
    errors = document_errors(reference)
    lines = [
        "# Findings per document, by verdict and kind, beside a peer checker's counts",
        "",
        f"Written {time.strftime('%Y-%m-%d')} by `make bench` (alone: `python -m budget_warehouse.bench --findings-only`)",
        "from each published warehouse's `marts.rpt_findings` and `marts.dim_document`. One row per document:",
        "",
        "- **region**: the region the document prints (for the crawled corpus, after the city folder it was filed under);",
        "  **department, year, phase, scope, file**: `dim_document`'s, the file's name;",
        "- **findings (error / note)**: every finding published on the document, and how many are errors and notes",
        "  (`severity`);",
        f"- **{' / '.join(VERDICTS)}**: the verdict made on the printed page, from",
        f"  `{shown(reference)}` (a reader error is the reader's misreading, fixed in the reader);",
        f"  **{NOT_REVIEWED}**: a finding with no verdict recorded;",
        "- **by kind**: `finding_kind`, the check that raised it;",
        "- **GovBudgetChecker**: the findings the peer checker (deterministic rules) raised on the same file, as issue 17",
        f"  reports them (`{shown(peer_file)}`); a range where the issue gives one, — where it has no count.",
        "",
        "Target: no reader error among the published findings, and every document error of the review still found (each",
        "row of the reference with verdict document error, for a document the warehouse holds, raised again).",
        "",
    ]
    for warehouse in warehouses:
        if not warehouse.path.exists():
            lines += [
                f"## {warehouse.title} (`{shown(warehouse.path)}`)",
                "",
                f"The warehouse file {shown(warehouse.path)} is absent (`{warehouse.built_by}` builds it):"
                " its findings are not listed.",
                "",
            ]
            continue
        rows, raised = warehouse_findings(warehouse, peers)
        lines += findings_table(warehouse, rows, raised, errors)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def published_warehouses(shipped: Path, corpus_published: Path, corpus_dir: Path) -> list[Warehouse]:
    return [
        Warehouse("The shipped documents", shipped, "make build"),
        Warehouse("The crawled corpus", corpus_published, "make corpus", corpus=corpus_dir),
    ]


def run(
    sizes: list[int],
    work: Path,
    published: Path,
    results_file: Path,
    pdf_sizes: list[int],
    shipped: bool = True,
    pdf_build: bool = True,
    corpus_dir: Path | None = None,
    scale_sizes: list[int] | None = None,
    scale_adds: list[int] | None = None,
    reader_files: int | None = None,
) -> list[dict[str, float]]:
    """Every measure into results_file; corpus_dir None: the corpus section says it was skipped; scale_sizes
    empty: no scale section."""
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in sizes:
        folder = work / f"synth-{size}"
        synth.generate(Path("."), published, size, 1, 20241, folder)
        database = work / f"bench-{size}.duckdb"
        database.unlink(missing_ok=True)
        command = [
            sys.executable,
            "-m",
            "budget_warehouse.publish",
            "--check-only",
            "--input",
            str(folder),
            "--database",
            str(database),
            "--target-path",
            str(work / f"target-{size}"),
        ]
        measure = measured(command)
        row: dict[str, float] = {"documents": size, "seconds": measure.seconds, "peak_mib": measure.peak_mib}
        row["passed"] = measure.returncode == 0
        if measure.returncode == 0:
            with duckdb.connect(str(database), read_only=True) as connection:
                counts = {
                    name: connection.execute(f"select count(*) from marts.{name}").fetchone()[0]
                    for (name,) in connection.execute(
                        "select table_name from duckdb_tables() where schema_name = 'marts' and table_name like 'fct%'"
                    ).fetchall()
                }
            largest = max((n for name, n in counts.items() if name != "fct_published_figure"), default=0)
            row.update(largest_fact_rows=largest, published_figure_rows=counts.get("fct_published_figure", 0))
            # make report on the same warehouse: its pages, and how long they take
            report = measured(
                [sys.executable, "-m", "budget_warehouse.report", "--published", str(database), "--out", str(work / "report")]
            )
            pages = len(list((work / "report/doc").glob("*.html")))
            size_mib = sum(path.stat().st_size for path in (work / "report").rglob("*") if path.is_file()) / 2**20
            row.update(report_seconds=report.seconds, report_pages=pages, report_mib=size_mib, report_ok=report.returncode == 0)
            shutil.rmtree(work / "report", ignore_errors=True)
        rows.append(row)
        database.unlink(missing_ok=True)
    parse, build = parse_versus_build(work) if shipped else (None, None)
    pdf_rows = pdf_run(pdf_sizes, work, build_too=pdf_build)
    write_results(results_file, rows, parse, build, pdf_rows, reader_stages(reader_files))
    section, corpus_passed = corpus_section(corpus_dir, work)
    write_section(results_file, section)
    section, distributed_passed = bench_distributed.distributed_section(corpus_dir, work)
    write_section(results_file, section)
    scale_passed = True
    if scale_sizes:
        section, scale_passed = scale_measures(scale_sizes, scale_adds or [], work, published)
        write_section(results_file, section)
    return (
        rows
        + [{"passed": row["passed"]} for row in pdf_rows]
        + [{"passed": corpus_passed and distributed_passed}, {"passed": scale_passed}]
    )


def write_results(
    path: Path,
    rows: list[dict[str, float]],
    parse: Measure | None,
    build: Measure | None,
    pdf_rows: list[dict[str, float]],
    stages: dict[str, float],
) -> None:
    lines = [
        "# Benchmark: validation and `dbt build` (every model and test) on N documents",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}, by `make bench`",
        "(synthetic documents from `src/budget_warehouse/synth.py`, read through the bulk input path;",
        "peak memory is the largest resident set of the build's processes).",
        "",
        "| documents | passed | rows in largest fact | rows in fct_published_figure | wall seconds | peak memory (MiB) |"
        " seconds per document |",
        "|---:|:---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['documents']:,} | {'yes' if row['passed'] else 'NO'} | {row.get('largest_fact_rows', 0):,} |"
            f" {row.get('published_figure_rows', 0):,} | {row['seconds']:.1f} | {row['peak_mib']:,.0f} |"
            f" {row['seconds'] / row['documents']:.3f} |"
        )
    lines += [
        "",
        "`make report` on the same warehouses (every document's page, the index and its data):",
        "",
        "| documents | report written | pages | wall seconds | size (MiB) |",
        "|---:|:---:|---:|---:|---:|",
        *[
            f"| {row['documents']:,} | {'yes' if row.get('report_ok') else 'NO'} | {row.get('report_pages', 0):,} |"
            f" {row.get('report_seconds', 0):.1f} | {row.get('report_mib', 0):.1f} |"
            for row in rows
            if "report_seconds" in row
        ],
    ]
    by_size = {row["documents"]: row["seconds"] for row in rows}
    if 100 in by_size and 1000 in by_size:
        exponent = math.log(by_size[1000] / by_size[100]) / math.log(10)
        lines += ["", f"Growth from 100 to 1,000 documents: time ∝ N^{exponent:.2f} (1.00 is linear)."]
    if parse and build:
        lines += [
            "",
            "The shipped documents, from a cold target folder:",
            "",
            "| step | wall seconds | peak memory (MiB) |",
            "|---|---:|---:|",
            f"| `dbt parse` | {parse.seconds:.1f} | {parse.peak_mib:,.0f} |",
            f"| the whole build (`publish --check-only`) | {build.seconds:.1f} | {build.peak_mib:,.0f} |",
            "",
            f"Build / parse: {build.seconds / parse.seconds:.2f}.",
        ]
    lines += [
        "",
        "## PDFs through the whole path",
        "",
        "The shipped PDFs copied to N distinct files: read by the intake from a cold cache (in parallel, one",
        "process per file, with its time and memory limits), then built and tested (`publish --check-only",
        "--docs`, the intake from its cache). The floor is pypdfium2's own text extraction of the same files",
        "in one process.",
        "",
        "| documents | pages | passed | figures published | read seconds | build seconds | total seconds |"
        " seconds per document | peak memory (MiB) | floor seconds per document |",
        "|---:|---:|:---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in pdf_rows:
        built = row["build_seconds"] is not None  # not with --pdf-read-only: the reading alone
        total = row["read_seconds"] + (row["build_seconds"] or 0)
        figures = f"{row['figures']:,}" if built else "—"
        build_seconds = f"{row['build_seconds']:.1f}" if built else "—"
        lines.append(
            f"| {row['documents']:,} | {row['pages']:,} | {'yes' if row['passed'] else 'NO'} | {figures} |"
            f" {row['read_seconds']:.1f} | {build_seconds} | {total:.1f} | {total / row['documents']:.3f} |"
            f" {max(row['read_peak_mib'], row['build_peak_mib']):,.0f} | {row['floor_seconds'] / row['documents']:.3f} |"
        )
    lines += [
        "",
        "Where the reader's time goes, per shipped PDF (one process, warm):",
        "",
        "| stage | seconds per document |",
        "|---|---:|",
        *[f"| {name} | {seconds:.3f} |" for name, seconds in stages.items()],
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10,100,1000", help="comma-separated counts of synthetic documents")
    parser.add_argument("--pdf-sizes", default="100,1000", help="comma-separated counts of PDF copies")
    parser.add_argument("--skip-shipped", action="store_true", help="leave out the cold parse and build of the shipped documents")
    parser.add_argument("--pdf-read-only", action="store_true", help="time the PDFs' reading only, not their build")
    parser.add_argument("--corpus", type=Path, default=corpus.CORPUS, help="the crawled corpus (skipped when absent)")
    parser.add_argument("--skip-corpus", action="store_true", help="leave out the reader and make corpus on the corpus")
    parser.add_argument(
        "--corpus-only",
        action="store_true",
        help="measure the corpus alone: replace its section of the results file, the rest as it was",
    )
    parser.add_argument("--scale-sizes", default=SCALE_SIZES, help="comma-separated N of the scale section (empty: none)")
    parser.add_argument("--scale-adds", default=SCALE_ADDS, help="comma-separated numbers of documents added, one build each")
    parser.add_argument(
        "--scale-only",
        action="store_true",
        help="measure the scale section alone: replace its section of the results file, the rest as it was",
    )
    parser.add_argument(
        "--keep-scale",
        action="store_true",
        help="with --scale-only: keep each N's documents and warehouse in --work/scale-N (several GiB at 10,000)",
    )
    parser.add_argument(
        "--distributed-only",
        action="store_true",
        help="measure the corpus's reading by the local pool and by Spark alone: replace its section of the results file",
    )
    parser.add_argument(
        "--findings-only",
        action="store_true",
        help="write the findings file alone, from the published warehouses (nothing is measured)",
    )
    parser.add_argument(
        "--variants-only",
        action="store_true",
        help="the generated bench of layouts alone: write bench/reader_variants.md (fails when a target is missed)",
    )
    parser.add_argument("--variants", type=Path, default=layouts_bench.RESULTS, help="the generated bench's results")
    parser.add_argument(
        "--skip-variants",
        action="store_true",
        help="leave out the generated bench of layouts (make variants runs it alone; make test's smoke of the bench)",
    )
    parser.add_argument(
        "--reader-files", type=int, default=None, help="the reader's stages timed on the first N shipped PDFs (default: all)"
    )
    parser.add_argument("--work", type=Path, default=Path("bench/work"))
    parser.add_argument("--results", type=Path, default=Path("bench/results.md"))
    parser.add_argument("--findings", type=Path, default=FINDINGS, help="the findings per document, by verdict and kind")
    parser.add_argument("--published", type=Path, default=PUBLISHED)
    parser.add_argument("--corpus-published", type=Path, default=corpus.DATABASE, help="the corpus warehouse (make corpus)")
    parser.add_argument("--peer-counts", type=Path, default=PEER_COUNTS, help="the peer checker's counts per file")
    args = parser.parse_args(argv)
    corpus_dir = None if args.skip_corpus else args.corpus
    warehouses = published_warehouses(args.published, args.corpus_published, args.corpus)
    if args.findings_only:
        write_findings(args.findings, warehouses, args.peer_counts)
        print(args.findings.read_text(encoding="utf-8"))
        return 0
    if args.variants_only:
        return layouts_bench.main(["--results", str(args.variants), "--work", str(args.work / "variants")])
    if args.distributed_only:
        section, passed = bench_distributed.distributed_section(corpus_dir, args.work)
        write_section(args.results, section)
        print("\n".join(section))
        return 0 if passed else 1
    if args.corpus_only:
        section, passed = corpus_section(corpus_dir, args.work)
        write_section(args.results, section)
        print("\n".join(section))
        return 0 if passed else 1
    if not args.published.exists():
        raise SystemExit(f"{args.published} does not exist: run 'make build' first")
    scale_sizes = [int(n) for n in args.scale_sizes.split(",") if n.strip()]
    scale_adds = [int(n) for n in args.scale_adds.split(",") if n.strip()]
    if args.scale_only:
        section, passed = scale_measures(scale_sizes, scale_adds, args.work, args.published, args.keep_scale)
        write_section(args.results, section)
        print("\n".join(section))
        return 0 if passed else 1
    rows = run(
        [int(n) for n in args.sizes.split(",")],
        args.work,
        args.published,
        args.results,
        [int(n) for n in args.pdf_sizes.split(",")],
        shipped=not args.skip_shipped,
        pdf_build=not args.pdf_read_only,
        corpus_dir=corpus_dir,
        scale_sizes=scale_sizes,
        scale_adds=scale_adds,
        reader_files=args.reader_files,
    )
    write_findings(args.findings, warehouses, args.peer_counts)
    print(args.results.read_text(encoding="utf-8"))
    # the generated bench of layouts: its targets are the reader's, reported apart (make variants fails on them)
    if not args.skip_variants:
        layouts_bench.main(["--results", str(args.variants), "--work", str(args.work / "variants")])
    print(f"(and {args.findings}{'' if args.skip_variants else f', {args.variants}'})")
    return 0 if all(row["passed"] for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
