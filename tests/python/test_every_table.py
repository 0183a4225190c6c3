"""Every table the national set prints is read: basic expenditure by unit then economic class by name only,
every project by unit (a name wrapped over two lines joined), and a class's code from the catalogue of names.

Each test prints a small ruled page with what a real document prints (深圳's 表4 基本支出总表 and 表5 项目支出总表,
广州's 部门预算项目支出及其他支出预算表) and reads it with the shared description: the rows a table indents under
a unit's line are the unit's, a class printed by name takes the code the catalogue gives it (never a guessed one),
and the table's own arithmetic confirms the reading.
"""

from __future__ import annotations

from dataclasses import dataclass

from budget_warehouse import catalogue, templates
from budget_warehouse.pdf import confirm, document
from budget_warehouse.pdf import tables as pdf_tables
from budget_warehouse.pdf.layout import layout
from budget_warehouse.pdf.text import Page, Segment
from test_reader_layouts import _right, _text


def national() -> templates.Template:
    (template,) = [t for t in templates.all_templates() if t.name == "national_department_budget"]
    return template


@dataclass
class Cell:
    """A cell of the printed grid: rows r0..r1-1, columns c0..c1-1, its lines of text and how far it is indented
    (in characters, 10 pt each); an amount is set flush right."""

    r0: int
    r1: int
    c0: int
    c1: int
    lines: tuple[str, ...]
    indent: int = 0
    amount: bool = False


def _page(title: str, xs: list[float], rows: int, cells: list[Cell], tall: set[int] = frozenset()) -> Page:
    """A page with a title, its unit line and a grid ruled around every cell (a merged cell has no ruling inside);
    rows listed in ``tall`` are two lines high."""
    chars: list = []
    segments: list = []
    _text(chars, title, 200, 40, size=14)
    _text(chars, "单位：万元", 480, 60)
    ys = [70.0]
    for row in range(rows):
        ys.append(ys[-1] + (30.0 if row in tall else 16.0))
    for cell in cells:
        x0, x1, top, bottom = xs[cell.c0], xs[cell.c1], ys[cell.r0], ys[cell.r1]
        segments += [Segment(True, top, x0, x1), Segment(True, bottom, x0, x1)]
        segments += [Segment(False, x0, top, bottom), Segment(False, x1, top, bottom)]
        for number, text in enumerate(cell.lines):
            baseline = top + 12 + 12 * number
            if cell.amount:
                _right(chars, text, x1 - 2, baseline)
            else:
                _text(chars, text, x0 + 2 + (10 * cell.indent if number == 0 else 0), baseline)
    return Page(1, 842, 595, chars, segments)


SOURCES_XS = [40.0, 200.0, 290.0, 380.0, 480.0, 570.0]


def _header() -> list[Cell]:
    """支出项目类别 | 总计 | 财政拨款 (小计 | 一般公共预算拨款) | 单位资金 (其他收入), over two header rows."""
    return [
        Cell(0, 2, 0, 1, ("支出项目类别",)),
        Cell(0, 2, 1, 2, ("总计",)),
        Cell(0, 1, 2, 4, ("财政拨款",)),
        Cell(1, 2, 2, 3, ("小计",)),
        Cell(1, 2, 3, 4, ("一般公共预算拨款",)),
        Cell(0, 1, 4, 5, ("单位资金",)),
        Cell(1, 2, 4, 5, ("其他收入",)),
    ]


def _line(row: int, name: str | tuple[str, ...], indent: int, total: str, grant: str, other: str = "0.00") -> list[Cell]:
    lines = (name,) if isinstance(name, str) else name
    return [
        Cell(row, row + 1, 0, 1, lines, indent),
        Cell(row, row + 1, 1, 2, (total,), amount=True),
        Cell(row, row + 1, 2, 3, (grant,), amount=True),
        Cell(row, row + 1, 3, 4, (grant,), amount=True),
        Cell(row, row + 1, 4, 5, (other,), amount=True),
    ]


def _read(page: Page, names_of: dict[str, dict[str, list[str]]]) -> tuple[list[pdf_tables.PrintedTable], list]:
    template = national()
    tables, _ = pdf_tables.find_tables([layout(page)], template)
    figures, _ = pdf_tables.read_figures(tables, template, templates.function_class_codes())
    pdf_tables.place_catalogue_names(figures, template, names_of)
    pdf_tables.place_units(figures, template)
    return tables, figures


ECONOMIC = {
    "economic": {
        "工资福利支出": ["301"],
        "基本工资": ["30101"],
        "津贴补贴": ["30102"],
        "商品和服务支出": ["302"],
        "办公费": ["30201"],
    }
}


def basic_page(unknown: bool = False) -> Page:
    """基本支出总表: the department's line, its two units indented under it, each with its classes and their 款 by
    name only (机关事业单位基本养老保险缴费 wraps onto a second line in its cell)."""
    rows = [
        *_line(2, "某局", 0, "100.00", "90.00", "10.00"),
        *_line(3, "某局（本级）", 1, "60.00", "50.00", "10.00"),
        *_line(4, "工资福利支出", 2, "40.00", "30.00", "10.00"),
        *_line(5, "基本工资", 3, "25.00", "15.00", "10.00"),
        *_line(6, "津贴补贴", 3, "15.00", "15.00"),
        *_line(7, "商品和服务支出", 2, "20.00", "20.00"),
        *_line(8, "办公用品费" if unknown else "办公费", 3, "20.00", "20.00"),
        *_line(9, "某中心", 1, "40.00", "40.00"),
        *_line(10, "工资福利支出", 2, "40.00", "40.00"),
        *_line(11, "基本工资", 3, "40.00", "40.00"),
    ]
    return _page("表4 基本支出总表", SOURCES_XS, 12, [*_header(), *rows])


def test_a_basic_table_by_unit_then_class_names_each_line_with_its_unit_and_its_code() -> None:
    tables, figures = _read(basic_page(), ECONOMIC)
    assert [t.spec.key for t in tables] == ["basic_by_economic_and_source"]
    totals = {
        (f.row_label_as_printed, f.unit_name_as_printed): (f.subject_code, f.row_key, f.amount_as_printed)
        for f in figures
        if f.measure_key == "total"
    }
    assert totals == {
        # the department's line over its units, each unit's line its total, and the classes under each unit
        ("某局", None): (None, "total", "100.00"),
        ("某局（本级）", "某局（本级）"): (None, "total", "60.00"),
        ("工资福利支出", "某局（本级）"): ("301", None, "40.00"),
        ("基本工资", "某局（本级）"): ("30101", None, "25.00"),
        ("津贴补贴", "某局（本级）"): ("30102", None, "15.00"),
        ("商品和服务支出", "某局（本级）"): ("302", None, "20.00"),
        ("办公费", "某局（本级）"): ("30201", None, "20.00"),
        ("某中心", "某中心"): (None, "total", "40.00"),
        ("工资福利支出", "某中心"): ("301", None, "40.00"),
        ("基本工资", "某中心"): ("30101", None, "40.00"),
    }
    assert {f.measure_key for f in figures} == {"total", "fiscal_grant", "general_public", "other_income"}
    # its own arithmetic: every row across (总计 = 财政拨款 + 其他收入), every class down, every unit, the department
    footing = confirm.foot(tables[0].spec, 1, [_record(f) for f in figures], tables[0].measures)
    assert footing.status == "confirmed" and not footing.failures and footing.identities > 20


def test_a_class_name_the_catalogue_does_not_know_keeps_no_code() -> None:
    # 办公用品费 is no name of the catalogue: its line is read, uncoded (a reader note), never given a guessed code
    _, figures = _read(basic_page(unknown=True), ECONOMIC)
    line = next(f for f in figures if f.row_label_as_printed == "办公用品费" and f.measure_key == "total")
    assert (line.subject_code, line.row_key, line.unit_name_as_printed) == (None, None, "某局（本级）")
    # a line of no code, no row key and no parent: the structure checks list it as a reader note (unknown_row)
    assert line.parent_figure_id is None


def test_a_table_of_names_with_a_name_the_catalogue_does_not_know_is_not_confirmed() -> None:
    # 办公用品费 has no code, so 商品和服务支出 above it cannot be checked against its parts (and the facts by code would
    # leave it out): the table is unconfirmed (no finding, no fact), with one note naming the line; with every name
    # known, the same table stays confirmed
    for unknown, status in ((True, "unconfirmed"), (False, "confirmed")):
        tables, figures = _read(basic_page(unknown=unknown), ECONOMIC)
        records = [_record(f) for f in figures]
        footings = {tables[0].order: confirm.foot(tables[0].spec, tables[0].order, records, tables[0].measures)}
        document._unconfirm_unknown_names(tables, footings, records)
        assert footings[tables[0].order].status == status
        assert {record.get("reading_status") for record in records} == ({"unconfirmed"} if unknown else {None})
        assert ("办公用品费" in footings[tables[0].order].note_zh) == unknown


def test_a_project_table_reads_every_project_with_its_unit_and_its_name_joined() -> None:
    # 合计, then each unit's line and its projects indented under it; a name wrapped over two lines in its cell; a
    # project printed a character out that is not the sum of the rows under it (广州's CC(市本级)) is a project
    rows = [
        *_line(2, "合计", 0, "130.00", "130.00"),
        *_line(3, "某局", 0, "110.00", "110.00"),
        *_line(4, ("信息化运维", "项目"), 2, "30.00", "30.00"),
        *_line(5, "CC(市本级)", 1, "50.00", "50.00"),
        *_line(6, "综合管理", 2, "30.00", "30.00"),
        *_line(7, "某中心", 0, "20.00", "20.00"),
        *_line(8, "专项业务", 2, "20.00", "20.00"),
    ]
    page = _page("表5 项目支出总表", SOURCES_XS, 9, [*_header(), *rows], tall={4})
    tables, figures = _read(page, ECONOMIC)
    assert [t.spec.key for t in tables] == ["project_expenditure"]
    lines = {
        f.row_label_as_printed: (f.row_key, f.unit_name_as_printed, f.parent_figure_id)
        for f in figures
        if f.measure_key == "total"
    }
    by_id = {f.figure_id: f.row_label_as_printed for f in figures}
    assert {name: (key, unit, by_id.get(parent)) for name, (key, unit, parent) in lines.items()} == {
        "合计": ("total", None, None),
        "某局": ("total", "某局", None),
        "信息化运维项目": ("project_line", "某局", "某局"),
        "CC(市本级)": ("project_line", "某局", "某局"),
        "综合管理": ("project_line", "某局", "某局"),
        "某中心": ("total", "某中心", None),
        "专项业务": ("project_line", "某中心", "某中心"),
    }
    footing = confirm.foot(tables[0].spec, 1, [_record(f) for f in figures], tables[0].measures)
    assert footing.status == "confirmed" and not footing.failures


def test_a_project_whose_sources_do_not_add_up_is_a_slip_the_checks_report() -> None:
    # one project's 财政拨款 is printed 1.00 short of its 总计 (a figure mistyped): the table's reading stays confirmed
    # (one printed line explains every failure) and what fails is that line's funding sources against its total
    # (and its unit's 财政拨款 against its projects'), the checks the warehouse reports as findings
    rows = [
        *_line(2, "合计", 0, "60.00", "60.00"),
        *_line(3, "某局", 0, "60.00", "60.00"),
        *_line(4, "综合管理", 2, "30.00", "29.00"),
        *_line(5, "专项业务", 2, "30.00", "30.00"),
    ]
    tables, figures = _read(_page("表5 项目支出总表", SOURCES_XS, 6, [*_header(), *rows]), ECONOMIC)
    footing = confirm.foot(tables[0].spec, 1, [_record(f) for f in figures], tables[0].measures)
    assert footing.status == "confirmed"
    failed = {
        (outcome.identity.description, outcome.identity.published[0]["row_label_as_printed"]) for outcome in footing.failures
    }
    assert ("total = " + " + ".join(_SOURCES), "综合管理") in failed
    assert all(label in ("综合管理", "某局", "合计") for _, label in failed), failed


_SOURCES = [
    "fiscal_grant",
    "fiscal_special_account",
    "business_income",
    "operating_income",
    "superior_subsidy",
    "affiliated_remittance",
    "other_income",
    "other_funds",
    "prior_carryover",
]


def test_personnel_and_public_expenses_add_up_to_the_basic_total() -> None:
    # 基本支出 across 人员经费 | 公用经费 (广州's 部门预算基本支出预算表 prints them beside the funding sources): each line's
    # 合计 = 人员经费 + 公用经费, and a line that breaks it is the one identity that fails
    xs = [40.0, 220.0, 320.0, 420.0, 520.0]
    header = [
        Cell(0, 1, 0, 1, ("支出项目类别",)),
        Cell(0, 1, 1, 2, ("合计",)),
        Cell(0, 1, 2, 3, ("人员经费",)),
        Cell(0, 1, 3, 4, ("公用经费",)),
    ]

    def line(row: int, name: str, indent: int, total: str, personnel: str, public: str) -> list[Cell]:
        return [
            Cell(row, row + 1, 0, 1, (name,), indent),
            Cell(row, row + 1, 1, 2, (total,), amount=True),
            Cell(row, row + 1, 2, 3, (personnel,), amount=True),
            Cell(row, row + 1, 3, 4, (public,), amount=True),
        ]

    rows = [
        *line(1, "某局", 0, "60.00", "40.00", "20.00"),
        *line(2, "工资福利支出", 1, "40.00", "40.00", "0.00"),
        *line(3, "商品和服务支出", 1, "20.00", "0.00", "21.00"),
    ]
    tables, figures = _read(_page("部门预算基本支出预算表", xs, 4, [*header, *rows]), ECONOMIC)
    assert [t.spec.key for t in tables] == ["basic_by_economic_and_source"]
    footing = confirm.foot(tables[0].spec, 1, [_record(f) for f in figures], tables[0].measures)
    assert footing.status == "confirmed"
    failed = {
        (o.identity.family, o.identity.description, o.identity.published[0]["row_label_as_printed"]) for o in footing.failures
    }
    assert ("row", "total = personnel + public_expenses", "商品和服务支出") in failed
    assert {label for _, _, label in failed} <= {"商品和服务支出", "某局"}, failed


def test_the_description_states_the_checks_these_tables_make_possible() -> None:
    # generated from templates/national_department_budget.yml like every identity: the basic table's total against
    # 支出总表's 基本支出, the project table's against its 项目支出, each line's funding sources against its total,
    # 人员经费 + 公用经费 = 基本支出
    _, rules = templates.seed_rows()["template_rules"]
    _, terms = templates.seed_rows()["template_rule_terms"]
    national = {rule[1] for rule in rules if rule[0] == "national_department_budget"}
    stated: dict[str, set[tuple[str, str, str, str]]] = {}
    for rule_id, _no, role, _sign, table_key, _side, measure, _selector, row_key, _claim, _basis in terms:
        if rule_id in national:
            stated.setdefault(rule_id, set()).add((role, table_key, measure, row_key))
    expected = [
        {("published", "expenditure_summary", "basic", "total"), ("part", "basic_by_economic_and_source", "total", "total")},
        {("published", "expenditure_summary", "project", "total"), ("part", "project_expenditure", "total", "total")},
        {("published", "basic_by_economic_and_source", "total", "")}
        | {("part", "basic_by_economic_and_source", source, "") for source in _SOURCES},
        {("published", "project_expenditure", "total", "")}
        | {("part", "project_expenditure", source, "") for source in _SOURCES},
        {("published", "project_expenditure", "fiscal_grant", "")}
        | {("part", "project_expenditure", fund, "") for fund in ("general_public", "government_fund", "state_capital")},
        {("published", "basic_by_economic_and_source", "total", ""), ("part", "basic_by_economic_and_source", "personnel", "")}
        | {("part", "basic_by_economic_and_source", "public_expenses", "")},
        {
            ("published", "general_public_basic_by_economic", "total", ""),
            ("part", "general_public_basic_by_economic", "personnel", ""),
        }
        | {("part", "general_public_basic_by_economic", "public_expenses", "")},
    ]
    for rule in expected:
        assert rule in stated.values(), sorted(rule)


def test_a_line_naming_its_government_and_department_economic_class_is_of_the_department_class() -> None:
    # 北京's 一般公共预算基本支出表: 政府支出经济分类科目 | 部门支出经济分类科目, code and name joined by a hyphen; the same
    # department class under two government classes (机关 50101, 事业单位 50501) is the same code
    xs = [40.0, 200.0, 360.0, 440.0, 520.0, 600.0]
    header = [
        Cell(0, 1, 0, 1, ("政府支出经济分类科目",)),
        Cell(0, 1, 1, 2, ("部门支出经济分类科目",)),
        Cell(0, 1, 2, 3, ("合计",)),
        Cell(0, 1, 3, 4, ("人员经费",)),
        Cell(0, 1, 4, 5, ("公用经费",)),
    ]

    def line(row: int, government: str, department: str, total: str, personnel: str, public: str) -> list[Cell]:
        return [
            Cell(row, row + 1, 0, 1, (government,)),
            Cell(row, row + 1, 1, 2, (department,)),
            Cell(row, row + 1, 2, 3, (total,), amount=True),
            Cell(row, row + 1, 3, 4, (personnel,), amount=True),
            Cell(row, row + 1, 4, 5, (public,), amount=True),
        ]

    rows = [
        *line(1, "50101-工资奖金津补贴", "30101-基本工资", "100.00", "100.00", ""),
        *line(2, "50501-工资福利支出", "30101-基本工资", "40.00", "40.00", ""),
        *line(3, "50201-办公经费", "30201-办公费", "20.00", "", "20.00"),
        *line(4, "合计", "", "160.00", "140.00", "20.00"),
    ]
    tables, figures = _read(_page("预算06表 一般公共预算基本支出表", xs, 5, [*header, *rows]), ECONOMIC)
    assert [t.spec.key for t in tables] == ["general_public_basic_by_economic"]
    totals = [(f.subject_code, f.row_label_as_printed, f.amount_as_printed) for f in figures if f.measure_key == "total"]
    assert totals == [
        ("30101", "50101-工资奖金津补贴 / 基本工资", "100.00"),
        ("30101", "50501-工资福利支出 / 基本工资", "40.00"),
        ("30201", "50201-办公经费 / 办公费", "20.00"),
        (None, "合计", "160.00"),
    ]


def _ruled(xs: list[float], ys: list[float]) -> list[Segment]:
    """Every ruling of a plain grid."""
    return [Segment(True, y, xs[0], xs[-1]) for y in ys] + [Segment(False, x, ys[0], ys[-1]) for x in xs]


def test_a_tail_drawn_across_its_cells_ruling_is_its_cells() -> None:
    # 北京市应急管理局's 一般公共预算基本支出表: rows of a fixed height; 30108-机关事业单位基本养老保险 wraps and its tail 缴费 is
    # drawn half over the ruling below, above the line the next row prints (30109-职业年金缴费): the tail is the name's,
    # and the next row keeps its own code
    xs = [40.0, 170.0, 330.0, 410.0, 490.0, 570.0]
    ys = [70.0, 86.0, 102.0, 118.0, 134.0]
    chars: list = []
    _text(chars, "预算06表 一般公共预算基本支出表", 150, 40, size=14)
    _text(chars, "金额单位：万元", 480, 60)
    for x, word in zip(xs, ["政府支出经济分类科目", "部门支出经济分类科目", "合计", "人员经费", "公用经费"], strict=False):
        _text(chars, word, x + 2, 82)
    _text(chars, "50102-社会保障缴费", 42, 96)
    _text(chars, "30108-机关事业单位基本养老保险", 172, 96)
    _text(chars, "缴费", 172, 107)
    _text(chars, "50102-社会保障缴费", 42, 114)
    _text(chars, "30109-职业年金缴费", 172, 114)
    _text(chars, "合计", 42, 130)
    for baseline, amounts in ((99, ("768.17", "768.17")), (114, ("384.09", "384.09")), (130, ("1,152.26", "1,152.26"))):
        _right(chars, amounts[0], xs[3] - 2, baseline)
        _right(chars, amounts[1], xs[4] - 2, baseline)
    tables, figures = _read(Page(1, 842, 595, chars, _ruled(xs, ys)), ECONOMIC)
    assert [t.spec.key for t in tables] == ["general_public_basic_by_economic"]
    totals = [(f.subject_code, f.row_label_as_printed, f.amount_as_printed) for f in figures if f.measure_key == "total"]
    assert totals == [
        ("30108", "50102-社会保障缴费 / 机关事业单位基本养老保险缴费", "768.17"),
        ("30109", "50102-社会保障缴费 / 职业年金缴费", "384.09"),
        (None, "合计", "1152.26"),
    ]


def test_a_page_whose_columns_are_not_taken_apart_heads_nothing_and_leaves_its_table_unconfirmed() -> None:
    # 北京市经济和信息化局's 一般公共预算基本支出表: its first page draws no rulings between the columns, so each cell prints a
    # name and its amounts run together (30101-基本工资 1,294.18 1,294.18); those rows are no header for the next page:
    # the table knows it could not read the page (and stays unconfirmed: what the page prints cannot be checked)
    xs = [40.0, 170.0, 570.0]
    ys = [70.0, 86.0, 102.0, 118.0]
    chars: list = []
    _text(chars, "预算06表 一般公共预算基本支出表", 150, 40, size=14)
    _text(chars, "金额单位：万元", 480, 60)
    _text(chars, "政府支出经济分类科目", 42, 82)
    _text(chars, "部门支出经济分类科目", 172, 82)
    _text(chars, "合计", 350, 82)
    _text(chars, "人员经费", 430, 82)
    for baseline, government, department, amount in (
        (98, "50101-工资奖金津补贴", "30101-基本工资", "1,294.18"),
        (114, "50101-工资奖金津补贴", "30103-奖金", "1,573.48"),
    ):
        _text(chars, government, 42, baseline)
        _text(chars, department, 172, baseline)
        _right(chars, amount, 408, baseline)
        _right(chars, amount, 488, baseline)
    # its next page rules its columns and repeats the header apart: 部门支出经济分类科目, 合计, 人员经费 are the parts of what
    # the first page printed in one cell, and head the figures under them
    following: list = []
    next_xs = [40.0, 170.0, 330.0, 410.0, 490.0]
    for x, word in zip(next_xs, ["政府支出经济分类科目", "部门支出经济分类科目", "合计", "人员经费"], strict=False):
        _text(following, word, x + 2, 82)
    _text(following, "50501-工资福利支出", 42, 98)
    _text(following, "30101-基本工资", 172, 98)
    _right(following, "1,763.32", 408, 98)
    _right(following, "1,763.32", 488, 98)
    pages = [Page(1, 842, 595, chars, _ruled(xs, ys)), Page(2, 842, 595, following, _ruled(next_xs, ys[:3]))]
    tables, _ = pdf_tables.find_tables([layout(page) for page in pages], national())
    (table,) = tables
    assert pdf_tables._header_end(table.grids[0]) == 1
    figures, _ = pdf_tables.read_figures(tables, national(), templates.function_class_codes())
    assert table.jammed_pages == {1}
    assert {(f.page_no, f.column_header_as_printed, f.measure_key, f.amount_as_printed) for f in figures if f.page_no == 2} == {
        (2, "合计", "total", "1763.32"),
        (2, "人员经费", "personnel", "1763.32"),
    }


def test_the_catalogue_is_the_name_most_documents_print_beside_the_code(tmp_path) -> None:
    pairs = {
        ("economic", 2026, "30202", "印刷费"): {"a.pdf", "b.pdf", "c.pdf"},
        ("economic", 2026, "30202", "咨询费"): {"d.pdf"},
        ("economic", 2026, "30213", "维修（护）费"): {"a.pdf"},
        ("economic", 2026, "30213", "维修(护)费"): {"b.pdf"},
    }
    rows = {row["subject_code"]: row for row in catalogue.catalogue_rows(pairs)}
    assert (rows["30202"]["subject_name"], rows["30202"]["document_count"]) == ("印刷费", 3)
    assert rows["30202"]["other_names_printed"] == "咨询费 (1)"
    # one name printed with full-width or ASCII brackets is one name
    assert (rows["30213"]["document_count"], rows["30213"]["other_names_printed"]) == (2, "")
    assert rows["30213"]["parent_code"] == "302"


def _record(figure: pdf_tables.Figure) -> dict:
    """A figure as the document's records carry it into the confirmation (its unit as its line's)."""
    return dict(vars(figure)) | {"unit_name": figure.unit_name_as_printed}
