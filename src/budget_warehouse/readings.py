"""What the reader makes of a set of files, kept and compared: the check before trusting a reader change.

``python -m budget_warehouse.readings dump OUT.jsonl FOLDER_OR_FILE...`` reads every PDF under the folders (in
parallel, one process per core) and writes one JSON line per file: its verdict (loaded, or the reason it was
left out), its identity, its tables and every figure (page, table, row, column, code, measure, amount as
printed, reading status). ``python -m budget_warehouse.readings compare BEFORE.jsonl AFTER.jsonl`` lists, per
file, what changed between two dumps: the verdict, the identity, figures gained, lost or read differently, and
tables whose reading status changed; it prints nothing for a file read the same.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# what identifies a figure across two readings of one file, and what it says
FIGURE_KEY = ("table_key", "page_no", "row_label_as_printed", "code_as_printed", "column_header_as_printed", "side")
FIGURE_VALUE = ("amount_as_printed", "subject_code", "row_key", "measure_key", "unit_name")
# (a figure's reading status is its table's: the comparison shows it per table)
IDENTITY = ("department_name", "fiscal_year", "budget_phase", "scope", "region", "region_level", "template")


def read_one(path: str) -> dict:
    """One file's reading as plain data (never raises: a rejected file is its reason)."""
    from budget_warehouse.pdf import document as pdf_document

    try:
        result = pdf_document.read_document(Path(path))
    except pdf_document.DocumentRejected as rejected:
        return {"file": path, "verdict": rejected.reason, "message": str(rejected)}
    except Exception as error:  # a reader crash is a verdict of its own, for the comparison to show
        return {"file": path, "verdict": "crashed", "message": f"{type(error).__name__}: {error}"}
    figures = [
        {key: figure.get(key) for key in (*FIGURE_KEY, *FIGURE_VALUE)}
        for figure in result.figures
        if figure.get("source_kind") == "table"
    ]
    tables = [
        {key: table.get(key) for key in ("table_order", "table_key", "first_page", "figure_count", "reading_status")}
        for table in result.tables
    ]
    return {
        "file": path,
        "verdict": "loaded",
        "identity": {key: result.document.get(key) for key in IDENTITY},
        "tables": tables,
        "figures": figures,
        "claims": len(result.claims),
    }


def files_under(targets: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for target in targets:
        found += [target] if target.is_file() else sorted(target.rglob("*.pdf")) + sorted(target.rglob("*.PDF"))
    return found


def dump(out: Path, targets: list[Path], workers: int = 2) -> int:
    paths = [str(path) for path in files_under(targets)]
    with ProcessPoolExecutor(max_workers=workers) as pool, open(out, "w", encoding="utf-8") as handle:
        for reading in pool.map(read_one, paths, chunksize=1):
            handle.write(json.dumps(reading, ensure_ascii=False, sort_keys=True) + "\n")
    return len(paths)


def _load(path: Path) -> dict[str, dict]:
    readings = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            reading = json.loads(line)
            readings[reading["file"]] = reading
    return readings


def _figures(reading: dict) -> dict[tuple, list[tuple]]:
    by_key: dict[tuple, list[tuple]] = {}
    for figure in reading.get("figures", []):
        by_key.setdefault(tuple(figure.get(k) for k in FIGURE_KEY), []).append(tuple(figure.get(k) for k in FIGURE_VALUE))
    return by_key


def differences(before: dict, after: dict, shown: int = 6, statuses: bool = True) -> list[str]:
    """What changed in one file's reading, as lines a person reads (none when it reads the same)."""
    if before.get("verdict") != after.get("verdict"):
        return [f"verdict {before.get('verdict')} -> {after.get('verdict')}: {after.get('message', '')[:200]}"]
    lines = []
    old_identity, new_identity = before.get("identity") or {}, after.get("identity") or {}
    for key in IDENTITY:
        if old_identity.get(key) != new_identity.get(key):
            lines.append(f"{key}: {old_identity.get(key)!r} -> {new_identity.get(key)!r}")
    old, new = _figures(before), _figures(after)
    lost = [key for key in old if key not in new]
    gained = [key for key in new if key not in old]
    changed = [key for key in old if key in new and sorted(map(str, old[key])) != sorted(map(str, new[key]))]
    for name, keys in (("lost", lost), ("gained", gained), ("changed", changed)):
        if keys:
            lines.append(f"{len(keys)} figure(s) {name}")
            for key in keys[:shown]:
                lines.append(f"    {dict(zip(FIGURE_KEY, key, strict=True))}: {old.get(key)} -> {new.get(key)}")
    old_tables = {t["table_order"]: t for t in before.get("tables", [])}
    for table in after.get("tables", []):
        was = old_tables.get(table["table_order"], {})
        status_changed = statuses and was.get("reading_status") != table.get("reading_status")
        if was.get("table_key") != table.get("table_key") or status_changed:
            lines.append(
                f"table {table['table_order']} (page {table.get('first_page')}): {was.get('table_key')} "
                f"{was.get('reading_status')} -> {table.get('table_key')} {table.get('reading_status')}"
            )
    return lines


def compare(before_path: Path, after_path: Path, stream=sys.stdout) -> int:
    before, after = _load(before_path), _load(after_path)
    # a dump made before tables had a reading status has none to compare
    statuses = any(table.get("reading_status") for reading in before.values() for table in reading.get("tables", []))
    changed = 0
    for file in sorted(set(before) | set(after)):
        lines = differences(before.get(file, {"verdict": "absent"}), after.get(file, {"verdict": "absent"}), statuses=statuses)
        if lines:
            changed += 1
            print(file, file=stream)
            for line in lines:
                print(f"  {line}", file=stream)
    print(f"{changed} of {len(set(before) | set(after))} file(s) read differently", file=stream)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="read every PDF under the targets into OUT (JSON lines)")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("targets", type=Path, nargs="+")
    dumping.add_argument("--workers", type=int, default=2)
    comparing = commands.add_parser("compare", help="what changed between two dumps, per file")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        count = dump(args.out, args.targets, args.workers)
        print(f"{count} file(s) read into {args.out}")
        return 0
    compare(args.before, args.after)
    return 0


if __name__ == "__main__":
    sys.exit(main())
