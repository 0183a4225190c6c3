"""Check the seed files before dbt loads them.

dbt parses seeds with agate, whose errors on a bad cell are a Python
traceback or a bare "Conversion Error" that names neither file nor line.  This
step runs first in ``make build`` and reports every problem it finds as
``<file>:<line>: <column> = <value>: <what is wrong>``.

What it checks, for every seed declared in ``seeds/_seeds.yml``:

* the file is UTF-8 without a byte-order mark and with LF line ends (a file
  saved by Excel with a BOM or CRLF is refused with a message saying so,
  rather than loaded with a corrupted first column name);
* the header has exactly the declared columns, in the declared order;
* every row has as many cells as the header;
* integer columns hold plain integers, decimal columns plain decimals with at
  most two decimal places and no thousands separators, full-width digits or
  dashes (``—``);
* ``doc_id`` is filled and names a document of ``documents.csv``.

Checks that need the data as a whole (codes, hierarchies, arithmetic) are dbt
tests; see ``tests/`` and the models' YAML.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from decimal import Decimal
from pathlib import Path

import yaml

from budget_warehouse import templates

_INTEGER = re.compile(r"^-?[0-9]+$")
_DECIMAL = re.compile(r"^-?[0-9]+(\.[0-9]{1,2})?$")
_FULL_WIDTH = re.compile(r"[\uff10-\uff19\uff0e\uff0c\uff0d]")


def declared_seeds(project: Path) -> dict[str, dict[str, str]]:
    """Seed name -> {column: declared type}, in declared order."""
    spec = yaml.load((project / "seeds" / "_seeds.yml").read_text(encoding="utf-8"), Loader=templates.LOADER)
    return {seed["name"]: dict(seed["config"]["column_types"]) for seed in spec["seeds"]}


def explain_number(value: str) -> str:
    if _FULL_WIDTH.search(value):
        return "has full-width characters; type the digits as ASCII 0-9"
    if value in ("—", "-", "–", "－", "/"):
        return "is a dash; leave the cell empty if the table prints nothing, or write 0.00 if it prints 0.00"
    if value.strip() != value:
        return "has spaces around it"
    if "," in value and _DECIMAL.match(value.replace(",", "")):
        return "has a thousands separator; write it as a plain decimal (4398.38, not 4,398.38)"
    return "is not a number"


# columns that may never be blank: the document's identity and each row's place in it
REQUIRED = {"doc_id", "source_line", "line_no", "fiscal_year", "department_name", "budget_phase", "amount_unit"}


def check_cell(column: str, declared: str, value: str) -> str | None:
    if value == "":
        if column in REQUIRED:
            return "is empty; every row needs it"
        return None
    if declared == "integer" and not _INTEGER.match(value):
        return "is not a whole number" if not _FULL_WIDTH.search(value) else explain_number(value)
    if declared.startswith("decimal") and not _DECIMAL.match(value):
        if re.match(r"^-?[0-9]+\.[0-9]{3,}$", value):
            return "has more than two decimal places; amounts are printed to 0.01 万元"
        return explain_number(value)
    return None


def text_disagrees_with_value(row: dict[str, str]) -> str | None:
    """A figure transcribed with its printed text must have the value that text prints (4,398.38 is 4398.38)."""
    text, value = row.get("figure_text_as_printed"), row.get("figure_value")
    if not text or not value or not _DECIMAL.match(value):
        return None
    plain = text.replace(",", "")
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", plain):
        return f"figure_text_as_printed = {text!r} is not a number as printed"
    if Decimal(plain) != Decimal(value):
        return f"figure_text_as_printed = {text!r} prints {Decimal(plain)}, but figure_value = {value!r}; one of them is mistyped"
    return None


def validate_seed(path: Path, columns: dict[str, str], documents: set[str] | None) -> list[str]:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return [f"{path}:1: starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [f"{path}:{line}: is not valid UTF-8 (byte {error.start}); save it as UTF-8"]
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        return [f"{path}:{line}: has Windows (CRLF) line ends; save it with LF line ends"]
    problems: list[str] = []
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    expected = list(columns)
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        detail = []
        if missing:
            detail.append("missing " + ", ".join(missing))
        if extra:
            detail.append("unexpected " + ", ".join(extra))
        if not detail:
            detail.append("columns out of order")
        return [f"{path}:1: header does not match seeds/_seeds.yml: {'; '.join(detail)}"]
    for row in reader:
        line = reader.line_num
        if len(row) != len(header):
            problems.append(f"{path}:{line}: has {len(row)} cells, the header has {len(header)}")
            continue
        problem = text_disagrees_with_value(dict(zip(header, row, strict=True)))
        if problem:
            problems.append(f"{path}:{line}: {problem}")
        for column, value in zip(header, row, strict=True):
            reason = check_cell(column, columns[column], value)
            if reason:
                problems.append(f"{path}:{line}: {column} = {value!r} {reason}")
        if documents is not None and "doc_id" in columns and row[0] and row[header.index("doc_id")] not in documents:
            problems.append(f"{path}:{line}: doc_id = {row[header.index('doc_id')]!r} is not a document of documents.csv")
    return problems


def bulk_seeds(project: Path) -> set[str]:
    """The seeds a bulk load replaces: every transcribed table, and the unit aliases."""
    return {path.stem for path in (project / "seeds/document").glob("*.csv")} | {"budget_unit_aliases"}


def seed_files(project: Path, input_dir: Path | None = None) -> dict[str, list[Path]]:
    files = {path.stem: [path] for path in sorted((project / "seeds").rglob("*.csv"))}
    if input_dir is not None:
        for name in bulk_seeds(project):
            files[name] = sorted(input_dir.rglob(f"{name}.csv"))
    return files


def validate_project(project: Path, input_dir: Path | None = None, only: list[Path] | None = None) -> list[str]:
    """Every problem of the seed files (or, for a bulk load, of the files under input_dir; with only, of those
    files of it alone: the documents a build adds to a published warehouse, whose reference seeds, part of the
    code it was built with, were checked by the build that made it)."""
    declared = declared_seeds(project)
    if only is not None:
        files = {name: sorted(path for path in only if path.stem == name) for name in bulk_seeds(project)}
    else:
        files = seed_files(project, input_dir)
    problems = [f"{paths[0]}: is not declared in seeds/_seeds.yml" for name, paths in files.items() if name not in declared]
    for name in declared:
        if not files.get(name) and only is None:
            where = f"under {input_dir}" if input_dir is not None and name in bulk_seeds(project) else "in seeds/"
            problems.append(f"{name}.csv: no such file {where}")
    documents: set[str] | None = None
    if files.get("documents"):
        documents = set()
        for path in files["documents"]:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                documents |= {row.get("doc_id", "") for row in csv.DictReader(handle)}
    for name, columns in declared.items():
        for path in files.get(name, []):
            problems += validate_seed(path, columns, documents)
    return [p.replace(str(project) + "/", "") for p in problems]


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Check the seed files before dbt loads them.")
    parser.add_argument("project", nargs="?", type=Path, default=Path("."))
    parser.add_argument("--input", type=Path, default=None, help="a bulk-load folder instead of the committed seeds")
    args = parser.parse_args(argv)
    project = args.project
    problems = validate_project(project, args.input)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in the seeds; nothing was built.", file=sys.stderr)
        return 1
    print("seeds: every file, header and cell is well-formed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
