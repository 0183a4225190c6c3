-- How is the department's spending spread over functional 类 and 款, and what share does each take?
with

expenditure as (

    select * from {{ ref('fct_expenditure_by_function') }}

),

subjects as (

    select * from {{ ref('dim_function_subject') }}

),

by_section as (

    select
        function_class_code,
        function_section_code,
        sum(total_amount) as total_amount

    from expenditure
    group by function_class_code, function_section_code

),

final as (

    select
        by_section.function_class_code,
        classes.function_name as class_name,
        by_section.function_section_code,
        sections.function_name as section_name,
        by_section.total_amount,
        sum(by_section.total_amount) over (partition by by_section.function_class_code) as class_total_amount,
        round(100 * by_section.total_amount / sum(by_section.total_amount) over (), 1) as share_of_department_pct

    from by_section
    inner join subjects as classes
        on by_section.function_class_code = classes.function_code
    inner join subjects as sections
        on by_section.function_section_code = sections.function_code

)

select * from final
order by function_class_code, function_section_code
