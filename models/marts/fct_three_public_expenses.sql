-- table 9 in long form: one row per unit, year, category and fund that the
-- table prints a figure for. Blank cells are absent (not zero); the printed
-- 合计, 小计 and 增减变化金额 are derived from these rows and live in
-- fct_published_figure.
with

three_public_cells as (

    select * from {{ ref('int_three_public_expenses_unpivoted') }}

),

documents as (

    select * from {{ ref('stg_budget_document__documents') }}

),

final as (

    select
        three_public_cells.doc_id,
        documents.fiscal_year,
        documents.department_name,
        {{ unit_id('documents.department_name', 'three_public_cells.unit_name') }} as unit_id,
        three_public_cells.unit_name,
        three_public_cells.expense_year,
        three_public_cells.expense_category,
        three_public_cells.fund_type,
        three_public_cells.amount,
        three_public_cells.source_line

    from three_public_cells
    inner join documents
        on three_public_cells.doc_id = documents.doc_id
    where
        three_public_cells.unit_name is not null
        and not three_public_cells.is_change
        and not three_public_cells.is_subtotal

)

select * from final
