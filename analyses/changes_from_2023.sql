-- What changes from the 2023 budget does the narrative state, and what was the 2023 level?
with

figures as (

    select * from {{ ref('fct_published_figure') }}

),

-- the levels and the changes the narrative states, in printed order
stated as (

    select
        unit_name,
        row_label,
        column_label,
        amount,
        line_no,
        column_label like '%change（%' as is_change,
        case when column_label like '%change（减少）' or column_label like '%change（下降）' then -amount else amount end
            as signed_amount

    from figures
    where
        table_no = 0
        and (
            column_label like '%change（%'
            or column_label in (
                'income_total', 'expenditure_total', 'project_category', 'operating_expenses', 'three_public_total',
                'vehicle_operation'
            )
        )

),

-- a change speaks of the nearest level stated before it
levels_carried as (

    select
        *,
        {{ fill_down('case when not is_change then row_label end', 'coalesce(unit_name, \'\')') }} as subject,
        {{ fill_down('case when not is_change then amount end', 'coalesce(unit_name, \'\')') }} as amount_2024

    from stated

),

final as (

    select
        unit_name,
        subject,
        amount_2024,
        signed_amount as change_amount,
        amount_2024 - signed_amount as amount_2023

    from levels_carried
    where is_change

)

select * from final
order by unit_name nulls first, subject
