-- table 12's yearly overall goals, one per department or unit, with the unit
-- named in the label's parentheses resolved to its canonical name
with

goals as (

    select * from {{ ref('stg_budget_document__table_12_performance_goals') }}
    where {{ in_batch() }}

),

unit_names as (

    select * from {{ ref('int_unit_names_resolved') }}
    where {{ in_batch() }}

),

labelled as (

    select
        *,
        {{ canonical_name("regexp_extract(goal_label_as_printed, '[(（]([^)）]+)[)）]', 1)") }} as goal_unit_name

    from goals

),

final as (

    select
        labelled.doc_id,
        labelled.source_line,
        labelled.line_no,
        labelled.goal_label_as_printed,
        labelled.goal_text_as_printed,
        coalesce(unit_names.unit_name, labelled.goal_unit_name) as unit_name,
        coalesce(unit_names.unit_level, 'unit') as unit_level

    from labelled
    left join unit_names
        on
            labelled.doc_id = unit_names.doc_id
            and labelled.goal_unit_name = unit_names.alias_name

)

select * from final
