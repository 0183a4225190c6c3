"""What the pages of a document's financial tables print, against what the reader read from them.

A page of financial tables is a page that prints a table's title (a line ending in 表, or 表 and a bracketed
qualifier: 一般公共预算支出情况表（按经济分类科目）), in its text or in its grid's own title rows, or that
continues one (a grid with no title above it on the page after such a page, before any part of the document
begins: 第三部分 …). Its printed amounts are the numbers in its grids' cells, whatever table they belong to and
whether or not any template knows it, less what is no amount: a classification code (a whole number printed
left of a name: 2010301 | 行政运行, 201 | 01 | 05), the column numbers of a numbering row (栏次 1 2 3 …), a
performance indicator's value (printed after its comparison: ≥ | 99.5 | %), and, on a page that prints its money
with decimals, the whole numbers (an indicator's value, a count). A cell that prints several amounts run together
(a grid whose rulings the reader did not see) counts each of them.

``page_amounts(layouts)`` gives, per such page, its title and the amounts as printed (plain decimal strings);
``coverage(pages, figures)`` counts how many of them the reader read as figures on the same page (as a
multiset: an amount printed twice on a page is read twice or it is missed once). A page's amounts no figure
reads are the tables nobody reads: the measure of how much of what a document prints the warehouse publishes.
"""

from __future__ import annotations

import re
from collections import Counter

from budget_warehouse.pdf import tables as pdf_tables
from budget_warehouse.pdf.layout import PageLayout

_OPERATOR = re.compile(r"^[≥≤＝=<>＜＞]+$")

_PART = re.compile(r"^第[一二三四五六七八九十]+部分")


def _title(layout: PageLayout) -> str | None:
    """The page's first line that reads as a table's title (not an entry of a table of contents)."""
    for line in layout.lines:
        text = pdf_tables.normalize(line.text)
        if pdf_tables._looks_like_title(text) and not re.search(r"\d+$", text):
            return text
    for grid in layout.grids:
        own, _ = pdf_tables._title_rows(grid)
        for line in own:
            text = pdf_tables.normalize(line.text)
            if pdf_tables._looks_like_title(text):
                return text
    return None


def _grid_amounts(layout: PageLayout) -> list[str]:
    """The amounts the page's grids print: every number less the codes, the numbering rows' column numbers and,
    on a page that prints its money with decimals, the whole numbers (counts, indicator values: ≥ 90 %, 5 部)."""
    found: list[tuple[str, bool]] = []
    for grid in layout.grids:
        rows: dict[int, list] = {}
        for cell in grid.cells:
            rows.setdefault(cell.row0, []).append(cell)
        for cells in rows.values():
            cells.sort(key=lambda cell: cell.col0)
            parsed = [(cell, pdf_tables.parse_amount(cell.text)) for cell in cells if cell.text.strip()]
            numbers = [(cell, amount) for cell, amount in parsed if amount is not None]
            # a cell that prints several amounts run together (a grid the reader did not take apart): each of them
            found += [(value, False) for cell, amount in parsed if amount is None for value in pdf_tables.amounts_in(cell)]
            if not numbers:
                continue
            labels = [cell.text for cell, amount in parsed if amount is None]
            if pdf_tables.is_numbering_row(labels, [pdf_tables.normalize(cell.text) for cell, _ in numbers]):
                continue
            for cell, (value, decimals) in numbers:
                text = pdf_tables.normalize(cell.text)
                left = max((other for other, _ in parsed if other.col1 <= cell.col0), key=lambda c: c.col0, default=None)
                if left is not None and _OPERATOR.match(pdf_tables.normalize(left.text)):
                    continue  # a performance indicator's value, printed after its comparison (≥ | 90 | %)
                whole = not decimals and "," not in text
                # a code is printed left of its name (2010301 | 行政运行, 201 | 01 | 05 | 名称); an amount right of it
                named_right = any(amount is None and other.col0 > cell.col0 for other, amount in parsed)
                if whole and named_right:
                    continue
                found.append((value, whole))
    with_decimals = any(not whole for _, whole in found)
    return [value for value, whole in found if not (whole and with_decimals)]


def page_amounts(layouts: list[PageLayout]) -> list[dict]:
    """Per page of financial tables: its page number, the title it prints (or continues), its amounts."""
    pages: list[dict] = []
    continued: str | None = None
    for layout in layouts:
        title = _title(layout)
        if any(_PART.match(pdf_tables.normalize(line.text)) for line in layout.lines):
            continued = None
        if title is None and continued is None:
            continue
        amounts = _grid_amounts(layout)
        if title is not None or amounts:
            pages.append({"page_no": layout.page, "title": title or continued, "amounts": amounts})
        if amounts:
            continued = title or continued
        elif title is None:
            continued = None
    return pages


def coverage(pages: list[dict], figures: list[dict]) -> list[dict]:
    """Per page: the amounts printed and how many of them are read as figures of that page."""
    read: dict[int, Counter] = {}
    for figure in figures:
        if figure.get("source_kind", "table") == "table" and figure.get("page_no") is not None:
            value = pdf_tables.parse_amount(str(figure.get("amount_as_printed")))
            if value is not None:
                read.setdefault(figure["page_no"], Counter())[value[0]] += 1
    result = []
    for page in pages:
        printed = Counter(page["amounts"])
        matched = printed & read.get(page["page_no"], Counter())
        result.append(
            {
                "page_no": page["page_no"],
                "table_title_as_printed": page["title"],
                "amounts_printed": sum(printed.values()),
                "amounts_read": sum(matched.values()),
            }
        )
    return result
