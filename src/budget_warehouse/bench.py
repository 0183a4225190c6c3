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
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pypdfium2 as pdfium

from budget_warehouse import synth
from budget_warehouse.publish import PUBLISHED


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
    start = time.monotonic()
    for path in paths:
        document = pdfium.PdfDocument(str(path))
        for index in range(len(document)):
            document[index].get_textpage().get_text_range()
        document.close()
    return time.monotonic() - start


def reader_stages() -> dict[str, float]:
    """Seconds per shipped PDF in each stage of the reader, one process, warm."""
    from budget_warehouse.pdf import document as pdf_document
    from budget_warehouse.pdf import layout as pdf_layout
    from budget_warehouse.pdf import text as pdf_text

    stages = {"characters and rulings (pdf.text)": 0.0, "lines and grids (pdf.layout)": 0.0, "whole reader": 0.0}
    paths = sorted(SHIPPED.glob("*.pdf"))
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


def run(
    sizes: list[int],
    work: Path,
    published: Path,
    results_file: Path,
    pdf_sizes: list[int],
    shipped: bool = True,
    pdf_build: bool = True,
) -> list[dict[str, float]]:
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
    write_results(results_file, rows, parse, build, pdf_rows, reader_stages())
    return rows + [{"passed": row["passed"]} for row in pdf_rows]


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
    parser.add_argument("--work", type=Path, default=Path("bench/work"))
    parser.add_argument("--results", type=Path, default=Path("bench/results.md"))
    parser.add_argument("--published", type=Path, default=PUBLISHED)
    args = parser.parse_args(argv)
    if not args.published.exists():
        raise SystemExit(f"{args.published} does not exist: run 'make build' first")
    rows = run(
        [int(n) for n in args.sizes.split(",")],
        args.work,
        args.published,
        args.results,
        [int(n) for n in args.pdf_sizes.split(",")],
        shipped=not args.skip_shipped,
        pdf_build=not args.pdf_read_only,
    )
    print(args.results.read_text(encoding="utf-8"))
    return 0 if all(row["passed"] for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
