-- income by funding source, one row per unit and leaf funding source (the
-- finest source the document prints: 一般公共预算拨款, or its 基本支出拨款 …
-- where split), in 元, read from the table each template prints income by
-- source in (templates: income)
with

figures as (

    select * from {{ ref('int_fact_figures_scoped') }}
    where {{ in_batch() }}

),

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

templates as (

    select * from {{ ref('stg_templates__templates') }}

),

sources as (

    select
        funding_source_code,
        parent_code,
        unnest(string_split(source_keys, ' ')) as source_key

    from {{ ref('stg_reference__funding_sources') }}

),

income_figures as (

    select
        figures.*,
        sources.funding_source_code,
        sources.parent_code

    from figures
    inner join documents
        on figures.doc_id = documents.doc_id
    inner join templates
        on documents.template = templates.template
    inner join sources
        on sources.source_key = case when figures.row_key = 'total' then figures.measure_key else figures.row_key end
    where
        figures.table_key = templates.income_table_key
        and (templates.income_side is null or figures.side = templates.income_side)
        and (figures.row_key = 'total' or figures.measure_key = 'amount')

),

-- a source is a leaf where the document prints none of the sources under it
-- (the codes are paths: CUR.FIN.GPB is under CUR.FIN; everything is under TOTAL)
final as (

    select
        doc_id,
        unit_id,
        funding_source_code,
        fiscal_year,
        budget_phase,
        is_in_totals,
        cast(sum(amount_yuan) as decimal(20, 2)) as amount_yuan

    from income_figures as parents
    where
        not exists (
            select 1 from income_figures as children
            where
                children.doc_id = parents.doc_id
                and children.unit_id = parents.unit_id
                and children.funding_source_code != parents.funding_source_code
                and (
                    parents.funding_source_code = 'TOTAL'
                    or starts_with(children.funding_source_code, parents.funding_source_code || '.')
                )
        )
    group by all

)

select * from final
