"""Every way into the warehouse that the README shows works after make build alone, tried as a new user would.

The README's examples are read from the README itself: each DuckDB command
line, each Python snippet, each SQL query and each metric query runs against
the published file of a built copy of the project, from the project's folder.
A metric query's output must start as the README shows it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from project_copy import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, flags=re.S)


def commands(prefix: str) -> list[str]:
    """The shell commands of the README that start with prefix (continuation lines joined)."""
    found = []
    for language, body in BLOCKS:
        if language != "sh":
            continue
        for command in body.replace("\\\n", " ").splitlines():
            if command.strip().startswith(prefix):
                found.append(command.strip())
    return found


def environment(project: Path) -> dict[str, str]:
    return dict(os.environ, PATH=f"{ROOT / '.venv/bin'}:{os.environ['PATH']}", DBT_PROFILES_DIR=str(project))


def test_the_readme_shows_each_way_in() -> None:
    assert commands(".venv/bin/duckdb"), "the DuckDB command line"
    assert [body for language, body in BLOCKS if language == "python"], "Python"
    assert [body for language, body in BLOCKS if language == "sql"], "SQL"
    assert len(commands("PYTHONPATH=src .venv/bin/python -m budget_warehouse.metrics")) == 6, (
        "three metric queries, one by region, a department's largest projects, personnel against public expenses"
    )
    assert len(commands(f"BUDGET_WAREHOUSE={CORPUS_WAREHOUSE} PYTHONPATH=src")) == 2, "the same two on the corpus"


def test_the_duckdb_command_line_examples_run(built_project: Path) -> None:
    for command in commands(".venv/bin/duckdb"):
        command = command.replace(".venv/bin/duckdb", str(ROOT / ".venv/bin/duckdb"), 1)
        run = subprocess.run(command, shell=True, cwd=built_project, capture_output=True, text=True, check=False)
        assert run.returncode == 0, (command, run.stderr)
        assert "江苏省高级人民法院" in run.stdout, run.stdout


def test_the_python_examples_run(built_project: Path) -> None:
    for language, body in BLOCKS:
        if language == "python":
            run = subprocess.run([sys.executable, "-c", body], cwd=built_project, capture_output=True, text=True, check=False)
            assert run.returncode == 0, (body, run.stderr)


def test_the_sql_examples_run(built_project: Path) -> None:
    with duckdb.connect(str(built_project / "warehouse/budget.duckdb"), read_only=True) as connection:
        for language, body in BLOCKS:
            if language == "sql":
                assert connection.execute(body).fetchall(), body


CORPUS_WAREHOUSE = "warehouse/corpus/budget.duckdb"


def metric_examples(corpus: bool = False) -> list[tuple[str, list[str]]]:
    """Each metric query of the README with the output it shows right under it: of the published warehouse, or
    (``corpus``) of the crawled corpus's, the ones that name it in BUDGET_WAREHOUSE."""
    examples = []
    for index, (language, body) in enumerate(BLOCKS):
        on_corpus = body.lstrip().startswith(f"BUDGET_WAREHOUSE={CORPUS_WAREHOUSE}")
        if language == "sh" and "-m budget_warehouse.metrics" in body and on_corpus == corpus:
            output = BLOCKS[index + 1][1] if index + 1 < len(BLOCKS) and BLOCKS[index + 1][0] == "" else ""
            shown = [line for line in output.splitlines() if line.strip() and line.strip() != "…"]
            examples.append((body.replace("\\\n", " ").strip(), shown))
    return examples


@pytest.mark.parametrize("number", [0, 1, 2, 3, 4, 5])
def test_the_metric_queries_answer_as_the_readme_shows(built_project: Path, number: int) -> None:
    command, shown = metric_examples()[number]
    command = command.replace(".venv/bin/python", sys.executable, 1)
    run = subprocess.run(command, shell=True, cwd=built_project, env=environment(built_project), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    printed = [line.rstrip() for line in run.stdout.splitlines() if line.strip()]
    assert shown, "the README shows the output"
    for line in shown:
        assert line.rstrip() in printed, (line, run.stdout[-2000:])


@pytest.mark.skipif(
    os.environ.get("BUDGET_CORPUS_EXAMPLES") != "1",
    reason="run after make corpus, on the warehouse it has just built (BUDGET_CORPUS_EXAMPLES=1, .ci/run)",
)
@pytest.mark.parametrize("number", [0, 1])
def test_the_corpus_metric_queries_answer_as_the_readme_shows(number: int) -> None:
    # the crawled corpus's warehouse, as make corpus builds it beside the project: CI runs this right after it
    # (make test runs before it, and a corpus warehouse left from older code would answer otherwise)
    assert (ROOT / CORPUS_WAREHOUSE).exists(), f"{CORPUS_WAREHOUSE}: make corpus has not built it"
    command, shown = metric_examples(corpus=True)[number]
    command = command.replace(".venv/bin/python", sys.executable, 1)
    run = subprocess.run(command, shell=True, cwd=ROOT, env=environment(ROOT), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    printed = [line.rstrip() for line in run.stdout.splitlines() if line.strip()]
    assert shown, "the README shows the output"
    for line in shown:
        assert line.rstrip() in printed, (line, run.stdout[-2000:])
