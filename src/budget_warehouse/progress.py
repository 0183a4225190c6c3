"""What a person watching a build sees while it runs: the folder's reading, then which step it is in.

``FolderProgress`` is told, file by file, each verdict of the intake (``intake.Progress``: "loaded", or the
reason a file is left out), from the local process pool or from Spark alike. It shows the files read of all,
files per second, the time left and the counts by verdict so far:

* on a terminal, as a progress bar (rich's);
* elsewhere (a log, CI), as a plain line every few seconds, and a last one when every file is done::

    intake: 40 of 186 files (21%), 2.4 files/s, about 1 min 1 s left; loaded 35, not_a_budget 3, not_a_pdf 2

``step(...)`` prints the line that says which step of the build has begun (``build: dbt step 2 of 3: dbt
run, every model``), with the time since the build started.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import Counter
from typing import TextIO

from budget_warehouse import intake

# a plain line at most this often (seconds), and at least this often while files are being read
PLAIN_INTERVAL = 5.0


def seconds_text(seconds: float) -> str:
    """12 s, 3 min 4 s, 2 h 5 min."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


def verdicts_text(counts: Counter[str]) -> str:
    """loaded first, then the reasons by count: "loaded 35, not_a_budget 3"."""
    ordered = sorted(counts.items(), key=lambda item: (item[0] != "loaded", -item[1], item[0]))
    return ", ".join(f"{verdict} {count}" for verdict, count in ordered)


class FolderProgress(intake.Progress):
    """The intake's progress, as a bar on a terminal or as plain lines (``bar``: None decides by the stream;
    BUDGET_PROGRESS=plain or =bar forces one)."""

    def __init__(
        self, label: str = "intake", stream: TextIO | None = None, bar: bool | None = None, interval: float = PLAIN_INTERVAL
    ) -> None:
        self.label = label
        self.stream = stream or sys.stdout
        forced = os.environ.get("BUDGET_PROGRESS", "")
        self.bar = bar if bar is not None else forced == "bar" or (forced != "plain" and self.stream.isatty())
        self.interval = interval
        self.total = 0
        self.done = 0
        self.counts: Counter[str] = Counter()
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._rich = None
        self._task = None

    def start(self, total: int) -> None:
        self.total, self.done, self.counts, self.started = total, 0, Counter(), time.monotonic()
        if self.bar:
            self._start_bar()
        else:
            self._ticker = threading.Thread(target=self._tick, name="intake-progress", daemon=True)
            self._ticker.start()

    def advance(self, verdict: str) -> None:
        with self._lock:
            self.done += 1
            self.counts[verdict] += 1
        if self._rich is not None:
            self._rich.update(self._task, advance=1, verdicts=verdicts_text(self.counts))

    def finish(self) -> None:
        if self._rich is not None:
            self._rich.stop()
            self._rich = None
        if self._ticker is not None:
            self._stop.set()
            self._ticker.join()
            self._ticker = None
            self._print(self.line(final=True))

    def line(self, final: bool = False) -> str:
        """The plain line: files done of all, the rate, the time left (or taken), the verdicts so far."""
        with self._lock:
            done, counts = self.done, Counter(self.counts)
        elapsed = time.monotonic() - self.started
        share = f" ({done / self.total:.0%})" if self.total else ""
        rate = done / elapsed if elapsed > 0 else 0.0
        if final:
            timing = f"in {seconds_text(elapsed)}"
        elif done and rate > 0:
            timing = f"about {seconds_text((self.total - done) / rate)} left"
        else:
            timing = "time left not known yet"
        verdicts = f"; {verdicts_text(counts)}" if counts else ""
        return f"{self.label}: {done} of {self.total} files{share}, {rate:.1f} files/s, {timing}{verdicts}"

    def _tick(self) -> None:
        while not self._stop.wait(self.interval):
            self._print(self.line())

    def _print(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
        from rich.text import Text

        class RateColumn(ProgressColumn):
            def render(self, task) -> Text:  # noqa: ANN001 (rich's Task)
                return Text(f"{task.speed or 0:.1f} files/s")

        console = Console(file=self.stream, force_terminal=True)
        self._rich = Progress(
            TextColumn(f"{self.label}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            RateColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[verdicts]}"),
            console=console,
        )
        self._task = self._rich.add_task(self.label, total=self.total, verdicts="")
        self._rich.start()


def step(text: str, started: float, stream: TextIO | None = None) -> None:
    """The line that says which step of the build begins, and how long the build has run."""
    elapsed = seconds_text(time.monotonic() - started)
    print(f"build: {text} ({elapsed} since the build started)", file=stream or sys.stdout, flush=True)
