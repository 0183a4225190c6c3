-- table 2 row by row with the unit's canonical name: the department row and
-- one row per budget unit (the document's own list of its units)
with

table_02 as (

    select * from {{ ref('stg_budget_document__table_02_income_summary') }}
    where {{ in_batch() }}

),

unit_names as (

    select * from {{ ref('int_unit_names_resolved') }}
    where {{ in_batch() }}

),

documents as (

    select * from {{ ref('stg_budget_document__documents') }}
    where {{ in_batch() }}

),

final as (

    select
        table_02.*,
        coalesce(
            unit_names.unit_name,
            {{ canonical_name('table_02.unit_name_as_printed') }}
        ) as unit_name,
        coalesce(unit_names.unit_level, 'unit') as unit_level,
        documents.department_name

    from table_02
    inner join documents
        on table_02.doc_id = documents.doc_id
    left join unit_names
        on
            table_02.doc_id = unit_names.doc_id
            and {{ canonical_name('table_02.unit_name_as_printed') }} = unit_names.alias_name

)

select * from final
