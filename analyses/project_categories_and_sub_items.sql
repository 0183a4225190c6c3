-- What are each unit's project categories (table 5) and the sub-items the narrative lists under them?
with

projects as (

    select * from {{ ref('fct_project_expenditure') }}

),

figures as (

    select * from {{ ref('fct_published_figure') }}

),

categories as (

    select
        unit_name,
        project_category,
        sum(amount) as category_amount

    from projects
    group by unit_name, project_category

),

-- a sub-item belongs to the nearest category printed before it in the narrative
narrative_items as (

    select
        unit_name,
        row_label,
        amount,
        line_no,
        column_label,
        max(case when column_label = 'project_category' then row_label end) over (
            partition by unit_name order by line_no rows between unbounded preceding and current row
        ) as project_category

    from figures
    where table_no = 0 and column_label in ('project_category', 'project_sub_item')

),

final as (

    select
        categories.unit_name,
        categories.project_category,
        categories.category_amount,
        narrative_items.row_label as sub_item,
        narrative_items.amount as sub_item_amount

    from categories
    left join narrative_items
        on
            categories.unit_name = narrative_items.unit_name
            and {{ project_category_key('categories.project_category') }}
            = {{ project_category_key('narrative_items.project_category') }}
            and narrative_items.column_label = 'project_sub_item'

)

select * from final
order by unit_name asc, project_category asc, sub_item_amount desc
