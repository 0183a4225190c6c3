-- Where does each unit's money come from, by funding source?
with

income as (

    select * from {{ ref('fct_income') }}

),

funding_sources as (

    select * from {{ ref('dim_funding_source') }}

),

final as (

    select
        income.unit_name,
        income.funding_source_code,
        funding_sources.funding_source_name,
        income.amount

    from income
    inner join funding_sources
        on income.funding_source_code = funding_sources.funding_source_code
    where income.amount != 0

)

select * from final
order by unit_name, funding_source_code
