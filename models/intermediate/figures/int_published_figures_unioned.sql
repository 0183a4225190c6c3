-- every number the document prints, tables 1 to 12 and the narrative, one row
-- per printed figure, labelled with the table's own row and column headers
with

grid_figures as (

    select * from {{ ref('int_grid_figures_unpivoted') }}
    where {{ in_batch() }}

),

summary_lines as (

    select * from {{ ref('int_summary_lines_mapped') }}
    where {{ in_batch() }}

),

three_public_cells as (

    select * from {{ ref('int_three_public_expenses_unpivoted') }}
    where {{ in_batch() }}

),

performance_tasks as (

    select * from {{ ref('int_performance_tasks_classified') }}
    where {{ in_batch() }}

),

narrative_figures as (

    select * from {{ ref('int_narrative_figures_resolved') }}
    where {{ in_batch() }}

),

column_headers as (

    {{ seed_column_headers() }}

),

summary_figures as (

    select
        doc_id,
        table_no,
        case table_no when 1 then 'table_01_budget_summary' else 'table_06_fiscal_grant_summary' end as seed_name,
        source_line,
        line_no,
        income_item_as_printed as row_label,
        cast(null as varchar) as subject_code,
        cast(null as varchar) as unit_name,
        'summary' as row_kind,
        'income_amount' as seed_column,
        income_amount as amount
    from summary_lines
    where income_amount is not null
    union all
    select
        doc_id,
        table_no,
        case table_no when 1 then 'table_01_budget_summary' else 'table_06_fiscal_grant_summary' end as seed_name,
        source_line,
        line_no,
        expenditure_item_as_printed as row_label,
        function_code as subject_code,
        cast(null as varchar) as unit_name,
        case when function_code is null then 'summary' else 'subject' end as row_kind,
        'expenditure_amount' as seed_column,
        expenditure_amount as amount
    from summary_lines
    where expenditure_amount is not null

),

three_public_figures as (

    select
        doc_id,
        9 as table_no,
        'table_09_three_public_expenses' as seed_name,
        source_line,
        line_no,
        year_label_as_printed as row_label,
        cast(null as varchar) as subject_code,
        unit_name,
        case when unit_name is null then 'department' else 'unit' end as row_kind,
        seed_column,
        amount
    from three_public_cells

),

task_cells as (

    select
        doc_id,
        12 as table_no,
        'table_12_performance_tasks' as seed_name,
        source_line,
        line_no,
        task_name_as_printed as row_label,
        cast(null as varchar) as subject_code,
        cast(null as varchar) as unit_name,
        task_kind as row_kind,
        total_amount,
        fiscal_grant_amount,
        other_funds_amount
    from performance_tasks

),

task_figures as (

    {{ unpivot_amounts('task_cells') }}

),

table_figures as (

    select
        *,
        '万元' as figure_unit
    from grid_figures
    union all by name
    select
        *,
        '万元' as figure_unit
    from summary_figures
    union all by name
    select
        *,
        '万元' as figure_unit
    from three_public_figures
    union all by name
    select
        *,
        '万元' as figure_unit
    from task_figures

),

labelled_table_figures as (

    select
        table_figures.*,
        table_figures.seed_name || ':' || table_figures.source_line || ':' || table_figures.seed_column
            as figure_id,
        coalesce(column_headers.header_zh, table_figures.seed_column) as column_label

    from table_figures
    left join column_headers
        on
            table_figures.seed_name = column_headers.seed_name
            and table_figures.seed_column = column_headers.seed_column

),

narrative as (

    select
        doc_id,
        0 as table_no,
        'narrative_figures' as seed_name,
        source_line,
        figure_no as line_no,
        subject_label as row_label,
        cast(null as varchar) as subject_code,
        unit_name,
        'narrative' as row_kind,
        'figure_value' as seed_column,
        figure_value as amount,
        figure_unit,
        'narrative_figures:' || figure_no as figure_id,
        measure_key || coalesce('（' || direction_as_printed || '）', '') as column_label
    from narrative_figures

),

figures as (

    select * from labelled_table_figures
    union all by name
    select * from narrative

),

-- table 9 prints a prior-year line, a budget-year line and the change under
-- each unit; which is which follows from the years printed, not a fixed year
final as (

    select
        *,
        case
            when table_no != 9 then null
            when row_label = '增减变化金额' then 'change'
            when
                row_label = max(case when regexp_full_match(row_label, '\d{4}年') then row_label end)
                    over (partition by doc_id, table_no)
                then 'budget_year'
            else 'prior_year'
        end as year_line

    from figures

)

select * from final
