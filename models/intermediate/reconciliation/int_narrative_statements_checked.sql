-- family 6, what the narrative says about its figures beyond their amounts:
-- a percentage of change recomputed from the two levels it compares, or from
-- the change and the level it changed to (percent); the direction word it
-- uses (增加/减少/持平, 大于/小于/等于, 增长/下降) against the difference of the
-- two levels (direction); a count of units against the units a table prints
-- (count). Percentages are checked under the rounding of the amounts they
-- are computed from: every value the printed amounts may stand for is
-- tried, and a printed percentage outside that range, rounded as printed, is
-- a mismatch. A change from 0 has no percentage and is not checked.
with

figures as (

    select * from {{ ref('int_figures_unioned') }}

),

claims as (

    select * from {{ ref('int_claims_unioned') }}

),

rule_terms as (

    select * from {{ ref('int_rule_terms_resolved') }}
    where check_family in ('percent', 'direction', 'count')

),

-- one row per claim and rule, with the claim's figures in their roles
statements as (

    select
        claims.doc_id,
        claims.claim_id,
        claims.subject_code,
        claims.unit_name,
        claims.subject_as_printed,
        claims.direction_as_printed as claim_direction,
        rule_terms.rule_id,
        rule_terms.check_family,
        rule_terms.description,
        max(figures.value_as_printed) filter (where rule_terms.term_role = 'published') as printed_value,
        max(figures.printed_decimals) filter (where rule_terms.term_role = 'published') as printed_decimals,
        max(figures.figure_id) filter (where rule_terms.term_role = 'published') as published_figure_id,
        max(figures.value_as_printed) filter (where rule_terms.term_role = 'current') as current_value,
        max(0.5 * pow(10, -figures.printed_decimals)) filter (where rule_terms.term_role = 'current') as current_half,
        max(figures.value_as_printed) filter (where rule_terms.term_role = 'prior') as prior_value,
        max(0.5 * pow(10, -figures.printed_decimals)) filter (where rule_terms.term_role = 'prior') as prior_half,
        max(figures.value_as_printed) filter (where rule_terms.term_role = 'change') as change_value,
        max(0.5 * pow(10, -figures.printed_decimals)) filter (where rule_terms.term_role = 'change') as change_half,
        max(figures.direction_as_printed) filter (where rule_terms.term_role = 'change') as change_direction,
        list(figures.figure_id order by figures.figure_id) as figure_ids

    from claims
    inner join rule_terms
        on claims.doc_id = rule_terms.doc_id and claims.claim_kind = rule_terms.claim_kind
    inner join figures
        on
            claims.doc_id = figures.doc_id
            and claims.claim_id = figures.claim_id
            and rule_terms.claim_role = figures.measure_key
    group by all

),

directed as (

    select
        *,
        {{ direction_sign('coalesce(change_direction, claim_direction)') }} as stated_sign

    from statements

),

-- the level a change is from: printed (prior), or the level it changed to less
-- the change the sentence states
bases as (

    select
        *,
        coalesce(prior_value, current_value - stated_sign * change_value) as base_value,
        coalesce(prior_half, current_half + change_half) as base_half,
        coalesce(change_value, abs(current_value - prior_value)) as moved_value,
        coalesce(change_half, current_half + prior_half) as moved_half

    from directed
    where check_family = 'percent'

),

percentages as (

    select
        *,
        moved_value / base_value * 100 as point_value,
        greatest(moved_value - moved_half, 0) / (base_value + base_half) * 100 as low_value,
        (moved_value + moved_half) / (base_value - base_half) * 100 as high_value,
        0.5 * pow(10, -printed_decimals) as printed_half

    from bases
    where printed_value is not null and moved_value is not null and base_value > base_half

),

percent_checks as (

    select
        doc_id,
        rule_id || ':' || claim_id as check_id,
        'percent' as check_family,
        rule_id,
        unit_name,
        subject_code,
        coalesce(subject_as_printed || ': ', '') || description as description,
        published_figure_id,
        cast(printed_value as decimal(22, 4)) as published_value,
        cast(round(point_value, printed_decimals) as decimal(22, 4)) as derived_value,
        cast(greatest(high_value - point_value, point_value - low_value) + printed_half as decimal(22, 4)) as tolerance,
        '%' as value_unit,
        figure_ids

    from percentages

),

direction_checks as (

    select
        doc_id,
        rule_id || ':' || claim_id as check_id,
        'direction' as check_family,
        rule_id,
        unit_name,
        subject_code,
        coalesce(subject_as_printed || ': ', '') || '“' || claim_direction || '” ' || description as description,
        cast(null as varchar) as published_figure_id,
        cast(stated_sign as decimal(22, 4)) as published_value,
        cast(sign(current_value - prior_value) as decimal(22, 4)) as derived_value,
        cast(0 as decimal(22, 4)) as tolerance,
        'sign' as value_unit,
        figure_ids

    from directed
    where
        check_family = 'direction'
        and stated_sign is not null
        and current_value is not null
        and prior_value is not null

),

-- counts: the units printing the rule's table line
count_terms as (

    select * from {{ ref('int_rule_terms_resolved') }}
    where check_family = 'count' and term_role = 'part'

),

counted as (

    select
        statements.doc_id,
        statements.claim_id,
        statements.rule_id,
        count(distinct figures.unit_name) as unit_count

    from statements
    inner join count_terms
        on statements.doc_id = count_terms.doc_id and statements.rule_id = count_terms.rule_id
    inner join figures
        on
            count_terms.doc_id = figures.doc_id
            and count_terms.table_key = figures.table_key
            and count_terms.measure_key = figures.measure_key
            and (count_terms.row_key is null or count_terms.row_key = figures.row_key)
            and figures.unit_name is not null
    group by all

),

count_checks as (

    select
        statements.doc_id,
        statements.rule_id || ':' || statements.claim_id as check_id,
        'count' as check_family,
        statements.rule_id,
        statements.unit_name,
        statements.subject_code,
        coalesce(statements.subject_as_printed || ': ', '') || statements.description as description,
        statements.published_figure_id,
        cast(statements.printed_value as decimal(22, 4)) as published_value,
        cast(coalesce(counted.unit_count, 0) as decimal(22, 4)) as derived_value,
        cast(0 as decimal(22, 4)) as tolerance,
        'count' as value_unit,
        statements.figure_ids

    from statements
    left join counted
        on
            statements.doc_id = counted.doc_id
            and statements.claim_id = counted.claim_id
            and statements.rule_id = counted.rule_id
    where statements.check_family = 'count'

),

final as (

    select
        *,
        cast(null as varchar) as table_key,
        1 as published_count,
        2 as part_count,
        cast(0 as decimal(20, 4)) as truncation_margin
    from (
        select * from percent_checks
        union all by name
        select * from direction_checks
        union all by name
        select * from count_checks
    ) as checks

)

select * from final
