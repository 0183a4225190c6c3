"""One document never fails the folder: the documents whose rows break a warehouse invariant, found.

After ``dbt test`` fails on a ``DOCS=`` build, ``attribute`` reads every failed test's failing rows
(its compiled query, run read-only on the candidate database, as ``failures.explain`` does) and maps each
row to the documents it comes from: the row's own ``doc_id`` (and ``page_no``) where the model carries
them; for a model built across documents (a dimension keyed by a code or a name), the documents that
contributed the failing key, found through the model its ``documents_from`` meta names (in the model's
YAML: which model holds the key per document, how its columns are called there, and its page column).

A failed test whose rows do not all lead to documents of the build (a model's error, a unit test, a
reference seed's test, a key of no document) is not a document's fault: it fails the build as before.
``publish.build`` leaves the documents found out (intake reason ``quarantined``, a message naming the file,
the page where known, the invariant and the key) and builds once more without them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from budget_warehouse import failures

# invariants listed per document in its message; the rest are counted
SHOWN_INVARIANTS = 3


@dataclass(frozen=True)
class Breach:
    """One failing row of one test, as it concerns one document."""

    invariant: str
    detail: str
    page: int | None
    # the row names the document itself (its doc_id), rather than a key the document contributed to
    direct: bool = True


@dataclass
class Verdict:
    breaches: dict[str, list[Breach]] = field(default_factory=dict)
    # failed tests (or their rows) that lead to no document of the build: they fail the build
    unattributed: list[str] = field(default_factory=list)

    def message(self, doc_id: str, path: str) -> str:
        """The intake message of a quarantined document: its file, then each invariant it breaks, with a key and its page."""
        by_invariant: dict[str, list[Breach]] = {}
        for breach in self.breaches[doc_id]:
            by_invariant.setdefault(breach.invariant, []).append(breach)
        parts = []
        # the rows of the document's own first, then the keys it contributed to (dimensions across documents)
        order = sorted(by_invariant, key=lambda name: (not any(b.direct for b in by_invariant[name]), name))
        for invariant in order[:SHOWN_INVARIANTS]:
            found = sorted(set(by_invariant[invariant]), key=lambda b: (b.page is None, b.page or 0, b.detail))
            first = found[0]
            where = f" (page {first.page})" if first.page is not None else ""
            more = f" and {len(found) - 1} more row(s)" if len(found) > 1 else ""
            parts.append(f"{invariant}: {first.detail}{where}{more}")
        if len(by_invariant) > SHOWN_INVARIANTS:
            parts.append(f"and {len(by_invariant) - SHOWN_INVARIANTS} more invariant(s)")
        return (
            f"{path}: quarantined, left out of the marts: its rows break {len(by_invariant)} warehouse invariant(s): "
            + "; ".join(parts)
        )


def _value(value: Any) -> str:
    return "NULL" if value is None else failures.format_value(value)


def invariant_of(node: dict, models: dict[str, dict]) -> str:
    """What a test holds, in words: 'primary key of dim_budget_unit (unit_id)', or the test's name."""
    metadata = node.get("test_metadata") or {}
    model = models.get(node.get("attached_node") or "", {}).get("name")
    if metadata.get("name") == "primary_key" and model:
        columns = metadata.get("kwargs", {}).get("columns", [])
        return f"primary key of {model} ({', '.join(columns)})"
    return f"test {node['name']}" + (f" on {model}" if model else "")


def detail_of(node: dict, row: dict[str, Any]) -> str:
    """The failing row: for a primary key, the key and what is wrong with it; else the columns worth showing."""
    metadata = node.get("test_metadata") or {}
    if metadata.get("name") == "primary_key":
        # the document is named by the message itself
        columns = [c for c in metadata.get("kwargs", {}).get("columns", []) if c in row and c != "doc_id"]
        nulls = [c for c in columns if row[c] is None]
        values = ", ".join(f"{c}={_value(row[c])}" for c in columns if row[c] is not None)
        if nulls:
            return f"{', '.join(nulls)} is NULL" + (f" for {values}" if values else "")
        return f"{values} occurs {row.get('occurrences')} times"
    shown = [f"{key}={_value(row[key])}" for key in failures.SHOWN if key in row and row[key] is not None]
    return ", ".join(shown or [f"{key}={_value(value)}" for key, value in list(row.items())[:6]])


def _documents_from(node: dict, nodes: dict[str, dict]) -> tuple[dict, dict] | None:
    """The documents_from meta of the model a test is attached to, and the model it names."""
    model = nodes.get(node.get("attached_node") or "")
    if model is None:
        return None
    meta = (model.get("config") or {}).get("meta") or model.get("meta") or {}
    spec = meta.get("documents_from")
    if not spec:
        return None
    source = next((n for n in nodes.values() if n["resource_type"] == "model" and n["name"] == spec["model"]), None)
    return (spec, source) if source is not None else None


def _contributors(connection, spec: dict, source: dict, row: dict[str, Any]) -> list[tuple[str, int | None]]:
    """The documents (and first page) that hold the row's key in the model documents_from names."""
    mapped = {column: there for column, there in spec["columns"].items() if column in row}
    if not mapped:
        return []
    conditions = [f"{there} is not distinct from ?" for there in mapped.values()]
    if spec.get("where"):
        conditions.append(f"({spec['where']})")
    page = f"min({spec['page']})" if spec.get("page") else "null"
    query = (
        f"select doc_id, {page} from {source['relation_name']} where {' and '.join(conditions)} group by doc_id order by doc_id"
    )
    return [(doc_id, page_no) for doc_id, page_no in connection.execute(query, [row[c] for c in mapped]).fetchall()]


def attribute(target_path: Path, database: Path, doc_ids: set[str]) -> Verdict:
    """Every failed node of the last dbt run, mapped to the documents of the build (doc_ids) its rows come from."""
    import duckdb

    verdict = Verdict()
    failed = failures.failures(target_path)
    manifest_file = target_path / "manifest.json"
    if not failed or not manifest_file.exists():
        verdict.unattributed.append("no failing test could be read from run_results.json and manifest.json")
        return verdict
    nodes = json.loads(manifest_file.read_text(encoding="utf-8"))["nodes"]
    models = {uid: node for uid, node in nodes.items() if node["resource_type"] == "model"}
    with duckdb.connect(str(database), read_only=True) as connection:
        for result in failed:
            uid = result["unique_id"]
            node = nodes.get(uid)
            code = result.get("compiled_code")
            if node is None or node["resource_type"] != "test" or result["status"] != "fail" or not code:
                verdict.unattributed.append(f"{uid}: {result['status']} ({result.get('message') or 'no failing rows'})")
                continue
            invariant = invariant_of(node, models)
            cursor = connection.execute(f"select * from ({code}) as failing")
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
            spec = _documents_from(node, nodes)
            found: list[tuple[str, Breach]] = []
            for row in rows:
                if row.get("doc_id") is not None:
                    page = row.get("page_no")
                    if page is None and spec:
                        # the page, from the model that holds the row's key per document with its page
                        page = next((p for d, p in _contributors(connection, *spec, row) if d == row["doc_id"]), None)
                    documents = [(row["doc_id"], int(page) if page is not None else None)]
                    direct = True
                else:
                    documents = _contributors(connection, *spec, row) if spec else []
                    direct = False
                detail = detail_of(node, row)
                if not documents or any(doc_id not in doc_ids for doc_id, _ in documents):
                    verdict.unattributed.append(f"{invariant}: {detail}: names no document of this build")
                    break
                found.extend((doc_id, Breach(invariant, detail, page, direct)) for doc_id, page in documents)
            else:
                if not rows:
                    verdict.unattributed.append(f"{invariant}: failed, but its query returns no rows now")
                for doc_id, breach in found:
                    verdict.breaches.setdefault(doc_id, []).append(breach)
    return verdict
