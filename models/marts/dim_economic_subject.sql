-- every 部门预算支出经济分类 code the documents print (类, 款), one canonical name each
with

coded_lines as (

    select * from {{ ref('int_coded_expenditure_lines_filled') }}

),

final as (

    select distinct
        subject_code as economic_code,
        subject_name as economic_name,
        subject_level,
        parent_code

    from coded_lines
    where classification = 'economic' and subject_code is not null

)

select * from final
