with

source as (

    select * from {{ ref('template_column_patterns') }}

),

renamed as (

    select
        template,
        table_key,
        target,
        priority,
        pattern,
        target_value

    from source

)

select * from renamed
