"""make build DOCS=folder: a user's folder of documents, good and bad, through the whole build.

The good documents load and are published with their findings (a mismatch
in a user's document is a finding, not a failed build); the bad files are
left out, listed in rpt_document_intake and printed at the end of the build.
With STRICT=1 any finding or file left out fails the build, and nothing is
published.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pypdfium2 as pdfium

from project_copy import copy_with_published, run_tool, without_cover_character

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "data/documents"


def folder_of(tmp_path: Path) -> Path:
    docs = tmp_path / "my documents"
    (docs / "2024").mkdir(parents=True)
    # 万里街道 2024 prints three errors (its acknowledged findings when shipped)
    shutil.copyfile(DOCUMENTS / "shpt_wanlijiedao_2024_yusuan.pdf", docs / "2024" / "万里街道.pdf")
    shutil.copyfile(DOCUMENTS / "shpt_zhengfubangongshi_2025_yusuan_bumen.pdf", docs / "政府办公室.PDF")
    shutil.copyfile(DOCUMENTS / "shpt_zhengfubangongshi_2025_yusuan_bumen.pdf", docs / "2024" / "again.pdf")
    (docs / "readme.pdf").write_text("not a PDF at all", encoding="utf-8")
    data = (DOCUMENTS / "shpt_caizhengju_2025_yusuan_bumen.pdf").read_bytes()
    (docs / "cut.pdf").write_bytes(data[: len(data) // 3])
    (docs / "notes.txt").write_text("a text file that is not a budget rendering\n", encoding="utf-8")
    # the blank official 部门决算 form: loaded, said to have no figures
    shutil.copyfile(DOCUMENTS / "template_bumen_juesuan_muban.pdf", docs / "决算模板.pdf")
    # a final-accounts document without its page 14, the 财政拨款“三公”经费支出决算表
    source = pdfium.PdfDocument(str(DOCUMENTS / "shpt_shehuigongzuobu_2024_juesuan.pdf"))
    cut = pdfium.PdfDocument.new()
    cut.import_pages(source, [index for index in range(len(source)) if index != 13])
    cut.save(str(docs / "2024" / "社会工作部决算.pdf"))
    return docs


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_folder_of_documents_is_published_with_its_findings_and_what_was_left_out(built_project: Path, tmp_path: Path) -> None:
    project = copy_with_published(built_project, tmp_path / "project")
    docs = folder_of(tmp_path)
    run = run_tool(project, "budget_warehouse.publish", "--docs", str(docs), "--target-path", str(project / "target"))
    assert run.returncode == 0, run.output[-4000:]
    # the end of the build says what was left out and why, naming each file
    assert "intake: 8 file(s), 4 loaded, 4 left out" in run.output
    # and while it ran, what a person watching sees: the files read of all with their verdicts, then each dbt step
    assert "intake: 8 of 8 files (100%)" in run.output and "; loaded 4, duplicate 1, not_a_pdf 1" in run.output
    assert "build: dbt step 2 of 3: dbt run, every model" in run.output
    assert any("决算模板.pdf" in line and "print no figures (a blank template)" in line for line in run.output.splitlines())
    for name, words in [
        ("again.pdf", "is the same file"),
        ("readme.pdf", "is not a PDF"),
        ("cut.pdf", "is truncated"),
        ("notes.txt", "is not a Shenzhen district budget"),
    ]:
        assert any(name in line and words in line for line in run.output.splitlines()), (name, run.output[-3000:])
    assert "3 finding(s)" in run.output
    with duckdb.connect(str(project / "warehouse/budget.duckdb"), read_only=True) as warehouse:
        intake = dict(warehouse.execute("select intake_reason, count(*) from marts.rpt_document_intake group by all").fetchall())
        assert intake == {None: 3, "no_figures": 1, "duplicate": 1, "not_a_pdf": 1, "truncated": 1, "unknown_template": 1}
        documents = warehouse.execute("select department_name, fiscal_year from marts.dim_document order by all").fetchall()
        assert documents == [
            ("上海市XX局", 2024),
            ("上海市普陀区人民政府万里街道办事处", 2024),
            ("上海市普陀区人民政府办公室", 2025),
            ("中共上海市普陀区委社会工作部", 2024),
        ]
        # the document without its 三公 table is told which required table it lacks
        missing = warehouse.execute(
            "select finding_id, description from marts.rpt_findings where finding_kind = 'missing_table'"
        ).fetchall()
        assert [finding_id for finding_id, _ in missing] == ["missing_table:three_public"]
        assert "“三公”经费支出决算表" in missing[0][1]
        # the blank form's placeholder name is a note about it, not an error
        assert warehouse.execute("select severity from marts.rpt_findings where finding_kind = 'placeholder'").fetchall() == [
            ("note",)
        ]
        findings = warehouse.execute(
            "select finding_kind, page_no from marts.rpt_findings where severity = 'error' order by all"
        ).fetchall()
        assert ("narrative", 9) in findings and ("empty_note", 31) in findings
        (status,) = warehouse.execute(
            "select document_status from marts.rpt_document_findings where fiscal_year = 2024"
        ).fetchone()
        assert status == "findings"


def test_strict_makes_any_finding_fail_the_build_and_publishes_nothing(built_project: Path, tmp_path: Path) -> None:
    """STRICT=1: a finding fails the build, and so does a document whose rows break an invariant, which a build
    that is not strict quarantines (test_quarantine.py, on the same broken copy): here nothing is quarantined."""
    project = copy_with_published(built_project, tmp_path / "project")
    published = project / "warehouse/budget.duckdb"
    before = sha256(published)
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(DOCUMENTS / "shpt_wanlijiedao_2024_yusuan.pdf", docs / "万里街道.pdf")
    without_cover_character(DOCUMENTS / "shpt_caizhengju_2025_yusuan_bumen.pdf", docs / "财政局.pdf", "2", "区")
    run = run_tool(project, "budget_warehouse.publish", "--docs", str(docs), "--strict", "--target-path", str(project / "target"))
    assert run.returncode != 0
    assert "assert_findings_acknowledged" in run.output and "is unchanged" in run.output
    assert "primary_key_int_subject_names_by_document" in run.output
    assert "quarantined" not in run.output
    assert sha256(published) == before
    (docs / "财政局.pdf").unlink()
    # a file left out fails a strict build before anything is built
    (docs / "readme.pdf").write_text("not a PDF", encoding="utf-8")
    run = run_tool(project, "budget_warehouse.publish", "--docs", str(docs), "--strict", "--target-path", str(project / "target"))
    assert run.returncode != 0
    assert "STRICT=1: 1 file(s) left out" in run.output and "readme.pdf" in run.output
    assert "Running with dbt" not in run.output
    assert sha256(published) == before
