-- What does the general public budget's basic spending buy: which economic 款 are largest?
with

expenditure as (

    select * from {{ ref('fct_expenditure_by_economic') }}

),

subjects as (

    select * from {{ ref('dim_economic_subject') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

basic_by_item as (

    select
        documents.doc_id,
        documents.department_name,
        documents.fiscal_year,
        expenditure.economic_code,
        subjects.economic_name,
        sum(expenditure.basic_yuan) as basic_yuan

    from expenditure
    inner join documents
        on expenditure.doc_id = documents.doc_id
    left join subjects
        on expenditure.economic_code = subjects.economic_code
    group by all

),

final as (

    select
        *,
        rank() over (partition by doc_id order by basic_yuan desc) as rank_in_document

    from basic_by_item

)

select * from final
where rank_in_document <= 10
order by department_name, fiscal_year, rank_in_document
