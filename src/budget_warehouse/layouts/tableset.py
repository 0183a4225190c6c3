"""The national table set of a budget in a layout: every table cell by cell, and the narrative's sentences.

``build(budget, layout, plant)`` takes a ``budget.Budget``, a ``variants.Layout`` and the planted error (one of
``PLANTS`` or None); it gives a ``Printout``: the cover's lines, the narrative's sentences and the tables in
the national order (收支总表 … 国有资本经营预算支出表), each a list of columns (header path, role) and rows of
cells. Every printed amount is an ``Amount`` cell that carries the ``Expected`` figure the reader must return
for it: the table kind, side, row (subject code, the template's row key or the label) and measure, the
amount in yuan and the text printed. A nil printed as ``-`` or ``0.00`` is expected too, but optional (it
may be read as 0 or not at all); a blank prints nothing and expects nothing.

Planted errors change what is printed, never what is expected to be read: the reader must read the wrong
figure as printed, and the checks must find it on its page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from budget_warehouse.layouts.budget import (
    CLASS_NAMES,
    ECONOMIC_NAMES,
    FISCAL_FUNDS,
    GOVERNMENT_ECONOMIC,
    Budget,
    narrated,
)
from budget_warehouse.layouts.variants import Layout

ZERO = Decimal(0)
ORDINALS = "一二三四五六七八九十"


def ordinal(number: int) -> str:
    """一, 二, … 十, 十一 … 二十九 (the numbering of the summaries' rows)."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else ORDINALS[tens - 1] + "十")
    return head + (ORDINALS[ones - 1] if ones else "")


@dataclass
class Expected:
    """A figure the reader must return: where it is (table kind, side, row, measure) and what it is.

    The row is the subject code where the row prints one or names a 类 of the summaries; else one of
    ``row_keys`` (any is right) where the template names the row; else the label. ``measure`` None is a
    figure of no measure of this year's (last year's block): read with a measure it must not be."""

    table_key: str
    side: str | None
    subject_code: str | None
    row_keys: tuple[str, ...]
    label: str
    measure: str | None
    amount: Decimal  # yuan
    text: str
    optional: bool = False
    page: int = 0
    # the code is printed on the row (not only its name): a reading by the label alone misses it
    code_printed: bool = False


@dataclass
class Amount:
    """An amount cell: the text printed and the figure expected from it (None for a blank)."""

    text: str
    expect: Expected | None


@dataclass
class Label:
    """A label cell, indented by its level (a 款 under its 类, a 项 under its 款)."""

    text: str
    level: int = 0


Cell = str | Label | Amount


@dataclass
class Column:
    """A column: its header path (top to bottom; a shorter path spans the header rows below it) and its role
    (code, label or value)."""

    path: tuple[str, ...]
    role: str


@dataclass
class Table:
    """One printed table of the set: its kind (the template's table key), title, columns and rows, the note
    printed under it, and whether it may be continued on the next page."""

    key: str
    number: int
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    note: str | None = None
    long: bool = False
    numbering_row: bool = False


@dataclass
class Plant:
    """An error planted in an otherwise clean document: its name, the finding kind that must be raised and
    what it changes."""

    name: str
    finding_kind: str
    description: str


PLANTS = [
    Plant("parent", "hierarchy", "支出总表: a 款's total and basic printed 10 in their last digit above the sum of its 项"),
    Plant("row_parts", "row", "“三公”经费支出表: 公务接待费 printed 10 in its last digit higher, so the parts exceed the 合计"),
    Plant("balance", "balance", "收支总表: 收入总计 (and 上年结转 with it) printed 10 in their last digit above 支出总计"),
    Plant("percent", "percent", "the narrative's growth rate of 收入预算 0.5 points higher than its amounts give"),
    Plant("direction", "direction", "the narrative says 减少…下降 of 支出预算, which rose"),
    Plant("missing_table", "missing_table", "the “三公”经费支出表 not printed (nor its sentence)"),
]
PLANTS_BY_NAME = {plant.name: plant for plant in PLANTS}


@dataclass
class Printout:
    """What a document prints: cover lines, narrative sentences (each with its own marker for a planted error
    in it), tables; and where the planted error is (a table key and the expected figure changed, or the
    narrative)."""

    cover: list[str]
    narrative: list[str]
    tables: list[Table]
    planted: Plant | None = None
    planted_table: str | None = None
    planted_figure: Expected | None = None
    planted_sentence: int | None = None
    expected: list[Expected] = field(default_factory=list)


def amount_text(value: Decimal, layout: Layout) -> str:
    """An amount in yuan as the layout prints it (unit, decimals, separators); exact by construction."""
    scaled = value / layout.unit_factor
    step = Decimal(1).scaleb(-layout.decimals)
    printed = scaled.quantize(step)
    if printed != scaled:
        raise ValueError(f"{value} yuan is not printable exactly in {layout.unit} with {layout.decimals} decimals")
    return f"{printed:,.{layout.decimals}f}" if layout.thousands else f"{printed:.{layout.decimals}f}"


def nil_text(layout: Layout) -> str:
    return {"blank": "", "dash": "-", "zero": amount_text(ZERO, layout)}[layout.nil]


# the sides of a 收支总表 whose expenditure is printed again by economic class beside its classes, as the shared
# description names them
ECONOMIC_SIDES = ("expenditure_by_department_economic", "expenditure_by_government_economic")


class _Builder:
    """Builds the tables of one budget in one layout; every amount cell goes through ``amount``."""

    def __init__(self, budget: Budget, layout: Layout) -> None:
        self.budget = budget
        self.layout = layout
        self.expected: list[Expected] = []

    # --- cells ------------------------------------------------------------------------------------------

    def amount(
        self,
        value: Decimal | None,
        table: str,
        measure: str | None,
        *,
        code: str | None = None,
        row_keys: tuple[str, ...] = (),
        label: str = "",
        side: str | None = None,
        nil_printed: bool = True,
        code_printed: bool = False,
    ) -> Amount:
        """An amount cell; a zero or None prints the layout's nil (where ``nil_printed``)."""
        if value is None or value == 0:
            text = nil_text(self.layout) if nil_printed else ""
            if not text:
                return Amount("", None)
            expect = Expected(table, side, code, row_keys, label, measure, ZERO, text, optional=True)
        else:
            text = amount_text(value, self.layout)
            expect = Expected(table, side, code, row_keys, label, measure, value, text)
        expect.code_printed = code_printed and code is not None and self.layout.code_style != "indent"
        self.expected.append(expect)
        return Amount(text, expect)

    def code_columns(self, economic: bool = False) -> list[Column]:
        style = self.layout.code_style
        if style == "joined":
            return [Column(("科目编码",), "code"), Column(("科目名称",), "label")]
        if style == "split":
            levels = ("类", "款") if economic else ("类", "款", "项")
            return [*(Column(("科目编码", level), "code") for level in levels), Column(("科目名称",), "label")]
        return [Column(("科目名称",), "label")]

    def code_cells(self, code: str, name: str, economic: bool = False) -> list[Cell]:
        """The cells that print a row's code and name, in the layout's code style."""
        level = {3: 0, 5: 1, 7: 2}[len(code)]
        style = self.layout.code_style
        if style == "joined":
            return [code, Label(name, level)]
        if style == "split":
            parts = [code[:3], code[3:5], code[5:7]][: 2 if economic else 3]
            return [*parts, Label(name, level)]
        if style == "in_name":
            return [Label(f"{code} {name}", level)]
        if style == "bracketed":
            return [Label(f"[{code}]{name}", level)]
        return [Label(name, level)]

    def total_cells(self, economic: bool = False) -> list[Cell]:
        columns = self.code_columns(economic)
        return [*([""] * (len(columns) - 1)), Label("合计")]

    def order(self, total: list[Column], parts: list[Column]) -> list[Column]:
        """The value columns in the layout's order: 合计 first or last, parts in order or reordered."""
        parts = list(reversed(parts)) if self.layout.reorder else parts
        return [*total, *parts] if self.layout.total_first else [*parts, *total]

    # --- tables by 功能分类 --------------------------------------------------------------------------------

    def function_table(
        self,
        key: str,
        number: int,
        title: str,
        funds: tuple[str, ...],
        measures: list[tuple[tuple[str, ...], str | None, tuple[str, ...] | None]],
        empty_note: str | None = None,
    ) -> Table:
        """A table by 功能分类 of the money of ``funds``: one value column per (header path, measure, purposes
        or None for the row's total over funds and purposes)."""
        value_columns = [Column(path, "value") for path, _, _ in measures]
        columns = [*self.code_columns(), *value_columns]
        codes = self.budget.codes(funds)
        rows: list[list[Cell]] = []

        def cells_for(code: str | None, label: str) -> list[Cell]:
            values = []
            for _, measure, purposes in measures:
                purposes_ = purposes if purposes is not None else ("personnel", "public", "project")
                value = self.budget.total(funds, purposes_, prefix=code or "")
                values.append(
                    self.amount(
                        value,
                        key,
                        measure,
                        code=code,
                        row_keys=() if code else ("total",),
                        label=label,
                        nil_printed=bool(codes) or self.layout.zero_tables,
                        code_printed=True,
                    )
                )
            return values

        if codes or self.layout.zero_tables:
            rows.append([*self.total_cells(), *cells_for(None, "合计")])
        else:
            rows.append([*self.total_cells(), *[Amount("", None) for _ in value_columns]])
        for code in codes:
            rows.append([*self.code_cells(code, self.budget.name(code)), *cells_for(code, self.budget.name(code))])
        note = empty_note if not codes else None
        return Table(key, number, title, columns, rows, note, long=len(codes) > 6, numbering_row=self.layout.numbering_row)

    def basic_columns(self) -> list[tuple[tuple[str, ...], str | None, tuple[str, ...] | None]]:
        parts = self.layout.basic_parts
        if parts == "subtotal":
            return [
                (("基本支出", "小计"), "basic", ("personnel", "public")),
                (("基本支出", "人员经费"), "personnel", ("personnel",)),
                (("基本支出", "公用经费"), "public_expenses", ("public",)),
            ]
        if parts == "parts":
            return [
                (("基本支出", "人员经费"), "personnel", ("personnel",)),
                (("基本支出", "公用经费"), "public_expenses", ("public",)),
            ]
        return [(("基本支出",), "basic", ("personnel", "public"))]

    def ordered_measures(
        self, total: tuple[tuple[str, ...], str | None, tuple[str, ...] | None], basic: list, project: list
    ) -> list:
        parts = [*project, *basic] if self.layout.reorder else [*basic, *project]
        return [total, *parts] if self.layout.total_first else [*parts, total]

    # --- the set ------------------------------------------------------------------------------------------

    def revenue_expenditure_summary(self, number: int, title: str) -> Table:
        key = "revenue_expenditure_summary"
        b, layout = self.budget, self.layout
        carry = "年初结转和结余" if layout.carryover else "上年结转结余"
        income_rows = [
            ("一、一般公共预算拨款收入", ("general_public",), b.total(("general_public",))),
            ("二、政府性基金预算拨款收入", ("government_fund",), b.total(("government_fund",))),
            ("三、国有资本经营预算拨款收入", ("state_capital",), b.total(("state_capital",))),
            ("四、财政专户管理资金收入", ("fiscal_special_account",), b.total(("fiscal_special_account",))),
            ("五、事业收入", ("business_income",), b.total(("business_income",))),
            ("六、其他收入", ("other_income",), b.total(("other_income",))),
        ]
        current = b.total() - b.total(("prior_carryover",))
        income_totals = [
            ("本年收入合计", ("income_current_total",), current),
            (carry, ("prior_carryover", "carryover_begin"), b.total(("prior_carryover",))),
            ("收入总计", ("income_total",), b.total()),
        ]
        classes = sorted({*(code[:3] for code in b.codes()), "204", "213"})
        expenditure_rows = [
            (f"{ordinal(n)}、{b.name(code) if code in CLASS_NAMES else _NIL_CLASSES[code]}", code)
            for n, code in enumerate(classes, start=1)
        ]
        end = "年末结转和结余" if layout.carryover else "年末结转结余"
        expenditure_totals = [
            ("本年支出合计", ("expenditure_current_total",), b.total()),
            (end, ("carry_forward", "carryover_end"), ZERO),
            ("支出总计", ("expenditure_total",), b.total()),
        ]
        blocks = layout.summary_blocks
        if blocks == "parts":
            expenditure_values = [
                (("支出", "合计"), "amount", ("personnel", "public", "project")),
                (("支出", "基本支出"), "basic", ("personnel", "public")),
                (("支出", "项目支出"), "project", ("project",)),
            ]
        else:
            expenditure_values = [(("支出", "预算数"), "amount", ("personnel", "public", "project"))]
        columns = [Column(("收入", "项目"), "label"), Column(("收入", "预算数"), "value")]
        if blocks == "classifications":
            for block in ("按支出功能分类", "按部门预算经济分类", "按政府预算经济分类"):
                columns += [Column(("支出", block, "项目"), "label"), Column(("支出", block, "预算数"), "value")]
        else:
            columns.append(Column(("支出", "项目"), "label"))
            columns += [Column(path, "value") for path, _, _ in expenditure_values]

        economic_blocks = self.economic_blocks() if blocks == "classifications" else []
        body = max(len(income_rows), len(expenditure_rows), *(len(block) for block in economic_blocks))
        rows: list[list[Cell]] = []
        for index in range(body):
            row: list[Cell] = []
            if index < len(income_rows):
                label, keys, value = income_rows[index]
                row += [Label(label), self.amount(value, key, "amount", row_keys=keys, label=label, side="income")]
            else:
                row += [Label(""), Amount("", None)]
            if index < len(expenditure_rows):
                label, code = expenditure_rows[index]
                row.append(Label(label))
                for _, measure, purposes in expenditure_values:
                    value = b.total(purposes=purposes, prefix=code)
                    row.append(self.amount(value, key, measure, code=code, label=label, side="expenditure"))
            else:
                row += [Label(""), *[Amount("", None) for _ in expenditure_values]]
            for side, block in zip(ECONOMIC_SIDES, economic_blocks, strict=False):
                if index < len(block):
                    # the same expenditure in another classification: a side of its own, its classes by name
                    label, value = block[index]
                    row += [Label(label), self.amount(value, key, "amount", label=label, side=side)]
                else:
                    row += [Label(""), Amount("", None)]
            rows.append(row)
        for (in_label, in_keys, in_value), (out_label, out_keys, out_value) in zip(
            income_totals, expenditure_totals, strict=True
        ):
            row = [
                Label(in_label),
                self.amount(in_value, key, "amount", row_keys=in_keys, label=in_label, side="income"),
                Label(out_label),
            ]
            sides = ("expenditure", *ECONOMIC_SIDES) if blocks == "classifications" else ("expenditure",)
            for repeat, side in enumerate(sides):
                if repeat:
                    row.append(Label(out_label))
                for _, measure, purposes in expenditure_values:
                    # the other classifications' totals are the same expenditure again, on their own sides
                    value = (
                        out_value
                        if purposes == ("personnel", "public", "project")
                        else (b.total(purposes=purposes) if out_keys[0] != "carry_forward" else ZERO)
                    )
                    row.append(self.amount(value, key, measure, row_keys=out_keys, label=out_label, side=side))
            rows.append(row)
        return Table(key, number, title, columns, rows, numbering_row=layout.numbering_row)

    def economic_blocks(self) -> list[list[tuple[str, Decimal]]]:
        """The whole expenditure by 部门预算经济分类 and by 政府预算经济分类: wages and transfers are the
        personnel money, goods and services the public and project money."""
        b = self.budget
        wages = b.economic_total("301")[0] + b.total(("business_income",), ("personnel",))
        transfers = b.economic_total("303")[0]
        goods = b.total() - wages - transfers
        department = [("工资福利支出", wages), ("商品和服务支出", goods), ("对个人和家庭的补助", transfers)]
        by_code = {"301": wages, "302": goods, "303": transfers}
        government = [(GOVERNMENT_ECONOMIC[code][1], by_code[code]) for code in ("301", "302", "303")]
        return [department, government]

    def income_summary(self, number: int, title: str) -> Table:
        funds = [
            (("一般公共预算",), "general_public"),
            (("政府性基金预算",), "government_fund"),
            (("国有资本经营预算",), "state_capital"),
            (("财政专户管理资金",), "fiscal_special_account"),
            (("事业收入",), "business_income"),
            (("其他收入",), "other_income"),
        ]
        if self.layout.reorder:
            funds = [funds[0], *reversed(funds[1:])]
        measures = [(path, measure, None) for path, measure in funds]
        measures.append((("上年结转",), "prior_carryover", None))
        total = (("合计",), "total", None)
        measures = [total, *measures] if self.layout.total_first else [*measures, total]
        key = "income_summary"
        value_columns = [Column(path, "value") for path, _, _ in measures]
        columns = [*self.code_columns(), *value_columns]
        b = self.budget

        def cells_for(code: str | None, label: str) -> list[Cell]:
            cells: list[Cell] = []
            for _, measure, _ in measures:
                funds_ = tuple(f for f in _FUNDS_ALL) if measure == "total" else (measure,)
                value = b.total(funds_, prefix=code or "")
                cells.append(
                    self.amount(
                        value, key, measure, code=code, row_keys=() if code else ("total",), label=label, code_printed=True
                    )
                )
            return cells

        rows: list[list[Cell]] = [[*self.total_cells(), *cells_for(None, "合计")]]
        for code in b.codes():
            rows.append([*self.code_cells(code, b.name(code)), *cells_for(code, b.name(code))])
        return Table(key, number, title, columns, rows, long=True, numbering_row=self.layout.numbering_row)

    def fiscal_grant_summary(self, number: int, title: str) -> Table:
        key = "fiscal_grant_summary"
        b, layout = self.budget, self.layout
        fiscal = FISCAL_FUNDS
        carry = b.total(("prior_carryover",))
        income_rows: list[tuple[str, tuple[str, ...], Decimal]] = [
            ("一、本年收入", ("fiscal_grant",), b.total(fiscal)),
            ("（一）一般公共预算拨款", ("general_public",), b.total(("general_public",))),
            ("（二）政府性基金预算拨款", ("government_fund",), b.total(("government_fund",))),
            ("（三）国有资本经营预算拨款", ("state_capital",), b.total(("state_capital",))),
        ]
        if layout.carryover:
            income_rows += [
                ("二、年初财政拨款结转和结余", ("prior_carryover", "carryover_begin"), carry),
                # named as the year's income rows above them are (苏州's 财政拨款收支总表 prints them so)
                ("（一）一般公共预算拨款", ("carryover_general_public",), carry),
                ("（二）政府性基金预算拨款", ("carryover_government_fund",), ZERO),
                ("（三）国有资本经营预算拨款", ("carryover_state_capital",), ZERO),
            ]
        else:
            income_rows.append(("二、上年结转", ("prior_carryover",), carry))
        spending = (*fiscal, "prior_carryover")
        columns_by_measure = [
            (("支出", "合计"), "amount", spending),
            (("支出", "一般公共预算"), "general_public", ("general_public", "prior_carryover")),
            (("支出", "政府性基金预算"), "government_fund", ("government_fund",)),
            (("支出", "国有资本经营预算"), "state_capital", ("state_capital",)),
        ]
        if not layout.fund_columns:
            columns_by_measure = [(("支出", "预算数"), "amount", spending)]
        total, parts = columns_by_measure[0], columns_by_measure[1:]
        if layout.reorder:
            parts = list(reversed(parts))
        ordered = [total, *parts] if layout.total_first else [*parts, total]
        columns = [
            Column(("收入", "项目"), "label"),
            Column(("收入", "预算数"), "value"),
            Column(("支出", "项目"), "label"),
            *[Column(path, "value") for path, _, _ in ordered],
        ]
        classes = sorted({code[:3] for code in b.codes(spending)})
        expenditure_rows: list[tuple[str, str | None, tuple[str, ...]]] = [("一、本年支出", None, ("expenditure_current_total",))]
        expenditure_rows += [(f"（{ordinal(n)}）{b.name(code)}", code, ()) for n, code in enumerate(classes, start=1)]
        end = "二、年末财政拨款结转和结余" if layout.carryover else "二、年末结转结余"
        rows: list[list[Cell]] = []
        for index in range(max(len(income_rows), len(expenditure_rows))):
            row: list[Cell] = []
            if index < len(income_rows):
                label, keys, value = income_rows[index]
                row += [Label(label), self.amount(value, key, "amount", row_keys=keys, label=label, side="income")]
            else:
                row += [Label(""), Amount("", None)]
            if index < len(expenditure_rows):
                label, code, keys = expenditure_rows[index]
                row.append(Label(label))
                for _, measure, funds in ordered:
                    value = b.total(funds, prefix=code or "")
                    row.append(self.amount(value, key, measure, code=code, row_keys=keys, label=label, side="expenditure"))
            else:
                row += [Label(""), *[Amount("", None) for _ in ordered]]
            rows.append(row)
        rows.append(
            [
                Label(""),
                Amount("", None),
                Label(end),
                *[
                    self.amount(ZERO, key, measure, row_keys=("carry_forward", "carryover_end"), label=end, side="expenditure")
                    for _, measure, _ in ordered
                ],
            ]
        )
        rows.append(
            [
                Label("收入总计"),
                self.amount(b.total(spending), key, "amount", row_keys=("income_total",), label="收入总计", side="income"),
                Label("支出总计"),
                *[
                    self.amount(
                        b.total(funds), key, measure, row_keys=("expenditure_total",), label="支出总计", side="expenditure"
                    )
                    for _, measure, funds in ordered
                ],
            ]
        )
        return Table(key, number, title, columns, rows, numbering_row=layout.numbering_row)

    def general_public_basic_by_economic(self, number: int, title: str) -> Table:
        key = "general_public_basic_by_economic"
        b = self.budget
        measures = [(("人员经费",), "personnel", 0), (("公用经费",), "public_expenses", 1)]
        measures = list(reversed(measures)) if self.layout.reorder else measures
        total = (("合计",), "total", None)
        measures = [total, *measures] if self.layout.total_first else [*measures, total]
        columns = [*self.code_columns(economic=True), *[Column(path, "value") for path, _, _ in measures]]

        def cells_for(values: tuple[Decimal, Decimal], code: str | None, label: str) -> list[Cell]:
            return [
                self.amount(
                    values[0] + values[1] if part is None else values[part],
                    key,
                    measure,
                    code=code,
                    row_keys=() if code else ("total",),
                    label=label,
                    code_printed=True,
                )
                for _, measure, part in measures
            ]

        personnel = sum((p for p, _ in b.economic.values()), ZERO)
        public = sum((q for _, q in b.economic.values()), ZERO)
        rows: list[list[Cell]] = [[*self.total_cells(economic=True), *cells_for((personnel, public), None, "合计")]]
        for code in sorted({c[:3] for c in b.economic} | set(b.economic)):
            values = b.economic_total(code)
            if values == (ZERO, ZERO):
                continue
            name = ECONOMIC_NAMES[code]
            rows.append([*self.code_cells(code, name, economic=True), *cells_for(values, code, name)])
        return Table(key, number, title, columns, rows, long=True, numbering_row=self.layout.numbering_row)

    def three_public(self, number: int, title: str) -> Table:
        key = "three_public"
        style = self.layout.three_public
        values = self.budget.three_public
        vehicle = "公务用车购置及运行费"
        parts: list[tuple[tuple[str, ...], str]] = [
            (("因公出国（境）费",), "overseas_travel"),
            ((vehicle, "小计"), "vehicle_total"),
            ((vehicle, "公务用车购置费"), "vehicle_purchase"),
            ((vehicle, "公务用车运行费"), "vehicle_operation"),
            (("公务接待费",), "official_reception"),
        ]
        total_header = ("小计",) if style == "subtotal" else ("“三公”经费合计",)
        grand = values["three_public_total"] + values["meeting_expenses"] + values["training_expenses"]
        # each column: its header path, the value it prints and the measure the reader must give it (None: a
        # figure of no measure of this year's “三公” alone, the 合计 with 会议费 and 培训费, or last year's)
        columns_: list[tuple[tuple[str, ...], Decimal, str | None]] = []
        if style == "meeting_training":
            inner = [(("“三公”经费", "小计"), "three_public_total")] + [(("“三公”经费", *p), m) for p, m in parts]
            columns_ = [(("合计",), grand, "grand_total")]
            columns_ += [(path, values[measure], measure) for path, measure in inner]
            columns_ += [(("会议费",), values["meeting_expenses"], "meeting_expenses")]
            columns_ += [(("培训费",), values["training_expenses"], "training_expenses")]
        elif style == "two_years":
            prior = self.budget.three_public_prior
            for year, this_year, source in (("2025年预算数", False, prior), ("2026年预算数", True, values)):
                block = [((year, *total_header), "three_public_total"), *[((year, *p), m) for p, m in parts]]
                columns_ += [(path, source[measure], measure if this_year else None) for path, measure in block]
        else:
            columns_ = [(total_header, values["three_public_total"], "three_public_total")]
            columns_ += [(p, values[m], m) for p, m in parts]
        columns = [Column(path, "value") for path, _, _ in columns_]
        row: list[Cell] = [self.amount(value, key, measure, row_keys=("total",), label="") for _, value, measure in columns_]
        return Table(key, number, title, columns, [row])


_FUNDS_ALL = (
    "general_public",
    "government_fund",
    "state_capital",
    "fiscal_special_account",
    "business_income",
    "other_income",
    "prior_carryover",
)
_NIL_CLASSES = {"204": "公共安全支出", "213": "农林水支出"}


TITLES = {
    "revenue_expenditure_summary": "收支总表",
    "income_summary": "收入总表",
    "expenditure_summary": "支出总表",
    "fiscal_grant_summary": "财政拨款收支总表",
    "general_public_by_function": "一般公共预算支出表",
    "general_public_basic_by_economic": "一般公共预算基本支出表",
    "three_public": "一般公共预算“三公”经费支出表",
    "government_fund_by_function": "政府性基金预算支出表",
    "state_capital_by_function": "国有资本经营预算支出表",
}
TITLE_VARIANTS = {
    "ascii_quotes": {"three_public": '一般公共预算"三公"经费支出表'},
    "detailed": {"general_public_by_function": "一般公共预算支出明细表（按支出功能分类科目）"},
    "fund_income_expenditure": {"government_fund_by_function": "政府性基金收支表"},
}


def title_of(key: str, layout: Layout) -> str:
    return TITLE_VARIANTS.get(layout.titles, {}).get(key, TITLES[key])


def build(budget: Budget, layout: Layout, plant: Plant | None = None) -> Printout:
    """The printout of ``budget`` in ``layout``, with ``plant`` planted (see the module's docstring)."""
    builder = _Builder(budget, layout)
    gp = ("general_public",)
    tables: list[Table] = []
    keys = list(TITLES)
    if plant is not None and plant.name == "missing_table":
        keys.remove("three_public")
    for number, key in enumerate(keys, start=1):
        title = title_of(key, layout)
        if key == "revenue_expenditure_summary":
            table = builder.revenue_expenditure_summary(number, title)
        elif key == "income_summary":
            table = builder.income_summary(number, title)
        elif key == "expenditure_summary":
            table = builder.function_table(
                key,
                number,
                title,
                tuple(_FUNDS_ALL),
                builder.ordered_measures(
                    (("合计",), "total", None),
                    [(("基本支出",), "basic", ("personnel", "public"))],
                    [(("项目支出",), "project", ("project",))],
                ),
            )
        elif key == "fiscal_grant_summary":
            table = builder.fiscal_grant_summary(number, title)
        elif key == "general_public_by_function":
            table = builder.function_table(
                key,
                number,
                title,
                gp,
                builder.ordered_measures(
                    (("合计",), "total", None), builder.basic_columns(), [(("项目支出",), "project", ("project",))]
                ),
            )
        elif key == "general_public_basic_by_economic":
            table = builder.general_public_basic_by_economic(number, title)
        elif key == "three_public":
            table = builder.three_public(number, title)
        else:
            fund = "government_fund" if key == "government_fund_by_function" else "state_capital"
            words = "政府性基金预算" if fund == "government_fund" else "国有资本经营预算"
            table = builder.function_table(
                key,
                number,
                title,
                (fund,),
                builder.ordered_measures(
                    (("合计",), "total", None),
                    [(("基本支出",), "basic", ("personnel", "public"))],
                    [(("项目支出",), "project", ("project",))],
                ),
                empty_note=f"注：本部门2026年无{words}安排的支出，故本表无数据。",
            )
        tables.append(table)
    printout = Printout(_cover(budget, layout), [], tables, planted=plant, expected=builder.expected)
    printout.narrative = _narrative(budget, printout)
    if plant is not None:
        _plant(printout, plant, builder)
    return printout


def _cover(budget: Budget, layout: Layout) -> list[str]:
    name, year = budget.department, budget.year
    return {
        "year_first": [f"{year}年{name}部门预算"],
        "name_first": [f"{name}{year}年部门预算"],
        "year_du": [f"{year}年度{name}部门预算"],
        "spaced": [f"{year}年", f"{name} 部门预算"],
        "comprehensive": [f"{year}年{name}部门综合预算"],
    }[layout.cover]


def _wan(value: Decimal) -> Decimal:
    return (value / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _pct(change: Decimal, base: Decimal) -> Decimal:
    return (change / base * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _narrative(budget: Budget, printout: Printout) -> list[str]:
    """The narrative's sentences: each level with its change on last year, as national narratives print them."""
    levels = narrated(budget)
    year, last = budget.year, budget.year - 1
    sentences = [f"{budget.department}{year}年部门预算情况说明", "一、收支预算总体情况"]

    def change(key: str) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        amount = _wan(levels[key])
        prior = budget.prior[key]
        delta = amount - prior
        return amount, prior, abs(delta), _pct(abs(delta), prior)

    amount, _, delta, pct = change("income_total")
    sentences.append(f"{year}年收入预算{amount}万元，比{last}年年初预算增加{delta}万元，增长{pct}%。")
    amount, prior, delta, pct = change("expenditure_total")
    sentences.append(f"{year}年支出预算{amount}万元，比{last}年年初预算数{prior}万元增加{delta}万元，增长{pct}%。")
    sentences.append("二、一般公共预算支出情况")
    amount, prior, delta, pct = change("general_public")
    sentences.append(
        f"{year}年一般公共预算财政拨款支出{amount}万元，比{last}年年初预算数{prior}万元减少{delta}万元，下降{pct}%。"
    )
    if any(table.key == "three_public" for table in printout.tables):
        sentences.append("三、“三公”经费支出情况")
        amount, _, delta, pct = change("three_public_total")
        sentences.append(f"{year}年安排“三公”经费预算{amount}万元，比{last}年年初预算增加{delta}万元，增长{pct}%。")
    sentences.append(f"四、其他说明：本部门{year}年无国有资本经营预算安排的支出，故国有资本经营预算支出表为空表。")
    return sentences


def _plant(printout: Printout, plant: Plant, builder: _Builder) -> None:
    """Change what the printout prints so that ``plant``'s finding must be raised (see ``PLANTS``)."""
    layout = builder.layout
    # ten of the smallest printed amount: past what the rounding of a few printed terms allows (half a unit
    # of the last digit each), as a real error of 0.10 万元 is
    one = layout.quantum * 10
    tables = {table.key: table for table in printout.tables}

    def bump(cell: Amount, by: Decimal) -> None:
        assert cell.expect is not None
        value = cell.expect.amount + by
        cell.text = amount_text(value, layout)
        cell.expect.amount, cell.expect.text, cell.expect.optional = value, cell.text, False

    if plant.name == "parent":
        table = tables["expenditure_summary"]
        row = next(r for r in table.rows if _code_of(r) and len(_code_of(r) or "") == 5)
        cells = [cell for cell in row if isinstance(cell, Amount) and cell.expect is not None]
        for cell in cells:
            if cell.expect is not None and cell.expect.measure in ("total", "basic"):
                bump(cell, one)
        printout.planted_table, printout.planted_figure = table.key, cells[0].expect
    elif plant.name == "row_parts":
        table = tables["three_public"]
        cell = next(c for c in table.rows[0] if isinstance(c, Amount) and c.expect and c.expect.measure == "official_reception")
        bump(cell, one)
        printout.planted_table, printout.planted_figure = table.key, cell.expect
    elif plant.name == "balance":
        table = tables["revenue_expenditure_summary"]
        cells = [
            c
            for row in table.rows
            for c in row
            if isinstance(c, Amount)
            and c.expect
            and c.expect.side == "income"
            and c.expect.row_keys[:1] in (("income_total",), ("prior_carryover",))
        ]
        for cell in cells:
            bump(cell, one)
        printout.planted_table, printout.planted_figure = table.key, cells[-1].expect
    elif plant.name == "percent":
        index = next(i for i, s in enumerate(printout.narrative) if "收入预算" in s and "%" in s)
        sentence = printout.narrative[index]
        head, pct = sentence[:-2].rsplit("增长", 1)
        printout.narrative[index] = f"{head}增长{Decimal(pct) + Decimal('0.5')}%。"
        printout.planted_sentence = index
    elif plant.name == "direction":
        index = next(i for i, s in enumerate(printout.narrative) if "支出预算" in s and "%" in s)
        printout.narrative[index] = printout.narrative[index].replace("增加", "减少").replace("增长", "下降")
        printout.planted_sentence = index
    elif plant.name == "missing_table":
        printout.planted_table = "three_public"


def _code_of(row: list[Cell]) -> str | None:
    """The 功能分类 code a row of a table by 功能分类 is of (from the expected figures of its cells)."""
    return next((c.expect.subject_code for c in row if isinstance(c, Amount) and c.expect and c.expect.subject_code), None)


def with_page(expected: Expected, page: int) -> Expected:
    return replace(expected, page=page)
