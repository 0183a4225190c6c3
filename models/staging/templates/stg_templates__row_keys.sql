with

source as (

    select * from {{ ref('template_row_keys') }}

),

renamed as (

    select
        row_key,
        name_zh as row_key_name_zh,
        name_en as row_key_name_en

    from source

)

select * from renamed
