"""Measure the build on many documents: ``make bench`` writes ``bench/results.md``.

For each N (default 1, 10, 100, 1000) it generates N synthetic documents
(``synth.py``), runs the whole validation and ``dbt build`` (every model and
test) on them through the bulk input path, and records wall seconds, the peak
resident memory of the build, the rows of the largest fact and of
``fct_published_figure``, and seconds per document. It also times
``dbt parse`` and ``dbt build`` of the real document side by side from a cold
target folder. Timings go to the results file only; nothing asserts on them.
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


def run(sizes: list[int], work: Path, published: Path, results_file: Path) -> list[dict[str, float]]:
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
        rows.append(row)
        database.unlink(missing_ok=True)
    parse, build = parse_versus_build(work)
    write_results(results_file, rows, parse, build)
    return rows


def write_results(path: Path, rows: list[dict[str, float]], parse: Measure, build: Measure) -> None:
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
    by_size = {row["documents"]: row["seconds"] for row in rows}
    if 100 in by_size and 1000 in by_size:
        exponent = math.log(by_size[1000] / by_size[100]) / math.log(10)
        lines += ["", f"Growth from 100 to 1,000 documents: time ∝ N^{exponent:.2f} (1.00 is linear)."]
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
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10,100,1000", help="comma-separated document counts")
    parser.add_argument("--work", type=Path, default=Path("bench/work"))
    parser.add_argument("--results", type=Path, default=Path("bench/results.md"))
    parser.add_argument("--published", type=Path, default=PUBLISHED)
    args = parser.parse_args(argv)
    if not args.published.exists():
        raise SystemExit(f"{args.published} does not exist: run 'make build' first")
    rows = run([int(n) for n in args.sizes.split(",")], args.work, args.published, args.results)
    print(args.results.read_text(encoding="utf-8"))
    return 0 if all(row["passed"] for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
