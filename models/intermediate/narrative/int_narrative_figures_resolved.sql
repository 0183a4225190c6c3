-- the narrative's figures with the unit they speak of (NULL: the department
-- as a whole) and the sign their direction word gives a change
with

figures as (

    select * from {{ ref('stg_budget_document__narrative_figures') }}
    where {{ in_batch() }}

),

unit_names as (

    select * from {{ ref('int_unit_names_resolved') }}
    where {{ in_batch() }}

),

final as (

    select
        figures.*,
        case
            when figures.unit_name_as_printed is null or unit_names.unit_level = 'department' then null
            else coalesce(unit_names.unit_name, {{ canonical_name('figures.unit_name_as_printed') }})
        end as unit_name,
        case
            when figures.direction_as_printed in ('减少', '下降', '减幅') then -figures.figure_value
            else figures.figure_value
        end as signed_value

    from figures
    left join unit_names
        on
            figures.doc_id = unit_names.doc_id
            and {{ canonical_name('figures.unit_name_as_printed') }} = unit_names.alias_name

)

select * from final
