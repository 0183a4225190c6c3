-- family 1, rows: within one printed row (one side of it, one fund, one
-- basis), a total column equals the sum of its part columns, as the template
-- lists them (row_sums). One row per identity checked.
with

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where
        source_kind = 'table'
        and {{ in_batch() }}

),

rule_terms as (

    select * from {{ ref('int_rule_terms_resolved') }}
    where
        check_family = 'row'
        and {{ in_batch() }}

),

-- a rule applies to a table that prints at least one of its part columns: a
-- department's 收支总表 prints no 人员经费 column, a unit's does
printed_columns as (

    select distinct
        doc_id,
        table_order,
        measure_key

    from figures

),

applicable as (

    select distinct
        rule_terms.doc_id,
        rule_terms.rule_id,
        printed_columns.table_order

    from rule_terms
    inner join printed_columns
        on
            rule_terms.doc_id = printed_columns.doc_id
            and rule_terms.measure_key = printed_columns.measure_key
            and rule_terms.term_role = 'part'

),

terms as (

    select
        figures.doc_id,
        'row' as check_family,
        rule_terms.rule_id,
        figures.table_key,
        figures.unit_name,
        figures.subject_code,
        figures.figure_id,
        rule_terms.term_role,
        rule_terms.term_sign,
        figures.amount_yuan,
        figures.half_unit_yuan,
        rule_terms.rule_id || ':' || figures.table_order || ':' || figures.row_no || ':'
        || coalesce(figures.side, '') || ':' || coalesce(figures.fund_key, '') || ':' || figures.basis as check_id,
        coalesce(figures.row_label_as_printed, figures.row_key, '') || ': ' || rule_terms.description as description

    from figures
    inner join rule_terms
        on
            figures.doc_id = rule_terms.doc_id
            and figures.table_key = rule_terms.table_key
            and figures.measure_key = rule_terms.measure_key
            and (rule_terms.side is null or figures.side = rule_terms.side)
    inner join applicable
        on
            figures.doc_id = applicable.doc_id
            and rule_terms.rule_id = applicable.rule_id
            and figures.table_order = applicable.table_order

),

final as (

    {{ checks_from_terms('terms') }}

)

select * from final
