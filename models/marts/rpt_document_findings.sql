-- one row per document: how much of it was read and checked, and what was
-- found. Read this first: a document with unacknowledged findings has
-- figures that do not add up, or tables that are missing or not understood.
with

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where {{ in_batch() }}

),

reconciliation as (

    select * from {{ ref('rpt_reconciliation') }}
    where {{ in_batch() }}

),

findings as (

    select * from {{ ref('rpt_findings') }}
    where {{ in_batch() }}

),

figure_counts as (

    select
        doc_id,
        count(*) filter (where source_kind = 'table') as table_figure_count,
        count(*) filter (where source_kind = 'narrative') as narrative_figure_count,
        count(distinct table_order) as table_count

    from figures
    group by doc_id

),

check_counts as (

    select
        doc_id,
        count(*) as check_count,
        count(*) filter (where status = 'exact') as exact_count,
        count(*) filter (where status = 'rounding') as rounding_count,
        count(*) filter (where status = 'mismatch') as mismatch_count

    from reconciliation
    group by doc_id

),

finding_counts as (

    select
        doc_id,
        count(*) filter (where severity = 'error') as error_count,
        count(*) filter (where severity = 'note') as note_count,
        count(*) filter (where severity = 'error' and not is_acknowledged) as unacknowledged_count

    from findings
    group by doc_id

),

final as (

    select
        documents.doc_id,
        documents.department_name,
        documents.fiscal_year,
        documents.budget_phase,
        documents.scope,
        documents.template,
        cast(coalesce(figure_counts.table_count, 0) as integer) as table_count,
        cast(coalesce(figure_counts.table_figure_count, 0) as integer) as table_figure_count,
        cast(coalesce(figure_counts.narrative_figure_count, 0) as integer) as narrative_figure_count,
        cast(coalesce(check_counts.check_count, 0) as integer) as check_count,
        cast(coalesce(check_counts.exact_count, 0) as integer) as exact_count,
        cast(coalesce(check_counts.rounding_count, 0) as integer) as rounding_count,
        cast(coalesce(check_counts.mismatch_count, 0) as integer) as mismatch_count,
        cast(coalesce(finding_counts.error_count, 0) as integer) as finding_count,
        cast(coalesce(finding_counts.note_count, 0) as integer) as note_count,
        cast(coalesce(finding_counts.unacknowledged_count, 0) as integer) as unacknowledged_count,
        case
            when coalesce(figure_counts.table_figure_count, 0) = 0 then 'no figures'
            when coalesce(finding_counts.error_count, 0) = 0 and coalesce(check_counts.rounding_count, 0) = 0 then 'clean'
            when coalesce(finding_counts.error_count, 0) = 0 then 'rounding only'
            else 'findings'
        end as document_status

    from documents
    left join figure_counts
        on documents.doc_id = figure_counts.doc_id
    left join check_counts
        on documents.doc_id = check_counts.doc_id
    left join finding_counts
        on documents.doc_id = finding_counts.doc_id

)

select * from final
