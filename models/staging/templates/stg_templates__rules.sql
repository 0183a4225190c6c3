with

source as (

    select * from {{ ref('template_rules') }}

),

renamed as (

    select
        template,
        rule_id,
        check_family,
        nullif(table_key, '') as table_key,
        nullif(claim_kind, '') as claim_kind,
        description

    from source

)

select * from renamed
