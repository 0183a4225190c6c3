-- table 8's 款 lines: one row per unit and economic 款 code
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
        coded_lines.subject_code as economic_code,
        coded_lines.subject_name as economic_name,
        coded_lines.parent_code as economic_class_code,
        coded_lines.total_amount,
        coded_lines.basic_amount,
        coded_lines.project_amount,
        coded_lines.source_line

    from coded_lines
    inner join documents
        on coded_lines.doc_id = documents.doc_id
    where coded_lines.table_no = 8 and coded_lines.subject_level = 2

)

select * from final
