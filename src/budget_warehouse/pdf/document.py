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
from budget_warehouse.pdf import confirm, coverage, narrative
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
    # per page of financial tables: the amounts it prints and how many of them are read as figures (pdf.coverage)
    pages: list[dict] = field(default_factory=list)


# what an empty table is about, by its title (the first word of these it prints), and the words that say why
# it is empty; a table whose note or narrative says neither is printed empty without saying why
EMPTY_SUBJECTS = (
    "国有资本经营预算",
    "政府性基金",
    "“三公”经费",
    "机关运行经费",
    "政府采购",
    "政府购买服务",
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
    """The first lines of the first page that prints anything, each with its spaces taken out (…局 部门决算), and a
    year printed in Chinese numerals read in digits (二〇二二年度 → 2022年度)."""
    first = next((page for page in layouts if page.lines or page.grids), layouts[0])
    lines = (re.sub(r"\s+", "", line.text) for line in first.lines[:12])
    return "\n".join(_YEAR_IN_NUMERALS.sub(lambda m: m[0].translate(_NUMERALS), line) for line in lines)


# a year printed in Chinese numerals (二〇二二年), and its digits
_YEAR_IN_NUMERALS = re.compile(r"二[〇零○][〇零○一二三四五六七八九]{2}(?=年)")
_NUMERALS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


def _cover_windows(cover: str) -> list[str]:
    """The texts the cover's title may be printed in: each line, then every run of consecutive lines read as one
    (a title broken over lines: 2026年度 / 福州经济技术开发区生态 / 环境局 / 单位预算), each run from the line it
    starts on, so that a pattern anchored with ^ reads a name from where its line begins."""
    lines = [line for line in cover.split("\n") if line]
    runs = ["".join(lines[start:end]) for start in range(len(lines)) for end in range(start + 2, len(lines) + 1)]
    return lines + runs


# --- a department is the name of an organ ---------------------------------------------------------------------------
# The word an organ's name ends with, from the names the corpus and the shipped documents print as a department or a
# budget unit (局, 委员会, 办公室/室, 办公厅/厅, 院, 部, 中心, 站, 所, 处, 队, 馆, 监狱, 署, 场, 团, 台, 校) and the organs
# of the same kinds that publish a budget elsewhere (委: 中共…市委; 办; 政府 and 镇/乡/街道, the local governments; 社;
# 司; 学/园: schools; 联/协: 妇联, 科协, 政协; 宫; 海关; 库, a reserve depot). A line of the contents or a heading
# ends otherwise (…收支说明, …部门决算表, 第三部分, 部门概况).
_ORGAN_END = re.compile(
    r"(?:局|会|委|室|厅|办|院|部|中心|站|所|处|队|馆|监狱|署|场|团|台|校|学|园|社|司|政府|镇|乡|街道|联|协|宫|海关|库)$"
)
# the numbering of a contents line or a heading: 五、 (一) 1. 第三部分
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十百\d]+[)）]|\d+[、.．)）]|第[一二三四五六七八九十百\d]+(?:部分|章|节|篇))"
)
# words of a contents line, a part heading or a table title, never of an organ's name; a year; the punctuation of a
# sentence or a contents line's leader dots
_NOT_AN_ORGAN = re.compile(
    r"部分|目录|说明|情况|概况|收支|名词解释|(?:部门|单位)(?:综合)?(?:预算|决算)|预算表|决算表|20\d\d年|年度|[:：，,。；;…]|\.\."
)
# the scope a name prints after it: （本级）, the department's own organ (a 单位's budget), or （汇总）, the department with
# its units (the 部门's)
_PRINTED_SCOPE = re.compile(r"\s*[(（](本级|汇总)[)）]$")
SCOPE_OF = {"本级": "单位", "汇总": "部门"}
# the phase a table's title prints (一般公共预算财政拨款支出决算表, 收支预算总表), not 一般公共预算 inside it
_TITLE_PHASE = re.compile(r"(预算|决算)(?:总|明细|情况)?表")
_ALIAS = re.compile(r"\s*[(（][^(（)）]*[)）]$")


def organ_name(printed: str | None) -> tuple[str, str | None] | None:
    """The department a candidate text names, and the scope it prints after the name (（本级） → 单位, （汇总） →
    部门), or None where the text is no organ's name: numbered (五、, (一), 1., 第三部分), a word of the contents or a
    heading (部分, 目录, 说明, 情况, 概况, 收支, 部门预算, 决算表), a year, a sentence's punctuation, or an ending no
    organ's name has. A name's alias in brackets (上海市统计和大数据研究院（上海市统计数据管理中心）) is kept."""
    if not printed:
        return None
    name = printed.strip()
    scope = None
    match = _PRINTED_SCOPE.search(name)
    if match:
        name, scope = name[: match.start()], SCOPE_OF[match[1]]
    core = name
    while (alias := _ALIAS.search(core)) and alias.start() > 0:
        core = core[: alias.start()]
    if not 3 <= len(core) <= 50 or _NUMBERED.search(core) or _NOT_AN_ORGAN.search(core) or not _ORGAN_END.search(core):
        return None
    return name, scope


def _shared() -> templates.Template | None:
    return next((t for t in templates.all_templates() if t.fallback), None)


def _heading_departments(
    heading: re.Pattern[str] | None, tables: list[pdf_tables.PrintedTable]
) -> list[tuple[int, str | None, str]]:
    """Per table: its order, the department its heading prints (None where what it prints there is no organ's
    name), and the first word of the heading's next line (where a long name wraps: 部门名称：江苏省高级人民法 / 院,
    read as one name where the first line alone names no organ)."""
    found: list[tuple[int, str | None, str]] = []
    if heading is None:
        return found
    for table in tables:
        for index, line in enumerate(table.heading_lines):
            match = heading.search(line)
            if match:
                after = table.heading_lines[index + 1].split() if index + 1 < len(table.heading_lines) else []
                tail = after[0] if after else ""
                name = match["department"]
                if organ_name(name) is None and organ_name(wrapped := name + tail.split("单位")[0]) is not None:
                    name = wrapped
                found.append((table.order, name if organ_name(name) is not None else None, tail))
                break
    return found


# placeholder text of an unfilled form, as the models' placeholder_pattern() macro has it; 〇〇 not inside a
# year printed in Chinese numerals (二〇〇九年)
PLACEHOLDER = re.compile(r"XX|ＸＸ|××|xx|某某|\*\*|(?<![一二三四五六七八九十〇零])〇〇(?![〇零一二三四五六七八九十年])")


def _mentions(
    template: templates.Template,
    layouts: list[PageLayout],
    tables: list[pdf_tables.PrintedTable],
    phases: list[str] | None = None,
) -> list[dict]:
    """Every line outside the tables that names the year or the department the template says it does
    (table titles, 部分 titles, the line above the tables), with its page; the phase each of them prints, where
    it prints one, is added to ``phases``."""
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
                    # a part heading or a contents line names no department (第三部分 2022年度部门决算表)
                    named = organ_name(groups.get("department"))
                    mentions.append(
                        {
                            "page_no": page.page,
                            "mention_kind": "title",
                            "text_as_printed": text[:200],
                            "fiscal_year_as_printed": groups.get("fiscal_year"),
                            "department_as_printed": groups.get("department") if named else None,
                        }
                    )
                    if phases is not None and groups.get("phase"):
                        phases.append(groups["phase"])
                    break
    return mentions


def _cover_fields(patterns: list[re.Pattern[str]], cover: str) -> dict[str, str]:
    """What the cover prints, by the first pattern that reads each field: from each line, then from runs of
    lines (a title broken over lines); a match whose department is no organ's name (a line of the contents, a part
    heading) is no title, and none of its fields is taken."""
    found: dict[str, str] = {}
    for pattern in patterns:
        for text in _cover_windows(cover):
            match = pattern.search(text)
            if not match:
                continue
            fields = {name: value for name, value in match.groupdict().items() if value}
            if "department" in fields:
                named = organ_name(fields["department"])
                if named is None:
                    continue
                fields["department"] = named[0]
                if named[1]:
                    # （本级） or （汇总） after the name says the scope, whatever word follows (…（本级）部门预算)
                    fields["scope"] = named[1]
                    found.setdefault("printed_scope", named[1])
            for name, value in fields.items():
                found.setdefault(name, value)
    if "printed_scope" in found:
        found["scope"] = found.pop("printed_scope")
    return found


def _most_common(values: list[str]) -> str | None:
    """The value printed most often, the first printed of those tied."""
    return max(values, key=values.count) if values else None


def identity(
    template: templates.Template, layouts: list[PageLayout], tables: list[pdf_tables.PrintedTable]
) -> tuple[dict, list[dict]]:
    """Fiscal year, department, scope and region as the document prints them (cover first, then the tables'
    headings, the titles of its parts, its narrative's first pages); and the mentions of year and department that
    must agree with them. A department is the name of an organ (``organ_name``); where the publisher's own
    description reads none, the shared description's patterns are read too."""
    shared = _shared()
    fallback = shared if shared is not None and shared is not template else None
    cover = _cover_text(layouts)
    joined = cover.replace("\n", "")
    found = _cover_fields(template.cover, cover)
    if "department" not in found and fallback is not None:
        for name, value in _cover_fields(fallback.cover, cover).items():
            found.setdefault(name, value)
    phases: list[str] = []
    mentions = _mentions(template, layouts, tables, phases)
    heading = template.heading or (fallback.heading if fallback else None)
    headings = _heading_departments(heading, tables)
    if "department" not in found:
        names = [name for _, name, _ in headings if name]
        if names:
            found["department"] = _most_common(names)
    if "department" not in found:
        # the titles of the parts and tables (第二部分 北京市统计局2024年度部门决算表)
        names = [m["department_as_printed"] for m in mentions if m["department_as_printed"]]
        if names:
            found["department"] = _most_common(names)
    body = template.body or (fallback.body if fallback else [])
    if "department" not in found and body:
        # a narrative whose cover is an image: the department its first pages name (北京市审计局主要职责)
        text = "".join(pdf_tables.normalize(line.text) for page in layouts[:6] for line in page.lines)
        for pattern in body:
            named = next((n for m in pattern.finditer(text) if (n := organ_name(m["department"]))), None)
            if named:
                found["department"] = named[0]
                break
    if found.get("department"):
        named = organ_name(found["department"])
        if named and named[1]:
            found["department"] = named[0]
            found["scope"] = named[1]
    if "fiscal_year" not in found:
        # a tables-only PDF has no cover: the year its titles print (2019年政府采购预算表)
        years = [m["fiscal_year_as_printed"] for m in mentions if m["fiscal_year_as_printed"]]
        if years:
            found["fiscal_year"] = max(set(years), key=years.count)
    if "phase" not in found:
        # no cover read: the phase the titles of its parts print (第三部分 2022年度部门决算表), not the one the
        # description that reads its tables expects
        phase = _most_common(phases)
        if phase is None:
            # nor any part title: the phase its tables' titles print (收入支出决算总表), where they print one only
            titles = [pdf_tables.normalize(table.title_as_printed or "") for table in tables]
            printed = {match[1] for title in titles if (match := _TITLE_PHASE.search(title))}
            phase = printed.pop() if len(printed) == 1 else None
        if phase:
            found["phase"] = phase
    department = found.get("department")
    pages = {table.order: (table.pages[0] if table.pages else None) for table in tables}
    for order, name, tail in headings:
        if not name:
            continue  # what the heading prints there is no organ's name
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
    # what the pages of financial tables print, before the table reader joins a wrapped cell's tail into its cell
    printed = coverage.page_amounts(layouts)
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
                "measures_printed": " ".join(sorted(table.measures)) or None,  # side:measure
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
    income = (template.raw.get("income") or "").split()
    footings, rows = confirm.confirm(tables, rows, income=(income[0], income[1] if len(income) > 1 else None) if income else None)
    _unconfirm_jammed(tables, footings, rows)
    _unconfirm_unknown_names(tables, footings, rows)
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
    pages = coverage.coverage(printed, rows)
    return DocumentResult(document, table_rows, rows + claim_figures, claims, notes, mentions, amounts, explanations, pages)


def _unconfirm_jammed(tables: list[pdf_tables.PrintedTable], footings: dict, rows: list[dict]) -> None:
    """A table with a page whose grid the reader could not take apart (a cell prints several amounts run together:
    rulings it does not see) is not confirmed, whatever its read figures foot to: what it prints there is not read,
    so no check may blame the document for the sums it breaks."""
    for table in tables:
        footing = footings.get(table.order)
        if not table.jammed_pages or footing is None or footing.status == confirm.UNCONFIRMED:
            continue
        pages = "、".join(str(page) for page in sorted(table.jammed_pages))
        pages_en = ", ".join(str(page) for page in sorted(table.jammed_pages))
        footing.status = confirm.UNCONFIRMED
        footing.note_zh = (
            f"第 {pages} 页 {table.title_as_printed}：表格的列未能分开读取（一个单元格中印有多个金额），"
            "这些页的数字未读；此表的数字已载入但未经确认，不据以报告错误"
        )
        footing.note_en = (
            f"p. {pages_en}: {table.title_as_printed}: the grid was not taken apart (a cell prints several amounts run "
            "together), so what those pages print is not read; the table's figures are loaded unconfirmed and no "
            "finding is raised from them"
        )
        for row in rows:
            if row["table_order"] == table.order:
                row["reading_status"] = confirm.UNCONFIRMED


def _unconfirm_unknown_names(tables: list[pdf_tables.PrintedTable], footings: dict, rows: list[dict]) -> None:
    """A table of classes that prints its 款 and 项 by name only (their codes from the catalogue of classification
    names) and a line whose name the catalogue does not know (公务员医疗补助 where no document of the year printed
    2101103) is not confirmed: that line has no code, so the lines above it cannot be checked against their parts,
    and the facts by code would leave it out; its figures are loaded, flagged, and one note names the lines not
    coded. A table that prints its codes, or codes only its 类 by name, is read as printed."""
    for table in tables:
        if table.spec is None or table.spec.sides:
            # a summary (收支总表, 财政拨款收支总表) prints lines of its own beside the classes of one side (深圳's
            # 1.财政拨款结余、结转 under them): a line it does not code there is one of those, no class
            continue
        figures = [row for row in rows if row["table_order"] == table.order]
        by_name = any(
            len(row.get("subject_code") or "") >= 5 and not (row.get("code_as_printed") or "").strip() for row in figures
        )
        if not by_name or any((row.get("code_as_printed") or "").strip() for row in figures):
            continue
        unknown = sorted(
            {
                (row.get("page_no") or 0, row["row_label_as_printed"])
                for row in figures
                if row.get("measure_key")
                and not row.get("subject_code")
                and not row.get("row_key")
                and (row.get("row_label_as_printed") or "").strip()
            }
        )
        footing = footings.get(table.order)
        if not unknown or (footing is not None and footing.status == confirm.UNCONFIRMED):
            continue
        if footing is None:
            footing = footings[table.order] = confirm.Footing(table.order, confirm.UNCONFIRMED)
        names = "、".join(f"“{name}”" for _, name in unknown[:3]) + ("等" if len(unknown) > 3 else "")
        names_en = ", ".join(name for _, name in unknown[:3]) + (" …" if len(unknown) > 3 else "")
        names_en += " is no name" if len(unknown) == 1 else " are no names"
        page = unknown[0][0]
        footing.status = confirm.UNCONFIRMED
        footing.note_zh = (
            f"第 {page} 页 {table.title_as_printed}：此表只印科目名称，{names}不是分类科目名称目录中的名称，未能编码；"
            "其上级科目无法与其下各行核对，此表的数字已载入但未经确认，不据以报告错误"
        )
        footing.note_en = (
            f"p. {page}: {table.title_as_printed}: the table prints its classes by name only and {names_en} of the "
            "catalogue of classification names, so they have no code and the lines above them cannot be checked against "
            "their parts; the table's figures are loaded unconfirmed and no finding is raised from them"
        )
        for row in figures:
            row["reading_status"] = confirm.UNCONFIRMED


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
