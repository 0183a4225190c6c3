"""The catalogue of classification names (政府收支分类科目): code, name, parent and fiscal year, as the documents print them.

A table may print its classes by name only (深圳's 表4 基本支出总表: 工资福利支出, 基本工资, 津贴补贴 … under each
budget unit). Their codes come from this catalogue, ``seeds/reference/classification_subjects.csv``: one row per
classification (``function``: 支出功能分类; ``economic``: 部门预算支出经济分类), fiscal year and code, with the
name the documents of that year print beside the code, its parent code and how many documents print the pair.

It is built from what the documents themselves print, never typed in: every code printed beside its name in a
table (``2010301 行政运行``, ``[30201]办公费``, ``30101-基本工资``, ``301 | 01 | 基本工资``), counted once per
document. Where the documents of a year print a code with more than one name, the catalogue keeps the name most
documents print (ties: the one printed first in code order) and lists the others with their counts, for review::

    PYTHONPATH=src python -m budget_warehouse.readings dump /tmp/all.jsonl data/documents ../shared/documents/corpus
    PYTHONPATH=src python -m budget_warehouse.catalogue build /tmp/all.jsonl

A document whose pairs are a publisher's own numbering rather than the national classification (上海市普陀区社会福利院
2024 numbers 302 02 咨询费, 302 03 水费 … where every other document prints 30202 印刷费, 30203 咨询费) is left out
by review, with the reason, in ``data/catalogue/excluded_documents.csv``. ``build`` rewrites the seed from the
dumps; the review of what it changed is the diff of the seed (README, "The catalogue of classification names").
The reader (``names``) looks a printed name up among the names of the document's fiscal year, else of the nearest
year the catalogue has.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SEED = PROJECT / "seeds" / "reference" / "classification_subjects.csv"
# documents whose printed pairs are not the national classification (a publisher's own numbering), by review
EXCLUDED = PROJECT / "data" / "catalogue" / "excluded_documents.csv"
COLUMNS = [
    "subject_kind",
    "fiscal_year",
    "subject_code",
    "subject_name",
    "parent_code",
    "document_count",
    "other_names_printed",
]
# the ordinal a summary prints before a class's name (一、一般公共服务支出): no part of the name
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.．、])")


def name_key(name: str) -> str:
    """A name for matching: the reader's label key (NFKC, no whitespace, no ordinal, 其它 spelled 其他)."""
    from budget_warehouse.pdf.tables import label_key

    return label_key(name)


def excluded() -> set[str]:
    """The sha256 of the documents left out of the catalogue by review (data/catalogue/excluded_documents.csv)."""
    if not EXCLUDED.exists():
        return set()
    with open(EXCLUDED, encoding="utf-8", newline="") as handle:
        return {row["source_sha256"] for row in csv.DictReader(handle)}


def printed_pairs(dumps: list[Path]) -> dict[tuple[str, int, str, str], set[str]]:
    """(kind, fiscal year, code, name as printed) -> the files that print the pair, from readings dumps: every table
    figure whose row prints its code, in a table whose description says which classification it is coded in; the
    documents the review left out (``EXCLUDED``) not counted."""
    from budget_warehouse import templates
    from budget_warehouse.intake import sha256_of

    left_out = excluded()

    kinds = {(template.name, spec.key): spec.codes for template in templates.all_templates() for spec in template.tables}
    pairs: dict[tuple[str, int, str, str], set[str]] = defaultdict(set)
    for dump in dumps:
        for line in dump.read_text(encoding="utf-8").splitlines():
            reading = json.loads(line)
            if reading.get("verdict") != "loaded" or not reading["identity"].get("fiscal_year"):
                continue
            if left_out and Path(reading["file"]).exists() and sha256_of(Path(reading["file"])) in left_out:
                continue
            template, year = reading["identity"]["template"], int(reading["identity"]["fiscal_year"])
            for figure in reading["figures"]:
                kind = kinds.get((template, figure.get("table_key")))
                code, printed = figure.get("subject_code"), figure.get("code_as_printed")
                label = (figure.get("row_label_as_printed") or "").split(" / ")[-1].strip()
                if not kind or not code or not printed or not label:
                    continue
                # a function table's rows are 2xx codes, an economic table's 3xx (5xx: the government's economic
                # classification, printed beside the department's in some tables, is not catalogued here)
                if code[0] != {"function": "2", "economic": "3"}[kind]:
                    continue
                name = _ORDINAL.sub("", re.sub(r"\s+", "", label))
                pairs[(kind, year, code, name)].add(reading["file"])
    return pairs


def catalogue_rows(pairs: dict[tuple[str, int, str, str], set[str]]) -> list[dict]:
    """One row per kind, year and code: the name most documents print, and the others with their counts."""
    names: dict[tuple[str, int, str], Counter] = defaultdict(Counter)
    for (kind, year, code, name), files in pairs.items():
        names[(kind, year, code)][name] += len(files)
    rows = []
    for (kind, year, code), counted in sorted(names.items()):
        # names that read the same once normalized (维修（护）费, 维修(护)费) are one name, printed either way
        merged: Counter = Counter()
        shown: dict[str, str] = {}
        for name, count in sorted(counted.items(), key=lambda item: (-item[1], item[0])):
            key = name_key(name)
            merged[key] += count
            shown.setdefault(key, name)
        ranked = sorted(merged.items(), key=lambda item: (-item[1], shown[item[0]]))
        (best, count), others = ranked[0], ranked[1:]
        rows.append(
            {
                "subject_kind": kind,
                "fiscal_year": year,
                "subject_code": code,
                "subject_name": shown[best],
                "parent_code": code[:-2] if len(code) > 3 else "",
                "document_count": count,
                "other_names_printed": "; ".join(f"{shown[key]} ({n})" for key, n in others),
            }
        )
    return rows


def write(rows: list[dict], out: Path = SEED) -> None:
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@cache
def _seed_rows(path: Path = SEED) -> tuple[tuple[str, int, str, str], ...]:
    if not path.exists():
        return ()
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(
            (row["subject_kind"], int(row["fiscal_year"]), row["subject_code"], row["subject_name"])
            for row in csv.DictReader(handle)
        )


def names(kind: str, fiscal_year: int | None) -> dict[str, list[str]]:
    """A printed name (its key) -> the codes the catalogue gives it, among the names of ``fiscal_year``, else of the
    nearest year the catalogue has for the kind (the later one where two are as near)."""
    years = sorted({year for row_kind, year, _, _ in _seed_rows() if row_kind == kind})
    if not years:
        return {}
    year = fiscal_year if fiscal_year in years else min(years, key=lambda y: (abs(y - (fiscal_year or years[-1])), -y))
    found: dict[str, list[str]] = defaultdict(list)
    for row_kind, row_year, code, name in _seed_rows():
        if row_kind == kind and row_year == year:
            found[name_key(name)].append(code)
    return dict(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="rewrite the catalogue seed from readings dumps")
    build.add_argument("dumps", nargs="+", type=Path)
    build.add_argument("--out", type=Path, default=SEED)
    args = parser.parse_args(argv)
    rows = catalogue_rows(printed_pairs(args.dumps))
    write(rows, args.out)
    kinds = Counter((row["subject_kind"], row["fiscal_year"]) for row in rows)
    variants = sum(1 for row in rows if row["other_names_printed"])
    print(f"{args.out}: {len(rows)} codes ({', '.join(f'{k} {y}: {n}' for (k, y), n in sorted(kinds.items()))}); "
          f"{variants} printed with more than one name", file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
