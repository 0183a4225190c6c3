"""The intake's map over files as a Spark job: the same reader, limits and verdicts as the local process pool.

``SparkReader`` is an ``intake.ReadFiles``: given the (path, sha256) of the files to read and the limits, it
gives {sha256: (result, reason, message, seconds)}, telling ``on_read`` each file's reading as it reaches the
driver. Each file is read in a Spark task that runs the local pool itself on that one file
(``intake._run_isolated`` with one worker: the same forked child, rlimit, time-out, ``_read_one`` and
messages), so what is read from a document, and its verdict, are the same whichever engine read it.

How the job is cut: one task per file, in groups of files (a Spark job per group, a few jobs in flight at
once, so a slow file never leaves a core idle) whose results come back to the driver group by group. A file
that hangs or kills its reader costs that file (``too_slow``, ``too_much_memory``, ``crashed``), inside its
task. A task that fails on every try Spark gives it (its Python worker or executor died) fails its group's
job only: that group's files are read again one job each, and a file whose own job fails too is left out as
``crashed``, its message naming the failure. The job goes on.

Where: ``master`` (``SPARK_MASTER``; default ``local[N]``, N the local pool's workers). On a cluster every
worker reads the folder and runs the project (code, templates, the venv's Python) at the same paths as the
driver; each task checks both (it sees the file; its reader's fingerprint is the driver's) and the build
stops with a message saying which, instead of leaving every file out.

pyspark is imported in this module only, and only when a reader starts: the local path starts no JVM.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import socket
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from budget_warehouse import intake
from budget_warehouse.engines import EngineError

SRC = Path(__file__).resolve().parents[1]
LOG_CONFIG = Path(__file__).resolve().with_name("spark_log4j2.properties")
# jobs in flight at once: while one waits for its slowest file, the next ones' tasks take the free cores
JOBS_IN_FLIGHT = 3


def default_master() -> str:
    return os.environ.get("SPARK_MASTER") or f"local[{intake.Limits().workers}]"


def session(master: str | None = None, app_name: str = "budget-warehouse intake") -> Any:
    """A SparkSession for the intake (or the one already running in this process, as tests share one)."""
    with warnings.catch_warnings():
        # pyspark warns that it prefers pandas < 3 at import; the intake uses no pandas
        warnings.simplefilter("ignore", FutureWarning)
        from pyspark.sql import SparkSession

    master = master or default_master()
    # the workers' Python: the driver's (PySpark reads it from the environment when the context starts)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    python_path = os.pathsep.join(part for part in (str(SRC), os.environ.get("PYTHONPATH", "")) if part)
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        # the workers run this project's code with the driver's Python (the venv, at the same path on a cluster)
        .config("spark.executorEnv.PYTHONPATH", python_path)
        # the intake shows its own progress (progress.py); Spark's console bar would draw over it
        .config("spark.ui.showConsoleProgress", "false")
        # and Spark logs its errors only, from its start (spark_log4j2.properties)
        .config("spark.driver.extraJavaOptions", f"-Dlog4j.configurationFile={LOG_CONFIG.as_uri()}")
    )
    if master.startswith("local"):
        # local mode: nothing listens beyond this machine's loopback, and no web UI
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@functools.cache
def _worker_fingerprint() -> str:
    """The reader's fingerprint as this worker's copy of the project computes it (once per Python worker)."""
    return intake.fingerprint()


def read_partition(
    rows: Iterable[tuple[str, str]],
    limits: intake.Limits,
    cwd: str,
    stamp: str,
    read_one: Callable[[str, str, int], dict] | None = None,
) -> Iterator[tuple]:
    """A Spark task: read its files (path, sha256) with the local pool's bounded child, one at a time.

    Gives ("read", sha256, reading) per file, or one ("unseen", path, host) / ("other_reader", stamp, host)
    when this worker cannot read the folder as the driver does. ``cwd``: the driver's working folder, so a
    relative path names the same file and the messages print it as the local pool does. ``read_one``: the
    function that reads one file (intake._read_one unless a test gives a faulty one).
    """
    host = socket.gethostname()
    previous = os.getcwd()
    try:
        os.chdir(cwd)
    except OSError:
        yield ("unseen", cwd, host)
        return
    original = intake._read_one
    try:
        jobs = [(Path(path), sha256) for path, sha256 in rows]
        for path, _ in jobs:
            if not path.exists():
                yield ("unseen", str(path), host)
                return
        if _worker_fingerprint() != stamp:
            yield ("other_reader", _worker_fingerprint(), host)
            return
        if read_one is not None:
            intake._read_one = read_one
        for sha256, reading in intake._run_isolated(jobs, dataclasses.replace(limits, workers=1)).items():
            yield ("read", sha256, reading)
    finally:
        intake._read_one = original
        os.chdir(previous)


def failure_text(error: BaseException) -> str:
    """What a failed Spark job says of why its task failed, in a sentence (its Java stack trace left out)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    line = next((line for line in lines if "most recent failure" in line), lines[0] if lines else type(error).__name__)
    if "most recent failure" in line and "): " in line:
        line = line.split("): ", 1)[1]
    return line.split(". ", 1)[0][:300]


class SparkReader:
    """The intake's files read as Spark jobs (an ``intake.ReadFiles``). The session starts on the first files
    to read (a build whose every file is cached starts none) and stops at ``close()`` unless it was given."""

    def __init__(
        self,
        master: str | None = None,
        spark: Any = None,
        files_per_job: int | None = None,
        read_one: Callable[[str, str, int], dict] | None = None,
    ) -> None:
        self.master = master
        self.spark = spark
        self.own_session = spark is None
        self.files_per_job = files_per_job
        self.read_one = read_one
        self.start_seconds = 0.0  # how long the session took to start (0 when given one)

    def context(self) -> Any:
        if self.spark is None:
            master = self.master or default_master()
            print(f"spark: starting a session on {master} (the JVM and Spark's fixed cost) ...", flush=True)
            started = time.monotonic()
            self.spark = session(master)
            self.start_seconds = time.monotonic() - started
            print(f"spark: started in {self.start_seconds:.1f} s", flush=True)
        return self.spark.sparkContext

    def close(self) -> None:
        if self.spark is not None and self.own_session:
            self.spark.stop()
            self.spark = None

    def __call__(
        self, jobs: list[tuple[Path, str]], limits: intake.Limits, on_read: intake.OnRead | None = None
    ) -> dict[str, intake.Reading]:
        if not jobs:
            return {}
        context = self.context()
        stamp, cwd = intake.fingerprint(), os.getcwd()
        task = functools.partial(read_partition, limits=limits, cwd=cwd, stamp=stamp, read_one=self.read_one)
        size = self.files_per_job or max(1, context.defaultParallelism)
        groups = [[(str(path), sha256) for path, sha256 in jobs[start : start + size]] for start in range(0, len(jobs), size)]

        def run(group: list[tuple[str, str]]) -> list[tuple]:
            return context.parallelize(group, len(group)).mapPartitions(task).collect()

        stopping = threading.Event()  # the intake is stopping (interrupted, or a worker cannot read the folder)

        def run_group(group: list[tuple[str, str]]) -> list[tuple]:
            try:
                return run(group)
            except Exception as error:  # a task failed on every try: the group's files again, one job each
                self._check_alive(context, error)
                if stopping.is_set():
                    raise
            records = []
            for path, sha256 in group:
                try:
                    records += run([(path, sha256)])
                except Exception as error:  # this file's task fails on every try: the file is left out
                    self._check_alive(context, error)
                    if stopping.is_set():
                        raise
                    message = f"{path}: the Spark task reading it failed on every try ({failure_text(error)}); left out"
                    records.append(("read", sha256, (None, "crashed", message, 0.0)))
            return records

        results: dict[str, intake.Reading] = {}
        pool = ThreadPoolExecutor(max_workers=JOBS_IN_FLIGHT, thread_name_prefix="spark-intake")
        try:
            for future in as_completed([pool.submit(run_group, group) for group in groups]):
                for record in future.result():
                    if record[0] == "unseen":
                        raise EngineError(
                            f"a Spark worker ({record[2]}) cannot see {record[1]}: on a cluster, DOCS must be a folder "
                            "every worker reads at the same path as the driver (and the project too)"
                        )
                    if record[0] == "other_reader":
                        raise EngineError(
                            f"a Spark worker ({record[2]}) runs another reader (fingerprint {record[1]}, the driver's is "
                            f"{stamp}): every worker must run this project's code and templates, at the same path"
                        )
                    _, sha256, reading = record
                    results[sha256] = tuple(reading)
                    if on_read is not None:
                        on_read(sha256, results[sha256])
        except BaseException:
            stopping.set()
            pool.shutdown(wait=False, cancel_futures=True)
            context.cancelAllJobs()
            raise
        pool.shutdown(wait=True)
        return results

    @staticmethod
    def _check_alive(context: Any, error: BaseException) -> None:
        """A job failed: that is a file's failure while the context lives; the whole engine's when it stopped."""
        try:
            stopped = context._jsc.sc().isStopped()
        except Exception:  # the JVM is gone
            stopped = True
        if stopped:
            raise EngineError(f"the Spark context stopped while reading: {failure_text(error)}") from error
