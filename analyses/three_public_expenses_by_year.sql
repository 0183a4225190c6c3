-- How did the three public expenses (三公经费) change from 2023 to 2024, by unit and category?
with

expenses as (

    select * from {{ ref('fct_three_public_expenses') }}

),

final as (

    select
        unit_name,
        expense_category,
        sum(amount) filter (where expense_year = 2023) as amount_2023,
        sum(amount) filter (where expense_year = 2024) as amount_2024,
        sum(amount) filter (where expense_year = 2024) - sum(amount) filter (where expense_year = 2023)
            as change_amount

    from expenses
    group by unit_name, expense_category

)

select * from final
order by unit_name, expense_category
