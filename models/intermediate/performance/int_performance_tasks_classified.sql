-- table 12's yearly main tasks with what each one's amount stands for: a
-- project category, the basic expenditure, or the printed sum of all tasks
with

tasks as (

    select * from {{ ref('stg_budget_document__table_12_performance_tasks') }}
    where {{ in_batch() }}

),

final as (

    select
        doc_id,
        source_line,
        line_no,
        task_name_as_printed,
        content_as_printed,
        total_amount,
        fiscal_grant_amount,
        other_funds_amount,
        case
            when task_name_as_printed = '金额合计' then 'total'
            when task_name_as_printed = '基本支出' then 'basic'
            else 'project_category'
        end as task_kind,
        case
            when task_name_as_printed not in ('金额合计', '基本支出')
                then {{ project_category_key('task_name_as_printed') }}
        end as project_category_key

    from tasks

)

select * from final
