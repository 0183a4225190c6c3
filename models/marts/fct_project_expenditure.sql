-- project expenditure line by line, where a document prints its projects
-- (the seed document's table 5), in 元, with the category the project is
-- listed under in the narrative and the performance table
with

figures as (

    select * from {{ ref('int_fact_figures_scoped') }}
    where
        table_key = 'project_expenditure' and row_key = 'project_line'
        and {{ in_batch() }}

),

final as (

    select
        doc_id,
        unit_id,
        row_no as project_line_no,
        fiscal_year,
        budget_phase,
        is_in_totals,
        cast(sum(amount_yuan) filter (where measure_key = 'total') as decimal(20, 2)) as total_yuan,
        cast(sum(amount_yuan) filter (where measure_key = 'general_public') as decimal(20, 2)) as general_public_yuan,
        min(row_label_as_printed) as project_name_as_printed,
        min(row_label_key) as project_category_key

    from figures
    group by doc_id, unit_id, row_no, fiscal_year, budget_phase, is_in_totals

)

select * from final
