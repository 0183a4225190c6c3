with

source as (

    select * from {{ source('ingest', 'figures') }}

),

renamed as (

    select
        doc_id,
        figure_id,
        source_kind,
        page_no,
        table_key,
        table_order,
        table_no_as_printed,
        table_title_as_printed,
        printed_unit,
        row_no,
        column_no,
        side,
        row_label_as_printed,
        code_as_printed,
        subject_kind,
        subject_code,
        code_note,
        row_key,
        column_header_as_printed,
        measure_key,
        basis,
        figure_text_as_printed,
        amount_as_printed as value_as_printed,
        printed_decimals,
        claim_id,
        direction_as_printed,
        parent_figure_id,
        unit_name_as_printed,
        unit_name,
        reading_status

    from source

)

select * from renamed
