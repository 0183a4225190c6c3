"""Findings on generated documents: each planted error found on its page, the clean documents silent.

The documents are built the way ``make build DOCS=folder`` builds a folder (``budget_warehouse.publish
--check-only --docs folder --database file``), once for many documents, each of a department of its own so
that no two claim one identity. The caller runs the build (``build_command`` gives its arguments: the bench
runs it in the project, a test in a copy of it); ``collect`` then reads ``marts.rpt_findings`` and
``marts.rpt_document_intake`` of the file it made and gives one ``FindingOutcome`` per document:

* a clean document's error findings are all **false** (it prints no error);
* a planted document's error must include one of its plant's finding kind on the planted page (any page for a
  missing table, which has none); if none does, the plant is **missed**. Its other error findings are listed
  as raised beside it (one wrong figure breaks every identity it is part of), not counted false.
* a document not loaded (left out, quarantined) is said so: its findings cannot be known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from budget_warehouse.layouts import variants
from budget_warehouse.layouts.harness import Generated, generate
from budget_warehouse.layouts.tableset import PLANTS, Plant

# the planted documents' indices (their departments) start past the grid's
PLANTED_FROM = 100
# the layouts each plant is planted in: the plainest, and a whole city's style of another kind
PLANTED_LAYOUTS = ("plain", "yuan+thousands+codes_split+numbers_gongkai")


@dataclass
class Finding:
    kind: str
    page: int | None
    description: str


@dataclass
class FindingOutcome:
    """What the build says of one generated document."""

    name: str
    plant: Plant | None
    planted_page: int | None
    loaded: bool = True
    left_out: str = ""
    findings: list[Finding] = field(default_factory=list)

    @property
    def found(self) -> bool:
        """The plant's finding is raised on its page (always true of a clean document)."""
        if self.plant is None:
            return True
        return any(
            f.kind == self.plant.finding_kind and (self.planted_page is None or f.page == self.planted_page)
            for f in self.findings
        )

    @property
    def false(self) -> list[Finding]:
        """Findings of a document that prints no error (a clean one)."""
        return list(self.findings) if self.plant is None else []

    @property
    def beside(self) -> list[Finding]:
        """A planted document's findings other than the plant's own kind on its page."""
        if self.plant is None:
            return []
        return [
            f
            for f in self.findings
            if not (f.kind == self.plant.finding_kind and (self.planted_page is None or f.page == self.planted_page))
        ]


def generate_folder(documents: list[variants.Document], folder: Path, planted_layouts: tuple[str, ...]) -> list[Generated]:
    """The documents (clean, each its grid index's department) and every plant in each of ``planted_layouts``,
    written into ``folder``."""
    grid_index = {document.name: index for index, document in enumerate(variants.grid())}
    generated = [generate(document, folder, grid_index.get(document.name, index)) for index, document in enumerate(documents)]
    by_name = {document.name: document for document in variants.grid()}
    number = PLANTED_FROM
    for layout_name in planted_layouts:
        for plant in PLANTS:
            generated.append(generate(by_name[layout_name], folder, number, plant))
            number += 1
    return generated


def build_command(folder: Path, database: Path, target_path: str) -> list[str]:
    """The arguments of ``python -m`` that build ``folder`` into ``database`` as make build DOCS=folder does."""
    return [
        "budget_warehouse.publish",
        "--check-only",
        "--docs",
        str(folder),
        "--database",
        str(database),
        "--target-path",
        target_path,
    ]


def collect(database: Path, generated: list[Generated]) -> list[FindingOutcome]:
    """Each generated document's outcome in the built ``database`` (see the module's docstring)."""
    with duckdb.connect(str(database), read_only=True) as connection:
        intake = connection.execute(
            "select file_path, doc_id, intake_status, intake_reason, intake_message from marts.rpt_document_intake"
        ).fetchall()
        departments = dict(connection.execute("select department_name, doc_id from marts.dim_document").fetchall())
        rows = connection.execute(
            "select findings.doc_id, finding_kind, page_no, description from marts.rpt_findings as findings "
            "inner join marts.dim_document as documents on findings.doc_id = documents.doc_id "
            "where severity = 'error' order by findings.doc_id, page_no, finding_kind"
        ).fetchall()
    by_file = {Path(path).name: (doc_id, status, reason, message) for path, doc_id, status, reason, message in intake}
    by_doc: dict[str, list[Finding]] = {}
    for doc_id, kind, page, description in rows:
        by_doc.setdefault(doc_id, []).append(Finding(kind, page, description))
    outcomes = []
    for item in generated:
        outcome = FindingOutcome(item.name, item.plant, item.planted_page())
        doc_id, status, reason, message = by_file.get(item.path.name, (None, "missing", "missing", "not in the intake"))
        if status != "loaded":
            # the message opens with the file's path: the report names the document already
            said = (message or "").split(f"{item.path.name}: ", 1)[-1]
            outcome.loaded, outcome.left_out = False, said if said.startswith(reason or "") else f"{reason}: {said}"
        doc_id = departments.get(item.budget.department, doc_id)
        outcome.findings = by_doc.get(doc_id, []) if doc_id else []
        outcomes.append(outcome)
    return outcomes
