from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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
            partial = shared / f"{state.name}.{os.getpid()}.tmp"
            shutil.copyfile(state, partial)
            os.replace(partial, shared / state.name)
    os.environ["BUDGET_PARSE_STATES"] = str(shared)
    return shared


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project on which make build's publish step has run once, its plans checked (plans.py); its
    output is in build.log."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    run = run_tool(project, "budget_warehouse.publish", "--target-path", str(project / "target"), "--check-plans")
    assert run.returncode == 0, run.output[-3000:]
    (project / "build.log").write_text(run.output, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One Spark session in local mode for the tests of this process (Java from make java; skipped without it)."""
    if shutil.which("java") is None:
        pytest.skip("no java on this machine (make java installs Debian's OpenJDK)")
    from budget_warehouse import spark_intake

    session = spark_intake.session("local[2]", app_name="budget-warehouse tests")
    yield session
    session.stop()
