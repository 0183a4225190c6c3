with

source as (

    select * from {{ ref('classification_subjects') }}

),

renamed as (

    select
        subject_kind,
        fiscal_year,
        subject_code,
        subject_name,
        parent_code,
        document_count,
        other_names_printed

    from source

)

select * from renamed
