with

source as (

    select * from {{ ref('template_row_patterns') }}

),

renamed as (

    select
        template,
        table_key,
        nullif(side, '') as side,
        priority,
        pattern,
        row_key

    from source

)

select * from renamed
