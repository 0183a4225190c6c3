"""The generated bench of layouts (issue 21, point 3), on the sample of the grid make test reads.

Budgets with known figures are printed as the national table set in the variants real documents print
(``src/budget_warehouse/layouts/variants.py``) and read back with the reader: every figure must come back at its
table kind, row and measure, or its table be unconfirmed, never a wrong figure in a confirmed table; at least
98 % of the figures must be recovered in confirmed tables. Then the sample and one planted error of each kind
are built once, as ``make build DOCS=folder`` builds a folder: each planted error is found on its page, and the
clean documents raise no finding. ``make bench`` runs the whole grid (``bench/reader_variants.md``).

These tests state the targets; where today's reader misses them, they fail, naming what was read instead of
what was printed.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from budget_warehouse.layouts import budget as budget_model
from budget_warehouse.layouts import findings, tableset, variants
from budget_warehouse.layouts.bench import BenchResult, write
from budget_warehouse.layouts.harness import Generated, generate, read_and_compare
from budget_warehouse.pdf.document import read_document
from budget_warehouse.pdf.tables import parse_amount
from project_copy import copy_project, run_tool

SHARE = 0.98


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Generated]:
    folder = tmp_path_factory.mktemp("variants")
    grid = {document.name: index for index, document in enumerate(variants.grid())}
    return {document.name: generate(document, folder, grid[document.name]) for document in variants.sample()}


@pytest.mark.parametrize("quantum", [Decimal("0.01"), Decimal(1), Decimal(100), Decimal(10000)])
def test_a_generated_budget_adds_up_exactly(quantum: Decimal) -> None:
    budget = budget_model.make_budget(7, quantum, index=3, with_state_capital=True)
    for item in budget.items:
        assert all(value % quantum == 0 and value > 0 for value in item.money.values())
    # parents are the sums of their children, at every level and for every fund
    for code in budget.codes():
        children = [c for c in budget.codes() if c.startswith(code) and len(c) == len(code) + 2]
        if children:
            assert budget.total(prefix=code) == sum(budget.total(prefix=child) for child in children)
    personnel = sum((p for p, _ in budget.economic.values()), Decimal(0))
    public = sum((q for _, q in budget.economic.values()), Decimal(0))
    assert personnel == budget.total(("general_public",), ("personnel",))
    assert public == budget.total(("general_public",), ("public",))
    three = budget.three_public
    assert three["three_public_total"] == three["overseas_travel"] + three["vehicle_total"] + three["official_reception"]


def test_every_printed_figure_is_expected_with_the_text_it_prints() -> None:
    for document in variants.sample():
        layout = document.layout
        budget = budget_model.make_budget(document.seed, layout.quantum)
        printout = tableset.build(budget, layout)
        for expected in printout.expected:
            read = parse_amount(expected.text.replace("-", "0") if expected.text == "-" else expected.text)
            assert read is not None, expected
            assert Decimal(read[0]) * layout.unit_factor == expected.amount, expected
        # the set balances: 收入总计 = 支出总计 in 收支总表, as printed
        summary = next(t for t in printout.tables if t.key == "revenue_expenditure_summary")
        totals = {
            (cell.expect.side, cell.expect.row_keys[0]): cell.expect.amount
            for row in summary.rows
            for cell in row
            if isinstance(cell, tableset.Amount) and cell.expect and cell.expect.row_keys and cell.expect.measure == "amount"
        }
        assert totals[("income", "income_total")] == totals[("expenditure", "expenditure_total")]


@pytest.mark.parametrize("name", variants.SAMPLE)
def test_every_figure_is_read_at_its_row_and_measure_or_its_table_is_unconfirmed(
    name: str, generated: dict[str, Generated]
) -> None:
    comparison = read_and_compare(generated[name])
    assert comparison.rejected is None, comparison.rejected
    assert comparison.identity == "", comparison.identity
    assert comparison.tables_missing == [], "tables not recognized: " + ", ".join(comparison.tables_missing)
    wrong = [
        f"p.{m.page} {m.table_key}: {m.text}" for m in [*comparison.wrong_confirmed, *comparison.extra] if m.status == "confirmed"
    ]
    assert wrong == [], f"{len(wrong)} wrong figure(s) in confirmed tables:\n" + "\n".join(wrong[:20])
    assert comparison.confirmed_share >= SHARE, (
        f"{comparison.recovered_confirmed} of {comparison.expected} figures recovered in confirmed tables:\n"
        + "\n".join(comparison.failures()[:20])
    )


# what a figure is read as, to compare two printings of one budget
_READ_AS = (
    "table_key",
    "page_no",
    "row_label_as_printed",
    "code_as_printed",
    "column_header_as_printed",
    "side",
    "amount_as_printed",
    "subject_code",
    "row_key",
    "measure_key",
)


@pytest.mark.parametrize(
    "name",
    [
        "unruled",
        "horizontal_rules+numbering_row+total_last+nil_dash",
        "code_bracketed+unruled",
        "continued_without_header+unruled+names_indented",
    ],
)
def test_a_budget_printed_without_rulings_or_with_horizontal_rules_only_reads_as_it_does_ruled(name: str, tmp_path: Path) -> None:
    # the columns come from the text's alignment, a header from the cell it is centred in, a number is never cut:
    # every figure, with its header path, row and measure, and every table's status, as the ruled printing gives
    index, document = next((i, d) for i, d in enumerate(variants.grid()) if d.name == name)
    ruled = replace(document, name=f"{name} ruled", layout=replace(document.layout, rules="grid"))
    readings = []
    for printing in (document, ruled):
        result = read_document(generate(printing, tmp_path / printing.layout.rules, index).path)
        figures = sorted(
            tuple(str(figure.get(key)) for key in _READ_AS) for figure in result.figures if figure.get("source_kind") == "table"
        )
        statuses = {table["table_order"]: (table["table_key"], table.get("reading_status")) for table in result.tables}
        readings.append((figures, statuses))
    (figures, statuses), (ruled_figures, ruled_statuses) = readings
    assert statuses == ruled_statuses
    only = sorted(set(figures) ^ set(ruled_figures))
    assert figures == ruled_figures, f"{len(only)} figure(s) read differently, e.g. {only[:6]}"


def test_planted_errors_are_found_on_their_pages_and_clean_documents_raise_none(tmp_path: Path) -> None:
    # one build for all of them (make build DOCS=folder, in a copy of the project): builds take a minute
    project = copy_project(tmp_path / "project")
    folder = tmp_path / "docs"
    generated = findings.generate_folder(variants.sample(), folder, findings.PLANTED_LAYOUTS[:1])
    database = tmp_path / "variants.duckdb"
    run = run_tool(project, *findings.build_command(folder, database, str(project / "target")))
    assert database.exists(), run.output[-3000:]
    outcomes = findings.collect(database, generated)
    problems = [f"{o.name}: not loaded ({o.left_out})" for o in outcomes if not o.loaded]
    problems += [
        f"{o.name}: {o.plant.finding_kind} not found on page {o.planted_page}; found: "
        + ", ".join(f"{f.kind} p.{f.page}" for f in o.findings)
        for o in outcomes
        if o.plant is not None and not o.found
    ]
    problems += [f"{o.name}: false finding {f.kind} p.{f.page}: {f.description[:200]}" for o in outcomes for f in o.false]
    assert len([o for o in outcomes if o.plant is not None]) == len(tableset.PLANTS)
    assert problems == [], f"{len(problems)} problem(s):\n" + "\n".join(problems[:40])


def test_the_bench_report_states_the_targets_and_each_document(tmp_path: Path, generated: dict[str, Generated]) -> None:
    documents = variants.sample()[:2]
    comparisons = [read_and_compare(generated[document.name]) for document in documents]
    results = tmp_path / "reader_variants.md"
    write(BenchResult(documents, comparisons), results, sample=True)
    text = results.read_text(encoding="utf-8")
    assert "| 0 wrong figures in confirmed tables |" in text
    assert all(f"| `{document.name}` |" in text for document in documents)
