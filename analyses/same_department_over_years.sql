-- How did the same department's budget change from one year to the next?
with

summary as (

    select * from {{ ref('rpt_document_summary') }}

),

final as (

    select
        department_name,
        scope,
        budget_phase,
        fiscal_year,
        expenditure_total_yuan,
        three_public_total_yuan,
        expenditure_total_yuan - lag(expenditure_total_yuan) over (
            partition by department_name, scope, budget_phase order by fiscal_year
        ) as change_yuan

    from summary

)

select * from final
order by department_name, scope, budget_phase, fiscal_year
