with

source as (

    select * from {{ source('ingest', 'mentions') }}

),

renamed as (

    select
        doc_id,
        mention_no,
        page_no,
        mention_kind,
        table_order,
        text_as_printed,
        fiscal_year_as_printed,
        department_as_printed

    from source

)

select * from renamed
