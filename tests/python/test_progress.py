"""What a person watching a build sees while a folder is read: a bar on a terminal, plain lines in a log.

The intake tells its progress file by file (cached files and copies too), whichever engine reads; the local
path never imports Spark.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from budget_warehouse import engines, intake, progress

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "data/documents/shpt_zhengfubangongshi_2025_yusuan_bumen.pdf"


def test_in_a_log_a_plain_line_every_few_seconds_and_one_at_the_end() -> None:
    stream = io.StringIO()
    shown = progress.FolderProgress(stream=stream, bar=False, interval=0.05)
    shown.start(4)
    shown.advance("loaded")
    shown.advance("loaded")
    time.sleep(0.3)
    shown.advance("not_a_pdf")
    shown.advance("loaded")
    shown.finish()
    lines = stream.getvalue().splitlines()
    assert len(lines) >= 3
    assert any(re.fullmatch(r"intake: 2 of 4 files \(50%\), [\d.]+ files/s, about \d+ s left; loaded 2", line) for line in lines)
    assert re.fullmatch(r"intake: 4 of 4 files \(100%\), [\d.]+ files/s, in \d+ s; loaded 3, not_a_pdf 1", lines[-1])


def test_on_a_terminal_a_bar_with_the_rate_the_time_left_and_the_verdicts() -> None:
    stream = io.StringIO()
    shown = progress.FolderProgress(stream=stream, bar=True)
    shown.start(4)
    for verdict in ("loaded", "loaded", "not_a_pdf", "loaded"):
        shown.advance(verdict)
    shown.finish()
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", stream.getvalue())
    assert "4/4 files" in screen
    assert "files/s" in screen
    assert "loaded 3, not_a_pdf 1" in screen
    assert "━" in screen  # the bar itself


def test_the_intake_tells_every_file_as_its_verdict_is_known(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copyfile(GOOD, folder / "a.pdf")
    shutil.copyfile(GOOD, folder / "b.pdf")
    (folder / "c.pdf").write_text("not a PDF", encoding="utf-8")

    class Recorded(intake.Progress):
        def __init__(self) -> None:
            self.events: list[str] = []

        def start(self, total: int) -> None:
            self.events.append(f"start {total}")

        def advance(self, verdict: str) -> None:
            self.events.append(verdict)

        def finish(self) -> None:
            self.events.append("finish")

    cache = tmp_path / "cache"
    for expected_reads in (2, 0):  # then every file from the cache: told all the same
        told = Recorded()
        summary = intake.intake(intake.find_documents(folder), cache, intake.Limits(workers=2), progress=told)
        assert sum(not outcome.from_cache for outcome in summary.outcomes if outcome.reason != "duplicate") == expected_reads
        assert told.events[0] == "start 3" and told.events[-1] == "finish"
        assert sorted(told.events[1:-1]) == ["duplicate", "loaded", "not_a_pdf"]


def test_the_local_engine_never_imports_spark() -> None:
    script = (
        "import sys\n"
        "from budget_warehouse import engines, publish\n"
        "with engines.open_engine('local') as read_files:\n"
        "    assert read_files([], None, None) == {}\n"
        "print('pyspark' in sys.modules, 'py4j' in sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False False"
    assert engines.ENGINES == ("local", "spark")
