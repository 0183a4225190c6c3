-- table 3 (支出总表) re-rendered from fct_expenditure_by_function alone, one
-- row per printed cell: 项, 款 and 类 lines and each unit's line (table 3
-- prints no department line)
with

expenditure as (

    select * from {{ ref('fct_expenditure_by_function') }}

),

facts as (

    unpivot (
        select
            doc_id,
            unit_name,
            function_code,
            function_section_code,
            function_class_code,
            columns('_amount$')
        from expenditure
    )
    on columns('_amount$')
    into name seed_column value amount

),

cells as (

    {{ render_coded_cells('facts', ['function_code', 'function_section_code', 'function_class_code'], false) }}

),

rendered as (

    select
        *,
        cast(null as varchar) as line_key
    from cells

),

final as (

    {{ round_trip_cells('rendered') }}

)

select * from final
