-- table 4 (基本支出总表) re-rendered from fct_basic_expenditure alone: 款, 类,
-- unit and department lines, leaf funding columns and the printed totals

with

basic as (

    select * from {{ ref('fct_basic_expenditure') }}

),

seed_columns as (

    {{ seed_columns('table_04_basic_expenditure') }}

),

-- the amount columns the table prints, each standing for a funding-source node
printed_columns as (

    select seed_column from seed_columns
    where seed_column like '%\_amount' escape '\'

),

facts as (

    select
        basic.doc_id,
        basic.unit_name,
        basic.economic_code,
        basic.economic_class_code,
        printed_columns.seed_column,
        basic.amount

    from basic
    inner join printed_columns
        on {{ funding_source_covers(funding_source_code('printed_columns.seed_column'), 'basic.funding_source_code') }}

),

cells as (

    {{ render_coded_cells('facts', ['economic_code', 'economic_class_code']) }}

),

rendered as (

    select
        *,
        cast(null as varchar) as line_key
    from cells

),

final as (

    {{ round_trip_cells('rendered') }}

)

select * from final
