"""Print a document of the grid, read it with the project's reader, compare figure by figure.

``generate(document, folder, index, plant)`` takes a ``variants.Document`` (its layout and seed), a folder, its
index in the grid (the department it is of: no two documents share one) and a planted error or None; it
writes the PDF and gives a ``Generated`` (the budget, the printout with every expected figure's page).

``compare(generated, result)`` takes that and the reader's ``DocumentResult``; it gives a ``Comparison``. Each
figure the reader returns with a measure is matched to the figures printed at its table kind, side, row
(subject code, one of the template's row keys, or the label where the reader gives neither) and measure:

* **exact**: one of them has its amount (compared in yuan, through the unit the reader says it is printed in);
* **wrong**: some are there, none with its amount (a figure read at the wrong row or measure, or misread);
* **extra**: none is there although the reader gives it a code or row key (a row that prints no figure read
  as one, a 栏次 row read as figures), or it is read at its place more often than it is printed there (a
  total printed again in another classification's block, which the warehouse would add up); one it gives
  only a label is **unplaced** (not a failure).

A printed figure (not a nil, and of a measure) that no figure read matches exactly is **missing**. Each
table and figure read has a ``reading_status`` (``confirmed`` / ``unconfirmed``, read with ``confirmed`` as the
default before the reader had a confirmation stage): a wrong figure in an unconfirmed table is acceptable, in
a confirmed one it is a failure; a figure recovered counts towards the target only in a confirmed table.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from budget_warehouse.layouts import budget as budget_model
from budget_warehouse.layouts import printer, tableset
from budget_warehouse.layouts.tableset import Expected, Plant, Printout
from budget_warehouse.layouts.variants import Document
from budget_warehouse.pdf import document as pdf_document
from budget_warehouse.pdf.tables import label_key

UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100_000_000)}


@dataclass
class Generated:
    """A generated document: what it is of (grid entry, index, plant), where it is and what it prints."""

    document: Document
    index: int
    path: Path
    budget: budget_model.Budget
    printout: Printout
    printed: printer.Printed
    plant: Plant | None = None

    @property
    def name(self) -> str:
        return self.document.name + (f"!{self.plant.name}" if self.plant else "")

    @property
    def expected(self) -> list[Expected]:
        return self.printout.expected

    def planted_page(self) -> int | None:
        """The page the planted error's finding must be on (None for a missing table)."""
        if self.printout.planted_figure is not None:
            return self.printout.planted_figure.page
        if self.printout.planted_sentence is not None:
            return self.printed.sentence_pages[self.printout.planted_sentence]
        return None


def file_name(document: Document, index: int, plant: Plant | None = None) -> str:
    """The generated file's name: the index (so files sort as the grid does), the variants, the plant."""
    suffix = f"__{plant.name}" if plant else ""
    return f"{index:03d}_{document.name.replace('+', '__')}{suffix}.pdf"


def generate(document: Document, folder: Path, index: int, plant: Plant | None = None) -> Generated:
    """Write document ``index`` of the grid (with ``plant`` planted) into ``folder``."""
    layout = document.layout
    budget = budget_model.make_budget(document.seed, layout.quantum, index=index, with_state_capital=layout.with_state_capital)
    printout = tableset.build(budget, layout, plant)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(document, index, plant)
    printed = printer.print_pdf(printout, layout, path, budget.department)
    return Generated(document, index, path, budget, printout, printed, plant)


@dataclass
class Misreading:
    """One figure read wrong or missing, said concretely."""

    table_key: str
    page: int
    status: str
    text: str


@dataclass
class Comparison:
    """What the reader made of one generated document."""

    name: str
    expected: int = 0
    recovered: int = 0
    recovered_confirmed: int = 0
    wrong_confirmed: list[Misreading] = field(default_factory=list)
    wrong_unconfirmed: list[Misreading] = field(default_factory=list)
    extra: list[Misreading] = field(default_factory=list)
    unplaced: int = 0
    missing: list[Misreading] = field(default_factory=list)
    tables: int = 0
    tables_unconfirmed: list[str] = field(default_factory=list)
    tables_missing: list[str] = field(default_factory=list)
    identity: str = ""
    rejected: str | None = None
    seconds: float = 0.0

    @property
    def missing_count(self) -> int:
        return len(self.missing)

    @property
    def wrong(self) -> int:
        return len(self.wrong_confirmed) + len(self.wrong_unconfirmed) + len(self.extra)

    @property
    def confirmed_share(self) -> float:
        return self.recovered_confirmed / self.expected if self.expected else 1.0

    def failures(self) -> list[str]:
        """What misses the targets: wrong figures in confirmed tables, tables not recognized, a wrong identity,
        and (grouped by table and measure) the figures missing."""
        found = [
            f"WRONG p.{m.page} {m.table_key}: {m.text}" for m in [*self.wrong_confirmed, *self.extra] if m.status == "confirmed"
        ]
        found += [f"table not recognized: {key}" for key in self.tables_missing]
        if self.identity:
            found.append(self.identity)
        if self.rejected:
            found.append(f"rejected: {self.rejected}")
        groups = Counter((m.table_key, m.text.split(":")[0]) for m in self.missing)
        found += [f"missing {count}× {key} {what}" for (key, what), count in sorted(groups.items())]
        return found


def _yuan(figure: dict) -> Decimal | None:
    factor = UNITS.get(figure.get("printed_unit") or "")
    return Decimal(figure["amount_as_printed"]) * factor if factor is not None else None


def _same_row(expected: Expected, figure: dict) -> bool:
    if figure.get("side") != expected.side:
        return False
    if expected.subject_code and figure.get("subject_code") == expected.subject_code:
        return True
    if expected.row_keys and figure.get("row_key") in expected.row_keys:
        return True
    # the label is the row where the document prints neither the code nor a row the template names
    by_label = not expected.row_keys and not expected.code_printed
    if by_label and figure.get("subject_code") is None and figure.get("row_key") is None and expected.label:
        return label_key(figure.get("row_label_as_printed") or "") == label_key(expected.label)
    return False


def _where(figure: dict) -> str:
    row = figure.get("subject_code") or figure.get("row_key") or "-"
    return (
        f"row {figure.get('row_label_as_printed')!r} [{row}] column {figure.get('column_header_as_printed')!r} "
        f"[{figure.get('measure_key')}{'/' + figure['side'] if figure.get('side') else ''}]"
    )


def _printed(expected: Expected) -> str:
    row = expected.subject_code or "/".join(expected.row_keys) or "-"
    return f"{expected.label!r} [{row}] {expected.measure}{'/' + expected.side if expected.side else ''} = {expected.text}"


def compare(generated: Generated, result: pdf_document.DocumentResult) -> Comparison:
    """The comparison of what was printed with what was read (see the module's docstring)."""
    comparison = Comparison(generated.name)
    expected = [e for e in generated.expected if e.measure is not None]
    by_table: dict[str, list[Expected]] = {}
    for item in expected:
        by_table.setdefault(item.table_key, []).append(item)
    # a table that prints no figure has no reading to confirm (its status is empty)
    status_of = {t["table_order"]: t.get("reading_status") or "confirmed" for t in result.tables}
    tables_read = {t["table_key"] for t in result.tables if t["table_key"]}
    printed_tables = [table.key for table in generated.printout.tables]
    comparison.tables = len(printed_tables)
    comparison.tables_missing = [key for key in printed_tables if key not in tables_read]
    comparison.tables_unconfirmed = sorted(
        {
            f"{t['table_key']} (p.{t['first_page']})"
            for t in result.tables
            if (t.get("reading_status") or "confirmed") != "confirmed"
        }
    )
    recovered: dict[int, str] = {}
    # the figures read exactly, by where the reader places them, with the printed figures they match
    placed: dict[tuple, list[tuple[dict, str, set[int]]]] = {}
    for figure in result.figures:
        if figure.get("source_kind") != "table" or figure.get("measure_key") is None:
            continue
        key = figure.get("table_key")
        status = figure.get("reading_status") or status_of.get(figure.get("table_order"), "confirmed")
        candidates = [e for e in by_table.get(key, []) if e.measure == figure["measure_key"] and _same_row(e, figure)]
        value = _yuan(figure)
        exact = [e for e in candidates if value is not None and e.amount == value]
        if exact:
            for item in exact:
                if recovered.get(id(item)) != "confirmed":
                    recovered[id(item)] = status
            where = (key, figure.get("side"), figure.get("subject_code"), figure.get("row_key"), figure["measure_key"])
            if where[2] is None and where[3] is None:
                where += (label_key(figure.get("row_label_as_printed") or ""),)
            placed.setdefault(where, []).append((figure, status, {id(item) for item in exact}))
            continue
        page = figure.get("page_no") or 0
        if candidates:
            printed = " or ".join(_printed(e) for e in candidates[:2])
            text = f"{_where(figure)} read {figure['amount_as_printed']} {figure.get('printed_unit')}; printed {printed}"
            target = comparison.wrong_confirmed if status == "confirmed" else comparison.wrong_unconfirmed
            target.append(Misreading(key or "", page, status, text))
        elif figure.get("subject_code") or figure.get("row_key"):
            text = f"{_where(figure)} read {figure['amount_as_printed']}; no such figure is printed"
            comparison.extra.append(Misreading(key or "", page, status, text))
        else:
            comparison.unplaced += 1
    for group in placed.values():
        # a figure read more often than it is printed (the same total in each classification's block) is
        # counted again wherever the warehouse adds it up
        printed = len(set().union(*(ids for _, _, ids in group)))
        for figure, status, _ in group[printed:]:
            text = f"{_where(figure)} read {figure['amount_as_printed']} {len(group)} times; printed {printed} time(s)"
            comparison.extra.append(Misreading(figure.get("table_key") or "", figure.get("page_no") or 0, status, text))
    for item in expected:
        if item.optional:
            continue
        comparison.expected += 1
        status = recovered.get(id(item))
        if status is None:
            comparison.missing.append(Misreading(item.table_key, item.page, "", f"{item.measure}: {_printed(item)}"))
        else:
            comparison.recovered += 1
            comparison.recovered_confirmed += status == "confirmed"
    document = result.document
    budget = generated.budget
    if document.get("department_name") != budget.department or document.get("fiscal_year") != budget.year:
        comparison.identity = (
            f"identity read as {document.get('department_name')!r} {document.get('fiscal_year')}, "
            f"printed {budget.department!r} {budget.year}"
        )
    return comparison


def read_and_compare(generated: Generated) -> Comparison:
    """Read the generated PDF with the project's reader and compare; a rejected file misses every figure."""
    start = time.perf_counter()
    try:
        result = pdf_document.read_document(generated.path)
    except pdf_document.DocumentRejected as error:
        comparison = Comparison(generated.name, rejected=f"{error.reason}: {error}")
        comparison.expected = sum(1 for e in generated.expected if e.measure is not None and not e.optional)
        comparison.tables = len(generated.printout.tables)
        comparison.seconds = time.perf_counter() - start
        return comparison
    comparison = compare(generated, result)
    comparison.seconds = time.perf_counter() - start
    return comparison
