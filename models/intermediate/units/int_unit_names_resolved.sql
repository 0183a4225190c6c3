-- every spelling of a unit name the documents use, mapped to the canonical
-- full name: the department itself, then the project's alias list
with

documents as (

    select * from {{ ref('stg_budget_document__documents') }}
    where {{ in_batch() }}

),

aliases as (

    select * from {{ ref('stg_reference__budget_unit_aliases') }}

),

department_names as (

    select
        doc_id,
        {{ canonical_name('department_name') }} as alias_name,
        department_name as unit_name,
        department_name,
        'department' as unit_level

    from documents

),

alias_names as (

    select
        documents.doc_id,
        {{ canonical_name('aliases.alias_name') }} as alias_name,
        aliases.unit_name,
        documents.department_name,
        'unit' as unit_level

    from aliases
    inner join documents
        on aliases.department_name = documents.department_name

),

final as (

    select * from department_names
    union all
    select * from alias_names

)

select * from final
