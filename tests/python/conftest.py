from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from budget_warehouse import publish
from project_copy import ROOT, copy_project, run_tool


@pytest.fixture(scope="session", autouse=True)
def shared_parse_states(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of dbt's partial-parse states (publish.parse_state) for every build of the session, in every
    copy of the project and in both of pytest's workers: a kind of build (shipped, a folder, strict, bulk) is
    parsed whole once, not once per copy. Seeded with the working tree's states."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "dbt-parse-states"
    shared.mkdir(exist_ok=True)
    for state in (ROOT / "target/parse-states").glob("*.msgpack"):
        if not (shared / state.name).exists():
            publish.keep_parse_state(state, shared / state.name)
    os.environ["BUDGET_PARSE_STATES"] = str(shared)
    # the built project's place (built_project), whose reads of the shipped PDFs every later copy starts with
    os.environ["BUDGET_TEST_BUILT_PROJECT"] = str(shared.parent / "built-project")
    return shared


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project on which make build's publish step has run once, its plans checked (plans.py); its
    output is in build.log. Built once a session: the first of pytest's workers to need it builds it (the other
    waits on a lock, rather than building it again beside it), and each worker gets its own copy of it."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    built = shared / "built-project"
    with open(shared / "built-project.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (built / "build.log").exists():
                shutil.rmtree(built, ignore_errors=True)
                project = copy_project(built)
                run = run_tool(project, "budget_warehouse.publish", "--target-path", str(project / "target"), "--check-plans")
                (project / "build.failed").unlink(missing_ok=True)
                if run.returncode != 0:
                    (project / "build.failed").write_text(run.output, encoding="utf-8")
                (project / "build.log").write_text(run.output, encoding="utf-8")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    failed = built / "build.failed"
    assert not failed.exists(), failed.read_text(encoding="utf-8")[-3000:]
    if shared == base:
        return built
    mine = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(built, mine, symlinks=True)
    return mine


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One Spark session in local mode for the tests of this process (Java from make java; skipped without it)."""
    if shutil.which("java") is None:
        pytest.skip("no java on this machine (make java installs Debian's OpenJDK)")
    from budget_warehouse import spark_intake

    session = spark_intake.session("local[2]", app_name="budget-warehouse tests")
    yield session
    session.stop()
