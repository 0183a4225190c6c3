"""Every query of the build joins documents by key: read from DuckDB's plan (EXPLAIN), not from a timing.

A build's cost per document stays the same however many documents it holds only if no query joins the
rows of one document with the rows of every other. That is a fact of each query's plan, the same on any
machine: DuckDB runs an equality join as a hash join, and falls back to a nested loop (or a blockwise
nested loop), a cross product or an inequality-only join (piecewise merge, IEJoin) when a join has no
equality it can hash on, as when a left join's condition holds ``starts_with`` or an ``is not distinct
from`` it cannot split out. Between two relations of per-document rows such a join grows with the square of
the documents (0.16 s at 1 document, 26 s at 100, over 20 minutes at 1,000, for the anti-join that found
a column's top lines).

``unkeyed_joins`` reads the plan of one query (a model's or a data test's compiled SELECT, in the database
the build made) and returns each such join whose two sides both read rows keyed by document: a table or
view with a ``doc_id`` column, or a file read whose columns include it. A join of per-document rows with a
single row (a total, a setting) or with reference data (templates, seeds without ``doc_id``) is fine.
``publish`` runs it on every model and data test it built when asked (``--check-plans``; the tests do).

``unscoped_scans`` reads the plan of a model of an incremental build (one that recomputes the documents of
a batch alone, ``macros/batch.sql``) and returns each scan of a per-document table that reads every
document's rows: the filter on the batch's ``doc_id`` must reach every scan (DuckDB pushes a written-out
list of ids into a scan, but not into a common table expression a query reads twice), or the build's cost
grows with the documents it keeps. Tables of one row or so per document (documents, their tables) are read
whole without harm.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

# DuckDB's physical join operators that do not hash on an equality
UNKEYED = {
    "NESTED_LOOP_JOIN": "nested-loop join",
    "BLOCKWISE_NL_JOIN": "blockwise nested-loop join",
    "CROSS_PRODUCT": "cross product",
    "PIECEWISE_MERGE_JOIN": "inequality-only join (piecewise merge)",
    "IE_JOIN": "inequality-only join (IEJoin)",
}
# operators whose output is one row, whatever their input
ONE_ROW = {"UNGROUPED_AGGREGATE", "SIMPLE_AGGREGATE", "DUMMY_SCAN", "EMPTY_RESULT"}


@dataclass(frozen=True)
class UnkeyedJoin:
    """A join of two relations of per-document rows on no key DuckDB can hash."""

    node: str
    operator: str
    condition: str

    def __str__(self) -> str:
        return f"{self.node}: {UNKEYED.get(self.operator, self.operator)} of per-document rows on {self.condition or 'nothing'}"


def document_relations(connection) -> set[str]:
    """Every table and view of the database with a doc_id column, as catalog.schema.name (lower case)."""
    rows = connection.execute(
        "select database_name, schema_name, table_name from duckdb_columns() where column_name = 'doc_id'"
    ).fetchall()
    return {f"{database}.{schema}.{name}".lower() for database, schema, name in rows}


def _name(text: str) -> str:
    return text.replace('"', "").lower()


def _info(node: dict) -> dict:
    info = node.get("extra_info")
    return info if isinstance(info, dict) else {}


def _condition(info: dict) -> str:
    value = info.get("Conditions", info.get("Condition", ""))
    return " and ".join(value) if isinstance(value, list) else str(value)


def _listed(value) -> list[str]:
    return value if isinstance(value, list) else [value] if value else []


def unkeyed_joins(connection, node: str, sql: str, documents: set[str]) -> list[UnkeyedJoin]:
    """The joins of the query's plan that pair per-document rows with per-document rows on no hashable key."""
    plan = json.loads(connection.execute(f"explain (format json) {sql}").fetchall()[0][1])
    definitions: dict[str, dict] = {}

    def index(operator: dict) -> None:
        if operator["name"] == "CTE":
            definitions[str(_info(operator).get("Table Index"))] = operator["children"][0]
        for child in operator.get("children", []):
            index(child)

    for root in plan:
        index(root)
    memo: dict[int, bool] = {}

    def keyed(operator: dict) -> bool:
        """Whether the operator's output holds rows of documents (not one row, not reference data alone)."""
        if id(operator) in memo:
            return memo[id(operator)]
        memo[id(operator)] = False  # a CTE read inside its own definition
        name, info = operator["name"].strip(), _info(operator)
        children = operator.get("children", [])
        if name in ONE_ROW:
            result = False
        elif name == "CTE_SCAN":
            definition = definitions.get(str(info.get("CTE Index")))
            result = definition is not None and keyed(definition)
        elif name == "CTE":
            result = keyed(children[1]) if len(children) > 1 else False
        elif "Table" in info:
            result = _name(str(info["Table"])) in documents
        elif "Function" in info:
            result = "doc_id" in _listed(info.get("Projections"))
        elif name == "DELIM_SCAN":
            # the outer rows of a correlated subquery: counted as per-document rows
            result = True
        else:
            result = any(keyed(child) for child in children)
        memo[id(operator)] = result
        return result

    found: list[UnkeyedJoin] = []

    def walk(operator: dict) -> None:
        children = operator.get("children", [])
        name = operator["name"].strip()
        if name in UNKEYED and len(children) == 2 and keyed(children[0]) and keyed(children[1]):
            found.append(UnkeyedJoin(node, name, _condition(_info(operator))))
        for child in children:
            walk(child)

    for root in plan:
        walk(root)
    return found


# tables with a row or a few per document, which a batch may read whole
DOCUMENT_SIZED = {
    "documents",
    "tables",
    "intake",
    "batch",
    "int_units_resolved",
}


@dataclass(frozen=True)
class UnscopedScan:
    """A scan, in a model of an incremental build, of every document's rows of a per-document table."""

    node: str
    table: str

    def __str__(self) -> str:
        return f"{self.node}: reads every document's rows of {self.table}, not the batch's"


def unscoped_scans(connection, node: str, sql: str, documents: set[str]) -> list[UnscopedScan]:
    """The scans of per-document tables (not DOCUMENT_SIZED) in the query's plan that read every document's rows:
    neither a filter on doc_id in the scan nor a semi join with build.batch above it (from which DuckDB pushes the
    batch's ids into the scan as it runs)."""
    plan = json.loads(connection.execute(f"explain (format json) {sql}").fetchall()[0][1])
    found: list[UnscopedScan] = []

    def reads_batch(operator: dict) -> bool:
        if _name(str(_info(operator).get("Table", ""))).endswith(".build.batch"):
            return True
        return any(reads_batch(child) for child in operator.get("children", []))

    def walk(operator: dict, scoped: bool) -> None:
        name, info, children = operator["name"].strip(), _info(operator), operator.get("children", [])
        table = _name(str(info.get("Table", "")))
        if table in documents and table.rsplit(".", 1)[-1] not in DOCUMENT_SIZED:
            filters = " ".join(_listed(info.get("Filters")) + _listed(info.get("Dynamic Filters")))
            if not scoped and "doc_id" not in filters:
                found.append(UnscopedScan(node, table))
        if name.endswith("JOIN") and len(children) == 2:
            semi = info.get("Join Type") in ("SEMI", "MARK", "RIGHT_SEMI") and "doc_id" in _condition(info)
            batch = [reads_batch(child) for child in children]
            # a mark join on another column (an IN list, such as a filter on a measure pushed into a view) passes
            # its left child's rows through, marked: a semi join with build.batch above it still scopes that
            # child's scans (DuckDB pushes the batch's ids through it into the scan), not its right child's
            passes = info.get("Join Type") == "MARK" and not semi
            for index, (child, is_batch) in enumerate(zip(children, batch, strict=True)):
                walk(child, (semi and any(batch) and not is_batch) or (passes and index == 0 and scoped))
            return
        for child in children:
            walk(child, scoped)

    for root in plan:
        walk(root, False)
    return sorted(set(found), key=str)


def check(connection, queries: Iterable[tuple[str, str]]) -> list[UnkeyedJoin]:
    """Every unkeyed join of per-document rows in the queries (name, compiled SELECT), on the connection's database."""
    documents = document_relations(connection)
    found: list[UnkeyedJoin] = []
    for name, sql in queries:
        found.extend(unkeyed_joins(connection, name, sql, documents))
    return found
