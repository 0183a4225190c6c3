-- every claim of every narrative: read by the intake from the PDFs' text, and
-- (placeholder) the seed document's hand-transcribed narrative
with

read_claims as (

    select * from {{ ref('stg_ingest__claims') }}

),

final as (

    select
        doc_id,
        claim_id,
        page_no,
        cast(null as integer) as source_line,
        claim_kind,
        subject_as_printed,
        subject_code,
        direction_as_printed,
        sentence_as_printed,
        resolution_note

    from read_claims

)

select * from final
