-- family 6, what the narrative says about its figures beyond their amounts:
-- a percentage of change recomputed from the two levels it compares, or from
-- the change and the level it changed to, and a share (占 P%, 完成预算的 P%)
-- recomputed from its part and its whole (percent); the direction word it
-- uses (增加/减少/持平, 大于/小于/等于, 增长/下降) against the difference of the
-- two levels, and against the other direction word of the same sentence
-- (direction); a count of units against the units a table prints (count). Percentages are checked under the rounding of the amounts they
-- are computed from: every value the printed amounts may stand for is
-- tried, and a printed percentage outside that range, rounded as printed, is
-- a mismatch; one cut off at its last digit instead of rounded (36.58% for
-- 36.586%) is truncated, as an amount would be. A change from 0 has no
-- percentage and is not checked.
with

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where {{ in_batch() }}

),

claims as (

    select * from {{ ref('int_claims_unioned') }}
    where {{ in_batch() }}

),

rule_terms as (

    select * from {{ ref('int_rule_terms_resolved') }}
    where
        check_family in ('percent', 'difference', 'direction', 'count')
        and {{ in_batch() }}

),

-- one row per claim and rule, with the claim's figures in their roles
statements as (

    select
        claims.doc_id,
        claims.claim_id,
        claims.claim_kind,
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
        max(figures.figure_text_as_printed) filter (where rule_terms.term_role = 'current') as current_text,
        coalesce(
            max(figures.figure_text_as_printed) filter (where rule_terms.term_role = 'prior'),
            max(figures.figure_text_as_printed) filter (where rule_terms.term_role = 'prior_fallback')
        ) as prior_text,
        max(figures.amount_yuan) filter (where rule_terms.term_role = 'current') as current_yuan,
        max(figures.half_unit_yuan) filter (where rule_terms.term_role = 'current') as current_half_yuan,
        max(figures.amount_yuan) filter (where rule_terms.term_role = 'prior') as prior_yuan,
        max(figures.half_unit_yuan) filter (where rule_terms.term_role = 'prior') as prior_half_yuan,
        max(figures.amount_yuan) filter (where rule_terms.term_role = 'published') as published_yuan,
        max(figures.half_unit_yuan) filter (where rule_terms.term_role = 'published') as published_half_yuan,
        max(0.5 * pow(10, -figures.printed_decimals)) filter (where rule_terms.term_role = 'current') as current_half,
        coalesce(
            max(figures.value_as_printed) filter (where rule_terms.term_role = 'prior'),
            max(figures.value_as_printed) filter (where rule_terms.term_role = 'prior_fallback')
        ) as prior_value,
        coalesce(
            max(0.5 * pow(10, -figures.printed_decimals)) filter (where rule_terms.term_role = 'prior'),
            max(0.5 * pow(10, -figures.printed_decimals)) filter (where rule_terms.term_role = 'prior_fallback')
        ) as prior_half,
        max(figures.value_as_printed) filter (where rule_terms.term_role = 'change') as change_value,
        max(0.5 * pow(10, -figures.printed_decimals)) filter (where rule_terms.term_role = 'change') as change_half,
        max(figures.direction_as_printed) filter (where rule_terms.term_role = 'change') as change_direction,
        max(figures.amount_yuan) filter (where rule_terms.term_role = 'part') as part_yuan,
        max(figures.half_unit_yuan) filter (where rule_terms.term_role = 'part') as part_half_yuan,
        max(figures.amount_yuan) filter (where rule_terms.term_role = 'whole') as whole_yuan,
        max(figures.half_unit_yuan) filter (where rule_terms.term_role = 'whole') as whole_half_yuan,
        bool_or(rule_terms.term_role = 'part') as is_share,
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

-- the whole of a share where the template names a table figure for it (占
-- “三公”经费的 P%, 完成预算的 P% against the 三公 table's 预算数)
table_wholes as (

    select
        statements.doc_id,
        statements.claim_id,
        statements.rule_id,
        sum(whole_terms.term_sign * figures.amount_yuan) as whole_yuan,
        sum(figures.half_unit_yuan) as whole_half_yuan,
        list(figures.figure_id order by figures.figure_id) as whole_figure_ids

    from statements
    inner join rule_terms as whole_terms
        on
            statements.doc_id = whole_terms.doc_id
            and statements.rule_id = whole_terms.rule_id
            and whole_terms.term_role = 'whole'
            and whole_terms.selector in ('row', 'table')
    inner join figures
        on
            whole_terms.doc_id = figures.doc_id
            and whole_terms.table_key = figures.table_key
            and (whole_terms.side is null or whole_terms.side = figures.side)
            and whole_terms.measure_key = figures.measure_key
            and (whole_terms.basis is null or whole_terms.basis = figures.basis)
            and (whole_terms.selector = 'table' or whole_terms.row_key = figures.row_key)
            and figures.source_kind = 'table'
    group by all

),

directed as (

    select
        statements.* exclude (whole_yuan, whole_half_yuan, figure_ids),
        coalesce(statements.whole_yuan, table_wholes.whole_yuan) as whole_yuan,
        coalesce(statements.whole_half_yuan, table_wholes.whole_half_yuan) as whole_half_yuan,
        list_concat(statements.figure_ids, coalesce(table_wholes.whole_figure_ids, [])) as figure_ids,
        {{ direction_sign('coalesce(statements.change_direction, statements.claim_direction)') }} as stated_sign

    from statements
    left join table_wholes
        on
            statements.doc_id = table_wholes.doc_id
            and statements.claim_id = table_wholes.claim_id
            and statements.rule_id = table_wholes.rule_id

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
    where not is_share and printed_value is not null and moved_value is not null and base_value > base_half

),

-- a share: the part over the whole, under the rounding of both; a share of a
-- whole of 0 can only be 0 (完成年初预算的 95.89% of a 年初预算 of 0 is a mismatch).
-- Where the narrative lists several shares of one whole (the claims of one
-- kind, with the same whole) that its document made add up to exactly 100%
-- (31.14% + 51.93% + 16.93%, the last computed 16.92%), each may be off its
-- own rounding by one unit of its last digit: that is how a set of rounded
-- shares is made to total 100, not an error of any figure
share_ranges as (

    select
        *,
        count(*) over shares_of_one_whole > 1
        and sum(printed_value) over shares_of_one_whole = 100 as is_adjusted_to_total,
        case when whole_yuan != 0 then part_yuan / whole_yuan * 100 when part_yuan = 0 then 0 end as point_value,
        greatest(part_yuan - part_half_yuan, 0) / (whole_yuan + whole_half_yuan) * 100 as low_value,
        case
            when whole_yuan > whole_half_yuan then (part_yuan + part_half_yuan) / (whole_yuan - whole_half_yuan) * 100
        end as high_value,
        0.5 * pow(10, -printed_decimals) as printed_half

    from directed
    where check_family = 'percent' and is_share and printed_value is not null and part_yuan is not null and whole_yuan is not null
    window shares_of_one_whole as (partition by doc_id, claim_kind, whole_yuan)

),

share_checks as (

    select
        doc_id,
        rule_id || ':' || claim_id as check_id,
        claim_id,
        'percent' as check_family,
        rule_id,
        unit_name,
        subject_code,
        coalesce(subject_as_printed || ': ', '') || description as description,
        published_figure_id,
        cast(printed_value as decimal(22, 4)) as published_value,
        cast(round(point_value, printed_decimals) as decimal(22, 4)) as derived_value,
        cast(
            coalesce(greatest(high_value - point_value, point_value - low_value), 0) + printed_half
            + case when is_adjusted_to_total then 2 * printed_half else 0 end as decimal(22, 4)
        ) as tolerance,
        cast(2 * printed_half as decimal(20, 4)) as truncation_margin,
        '%' as value_unit,
        figure_ids

    from share_ranges

),

percent_checks as (

    select
        doc_id,
        rule_id || ':' || claim_id as check_id,
        claim_id,
        'percent' as check_family,
        rule_id,
        unit_name,
        subject_code,
        coalesce(subject_as_printed || ': ', '') || description as description,
        published_figure_id,
        cast(printed_value as decimal(22, 4)) as published_value,
        cast(round(point_value, printed_decimals) as decimal(22, 4)) as derived_value,
        cast(greatest(high_value - point_value, point_value - low_value) + printed_half as decimal(22, 4)) as tolerance,
        cast(2 * printed_half as decimal(20, 4)) as truncation_margin,
        '%' as value_unit,
        figure_ids

    from percentages

),

direction_checks as (

    select
        doc_id,
        rule_id || ':' || claim_id as check_id,
        claim_id,
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
        -- the comparison the word is about, as printed (3,200.50 < 3,310.00)
        current_text
        || case sign(current_value - prior_value) when 1 then ' > ' when -1 then ' < ' else ' = ' end
        || prior_text as compared_as_printed,
        figure_ids

    from directed
    where
        check_family = 'direction'
        and stated_sign is not null
        and current_value is not null
        and prior_value is not null

),

-- a change the sentence states against the two levels it prints (X万元，比上年Y万元增加Z万元):
-- |X - Y| = Z, in 元, under the rounding of all three
difference_checks as (

    select
        doc_id,
        rule_id || ':' || claim_id as check_id,
        claim_id,
        'difference' as check_family,
        rule_id,
        unit_name,
        subject_code,
        coalesce(subject_as_printed || ': ', '') || description as description,
        published_figure_id,
        cast(published_yuan as decimal(22, 4)) as published_value,
        cast(abs(current_yuan - prior_yuan) as decimal(22, 4)) as derived_value,
        cast(published_half_yuan + current_half_yuan + prior_half_yuan as decimal(22, 4)) as tolerance,
        cast(2 * published_half_yuan as decimal(20, 4)) as truncation_margin,
        '元' as value_unit,
        figure_ids

    from directed
    where
        check_family = 'difference'
        and published_yuan is not null
        and current_yuan is not null
        and prior_yuan is not null

),

-- two direction words of one sentence (增加 56.95 万元，下降 1.87%) must agree
direction_words as (

    select
        doc_id,
        claim_id,
        unit_name,
        subject_code,
        subject_as_printed,
        directions_as_printed,
        string_split(directions_as_printed, '/') as words,
        unnest(range(2, len(string_split(directions_as_printed, '/')) + 1)) as word_no

    from claims
    where directions_as_printed like '%/%'

),

word_checks as (

    select
        doc_id,
        'direction_words:' || claim_id || ':' || word_no as check_id,
        claim_id,
        'direction' as check_family,
        cast(null as varchar) as rule_id,
        unit_name,
        subject_code,
        coalesce(subject_as_printed || ': ', '') || '“' || directions_as_printed
        || '”: the direction words of one sentence agree' as description,
        cast(null as varchar) as published_figure_id,
        cast({{ direction_sign('words[1]') }} as decimal(22, 4)) as published_value,
        cast({{ direction_sign('words[word_no]') }} as decimal(22, 4)) as derived_value,
        cast(0 as decimal(22, 4)) as tolerance,
        'sign' as value_unit,
        cast([] as varchar[]) as figure_ids

    from direction_words

),

-- counts: the units printing the rule's table line
count_terms as (

    select * from {{ ref('int_rule_terms_resolved') }}
    where
        check_family = 'count' and term_role = 'part'
        and {{ in_batch() }}

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
        statements.claim_id,
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
        * exclude (truncation_margin),
        cast(null as varchar) as table_key,
        1 as published_count,
        2 as part_count,
        coalesce(truncation_margin, cast(0 as decimal(20, 4))) as truncation_margin
    from (
        select * from percent_checks
        union all by name
        select * from share_checks
        union all by name
        select * from direction_checks
        union all by name
        select * from difference_checks
        union all by name
        select * from word_checks
        union all by name
        select * from count_checks
    ) as checks

)

select * from final
