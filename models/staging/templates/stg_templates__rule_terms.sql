with

source as (

    select * from {{ ref('template_rule_terms') }}

),

renamed as (

    select
        rule_id,
        term_no,
        term_role,
        term_sign,
        selector,
        nullif(table_key, '') as table_key,
        nullif(side, '') as side,
        nullif(measure_key, '') as measure_key,
        nullif(row_key, '') as row_key,
        nullif(claim_role, '') as claim_role,
        nullif(basis, '') as basis

    from source

)

select * from renamed
