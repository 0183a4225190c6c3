-- the funding-source tree income is printed by: 本年收入 › 财政拨款 ›
-- 一般公共预算拨款 › …; fct_income keys its rows by the finest node each
-- document prints
with

sources as (

    select * from {{ ref('stg_reference__funding_sources') }}

),

final as (

    select
        funding_source_code,
        funding_source_name,
        parent_code,
        subject_level,
        sort_order

    from sources

)

select * from final
