-- family 1, rows: within one printed row, a total column equals the sum of
-- its part columns (tables 2, 3, 4, 5, 7, 8, 9, 10, 11, 12), and in table 9
-- the printed change equals 2024 − 2023. One row per identity checked.
{%- set funds = ['general_public_budget', 'government_fund', 'state_capital'] %}
{%- set unit_funds = [
    'fiscal_special_account_amount', 'business_income_amount', 'operating_income_amount',
    'superior_subsidy_amount', 'affiliated_remittance_amount', 'other_income_amount',
    'prior_year_carryover_amount',
] %}
{%- set rules = [
    ('table_02_income_summary', 'total_income_amount',
        ['general_public_budget_subtotal_amount', 'government_fund_grant_amount', 'state_capital_grant_amount']
        + unit_funds),
    ('table_02_income_summary', 'general_public_budget_subtotal_amount',
        ['basic_grant_amount', 'duty_project_grant_amount', 'special_fund_grant_amount',
            'investment_project_grant_amount']),
    ('table_03_expenditure_summary', 'total_amount',
        ['basic_amount', 'project_amount', 'business_operation_amount', 'affiliated_subsidy_amount',
            'remittance_to_superior_amount']),
    ('table_04_basic_expenditure', 'total_amount', ['government_budget_subtotal_amount'] + unit_funds),
    ('table_04_basic_expenditure', 'government_budget_subtotal_amount',
        ['general_public_budget_amount', 'government_fund_amount', 'state_capital_amount']),
    ('table_05_project_expenditure', 'total_amount',
        ['general_public_budget_subtotal_amount', 'government_fund_grant_amount', 'state_capital_grant_amount']
        + unit_funds),
    ('table_05_project_expenditure', 'general_public_budget_subtotal_amount',
        ['duty_project_grant_amount', 'special_fund_grant_amount', 'investment_project_grant_amount']),
    ('table_07_expenditure_by_function', 'total_amount', ['basic_amount', 'project_amount']),
    ('table_08_expenditure_by_economic', 'total_amount', ['basic_amount', 'project_amount']),
    ('table_10_government_fund_expenditure', 'total_amount', ['basic_amount', 'project_amount']),
    ('table_11_state_capital_expenditure', 'total_amount', ['basic_amount', 'project_amount']),
    ('table_12_performance_tasks', 'total_amount', ['fiscal_grant_amount', 'other_funds_amount']),
] %}
{%- for fund in funds %}
    {%- do rules.append(('table_09_three_public_expenses', 'total_' ~ fund ~ '_amount',
        ['overseas_travel_' ~ fund ~ '_amount', 'official_reception_' ~ fund ~ '_amount',
            'vehicle_subtotal_' ~ fund ~ '_amount'])) %}
    {%- do rules.append(('table_09_three_public_expenses', 'vehicle_subtotal_' ~ fund ~ '_amount',
        ['vehicle_purchase_' ~ fund ~ '_amount', 'vehicle_operation_' ~ fund ~ '_amount'])) %}
{%- endfor %}

with

figures as (

    select * from {{ ref('int_published_figures_unioned') }}

),

rules as (

    {%- set rule_rows = [] %}
    {%- for seed_name, total_column, part_columns in rules %}
        {%- for part_column in part_columns %}
            {%- do rule_rows.append((seed_name, total_column, part_column)) %}
        {%- endfor %}
    {%- endfor %}
    {{ values_relation(['seed_name', 'total_column', 'part_column'], rule_rows) }}

),

totals as (

    select distinct
        figures.*,
        rules.total_column,
        'row:' || figures.figure_id as check_id

    from figures
    inner join rules
        on
            figures.seed_name = rules.seed_name
            and figures.seed_column = rules.total_column

),

row_terms as (

    select
        doc_id,
        check_id,
        table_no,
        unit_name,
        subject_code,
        row_label || ': ' || column_label || ' = sum of its parts' as description,
        'published' as term_role,
        1 as term_sign,
        figure_id,
        amount
    from totals
    union all
    select
        totals.doc_id,
        totals.check_id,
        totals.table_no,
        totals.unit_name,
        totals.subject_code,
        totals.row_label || ': ' || totals.column_label || ' = sum of its parts' as description,
        'part' as term_role,
        1 as term_sign,
        parts.figure_id,
        parts.amount
    from totals
    inner join rules
        on
            totals.seed_name = rules.seed_name
            and totals.total_column = rules.total_column
    inner join figures as parts
        on
            totals.doc_id = parts.doc_id
            and totals.seed_name = parts.seed_name
            and totals.source_line = parts.source_line
            and rules.part_column = parts.seed_column

),

-- table 9 prints the prior year, the budget year and 增减变化金额 under each
-- unit: change = budget year − prior year
change_figures as (

    select
        *,
        try_cast(regexp_extract(row_label, '^(\d{4})年$', 1) as integer) as label_year,
        max(try_cast(regexp_extract(row_label, '^(\d{4})年$', 1) as integer)) over (partition by doc_id) as budget_year
    from figures
    where seed_name = 'table_09_three_public_expenses'

),

change_terms as (

    select
        changes.doc_id,
        changes.table_no,
        changes.unit_name,
        changes.subject_code,
        years.figure_id,
        years.amount,
        'change:' || changes.figure_id as check_id,
        '增减变化金额 = ' || changes.budget_year || '年 − ' || (changes.budget_year - 1) || '年: ' || changes.column_label
            as description,
        case when years.row_label = '增减变化金额' then 'published' else 'part' end as term_role,
        case when years.label_year < years.budget_year then -1 else 1 end as term_sign
    from change_figures as changes
    inner join change_figures as years
        on
            changes.doc_id = years.doc_id
            and changes.unit_name is not distinct from years.unit_name
            and changes.seed_column = years.seed_column
            and (years.label_year in (years.budget_year, years.budget_year - 1) or years.row_label = '增减变化金额')
    where changes.row_label = '增减变化金额'

),

terms as (

    select
        *,
        'rows' as check_family,
        'sum' as tolerance_rule
    from row_terms
    union all by name
    select
        *,
        'rows' as check_family,
        'sum' as tolerance_rule
    from change_terms

),

final as (

    {{ checks_from_terms('terms') }}

)

select * from final
