with

source as (

    select * from {{ ref('template_tables') }}

),

renamed as (

    select
        template,
        table_key,
        table_order,
        title_pattern,
        is_required,
        nullif(code_kind, '') as code_kind,
        nullif(seed_name, '') as seed_name

    from source

)

select * from renamed
