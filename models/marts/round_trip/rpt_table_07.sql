-- table 7 (一般公共预算支出表（按功能科目）) re-rendered from
-- fct_expenditure_by_function alone: 项, 款, 类, unit and department lines
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
            total_amount,
            basic_amount,
            project_amount
        from expenditure
    )
    on total_amount, basic_amount, project_amount
    into name seed_column value amount

),

cells as (

    {{ render_coded_cells('facts', ['function_code', 'function_section_code', 'function_class_code']) }}

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
