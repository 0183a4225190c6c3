"""Write the dbt docs of the published warehouse as one static page (and the analyses, compiled).

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


def dbt_on_a_copy(published: Path, args: list[str]) -> None:
    """Run dbt against a scratch copy of the published file (named alike, so the catalog name matches)."""
    if not published.exists():
        raise SystemExit(f"{published} does not exist: run 'make build' first")
    with tempfile.TemporaryDirectory(prefix="budget-docs-") as scratch:
        copy = Path(scratch) / published.name
        shutil.copyfile(published, copy)
        env = dict(os.environ, BUDGET_DUCKDB_PATH=str(copy))
        result = subprocess.run([str(Path(sys.executable).with_name("dbt")), *args], env=env, check=False)
        if result.returncode != 0:
            raise SystemExit(f"'dbt {' '.join(args)}' failed (exit {result.returncode})")


def generate(published: Path, out_dir: Path, target_path: str) -> Path:
    dbt_on_a_copy(published, ["docs", "generate", "--static", "--target-path", target_path])
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / "index.html"
    shutil.copyfile(Path(target_path) / "static_index.html", page)
    return page


def compile_analyses(published: Path, out_dir: Path, target_path: str) -> list[Path]:
    """analyses/*.sql with their ref()s resolved, ready to run on the published file."""
    dbt_on_a_copy(published, ["compile", "--select", "path:analyses", "--target-path", target_path])
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for compiled in sorted((Path(target_path) / "compiled/budget_warehouse/analyses").glob("*.sql")):
        target = out_dir / compiled.name
        shutil.copyfile(compiled, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--published", type=Path, default=PUBLISHED)
    parser.add_argument("--out", type=Path, default=Path("warehouse/docs"))
    parser.add_argument("--target-path", default="target-docs")
    parser.add_argument("--analyses", action="store_true", help="compile analyses/ into warehouse/analyses instead")
    args = parser.parse_args(argv)
    if args.analyses:
        written = compile_analyses(args.published, Path("warehouse/analyses"), args.target_path)
        print(f"{len(written)} analyses compiled into warehouse/analyses/ (run them on the published file, read-only)")
        return 0
    page = generate(args.published, args.out, args.target_path)
    print(f"dbt docs written to {page} (open it in a browser; it needs no server)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
