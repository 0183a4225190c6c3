with

source as (

    select * from {{ document_input('table_01_budget_summary') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(source_line as integer) as source_line,
        cast(line_no as integer) as line_no,
        cast(income_item_as_printed as varchar) as income_item_as_printed,
        cast(income_amount as decimal(18, 2)) as income_amount,
        cast(expenditure_item_as_printed as varchar) as expenditure_item_as_printed,
        cast(expenditure_amount as decimal(18, 2)) as expenditure_amount

    from source

)

select * from renamed
