with

source as (

    select * from {{ document_input('table_12_performance_goals') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(source_line as integer) as source_line,
        cast(line_no as integer) as line_no,
        cast(goal_label_as_printed as varchar) as goal_label_as_printed,
        cast(goal_text_as_printed as varchar) as goal_text_as_printed

    from source

)

select * from renamed
