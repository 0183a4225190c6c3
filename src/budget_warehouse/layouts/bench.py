"""The whole grid of layouts read and built: ``bench/reader_variants.md``.

``run(documents, work)`` takes the documents of the grid (``variants.grid()``, or ``variants.sample()``) and a
work folder; it prints each (clean) and each planted error in ``findings.PLANTED_LAYOUTS``, reads every clean
one with the reader and compares its figures (``harness``), builds the folder once as ``make build
DOCS=folder`` does (in this project, into ``work``, with an intake cache of its own) and collects the findings
(``findings``); it gives a ``BenchResult``. ``write(result, path)`` writes the report: the issue's targets
measured, then per document the figures recovered exactly, missing, wrong, the tables unconfirmed or not
recognized and the false findings; the planted errors found or missed; and what each document was read wrong.

``python -m budget_warehouse.layouts.bench [--sample]`` runs it (``make bench`` through ``budget_warehouse.bench
--variants-only``); it exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from budget_warehouse.layouts import findings, printer, variants
from budget_warehouse.layouts.findings import FindingOutcome
from budget_warehouse.layouts.harness import Comparison, Generated, read_and_compare

PROJECT = Path(__file__).resolve().parents[3]
RESULTS = PROJECT / "bench" / "reader_variants.md"
CONFIRMED_SHARE_TARGET = 0.98
SHOWN_PER_DOCUMENT = 12


@dataclass
class BenchResult:
    documents: list[variants.Document]
    comparisons: list[Comparison]
    outcomes: list[FindingOutcome] = field(default_factory=list)
    build_log: str = ""
    read_seconds: float = 0.0
    build_seconds: float = 0.0

    @property
    def expected(self) -> int:
        return sum(c.expected for c in self.comparisons)

    @property
    def recovered_confirmed(self) -> int:
        return sum(c.recovered_confirmed for c in self.comparisons)

    @property
    def wrong_confirmed(self) -> int:
        return sum(len(c.wrong_confirmed) + sum(1 for m in c.extra if m.status == "confirmed") for c in self.comparisons)

    @property
    def false_findings(self) -> int:
        return sum(len(o.false) for o in self.outcomes)

    @property
    def planted(self) -> list[FindingOutcome]:
        return [o for o in self.outcomes if o.plant is not None]

    def targets(self) -> list[tuple[str, str, bool]]:
        share = self.recovered_confirmed / self.expected if self.expected else 1.0
        found = sum(o.found for o in self.planted)
        not_loaded = [o for o in self.outcomes if not o.loaded]
        return [
            ("0 wrong figures in confirmed tables", str(self.wrong_confirmed), self.wrong_confirmed == 0),
            ("0 false findings on clean documents", str(self.false_findings), self.false_findings == 0),
            ("every planted error found on its page", f"{found} of {len(self.planted)}", found == len(self.planted)),
            (
                f"≥ {CONFIRMED_SHARE_TARGET:.0%} of generated figures recovered in confirmed tables",
                f"{share:.1%} ({self.recovered_confirmed} of {self.expected})",
                share >= CONFIRMED_SHARE_TARGET,
            ),
            ("every generated document loads", f"{len(self.outcomes) - len(not_loaded)} of {len(self.outcomes)}", not not_loaded),
        ]

    @property
    def passed(self) -> bool:
        return all(ok for _, _, ok in self.targets())


def run(documents: list[variants.Document], work: Path, build: bool = True) -> BenchResult:
    """Generate, read and compare every document, then build them once and collect the findings."""
    shutil.rmtree(work, ignore_errors=True)
    folder = work / "docs"
    generated: list[Generated] = findings.generate_folder(documents, folder, findings.PLANTED_LAYOUTS)
    clean = [g for g in generated if g.plant is None]
    start = time.perf_counter()
    comparisons = [read_and_compare(g) for g in clean]
    result = BenchResult(documents, comparisons, read_seconds=time.perf_counter() - start)
    if not build:
        return result
    database = work / "variants.duckdb"
    env = dict(
        os.environ,
        BUDGET_INTAKE_CACHE=str(work / "cache"),
        PYTHONPATH=str(PROJECT / "src"),
        DBT_PROFILES_DIR=str(PROJECT),
    )
    start = time.perf_counter()
    command = [sys.executable, "-m", *findings.build_command(folder, database, "target-variants")]
    completed = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, check=False)
    result.build_seconds = time.perf_counter() - start
    result.build_log = completed.stdout[-4000:] + completed.stderr[-4000:]
    if not database.exists():
        raise SystemExit(f"the build of the generated documents made no warehouse:\n{result.build_log}")
    result.outcomes = findings.collect(database, generated)
    return result


def _classes(document: variants.Document) -> str:
    classes = sorted({variants.BY_NAME[name].issue_class for name in document.variants} - {0})
    return ", ".join(str(c) for c in classes) or "–"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write(result: BenchResult, path: Path, sample: bool = False) -> None:
    """``bench/reader_variants.md`` (see the module's docstring)."""
    outcomes = {o.name: o for o in result.outcomes}
    font = printer.cjk_font().description
    lines = [
        "# The generated bench of layouts: the reader on budgets whose figures are known",
        "",
        f"Written by `make bench` (alone: `make variants`) on {date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} cores; font: {font}. "
        + ("A sample of the grid (`make test`'s). " if sample else "")
        + f"{len(result.comparisons)} documents: the plain layout, each variant of `src/budget_warehouse/layouts/"
        "variants.py` alone, the named combinations and seeded pairs, each of a department of its own, with every "
        "figure known; and each planted error in "
        + ", ".join(f"`{name}`" for name in findings.PLANTED_LAYOUTS)
        + f". Reading {result.read_seconds:.0f} s; one build of all of them {result.build_seconds:.0f} s.",
        "",
        "A figure read is *exact* when a figure printed at its table kind, side, row (code, the template's row key, "
        "or the label where the document prints neither) and measure has its amount (in yuan, through the unit it is "
        "read in); *wrong* when such figures are printed but none has its amount, when none is printed where the "
        "reader places it (a code or row key it gives), or when it is read there more often than it is printed (a "
        "total repeated in another classification's block, which the warehouse adds up). A printed figure no figure "
        "read matches exactly is *missing*. "
        "A wrong figure in an unconfirmed table is acceptable; in a confirmed one it is a failure.",
        "",
        "## Targets (issue 21)",
        "",
        "| target | measured | met |",
        "|---|---|---|",
        *[f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in result.targets()],
        "",
        "## Per document",
        "",
        "Classes: the misreading classes of issue 21 the document's variants exercise (– for the other variants).",
        "",
        "| document | classes | figures | recovered exactly | in confirmed tables | missing | wrong, confirmed "
        "| wrong, unconfirmed | tables unconfirmed | tables not recognized | false findings | s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    for document, comparison in zip(result.documents, result.comparisons, strict=True):
        outcome = outcomes.get(comparison.name)
        false = (
            "–"
            if outcome is None
            else str(len(outcome.false))
            if outcome.loaded
            else f"not loaded ({_cell(outcome.left_out[:160])})"
        )
        wrong_confirmed = len(comparison.wrong_confirmed) + sum(1 for m in comparison.extra if m.status == "confirmed")
        wrong_unconfirmed = len(comparison.wrong_unconfirmed) + sum(1 for m in comparison.extra if m.status != "confirmed")
        lines.append(
            f"| `{comparison.name}` | {_classes(document)} | {comparison.expected} | {comparison.recovered} | "
            f"{comparison.recovered_confirmed} | {comparison.missing_count} | {wrong_confirmed} | {wrong_unconfirmed} | "
            f"{_cell(', '.join(comparison.tables_unconfirmed)) or '–'} | {', '.join(comparison.tables_missing) or '–'} | "
            f"{false} | {comparison.seconds:.2f} |"
        )
    lines += [
        "",
        "## Planted errors",
        "",
        "Each in an otherwise clean document; found when an error finding of its kind is raised on its page (a "
        "missing table has none). The other findings its one wrong figure raises are listed beside it.",
        "",
        "| layout | plant | finding kind | page | found | also raised |",
        "|---|---|---|---:|---|---|",
    ]
    for outcome in result.planted:
        assert outcome.plant is not None
        beside = ", ".join(f"{f.kind} p.{f.page}" for f in outcome.beside) or "–"
        found = "yes" if outcome.found else ("**no**" if outcome.loaded else f"**not loaded** ({outcome.left_out[:60]})")
        lines.append(
            f"| `{outcome.name.split('!')[0]}` | {outcome.plant.name}: {outcome.plant.description} | "
            f"{outcome.plant.finding_kind} | {outcome.planted_page or '–'} | {found} | {_cell(beside)} |"
        )
    lines += ["", "## What each document was read wrong", ""]
    for comparison in result.comparisons:
        outcome = outcomes.get(comparison.name)
        shown = comparison.failures()
        shown += [f"wrong in an unconfirmed table p.{m.page} {m.table_key}: {m.text}" for m in comparison.wrong_unconfirmed]
        shown += [f"false finding: {f.kind} p.{f.page}: {f.description}" for f in (outcome.false if outcome else [])]
        if not shown:
            continue
        lines.append(f"- `{comparison.name}`:")
        lines += [f"  - {_cell(text[:300])}" for text in shown[:SHOWN_PER_DOCUMENT]]
        if len(shown) > SHOWN_PER_DOCUMENT:
            lines.append(f"  - … and {len(shown) - SHOWN_PER_DOCUMENT} more")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", action="store_true", help="the sample make test reads, not the whole grid")
    parser.add_argument("--work", type=Path, default=PROJECT / "bench" / "work" / "variants")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-build", action="store_true", help="figures only: no build, no findings")
    args = parser.parse_args(argv)
    documents = variants.sample() if args.sample else variants.grid()
    result = run(documents, args.work, build=not args.no_build)
    write(result, args.results, sample=args.sample)
    print(args.results.read_text(encoding="utf-8"))
    return 0 if result.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
