with

funding_sources as (

    select * from {{ ref('stg_reference__funding_sources') }}

),

final as (

    select
        funding_source_code,
        funding_source_name,
        parent_code,
        subject_level,
        sort_order,
        not exists (
            select 1 from funding_sources as children
            where children.parent_code = funding_sources.funding_source_code
        ) as is_leaf

    from funding_sources

)

select * from final
