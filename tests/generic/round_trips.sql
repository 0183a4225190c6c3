{#- A re-rendered table (one row per cell: row_kind, unit_name, subject_code,
    line_key, seed_column, amount, term_count) against the figures the
    document prints in that table. Returned: cells printed but not
    re-rendered, cells re-rendered but not printed, and cells whose values
    differ beyond the rounding rule (a re-rendered sum of k facts may differ
    from the printed figure by 0.005 × (k + 1); a single fact must be equal).
    published_line_key computes the same line_key from fct_published_figure's
    columns; excluded names published figures the marts do not carry. -#}
{% test round_trips(model, table_no, published_line_key='cast(null as varchar)', excluded='false') -%}

with

rendered as (

    select * from {{ model }}

),

published as (

    select
        *,
        {{ published_line_key }} as line_key
    from {{ ref('fct_published_figure') }}
    where table_no = {{ table_no }} and not ({{ excluded }})

),

compared as (

    select
        coalesce(published.doc_id, rendered.doc_id) as doc_id,
        {{ table_no }} as table_no,
        coalesce(published.row_kind, rendered.row_kind) as row_kind,
        coalesce(published.unit_name, rendered.unit_name) as unit_name,
        coalesce(published.subject_code, rendered.subject_code) as subject_code,
        coalesce(published.line_key, rendered.line_key) as line_key,
        coalesce(published.seed_column, rendered.seed_column) as seed_column,
        published.figure_id,
        published.source_line,
        published.row_label,
        published.amount as published_amount,
        rendered.amount as derived_amount,
        rendered.term_count,
        published.amount - rendered.amount as difference,
        {{ rounding_tolerance("'sum'", 'rendered.term_count') }} as tolerance

    from published
    full outer join rendered
        on
            published.doc_id = rendered.doc_id
            and published.row_kind = rendered.row_kind
            and published.unit_name is not distinct from rendered.unit_name
            and published.subject_code is not distinct from rendered.subject_code
            and published.line_key is not distinct from rendered.line_key
            and published.seed_column = rendered.seed_column

)

select * from compared
where {{ reconciliation_status('difference', 'tolerance') }} = 'mismatch'

{%- endtest %}
