"""One PDF budget document: its template, identity, tables, figures and narrative claims.

``read_document(path)`` returns everything the warehouse loads from the file
as plain data (``DocumentResult``), or raises ``DocumentRejected`` with a
reason code and a message naming the file (and page where one applies).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from budget_warehouse import narrative, pdf_tables, templates
from budget_warehouse.pdf_layout import PageLayout, layout
from budget_warehouse.pdf_text import PdfError, read_pages

# words that every budget or final-accounts disclosure prints somewhere
_BUDGET_WORDS = re.compile(r"预算|决算")
_BUDGET_TABLE_WORDS = re.compile(r"(收支|收入|支出).{0,12}表|“三公”经费")


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


def _cover_text(layouts: list[PageLayout]) -> str:
    first = next((page for page in layouts if page.lines or page.grids), layouts[0])
    return "\n".join(re.sub(r"\s+", "", line.text) for line in first.lines[:12])


def identity(template: templates.Template, layouts: list[PageLayout], tables: list[pdf_tables.PrintedTable]) -> dict:
    """Fiscal year, department, scope and region as the document prints them (cover first, then headings)."""
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
    headings = []
    if template.heading is not None:
        for table in tables:
            for line in table.heading_lines:
                match = template.heading.search(line)
                if match:
                    headings.append(match["department"])
                    break
    if "department" not in found and headings:
        found["department"] = max(set(headings), key=headings.count)
    region = found.get("region") or template.region
    if not region and template.region_from_department is not None and found.get("department"):
        match = template.region_from_department.search(found["department"])
        region = match.group(1) if match else None
    scope = found.get("scope") or template.raw.get("identity", {}).get("scope")
    return {
        "fiscal_year": int(found["fiscal_year"]) if found.get("fiscal_year") else None,
        "department_name": found.get("department"),
        "scope": scope,
        "region": region,
        "region_level": template.region_level,
        "title_as_printed": found.get("title") or joined[:200],
    }


def recognize(path: Path, layouts: list[PageLayout]) -> templates.Template:
    text = "\n".join(line.text for page in layouts for line in page.lines)
    text += "\n" + "\n".join(cell.text for page in layouts for grid in page.grids for cell in grid.cells[:40])
    template = templates.recognize(pdf_tables.normalize(text))
    if template is not None:
        return template
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
    notes += more_notes
    document = identity(template, layouts, tables)
    document.update(
        template=template.name,
        budget_phase=template.budget_phase,
        page_count=len(pages),
        table_unit=_main_unit(tables),
    )
    units = {table.order: table.unit_as_printed for table in tables}
    table_rows = []
    for table in tables:
        count = sum(1 for figure in figures if figure.table_order == table.order)
        heading = next(
            (m["department"] for line in table.heading_lines if template.heading and (m := template.heading.search(line))), None
        )
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
            }
        )
    rows = [
        asdict(figure) | {"printed_unit": units.get(figure.table_order) or figure.printed_unit, "source_kind": "table"}
        for figure in figures
    ]
    claims, claim_figures = narrative.read_claims(layouts, template, document, tables, rows)
    return DocumentResult(document, table_rows, rows + claim_figures, claims, notes)


def _main_unit(tables: list[pdf_tables.PrintedTable]) -> str | None:
    units = [table.unit_as_printed for table in tables if table.unit_as_printed and table.grids]
    return max(set(units), key=units.count) if units else None
