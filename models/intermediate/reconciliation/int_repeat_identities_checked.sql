-- family 4, across tables: the tables repeat each other. A figure one table
-- prints equals the same figure of another, or the sum of figures of others
-- (repeats), code by code, 类 by 类, or for a summary line. Where the
-- published table prints no budget units and the other does, the other's
-- units are summed (table 1's line = the sum over units of table 7).
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
        check_family = 'repeat'
        and {{ in_batch() }}

),

-- a rule applies to a document whose published table prints the published
-- column at all (a department's 收支总表 has no 项目支出 column, a unit's has)
printed_columns as (

    select distinct
        doc_id,
        table_key,
        side,
        measure_key

    from figures

),

-- and whose part tables print a part's column: a table the document does not
-- print at all (an optional one: 基本支出总表, 项目支出表) leaves nothing to
-- compare, not a check left undone
printed_parts as (

    select distinct
        rule_terms.doc_id,
        rule_terms.rule_id

    from rule_terms
    inner join printed_columns
        on
            rule_terms.doc_id = printed_columns.doc_id
            and rule_terms.table_key = printed_columns.table_key
            and (rule_terms.side is null or rule_terms.side = printed_columns.side)
            and rule_terms.measure_key = printed_columns.measure_key
    where rule_terms.term_role = 'part'

),

applicable_rules as (

    select distinct
        rule_terms.doc_id,
        rule_terms.rule_id

    from rule_terms
    inner join printed_columns
        on
            rule_terms.doc_id = printed_columns.doc_id
            and rule_terms.table_key = printed_columns.table_key
            and rule_terms.side is not distinct from printed_columns.side
            and rule_terms.measure_key = printed_columns.measure_key
    inner join printed_parts
        on rule_terms.doc_id = printed_parts.doc_id and rule_terms.rule_id = printed_parts.rule_id
    where rule_terms.term_role = 'published'

),

selected as (

    select
        figures.doc_id,
        figures.figure_id,
        figures.table_key,
        figures.unit_name,
        figures.basis,
        figures.amount_yuan,
        figures.half_unit_yuan,
        figures.row_label_as_printed,
        rule_terms.rule_id,
        rule_terms.description as rule_description,
        rule_terms.term_role,
        rule_terms.term_sign,
        case
            when rule_terms.selector in ('code', 'class') then figures.subject_code
            when rule_terms.selector = 'label' then figures.row_label_key
            else '*'
        end as match_key

    from figures
    inner join rule_terms
        on
            figures.doc_id = rule_terms.doc_id
            and figures.table_key = rule_terms.table_key
            and (rule_terms.side is null or figures.side = rule_terms.side)
            and figures.measure_key = rule_terms.measure_key
            and (rule_terms.basis is null or figures.basis = rule_terms.basis)
            and (
                (rule_terms.selector = 'code' and figures.subject_code is not null)
                or (rule_terms.selector = 'class' and length(figures.subject_code) = 3)
                or (rule_terms.selector = 'row' and figures.row_key = rule_terms.row_key)
                or (rule_terms.selector = 'fixed_code' and figures.subject_code = rule_terms.row_key)
                or (rule_terms.selector = 'label' and figures.row_key in ('project_line', 'project_category'))
                or rule_terms.selector = 'table'
            )
    inner join applicable_rules
        on figures.doc_id = applicable_rules.doc_id and rule_terms.rule_id = applicable_rules.rule_id

),

-- the grain of each check: the published figures' unit, or no unit where
-- the published table prints none
published_keys as (

    select distinct
        doc_id,
        rule_id,
        match_key,
        basis,
        unit_name

    from selected
    where term_role = 'published'

),

-- the units (NULL: the document) the published table prints for the rule
published_units as (

    select distinct
        doc_id,
        rule_id,
        unit_name

    from selected
    where term_role = 'published'

),

-- the part tables that print a department line for a key
department_parts as (

    select distinct
        doc_id,
        rule_id,
        table_key,
        match_key,
        basis

    from selected
    where term_role = 'part' and unit_name is null

),

parts as (

    select
        selected.*,
        exists(
            select 1 from published_keys
            where
                published_keys.doc_id = selected.doc_id
                and published_keys.rule_id = selected.rule_id
                and published_keys.match_key = selected.match_key
                and published_keys.basis = selected.basis
                and published_keys.unit_name is not distinct from selected.unit_name
        ) as at_own_unit,
        selected.unit_name is not null
        and exists (
            select 1 from published_keys
            where
                published_keys.doc_id = selected.doc_id
                and published_keys.rule_id = selected.rule_id
                and published_keys.match_key = selected.match_key
                and published_keys.basis = selected.basis
                and published_keys.unit_name is null
        )
        and not exists (
            select 1 from department_parts
            where
                department_parts.doc_id = selected.doc_id
                and department_parts.rule_id = selected.rule_id
                and department_parts.table_key = selected.table_key
                and department_parts.match_key = selected.match_key
                and department_parts.basis = selected.basis
        ) as into_department,
        exists(
            select 1 from published_units
            where
                published_units.doc_id = selected.doc_id
                and published_units.rule_id = selected.rule_id
                and published_units.unit_name is not distinct from selected.unit_name
        ) as unit_is_published

    from selected
    where selected.term_role = 'part'

),

-- each part at the grain of its checks: its own unit where the published
-- table prints that unit's line; also summed into the document's line where
-- the published table prints one and the part table prints no department
-- line of its own; a part with no published line at its grain is a finding
-- where the published table prints its unit at all, and otherwise has
-- nothing to be compared with
parts_keyed as (

    select
        * exclude (at_own_unit, into_department, unit_is_published),
        unit_name as key_unit_name
    from parts
    where at_own_unit or (not into_department and unit_is_published)
    union all
    select
        * exclude (at_own_unit, into_department, unit_is_published),
        cast(null as varchar) as key_unit_name
    from parts
    where into_department

),

keyed as (

    select
        *,
        unit_name as key_unit_name
    from selected
    where term_role = 'published'
    union all by name
    select * from parts_keyed

),

terms as (

    select
        doc_id,
        'repeat' as check_family,
        rule_id,
        key_unit_name as unit_name,
        figure_id,
        term_role,
        term_sign,
        amount_yuan,
        half_unit_yuan,
        rule_id || ':' || match_key || ':' || basis || ':' || coalesce(key_unit_name, '') as check_id,
        max(table_key) filter (where term_role = 'published') over (partition by doc_id, rule_id, match_key, basis, key_unit_name)
            as table_key,
        case when match_key != '*' then match_key end as subject_code,
        rule_description
        || coalesce(
            ' (' || max(row_label_as_printed) over (partition by doc_id, rule_id, match_key, basis, key_unit_name) || ')',
            ''
        ) as description

    from keyed

),

final as (

    {{ checks_from_terms('terms') }}

)

select * from final
