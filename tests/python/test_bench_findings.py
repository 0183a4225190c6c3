"""bench/findings.md from tiny warehouses made here: the counts per document, the targets and the peer checker's
counts beside them; and the results file's corpus section, replaced in place (no timing is asserted)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from budget_warehouse import bench

A, B, C = "a" * 64, "b" * 64, "c" * 64
DOCUMENTS = [
    (A[:16], "上海市普陀区", "测试局", 2024, "决算", "部门", "data/documents/test_a.pdf", A),
    (B[:16], "江苏省", "样本厅", 2018, "预算", "部门", "data/documents/test_b.pdf", B),
    (C[:16], "深圳市盐田区", "无同行局", 2024, "预算", "单位", "data/source/test_c.txt", C),
]
FINDINGS = [
    (A[:16], "a:percent:1", A, "percent", "error", "document error"),
    (A[:16], "a:narrative:2", A, "narrative", "error", "document error"),
    (A[:16], "a:code:3", A, "code", "note", None),
    (B[:16], "b:row:1", B, "row", "note", "rounding or truncation note"),
]


def warehouse(path: Path, documents: list[tuple], findings: list[tuple]) -> Path:
    """A file with the two marts bench/findings.md reads, holding only the columns it needs."""
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            "create table marts.dim_document (doc_id varchar, region varchar, department_name varchar,"
            " fiscal_year integer, budget_phase varchar, scope varchar, source_file varchar, source_sha256 varchar)"
        )
        connection.execute(
            "create table marts.rpt_findings (doc_id varchar, finding_id varchar, source_sha256 varchar,"
            " finding_kind varchar, severity varchar, verdict varchar)"
        )
        connection.executemany("insert into marts.dim_document values (?, ?, ?, ?, ?, ?, ?, ?)", documents)
        if findings:
            connection.executemany("insert into marts.rpt_findings values (?, ?, ?, ?, ?, ?)", findings)
    return path


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def inputs(tmp_path: Path) -> tuple[Path, Path]:
    """The peer counts (test_a.pdf by sha256, test_b.pdf by name only) and the review's verdicts, one of whose
    document errors is not raised."""
    peer = write_csv(
        tmp_path / "peer.csv",
        ["source_file", "source_sha256", "peer_findings_low", "peer_findings_high", "errors_not_found", "source"],
        [["renamed_a.pdf", A, "35", "36", "0.3 万元; 71.73 %", "issue 17"], ["test_b.pdf", "", "8", "12", "", "issue 17"]],
    )
    reference = write_csv(
        tmp_path / "acknowledged_findings.csv",
        ["source_sha256", "finding_id", "expected_status", "page_no", "verdict", "explanation"],
        [
            [A, "a:percent:1", "mismatch", "3", "document error", "."],
            [A, "a:narrative:2", "mismatch", "4", "document error", "."],
            [A, "a:repeat:9", "mismatch", "7", "document error", "."],
            [B, "b:row:1", "truncated", "2", "rounding or truncation note", "."],
        ],
    )
    return peer, reference


def cells(text: str, first: str, second: str) -> list[str]:
    """The cells of the one table row whose first two cells are these."""
    (row,) = [line for line in text.splitlines() if line.startswith(f"| {first} | {second} |")]
    return [cell.strip() for cell in row.strip("|").split("|")]


def test_findings_per_document_by_verdict_and_kind_beside_the_peer_counts(tmp_path: Path) -> None:
    peer, reference = inputs(tmp_path)
    shipped = bench.Warehouse("The shipped documents", warehouse(tmp_path / "shipped.duckdb", DOCUMENTS, FINDINGS), "make build")
    absent = bench.Warehouse("The crawled corpus", tmp_path / "corpus.duckdb", "make corpus", corpus=tmp_path)
    out = tmp_path / "findings.md"
    bench.write_findings(out, [shipped, absent], peer, reference)
    text = out.read_text(encoding="utf-8")
    header = cells(text, "region", "department")
    assert header[6:] == [
        "findings (error / note)",
        "document error",
        "rounding or truncation note",
        "reader error",
        "not reviewed",
        "by kind",
        "GovBudgetChecker",
    ]
    # by sha256 (the file renamed), by name (no sha256 recorded), and none
    assert cells(text, "上海市普陀区", "测试局")[2:] == [
        "2024", "决算", "部门", "test_a.pdf", "3 (2 / 1)", "2", "0", "0", "1", "code 1, narrative 1, percent 1", "35–36"
    ]  # fmt: skip
    assert cells(text, "江苏省", "样本厅")[6:] == ["1 (0 / 1)", "0", "1", "0", "0", "row 1", "8–12"]
    assert cells(text, "深圳市盐田区", "无同行局")[5:] == ["test_c.txt", "0 (0 / 0)", "0", "0", "0", "0", "—", "—"]
    total = cells(text, "**total**", "3 documents")
    assert total[6:11] == ["4 (2 / 2)", "2", "1", "0", "1"] and total[-1] == "43–48 (2 documents)"
    assert "- reader errors among the published findings: 0 (target 0, met)" in text
    assert "- document errors of the review still found: 2 of 3 (target: all, NOT met)" in text
    assert "  - not found: a:repeat:9 (p. 7, sha256 aaaaaaaaaaaaaaaa)" in text
    assert "it did not report: test_a.pdf (0.3 万元, 71.73 %)." in text
    assert f"The warehouse file {tmp_path / 'corpus.duckdb'} is absent (`make corpus` builds it)" in text

    # a reader error planted among the published findings, and the missing document error raised again
    planted = [
        (A[:16], "a:percent:4", A, "percent", "error", "reader error"),
        (A[:16], "a:repeat:9", A, "repeat", "error", "document error"),
    ]
    shipped.path.unlink()
    warehouse(shipped.path, DOCUMENTS, FINDINGS + planted)
    bench.write_findings(out, [shipped], peer, reference)
    text = out.read_text(encoding="utf-8")
    assert cells(text, "上海市普陀区", "测试局")[6:12] == [
        "5 (4 / 1)",
        "3",
        "0",
        "1",
        "1",
        "code 1, narrative 1, percent 2, repeat 1",
    ]
    assert "- reader errors among the published findings: 1 (target 0, NOT met)" in text
    assert "- document errors of the review still found: 3 of 3 (target: all, met)" in text and "not found:" not in text


def test_a_corpus_document_is_placed_in_its_city_folder_and_an_other_verdict_gets_a_column(tmp_path: Path) -> None:
    peer, reference = inputs(tmp_path)
    folder = tmp_path / "corpus"
    documents = [(C[:16], "苏州市", "苏州市某局", 2026, "预算", "部门", str(folder / "苏州/budget.pdf"), C)]
    findings = [(C[:16], "c:row:1", C, "row", "error", "reader limitation")]
    crawled = bench.Warehouse(
        "The crawled corpus", warehouse(tmp_path / "corpus.duckdb", documents, findings), "make corpus", folder
    )
    out = tmp_path / "findings.md"
    bench.write_findings(out, [crawled], peer, reference)
    text = out.read_text(encoding="utf-8")
    assert cells(text, "region", "department")[9:12] == ["reader error", "reader limitation", "not reviewed"]
    assert cells(text, "苏州 · 苏州市", "苏州市某局")[6:] == ["1 (1 / 0)", "0", "0", "0", "1", "0", "row 1", "—"]
    assert "- document errors of the review still found: 0 of 0 (target: all, met)" in text


def test_the_corpus_section_is_replaced_in_place_and_says_when_it_was_skipped(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    results.write_text("# Benchmark\n\ntext\n\n## Before\n\nkept\n", encoding="utf-8")
    section, passed = bench.corpus_section(tmp_path / "no such folder", tmp_path / "work")
    assert passed and section[0] == bench.CORPUS_HEADING and "is absent" in section[2]
    bench.write_section(results, section)
    bench.write_section(results, [bench.CORPUS_HEADING, "", "measured", ""])
    results.write_text(results.read_text(encoding="utf-8") + "\n## After\n\nkept too\n", encoding="utf-8")
    skipped, _ = bench.corpus_section(None, tmp_path / "work")
    bench.write_section(results, skipped)
    text = results.read_text(encoding="utf-8")
    assert text == (
        f"# Benchmark\n\ntext\n\n## Before\n\nkept\n\n{bench.CORPUS_HEADING}\n\nNot measured: `--skip-corpus`.\n\n"
        "## After\n\nkept too\n"
    )
