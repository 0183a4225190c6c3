with

source as (

    select * from {{ ref('template_rules') }}

),

renamed as (

    select
        template,
        rule_id,
        check_family,
        description,
        nullif(table_key, '') as table_key,
        nullif(claim_kind, '') as claim_kind,
        nullif(headline_key, '') as headline_key

    from source

)

select * from renamed
