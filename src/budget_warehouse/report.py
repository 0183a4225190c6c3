"""``make report``: pictures of every document in the warehouse, from its marts only.

Writes ``warehouse/report/``: ``index.html`` (every document with its region
and level, searchable and paged, with the documents side by side and the same
department over the years), ``peers.html`` (the same kind of department side
by side across regions: every 统计局, every 审计局, as rpt_department_peers
groups them) and ``doc/<doc_id>.html`` for each document (its headline figures
as printed, where its money comes from and goes, its three public expenses, its
findings and how it was read). Every page opens from ``file://`` with the
network off: the chart library (Apache ECharts, from npm, pinned in the
Makefile) and the report's own script and style sit beside the pages in
``assets/``, each page's data is inline. Every chart is drawn as SVG and has
the table of the numbers it draws under it, so a page reads (and copies)
without its charts.

ECharts because its one file draws every chart the report needs (treemap,
bars, lines, pies) offline, as SVG the tests can count, with no build step;
the version is pinned and the file is copied as installed, so two runs
write the same bytes.

The data come from the published file, opened read-only (never its write
lock): a figure on a page is a mart's figure, never recomputed from the seeds
or the PDFs.
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from budget_warehouse.publish import PUBLISHED

OUT = Path("warehouse/report")
# installed by `make setup` into the venv this runs in (.venv/npm), so a copy of the project finds it too
ECHARTS = Path(sys.prefix) / "npm/node_modules/echarts/dist/echarts.min.js"
ASSETS = Path(__file__).with_name("report_assets")
UNIT_FACTOR = {"元": Decimal(1), "万元": Decimal(10000), "千元": Decimal(1000), "亿元": Decimal(100000000)}
HEADLINES = [
    ("income_total", "收入总计"),
    ("expenditure_total", "支出总计"),
    ("fiscal_grant", "财政拨款"),
    ("general_public", "一般公共预算"),
    ("basic", "基本支出"),
    ("project", "项目支出"),
    ("three_public_total", "“三公”经费"),
    ("running_costs", "机关运行经费"),
]
CATEGORIES = {
    "overseas_travel": "因公出国（境）费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    "vehicle_purchase_and_operation": "公务用车购置及运行维护费",
    "official_reception": "公务接待费",
}
# the peers page's measures, each a column of rpt_department_peers in 元, shown in 万元 like the index
PEER_AMOUNTS = [
    ("expenditure_total_yuan", "支出总计"),
    ("basic_yuan", "基本支出"),
    ("project_yuan", "项目支出"),
    ("three_public_total_yuan", "“三公”经费"),
    ("running_costs_yuan", "机关运行经费"),
]
# drawn side by side; the three public expenses and running costs are a small part of them and stay in the table
PEER_CHARTED = ["expenditure_total_yuan", "basic_yuan", "project_yuan"]
STATUS_ZH = {"exact": "一致", "rounding": "尾差", "truncated": "截尾", "mismatch": "不符"}
DOCUMENT_STATUS_ZH = {"findings": "有问题", "rounding only": "仅尾差", "clean": "无误", "no figures": "无数字"}


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def region_text(region: str | None, level: str | None) -> str:
    """北京市（市）: the region and its level, each where the warehouse read it."""
    return (region or "地区未识别") + (f"（{level}）" if level else "")


def amount_text(amount_yuan: Decimal | None, unit: str) -> str:
    """An amount in 元 shown in unit (元 or 万元), exactly: 万元 to the printed cent, 元 to the 分."""
    if amount_yuan is None:
        return ""
    value = Decimal(amount_yuan) / UNIT_FACTOR.get(unit, Decimal(1))
    return f"{value:,.2f}"


def number(amount_yuan: Decimal | None, unit: str) -> float | None:
    """The same amount as a number for a chart."""
    if amount_yuan is None:
        return None
    return float(Decimal(amount_yuan) / UNIT_FACTOR.get(unit, Decimal(1)))


def rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = connection.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def by_document(items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        grouped[item["doc_id"]].append(item)
    return grouped


def load(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Everything the pages show, one query per mart, grouped by document."""
    marts = {
        "documents": "select * from marts.rpt_document_summary",
        "dims": "select doc_id, title_as_printed, region_level, template_name_zh, table_unit, page_count, source_file,"
        " source_sha256, covered_by_doc_id from marts.dim_document",
        "headlines": "select * from marts.rpt_document_headlines",
        "income": "select f.doc_id, s.funding_source_name, f.funding_source_code, sum(f.amount_yuan) as amount_yuan"
        " from marts.fct_income as f left join marts.dim_funding_source as s using (funding_source_code)"
        " group by all order by f.doc_id, f.funding_source_code",
        "function": "select f.doc_id, f.function_code, s.function_name, sum(f.total_yuan) as total_yuan,"
        " sum(f.basic_yuan) as basic_yuan, sum(f.project_yuan) as project_yuan"
        " from marts.fct_expenditure_by_function as f left join marts.dim_function_subject as s using (function_code)"
        " group by all order by f.doc_id, f.function_code",
        "fund_function": "select f.doc_id, f.function_code, s.function_name, sum(f.total_yuan) as total_yuan"
        " from marts.fct_fund_expenditure_by_function as f left join marts.dim_function_subject as s using (function_code)"
        " group by all order by f.doc_id, f.function_code",
        "names": "select function_code, function_name from marts.dim_function_subject",
        "economic": "select f.doc_id, f.economic_code, s.economic_name, sum(f.basic_yuan) as basic_yuan"
        " from marts.fct_expenditure_by_economic as f left join marts.dim_economic_subject as s using (economic_code)"
        " where f.basic_yuan is not null group by all order by f.doc_id, f.economic_code",
        "units": "select f.doc_id, u.unit_name, sum(f.basic_yuan) as basic_yuan, sum(f.project_yuan) as project_yuan,"
        " sum(f.total_yuan) as total_yuan from marts.fct_expenditure_by_function as f"
        " inner join marts.dim_budget_unit as u using (unit_id) group by all order by f.doc_id, u.unit_name",
        "projects": "select f.doc_id, u.unit_name, f.project_line_no, f.project_name_as_printed, f.total_yuan,"
        " f.fiscal_grant_yuan, f.general_public_yuan, f.page_no from marts.fct_project_expenditure as f"
        " left join marts.dim_budget_unit as u using (unit_id)"
        " order by f.doc_id, f.total_yuan desc nulls last, u.unit_name, f.project_line_no",
        "three_public": "select doc_id, expense_year, expense_category, sum(budget_yuan) as budget_yuan,"
        " sum(final_yuan) as final_yuan from marts.fct_three_public_expenses group by all"
        " order by doc_id, expense_category, expense_year",
        "findings": "select * from marts.rpt_findings order by doc_id, page_no nulls last, finding_id",
        "statuses": "select doc_id, status, count(*) as check_count from marts.rpt_reconciliation group by all",
        "rounding": "select doc_id, check_family, description, page_no, source_line, published_text_as_printed,"
        " printed_unit, published_value, derived_value, difference, value_unit, status from marts.rpt_reconciliation"
        " where status in ('rounding', 'truncated') order by doc_id, page_no nulls last, check_id",
        "intake": "select * from marts.rpt_document_intake",
        "peers": "select * from marts.rpt_department_peers where peer_region_count >= 2"
        " order by peer_region_count desc, department_kind, region, fiscal_year, budget_phase, scope, department_name",
    }
    return {name: rows(connection, sql) for name, sql in marts.items()}


# --- the pages -------------------------------------------------------------------------------------


def page(title: str, body: str, depth: int, data: dict[str, Any] | None = None) -> str:
    up = "../" * depth
    script = ""
    if data is not None:
        script = f"<script>window.REPORT = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};</script>\n"
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="stylesheet" href="{up}assets/report.css">
</head>
<body>
{body}
{script}<script src="{up}assets/echarts.min.js"></script>
<script src="{up}assets/report.js"></script>
</body>
</html>
"""


def table(headers: list[str], body_rows: list[list[str]], numeric: set[int] | None = None, name: str = "") -> str:
    numeric = numeric or set()
    head = "".join(f"<th{' class=num' if i in numeric else ''}>{esc(h)}</th>" for i, h in enumerate(headers))
    lines = []
    for row in body_rows:
        cells = "".join(f"<td{' class=num' if i in numeric else ''}>{cell}</td>" for i, cell in enumerate(row))
        lines.append(f"<tr>{cells}</tr>")
    label = f' data-table="{esc(name)}"' if name else ""
    return f'<div class="table-wrap"><table{label}><thead><tr>{head}</tr></thead><tbody>{"".join(lines)}</tbody></table></div>'


def empty(text: str) -> str:
    return f'<p class="empty">{esc(text)}</p>'


def chart(chart_id: str, title: str, note: str = "") -> str:
    extra = f'<p class="note">{esc(note)}</p>' if note else ""
    return f'<h3>{esc(title)}</h3>{extra}<div class="chart" id="{chart_id}" role="img" aria-label="{esc(title)}"></div>'


def function_tree(lines: list[dict[str, Any]], names: dict[str, str], unit: str) -> list[dict[str, Any]]:
    """类 → 款 → 项 as nested nodes (value: the 项 amounts summed upward) for the treemap."""
    tree: dict[str, Any] = {}
    for line in lines:
        code = line["function_code"]
        value = number(line["total_yuan"], unit) or 0.0
        if value <= 0:
            continue
        path = [code[:3], code[:5], code] if len(code) == 7 else [code[:3], code] if len(code) == 5 else [code]
        level = tree
        for part in path:
            node = level.setdefault(part, {"name": f"{part} {names.get(part, '')}".strip(), "value": 0.0, "children": {}})
            node["value"] += value
            level = node["children"]

    def listed(level: dict[str, Any]) -> list[dict[str, Any]]:
        out = []
        for node in level.values():
            item = {"name": node["name"], "value": round(node["value"], 2)}
            if node["children"]:
                item["children"] = listed(node["children"])
            out.append(item)
        return out

    return listed(tree)


def document_page(doc: dict[str, Any], data: dict[str, Any], names: dict[str, str]) -> str:
    doc_id = doc["doc_id"]
    dim = data["dims"].get(doc_id, {})
    unit = dim.get("table_unit") or "元"
    charts: list[dict[str, Any]] = []
    sections: list[str] = []
    title = f"{doc['department_name']} {doc['fiscal_year']}年{doc['budget_phase']}（{doc['scope']}）"

    # headline figures, as printed
    headlines = {(h["headline_key"], h["basis"]): h for h in data["headlines"].get(doc_id, [])}
    head_rows, head_chart = [], []
    for key, label in HEADLINES:
        for basis in ("预算", "决算"):
            found = headlines.get((key, basis))
            if not found:
                continue
            printed_unit = found["printed_unit"] or unit
            text = found["figure_text_as_printed"] or amount_text(found["amount_yuan"], printed_unit)
            pages = ", ".join(sorted({fid.split(".")[0].lstrip("p").lstrip("0") for fid in found["figure_ids"] or []}))
            head_rows.append([esc(f"{label}（{basis}数）"), esc(text), esc(printed_unit), esc(pages)])
            head_chart.append({"name": f"{label}（{basis}）", "value": number(found["amount_yuan"], unit)})
    sections.append(
        '<section id="headlines"><h2>主要数字 Headline figures</h2>'
        + (chart("chart-headlines", f"主要数字（{unit}）") if head_chart else empty("本文档未列示主要数字。"))
        + (table(["项目", "金额（如原文）", "单位", "页码"], head_rows, {1}, "headlines") if head_rows else "")
        + "</section>"
    )
    if head_chart:
        charts.append({"id": "chart-headlines", "kind": "bar", "unit": unit, "data": head_chart})

    # where the money comes from
    income = [i for i in data["income"].get(doc_id, []) if i["amount_yuan"] is not None]
    income_rows = [
        [esc(i["funding_source_name"] or i["funding_source_code"]), amount_text(i["amount_yuan"], unit)] for i in income
    ]
    sections.append(
        '<section id="income"><h2>资金来源 Where the money comes from</h2>'
        + (
            chart("chart-income", f"收入（按资金来源，{unit}）")
            if income
            else '<p class="empty">本文档未列示按资金来源的收入。</p>'
        )
        + (table(["资金来源", f"金额（{unit}）"], income_rows, {1}, "income") if income else "")
        + "</section>"
    )
    if income:
        charts.append(
            {
                "id": "chart-income",
                "kind": "pie",
                "unit": unit,
                "data": [
                    {"name": i["funding_source_name"] or i["funding_source_code"], "value": number(i["amount_yuan"], unit)}
                    for i in income
                ],
            }
        )

    # where it goes: 功能分类 类 → 款 → 项
    lines = data["function"].get(doc_id) or data["fund_function"].get(doc_id, [])
    source_note = "" if data["function"].get(doc_id) else "本文档只按功能分类列示财政拨款支出：下图为财政拨款。"
    function_rows = [
        [esc(line["function_code"]), esc(line["function_name"]), amount_text(line["total_yuan"], unit)]
        for line in lines
        if line["total_yuan"] is not None
    ]
    tree = function_tree(lines, names, unit)
    sections.append(
        '<section id="function"><h2>支出功能分类 Where the money goes</h2>'
        + (
            chart("chart-function", f"支出功能分类：类 → 款 → 项（{unit}）", source_note)
            if tree
            else '<p class="empty">本文档未列示功能分类支出。</p>'
        )
        + (table(["科目编码", "科目名称", f"金额（{unit}）"], function_rows, {2}, "function") if function_rows else "")
        + "</section>"
    )
    if tree:
        charts.append({"id": "chart-function", "kind": "treemap", "unit": unit, "data": tree})

    # 经济分类 of basic expenditure
    economic = [e for e in data["economic"].get(doc_id, []) if len(e["economic_code"]) == 5 and e["basic_yuan"]]
    economic.sort(key=lambda e: -e["basic_yuan"])
    sections.append(
        '<section id="economic"><h2>基本支出经济分类 What basic expenditure buys</h2>'
        + (
            chart("chart-economic", f"基本支出（按经济分类款，{unit}）")
            if economic
            else '<p class="empty">本文档未列示基本支出经济分类。</p>'
        )
        + (
            table(
                ["科目编码", "科目名称", f"基本支出（{unit}）"],
                [[esc(e["economic_code"]), esc(e["economic_name"]), amount_text(e["basic_yuan"], unit)] for e in economic],
                {2},
                "economic",
            )
            if economic
            else ""
        )
        + "</section>"
    )
    if economic:
        charts.append(
            {
                "id": "chart-economic",
                "kind": "hbar",
                "unit": unit,
                "data": [
                    {"name": f"{e['economic_code']} {e['economic_name'] or ''}", "value": number(e["basic_yuan"], unit)}
                    for e in economic[:15]
                ],
            }
        )

    # every project the document names, the largest first
    projects = data["projects"].get(doc_id, [])
    if projects:
        project_rows = [
            [
                esc(p["project_name_as_printed"]),
                esc(p["unit_name"]),
                amount_text(p["total_yuan"], unit),
                amount_text(p["fiscal_grant_yuan"] if p["fiscal_grant_yuan"] is not None else p["general_public_yuan"], unit),
                esc(p["page_no"] if p["page_no"] is not None else ""),
            ]
            for p in projects
        ]
        sections.append(
            f'<section id="projects"><h2>项目支出 Every project ({len(projects)})</h2>'
            + chart("chart-projects", f"金额最大的项目（{unit}）")
            + table(["项目名称", "单位", f"金额（{unit}）", f"其中财政拨款（{unit}）", "页码"], project_rows, {2, 3}, "projects")
            + "</section>"
        )
        charts.append(
            {
                "id": "chart-projects",
                "kind": "hbar",
                "unit": unit,
                "data": [
                    {"name": p["project_name_as_printed"], "value": number(p["total_yuan"], unit)}
                    for p in projects[:15]
                    if p["total_yuan"] is not None
                ],
            }
        )

    # basic against project, by unit
    units = [u for u in data["units"].get(doc_id, []) if u["total_yuan"] is not None]
    if units:
        sections.append(
            '<section id="units"><h2>基本支出与项目支出 Basic against project, by unit</h2>'
            + chart("chart-units", f"基本支出与项目支出（{unit}）")
            + table(
                ["单位", f"基本支出（{unit}）", f"项目支出（{unit}）", f"合计（{unit}）"],
                [
                    [
                        esc(u["unit_name"]),
                        amount_text(u["basic_yuan"], unit),
                        amount_text(u["project_yuan"], unit),
                        amount_text(u["total_yuan"], unit),
                    ]
                    for u in units
                ],
                {1, 2, 3},
                "units",
            )
            + "</section>"
        )
        charts.append(
            {
                "id": "chart-units",
                "kind": "stacked",
                "unit": unit,
                "categories": [u["unit_name"] for u in units],
                "series": [
                    {"name": "基本支出", "data": [number(u["basic_yuan"], unit) or 0 for u in units]},
                    {"name": "项目支出", "data": [number(u["project_yuan"], unit) or 0 for u in units]},
                ],
            }
        )

    # the three public expenses, by year (and budget beside outturn)
    three = data["three_public"].get(doc_id, [])
    if three:
        years = sorted({t["expense_year"] for t in three})
        series = []
        three_rows = []
        for basis, column in (("预算", "budget_yuan"), ("决算", "final_yuan")):
            for year in years:
                values = {t["expense_category"]: t[column] for t in three if t["expense_year"] == year}
                if all(v is None for v in values.values()):
                    continue
                name = f"{year}年{basis}数"
                series.append(
                    {
                        "name": name,
                        "data": [
                            number(values.get(c), unit) or 0 for c in CATEGORIES if c in {t["expense_category"] for t in three}
                        ],
                    }
                )
        present = [c for c in CATEGORIES if c in {t["expense_category"] for t in three}]
        for t in three:
            three_rows.append(
                [
                    esc(CATEGORIES.get(t["expense_category"], t["expense_category"])),
                    esc(t["expense_year"]),
                    amount_text(t["budget_yuan"], unit),
                    amount_text(t["final_yuan"], unit),
                ]
            )
        sections.append(
            '<section id="three-public"><h2>“三公”经费 The three public expenses</h2>'
            + (
                chart("chart-three-public", f"“三公”经费（{unit}）")
                if series
                else '<p class="empty">“三公”经费表未列示数字。</p>'
            )
            + table(["类别", "年度", f"预算数（{unit}）", f"决算数（{unit}）"], three_rows, {2, 3}, "three_public")
            + "</section>"
        )
        if series:
            charts.append(
                {
                    "id": "chart-three-public",
                    "kind": "grouped",
                    "unit": unit,
                    "categories": [CATEGORIES[c] for c in present],
                    "series": series,
                }
            )

    # findings: every mismatch and rounding row, with the page to open
    statuses = {s["status"]: s["check_count"] for s in data["statuses"].get(doc_id, [])}
    findings = data["findings"].get(doc_id, [])
    rounding = data["rounding"].get(doc_id, [])
    finding_rows = [
        [
            esc(f["severity"]),
            esc(f["finding_kind"]),
            esc(f["page_no"] if f["page_no"] is not None else f"line {f['source_line']}" if f["source_line"] else ""),
            esc(f["description"]),
            esc((f["verdict"] or "") + ("：" + f["explanation"] if f["explanation"] else "")),
        ]
        for f in findings
    ]
    rounding_rows = [
        [
            esc(STATUS_ZH.get(r["status"], r["status"])),
            esc(r["page_no"] if r["page_no"] is not None else f"line {r['source_line']}" if r["source_line"] else ""),
            esc(r["description"]),
            esc(r["published_text_as_printed"]),
            esc(r["difference"]),
            esc(r["value_unit"]),
        ]
        for r in rounding
    ]
    sections.append(
        '<section id="findings"><h2>勾稽检查 Does it add up?</h2>'
        + (chart("chart-checks", "勾稽结果（项数）") if statuses else empty("本文档没有可检查的数字。"))
        + table(
            ["结果", "项数"],
            [[esc(STATUS_ZH.get(s, s)), esc(statuses.get(s, 0))] for s in ("exact", "rounding", "truncated", "mismatch")],
            {1},
            "checks",
        )
        + f"<h3>问题 Findings ({len(findings)})</h3>"
        + (
            table(["严重程度", "类别", "页码", "说明", "核对结论"], finding_rows, set(), "findings")
            if findings
            else '<p class="empty">未发现问题：所有勾稽关系在尾差范围内成立。</p>'
        )
        + f"<h3>尾差与截尾 Rounding ({len(rounding)})</h3>"
        + (
            table(["结果", "页码", "勾稽关系", "原文数字", "差额", "单位"], rounding_rows, {4}, "rounding")
            if rounding
            else '<p class="empty">无尾差。</p>'
        )
        + "</section>"
    )
    if statuses:
        counts = [{"name": STATUS_ZH[s], "value": statuses.get(s, 0)} for s in ("exact", "rounding", "truncated", "mismatch")]
        charts.append({"id": "chart-checks", "kind": "bar", "unit": "项", "data": counts})

    # how the file was read
    intake = [i for i in data["intake"].get(doc_id, [])]
    intake_rows = [
        [
            esc(i["file_path"]),
            esc(i["intake_status"]),
            esc(i["intake_reason"] or ""),
            esc(i["intake_message"] or ""),
            esc(i["page_count"]),
        ]
        for i in intake
    ]
    sections.append(
        '<section id="intake"><h2>读取记录 How the file was read</h2>'
        + table(["文件", "状态", "原因", "说明", "页数"], intake_rows, {4}, "intake")
        + "</section>"
    )

    covered = dim.get("covered_by_doc_id")
    file_name = Path(dim.get("source_file") or "").name
    sha = (dim.get("source_sha256") or "")[:16]
    summary = (
        f'<p class="meta">{esc(dim.get("template_name_zh"))} · {esc(region_text(doc["region"], dim.get("region_level")))} · '
        f"{esc(dim.get('page_count'))} 页 · "
        f"金额单位：{esc(unit)} · 文件 {esc(file_name)} (sha256 {esc(sha)})</p>"
        f'<p class="meta">原文标题：{esc(dim.get("title_as_printed"))}</p>'
    )
    if covered:
        link = f'<a href="{esc(covered)}.html">{esc(covered)}</a>'
        summary += f'<p class="meta">本单位文档已包含在其部门文档中（{link}），不计入合计。</p>'
    body = (
        f'<header><a class="back" href="../index.html">← 全部文档 All documents</a><h1>{esc(title)}</h1>{summary}</header>'
        f"<main>{''.join(sections)}</main>"
    )
    return page(title, body, 1, {"doc_id": doc_id, "charts": charts})


def index_page(documents: list[dict[str, Any]]) -> str:
    body = """<header><h1>预算公开数据仓库 Budget disclosures</h1>
<p class="meta">每份文档一页：主要数字、资金来源与去向、“三公”经费、勾稽检查。
金额统一为万元（按元精确值四舍五入到0.01万元）以便比较。
One page per document; amounts across documents in 万元 (10,000 元), rounded to 0.01 from the exact 元.</p>
<p class="meta"><a href="peers.html">同类部门跨地区比较 The same kind of department across regions</a></p></header>
<main>
<section id="documents"><h2>文档 Documents</h2>
<label class="search">搜索 Search <input id="search" type="search" placeholder="部门、地区、层级、年度…"></label>
<div class="table-wrap"><table data-table="documents"><thead><tr><th>部门</th><th>地区</th><th>层级</th>
<th>年度</th><th>阶段</th><th>范围</th>
<th class="num">支出总计（万元）</th><th class="num">基本支出占比</th><th class="num">一般公共预算占比</th>
<th class="num">“三公”经费（万元）</th><th class="num">问题</th><th>状态</th></tr></thead>
<tbody id="document-rows"></tbody></table></div>
<p class="pager"><button id="previous">上一页</button> <span id="page-label"></span> <button id="next">下一页</button></p>
</section>
<section id="side-by-side"><h2>部门比较 Departments side by side</h2>
<div class="chart" id="chart-side-by-side" role="img" aria-label="支出总计"></div>
<div class="chart" id="chart-shares" role="img" aria-label="基本支出占比"></div>
<p class="note">图中为本页所列文档（不含已计入部门文档的单位文档）。The documents of the page shown above.</p>
</section>
<section id="over-years"><h2>同一部门历年 The same department over the years</h2>
<div class="chart" id="chart-over-years" role="img" aria-label="历年支出"></div>
<div id="over-years-table"></div>
</section>
</main>"""
    return page("预算公开数据仓库", body, 0).replace(
        '<script src="assets/report.js"></script>',
        '<script src="assets/index-data.js"></script>\n<script src="assets/report.js"></script>',
    )


def peers_page(peers: list[dict[str, Any]]) -> str:
    """Every department kind read in two regions or more (rpt_department_peers decides the kind): per kind, its
    documents side by side in a chart and a table, in 万元."""
    kinds: dict[str, list[dict[str, Any]]] = {}
    for peer in peers:
        kinds.setdefault(peer["department_kind"], []).append(peer)
    charts: list[dict[str, Any]] = []
    contents, sections = [], []
    labels = dict(PEER_AMOUNTS)
    for number_of_kind, (kind, documents) in enumerate(kinds.items(), start=1):
        anchor = f"kind-{number_of_kind}"
        regions = documents[0]["peer_region_count"]
        contents.append(f'<li><a href="#{anchor}">{esc(kind)}</a>（{esc(regions)} 个地区）</li>')
        body_rows = []
        for doc in documents:
            link = f'<a href="doc/{esc(doc["doc_id"])}.html">{esc(doc["department_name"])}</a>'
            if not doc["is_in_totals"]:
                link += "（已计入部门文档）"
            share = doc["general_public_share"]
            body_rows.append(
                [
                    esc(doc["region"]),
                    esc(doc["region_level"]),
                    link,
                    esc(doc["fiscal_year"]),
                    esc(doc["budget_phase"]),
                    esc(doc["scope"]),
                    *[amount_text(doc[column], "万元") for column, _ in PEER_AMOUNTS[:3]],
                    "" if share is None else f"{Decimal(share) * 100:.2f}",
                    *[amount_text(doc[column], "万元") for column, _ in PEER_AMOUNTS[3:]],
                ]
            )
        headers = [
            "地区",
            "层级",
            "部门",
            "年度",
            "阶段",
            "范围",
            *[f"{label}（万元）" for _, label in PEER_AMOUNTS[:3]],
            "一般公共预算占比（%）",
            *[f"{label}（万元）" for _, label in PEER_AMOUNTS[3:]],
        ]
        drawn = any(doc[column] is not None for doc in documents for column in PEER_CHARTED)
        chart_id = f"chart-peers-{number_of_kind}"
        sections.append(
            f'<section id="{anchor}" data-kind="{esc(kind)}"><h2>{esc(kind)}</h2>'
            f'<p class="meta">{esc(regions)} 个地区：{esc("、".join(dict.fromkeys(d["region"] for d in documents)))}</p>'
            + (chart(chart_id, f"{kind}：支出总计、基本支出与项目支出（万元）") if drawn else empty("这些文档未列示支出总计。"))
            + table(headers, body_rows, set(range(6, 12)), "peers")
            + "</section>"
        )
        if drawn:
            charts.append(
                {
                    "id": chart_id,
                    "kind": "grouped",
                    "unit": "万元",
                    "categories": [
                        f"{d['region'] or ''} {d['fiscal_year']}{d['budget_phase']}{'（单位）' if d['scope'] == '单位' else ''}"
                        for d in documents
                    ],
                    "series": [
                        {"name": labels[column], "data": [number(d[column], "万元") for d in documents]}
                        for column in PEER_CHARTED
                    ],
                }
            )
    intro = (
        '<p class="meta">同一类部门（部门名称去掉其地区：北京市统计局、广州市统计局都是“统计局”）在两个以上地区都有文档时，'
        "逐份并列其支出总计、基本支出与项目支出、一般公共预算占比、“三公”经费与机关运行经费（万元；未列示的留空）。"
        "The same kind of department (its name without its region) side by side across regions, from rpt_department_peers; "
        "a figure the document does not print is left blank.</p>"
    )
    listing = f'<ul class="kinds">{"".join(contents)}</ul>' if contents else empty("没有在两个以上地区都有文档的部门类别。")
    body = (
        '<header><a class="back" href="index.html">← 全部文档 All documents</a>'
        f"<h1>同类部门跨地区比较 Across regions</h1>{intro}</header>"
        f'<main><section id="kinds"><h2>部门类别 Kinds ({len(kinds)})</h2>{listing}</section>{"".join(sections)}</main>'
    )
    return page("同类部门跨地区比较", body, 0, {"charts": charts})


def index_data(documents: list[dict[str, Any]], dims: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    def wan(value: Decimal | None) -> str | None:
        return None if value is None else f"{Decimal(value) / Decimal(10000):.2f}"

    # grouped by region (a city's documents together, 中共北京市委… beside 北京市…), then as before
    out = []
    for doc in sorted(
        documents,
        key=lambda d: (
            d["region"] is None,
            d["region"] or "",
            d["department_name"] or "",
            d["fiscal_year"] or 0,
            d["budget_phase"],
            d["scope"],
        ),
    ):
        total, basic = doc["expenditure_total_yuan"], doc["basic_yuan"]
        out.append(
            {
                "doc_id": doc["doc_id"],
                "department": doc["department_name"],
                "region": doc["region"],
                "level": dims.get(doc["doc_id"], {}).get("region_level"),
                "year": doc["fiscal_year"],
                "phase": doc["budget_phase"],
                "scope": doc["scope"],
                "in_totals": doc["is_in_totals"],
                "total": wan(total),
                "basic_share": None if not total or basic is None else f"{Decimal(basic) / Decimal(total) * 100:.2f}",
                "general_public_share": None
                if doc["general_public_share"] is None
                else f"{Decimal(doc['general_public_share']) * 100:.2f}",
                "three_public": wan(doc["three_public_total_yuan"]),
                "findings": doc["finding_count"],
                "status": DOCUMENT_STATUS_ZH.get(doc["document_status"], doc["document_status"]),
            }
        )
    return out


def write(published: Path, out: Path, echarts: Path) -> list[Path]:
    if not published.exists():
        raise SystemExit(f"{published} does not exist: run 'make build' first")
    if not echarts.exists():
        raise SystemExit(f"{echarts} is missing: 'make setup' installs the pinned ECharts from npm")
    with duckdb.connect(str(published), read_only=True) as connection:
        loaded = load(connection)
    data: dict[str, Any] = {
        name: by_document(items) for name, items in loaded.items() if name not in ("documents", "dims", "names", "peers")
    }
    data["dims"] = {d["doc_id"]: d for d in loaded["dims"]}
    intake: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in loaded["intake"]:
        if item["doc_id"]:
            intake[item["doc_id"]].append(item)
    data["intake"] = intake
    names = {n["function_code"]: n["function_name"] for n in loaded["names"]}
    staging = out.with_name(out.name + ".next")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "doc").mkdir(parents=True)
    (staging / "assets").mkdir()
    shutil.copyfile(echarts, staging / "assets/echarts.min.js")
    for asset in ("report.css", "report.js"):
        shutil.copyfile(ASSETS / asset, staging / "assets" / asset)
    documents = loaded["documents"]
    (staging / "assets/index-data.js").write_text(
        "window.REPORT_INDEX = "
        + json.dumps(index_data(documents, data["dims"]), ensure_ascii=False, separators=(",", ":"))
        + ";\n",
        encoding="utf-8",
    )
    written = [staging / "index.html"]
    (staging / "index.html").write_text(index_page(documents), encoding="utf-8")
    written.append(staging / "peers.html")
    (staging / "peers.html").write_text(peers_page(loaded["peers"]), encoding="utf-8")
    for doc in documents:
        path = staging / "doc" / f"{doc['doc_id']}.html"
        path.write_text(document_page(doc, data, names), encoding="utf-8")
        written.append(path)
    # the screenshots of the last browser test stay beside the new pages
    if (out / "screenshots").exists():
        shutil.copytree(out / "screenshots", staging / "screenshots")
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return [out / path.relative_to(staging) for path in written]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--published", type=Path, default=PUBLISHED)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--echarts", type=Path, default=ECHARTS)
    args = parser.parse_args(argv)
    written = write(args.published, args.out, args.echarts)
    print(f"{args.out}/index.html, peers.html and {len(written) - 2} document page(s) written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
