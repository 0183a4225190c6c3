"""Generate synthetic budget documents in the seeds' schema, for scale tests.

``python -m budget_warehouse.synth -n N -y Y`` writes N departments × Y
fiscal years to ``bench/work/synth-<N>x<Y>/``: one folder per document
(``synthetic-<department>-<year>/``), one CSV per seed in it, in exactly the
seeds' columns (its doc_id, as the intake's, the first 16 hex digits of a
sha256: of the folder's name here), read by the bulk input path (``make build INPUT=…``), which
can add a document to a warehouse built from the folder by its folder alone.

Each synthetic document is the real one (the committed seeds) with its
department and units renamed, its fiscal year moved, and every amount scaled
by a whole multiplier m (1 to 20, drawn with a fixed seed) in a way that keeps
every identity of the reconciliation as it is in the real document:

* every printed figure F has a value L that the facts give, propagated
  through the identities of the reconciliation from one family of facts (the
  项 lines of table 3; a family with no identity to them keeps its own
  leaves), and a rounding residue d = F − L (0.01 or 0 here);
* the synthetic figure is m × L + d. For any identity P = a1 + … + ak the
  synthetic difference is m × (L_P − ΣL_i) + (d_P − Σd_i) = the real
  document's own difference, so exact identities stay exact and the real
  rounding discrepancies stay the same 0.01 — never a mismatch;
* percentages, counts (vehicles, units, projects) and text are unchanged.

It needs the published warehouse of the real document (``make build``).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
from decimal import Decimal
from pathlib import Path

import duckdb

from budget_warehouse.intake import doc_id_for
from budget_warehouse.publish import PUBLISHED

REAL_CITY, REAL_DISTRICT = "深圳市盐田区", "盐田区"
UNSCALED_UNITS = {"%", "辆", "台（套）", "个", "家"}


def expenditure_leaves(connection: duckdb.DuckDBPyConnection, doc_id: str) -> set[str]:
    """The figures of table 3's 项 lines: the one family of facts every total is derived from."""
    rows = connection.execute(
        "select figure_id from marts.fct_published_figure"
        " where doc_id = ? and table_key = 'expenditure_summary' and length(subject_code) = 7",
        [doc_id],
    ).fetchall()
    return {figure_id for (figure_id,) in rows}


def solve_values(
    connection: duckdb.DuckDBPyConnection, doc_id: str, printed: dict[str, Decimal], masters: set[str], leaves: set[str]
) -> dict[str, Decimal]:
    """One consistent value L per figure, propagated through the identities from the master leaves.

    The document's families of facts (its 项 lines, its income by source, its economic 款 …) agree
    only up to rounding; every total takes its value from the 项 lines where an identity links it
    to them, and from its own parts otherwise. Zeros and the narrative's unsigned changes keep their
    own value.
    """
    values = {figure_id: printed[figure_id] for figure_id in masters | leaves}
    values.update({figure_id: Decimal(0) for figure_id, amount in printed.items() if amount == 0})
    checks = [
        (ids[0], ids[1:])
        for ids, rule_id in connection.execute(
            "select figure_ids, rule_id from marts.rpt_reconciliation"
            " where doc_id = ? and value_unit = '元' and published_count = 1",
            [doc_id],
        ).fetchall()
        # table 9's change is the budget year less the prior year: a signed identity
        if not (rule_id or "").endswith(":change")
        and len(ids) > 1
        # a narrative change is printed without its sign: its identity is signed
        and ids[0] not in leaves
        and not any(part in leaves for part in ids[1:])
    ]
    published_somewhere = {published for published, _ in checks}

    def propagate() -> bool:
        progressed = False
        changed = True
        while changed:
            changed = False
            for published, parts in checks:
                unknown = [f for f in [published, *parts] if f not in values]
                if len(unknown) != 1:
                    continue
                (missing,) = unknown
                if missing == published:
                    values[published] = sum((values[p] for p in parts), Decimal(0))
                else:
                    values[missing] = values[published] - sum((values[p] for p in parts if p != missing), Decimal(0))
                changed = progressed = True
        return progressed

    propagate()
    while True:
        # figures no identity states as a sum are leaves of their own family: their own value
        fresh = [f for f in printed if f not in values and f not in published_somewhere]
        if not fresh:
            break
        values.update({f: printed[f] for f in fresh})
        propagate()
    for figure_id, amount in printed.items():
        values.setdefault(figure_id, amount)
    return values


def folder_name(department: int, year: int) -> str:
    """The folder of one synthetic document: synthetic-<department>-<year>."""
    return f"synthetic-{department:04d}-{year}"


def doc_id_of(name: str) -> str:
    """A synthetic document's id, made as the intake makes a file's (intake.doc_id_for), from the sha256 of its
    folder's name: ids that differ in their first bytes, as a national warehouse's do, so that the zone maps
    of a table in document order skip other documents' rows (macros/incremental_view.sql) as they would
    there; ids that all began 'synthetic-' would make every build read every row."""
    return doc_id_for(hashlib.sha256(name.encode()).hexdigest())


def read_seed(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def rename(text: str, number: int) -> str:
    return text.replace(REAL_CITY, f"合成市{number:04d}区").replace(REAL_DISTRICT, f"合成{number:04d}区")


def money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def generate(project: Path, published: Path, departments: int, years: int, seed: int, out_dir: Path) -> list[str]:
    """departments × years synthetic documents written into out_dir, one folder each; gives their folders' names,
    in the order written (doc_id_of gives each one's doc_id)."""
    seeds = {path.stem: read_seed(path) for path in sorted((project / "seeds/document").glob("*.csv"))}
    (real,) = seeds["documents"][1]
    with duckdb.connect(str(published), read_only=True) as connection:
        printed = {
            figure_id: Decimal(amount)
            for figure_id, amount in connection.execute(
                "select figure_id, value_as_printed from marts.fct_published_figure where doc_id = ?", [real["doc_id"]]
            ).fetchall()
        }
        changes = {
            f"narrative_figures:{row['figure_no']}" for row in seeds["narrative_figures"][1] if row["direction_as_printed"]
        }
        values = solve_values(connection, real["doc_id"], printed, expenditure_leaves(connection, real["doc_id"]), changes)
    seeds["budget_unit_aliases"] = read_seed(project / "seeds/reference/budget_unit_aliases.csv")
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in [*out_dir.glob("*.csv"), *out_dir.glob("synthetic-*/*.csv")]:
        stale.unlink()
    names = []
    for department in range(1, departments + 1):
        for offset in range(years):
            multiplier = Decimal(rng.randint(1, 20))
            year = int(real["fiscal_year"]) + offset
            document = folder_name(department, year)
            doc_id = doc_id_of(document)
            names.append(document)
            # one folder per document, written as it is made: a build can add to a warehouse document by document
            # (the folder is the unit it compares), and the generator's memory does not grow with N
            folder = out_dir / document
            folder.mkdir(exist_ok=True)
            for name, (columns, rows) in seeds.items():
                if name == "budget_unit_aliases" and offset != 0:
                    continue
                with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
                    writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
                    writer.writeheader()
                    # scaled amounts are written as plain decimals: no printed text differs from its value
                    for row in rows if name != "printed_texts" else []:
                        writer.writerow(
                            synthetic_row(name, columns, row, department, offset, year, doc_id, real, printed, values, multiplier)
                        )
    return names


def synthetic_row(
    name: str,
    columns: list[str],
    row: dict[str, str],
    department: int,
    offset: int,
    year: int,
    doc_id: str,
    real: dict[str, str],
    printed: dict[str, Decimal],
    values: dict[str, Decimal],
    multiplier: Decimal,
) -> dict[str, str]:
    """A row of a seed as the synthetic document prints it: renamed, its year moved, its amounts scaled."""
    if name == "budget_unit_aliases":
        return {c: rename(v, department) for c, v in row.items()}
    new = {c: v if c.endswith(("_amount", "_value")) else rename(v, department) for c, v in row.items()}
    new["doc_id"] = doc_id
    if name == "documents":
        new.update(
            fiscal_year=str(year),
            title_as_printed=rename(row["title_as_printed"], department).replace(real["fiscal_year"], str(year)),
            source_file=f"synthetic/{folder_name(department, year)}",
            source_sha256=hashlib.sha256(folder_name(department, year).encode()).hexdigest(),
        )
    if name == "table_09_three_public_expenses" and row["year_label_as_printed"].endswith("年"):
        shown = int(row["year_label_as_printed"][:-1]) + offset
        new["year_label_as_printed"] = f"{shown}年"
    if name == "narrative_figures":
        if row["figure_unit"] not in UNSCALED_UNITS:
            figure_id = f"narrative_figures:{row['figure_no']}"
            scaled = printed[figure_id] + (multiplier - 1) * values[figure_id]
            new["figure_value"] = money(scaled)
            new["figure_text_as_printed"] = money(scaled)
    else:
        for column in columns:
            if column.endswith("_amount") and row[column] != "":
                figure_id = f"{name}:{row['source_line']}:{column}"
                new[column] = money(printed[figure_id] + (multiplier - 1) * values[figure_id])
    return new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--departments", "-n", type=int, default=10)
    parser.add_argument("--years", "-y", type=int, default=1)
    parser.add_argument("--seed", type=int, default=20241)
    parser.add_argument("--published", type=Path, default=PUBLISHED)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or Path("bench/work") / f"synth-{args.departments}x{args.years}"
    if not args.published.exists():
        raise SystemExit(f"{args.published} does not exist: run 'make build' first")
    names = generate(Path("."), args.published, args.departments, args.years, args.seed, out)
    print(f"{len(names)} synthetic documents written to {out} (build them with: make build INPUT={out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
