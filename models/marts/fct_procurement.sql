-- government procurement (政府采购) by document and category, in 元: goods,
-- works and services, and their total. Where a document prints a procurement
-- table (Jiangsu's 政府采购预算表), its category lines; otherwise the figures
-- its narrative states (the Shanghai and final-accounts templates, and the
-- seed document, print procurement only there). Documents that count in
-- totals only, as in every fact; one row per document and category.
with

scoped as (

    select * from {{ ref('int_fact_figures_scoped') }}
    where
        table_key = 'procurement'
        and {{ in_batch() }}

),

narrative as (

    select * from {{ ref('int_figures_unioned') }}
    where
        source_kind = 'narrative'
        and {{ in_batch() }}

),

claims as (

    select * from {{ ref('int_claims_unioned') }}
    where
        claim_kind in ('procurement', 'procurement_total')
        and {{ in_batch() }}

),

coverage as (

    select * from {{ ref('int_documents_covered') }}
    where {{ in_batch() }}

),

from_tables as (

    select
        doc_id,
        case row_key
            when 'total' then 'total'
            when 'procurement_goods' then 'goods'
            when 'procurement_works' then 'works'
            when 'procurement_services' then 'services'
        end as procurement_category,
        'table' as source_kind,
        sum(amount_yuan) as amount_yuan,
        list(figure_id order by figure_id) as figure_ids

    from scoped
    where row_key in ('total', 'procurement_goods', 'procurement_works', 'procurement_services')
    group by all

),

-- the roles a narrative's procurement sentence names its figures by
from_narrative as (

    select
        narrative.doc_id,
        replace(narrative.measure_key, 'procurement_', '') as procurement_category,
        'narrative' as source_kind,
        sum(narrative.amount_yuan) as amount_yuan,
        list(narrative.figure_id order by narrative.figure_id) as figure_ids

    from narrative
    inner join claims
        on narrative.doc_id = claims.doc_id and narrative.claim_id = claims.claim_id
    inner join coverage
        on narrative.doc_id = coverage.doc_id
    where
        replace(narrative.measure_key, 'procurement_', '') in ('total', 'goods', 'works', 'services')
        and narrative.doc_id not in (select from_tables.doc_id from from_tables)
    group by all

),

final as (

    select
        procurement_lines.doc_id,
        procurement_lines.procurement_category,
        coverage.fiscal_year,
        coverage.budget_phase,
        coverage.is_in_totals,
        procurement_lines.source_kind,
        cast(procurement_lines.amount_yuan as decimal(20, 2)) as amount_yuan,
        procurement_lines.figure_ids

    from (
        select * from from_tables
        union all
        select * from from_narrative
    ) as procurement_lines
    inner join coverage
        on procurement_lines.doc_id = coverage.doc_id

)

select * from final
