-- every printed amount of the unit-by-row tables (2, 3, 4, 5, 7, 8, 10, 11),
-- one row per cell, with the unit, the code and the row label it is printed at
with

income_lines as (

    select * from {{ ref('int_income_lines_resolved') }}
    where {{ in_batch() }}

),

coded_lines as (

    select * from {{ ref('int_coded_expenditure_lines_filled') }}
    where {{ in_batch() }}

),

basic_lines as (

    select * from {{ ref('int_basic_expenditure_lines_mapped') }}
    where {{ in_batch() }}

),

project_lines as (

    select * from {{ ref('int_project_expenditure_lines_filled') }}
    where {{ in_batch() }}

),

table_02 as (

    select
        doc_id,
        2 as table_no,
        'table_02_income_summary' as seed_name,
        source_line,
        line_no,
        unit_name_as_printed as row_label,
        cast(null as varchar) as subject_code,
        case when unit_level = 'department' then null else unit_name end as unit_name,
        unit_level as row_kind,
        columns('_amount$')
    from income_lines

),

coded_tables as (

    select
        doc_id,
        table_no,
        case table_no
            when 3 then 'table_03_expenditure_summary'
            when 7 then 'table_07_expenditure_by_function'
            when 8 then 'table_08_expenditure_by_economic'
            when 10 then 'table_10_government_fund_expenditure'
            when 11 then 'table_11_state_capital_expenditure'
        end as seed_name,
        source_line,
        line_no,
        coalesce(subject_name_as_printed, unit_name_as_printed, '') as row_label,
        subject_code,
        unit_name,
        row_kind,
        columns('_amount$')
    from coded_lines

),

table_04 as (

    select
        doc_id,
        4 as table_no,
        'table_04_basic_expenditure' as seed_name,
        source_line,
        line_no,
        item_as_printed as row_label,
        economic_code as subject_code,
        unit_name,
        row_kind,
        columns('_amount$')
    from basic_lines

),

table_05 as (

    select
        doc_id,
        5 as table_no,
        'table_05_project_expenditure' as seed_name,
        source_line,
        line_no,
        item_as_printed as row_label,
        cast(null as varchar) as subject_code,
        unit_name,
        row_kind,
        columns('_amount$')
    from project_lines

),

wide as (

    select * from table_02
    union all by name
    select * from coded_tables
    union all by name
    select * from table_04
    union all by name
    select * from table_05

),

final as (

    {{ unpivot_amounts('wide') }}

)

select * from final
