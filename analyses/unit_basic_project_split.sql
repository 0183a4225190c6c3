-- How does each unit's spending split into basic and project expenditure?
with

expenditure as (

    select * from {{ ref('fct_expenditure_by_function') }}

),

final as (

    select
        unit_name,
        sum(total_amount) as total_amount,
        sum(basic_amount) as basic_amount,
        sum(project_amount) as project_amount,
        round(100 * sum(project_amount) / sum(total_amount), 1) as project_share_pct

    from expenditure
    group by unit_name

)

select * from final
order by total_amount desc
