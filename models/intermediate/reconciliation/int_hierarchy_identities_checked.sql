-- family 2, hierarchies: a printed parent line equals the sum of the lines
-- printed under it, column by column. Functional and economic 类 = sum of its
-- 款, 款 = sum of its 项, a unit = sum of its 类 (or project lines, or rows), the
-- department = sum of its units, 本年支出合计 = sum of the 类 (tables 1, 6), and
-- 金额合计 = sum of the tasks (table 12); plus the vertical totals of the
-- two-sided tables 1 and 6. One row per identity checked.
{%- set summary_rules = [
    ('income_amount', '收入总计#1', ['本年收入合计#1', '上年结余、结转#1']),
    ('income_amount', '本年收入合计#1', ['财政拨款#1']),
    ('income_amount', '财政拨款#1', ['一般公共预算资金#1']),
    ('income_amount', '一般公共预算资金#1', ['一般公共预算资金#2']),
    ('income_amount', '上年结余、结转#1',
        ['1.一般公共预算拨款结余、结转#1', '2.政府性基金预算拨款结余、结转#1', '3.国有资本经营预算拨款结余、结转#1']),
    ('expenditure_amount', '支出总计#1', ['本年支出合计#1', '结转下年#1']),
] %}

with

figures as (

    select * from {{ ref('int_published_figures_unioned') }}
    where table_no between 1 and 12

),

-- where each line sits: its own key, and the key of the line it sums into
keyed as (

    select
        *,
        case when table_no = 9 then ':' || row_label else '' end as year_suffix,
        case
            when row_kind = 'department' then 'D'
            when row_kind = 'unit' then 'U:' || unit_name
            when row_kind = 'subject' then 'S:' || coalesce(unit_name, '') || ':' || subject_code
            when row_kind = 'total' then 'T'
            when table_no in (1, 6) and seed_column = 'expenditure_amount' and row_label = '本年支出合计' then 'T'
        end as line_key,
        case
            when row_kind = 'subject' and length(subject_code) > 3
                then 'S:' || coalesce(unit_name, '') || ':' || {{ parent_subject_code('subject_code') }}
            when row_kind = 'subject' and table_no in (1, 6) then 'T'
            when row_kind in ('subject', 'blank', 'project') then 'U:' || unit_name
            when row_kind = 'unit' then 'D'
            when row_kind in ('project_category', 'basic') then 'T'
        end as parent_key

    from figures

),

parent_terms as (

    select
        parents.doc_id,
        parents.table_no,
        parents.unit_name,
        parents.subject_code,
        parents.figure_id,
        parents.amount,
        children.figure_id as child_figure_id,
        children.amount as child_amount,
        'hierarchy:' || parents.figure_id as check_id,
        parents.row_label || ': ' || parents.column_label || ' = sum of the lines under it' as description

    from keyed as children
    inner join keyed as parents
        on
            children.doc_id = parents.doc_id
            and children.seed_name = parents.seed_name
            and children.seed_column = parents.seed_column
            and children.parent_key || children.year_suffix = parents.line_key || parents.year_suffix

),

-- tables 1 and 6 print their vertical totals by label; a label printed twice
-- (一般公共预算资金) is told apart by its occurrence
labelled as (

    select
        *,
        regexp_replace(row_label, '\s+', '', 'g')
        || '#'
        || row_number() over (partition by doc_id, seed_name, seed_column, row_label order by line_no)
            as label_key

    from figures
    where table_no in (1, 6)

),

summary_rules as (

    {%- set rule_rows = [] %}
    {%- for seed_column, total_label, part_labels in summary_rules %}
        {%- for part_label in part_labels %}
            {%- do rule_rows.append((seed_column, total_label, part_label)) %}
        {%- endfor %}
    {%- endfor %}
    {{ values_relation(['seed_column', 'total_label', 'part_label'], rule_rows) }}

),

summary_terms as (

    select
        totals.doc_id,
        totals.table_no,
        totals.unit_name,
        totals.subject_code,
        totals.figure_id,
        totals.amount,
        parts.figure_id as child_figure_id,
        parts.amount as child_amount,
        'hierarchy:' || totals.figure_id as check_id,
        totals.row_label || ' = ' || string_agg(parts.row_label, ' + ' order by parts.line_no)
            over (partition by totals.doc_id, totals.figure_id) as description

    from labelled as totals
    inner join summary_rules
        on
            totals.seed_column = summary_rules.seed_column
            and totals.label_key = summary_rules.total_label
    inner join labelled as parts
        on
            totals.doc_id = parts.doc_id
            and totals.seed_name = parts.seed_name
            and totals.seed_column = parts.seed_column
            and summary_rules.part_label = parts.label_key

),

-- every parent line with each line under it, from both kinds of rule
linked_lines as (

    select * from parent_terms
    union all by name
    select * from summary_terms

),

terms as (

    select distinct
        doc_id,
        check_id,
        table_no,
        unit_name,
        subject_code,
        description,
        figure_id,
        amount,
        'published' as term_role,
        1 as term_sign
    from linked_lines
    union all
    select
        doc_id,
        check_id,
        table_no,
        unit_name,
        subject_code,
        description,
        child_figure_id as figure_id,
        child_amount as amount,
        'part' as term_role,
        1 as term_sign
    from linked_lines

),

checked_terms as (

    select
        *,
        'hierarchy' as check_family,
        'sum' as tolerance_rule
    from terms

),

final as (

    {{ checks_from_terms('checked_terms') }}

)

select * from final
