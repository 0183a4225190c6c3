"""Faults: a killed build, readers during a build, two builds at once.

The published warehouse must always be the last good build, complete and
openable, and the next build must need no manual clean-up.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from project_copy import copy_project, copy_with_published, incremental_slow_path, replace_in_file

DOCUMENTS = Path(__file__).resolve().parents[2] / "data/documents"

READER = r"""
import json, sys, time, duckdb
path, stop = sys.argv[1], sys.argv[2]
seen, errors, queries = {}, [], 0
import os
while not os.path.exists(stop):
    try:
        with duckdb.connect(path, read_only=True) as connection:
            title = connection.execute(
                "select title_as_printed from marts.dim_document where template = 'shenzhen_district_budget'"
            ).fetchone()[0]
            figures = connection.execute("select count(*) from marts.fct_published_figure").fetchone()[0]
            checks = connection.execute("select count(*) from marts.rpt_reconciliation").fetchone()[0]
        seen.setdefault(title, set()).add((figures, checks))
        queries += 1
    except Exception as error:
        errors.append(repr(error))
    time.sleep(0.02)
print(json.dumps({"seen": {t: sorted(v) for t, v in seen.items()}, "errors": errors[:5], "queries": queries}))
"""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def env_for(project: Path) -> dict[str, str]:
    env = dict(os.environ, DBT_PROFILES_DIR=str(project), PYTHONPATH=str(project / "src"))
    env.pop("BUDGET_DUCKDB_PATH", None)
    return env


def start_build(project: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "budget_warehouse.publish", "--target-path", str(project / "target")],
        cwd=project,
        env=env_for(project),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def opens_complete(published: Path) -> int:
    with duckdb.connect(str(published), read_only=True) as connection:
        return connection.execute("select count(*) from marts.fct_published_figure").fetchone()[0]


def seed_title(published: Path) -> str:
    with duckdb.connect(str(published), read_only=True) as connection:
        return connection.execute(
            "select title_as_printed from marts.dim_document where template = 'shenzhen_district_budget'"
        ).fetchone()[0]


def test_faults_leave_the_published_warehouse_whole(built_project: Path, tmp_path: Path) -> None:
    """Two builds at once (one fails fast), the winner killed mid-way, then a build read by four readers.

    One scenario, so the slow part (a full build) runs once or twice rather than once per fault.
    """
    project = copy_with_published(built_project, tmp_path / "project")
    published = project / "warehouse/budget.duckdb"
    before = sha256(published)

    # two builds at once: the second fails at once, saying why, and touches nothing
    first, second = start_build(project), start_build(project)
    deadline = time.monotonic() + 120
    while second.poll() is None and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    loser, winner = (second, first) if second.poll() is not None else (first, second)
    loser_output = loser.communicate(timeout=60)[0]
    assert loser.returncode == 1, loser_output
    assert "another build is running" in loser_output and "is unchanged" in loser_output

    # the winner is killed while dbt writes its candidate database
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        candidates = list((project / "warehouse").glob(".next-*/budget.duckdb"))
        if candidates and candidates[0].stat().st_size > 0:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the build never started writing its candidate database")
    time.sleep(1.0)
    os.killpg(winner.pid, signal.SIGKILL)
    winner.wait(timeout=30)
    assert winner.returncode == -signal.SIGKILL
    assert sha256(published) == before
    assert opens_complete(published) > 1000

    # the next build needs no clean-up; four readers querying throughout see the old build or the new one,
    # and a reader that holds its connection open through the build keeps the build it opened, completely
    old_title = seed_title(published)
    replace_in_file(project / "seeds/document/documents.csv", old_title, old_title + "（新）")
    stop = tmp_path / "stop"
    readers = [
        subprocess.Popen([sys.executable, "-c", READER, str(published), str(stop)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    holder = duckdb.connect(str(published), read_only=True)
    time.sleep(1.0)
    again = start_build(project)
    output, _ = again.communicate(timeout=600)
    time.sleep(1.0)
    stop.touch()
    results = [json.loads(reader.communicate(timeout=60)[0]) for reader in readers]
    assert again.returncode == 0, output[-3000:]
    held = holder.execute(
        "select title_as_printed from marts.dim_document where template = 'shenzhen_district_budget'"
    ).fetchone()[0]
    assert held == old_title and holder.execute("select count(*) from marts.fct_published_figure").fetchone()[0] > 1000
    holder.close()
    assert seed_title(published) == old_title + "（新）", "a new connection opens the new build"
    assert not list((project / "warehouse").glob(".next-*"))
    assert opens_complete(published) > 1000
    for result in results:
        assert result["errors"] == [], result["errors"]
        assert result["queries"] > 10
        assert set(result["seen"]) <= {old_title, old_title + "（新）"}
        # every answer is a complete warehouse: the same counts as the build it came from
        assert all(len(counts) == 1 for counts in result["seen"].values()), result["seen"]
    assert any(old_title + "（新）" in result["seen"] for result in results), "no reader saw the new build"


DOCS_READER = r"""
import json, sys, time, os, duckdb
path, stop = sys.argv[1], sys.argv[2]
seen, errors, queries = set(), [], 0
while not os.path.exists(stop):
    try:
        with duckdb.connect(path, read_only=True) as connection:
            documents = connection.execute("select count(*) from marts.dim_document").fetchone()[0]
            figures = connection.execute("select count(*) from marts.fct_published_figure").fetchone()[0]
            checks = connection.execute("select count(*) from marts.rpt_reconciliation").fetchone()[0]
        seen.add((documents, figures, checks))
        queries += 1
    except Exception as error:
        errors.append(repr(error))
    time.sleep(0.02)
print(json.dumps({"seen": sorted(seen), "errors": errors[:5], "queries": queries}))
"""


def counts(published: Path) -> tuple[int, int, int]:
    with duckdb.connect(str(published), read_only=True) as connection:
        return tuple(
            connection.execute(f"select count(*) from marts.{name}").fetchone()[0]
            for name in ("dim_document", "fct_published_figure", "rpt_reconciliation")
        )


@incremental_slow_path
def test_an_incremental_build_killed_or_read_leaves_the_published_warehouse_whole(tmp_path: Path) -> None:
    """An incremental build (a document added to a folder already built) writes its copy of the published file
    beside it: killed mid-way, it leaves the published file byte for byte as it was; run again under four
    readers, each reader sees the old build or the new one, whole, and a held connection keeps the old one."""
    project = copy_project(tmp_path / "project")
    published = project / "warehouse/budget.duckdb"
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("js_gaoyuan_2018_yusuan.pdf", "js_gaoyuan_2019_yusuan.pdf"):
        (docs / name).write_bytes((DOCUMENTS / name).read_bytes())
    command = [sys.executable, "-m", "budget_warehouse.publish", "--docs", str(docs), "--target-path", str(project / "target")]
    first = subprocess.run(command, cwd=project, env=env_for(project), capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    before, old = sha256(published), counts(published)

    (docs / "js_jianchayuan_2018_yusuan.pdf").write_bytes((DOCUMENTS / "js_jianchayuan_2018_yusuan.pdf").read_bytes())
    build = subprocess.Popen(
        command,
        cwd=project,
        env=env_for(project),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and build.poll() is None:
        # killed while it builds its copy of the published file
        if list((project / "warehouse").glob(".next-*/budget.duckdb")):
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"the incremental build never made its copy: {build.communicate()[0][-3000:]}")
    time.sleep(3.0)
    os.killpg(build.pid, signal.SIGKILL)
    output = build.communicate(timeout=30)[0]
    assert build.returncode == -signal.SIGKILL, output[-3000:]
    assert "build: incremental" in output
    assert sha256(published) == before and counts(published) == old

    stop = tmp_path / "stop"
    readers = [
        subprocess.Popen([sys.executable, "-c", DOCS_READER, str(published), str(stop)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    holder = duckdb.connect(str(published), read_only=True)
    time.sleep(1.0)
    again = subprocess.run(command, cwd=project, env=env_for(project), capture_output=True, text=True, check=False)
    time.sleep(1.0)
    stop.touch()
    results = [json.loads(reader.communicate(timeout=60)[0]) for reader in readers]
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "build: incremental (1 document(s) changed)" in again.stdout
    held = tuple(
        holder.execute(f"select count(*) from marts.{name}").fetchone()[0]
        for name in ("dim_document", "fct_published_figure", "rpt_reconciliation")
    )
    holder.close()
    new = counts(published)
    assert held == old and new[0] == old[0] + 1
    assert not list((project / "warehouse").glob(".next-*"))
    # the old file is removed after the build, by a process the build does not wait for (publish.remove_later)
    deadline = time.monotonic() + 30
    while list((project / "warehouse").glob(".retired-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not list((project / "warehouse").glob(".retired-*"))
    for result in results:
        assert result["errors"] == [], result["errors"]
        assert result["queries"] > 10
        assert {tuple(seen) for seen in result["seen"]} <= {old, new}, result["seen"]
    assert any(list(new) in result["seen"] for result in results), "no reader saw the new build"
