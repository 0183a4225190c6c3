with

source as (

    select * from {{ ref('template_headlines') }}

),

renamed as (

    select
        headline_key,
        name_zh as headline_name_zh,
        name_en as headline_name_en

    from source

)

select * from renamed
