-- every printed line of the coded expenditure tables (3, 7, 8, 10, 11), with
-- the unit carried down onto the code rows under it and the code's place in
-- its classification; one row per printed line
with

table_03 as (

    select * from {{ ref('stg_budget_document__table_03_expenditure_summary') }}
    where {{ in_batch() }}

),

table_07 as (

    select * from {{ ref('stg_budget_document__table_07_expenditure_by_function') }}
    where {{ in_batch() }}

),

table_08 as (

    select * from {{ ref('stg_budget_document__table_08_expenditure_by_economic') }}
    where {{ in_batch() }}

),

table_10 as (

    select * from {{ ref('stg_budget_document__table_10_government_fund_expenditure') }}
    where {{ in_batch() }}

),

table_11 as (

    select * from {{ ref('stg_budget_document__table_11_state_capital_expenditure') }}
    where {{ in_batch() }}

),

unit_names as (

    select * from {{ ref('int_unit_names_resolved') }}
    where {{ in_batch() }}

),

printed_lines as (

    select
        3 as table_no,
        'function' as classification,
        * rename (function_code as subject_code, function_name_as_printed as subject_name_as_printed)
    from table_03
    union all by name
    select
        7 as table_no,
        'function' as classification,
        * rename (function_code as subject_code, function_name_as_printed as subject_name_as_printed)
    from table_07
    union all by name
    select
        8 as table_no,
        'economic' as classification,
        * rename (economic_code as subject_code, economic_name_as_printed as subject_name_as_printed)
    from table_08
    union all by name
    select
        10 as table_no,
        'function' as classification,
        * rename (function_code as subject_code, function_name_as_printed as subject_name_as_printed)
    from table_10
    union all by name
    select
        11 as table_no,
        'function' as classification,
        * rename (function_code as subject_code, function_name_as_printed as subject_name_as_printed)
    from table_11

),

units_resolved as (

    select
        printed_lines.*,
        coalesce(unit_names.unit_level, 'unit') as printed_unit_level,
        coalesce(
            unit_names.unit_name,
            {{ canonical_name('printed_lines.unit_name_as_printed') }}
        ) as printed_unit_name

    from printed_lines
    left join unit_names
        on
            printed_lines.doc_id = unit_names.doc_id
            and {{ canonical_name('printed_lines.unit_name_as_printed') }} = unit_names.alias_name

),

units_filled as (

    select
        *,
        {{ fill_down('printed_unit_name', 'doc_id, table_no') }} as filled_unit_name

    from units_resolved

),

final as (

    select
        doc_id,
        table_no,
        classification,
        source_line,
        line_no,
        case
            when subject_code is not null then 'subject'
            when unit_name_as_printed is null then 'blank'
            when printed_unit_level = 'department' then 'department'
            else 'unit'
        end as row_kind,
        unit_name_as_printed,
        -- department rows state department-wide figures: they belong to no unit
        case
            when unit_name_as_printed is not null and printed_unit_level = 'department' then null
            else filled_unit_name
        end as unit_name,
        subject_code,
        subject_name_as_printed,
        {{ canonical_name('subject_name_as_printed') }} as subject_name,
        {{ subject_level('subject_code') }} as subject_level,
        {{ parent_subject_code('subject_code') }} as parent_code,
        total_amount,
        basic_amount,
        project_amount,
        business_operation_amount,
        affiliated_subsidy_amount,
        remittance_to_superior_amount,
        procurement_total_amount,
        procurement_sme_reserved_amount,
        procurement_small_micro_reserved_amount

    from units_filled

)

select * from final
