with

source as (

    select * from {{ document_input('table_03_expenditure_summary') }}

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
        cast(project_amount as decimal(18, 2)) as project_amount,
        cast(business_operation_amount as decimal(18, 2)) as business_operation_amount,
        cast(affiliated_subsidy_amount as decimal(18, 2)) as affiliated_subsidy_amount,
        cast(remittance_to_superior_amount as decimal(18, 2)) as remittance_to_superior_amount,
        cast(procurement_total_amount as decimal(18, 2)) as procurement_total_amount,
        cast(procurement_sme_reserved_amount as decimal(18, 2)) as procurement_sme_reserved_amount,
        cast(procurement_small_micro_reserved_amount as decimal(18, 2)) as procurement_small_micro_reserved_amount

    from source

)

select * from renamed
