-- table 4: one row per unit, economic 款 and funding source (the finest the
-- table prints: 一般公共预算拨款 is not split further here)
with

basic_lines as (

    select * from {{ ref('int_basic_expenditure_lines_mapped') }}

),

documents as (

    select * from {{ ref('stg_budget_document__documents') }}

),

item_lines as (

    select
        doc_id,
        unit_name,
        economic_code,
        item_as_printed,
        source_line,
        columns('_amount$')
    from basic_lines
    where row_kind = 'subject' and subject_level = 2

),

cells as (

    {{ unpivot_amounts('item_lines') }}

),

final as (

    select
        cells.doc_id,
        documents.fiscal_year,
        documents.department_name,
        {{ unit_id('documents.department_name', 'cells.unit_name') }} as unit_id,
        cells.unit_name,
        cells.economic_code,
        left(cells.economic_code, 3) as economic_class_code,
        {{ funding_source_code('cells.seed_column') }} as funding_source_code,
        cells.amount,
        cells.item_as_printed,
        cells.source_line

    from cells
    inner join documents
        on cells.doc_id = documents.doc_id
    -- the printed totals and subtotals are sums of the funding sources below them
    where cells.seed_column not in ('total_amount', 'government_budget_subtotal_amount')

)

select * from final
