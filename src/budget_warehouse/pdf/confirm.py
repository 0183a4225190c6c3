"""Confirmation: each table's reading footed and cross-footed by the table's own arithmetic before any check may
blame the document for it.

Takes the document's tables (``tables.PrintedTable``, each with the template's description of its kind) and the
figures read from them (the document's figure records: ``figure_id``, ``table_order``, ``row_no``, ``side``,
``basis``, ``measure_key``, ``subject_code``, ``row_key``, ``unit_name``, ``parent_figure_id``,
``amount_as_printed``, ``printed_decimals``).  Gives, per table, a ``Footing``: the identities the table states
about itself, as an auditor foots and cross-foots a schedule (each row across to its total: 合计 = 基本支出 +
项目支出; each column down: 类 = Σ款, 款 = Σ项, 合计 = Σ类, a department's line = Σ its units' lines; the summary
lines: 收入总计 = Σ its sources; the balance: 收入总计 = 支出总计), which hold and which fail, and the verdict:

* ``confirmed``: every identity holds within the rounding of its figures, or the failures are what a
  document's own slips look like;
* ``unconfirmed``: the failures look like a misreading (``judge`` says which signature): the figures are kept,
  flagged, and one reader note says what did not foot; no finding may come from them;
* ``unverifiable``: the table states no identity of its own (one line, one column), so nothing confirms or
  contradicts the reading.

The rule, in one place, from what real errors look like.  A document's slip is one printed line wrong: a figure
mistyped, a line left out of a total, a subtotal printed blank.  It breaks the identities through that line (its
row across, its column's parent, the 合计 above it) and nothing else; on the 74 document errors reviewed on
their pages (the shipped documents and the crawled corpus), the failures of any one table are explained by at
most ``SLIP_LINES`` printed lines, or they are a small share of what the table states (深圳's 支出总表 that
prints 事业单位经营支出 beside a 支出总计 that leaves it out: 8 of 290 identities).  A misreading moves many
figures at once, the same way: a column taken for another fails on most rows, a block summed into the wrong side
makes its total a whole multiple of what it should be.  So a table is unconfirmed when a failing identity's
parts are a whole multiple (or a whole fraction) of its total, or when its failures need more than
``SLIP_LINES`` lines to explain them and are at least ``MISREADING_SHARE`` of its identities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from budget_warehouse.templates import TableSpec, funding_sources

# the printed lines (rows of the table, on one side) a document's own slips may take: more than this, the
# failures are a misreading unless they are a small share of the table
SLIP_LINES = 2
# the share of a table's identities that fails when a reading is wrong: a column misplaced fails on most of its
# rows; a document's slips, even many, fail on a few
MISREADING_SHARE = Decimal("0.25")
# the ratio of a failing identity's parts to its total that says "read twice", or "summed from another block":
# a whole number from 2 up (or its inverse), to within this share of the total
MULTIPLE_SLACK = Decimal("0.001")

CONFIRMED, UNCONFIRMED, UNVERIFIABLE = "confirmed", "unconfirmed", "unverifiable"


@dataclass(frozen=True)
class Identity:
    """One thing the table states about itself: its published figures equal the signed sum of its parts."""

    family: str  # row, hierarchy, item, balance
    description: str
    published: tuple[dict, ...]
    parts: tuple[tuple[int, dict], ...]


@dataclass
class Outcome:
    identity: Identity
    status: str  # exact, rounding, truncated, mismatch, not_checked
    published: Decimal
    derived: Decimal
    tolerance: Decimal

    @property
    def lines(self) -> set[tuple[int, str]]:
        """The printed lines (row and side) whose figures take part: any of them may be the one that is wrong."""
        figures = [*self.identity.published, *(figure for _, figure in self.identity.parts)]
        return {(figure["row_no"], figure.get("side") or "") for figure in figures}


@dataclass
class Footing:
    table_order: int
    status: str
    identities: int = 0
    held: int = 0
    failures: list[Outcome] = field(default_factory=list)
    signature: str = ""  # why a reading is unconfirmed: 'multiple' or 'spread'
    lines: int = 0  # the fewest printed lines that explain every failure (SLIP_LINES + 1: more)
    alternative: bool = False  # kept a second reading of the grid, the one the arithmetic confirms
    note_zh: str = ""
    note_en: str = ""


def half_unit(figure: dict) -> Decimal:
    """Half the last printed digit: how far a printed figure may be from the value it rounds."""
    return Decimal(5).scaleb(-int(figure.get("printed_decimals") or 0) - 1)


def amount(figure: dict) -> Decimal:
    return Decimal(str(figure["amount_as_printed"]))


def evaluate(identity: Identity) -> Outcome:
    """The identity's status by the rounding rule of the models (macros/reconciliation.sql): every figure may be half
    its last digit from the value it stands for; the same quantity printed twice at one precision must be equal."""
    published = sum((amount(figure) for figure in identity.published), Decimal(0))
    derived = sum((sign * amount(figure) for sign, figure in identity.parts), Decimal(0))
    everything = [*identity.published, *(figure for _, figure in identity.parts)]
    halves = [half_unit(figure) for figure in everything]
    if len(identity.parts) == 1 and len(identity.published) == 1 and len(set(halves)) == 1:
        tolerance = Decimal(0)
    else:
        tolerance = sum(halves, Decimal(0))
    difference = published - derived
    margin = max((half_unit(figure) for figure in identity.published), default=Decimal(0))
    if not identity.parts and difference != 0:
        status = "not_checked"
    elif difference == 0:
        status = "exact"
    elif abs(difference) <= tolerance:
        status = "rounding"
    elif difference < 0 and -difference <= tolerance + margin and identity.published:
        status = "truncated"
    else:
        status = "mismatch"
    return Outcome(identity, status, published, derived, tolerance)


def _column(figure: dict) -> tuple:
    """The column a figure is footed in: its measure, side, basis and unit."""
    return (figure.get("measure_key"), figure.get("side") or "", figure.get("basis") or "", figure.get("unit_name") or "")


def _label(figure: dict) -> str:
    return figure.get("row_label_as_printed") or figure.get("row_key") or figure.get("subject_code") or ""


def row_identities(spec: TableSpec, figures: list[dict], columns: set[str] | None = None) -> list[Identity]:
    """Each row across: a total column = its part columns (the template's row sums), where the table prints a
    column of the total on the rule's side (``columns``: side:measure its headers name; else its figures'). A part
    printed blank on a row whose own parts are printed there (a 小计 left blank beside 购置费 and 运行费) counts as
    those parts, so one blank is not blamed twice."""
    printed_columns = {f"{figure.get('side') or ''}:{figure.get('measure_key')}" for figure in figures} | (columns or set())

    def printed(measure: str, side: str) -> bool:
        return any(
            column.split(":", 1)[1] == measure and (not side or column.startswith(f"{side}:")) for column in printed_columns
        )

    sub_parts = {total: parts for total, parts, _side in spec.row_sums}
    found = []
    rows: dict[tuple, list[dict]] = defaultdict(list)
    for figure in figures:
        rows[(figure["row_no"], figure.get("side") or "", figure.get("basis") or "")].append(figure)
    for total, parts, side in spec.row_sums:
        signed = [(-1 if part.startswith("-") else 1, part.lstrip("-")) for part in parts]
        expanded = {measure for _, measure in signed} | {
            sub.lstrip("-") for _, measure in signed for sub in sub_parts.get(measure, [])
        }
        if not printed(total, side) or not any(printed(measure, side) for measure in expanded):
            # a rule states nothing of a table that prints no column of its total (人员经费 | 公用经费 printed with
            # no 基本支出 column beside them) or none of its parts
            continue
        for (_row, row_side, _basis), row_figures in rows.items():
            if side and row_side != side:
                continue
            by_measure: dict[str, list[dict]] = defaultdict(list)
            for figure in row_figures:
                by_measure[figure.get("measure_key") or ""].append(figure)
            terms: list[tuple[int, dict]] = []
            for sign, measure in signed:
                if by_measure.get(measure):
                    terms += [(sign, figure) for figure in by_measure[measure]]
                else:
                    for sub in sub_parts.get(measure, []):
                        sub_sign = -1 if sub.startswith("-") else 1
                        terms += [(sign * sub_sign, figure) for figure in by_measure.get(sub.lstrip("-"), [])]
            published = tuple(by_measure.get(total, []))
            if published or terms:
                description = f"{total} = {' + '.join(measure for _, measure in signed)}"
                found.append(Identity("row", description, published, tuple(terms)))
    return found


def hierarchy_identities(figures: list[dict]) -> list[Identity]:
    """Each column down: a 类 = Σ its 款, a 款 = Σ its 项, the 合计 line = Σ the top lines (the 类, or the lines
    printed with no line of theirs above them), a department's line = Σ the same line of its units, and in an
    outline table each row = Σ the rows the reader placed under it."""
    coded: dict[tuple, list[dict]] = defaultdict(list)
    for figure in figures:
        if figure.get("subject_code"):
            coded[(_column(figure), figure["subject_code"])].append(figure)
    children: dict[str, list[dict]] = defaultdict(list)
    parents_of: dict[str, dict] = {}
    tops: dict[tuple, list[dict]] = defaultdict(list)
    for (column, code), lines in coded.items():
        ancestors = [code[:length] for length in (3, 5) if length < len(code)]
        if not any((column, ancestor) in coded for ancestor in ancestors):
            tops[column].extend(lines)
        if len(code) in (5, 7):
            for parent in coded.get((column, code[:-2]), []):
                children[parent["figure_id"]].extend(lines)
                parents_of[parent["figure_id"]] = parent
    for figure in figures:
        if figure.get("row_key") == "total" and not figure.get("subject_code") and tops.get(_column(figure)):
            children[figure["figure_id"]].extend(tops[_column(figure)])
            parents_of[figure["figure_id"]] = figure
    units: dict[tuple, list[dict]] = defaultdict(list)
    for figure in figures:
        if figure.get("unit_name") and figure.get("row_key") and not figure.get("subject_code"):
            measure, side, basis, _unit = _column(figure)
            units[(figure["row_key"], measure, side, basis)].append(figure)
    for figure in figures:
        if not figure.get("unit_name") and figure.get("row_key") and not figure.get("subject_code"):
            measure, side, basis, _unit = _column(figure)
            lines = units.get((figure["row_key"], measure, side, basis), [])
            if lines:
                children[figure["figure_id"]].extend(lines)
                parents_of[figure["figure_id"]] = figure
    by_id = {figure["figure_id"]: figure for figure in figures}
    for figure in figures:
        parent = by_id.get(figure.get("parent_figure_id") or "")
        if parent is not None:
            children[parent["figure_id"]].append(figure)
            parents_of[parent["figure_id"]] = parent
    return [
        Identity("hierarchy", f"{_label(parent)}: = Σ", (parent,), tuple((1, child) for child in children[parent_id]))
        for parent_id, parent in parents_of.items()
    ]


def item_identities(spec: TableSpec, figures: list[dict]) -> list[Identity]:
    """The summary lines of a two-sided summary (收入总计 = 财政拨款 + … ; 支出 = Σ类), column by column, and its
    balance (收入总计 = 支出总计)."""
    found = []
    columns: dict[tuple, list[dict]] = defaultdict(list)
    for figure in figures:
        measure, _side, basis, unit = _column(figure)
        columns[(measure, basis, unit)].append(figure)
    for side, total, parts in spec.item_sums:
        side = "" if side == "*" else side
        for column_figures in columns.values():
            on_side = [figure for figure in column_figures if not side or (figure.get("side") or "") == side]
            published = tuple(figure for figure in on_side if figure.get("row_key") == total)
            terms: list[tuple[int, dict]] = []
            for part in parts:
                sign = -1 if part.startswith("-") else 1
                if part == "classes":
                    chosen = [
                        f for f in on_side if len(f.get("subject_code") or "") == 3 and not f.get("row_key")
                    ]  # fmt: skip
                else:
                    chosen = [figure for figure in on_side if figure.get("row_key") == part.lstrip("-")]
                terms += [(sign, figure) for figure in chosen]
            if terms:
                found.append(Identity("item", f"{side} {total} = {' + '.join(parts)}", published, tuple(terms)))
    for left, right in spec.balances:
        for (measure, _basis, _unit), column_figures in columns.items():
            if measure != "amount":
                continue
            published = tuple(f for f in column_figures if f.get("side") == "income" and f.get("row_key") == left)
            terms = tuple((1, f) for f in column_figures if f.get("side") == "expenditure" and f.get("row_key") == right)
            if published or terms:
                found.append(Identity("balance", f"{left} = {right}", published, terms))
    return found


def income_identities(figures: list[dict], side: str | None) -> list[Identity]:
    """The income facts the warehouse makes of the table it reads income from (fct_income: each unit's finest
    funding sources printed, the leaves of the funding-source tree) against the 收入总计 the table prints: the
    warehouse's own invariant (its income ties to the document's total), stated of the table before it loads."""
    sources = funding_sources()
    lines = [
        figure
        for figure in figures
        if (not side or figure.get("side") == side)
        and figure.get("measure_key") == "amount"
        and figure.get("row_key") in sources
        and not figure.get("subject_code")
    ]
    found = []
    for unit in sorted({figure.get("unit_name") or "" for figure in lines}):
        own = [figure for figure in lines if (figure.get("unit_name") or "") == unit]
        codes = {sources[figure["row_key"]] for figure in own}
        totals = tuple(figure for figure in own if sources[figure["row_key"]] == "TOTAL")
        leaves = tuple(
            (1, figure)
            for figure in own
            if (code := sources[figure["row_key"]]) != "TOTAL" and not any(other.startswith(code + ".") for other in codes)
        )
        if totals and leaves:
            found.append(Identity("facts", "income_total = the funding sources the warehouse loads", totals, leaves))
    return found


def identities(spec: TableSpec | None, figures: list[dict], columns: set[str] | None = None) -> list[Identity]:
    """What a table states about itself; a figure of a column no measure names (a column the reader could not
    place) takes no part, as in the models."""
    if spec is None:
        return []
    placed = [figure for figure in figures if figure.get("measure_key")]
    return [*row_identities(spec, placed, columns), *hierarchy_identities(placed), *item_identities(spec, placed)]


def _is_multiple(outcome: Outcome) -> bool:
    """Parts a whole multiple of their total, or the total a whole multiple of its parts (both printed, not 0)."""
    published, derived = abs(outcome.published), abs(outcome.derived)
    if published == 0 or derived == 0:
        return False
    big, small = max(published, derived), min(published, derived)
    ratio = big / small
    whole = ratio.to_integral_value()
    return whole >= 2 and abs(big - whole * small) <= max(outcome.tolerance * whole, big * MULTIPLE_SLACK)


def slip_lines(failures: list[Outcome], limit: int = SLIP_LINES) -> int:
    """The fewest printed lines that touch every failing identity, up to ``limit`` (``limit + 1``: more). Exact:
    one of the lines must be in the first identity not yet touched, so each step branches on its lines."""

    def touched_by(sets: list[set[tuple[int, str]]], lines: int) -> bool:
        if not sets:
            return True
        if lines == 0:
            return False
        return any(touched_by([other for other in sets if line not in other], lines - 1) for line in sets[0])

    line_sets = [outcome.lines for outcome in failures]
    return next((size for size in range(limit + 1) if touched_by(line_sets, size)), limit + 1)


def judge(table_order: int, outcomes: list[Outcome]) -> Footing:
    """The verdict on one table's reading from the outcomes of its identities (the rule of the module's docstring)."""
    made = [outcome for outcome in outcomes if outcome.status != "not_checked"]
    if not made:
        return Footing(table_order, UNVERIFIABLE)
    failures = [outcome for outcome in made if outcome.status == "mismatch"]
    footing = Footing(table_order, CONFIRMED, len(made), len(made) - len(failures), failures)
    if not failures:
        return footing
    if any(outcome.identity.family == "facts" for outcome in failures):
        # the facts the warehouse would load from the table do not tie to its own total: loaded, they would break
        # an invariant of the warehouse and cost the whole document; unconfirmed, only the table waits for a reader
        footing.lines = slip_lines(failures)
        footing.status, footing.signature = UNCONFIRMED, "facts"
        return footing
    footing.lines = slip_lines(failures)
    multiples = [outcome for outcome in failures if _is_multiple(outcome)]
    if 2 * len(multiples) >= len(failures):
        footing.status, footing.signature = UNCONFIRMED, "multiple"
        return footing
    if footing.lines > SLIP_LINES and Decimal(len(failures)) >= MISREADING_SHARE * len(made):
        footing.status, footing.signature = UNCONFIRMED, "spread"
    return footing


def describe(footing: Footing, page: int | None, title: str) -> None:
    """The reader note of an unconfirmed table, in Chinese and English: what did not foot, and an example."""
    if footing.status != UNCONFIRMED:
        return
    example = footing.failures[0]
    where = f"第 {page if page is not None else '?'} 页 {title}"
    shown = f"{_label(example.identity.published[0]) if example.identity.published else ''}（{example.identity.description}）"
    numbers = f"印 {example.published}，各项之和 {example.derived}"
    if footing.signature == "facts":
        footing.note_zh = (
            f"{where}：收入总计印 {example.published}，而据此表入库的各资金来源之和为 {example.derived}，"
            "入库的收入与文档所印总计不符；此表按未确认处理，其数字已载入但不据以报告错误，文档照常入库"
        )
        footing.note_en = (
            f"p. {page}: {title}: 收入总计 printed {example.published}, the funding sources the warehouse would load "
            f"from it add to {example.derived}: the income facts would not tie to the document's total; the table "
            "is loaded unconfirmed (no finding from it) and the document loads"
        )
    elif footing.signature == "multiple":
        footing.note_zh = (
            f"{where}：各项之和是所印合计的整数倍（或整数分之一），如{shown}：{numbers}；按误读处理，"
            "此表的数字已载入但未经确认，不据以报告错误"
        )
        footing.note_en = (
            f"p. {page}: {title}: parts add to a whole multiple (or fraction) of their printed total, e.g. "
            f"{example.identity.description}: printed {example.published}, parts {example.derived}; read as a misreading: "
            "the table's figures are loaded unconfirmed and no finding is raised from them"
        )
    else:
        footing.note_zh = (
            f"{where}：{footing.identities} 项核对中 {len(footing.failures)} 项不成立（如{shown}：{numbers}），"
            "不是个别数字之误所能解释；按误读处理，此表的数字已载入但未经确认，不据以报告错误"
        )
        footing.note_en = (
            f"p. {page}: {title}: {len(footing.failures)} of {footing.identities} identities fail (e.g. "
            f"{example.identity.description}: printed {example.published}, parts {example.derived}), more than a "
            "document's few slips explain; read as a misreading: the table's figures are loaded unconfirmed and no "
            "finding is raised from them"
        )


def foot(
    spec: TableSpec | None,
    table_order: int,
    figures: list[dict],
    columns: set[str] | None = None,
    income_side: str | None | bool = False,
) -> Footing:
    """One table's reading footed and judged (``columns``: the measures its headers name; ``income_side``: where the
    table is the one the warehouse reads income from, the side it is read on, None for the whole table)."""
    found = identities(spec, figures, columns)
    if income_side is not False:
        found += income_identities([figure for figure in figures if figure.get("measure_key")], income_side)
    return judge(table_order, [evaluate(identity) for identity in found])


def alternative_readings(table_figures: list[dict]) -> list[list[dict]]:
    """The other readings of a table's grid its description allows: every column whose header may mean another
    measure (a 合计 beside 会议费 and 培训费: the “三公” total, or the total of all five) read as that measure."""
    if not any(figure.get("measure_alternative") for figure in table_figures):
        return []
    return [
        [
            {**figure, "measure_key": figure["measure_alternative"]} if figure.get("measure_alternative") else figure
            for figure in table_figures
        ]
    ]


def confirm(
    tables: Iterable,
    figures: list[dict],
    alternatives: Callable[[list[dict]], list[list[dict]]] = alternative_readings,
    income: tuple[str, str | None] | None = None,
) -> tuple[dict[int, Footing], list[dict]]:
    """Every table footed. Where a table's reading fails somewhere and another reading of its grid
    (``alternatives``) holds everywhere, or is confirmed where the first is not, the other is kept: two
    readings are possible and the table's own arithmetic chooses. Each figure record gets its table's
    ``reading_status``; returns the footings by table order and the figures. ``income``: the table kind (and
    side) the warehouse reads income facts from, which must tie to its own 收入总计."""
    by_table: dict[int, list[dict]] = defaultdict(list)
    for figure in figures:
        by_table[figure["table_order"]].append(figure)
    footings: dict[int, Footing] = {}
    kept: list[dict] = []
    for table in tables:
        order = table.order
        own = by_table.pop(order, [])
        columns = getattr(table, "measures", None)
        income_side = income[1] if income and table.spec is not None and table.spec.key == income[0] else False
        footing = foot(table.spec, order, own, columns, income_side)
        if footing.failures:
            for reading in alternatives(own):
                swapped = {f"{f.get('side') or ''}:{f['measure_key']}" for f in own if f.get("measure_alternative")}
                read = {f"{f.get('side') or ''}:{f['measure_key']}" for f in reading}
                alternative_columns = (columns - swapped) | read if columns is not None else None
                other = foot(table.spec, order, reading, alternative_columns, income_side)
                better = not other.failures or footing.status == UNCONFIRMED
                if other.status == CONFIRMED and better and len(other.failures) < len(footing.failures):
                    other.alternative = True
                    footing, own = other, reading
                    break
        describe(footing, table.pages[0] if table.pages else None, table.title_as_printed)
        for figure in own:
            figure["reading_status"] = footing.status
        footings[order] = footing
        kept += own
    for rest in by_table.values():
        kept += rest
    return footings, kept
