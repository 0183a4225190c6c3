{#- The key of a column of printed figures, computed once as one value so a
    join on it is a join on one equality (a hash join, however many documents):
    the document, the table, the measure, its basis, side and fund, and (unless
    with_unit=false) the unit. The parts that are compared as equals only when
    both are filled (doc_id, table_order, measure_key, basis) make the key NULL
    when empty, so such a line joins nothing; the parts a line may leave empty
    (side, fund_key, unit_name) take a marker no value is spelled with, so two
    empty parts are the same column (as `is not distinct from` would say). -#}
{% macro same_column(relation=none, with_unit=true) -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {%- set parts = [
        prefix ~ 'doc_id',
        'cast(' ~ prefix ~ 'table_order as varchar)',
        prefix ~ 'measure_key',
        prefix ~ 'basis',
        "coalesce(" ~ prefix ~ "side, chr(0))",
        "coalesce(" ~ prefix ~ "fund_key, chr(0))",
    ] -%}
    {%- if with_unit -%}
        {%- do parts.append("coalesce(" ~ prefix ~ "unit_name, chr(0))") -%}
    {%- endif -%}
    ({{ parts | join(" || chr(31) || ") }})
{%- endmacro %}
