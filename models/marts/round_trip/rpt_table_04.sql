-- table 4 (基本支出总表) re-rendered from fct_basic_expenditure alone: 款, 类,
-- unit and department lines, leaf funding columns and the printed totals
{%- set leaf_columns = [
    ('CUR.FIN.GPB', 'general_public_budget_amount'),
    ('CUR.FIN.GF', 'government_fund_amount'),
    ('CUR.FIN.SOE', 'state_capital_amount'),
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
    {%- do column_rows.append((code, 'total_amount')) %}
    {%- if code.startswith('CUR.FIN.') %}
        {%- do column_rows.append((code, 'government_budget_subtotal_amount')) %}
    {%- endif %}
{%- endfor %}

with

basic as (

    select * from {{ ref('fct_basic_expenditure') }}

),

printed_columns as (

    {{ values_relation(['funding_source_code', 'seed_column'], column_rows) }}

),

facts as (

    select
        basic.doc_id,
        basic.unit_name,
        basic.economic_code,
        basic.economic_class_code,
        printed_columns.seed_column,
        basic.amount

    from basic
    inner join printed_columns
        on basic.funding_source_code = printed_columns.funding_source_code

),

cells as (

    {{ render_coded_cells('facts', ['economic_code', 'economic_class_code']) }}

),

rendered as (

    select
        *,
        cast(null as varchar) as line_key
    from cells

),

final as (

    {{ round_trip_cells('rendered') }}

)

select * from final
