with

source as (

    select * from {{ source('ingest', 'tables') }}

),

renamed as (

    select
        doc_id,
        table_order,
        table_key,
        table_no_as_printed,
        table_title_as_printed,
        printed_unit,
        first_page,
        last_page,
        figure_count,
        heading_department_as_printed,
        note_as_printed,
        empty_explained_as_printed,
        measures_printed,
        reading_status,
        identities_footed,
        identities_failed,
        failing_lines,
        reading_note_zh,
        reading_note_en

    from source

)

select * from renamed
