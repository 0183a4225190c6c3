-- Where does each document's money come from, by funding source?
with

income as (

    select * from {{ ref('fct_income') }}

),

sources as (

    select * from {{ ref('dim_funding_source') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

final as (

    select
        documents.department_name,
        documents.fiscal_year,
        income.funding_source_code,
        sources.funding_source_name,
        sum(income.amount_yuan) as amount_yuan

    from income
    inner join sources
        on income.funding_source_code = sources.funding_source_code
    inner join documents
        on income.doc_id = documents.doc_id
    group by all

)

select * from final
order by department_name, fiscal_year, funding_source_code
