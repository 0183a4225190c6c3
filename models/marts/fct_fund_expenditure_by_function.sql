-- expenditure of each government budget fund by functional subject: the
-- 一般公共预算, 政府性基金预算 and 国有资本经营预算 tables, one row per fund, unit
-- and leaf code, in 元. The funds do not overlap, so summing over them gives
-- all government-budget (财政拨款) spending; it is part of, not beside,
-- fct_expenditure_by_function's all-funds spending.
with

figures as (

    select * from {{ ref('int_fact_figures_scoped') }}
    where
        table_key in ('general_public_by_function', 'government_fund_by_function', 'state_capital_by_function')
        and subject_kind = 'function'
        and is_leaf
        and {{ in_batch() }}

),

final as (

    select
        doc_id,
        unit_id,
        subject_code as function_code,
        fiscal_year,
        budget_phase,
        is_in_totals,
        cast(sum(amount_yuan) filter (where measure_key = 'total') as decimal(20, 2)) as total_yuan,
        cast(sum(amount_yuan) filter (where measure_key = 'basic') as decimal(20, 2)) as basic_yuan,
        cast(sum(amount_yuan) filter (where measure_key = 'project') as decimal(20, 2)) as project_yuan,
        case table_key
            when 'general_public_by_function' then 'general_public'
            when 'government_fund_by_function' then 'government_fund'
            when 'state_capital_by_function' then 'state_capital'
        end as fund_type,
        left(subject_code, 3) as function_class_code

    from figures
    group by all

)

select * from final
