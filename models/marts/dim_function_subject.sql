-- every 支出功能分类 code the documents print (类, 款, 项), one canonical name each
with

coded_lines as (

    select * from {{ ref('int_coded_expenditure_lines_filled') }}

),

final as (

    select distinct
        subject_code as function_code,
        subject_name as function_name,
        subject_level,
        parent_code

    from coded_lines
    where classification = 'function' and subject_code is not null

)

select * from final
