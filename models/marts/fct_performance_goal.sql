-- table 12's yearly overall goal of the department and of each unit
with

goals as (

    select * from {{ ref('int_performance_goals_resolved') }}
    where {{ in_batch() }}

),

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

final as (

    select
        goals.doc_id,
        documents.fiscal_year,
        documents.department_name,
        {{ unit_id('documents.department_name', 'goals.unit_name') }} as unit_id,
        goals.unit_name,
        goals.unit_level,
        goals.goal_text_as_printed as goal_text,
        goals.source_line

    from goals
    inner join documents
        on goals.doc_id = documents.doc_id

)

select * from final
