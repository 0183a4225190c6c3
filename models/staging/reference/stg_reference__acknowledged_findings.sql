with

source as (

    select * from {{ ref('acknowledged_findings') }}

),

renamed as (

    select
        source_sha256,
        finding_id,
        expected_status,
        page_no,
        verdict,
        explanation

    from source

)

select * from renamed
