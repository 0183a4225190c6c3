-- How does each document spread its spending over the functional 类, and what share does each take?
with

expenditure as (

    select * from {{ ref('fct_expenditure_by_function') }}

),

subjects as (

    select * from {{ ref('dim_function_subject') }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

by_class as (

    select
        doc_id,
        function_class_code,
        sum(total_yuan) as total_yuan

    from expenditure
    group by doc_id, function_class_code

),

final as (

    select
        documents.department_name,
        documents.fiscal_year,
        documents.scope,
        by_class.function_class_code,
        subjects.function_name as function_class_name,
        by_class.total_yuan,
        round(by_class.total_yuan / sum(by_class.total_yuan) over (partition by by_class.doc_id), 4) as share_of_document

    from by_class
    inner join documents
        on by_class.doc_id = documents.doc_id
    left join subjects
        on by_class.function_class_code = subjects.function_code

)

select * from final
order by department_name asc, fiscal_year asc, total_yuan desc
