"""A printout drawn into a PDF with reportlab, each expected figure given the page it lands on.

``print_pdf(printout, layout, path)`` takes a ``tableset.Printout``, its ``variants.Layout`` and the file to
write; it draws the cover, the narrative and every table (title, heading or unit line, header rows with
merged cells, body rows, note) in the layout's rulings, orientation and continuation, sets ``page`` on every
expected figure and returns a ``Printed``: the pages of each table and of each narrative sentence.

``cjk_font()`` says which font is drawn with: a CJK TrueType font found on the machine (Debian's
fonts-wqy-microhei or fonts-wqy-zenhei, which the Makefile installs where it can; a path in the environment
variable ``BUDGET_LAYOUTS_FONT`` wins), embedded as a subset; else reportlab's built-in CID font STSong-Light,
which is not embedded (a realistic variant too: many real budgets name a CJK font they do not embed).
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from budget_warehouse.layouts.tableset import Amount, Column, Label, Printout, Table
from budget_warehouse.layouts.variants import Layout

MARGIN = 40.0
TITLE_SIZE = 15.0
TEXT_SIZE = 10.5
BODY_SIZE = 8.0
SMALLEST = 4.5
_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


@dataclass(frozen=True)
class Font:
    name: str
    description: str


@cache
def cjk_font() -> Font:
    """The CJK font the bench draws with (registered with reportlab once)."""
    wanted = os.environ.get("BUDGET_LAYOUTS_FONT")
    candidates = [wanted] if wanted else [*_FONT_FILES, *sorted(glob.glob("/usr/share/fonts/**/wqy*.tt[cf]", recursive=True))]
    for path in candidates:
        if path and path != "STSong-Light" and Path(path).exists():
            options = {"subfontIndex": 0} if path.endswith(".ttc") else {}
            pdfmetrics.registerFont(TTFont("BenchCJK", path, **options))
            return Font("BenchCJK", f"TrueType {Path(path).name}, embedded as a subset")
    return cid_font("no CJK TrueType font found")


def cid_font(why: str) -> Font:
    """reportlab's built-in CID font STSong-Light: named in the PDF, not embedded."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return Font("STSong-Light", f"reportlab's CID font STSong-Light, not embedded ({why})")


@dataclass
class Printed:
    """Where things landed: each table's pages (by table key) and each narrative sentence's page."""

    pages: int = 0
    table_pages: dict[str, list[int]] = field(default_factory=dict)
    sentence_pages: list[int] = field(default_factory=list)


@dataclass
class _Header:
    """A header cell: its text, the columns it spans and the header rows it spans."""

    text: str
    col0: int
    col1: int
    row0: int
    row1: int


def _headers(columns: list[Column]) -> tuple[list[_Header], int]:
    """The header cells of the columns' paths (adjacent columns sharing a prefix share its cell; a path
    shorter than the deepest spans down to the last header row), and the number of header rows."""
    depth = max(len(column.path) for column in columns)
    cells: list[_Header] = []
    for level in range(depth):
        start = 0
        while start < len(columns):
            path = columns[start].path
            if len(path) <= level:
                start += 1
                continue
            end = start + 1
            while end < len(columns) and len(columns[end].path) > level and columns[end].path[: level + 1] == path[: level + 1]:
                end += 1
            leaf = len(path) == level + 1 and end == start + 1
            cells.append(_Header(path[level], start, end, level, depth if leaf else level + 1))
            start = end
    return cells, depth


class _Pdf:
    """The canvas with the layout's page size, a page counter and the drawing helpers."""

    def __init__(self, path: Path, layout: Layout) -> None:
        self.layout = layout
        self.size = landscape(A4) if layout.landscape else A4
        self.canvas = Canvas(str(path), pagesize=self.size, pageCompression=1, invariant=1)
        self.canvas.setTitle("")
        self.font = (cid_font("the layout's") if layout.font == "cid" else cjk_font()).name
        self.page = 1
        self.y = self.size[1] - MARGIN
        self.drawn = False

    @property
    def width(self) -> float:
        return self.size[0] - 2 * MARGIN

    def new_page(self) -> None:
        if self.page > 1:
            self.text(self.size[0] / 2, MARGIN / 2, f"- {self.page} -", 9, align="center")
        self.canvas.showPage()
        self.page += 1
        self.y = self.size[1] - MARGIN
        self.drawn = False

    def text(self, x: float, y: float, text: str, size: float, align: str = "left") -> None:
        if not text:
            return
        self.canvas.setFont(self.font, size)
        if align == "center":
            self.canvas.drawCentredString(x, y, text)
        elif align == "right":
            self.canvas.drawRightString(x, y, text)
        else:
            self.canvas.drawString(x, y, text)
        self.drawn = True

    def amount(self, right: float, y: float, text: str, size: float) -> None:
        """An amount right-aligned at ``right``; split into two text runs (integer, then decimals with a
        little space before them) where the layout says so."""
        if self.layout.split_runs and "." in text:
            whole, decimals = text.split(".")
            tail = "." + decimals
            self.text(right, y, tail, size, align="right")
            gap = size * 0.3
            self.text(right - pdfmetrics.stringWidth(tail, self.font, size) - gap, y, whole, size, align="right")
        else:
            self.text(right, y, text, size, align="right")

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.canvas.setLineWidth(0.6)
        self.canvas.line(x0, y0, x1, y1)

    def save(self) -> None:
        if self.page > 1:
            self.text(self.size[0] / 2, MARGIN / 2, f"- {self.page} -", 9, align="center")
        self.canvas.showPage()
        self.canvas.save()


def print_pdf(printout: Printout, layout: Layout, path: Path, department: str) -> Printed:
    """Draw ``printout`` into ``path`` (see the module's docstring)."""
    pdf = _Pdf(path, layout)
    printed = Printed()
    _cover(pdf, printout.cover)
    pdf.new_page()
    _narrative(pdf, printout.narrative, printed)
    for index, table in enumerate(printout.tables):
        if layout.title_before_grid and index > 0:
            # the title block at the foot of the page that ends the table before
            if pdf.y < MARGIN + 90:
                pdf.new_page()
            pdf.y = MARGIN + 70
            _title(pdf, table, department)
            pdf.new_page()
        else:
            pdf.new_page()
            _title(pdf, table, department)
        _grid(pdf, table, printed)
    pdf.save()
    printed.pages = pdf.page
    return printed


def _cover(pdf: _Pdf, lines: list[str]) -> None:
    y = pdf.size[1] * 0.62
    for line in lines:
        pdf.text(pdf.size[0] / 2, y, line, 24, align="center")
        y -= 40


def _wrap(text: str, size: float, width: float, font: str) -> list[str]:
    lines, current = [], ""
    for char in text:
        if pdfmetrics.stringWidth(current + char, font, size) > width:
            lines.append(current)
            current = char
        else:
            current += char
    return [*lines, current] if current else lines


def _narrative(pdf: _Pdf, sentences: list[str], printed: Printed) -> None:
    for index, sentence in enumerate(sentences):
        size = TITLE_SIZE if index == 0 else TEXT_SIZE
        indent = 0.0 if index == 0 or sentence[:2] in {"一、", "二、", "三、", "四、"} else 2 * size
        for line_no, line in enumerate(_wrap(sentence, size, pdf.width - indent, pdf.font)):
            if pdf.y < MARGIN + 30:
                pdf.new_page()
            if index == 0:
                pdf.text(pdf.size[0] / 2, pdf.y, line, size, align="center")
            else:
                pdf.text(MARGIN + (indent if line_no == 0 else 0), pdf.y, line, size)
            pdf.y -= size * 1.9
        printed.sentence_pages.append(pdf.page)


def _title(pdf: _Pdf, table: Table, department: str) -> None:
    """The title block: number line, title, and the heading line (department; unit, where it goes there)."""
    layout = pdf.layout
    top = pdf.size[1] - MARGIN
    if layout.table_numbers == "gongkai":
        pdf.text(MARGIN + pdf.width, pdf.y, f"公开{table.number:02d}表", 9, align="right")
        pdf.y -= 18
    prefix = {"none": "", "gongkai": "", "biao": f"表{table.number} ", "yusuan": f"预算{table.number:02d}表"}
    pdf.text(pdf.size[0] / 2, pdf.y - TITLE_SIZE / 2, prefix[layout.table_numbers] + table.title, TITLE_SIZE, "center")
    pdf.y -= TITLE_SIZE + 16
    pdf.text(MARGIN, pdf.y, f"部门：{department}", 9)
    if layout.unit_line == "table":
        pdf.text(MARGIN + pdf.width, pdf.y, f"单位：{layout.unit}", 9, align="right")
    pdf.y -= 12
    del top


def _page_unit(pdf: _Pdf) -> None:
    """The unit line at the head of a page, where the layout prints one per page."""
    if pdf.layout.unit_line == "page":
        pdf.text(MARGIN + pdf.width, pdf.size[1] - MARGIN / 2 - 4, f"单位：{pdf.layout.unit}", 9, align="right")


def _cell_text(cell: object) -> str:
    if isinstance(cell, Amount):
        return cell.text
    if isinstance(cell, Label):
        return cell.text
    return str(cell)


def _widths(pdf: _Pdf, table: Table, size: float) -> list[float]:
    headers, _ = _headers(table.columns)
    widths = []
    for index in range(len(table.columns)):
        texts = [_cell_text(row[index]) for row in table.rows]
        indent = max((row[index].level for row in table.rows if isinstance(row[index], Label)), default=0) * size
        body = max((pdfmetrics.stringWidth(t, pdf.font, size) for t in texts), default=0) + indent
        head = max(
            (pdfmetrics.stringWidth(h.text, pdf.font, size) for h in headers if h.col0 == index and h.col1 == index + 1),
            default=0,
        )
        widths.append(max(body, head, 3 * size) + size * 1.2)
    return widths


def _grid(pdf: _Pdf, table: Table, printed: Printed) -> None:
    """The table's grid from the current position, continued on new pages as the layout says."""
    layout = pdf.layout
    size = BODY_SIZE
    widths = _widths(pdf, table, size)
    while sum(widths) > pdf.width and size > SMALLEST:
        size -= 0.25
        widths = _widths(pdf, table, size)
    scale = pdf.width / sum(widths) if sum(widths) > pdf.width else 1.0
    extra = (pdf.width - sum(widths) * scale) / len(widths) if sum(widths) < pdf.width * 0.8 else 0.0
    xs = [MARGIN]
    for width in widths:
        xs.append(xs[-1] + width * scale + extra)
    height = size * 2.3
    headers, depth = _headers(table.columns)
    body: list[list[object]] = []
    if table.numbering_row:
        numbering: list[object] = []
        value_no = 0
        for index, column in enumerate(table.columns):
            if column.role == "value":
                value_no += 1
                numbering.append(str(value_no))
            else:
                numbering.append("栏次" if index == 0 else "")
        body.append(numbering)
    body += table.rows
    rows_left = list(body)
    first = True
    split_at = (len(body) + 1) // 2 if table.long and layout.continuation != "none" else None
    pages = printed.table_pages.setdefault(table.key, [])
    _page_unit(pdf)
    while rows_left:
        top = pdf.y
        with_header = first or layout.continuation != "no_header"
        room = int((top - MARGIN - 40 - (depth * height if with_header else 0)) // height)
        count = min(len(rows_left), room if split_at is None or not first else min(room, split_at))
        if count <= 0:
            pdf.new_page()
            _page_unit(pdf)
            continue
        y = top
        if with_header:
            for header in headers:
                x0, x1 = xs[header.col0], xs[header.col1]
                y0, y1 = top - header.row1 * height, top - header.row0 * height
                pdf.text((x0 + x1) / 2, (y0 + y1) / 2 - size / 3, header.text, size, align="center")
                if layout.rules == "grid":
                    pdf.canvas.setLineWidth(0.6)
                    pdf.canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
            y = top - depth * height
            if layout.rules == "horizontal":
                # a rule over the header and one under it, as a three-line table prints them
                pdf.line(xs[0], top, xs[-1], top)
                pdf.line(xs[0], y, xs[-1], y)
        elif layout.rules == "horizontal":
            pdf.line(xs[0], top, xs[-1], top)
        for row in rows_left[:count]:
            for index, cell in enumerate(row):
                x0, x1 = xs[index], xs[index + 1]
                baseline = y - height / 2 - size / 3
                if isinstance(cell, Amount):
                    pdf.amount(x1 - size * 0.5, baseline, cell.text, size)
                    if cell.expect is not None:
                        cell.expect.page = pdf.page
                elif isinstance(cell, Label):
                    pdf.text(x0 + size * 0.5 + cell.level * size, baseline, cell.text, size)
                elif table.columns[index].role == "value":
                    pdf.text((x0 + x1) / 2, baseline, str(cell), size, align="center")
                else:
                    pdf.text(x0 + size * 0.5, baseline, str(cell), size)
                if layout.rules == "grid":
                    pdf.canvas.setLineWidth(0.6)
                    pdf.canvas.rect(x0, y - height, x1 - x0, height, stroke=1, fill=0)
            if layout.rules == "horizontal":
                pdf.line(xs[0], y - height, xs[-1], y - height)
            y -= height
        pages.append(pdf.page)
        rows_left = rows_left[count:]
        pdf.y = y - 14
        first = False
        if rows_left:
            pdf.new_page()
            _page_unit(pdf)
    if table.note:
        pdf.text(MARGIN, pdf.y, table.note, 9)
        pdf.y -= 16
