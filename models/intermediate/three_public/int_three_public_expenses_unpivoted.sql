-- table 9 in long form: one row per printed (non-blank) cell, by unit, year
-- (or the printed change), expense category and fund. A blank cell is no row:
-- the table prints nothing there, which is not a zero.
with

table_09 as (

    select * from {{ ref('stg_budget_document__table_09_three_public_expenses') }}
    where {{ in_batch() }}

),

unit_names as (

    select * from {{ ref('int_unit_names_resolved') }}
    where {{ in_batch() }}

),

resolved as (

    select
        table_09.*,
        case
            when table_09.unit_name_as_printed is not null
                then coalesce(unit_names.unit_name, {{ canonical_name('table_09.unit_name_as_printed') }})
        end as printed_unit_name,
        case
            when table_09.unit_name_as_printed is not null then coalesce(unit_names.unit_level, 'unit')
        end as printed_unit_level

    from table_09
    left join unit_names
        on
            table_09.doc_id = unit_names.doc_id
            and {{ canonical_name('table_09.unit_name_as_printed') }} = unit_names.alias_name

),

filled as (

    select
        * exclude (printed_unit_name, printed_unit_level),
        {{ fill_down('printed_unit_name', 'doc_id') }} as filled_unit_name,
        {{ fill_down('printed_unit_level', 'doc_id') }} as filled_unit_level

    from resolved

),

cells as (

    unpivot filled
    on
    total_general_public_budget_amount,
    total_government_fund_amount,
    total_state_capital_amount,
    overseas_travel_general_public_budget_amount,
    overseas_travel_government_fund_amount,
    overseas_travel_state_capital_amount,
    official_reception_general_public_budget_amount,
    official_reception_government_fund_amount,
    official_reception_state_capital_amount,
    vehicle_subtotal_general_public_budget_amount,
    vehicle_subtotal_government_fund_amount,
    vehicle_subtotal_state_capital_amount,
    vehicle_purchase_general_public_budget_amount,
    vehicle_purchase_government_fund_amount,
    vehicle_purchase_state_capital_amount,
    vehicle_operation_general_public_budget_amount,
    vehicle_operation_government_fund_amount,
    vehicle_operation_state_capital_amount
    into name seed_column value amount

),

categorized as (

    select
        doc_id,
        source_line,
        line_no,
        year_label_as_printed,
        seed_column,
        amount,
        case when filled_unit_level = 'department' then null else filled_unit_name end as unit_name,
        try_cast(regexp_extract(year_label_as_printed, '^(\d{4})年$', 1) as integer) as expense_year,
        year_label_as_printed = '增减变化金额' as is_change,
        regexp_extract(
            seed_column,
            '^(total|overseas_travel|official_reception|vehicle_subtotal|vehicle_purchase|vehicle_operation)_',
            1
        ) as expense_category_code,
        regexp_extract(seed_column, '_(general_public_budget|government_fund|state_capital)_amount$', 1) as fund_code

    from cells

),

final as (

    select
        *,
        case expense_category_code
            when 'total' then '合计'
            when 'overseas_travel' then '因公出国（境）费'
            when 'official_reception' then '公务接待费'
            when 'vehicle_subtotal' then '公务用车购置及运行维护费'
            when 'vehicle_purchase' then '公务用车购置费'
            when 'vehicle_operation' then '公务用车运行维护费'
        end as expense_category,
        case fund_code
            when 'general_public_budget' then '一般公共预算'
            when 'government_fund' then '政府性基金预算'
            when 'state_capital' then '国有资本经营预算'
        end as fund_type,
        expense_category_code in ('total', 'vehicle_subtotal') as is_subtotal

    from categorized

)

select * from final
