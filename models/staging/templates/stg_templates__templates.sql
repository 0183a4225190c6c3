with

source as (

    select * from {{ ref('templates') }}

),

renamed as (

    select
        template,
        name_zh as template_name_zh,
        name_en as template_name_en,
        budget_phase,
        reader,
        nullif(income_table_key, '') as income_table_key,
        nullif(income_side, '') as income_side

    from source

)

select * from renamed
