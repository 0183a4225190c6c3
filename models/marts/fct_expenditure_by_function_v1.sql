-- version 1 of fct_expenditure_by_function, for queries written before the
-- warehouse held more than one document: its columns as they were (amounts
-- in 万元, decimal(18,2), unit and subject names beside the ids), over the
-- documents printed in 万元, where that is exact. Version 2 (the latest:
-- ref('fct_expenditure_by_function')) is in 元, for every document; version 1
-- keeps only the documents that count in totals, as it always did.
with

lines as (

    select * from {{ ref('fct_expenditure_by_function', v=2) }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

units as (

    select * from {{ ref('dim_budget_unit') }}

),

subjects as (

    select * from {{ ref('dim_function_subject') }}

),

final as (

    select
        lines.doc_id,
        lines.fiscal_year,
        documents.department_name,
        lines.unit_id,
        units.unit_name,
        lines.function_code,
        subjects.function_name,
        lines.function_class_code,
        lines.function_section_code,
        cast(lines.total_yuan / 10000 as decimal(18, 2)) as total_amount,
        cast(lines.basic_yuan / 10000 as decimal(18, 2)) as basic_amount,
        cast(lines.project_yuan / 10000 as decimal(18, 2)) as project_amount,
        cast(null as decimal(18, 2)) as business_operation_amount,
        cast(null as decimal(18, 2)) as affiliated_subsidy_amount,
        cast(null as decimal(18, 2)) as remittance_to_superior_amount,
        cast(null as decimal(18, 2)) as procurement_total_amount,
        cast(null as decimal(18, 2)) as procurement_sme_reserved_amount,
        cast(null as decimal(18, 2)) as procurement_small_micro_reserved_amount,
        cast(null as integer) as source_line

    from lines
    inner join documents
        on lines.doc_id = documents.doc_id
    left join units
        on lines.unit_id = units.unit_id
    left join subjects
        on lines.function_code = subjects.function_code
    where documents.table_unit = '万元' and lines.is_in_totals

)

select * from final
