-- family 1, rows: within one printed row (one side of it, one fund, one
-- basis), a total column equals the sum of its part columns, as the template
-- lists them (row_sums). A part left blank on a row whose own parts are
-- printed there (a 小计 printed blank beside 购置费 and 运行费; 基本支出
-- printed only as 人员经费 | 公用经费) counts as those parts, as the reader's
-- footing does (src/budget_warehouse/pdf/confirm.py), so one blank is not
-- blamed twice. One row per identity checked.
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

tables as (

    select * from {{ ref('stg_ingest__tables') }}
    where {{ in_batch() }}

),

-- a part of one rule that is the total of another rule of the same table: its parts stand in for it where
-- the row prints it blank
stand_ins as (

    select
        parts.doc_id,
        parts.rule_id,
        parts.table_key,
        parts.side,
        parts.measure_key as instead_of,
        sub_parts.measure_key,
        parts.term_role,
        -- the rule's own description, carried here rather than joined again below: a join of the figures to
        -- (document, rule) descriptions was planned before this one, on the document alone (24 million
        -- intermediate rows for a batch of 1,000 documents in a warehouse of 10,000: 31 s against 6 s)
        parts.description,
        parts.term_sign * sub_parts.term_sign as term_sign

    from rule_terms as parts
    inner join rule_terms as sub_totals
        on
            parts.doc_id = sub_totals.doc_id
            and parts.table_key = sub_totals.table_key
            and parts.measure_key = sub_totals.measure_key
            and sub_totals.term_role = 'published'
            and parts.rule_id != sub_totals.rule_id
    inner join rule_terms as sub_parts
        on
            sub_totals.doc_id = sub_parts.doc_id
            and sub_totals.rule_id = sub_parts.rule_id
            and sub_parts.term_role = 'part'
    where parts.term_role = 'part'

),

-- the measures each printed row prints
row_measures as (

    select distinct
        doc_id,
        table_order,
        row_no,
        side,
        measure_key

    from figures
    where measure_key is not null

),

-- a rule applies to a table that prints its total column and at least one of its part columns (or of their
-- stand-ins): a department's 收支总表 prints no 人员经费 column, a unit's does; a table that prints 人员经费 |
-- 公用经费 with no 基本支出 column beside them states nothing about a 基本支出
header_columns as (

    select
        doc_id,
        table_order,
        unnest(string_split(measures_printed, ' ')) as side_measure

    from tables
    where measures_printed is not null

),

printed_columns as (

    select distinct
        doc_id,
        table_order,
        side,
        measure_key

    from figures
    union
    -- a column its header names on its side, though every cell of it is blank (a 小计 left blank on the
    -- table's one line): measures_printed lists them as side:measure
    select
        doc_id,
        table_order,
        nullif(split_part(side_measure, ':', 1), '') as side,
        split_part(side_measure, ':', 2) as measure_key

    from header_columns

),

part_measures as (

    select
        doc_id,
        rule_id,
        measure_key

    from rule_terms
    where term_role = 'part'
    union
    select
        doc_id,
        rule_id,
        measure_key

    from stand_ins

),

totals_printed as (

    select distinct
        rule_terms.doc_id,
        rule_terms.rule_id,
        printed_columns.table_order

    from rule_terms
    inner join printed_columns
        on
            rule_terms.doc_id = printed_columns.doc_id
            and rule_terms.measure_key = printed_columns.measure_key
            and (rule_terms.side is null or rule_terms.side = printed_columns.side)
    where rule_terms.term_role = 'published'

),

applicable as (

    select distinct
        part_measures.doc_id,
        part_measures.rule_id,
        printed_columns.table_order

    from part_measures
    inner join printed_columns
        on
            part_measures.doc_id = printed_columns.doc_id
            and part_measures.measure_key = printed_columns.measure_key
    inner join totals_printed
        on
            part_measures.doc_id = totals_printed.doc_id
            and part_measures.rule_id = totals_printed.rule_id
            and printed_columns.table_order = totals_printed.table_order

),

direct_terms as (

    select
        figures.*,
        rule_terms.rule_id,
        rule_terms.term_role,
        rule_terms.term_sign,
        rule_terms.description as rule_description

    from figures
    inner join rule_terms
        on
            figures.doc_id = rule_terms.doc_id
            and figures.table_key = rule_terms.table_key
            and figures.measure_key = rule_terms.measure_key
            and (rule_terms.side is null or figures.side = rule_terms.side)

),

stand_in_terms as (

    select
        figures.*,
        stand_ins.rule_id,
        stand_ins.term_role,
        stand_ins.term_sign,
        stand_ins.description as rule_description

    from figures
    inner join stand_ins
        on
            figures.doc_id = stand_ins.doc_id
            and figures.table_key = stand_ins.table_key
            and figures.measure_key = stand_ins.measure_key
            and (stand_ins.side is null or figures.side = stand_ins.side)
    left join row_measures as printed_part
        on
            figures.doc_id = printed_part.doc_id
            and figures.table_order = printed_part.table_order
            and figures.row_no = printed_part.row_no
            and figures.side is not distinct from printed_part.side
            and stand_ins.instead_of = printed_part.measure_key
    where printed_part.measure_key is null

),

selected as (

    select * from direct_terms
    union all by name
    select * from stand_in_terms

),

terms as (

    select
        selected.doc_id,
        'row' as check_family,
        selected.rule_id,
        selected.table_key,
        selected.unit_name,
        selected.subject_code,
        selected.figure_id,
        selected.term_role,
        selected.term_sign,
        selected.amount_yuan,
        selected.half_unit_yuan,
        selected.rule_id || ':' || selected.table_order || ':' || selected.row_no || ':'
        || coalesce(selected.side, '') || ':' || coalesce(selected.fund_key, '') || ':' || selected.basis as check_id,
        coalesce(selected.row_label_as_printed, selected.row_key, '') || ': ' || selected.rule_description as description

    from selected
    inner join applicable
        on
            selected.doc_id = applicable.doc_id
            and selected.rule_id = applicable.rule_id
            and selected.table_order = applicable.table_order

),

final as (

    {{ checks_from_terms('terms') }}

)

select * from final
