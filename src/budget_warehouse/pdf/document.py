"""One PDF budget document: its template, identity, tables, figures and narrative claims.

``read_document(path)`` returns everything the warehouse loads from the file
as plain data (``DocumentResult``), or raises ``DocumentRejected`` with a
reason code and a message naming the file (and page where one applies).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from budget_warehouse import catalogue, templates
from budget_warehouse.pdf import confirm, narrative
from budget_warehouse.pdf import tables as pdf_tables
from budget_warehouse.pdf.layout import PageLayout, layout
from budget_warehouse.pdf.text import PdfError, read_pages

# words that every budget or final-accounts disclosure prints somewhere
_BUDGET_WORDS = re.compile(r"预算|决算")
_AMOUNT_IN_TEXT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)万元")
# a form of performance targets, printed apart from the budget (项目支出绩效目标表, 部门整体预算绩效目标申报表)
_PERFORMANCE_FORM = re.compile(r"绩效目标(?:申报)?表")
_BUDGET_TABLE_WORDS = re.compile(r"(收支|收入|支出).{0,12}表|“三公”经费")
# the provincial-level municipalities, whose departments' names often print them without 市 (北京城市副中心…,
# 上海交通职业技术学院); and 首都, the capital, which names 北京市 (首都绿化委员会办公室)
_MUNICIPALITY = re.compile(r"^(?:中共|中国共产党)?(北京|天津|上海|重庆)(?!市)")
_CAPITAL = re.compile(r"^(?:中共|中国共产党)?首都")


class DocumentRejected(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class DocumentResult:
    document: dict
    tables: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    # every amount the text outside the tables prints in 万元 (a tables half is paired with its narrative by them)
    narrative_amounts: list[str] = field(default_factory=list)
    # the sentences that say something is not there (本部门无国有资本经营预算…), which explain an empty table
    explanations: list[str] = field(default_factory=list)


# what an empty table is about, by its title (the first word of these it prints), and the words that say why
# it is empty; a table whose note or narrative says neither is printed empty without saying why
EMPTY_SUBJECTS = (
    "国有资本经营预算",
    "政府性基金",
    "“三公”经费",
    "机关运行经费",
    "政府采购",
    "项目支出",
    "基本支出",
    "一般公共预算",
)
# nil in words, or an amount of 0 in 万元 or in 元 (…收入0元, as a narrative that counts in 元 prints it)
_NONE = re.compile(r"无|没有|未安排|不涉及|未使用|为0|为零|空表|无数据|(?<![\d.])0(?:\.0+)?万?元")


def explanations_of(layouts: list[PageLayout]) -> list[str]:
    """The document's sentences that say something is absent or nil (本单位无政府性基金预算…，故本表无数据)."""
    text = "".join(pdf_tables.normalize(re.sub(r"\s+", "", line.text)) for page in layouts for line in page.lines)
    return [sentence for sentence in re.split(r"[。;；]", text) if _NONE.search(sentence)]


def explanation_for(title: str | None, sentences: list[str]) -> str | None:
    """The words that say why a table titled so prints no figure, if any do: one of the things the title names
    (“三公”经费, or 一般公共预算 for its 基本支出 table) said to be nil close by (为0.00万元, 本单位无…)."""
    subjects = [word for word in EMPTY_SUBJECTS if word in pdf_tables.normalize(title or "")]
    for sentence in sentences:
        for subject in subjects:
            for found in re.finditer(re.escape(subject), sentence):
                window = sentence[max(0, found.start() - 30) : found.end() + 40]
                if _NONE.search(window):
                    return window
    return None


def _cover_text(layouts: list[PageLayout]) -> str:
    first = next((page for page in layouts if page.lines or page.grids), layouts[0])
    return "\n".join(re.sub(r"\s+", "", line.text) for line in first.lines[:12])


def _heading_departments(template: templates.Template, tables: list[pdf_tables.PrintedTable]) -> list[tuple[int, str, str]]:
    """Per table: its order, the department its heading prints, and the first word of the heading's next line
    (where a long name wraps: 部门名称：江苏省高级人民法 / 院)."""
    found = []
    if template.heading is None:
        return found
    for table in tables:
        for index, line in enumerate(table.heading_lines):
            match = template.heading.search(line)
            if match:
                after = table.heading_lines[index + 1].split() if index + 1 < len(table.heading_lines) else []
                found.append((table.order, match["department"], after[0] if after else ""))
                break
    return found


# placeholder text of an unfilled form, as the models' placeholder_pattern() macro has it; 〇〇 not inside a
# year printed in Chinese numerals (二〇〇九年)
PLACEHOLDER = re.compile(r"XX|ＸＸ|××|xx|某某|\*\*|(?<![一二三四五六七八九十〇零])〇〇(?![〇零一二三四五六七八九十年])")


def _mentions(template: templates.Template, layouts: list[PageLayout], tables: list[pdf_tables.PrintedTable]) -> list[dict]:
    """Every line outside the tables that names the year or the department the template says it does
    (table titles, 部分 titles, the line above the tables), with its page."""
    mentions = []
    for page in layouts:
        for line in page.lines:
            text = pdf_tables.normalize(line.text)
            if PLACEHOLDER.search(text):
                # a title, heading, header or sentence left unfilled (上海市XX局, 20XX年, ××万元)
                mentions.append(
                    {
                        "page_no": page.page,
                        "mention_kind": "placeholder",
                        "text_as_printed": text[:200],
                        "fiscal_year_as_printed": None,
                        "department_as_printed": None,
                    }
                )
            if "…" in text or "..." in text:
                continue
            for pattern in template.mentions:
                match = pattern.search(text)
                if match:
                    groups = match.groupdict()
                    mentions.append(
                        {
                            "page_no": page.page,
                            "mention_kind": "title",
                            "text_as_printed": text[:200],
                            "fiscal_year_as_printed": groups.get("fiscal_year"),
                            "department_as_printed": groups.get("department") or None,
                        }
                    )
                    break
    return mentions


def identity(
    template: templates.Template, layouts: list[PageLayout], tables: list[pdf_tables.PrintedTable]
) -> tuple[dict, list[dict]]:
    """Fiscal year, department, scope and region as the document prints them (cover first, then headings and
    titles); and the mentions of year and department that must agree with them."""
    cover = _cover_text(layouts)
    joined = cover.replace("\n", "")
    found: dict[str, str] = {}
    for pattern in template.cover:
        for text in [*cover.split("\n"), joined]:
            match = pattern.search(text)
            if match:
                for name, value in match.groupdict().items():
                    if value and name not in found:
                        found[name] = value
    mentions = _mentions(template, layouts, tables)
    headings = _heading_departments(template, tables)
    if "department" not in found and headings:
        names = [name for _, name, _ in headings]
        found["department"] = max(set(names), key=names.count)
    if "department" not in found and template.body:
        # a narrative whose cover is an image: the department its first pages name (北京市审计局主要职责)
        text = "".join(pdf_tables.normalize(line.text) for page in layouts[:6] for line in page.lines)
        found_names = [m["department"] for pattern in template.body if (m := pattern.search(text))]
        if found_names:
            found["department"] = found_names[0]
    if "fiscal_year" not in found:
        # a tables-only PDF has no cover: the year its titles print (2019年政府采购预算表)
        years = [m["fiscal_year_as_printed"] for m in mentions if m["fiscal_year_as_printed"]]
        if years:
            found["fiscal_year"] = max(set(years), key=years.count)
    department = found.get("department")
    pages = {table.order: (table.pages[0] if table.pages else None) for table in tables}
    for order, name, tail in headings:
        if department and name != department and name + tail.split("单位")[0] == department:
            name = department  # the name wraps onto the next line of the heading
        mentions.append(
            {
                "page_no": pages.get(order),
                "mention_kind": "table_heading",
                "table_order": order,
                "text_as_printed": name,
                "fiscal_year_as_printed": None,
                "department_as_printed": name,
            }
        )
    region = found.get("region") or template.region
    if not region and department:
        region = region_of_department(template.region_from_department, department)
    scope = found.get("scope") or template.raw.get("identity", {}).get("scope")
    level = template.region_level
    if level == "auto":
        level = _level_of(region, department)
        if level == "中央" and not region:
            region = "中央"
    document = {
        "fiscal_year": int(found["fiscal_year"]) if found.get("fiscal_year") else None,
        "department_name": department,
        "scope": scope,
        "region": region,
        "region_level": level or None,
        "title_as_printed": found.get("title") or joined[:200],
    }
    if found.get("phase"):
        document["budget_phase"] = found["phase"]
    for number, mention in enumerate(mentions, start=1):
        mention["mention_no"] = number
    return document, mentions


def region_of_department(pattern: re.Pattern[str] | None, department: str) -> str | None:
    """The region a department's name opens with, by the template's ``pattern`` (北京市统计局 → 北京市,
    上海市普陀区财政局 → 上海市普陀区); a name that opens with a municipality without 市 is of that municipality
    (北京城市副中心工程建设管理办公室 → 北京市, not 北京城市: 城 is no part of the city's name), and one that opens
    with 首都 is of 北京市."""
    if _CAPITAL.match(department):
        return "北京市"
    match = pattern.search(department) if pattern is not None else None
    region = match.group(1) if match else None
    municipality = _MUNICIPALITY.match(department)
    # the name does not print 市 after the municipality: a 市 the pattern read further on ends another word; a
    # development zone the pattern reads without one (北京经济技术开发区) stays the region
    if municipality and (region is None or "市" in region):
        return municipality.group(1) + "市"
    return region


def _level_of(region: str | None, department: str | None) -> str:
    """中央 for a national department, else the level the region's name ends with (区, 县, 市, 省)."""
    if department and re.match(r"^(?:国家|中华人民共和国|中国(?!共产党)|中央|全国)", department):
        return "中央"
    if not region:
        return ""
    if region.endswith("自治区"):
        return "省"
    return next((suffix for suffix in ("区", "县", "市", "省") if region.endswith(suffix)), "")


def recognize(path: Path, layouts: list[PageLayout]) -> templates.Template:
    text = "\n".join(line.text for page in layouts for line in page.lines)
    text += "\n" + "\n".join(cell.text for page in layouts for grid in page.grids for cell in grid.cells[:40])
    template = templates.recognize(pdf_tables.normalize(text))
    if template is not None:
        return template
    normalized = pdf_tables.normalize(text)
    shared = [t for t in templates.all_templates() if t.fallback]
    # a form's own title (项目支出绩效目标表) is no table of a budget's set, though it names 项目支出
    outside_forms = re.sub(r"\S{0,30}?绩效目标(?:申报)?表", "", normalized)
    prints_a_budget_table = any(spec.title.search(outside_forms) for t in shared for spec in t.tables)
    if _PERFORMANCE_FORM.search(normalized) and not prints_a_budget_table:
        raise DocumentRejected(
            "not_a_budget",
            f"{path}: a performance-target form (绩效目标表, 绩效目标申报表), not a budget's tables: it states goals and "
            "indicators, and the budget figures it repeats are those of the budget it belongs to",
        )
    if _BUDGET_WORDS.search(text) and _BUDGET_TABLE_WORDS.search(text):
        raise DocumentRejected(
            "unknown_template",
            f"{path}: looks like a budget or final-accounts disclosure, but its layout is none of the templates the "
            f"warehouse knows ({', '.join(t.name for t in templates.all_templates())}); a template description "
            "in templates/ would let it load",
        )
    raise DocumentRejected("not_a_budget", f"{path}: is not a budget or final-accounts disclosure (no 预算/决算 tables found)")


def read_document(path: Path, max_pages: int = 400) -> DocumentResult:
    try:
        pages = read_pages(path, max_pages=max_pages)
    except PdfError as error:
        raise DocumentRejected(error.reason, str(error)) from None
    layouts = [layout(page) for page in pages]
    template = recognize(path, layouts)
    tables, notes = pdf_tables.find_tables(layouts, template)
    classes = templates.function_class_codes()
    classes.update(pdf_tables.class_names(tables))
    figures, more_notes = pdf_tables.read_figures(tables, template, classes)
    pdf_tables.place_named_subjects(figures, template)
    notes += more_notes
    document, mentions = identity(template, layouts, tables)
    # classes printed by name only: their codes from the catalogue of the document's year
    pdf_tables.place_catalogue_names(
        figures, template, {kind: catalogue.names(kind, document["fiscal_year"]) for kind in ("function", "economic")}
    )
    # the budget units a table names in its rows, told from its classes and projects by indentation
    pdf_tables.place_units(figures, template)
    if not document["department_name"] and not figures:
        raise DocumentRejected(
            "no_identity",
            f"{path}: a budget disclosure ({len(tables)} tables recognized, no figures) that names no department in "
            "its text (cover, titles, table headings): it cannot be told from another department's",
        )
    document.update(
        template=template.name,
        budget_phase=document.pop("budget_phase", None) or template.budget_phase,
        page_count=len(pages),
        table_unit=_main_unit(tables),
    )
    main_unit = document["table_unit"]
    units = {}
    for table in tables:
        units[table.order] = table.unit_as_printed
        if table.unit_as_printed is None and table.grids and main_unit:
            # a unit line wrapped or left out (单位：万 / 元): the unit every other table prints
            units[table.order] = main_unit
            notes.append(f"page {table.pages[0]}: table {table.title_as_printed!r} prints no legible unit; read in {main_unit}")
    headings = {m["table_order"]: m["department_as_printed"] for m in mentions if m["mention_kind"] == "table_heading"}
    table_rows = []
    explanations = explanations_of(layouts)
    for table in tables:
        count = sum(1 for figure in figures if figure.table_order == table.order)
        heading = headings.get(table.order)
        table_rows.append(
            {
                "table_order": table.order,
                "table_key": table.spec.key if table.spec else None,
                "table_no_as_printed": table.table_no_as_printed,
                "table_title_as_printed": table.title_as_printed,
                "printed_unit": table.unit_as_printed,
                "first_page": table.pages[0] if table.pages else None,
                "last_page": table.pages[-1] if table.pages else None,
                "figure_count": count,
                "heading_department_as_printed": heading,
                "note_as_printed": " ".join(table.notes)[:500] or None,
                "measures_printed": " ".join(sorted(table.measures)) or None,
                "empty_explained_as_printed": (
                    next((note[:200] for note in table.notes if _NONE.search(note)), None)
                    or explanation_for(table.title_as_printed, explanations)
                    if count == 0
                    else None
                ),
            }
        )
    rows = [
        dict(vars(figure))  # its fields are plain values: a shallow copy is the record (asdict deep-copies)
        | {"printed_unit": units.get(figure.table_order) or figure.printed_unit, "source_kind": "table", "unit_name": unit}
        for figure, unit in zip(figures, unit_names(figures, document["department_name"]), strict=True)
    ]
    footings, rows = confirm.confirm(tables, rows)
    for table_row in table_rows:
        footing = footings.get(table_row["table_order"])
        table_row.update(
            reading_status=footing.status if footing and table_row["figure_count"] else None,
            identities_footed=footing.identities if footing else 0,
            identities_failed=len(footing.failures) if footing else 0,
            failing_lines=footing.lines if footing and footing.failures else None,
            reading_note_zh=footing.note_zh or None if footing else None,
            reading_note_en=footing.note_en or None if footing else None,
        )
    claims, claim_figures = narrative.read_claims(layouts, template, document, tables, rows)
    amounts = sorted(
        {
            str(Decimal(match[1].replace(",", "")))
            for page in layouts
            for line in page.lines
            for match in _AMOUNT_IN_TEXT.finditer(pdf_tables.normalize(line.text))
        }
    )
    return DocumentResult(document, table_rows, rows + claim_figures, claims, notes, mentions, amounts, explanations)


def unit_names(figures: list[pdf_tables.Figure], department: str | None) -> list[str | None]:
    """The budget unit each figure's line is of: None for the department's own lines (no unit column, the
    department's name in it, or the only name a table prints there), else the unit's name as printed. The
    department's name heads the department's line, unless a 合计 line of the table is the department's (or an
    earlier line already bears the name): then it heads its own organ's line (本级)."""
    names: dict[int, set[str | None]] = {}
    has_total: dict[int, bool] = {}
    first_row: dict[tuple[int, str], int] = {}
    for figure in figures:
        order, name = figure.table_order, figure.unit_name_as_printed
        names.setdefault(order, set()).add(name)
        has_total[order] = has_total.get(order, False) or (name is None and figure.row_key == "total")
        if name is not None:
            key = (order, name)
            first_row[key] = min(first_row.get(key, figure.row_no), figure.row_no)
    own = pdf_tables.normalize(department) if department else None
    units: list[str | None] = []
    for figure in figures:
        order, name = figure.table_order, figure.unit_name_as_printed
        if name is None:
            units.append(None)
        elif own is not None and pdf_tables.normalize(name) == own:
            if has_total[order] or figure.row_no != first_row[(order, name)]:
                units.append(name if name.endswith(("本级）", "本级)")) else f"{name}（本级）")
            else:
                units.append(None)
        else:
            units.append(None if len(names[order]) == 1 else name)
    return units


def _main_unit(tables: list[pdf_tables.PrintedTable]) -> str | None:
    units = [table.unit_as_printed for table in tables if table.unit_as_printed and table.grids]
    return max(set(units), key=units.count) if units else None
