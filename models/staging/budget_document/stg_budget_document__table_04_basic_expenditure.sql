with

source as (

    select * from {{ document_input('table_04_basic_expenditure') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(source_line as integer) as source_line,
        cast(line_no as integer) as line_no,
        cast(item_as_printed as varchar) as item_as_printed,
        cast(total_amount as decimal(18, 2)) as total_amount,
        cast(government_budget_subtotal_amount as decimal(18, 2)) as government_budget_subtotal_amount,
        cast(general_public_budget_amount as decimal(18, 2)) as general_public_budget_amount,
        cast(government_fund_amount as decimal(18, 2)) as government_fund_amount,
        cast(state_capital_amount as decimal(18, 2)) as state_capital_amount,
        cast(fiscal_special_account_amount as decimal(18, 2)) as fiscal_special_account_amount,
        cast(business_income_amount as decimal(18, 2)) as business_income_amount,
        cast(operating_income_amount as decimal(18, 2)) as operating_income_amount,
        cast(superior_subsidy_amount as decimal(18, 2)) as superior_subsidy_amount,
        cast(affiliated_remittance_amount as decimal(18, 2)) as affiliated_remittance_amount,
        cast(other_income_amount as decimal(18, 2)) as other_income_amount,
        cast(prior_year_carryover_amount as decimal(18, 2)) as prior_year_carryover_amount

    from source

)

select * from renamed
