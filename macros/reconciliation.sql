{#- The document's rounding rule, in one place (see README, "Reconciliation").
    Every printed figure is rounded to 0.01 万元, so it may lie up to half a
    cent from the value it stands for:
    - 'sum':  a figure stated as the sum of k >= 2 printed figures may differ
              from their sum by up to 0.005 × (k + 1) (k + 1 roundings);
              with a single part it is the same quantity, so it must be equal;
    - 'same': the same quantity printed twice must be equal;
    - 'count' and 'percent': counts, and percentages recomputed and rounded as
              printed, must be equal. -#}
{% macro rounding_tolerance(tolerance_rule, term_count) -%}
    cast(
        case
            when {{ tolerance_rule }} = 'sum' and {{ term_count }} >= 2
                then {{ var('rounding_half_unit') }} * ({{ term_count }} + 1)
            else 0
        end as decimal(18, 3)
    )
{%- endmacro %}

{#- exact: no difference; rounding: within the tolerance; mismatch: beyond it,
    or nothing to compare with -#}
{% macro reconciliation_status(difference, tolerance) -%}
    case
        when {{ difference }} is null then 'mismatch'
        when {{ difference }} = 0 then 'exact'
        when abs({{ difference }}) <= {{ tolerance }} then 'rounding'
        else 'mismatch'
    end
{%- endmacro %}

{#- Turn check terms (one row per figure taking part in a check: the
    published figure, role 'published', and its parts, role 'part', each with
    a sign) into one row per check. A check with no parts derives 0. -#}
{% macro checks_from_terms(terms) -%}
    select
        doc_id,
        check_id,
        check_family,
        table_no,
        unit_name,
        subject_code,
        description,
        tolerance_rule,
        sum(amount) filter (where term_role = 'published') as published_amount,
        coalesce(sum(term_sign * amount) filter (where term_role = 'part'), 0) as derived_amount,
        count(amount) filter (where term_role = 'part') as term_count,
        list(figure_id order by term_role desc, figure_id) filter (where figure_id is not null) as figure_ids
    from {{ terms }}
    group by
        doc_id,
        check_id,
        check_family,
        table_no,
        unit_name,
        subject_code,
        description,
        tolerance_rule
{%- endmacro %}
