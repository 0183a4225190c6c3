-- the seed document's figures (tables 1 to 12 of its seeds, and its hand-
-- transcribed narrative) in the shape of every other document's. What each
-- seed column holds comes from the template's column patterns, matched
-- against the column's Chinese header (meta.header_zh); what each summary
-- line is, from its row patterns (a label printed twice is told apart by
-- #n); the rest is how the seed document's rows are laid out: department and
-- unit lines are each table's 合计 line for the department or a unit, and
-- table 9 prints one line per year under each unit.
with

figures as (

    select * from {{ ref('int_published_figures_unioned') }}
    where
        table_no between 1 and 12
        and {{ in_batch() }}

),

narrative as (

    select * from {{ ref('int_narrative_figures_resolved') }}
    where {{ in_batch() }}

),

documents as (

    select * from {{ ref('stg_budget_document__documents') }}
    where {{ in_batch() }}

),

template_tables as (

    select * from {{ ref('stg_templates__tables') }}
    where seed_name is not null

),

column_patterns as (

    select * from {{ ref('stg_templates__column_patterns') }}

),

row_patterns as (

    select * from {{ ref('stg_templates__row_patterns') }}

),

printed_texts as (

    select * from {{ ref('stg_budget_document__printed_texts') }}
    where {{ in_batch() }}

),

tabled as (

    select
        figures.*,
        documents.template,
        template_tables.table_key,
        template_tables.code_kind,
        template_tables.title_pattern as table_title,
        {{ summary_label('figures.row_label') }}
        || '#' || row_number() over (
            partition by figures.doc_id, figures.seed_name, figures.seed_column, figures.row_label
            order by figures.line_no
        ) as label_occurrence

    from figures
    inner join documents
        on figures.doc_id = documents.doc_id
    inner join template_tables
        on documents.template = template_tables.template and figures.seed_name = template_tables.seed_name

),

-- each seed column's measure, side and fund: the first pattern (by priority)
-- its header path matches
column_meanings as (

    select
        tabled.template,
        tabled.table_key,
        tabled.seed_column,
        column_patterns.target,
        arg_min(column_patterns.target_value, column_patterns.priority) as target_value

    from (select distinct
        template,
        table_key,
        seed_column,
        column_label
    from tabled) as tabled
    inner join column_patterns
        on
            tabled.template = column_patterns.template
            and tabled.table_key = column_patterns.table_key
            and regexp_matches(tabled.column_label, column_patterns.pattern)
    group by all

),

columns_read as (

    select
        template,
        table_key,
        seed_column,
        max(target_value) filter (where target = 'measure') as measure_key,
        max(target_value) filter (where target = 'side') as side,
        max(target_value) filter (where target = 'fund') as fund_key

    from column_meanings
    group by all

),

described as (

    select
        tabled.*,
        columns_read.measure_key,
        columns_read.side,
        columns_read.fund_key

    from tabled
    left join columns_read
        on
            tabled.template = columns_read.template
            and tabled.table_key = columns_read.table_key
            and tabled.seed_column = columns_read.seed_column

),

-- per document: figure ids repeat from one document to the next (table_01_budget_summary:12:…), and one
-- document's label must never give another's line its key
summary_keys as (

    select
        described.doc_id,
        described.figure_id,
        arg_min(row_patterns.row_key, row_patterns.priority) as row_key

    from described
    inner join row_patterns
        on
            described.template = row_patterns.template
            and described.table_key = row_patterns.table_key
            and described.side is not distinct from row_patterns.side
            and regexp_full_match(
                case
                    when contains(row_patterns.pattern, '#') then described.label_occurrence
                    else {{ summary_label('described.row_label') }}
                end,
                row_patterns.pattern
            )
    where described.row_kind = 'summary'
    group by described.doc_id, described.figure_id

),

table_figures as (

    select
        described.doc_id,
        described.figure_id,
        'table' as source_kind,
        cast(null as integer) as page_no,
        described.source_line,
        described.seed_name,
        described.seed_column,
        described.table_key,
        described.table_no as table_order,
        cast(described.table_no as varchar) as table_no_as_printed,
        described.table_title as table_title_as_printed,
        described.unit_name,
        described.line_no as row_no,
        cast(null as integer) as column_no,
        described.side,
        described.row_label as row_label_as_printed,
        case when described.code_kind is not null and described.row_kind = 'subject' then described.subject_code end
            as code_as_printed,
        case
            when described.subject_code is not null then coalesce(described.code_kind, 'function')
        end as subject_kind,
        described.subject_code,
        cast(null as varchar) as code_note,
        case
            when described.year_line is not null then described.year_line
            when described.row_kind in ('department', 'unit', 'total') then 'total'
            when described.row_kind = 'summary' then summary_keys.row_key
            when described.row_kind = 'project' then 'project_line'
            when described.row_kind = 'blank' then 'blank_line'
            when described.row_kind in ('basic', 'project_category') then described.row_kind
        end as row_key,
        described.column_label as column_header_as_printed,
        described.measure_key,
        described.fund_key,
        '预算' as basis,
        cast(null as varchar) as claim_id,
        cast(null as varchar) as direction_as_printed,
        coalesce(printed_texts.figure_text_as_printed, cast(described.amount as varchar)) as figure_text_as_printed,
        '万元' as printed_unit,
        cast(described.amount as decimal(24, 6)) as value_as_printed

    from described
    left join summary_keys
        on described.doc_id = summary_keys.doc_id and described.figure_id = summary_keys.figure_id
    left join printed_texts
        on
            described.doc_id = printed_texts.doc_id
            and described.seed_name = printed_texts.seed_name
            and described.source_line = printed_texts.source_line
            and described.seed_column = printed_texts.seed_column

),

-- the narrative: one claim per printed line and unit (see int_claims_unioned)
narrative_figures as (

    select
        doc_id,
        'narrative_figures:' || figure_no as figure_id,
        'narrative' as source_kind,
        cast(null as integer) as page_no,
        source_line,
        'narrative_figures' as seed_name,
        'figure_value' as seed_column,
        cast(null as varchar) as table_key,
        cast(null as integer) as table_order,
        cast(null as varchar) as table_no_as_printed,
        cast(null as varchar) as table_title_as_printed,
        unit_name,
        figure_no as row_no,
        cast(null as integer) as column_no,
        cast(null as varchar) as side,
        subject_label as row_label_as_printed,
        cast(null as varchar) as code_as_printed,
        cast(null as varchar) as subject_kind,
        cast(null as varchar) as subject_code,
        cast(null as varchar) as code_note,
        cast(null as varchar) as row_key,
        measure_key as column_header_as_printed,
        measure_key,
        cast(null as varchar) as fund_key,
        '预算' as basis,
        'line' || source_line || coalesce(':' || unit_name, '') as claim_id,
        direction_as_printed,
        figure_text_as_printed,
        figure_unit as printed_unit,
        cast(figure_value as decimal(24, 6)) as value_as_printed

    from narrative

),

unioned as (

    select * from table_figures
    union all by name
    select * from narrative_figures

),

final as (

    select
        *,
        cast(length(regexp_extract(figure_text_as_printed, '\.(\d+)$', 1)) as integer) as printed_decimals

    from unioned

)

select * from final
