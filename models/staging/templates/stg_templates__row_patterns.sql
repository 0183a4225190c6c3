with

source as (

    select * from {{ ref('template_row_patterns') }}

),

renamed as (

    select
        template,
        table_key,
        priority,
        pattern,
        row_key,
        nullif(side, '') as side,
        nullif(after_row_key, '') as after_row_key

    from source

)

select * from renamed
