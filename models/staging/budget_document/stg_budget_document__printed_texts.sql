with

source as (

    select * from {{ document_input('printed_texts') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(seed_name as varchar) as seed_name,
        cast(source_line as integer) as source_line,
        cast(seed_column as varchar) as seed_column,
        cast(figure_text_as_printed as varchar) as figure_text_as_printed

    from source

)

select * from renamed
