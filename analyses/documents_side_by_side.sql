-- How do the documents compare: total spending, the basic and general-public shares, the three public expenses, findings?
with

summary as (

    select * from {{ ref('rpt_document_summary') }}

),

final as (

    select
        department_name,
        region,
        fiscal_year,
        budget_phase,
        scope,
        expenditure_total_yuan,
        general_public_share,
        three_public_total_yuan,
        finding_count,
        document_status,
        is_in_totals,
        round(basic_yuan / nullif(expenditure_total_yuan, 0), 4) as basic_share

    from summary

)

select * from final
order by region, department_name, fiscal_year, scope
