"""The intake on Spark: the same output as the local process pool, the same verdicts under the same limits.

A folder of good and bad files is read by the local pool and by Spark (local mode) and written out as the
build writes its intake: every file must be byte for byte the same, but for intake.csv's timing columns
(``read_seconds``, how long the read took; ``from_cache``). A file that hangs, grows without bound or kills
its reader costs that file on Spark as in the pool, with the same reason and message; a file that kills
Spark's own worker costs that file (``crashed``), never the job. Whole builds both ways, of the same folder
and of the corpus, are compared row by row in test_spark_builds.py (in CI).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pyspark import cloudpickle

from budget_warehouse import intake, spark_intake
from budget_warehouse.intake import _read_one as real_read_one
from project_copy import intake_output

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "data/documents"
LIMITS = intake.Limits(seconds=60, memory_bytes=1536 * 2**20, workers=2)

# the faulty readers below run in Spark's workers: they go there by value, not as a module the workers import
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def folder_of(tmp_path: Path) -> Path:
    """Good documents of three templates, a text rendering, a copy, and files that are not loaded."""
    docs = tmp_path / "docs"
    (docs / "2024").mkdir(parents=True)
    for name in (
        "shpt_zhengfubangongshi_2025_yusuan_bumen.pdf",
        "js_shengwei_bangongting_2019_yusuan_biao.pdf",
        "template_bumen_juesuan_muban.pdf",
        "shpt_shehuigongzuobu_2024_juesuan.pdf",
    ):
        shutil.copyfile(DOCUMENTS / name, docs / name)
    shutil.copyfile(DOCUMENTS / "shpt_zhengfubangongshi_2025_yusuan_bumen.pdf", docs / "2024" / "again.pdf")
    shutil.copyfile(ROOT / "data/source/000_05c50ae7d1510997.txt", docs / "2024" / "盐田.txt")
    (docs / "readme.pdf").write_text("<html>not a PDF at all</html>", encoding="utf-8")
    data = (DOCUMENTS / "shpt_caizhengju_2025_yusuan_bumen.pdf").read_bytes()
    (docs / "cut.pdf").write_bytes(data[: len(data) // 3])
    (docs / "notes.txt").write_text("a text file that is not a budget rendering\n", encoding="utf-8")
    return docs


def test_spark_writes_the_same_intake_output_file_by_file(tmp_path: Path, spark: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # relative paths, as make build DOCS=folder gives them: the messages print them as given
    monkeypatch.chdir(tmp_path)
    paths = intake.find_documents(Path(folder_of(tmp_path).name))
    local = intake.intake(paths, cache=None, limits=LIMITS)
    read_by_spark: list[str] = []
    reader = spark_intake.SparkReader(spark=spark, files_per_job=3)

    def spy(jobs, limits, on_read):
        results = reader(jobs, limits, on_read)
        read_by_spark.extend(results)
        return results

    on_spark = intake.intake(paths, cache=None, limits=LIMITS, read_files=spy)
    # every distinct file went through Spark, none through the local pool
    assert len(read_by_spark) == len(paths) - 1
    local_files, spark_files = intake_output(local, tmp_path / "local"), intake_output(on_spark, tmp_path / "spark")
    assert sorted(local_files) == sorted(spark_files)
    assert any(name.startswith(f"{intake.BULK_FOLDER}/") for name in local_files), "the text rendering's bulk files"
    for name, content in local_files.items():
        assert content == spark_files[name], name
    verdicts = {outcome.path.name: (outcome.status, outcome.reason) for outcome in on_spark.outcomes}
    # the copy under 2024/ comes first in the folder's order: it loads, the other is the duplicate
    assert verdicts["again.pdf"] == ("loaded", "")
    assert verdicts["shpt_zhengfubangongshi_2025_yusuan_bumen.pdf"] == ("left_out", "duplicate")
    assert verdicts["盐田.txt"] == ("loaded", "")
    assert verdicts["readme.pdf"] == ("left_out", "not_a_pdf")
    assert verdicts["cut.pdf"] == ("left_out", "truncated")
    assert verdicts["template_bumen_juesuan_muban.pdf"] == ("loaded", "no_figures")


def slow_reader(path: str, sha256: str, max_pages: int) -> dict:
    if "bad" in path:
        time.sleep(60)
    return real_read_one(path, sha256, max_pages)


def greedy_reader(path: str, sha256: str, max_pages: int) -> dict:
    hoard = []
    while "bad" in path:
        hoard.append(bytearray(50 * 2**20))
    return real_read_one(path, sha256, max_pages)


def dying_reader(path: str, sha256: str, max_pages: int) -> dict:
    if "bad" in path:
        os._exit(3)
    return real_read_one(path, sha256, max_pages)


def worker_killer(path: str, sha256: str, max_pages: int) -> dict:
    """Kills the process that started the reader: on Spark, the task's Python worker."""
    if "bad" in path:
        os.kill(os.getppid(), signal.SIGKILL)
        os._exit(1)
    return real_read_one(path, sha256, max_pages)


def good_and_bad(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copyfile(DOCUMENTS / "shpt_zhengfubangongshi_2025_yusuan_bumen.pdf", folder / "good.pdf")
    shutil.copyfile(DOCUMENTS / "js_shengwei_bangongting_2019_yusuan_biao.pdf", folder / "bad.pdf")
    return intake.find_documents(folder)


@pytest.mark.parametrize(
    ("reader", "reason", "words"),
    [
        (slow_reader, "too_slow", "took more than 15 s"),
        (greedy_reader, "too_much_memory", "needed more than 900 MiB"),
        (dying_reader, "crashed", "the reader stopped (exit code 3)"),
    ],
)
def test_on_spark_a_file_that_hangs_or_kills_its_reader_costs_that_file_as_in_the_pool(
    tmp_path: Path, spark: Any, monkeypatch: pytest.MonkeyPatch, reader, reason: str, words: str
) -> None:
    paths = good_and_bad(tmp_path)
    limits = intake.Limits(seconds=15, memory_bytes=900 * 2**20, workers=2)
    started = time.monotonic()
    on_spark = intake.intake(paths, None, limits, read_files=spark_intake.SparkReader(spark=spark, read_one=reader))
    assert time.monotonic() - started < 90
    monkeypatch.setattr(intake, "_read_one", reader)
    in_pool = intake.intake(paths, None, limits)
    for outcomes in (on_spark.outcomes, in_pool.outcomes):
        by_name = {outcome.path.name: outcome for outcome in outcomes}
        assert by_name["good.pdf"].status == "loaded", by_name["good.pdf"].message
        assert by_name["bad.pdf"].reason == reason
        assert words in by_name["bad.pdf"].message and "bad.pdf" in by_name["bad.pdf"].message
    assert [(o.status, o.reason, o.message) for o in on_spark.outcomes] == [
        (o.status, o.reason, o.message) for o in in_pool.outcomes
    ]


def test_a_spark_worker_that_dies_costs_its_file_never_the_job(tmp_path: Path, spark: Any) -> None:
    paths = good_and_bad(tmp_path)
    reader = spark_intake.SparkReader(spark=spark, read_one=worker_killer, files_per_job=2)
    summary = intake.intake(paths, None, intake.Limits(seconds=30), read_files=reader)
    by_name = {outcome.path.name: outcome for outcome in summary.outcomes}
    # the good file shared a job with the bad one: the job failed, and the good file was read again alone
    assert by_name["good.pdf"].status == "loaded"
    assert by_name["bad.pdf"].status == "left_out" and by_name["bad.pdf"].reason == "crashed"
    assert "bad.pdf: the Spark task reading it failed on every try" in by_name["bad.pdf"].message
    assert "Python worker exited unexpectedly" in by_name["bad.pdf"].message
    # and the session goes on reading
    assert spark.sparkContext.parallelize(range(4), 2).sum() == 6


def test_a_spark_worker_that_cannot_see_the_folder_stops_the_intake_saying_so(tmp_path: Path, spark: Any) -> None:
    paths = good_and_bad(tmp_path)
    reader = spark_intake.SparkReader(spark=spark)
    jobs = [(path, intake.sha256_of(path)) for path in paths]
    (tmp_path / "docs" / "bad.pdf").unlink()
    with pytest.raises(spark_intake.EngineError, match="cannot see .*bad.pdf.*every worker reads at the same path"):
        reader(jobs, intake.Limits())


def test_a_task_on_a_worker_with_another_reader_reads_nothing_and_says_so(tmp_path: Path) -> None:
    path = good_and_bad(tmp_path)[0]
    rows = [(str(path), intake.sha256_of(path))]
    records = list(spark_intake.read_partition(rows, intake.Limits(), str(tmp_path), stamp="another reader"))
    assert records == [("other_reader", intake.fingerprint(), socket.gethostname())]
    records = list(spark_intake.read_partition(rows, intake.Limits(workers=1), str(tmp_path), stamp=intake.fingerprint()))
    assert [(kind, sha256, reading[1]) for kind, sha256, reading in records] == [("read", rows[0][1], "")]
    assert records[0][2][0]["document"]["doc_id"] == rows[0][1][:16]
