-- tables 10 (政府性基金预算) and 11 (国有资本经营预算): one row per unit, budget
-- type and functional code. Both are printed empty (本表本年度无发生额), so this
-- table has no rows for 2024; their printed 0.00 totals are in fct_published_figure.
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
        case coded_lines.table_no when 10 then '政府性基金预算' else '国有资本经营预算' end as budget_type,
        coded_lines.subject_code as function_code,
        coded_lines.subject_name as function_name,
        coded_lines.total_amount,
        coded_lines.basic_amount,
        coded_lines.project_amount,
        coded_lines.source_line

    from coded_lines
    inner join documents
        on coded_lines.doc_id = documents.doc_id
    where coded_lines.table_no in (10, 11) and coded_lines.subject_level = 3

)

select * from final
