-- every project a document names, line by line, in 元: its unit, its name
-- as printed (joined where it wraps), the function and economic codes its
-- line prints, and each funding source's amount where the table prints it
-- across the funding sources (深圳's 项目支出总表, 广州's 项目支出及其他支出预算表,
-- 北京's 项目支出绩效目标表, the seed document's table 5), with the page,
-- table title and row it is printed on
with

figures as (

    select * from {{ ref('int_fact_figures_scoped') }}
    where
        table_key = 'project_expenditure' and row_key = 'project_line'
        and {{ in_batch() }}

),

printed as (

    select * from {{ ref('int_figures_unioned') }}
    where
        table_key = 'project_expenditure' and row_key = 'project_line'
        and {{ in_batch() }}

),

lines as (

    select
        figures.doc_id,
        figures.unit_id,
        figures.table_order,
        figures.row_no,
        figures.fiscal_year,
        figures.budget_phase,
        figures.is_in_totals,
        min(figures.row_label_as_printed) as project_name_as_printed,
        min(figures.row_label_key) as project_category_key,
        min(printed.page_no) as page_no,
        min(printed.table_title_as_printed) as table_title_as_printed,
        min(figures.subject_code) filter (where figures.subject_kind = 'function') as function_code,
        min(figures.subject_code) filter (where figures.subject_kind = 'economic') as economic_code,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'total') as total_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'fiscal_grant') as fiscal_grant_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'general_public') as general_public_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'government_fund') as government_fund_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'state_capital') as state_capital_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'fiscal_special_account')
            as fiscal_special_account_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'business_income') as business_income_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'operating_income') as operating_income_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'superior_subsidy') as superior_subsidy_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'affiliated_remittance')
            as affiliated_remittance_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'other_income') as other_income_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'other_funds') as other_funds_yuan,
        sum(figures.amount_yuan) filter (where figures.measure_key = 'prior_carryover') as prior_carryover_yuan

    from figures
    left join printed
        on figures.doc_id = printed.doc_id and figures.figure_id = printed.figure_id
    group by
        figures.doc_id,
        figures.unit_id,
        figures.table_order,
        figures.row_no,
        figures.fiscal_year,
        figures.budget_phase,
        figures.is_in_totals

),

final as (

    select
        doc_id,
        unit_id,
        -- the project's place among its unit's projects, in the order the document prints them
        cast(row_number() over (partition by doc_id, unit_id order by table_order, row_no) as integer)
            as project_line_no,
        fiscal_year,
        budget_phase,
        is_in_totals,
        project_name_as_printed,
        project_category_key,
        function_code,
        economic_code,
        cast(total_yuan as decimal(20, 2)) as total_yuan,
        cast(fiscal_grant_yuan as decimal(20, 2)) as fiscal_grant_yuan,
        cast(general_public_yuan as decimal(20, 2)) as general_public_yuan,
        cast(government_fund_yuan as decimal(20, 2)) as government_fund_yuan,
        cast(state_capital_yuan as decimal(20, 2)) as state_capital_yuan,
        cast(fiscal_special_account_yuan as decimal(20, 2)) as fiscal_special_account_yuan,
        cast(business_income_yuan as decimal(20, 2)) as business_income_yuan,
        cast(operating_income_yuan as decimal(20, 2)) as operating_income_yuan,
        cast(superior_subsidy_yuan as decimal(20, 2)) as superior_subsidy_yuan,
        cast(affiliated_remittance_yuan as decimal(20, 2)) as affiliated_remittance_yuan,
        cast(other_income_yuan as decimal(20, 2)) as other_income_yuan,
        cast(other_funds_yuan as decimal(20, 2)) as other_funds_yuan,
        cast(prior_carryover_yuan as decimal(20, 2)) as prior_carryover_yuan,
        page_no,
        table_title_as_printed,
        row_no as row_no_as_printed

    from lines

)

select * from final
