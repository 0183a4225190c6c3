-- general public budget expenditure by economic subject (经济分类 款, or a 类
-- printed without 款 under it), one row per unit and leaf code, in 元: basic
-- expenditure in every template, project expenditure where the table prints
-- it (the seed document's table 8)
with

figures as (

    select * from {{ ref('int_fact_figures_scoped') }}
    where
        table_key in ('general_public_basic_by_economic', 'general_public_by_economic')
        and subject_kind = 'economic'
        and is_leaf
        and {{ in_batch() }}

),

final as (

    select
        doc_id,
        unit_id,
        subject_code as economic_code,
        fiscal_year,
        budget_phase,
        is_in_totals,
        cast(sum(amount_yuan) filter (where measure_key = 'total') as decimal(20, 2)) as total_yuan,
        cast(
            coalesce(
                sum(amount_yuan) filter (where measure_key = 'basic'),
                sum(amount_yuan) filter (where measure_key = 'total' and table_key = 'general_public_basic_by_economic')
            ) as decimal(20, 2)
        ) as basic_yuan,
        cast(sum(amount_yuan) filter (where measure_key = 'project') as decimal(20, 2)) as project_yuan,
        left(subject_code, 3) as economic_class_code

    from figures
    group by all

)

select * from final
