-- the department and each of its budget units, as table 2 lists them
with

income_lines as (

    select * from {{ ref('int_income_lines_resolved') }}

),

units as (

    select distinct
        department_name,
        unit_name,
        unit_level

    from income_lines

),

final as (

    select
        {{ unit_id('department_name', 'unit_name') }} as unit_id,
        unit_name,
        department_name,
        case
            when unit_level = 'unit' then {{ unit_id('department_name', 'department_name') }}
        end as parent_unit_id,
        unit_level

    from units

)

select * from final
