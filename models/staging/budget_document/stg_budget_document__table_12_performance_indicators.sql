with

source as (

    select * from {{ document_input('table_12_performance_indicators') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(source_line as integer) as source_line,
        cast(line_no as integer) as line_no,
        cast(section_as_printed as varchar) as section_as_printed,
        cast(indicator_level_1_as_printed as varchar) as indicator_level_1_as_printed,
        cast(indicator_level_2_as_printed as varchar) as indicator_level_2_as_printed,
        cast(indicator_name_as_printed as varchar) as indicator_name_as_printed,
        cast(target_as_printed as varchar) as target_as_printed

    from source

)

select * from renamed
