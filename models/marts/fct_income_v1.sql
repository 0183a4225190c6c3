-- version 1 of fct_income, for queries written before the warehouse held
-- more than one document: its columns as they were (amount in 万元,
-- decimal(18,2), unit name beside its id), over the documents printed in 万元,
-- where that is exact. Version 2 (the latest: ref('fct_income')) is in 元.
with

lines as (

    select * from {{ ref('fct_income', v=2) }}

),

documents as (

    select * from {{ ref('dim_document') }}

),

units as (

    select * from {{ ref('dim_budget_unit') }}

),

final as (

    select
        lines.doc_id,
        lines.fiscal_year,
        documents.department_name,
        lines.unit_id,
        units.unit_name,
        lines.funding_source_code,
        cast(lines.amount_yuan / 10000 as decimal(18, 2)) as amount,
        cast(null as integer) as source_line

    from lines
    inner join documents
        on lines.doc_id = documents.doc_id
    left join units
        on lines.unit_id = units.unit_id
    where documents.table_unit = '万元' and lines.is_in_totals

)

select * from final
