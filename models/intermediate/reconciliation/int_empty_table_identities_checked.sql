-- family 5, empty tables: tables 10 and 11 are printed with 本表本年度无发生额
-- (no spending this year); every figure they print must be 0.00, matching the
-- narrative's statement that there is no such spending. One row per figure.
with

figures as (

    select * from {{ ref('int_published_figures_unioned') }}
    where table_no in (10, 11)

),

terms as (

    select
        doc_id,
        table_no,
        unit_name,
        subject_code,
        figure_id,
        amount,
        'empty_tables' as check_family,
        'same' as tolerance_rule,
        'published' as term_role,
        1 as term_sign,
        'empty:' || figure_id as check_id,
        'table printed empty (本表本年度无发生额): ' || coalesce(nullif(row_label, ''), '(blank line)') || ' / '
        || column_label || ' = 0' as description
    from figures

),

final as (

    {{ checks_from_terms('terms') }}

)

select * from final
