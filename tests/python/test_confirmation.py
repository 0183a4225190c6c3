"""The confirmation stage: a table's reading is held to the table's own arithmetic before any check may blame the
document (src/budget_warehouse/pdf/confirm.py).

Each test builds the figures of one printed table as the reader would give them, with the amounts a page prints,
and asks for the verdict: a clean table and a table with a document's own slip are confirmed (the slip stays a
failure, for the checks to report); a table read wrongly (a column summed twice, a column taken for another on
most rows) is unconfirmed, with one note saying what did not foot.
"""

from __future__ import annotations

from decimal import Decimal

from budget_warehouse import templates
from budget_warehouse.pdf import confirm


def national() -> templates.Template:
    return next(t for t in templates.all_templates() if t.name == "national_department_budget")


def figures_of(rows: list[tuple[str | None, str | None, dict[str, str]]]) -> list[dict]:
    """One figure per (row, measure): rows of (subject code, row key, {measure: amount as printed})."""
    figures = []
    for row_no, (code, row_key, amounts) in enumerate(rows, start=1):
        for column_no, (measure, amount) in enumerate(amounts.items(), start=1):
            figures.append(
                {
                    "figure_id": f"p001.t01.r{row_no:03d}.c{column_no:02d}",
                    "table_order": 1,
                    "row_no": row_no,
                    "side": None,
                    "basis": "预算",
                    "measure_key": measure,
                    "subject_code": code,
                    "row_key": row_key,
                    "unit_name": None,
                    "parent_figure_id": None,
                    "row_label_as_printed": code or row_key,
                    "amount_as_printed": amount,
                    "printed_decimals": len(amount.split(".")[1]) if "." in amount else 0,
                }
            )
    return figures


# 一般公共预算支出表: 合计 = 基本支出 + 项目支出 on every row; 类 = Σ款 = Σ项; 合计 line = Σ类
CLEAN = [
    (None, "total", {"total": "300.00", "basic": "180.00", "project": "120.00"}),
    ("201", None, {"total": "200.00", "basic": "120.00", "project": "80.00"}),
    ("20103", None, {"total": "200.00", "basic": "120.00", "project": "80.00"}),
    ("2010301", None, {"total": "150.00", "basic": "120.00", "project": "30.00"}),
    ("2010350", None, {"total": "50.00", "basic": "0.00", "project": "50.00"}),
    ("208", None, {"total": "100.00", "basic": "60.00", "project": "40.00"}),
    ("20805", None, {"total": "100.00", "basic": "60.00", "project": "40.00"}),
    ("2080505", None, {"total": "60.00", "basic": "60.00", "project": "0.00"}),
    ("2080506", None, {"total": "40.00", "basic": "0.00", "project": "40.00"}),
]


def footing(rows: list) -> confirm.Footing:
    spec = national().table("general_public_by_function")
    return confirm.foot(spec, 1, figures_of(rows))


def test_a_table_whose_rows_and_columns_foot_is_confirmed() -> None:
    result = footing(CLEAN)
    assert result.status == confirm.CONFIRMED
    assert result.failures == []
    assert result.identities == result.held > 20


def test_a_document_s_slip_in_one_line_is_confirmed_and_stays_a_failure() -> None:
    # 2010301 行政运行 printed 151.00 where its row and its 款 say 150.00: one line, three identities through it
    rows = [*CLEAN]
    rows[3] = ("2010301", None, {"total": "151.00", "basic": "120.00", "project": "30.00"})
    result = footing(rows)
    assert result.status == confirm.CONFIRMED
    assert {outcome.identity.family for outcome in result.failures} == {"row", "hierarchy"}
    assert confirm.slip_lines(result.failures) == 1


def test_parts_a_whole_multiple_of_their_total_are_a_misreading() -> None:
    # a 收支总表 printing its expenditure in three classifications side by side (功能 / 部门经济 / 政府经济), each
    # block with its own 支出总计, all read into the one expenditure side: income "=" 3 × expenditure
    spec = national().table("revenue_expenditure_summary")
    figures = figures_of([(None, "income_total", {"amount": "300.00"})])
    figures[0]["side"] = "income"
    for block in range(3):
        figures.append({**figures[0], "figure_id": f"p001.t01.r001.c{4 + 2 * block:02d}", "side": "expenditure",
                        "row_key": "expenditure_total"})  # fmt: skip
    result = confirm.foot(spec, 1, figures)
    assert result.status == confirm.UNCONFIRMED
    assert result.signature == "multiple"
    confirm.describe(result, 9, "收支总表")
    assert result.note_zh.startswith("第 9 页 收支总表：各项之和是所印合计的整数倍")
    assert "whole multiple" in result.note_en


def test_a_column_counted_twice_on_every_row_is_a_misreading() -> None:
    # every row's 合计 read also as a part (a 合计 column beside its parts taken for one of them)
    rows = [(code, key, {**amounts, "personnel": amounts["total"]}) for code, key, amounts in CLEAN]
    figures = figures_of(rows)
    for figure in figures:
        if figure["measure_key"] == "personnel":
            figure["measure_key"] = "project"
    result = confirm.foot(national().table("general_public_by_function"), 1, figures)
    assert result.status == confirm.UNCONFIRMED


def test_failures_on_most_lines_are_a_misreading() -> None:
    # 项目支出 read from the column beside it on every line (values shifted): rows fail everywhere
    shifted = [
        (code, key, {"total": amounts["total"], "basic": amounts["basic"], "project": amounts["basic"]})
        for code, key, amounts in CLEAN
    ]
    result = footing(shifted)
    assert result.status == confirm.UNCONFIRMED
    assert result.signature == "spread"
    assert confirm.slip_lines(result.failures) > confirm.SLIP_LINES
    confirm.describe(result, 19, "基本支出表")
    assert f"{result.identities} 项核对中 {len(result.failures)} 项不成立" in result.note_zh


def test_a_table_with_nothing_to_foot_is_unverifiable() -> None:
    spec = national().table("running_costs_by_economic")
    result = confirm.foot(spec, 1, figures_of([(None, None, {"total": "12.00"})]))
    assert result.status == confirm.UNVERIFIABLE


def test_a_subtotal_printed_blank_counts_as_its_parts_so_it_is_blamed_once() -> None:
    # a “三公” table whose 公务用车购置及运行费 小计 is printed blank beside 购置费 18.69 and 运行费 4.83
    spec = national().table("three_public")
    row = {
        "three_public_total": "40.77",
        "overseas_travel": "17.10",
        "official_reception": "0.15",
        "vehicle_purchase": "18.69",
        "vehicle_operation": "4.83",
    }
    # the 小计 column is printed (its header names it), its cell blank
    printed = {f":{measure}" for measure in [*row, "vehicle_total"]}
    outcomes = [confirm.evaluate(i) for i in confirm.identities(spec, figures_of([(None, "total", row)]), printed)]
    by_description = {outcome.identity.description: outcome for outcome in outcomes}
    total = by_description["three_public_total = overseas_travel + vehicle_total + official_reception"]
    assert total.status == "exact"
    assert total.derived == Decimal("40.77")
    blank = by_description["vehicle_total = vehicle_purchase + vehicle_operation"]
    assert (blank.status, blank.published, blank.derived) == ("mismatch", 0, Decimal("23.52"))


def test_every_figure_takes_its_table_s_reading_status() -> None:
    class Table:
        def __init__(self, order: int, spec: templates.TableSpec) -> None:
            self.order, self.spec, self.pages, self.title_as_printed = order, spec, [3], "一般公共预算支出表"

    spec = national().table("general_public_by_function")
    good = figures_of(CLEAN)
    bad = figures_of([(c, k, {"total": a["total"], "basic": a["basic"], "project": a["basic"]}) for c, k, a in CLEAN])
    for figure in bad:
        figure["table_order"] = 2
    footings, figures = confirm.confirm([Table(1, spec), Table(2, spec)], good + bad)
    assert {f["reading_status"] for f in figures if f["table_order"] == 1} == {"confirmed"}
    assert {f["reading_status"] for f in figures if f["table_order"] == 2} == {"unconfirmed"}
    assert footings[2].note_en.startswith("p. 3: 一般公共预算支出表")


def test_a_second_reading_the_arithmetic_confirms_is_kept() -> None:
    class Table:
        order, pages, title_as_printed = 1, [3], "一般公共预算支出表"
        spec = national().table("general_public_by_function")

    wrong = figures_of([(c, k, {"total": a["total"], "basic": a["basic"], "project": a["basic"]}) for c, k, a in CLEAN])
    right = figures_of(CLEAN)
    footings, figures = confirm.confirm([Table()], wrong, alternatives=lambda figures: [right])
    assert footings[1].status == confirm.CONFIRMED
    assert [f["amount_as_printed"] for f in figures] == [f["amount_as_printed"] for f in right]


def test_income_facts_that_would_not_tie_leave_the_table_unconfirmed_and_the_document_loads() -> None:
    # 收支总表's income: 一、财政拨款 300 (of it 一般公共预算 250, 政府性基金 50), 二、事业收入 20, 上年结转 30,
    # 收入总计 350: the warehouse loads the finest sources (250 + 50 + 20 + 30 = 350) and ties them to 350
    class Table:
        order, pages, title_as_printed = 1, [3], "收支总表"
        spec = national().table("revenue_expenditure_summary")
        measures = {"income:amount", "expenditure:amount"}

    lines = [("fiscal_grant", "300.00"), ("general_public", "250.00"), ("government_fund", "50.00"),
             ("business_income", "20.00"), ("prior_carryover", "30.00"), ("income_total", "350.00")]  # fmt: skip
    figures = figures_of([(None, key, {"amount": amount}) for key, amount in lines])
    for figure in figures:
        figure["side"] = "income"
    footings, _ = confirm.confirm([Table()], figures, income=("revenue_expenditure_summary", "income"))
    assert footings[1].status == confirm.CONFIRMED and footings[1].identities == 1
    # a carry-over's fund read as the year's income (a second 一般公共预算 of 30): the facts come to 380
    figures = figures_of([(None, key, {"amount": amount}) for key, amount in [*lines, ("general_public", "30.00")]])
    for figure in figures:
        figure["side"] = "income"
    footings, read = confirm.confirm([Table()], figures, income=("revenue_expenditure_summary", "income"))
    assert (footings[1].status, footings[1].signature) == (confirm.UNCONFIRMED, "facts")
    assert {figure["reading_status"] for figure in read} == {"unconfirmed"}
    confirm.describe(footings[1], 3, "收支总表")
    assert "入库的收入与文档所印总计不符" in footings[1].note_zh
