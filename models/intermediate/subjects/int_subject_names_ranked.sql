-- every classification code any document prints, functional and economic,
-- with the years it is printed in and one canonical name: the name printed
-- in the latest fiscal year (most often, where documents of that year
-- differ); the dimensions of both classifications read it
with

names as (

    select * from {{ ref('int_subject_names_printed') }}

),

ranked as (

    select
        subject_kind,
        subject_code,
        name_as_printed,
        fiscal_year,
        row_number() over (
            partition by subject_kind, subject_code order by fiscal_year desc, document_count desc, name_as_printed asc
        ) as preference

    from names

),

final as (

    select
        subject_kind,
        subject_code,
        cast(min(fiscal_year) as integer) as first_fiscal_year,
        cast(max(fiscal_year) as integer) as last_fiscal_year,
        left(subject_code, 3) as class_code,
        case when length(subject_code) > 3 then left(subject_code, length(subject_code) - 2) end as parent_code,
        max(name_as_printed) filter (where preference = 1) as canonical_name

    from ranked
    group by subject_kind, subject_code

)

select * from final
