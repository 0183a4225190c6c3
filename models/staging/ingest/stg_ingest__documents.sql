with

source as (

    select * from {{ source('ingest', 'documents') }}

),

renamed as (

    select
        doc_id,
        source_file,
        source_sha256,
        template,
        budget_phase,
        scope,
        fiscal_year,
        department_name,
        region,
        region_level,
        title_as_printed,
        page_count,
        table_unit

    from source

)

select * from renamed
