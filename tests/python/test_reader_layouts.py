"""Layouts the Jiangsu and final-accounts templates print that the Shanghai budgets do not.

Each test reads a real shipped PDF and checks one thing the reader must get
right, with the expected value taken from the printed page (named in the
test), not from the reader's output.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from budget_warehouse.pdf import document as pdf_document
from budget_warehouse.pdf import tables as pdf_tables
from budget_warehouse.pdf.document import DocumentResult
from budget_warehouse.pdf.layout import layout
from budget_warehouse.pdf.text import Char, Page, Segment
from budget_warehouse.pdf.text import read_pages as read_text_pages

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "data/documents"


@cache
def document(name: str) -> DocumentResult:
    return pdf_document.read_document(DOCUMENTS / name)


def figures_of(name: str, table_key: str) -> list[dict]:
    return [f for f in document(name).figures if f["table_key"] == table_key and f["source_kind"] == "table"]


def test_header_rows_printed_alone_at_a_page_foot_head_the_table_on_the_next_page() -> None:
    # js_gaoyuan_2018 page 10 ends with the 收入 | 支出 header row of 四、财政拨款收支预算总表; its body is on page 11
    figures = figures_of("js_gaoyuan_2018_yusuan.pdf", "fiscal_grant_summary")
    by_row = {(f["side"], f["row_key"]): Decimal(f["amount_as_printed"]) for f in figures}
    assert by_row[("income", "general_public")] == Decimal("33172.15")
    assert by_row[("expenditure", "basic")] == Decimal("18570.82")
    assert by_row[("expenditure", "reserve")] == Decimal("3258.06")
    assert {f["column_header_as_printed"] for f in figures} == {"收入/金额", "支出/支出用途/金额"}


def test_a_cell_wrapped_below_its_ruling_is_one_cell() -> None:
    # js_jianchayuan_2018 prints 十七、国土海洋气象等支 at the foot of page 13 and 出 at the head of page 14
    name = "js_jianchayuan_2018_yusuan.pdf"
    pages = pdf_document.read_pages(DOCUMENTS / name)
    layouts = [pdf_document.layout(page) for page in pages]
    template = pdf_document.recognize(DOCUMENTS / name, layouts)
    tables, _ = pdf_tables.find_tables(layouts, template)
    summary = next(table for table in tables if table.spec and table.spec.key == "revenue_expenditure_summary")
    texts = [pdf_tables.normalize(cell.text) for row in pdf_tables._table_rows(summary, summary.spec) for cell in row.cells]
    assert "十七、国土海洋气象等支出" in texts
    assert "出" not in texts
    # js_shengwei_bangongting_2019 prints the header 采购组织形 / 式 over the 合计 row: the row is still the total
    totals = [f for f in figures_of("js_shengwei_bangongting_2019_yusuan_biao.pdf", "procurement") if f["row_key"] == "total"]
    assert [(f["row_label_as_printed"], f["amount_as_printed"]) for f in totals] == [("合计", "1422.50")]


def test_a_fund_listed_again_under_the_carry_over_is_part_of_the_carry_over() -> None:
    # shpt_caizhengju_2024_juesuan page 13: 年初财政拨款结转和结余 21.63, then 一、一般公共预算财政拨款 21.63 under it;
    # page 12 prints the year's 一般公共预算财政拨款 2,940.05
    figures = figures_of("shpt_caizhengju_2024_juesuan.pdf", "fiscal_grant_summary")
    income = {f["row_key"]: f["amount_as_printed"] for f in figures if f["side"] == "income"}
    assert income["general_public"] == "2940.05"
    assert income["carryover_begin"] == "21.63"
    assert income["carryover_general_public"] == "21.63"


def test_every_row_of_the_procurement_outline_hangs_under_the_row_above_it() -> None:
    # js_gaoyuan_2018 pages 15-16: 合计 4,641.62 › 一、货物A 962.86 › 信息网络建设维护费 676.00 › 其他计算机设备及软件 676.00
    figures = figures_of("js_gaoyuan_2018_yusuan.pdf", "procurement")
    by_id = {f["figure_id"]: f for f in figures}
    total = next(f for f in figures if f["row_key"] == "total")
    goods = next(f for f in figures if f["row_key"] == "procurement_goods")
    project = next(f for f in figures if f["row_label_as_printed"].startswith("信息网络建设维护费"))
    item = next(f for f in figures if f["row_label_as_printed"].startswith("其他计算机设备及软件"))
    assert total["parent_figure_id"] is None
    assert goods["parent_figure_id"] == total["figure_id"]
    assert project["parent_figure_id"] == goods["figure_id"]
    assert item["parent_figure_id"] == project["figure_id"]
    assert all(f["parent_figure_id"] in by_id for f in figures if f is not total)


def test_a_tables_only_pdf_takes_its_year_and_department_from_its_titles_and_headings() -> None:
    # js_zhengxie_bangongting_2018 has no cover: 部门：江苏省政协办公厅 on every table, 2018年政府采购预算表 on page 12
    identity = document("js_zhengxie_bangongting_2018_yusuan_biao.pdf").document
    assert (identity["department_name"], identity["fiscal_year"]) == ("江苏省政协办公厅", 2018)
    assert (identity["region"], identity["region_level"]) == ("江苏省", "省")


def test_a_department_name_wrapped_in_a_table_heading_is_the_same_department() -> None:
    # js_gaoyuan_2019 page 12 wraps 部门名称：江苏省高级人民法 / 院
    result = document("js_gaoyuan_2019_yusuan.pdf")
    headings = {m["department_as_printed"] for m in result.mentions if m["mention_kind"] == "table_heading"}
    assert headings == {"江苏省高级人民法院"}


def test_the_titles_that_name_year_and_department_are_read_with_their_page() -> None:
    # shpt_caizhengju_2024_juesuan page 6: 第二部分上海市普陀区财政局2024年度部门决算表
    mentions = [
        {key: value for key, value in mention.items() if key != "mention_no"}
        for mention in document("shpt_caizhengju_2024_juesuan.pdf").mentions
    ]
    assert {
        "page_no": 6,
        "mention_kind": "title",
        "text_as_printed": "第二部分上海市普陀区财政局2024年度部门决算表",
        "fiscal_year_as_printed": "2024",
        "department_as_printed": "上海市普陀区财政局",
    } in mentions


def test_a_narrative_number_is_read_where_it_is_printed() -> None:
    # shpt_caizhengju_2024_juesuan page 21: 财政拨款收入支出总计0.3万元 (the tables say 2,961.68: a finding)
    result = document("shpt_caizhengju_2024_juesuan.pdf")
    (claim,) = [c for c in result.claims if c["claim_kind"] == "fiscal_grant_totals"]
    amounts = {f["measure_key"]: f["amount_as_printed"] for f in result.figures if f.get("claim_id") == claim["claim_id"]}
    assert claim["page_no"] == 21 and amounts == {"amount": "0.3"}
    assert claim["direction_as_printed"] == "持平"


def test_the_blank_official_template_has_tables_but_no_figures() -> None:
    result = document("template_bumen_juesuan_muban.pdf")
    assert result.document["template"] == "national_department_final_accounts"
    assert result.document["department_name"] == "上海市XX局"
    assert len(result.tables) == 9
    assert not [f for f in result.figures if f["source_kind"] == "table"]


def _text(chars: list, text: str, x: float, baseline: float, size: float = 10.0, width: float | None = None) -> None:
    """Characters of ``text`` set from ``x`` on ``baseline``: CJK a full size wide, digits and punctuation half."""
    for letter in text:
        advance = width or (size if ord(letter) > 0x2E80 else size / 2)
        chars.append(Char(letter, x, baseline - 0.8 * size, x + advance, baseline + 0.2 * size, size, baseline))
        x += advance


def _right(chars: list, text: str, x1: float, baseline: float) -> None:
    _text(chars, text, x1 - 5.0 * len(text), baseline)


def _unruled_page() -> Page:
    """A table printed with no rulings: a title, a header group 本年收入 centred over two columns, a label wrapped
    onto a second line, and blank cells."""
    chars: list = []
    _text(chars, "预算02表收入总表", 200, 40, size=14)
    _text(chars, "单位：万元", 440, 60)
    # header: 项目 and 合计 centred on two header rows; 本年收入 over 一般公共预算 | 政府性基金 (wrapped 基金/预算)
    _text(chars, "本年收入", 370, 80)
    _text(chars, "项目", 90, 88)
    _text(chars, "合计", 250, 88)
    _text(chars, "一般公共预算", 320, 96)
    _text(chars, "政府性", 425, 92)
    _text(chars, "基金", 430, 102)
    body = [
        ("一、一般公共预算拨款收入", ["1,234.500000", "1,234.500000", ""]),
        ("二、政府性基金", ["20.000000", "", "20.000000"]),
        ("合计", ["1,254.500000", "1,234.500000", "20.000000"]),
    ]
    baseline = 125.0
    for label, figures in body:
        _text(chars, label, 60, baseline)
        for x1, figure in zip((290, 390, 470), figures, strict=True):
            if figure:
                _right(chars, figure, x1, baseline)
        if label.startswith("二"):
            # the label's tail wraps onto a line of its own, closer to its row than the rows are to each other
            _text(chars, "预算收入", 60, baseline + 11)
            baseline += 11
        baseline += 20
    return Page(1, 595, 842, chars, [])


def test_a_table_printed_without_rulings_gets_a_grid_with_merged_header_cells() -> None:
    page = layout(_unruled_page())
    (grid,) = page.grids
    assert grid.synthesized
    cells = {(c.row0, c.row1, c.col0, c.col1): pdf_tables.normalize(c.text) for c in grid.cells if c.text}
    assert cells[(0, 2, 0, 1)] == "项目"
    assert cells[(0, 2, 1, 2)] == "合计"
    assert cells[(0, 1, 2, 4)] == "本年收入"  # a group header spans the two columns it is centred over
    assert cells[(1, 2, 2, 3)] == "一般公共预算"
    assert cells[(1, 2, 3, 4)] == "政府性基金"  # a header wrapped over two lines is one cell
    assert cells[(3, 4, 0, 1)] == "二、政府性基金预算收入"  # a wrapped label stays in its row
    assert cells[(3, 4, 1, 2)] == "20.000000"
    assert cells[(4, 5, 3, 4)] == "20.000000"
    assert len(grid.ys) - 1 == 5 and len(grid.xs) - 1 == 4
    blank = next(c for c in grid.cells if (c.row0, c.col0) == (3, 2))
    assert blank.text == ""  # a cell printed blank is blank, not 0
    # the title and the unit line stay outside the grid, where the table reader looks for them
    assert [pdf_tables.normalize(line.text) for line in page.lines] == ["预算02表收入总表", "单位:万元"]


def _centred(chars: list, text: str, x0: float, x1: float, baseline: float) -> None:
    """``text`` centred between x0 and x1, as a header is centred in its cell."""
    width = sum(10.0 if ord(letter) > 0x2E80 else 5.0 for letter in text)
    _text(chars, text, (x0 + x1 - width) / 2, baseline)


def _headers(grid) -> list[str]:
    return [column.header for column in pdf_tables._columns(grid, pdf_tables._header_end(grid), None)]


def _summary_page(numbering: bool) -> Page:
    """收支总表 printed without rulings: 收入 and 支出 centred over 项目 | 预算数, each 预算数 centred in a cell wider
    than its figures, so that it stands left of them, over no figure; a 栏次 row numbering the columns with
    figures centred under the headers, where ``numbering``."""
    chars: list = []
    _text(chars, "收支总表", 280, 40, size=14)
    _text(chars, "单位：万元", 480, 60)
    cells = [(40, 180), (180, 300), (300, 440), (440, 560)]
    _centred(chars, "收入", 40, 300, 82)
    _centred(chars, "支出", 300, 560, 82)
    for (x0, x1), word in zip(cells, ("项目", "预算数", "项目", "预算数"), strict=True):
        _centred(chars, word, x0, x1, 100)
    baseline = 125.0
    if numbering:
        _text(chars, "栏次", 45, baseline)
        _centred(chars, "1", *cells[1], baseline)
        _centred(chars, "2", *cells[3], baseline)
        baseline += 20
    for income, left, expenditure, right in [
        ("一、一般公共预算拨款收入", "4777.74", "一、一般公共服务支出", "4050.56"),
        ("二、政府性基金预算拨款收入", "424.93", "二、教育支出", "94.15"),
        ("上年结转结余", "", "三、社会保障和就业支出", "1058.08"),
        ("收入总计", "5202.67", "支出总计", "5202.79"),
    ]:
        _text(chars, income, 45, baseline)
        _text(chars, expenditure, 305, baseline)
        if left:
            _right(chars, left, 295, baseline)
        _right(chars, right, 555, baseline)
        baseline += 20
    return Page(1, 595, 842, chars, [])


def test_a_header_beside_a_column_of_figures_narrower_than_it_heads_that_column() -> None:
    (grid,) = layout(_summary_page(numbering=False)).grids
    # two header rows: the groups span the columns they are centred over, each figure is under its 预算数
    assert _headers(grid) == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    cells = {(c.row0, c.col0): pdf_tables.normalize(c.text) for c in grid.cells if c.text}
    assert [cells.get((2, column)) for column in range(4)] == [
        "一、一般公共预算拨款收入",
        "4777.74",
        "一、一般公共服务支出",
        "4050.56",
    ]


def test_a_row_numbering_the_columns_places_no_column() -> None:
    # 栏次 | 1 | | 2: its numbers are centred under the headers, not right-aligned where the figures stand
    (grid,) = layout(_summary_page(numbering=True)).grids
    assert _headers(grid) == ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]
    cells = {(c.row0, c.col0): pdf_tables.normalize(c.text) for c in grid.cells if c.text}
    assert [cells.get((2, column)) for column in range(4)] == ["栏次", "1", None, "2"]
    assert [cells.get((3, column)) for column in range(4)] == [
        "一、一般公共预算拨款收入",
        "4777.74",
        "一、一般公共服务支出",
        "4050.56",
    ]


def test_a_header_right_of_a_column_of_left_aligned_codes_heads_the_codes() -> None:
    # 一般公共预算基本支出表 without rulings: 科目编码 centred in a cell wider than its codes (set to its left),
    # 合计 and 人员经费 centred left of their right-aligned figures
    chars: list = []
    _text(chars, "一般公共预算基本支出表", 200, 40, size=14)
    _text(chars, "单位：万元", 480, 60)
    cells = [(40, 150), (150, 330), (330, 430), (430, 530)]
    for (x0, x1), word in zip(cells, ("科目编码", "科目名称", "合计", "人员经费"), strict=True):
        _centred(chars, word, x0, x1, 90)
    baseline = 115.0
    for code, name, total, personnel in [
        ("301", "工资福利支出", "99.58", "99.58"),
        ("30101", "基本工资", "60.00", "60.00"),
        ("30108", "机关事业单位基本养老保险缴费", "39.58", "39.58"),
    ]:
        _text(chars, code, 45, baseline)
        _text(chars, name, 155, baseline)
        _right(chars, total, 425, baseline)
        _right(chars, personnel, 525, baseline)
        baseline += 20
    (grid,) = layout(Page(1, 595, 842, chars, [])).grids
    assert _headers(grid) == ["科目编码", "科目名称", "合计", "人员经费"]
    cells = {(c.row0, c.col0): pdf_tables.normalize(c.text) for c in grid.cells if c.text}
    assert [cells.get((2, column)) for column in range(4)] == ["30101", "基本工资", "60.00", "60.00"]


def test_a_number_wider_than_the_others_of_its_column_is_not_cut_in_two() -> None:
    # one figure of twenty-odd reaches left of the stretch the column's other figures cover, past the edge drawn
    # midway between the labels' and the figures' text: it stays whole in its column
    chars: list = []
    _text(chars, "支出总表", 250, 40, size=14)
    _text(chars, "单位：万元", 480, 60)
    _centred(chars, "科目名称", 195, 335, 90)
    _text(chars, "合计", 380, 90)
    baseline = 115.0
    for index in range(22):
        _text(chars, "机关事业单位基本养老保险缴费", 195, baseline)
        _right(chars, "12345678.90" if index == 5 else "99.58", 400, baseline)
        baseline += 20
    (grid,) = layout(Page(1, 595, 842, chars, [])).grids
    column = [pdf_tables.normalize(c.text) for c in grid.cells if c.col0 == 1 and c.row0 >= 1]
    assert "12345678.90" in column
    assert all(pdf_tables.normalize(c.text) == "机关事业单位基本养老保险缴费" for c in grid.cells if c.col0 == 0 and c.row0 >= 1)


def test_a_header_group_over_horizontal_rules_spans_its_subtotal_and_a_column_printed_as_a_dash() -> None:
    # 一般公共预算“三公”经费支出表 as a three-line table: 公务用车购置及运行费 over 小计 | 购置费 | 运行费, where
    # 小计 and 运行费 stand left of their figures and 购置费 prints a dash for nothing
    chars: list = []
    _text(chars, "一般公共预算“三公”经费支出表", 200, 40, size=14)
    _text(chars, "单位：万元", 700, 60)
    cells = [(40, 140), (140, 240), (240, 320), (320, 415), (415, 535), (535, 600)]
    _centred(chars, "公务用车购置及运行费", 240, 535, 82)
    for (x0, x1), word, baseline in zip(
        cells,
        ("“三公”经费合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行费", "公务接待费"),
        (92, 92, 102, 102, 102, 92),
        strict=True,
    ):
        _centred(chars, word, x0, x1, baseline)
    for (_, x1), figure in zip(cells, ("40.90", "3.19", "35.43", "-", "35.43", "2.28"), strict=True):
        _right(chars, figure, x1 - 5, 122)
    rules = [Segment(True, y, 40, 600) for y in (70, 105, 128)]
    (grid,) = layout(Page(1, 842, 595, chars, rules)).grids
    group = "公务用车购置及运行费"
    assert _headers(grid) == [
        "“三公”经费合计",
        "因公出国(境)费",
        f"{group}/小计",
        f"{group}/公务用车购置费",
        f"{group}/公务用车运行费",
        "公务接待费",
    ]
    body = sorted((c.col0, pdf_tables.normalize(c.text)) for c in grid.cells if c.row0 == len(grid.ys) - 2 and c.text)
    assert [text for _, text in body] == ["40.90", "3.19", "35.43", "-", "35.43", "2.28"]


def test_figures_aligned_in_narrative_text_are_not_a_table() -> None:
    chars: list = []
    _text(chars, "本部门下属预算单位", 60, 100)
    _right(chars, "5", 300, 100)
    _text(chars, "家，具体包括：", 320, 100)
    _text(chars, "第一部分部门概况", 60, 130)
    _right(chars, "2", 300, 130)
    page = layout(Page(1, 595, 842, chars, []))
    assert page.grids == []
    assert len(page.lines) == 2


def test_text_a_page_hides_is_not_read() -> None:
    # shpt_caizhengju_2025_yusuan_bumen lays its whole list of 财政拨款支出主要内容 on pages 7 and 8 and clips
    # each page to its part: page 7 shows items 1-8, page 8 items 9-11 (the rest of its copy lies off the page)
    pages = read_text_pages(DOCUMENTS / "shpt_caizhengju_2025_yusuan_bumen.pdf")
    seven, eight = ("".join(char.text for char in pages[index].chars) for index in (6, 7))
    assert "87.70" in seven and "887.36" in seven and "78.21" not in seven
    assert "78.21" in eight and "204.91" in eight and "87.70" not in eight and "887.36" not in eight
    # a text drawn inside a form is clipped in the form's space: the cover still reads
    cover = "".join(char.text for char in read_text_pages(DOCUMENTS / "js_jianchayuan_2018_yusuan.pdf")[0].chars)
    assert "江苏省人民检察院" in cover


def test_an_empty_table_is_explained_by_the_sentence_that_says_its_subject_is_nil() -> None:
    sentences = [
        "本部门无政府性基金预算，也没有使用政府性基金安排的支出，故本表无数据",
        "国有资本经营预算拨款支出预算0万元，与上年持平",
    ]
    assert pdf_document.explanation_for("预算07表政府性基金预算支出表", sentences) == sentences[0]
    assert pdf_document.explanation_for("预算08表国有资本经营预算支出表", sentences) == sentences[1]
    assert pdf_document.explanation_for("2026年单位“三公”经费和机关运行经费预算表", sentences) is None
    # a narrative that counts in 元 says nil as 0元 (3.国有资本经营预算拨款收入 0 元), as one in 万元 says 0万元
    in_yuan = ["3.国有资本经营预算拨款收入0元"]
    assert pdf_document.explanation_for("预算08表国有资本经营预算支出表", in_yuan) == in_yuan[0]
    assert pdf_document.explanation_for("预算08表国有资本经营预算支出表", ["3.国有资本经营预算拨款收入10元"]) is None
