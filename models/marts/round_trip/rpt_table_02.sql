-- table 2 (收入总表) re-rendered from fct_income alone, one row per cell:
-- each unit's row and the department row, leaf columns and the printed
-- totals, each with the number of facts it sums (for the rounding rule)
{%- set leaf_columns = [
    ('CUR.FIN.GPB.BASIC', 'basic_grant_amount'),
    ('CUR.FIN.GPB.DUTY', 'duty_project_grant_amount'),
    ('CUR.FIN.GPB.SPECIAL', 'special_fund_grant_amount'),
    ('CUR.FIN.GPB.INVEST', 'investment_project_grant_amount'),
    ('CUR.FIN.GF', 'government_fund_grant_amount'),
    ('CUR.FIN.SOE', 'state_capital_grant_amount'),
    ('CUR.FSA', 'fiscal_special_account_amount'),
    ('CUR.UNIT.BUSINESS', 'business_income_amount'),
    ('CUR.UNIT.OPERATING', 'operating_income_amount'),
    ('CUR.UNIT.SUPERIOR', 'superior_subsidy_amount'),
    ('CUR.UNIT.AFFILIATED', 'affiliated_remittance_amount'),
    ('CUR.UNIT.OTHER', 'other_income_amount'),
    ('CARRY', 'prior_year_carryover_amount'),
] %}
{%- set column_rows = [] %}
{%- for code, column in leaf_columns %}
    {%- do column_rows.append((code, column)) %}
    {%- do column_rows.append((code, 'total_income_amount')) %}
    {%- if code.startswith('CUR.FIN.GPB.') %}
        {%- do column_rows.append((code, 'general_public_budget_subtotal_amount')) %}
    {%- endif %}
{%- endfor %}

with

income as (

    select * from {{ ref('fct_income') }}

),

printed_columns as (

    {{ values_relation(['funding_source_code', 'seed_column'], column_rows) }}

),

cells as (

    select
        income.doc_id,
        income.unit_name,
        printed_columns.seed_column,
        grouping(income.unit_name) as is_department,
        sum(income.amount) as amount,
        count(*) as term_count

    from income
    inner join printed_columns
        on income.funding_source_code = printed_columns.funding_source_code
    group by grouping sets (
        (income.doc_id, income.unit_name, printed_columns.seed_column),
        (income.doc_id, printed_columns.seed_column)
    )

),

rendered as (

    select
        doc_id,
        unit_name,
        seed_column,
        amount,
        term_count,
        cast(null as varchar) as subject_code,
        cast(null as varchar) as line_key,
        case when is_department = 1 then 'department' else 'unit' end as row_kind

    from cells

),

final as (

    {{ round_trip_cells('rendered') }}

)

select * from final
