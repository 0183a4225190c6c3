with

source as (

    select * from {{ document_input('table_12_performance_tasks') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(source_line as integer) as source_line,
        cast(line_no as integer) as line_no,
        cast(section_as_printed as varchar) as section_as_printed,
        cast(task_name_as_printed as varchar) as task_name_as_printed,
        cast(content_as_printed as varchar) as content_as_printed,
        cast(total_amount as decimal(18, 2)) as total_amount,
        cast(fiscal_grant_amount as decimal(18, 2)) as fiscal_grant_amount,
        cast(other_funds_amount as decimal(18, 2)) as other_funds_amount

    from source

)

select * from renamed
