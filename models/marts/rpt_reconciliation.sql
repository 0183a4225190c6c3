-- the reconciliation register: one row per arithmetic identity of the
-- document that the warehouse checks, with what was published, what the
-- parts give, the difference and whether it is exact, rounding or a mismatch
with

row_checks as (

    select * from {{ ref('int_row_identities_checked') }}

),

hierarchy_checks as (

    select * from {{ ref('int_hierarchy_identities_checked') }}

),

cross_table_checks as (

    select * from {{ ref('int_cross_table_identities_checked') }}

),

narrative_checks as (

    select * from {{ ref('int_narrative_identities_checked') }}

),

empty_table_checks as (

    select * from {{ ref('int_empty_table_identities_checked') }}

),

documents as (

    select * from {{ ref('stg_budget_document__documents') }}

),

checks as (

    select * from row_checks
    union all by name
    select * from hierarchy_checks
    union all by name
    select * from cross_table_checks
    union all by name
    select * from narrative_checks
    union all by name
    select * from empty_table_checks

),

measured as (

    select
        *,
        cast(published_amount - derived_amount as decimal(18, 2)) as difference,
        {{ rounding_tolerance('tolerance_rule', 'term_count') }} as tolerance

    from checks

),

final as (

    select
        measured.doc_id,
        measured.check_id,
        documents.fiscal_year,
        documents.department_name,
        measured.check_family,
        measured.table_no,
        measured.unit_name,
        measured.subject_code,
        measured.description,
        cast(measured.published_amount as decimal(18, 2)) as published_amount,
        cast(measured.derived_amount as decimal(18, 2)) as derived_amount,
        measured.difference,
        measured.tolerance,
        {{ reconciliation_status('measured.difference', 'measured.tolerance') }} as status,
        measured.tolerance_rule,
        cast(measured.term_count as integer) as term_count,
        measured.figure_ids

    from measured
    inner join documents
        on measured.doc_id = documents.doc_id

)

select * from final
