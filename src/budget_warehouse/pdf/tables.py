"""The tables of a document, read from its ruled grids with a template's description.

A table starts at a grid whose title (the text above it, since the previous
grid) matches a table of the template; a grid with no title above it
continues the table before it, possibly on the next page, unless the
previous page ends with a title (and its unit line) and nothing else: then
the grid that opens the page is that title's table; and none continues a
table across the heading of a part of the document (第三部分).  The header rows
are the rows above the first row that prints a number; each column's header
path is the header cells above it, top to bottom (a merged header cell
heads every column under it).  In the body, each cell is one of:

* a code cell, in a column whose header says 编码/代码/类/款/项: part of the
  row's classification code (``204 | 06 | 01`` or ``2040601``);
* a figure: a number in any other column, with its row's label and code and
  its column's header path, which the template maps to a measure;
* a label: any other text.  A row may print several label-and-figure groups
  side by side (收入 beside 支出): a figure takes the labels of its own group,
  the cells between the previous value column and itself.

Nothing here is particular to a template: the template gives the title
patterns, the header patterns of its measures and the labels of its rows.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal

from budget_warehouse.pdf.layout import Cell, Grid, Line, PageLayout
from budget_warehouse.templates import TableSpec, Template

# thousands grouped by commas, or only the last ones (125360,898: a publisher that groups the last three digits)
AMOUNT = re.compile(r"^-?(?:\d+(?:,\d{3})+|\d+)(?:\.\d+)?$")
_CODE_HEADER = re.compile(r"编码|代码|(?:^|/)[类款项]$")
# a column of no amounts: row numbers, codes of units, and a performance indicator's value (本年绩效指标值: ≥ 90 %)
_IGNORED_HEADER = re.compile(r"序号|行次|栏次|(?:单位|部门)(?:代码|编码)|指标值")
# a row that numbers the columns below the header
_NUMBERING_ROWS = {"栏次", "行次", "序号", "栏目"}
_YEAR = re.compile(r"(?<!\d)(20\d\d)年")
# what a cell prints for nothing, where a figure would go: a dash or a slash
_NIL = re.compile(r"^[-—–－―/／]+$")


def _is_earlier_year(header: str, this_year: str) -> bool:
    """A column header that names a year before the table's latest one (2025年预算数 beside 2026年预算数)."""
    return any(year < this_year for year in _YEAR.findall(header))


# what a numbering row prints where a label goes: nothing, marks (* ** —), the letters of the label columns (甲 乙)
_NUMBERING_MARKS = re.compile(r"^(?:[*＊·—\-–]+|[甲乙丙丁戊]|[A-Da-d])$")


def is_numbering_row(labels: list[str], amounts: list[str]) -> bool:
    """A row that numbers the columns under the header (栏次 | 1 | 2 | 3 …, ** | 1 | 2 | 3, 甲 | 乙 | 1 | 2): its
    labels say so or are marks, and its figures are whole numbers counting up by one from left to right (from 1
    again where a summary prints its sides side by side)."""
    keys = [label_key(label) for label in labels if label.strip()]
    if any(key in _NUMBERING_ROWS for key in keys):
        return True
    if len(amounts) < 2 or not all(_NUMBERING_MARKS.match(key) for key in keys):
        return False
    if any("." in amount or "," in amount for amount in amounts):
        return False
    numbers = [int(amount) for amount in amounts]
    return numbers[0] in (0, 1) and all(b - a == 1 or b == 1 for a, b in zip(numbers, numbers[1:], strict=False))


# a classification code and its name in one cell (201 一般公共服务支出, 2010301行政运行): 3, 5 or 7 digits, then
# a name that does not start with a digit or with a word a year or a count takes (2026年, 12个)
_CODE_AND_NAME = re.compile(r"^([235]\d{2}(?:\d{2}){0,2})(?![\d年月日个项号.])(\D.*)$")
_BRACKETED_CODE = re.compile(r"^[\[【]([235]\d{2}(?:\d{2}){0,2})[\]】](\S.*)$")
# a column naming the budget unit each row is of (预算单位, 单位名称): a unit's line and the lines under it
_UNIT_HEADER = re.compile(r"^(?:预算单位|单位名称|部门名称|部门\(单位\)名称|单位)$")
_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元|千元|亿元)")
# a unit printed in a column's header, in brackets: 预算数（万元）, 金额(单位:元)
_HEADER_UNIT = re.compile(r"\((?:(?:金额)?单位[:：])?(万元|元|千元|亿元)\)")
# the line under a table's title: its unit or the department that drew it up
_HEADING = re.compile(r"单位[:：]|编制(?:部门|单位)|部门(?:名称)?[:：]")
# the heading of a part of the document (第三部分 …预算情况说明): the tables before it end there
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
# a page number printed at the foot or head of a page (3, - 3 -, 第3页, 3/12)
_PAGE_NUMBER = re.compile(r"^[-—–]*(?:第)?\d{1,4}(?:页)?(?:/(?:共)?\d{1,4}页?)?[-—–]*$")
_TABLE_NO = re.compile(r"^(?:公开\d+表|表[一二三四五六七八九十]+|\d{1,2}\s*[.．、]|[一二三四五六七八九十]+、)")
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d+\s*[、.．](?!\d)|[（(][一二三四五六七八九十\d]+[)）]|其中\s*[:：])+"
)
_GENERIC_ROWS = [
    (re.compile(r"^(?:合计|总计)$"), "total"),
    (re.compile(r"^人员经费合计$"), "personnel_total"),
    (re.compile(r"^公用经费合计$"), "public_expenses_total"),
]


_QUOTE = re.compile(r'"([^"]*)"')


def normalize(text: str) -> str:
    """Text for matching: NFKC (full-width to half-width), no whitespace, and every pair of double quotes the
    Chinese ones (\"三公\" and 「三公」 read as “三公”, as the descriptions write them)."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if '"' in text or "「" in text or "『" in text:
        text = _QUOTE.sub(r"“\1”", text).translate(_CORNER_QUOTES)
    return text


_CORNER_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "“", "』": "”"})


def label_key(text: str) -> str:
    """A row label for matching: normalized, its ordinal (一、 1. （一） 其中：) removed, 其它 spelled 其他."""
    return _ORDINAL.sub("", normalize(text)).replace("其它", "其他")


def amounts_in(cell: Cell) -> list[str]:
    """The amounts a cell prints as pieces of its lines apart (a grid the reader did not take apart prints a row's
    102.000000 and the next one's 50.000000 in one cell), where the cell as a whole reads as no one amount."""
    return [
        value
        for line in cell.lines
        for piece in line.runs()
        if (found := parse_amount(piece.text)) and ("." in (value := found[0]) or "," in piece.text)
    ]


def parse_amount(text: str) -> tuple[str, int] | None:
    """The printed number as a plain decimal string and its number of decimals, or None if not a number."""
    value = normalize(text).replace("−", "-")
    if not AMOUNT.match(value):
        return None
    plain = value.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return str(Decimal(plain)), decimals


@dataclass
class PrintedTable:
    spec: TableSpec | None
    order: int
    title_as_printed: str
    table_no_as_printed: str
    unit_as_printed: str | None
    heading_lines: list[str]
    grids: list[Grid] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # a table the template does not know (its figures not read): the page it is printed on
    page: int | None = None
    # the measures its columns' headers name, on their side (side:measure), figures printed under them or not
    measures: set[str] = field(default_factory=set)
    # pages whose grid the reader could not take apart: a cell prints several amounts run together (rulings it
    # does not see), so what the table prints there is not read and its arithmetic cannot confirm the reading
    jammed_pages: set[int] = field(default_factory=set)

    @property
    def pages(self) -> list[int]:
        return sorted({grid.page for grid in self.grids}) if self.grids or self.page is None else [self.page]


@dataclass
class Figure:
    figure_id: str
    page_no: int
    table_key: str | None
    table_order: int
    table_no_as_printed: str
    table_title_as_printed: str
    printed_unit: str | None
    row_no: int
    column_no: int
    side: str | None
    row_label_as_printed: str
    code_as_printed: str
    subject_kind: str | None
    subject_code: str | None
    code_note: str
    row_key: str | None
    column_header_as_printed: str
    measure_key: str | None
    basis: str
    figure_text_as_printed: str
    amount_as_printed: str
    printed_decimals: int
    parent_figure_id: str | None = None
    # the budget unit the row is of, where the table prints a unit column (预算单位): the document's department
    # line or one of its units (pdf.document tells which, once the department is read)
    unit_name_as_printed: str | None = None
    # the other measure its column's header may mean (the template's alternative), for the confirmation to try
    measure_alternative: str | None = None
    # in a table that names its budget units in its rows: how far the row's label is indented, and the height of
    # its first character (the scale of one step of indentation)
    label_indent: tuple[float, float] | None = None


def _title_for(lines: list[Line], template: Template) -> tuple[TableSpec | None, Line | None, int]:
    """The table whose title is printed in these lines (searching upwards), with the title line and its index."""
    for index in range(len(lines) - 1, -1, -1):
        text = normalize(lines[index].text)
        if "…" in text or "..." in text:
            continue  # a table of contents entry
        for spec in template.tables:
            if spec.title.search(text):
                return spec, lines[index], index
    return None, None, -1


def _looks_like_title(text: str) -> bool:
    text = normalize(text)
    return 4 <= len(text) <= 60 and re.search(r"表(?:\([^()]{1,16}\))?$", text) is not None and "…" not in text


def _title_rows(grid: Grid) -> tuple[list[Line], Grid]:
    """A grid that rules its own title, unit and heading lines (a spreadsheet printed whole: 预算01表收支总表 and
    金额单位：万元 in cells of their own above the header): those lines, and the grid below them."""
    rows = len(grid.ys) - 1
    taken = 0
    lines: list[Line] = []
    for row in range(rows):
        if row < taken:
            continue
        cells = [cell for cell in grid.cells if cell.row0 == row and cell.text.strip()]
        if any(cell.row1 - 1 > row for cell in cells):
            # one cell over several rows that prints the title and its unit line (北京市公安局's 预算11表项目支出绩效目标表
            # / 金额单位：万元 merged across the grid's top), no other text beside it in those rows
            (cell, *others) = cells
            beside = [c for c in grid.cells if row < c.row0 < cell.row1 and c.text.strip()]
            if others or beside or not any(_looks_like_title(line.text) for line in cell.lines):
                break
            lines.extend(cell.lines)
            taken = cell.row1
            continue
        if not cells:
            if lines or row == taken:
                taken = row + 1
                continue
            break
        texts = [normalize(cell.text) for cell in cells]
        if len(cells) <= 2 and any(_looks_like_title(text) or _UNIT.search(text) or _HEADING.search(text) for text in texts):
            lines.extend(line for cell in cells for line in cell.lines)
            taken = row + 1
            continue
        break
    if not lines or taken >= rows:
        return [], grid
    cells = [
        Cell(cell.row0 - taken, cell.row1 - taken, cell.col0, cell.col1, cell.x0, cell.top, cell.x1, cell.bottom, cell.lines)
        for cell in grid.cells
        if cell.row0 >= taken
    ]
    return sorted(lines, key=lambda line: (line.y_mid, line.x0)), Grid(grid.page, grid.xs, grid.ys[taken:], cells)


def _is_heading(line: Line) -> bool:
    """A line that goes with a table's title: its unit, the department that drew it up, or a page number."""
    text = normalize(line.text)
    return bool(_HEADING.search(text) or _UNIT.search(text) or _PAGE_NUMBER.match(text))


@dataclass
class _FootTitle:
    """A table's title printed at the foot of a page, nothing but its heading lines under it: the lines from the
    two above the title to the page's end, the title's index in them, and the empty table it is if no grid opens
    the next page (the title's heading printed, its rows not)."""

    spec: TableSpec
    lines: list[Line]
    title_index: int
    empty: PrintedTable | None


def find_tables(layouts: list[PageLayout], template: Template) -> tuple[list[PrintedTable], list[str]]:
    """The template's tables in reading order, each with its grids; and notes on grids no table claims."""
    tables: list[PrintedTable] = []
    notes: list[str] = []
    current: PrintedTable | None = None
    foot: _FootTitle | None = None
    unplaced: list[PrintedTable] = []

    def add_empty(table: PrintedTable) -> PrintedTable:
        table.order = len(tables) + 1
        tables.append(table)
        return table

    for layout in layouts:
        previous_bottom = 0.0
        for grid in layout.grids:
            above = [line for line in layout.lines if previous_bottom - 1 <= line.y_mid <= grid.top + 1]
            own_lines, trimmed = _title_rows(grid)
            if own_lines and _title_for(own_lines, template)[0] is not None:
                above, grid = [*above, *own_lines], trimmed
            elif own_lines and any(_looks_like_title(line.text) for line in own_lines):
                # a title the template does not know in the grid's own top rows (北京's 预算13表部门整体支出绩效目标表,
                # 福州's …项目绩效目标表 under its part's heading 1.项目支出绩效目标表): the grid's table, neither the
                # continuation of the table before it nor the table a heading above it names
                above, grid = own_lines, trimmed
            spec, title_line, title_index = _title_for(above, template)
            if foot is not None:
                if spec is None and all(_is_heading(line) for line in above):
                    # the title at the previous page's foot is this grid's, the first of its page
                    title_index = foot.title_index
                    above = [*foot.lines, *above]
                    spec, title_line = foot.spec, above[title_index]
                elif foot.empty is not None:
                    current = add_empty(foot.empty)
                foot = None
            if spec is not None and title_line is not None:
                after = above[title_index:]
                before = above[max(0, title_index - 2) : title_index]
                # the unit line under the title; else one above it (a unit printed once at the head of the page)
                unit = next((m[1] for line in after if (m := _UNIT.search(normalize(line.text)))), None) or next(
                    (m[1] for line in reversed(above[:title_index]) if (m := _UNIT.search(normalize(line.text)))), None
                )
                number_match = _TABLE_NO.match(normalize(title_line.text))
                table_no = number_match.group(0) if number_match else ""
                if not table_no:
                    table_no = next(
                        (
                            normalize(line.text)
                            for line in before
                            if re.fullmatch(r"(?:公开|预算)?\d+表|表\d+|表[一二三四五六七八九十]+", normalize(line.text))
                        ),
                        "",
                    )
                heading = [" ".join(run.text for run in line.runs()) for line in after]
                if (
                    current is not None
                    and current.spec is spec
                    and current.title_as_printed == normalize(title_line.text)
                    and [normalize(text) for text in current.heading_lines[1:]] == [normalize(text) for text in heading[1:]]
                    and current.grids
                    and current.grids[-1].page in (grid.page, grid.page - 1)
                ):
                    # the title (and heading) printed again over the table's next page: one table continues
                    current.grids.append(grid)
                    previous_bottom = grid.bottom
                    continue
                current = PrintedTable(
                    spec,
                    len(tables) + 1,
                    normalize(title_line.text),
                    table_no.rstrip("、.．"),
                    unit,
                    heading,
                    [grid],
                )
                tables.append(current)
            elif any(_looks_like_title(line.text) for line in above):
                title = next(normalize(line.text) for line in above if _looks_like_title(line.text))
                notes.append(
                    f"page {layout.page}: a table titled {title!r} is not one of the template's tables; its figures are not read"
                )
                if any(parse_amount(cell.text) for cell in grid.cells) and all(t.title_as_printed != title for t in unplaced):
                    # kept, without its grid, so that a required table the template does not find is not called
                    # missing while the document prints a table the reader could not place
                    unplaced.append(PrintedTable(None, 0, title, "", None, [], page=layout.page))
                current = None
            elif current is not None and not any(_PART.match(normalize(line.text)) for line in above):
                current.grids.append(grid)
            else:
                current = None
                if any(parse_amount(cell.text) for cell in grid.cells):
                    notes.append(
                        f"page {layout.page}: a table with figures but no title the template knows; its figures are not read"
                    )
            previous_bottom = grid.bottom
        if foot is not None:
            # a page with no grid after a title at the previous page's foot
            if foot.empty is not None:
                current = add_empty(foot.empty)
            foot = None
        # a title with no grid under it: the table is printed empty, or its grid opens the next page
        tail = [line for line in layout.lines if line.y_mid > previous_bottom]
        spec, title_line, title_index = _title_for(tail, template)
        if spec is not None and title_line is not None:
            empty = None
            if title_index < len(tail) - 1:
                follow = normalize(" ".join(line.text for line in tail[title_index + 1 : title_index + 3]))
                if _HEADING.search(follow):
                    empty = PrintedTable(spec, 0, normalize(title_line.text), "", None, [follow])
            if all(_is_heading(line) for line in tail[title_index + 1 :]):
                start = max(0, title_index - 2)
                foot = _FootTitle(spec, tail[start:], title_index - start, empty)
            elif empty is not None:
                current = add_empty(empty)
        if current is not None:
            for line in tail:
                text = normalize(line.text)
                if _PART.match(text):
                    # a part of the document begins (the narrative after the tables): a grid after it, a chart's
                    # frame and legend say, continues no table
                    current = None
                    break
                if text.startswith(("注", "说明")) and len(current.notes) < 5:
                    current.notes.append(text)
    if foot is not None and foot.empty is not None:
        add_empty(foot.empty)
    for table in unplaced:
        # after the template's tables, so that their order (and the ids of their figures) is the same with or without
        add_empty(table)
    return tables, notes


@dataclass
class _Column:
    x0: float
    x1: float
    header: str
    role: str  # 'code', 'value', 'label', 'ignored'
    unit: str | None = None  # the unit its header prints (预算数（万元）), taken out of the header's words


def _header_end(grid: Grid) -> int:
    """The first row that prints a number: the rows above it are the header. A cell that prints several amounts run
    together (a grid whose column rulings the page does not draw: 30101-基本工资 | 1,294.182000 | 1,294.182000 in one
    cell) prints numbers too: its row is no header row (else a whole page of them would head the next page's table)."""
    rows = len(grid.ys) - 1
    first = rows
    for cell in grid.cells:
        if cell.row0 < first and (parse_amount(cell.text) is not None or len(amounts_in(cell)) > 1):
            first = cell.row0
    return first


def _columns(grid: Grid, header_rows: int, spec: TableSpec | None, prefix: list[_Column] | None = None) -> list[_Column]:
    """The grid's columns: header path and role; ``prefix``: the columns of header rows printed in a grid of their own
    (at the foot of the page before), whose paths head the columns under them."""
    columns: list[_Column] = []
    for index in range(len(grid.xs) - 1):
        path: list[str] = []
        unit = None
        if prefix:
            above = prefix[_match_column(prefix, grid.xs[index], grid.xs[index + 1])]
            path.extend(part for part in above.header.split("/") if part)
            unit = above.unit
        for cell in sorted(grid.cells, key=lambda cell: cell.row0):
            if cell.row0 < header_rows and cell.col0 <= index < cell.col1 and cell.text.strip():
                text = normalize(cell.text)
                if printed_unit := _HEADER_UNIT.search(text):
                    # 预算数（万元）: the unit the column's figures are printed in, not a word of what they are
                    unit, text = printed_unit[1], _HEADER_UNIT.sub("", text)
                if text and (not path or path[-1] != text):
                    path.append(text)
        header = "/".join(path)
        if _IGNORED_HEADER.search(header):
            role = "ignored"
        elif _UNIT_HEADER.match(header):
            role = "unit"
        elif _CODE_HEADER.search(header):
            role = "code"
        elif spec is not None and any(pattern.search(header) for pattern, _ in spec.measures):
            role = "value"
        else:
            role = "label"
        columns.append(_Column(grid.xs[index], grid.xs[index + 1], header, role, unit))
    # a column of numbers under a header no measure names is still a value column
    body_rows = {row for row in range(header_rows, len(grid.ys) - 1)}
    for index, column in enumerate(columns):
        if column.role == "label":
            numbers = [
                cell
                for cell in grid.cells
                if cell.col0 == index and cell.col1 == index + 1 and cell.row0 in body_rows and parse_amount(cell.text)
            ]
            if numbers:
                column.role = "value"
    return columns


def _match_column(columns: list[_Column], x0: float, x1: float) -> int:
    """The column of the table's first grid that a cell of a later grid lies under."""
    best, best_overlap = 0, -1.0
    for index, column in enumerate(columns):
        overlap = min(column.x1, x1) - max(column.x0, x0)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


@dataclass
class _Code:
    printed: str
    code: str | None
    note: str


def _read_code(parts: list[tuple[str, int]], kind: str | None, context: dict[str, str]) -> _Code:
    """A classification code from its printed parts, each with the rank of the code column it is printed in
    (0 for 类, 1 for 款, 2 for 项 where the code is printed split over three columns): ``204 | 06 | 01``, or
    ``2040601`` in one column.  A level a row leaves blank is the one of the line above it: a table that prints
    the 类 on its class line only prints ``| 06 |`` on the 款 line and ``| | 01`` on the 项 line under it.
    ``context`` holds the last class and 款 read (and, per 款, its class), and is updated."""
    printed = " | ".join(text for text, _ in parts)
    digits = [(normalize(text), rank) for text, rank in parts]
    if not digits or not all(part.isdigit() for part, _ in digits):
        return _Code(printed, None, f"code {printed!r} is not made of digits" if any(p for p, _ in digits) else "")
    note = ""
    joined = len(digits) == 1 and len(digits[0][0]) in (3, 5, 7)
    if joined:
        code = digits[0][0]
    elif all(len(part) <= 2 for part, _ in digits) and min(rank for _, rank in digits) > 0:
        # no class printed on this line: the levels above the first one printed are the lines above
        first = min(rank for _, rank in digits)
        above = context.get("item" if first == 2 else "class", "")
        if len(above) != (5 if first == 2 else 3):
            return _Code(printed, None, f"code {printed!r} has no class printed above it")
        code = above + "".join(part.zfill(2) for part, _ in sorted(digits, key=lambda d: d[1]))
    else:
        head, rest = digits[0][0], [part for part, _ in digits[1:]]
        padded = []
        for part in rest:
            if len(part) == 1:
                padded.append("0" + part)
                note = f"code part {part!r} read as {'0' + part!r}"
            else:
                padded.append(part)
        if len(head) != 3 and rest:
            # a class printed wrongly: the row's 款 names its class when the row above shares it
            parent = context.get(padded[0])
            if parent:
                note = f"class printed as {head!r}; read as {parent!r} from the rows above"
                head = parent
            else:
                return _Code(printed, None, f"code {printed!r} has a class of {len(head)} digits")
        code = head + "".join(padded)
    # an economic code of 7 digits is a publisher's own level under the national 款 (重庆's 3010202 津补贴 items)
    if len(code) not in (3, 5, 7):
        return _Code(printed, None, f"code {printed!r} has {len(code)} digits")
    context["class"] = code[:3]
    if len(code) >= 5:
        context["item"] = code[:5]
        context[code[3:5]] = code[:3]
    else:
        context.pop("item", None)
    expected_class = "2" if kind == "function" else "3" if kind == "economic" else None
    if expected_class and not code.startswith(expected_class) and not code.startswith("5"):
        note = note or f"code {code} is not a {kind} code"
    return _Code(printed, code, note)


# words short enough to look like the tail of a wrapped cell that are labels of their own
_SHORT_LABELS = {"合计", "小计", "总计", "其中", "类", "款", "项"}


@dataclass
class _Row:
    """One printed row of a table: its cells and, per grid column, the table column it lies under."""

    grid: Grid
    row: int
    cells: list[Cell]
    columns: list[_Column]  # by the grid's column index; none for the header row
    table_columns: list[int]


def _table_rows(table: PrintedTable, spec: TableSpec | None) -> list[_Row]:
    """The body rows of a table over all its grids, with each grid column's header and role."""
    grids = list(table.grids)
    header_rows = _header_end(grids[0])
    prefix = None
    if header_rows >= len(grids[0].ys) - 1 and len(grids) > 1:
        # header rows printed alone at the foot of a page head the next grid's own header rows
        prefix = _columns(grids[0], header_rows, None)
        grids = grids[1:]
        header_rows = _header_end(grids[0])
    columns = _columns(grids[0], header_rows, spec, prefix)
    header_words = {normalize(c.text) for c in grids[0].cells if c.row0 < header_rows and c.text.strip()}
    header_words |= {part for column in prefix or [] for part in column.header.split("/")} | {"类", "款", "项"}
    # a first page whose columns are not ruled prints its header words run together in one cell (预算数部门支出经济分类
    # 科目合计人员经费公用经费): a continuation that rules them prints them apart, each a part of that cell
    run_together = [word for word in header_words if len(word) > 8] if _prints_amounts_run_together(grids[0]) else []

    def is_header_word(text: str) -> bool:
        return text in header_words or (len(text) >= 2 and any(text in word for word in run_together))

    rows: list[_Row] = []
    for grid_index, grid in enumerate(grids):
        table_columns = [_match_column(columns, grid.xs[i], grid.xs[i + 1]) for i in range(len(grid.xs) - 1)]
        if grid_index == 0:
            grid_columns, start = columns, header_rows
        else:
            # a continuation repeats the header, or not: its leading rows are header rows only if they print
            # header words (the rows of a summary that print no figure yet are body rows)
            own_header = 0
            for row in range(_header_end(grid)):
                texts = [normalize(cell.text) for cell in grid.cells if cell.row0 == row and cell.text.strip()]
                if not texts or not all(is_header_word(text) for text in texts):
                    break
                own_header = row + 1
            start = own_header
            own = _columns(grid, own_header, spec) if own_header > 0 else []
            # a repeated header: this grid's own header paths where it prints them
            grid_columns = [
                own[index] if own and own[index].header else columns[mapped] for index, mapped in enumerate(table_columns)
            ]
        by_row: dict[int, list[Cell]] = {}
        for cell in grid.cells:
            for row in range(max(cell.row0, start), cell.row1):
                by_row.setdefault(row, []).append(cell)
        if grid_index == 0 and start > 0:
            # the last header row, so that a body cell can be told apart from the tail of a wrapped header
            header = [cell for cell in grid.cells if cell.row1 == start]
            rows.append(_Row(grid, start - 1, sorted(header, key=lambda cell: cell.col0), [], table_columns))
        for row in range(start, len(grid.ys) - 1):
            cells = sorted(by_row.get(row, []), key=lambda cell: cell.col0)
            if any(cell.text.strip() for cell in cells):
                rows.append(_Row(grid, row, cells, grid_columns, table_columns))
    _join_wrapped(rows)
    return [row for row in rows if row.columns]


def _prints_amounts_run_together(grid: Grid) -> bool:
    """Whether a cell of the grid prints several amounts run together: rulings the page does not draw."""
    return any(parse_amount(cell.text) is None and len(amounts_in(cell)) > 1 for cell in grid.cells)


def _join_wrapped(rows: list[_Row]) -> None:
    """A cell whose text wraps below its row's ruling prints its tail in the row under it
    (``十七、国土海洋气象等支`` / ``出``, across a page break; ``采购组织形`` / ``式``): the tail is put back."""
    previous: dict[int, Cell] = {}
    previous_is_header = False
    previous_grid: Grid | None = None
    for row in rows:
        if row.columns:
            roles = {cell.col0: row.columns[cell.col0].role for cell in row.cells}
            has_code = any(roles[c.col0] == "code" and normalize(c.text).isdigit() for c in row.cells)
            has_figure = any(roles[c.col0] == "value" and parse_amount(c.text) for c in row.cells)
            labels = [cell for cell in row.cells if cell.text.strip() and roles[cell.col0] == "label"]
            filled = [cell for cell in row.cells if cell.text.strip()]
            for cell in labels:
                above = previous.get(row.table_columns[cell.col0])
                ruling = cell.top
                if (
                    above is not None
                    and above is not cell
                    and not previous_is_header
                    and previous_grid is row.grid
                    and len(cell.lines) > 1
                    and cell.lines[0].top < ruling < cell.lines[0].bottom
                    and cell.lines[1].top >= ruling
                    and above.lines
                    and above.lines[-1].bottom <= cell.lines[0].top
                ):
                    # a tail wrapped past its cell's ruling and drawn across it, above the line the cell below prints
                    # (北京's 30108-机关事业单位基本养老保险 / 缴费, its 缴费 half over the ruling, over 30109-职业年金缴费)
                    above.lines.append(cell.lines.pop(0))
            for index, cell in enumerate(labels):
                text = normalize(cell.text)
                above = previous.get(row.table_columns[cell.col0])
                # under a body line, a figure to its right makes it a label of its own (公共安全支出 / 司法 | 1,234.00)
                right = next((other for other in filled if other.col0 > cell.col0), None)
                labels_a_figure = right is not None and roles[right.col0] == "value" and parse_amount(right.text) is not None
                if (
                    above is not None
                    and above is not cell
                    and not has_code
                    and len(text) <= 2
                    and text not in _SHORT_LABELS
                    and parse_amount(text) is None
                    and (not has_figure or index > 0)
                    and (previous_is_header or not labels_a_figure)
                ):
                    above.lines.extend(cell.lines)
                    cell.lines = []
        previous = {}
        previous_is_header = not row.columns
        previous_grid = row.grid
        for cell in row.cells:
            if cell.text.strip():
                for column in range(cell.col0, cell.col1):
                    previous[row.table_columns[column]] = cell


def _row_key(spec: TableSpec, side: str | None, labels: list[str], seen: set[str]) -> str | None:
    """The row key the template gives a row's labels (the last label, or the path of all), on its side."""
    key = label_key(labels[-1]) if labels else ""
    path = label_key("/".join(labels)) if len(labels) > 1 else None
    entries = (
        [*spec.rows.get(side or "", []), *spec.rows.get("*", [])]
        if side
        else [entry for entries in spec.rows.values() for entry in entries]
    )
    qualified = [(pattern, row_key) for pattern, row_key, after in entries if after and after in seen]
    plain = [(pattern, row_key) for pattern, row_key, after in entries if not after]
    for pattern, candidate in [*qualified, *plain, *_GENERIC_ROWS]:
        if pattern.match(key) or (path is not None and pattern.match(path)):
            return candidate
    return None


def read_figures(
    tables: list[PrintedTable],
    template: Template,
    class_codes: dict[str, str],
) -> tuple[list[Figure], list[str]]:
    """Every figure of every table, with its row and column; and notes on what could not be placed."""
    figures: list[Figure] = []
    notes: list[str] = []
    for table in tables:
        if not table.grids:
            continue
        spec = table.spec
        row_no = 0
        class_context: dict[str, str] = {}
        seen: dict[str, set[str]] = {}
        outline: list[tuple[int, dict[int, str]]] = []
        unit: str | None = None
        rows = _table_rows(table, spec)
        # a table that prints two years' blocks side by side (2025年预算数 | 2026年预算数): the earlier year's
        # columns are of no measure of this year, whatever their header says below the year
        years = {int(year) for row in rows for column in row.columns for year in _YEAR.findall(column.header)}
        this_year = str(max(years)) if len(years) > 1 else None
        if table.unit_as_printed is None:
            # no unit line: the unit the figure columns' headers print, where they print one
            header_units = [column.unit for row in rows for column in row.columns if column.unit and column.role == "value"]
            if header_units:
                table.unit_as_printed = max(set(header_units), key=header_units.count)
        if spec is not None:
            table.measures = {
                f"{next((s for s, pattern in spec.sides.items() if pattern.search(column.header)), '')}:{measure}"
                for row in rows
                for column in row.columns
                if column.role == "value"
                and not (template.prior_columns and template.prior_columns.search(column.header))
                and not (this_year is not None and _is_earlier_year(column.header, this_year))
                and (measure := next((m for pattern, m in spec.measures if pattern.search(column.header)), None))
            }
        # a table that names its budget units in its rows: each row's label indentation, to tell a unit's line
        # from the lines printed under it
        indents: dict[int, tuple[float, float]] = {}
        for printed in rows:
            grid = printed.grid
            row_no += 1
            groups: list[dict] = []
            unit_line = False
            if spec is not None and spec.units_in_rows and (indent := _label_indent(printed)) is not None:
                indents[row_no] = indent
            # each code column's rank among the code columns: 类 0, 款 1, 项 2 where a code is printed split
            code_rank = {
                index: rank for rank, index in enumerate(i for i, column in enumerate(printed.columns) if column.role == "code")
            }
            for cell in printed.cells:
                text = cell.text.strip()
                column = printed.columns[cell.col0]
                if not text or column.role == "ignored":
                    continue
                if column.role == "unit":
                    # a unit's line: its figures are the unit's totals, and the lines under it are the unit's;
                    # 合计 in the unit column is the table's total line, of no unit
                    name = re.sub(r"\s+", "", text)
                    unit, unit_line = (None, True) if label_key(name) in ("合计", "总计") else (name, True)
                    continue
                amount = parse_amount(text)
                index = cell.col0
                if amount is None and cell.row0 == printed.row and len(amounts_in(cell)) > 1:
                    table.jammed_pages.add(grid.page)
                if amount is None and column.role == "value" and _NIL.match(normalize(text)):
                    continue  # nothing, printed as a dash: a blank cell, not a label
                if amount is not None and column.role != "value":
                    # a figure in a cell merged over a label column and a value column is the value column's
                    index = next((i for i in range(cell.col0, cell.col1) if printed.columns[i].role == "value"), index)
                    column = printed.columns[index]
                if amount is not None and column.role == "value":
                    if cell.row0 != printed.row:
                        continue  # a figure merged over several rows belongs to its first
                    if not groups:
                        groups.append({"last": cell.col0, "codes": [], "labels": [], "label_cells": [], "figures": []})
                    groups[-1]["figures"].append((cell, column, text, amount, index))
                    continue
                # a label starts a new group after a figure, or past a value column (blank or not)
                if (
                    not groups
                    or groups[-1]["figures"]
                    or any(printed.columns[i].role == "value" for i in range(groups[-1]["last"] + 1, cell.col0))
                ):
                    groups.append({"last": cell.col0, "codes": [], "labels": [], "label_cells": [], "figures": []})
                group = groups[-1]
                group["last"] = cell.col1 - 1
                flat = normalize(text)
                if column.role == "code" and flat.isdigit():
                    group["codes"].append((text, code_rank.get(cell.col0, 0)))
                elif column.role == "code" and flat in ("类", "款", "项"):
                    continue  # the code columns' own header words, printed on the first body row
                elif column.role == "code" and (split := re.match(r"^(\d{3,7})(\D.*)$", flat)):
                    group["codes"].append((split[1], 0))
                    group["labels"].append(text[len(split[1]) :].strip())
                    group["label_cells"].append(column)
                elif bracketed := _BRACKETED_CODE.match(flat):
                    # a code printed in brackets before the name, in one cell: [2010101]行政运行
                    group["codes"].append((bracketed[1], 0))
                    group["labels"].append(bracketed[2])
                    group["label_cells"].append(column)
                else:
                    group["labels"].append(text)
                    group["label_cells"].append(column)
            if spec is not None and spec.codes:
                for group in groups:
                    _split_code_and_name(group, spec.codes)
            row_figures: list[Figure] = []
            row_keys: list[str | None] = []
            if is_numbering_row(
                [label for group in groups for label in group["labels"]],
                [normalize(text) for group in groups for _cell, _column, text, _amount, _index in group["figures"]],
            ):
                continue  # the columns' numbers (栏次 1, 2, 3 …), not figures
            for group in groups:
                labels = group["labels"]
                if not group["figures"] and group["codes"]:
                    # a coded line printed blank still places the lines under it
                    _read_code(group["codes"], spec.codes if spec else None, class_context)
                if not group["figures"]:
                    # a row of labels only still opens a section (年初结转和结余 above the funds it lists)
                    if spec is not None and labels and not group["codes"]:
                        found = _row_key(spec, None, labels, set().union(*seen.values()) if seen else set())
                        if found:
                            for side_seen in [*seen.values(), seen.setdefault("", set())]:
                                side_seen.add(found)
                    continue
                label = " / ".join(labels)
                code = (
                    _read_code(group["codes"], spec.codes if spec else None, class_context)
                    if group["codes"]
                    else _Code("", None, "")
                )
                for _cell, column, text, (amount, decimals), index in group["figures"]:
                    side = None
                    measure = None
                    alternative = None
                    basis = template.budget_phase
                    if spec is not None:
                        side = next((name for name, pattern in spec.sides.items() if pattern.search(column.header)), None)
                        measure = (
                            None
                            if (template.prior_columns and template.prior_columns.search(column.header))
                            or (this_year is not None and _is_earlier_year(column.header, this_year))
                            else next((m for pattern, m in spec.measures if pattern.search(column.header)), None)
                        )
                        alternative = next(
                            (
                                alt
                                for pattern, m, alt in spec.measure_alternatives
                                if m == measure and pattern.search(column.header)
                            ),
                            None,
                        )
                        basis = next((b for pattern, b in spec.basis if pattern.search(column.header)), basis)
                    subject_kind = spec.codes if spec is not None else None
                    subject_code = code.code
                    row_key = None
                    if subject_code is None and spec is not None:
                        side_seen = seen.setdefault(side or "", set())
                        row_key = _row_key(spec, side, labels, side_seen | seen.get("", set())) if labels else None
                        if row_key is None and spec.class_rows and side == spec.class_rows and labels:
                            subject_code = class_codes.get(label_key(labels[-1]))
                            subject_kind = "function" if subject_code else None
                        if row_key is None and subject_code is None and not labels and unit_line:
                            row_key = "total"
                        if row_key is None and subject_code is None and not labels and spec.default_row:
                            row_key = spec.default_row
                        if row_key:
                            side_seen.add(row_key)
                    if subject_code is None:
                        subject_kind = None
                    column_no = index + 1
                    figure = Figure(
                        figure_id=f"p{grid.page:03d}.t{table.order:02d}.r{row_no:03d}.c{column_no:02d}",
                        page_no=grid.page,
                        table_key=spec.key if spec else None,
                        table_order=table.order,
                        table_no_as_printed=table.table_no_as_printed,
                        table_title_as_printed=table.title_as_printed,
                        printed_unit=table.unit_as_printed,
                        row_no=row_no,
                        column_no=column_no,
                        side=side,
                        row_label_as_printed=label,
                        code_as_printed=code.printed,
                        subject_kind=subject_kind,
                        subject_code=subject_code,
                        code_note=code.note,
                        row_key=row_key,
                        column_header_as_printed=column.header,
                        measure_key=measure,
                        basis=basis,
                        figure_text_as_printed=text,
                        amount_as_printed=amount,
                        printed_decimals=decimals,
                        unit_name_as_printed=unit,
                        measure_alternative=alternative,
                    )
                    figures.append(figure)
                    row_figures.append(figure)
                    row_keys.append(row_key)
            if spec is not None and spec.outline and row_figures:
                _place_in_outline(spec, printed, row_figures, row_keys, outline)
        if spec is not None:
            _read_transposed([figure for figure in figures if figure.table_order == table.order], spec)
        if spec is not None and spec.units_in_rows:
            for figure in figures:
                if figure.table_order == table.order:
                    figure.label_indent = indents.get(figure.row_no)
    return figures, notes


def _label_indent(printed: _Row) -> tuple[float, float] | None:
    """How far a row's label is indented in its cell (its first printed character's left edge past the cell's,
    leading spaces not counted), and the height of that character (the scale of one step of indentation)."""
    for cell in printed.cells:
        if printed.columns[cell.col0].role != "label" or not cell.text.strip() or not cell.lines:
            continue
        char = next((char for char in cell.lines[0].chars if char.text.strip() and char.text != "\u3000"), None)
        if char is not None:
            return char.x0 - cell.x0, char.bottom - char.top
    return None


def place_units(figures: list[Figure], template: Template) -> None:
    """A table that names its budget units in its rows (支出项目类别: 深圳市统计局（本级） above 工资福利支出 and 基本工资,
    or above its projects; a department's line above its units' lines), read as the tree its indentation draws
    (each row under the nearest row above it printed less indented): a row with rows under it that is no class
    of the table's codes (printed, or from the catalogue of classification names) is a unit's line, the total of
    its unit, and the rows under it are the unit's; one such row alone is the table's own total (the one unit the
    document is of), and one with units under it the department's line. Rows with none under them are lines:
    classes, or, where the table's ``line_key`` says so, projects (each a part of its unit's line)."""
    specs = {spec.key: spec for spec in template.tables}
    tables: dict[int, list[Figure]] = {}
    for figure in figures:
        spec = specs.get(figure.table_key or "")
        if spec is not None and spec.units_in_rows:
            tables.setdefault(figure.table_order, []).append(figure)
    for table_figures in tables.values():
        _place_units(table_figures, specs[table_figures[0].table_key or ""])


def _place_units(figures: list[Figure], spec: TableSpec) -> None:
    by_row: dict[int, list[Figure]] = {}
    for figure in figures:
        by_row.setdefault(figure.row_no, []).append(figure)
    indented = [row_figures[0].label_indent for row_figures in by_row.values() if row_figures[0].label_indent]
    if not indented:
        return
    # one step of indentation is about a character (a full-width space); less is a wrapped line's own slack
    step = 0.75 * sorted(height for _, height in indented)[len(indented) // 2]
    # the tree: each row's parent is the nearest row above it printed less indented; a total line starts again
    parent: dict[int, int | None] = {}
    children: dict[int, list[int]] = {}
    indent_of: dict[int, float] = {}
    stack: list[tuple[float, int]] = []
    for row, row_figures in sorted(by_row.items()):
        first = row_figures[0]
        if first.row_key is not None or first.label_indent is None or not first.row_label_as_printed:
            stack.clear()
            continue
        indent = indent_of[row] = first.label_indent[0]
        while stack and stack[-1][0] > indent - step:
            stack.pop()
        parent[row] = stack[-1][1] if stack else None
        if stack:
            children.setdefault(stack[-1][1], []).append(row)
        stack.append((indent, row))

    def is_line(row: int) -> bool:
        first = by_row[row][0]
        return bool(first.subject_code or first.code_as_printed)

    def total(row: int) -> tuple[str | None, Decimal, Decimal] | None:
        found = next((f for f in by_row[row] if f.measure_key == "total"), None) or next(
            (f for f in by_row[row] if f.measure_key), None
        )
        if found is None:
            return None
        return found.measure_key, Decimal(found.amount_as_printed), Decimal(5).scaleb(-found.printed_decimals - 1)

    def sums(row: int) -> bool:
        """Whether a row's total is the sum of the rows printed under it (it cannot tell: it is)."""
        own = total(row)
        parts = [total(child) for child in children.get(row, [])]
        if own is None or any(part is None or part[0] != own[0] for part in parts):
            return True
        derived = sum((part[1] for part in parts if part), Decimal(0))
        return abs(own[1] - derived) <= own[2] + sum((part[2] for part in parts if part), Decimal(0))

    # a row printed less indented than the rows under it that is not their sum is a line itself (广州's CC(市本级),
    # a project whose details are not disclosed, printed a character out): the rows under it are its parent's
    # (the most indented first: a row's own rows are settled before it is summed)
    while wrong := next(
        (row for row in sorted(children, key=lambda row: -indent_of[row]) if not is_line(row) and not sums(row)), None
    ):
        above = parent[wrong]
        for child in children.pop(wrong):
            parent[child] = above
            if above is not None:
                children.setdefault(above, []).append(child)

    units = {row for row in parent if row in children and not is_line(row)}
    over_units = {row for row in units if any(child in units for child in children[row])}
    if units:
        # a unit that prints no line under it (一带一路环境技术交流与转移中心（深圳）, 0.00): a row at its units' level
        level = min(indent_of[row] for row in units - over_units or units)
        units |= {
            row
            for row, above in parent.items()
            if row not in children
            and not is_line(row)
            and (above in over_units or (above is None and abs(indent_of[row] - level) < step))
        }
    # a table that prints its own 合计 names even its one unit (合计 = the unit's line = its lines)
    alone = len(units) == 1 and not any(row_figures[0].row_key == "total" for row_figures in by_row.values())
    unit_of: dict[int, str | None] = {}
    for row in sorted(parent):
        above = parent[row]
        if row in units:
            name = re.sub(r"\s+", "", by_row[row][0].row_label_as_printed)
            # one unit's line alone, with no 合计 above it, is the table's own total (深圳市统计局（本级）, the one unit
            # the document is of); a line with units under it is the department's
            own = None if alone or row in over_units else name
            unit_of[row] = own
            for figure in by_row[row]:
                figure.unit_name_as_printed, figure.row_key = own, "total"
            continue
        unit = unit_of.get(above) if above is not None else None
        while unit is None and above is not None and above not in units:
            above = parent.get(above)
            unit = unit_of.get(above) if above is not None else None
        unit_of[row] = unit
        for figure in by_row[row]:
            if unit is not None and figure.unit_name_as_printed is None:
                figure.unit_name_as_printed = unit
            if spec.line_key and figure.row_key is None and not is_line(row):
                figure.row_key = spec.line_key
    if spec.line_key:
        _place_lines(figures, spec.line_key)


def _place_lines(figures: list[Figure], line_key: str) -> None:
    """The lines of a table that lists items under a total (projects under their unit's line, services under
    合计): each line's figure is a part of the figure of the same measure on the unit's line above it, else on
    the table's one total line, so that the total is footed as the sum of its lines (by measure, not by column:
    a page's grid may split its columns otherwise than the first page's)."""

    def column(figure: Figure) -> tuple[str | None, str | None]:
        return figure.measure_key, figure.side

    totals: dict[tuple[str | None, str | None], list[Figure]] = {}
    for figure in figures:
        if figure.row_key == "total" and figure.unit_name_as_printed is None and not figure.subject_code:
            totals.setdefault(column(figure), []).append(figure)
    has_units = any(figure.row_key == "total" and figure.unit_name_as_printed for figure in figures)
    above: dict[tuple[str | None, str | None], Figure] = {}
    for figure in sorted(figures, key=lambda figure: (figure.row_no, figure.column_no)):
        if figure.measure_key is None:
            continue
        if figure.row_key == "total" and figure.unit_name_as_printed is not None:
            above[column(figure)] = figure  # a unit's line
        elif figure.row_key == "total":
            above.pop(column(figure), None)
        elif figure.row_key == line_key and figure.parent_figure_id is None:
            if has_units:
                parent = above.get(column(figure))
            else:
                parent = totals[column(figure)][0] if len(totals.get(column(figure), [])) == 1 else None
            if parent is not None:
                figure.parent_figure_id = parent.figure_id


def _split_code_and_name(group: dict, kind: str) -> None:
    """A code of the table's classification and its name printed in one cell of a coded table (201 一般公共服务支出
    in a table by 功能分类, 301 工资福利支出 in one by 经济分类): the code, where the row prints no code of its own
    and exactly one such cell (a line that names its function, its government and its department economic class
    each as code-name, 2050803-培训支出 / 50203-培训费 / 30216-培训费, is of no one classification: a label). A line of
    a table by 经济分类 that names its government economic class beside its department economic class (50101-工资奖金津补贴
    / 30101-基本工资: 政府预算支出经济分类 5xx and 部门预算支出经济分类 3xx, one class in two classifications) is of the
    department's, the classification the national set's tables print."""
    if group["codes"]:
        return
    first = {"function": "2", "economic": "3"}.get(kind, "")
    matches = [(index, match) for index, label in enumerate(group["labels"]) if (match := _CODE_AND_NAME.match(normalize(label)))]
    if kind == "economic" and len(matches) > 1:
        department = [(index, match) for index, match in matches if match[1].startswith("3")]
        government = [match for _, match in matches if match[1].startswith("5")]
        if len(department) == 1 and len(department) + len(government) == len(matches):
            matches = department
    if len(matches) == 1 and matches[0][1][1].startswith(first):
        index, match = matches[0]
        group["codes"].append((match[1], 0))
        group["labels"][index] = match[2].lstrip("-－").strip()  # 30101-基本工资: the hyphen joins, it is no part of the name


def _label_measure(spec: TableSpec, label: str) -> str | None:
    """The measure a row's label names, where a table prints its measures down the rows (（三）公务接待费支出)."""
    text = normalize(label)
    for candidate in (text, re.sub(r"支出$", "", text), re.sub(r"支出$", "费", text)):
        found = next((measure for pattern, measure in spec.measures if pattern.search(candidate)), None)
        if found:
            return found
    return None


def _read_transposed(figures: list[Figure], spec: TableSpec) -> None:
    """A table printed turned (its measures as rows, its funds as columns: “三公”经费 / 因公出国(境)费 / … down
    the side, 合计 / 一般公共预算 / … across) has one measure for every row from its 合计 column; there, each
    row's label names the measure and the column is the total of the funds."""
    by_row: dict[int, list[Figure]] = {}
    for figure in figures:
        by_row.setdefault(figure.row_no, []).append(figure)
    named = {row: _label_measure(spec, row_figures[0].row_label_as_printed) for row, row_figures in by_row.items()}
    column_measures = {figure.measure_key for figure in figures if figure.measure_key}
    if len(column_measures) != 1 or len({m for m in named.values() if m}) < 3:
        return
    (column_measure,) = column_measures
    turned = [figure for figure in figures if figure.measure_key == column_measure]
    # the column is the table's one line of measures: its identities (三公 = 出国 + 用车 + 接待) hold down it
    line = min(figure.row_no for figure in turned if named[figure.row_no])
    for figure in turned:
        figure.measure_key = named[figure.row_no]
        if figure.measure_key:
            figure.row_no = line


def _place_in_outline(
    spec: TableSpec,
    printed: _Row,
    row_figures: list[Figure],
    row_keys: list[str | None],
    outline: list[tuple[int, dict[int, str]]],
) -> None:
    """In an outline table (政府采购: 品目大类 › 专项/经济科目 › 采购物品), a row's figures are parts of the
    figures of the nearest row above it at a higher level, in the same column."""
    if "total" in row_keys:
        level = 0
    else:
        levels = [
            index + 1
            for cell in printed.cells
            if cell.text.strip() and printed.columns[cell.col0].role == "label"
            for index, patterns in enumerate(spec.outline)
            if any(pattern.search(printed.columns[cell.col0].header) for pattern in patterns)
        ]
        if not levels:
            return
        level = min(levels)
    while outline and outline[-1][0] >= level:
        outline.pop()
    if outline:
        parents = outline[-1][1]
        for figure in row_figures:
            figure.parent_figure_id = parents.get(figure.column_no)
    outline.append((level, {figure.column_no: figure.figure_id for figure in row_figures}))


def class_names(tables: list[PrintedTable]) -> dict[str, str]:
    """Function class (类) names as this document prints them in its coded tables: name -> 3-digit code."""
    names: dict[str, str] = {}
    for table in tables:
        if not table.spec or table.spec.codes != "function" or not table.grids:
            continue
        for grid in table.grids:
            rows: dict[int, list[Cell]] = {}
            for cell in grid.cells:
                rows.setdefault(cell.row0, []).append(cell)
            for cells in rows.values():
                texts = [normalize(cell.text) for cell in sorted(cells, key=lambda cell: cell.col0) if cell.text.strip()]
                for index, text in enumerate(texts[:-1]):
                    if re.fullmatch(r"2\d\d", text) and not texts[index + 1].isdigit():
                        names.setdefault(label_key(texts[index + 1]), text)
                        break
                    match = re.fullmatch(r"(2\d\d)(\D.*)", text)
                    if match:
                        names.setdefault(label_key(match[2]), match[1])
                        break
    return names


def place_named_subjects(figures: list[Figure], template: Template) -> None:
    """A summary table that lists 款 and 项 by name only (收支总表's expenditure side under each 类): each name
    takes the code the document's own coded tables print it with, under the 类 (and 款) printed above it,
    where exactly one code fits; the rest stay unplaced."""
    names: dict[str, set[str]] = {}
    for figure in figures:
        if figure.subject_kind == "function" and figure.subject_code and figure.code_as_printed:
            names.setdefault(label_key(figure.row_label_as_printed.split(" / ")[-1]), set()).add(figure.subject_code)
    specs = {spec.key: spec for spec in template.tables}
    context: dict[tuple[int, str | None], list[str | None]] = {}
    for figure in figures:
        spec = specs.get(figure.table_key or "")
        if spec is None or not spec.class_rows or figure.side != spec.class_rows:
            continue
        here = context.setdefault((figure.table_order, figure.side), [None, None, None])
        if figure.subject_code and len(figure.subject_code) == 3 and not figure.code_as_printed:
            if figure.subject_code == here[0] and figure.row_no != here[2]:
                # the class's name again on a later line (五、其他支出 / 其他支出 / 其他支出): its 款 or 项, by name
                figure.subject_code, figure.subject_kind = None, None
            else:
                here[0], here[1], here[2] = figure.subject_code, None, figure.row_no
                continue
        elif figure.subject_code and len(figure.subject_code) == 3:
            here[0], here[1], here[2] = figure.subject_code, None, figure.row_no
            continue
        if figure.subject_code or figure.row_key or not here[0] or not figure.row_label_as_printed:
            continue
        candidates = names.get(label_key(figure.row_label_as_printed.split(" / ")[-1]), set())
        items = sorted(code for code in candidates if len(code) == 7 and here[1] and code.startswith(here[1]))
        groups = sorted(code for code in candidates if len(code) == 5 and code.startswith(here[0]))
        if len(items) == 1:
            code = items[0]
        elif len(groups) == 1:
            code = here[1] = groups[0]
        else:
            continue
        figure.subject_code, figure.subject_kind = code, "function"
        figure.code_note = ""


def bisect_index(values: list[float], value: float) -> int:
    return bisect_left(values, value)


def place_catalogue_names(figures: list[Figure], template: Template, names_of: dict[str, dict[str, list[str]]]) -> None:
    """A coded table that prints a line's class by name only (深圳's 基本支出总表: 工资福利支出 above 基本工资, no code):
    the code the catalogue of classification names (``names_of``: per kind, a name's key -> its codes, of the
    document's year) gives the name, among the codes under the class (and 款) printed above it where the name is
    of several; a name the catalogue does not know, or knows under no class above it, stays uncoded (a reader
    note: never a guessed code). Each unit's lines (and the table's) are read apart."""
    specs = {spec.key: spec for spec in template.tables}
    rows: dict[tuple[int, int], list[Figure]] = {}
    for figure in figures:
        spec = specs.get(figure.table_key or "")
        if spec is not None and spec.codes in names_of:
            rows.setdefault((figure.table_order, figure.row_no), []).append(figure)
    context: dict[tuple[int, str | None], list[str]] = {}
    for (order, _row), row_figures in sorted(rows.items()):
        first = row_figures[0]
        kind = specs[first.table_key or ""].codes or ""
        here = context.setdefault((order, first.unit_name_as_printed), [])
        if first.row_key is not None:
            here.clear()  # a unit's line or a total: the classes below it start again
            continue
        if first.subject_code:
            here[:] = [first.subject_code[:length] for length in (3, 5) if length < len(first.subject_code)] + [
                first.subject_code
            ]
            continue
        if not first.row_label_as_printed:
            continue
        candidates = names_of[kind].get(label_key(first.row_label_as_printed.split(" / ")[-1]), [])
        # the deepest line above it that one of the candidates is under, else a class of its own
        code = next(
            (
                only[0]
                for parent in reversed(here)
                if len(only := [c for c in candidates if len(c) == len(parent) + 2 and c.startswith(parent)]) == 1
            ),
            None,
        )
        if code is None:
            classes = [c for c in candidates if len(c) == 3]
            code = classes[0] if len(classes) == 1 else None
        if code is None:
            continue
        here[:] = [code[:length] for length in (3, 5) if length < len(code)] + [code]
        for figure in row_figures:
            figure.subject_code, figure.subject_kind = code, kind
