-- expenditure by economic subject (经济分类 款, or a 类 printed without 款
-- under it), one row per unit and leaf code, in 元. Of the general public
-- budget: its total, basic and project expenditure, from the table that
-- prints them side by side, else from its basic table (一般公共预算基本支出表)
-- and its project table by economic class (广州's 一般公共预算项目支出情况表);
-- and, apart, basic expenditure across every funding source where the
-- document prints it by unit and class (基本支出总表, 部门预算基本支出预算表:
-- classes printed by name only take their code from the catalogue of
-- classification names). Each column sums on its own without double counting
with

figures as (

    select * from {{ ref('int_fact_figures_scoped') }}
    where
        table_key in (
            'general_public_basic_by_economic',
            'general_public_by_economic',
            'general_public_project_by_economic',
            'basic_by_economic_and_source'
        )
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
        cast(
            coalesce(
                sum(amount_yuan) filter (where measure_key = 'total' and table_key = 'general_public_by_economic'),
                sum(amount_yuan) filter (
                    where measure_key = 'total'
                    and table_key in ('general_public_basic_by_economic', 'general_public_project_by_economic')
                )
            ) as decimal(20, 2)
        ) as total_yuan,
        cast(
            coalesce(
                sum(amount_yuan) filter (where measure_key = 'basic' and table_key = 'general_public_by_economic'),
                sum(amount_yuan) filter (where measure_key = 'total' and table_key = 'general_public_basic_by_economic')
            ) as decimal(20, 2)
        ) as basic_yuan,
        cast(
            coalesce(
                sum(amount_yuan) filter (where measure_key = 'project' and table_key = 'general_public_by_economic'),
                sum(amount_yuan) filter (where measure_key = 'total' and table_key = 'general_public_project_by_economic')
            ) as decimal(20, 2)
        ) as project_yuan,
        cast(
            sum(amount_yuan) filter (where measure_key = 'total' and table_key = 'basic_by_economic_and_source')
            as decimal(20, 2)
        ) as all_funds_basic_yuan,
        left(subject_code, 3) as economic_class_code

    from figures
    group by all

)

select * from final
