-- one row per document, in one comparable unit (元): who, where, when, what
-- kind, its headline figures (total expenditure, basic and project, the
-- general public budget's share, the three public expenses) and how many
-- findings it has. The one query that compares documents; a 单位 document its
-- 部门 document covers shows its own figures, with is_in_totals false.
with

documents as (

    select * from {{ ref('dim_document') }}

),

headlines as (

    select * from {{ ref('int_document_headlines_located') }}

),

findings as (

    select * from {{ ref('rpt_document_findings') }}

),

pivoted as (

    select
        doc_id,
        sum(amount_yuan) filter (where headline_key = 'income_total') as income_total_yuan,
        sum(amount_yuan) filter (where headline_key = 'expenditure_total') as expenditure_total_yuan,
        sum(amount_yuan) filter (where headline_key = 'fiscal_grant') as fiscal_grant_yuan,
        sum(amount_yuan) filter (where headline_key = 'general_public') as general_public_yuan,
        sum(amount_yuan) filter (where headline_key = 'basic') as basic_yuan,
        sum(amount_yuan) filter (where headline_key = 'project') as project_yuan,
        sum(amount_yuan) filter (where headline_key = 'three_public_total') as three_public_total_yuan,
        sum(amount_yuan) filter (where headline_key = 'running_costs') as running_costs_yuan

    from headlines
    where basis = budget_phase
    group by doc_id

),

final as (

    select
        documents.doc_id,
        documents.department_name,
        documents.region,
        documents.fiscal_year,
        documents.budget_phase,
        documents.scope,
        documents.template,
        documents.is_in_totals,
        cast(pivoted.income_total_yuan as decimal(20, 2)) as income_total_yuan,
        cast(pivoted.expenditure_total_yuan as decimal(20, 2)) as expenditure_total_yuan,
        cast(pivoted.fiscal_grant_yuan as decimal(20, 2)) as fiscal_grant_yuan,
        cast(pivoted.general_public_yuan as decimal(20, 2)) as general_public_yuan,
        cast(pivoted.basic_yuan as decimal(20, 2)) as basic_yuan,
        cast(pivoted.project_yuan as decimal(20, 2)) as project_yuan,
        cast(
            round(pivoted.general_public_yuan / nullif(pivoted.expenditure_total_yuan, 0), 4) as decimal(9, 4)
        ) as general_public_share,
        cast(pivoted.three_public_total_yuan as decimal(20, 2)) as three_public_total_yuan,
        cast(pivoted.running_costs_yuan as decimal(20, 2)) as running_costs_yuan,
        findings.finding_count,
        findings.document_status

    from documents
    left join pivoted
        on documents.doc_id = pivoted.doc_id
    left join findings
        on documents.doc_id = findings.doc_id

)

select * from final
