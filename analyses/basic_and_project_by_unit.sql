-- How much of each unit's spending keeps it running (basic) and how much goes to projects?
with

expenditure as (

    select * from {{ ref('fct_expenditure_by_function') }}

),

units as (

    select * from {{ ref('dim_budget_unit') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

final as (

    select
        documents.department_name,
        documents.fiscal_year,
        units.unit_name,
        sum(expenditure.total_yuan) as total_yuan,
        sum(expenditure.basic_yuan) as basic_yuan,
        sum(expenditure.project_yuan) as project_yuan,
        round(sum(expenditure.basic_yuan) / nullif(sum(expenditure.total_yuan), 0), 4) as basic_share

    from expenditure
    inner join units
        on expenditure.unit_id = units.unit_id
    inner join documents
        on expenditure.doc_id = documents.doc_id
    group by all

)

select * from final
order by department_name, fiscal_year, unit_name
