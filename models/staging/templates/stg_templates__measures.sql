with

source as (

    select * from {{ ref('template_measures') }}

),

renamed as (

    select
        measure_key,
        name_zh as measure_name_zh,
        name_en as measure_name_en

    from source

)

select * from renamed
