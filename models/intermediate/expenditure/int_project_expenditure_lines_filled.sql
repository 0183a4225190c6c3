-- table 5 line by line: the department row, each unit's row, and the project
-- lines under it; two lines with the same category under one unit (本级 prints
-- 综合管理类 twice, 91.15 and 30.00) stay two lines, told apart by project_line_no
with

table_05 as (

    select * from {{ ref('stg_budget_document__table_05_project_expenditure') }}
    where {{ in_batch() }}

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
        table_05.*,
        listed_units.unit_name as printed_unit_name,
        listed_units.unit_level as printed_unit_level

    from table_05
    left join unit_names
        on
            table_05.doc_id = unit_names.doc_id
            and {{ canonical_name('table_05.item_as_printed') }} = unit_names.alias_name
    left join listed_units
        on
            table_05.doc_id = listed_units.doc_id
            and coalesce(unit_names.unit_name, {{ canonical_name('table_05.item_as_printed') }})
            = listed_units.unit_name

),

filled as (

    select
        *,
        case
            when printed_unit_level = 'department' then 'department'
            when printed_unit_name is not null then 'unit'
            else 'project'
        end as row_kind,
        case
            when printed_unit_level = 'department' then null
            else {{ fill_down('printed_unit_name', 'doc_id') }}
        end as unit_name

    from classified

),

final as (

    select
        * exclude (printed_unit_name, printed_unit_level),
        5 as table_no,
        case
            when row_kind = 'project'
                then row_number() over (partition by doc_id, unit_name, row_kind order by line_no)
        end as project_line_no,
        case when row_kind = 'project' then {{ canonical_name('item_as_printed') }} end as project_category

    from filled

)

select * from final
