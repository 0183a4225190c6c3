-- table 4 line by line: the department row, each unit's row, and the economic
-- 类 and 款 lines under it with the code their printed name maps to
with

table_04 as (

    select * from {{ ref('stg_budget_document__table_04_basic_expenditure') }}
    where {{ in_batch() }}

),

subject_names as (

    select * from {{ ref('int_subject_names_mapped') }}
    where
        table_no = 4
        and {{ in_batch() }}

),

unit_names as (

    select * from {{ ref('int_unit_names_resolved') }}
    where {{ in_batch() }}

),

listed_units as (

    select * from {{ ref('int_income_lines_resolved') }}
    where {{ in_batch() }}

),

classified as (

    select
        table_04.*,
        listed_units.unit_name as printed_unit_name,
        listed_units.unit_level as printed_unit_level,
        subject_names.subject_code as economic_code,
        subject_names.candidate_count,
        subject_names.is_ambiguous

    from table_04
    left join unit_names
        on
            table_04.doc_id = unit_names.doc_id
            and {{ canonical_name('table_04.item_as_printed') }} = unit_names.alias_name
    left join listed_units
        on
            table_04.doc_id = listed_units.doc_id
            and coalesce(unit_names.unit_name, {{ canonical_name('table_04.item_as_printed') }})
            = listed_units.unit_name
    left join subject_names
        on
            table_04.doc_id = subject_names.doc_id
            and table_04.line_no = subject_names.line_no

),

final as (

    select
        * exclude (printed_unit_name, printed_unit_level),
        4 as table_no,
        case
            when printed_unit_level = 'department' then 'department'
            when printed_unit_name is not null then 'unit'
            else 'subject'
        end as row_kind,
        case
            when printed_unit_level = 'department' then null
            else {{ fill_down('printed_unit_name', 'doc_id') }}
        end as unit_name,
        {{ subject_level('economic_code') }} as subject_level

    from classified

)

select * from final
