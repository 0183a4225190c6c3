-- table 12's performance indicators, one row per 三级指标
with

indicators as (

    select * from {{ ref('int_performance_indicators_parsed') }}
    where {{ in_batch() }}

),

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

final as (

    select
        indicators.doc_id,
        documents.fiscal_year,
        documents.department_name,
        -- table 12 states its tasks and indicators for the department as a whole
        cast(null as varchar) as unit_name,
        indicators.line_no as indicator_no,
        indicators.indicator_level_1,
        indicators.indicator_level_2,
        indicators.indicator_name,
        indicators.target_text,
        indicators.target_comparator,
        indicators.target_value,
        indicators.target_unit,
        indicators.target_date,
        indicators.source_line

    from indicators
    inner join documents
        on indicators.doc_id = documents.doc_id

)

select * from final
