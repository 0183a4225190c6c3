with

source as (

    select * from {{ ref('funding_sources') }}

),

renamed as (

    select
        cast(funding_source_code as varchar) as funding_source_code,
        cast(funding_source_name as varchar) as funding_source_name,
        cast(parent_code as varchar) as parent_code,
        cast(subject_level as integer) as subject_level,
        cast(sort_order as integer) as sort_order,
        cast(source_keys as varchar) as source_keys

    from source

)

select * from renamed
