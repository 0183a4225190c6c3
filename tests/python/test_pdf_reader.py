"""The PDF reader against an independent reading of the same files.

For every shipped PDF and every table the reader finds, the number of figures
it reads is compared with a count taken from pdfminer's text (another PDF
library, another way of grouping characters into words): the numbers
printed inside the table's ruled area, less the classification codes that
open a line. A figure the reader misses, invents or reads twice changes one
count and not the other.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

from budget_warehouse import templates
from budget_warehouse.pdf import document as pdf_document
from budget_warehouse.pdf import tables as pdf_tables
from budget_warehouse.pdf.layout import layout
from budget_warehouse.pdf.text import read_pages

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "data/documents").glob("*.pdf"))
AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def read(path: Path) -> tuple[list, dict[int, int]]:
    """The reader's tables (with their grids) and its figure count per table."""
    pages = read_pages(path)
    layouts = [layout(page) for page in pages]
    template = pdf_document.recognize(path, layouts)
    tables, _ = pdf_tables.find_tables(layouts, template)
    classes = templates.function_class_codes()
    classes.update(pdf_tables.class_names(tables))
    figures, _ = pdf_tables.read_figures(tables, template, classes)
    return tables, dict(Counter(figure.table_order for figure in figures))


Line = tuple[float, float, float, str]  # x0, x1, y middle from the top, text
# header words over the columns that print classification codes
CODE_WORDS = {"类", "款", "项", "科目编码", "功能科目编码", "经济科目编码", "功能分类科目编码", "经济分类科目编码", "科目代码"}


def lines_by_page(path: Path, pages: set[int]) -> dict[int, list[Line]]:
    """pdfminer's text lines of the given pages."""
    found: dict[int, list[Line]] = {}
    for number, page in enumerate(extract_pages(str(path), laparams=LAParams(char_margin=1.0)), start=1):
        if number not in pages:
            continue
        height = page.height
        rows = found.setdefault(number, [])
        stack = list(page)
        while stack:
            element = stack.pop()
            if isinstance(element, LTTextLine):
                rows.append((element.x0, element.x1, height - (element.y0 + element.y1) / 2, element.get_text()))
            elif isinstance(element, LTTextContainer):
                stack.extend(element)
    return found


def count_numbers(tokens: list[tuple[str, bool]]) -> int:
    """Numbers on one printed row, less classification codes: under a code column's header, bare digits opening
    the row, or right before a name."""
    count = 0
    index = 0
    while index < len(tokens) and tokens[index][0].isdigit() and len(tokens[index][0]) <= 7 and index < 3:
        index += 1  # the codes that open a row whose name wraps onto the lines around it
    while index < len(tokens):
        run_end = index
        while run_end < len(tokens) and tokens[run_end][0].isdigit() and len(tokens[run_end][0]) <= 7:
            run_end += 1
        if run_end > index and run_end < len(tokens) and CJK.search(tokens[run_end][0]):
            index = run_end  # codes (201 03 01, 2010301) before their name
            continue
        text, under_code_header = tokens[index]
        if AMOUNT.match(text) and not under_code_header:
            count += 1
        index += 1
    return count


def rows_of(lines: list[Line], code_columns: list[tuple[float, float]]) -> list[list[tuple[str, bool]]]:
    """pdfminer's lines (often one per cell) gathered into printed rows, left to right; each token with whether it
    lies under a code column's header."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda item: (item[2], item[0])):
        if rows and abs(rows[-1][0][2] - line[2]) < 3:
            rows[-1].append(line)
        else:
            rows.append([line])

    def under_code(x0: float, x1: float) -> bool:
        middle = (x0 + x1) / 2
        return any(left - 2 <= middle <= right + 2 for left, right in code_columns)

    return [[(token, under_code(x0, x1)) for x0, x1, _, text in sorted(row) for token in text.split()] for row in rows]


@pytest.mark.parametrize("path", SHIPPED, ids=[path.name for path in SHIPPED])
def test_every_table_figure_is_read_once(path: Path) -> None:
    tables, counts = read(path)
    pages = {grid.page for table in tables for grid in table.grids}
    lines = lines_by_page(path, pages)
    differences = {}
    for table in tables:
        independent = 0
        inside_grids = [
            [
                line
                for line in lines.get(grid.page, [])
                if grid.x0 <= (line[0] + line[1]) / 2 <= grid.x1 and grid.top <= line[2] <= grid.bottom
            ]
            for grid in table.grids
        ]
        code_columns = [(x0, x1) for inside in inside_grids for x0, x1, _, text in inside if text.strip() in CODE_WORDS]
        for inside in inside_grids:
            independent += sum(count_numbers(row) for row in rows_of(inside, code_columns))
        if independent != counts.get(table.order, 0):
            differences[f"table {table.order} {table.title_as_printed} (pages {table.pages})"] = (
                counts.get(table.order, 0),
                independent,
            )
    assert differences == {}, "reader's count vs pdfminer's count"


def test_every_shipped_pdf_is_recognized_by_its_content_not_its_name(tmp_path: Path) -> None:
    for path in SHIPPED:
        renamed = tmp_path / "document.pdf"
        renamed.write_bytes(path.read_bytes())
        pages = read_pages(renamed)
        template = pdf_document.recognize(renamed, [layout(page) for page in pages])
        assert template.reader == "ruled_tables", path.name
        assert renamed.name == "document.pdf"


def test_the_reader_keeps_the_text_and_unit_of_every_figure() -> None:
    for path in SHIPPED:
        result = pdf_document.read_document(path)
        for figure in result.figures:
            assert figure["figure_text_as_printed"], figure["figure_id"]
            plain = figure["figure_text_as_printed"].replace(",", "")
            assert float(plain) == float(figure["amount_as_printed"]), figure["figure_id"]
            assert figure["printed_unit"] in ("元", "万元", "%", "个"), (path.name, figure["figure_id"], figure["printed_unit"])
            assert figure["page_no"] >= 1
