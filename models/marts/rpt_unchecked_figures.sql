-- coverage: every printed figure no identity checks. A table figure here is
-- one the template's description does not reach (a column or row it does not
-- name); a narrative figure, one no claim rule compares (a prior year's
-- amount, a count). Empty for the tables of every shipped document.
with

figures as (

    select * from {{ ref('fct_published_figure') }}
    where {{ in_batch() }}

),

reconciliation as (

    select * from {{ ref('rpt_reconciliation') }}
    where {{ in_batch() }}

),

checked as (

    select distinct
        doc_id,
        unnest(figure_ids) as figure_id

    from reconciliation

),

final as (

    select
        figures.doc_id,
        figures.figure_id,
        figures.source_kind,
        figures.table_key,
        figures.page_no,
        figures.source_line,
        figures.row_label_as_printed,
        figures.column_header_as_printed,
        figures.measure_key,
        figures.figure_text_as_printed,
        figures.printed_unit

    from figures
    left join checked
        on figures.doc_id = checked.doc_id and figures.figure_id = checked.figure_id
    where checked.figure_id is null

)

select * from final
