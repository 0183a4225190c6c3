-- one row per function classification code any document prints, with its level,
-- its parent and one canonical name: the name printed in the latest fiscal
-- year (most often, where documents of that year differ). The names each
-- year prints are in dim_function_subject_name.
with

names as (

    select * from {{ ref('int_subject_names_printed') }}
    where subject_kind = 'function'

),

ranked as (

    select
        subject_code,
        name_as_printed,
        fiscal_year,
        row_number() over (
            partition by subject_code order by fiscal_year desc, document_count desc, name_as_printed asc
        ) as preference

    from names

),

final as (

    select
        subject_code as function_code,
        cast(min(fiscal_year) as integer) as first_fiscal_year,
        cast(max(fiscal_year) as integer) as last_fiscal_year,
        case length(subject_code) when 3 then '类' when 5 then '款' when 7 then '项' end as subject_level,
        left(subject_code, 3) as function_class_code,
        case when length(subject_code) > 3 then left(subject_code, length(subject_code) - 2) end as parent_code,
        max(name_as_printed) filter (where preference = 1) as function_name

    from ranked
    group by subject_code

)

select * from final
