-- coverage of the reconciliation: every printed figure that takes part in no
-- identity of rpt_reconciliation. Empty when every figure is checked; a data
-- test fails otherwise. (Table 12's text cells are not figures.)
with

figures as (

    select * from {{ ref('int_published_figures_unioned') }}

),

reconciliation as (

    select * from {{ ref('rpt_reconciliation') }}

),

checked_figures as (

    select distinct
        doc_id,
        unnest(figure_ids) as figure_id

    from reconciliation

),

final as (

    select
        figures.doc_id,
        figures.figure_id,
        figures.table_no,
        figures.unit_name,
        figures.row_label,
        figures.column_label,
        figures.amount,
        figures.seed_name,
        figures.source_line

    from figures
    left join checked_figures
        on
            figures.doc_id = checked_figures.doc_id
            and figures.figure_id = checked_figures.figure_id
    where checked_figures.figure_id is null

)

select * from final
