-- expenditure of all funds by functional subject (支出总表), at the finest
-- unit and code the document prints: one row per unit and leaf code (the 项,
-- or a 款 or 类 printed without lines under it), in 元. Summing rows never
-- double counts: no line and its parent, no department and its units, no 单位
-- document and its 部门 document. Fund-specific tables (一般公共预算, 政府性基金,
-- 国有资本经营) are in fct_fund_expenditure_by_function.
with

figures as (

    select * from {{ ref('int_fact_figures_scoped') }}
    where
        table_key = 'expenditure_summary' and subject_kind = 'function' and is_leaf
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
        left(subject_code, 3) as function_class_code,
        case when length(subject_code) >= 5 then left(subject_code, 5) end as function_section_code

    from figures
    group by all

)

select * from final
