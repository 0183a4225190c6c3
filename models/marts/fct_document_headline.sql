-- each document's headline figures (收入总计, 支出总计, 财政拨款, 一般公共预算,
-- 基本支出, 项目支出, “三公”经费, 机关运行经费), in 元, with the figures they
-- were read from; one row per document, headline and basis. A document
-- covered by its 部门 document is left out, as in every fact, so a sum over
-- documents never counts a unit twice.
with

headlines as (

    select * from {{ ref('int_document_headlines_located') }}
    where is_in_totals

),

final as (

    select
        doc_id,
        headline_key,
        basis,
        fiscal_year,
        budget_phase,
        amount_yuan,
        figure_text_as_printed,
        printed_unit,
        figure_ids

    from headlines

)

select * from final
