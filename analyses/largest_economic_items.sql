-- Which economic 款 lines are the largest, across the department?
with

expenditure as (

    select * from {{ ref('fct_expenditure_by_economic') }}

),

final as (

    select
        economic_code,
        economic_name,
        sum(total_amount) as total_amount,
        sum(basic_amount) as basic_amount,
        sum(project_amount) as project_amount

    from expenditure
    group by economic_code, economic_name

)

select * from final
order by total_amount desc
limit 10
