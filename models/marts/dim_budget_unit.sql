-- one row per budget unit: a department, or a unit under it (the seed
-- document prints its units; a 单位 document is about one unit), keyed by a
-- stable id derived from the department's and the unit's names
with

units as (

    select * from {{ ref('int_units_resolved') }}

),

final as (

    select
        unit_id,
        min(department_name) as department_name,
        min(unit_name) as unit_name,
        -- a unit that is also its department's own 部门 document is the department
        min(unit_level) as unit_level,
        max(parent_unit_id) as parent_unit_id,
        -- the same in every build, whichever documents came first
        min(region) as region

    from units
    group by unit_id

)

select * from final
