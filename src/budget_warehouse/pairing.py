"""One disclosure in two files: a narrative (情况说明) and its tables (报表, 附件2), paired by what they print.

Some departments publish the narrative and the tables as two PDFs, and the tables file may name no
department at all (Beijing's 附件2 prints 预算01表收支总表 and 金额单位：万元, nothing else). The two halves
are paired by content, never by file name: the tables' headline figures (收支总表's 收入总计 and 财政拨款, or
支出总计) must be printed in the narrative too, to the narrative's own rounding, and the pairing must be the
only one either half has. The tables half then takes the narrative's identity (department, year, phase,
scope, region) and loads as the document; the narrative half is listed as paired with it. A half left
unpaired loads as what it is: a narrative with no figures, or, for tables that name no department, is
left out as ``no_identity``.

Where the tables do name their department, the two halves print one identity (department, year, phase and
scope): the narrative is paired with the one tables document of its identity (``pair_by_identity``), not
left out with it as two files claiming one document.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Protocol

from budget_warehouse.pdf.document import explanation_for

# the headline lines of a 收支总表 a narrative restates
HEADLINES = ("income_total", "expenditure_total", "fiscal_grant", "general_public", "income_current_total")
# two of them printed in both halves make a pair
MIN_MATCHES = 2
IDENTITY = ("department_name", "fiscal_year", "budget_phase", "scope", "region", "region_level", "title_as_printed")


class Half(Protocol):
    path: object
    status: str
    reason: str
    message: str
    result: dict | None
    doc_id: str


def _wan_yuan(figure: dict) -> Decimal | None:
    value = Decimal(str(figure["amount_as_printed"]))
    unit = figure.get("printed_unit")
    if unit == "万元":
        return value
    if unit == "元":
        return value / Decimal(10000)
    return None


def headline_values(result: dict) -> dict[str, Decimal]:
    """The tables half's headline figures, in 万元."""
    found: dict[str, Decimal] = {}
    for figure in result["figures"]:
        if figure["source_kind"] == "table" and figure.get("table_key") == "revenue_expenditure_summary":
            key = figure.get("row_key")
            value = _wan_yuan(figure)
            if key in HEADLINES and value is not None and value != 0 and key not in found:
                found[key] = value
    return found


def _printed(value: Decimal, amounts: set[str]) -> bool:
    """The value, rounded to 0, 1 or 2 decimals as a narrative prints it, is among the narrative's amounts."""
    return any(str(value.quantize(Decimal(1).scaleb(-digits))) in amounts for digits in (2, 1, 0))


def _is_tables_half(half: Half) -> bool:
    result = half.result
    return bool(
        half.status == "loaded"
        and result
        and not result["document"].get("department_name")
        and any(figure["source_kind"] == "table" for figure in result["figures"])
    )


def _is_narrative_half(half: Half) -> bool:
    result = half.result
    return bool(
        half.status == "loaded"
        and result
        and result["document"].get("department_name")
        and result.get("narrative_amounts")
        and not any(figure["source_kind"] == "table" for figure in result["figures"])
    )


def _merge_claims(table: Half, narrative: Half) -> None:
    """The narrative's claims and their figures join the tables' document, so that the models check the
    narrative against the tables it explains; each keeps its page in the narrative's file (printed_in)."""
    printed_in = Path(str(narrative.path)).name
    tables, doc_id = table.result, table.doc_id
    renamed = {}
    for claim in narrative.result.get("claims", []):
        renamed[claim["claim_id"]] = "m" + claim["claim_id"][1:]
        claim_id = renamed[claim["claim_id"]]
        tables.setdefault("claims", []).append(dict(claim, doc_id=doc_id, claim_id=claim_id, printed_in=printed_in))
    # a table printed empty is explained where the narrative says why (本部门无国有资本经营预算)
    for row in tables.get("tables", []):
        if row.get("figure_count") == 0 and not row.get("empty_explained_as_printed"):
            row["empty_explained_as_printed"] = explanation_for(
                row.get("table_title_as_printed"), narrative.result.get("explanations") or []
            )
    for figure in narrative.result["figures"]:
        if figure["source_kind"] == "narrative" and figure.get("claim_id") in renamed:
            claim_id = renamed[figure["claim_id"]]
            figure_id = figure["figure_id"].replace(f".{figure['claim_id']}.", f".{claim_id}.", 1)
            tables["figures"].append(dict(figure, doc_id=doc_id, claim_id=claim_id, figure_id=figure_id))


def pair_halves(halves: list[Half]) -> list[tuple[Half, Half, list[str]]]:
    """Pair each tables half with the one narrative half that prints its headline figures; merge the pairs.
    Returns the pairs made (tables, narrative, the headlines both print)."""
    tables = [half for half in halves if _is_tables_half(half)]
    narratives = [half for half in halves if _is_narrative_half(half)]
    amounts = {id(half): {str(Decimal(text)) for text in half.result["narrative_amounts"]} for half in narratives}
    matches: dict[tuple[int, int], list[str]] = {}
    for table in tables:
        values = headline_values(table.result)
        for narrative in narratives:
            shared = [key for key, value in values.items() if _printed(value, amounts[id(narrative)])]
            if len(shared) >= MIN_MATCHES:
                matches[(id(table), id(narrative))] = shared
    pairs = []
    for table in tables:
        mine = [(narrative, shared) for narrative in narratives if (shared := matches.get((id(table), id(narrative))))]
        if len(mine) != 1:
            continue
        narrative, shared = mine[0]
        if sum(1 for other in tables if (id(other), id(narrative)) in matches) != 1:
            continue
        document = table.result["document"]
        for field in IDENTITY:
            document[field] = narrative.result["document"].get(field)
        _merge_claims(table, narrative)
        table.message = (
            f"{table.path}: tables that name no department, paired with the narrative {narrative.path}, which prints "
            f"the same {', '.join(shared)}; loaded as one document with the narrative's identity"
        )
        narrative.status, narrative.reason = "left_out", "paired"
        narrative.message = (
            f"{narrative.path}: the narrative (情况说明) of the tables in {table.path} (both print its "
            f"{', '.join(shared)}); loaded as one document with them, {table.doc_id}"
        )
        pairs.append((table, narrative, shared))
    for half in halves:
        if _is_tables_half(half):
            half.status, half.reason = "left_out", "no_identity"
            count = sum(1 for figure in half.result["figures"] if figure["source_kind"] == "table")
            rivals = [str(narrative.path) for narrative in narratives if (id(half), id(narrative)) in matches]
            why = (
                f"more than one narrative prints their headline figures ({', '.join(rivals)}), or another tables "
                "file shares that narrative"
                if rivals
                else "no narrative of the folder prints their headline figures"
            )
            half.message = (
                f"{half.path}: budget tables ({count} figures) that name no department in their text (cover, titles, "
                f"table headings), and {why}: they cannot be told from another department's"
            )
            half.result = None
    return pairs


# what two files must both print to be the two halves of one disclosure when both name their department
PRINTED_IDENTITY = ("department_name", "fiscal_year", "budget_phase", "scope")


def _has_tables(half: Half) -> bool:
    return bool(
        half.status == "loaded" and half.result and any(figure["source_kind"] == "table" for figure in half.result["figures"])
    )


def pair_by_identity(halves: list[Half], paired: list[Half] = ()) -> list[tuple[Half, Half, list[str]]]:
    """Pair each narrative half with the one tables document that prints the same department, year, phase and
    scope and no narrative of its own (a disclosure published as 情况说明 and 报表, each naming its department);
    merge the pairs. A narrative two tables documents could claim, or a tables document two narratives could, or
    one already paired by its figures, stays as it is."""

    def key(half: Half) -> tuple:
        return tuple(half.result["document"].get(field) for field in PRINTED_IDENTITY)

    tables: dict[tuple, list[Half]] = {}
    for half in halves:
        if _has_tables(half) and half.result["document"].get("department_name") and not half.result.get("claims"):
            tables.setdefault(key(half), []).append(half)
    narratives: dict[tuple, list[Half]] = {}
    for half in halves:
        if _is_narrative_half(half) and all(key(half)):
            narratives.setdefault(key(half), []).append(half)
    pairs = []
    for identity, mine in narratives.items():
        if len(mine) != 1 or len(tables.get(identity, [])) != 1:
            continue
        (narrative,), (table,) = mine, tables[identity]
        if any(table is other for other in paired):
            continue
        _merge_claims(table, narrative)
        printed = " ".join(str(value) for value in identity)
        narrative.status, narrative.reason = "left_out", "paired"
        narrative.message = (
            f"{narrative.path}: the narrative (情况说明) of the tables in {table.path} (both print {printed}); loaded "
            f"as one document with them, {table.doc_id}"
        )
        pairs.append((table, narrative, list(PRINTED_IDENTITY)))
    return pairs
