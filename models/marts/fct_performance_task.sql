-- table 12's yearly main tasks with their amounts, one row per task; the
-- printed 金额合计 is their sum and stays in fct_published_figure
with

tasks as (

    select * from {{ ref('int_performance_tasks_classified') }}
    where {{ in_batch() }}

),

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

final as (

    select
        tasks.doc_id,
        documents.fiscal_year,
        documents.department_name,
        -- table 12 states its tasks and indicators for the department as a whole
        cast(null as varchar) as unit_name,
        tasks.line_no as task_no,
        tasks.task_name_as_printed as task_name,
        tasks.task_kind,
        tasks.project_category_key,
        tasks.content_as_printed as task_content,
        -- printed in 万元: stated in 元, as every amount of the marts
        cast(tasks.total_amount * 10000 as decimal(20, 2)) as total_yuan,
        cast(tasks.fiscal_grant_amount * 10000 as decimal(20, 2)) as fiscal_grant_yuan,
        cast(tasks.other_funds_amount * 10000 as decimal(20, 2)) as other_funds_yuan,
        tasks.source_line

    from tasks
    inner join documents
        on tasks.doc_id = documents.doc_id
    where tasks.task_kind != 'total'

)

select * from final
