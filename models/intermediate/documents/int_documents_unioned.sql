-- every document of the build, whatever it was read from: PDFs and text
-- renderings through the intake, the seed document through its committed seeds
with

seed_documents as (

    select * from {{ ref('stg_budget_document__documents') }}
    where {{ in_batch() }}

),

read_documents as (

    select * from {{ ref('stg_ingest__documents') }}
    where {{ in_batch() }}

),

tables as (

    select * from {{ ref('stg_ingest__tables') }}
    where {{ in_batch() }}

),

units_printed as (

    select
        doc_id,
        max(printed_unit) filter (where printed_unit is not null) as table_unit

    from tables
    group by doc_id

),

from_seeds as (

    select
        doc_id,
        fiscal_year,
        department_name,
        budget_phase,
        scope,
        region,
        region_level,
        template,
        title_as_printed,
        amount_unit as table_unit,
        cast(null as integer) as page_count,
        source_file,
        source_sha256

    from seed_documents

),

from_files as (

    select
        read_documents.doc_id,
        read_documents.fiscal_year,
        read_documents.department_name,
        read_documents.budget_phase,
        read_documents.scope,
        read_documents.region,
        read_documents.region_level,
        read_documents.template,
        read_documents.title_as_printed,
        coalesce(read_documents.table_unit, units_printed.table_unit) as table_unit,
        read_documents.page_count,
        read_documents.source_file,
        read_documents.source_sha256

    from read_documents
    left join units_printed
        on read_documents.doc_id = units_printed.doc_id

),

final as (

    select * from from_seeds
    union all by name
    select * from from_files

)

select * from final
