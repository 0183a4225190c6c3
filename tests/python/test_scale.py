"""Many documents: the synthetic generator and the benchmark (smoke sizes only, no timing assertions)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from budget_warehouse import bench, synth
from project_copy import run_tool


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_synthetic_documents_are_repeatable_and_distinct(built_project: Path, tmp_path: Path) -> None:
    published = built_project / "warehouse/budget.duckdb"
    first = synth.generate(built_project, published, 3, 2, 7, tmp_path / "a")
    again = synth.generate(built_project, published, 3, 2, 7, tmp_path / "b")
    assert first == again and len(set(first)) == 6
    # one folder per document, each holding its own rows only
    assert sorted(path.name for path in (tmp_path / "a").iterdir()) == sorted(first)
    files = sorted((tmp_path / "a").rglob("*.csv"))
    for path in files:
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path
    documents = [row for doc_id in first for row in read_rows(tmp_path / "a" / doc_id / "documents.csv")]
    assert [row["doc_id"] for row in documents] == [synth.doc_id_of(name) for name in first]
    # ids made as the intake makes them: 16 hex digits, their first 8 bytes distinct (zone maps read those)
    assert all(len(row["doc_id"]) == 16 and int(row["doc_id"], 16) >= 0 for row in documents)
    assert len({row["doc_id"][:8] for row in documents}) == 6
    assert len({row["department_name"] for row in documents}) == 3
    assert sorted({row["fiscal_year"] for row in documents}) == ["2024", "2025"]
    # the real department's name is gone from every synthetic file
    for path in files:
        assert "盐田区" not in path.read_text(encoding="utf-8"), path


def test_benchmark_smoke_on_three_synthetic_documents_and_two_pdfs(built_project: Path, tmp_path: Path) -> None:
    """The benchmark's paths once, at the smallest sizes. Left out: the cold build of the shipped documents
    (the built_project fixture's own path), the build of the PDF copies (publish --docs, which
    test_documents_folder.py runs), the crawled corpus, and the generated bench of layouts (80 documents read and
    built: test_reader_variants.py reads its sample and writes its report; make variants runs it whole); the PDFs
    are read, from a cold cache."""
    results, findings = tmp_path / "results.md", tmp_path / "findings.md"
    arguments = ["--sizes", "3", "--pdf-sizes", "2", "--pdf-read-only", "--skip-shipped", "--skip-corpus"]
    arguments += ["--scale-sizes", "", "--skip-variants", "--reader-files", "2"]
    arguments += ["--work", str(tmp_path / "work"), "--results", str(results), "--findings", str(findings)]
    run = run_tool(built_project, "budget_warehouse.bench", *arguments)
    assert run.returncode == 0, run.output[-3000:]
    table = results.read_text(encoding="utf-8")
    synthetic, report = [line for line in table.splitlines() if line.startswith("| 3 |")]
    assert "| yes |" in synthetic and "| yes | 3 |" in report, table
    # every synthetic document prints as many figures as the real one, whatever its multiplier
    with duckdb.connect(str(built_project / "warehouse/budget.duckdb"), read_only=True) as connection:
        (per_document,) = connection.execute(
            "select count(*) from marts.fct_published_figure where doc_id = 'fa96849a1b7124a7'"
        ).fetchone()
        # the PDF copies cycle over the shipped PDFs in name order: the first two, with their pages
        (pages,) = connection.execute(
            "select sum(page_count) from (select page_count from marts.dim_document"
            " where source_file like '%.pdf' order by source_file limit 2)"
        ).fetchone()
    assert f"| {3 * per_document:,} |" in synthetic
    # the PDF copies' row (the scale section is its own test, run beside this one)
    (pdf,) = [line for line in table.splitlines() if line.startswith("| 2 |")]
    cells = [cell.strip() for cell in pdf.strip("|").split("|")]
    assert cells[1:4] == [str(pages), "yes", "—"] and cells[5] == "—" and float(cells[4]) > 0, table
    assert "`dbt parse`" not in table and "Where the reader's time goes" in table
    assert "Not measured: `--skip-corpus`." in table
    # the findings of the copy's published warehouse; its corpus warehouse was never built
    listed = findings.read_text(encoding="utf-8")
    assert "| shpt_caizhengju_2024_juesuan.pdf |" in listed and "| **total** | 15 documents |" in listed, listed
    assert "warehouse/corpus/budget.duckdb is absent" in listed
    assert run.output.rstrip().endswith(f"(and {findings})"), run.output[-500:]


def test_the_benchmark_runs_the_generated_bench_of_layouts_last(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """make bench ends with the generated bench of layouts, into its own results file (the smoke above leaves it
    out: it reads and builds 80 documents)."""
    calls: list[list[str]] = []
    monkeypatch.setattr(bench, "run", lambda *args, **kwargs: [{"passed": True}])
    monkeypatch.setattr(bench, "write_findings", lambda *args: None)
    monkeypatch.setattr(bench.layouts_bench, "main", lambda argv: calls.append(argv) or 0)
    published, results = tmp_path / "budget.duckdb", tmp_path / "results.md"
    published.touch()
    results.write_text("results", encoding="utf-8")
    arguments = ["--published", str(published), "--results", str(results), "--work", str(tmp_path / "work")]
    assert bench.main([*arguments, "--variants", str(tmp_path / "variants.md")]) == 0
    assert calls == [["--results", str(tmp_path / "variants.md"), "--work", str(tmp_path / "work/variants")]]
    assert bench.main([*arguments, "--skip-variants"]) == 0 and len(calls) == 1


def test_benchmark_scale_smoke_on_two_synthetic_documents_and_one_added(built_project: Path, tmp_path: Path) -> None:
    """The scale section's path once, at the smallest size: 2 synthetic documents built from scratch, then 1
    added incrementally (apart from the smoke above, so that the two run side by side)."""
    results = tmp_path / "results.md"
    arguments = ["--scale-only", "--scale-sizes", "2", "--scale-adds", "1", "--work", str(tmp_path / "work")]
    run = run_tool(built_project, "budget_warehouse.bench", *arguments, "--results", str(results))
    assert run.returncode == 0, run.output[-3000:]
    table = results.read_text(encoding="utf-8")
    (scale,) = [line for line in table.splitlines() if line.startswith("| 2 |")]
    # both builds passed: the full one and the incremental add
    assert scale.startswith("| 2 | yes |") and scale.count("| yes |") == 2, table
    assert "## Scale" in table, table


def test_the_scale_section_measures_adds_in_turns_and_judges_their_growth_by_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Once every N is built, one document is taken out and added back at each N in turns (the machine's speed
    drifts: adds measured one N after the other, far apart, compare it as much as the N); the growth of the add
    from 1,000 to 10,000 is judged by the medians of those, against the copy of the file."""
    for size, names in ((1000, ["d1", "d2", "d3"]), (10000, ["e1", "e2"])):
        for name in names:
            (tmp_path / f"scale-{size}/input" / name).mkdir(parents=True)
    calls: list[tuple[str, list[str]]] = []
    timed = iter([10.0, 20.0, 12.0, 21.0, 11.0, 30.0])

    def fake(command: list[str], env: dict[str, str] | None = None) -> bench.Measure:
        folder = Path(command[command.index("--input") + 1])
        present = sorted(path.name for path in folder.iterdir())
        calls.append((folder.parent.name, present))
        # the build without the last document is not timed; the one with it back is
        full = len(present) == (3 if folder.parent.name == "scale-1000" else 2)
        return bench.Measure(next(timed) if full else 99.0, 1.0, 0)

    monkeypatch.setattr(bench, "measured", fake)
    rows = [
        bench.ScaleRow(size, bench.Measure(100.0, 1.0, 0), {1: bench.Measure(50.0 if size == 1000 else 5.0, 1.0, 0)}, 1.0, 3.0)
        for size in (1000, 10000)
    ]
    bench.readd_in_turns(rows, tmp_path, rounds=3)
    assert calls[:4] == [
        ("scale-1000", ["d1", "d2"]),
        ("scale-1000", ["d1", "d2", "d3"]),
        ("scale-10000", ["e1"]),
        ("scale-10000", ["e1", "e2"]),
    ]
    assert len(calls) == 12
    assert [row.in_turns for row in rows] == [[10.0, 12.0, 11.0], [20.0, 21.0, 30.0]]
    assert sorted(path.name for path in (tmp_path / "scale-1000/input").iterdir()) == ["d1", "d2", "d3"]
    section = "\n".join(bench.scale_section(rows, [1]))
    # medians 11.0 and 21.0, not the adds measured once (50.0 and 5.0): +10.0 s against a copy of 3.0 s
    assert "(medians of the adds in turns): 11.0 s → 21.0 s (+10.0 s;" in section and "3.0 s, NOT met)" in section
    assert "| 10,000 | 20.0, 21.0, 30.0 | 21.0 |" in section
