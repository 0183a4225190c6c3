-- the reconciliation register: one row per identity the warehouse checks in
-- any document, with what was published, what its parts give, the difference,
-- the tolerance its rounding allows and whether it is exact, rounding or a
-- mismatch, and where to find the published figure
with

row_checks as (

    select * from {{ ref('int_row_identities_checked') }}
    where {{ in_batch() }}

),

hierarchy_checks as (

    select * from {{ ref('int_hierarchy_identities_checked') }}
    where {{ in_batch() }}

),

item_checks as (

    select * from {{ ref('int_item_identities_checked') }}
    where {{ in_batch() }}

),

repeat_checks as (

    select * from {{ ref('int_repeat_identities_checked') }}
    where {{ in_batch() }}

),

narrative_checks as (

    select * from {{ ref('int_narrative_identities_checked') }}
    where {{ in_batch() }}

),

statement_checks as (

    select * from {{ ref('int_narrative_statements_checked') }}
    where {{ in_batch() }}

),

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where {{ in_batch() }}

),

checks as (

    select * from row_checks
    union all by name
    select * from hierarchy_checks
    union all by name
    select * from item_checks
    union all by name
    select * from repeat_checks
    union all by name
    select * from narrative_checks
    union all by name
    select * from statement_checks

),

final as (

    select
        checks.doc_id,
        checks.check_id,
        checks.check_family,
        checks.rule_id,
        checks.table_key,
        checks.unit_name,
        checks.subject_code,
        checks.description,
        checks.published_figure_id,
        published.page_no,
        published.source_line,
        published.figure_text_as_printed as published_text_as_printed,
        published.printed_unit,
        cast(checks.published_value as decimal(22, 4)) as published_value,
        cast(checks.derived_value as decimal(22, 4)) as derived_value,
        cast(checks.published_value - checks.derived_value as decimal(22, 4)) as difference,
        checks.tolerance,
        checks.value_unit,
        {{ reconciliation_status(
            'checks.published_value - checks.derived_value', 'checks.tolerance', 'checks.published_count',
            'checks.truncation_margin', 'checks.part_count'
        ) }} as checked_status,
        checks.published_count,
        checks.part_count,
        checks.figure_ids,
        checks.claim_id,
        checks.compared_as_printed

    from checks
    left join figures as published
        on checks.doc_id = published.doc_id and checks.published_figure_id = published.figure_id

),

-- a check that needs a figure of a table whose reading its own arithmetic did not confirm
-- (src/budget_warehouse/pdf/confirm.py) is not made: a misreading must not blame the document
check_figures as (

    select
        doc_id,
        check_id,
        unnest(figure_ids) as figure_id

    from checks

),

unconfirmed_checks as (

    select distinct
        check_figures.doc_id,
        check_figures.check_id

    from check_figures
    inner join figures
        on check_figures.doc_id = figures.doc_id and check_figures.figure_id = figures.figure_id
    where figures.reading_status = 'unconfirmed'

),

flagged as (

    select
        final.*,
        unconfirmed_checks.check_id is not null as needs_unconfirmed_reading

    from final
    left join unconfirmed_checks
        on final.doc_id = unconfirmed_checks.doc_id and final.check_id = unconfirmed_checks.check_id

),

-- plausibility before blame: lines that add up to twice their printed total or more were read twice or
-- from the wrong column (a document's slip changes a digit, it does not double a table), so the reader's
-- evidence says misreading until the page shows otherwise; and a check that needs a figure of an
-- unconfirmed reading is not made
judged as (

    select
        * exclude (checked_status),
        case
            when needs_unconfirmed_reading and checked_status not in ('exact', 'rounding') then 'not_checked'
            when
                checked_status = 'mismatch'
                and check_family in ('row', 'hierarchy', 'item')
                and part_count > 1
                and published_value > 0
                and abs(derived_value) >= 2 * published_value
                then 'implausible'
            else checked_status
        end as status

    from flagged

)

select
    doc_id,
    check_id,
    check_family,
    rule_id,
    table_key,
    unit_name,
    subject_code,
    description,
    published_figure_id,
    page_no,
    source_line,
    published_text_as_printed,
    printed_unit,
    published_value,
    derived_value,
    difference,
    tolerance,
    value_unit,
    status,
    published_count,
    part_count,
    figure_ids,
    claim_id,
    compared_as_printed,
    needs_unconfirmed_reading

from judged
