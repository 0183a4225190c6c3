-- table 5: one row per unit, project line and leaf funding source
with

project_lines as (

    select * from {{ ref('int_project_expenditure_lines_filled') }}

),

documents as (

    select * from {{ ref('stg_budget_document__documents') }}

),

lines as (

    select
        doc_id,
        unit_name,
        project_line_no,
        project_category,
        item_as_printed,
        source_line,
        columns('_amount$')
    from project_lines
    where row_kind = 'project'

),

cells as (

    {{ unpivot_amounts('lines') }}

),

final as (

    select
        cells.doc_id,
        documents.fiscal_year,
        documents.department_name,
        {{ unit_id('documents.department_name', 'cells.unit_name') }} as unit_id,
        cells.unit_name,
        cells.project_line_no,
        cells.project_category,
        {{ funding_source_code('cells.seed_column') }} as funding_source_code,
        cells.amount,
        cells.item_as_printed,
        cells.source_line

    from cells
    inner join documents
        on cells.doc_id = documents.doc_id
    -- the printed totals and subtotals are sums of the funding sources below them
    where cells.seed_column not in ('total_amount', 'general_public_budget_subtotal_amount')

)

select * from final
