with

source as (

    select * from {{ document_input('table_09_three_public_expenses') }}

),

renamed as (

    select
        cast(doc_id as varchar) as doc_id,
        cast(source_line as integer) as source_line,
        cast(line_no as integer) as line_no,
        cast(unit_name_as_printed as varchar) as unit_name_as_printed,
        cast(year_label_as_printed as varchar) as year_label_as_printed,
        cast(total_general_public_budget_amount as decimal(18, 2)) as total_general_public_budget_amount,
        cast(total_government_fund_amount as decimal(18, 2)) as total_government_fund_amount,
        cast(total_state_capital_amount as decimal(18, 2)) as total_state_capital_amount,
        cast(overseas_travel_general_public_budget_amount as decimal(18, 2)) as overseas_travel_general_public_budget_amount,
        cast(overseas_travel_government_fund_amount as decimal(18, 2)) as overseas_travel_government_fund_amount,
        cast(overseas_travel_state_capital_amount as decimal(18, 2)) as overseas_travel_state_capital_amount,
        cast(official_reception_general_public_budget_amount as decimal(18, 2)) as official_reception_general_public_budget_amount,
        cast(official_reception_government_fund_amount as decimal(18, 2)) as official_reception_government_fund_amount,
        cast(official_reception_state_capital_amount as decimal(18, 2)) as official_reception_state_capital_amount,
        cast(vehicle_subtotal_general_public_budget_amount as decimal(18, 2)) as vehicle_subtotal_general_public_budget_amount,
        cast(vehicle_subtotal_government_fund_amount as decimal(18, 2)) as vehicle_subtotal_government_fund_amount,
        cast(vehicle_subtotal_state_capital_amount as decimal(18, 2)) as vehicle_subtotal_state_capital_amount,
        cast(vehicle_purchase_general_public_budget_amount as decimal(18, 2)) as vehicle_purchase_general_public_budget_amount,
        cast(vehicle_purchase_government_fund_amount as decimal(18, 2)) as vehicle_purchase_government_fund_amount,
        cast(vehicle_purchase_state_capital_amount as decimal(18, 2)) as vehicle_purchase_state_capital_amount,
        cast(vehicle_operation_general_public_budget_amount as decimal(18, 2)) as vehicle_operation_general_public_budget_amount,
        cast(vehicle_operation_government_fund_amount as decimal(18, 2)) as vehicle_operation_government_fund_amount,
        cast(vehicle_operation_state_capital_amount as decimal(18, 2)) as vehicle_operation_state_capital_amount

    from source

)

select * from renamed
