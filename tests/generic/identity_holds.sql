{#- Every identity of a reconciliation family holds within the document's
    rounding rule (macros/reconciliation.sql): the rows returned are the
    mismatches, with the check, its description, the published and derived
    amounts, the difference and the tolerance. rpt_reconciliation applies the
    same two macros, so the register and this test cannot disagree. -#}
{% test identity_holds(
    model,
    published_column='published_amount',
    derived_column='derived_amount',
    rule_column='tolerance_rule',
    count_column='term_count'
) -%}

with

checked as (

    select
        *,
        {{ published_column }} - {{ derived_column }} as difference,
        {{ rounding_tolerance(rule_column, count_column) }} as tolerance

    from {{ model }}

)

select * from checked
where {{ reconciliation_status('difference', 'tolerance') }} = 'mismatch'

{%- endtest %}
