"""Transcribe the twelve tables of the source document into CSV seeds.

The source is a text rendering of the published PDF: one table row per line,
cells separated by tabs, page breaks showing up as blank lines.  This script
is the only writer of ``seeds/document/table_*.csv``; ``make transcribe``
regenerates them and a pytest asserts the committed seeds equal its output.

Faithfulness rules (see README, "The raw layer"):

* labels are kept exactly as printed, including the document's own
  inconsistencies (``(室)`` beside ``（室）``, ``490.5`` beside ``490.50``);
* amounts lose only their thousands separators (``4,398.38`` -> ``4398.38``);
* a blank cell stays blank (NULL), a printed ``0.00`` stays ``0.00``;
* every row keeps ``source_line`` (1-based line of the source file) and
  ``line_no`` (its position within the table).

The narrative figures (parts 2 to 8) are transcribed by hand in
``seeds/document/narrative_figures.csv``; a pytest checks that every one of
them is printed on the line it cites.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATE = "shenzhen_district_budget"
# the cover: "2024 年深圳市盐田区政务服务数据" / "管理局部门预算", read as one line
_COVER = re.compile(r"^(?P<year>20\d\d)年(?P<department>(?P<region>深圳市[^市区]{1,4}区)\S+?)(?P<scope>部门|单位)预算$")


@dataclass(frozen=True)
class Identity:
    """What the cover of a text rendering says: the document's id, year, department, region and scope."""

    doc_id: str
    fiscal_year: int
    department_name: str
    region: str
    scope: str
    title: str


class NotThisTemplate(ValueError):
    """The text is not a rendering of a Shenzhen district budget."""


def read_identity(lines: list[str], doc_id: str) -> Identity:
    cover = ""
    for line in lines[:12]:
        if line.strip().startswith("目"):
            break
        cover += re.sub(r"\s+", "", line)
    match = _COVER.match(cover)
    if not match or not any(line.startswith(TABLE_HEADINGS[1]) for line in lines):
        raise NotThisTemplate(f"the cover {cover[:60]!r} is not a Shenzhen district budget's (YYYY 年<department>部门预算)")
    return Identity(doc_id, int(match["year"]), match["department"], match["region"], match["scope"], cover)


TABLE_HEADINGS = {
    1: "表一：",
    2: "表二：",
    3: "表三：",
    4: "表四：",
    5: "表五：",
    6: "表六：",
    7: "表七：",
    8: "表八：",
    9: "表九：",
    10: "表十：",
    11: "表十一：",
    12: "表十二：",
}

_AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")


@dataclass
class Seed:
    """One CSV seed: its file name, its columns and its rows."""

    name: str
    columns: list[str]
    doc_id: str
    rows: list[dict[str, str]] = field(default_factory=list)
    # (source_line, column, text as printed) of every amount whose printed text is not
    # its plain two-decimal rendering: thousands separators, fewer decimals (490.5)
    texts: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, source_line: int, **values: str) -> None:
        for column, value in values.items():
            if isinstance(value, Amount) and value.printed != f"{float(value):.2f}":
                self.texts.append((str(source_line), column, value.printed))
        row = {"doc_id": self.doc_id, "source_line": str(source_line), "line_no": str(len(self.rows) + 1)}
        row.update(values)
        unknown = set(row) - set(self.columns)
        if unknown:
            raise ValueError(f"{self.name}: unknown columns {sorted(unknown)}")
        self.rows.append(row)


class Amount(str):
    """A printed amount as a plain decimal, remembering the text it was printed as (4,398.38)."""

    printed: str

    def __new__(cls, plain: str, printed: str) -> Amount:
        value = super().__new__(cls, plain)
        value.printed = printed
        return value


def amount(cell: str, where: str) -> str:
    """Return a printed amount without thousands separators ('' stays '')."""
    cell = cell.strip()
    if cell == "":
        return ""
    if not _AMOUNT.match(cell):
        raise ValueError(f"{where}: {cell!r} is not a printed amount")
    return Amount(cell.replace(",", ""), cell)


def read_source(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def table_lines(lines: list[str], table_no: int) -> list[tuple[int, list[str]]]:
    """The non-blank lines of one table, as (1-based line number, cells)."""
    starts = {}
    for no, heading in TABLE_HEADINGS.items():
        hits = [i for i, line in enumerate(lines) if line.startswith(heading)]
        if len(hits) != 1:
            raise ValueError(f"heading {heading!r} found {len(hits)} times, expected once")
        starts[no] = hits[0]
    begin = starts[table_no] + 1
    end = starts.get(table_no + 1, len(lines))
    return [(i + 1, lines[i].split("\t")) for i in range(begin, end) if lines[i].strip()]


def data_rows(rows: list[tuple[int, list[str]]], first_label: str) -> list[tuple[int, list[str]]]:
    """Rows after the header (starting at the row whose first cell is first_label), before the 备注 line."""
    out: list[tuple[int, list[str]]] = []
    started = False
    for line_no, cells in rows:
        if not started:
            started = cells[0].strip() == first_label or (
                first_label == "" and len(cells) > 1 and cells[0] == "" and cells[1].strip().isdigit()
            )
            if not started:
                continue
        if cells[0].startswith("备注"):
            break
        out.append((line_no, cells))
    return out


def cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


AMOUNT_COLUMNS_T2 = [
    "total_income_amount",
    "general_public_budget_subtotal_amount",
    "basic_grant_amount",
    "duty_project_grant_amount",
    "special_fund_grant_amount",
    "investment_project_grant_amount",
    "government_fund_grant_amount",
    "state_capital_grant_amount",
    "fiscal_special_account_amount",
    "business_income_amount",
    "operating_income_amount",
    "superior_subsidy_amount",
    "affiliated_remittance_amount",
    "other_income_amount",
    "prior_year_carryover_amount",
]

AMOUNT_COLUMNS_T3 = [
    "total_amount",
    "basic_amount",
    "project_amount",
    "business_operation_amount",
    "affiliated_subsidy_amount",
    "remittance_to_superior_amount",
    "procurement_total_amount",
    "procurement_sme_reserved_amount",
    "procurement_small_micro_reserved_amount",
]

AMOUNT_COLUMNS_T4 = [
    "total_amount",
    "government_budget_subtotal_amount",
    "general_public_budget_amount",
    "government_fund_amount",
    "state_capital_amount",
    "fiscal_special_account_amount",
    "business_income_amount",
    "operating_income_amount",
    "superior_subsidy_amount",
    "affiliated_remittance_amount",
    "other_income_amount",
    "prior_year_carryover_amount",
]

AMOUNT_COLUMNS_T5 = [
    "total_amount",
    "general_public_budget_subtotal_amount",
    "duty_project_grant_amount",
    "special_fund_grant_amount",
    "investment_project_grant_amount",
    "government_fund_grant_amount",
    "state_capital_grant_amount",
    "fiscal_special_account_amount",
    "business_income_amount",
    "operating_income_amount",
    "superior_subsidy_amount",
    "affiliated_remittance_amount",
    "other_income_amount",
    "prior_year_carryover_amount",
]

AMOUNT_COLUMNS_T9 = [
    f"{category}_{fund}_amount"
    for category in (
        "total",
        "overseas_travel",
        "official_reception",
        "vehicle_subtotal",
        "vehicle_purchase",
        "vehicle_operation",
    )
    for fund in ("general_public_budget", "government_fund", "state_capital")
]

KEY = ["doc_id", "source_line", "line_no"]


def two_sided(lines: list[str], table_no: int, name: str, identity: Identity) -> Seed:
    """Tables 1 and 6: income items on the left, expenditure items on the right."""
    seed = Seed(
        name,
        KEY + ["income_item_as_printed", "income_amount", "expenditure_item_as_printed", "expenditure_amount"],
        identity.doc_id,
    )
    for line_no, cells in data_rows(table_lines(lines, table_no), "财政拨款"):
        where = f"table {table_no}, source line {line_no}"
        seed.add(
            line_no,
            income_item_as_printed=cell(cells, 0),
            income_amount=amount(cell(cells, 1), where),
            expenditure_item_as_printed=cell(cells, 2),
            expenditure_amount=amount(cell(cells, 3), where),
        )
    return seed


def unit_and_amounts(lines: list[str], table_no: int, name: str, columns: list[str], identity: Identity) -> Seed:
    """Tables 2, 4 and 5: a label (unit or item) followed by amount columns."""
    label = "unit_name_as_printed" if table_no == 2 else "item_as_printed"
    seed = Seed(name, KEY + [label] + columns, identity.doc_id)
    rows = table_lines(lines, table_no)
    first = next(c[0] for _, c in rows if c[0].startswith(identity.department_name))
    for line_no, cells in data_rows(rows, first):
        where = f"table {table_no}, source line {line_no}"
        if len(cells) != len(columns) + 1:
            raise ValueError(f"{where}: {len(cells)} cells, expected {len(columns) + 1}")
        values = {col: amount(cells[i + 1], where) for i, col in enumerate(columns)}
        seed.add(line_no, **{label: cell(cells, 0)}, **values)
    return seed


def coded(lines: list[str], table_no: int, name: str, code: str, columns: list[str], identity: Identity) -> Seed:
    """Tables 3, 7, 8, 10 and 11: unit rows, then code rows under each unit."""
    seed = Seed(name, KEY + ["unit_name_as_printed", f"{code}_code", f"{code}_name_as_printed"] + columns, identity.doc_id)
    rows = table_lines(lines, table_no)
    first = next(c[0] for _, c in rows if c[0].startswith(identity.department_name))
    for line_no, cells in data_rows(rows, first):
        where = f"table {table_no}, source line {line_no}"
        if len(cells) != len(columns) + 3:
            raise ValueError(f"{where}: {len(cells)} cells, expected {len(columns) + 3}")
        values = {col: amount(cells[i + 3], where) for i, col in enumerate(columns)}
        seed.add(
            line_no,
            unit_name_as_printed=cell(cells, 0),
            **{f"{code}_code": cell(cells, 1), f"{code}_name_as_printed": cell(cells, 2)},
            **values,
        )
    return seed


def three_public(lines: list[str], identity: Identity) -> Seed:
    seed = Seed(
        "table_09_three_public_expenses",
        KEY + ["unit_name_as_printed", "year_label_as_printed"] + AMOUNT_COLUMNS_T9,
        identity.doc_id,
    )
    rows = table_lines(lines, 9)
    first = next(c[0] for _, c in rows if c[0].startswith(identity.department_name))
    for line_no, cells in data_rows(rows, first):
        where = f"table 9, source line {line_no}"
        if len(cells) != len(AMOUNT_COLUMNS_T9) + 2:
            raise ValueError(f"{where}: {len(cells)} cells, expected {len(AMOUNT_COLUMNS_T9) + 2}")
        values = {col: amount(cells[i + 2], where) for i, col in enumerate(AMOUNT_COLUMNS_T9)}
        seed.add(line_no, unit_name_as_printed=cell(cells, 0), year_label_as_printed=cell(cells, 1), **values)
    return seed


def performance(lines: list[str], identity: Identity) -> tuple[Seed, Seed, Seed]:
    """Table 12: the tasks with amounts, the yearly goals, and the indicators.

    The text rendering shifts some indicator rows left (a merged cell that the
    PDF printed once); the non-empty cells of an indicator row are therefore
    read right-aligned into 一级指标, 二级指标, 三级指标, 目标值.
    """
    tasks = Seed(
        "table_12_performance_tasks",
        KEY
        + [
            "section_as_printed",
            "task_name_as_printed",
            "content_as_printed",
            "total_amount",
            "fiscal_grant_amount",
            "other_funds_amount",
        ],
        identity.doc_id,
    )
    goals = Seed("table_12_performance_goals", KEY + ["goal_label_as_printed", "goal_text_as_printed"], identity.doc_id)
    indicators = Seed(
        "table_12_performance_indicators",
        KEY
        + [
            "section_as_printed",
            "indicator_level_1_as_printed",
            "indicator_level_2_as_printed",
            "indicator_name_as_printed",
            "target_as_printed",
        ],
        identity.doc_id,
    )
    rows = table_lines(lines, 12)
    part = "head"
    for line_no, cells in rows:
        where = f"table 12, source line {line_no}"
        first = cells[0].strip()
        if first.startswith("备注"):
            break
        if first == "年度主要任务":
            part = "tasks"
        elif first.startswith("年度总体目标"):
            part = "goals"
        elif part == "goals" and cell(cells, 1) == "一级指标":
            part = "indicator_header"
            continue
        if part == "tasks":
            if cell(cells, 1) == "" and tasks.rows:
                # a page break split the content cell: the line continues the previous task
                tasks.rows[-1]["content_as_printed"] += cell(cells, 2)
                continue
            tasks.add(
                line_no,
                section_as_printed=first,
                task_name_as_printed=cell(cells, 1),
                content_as_printed=cell(cells, 2),
                total_amount=amount(cell(cells, 3), where),
                fiscal_grant_amount=amount(cell(cells, 4), where),
                other_funds_amount=amount(cell(cells, 5), where),
            )
        elif part == "goals":
            goals.add(line_no, goal_label_as_printed=first, goal_text_as_printed=cell(cells, 1))
        elif part in ("indicator_header", "indicators"):
            section = ""
            if first == "年度绩效指标":
                section, cells = first, cells[1:]
            part = "indicators"
            filled = [c.strip() for c in cells if c.strip()]
            if not 2 <= len(filled) <= 4:
                raise ValueError(f"{where}: cannot read indicator row {cells!r}")
            padded = [""] * (4 - len(filled)) + filled
            indicators.add(
                line_no,
                section_as_printed=section,
                indicator_level_1_as_printed=padded[0],
                indicator_level_2_as_printed=padded[1],
                indicator_name_as_printed=padded[2],
                target_as_printed=padded[3],
            )
    return tasks, goals, indicators


DOCUMENT_COLUMNS = [
    "doc_id", "fiscal_year", "department_name", "budget_phase", "scope", "region", "region_level", "template",
    "title_as_printed", "currency", "amount_unit", "amount_factor", "source_file", "source_sha256",
]  # fmt: skip


def transcribe(source: Path, doc_id: str | None = None, source_file: str | None = None) -> list[Seed]:
    """Every seed of one text rendering: its identity row (documents) and its twelve tables."""
    text = source.read_bytes()
    digest = hashlib.sha256(text).hexdigest()
    lines = text.decode("utf-8").split("\n")
    identity = read_identity(lines, doc_id or digest[:16])
    document = Seed("documents", DOCUMENT_COLUMNS, identity.doc_id)
    document.rows.append(
        {
            "doc_id": identity.doc_id,
            "fiscal_year": str(identity.fiscal_year),
            "department_name": identity.department_name,
            "budget_phase": "预算",
            "scope": identity.scope,
            "region": identity.region,
            "region_level": "区",
            "template": TEMPLATE,
            "title_as_printed": identity.title,
            "currency": "CNY",
            "amount_unit": "万元",
            "amount_factor": "10000",
            "source_file": source_file or _relative(source),
            "source_sha256": digest,
        }
    )
    tables = [
        two_sided(lines, 1, "table_01_budget_summary", identity),
        unit_and_amounts(lines, 2, "table_02_income_summary", AMOUNT_COLUMNS_T2, identity),
        coded(lines, 3, "table_03_expenditure_summary", "function", AMOUNT_COLUMNS_T3, identity),
        unit_and_amounts(lines, 4, "table_04_basic_expenditure", AMOUNT_COLUMNS_T4, identity),
        unit_and_amounts(lines, 5, "table_05_project_expenditure", AMOUNT_COLUMNS_T5, identity),
        two_sided(lines, 6, "table_06_fiscal_grant_summary", identity),
        coded(
            lines, 7, "table_07_expenditure_by_function", "function", ["total_amount", "basic_amount", "project_amount"], identity
        ),
        coded(
            lines, 8, "table_08_expenditure_by_economic", "economic", ["total_amount", "basic_amount", "project_amount"], identity
        ),
        three_public(lines, identity),
        coded(
            lines,
            10,
            "table_10_government_fund_expenditure",
            "function",
            ["total_amount", "basic_amount", "project_amount"],
            identity,
        ),
        coded(
            lines,
            11,
            "table_11_state_capital_expenditure",
            "function",
            ["total_amount", "basic_amount", "project_amount"],
            identity,
        ),
        *performance(lines, identity),
    ]
    texts = Seed("printed_texts", PRINTED_TEXT_COLUMNS, identity.doc_id)
    for table in tables:
        for source_line, column, printed in table.texts:
            texts.rows.append(
                {
                    "doc_id": identity.doc_id,
                    "seed_name": table.name,
                    "source_line": source_line,
                    "seed_column": column,
                    "figure_text_as_printed": printed,
                }
            )
    return [document, *tables, texts]


def _relative(path: Path) -> str:
    """A path inside the project as the project names it (data/source/…), any other as given."""
    project = Path(__file__).resolve().parents[2]
    try:
        return str(path.resolve().relative_to(project))
    except ValueError:
        return str(path)


PRINTED_TEXT_COLUMNS = ["doc_id", "seed_name", "source_line", "seed_column", "figure_text_as_printed"]


def read_text_rendering(source: Path, doc_id: str) -> dict:
    """A text rendering found by the intake: its seeds' rows, or DocumentRejected if it is not of this template."""
    from budget_warehouse.pdf.document import DocumentRejected

    try:
        seeds = transcribe(source, doc_id, str(source))
    except UnicodeDecodeError:
        raise DocumentRejected("not_a_budget", f"{source}: is not UTF-8 text") from None
    except NotThisTemplate as error:
        raise DocumentRejected("unknown_template", f"{source}: a text file, but {error}") from None
    except ValueError as error:
        raise DocumentRejected("unreadable", f"{source}: a Shenzhen text rendering that cannot be read: {error}") from None
    document = dict(seeds[0].rows[0], page_count=None, table_unit="万元")
    return {"kind": "text", "document": document, "seeds": {seed.name: (seed.columns, seed.rows) for seed in seeds}}


def write_bulk(folder: Path, results: list[dict]) -> None:
    """Text renderings' seeds, one folder per document, loaded like a bulk folder's files (incremental.load_input);
    header-only files when there are none."""
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    # the project's unit-name aliases serve every department they name
    shutil.copyfile(
        Path(__file__).resolve().parents[2] / "seeds/reference/budget_unit_aliases.csv", folder / "budget_unit_aliases.csv"
    )
    empty = Identity("", 0, "", "", "", "")
    for result in results or [{"document": {"doc_id": "_none"}, "seeds": None}]:
        target = folder / result["document"]["doc_id"]
        target.mkdir(parents=True, exist_ok=True)
        seeds = result["seeds"]
        if seeds is None:
            seeds = {seed.name: (seed.columns, []) for seed in _empty_seeds(empty)}
            seeds["narrative_figures"] = (NARRATIVE_COLUMNS, [])
        elif "narrative_figures" not in seeds:
            seeds["narrative_figures"] = (NARRATIVE_COLUMNS, [])
        for name, (columns, rows) in seeds.items():
            seed = Seed(name, columns, result["document"]["doc_id"], rows)
            (target / f"{name}.csv").write_text(render(seed), encoding="utf-8")


NARRATIVE_COLUMNS = [
    "doc_id", "figure_no", "source_line", "part_no", "unit_name_as_printed", "measure_key", "subject_label",
    "direction_as_printed", "figure_text_as_printed", "figure_value", "figure_unit",
]  # fmt: skip


def _empty_seeds(identity: Identity) -> list[Seed]:
    """The seeds' columns with no rows (the schema of a bulk folder with no text rendering)."""
    two_sided = ["income_item_as_printed", "income_amount", "expenditure_item_as_printed", "expenditure_amount"]
    coded = ["unit_name_as_printed", "function_code", "function_name_as_printed"]
    three = ["total_amount", "basic_amount", "project_amount"]
    names_and_columns = {
        "documents": DOCUMENT_COLUMNS,
        "table_01_budget_summary": KEY + two_sided,
        "table_02_income_summary": KEY + ["unit_name_as_printed"] + AMOUNT_COLUMNS_T2,
        "table_03_expenditure_summary": KEY + coded + AMOUNT_COLUMNS_T3,
        "table_04_basic_expenditure": KEY + ["item_as_printed"] + AMOUNT_COLUMNS_T4,
        "table_05_project_expenditure": KEY + ["item_as_printed"] + AMOUNT_COLUMNS_T5,
        "table_06_fiscal_grant_summary": KEY + two_sided,
        "table_07_expenditure_by_function": KEY + coded + three,
        "table_08_expenditure_by_economic": KEY + ["unit_name_as_printed", "economic_code", "economic_name_as_printed"] + three,
        "table_09_three_public_expenses": KEY + ["unit_name_as_printed", "year_label_as_printed"] + AMOUNT_COLUMNS_T9,
        "table_10_government_fund_expenditure": KEY + coded + three,
        "table_11_state_capital_expenditure": KEY + coded + three,
        "table_12_performance_tasks": KEY
        + [
            "section_as_printed",
            "task_name_as_printed",
            "content_as_printed",
            "total_amount",
            "fiscal_grant_amount",
            "other_funds_amount",
        ],
        "table_12_performance_goals": KEY + ["goal_label_as_printed", "goal_text_as_printed"],
        "table_12_performance_indicators": KEY
        + [
            "section_as_printed",
            "indicator_level_1_as_printed",
            "indicator_level_2_as_printed",
            "indicator_name_as_printed",
            "target_as_printed",
        ],
        "printed_texts": PRINTED_TEXT_COLUMNS,
    }
    return [Seed(name, columns, identity.doc_id) for name, columns in names_and_columns.items()]


def render(seed: Seed) -> str:
    from io import StringIO

    buffer = StringIO()
    writer = csv.DictWriter(buffer, fieldnames=seed.columns, lineterminator="\n")
    writer.writeheader()
    for row in seed.rows:
        writer.writerow({col: row.get(col, "") for col in seed.columns})
    return buffer.getvalue()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=Path("data/source/000_05c50ae7d1510997.txt"))
    parser.add_argument("--out", type=Path, default=Path("seeds/document"))
    parser.add_argument("--check", action="store_true", help="compare with the committed seeds instead of writing")
    args = parser.parse_args(argv)
    differ = []
    for seed in transcribe(args.source, source_file=str(args.source)):
        target = args.out / f"{seed.name}.csv"
        text = render(seed)
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                differ.append(str(target))
        else:
            target.write_text(text, encoding="utf-8")
    if differ:
        print("seeds differ from the transcription of the source: " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
