with

source as (

    select * from {{ ref('template_table_kinds') }}

),

renamed as (

    select
        table_key,
        name_zh as table_name_zh,
        name_en as table_name_en

    from source

)

select * from renamed
