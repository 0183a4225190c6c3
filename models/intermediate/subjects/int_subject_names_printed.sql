-- every name a classification code is printed with, by fiscal year, and in
-- how many documents: the name the dimensions keep per fiscal year, and read
-- their one canonical name from
with

names as (

    select * from {{ ref('int_subject_names_by_document') }}

),

final as (

    select
        subject_kind,
        subject_code,
        fiscal_year,
        name_as_printed,
        count(distinct doc_id) as document_count

    from names
    group by all

)

select * from final
