"""make report, in a real browser: headless Chromium (Debian's chromium package) opens every page from file://.

Every page must load with no console error and no request leaving the
report's folder, every chart must draw marks (SVG elements), and the numbers a
page shows must be the marts' (read from the page's DOM, not from the
generator). A screenshot of every page is written to
warehouse/report/screenshots/ for review. A page whose chart has no data, or
whose script fails, is caught: the last test shows it.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import duckdb
import pytest

from project_copy import ROOT, copy_project, run_tool

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ECHARTS = ROOT / ".venv/npm/node_modules/echarts/dist/echarts.min.js"
SCREENSHOTS = ROOT / "warehouse/report/screenshots"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium: make test's set-up installs it (apt-get, as root)")


@pytest.fixture(scope="module")
def report(built_project: Path) -> Path:
    out = built_project / "warehouse/report"
    run = run_tool(built_project, "budget_warehouse.report", "--out", str(out), "--echarts", str(ECHARTS))
    assert run.returncode == 0, run.output[-3000:]
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def visit(browser, path: Path, folder: Path, width: int = 1280) -> tuple[object, list[str]]:
    """Open a page; the problems seen: console errors, uncaught errors, requests outside the folder, empty charts."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"console: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"error: {error}"))
    inside = folder.resolve().as_uri()
    page.on("request", lambda request: None if request.url.startswith(inside) else problems.append(f"request: {request.url}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    marks = page.eval_on_selector_all(
        ".chart", "charts => charts.map(chart => [chart.id, chart.querySelectorAll('svg path, svg rect').length])"
    )
    problems += [f"chart {chart_id} draws nothing" for chart_id, count in marks if count == 0]
    # a document page without a chart must say, in each section, that the document prints nothing to draw
    if not marks and path.name != "index.html" and not page.query_selector_all("p.empty"):
        problems.append("no chart on the page")
    return page, problems


def pages_of(report: Path) -> list[Path]:
    return [report / "index.html", report / "peers.html", *sorted((report / "doc").glob("*.html"))]


def is_document_page(path: Path) -> bool:
    return path.parent.name == "doc"


def test_every_page_loads_offline_draws_every_chart_and_shows_the_marts_numbers(
    report: Path, browser, built_project: Path
) -> None:
    """Each page opened once: no error, every chart drawn, a screenshot, and the numbers it shows are the marts'."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    failures = {}
    chartless = set()
    with duckdb.connect(str(built_project / "warehouse/budget.duckdb"), read_only=True) as warehouse:
        units = dict(warehouse.execute("select doc_id, table_unit from marts.dim_document").fetchall())
        for path in pages_of(report):
            page, problems = visit(browser, path, report)
            if is_document_page(path) and not page.query_selector_all(".chart"):
                chartless.add(path.stem)
            page.screenshot(path=str(SCREENSHOTS / f"{path.stem}.png"), full_page=True)
            if problems:
                failures[path.name] = problems
            if path.name == "index.html":
                index_shows_the_marts(page, warehouse)
            elif path.name == "peers.html":
                peers_page_shows_the_marts(page, warehouse)
            else:
                document_page_shows_the_marts(page, warehouse, path.stem, units[path.stem])
            page.close()
        # the only pages without a chart are those of documents that print no figure (the blank official form)
        figureless = warehouse.execute(
            "select doc_id from marts.dim_document anti join marts.fct_published_figure using (doc_id)"
        ).fetchall()
    assert set(units) == {path.stem for path in pages_of(report) if is_document_page(path)}, "a page per document"
    # the index on a phone's width
    page, problems = visit(browser, report / "index.html", report, width=390)
    page.screenshot(path=str(SCREENSHOTS / "index-phone.png"))
    page.close()
    assert not problems
    assert failures == {}
    assert chartless == {doc_id for (doc_id,) in figureless}


def document_page_shows_the_marts(page, warehouse, doc_id: str, unit: str) -> None:
    factor = {"元": Decimal(1), "万元": Decimal(10000)}
    # headline figures: the text the document prints
    shown = page.eval_on_selector_all(
        "table[data-table=headlines] tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
    )
    printed = warehouse.execute(
        "select figure_text_as_printed from marts.rpt_document_headlines where doc_id = ? and figure_text_as_printed is not null",
        [doc_id],
    ).fetchall()
    assert sorted(row[1] for row in shown if row[1] in {p for (p,) in printed}) == sorted(p for (p,) in printed), doc_id
    # the functional lines, each in the document's unit
    cells = page.eval_on_selector_all(
        "table[data-table=function] tbody tr", "rows => rows.map(r => [r.cells[0].textContent, r.cells[2].textContent])"
    )
    marts = dict(
        warehouse.execute(
            "select function_code, sum(total_yuan) from marts.fct_expenditure_by_function where doc_id = ? group by all",
            [doc_id],
        ).fetchall()
    ) or dict(
        warehouse.execute(
            "select function_code, sum(total_yuan) from marts.fct_fund_expenditure_by_function where doc_id = ? group by all",
            [doc_id],
        ).fetchall()
    )
    for code, text in cells:
        assert Decimal(text.replace(",", "")) * factor[unit] == marts[code], (doc_id, code, text)
    assert len(cells) == len([v for v in marts.values() if v is not None]), doc_id
    # every project the document names, with its amount in the document's unit
    projects = page.eval_on_selector_all(
        "table[data-table=projects] tbody tr", "rows => rows.map(r => [r.cells[0].textContent, r.cells[2].textContent])"
    )
    named = warehouse.execute(
        "select project_name_as_printed, total_yuan from marts.fct_project_expenditure where doc_id = ?", [doc_id]
    ).fetchall()
    assert sorted((name, Decimal(text.replace(",", "")) * factor[unit]) for name, text in projects) == sorted(named), doc_id
    # every finding, with its page
    findings = page.eval_on_selector_all("table[data-table=findings] tbody tr", "rows => rows.length")
    (expected,) = warehouse.execute("select count(*) from marts.rpt_findings where doc_id = ?", [doc_id]).fetchone()
    assert findings == expected, doc_id


def index_shows_the_marts(page, warehouse) -> None:
    # every document's region, level and total (in 万元)
    page.fill("#search", "")
    header = page.eval_on_selector_all("table[data-table=documents] th", "cells => cells.map(c => c.textContent)")
    assert header[1:3] == ["地区", "层级"], header
    rows = page.eval_on_selector_all(
        "#document-rows tr",
        "rows => rows.map(r => [r.cells[0].querySelector('a').href, ...[1, 2, 6].map(i => r.cells[i].textContent)])",
    )
    totals = dict(warehouse.execute("select doc_id, expenditure_total_yuan from marts.rpt_document_summary").fetchall())
    where = {
        doc_id: (region or "", level or "")
        for doc_id, region, level in warehouse.execute("select doc_id, region, region_level from marts.dim_document").fetchall()
    }
    assert len(rows) == len(totals)
    for link, region, level, text in rows:
        doc_id = re.search(r"doc/(\w+)\.html", link)[1]
        assert (region, level) == where[doc_id], doc_id
        expected = totals[doc_id]
        assert (text == "" and expected is None) or Decimal(text) == (expected / 10000).quantize(Decimal("0.01")), doc_id
    # grouped by region: a region's documents are next to each other
    regions = [region for _, region, _, _ in rows]
    assert len({region for region in regions}) == len([r for i, r in enumerate(regions) if i == 0 or regions[i - 1] != r])
    # the level narrows the list: 省 is Jiangsu's documents
    (provincial,) = warehouse.execute("select count(*) from marts.dim_document where region_level = '省'").fetchone()
    page.fill("#search", "省")
    shown = page.eval_on_selector_all("#document-rows tr", "rows => rows.map(r => r.cells[2].textContent)")
    assert shown.count("省") == provincial > 0
    # search narrows the list
    page.fill("#search", "江苏省高级人民法院")
    assert page.eval_on_selector_all("#document-rows tr", "rows => rows.length") == 2


def peers_page_shows_the_marts(page, warehouse) -> list[str]:
    """Every kind the mart reads in two regions or more, each with its documents and their figures in 万元; the kinds shown."""
    shown = page.eval_on_selector_all(
        "section[data-kind]",
        "sections => sections.map(s => [s.dataset.kind, [...s.querySelectorAll('table[data-table=peers] tbody tr')]"
        ".map(r => [r.querySelector('a').href, ...[...r.cells].map(c => c.textContent)])])",
    )
    columns = (
        "doc_id, department_kind, region, region_level, expenditure_total_yuan, basic_yuan, project_yuan,"
        " general_public_share, three_public_total_yuan, running_costs_yuan"
    )
    expected: dict[str, dict[str, tuple]] = {}
    for doc_id, kind, *rest in warehouse.execute(
        f"select {columns} from marts.rpt_department_peers where peer_region_count >= 2"
    ).fetchall():
        region, level, total, basic, project, share, three, running = rest
        in_wan = [None if a is None else (a / 10000).quantize(Decimal("0.01")) for a in (total, basic, project, three, running)]
        expected.setdefault(kind, {})[doc_id] = (region, level, *in_wan[:3], share, *in_wan[3:])

    def wan(text: str) -> Decimal | None:
        return None if text == "" else Decimal(text.replace(",", ""))

    assert {kind for kind, _ in shown} == set(expected)
    for kind, rows in shown:
        documents = {}
        for link, region, level, _name, _year, _phase, _scope, total, basic, project, share, three, running in rows:
            doc_id = re.search(r"doc/(\w+)\.html", link)[1]
            documents[doc_id] = (
                region or None,
                level or None,
                wan(total),
                wan(basic),
                wan(project),
                None if share == "" else Decimal(share) / 100,
                wan(three),
                wan(running),
            )
        assert documents == expected[kind], kind
        assert len({region for region, *_ in documents.values()}) >= 2, kind
    return [kind for kind, _ in shown]


@pytest.fixture(scope="module")
def two_regions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build where two regions have the same kind of department: the seed document (深圳市盐田区's 政务服务数据管理局)
    renamed 深圳市盐田区财政局, beside the shipped 上海市普陀区财政局; its report."""
    project = copy_project(tmp_path_factory.mktemp("two-regions") / "project")
    for seed in [*(project / "seeds/document").glob("*.csv"), project / "seeds/reference/budget_unit_aliases.csv"]:
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.replace("深圳市盐田区政务服务数据管理局", "深圳市盐田区财政局"), encoding="utf-8")
    run = run_tool(project, "budget_warehouse.publish", "--target-path", str(project / "target"))
    assert run.returncode == 0, run.output[-3000:]
    run = run_tool(project, "budget_warehouse.report", "--out", str(project / "warehouse/report"), "--echarts", str(ECHARTS))
    assert run.returncode == 0, run.output[-3000:]
    return project


def test_the_peers_page_puts_one_kind_of_two_regions_side_by_side(two_regions: Path, browser) -> None:
    """财政局, read in 上海市普陀区 and 深圳市盐田区: one section, both regions' documents in its table with the mart's
    figures, and a chart that draws them; the index links to the page."""
    report = two_regions / "warehouse/report"
    page, problems = visit(browser, report / "peers.html", report)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "peers-two-regions.png"), full_page=True)
    assert problems == []
    with duckdb.connect(str(two_regions / "warehouse/budget.duckdb"), read_only=True) as warehouse:
        assert peers_page_shows_the_marts(page, warehouse) == ["财政局"]
    regions = page.eval_on_selector_all(
        "section[data-kind=财政局] table[data-table=peers] tbody tr", "rows => rows.map(r => r.cells[0].textContent)"
    )
    assert sorted(set(regions)) == ["上海市普陀区", "深圳市盐田区"], regions
    assert len(regions) == 3, "普陀区's 2024 决算 and 2025 预算, 盐田区's 2024 预算"
    marks = page.eval_on_selector_all(
        "section[data-kind=财政局] .chart", "charts => charts.map(c => c.querySelectorAll('svg rect, svg path').length)"
    )
    assert marks and marks[0] > 0
    page.close()
    assert 'href="peers.html"' in (report / "index.html").read_text(encoding="utf-8")


def test_a_broken_chart_fails_the_check(report: Path, browser, tmp_path: Path) -> None:
    broken = tmp_path / "report"
    shutil.copytree(report, broken)
    page_path = next((broken / "doc").glob("*.html"))
    text = page_path.read_text(encoding="utf-8")
    # a chart whose data is empty, and (in a second page) a script error
    emptied = re.sub(r'("id":"chart-headlines","kind":"bar","unit":"[^"]+","data":)\[[^\]]*\]', r"\1[]", text, count=1)
    assert emptied != text
    page_path.write_text(emptied, encoding="utf-8")
    _, problems = visit(browser, page_path, broken)
    assert any("chart-headlines" in problem for problem in problems), problems
    failing = broken / "doc" / "failing.html"
    failing.write_text(text.replace('<script src="../assets/report.js"></script>', "<script>undefinedFunction();</script>"))
    _, problems = visit(browser, failing, broken)
    assert any(problem.startswith("error:") for problem in problems), problems
    assert any("draws nothing" in problem for problem in problems), problems


def test_the_docs_open_on_the_warehouse_overview_offline(built_project: Path, browser, tmp_path: Path) -> None:
    """make docs, written while a reader holds the published file (the docs never take its write lock),
    opens on the overview with every model in it."""
    out = tmp_path / "docs"
    published = built_project / "warehouse/budget.duckdb"
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    with duckdb.connect(str(published), read_only=True) as reader:
        arguments = ["--out", str(out), "--target-path", str(tmp_path / "target-docs")]
        run = run_tool(built_project, "budget_warehouse.docs", *arguments)
        assert run.returncode == 0, run.output[-2000:]
        assert reader.execute("select count(*) from marts.dim_budget_unit").fetchone()[0] > 3
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before
    assert "fct_expenditure_by_function" in (out / "index.html").read_text(encoding="utf-8")
    page, problems = visit(browser, out / "index.html", out)
    page.wait_for_selector("text=预算公开数据仓库", timeout=20000)
    text = page.inner_text("body")
    assert "Where to start" in text and "rpt_document_summary" in text and "Welcome!" not in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "docs-overview.png"))
    page.close()

    # dbt's docs page itself, opened from file://, logs two kinds of console noise: its hash links between
    # file: URLs ("'file:' URLs are treated as unique security origins") and the failed load of icon paths
    # it requests while they are still templates ("{{ getIcon(...) }}", "${require(...favicon.ico)}").
    # Everything else (a page error, a request leaving the folder or failing, any other console error) is a problem.
    def noise(problem: str) -> bool:
        if problem.startswith("failed:"):
            return re.search(r"\{\{.*\}\}|\$\{.*\}", unquote(problem)) is not None
        return problem.startswith("console:") and (
            "'file:' URLs are treated as unique security origins" in problem
            or problem == "console: Failed to load resource: net::ERR_FILE_NOT_FOUND"
        )

    real = [problem for problem in problems if problem.startswith(("error:", "request:", "console:", "failed:"))]
    assert [problem for problem in real if not noise(problem)] == []
