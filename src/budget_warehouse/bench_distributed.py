"""``make bench``'s distributed section: the corpus read by the local pool and by Spark, and a national year projected.

``distributed_section(corpus, work)`` reads every file of the corpus twice from no cache, in this process: by
the local process pool and by Spark in local mode on the same cores (``spark_intake.SparkReader``), timing
each; checks that both write the same intake output (every file, but intake.csv's timing columns); measures
Spark's fixed cost (its session's start) and its cost per task (a job of empty tasks); and projects a
national year (300,000 department documents) on a cluster of K cores from the measured cost per document,
saying what the projection assumes. It gives the section's lines and whether both engines agreed.
``python -m budget_warehouse.bench --distributed-only`` measures it alone.
"""

from __future__ import annotations

import csv
import io
import json
import os
import statistics
import time
from pathlib import Path

from budget_warehouse import intake, spark_intake

HEADING = "## Distributed: the reading on Spark, and a national year projected"
NATIONAL_DOCUMENTS = 300_000
CLUSTER_CORES = (2, 16, 64, 256, 1024)
RATIO_TARGET = 1.5  # Spark local mode's files per second within 1.5x of the local pool's, on the same cores
TIMING_COLUMNS = ("read_seconds", "from_cache")
EMPTY_TASKS = 400


def outputs(summary: intake.IntakeSummary, folder: Path) -> dict[str, bytes]:
    """The intake output as the build writes it, file by file, intake.csv without its timing columns."""
    intake.write_outputs(summary, folder)
    files = {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
    rows = list(csv.reader(io.StringIO(files["intake.csv"].decode("utf-8"))))
    keep = [index for index, column in enumerate(rows[0]) if column not in TIMING_COLUMNS]
    files["intake.csv"] = json.dumps([[row[index] for index in keep] for row in rows], ensure_ascii=False).encode()
    return files


def task_seconds(spark) -> float:
    """Spark's own cost per task, on a warm session: a job of empty tasks, seconds per task per core."""
    context = spark.sparkContext
    started = time.monotonic()
    context.parallelize(range(EMPTY_TASKS), EMPTY_TASKS).mapPartitions(lambda rows: [sum(1 for _ in rows)]).collect()
    return (time.monotonic() - started) * context.defaultParallelism / EMPTY_TASKS


def hours(seconds: float) -> str:
    return f"{seconds / 3600:,.1f} h" if seconds >= 3600 else f"{seconds / 60:,.1f} min"


def distributed_section(corpus_dir: Path | None, work: Path) -> tuple[list[str], bool]:
    lines = [HEADING, ""]
    if corpus_dir is None:
        return [*lines, "Not measured: `--skip-corpus`.", ""], True
    if not corpus_dir.is_dir():
        return [*lines, f"Not measured: the corpus folder {corpus_dir} is absent (`--corpus` to name another).", ""], True
    paths = intake.find_documents(corpus_dir)
    load_before = os.getloadavg()[0]
    limits = intake.Limits()
    cores = limits.workers
    started = time.monotonic()
    pool = intake.intake(paths, None, limits)
    pool_wall = time.monotonic() - started
    reader = spark_intake.SparkReader(master=f"local[{cores}]")
    try:
        started = time.monotonic()
        on_spark = intake.intake(paths, None, limits, read_files=reader)
        spark_wall = time.monotonic() - started
        per_task = task_seconds(reader.spark)
        version = reader.spark.version
    finally:
        reader.close()
    load_after = os.getloadavg()[0]
    same = outputs(pool, work / "distributed-local") == outputs(on_spark, work / "distributed-spark")
    read = [outcome for outcome in pool.outcomes if outcome.reason != "duplicate"]
    spark_read = [outcome for outcome in on_spark.outcomes if outcome.reason != "duplicate"]
    per_document = statistics.mean(outcome.seconds for outcome in read)
    spark_per_document = statistics.mean(outcome.seconds for outcome in spark_read)
    result_kib = statistics.mean(len(json.dumps(outcome.result or {}, ensure_ascii=False).encode()) for outcome in read) / 1024
    file_mib = statistics.mean(outcome.size for outcome in read) / 2**20
    start = reader.start_seconds
    pool_rate, spark_rate = len(paths) / pool_wall, len(paths) / spark_wall
    warm_rate = len(paths) / (spark_wall - start)
    ratio = pool_rate / spark_rate
    # the share of Spark's cores (past its start) spent inside the readers' bounded processes
    used = len(spark_read) * spark_per_document / ((spark_wall - start) * cores)
    lines += [
        f"Measured {time.strftime('%Y-%m-%d')} by `make bench` (this section alone: `python -m budget_warehouse.bench",
        f"--distributed-only`), on {corpus_dir} ({len(paths)} files, {len(read)} distinct), from no cache, in one",
        f"process: the local pool ({cores} bounded processes at a time), then Spark {version} in local mode",
        f"on the same {cores} cores (`local[{cores}]`, one task per file, each running the pool's own bounded process).",
        f"The machine's load average was {load_before:.1f} when the measure began and {load_after:.1f} when it ended, on",
        f"{os.cpu_count()} cores: where it is above {cores}, other work shared the cores and every time below is slower",
        "for it (the two engines alike, one after the other).",
        "",
        "| engine | wall seconds | files per second | seconds per document inside the reader's process |",
        "|---|---:|---:|---:|",
        f"| local pool | {pool_wall:.1f} | {pool_rate:.2f} | {per_document:.3f} |",
        f"| Spark local mode, its start included | {spark_wall:.1f} | {spark_rate:.2f} | {spark_per_document:.3f} |",
        f"| Spark local mode, past its start | {spark_wall - start:.1f} | {warm_rate:.2f} | — |",
        "",
        f"- The same intake output both ways (every file; intake.csv but for `read_seconds` and `from_cache`): "
        f"**{'yes' if same else 'NO'}**.",
        f"- Local pool / Spark files per second: {ratio:.2f} "
        f"(target ≤ {RATIO_TARGET}: {'met' if ratio <= RATIO_TARGET else 'NOT met'}).",
        f"- Spark's fixed cost: {start:.1f} s to start its session (the JVM, Spark's context, no executors to wait for",
        f"  in local mode); its own cost per task on a warm session: {per_task * 1000:.0f} ms per core (a job of",
        f"  {EMPTY_TASKS} empty tasks); past its start, {used:.0%} of its cores' time was spent reading.",
        "",
        f"A national year ({NATIONAL_DOCUMENTS:,} department documents) on a cluster of K cores, projected from these",
        f"figures: {spark_per_document:.3f} core-seconds per document in the reader's process, at the {used:.0%} of the",
        f"cores Spark kept reading here, plus its start: hours = (start + {NATIONAL_DOCUMENTS:,} × per document /",
        f"(K × {used:.2f})) / 3600.",
        "",
        "| cores (K) | reading | documents per second | files read from storage, MB/s | results into the driver, MB/s |",
        "|---:|---:|---:|---:|---:|",
    ]
    for k in CLUSTER_CORES:
        rate = k * used / spark_per_document
        seconds = start + NATIONAL_DOCUMENTS / rate
        storage, driver = rate * file_mib * 2**20 / 1e6, rate * result_kib * 1024 / 1e6
        shown = f"{rate:,.0f}" if rate >= 10 else f"{rate:.2f}"
        lines.append(f"| {k:,} | {hours(seconds)} | {shown} | {storage:,.1f} | {driver:,.1f} |")
    lines += [
        "",
        "What it assumes:",
        "",
        f"- Documents like the corpus's: its mix of sizes and kinds (mean {file_mib:.2f} MiB per file; the reader's median",
        "  and tail per document are in the corpus section above), read by cores as fast as these.",
        "- Spark keeps the cluster's cores as busy as it kept this machine's, and its driver launches tasks as fast",
        "  as they end: at 1,024 cores that is the rate in the table, one task per file (a few ms of the driver's",
        "  time each); past a few thousand tasks per second, files would go to tasks in groups.",
        "- A folder every worker reads at the same path (a shared file system) serving the rate in the table.",
        f"- The driver receives every document's reading (mean {result_kib:,.0f} KiB as JSON, "
        f"{NATIONAL_DOCUMENTS * result_kib / 2**20:,.0f} GiB for the year):",
        "  today's intake holds them all until it writes the intake output, so a national year needs a driver of that",
        "  memory, or an intake that writes its output in batches as they arrive.",
        "- The cluster's own start (executors asked of its manager) is not measured here; nor is the build after the",
        "  reading (dbt on DuckDB, on one machine: the synthetic sections above give its growth).",
        "",
    ]
    return lines, same
