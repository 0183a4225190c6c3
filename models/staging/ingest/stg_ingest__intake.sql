with

source as (

    select * from {{ source('ingest', 'intake') }}

),

renamed as (

    select
        file_path,
        source_sha256,
        file_bytes,
        status as intake_status,
        reason as intake_reason,
        message as intake_message,
        doc_id,
        template,
        page_count,
        figure_count,
        read_seconds,
        from_cache

    from source

)

select * from renamed
