"""MetricFlow (``mf``) against the published warehouse, without taking its write lock.

``mf`` reaches the warehouse through dbt-duckdb, which opens its file
read-write: run on ``warehouse/budget.duckdb`` it would take the write lock
while BI tools read the file (and fail while a build publishes). So the
published file is copied to a scratch folder and ``mf`` runs on the copy::

    python -m budget_warehouse.metrics query --metrics budget_expenditure --group-by document__department_name
    python -m budget_warehouse.metrics validate-configs

Everything after the module's name is passed to ``mf`` as it is. ``BUDGET_WAREHOUSE`` names another
published file to ask instead (``warehouse/corpus/budget.duckdb``, the crawled corpus ``make corpus`` builds).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from budget_warehouse.publish import PUBLISHED

MANIFEST = Path("target/semantic_manifest.json")


def manifest_is_current() -> bool:
    if not MANIFEST.exists():
        return False
    sources = [Path("dbt_project.yml"), *Path("models").rglob("*.yml"), *Path("models").rglob("*.sql")]
    return MANIFEST.stat().st_mtime >= max(path.stat().st_mtime for path in sources)


def run(arguments: list[str], published: Path = PUBLISHED, capture: bool = False) -> subprocess.CompletedProcess:
    if not published.exists():
        raise SystemExit(f"{published} does not exist: run 'make build' first")
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="budget-metrics-") as scratch:
        # named as the build names its file, so the manifest's relations (budget.marts.…) resolve in the copy
        copy = Path(scratch) / "budget.duckdb"
        shutil.copyfile(published, copy)
        env = dict(
            os.environ,
            BUDGET_DUCKDB_PATH=str(copy),
            DBT_PROFILES_DIR=os.environ.get("DBT_PROFILES_DIR", "."),
        )
        # mf reads target/semantic_manifest.json (it knows no other place); make build leaves it there, for a
        # file named budget.duckdb like the copy; it is parsed again only when the project changed since
        if not manifest_is_current():
            parse = subprocess.run(
                [str(bin_dir / "dbt"), "parse", "--quiet"], env=env, capture_output=True, text=True, check=False
            )
            if parse.returncode != 0:
                return parse
        return subprocess.run([str(bin_dir / "mf"), *arguments], env=env, check=False, capture_output=capture, text=True)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if not arguments or arguments[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    published = Path(os.environ["BUDGET_WAREHOUSE"]) if os.environ.get("BUDGET_WAREHOUSE") else PUBLISHED
    return run(arguments, published).returncode


if __name__ == "__main__":
    raise SystemExit(main())
