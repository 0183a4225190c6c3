-- every name a function classification code is printed with, by fiscal year:
-- names change between years and regions (20805 行政事业单位离退休 became
-- 行政事业单位养老支出), the code stays the key
with

names as (

    select * from {{ ref('int_subject_names_printed') }}
    where subject_kind = 'function'

),

final as (

    select
        subject_code as function_code,
        cast(fiscal_year as integer) as fiscal_year,
        name_as_printed,
        cast(sum(document_count) as integer) as document_count

    from names
    group by all

)

select * from final
