{#- The funding-source node (seeds/reference/funding_sources.csv) a column of
    tables 2, 4 and 5 stands for. Table 4 stops at 一般公共预算拨款; tables 2
    and 5 split it further. -#}
{% macro funding_source_code(seed_column) -%}
    case {{ seed_column }}
        when 'total_income_amount' then 'TOTAL'
        when 'total_amount' then 'TOTAL'
        when 'government_budget_subtotal_amount' then 'CUR.FIN'
        when 'general_public_budget_subtotal_amount' then 'CUR.FIN.GPB'
        when 'general_public_budget_amount' then 'CUR.FIN.GPB'
        when 'basic_grant_amount' then 'CUR.FIN.GPB.BASIC'
        when 'duty_project_grant_amount' then 'CUR.FIN.GPB.DUTY'
        when 'special_fund_grant_amount' then 'CUR.FIN.GPB.SPECIAL'
        when 'investment_project_grant_amount' then 'CUR.FIN.GPB.INVEST'
        when 'government_fund_grant_amount' then 'CUR.FIN.GF'
        when 'government_fund_amount' then 'CUR.FIN.GF'
        when 'state_capital_grant_amount' then 'CUR.FIN.SOE'
        when 'state_capital_amount' then 'CUR.FIN.SOE'
        when 'fiscal_special_account_amount' then 'CUR.FSA'
        when 'business_income_amount' then 'CUR.UNIT.BUSINESS'
        when 'operating_income_amount' then 'CUR.UNIT.OPERATING'
        when 'superior_subsidy_amount' then 'CUR.UNIT.SUPERIOR'
        when 'affiliated_remittance_amount' then 'CUR.UNIT.AFFILIATED'
        when 'other_income_amount' then 'CUR.UNIT.OTHER'
        when 'prior_year_carryover_amount' then 'CARRY'
    end
{%- endmacro %}
