-- table 3's 项 lines: one row per unit and functional 项 code
with

coded_lines as (

    select * from {{ ref('int_coded_expenditure_lines_filled') }}

),

documents as (

    select * from {{ ref('stg_budget_document__documents') }}

),

final as (

    select
        coded_lines.doc_id,
        documents.fiscal_year,
        documents.department_name,
        {{ unit_id('documents.department_name', 'coded_lines.unit_name') }} as unit_id,
        coded_lines.unit_name,
        coded_lines.subject_code as function_code,
        coded_lines.subject_name as function_name,
        left(coded_lines.subject_code, 3) as function_class_code,
        left(coded_lines.subject_code, 5) as function_section_code,
        coded_lines.total_amount,
        coded_lines.basic_amount,
        coded_lines.project_amount,
        coded_lines.business_operation_amount,
        coded_lines.affiliated_subsidy_amount,
        coded_lines.remittance_to_superior_amount,
        coded_lines.procurement_total_amount,
        coded_lines.procurement_sme_reserved_amount,
        coded_lines.procurement_small_micro_reserved_amount,
        coded_lines.source_line

    from coded_lines
    inner join documents
        on coded_lines.doc_id = documents.doc_id
    where coded_lines.table_no = 3 and coded_lines.subject_level = 3

)

select * from final
