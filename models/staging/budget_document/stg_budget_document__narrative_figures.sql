with

source as (

    select * from {{ document_input('narrative_figures') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(figure_no as integer) as figure_no,
        cast(source_line as integer) as source_line,
        cast(part_no as integer) as part_no,
        cast(unit_name_as_printed as varchar) as unit_name_as_printed,
        cast(measure_key as varchar) as measure_key,
        cast(subject_label as varchar) as subject_label,
        cast(direction_as_printed as varchar) as direction_as_printed,
        cast(figure_text_as_printed as varchar) as figure_text_as_printed,
        cast(figure_value as decimal(18, 2)) as figure_value,
        cast(figure_unit as varchar) as figure_unit

    from source

)

select * from renamed
