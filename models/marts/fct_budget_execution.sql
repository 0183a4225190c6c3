-- the execution of the budget, where a final-accounts document states it:
-- its narrative prints, for the general public budget as a whole and for each
-- 项, the budget at the start of the year (年初预算), the budget as adjusted
-- during the year (全年预算) where it says one, and what was spent (支出决算);
-- the tables print only what was spent. One row per statement, in 元, with
-- the execution rate against the budget the sentence names and the figures
-- it was read from; a statement about the whole budget has no subject code.
with

claims as (

    select * from {{ ref('int_claims_unioned') }}
    where {{ in_batch() }}

),

figures as (

    select * from {{ ref('int_figures_unioned') }}
    -- a final account's narrative figures are of its phase, 决算
    where
        source_kind = 'narrative' and basis = '决算' and measure_key in ('budget', 'full_budget', 'amount')
        and {{ in_batch() }}

),

statements as (

    select
        claims.doc_id,
        claims.claim_id,
        claims.claim_kind,
        claims.page_no,
        claims.subject_code,
        claims.subject_as_printed,
        max(figures.amount_yuan) filter (where figures.measure_key = 'budget') as initial_budget_yuan,
        max(figures.amount_yuan) filter (where figures.measure_key = 'full_budget') as adjusted_budget_yuan,
        max(figures.amount_yuan) filter (where figures.measure_key = 'amount') as final_yuan,
        list(figures.figure_id order by figures.figure_id) as figure_ids

    from claims
    inner join figures
        on claims.doc_id = figures.doc_id and claims.claim_id = figures.claim_id
    group by all
    having bool_or(figures.measure_key in ('budget', 'full_budget'))

),

final as (

    select
        statements.doc_id,
        statements.claim_id,
        statements.claim_kind,
        statements.page_no,
        statements.subject_code,
        statements.subject_as_printed,
        cast(statements.initial_budget_yuan as decimal(20, 2)) as initial_budget_yuan,
        cast(statements.adjusted_budget_yuan as decimal(20, 2)) as adjusted_budget_yuan,
        cast(statements.final_yuan as decimal(20, 2)) as final_yuan,
        cast(
            statements.final_yuan / nullif(coalesce(statements.adjusted_budget_yuan, statements.initial_budget_yuan), 0)
            as decimal(10, 4)
        ) as execution_rate,
        statements.figure_ids

    from statements

)

select * from final
