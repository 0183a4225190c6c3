-- every document's headline figures as it prints them, for reading (the
-- report's first table): the fact's rows, and those of the 单位 documents
-- their 部门 documents cover, each marked with whether it counts in totals.
-- Not for summing across documents: fct_document_headline is.
with

headlines as (

    select * from {{ ref('int_document_headlines_located') }}

),

final as (

    select
        doc_id,
        headline_key,
        basis,
        fiscal_year,
        budget_phase,
        is_in_totals,
        amount_yuan,
        figure_text_as_printed,
        printed_unit,
        figure_ids

    from headlines

)

select * from final
