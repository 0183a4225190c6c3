with

source as (

    select * from {{ source('ingest', 'pages') }}

),

renamed as (

    select
        doc_id,
        page_no,
        table_title_as_printed,
        amounts_printed,
        amounts_read

    from source

)

select * from renamed
