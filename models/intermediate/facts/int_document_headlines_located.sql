-- every document's headline figures, where its template says it prints them
-- (templates: headlines): 收入总计, 支出总计, 财政拨款, 一般公共预算, 基本支出,
-- 项目支出, “三公”经费, 机关运行经费; one row per document, headline and basis,
-- in 元, with the figures it was read from, and whether the document counts in
-- totals (fct_document_headline keeps those; the reports show every document)
with

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where
        source_kind = 'table'
        and {{ in_batch() }}

),

documents as (

    select * from {{ ref('int_documents_unioned') }}
    where {{ in_batch() }}

),

coverage as (

    select * from {{ ref('int_documents_covered') }}
    where {{ in_batch() }}

),

rule_terms as (

    select * from {{ ref('int_rule_terms_resolved') }}
    where
        check_family = 'headline'
        and {{ in_batch() }}

),

candidates as (

    select
        rule_terms.doc_id,
        rule_terms.headline_key,
        figures.figure_id,
        figures.unit_name,
        figures.basis,
        figures.figure_text_as_printed,
        figures.printed_unit,
        rule_terms.term_sign * figures.amount_yuan as amount_yuan

    from rule_terms
    inner join figures
        on
            rule_terms.doc_id = figures.doc_id
            and rule_terms.table_key = figures.table_key
            and (rule_terms.side is null or rule_terms.side = figures.side)
            and rule_terms.measure_key = figures.measure_key
            and (rule_terms.basis is null or rule_terms.basis = figures.basis)
            and (
                (rule_terms.selector = 'row' and rule_terms.row_key = figures.row_key)
                or (rule_terms.selector = 'fixed_code' and rule_terms.row_key = figures.subject_code)
                or rule_terms.selector = 'table'
            )

),

-- the document's own line where printed, the sum of its units' otherwise
scoped as (

    select * from candidates
    qualify unit_name is null or not bool_or(unit_name is null) over (partition by doc_id, headline_key, basis)

),

final as (

    select
        scoped.doc_id,
        scoped.headline_key,
        scoped.basis,
        documents.fiscal_year,
        documents.budget_phase,
        coverage.is_in_totals,
        cast(sum(scoped.amount_yuan) as decimal(20, 2)) as amount_yuan,
        case when count(*) = 1 then min(scoped.figure_text_as_printed) end as figure_text_as_printed,
        min(scoped.printed_unit) as printed_unit,
        list(scoped.figure_id order by scoped.figure_id) as figure_ids

    from scoped
    inner join documents
        on scoped.doc_id = documents.doc_id
    inner join coverage
        on scoped.doc_id = coverage.doc_id
    group by
        scoped.doc_id, scoped.headline_key, scoped.basis, documents.fiscal_year, documents.budget_phase, coverage.is_in_totals

)

select * from final
