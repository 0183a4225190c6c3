-- tables 1, 4 and 6 print subject names without codes, and the same name can
-- stand for several codes (行政运行 is 2010101 and 2010301; 其他一般公共服务支出
-- is 20199 and 2019999; 办公设备购置 is 30902 and 31002). Each printed line is
-- mapped to the code whose parent heading is printed nearest above it: that is
-- its position under its parent, which a name alone cannot give.
-- One row per printed label line of those tables.
with

table_01 as (

    select * from {{ ref('stg_budget_document__table_01_budget_summary') }}
    where {{ in_batch() }}

),

table_04 as (

    select * from {{ ref('stg_budget_document__table_04_basic_expenditure') }}
    where {{ in_batch() }}

),

table_06 as (

    select * from {{ ref('stg_budget_document__table_06_fiscal_grant_summary') }}
    where {{ in_batch() }}

),

coded_lines as (

    select * from {{ ref('int_coded_expenditure_lines_filled') }}
    where {{ in_batch() }}

),

printed_lines as (

    select
        doc_id,
        1 as table_no,
        'function' as classification,
        source_line,
        line_no,
        expenditure_item_as_printed as label_as_printed
    from table_01
    where expenditure_item_as_printed is not null
    union all
    select
        doc_id,
        6 as table_no,
        'function' as classification,
        source_line,
        line_no,
        expenditure_item_as_printed as label_as_printed
    from table_06
    where expenditure_item_as_printed is not null
    union all
    select
        doc_id,
        4 as table_no,
        'economic' as classification,
        source_line,
        line_no,
        item_as_printed as label_as_printed
    from table_04

),

labels as (

    select
        *,
        {{ canonical_name('label_as_printed') }} as label_name

    from printed_lines

),

-- the codes the coded tables (3, 7, 8) print, with their names and parents
subjects as (

    select distinct
        doc_id,
        classification,
        subject_code,
        subject_name,
        parent_code

    from coded_lines
    where subject_code is not null

),

candidates as (

    select
        labels.doc_id,
        labels.table_no,
        labels.line_no,
        subjects.subject_code,
        parents.subject_name as parent_name

    from labels
    inner join subjects
        on
            labels.doc_id = subjects.doc_id
            and labels.classification = subjects.classification
            and labels.label_name = subjects.subject_name
    left join subjects as parents
        on
            subjects.doc_id = parents.doc_id
            and subjects.classification = parents.classification
            and subjects.parent_code = parents.subject_code

),

-- for each candidate, the nearest line above that prints its parent's name
parent_positions as (

    select
        candidates.doc_id,
        candidates.table_no,
        candidates.line_no,
        candidates.subject_code,
        max(headings.line_no) as parent_line_no

    from candidates
    left join labels as headings
        on
            candidates.doc_id = headings.doc_id
            and candidates.table_no = headings.table_no
            and candidates.parent_name = headings.label_name
            and candidates.line_no > headings.line_no
    group by
        candidates.doc_id,
        candidates.table_no,
        candidates.line_no,
        candidates.subject_code

),

ranked as (

    select
        *,
        count(*) over (partition by doc_id, table_no, line_no) as candidate_count,
        row_number() over (
            partition by doc_id, table_no, line_no
            order by parent_line_no desc nulls last, subject_code asc
        ) as candidate_rank,
        lead(parent_line_no) over (
            partition by doc_id, table_no, line_no
            order by parent_line_no desc nulls last, subject_code asc
        ) as runner_up_parent_line_no

    from parent_positions

),

final as (

    select
        labels.doc_id,
        labels.table_no,
        labels.classification,
        labels.source_line,
        labels.line_no,
        labels.label_as_printed,
        labels.label_name,
        ranked.subject_code,
        coalesce(ranked.candidate_count, 0) as candidate_count,
        -- two candidates whose parents are printed equally near: position cannot decide
        coalesce(
            ranked.candidate_count > 1
            and ranked.parent_line_no is not distinct from ranked.runner_up_parent_line_no,
            false
        ) as is_ambiguous

    from labels
    left join ranked
        on
            labels.doc_id = ranked.doc_id
            and labels.table_no = ranked.table_no
            and labels.line_no = ranked.line_no
            and ranked.candidate_rank = 1

)

select * from final
