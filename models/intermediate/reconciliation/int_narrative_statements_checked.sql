-- family 6, what the narrative says about two of its figures: a percentage
-- of change recomputed from them (percent), and the direction word it uses
-- (增加/减少/持平, 大于/小于/等于, 增长/下降) against their difference
-- (direction). Percentages are checked under the rounding of the amounts
-- they are computed from: every value the printed amounts may stand for is
-- tried, and a printed percentage outside that range, rounded as printed, is
-- a mismatch. A change from 0 has no percentage and is not checked.
with

figures as (

    select * from {{ ref('int_figures_unioned') }}
    where source_kind = 'narrative'

),

claims as (

    select * from {{ ref('int_claims_unioned') }}

),

rule_terms as (

    select * from {{ ref('int_rule_terms_resolved') }}
    where check_family in ('percent', 'direction')

),

-- one row per claim and rule, with the figures in their roles
statements as (

    select
        claims.doc_id,
        claims.claim_id,
        claims.subject_code,
        claims.subject_as_printed,
        claims.direction_as_printed,
        rule_terms.rule_id,
        rule_terms.check_family,
        rule_terms.description,
        max(figures.value_as_printed) filter (where rule_terms.term_role = 'published') as printed_value,
        max(figures.printed_decimals) filter (where rule_terms.term_role = 'published') as printed_decimals,
        max(figures.figure_id) filter (where rule_terms.term_role = 'published') as published_figure_id,
        max(figures.value_as_printed) filter (where rule_terms.term_role = 'current') as current_value,
        max(figures.half_unit_yuan / figures.yuan_factor) filter (where rule_terms.term_role = 'current') as current_half,
        max(figures.value_as_printed) filter (where rule_terms.term_role = 'prior') as prior_value,
        max(figures.half_unit_yuan / figures.yuan_factor) filter (where rule_terms.term_role = 'prior') as prior_half,
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

percentages as (

    select
        *,
        abs(current_value / prior_value - 1) * 100 as point_value,
        (current_value - current_half) / (prior_value + prior_half) - 1 as low_ratio,
        (current_value + current_half) / (prior_value - prior_half) - 1 as high_ratio,
        0.5 * pow(10, -printed_decimals) as printed_half

    from statements
    where
        check_family = 'percent'
        and printed_value is not null
        and current_value is not null
        and prior_value > prior_half

),

percent_checks as (

    select
        doc_id,
        'percent:' || rule_id || ':' || claim_id as check_id,
        'percent' as check_family,
        rule_id,
        subject_code,
        coalesce(subject_as_printed || ': ', '') || description as description,
        published_figure_id,
        cast(printed_value as decimal(22, 4)) as published_value,
        cast(round(point_value, printed_decimals) as decimal(22, 4)) as derived_value,
        cast(
            greatest(
                abs(greatest(abs(low_ratio), abs(high_ratio)) * 100 - point_value),
                abs(case when low_ratio < 0 and high_ratio > 0 then 0 else least(abs(low_ratio), abs(high_ratio)) end * 100 - point_value)
            ) + printed_half as decimal(22, 4)
        ) as tolerance,
        '%' as value_unit,
        figure_ids

    from percentages

),

directions as (

    select
        *,
        case
            when direction_as_printed in ('增加', '增长', '大于', '上升', '高于') then 1
            when direction_as_printed in ('减少', '下降', '小于', '降低', '低于') then -1
            when direction_as_printed in ('持平', '等于', '相同', '一致', '不变') then 0
        end as stated_sign

    from statements
    where check_family = 'direction' and direction_as_printed is not null and current_value is not null and prior_value is not null

),

direction_checks as (

    select
        doc_id,
        'direction:' || rule_id || ':' || claim_id as check_id,
        'direction' as check_family,
        rule_id,
        subject_code,
        coalesce(subject_as_printed || ': ', '') || '“' || direction_as_printed || '” ' || description as description,
        cast(null as varchar) as published_figure_id,
        cast(stated_sign as decimal(22, 4)) as published_value,
        cast(sign(current_value - prior_value) as decimal(22, 4)) as derived_value,
        cast(0 as decimal(22, 4)) as tolerance,
        'sign' as value_unit,
        figure_ids

    from directions

),

final as (

    select
        doc_id,
        check_id,
        check_family,
        rule_id,
        cast(null as varchar) as table_key,
        cast(null as varchar) as unit_name,
        subject_code,
        description,
        published_figure_id,
        published_value,
        derived_value,
        1 as published_count,
        2 as part_count,
        tolerance,
        cast(0 as decimal(20, 4)) as truncation_margin,
        value_unit,
        figure_ids
    from percent_checks
    union all by name
    select
        doc_id,
        check_id,
        check_family,
        rule_id,
        cast(null as varchar) as table_key,
        cast(null as varchar) as unit_name,
        subject_code,
        description,
        published_figure_id,
        published_value,
        derived_value,
        1 as published_count,
        2 as part_count,
        tolerance,
        cast(0 as decimal(20, 4)) as truncation_margin,
        value_unit,
        figure_ids
    from direction_checks

)

select * from final
