{#- The rounding rule, in one place (see README, "Reconciliation").

    Every printed figure is rounded to its last printed digit, so it may lie up
    to half of that digit from the value it stands for: 0.005 万元 for a figure
    printed in 万元 to the cent of 万元, 0.005 元 for one printed in 元 to the
    分, 0.5 元 for one printed in whole 元. A figure stated as the sum of
    printed parts may therefore differ from their sum by the half-digits of
    all the figures involved (the published one and every part). The same
    quantity printed twice at the same precision (one part, same half-digit)
    must be equal. -#}
{% macro tolerance_from_terms(half_unit, term_role) -%}
    cast(
        case
            when count(*) filter (where {{ term_role }} = 'part') = 1
                and count(*) filter (where {{ term_role }} = 'published') = 1
                and max({{ half_unit }}) = min({{ half_unit }})
                then 0
            else coalesce(sum({{ half_unit }}), 0)
        end as decimal(20, 4)
    )
{%- endmacro %}

{#- exact: no difference; rounding: within the tolerance; truncated: the
    published figure is its parts cut off, not rounded, at its last digit (it
    is below them by less than one unit of that digit: 204.91 万元 printed for
    2,049,197 元); mismatch: beyond that, or a figure the identity needs was
    not printed where its parts are; not_checked: a figure printed, none of its
    parts read (a row or column the reader could not place), so it is a reader
    note, not a finding and not a pass (a 0 with nothing to add up is exact) -#}
{% macro reconciliation_status(difference, tolerance, published_count='1', truncation_margin='0', part_count='1') -%}
    case
        when {{ part_count }} = 0 and ({{ difference }}) != 0 then 'not_checked'
        when ({{ difference }}) is null then 'mismatch'
        when {{ published_count }} = 0 and ({{ difference }}) != 0 then 'mismatch'
        when ({{ difference }}) = 0 then 'exact'
        when abs({{ difference }}) <= {{ tolerance }} then 'rounding'
        when ({{ difference }}) < 0 and -({{ difference }}) <= {{ tolerance }} + {{ truncation_margin }} then 'truncated'
        else 'mismatch'
    end
{%- endmacro %}

{#- Turn check terms (one row per figure taking part in a check: the published
    figure, role 'published', and its parts, role 'part', each with a sign)
    into one row per check, with the published and derived amounts in 元, the
    number of figures on each side and the tolerance. A check whose published
    figure is blank compares 0 with its parts. -#}
{% macro checks_from_terms(terms) -%}
    {#- grouped by the check alone, its other attributes carried from its
        published figure's term (the least of its parts' where none is published:
        a row's cells may print different labels, and a check reads the same in
        every build, whatever order its terms come in); the amounts and the figures' ids are aggregated apart and joined: one
        aggregation of both over millions of terms (1,000 documents) does not
        fit the memory limit, each alone does -#}
    select
        amounts.*,
        list_concat(coalesce(list_sort(ids.published_ids), []), coalesce(list_sort(ids.part_ids), [])) as figure_ids
    from (
        select
            doc_id,
            check_id,
            {{ published_term('check_family', 'term_role') }} as check_family,
            {{ published_term('rule_id', 'term_role') }} as rule_id,
            {{ published_term('table_key', 'term_role') }} as table_key,
            {{ published_term('unit_name', 'term_role') }} as unit_name,
            {{ published_term('subject_code', 'term_role') }} as subject_code,
            {{ published_term('description', 'term_role') }} as description,
            min(figure_id) filter (where term_role = 'published') as published_figure_id,
            cast(coalesce(sum(amount_yuan) filter (where term_role = 'published'), 0) as decimal(22, 4)) as published_value,
            cast(coalesce(sum(term_sign * amount_yuan) filter (where term_role = 'part'), 0) as decimal(22, 4)) as derived_value,
            cast(count(*) filter (where term_role = 'published') as integer) as published_count,
            cast(count(*) filter (where term_role = 'part') as integer) as part_count,
            {{ tolerance_from_terms('half_unit_yuan', 'term_role') }} as tolerance,
            cast(coalesce(max(half_unit_yuan) filter (where term_role = 'published'), 0) as decimal(20, 4)) as truncation_margin,
            '元' as value_unit
        from {{ terms }}
        group by doc_id, check_id
    ) as amounts
    inner join (
        select
            doc_id,
            check_id,
            list(figure_id) filter (where term_role = 'published') as published_ids,
            list(figure_id) filter (where term_role = 'part') as part_ids
        from {{ terms }}
        group by doc_id, check_id
    ) as ids
        on amounts.doc_id = ids.doc_id and amounts.check_id = ids.check_id
{%- endmacro %}

{#- A check's attribute as its published figure's term gives it, else its parts' least: one value in
    every build, where any_value would give whichever term came first -#}
{% macro published_term(column, term_role) -%}
    coalesce(min({{ column }}) filter (where {{ term_role }} = 'published'), min({{ column }}))
{%- endmacro %}

{#- A department name left as the template's placeholder: 上海市XX局, ××单位, 某某部门 -#}
{% macro placeholder_pattern() -%}
    '(XX|ＸＸ|××|xx|某某|\*\*)'
{%- endmacro %}

{#- What the reader could not place, among the structural checks: reader notes
    (rpt_reader_notes), never findings (rpt_findings) -#}
{% macro reader_note_kinds() -%}
    ('unknown_row', 'unknown_column', 'orphan_code', 'duplicate_line', 'unconfirmed_table', 'table_not_found', 'catalogue_name')
{%- endmacro %}
