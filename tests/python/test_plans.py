"""The build stays linear: every query joins documents by key, a fact of DuckDB's plan (EXPLAIN), not a timing.

Every model and data test of the shipped build (fifteen documents: the seed document, fourteen PDFs) is
explained on the warehouse it built (``--check-plans``, conftest's built_project); test_incremental.py
does the same on a folder of documents built in full and then incrementally. Here, the check itself: it
names the join that made the hierarchy checks quadratic (a left join on ``starts_with`` and a length
inequality: 26 s at 100 documents, over 20 minutes at 1,000), a cross product of two per-document tables
and a model of a batch that reads every document, and lets a join with one row or a batch-filtered read be.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from budget_warehouse import plans

# the anti-join that found a column's top lines before issue 23: its equality keys lost to a blockwise nested loop
TOP_LINES_BEFORE = """
with coded as (
    select * from intermediate.int_figures_unioned where subject_code is not null and source_kind = 'table'
)
select coded.* from coded
left join coded as ancestors
    on coded.doc_id = ancestors.doc_id
    and coded.table_order = ancestors.table_order
    and coded.measure_key = ancestors.measure_key
    and coded.side is not distinct from ancestors.side
    and coded.unit_name is not distinct from ancestors.unit_name
    and length(ancestors.subject_code) < length(coded.subject_code)
    and starts_with(coded.subject_code, ancestors.subject_code)
where ancestors.subject_code is null
"""


def test_the_shipped_build_explains_every_model_and_test(built_project: Path) -> None:
    log = (built_project / "build.log").read_text(encoding="utf-8")
    (line,) = [line for line in log.splitlines() if line.startswith("plans: ")]
    assert "every join of per-document rows is keyed" in line
    read = int(line.split()[1])
    assert read > 200  # 102 models and 142 data tests, less the seeds' and unit tests


def test_the_check_names_what_grows_with_the_square_of_the_documents(built_project: Path) -> None:
    with duckdb.connect(str(built_project / "warehouse/budget.duckdb"), read_only=True) as connection:
        documents = plans.document_relations(connection)
        assert "budget.intermediate.int_figures_unioned" in documents
        (found,) = plans.unkeyed_joins(connection, "top_lines", TOP_LINES_BEFORE, documents)
        assert found.operator in ("BLOCKWISE_NL_JOIN", "NESTED_LOOP_JOIN") and "starts_with" in found.condition
        crossed = "select * from marts.fct_published_figure as a cross join marts.rpt_reconciliation as b"
        assert [j.operator for j in plans.unkeyed_joins(connection, "crossed", crossed, documents)] == ["CROSS_PRODUCT"]
        # one row beside every row, and a join by key, are fine
        total = (
            "select f.*, t.n from marts.fct_published_figure as f cross join (select count(*) as n from marts.dim_document) as t"
        )
        keyed = "select * from marts.fct_published_figure inner join marts.rpt_reconciliation using (doc_id)"
        assert plans.check(connection, [("total", total), ("keyed", keyed)]) == []

        whole = "select * from intermediate.int_figures_unioned"
        batch = "select * from intermediate.int_figures_unioned where doc_id in (select doc_id from build.batch)"
        assert [s.table for s in plans.unscoped_scans(connection, "whole", whole, documents)] == [
            "budget.intermediate.int_figures_unioned"
        ]
        assert plans.unscoped_scans(connection, "batch", batch, documents) == []
        # an IN list on another column, which DuckDB runs as a mark join below the batch's semi join: still the
        # batch's rows; without the batch, or in the IN's own subquery, every document's
        categories = "('overseas_travel', 'vehicle_purchase', 'vehicle_operation', 'vehicle_total', 'official_reception')"
        listed = f"{batch} and measure_key in {categories}"
        assert "MARK" in connection.execute(f"explain {listed}").fetchall()[0][1]
        assert plans.unscoped_scans(connection, "listed", listed, documents) == []
        assert len(plans.unscoped_scans(connection, "listed", f"{whole} where measure_key in {categories}", documents)) == 1
        subquery = (
            f"{batch} and measure_key in (select measure_key from intermediate.int_figures_unioned where measure_key like 'v%')"
        )
        assert [s.table for s in plans.unscoped_scans(connection, "subquery", subquery, documents)] == [
            "budget.intermediate.int_figures_unioned"
        ]
