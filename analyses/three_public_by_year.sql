-- How much goes on the three public expenses, by unit and year, and how did it change?
with

expenses as (

    select * from {{ ref('fct_three_public_expenses') }}

),

units as (

    select * from {{ ref('dim_budget_unit') }}

),

by_year as (

    select
        units.department_name,
        units.unit_name,
        expenses.expense_year,
        sum(expenses.budget_yuan) as budget_yuan,
        sum(expenses.final_yuan) as final_yuan

    from expenses
    inner join units
        on expenses.unit_id = units.unit_id
    group by all

),

final as (

    select
        *,
        budget_yuan - lag(budget_yuan) over (partition by department_name, unit_name order by expense_year) as change_yuan

    from by_year

)

select * from final
order by department_name, unit_name, expense_year
