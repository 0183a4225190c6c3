with

source as (

    select * from {{ source('ingest', 'claims') }}

),

renamed as (

    select
        doc_id,
        claim_id,
        page_no,
        claim_kind,
        subject_as_printed,
        subject_code,
        direction_as_printed,
        sentence_as_printed,
        note as resolution_note,
        directions_as_printed,
        printed_in

    from source

)

select * from renamed
