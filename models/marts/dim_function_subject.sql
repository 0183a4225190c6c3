-- one row per function classification code any document prints, with its level,
-- its parent and one canonical name: the name printed in the latest fiscal
-- year (most often, where documents of that year differ). The names each
-- year prints are in dim_function_subject_name.
with

subjects as (

    select * from {{ ref('int_subject_names_ranked') }}
    where subject_kind = 'function'

),

final as (

    select
        subject_code as function_code,
        first_fiscal_year,
        last_fiscal_year,
        class_code as function_class_code,
        parent_code,
        canonical_name as function_name,
        case length(subject_code) when 3 then '类' when 5 then '款' when 7 then '项' end as subject_level

    from subjects

)

select * from final
