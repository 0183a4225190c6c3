-- every number the document prints, exactly as printed: the official-number
-- lookup and the provenance of every other mart
with

figures as (

    select * from {{ ref('int_published_figures_unioned') }}

),

documents as (

    select * from {{ ref('stg_budget_document__documents') }}

),

final as (

    select
        figures.doc_id,
        figures.figure_id,
        documents.fiscal_year,
        documents.department_name,
        figures.table_no,
        figures.unit_name,
        figures.row_kind,
        figures.subject_code,
        figures.row_label,
        figures.column_label,
        figures.amount,
        figures.figure_unit,
        figures.seed_name,
        figures.seed_column,
        figures.source_line,
        figures.line_no

    from figures
    inner join documents
        on figures.doc_id = documents.doc_id

)

select * from final
