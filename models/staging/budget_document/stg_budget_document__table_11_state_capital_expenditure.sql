with

source as (

    select * from {{ document_input('table_11_state_capital_expenditure') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(source_line as integer) as source_line,
        cast(line_no as integer) as line_no,
        cast(unit_name_as_printed as varchar) as unit_name_as_printed,
        cast(function_code as varchar) as function_code,
        cast(function_name_as_printed as varchar) as function_name_as_printed,
        cast(total_amount as decimal(18, 2)) as total_amount,
        cast(basic_amount as decimal(18, 2)) as basic_amount,
        cast(project_amount as decimal(18, 2)) as project_amount

    from source

)

select * from renamed
