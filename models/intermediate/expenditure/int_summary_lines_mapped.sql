-- tables 1 and 6 line by line, both sides: income items, and expenditure
-- items with the functional code their printed name maps to by position
with

table_01 as (

    select * from {{ ref('stg_budget_document__table_01_budget_summary') }}
    where {{ in_batch() }}

),

table_06 as (

    select * from {{ ref('stg_budget_document__table_06_fiscal_grant_summary') }}
    where {{ in_batch() }}

),

subject_names as (

    select * from {{ ref('int_subject_names_mapped') }}
    where
        table_no in (1, 6)
        and {{ in_batch() }}

),

printed_lines as (

    select
        1 as table_no,
        *
    from table_01
    union all
    select
        6 as table_no,
        *
    from table_06

),

final as (

    select
        printed_lines.*,
        subject_names.subject_code as function_code,
        {{ subject_level('subject_names.subject_code') }} as subject_level,
        subject_names.candidate_count,
        subject_names.is_ambiguous

    from printed_lines
    left join subject_names
        on
            printed_lines.doc_id = subject_names.doc_id
            and printed_lines.table_no = subject_names.table_no
            and printed_lines.line_no = subject_names.line_no

)

select * from final
