"""The shared description of the national table set, and what reading any city's documents rests on.

Each test states a rule of reading a document by what it prints and can fail on its own: the shared
description is the one a document no publisher's own description claims is read with; the identity
comes from the cover's words in either order; a table's unit column places each line in its unit; a
tables file that names no department is paired with the narrative that prints its headline figures,
and with no other; the corpus gate fails on a budget left out or a finding not reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from budget_warehouse import corpus, pairing, templates
from budget_warehouse.pdf import document as pdf_document
from budget_warehouse.pdf import narrative
from budget_warehouse.pdf import tables as pdf_tables
from budget_warehouse.pdf.layout import Line, PageLayout, layout
from budget_warehouse.pdf.text import Char, Page, Segment, read_pages
from test_reader_layouts import _text

NATIONAL = "national_department_budget"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared/documents/corpus"


def national() -> templates.Template:
    (template,) = [t for t in templates.all_templates() if t.name == NATIONAL]
    return template


def test_a_document_no_publisher_describes_is_read_with_the_shared_description() -> None:
    text = "2026年深圳市统计局部门预算\n表1收支总表\n部门名称:深圳市统计局\n表7一般公共预算支出表(按功能分类)"
    assert templates.recognize(pdf_tables.normalize(text)).name == NATIONAL
    # a publisher's own description still wins where its words are printed
    shanghai = "上海市普陀区2025年区级部门预算 部门财务收支预算总表 “三公”经费和机关运行经费预算表 一般公共预算支出"
    assert templates.recognize(pdf_tables.normalize(shanghai)).name == "shanghai_district_budget"
    # and a text that prints no budget table is none of them
    assert templates.recognize(pdf_tables.normalize("2025年福州市物流业运行情况报告")) is None


@pytest.mark.parametrize(
    ("cover", "department", "year", "scope"),
    [
        ("2026年深圳市统计局（本级）部门预算", "深圳市统计局（本级）", "2026", "部门"),
        ("北京市统计局部门2026年度部门预算信息公开", "北京市统计局", "2026", "部门"),
        ("2026年度福州市统计局部门综合预算", "福州市统计局", "2026", "部门"),
        ("福州市统计局部门决算2022年度", "福州市统计局", "2022", "部门"),
        ("2026年度福州市公安局巡特警支队单位预算", "福州市公安局巡特警支队", "2026", "单位"),
        ("国家信访局2024年度部门决算公开", "国家信访局", "2024", "部门"),
        # a cover that opens with the attachment's number (附件1：, 附件二)
        ("附件1：2026年北京市统计局部门预算", "北京市统计局", "2026", "部门"),
        ("附件二2026年度福州市统计局单位预算", "福州市统计局", "2026", "单位"),
    ],
)
def test_the_cover_names_department_year_and_scope_in_either_order(cover: str, department: str, year: str, scope: str) -> None:
    text = pdf_tables.normalize(cover)
    found: dict[str, str] = {}
    for pattern in national().cover:
        match = pattern.search(text)
        if match:
            for name, value in match.groupdict().items():
                found.setdefault(name, value)
    assert found["department"] == pdf_tables.normalize(department)
    assert (found["fiscal_year"], found["scope"]) == (year, scope)


@pytest.mark.parametrize(
    ("department", "region", "level"),
    [
        ("深圳市统计局", "深圳市", "市"),
        ("中国共产党广州市委员会宣传部", "广州市", "市"),
        ("上海市普陀区财政局", "上海市普陀区", "区"),
        ("福州经济技术开发区生态环境局", "福州经济技术开发区", "区"),
    ],
)
def test_region_and_level_come_from_the_department_name(department: str, region: str, level: str) -> None:
    match = national().region_from_department.search(department)
    assert match is not None and match.group(1) == region
    assert pdf_document._level_of(match.group(1), department) == level


@pytest.mark.parametrize("template", [NATIONAL, "national_department_final_accounts"])
@pytest.mark.parametrize(
    ("department", "region"),
    [
        # a municipality printed without 市: 城 opens the next word (城市副中心, 城市规划), no part of the city's name
        ("北京城市副中心工程建设管理办公室", "北京市"),
        ("上海城市规划设计研究院", "上海市"),
        ("重庆两江新区管理委员会", "重庆市"),
        ("天津海关", "天津市"),
        # 首都 is the capital: 北京市
        ("首都绿化委员会办公室", "北京市"),
        ("中共首都精神文明建设委员会办公室", "北京市"),
        # a name that prints the municipality's 市 reads as before
        ("北京市城市管理委员会", "北京市"),
        ("上海市普陀区财政局", "上海市普陀区"),
        ("中共重庆市委宣传部", "重庆市"),
        # and a city whose name ends in 城 is still that city
        ("盐城市财政局", "盐城市"),
    ],
)
def test_the_region_a_department_name_opens_with_is_an_administrative_name(template: str, department: str, region: str) -> None:
    (described,) = [t for t in templates.all_templates() if t.name == template]
    assert pdf_document.region_of_department(described.region_from_department, department) == region
    assert pdf_document._level_of(region, department) == ("区" if region.endswith("区") else "市")


def test_a_development_zone_a_municipality_names_is_its_region() -> None:
    pattern = national().region_from_department
    assert pdf_document.region_of_department(pattern, "北京经济技术开发区管理委员会") == "北京经济技术开发区"


def test_a_national_department_is_of_the_central_level() -> None:
    assert pdf_document._level_of(None, "国家信访局") == "中央"
    assert pdf_document._level_of("广州市", "中国共产党广州市委员会宣传部") == "市"


# --- identity: what the cover, the headings and the part titles print, never a line of the contents ---


@pytest.mark.parametrize(
    "name",
    [
        "深圳市统计局",
        "中共深圳市委宣传部",
        "北京市人民政府国有资产监督管理委员会",
        "北京市信访办公室",
        "上海市普陀区人民政府万里街道办事处",
        "上海市统计和大数据研究院（上海市统计数据管理中心）",
        "广州市公职律师事务所",
        "福州市公安局巡特警支队",
        "深圳市建筑工务署",
        "广东省广州女子监狱",
        "上海市花卉良种试验场",
        "上海科技大学附属学校",
        "天津海关",
        "上海市XX局",
    ],
)
def test_a_name_that_ends_like_an_organ_is_a_department(name: str) -> None:
    assert pdf_document.organ_name(name) == (name, None)


@pytest.mark.parametrize(
    "text",
    [
        "五、一般公共预算财政拨款收支说明",  # a line of the contents
        "第三部分",  # a part heading
        "第三部分2022年度部门决算表",
        "第二部分福州市统计局",  # a name behind a part's number is the part's title, not the name
        "（一）部门概况",
        "1.机构设置",
        "部门概况",
        "主要职能",
        "目录",
        "福州市统计局2022年度部门决算表",  # a table's title
        "一般公共预算财政拨款收支情况",
        "福州市统计局概况",
        "福州市统计局....................1",  # a contents line's leader
        "江苏省高级人民法",  # half a name, wrapped
        "福州市",  # a region, not an organ
    ],
)
def test_a_line_of_the_contents_or_a_heading_is_no_department(text: str) -> None:
    assert pdf_document.organ_name(text) is None


@pytest.mark.parametrize(
    ("printed", "name", "scope"),
    [
        ("深圳市统计局（本级）", "深圳市统计局", "单位"),
        ("福州市民政局(本级)", "福州市民政局", "单位"),
        ("深圳市统计局（汇总）", "深圳市统计局", "部门"),
    ],
)
def test_the_scope_printed_after_a_name_is_read_as_its_scope(printed: str, name: str, scope: str) -> None:
    assert pdf_document.organ_name(printed) == (name, scope)


def _identity(template: str, *pages: PageLayout) -> dict:
    (described,) = [t for t in templates.all_templates() if t.name == template]
    document, _ = pdf_document.identity(described, list(pages), [])
    return document


@pytest.mark.parametrize(
    ("cover", "department", "year", "phase", "scope"),
    [
        # broken over lines, the year before the name
        (["2026年度", "福州经济技术开发区生态", "环境局", "单位预算"], "福州经济技术开发区生态环境局", 2026, "预算", "单位"),
        (["2026年", "广州市财政局部", "门预算"], "广州市财政局", 2026, "预算", "部门"),
        # （本级） after the name is the scope, whatever word follows; （汇总） is the whole department's
        (["2026年深圳市统计局（本级）部", "门预算"], "深圳市统计局", 2026, "预算", "单位"),
        (["2026年度", "福州市民政局(本级)", "单位预算"], "福州市民政局", 2026, "预算", "单位"),
        (["2026年度福州市民政局（汇总）部门预算"], "福州市民政局", 2026, "预算", "部门"),
        # the words 部门综合预算; a space between the name and 部门决算; the year after the title, or in numerals
        (["2026年度", "福州市统计局部门综合预算"], "福州市统计局", 2026, "预算", "部门"),
        (["福州市统计局 部门决算", "2022年度"], "福州市统计局", 2022, "决算", "部门"),
        (["二〇二二年度", "福州市统计局 部门决算"], "福州市统计局", 2022, "决算", "部门"),
        # a date under the title is not its year: the titles inside give it
        (["福州市统计局部门决算", "2023年7月"], "福州市统计局", None, "决算", "部门"),
        # the name first, the year after it
        (["重庆市水利局", "2026年部门预算情况说明", "一、单位基本情况"], "重庆市水利局", 2026, "预算", "部门"),
    ],
)
def test_the_cover_title_is_read_across_spaces_and_line_breaks(
    cover: list[str], department: str, year: int | None, phase: str, scope: str
) -> None:
    document = _identity(NATIONAL, _page(1, *cover))
    assert (document["department_name"], document["fiscal_year"]) == (department, year)
    assert (document.get("budget_phase"), document["scope"]) == (phase, scope)


CONTENTS = (
    "目录",
    "第一部分部门概况",
    "一、主要职能",
    "二、部门决算单位构成",
    "第二部分2022年度部门决算表",
    "一、收入支出决算总表",
    "第三部分2022年度部门决算情况说明",
    "五、一般公共预算财政拨款收支说明",
)


@pytest.mark.parametrize("template", [NATIONAL, "national_department_final_accounts"])
def test_a_line_of_the_contents_on_the_first_page_names_no_department(template: str) -> None:
    # the cover an image: the first page with text is the contents, whose lines name no organ
    document = _identity(template, _page(1), _page(2, *CONTENTS))
    assert document["department_name"] is None
    assert document["fiscal_year"] == 2022


def test_a_department_the_part_titles_print_is_the_documents_where_no_cover_is_read() -> None:
    contents = [line.replace("第二部分", "第二部分福州市统计局") for line in CONTENTS]
    document = _identity("national_department_final_accounts", _page(1, *contents))
    assert (document["department_name"], document["fiscal_year"]) == ("福州市统计局", 2022)


def test_final_accounts_read_with_the_budget_description_keep_their_own_year_and_phase() -> None:
    # a 2022 决算 filed among the 2026 budgets and read with the shared description: its year and phase are its own,
    # from its part titles where its cover is an image
    contents = [line.replace("第二部分", "第二部分福州市统计局") for line in CONTENTS]
    document = _identity(NATIONAL, _page(1), _page(2, *contents))
    assert (document["department_name"], document["fiscal_year"], document.get("budget_phase")) == ("福州市统计局", 2022, "决算")


def test_final_accounts_with_no_cover_and_no_part_titles_keep_the_phase_their_tables_print() -> None:
    titles = ["收入支出决算总表", "一般公共预算财政拨款支出决算表", "财政拨款“三公”经费支出决算表"]
    tables = [pdf_tables.PrintedTable(None, order, title, "", "万元", []) for order, title in enumerate(titles, 1)]
    document, _ = pdf_document.identity(national(), [_page(1)], tables)
    assert document.get("budget_phase") == "决算"
    # a budget's 一般公共预算 is no phase, and tables that print both phases say neither
    tables.append(pdf_tables.PrintedTable(None, 4, "收支预算总表", "", "万元", []))
    document, _ = pdf_document.identity(national(), [_page(1)], tables)
    assert document.get("budget_phase") is None


def test_a_publishers_description_reads_a_cover_its_own_patterns_miss_with_the_shared_ones() -> None:
    # the final accounts' own cover is 福州市统计局2022年度部门决算; the year before the name is the shared description's
    document = _identity("national_department_final_accounts", _page(1, "2022年度", "福州市统计局部门决算"))
    assert (document["department_name"], document["fiscal_year"]) == ("福州市统计局", 2022)


def _headed(order: int, *lines: str) -> pdf_tables.PrintedTable:
    return pdf_tables.PrintedTable(None, order, "收支总表", "", "万元", list(lines))


def test_the_tables_headings_name_the_department_where_the_cover_is_an_image() -> None:
    # a heading wrapped over two lines is one name; a heading whose words are no organ's name names nothing
    tables = [
        _headed(1, "部门名称：福州市公安局巡特警", "支队 单位：万元"),
        _headed(2, "部门名称：福州市公安局巡特警支队"),
        _headed(3, "编制单位：一般公共预算支出"),
    ]
    document, mentions = pdf_document.identity(national(), [_page(1)], tables)
    assert document["department_name"] == "福州市公安局巡特警支队"
    headings = [m["department_as_printed"] for m in mentions if m["mention_kind"] == "table_heading"]
    assert headings == ["福州市公安局巡特警支队", "福州市公安局巡特警支队"]


SHENZHEN_OWN_LEVEL = CORPUS / "深圳" / "2026年深圳市统计局部门预算.pdf"


@pytest.mark.skipif(not SHENZHEN_OWN_LEVEL.exists(), reason="the crawled corpus is not beside the project")
@pytest.mark.parametrize(
    ("path", "department"),
    [
        # 2026年深圳市统计局（本级）部 / 门预算; 2026年度 / 福州市民政局(本级) / 单位预算
        (SHENZHEN_OWN_LEVEL, "深圳市统计局"),
        (CORPUS / "福州" / "2026年福州市民政局部门预算.pdf", "福州市民政局"),
        # 2026年度 / 福州经济技术开发区生态 / 环境局 / 单位预算
        (CORPUS / "福州" / "2026年福州市生态环境局部门预算.pdf", "福州经济技术开发区生态环境局"),
    ],
)
def test_a_real_cover_is_read_across_line_breaks_and_its_own_level_is_a_units_budget(path: Path, department: str) -> None:
    page = layout(read_pages(path)[0])
    document = _identity(NATIONAL, page)
    assert (document["department_name"], document["scope"], document["fiscal_year"]) == (department, "单位", 2026)


@pytest.mark.skipif(not SHENZHEN_OWN_LEVEL.exists(), reason="the crawled corpus is not beside the project")
def test_a_real_contents_page_first_names_no_department_and_the_narrative_does() -> None:
    # 北京市审计局's first page with text prints 2026 and the contents (第一部分2026年度部门预算情况说明, 一、部门情况说明…)
    pages = [layout(page) for page in read_pages(CORPUS / "北京" / "2026年北京市审计局部门预算.pdf")[:6]]
    assert "第一部分2026年度部门预算情况说明" in pdf_document._cover_text(pages)
    document = _identity(NATIONAL, *pages)
    assert (document["department_name"], document["fiscal_year"]) == ("北京市审计局", 2026)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of the given objects (numbered from 1, the first the catalog), with its cross-reference table."""
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def _stream(content: bytes, dictionary: bytes = b"") -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(content), content)


def test_rulings_drawn_in_a_placed_form_and_an_offset_crop_box_line_up_with_the_text(tmp_path: Path) -> None:
    # the whole page is one form XObject, placed by a cm (as a PDF re-written by PDFium prints it) and moved by its
    # own /Matrix, on a page whose media box starts at -12, 12: the form's rulings and text must land in the same
    # place, and every coordinate must start at the crop box's top left corner
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    table = (
        b"0.5 w 100 400 m 300 400 l S 100 430 m 300 430 l S 100 400 m 100 430 l S 200 400 m 200 430 l S "
        b"300 400 m 300 430 l S BT /F1 10 Tf 120 410 Td (A) Tj ET BT /F1 10 Tf 220 410 Td (12.50) Tj ET"
    )
    form = _stream(table, b"/Type /XObject /Subtype /Form /BBox [0 0 600 600] /Matrix [1 0 0 1 10 0] /Resources 7 0 R")
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [-12 12 830 607] /Contents 5 0 R"
        b" /Resources << /XObject << /Fm0 6 0 R >> /Font << /F1 4 0 R >> >> >>"
    )
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, font]
    path = tmp_path / "form.pdf"
    path.write_bytes(_pdf([*objects, _stream(b"q 1 0 0 1 62 -76 cm /Fm0 Do Q"), form, b"<< /Font << /F1 4 0 R >> >>"]))
    (read,) = read_pages(path)
    assert (read.width, read.height) == (842, 595)
    (grid,) = layout(read).grids
    # the form's 100..300 across, 400..430 up: 172..372 and 324..354 on the page, then from the crop box's corner
    assert grid.xs == pytest.approx([184, 284, 384], abs=1) and grid.ys == pytest.approx([253, 283], abs=1)
    assert [cell.text for cell in grid.cells] == ["A", "12.50"]


CAPITAL_GREENING_TABLES = corpus.CORPUS / "北京" / "政府办公厅_附件2：首都绿化委员会办公室2026年度部门预算报表.pdf"


@pytest.mark.skipif(not CAPITAL_GREENING_TABLES.exists(), reason="the crawled corpus is not beside the project")
def test_a_tables_file_whose_pages_are_placed_forms_reads_every_table() -> None:
    # 首都绿化委员会办公室's 报表: each page one form moved 72 pt by a cm; page 1 prints 收入总计 5,133.737491 and
    # 上年结转结余 2.031158
    result = pdf_document.read_document(CAPITAL_GREENING_TABLES)
    assert [(t["table_key"], t["first_page"]) for t in result.tables][:6] == [
        ("revenue_expenditure_summary", 1),
        ("income_summary", 2),
        ("expenditure_summary", 3),
        ("fiscal_grant_summary", 4),
        ("general_public_by_function", 5),
        ("general_public_basic_by_economic", 6),
    ]
    # then 政府采购, 政府购买服务, the projects (预算12表项目支出绩效目标表) and 预算13表部门整体支出绩效目标表, not placed
    assert [(t["table_key"], t["first_page"]) for t in result.tables][9:] == [
        ("procurement", 10),
        ("government_purchase_services", 11),
        ("project_expenditure", 12),
        (None, 24),
    ]
    summary = {f["row_key"]: f["amount_as_printed"] for f in result.figures if f["table_order"] == 1 and f["side"] == "income"}
    assert (summary["income_total"], summary["prior_carryover"]) == ("5133.737491", "2.031158")


def _ruled_table(chars: list, segments: list, top: float, rows: list[list[str]]) -> float:
    """A table ruled on every edge from ``top`` down, its columns 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出
    (a header row, then ``rows``); returns its bottom."""
    xs = [60.0, 120.0, 260.0, 340.0, 420.0, 500.0]
    lines = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], *rows]
    ys = [top + 20.0 * index for index in range(len(lines) + 1)]
    segments += [Segment(True, y, xs[0], xs[-1]) for y in ys] + [Segment(False, x, ys[0], ys[-1]) for x in xs]
    for y, cells in zip(ys, lines, strict=False):
        for x, text in zip(xs, cells, strict=False):
            _text(chars, text, x + 3, y + 14)
    return ys[-1]


def _pages_with_a_title_at_the_foot(unit_at_the_foot: bool) -> list[Page]:
    """Page 1: 预算05表 with its grid, then 预算07表's title alone at the page's foot (and a page number); page 2:
    预算07表's grid, with no title over it (its unit line over it, or under the title on page 1)."""
    first_chars: list = []
    first_segments: list = []
    _text(first_chars, "预算05表一般公共预算支出表", 150, 60, size=14)
    _text(first_chars, "单位：万元", 430, 80)
    _ruled_table(
        first_chars,
        first_segments,
        90,
        [["201", "一般公共服务支出", "10.00", "6.00", "4.00"], ["", "合计", "10.00", "6.00", "4.00"]],
    )
    _text(first_chars, "预算07表政府性基金预算支出表", 150, 790, size=14)
    if unit_at_the_foot:
        _text(first_chars, "单位：万元", 430, 808)
    _text(first_chars, "- 5 -", 290, 830)
    second_chars: list = []
    second_segments: list = []
    if not unit_at_the_foot:
        _text(second_chars, "单位：万元", 430, 40)
    _ruled_table(
        second_chars, second_segments, 50, [["212", "城乡社区支出", "8.00", "", "8.00"], ["", "合计", "8.00", "", "8.00"]]
    )
    return [Page(1, 595, 842, first_chars, first_segments), Page(2, 595, 842, second_chars, second_segments)]


@pytest.mark.parametrize("unit_at_the_foot", [False, True], ids=["unit over the grid", "unit under the title"])
def test_a_title_at_a_page_foot_heads_the_grid_that_opens_the_next_page(unit_at_the_foot: bool) -> None:
    layouts = [layout(page) for page in _pages_with_a_title_at_the_foot(unit_at_the_foot)]
    tables, _ = pdf_tables.find_tables(layouts, national())
    assert [(t.spec.key, t.pages, t.title_as_printed, t.unit_as_printed) for t in tables] == [
        ("general_public_by_function", [1], "预算05表一般公共预算支出表", "万元"),
        ("government_fund_by_function", [2], "预算07表政府性基金预算支出表", "万元"),
    ]
    figures, _ = pdf_tables.read_figures(tables, national(), templates.function_class_codes())
    fund = {(f.row_label_as_printed, f.measure_key): f.amount_as_printed for f in figures if f.table_order == 2}
    assert fund == {
        ("城乡社区支出", "total"): "8.00",
        ("城乡社区支出", "project"): "8.00",
        ("合计", "total"): "8.00",
        ("合计", "project"): "8.00",
    }
    assert all(f.page_no == 2 for f in figures if f.table_order == 2)


def test_a_title_at_a_page_foot_over_a_page_with_its_own_title_is_an_empty_table() -> None:
    # the title and its unit at page 1's foot, page 2 opening with another table's title: 预算07表 prints no rows
    first, second = _pages_with_a_title_at_the_foot(unit_at_the_foot=True)
    _text(second.chars, "预算08表国有资本经营预算支出表", 150, 30, size=14)
    tables, _ = pdf_tables.find_tables([layout(first), layout(second)], national())
    assert [(t.spec.key, t.pages) for t in tables] == [
        ("general_public_by_function", [1]),
        ("government_fund_by_function", []),
        ("state_capital_by_function", [2]),
    ]


def test_a_grid_after_a_part_heading_continues_no_table() -> None:
    # 福州市公安局交通警察局 page 18 ends the tables, page 19 prints 第三部分 2026年度单位预算情况说明, and from page 23
    # the 项目绩效目标表 print their titles inside their grids: they are not more rows of the “三公” table
    first, second = _pages_with_a_title_at_the_foot(unit_at_the_foot=False)
    first.chars[:] = [char for char in first.chars if char.baseline < 790]
    _text(first.chars, "第三部分2026年度部门预算情况说明", 150, 790, size=14)
    tables, notes = pdf_tables.find_tables([layout(first), layout(second)], national())
    assert [(t.spec.key, t.pages) for t in tables] == [("general_public_by_function", [1])]
    assert notes == ["page 2: a table with figures but no title the template knows; its figures are not read"]


def figure(table_order: int, unit: str | None, row_key: str | None = None, row_no: int = 1) -> pdf_tables.Figure:
    return pdf_tables.Figure(
        figure_id=f"p001.t{table_order:02d}.r{row_no:03d}.c01", page_no=1, table_key="income_summary",
        table_order=table_order, table_no_as_printed="", table_title_as_printed="收入总表", printed_unit="万元",
        row_no=row_no, column_no=1, side=None,
        row_label_as_printed="", code_as_printed="", subject_kind=None, subject_code=None, code_note="", row_key=row_key,
        column_header_as_printed="合计", measure_key="total", basis="预算", figure_text_as_printed="1.00",
        amount_as_printed="1.00", printed_decimals=2, unit_name_as_printed=unit,
    )  # fmt: skip


def test_a_unit_column_places_each_line_in_its_unit() -> None:
    department = "深圳市人力资源和社会保障局"
    lines = [
        figure(1, department, "total"),
        figure(1, "深圳市人力资源和社会保障局（本级）", "total"),
        figure(1, "深圳市社会保险基金管理局", "total"),
    ]
    units = pdf_document.unit_names(lines, department)
    # the department's own line is department-wide; the others are its units
    assert units == [None, "深圳市人力资源和社会保障局（本级）", "深圳市社会保险基金管理局"]


def test_under_a_total_line_the_departments_own_name_heads_its_own_organ() -> None:
    department = "广州市统计局"
    lines = [figure(2, None, "total"), figure(2, department, "total"), figure(2, "广州市统计普查中心", "total")]
    assert pdf_document.unit_names(lines, department) == [
        None,
        "广州市统计局（本级）",
        "广州市统计普查中心",
    ]


def test_a_second_line_of_the_departments_name_is_its_own_organ() -> None:
    # 123 苏州市交通运输局 242,360.10; 123001 苏州市交通运输局 201,457.56; 123002 … : the department, then its 本级
    department = "苏州市交通运输局"
    lines = [
        figure(4, department, "total", 1),
        figure(4, department, "total", 2),
        figure(4, "苏州市交通运输综合行政执法支队", "total", 3),
    ]
    assert pdf_document.unit_names(lines, department) == [
        None,
        "苏州市交通运输局（本级）",
        "苏州市交通运输综合行政执法支队",
    ]


def test_a_table_that_prints_one_unit_is_the_departments() -> None:
    lines = [figure(3, "深圳市统计局（本级）", "total")]
    assert pdf_document.unit_names(lines, "深圳市统计局") == [None]


@dataclass
class Half:
    path: str
    result: dict | None
    status: str = "loaded"
    reason: str = ""
    message: str = ""
    doc_id: str = "0123456789abcdef"


def tables_half(path: str, income_total: str, fiscal_grant: str) -> Half:
    figures = [
        {
            "source_kind": "table",
            "table_key": "revenue_expenditure_summary",
            "row_key": key,
            "amount_as_printed": value,
            "printed_unit": "万元",
        }
        for key, value in (("income_total", income_total), ("fiscal_grant", fiscal_grant))
    ]
    return Half(path, {"document": {"department_name": None, "fiscal_year": None}, "figures": figures})


def narrative_half(path: str, department: str, amounts: list[str]) -> Half:
    document = {"department_name": department, "fiscal_year": 2026, "budget_phase": "预算", "scope": "部门"}
    return Half(path, {"document": document, "figures": [], "narrative_amounts": amounts})


def test_tables_naming_no_department_pair_with_the_narrative_that_prints_their_totals() -> None:
    tables = tables_half("附件2.pdf", "51036.219874", "50665.496773")
    narrative = narrative_half("附件1.pdf", "北京市统计局", ["51036.22", "50665.50", "0.96"])
    other = narrative_half("other.pdf", "北京市审计局", ["51036.22", "12.00"])  # one figure in common is not a pair
    pairs = pairing.pair_halves([tables, narrative, other])
    assert [(t.path, n.path) for t, n, _ in pairs] == [("附件2.pdf", "附件1.pdf")]
    assert tables.status == "loaded" and tables.result["document"]["department_name"] == "北京市统计局"
    assert (narrative.status, narrative.reason) == ("left_out", "paired")
    assert other.status == "loaded"


def test_tables_two_narratives_could_claim_stay_unpaired_and_are_left_out_as_no_identity() -> None:
    tables = tables_half("附件2.pdf", "100.00", "90.00")
    first = narrative_half("a.pdf", "甲局", ["100.00", "90.00"])
    second = narrative_half("b.pdf", "乙局", ["100.00", "90.00"])
    assert pairing.pair_halves([tables, first, second]) == []
    assert (tables.status, tables.reason, tables.result) == ("left_out", "no_identity", None)
    assert "name no department" in tables.message and "附件2.pdf" in tables.message
    assert "a.pdf" in tables.message and "b.pdf" in tables.message
    assert first.status == second.status == "loaded"


def intake_row(path: str, status: str, reason: str, sha: str = "a" * 64) -> tuple:
    return (path, sha, status, reason, f"{path}: {reason}", "d" * 16, 0.1)


def _named_tables(path: str, department: str) -> Half:
    half = tables_half(path, "100.00", "80.00")
    half.result["document"].update(department_name=department, fiscal_year=2026, budget_phase="预算", scope="部门")
    return half


def test_a_narrative_pairs_with_the_tables_that_print_its_identity() -> None:
    # 情况说明 and 报表 published apart, each naming its department: one disclosure, not two files claiming one
    tables = _named_tables("报表.pdf", "福州市统计局")
    narrative = narrative_half("情况说明.pdf", "福州市统计局", ["12.00"])
    other = narrative_half("另一情况说明.pdf", "福州市商务局", ["12.00"])
    pairs = pairing.pair_by_identity([tables, narrative, other])
    assert [(t.path, n.path) for t, n, _ in pairs] == [("报表.pdf", "情况说明.pdf")]
    assert (narrative.status, narrative.reason, other.status) == ("left_out", "paired", "loaded")


def test_a_narrative_two_tables_files_print_the_identity_of_stays_unpaired() -> None:
    first, second = _named_tables("报表.pdf", "福州市统计局"), _named_tables("报表2.pdf", "福州市统计局")
    narrative = narrative_half("情况说明.pdf", "福州市统计局", ["12.00"])
    assert pairing.pair_by_identity([first, second, narrative]) == []
    assert narrative.status == "loaded"


def test_the_corpus_gate_fails_on_a_budget_left_out_and_a_finding_not_reviewed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(corpus, "REVIEWED_LEFT_OUT", tmp_path / "reviewed.csv")
    data = {
        "intake": [
            intake_row("c/北京/a.pdf", "loaded", ""),
            intake_row("c/北京/notice.pdf", "left_out", "not_a_budget"),
            intake_row("c/北京/half.pdf", "left_out", "paired"),
            intake_row("c/北京/tables.pdf", "left_out", "no_identity", "b" * 64),
        ],
        "findings": [("d" * 16, "row", "error", False, None, "row:1", 3, "total = basic + project")],
    }
    problems = corpus.gate(data, Path("c"))
    assert len(problems) == 2
    assert "no_identity" in problems[0] and "tables.pdf" in problems[0]
    assert "finding not reviewed" in problems[1] and "p. 3" in problems[1]
    # a reviewer's verdict on the left-out file, and on the finding, clear both
    (tmp_path / "reviewed.csv").write_text(f"source_sha256,reason,verdict\n{'b' * 64},no_identity,scan\n", encoding="utf-8")
    data["findings"] = [("d" * 16, "row", "error", True, "document error", "row:1", 3, "total = basic + project")]
    assert corpus.gate(data, Path("c")) == []


def test_the_corpus_city_is_the_folder_the_file_was_filed_under(tmp_path: Path) -> None:
    (tmp_path / "广州").mkdir()
    assert corpus.city_of(str(tmp_path / "广州" / "x.pdf"), tmp_path) == "广州"
    assert corpus.city_of(str(tmp_path / "y.pdf"), tmp_path) == "."


# --- the narrative's sentences every city prints alike (issue 17, recall by class) ---


def _page(number: int, *texts: str) -> PageLayout:
    """A page of narrative: each text one line of characters, top to bottom."""
    lines = []
    for row, text in enumerate(texts):
        baseline = 100.0 + 20 * row
        lines.append(
            Line(
                [
                    Char(letter, 50 + 10 * i, baseline - 8, 60 + 10 * i, baseline + 2, 10, baseline)
                    for i, letter in enumerate(text)
                ]
            )
        )
    return PageLayout(page=number, width=595, height=842, grids=[], lines=lines)


def _claims(*pages: PageLayout) -> dict[str, dict[str, str]]:
    claims, figures = narrative.read_claims(list(pages), national(), {}, [])
    found: dict[str, dict[str, str]] = {}
    for claim in claims:
        values = {f["measure_key"]: f["amount_as_printed"] for f in figures if f["claim_id"] == claim["claim_id"]}
        found[claim["claim_kind"]] = dict(values, direction=claim["directions_as_printed"], page=str(claim["page_no"]))
    return found


@pytest.mark.parametrize(
    ("sentence", "kind", "expected"),
    [
        # 北京 prints the level it changed from; 深圳, 苏州 and 福州 leave it to the reader
        (
            "2026年度收入预算1448787.35万元，比2025年年初预算数1506121.45万元减少57334.09万元，下降3.81%。",
            "change_from_prior",
            {"amount": "1448787.35", "prior": "1506121.45", "change": "57334.09", "change_pct": "3.81", "direction": "减少/下降"},
        ),
        (
            "2026年深圳市审计局部门预算收入10,737.69万元，较2025年年初预算减少176.45万元，下降1.6%。",
            "change_on_level",
            {"amount": "10737.69", "change": "176.45", "change_pct": "1.6", "direction": "减少/下降"},
        ),
        (
            "(1)一般公共预算拨款收入186,241万元，与上年相比减少178,341.83万元，减少48.92%。",
            "change_on_level",
            {"amount": "186241", "change": "178341.83", "change_pct": "48.92", "direction": "减少/减少"},
        ),
        (
            "2026年，福州市科学技术局（本级）收入预算为70109.24万元，比上年增加20041.13万元，增长40.03%，主要原因是新增福兴实验室。",
            "change_on_level",
            {"amount": "70109.24", "change": "20041.13", "change_pct": "40.03", "direction": "增加/增长"},
        ),
    ],
)
def test_a_level_and_its_change_on_the_year_before_are_read_in_every_city_s_wording(
    sentence: str, kind: str, expected: dict[str, str]
) -> None:
    found = _claims(_page(3, sentence))
    assert {name for name in found if name.startswith("change")} == {kind}
    assert {key: found[kind][key] for key in expected} == expected


def test_a_sentence_that_runs_over_a_page_break_is_one_claim_on_the_page_it_starts() -> None:
    found = _claims(
        _page(5, "二、收入预算情况说明", "2026年度收入预算29956.27万元，比2025年年初预算"),
        _page(6, "数28479.84万元增加1476.43万元，增长5.18%。主要原因为人员增加。"),
    )
    assert found["change_from_prior"]["page"] == "5"
    assert (found["change_from_prior"]["prior"], found["change_from_prior"]["change"]) == ("28479.84", "1476.43")


def test_a_sentence_that_states_no_change_on_the_year_before_is_no_claim() -> None:
    found = _claims(_page(3, "2026年支出预算29956.27万元，其中基本支出19170.50万元。"))
    assert not [name for name in found if name.startswith("change")]
    # the year's expenditure it states is a claim of its own, held to the 收支总表's total
    assert found["expenditure_total"]["amount"] == "29956.27"


def test_placeholder_text_on_any_line_is_read_and_a_year_in_chinese_numerals_is_not() -> None:
    layouts = [_page(2, "20XX年部门预算", "公务接待费××万元", "某某单位"), _page(3, "二〇〇九年成立", "2026年部门预算")]
    found = [m for m in pdf_document._mentions(national(), layouts, []) if m["mention_kind"] == "placeholder"]
    assert [(m["page_no"], m["text_as_printed"]) for m in found] == [
        (2, "20XX年部门预算"),
        (2, "公务接待费××万元"),
        (2, "某某单位"),
    ]


def test_the_reader_and_the_models_know_the_same_placeholders(root: Path) -> None:
    macro = (root / "macros/reconciliation.sql").read_text(encoding="utf-8")
    words = macro.split("macro placeholder_pattern()")[1].split("'")[1].strip("()").split("|")
    for word in words:
        printed = word.replace("\\", "")
        assert pdf_document.PLACEHOLDER.search(f"上海市{printed}局"), printed


def test_a_three_public_table_printed_turned_reads_each_row_as_its_measure() -> None:
    # 广州 prints its “三公” table with the expenses down the side and the funds across
    files = sorted(CORPUS.glob("广州/2026年广州市*部门预算.pdf"))
    if not files:
        pytest.skip("the crawled corpus is not beside the project")
    result = pdf_document.read_document(files[0])
    totals = {
        f["measure_key"]: Decimal(str(f["amount_as_printed"]))
        for f in result.figures
        if f["table_key"] == "three_public" and f["column_header_as_printed"] == "合计" and f["measure_key"]
    }
    assert {"three_public_total", "overseas_travel", "vehicle_total", "official_reception"} <= set(totals)
    assert totals["three_public_total"] == totals["overseas_travel"] + totals["vehicle_total"] + totals["official_reception"]
