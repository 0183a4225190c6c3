"""Write the dbt docs of the published warehouse as one static page.

``dbt docs generate`` reads the catalog through dbt-duckdb, which always opens
its database read-write; run against ``warehouse/budget.duckdb`` it would take
the write lock and fail (or block) while BI tools read the file. So the
published file is copied to a scratch folder and the catalog is read from the
copy; the page lands in ``warehouse/docs/index.html``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from budget_warehouse.publish import PUBLISHED


def generate(published: Path, out_dir: Path, target_path: str) -> Path:
    if not published.exists():
        raise SystemExit(f"{published} does not exist: run 'make build' first")
    with tempfile.TemporaryDirectory(prefix="budget-docs-") as scratch:
        copy = Path(scratch) / "budget.duckdb"
        shutil.copyfile(published, copy)
        env = dict(os.environ, BUDGET_DUCKDB_PATH=str(copy))
        command = [
            str(Path(sys.executable).with_name("dbt")),
            "docs",
            "generate",
            "--static",
            "--target-path",
            target_path,
        ]
        result = subprocess.run(command, env=env, check=False)
        if result.returncode != 0:
            raise SystemExit(f"dbt docs generate failed (exit {result.returncode})")
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / "index.html"
    shutil.copyfile(Path(target_path) / "static_index.html", page)
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--published", type=Path, default=PUBLISHED)
    parser.add_argument("--out", type=Path, default=Path("warehouse/docs"))
    parser.add_argument("--target-path", default="target-docs")
    args = parser.parse_args(argv)
    page = generate(args.published, args.out, args.target_path)
    print(f"dbt docs written to {page} (open it in a browser; it needs no server)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
