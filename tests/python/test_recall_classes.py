"""Recall by class (issue 17, point 4): each class of what a document can get wrong is caught when planted,
and the unchanged pages raise nothing.

Three real documents of two cities the shared description reads (北京市司法局's narrative and its tables,
published as two files and paired into one document; 苏州市审计局's budget) are built once as they are:
every class below is checked on them (the checks exist and pass), and the only error finding is the one
the page really shows (p. 7 of the narrative: 29,956.27 − 28,479.84 is 1,476.43, printed 1,476.73; in
the acknowledged list). Then what the reader read is changed in its cache, as if the pages had printed
something else, one planted error per class: a growth rate, a difference, a direction word, placeholder
text, a heading's year, a total printed as 0, a required table absent. Each must be found, on its page,
and nothing else may be: every new finding names a planted figure or is the planted structure's own.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from project_copy import copy_project, run_tool

CORPUS = Path(__file__).resolve().parents[2].parent / "shared/documents/corpus"
FILES = [
    "北京/2026年北京市司法局部门预算.pdf",
    "北京/司法局_附件2：北京市司法局2026年度部门预算报表.pdf",
    "苏州/2026年苏州市审计局部门预算.pdf",
]
DIRECTION_PLANTED = "减少"


def build(project: Path, folder: Path, database: Path) -> None:
    run = run_tool(
        project,
        "budget_warehouse.publish",
        "--check-only",
        "--docs",
        str(folder),
        "--database",
        str(database),
        "--target-path",
        str(project / "target"),
    )
    assert database.exists(), run.output[-3000:]


def findings(database: Path) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(
            "select finding_kind, finding_id, page_no, coalesce(figure_ids, []), is_acknowledged, message_zh, message_en "
            "from marts.rpt_findings where severity = 'error'"
        ).fetchall()


def checked(database: Path) -> dict[str, set[str]]:
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute("select check_family, status from marts.rpt_reconciliation").fetchall()
    found: dict[str, set[str]] = {}
    for family, status in rows:
        found.setdefault(family, set()).add(status)
    return found


def cached(project: Path, name: str) -> tuple[Path, dict]:
    """The intake's cached reading of a corpus file (named by the file's sha256)."""
    sha256 = hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()
    (path,) = (project / "warehouse/.cache/intake").glob(f"{sha256}.*.json")
    return path, json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    if not all((CORPUS / name).exists() for name in FILES):
        pytest.skip("the crawled corpus is not beside the project")
    root = tmp_path_factory.mktemp("recall")
    project = copy_project(root / "project")
    shutil.rmtree(project / "warehouse/.cache", ignore_errors=True)
    folder = root / "docs"
    for name in FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / name, folder / name)
    database = root / "baseline.duckdb"
    build(project, folder, database)
    return project, folder, database


def test_the_unchanged_pages_are_checked_by_every_class_and_raise_only_the_real_error(baseline) -> None:
    _, _, database = baseline
    statuses = checked(database)
    for family in ("percent", "difference", "direction", "row", "repeat"):
        assert statuses.get(family, set()) & {"exact", "rounding"}, f"no {family} check passed: {statuses}"
    unacknowledged = [row for row in findings(database) if not row[4]]
    assert unacknowledged == []
    (real,) = [row for row in findings(database) if row[0] == "difference"]
    assert real[2] == 7 and "1476.73" in real[5] and "1476.43" in real[5]
    assert "2026年北京市司法局部门预算.pdf" in real[5], "the narrative's own file is named where it is printed apart"


def _figure(figures: list[dict], **where: object) -> dict:
    matches = [f for f in figures if all(f.get(key) == value for key, value in where.items())]
    assert matches, where
    return matches[0]


def _set(figure: dict, amount: Decimal) -> None:
    figure["amount_as_printed"] = str(amount)
    figure["figure_text_as_printed"] = f"{amount:,.2f}"


def test_each_planted_error_is_found_on_its_page_and_nothing_else(baseline, tmp_path: Path) -> None:
    project, folder, _ = baseline
    planted: dict[str, str] = {}

    # 北京: the 收入 sentence's change (p. 5), and its direction word said the other way
    path, stored = cached(project, FILES[0])
    result = stored["result"]
    claim = next(c for c in result["claims"] if c["claim_kind"] == "change_from_prior" and c["page_no"] == 5)
    change = _figure(result["figures"], claim_id=claim["claim_id"], measure_key="change")
    _set(change, Decimal(change["amount_as_printed"]) + 1)
    planted["difference"] = change["figure_id"].replace(f".{claim['claim_id']}.", ".m" + claim["claim_id"][1:] + ".")
    other = next(c for c in result["claims"] if c["claim_kind"] == "change_from_prior" and c["page_no"] == 7)
    other["direction_as_printed"] = DIRECTION_PLANTED
    other["directions_as_printed"] = DIRECTION_PLANTED + "/" + other["directions_as_printed"].split("/")[1]
    for figure in result["figures"]:
        if figure.get("claim_id") == other["claim_id"]:
            figure["direction_as_printed"] = DIRECTION_PLANTED
    planted["direction"] = "m" + other["claim_id"][1:]
    path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")

    # 苏州: a growth rate, a total printed as 0, a heading's year, placeholder text, the “三公” table gone
    path, stored = cached(project, FILES[2])
    result = stored["result"]
    rate = _figure(result["figures"], source_kind="narrative", measure_key="change_pct")
    _set(rate, Decimal(rate["amount_as_printed"]) + 1)
    planted["percent"] = rate["figure_id"]
    total = _figure(result["figures"], table_key="revenue_expenditure_summary", row_key="expenditure_total", measure_key="amount")
    _set(total, Decimal(0))
    planted["zero_total"] = total["figure_id"]
    mention = next(m for m in result["mentions"] if m.get("fiscal_year_as_printed"))
    mention["fiscal_year_as_printed"] = int(mention["fiscal_year_as_printed"]) - 1
    planted["identity"] = str(mention["page_no"])
    placeholder = {"mention_kind": "placeholder", "text_as_printed": "20XX年苏州市审计局部门预算", "page_no": 2}
    next_no = max(m.get("mention_no") or 0 for m in result["mentions"]) + 1
    result["mentions"].append(
        dict(mention, **placeholder, mention_no=next_no, fiscal_year_as_printed=None, department_as_printed=None)
    )
    three_public = {t["table_order"] for t in result["tables"] if t["table_key"] == "three_public"}
    assert three_public
    result["tables"] = [t for t in result["tables"] if t["table_order"] not in three_public]
    result["figures"] = [f for f in result["figures"] if f.get("table_order") not in three_public]
    path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")

    database = tmp_path / "planted.duckdb"
    build(project, folder, database)
    new = [row for row in findings(database) if not row[4]]
    kinds_naming: dict[str, set[str]] = {}
    for kind, _id, _page, figure_ids, *_ in new:
        for figure_id in figure_ids:
            kinds_naming.setdefault(figure_id, set()).add(kind)
    assert "percent" in kinds_naming.get(planted["percent"], set()), new
    assert "difference" in kinds_naming.get(planted["difference"], set()), new
    assert kinds_naming.get(planted["zero_total"]), "a total printed as 0 against its parts is a finding"
    directions = [row for row in new if row[0] == "direction"]
    assert any(planted["direction"] in row[1] for row in directions), new
    # p. 7 says 减少 of 29,956.27 against 28,479.84: the message shows the comparison as printed
    assert any("说“减少”" in row[5] and "29956.27 > 28479.84" in row[5] for row in directions), directions
    assert [row[2] for row in new if row[0] == "placeholder"] == [2]
    assert [str(row[2]) for row in new if row[0] == "identity"] == [planted["identity"]]
    missing = [row for row in new if row[0] == "missing_table"]
    assert len(missing) == 1 and "three_public" in missing[0][1] + missing[0][6]
    # nothing else: every other new finding names a planted figure
    structural = {"placeholder", "identity", "missing_table"}
    planted_figures = {planted["percent"], planted["difference"], planted["zero_total"]}
    for kind, finding_id, _page, figure_ids, *_ in new:
        if kind in structural or (kind == "direction" and planted["direction"] in finding_id):
            continue
        assert planted_figures & set(figure_ids), (kind, finding_id)
