"""``make corpus``: a real crawled folder of many cities' budgets, built into a warehouse of its own.

The folder (default ``../shared/documents/corpus``: seven cities' 2026 department budgets as a public
crawler saved them, notices, HTML error pages and a scan among them) is read and built exactly as
``make build DOCS=folder`` does, into ``warehouse/corpus/budget.duckdb``; then ``bench/corpus.md`` is
written: per city (the folder's first level), the files, the budgets loaded, the amounts the pages of
financial tables print and how many are published figures, the tables recognized by kind, the figures,
the checks, the findings by kind and severity, the reader notes, the files left out by reason, and the
seconds spent reading.

It is also a gate (``.ci/run`` runs it after ``make test``). It fails when

* a budget of the folder is left out or quarantined, unless the left-out file and its reason are in
  ``data/corpus/reviewed_left_out.csv`` (each a verdict made on the file: a scan's narrative, say);
  files that are no budget (``not_a_budget``, ``not_a_pdf``, ``no_text``), copies (``duplicate``) and the
  narrative half of a pair (``paired``, loaded with its tables) are not budgets left out;
* an error finding is raised that is not in ``seeds/reference/acknowledged_findings.csv``, where every
  finding of the corpus is recorded with the verdict made on its printed page.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import duckdb

from budget_warehouse import engines, publish

PROJECT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT.parent / "shared" / "documents" / "corpus"
DATABASE = PROJECT / "warehouse" / "corpus" / "budget.duckdb"
RESULTS = PROJECT / "bench" / "corpus.md"
REVIEWED_LEFT_OUT = PROJECT / "data" / "corpus" / "reviewed_left_out.csv"
# reasons that say the file is not a budget to load, or is loaded as part of another
NOT_BUDGETS = {"not_a_budget", "not_a_pdf", "no_text", "duplicate", "paired"}


def city_of(path: str, corpus: Path) -> str:
    """The folder's first level under the corpus (the crawler's city), or the file's own folder."""
    try:
        relative = Path(path).resolve().relative_to(corpus.resolve())
    except ValueError:
        return Path(path).parent.name
    return relative.parts[0] if len(relative.parts) > 1 else "."


def reviewed_left_out() -> dict[str, str]:
    """sha256 -> the reason a reviewer confirmed, for budgets that cannot be loaded."""
    if not REVIEWED_LEFT_OUT.exists():
        return {}
    with open(REVIEWED_LEFT_OUT, encoding="utf-8", newline="") as handle:
        return {row["source_sha256"]: row["reason"] for row in csv.DictReader(handle)}


def collect(database: Path, corpus: Path) -> dict:
    """What the built corpus warehouse holds, per city."""
    with duckdb.connect(str(database), read_only=True) as connection:

        def rows(sql: str) -> list[tuple]:
            return connection.execute(sql).fetchall()

        intake = rows(
            "select file_path, source_sha256, intake_status, intake_reason, intake_message, doc_id, read_seconds "
            "from marts.rpt_document_intake"
        )
        tables = rows(
            "select doc_id, table_key, count(distinct table_order) from marts.fct_published_figure "
            "where source_kind = 'table' and table_key is not null group by all"
        )
        figures = rows("select doc_id, count(*) from marts.fct_published_figure group by all")
        checks = rows("select doc_id, count(*) from marts.rpt_reconciliation group by all")
        findings = rows(
            "select doc_id, finding_kind, severity, is_acknowledged, verdict, finding_id, page_no, description "
            "from marts.rpt_findings"
        )
        notes = rows("select doc_id, note_kind, count(*) from marts.rpt_reader_notes group by all")
        documents = rows("select doc_id, region, region_level, department_name, scope, budget_phase from marts.dim_document")
        # the amounts the pages of financial tables print, and how many are published figures of their page
        pages = rows(
            "select doc_id, regexp_replace(coalesce(table_title_as_printed, ''), "
            "'^(?:预算|公开)?\\d+表|^表\\d+|^20\\d\\d年', ''), sum(amounts_printed), sum(amounts_read) "
            "from marts.rpt_table_pages group by all"
        )
    city_by_doc = {doc_id: city_of(path, corpus) for path, _, status, _, _, doc_id, _ in intake if status == "loaded"}
    return {
        "intake": intake,
        "tables": tables,
        "figures": figures,
        "checks": checks,
        "findings": findings,
        "notes": notes,
        "documents": documents,
        "pages": pages,
        "city_by_doc": city_by_doc,
    }


def gate(data: dict, corpus: Path) -> list[str]:
    """What makes the corpus run fail: budgets left out unreviewed, findings not reviewed."""
    problems = []
    reviewed = reviewed_left_out()
    for _path, sha256, status, reason, message, _, _ in data["intake"]:
        if status == "loaded" or reason in NOT_BUDGETS:
            continue
        if reviewed.get(sha256) == reason:
            continue
        problems.append(f"left out [{reason}] {message}")
    for doc_id, _kind, severity, acknowledged, _, finding_id, page, description in data["findings"]:
        if severity == "error" and not acknowledged:
            problems.append(f"finding not reviewed: {doc_id} {finding_id} (p. {page}): {description[:200]}")
    return problems


def write_report(data: dict, corpus: Path, results: Path, seconds: float) -> None:
    city_by_doc = data["city_by_doc"]
    cities: dict[str, dict] = defaultdict(
        lambda: {
            "files": 0,
            "loaded": 0,
            "left_out": Counter(),
            "read_seconds": 0.0,
            "tables": Counter(),
            "figures": 0,
            "checks": 0,
            "findings": Counter(),
            "notes": Counter(),
            "regions": Counter(),
            "printed": 0,
            "read": 0,
            "unread": Counter(),
        }
    )
    for path, _, status, reason, _, _, read_seconds in data["intake"]:
        city = cities[city_of(path, corpus)]
        city["files"] += 1
        city["read_seconds"] += float(read_seconds or 0)
        if status == "loaded":
            city["loaded"] += 1
        else:
            city["left_out"][reason] += 1
    for doc_id, region, level, *_ in data["documents"]:
        if doc_id in city_by_doc:
            cities[city_by_doc[doc_id]]["regions"][f"{region or '?'} ({level or '?'})"] += 1
    for doc_id, key, count in data["tables"]:
        if doc_id in city_by_doc:
            cities[city_by_doc[doc_id]]["tables"][key] += count
    for doc_id, count in data["figures"]:
        if doc_id in city_by_doc:
            cities[city_by_doc[doc_id]]["figures"] += count
    for doc_id, count in data["checks"]:
        if doc_id in city_by_doc:
            cities[city_by_doc[doc_id]]["checks"] += count
    for doc_id, kind, severity, _acknowledged, verdict, *_ in data["findings"]:
        if doc_id in city_by_doc:
            cities[city_by_doc[doc_id]]["findings"][f"{kind} {severity} ({verdict or 'not reviewed'})"] += 1
    for doc_id, title, printed, read in data["pages"]:
        if doc_id in city_by_doc:
            city = cities[city_by_doc[doc_id]]
            city["printed"] += int(printed)
            city["read"] += int(read)
            if printed > read:
                city["unread"][title or "?"] += int(printed) - int(read)
    for doc_id, kind, count in data["notes"]:
        if doc_id in city_by_doc:
            cities[city_by_doc[doc_id]]["notes"][kind] += count

    def counts(counter: Counter) -> str:
        return ", ".join(f"{key} {value}" for key, value in sorted(counter.items())) or "none"

    lines = [
        "# The crawled corpus, built",
        "",
        f"`make corpus` on {corpus.name}/ ({sum(c['files'] for c in cities.values())} files): read and built into "
        f"warehouse/corpus/budget.duckdb in {seconds:.1f} s on this machine (2 cores). Written by "
        "`python -m budget_warehouse.corpus`; the city is the folder the crawler filed the file under, the region "
        "the one the document prints.",
        "",
        "| city | files | budgets loaded | regions read | figures | checks | findings | reader notes | left out | read s |",
        "|---|---:|---:|---|---:|---:|---:|---:|---|---:|",
    ]
    for name, city in sorted(cities.items()):
        lines.append(
            f"| {name} | {city['files']} | {city['loaded']} | {counts(city['regions'])} | {city['figures']:,} | "
            f"{city['checks']:,} | {sum(city['findings'].values())} | {sum(city['notes'].values())} | "
            f"{counts(city['left_out'])} | {city['read_seconds']:.1f} |"
        )
    printed = sum(city["printed"] for city in cities.values())
    read = sum(city["read"] for city in cities.values())
    lines += [
        "",
        "## The amounts the pages of financial tables print, and how many are published figures",
        "",
        "Every number the grids of a page of financial tables print (a page that prints a table's title or "
        "continues one), less classification codes, column numbers and performance indicators' values "
        "(`src/budget_warehouse/pdf/coverage.py`; per page: `marts.rpt_table_pages`), against the figures the "
        f"warehouse publishes from that page: {read:,} of {printed:,} ({100 * read / max(printed, 1):.1f} %).",
        "",
        "| city | amounts printed | published figures | share | the largest unread (title: amounts) |",
        "|---|---:|---:|---:|---|",
    ]
    for name, city in sorted(cities.items()):
        unread = ", ".join(f"{title} {count:,}" for title, count in city["unread"].most_common(3)) or "none"
        share = 100 * city["read"] / city["printed"] if city["printed"] else 100.0
        lines.append(f"| {name} | {city['printed']:,} | {city['read']:,} | {share:.1f} % | {unread} |")
    lines += ["", "## Tables recognized, by kind", "", "| city | tables |", "|---|---|"]
    lines += [f"| {name} | {counts(city['tables'])} |" for name, city in sorted(cities.items())]
    lines += ["", "## Findings by kind, severity and verdict", "", "| city | findings |", "|---|---|"]
    lines += [f"| {name} | {counts(city['findings'])} |" for name, city in sorted(cities.items())]
    lines += ["", "## Reader notes by kind (not findings)", "", "| city | notes |", "|---|---|"]
    lines += [f"| {name} | {counts(city['notes'])} |" for name, city in sorted(cities.items())]
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the folder of documents, recursively")
    parser.add_argument("--database", type=Path, default=DATABASE, help="the corpus warehouse (published there)")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-gate", action="store_true", help="write the report; do not fail on what it finds")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help=f"the intake's cache of what was read from each file (default: $BUDGET_INTAKE_CACHE, else {publish.CACHE}, "
        "the one make build uses); an empty folder reads every file again, as make bench's cold run does",
    )
    parser.add_argument("--target-path", default="target-corpus", help="dbt's target folder for this build")
    parser.add_argument("--engine", choices=engines.ENGINES, default="local", help="what reads the files (make build's ENGINE)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: no such folder of documents", file=sys.stderr)
        return 2
    args.database.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        with publish.build_lock(args.database.parent):
            publish.remove_leftovers(args.database)
            publish.build(args.database, args.target_path, docs_dir=args.corpus, cache=args.cache, engine=args.engine)
    except publish.BuildError as error:
        print(f"\nCORPUS BUILD FAILED: {error}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    data = collect(args.database, args.corpus)
    write_report(data, args.corpus, args.results, seconds)
    print(args.results.read_text(encoding="utf-8"))
    problems = gate(data, args.corpus)
    if problems and not args.no_gate:
        shown = problems[:60] + ([f"... and {len(problems) - 60} more"] if len(problems) > 60 else [])
        print(f"\nCORPUS CHECK FAILED: {len(problems)} problem(s):\n" + "\n".join(f"  {p}" for p in shown), file=sys.stderr)
        return 1
    print(f"corpus: every budget loaded or reviewed, every finding reviewed ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
