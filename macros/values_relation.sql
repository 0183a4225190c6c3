{#- A small constant relation written in a model (identity rules, mappings):
    one select per row, unioned, so it lints and reads like any other CTE.
    rows is a list of tuples in the order of column_names (or of single
    values, for a relation of one column). -#}
{% macro values_relation(column_names, rows) -%}
    {%- set selects = [] -%}
    {%- for row in rows -%}
        {%- set row = [row] if row is string or row is number else row -%}
        {%- set cells = [] -%}
        {%- for value in row -%}
            {%- set literal = "'" ~ value ~ "'" if value is string else value -%}
            {%- do cells.append(literal ~ ' as ' ~ column_names[loop.index0]) -%}
        {%- endfor -%}
        {%- do selects.append('select ' ~ cells | join(', ')) -%}
    {%- endfor -%}
    {{ selects | join('\n    union all\n    ') }}
{%- endmacro %}
