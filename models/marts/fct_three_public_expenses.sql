-- the three public expenses (“三公”经费) by unit, year and category, in 元:
-- the budget (预算数) and, in final accounts, the outturn (决算数) side by
-- side, so an execution rate is one division. Categories are the leaves:
-- overseas travel, vehicle purchase, vehicle operation, official reception
-- (a vehicle total printed without its two parts stands for both). A prior
-- year's line (the seed document prints 2023 beside 2024) is a row of its
-- own year; printed changes are left to the reconciliation.
with

figures as (

    select * from {{ ref('int_fact_figures_scoped') }}
    where
        table_key = 'three_public' and coalesce(row_key, '') != 'change'
        and {{ in_batch() }}

),

cells as (

    select
        doc_id,
        unit_id,
        row_key,
        fiscal_year,
        budget_phase,
        is_in_totals,
        fund_key,
        measure_key,
        basis,
        sum(amount_yuan) as amount_yuan

    from figures
    where measure_key in ('overseas_travel', 'vehicle_purchase', 'vehicle_operation', 'vehicle_total', 'official_reception')
    group by all

),

lines as (

    select
        *,
        fiscal_year - case when row_key = 'prior_year' then 1 else 0 end as expense_year,
        bool_or(measure_key in ('vehicle_purchase', 'vehicle_operation'))
            over (partition by doc_id, unit_id, row_key, fund_key, basis) as vehicle_split_printed

    from cells

),

leaves as (

    select
        *,
        case measure_key when 'vehicle_total' then 'vehicle_purchase_and_operation' else measure_key end as expense_category

    from lines
    where measure_key != 'vehicle_total' or not vehicle_split_printed

),

final as (

    select
        doc_id,
        unit_id,
        expense_year,
        expense_category,
        budget_phase,
        is_in_totals,
        cast(sum(amount_yuan) filter (where basis = '预算') as decimal(20, 2)) as budget_yuan,
        cast(sum(amount_yuan) filter (where basis = '决算') as decimal(20, 2)) as final_yuan

    from leaves
    group by all

)

select * from final
