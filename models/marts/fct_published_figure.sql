-- every number every document prints, exactly as printed, with where it is
-- printed (file, page or source line, table, row, column) and its value in
-- 元: the official-number lookup and the provenance of every other mart
with

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where {{ in_batch() }}

),

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

final as (

    select
        figures.doc_id,
        figures.figure_id,
        documents.source_sha256,
        documents.fiscal_year,
        documents.department_name,
        figures.source_kind,
        figures.table_key,
        figures.table_order,
        figures.table_no_as_printed,
        figures.table_title_as_printed,
        figures.page_no,
        figures.source_line,
        figures.seed_name,
        figures.seed_column,
        figures.row_no,
        figures.unit_name,
        figures.side,
        figures.row_label_as_printed,
        figures.code_as_printed,
        figures.subject_kind,
        figures.subject_code,
        figures.row_key,
        figures.column_header_as_printed,
        figures.measure_key,
        figures.fund_key,
        figures.basis,
        figures.claim_id,
        figures.figure_text_as_printed,
        figures.printed_unit,
        figures.value_as_printed,
        figures.amount_yuan,
        figures.reading_status

    from figures
    inner join documents
        on figures.doc_id = documents.doc_id

)

select * from final
