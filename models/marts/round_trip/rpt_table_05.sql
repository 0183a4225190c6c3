-- table 5 (项目支出总表) re-rendered from fct_project_expenditure alone: each
-- project line (told apart by the source line it was printed on), each
-- unit's line and the department line, leaf funding columns and the totals

with

projects as (

    select * from {{ ref('fct_project_expenditure') }}

),

seed_columns as (

    {{ seed_columns('table_05_project_expenditure') }}

),

-- the amount columns the table prints, each standing for a funding-source node
printed_columns as (

    select seed_column from seed_columns
    where seed_column like '%\_amount' escape '\'

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
        on {{ funding_source_covers(funding_source_code('printed_columns.seed_column'), 'projects.funding_source_code') }}

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
