-- every budget unit of every document: the seed document prints its
-- department and each of its units; a PDF's tables speak for the document's
-- department as a whole (部门) or for the one unit it is about (单位)
with

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

seed_units as (

    select * from {{ ref('int_unit_names_resolved') }}
    where {{ in_batch() }}

),

read_figures as (

    select * from {{ ref('stg_ingest__figures') }}
    where
        unit_name is not null
        and {{ in_batch() }}

),

printed_units as (

    select distinct
        doc_id,
        department_name,
        unit_name,
        unit_level

    from seed_units

),

document_units as (

    select
        documents.doc_id,
        documents.department_name,
        documents.department_name as unit_name,
        case documents.scope when '单位' then 'unit' else 'department' end as unit_level

    from documents
    where not exists (
        select 1 from printed_units
        where printed_units.doc_id = documents.doc_id
    )

),

-- the units a PDF's tables print in a unit column (预算单位), under its department
read_units as (

    select distinct
        read_figures.doc_id,
        documents.department_name,
        read_figures.unit_name,
        'unit' as unit_level

    from read_figures
    inner join documents
        on read_figures.doc_id = documents.doc_id
    where read_figures.unit_name != documents.department_name

),

units as (

    select * from printed_units
    union all
    select * from document_units
    union all
    select * from read_units

),

final as (

    select
        units.doc_id,
        {{ unit_id('units.department_name', 'units.unit_name') }} as unit_id,
        units.department_name,
        units.unit_name,
        units.unit_level,
        case
            when units.unit_level = 'unit' and documents.scope = '部门'
                then {{ unit_id('units.department_name', 'units.department_name') }}
        end as parent_unit_id,
        documents.region

    from units
    inner join documents
        on units.doc_id = documents.doc_id

)

select * from final
