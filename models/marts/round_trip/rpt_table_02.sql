-- table 2 (收入总表) re-rendered from fct_income alone, one row per cell:
-- each unit's row and the department row, leaf columns and the printed
-- totals, each with the number of facts it sums (for the rounding rule)

with

income as (

    select * from {{ ref('fct_income') }}

),

seed_columns as (

    {{ seed_columns('table_02_income_summary') }}

),

-- the amount columns the table prints, each standing for a funding-source node
printed_columns as (

    select seed_column from seed_columns
    where seed_column like '%\_amount' escape '\'

),

cells as (

    select
        income.doc_id,
        income.unit_name,
        printed_columns.seed_column,
        grouping(income.unit_name) as is_department,
        sum(income.amount) as amount,
        count(*) as term_count

    from income
    inner join printed_columns
        on {{ funding_source_covers(funding_source_code('printed_columns.seed_column'), 'income.funding_source_code') }}
    group by grouping sets (
        (income.doc_id, income.unit_name, printed_columns.seed_column),
        (income.doc_id, printed_columns.seed_column)
    )

),

rendered as (

    select
        doc_id,
        unit_name,
        seed_column,
        amount,
        term_count,
        cast(null as varchar) as subject_code,
        cast(null as varchar) as line_key,
        case when is_department = 1 then 'department' else 'unit' end as row_kind

    from cells

),

final as (

    {{ round_trip_cells('rendered') }}

)

select * from final
