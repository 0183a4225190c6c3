-- table 9 (一般公共预算“三公”经费支出表) re-rendered from fct_three_public_expenses
-- alone: each unit's and the department's prior-year, budget-year and change lines, leaf
-- category columns, the vehicle subtotal and the total, by fund. A category
-- with no fact renders no cell, as the table prints a blank.
with

expenses as (

    select * from {{ ref('fct_three_public_expenses') }}

),

leaf_cells as (

    select
        doc_id,
        unit_name,
        expense_year,
        amount,
        case fund_type
            when '一般公共预算' then 'general_public_budget'
            when '政府性基金预算' then 'government_fund'
            when '国有资本经营预算' then 'state_capital'
        end as fund_code,
        case expense_category
            when '因公出国（境）费' then 'overseas_travel'
            when '公务接待费' then 'official_reception'
            when '公务用车购置费' then 'vehicle_purchase'
            when '公务用车运行维护费' then 'vehicle_operation'
        end as category_code

    from expenses

),

-- each fact counts towards its own column, the vehicle subtotal (vehicles
-- only) and the total
facts as (

    select
        doc_id,
        unit_name,
        expense_year,
        amount,
        unnest(
            [category_code || '_' || fund_code || '_amount', 'total_' || fund_code || '_amount']
            || case
                when category_code like 'vehicle%' then ['vehicle_subtotal_' || fund_code || '_amount']
                else []
            end
        ) as seed_column

    from leaf_cells

),

-- the printed change is the budget year (the latest year) less the prior year
years_known as (

    select
        *,
        max(expense_year) over (partition by doc_id) as budget_year
    from facts

),

yearly_and_change as (

    select
        doc_id,
        unit_name,
        seed_column,
        amount,
        expense_year || '年' as line_key
    from years_known
    union all
    select
        doc_id,
        unit_name,
        seed_column,
        case when expense_year < budget_year then -amount else amount end as amount,
        '增减变化金额' as line_key
    from years_known

),

cells as (

    select
        doc_id,
        seed_column,
        line_key,
        case when grouping(unit_name) = 0 then unit_name end as unit_name,
        case when grouping(unit_name) = 0 then 'unit' else 'department' end as row_kind,
        sum(amount) as amount,
        count(*) as term_count

    from yearly_and_change
    group by grouping sets (
        (doc_id, unit_name, line_key, seed_column),
        (doc_id, line_key, seed_column)
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
