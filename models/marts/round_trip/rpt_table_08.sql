-- table 8 (一般公共预算支出表（按经济分类）) re-rendered from
-- fct_expenditure_by_economic alone: 款, 类, unit and department lines
with

expenditure as (

    select * from {{ ref('fct_expenditure_by_economic') }}

),

facts as (

    unpivot (
        select
            doc_id,
            unit_name,
            economic_code,
            economic_class_code,
            total_amount,
            basic_amount,
            project_amount
        from expenditure
    )
    on total_amount, basic_amount, project_amount
    into name seed_column value amount

),

cells as (

    {{ render_coded_cells('facts', ['economic_code', 'economic_class_code']) }}

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
