-- table 2: one row per unit and leaf funding source (the printed 收入总计 and
-- 小计 columns are sums of these, kept in fct_published_figure)
with

income_lines as (

    select * from {{ ref('int_income_lines_resolved') }}

),

documents as (

    select * from {{ ref('stg_budget_document__documents') }}

),

unit_lines as (

    select
        doc_id,
        department_name,
        unit_name,
        source_line,
        columns('_amount$')
    from income_lines
    where unit_level = 'unit'

),

cells as (

    {{ unpivot_amounts('unit_lines') }}

),

final as (

    select
        cells.doc_id,
        documents.fiscal_year,
        cells.department_name,
        {{ unit_id('cells.department_name', 'cells.unit_name') }} as unit_id,
        cells.unit_name,
        {{ funding_source_code('cells.seed_column') }} as funding_source_code,
        cells.amount,
        cells.source_line

    from cells
    inner join documents
        on cells.doc_id = documents.doc_id
    -- the printed totals and subtotals are sums of the funding sources below them
    where cells.seed_column not in ('total_income_amount', 'general_public_budget_subtotal_amount')

)

select * from final
