-- table 5 (项目支出总表) re-rendered from fct_project_expenditure alone: each
-- project line (told apart by the source line it was printed on), each
-- unit's line and the department line, leaf funding columns and the totals
{%- set leaf_columns = [
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
    {%- do column_rows.append((code, 'total_amount')) %}
    {%- if code.startswith('CUR.FIN.GPB.') %}
        {%- do column_rows.append((code, 'general_public_budget_subtotal_amount')) %}
    {%- endif %}
{%- endfor %}

with

projects as (

    select * from {{ ref('fct_project_expenditure') }}

),

printed_columns as (

    {{ values_relation(['funding_source_code', 'seed_column'], column_rows) }}

),

facts as (

    select
        projects.doc_id,
        projects.unit_name,
        printed_columns.seed_column,
        projects.amount,
        cast(projects.source_line as varchar) as line_key

    from projects
    inner join printed_columns
        on projects.funding_source_code = printed_columns.funding_source_code

),

cells as (

    select
        doc_id,
        seed_column,
        case when grouping(unit_name) = 0 then unit_name end as unit_name,
        case when grouping(line_key) = 0 then line_key end as line_key,
        case
            when grouping(line_key) = 0 then 'project'
            when grouping(unit_name) = 0 then 'unit'
            else 'department'
        end as row_kind,
        sum(amount) as amount,
        count(*) as term_count

    from facts
    group by grouping sets (
        (doc_id, unit_name, line_key, seed_column),
        (doc_id, unit_name, seed_column),
        (doc_id, seed_column)
    )

),

rendered as (

    select
        *,
        cast(null as varchar) as subject_code
    from cells

),

final as (

    {{ round_trip_cells('rendered') }}

)

select * from final
