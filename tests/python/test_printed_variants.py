"""The printed variants of the national table set, each read by a general rule of the shared description or the
reader (issue 21's classes of misreading), one test per rule on what a page prints.

The whole documents these rules come together in are generated and read back by the layout bench
(tests/python/test_reader_variants.py); here each rule is held on its own.
"""

from __future__ import annotations

import pytest

from budget_warehouse import templates
from budget_warehouse.pdf import confirm
from budget_warehouse.pdf import tables as pdf_tables
from test_confirmation import figures_of, national


def kind_of(title: str) -> str | None:
    """The table kind the shared description gives a title (the first that matches, as the reader takes it)."""
    text = pdf_tables.normalize(title)
    return next((spec.key for spec in national().tables if spec.title.search(text)), None)


@pytest.mark.parametrize(
    ("labels", "amounts", "numbering"),
    [
        (["栏次"], ["1", "2", "3"], True),
        (["**"], ["1", "2", "3", "4"], True),
        (["*", "*"], ["1", "2", "3"], True),
        (["甲", "乙"], ["1", "2", "3"], True),
        ([], ["1", "2", "3", "4", "5"], True),
        ([], ["1", "2", "3", "1", "2", "3"], True),  # a summary's two sides, each numbered from 1
        (["一般公共服务支出"], ["1", "2", "3"], False),  # a line of a table in 万元 that prints small figures
        ([], ["1.00", "2.00", "3.00"], False),
        ([], ["5", "6", "7"], False),
        (["**"], ["1", "3", "2"], False),
        ([], ["1"], False),
    ],
)
def test_a_row_that_numbers_the_columns_is_no_row_of_figures(labels: list[str], amounts: list[str], numbering: bool) -> None:
    assert pdf_tables.is_numbering_row(labels, amounts) is numbering


def read_codes(rows: list[list[tuple[str, int]]]) -> list[str | None]:
    context: dict[str, str] = {}
    return [pdf_tables._read_code(parts, "function", context).code for parts in rows]


def test_codes_split_over_three_columns_take_the_levels_a_line_leaves_blank_from_the_lines_above() -> None:
    # 类 | 款 | 项 columns, the class printed on its class line only, the 款 on its 款 line only
    assert read_codes(
        [
            [("201", 0)],
            [("03", 1)],
            [("01", 2)],
            [("50", 2)],
            [("208", 0)],
            [("05", 1)],
            [("05", 2)],
            [("06", 2)],
            [("205", 0), ("03", 1), ("99", 2)],
            [("221", 0), ("02", 1)],
            [("01", 2)],
        ]
    ) == ["201", "20103", "2010301", "2010350", "208", "20805", "2080505", "2080506", "2050399", "22102", "2210201"]


def test_a_split_code_with_nothing_above_it_is_not_guessed() -> None:
    context: dict[str, str] = {}
    code = pdf_tables._read_code([("03", 1)], "function", context)
    assert code.code is None
    assert "no class printed above it" in code.note


def test_a_class_printed_wrongly_is_read_from_the_line_above_that_shares_its_kuan() -> None:
    # 210 11 行政事业单位医疗, then 7 | 11 | 02 事业单位医疗 (a slip of the class column): 2101102, with a note
    context: dict[str, str] = {}
    pdf_tables._read_code([("210", 0), ("11", 1)], "function", context)
    code = pdf_tables._read_code([("7", 0), ("11", 1), ("02", 2)], "function", context)
    assert code.code == "2101102"
    assert "class printed as '7'" in code.note


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ('2026年部门"三公"经费支出预算表', "three_public"),
        ("「三公」经费预算表", "three_public"),
        ("三公经费支出预算表", "three_public"),
        ("一般公共预算支出明细表（按支出功能分类科目）", "general_public_by_function"),
        ("一般公共预算基本支出情况表（按经济分类科目）", "general_public_basic_by_economic"),
        ("政府性基金收支表", "government_fund_by_function"),
        ("政府性基金预算支出表", "government_fund_by_function"),
        ("国有资本经营预算收支表", "state_capital_by_function"),
        ("预算01表 收支总表", "revenue_expenditure_summary"),
        ("财政拨款收支预算总表", "fiscal_grant_summary"),
    ],
)
def test_a_table_is_known_by_its_title_in_the_words_cities_print_it_in(title: str, kind: str) -> None:
    assert kind_of(title) == kind


def test_ascii_and_corner_quotes_read_as_the_chinese_ones() -> None:
    assert pdf_tables.normalize('"三公"经费') == "“三公”经费"
    assert pdf_tables.normalize("「三公」经费") == "“三公”经费"
    assert pdf_tables.normalize("“三公”经费") == "“三公”经费"


def test_a_block_of_the_year_before_beside_this_year_s_is_no_measure_of_this_year() -> None:
    assert pdf_tables._is_earlier_year("2025年预算数/合计", "2026")
    assert not pdf_tables._is_earlier_year("2026年预算数/合计", "2026")
    assert not pdf_tables._is_earlier_year("合计", "2026")


def test_basic_printed_only_as_personnel_and_public_expenses_adds_up_through_them() -> None:
    # 合计 | 人员经费 | 公用经费 | 项目支出, with no 基本支出 (小计) column: 合计 = 人员 + 公用 + 项目 on every row
    rows = [
        (None, "total", {"total": "300.00", "personnel": "100.00", "public_expenses": "80.00", "project": "120.00"}),
        ("201", None, {"total": "200.00", "personnel": "70.00", "public_expenses": "50.00", "project": "80.00"}),
        ("208", None, {"total": "100.00", "personnel": "30.00", "public_expenses": "30.00", "project": "40.00"}),
    ]
    spec = national().table("general_public_by_function")
    figures = figures_of(rows)
    result = confirm.foot(spec, 1, figures, {":total", ":personnel", ":public_expenses", ":project"})
    assert result.status == confirm.CONFIRMED
    assert result.failures == []
    descriptions = {
        i.description for i in confirm.identities(spec, figures, {":total", ":personnel", ":public_expenses", ":project"})
    }
    assert "total = basic + project" in descriptions
    assert "basic = personnel + public_expenses" not in descriptions  # no 基本支出 column: nothing to say of it


def test_a_three_public_total_that_covers_meetings_and_training_is_read_as_the_total_of_all_five() -> None:
    # 合计 | 因公出国(境)费 | 公务用车购置及运行费 | 公务接待费 | 会议费 | 培训费: the 合计 is of all five
    class Table:
        order, pages, title_as_printed = 1, [12], "“三公”经费、会议费、培训费支出预算表"
        spec = national().table("three_public")
        measures = {
            ":three_public_total",
            ":overseas_travel",
            ":vehicle_total",
            ":official_reception",
            ":meeting_expenses",
            ":training_expenses",
        }

    row = {
        "three_public_total": "60.00",
        "overseas_travel": "10.00",
        "vehicle_total": "20.00",
        "official_reception": "5.00",
        "meeting_expenses": "15.00",
        "training_expenses": "10.00",
    }
    figures = figures_of([(None, "total", row)])
    for figure in figures:
        if figure["measure_key"] == "three_public_total":
            figure["measure_alternative"] = "grand_total"
    footings, read = confirm.confirm([Table()], figures)
    assert footings[1].status == confirm.CONFIRMED and footings[1].failures == []
    assert footings[1].alternative
    assert {f["measure_key"] for f in read if f["amount_as_printed"] == "60.00"} == {"grand_total"}
    # where the 合计 is the three alone, it stays the “三公” total
    row["three_public_total"] = "35.00"
    footings, read = confirm.confirm([Table()], figures_of([(None, "total", row)]))
    assert footings[1].failures == [] and not footings[1].alternative
    assert templates.vocabulary()["measures"]["grand_total"]
